/* store_change.c: change requests, their evidence files and events, and
 * the freeze of a student whose credential is registered. */
#include <string.h>

#include "store_impl.h"

#define REQ_SELECT \
	"SELECT r.id, r.student_id, r.kind, r.old, r.new, r.evidence, r.levels," \
	" r.note, r.origin, r.requested_by, r.requested_on, r.register_shows, r.filing," \
	" (SELECT group_concat(by_whom) FROM (SELECT by_whom FROM change_event" \
	"   WHERE request_id = r.id AND kind = 'approve' ORDER BY id))," \
	" (SELECT group_concat(text) FROM (SELECT text FROM change_event" \
	"   WHERE request_id = r.id AND kind = 'evidence' ORDER BY id))," \
	" CASE WHEN EXISTS(SELECT 1 FROM change_event WHERE request_id = r.id" \
	"   AND kind = 'reject') THEN 'rejected'" \
	"  WHEN EXISTS(SELECT 1 FROM change_event WHERE request_id = r.id" \
	"   AND kind = 'apply') THEN 'applied' ELSE 'pending' END," \
	" (SELECT text FROM change_event WHERE request_id = r.id AND kind = 'filed')," \
	" s.exam_no, s.name," \
	" (SELECT text FROM change_event WHERE request_id = r.id AND kind = 'reject')," \
	" (SELECT on_date FROM change_event WHERE request_id = r.id" \
	"   AND kind IN ('apply', 'reject')), r.required" \
	" FROM change_request r JOIN student s ON s.id = r.student_id"

static void read_req(sqlite3_stmt *s, struct xj_change_req *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->student_id = sqlite3_column_int64(s, 1);
	xj_store_take(&r->kind, s, 2);
	xj_store_take(&r->old, s, 3);
	xj_store_take(&r->new_, s, 4);
	xj_store_take(&r->evidence, s, 5);
	if (*xj_store_col(s, 14)) {   /* evidence added since: a list either way */
		if (r->evidence.len)
			xj_sb_adds(&r->evidence, ",");
		xj_sb_adds(&r->evidence, xj_store_col(s, 14));
	}
	xj_store_take(&r->levels, s, 6);
	xj_store_take(&r->note, s, 7);
	xj_store_take(&r->origin, s, 8);
	xj_store_take(&r->requested_by, s, 9);
	xj_store_take(&r->requested_on, s, 10);
	r->register_shows = sqlite3_column_int(s, 11);
	r->filing = sqlite3_column_int(s, 12);
	xj_store_take(&r->approvers, s, 13);
	xj_store_take(&r->state, s, 15);
	xj_store_take(&r->filed, s, 16);
	xj_store_take(&r->exam_no, s, 17);
	xj_store_take(&r->name, s, 18);
	xj_store_take(&r->rejected, s, 19);
	xj_store_take(&r->decided_on, s, 20);
	xj_store_take(&r->required, s, 21);
}

void xj_store_change_req_release(struct xj_change_req *r)
{
	struct xj_sb *all[] = { &r->kind, &r->old, &r->new_, &r->evidence, &r->levels,
				&r->note, &r->origin, &r->requested_by, &r->requested_on,
				&r->approvers, &r->state, &r->filed, &r->exam_no, &r->name,
				&r->rejected, &r->decided_on, &r->required };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		xj_sb_release(all[i]);
	memset(r, 0, sizeof(*r));
}

int xj_store_change_add(struct xj_store *st, long long student_id,
			const struct xj_change_req *r, long long *id,
			struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO change_request(student_id, kind, old,"
			       " new, evidence, register_shows, levels, filing, note, origin,"
			       " requested_by, requested_on, command_id, audit_id, required)"
			       " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record the request");
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, r->kind.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->old.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->new_.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->evidence.buf ? r->evidence.buf : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, r->register_shows);
	sqlite3_bind_text(s, 7, r->levels.buf, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 8, r->filing);
	xj_store_bind_text(s, 9, r->note.buf);
	xj_store_bind_text(s, 10, r->origin.buf);
	sqlite3_bind_text(s, 11, r->requested_by.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 13, st->command_id);
	sqlite3_bind_int64(s, 14, st->last_id);
	sqlite3_bind_text(s, 15, r->required.buf ? r->required.buf : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the request");
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_change_file(struct xj_store *st, long long request_id, const char *name,
			 const char *sha256, const void *data, long size,
			 struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO change_file(request_id, name, sha256,"
			       " size, data, command_id) VALUES(?,?,?,?,?,?)", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "keep the evidence file");
	sqlite3_bind_int64(s, 1, request_id);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, size);
	sqlite3_bind_blob(s, 5, size ? data : "", (int)size, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "keep the evidence file");
	return 0;
}

struct file_walk {
	void (*fn)(void *, const char *name, const char *sha256, long size);
	void *ctx;
};

static int file_row(sqlite3_stmt *s, void *walk)
{
	struct file_walk *w = walk;

	w->fn(w->ctx, xj_store_col(s, 0), xj_store_col(s, 1), (long)sqlite3_column_int64(s, 2));
	return 0;
}

int xj_store_change_files(struct xj_store *st, long long request_id,
			  void (*fn)(void *, const char *name, const char *sha256, long size),
			  void *ctx, struct xj_error *err)
{
	struct file_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT name, sha256, size FROM change_file"
			       " WHERE request_id = ? ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the evidence files");
	sqlite3_bind_int64(s, 1, request_id);
	rc = xj_store_each(st, s, file_row, &w, "read the evidence files", err);
	sqlite3_finalize(s);
	return rc;
}

int xj_store_change_event(struct xj_store *st, long long request_id, const char *kind,
			  const char *who, const char *text, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO change_event(request_id, kind, by_whom,"
			       " text, on_date, command_id, audit_id) VALUES(?,?,?,?,?,?,?)",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record the step");
	sqlite3_bind_int64(s, 1, request_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, who, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 4, text);
	sqlite3_bind_text(s, 5, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, st->command_id);
	sqlite3_bind_int64(s, 7, st->last_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the step");
	return 0;
}

int xj_store_change_get(struct xj_store *st, long long id, struct xj_change_req *r,
			struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, REQ_SELECT " WHERE r.id = ?", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the request");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_req(s, r);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the request");
	return rc == SQLITE_ROW;
}

/* The request is read into the same buffers row after row. */
struct req_walk {
	struct xj_change_req r;
	int (*fn)(void *, const struct xj_change_req *);
	void *ctx;
};

static int req_row(sqlite3_stmt *s, void *walk)
{
	struct req_walk *w = walk;

	read_req(s, &w->r);
	return w->fn(w->ctx, &w->r) != 0;
}

int xj_store_change_each(struct xj_store *st, long long student_id,
			 int (*fn)(void *, const struct xj_change_req *), void *ctx,
			 struct xj_error *err)
{
	struct req_walk w;
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, REQ_SELECT " WHERE ?1 = 0 OR r.student_id = ?1"
			       " ORDER BY r.id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the requests");
	sqlite3_bind_int64(s, 1, student_id);
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.ctx = ctx;
	rc = xj_store_each(st, s, req_row, &w, "read the requests", err);
	xj_store_change_req_release(&w.r);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

int xj_store_freeze_add(struct xj_store *st, long long student_id, const char *since,
			const char *reason, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO freeze(student_id, since, reason,"
			       " command_id) VALUES(?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record the freeze");
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the freeze");
	return 0;
}

int xj_store_frozen(struct xj_store *st, long long student_id, struct xj_sb *since,
		    struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT since, reason FROM freeze WHERE student_id = ?"
			       " ORDER BY id LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the freeze");
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && since) {
		xj_sb_reset(since);
		xj_sb_addf(since, "%s (%s)", xj_store_col(s, 0), xj_store_col(s, 1));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the freeze");
	return rc == SQLITE_ROW;
}

int xj_store_filing_pending(struct xj_store *st, long long student_id,
			    struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc, n = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM change_request r"
			       " WHERE r.student_id = ? AND r.filing = 1"
			       " AND EXISTS(SELECT 1 FROM change_event WHERE request_id = r.id"
			       "  AND kind = 'apply')"
			       " AND NOT EXISTS(SELECT 1 FROM change_event WHERE request_id = r.id"
			       "  AND kind = 'filed')", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the filings");
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return xj_store_fail(st, err, "read the filings");
	return n;
}

int xj_store_change_approval(struct xj_store *st, long long audit_id,
			     struct xj_change_approval *a, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	/* the level is the approval's place among the request's approvals */
	if (sqlite3_prepare_v2(st->db, "SELECT e.request_id, (SELECT count(*) FROM"
			       " change_event x WHERE x.request_id = e.request_id"
			       "  AND x.kind = 'approve' AND x.id <= e.id),"
			       " e.by_whom, e.text, s.exam_no, r.kind, r.old, r.new"
			       " FROM change_event e JOIN change_request r ON r.id = e.request_id"
			       " JOIN student s ON s.id = r.student_id"
			       " WHERE e.audit_id = ? AND e.kind = 'approve'"
			       " ORDER BY e.id LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the approvals");
	sqlite3_bind_int64(s, 1, audit_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_store_change_approval_release(a);
		a->request = sqlite3_column_int64(s, 0);
		a->level = sqlite3_column_int(s, 1);
		xj_store_take(&a->signer, s, 2);
		xj_store_take(&a->role, s, 3);
		xj_store_take(&a->exam_no, s, 4);
		xj_store_take(&a->kind, s, 5);
		xj_store_take(&a->old, s, 6);
		xj_store_take(&a->new_, s, 7);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the approvals");
	return rc == SQLITE_ROW;
}

void xj_store_change_approval_release(struct xj_change_approval *a)
{
	struct xj_sb *all[] = { &a->signer, &a->role, &a->exam_no, &a->kind, &a->old,
				&a->new_ };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		xj_sb_release(all[i]);
	memset(a, 0, sizeof(*a));
}

struct statement_walk {
	int (*fn)(void *, const char *signer, const char *statement);
	void *ctx;
};

static int statement_row(sqlite3_stmt *s, void *walk)
{
	struct statement_walk *w = walk;

	return w->fn(w->ctx, xj_store_col(s, 0), xj_store_col(s, 1)) != 0;
}

int xj_store_change_statements(struct xj_store *st, long long id,
			       int (*fn)(void *, const char *signer, const char *statement),
			       void *ctx, struct xj_error *err)
{
	struct statement_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT d.signer, d.statement FROM change_event e"
			       " JOIN decision_sig d ON d.audit_id = e.audit_id"
			       " WHERE e.request_id = ? AND e.kind = 'approve'"
			       " AND d.statement IS NOT NULL ORDER BY e.id", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the approvals");
	sqlite3_bind_int64(s, 1, id);
	rc = xj_store_each(st, s, statement_row, &w, "read the approvals", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}
