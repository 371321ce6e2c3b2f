/* store_sheet.c: what a sign-off sheet names of the store: the store's
 * own id and the signer's full name. */
#include <string.h>

#include "store_impl.h"

static int one_text(struct xj_store *st, const char *sql, const char *a,
		    struct xj_sb *out, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the store");
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		xj_store_take(out, s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the store");
	return rc == SQLITE_ROW;
}

/* The id ties a sheet to the store it was prepared from: a sheet signed
 * for a copy or a test store is not applied to the real one.  It is not a
 * record of anyone's work, so it is not on the log. */
int xj_store_id(struct xj_store *st, int create, struct xj_sb *id, struct xj_error *err)
{
	static const char get[] = "SELECT value FROM meta WHERE key = 'store_id'";
	int rc;

	if (st->store_id.len) {   /* read already in this command */
		xj_sb_reset(id);
		xj_sb_adds(id, st->store_id.buf);
		return 1;
	}
	rc = one_text(st, get, NULL, id, err);
	if (rc > 0 && st->in_tx) {
		xj_sb_reset(&st->store_id);
		xj_sb_adds(&st->store_id, id->buf);
	}
	if (rc != 0 || !create)
		return rc;
	if (xj_store_exec(st, "INSERT OR IGNORE INTO meta(key, value)"
			  " VALUES('store_id', lower(hex(randomblob(16))))", err) < 0)
		return -1;
	return one_text(st, get, NULL, id, err);
}

int xj_store_staff_full_name(struct xj_store *st, const char *name, struct xj_sb *out,
			     struct xj_error *err)
{
	xj_sb_reset(out);
	return one_text(st, "SELECT coalesce(full_name, '') FROM staff WHERE name = ?"
			" AND config_id = (SELECT max(id) FROM config_load)", name, out, err) < 0 ?
		-1 : 0;
}
