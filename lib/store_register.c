/* store_register.c: registrations, submissions, holds and the sequences
 * of student numbers. */
#include <limits.h>
#include <string.h>

#include "store_impl.h"

int xj_store_reg_add(struct xj_store *st, long long student_id, const char *kind,
		     int year, const char *state, const char *reason, int late,
		     long long submission_id, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.reg_add,
		"INSERT INTO registration(student_id, kind, year, state, reason, late, on_date,"
		" submission_id, command_id) VALUES(?,?,?,?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, year);
	sqlite3_bind_text(s, 4, state, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 5, reason);
	sqlite3_bind_int(s, 6, late);
	sqlite3_bind_text(s, 7, xj_store_business(st), 10, SQLITE_STATIC);
	if (submission_id)
		sqlite3_bind_int64(s, 8, submission_id);
	sqlite3_bind_int64(s, 9, st->command_id);
	return xj_store_step_done(st, s, err);
}

int xj_store_reg_latest(struct xj_store *st, long long student_id, const char *kind,
			int year, struct xj_reg *r, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.reg_latest,
		"SELECT state, reason, on_date, late FROM registration WHERE student_id = ?"
		" AND kind = ? AND year = ? ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(&r->state);
		xj_sb_adds(&r->state, xj_store_col(s, 0));
		xj_sb_reset(&r->reason);
		xj_sb_adds(&r->reason, xj_store_col(s, 1));
		xj_sb_reset(&r->on_date);
		xj_sb_adds(&r->on_date, xj_store_col(s, 2));
		r->late = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the registrations");
	return rc == SQLITE_ROW;
}

/* One statement for a student's years, not one for each: the certificates'
 * check asks it of every student.  The rows come in the index's order, by
 * year and then as they were added, so the last row of a year is its
 * newest: no grouping, and no sort. */
int xj_store_reg_years(struct xj_store *st, long long student_id, const char *kind,
		       const char *state, int from, int to, int *years, int max,
		       struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.reg_years,
		"SELECT year, state = ?3 FROM registration WHERE student_id = ?1 AND kind = ?2"
		" AND year BETWEEN ?4 AND ?5 ORDER BY year, id", err);
	int n = 0, rc, year = 0, in = 0, any = 0;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, from);
	sqlite3_bind_int(s, 5, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int y = sqlite3_column_int(s, 0);

		if (any && y != year && in && n < max)
			years[n++] = year;
		year = y;
		in = sqlite3_column_int(s, 1);
		any = 1;
	}
	if (any && in && n < max)
		years[n++] = year;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the registrations");
	return n;
}

void xj_store_reg_release(struct xj_reg *r)
{
	xj_sb_release(&r->state);
	xj_sb_release(&r->reason);
	xj_sb_release(&r->on_date);
}

/* A "submitted" row is written only with the submission it went in (see
 * xj-register new --commit); the join makes sure that submission is on
 * record and of the same kind. */
int xj_store_reg_submitted(struct xj_store *st, long long student_id, const char *kind,
			   int year, long long *id, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.reg_submitted,
		"SELECT r.submission_id FROM registration r JOIN submission b"
		" ON b.id = r.submission_id AND b.kind = r.kind WHERE r.student_id = ?"
		" AND r.kind = ? AND r.year = ? AND r.state = 'submitted'"
		" ORDER BY r.id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, year);
	rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the submissions");
	return rc == SQLITE_ROW;
}

int xj_store_rest_each(struct xj_store *st, int (*fn)(void *ctx, const char *exam_no),
		       void *ctx, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sb keys = XJ_SB_INIT;
	const char *p;
	int rc;

	if (sqlite3_prepare_v2(st->db, "WITH answered(id) AS (SELECT submission_id FROM"
			       " registration WHERE command_id = ?1 AND kind = 'new'"
			       " AND state != 'submitted'),"
			       " subs(id) AS (SELECT id FROM answered UNION SELECT max(id) FROM"
			       " submission WHERE kind = 'new' AND NOT EXISTS (SELECT 1 FROM answered))"
			       " SELECT s.exam_no FROM registration r JOIN student s ON s.id = r.student_id"
			       " WHERE r.kind = 'new' AND r.state = 'submitted'"
			       " AND r.submission_id IN (SELECT id FROM subs)"
			       " AND NOT EXISTS (SELECT 1 FROM registration q WHERE q.student_id ="
			       " r.student_id AND q.kind = 'new' AND q.year = r.year AND q.id > r.id)"
			       " ORDER BY r.id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the submissions");
	sqlite3_bind_int64(s, 1, st->command_id);
	xj_sb_adds(&keys, "");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		xj_sb_add(&keys, xj_store_col(s, 0), strlen(xj_store_col(s, 0)) + 1);
	sqlite3_finalize(s);
	rc = rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the submissions");
	for (p = keys.buf; rc == 0 && p < keys.buf + keys.len; p += strlen(p) + 1)
		rc = fn(ctx, p);
	xj_sb_release(&keys);
	return rc;
}

int xj_store_submission_add(struct xj_store *st, const char *kind, int year,
			    const char *file, const char *sha256, long rows,
			    long long *id, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO submission(kind, year, file, sha256, rows,"
			       " command_id) VALUES(?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record the submission");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_text(s, 3, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, rows);
	sqlite3_bind_int64(s, 6, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the submission");
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_hold_add(struct xj_store *st, long long student_id, int year,
		      const char *kind, const char *reason, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO reg_hold(student_id, year, kind, reason,"
			       " command_id) VALUES(?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record the hold");
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, st->command_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record the hold");
	return 0;
}

int xj_store_hold_latest(struct xj_store *st, long long student_id, int year,
			 struct xj_sb *kind, struct xj_sb *reason, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.hold_latest,
		"SELECT kind, reason FROM reg_hold WHERE student_id = ? AND year = ?"
		" ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_int(s, 2, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(kind);
		xj_sb_adds(kind, xj_store_col(s, 0));
		xj_sb_reset(reason);
		xj_sb_adds(reason, xj_store_col(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the holds");
	return rc == SQLITE_ROW;
}

int xj_store_number_next(struct xj_store *st, const char *key, long *seq,
			 struct xj_error *err)
{
	int rc = xj_store_number_upto(st, key, LONG_MAX, seq, err);

	return rc < 0 ? -1 : 0;
}

static int bump(struct xj_store *st, const char *key, long max, long *seq,
		struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.number_bump, "UPDATE number_seq SET"
					" last = last + 1 WHERE prefix = ?1 AND last < ?2"
					" RETURNING last", err);
	int rc, got = 0;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, max);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*seq = (long)sqlite3_column_int64(s, 0);
		got = 1;
	}
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? got : xj_store_fail(st, err, "count the student numbers");
}

int xj_store_number_upto(struct xj_store *st, const char *key, long max, long *seq,
			 struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc, got = 0;

	/* the counter there already, as it is for all but a key's first
	 * number: a plain update finds it by its key, which the upsert's
	 * attempted insert would look for twice */
	if ((got = bump(st, key, max, seq, err)) != 0)
		return got;
	/* past max, nothing is written: RETURNING gives no row */
	if (!(s = xj_store_stmt(st, &st->q.number_next, "INSERT INTO number_seq(prefix, last)"
			       " SELECT ?1, 1 WHERE ?2 >= 1 ON CONFLICT(prefix) DO UPDATE SET"
			       " last = last + 1 WHERE last < ?2 RETURNING last", err)))
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, max);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*seq = (long)sqlite3_column_int64(s, 0);
		got = 1;
	}
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "count the student numbers");
	return got;
}
