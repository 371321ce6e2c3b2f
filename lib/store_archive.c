/* store_archive.c: the student archive's holdings, their steps, and the
 * fixity checks of the electronic copies. */
#include <string.h>

#include "store_impl.h"

int xj_store_holding_add(struct xj_store *st, long long student_id,
			 const struct xj_holding *h, long long *id, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.holding_add,
		"INSERT INTO holding(student_id, kind, paper, location, sha256, size, media,"
		" name, by_whom, on_date, command_id) VALUES(?,?,?,?,?,?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, h->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, h->paper);
	xj_store_bind_text(s, 4, h->location);
	xj_store_bind_text(s, 5, h->sha256);
	if (h->sha256)
		sqlite3_bind_int64(s, 6, h->size);
	xj_store_bind_text(s, 7, h->media);
	xj_store_bind_text(s, 8, h->name);
	sqlite3_bind_text(s, 9, h->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 11, st->command_id);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_holding_event(struct xj_store *st, long long student_id, long long holding_id,
			   const char *kind, const char *to, const char *text, const char *due,
			   const char *who, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.holding_event,
		"INSERT INTO holding_event(student_id, holding_id, kind, to_whom, text, due,"
		" by_whom, on_date, command_id) VALUES(?,?,?,?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	if (holding_id)
		sqlite3_bind_int64(s, 2, holding_id);
	sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 4, to);
	xj_store_bind_text(s, 5, text);
	xj_store_bind_text(s, 6, due);
	sqlite3_bind_text(s, 7, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, st->command_id);
	return xj_store_step_done(st, s, err);
}

struct holding_walk {
	int (*fn)(void *, const struct xj_holding *);
	void *ctx;
};

static int holding_row(sqlite3_stmt *s, void *walk)
{
	struct holding_walk *w = walk;
	struct xj_holding h;

	h.id = sqlite3_column_int64(s, 0);
	h.kind = xj_store_col(s, 1);
	h.paper = sqlite3_column_int(s, 2);
	h.location = xj_store_col(s, 3);
	h.sha256 = xj_store_col(s, 4);
	h.size = (long)sqlite3_column_int64(s, 5);
	h.media = xj_store_col(s, 6);
	h.name = xj_store_col(s, 7);
	h.by = xj_store_col(s, 8);
	h.on = xj_store_col(s, 9);
	h.checked_by = xj_store_col(s, 10);
	h.filed_at = xj_store_col(s, 11);
	return w->fn(w->ctx, &h) != 0;   /* a stop, never a failure */
}

int xj_store_holding_each(struct xj_store *st, long long student_id,
			  int (*fn)(void *, const struct xj_holding *), void *ctx,
			  struct xj_error *err)
{
	struct holding_walk w = { fn, ctx };
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.holding_each,
		"SELECT h.id, h.kind, h.paper, h.location, h.sha256, ifnull(h.size, 0), h.media,"
		" h.name, h.by_whom, h.on_date,"
		" (SELECT by_whom FROM holding_event e WHERE e.holding_id = h.id"
		"   AND e.kind = 'check' ORDER BY e.id DESC LIMIT 1),"
		" (SELECT text FROM holding_event e WHERE e.holding_id = h.id"
		"   AND e.kind = 'file' ORDER BY e.id DESC LIMIT 1)"
		" FROM holding h WHERE h.student_id = ? ORDER BY h.id", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	return xj_store_each(st, s, holding_row, &w, "read the archive", err) < 0 ? -1 : 0;
}

/* One step of the custody, in order: the last of each kind stands. */
static int custody_row(sqlite3_stmt *s, void *custody)
{
	struct xj_custody *c = custody;
	const char *kind = xj_store_col(s, 0);

	if (!strcmp(kind, "lend")) {
		xj_store_take(&c->lent_to, s, 1);
		xj_store_take(&c->due, s, 3);
	} else if (!strcmp(kind, "return")) {
		xj_sb_reset(&c->lent_to);
		xj_sb_reset(&c->due);
	} else {
		xj_sb_reset(&c->moved_to);
		xj_sb_addf(&c->moved_to, "%s (%s)", xj_store_col(s, 1), xj_store_col(s, 4));
	}
	return 0;
}

int xj_store_custody(struct xj_store *st, long long student_id, struct xj_custody *c,
		     struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.custody,
		"SELECT kind, to_whom, text, due, on_date FROM holding_event WHERE"
		" student_id = ? AND kind IN ('lend', 'return', 'transfer') ORDER BY id", err);

	if (!s)
		return -1;
	xj_sb_reset(&c->lent_to);
	xj_sb_reset(&c->due);
	xj_sb_reset(&c->moved_to);
	sqlite3_bind_int64(s, 1, student_id);
	return xj_store_each(st, s, custody_row, c, "read the archive's custody", err);
}

int xj_store_paper_held(struct xj_store *st, long long student_id, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT EXISTS(SELECT 1 FROM holding WHERE student_id = ?"
			       " AND paper = 1)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the archive");
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) :
	     xj_store_fail(st, err, "read the archive");
	sqlite3_finalize(s);
	return rc;
}

void xj_store_custody_release(struct xj_custody *c)
{
	xj_sb_release(&c->lent_to);
	xj_sb_release(&c->due);
	xj_sb_release(&c->moved_to);
}

int xj_store_fixity_add(struct xj_store *st, const char *sha256, const char *result,
			struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.fixity_add,
		"INSERT INTO fixity(sha256, result, on_date, command_id) VALUES(?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, result, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, xj_store_business(st), 10, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->command_id);
	return xj_store_step_done(st, s, err);
}

struct file_walk {
	int (*fn)(void *, const char *sha256, long size);
	void *ctx;
};

static int file_row(sqlite3_stmt *s, void *walk)
{
	struct file_walk *w = walk;

	return w->fn(w->ctx, xj_store_col(s, 0), (long)sqlite3_column_int64(s, 1)) != 0;
}

int xj_store_archived_files(struct xj_store *st, long sample,
			    int (*fn)(void *, const char *sha256, long size), void *ctx,
			    struct xj_error *err)
{
	struct file_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	/* a sample is drawn at random, so every file is checked in time */
	if (sqlite3_prepare_v2(st->db, sample ?
			       "SELECT sha256, max(size) FROM holding WHERE sha256 IS NOT NULL"
			       " GROUP BY sha256 ORDER BY random() LIMIT ?" :
			       "SELECT sha256, max(size) FROM holding WHERE sha256 IS NOT NULL"
			       " GROUP BY sha256 ORDER BY sha256", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the archive");
	if (sample)
		sqlite3_bind_int64(s, 1, sample);
	rc = xj_store_each(st, s, file_row, &w, "read the archive", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

/* --- the files kept, beside what the log recorded (P20) ----------------------
 * A file is matched with the entry that brought it in by place: the n-th
 * copy a command collected for a student is the n-th archive-collect entry
 * with a copy of that command and student; the n-th evidence file a command
 * kept for a request is the n-th of the files its request or evidence
 * entries of that command list.  A row added, changed or removed behind the
 * log then has no entry, or one that says otherwise.  ?1: a student, or 0. */

#define COPIES_LOGGED \
	"WITH h AS (SELECT h.id, h.student_id, h.command_id, h.kind, h.media, h.sha256," \
	"  ifnull(h.size, 0) AS size, row_number() OVER (PARTITION BY h.student_id," \
	"  h.command_id ORDER BY h.id) AS n FROM holding h" \
	"  WHERE h.sha256 IS NOT NULL AND (?1 = 0 OR h.student_id = ?1))," \
	" a AS (SELECT id, student_id, command_id," \
	"  CASE WHEN json_valid(new) THEN new END AS j FROM audit" \
	"  WHERE action = 'archive-collect' AND (?1 = 0 OR student_id = ?1))," \
	" l AS (SELECT student_id, command_id, json_extract(j, '$.kind') AS kind," \
	"  json_extract(j, '$.sha256') AS sha256, json_extract(j, '$.size') AS size," \
	"  row_number() OVER (PARTITION BY student_id, command_id ORDER BY id) AS n" \
	"  FROM a WHERE json_extract(j, '$.sha256') IS NOT NULL) "

#define EVIDENCE_LOGGED \
	"WITH f AS (SELECT f.id, f.request_id, f.command_id, f.sha256, f.size," \
	"  r.student_id, row_number() OVER (PARTITION BY f.request_id, f.command_id" \
	"  ORDER BY f.id) AS n FROM change_file f JOIN change_request r" \
	"  ON r.id = f.request_id WHERE ?1 = 0 OR r.student_id = ?1)," \
	" e AS (SELECT r.id AS request_id, r.student_id, a.id AS audit_id, a.command_id," \
	"  CASE WHEN json_valid(a.new) THEN a.new END AS j FROM change_request r" \
	"  JOIN audit a ON a.id = r.audit_id WHERE ?1 = 0 OR r.student_id = ?1" \
	"  UNION ALL SELECT e.request_id, r.student_id, a.id, a.command_id," \
	"  CASE WHEN json_valid(a.new) THEN a.new END FROM change_event e" \
	"  JOIN change_request r ON r.id = e.request_id JOIN audit a ON a.id = e.audit_id" \
	"  WHERE e.kind = 'evidence' AND (?1 = 0 OR r.student_id = ?1))," \
	" l AS (SELECT e.request_id, e.student_id, e.command_id," \
	"  json_extract(x.value, '$.sha256') AS sha256, json_extract(x.value, '$.size') AS size," \
	"  row_number() OVER (PARTITION BY e.request_id, e.command_id" \
	"  ORDER BY e.audit_id, x.key) AS n FROM e, json_each(e.j, '$.files') x) "

static void kept_logged(sqlite3_stmt *s, int col, struct xj_kept *k)
{
	k->logged_sha256 = xj_store_col(s, col);
	k->logged_size = (long)sqlite3_column_int64(s, col + 1);
	k->logged = sqlite3_column_int(s, col + 2);
}

struct kept_walk {
	int evidence;
	int (*fn)(void *, const struct xj_kept *);
	void *ctx;
};

static int kept_row(sqlite3_stmt *s, void *walk)
{
	struct kept_walk *w = walk;
	struct xj_kept k;

	memset(&k, 0, sizeof(k));
	k.id = sqlite3_column_int64(s, 0);
	k.request = sqlite3_column_int64(s, 1);
	k.kind = xj_store_col(s, 2);
	k.media = xj_store_col(s, 3);
	k.exam_no = xj_store_col(s, 4);
	k.sha256 = xj_store_col(s, 5);
	k.size = (long)sqlite3_column_int64(s, 6);
	kept_logged(s, 7, &k);
	if (w->evidence) {
		k.data = sqlite3_column_blob(s, 10);
		k.len = sqlite3_column_bytes(s, 10);
	}
	return w->fn(w->ctx, &k) != 0;
}

static int kept_each(struct xj_store *st, const char *sql, long long student_id, int evidence,
		     int (*fn)(void *, const struct xj_kept *), void *ctx, struct xj_error *err)
{
	struct kept_walk w = { evidence, fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the files kept");
	sqlite3_bind_int64(s, 1, student_id);
	rc = xj_store_each(st, s, kept_row, &w, "read the files kept", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

int xj_store_kept_copies(struct xj_store *st, long long student_id,
			 int (*fn)(void *, const struct xj_kept *), void *ctx,
			 struct xj_error *err)
{
	return kept_each(st, COPIES_LOGGED
		"SELECT h.id, 0, h.kind, ifnull(h.media, ''), s.exam_no, h.sha256, h.size,"
		" l.sha256, l.size, l.n IS NOT NULL"
		" FROM h JOIN student s ON s.id = h.student_id LEFT JOIN l"
		" ON l.student_id = h.student_id AND l.command_id = h.command_id AND l.n = h.n"
		" ORDER BY h.id", student_id, 0, fn, ctx, err);
}

int xj_store_kept_evidence(struct xj_store *st, long long student_id,
			   int (*fn)(void *, const struct xj_kept *), void *ctx,
			   struct xj_error *err)
{
	/* an entry from before the files were recorded has no "files" at all:
	 * there is nothing to compare with (-1), which is not a file unlogged;
	 * the bytes are read row by row, never gathered with the numbering */
	return kept_each(st, EVIDENCE_LOGGED
		"SELECT f.id, f.request_id, '', '', s.exam_no, f.sha256, f.size,"
		" l.sha256, l.size, CASE WHEN l.n IS NOT NULL THEN 1"
		"  WHEN EXISTS(SELECT 1 FROM e WHERE e.request_id = f.request_id"
		"   AND e.command_id = f.command_id AND json_type(e.j, '$.files') IS NULL)"
		"  THEN -1 ELSE 0 END, d.data"
		" FROM f JOIN change_file d ON d.id = f.id JOIN student s ON s.id = f.student_id"
		" LEFT JOIN l"
		" ON l.request_id = f.request_id AND l.command_id = f.command_id AND l.n = f.n"
		" ORDER BY f.id", student_id, 1, fn, ctx, err);
}

int xj_store_kept_lost(struct xj_store *st, int (*fn)(void *, const struct xj_kept *),
		       void *ctx, struct xj_error *err)
{
	int rc = kept_each(st, COPIES_LOGGED
		"SELECT 0, 0, ifnull(l.kind, ''), '', ifnull(s.exam_no, ''), '', 0,"
		" l.sha256, l.size, 1"
		" FROM l LEFT JOIN h ON h.student_id = l.student_id"
		" AND h.command_id = l.command_id AND h.n = l.n"
		" LEFT JOIN student s ON s.id = l.student_id WHERE h.id IS NULL"
		" ORDER BY l.command_id, l.n", 0, 0, fn, ctx, err);

	/* an evidence file lost: its request */
	if (rc == 0)
		rc = kept_each(st, EVIDENCE_LOGGED
			"SELECT 0, l.request_id, '', '', ifnull(s.exam_no, ''), '', 0,"
			" l.sha256, l.size, 1"
			" FROM l LEFT JOIN f ON f.request_id = l.request_id"
			" AND f.command_id = l.command_id AND f.n = l.n"
			" LEFT JOIN student s ON s.id = l.student_id WHERE f.id IS NULL"
			" ORDER BY l.request_id, l.command_id, l.n", 0, 0, fn, ctx, err);
	return rc;
}
