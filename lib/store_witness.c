/* store_witness.c: the entries a person's witnessed head is checked
 * against: one entry of the log by its number, and the restores on
 * record.  Each is one indexed read, not a walk of the chain: it runs
 * before and after every command. */
#include <string.h>

#include "store_impl.h"

int xj_store_log_entry(struct xj_store *st, long long id,
		       int (*fn)(void *, const struct xj_log_entry *), void *ctx,
		       struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_log_entry e;
	int rc;

	/* the business time is not hashed: a copy of any schema is read */
	if (sqlite3_prepare_v2(st->db,
		"SELECT a.id, c.at, c.login, c.user, c.program, c.args, a.student_id,"
		" a.action, a.old, a.new, a.prev_hash, a.hash FROM audit a"
		" JOIN command c ON c.id = a.command_id"
		" WHERE a.id = CASE WHEN ?1 > 0 THEN ?1 ELSE (SELECT max(id) FROM audit) END",
		-1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(&e, 0, sizeof(e));
		e.id = sqlite3_column_int64(s, 0);
		e.at = xj_store_col(s, 1);
		e.login = xj_store_col(s, 2);
		e.user = xj_store_col(s, 3);
		e.program = xj_store_col(s, 4);
		e.args = xj_store_col(s, 5);
		e.student_id = sqlite3_column_int64(s, 6);
		e.student = "";
		e.action = xj_store_col(s, 7);
		e.old_json = xj_store_col(s, 8);
		e.new_json = xj_store_col(s, 9);
		e.prev_hash = xj_store_col(s, 10);
		e.hash = xj_store_col(s, 11);
		e.business = "";
		fn(ctx, &e);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the audit log");
	return rc == SQLITE_ROW;
}

struct restore_walk {
	int (*fn)(void *, long long id, const char *head, const char *aside);
	void *ctx;
};

static int restore_row(sqlite3_stmt *s, void *walk)
{
	struct restore_walk *w = walk;

	return w->fn(w->ctx, sqlite3_column_int64(s, 0), xj_store_col(s, 1),
		     xj_store_col(s, 2)) != 0;   /* a stop, never a failure */
}

int xj_store_restore_each(struct xj_store *st,
			  int (*fn)(void *, long long id, const char *head, const char *aside),
			  void *ctx, struct xj_error *err)
{
	struct restore_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db,
		"SELECT id, json_extract(new, '$.replaced_head'), json_extract(new, '$.replaced')"
		" FROM audit WHERE action = 'restore' AND json_valid(new) ORDER BY id",
		-1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	rc = xj_store_each(st, s, restore_row, &w, "read the audit log", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}
