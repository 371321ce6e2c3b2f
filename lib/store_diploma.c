/* store_diploma.c: certificates and their events. */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

#define CERT_SELECT \
	"SELECT c.id, c.student_id, ifnull(c.original_id, 0), c.kind," \
	" ifnull((SELECT text FROM cert_event WHERE cert_id = c.id AND kind = 'conclusion'" \
	"   ORDER BY id DESC LIMIT 1), c.conclusion)," \
	" c.number, c.issued_on, c.principal, c.reason, c.applied_on," \
	" ifnull((SELECT kind FROM cert_event WHERE cert_id = c.id AND kind IN" \
	"   ('submitted', 'registered', 'failed', 'lost', 'damaged', 'revoked')" \
	"   ORDER BY id DESC LIMIT 1), 'issued')," \
	" (SELECT text FROM cert_event WHERE cert_id = c.id ORDER BY id DESC LIMIT 1)," \
	" EXISTS(SELECT 1 FROM cert_event WHERE cert_id = c.id AND kind = 'registered')," \
	" EXISTS(SELECT 1 FROM cert_event WHERE cert_id = c.id AND kind = 'marked')," \
	" EXISTS(SELECT 1 FROM cert_event WHERE cert_id = c.id AND kind = 'revoked')," \
	" s.exam_no, s.name, s.cohort" \
	" FROM certificate c JOIN student s ON s.id = c.student_id"

static void read_cert(sqlite3_stmt *s, struct xj_cert *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->student_id = sqlite3_column_int64(s, 1);
	c->original_id = sqlite3_column_int64(s, 2);
	xj_store_take(&c->kind, s, 3);
	xj_store_take(&c->conclusion, s, 4);
	xj_store_take(&c->number, s, 5);
	xj_store_take(&c->issued_on, s, 6);
	xj_store_take(&c->principal, s, 7);
	xj_store_take(&c->reason, s, 8);
	xj_store_take(&c->applied_on, s, 9);
	xj_store_take(&c->state, s, 10);
	xj_store_take(&c->note, s, 11);
	c->registered = sqlite3_column_int(s, 12);
	c->marked = sqlite3_column_int(s, 13);
	c->revoked = sqlite3_column_int(s, 14);
	xj_store_take(&c->exam_no, s, 15);
	xj_store_take(&c->name, s, 16);
	c->cohort = sqlite3_column_int(s, 17);
}

void xj_store_cert_release(struct xj_cert *c)
{
	struct xj_sb *all[] = { &c->kind, &c->conclusion, &c->number, &c->issued_on,
				&c->principal, &c->reason, &c->applied_on, &c->state, &c->note,
				&c->exam_no, &c->name };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		xj_sb_release(all[i]);
	memset(c, 0, sizeof(*c));
}

int xj_store_cert_add(struct xj_store *st, long long student_id, const struct xj_cert *c,
		      long long *id, struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!(s = xj_store_stmt(st, &st->q.cert_add, "INSERT INTO certificate(student_id, kind, conclusion,"
			       " number, issued_on, original_id, principal, reason, applied_on,"
			       " command_id) VALUES(?,?,?,?,?,?,?,?,?,?)", err)))
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, c->kind.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->conclusion.buf, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 4, c->number.buf);
	sqlite3_bind_text(s, 5, c->issued_on.buf, -1, SQLITE_STATIC);
	if (c->original_id)
		sqlite3_bind_int64(s, 6, c->original_id);
	xj_store_bind_text(s, 7, c->principal.buf);
	xj_store_bind_text(s, 8, c->reason.buf);
	xj_store_bind_text(s, 9, c->applied_on.buf);
	sqlite3_bind_int64(s, 10, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the certificate");
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_cert_event(struct xj_store *st, long long cert_id, const char *kind,
			const char *text, const char *who, struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!(s = xj_store_stmt(st, &st->q.cert_event, "INSERT INTO cert_event(cert_id, kind, text, by_whom,"
			       " on_date, command_id) VALUES(?,?,?,?,?,?)", err)))
		return -1;
	sqlite3_bind_int64(s, 1, cert_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 3, text);
	sqlite3_bind_text(s, 4, who ? who : (st->user ? st->user : st->login), -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the certificate's step");
	return 0;
}

/* One certificate by a WHERE clause on an int64; 1 found, 0 none. */
static const char *const cert_where[] = {
	CERT_SELECT " WHERE c.id = ?1 ORDER BY c.id DESC LIMIT 1",
	CERT_SELECT " WHERE c.student_id = ?1 AND c.kind = ?2 ORDER BY c.id DESC LIMIT 1",
	CERT_SELECT " WHERE c.original_id = ?1 ORDER BY c.id DESC LIMIT 1",
};

static int cert_one(struct xj_store *st, int which, long long v, const char *kind,
		    struct xj_cert *c, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.cert_one[which], cert_where[which], err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, v);
	if (kind)
		sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_cert(s, c);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the certificates");
	return rc == SQLITE_ROW;
}

int xj_store_cert_get(struct xj_store *st, long long id, struct xj_cert *c,
		      struct xj_error *err)
{
	return cert_one(st, 0, id, NULL, c, err);
}

int xj_store_cert_of(struct xj_store *st, long long student_id, const char *kind,
		     struct xj_cert *c, struct xj_error *err)
{
	return cert_one(st, 1, student_id, kind, c, err);
}

int xj_store_cert_proof_of(struct xj_store *st, long long original_id, struct xj_cert *c,
			   struct xj_error *err)
{
	return cert_one(st, 2, original_id, NULL, c, err);
}

int xj_store_cert_each(struct xj_store *st, int cohort,
		       int (*fn)(void *, const struct xj_cert *), void *ctx,
		       struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_cert c;
	int rc;

	if (sqlite3_prepare_v2(st->db, CERT_SELECT " WHERE ?1 = 0 OR s.cohort = ?1"
			       " ORDER BY s.exam_no, c.id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the certificates");
	sqlite3_bind_int(s, 1, cohort);
	memset(&c, 0, sizeof(c));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_cert(s, &c);
		if (fn(ctx, &c)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	xj_store_cert_release(&c);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the certificates");
	return 0;
}

int xj_store_cert_events(struct xj_store *st, long long cert_id,
			 int (*fn)(void *, const char *kind, const char *text,
				   const char *by, const char *on), void *ctx,
			 struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT kind, text, by_whom, on_date FROM cert_event"
			       " WHERE cert_id = ? ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the certificate's steps");
	sqlite3_bind_int64(s, 1, cert_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(ctx, xj_store_col(s, 0), xj_store_col(s, 1), xj_store_col(s, 2), xj_store_col(s, 3))) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the certificate's steps");
	return 0;
}

/* json_extract of each path in one statement, rather than a json_each
 * statement per row: a certificate's check reads three rows of results for
 * every student, and the rows are parsed once here (SQLite keeps the parse
 * for the statement's next path).  Their values are always strings, so
 * NULL is a key the row does not have. */
int xj_store_source_fields(struct xj_store *st, long long student_id, const char *source,
			   const char *const paths[XJ_SOURCE_FIELDS],
			   void (*fn)(void *, const char *const vals[XJ_SOURCE_FIELDS]),
			   void *ctx, struct xj_error *err)
{
	const char *vals[XJ_SOURCE_FIELDS];
	sqlite3_stmt *s;
	int i, rc;

	if (!(s = xj_store_stmt(st, &st->q.source_fields, "SELECT json_extract(data, ?3),"
			       " json_extract(data, ?4), json_extract(data, ?5),"
			       " json_extract(data, ?6), json_extract(data, ?7) FROM source_row"
			       " WHERE student_id = ?1 AND source = ?2 ORDER BY id", err)))
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_STATIC);
	for (i = 0; i < XJ_SOURCE_FIELDS; i++)
		if (paths[i])
			sqlite3_bind_text(s, 3 + i, paths[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 3 + i);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < XJ_SOURCE_FIELDS; i++)
			vals[i] = (const char *)sqlite3_column_text(s, i);
		fn(ctx, vals);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the source rows");
	return 0;
}
