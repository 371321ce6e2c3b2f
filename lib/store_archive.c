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

int xj_store_holding_each(struct xj_store *st, long long student_id,
			  int (*fn)(void *, const struct xj_holding *), void *ctx,
			  struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.holding_each,
		"SELECT h.id, h.kind, h.paper, h.location, h.sha256, ifnull(h.size, 0), h.media,"
		" h.name, h.by_whom, h.on_date,"
		" (SELECT by_whom FROM holding_event e WHERE e.holding_id = h.id"
		"   AND e.kind = 'check' ORDER BY e.id DESC LIMIT 1),"
		" (SELECT text FROM holding_event e WHERE e.holding_id = h.id"
		"   AND e.kind = 'file' ORDER BY e.id DESC LIMIT 1)"
		" FROM holding h WHERE h.student_id = ? ORDER BY h.id", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
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
		if (fn(ctx, &h)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the archive");
	return 0;
}

int xj_store_custody(struct xj_store *st, long long student_id, struct xj_custody *c,
		     struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.custody,
		"SELECT kind, to_whom, text, due, on_date FROM holding_event WHERE"
		" student_id = ? AND kind IN ('lend', 'return', 'transfer') ORDER BY id", err);
	int rc;

	if (!s)
		return -1;
	xj_sb_reset(&c->lent_to);
	xj_sb_reset(&c->due);
	xj_sb_reset(&c->moved_to);
	xj_sb_adds(&c->lent_to, "");
	xj_sb_adds(&c->due, "");
	xj_sb_adds(&c->moved_to, "");
	sqlite3_bind_int64(s, 1, student_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = xj_store_col(s, 0);

		if (!strcmp(kind, "lend")) {
			xj_store_take(&c->lent_to, s, 1);
			xj_store_take(&c->due, s, 3);
		} else if (!strcmp(kind, "return")) {
			xj_sb_reset(&c->lent_to);
			xj_sb_reset(&c->due);
			xj_sb_adds(&c->lent_to, "");
			xj_sb_adds(&c->due, "");
		} else {
			xj_sb_reset(&c->moved_to);
			xj_sb_addf(&c->moved_to, "%s (%s)", xj_store_col(s, 1), xj_store_col(s, 4));
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the archive's custody");
	return 0;
}

void xj_custody_release(struct xj_custody *c)
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

int xj_store_archived_files(struct xj_store *st, long sample,
			    int (*fn)(void *, const char *sha256, long size), void *ctx,
			    struct xj_error *err)
{
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
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(ctx, xj_store_col(s, 0), (long)sqlite3_column_int64(s, 1))) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the archive");
	return 0;
}
