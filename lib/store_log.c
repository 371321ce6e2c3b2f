/* store_log.c: reading the audit log back, with filters. */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

static void read_entry(sqlite3_stmt *s, struct xj_log_entry *e)
{
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
}

int xj_store_log_each(struct xj_store *st, const struct xj_log_filter *f,
		      int (*fn)(void *, const struct xj_log_entry *),
		      void *ctx, struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	xj_sb_adds(&sql,
		"SELECT a.id, c.at, c.login, c.user, c.program, c.args, a.student_id,"
		" s.exam_no, a.action, a.old, a.new, a.prev_hash, a.hash"
		" FROM audit a JOIN command c ON c.id = a.command_id"
		" LEFT JOIN student s ON s.id = a.student_id WHERE 1");
	if (f->student)
		xj_sb_adds(&sql, " AND a.student_id IN (SELECT id FROM student WHERE"
			   " exam_no = ?1 OR student_no = ?1 OR id_number = ?1)");
	if (f->user)
		xj_sb_adds(&sql, " AND (c.user = ?2 OR c.login = ?2)");
	if (f->program)
		xj_sb_adds(&sql, " AND c.program = ?3");
	if (f->since)
		xj_sb_adds(&sql, " AND substr(c.at, 1, 10) >= ?4");
	if (f->until)
		xj_sb_adds(&sql, " AND substr(c.at, 1, 10) <= ?5");
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
		sqlite3_bind_text(s, 4, f->since, -1, SQLITE_STATIC);
	if (f->until)
		sqlite3_bind_text(s, 5, f->until, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct xj_log_entry e;

		read_entry(s, &e);
		if (fn(ctx, &e))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		xj_store_fail(st, err, "read the audit log");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int xj_store_sig_each(struct xj_store *st,
		      int (*fn)(void *, const struct xj_sig_row *), void *ctx,
		      struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT g.command_id, g.last_entry, c.at, g.signer,"
			       " g.public_key, g.hash, g.signature, a.hash FROM command_sig g"
			       " JOIN command c ON c.id = g.command_id LEFT JOIN audit a"
			       " ON a.id = g.last_entry ORDER BY g.command_id", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the signatures");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct xj_sig_row g;

		g.command_id = sqlite3_column_int64(s, 0);
		g.last_entry = sqlite3_column_int64(s, 1);
		g.at = xj_store_col(s, 2);
		g.signer = xj_store_col(s, 3);
		g.public_key = xj_store_col(s, 4);
		g.hash = xj_store_col(s, 5);
		g.signature = xj_store_col(s, 6);
		g.entry_hash = xj_store_col(s, 7);
		if (fn(ctx, &g))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		xj_store_fail(st, err, "read the signatures");
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}
