/* store_log.c: reading the audit log back, with filters. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xj/dates.h"
#include "store_impl.h"

static void read_entry(sqlite3_stmt *s, struct xj_log_entry *e)
{
	/* the columns the entry's hash covers (xj_audit_hash) */
	static const int hashed[] = { 1, 2, 3, 4, 5, 8, 9, 10, 11, 12 };
	size_t i;

	e->hidden = 0;
	for (i = 0; i < sizeof(hashed) / sizeof(hashed[0]); i++)
		e->hidden |= xj_store_col_hides(s, hashed[i]);
	e->id = sqlite3_column_int64(s, 0);
	e->at = xj_store_col(s, 1);
	e->login = xj_store_col(s, 2);
	e->user = xj_store_col(s, 3);
	e->program = xj_store_col(s, 4);
	e->args = xj_store_col(s, 5);
	e->student_id = sqlite3_column_int64(s, 6);
	e->student = xj_store_col(s, 7);
	e->action = xj_store_col(s, 8);
	e->old_json = xj_store_col(s, 9);
	e->new_json = xj_store_col(s, 10);
	e->prev_hash = xj_store_col(s, 11);
	e->hash = xj_store_col(s, 12);
	e->business = xj_store_col(s, 13);
}

/* Does the store's command table have the business column (schema 3)? */
static int has_business(struct xj_store *st)
{
	sqlite3_stmt *s = NULL;
	int yes;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM pragma_table_info('command')"
			       " WHERE name = 'business'", -1, &s, NULL) != SQLITE_OK)
		return 0;
	yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

int xj_store_clock_since(struct xj_store *st, long long *first, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*first = INT64_MAX;
	if (!has_business(st))
		return 0;
	/* from the migration to schema 3 on, if the store had one */
	if (sqlite3_prepare_v2(st->db, "SELECT min(id) FROM audit WHERE command_id >="
			       " (SELECT coalesce(max(command_id), 0) FROM migration"
			       " WHERE from_version < 3)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*first = sqlite3_column_int64(s, 0);
	rc = rc == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the audit log");
	sqlite3_finalize(s);
	return rc;
}

/* The log is kept in the order of its times, one clock writing it (one
 * machine, xj(7)): a command whose clock reads before the log's last
 * entry writes nothing.  Either this clock was set back, and the command
 * can wait, or that entry was written under a clock set forward, and
 * whoever wrote it is named: an entry written after it would otherwise be
 * the one xj log --verify finds out of order.  Entries from before the
 * real clock was recorded (schema 3) are not held to it. */
int xj_store_clock_check(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	long long from, now, then;
	int rc;

	if (!st->last_id)
		return 0;
	if (xj_store_clock_since(st, &from, err) < 0)
		return -1;
	if (st->last_id < from)
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT c.at, coalesce(c.user, c.login) FROM audit a"
			       " JOIN command c ON c.id = a.command_id WHERE a.id = ?", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	sqlite3_bind_int64(s, 1, st->last_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && xj_dates_time_parse(st->at, 0, &now) == 0 &&
	    xj_dates_time_parse(xj_store_col(s, 0), 0, &then) == 0 && now < then)
		rc = xj_error_set(err, XJ_ESTORE, "store %s: this machine's clock reads %s, before"
				  " the log's last entry, %lld, written at %s by %s; nothing is"
				  " written (if the clock was set back, wait until then; if not,"
				  " that entry was written under a clock set forward: see 'xj log"
				  " --verify')", st->path, st->at, st->last_id, xj_store_col(s, 0),
				  xj_store_col(s, 1));
	else
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : xj_store_fail(st, err,
								       "read the audit log");
	sqlite3_finalize(s);
	return rc;
}

/* The bounds of f as moments; XJ_EUSAGE when one is not a date or time. */
static int bounds(const struct xj_log_filter *f, long long *since, long long *until,
		  struct xj_error *err)
{
	if (f->since && xj_dates_time_parse(f->since, 0, since) < 0)
		return xj_error_set(err, XJ_EUSAGE, "not an ISO 8601 date or time: '%s'",
				    f->since);
	if (f->until && xj_dates_time_parse(f->until, 1, until) < 0)
		return xj_error_set(err, XJ_EUSAGE, "not an ISO 8601 date or time: '%s'",
				    f->until);
	return 0;
}

struct entry_walk {
	int (*fn)(void *, const struct xj_log_entry *);
	void *ctx;
};

static int entry_row(sqlite3_stmt *s, void *walk)
{
	struct entry_walk *w = walk;
	struct xj_log_entry e;

	read_entry(s, &e);
	return w->fn(w->ctx, &e) != 0;   /* a stop, never a failure */
}

int xj_store_log_each(struct xj_store *st, const struct xj_log_filter *f,
		      int (*fn)(void *, const struct xj_log_entry *),
		      void *ctx, struct xj_error *err)
{
	struct entry_walk w = { fn, ctx };
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	long long since = 0, until = 0;
	int rc;

	if (bounds(f, &since, &until, err) < 0)
		return -1;
	/* the business time came with schema 3; a copy being checked may be
	 * older, and then has none */
	xj_sb_addf(&sql,
		"SELECT a.id, c.at, c.login, c.user, c.program, c.args, a.student_id,"
		" s.exam_no, a.action, a.old, a.new, a.prev_hash, a.hash, %s"
		" FROM audit a JOIN command c ON c.id = a.command_id",
		has_business(st) ? "c.business" : "NULL");
	xj_sb_adds(&sql,
		" LEFT JOIN student s ON s.id = a.student_id WHERE 1");
	/* a student's entries, and those of the imports that brought its
	 * rows: an import's one entry stands for the students it created */
	if (f->student)
		xj_sb_adds(&sql, " AND (a.student_id IN (SELECT id FROM student WHERE"
			   " exam_no = ?1 OR student_no = ?1 OR id_number = ?1)"
			   " OR (a.action = 'import' AND json_extract(a.new, '$.import') IN"
			   " (SELECT r.import_id FROM source_row r WHERE r.student_id IN"
			   " (SELECT id FROM student WHERE exam_no = ?1 OR student_no = ?1"
			   " OR id_number = ?1))))");
	if (f->user)
		xj_sb_adds(&sql, " AND (c.user = ?2 OR c.login = ?2)");
	if (f->program)
		xj_sb_adds(&sql, " AND c.program = ?3");
	/* as moments, whatever offset each time was written with */
	if (f->since)
		xj_sb_adds(&sql, " AND CAST(strftime('%s', c.at) AS INTEGER) >= ?4");
	if (f->until)
		xj_sb_adds(&sql, " AND CAST(strftime('%s', c.at) AS INTEGER) <= ?5");
	xj_sb_adds(&sql, " ORDER BY a.id");
	rc = sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL);
	xj_sb_release(&sql);
	if (rc != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	if (f->student)
		sqlite3_bind_text(s, 1, f->student, -1, SQLITE_STATIC);
	if (f->user)
		sqlite3_bind_text(s, 2, f->user, -1, SQLITE_STATIC);
	if (f->program)
		sqlite3_bind_text(s, 3, f->program, -1, SQLITE_STATIC);
	if (f->since)
		sqlite3_bind_int64(s, 4, since);
	if (f->until)
		sqlite3_bind_int64(s, 5, until);
	rc = xj_store_each(st, s, entry_row, &w, "read the audit log", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

struct sig_walk {
	int (*fn)(void *, const struct xj_sig_row *);
	void *ctx;
};

static int sig_row(sqlite3_stmt *s, void *walk)
{
	struct sig_walk *w = walk;
	struct xj_sig_row g;
	int i;

	g.command_id = sqlite3_column_int64(s, 0);
	g.last_entry = sqlite3_column_int64(s, 1);
	g.at = xj_store_col(s, 2);
	g.signer = xj_store_col(s, 3);
	g.public_key = xj_store_col(s, 4);
	g.hash = xj_store_col(s, 5);
	g.signature = xj_store_col(s, 6);
	g.entry_hash = xj_store_col(s, 7);
	for (i = 2, g.hidden = 0; i <= 6; i++)
		g.hidden |= xj_store_col_hides(s, i);
	return w->fn(w->ctx, &g) != 0;
}

int xj_store_sig_each(struct xj_store *st,
		      int (*fn)(void *, const struct xj_sig_row *), void *ctx,
		      struct xj_error *err)
{
	struct sig_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT g.command_id, g.last_entry, c.at, g.signer,"
			       " g.public_key, g.hash, g.signature, a.hash FROM command_sig g"
			       " JOIN command c ON c.id = g.command_id LEFT JOIN audit a"
			       " ON a.id = g.last_entry ORDER BY g.command_id", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the signatures");
	rc = xj_store_each(st, s, sig_row, &w, "read the signatures", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}
