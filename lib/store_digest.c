/* store_digest.c: the digests of the rows a roster import took whole
 * (rowdigest.h), in parts of import_digest: written as the import goes,
 * read back whole by the next import, and checked with the entry that
 * vouches for them.  The entry holds their count and SHA-256, so a part
 * changed behind the log is found by xj log --verify, and by the next
 * import, which then reads every row in full. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "xj/i18n.h"

int xj_store_digest_part(struct xj_store *st, long long import_id,
			 const struct xj_rowdigest_entry *e, size_t n, long long *id,
			 struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.digest_part,
		"INSERT INTO import_digest(import_id, digests) VALUES(?, ?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, import_id);
	sqlite3_bind_blob(s, 2, e, (int)(n * sizeof(*e)), SQLITE_STATIC);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_digest_bulk(struct xj_store *st, int on, struct xj_error *err)
{
	int rc = xj_store_cache_cap(st, on, err);

	if (rc == 0 && on)
		xj_store_mem_give_back();
	return rc;
}

int xj_store_digest_marks(struct xj_store *st, long long *mark, long long *config,
			  struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT (SELECT coalesce(max(id), 0) FROM row_log),"
			       " (SELECT coalesce(max(id), 0) FROM config_load"
			       " WHERE ?1 = 0 OR command_id < ?1)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the store");
	sqlite3_bind_int64(s, 1, st->config_before);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*mark = sqlite3_column_int64(s, 0);
		*config = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the store");
}

int xj_store_digest_prior(struct xj_store *st, const char *file, long long before,
			  struct xj_digest_prior *p, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT i.id, json_extract(a.new, '$.digests'),"
			       " json_extract(a.new, '$.digests_sha256'),"
			       " json_extract(a.new, '$.digests_mark'),"
			       " json_extract(a.new, '$.digests_config'),"
			       " json_extract(a.new, '$.digests_on')"
			       " FROM audit a JOIN import i ON i.id = json_extract(a.new, '$.import')"
			       " WHERE a.student_id IS NULL AND a.action = 'import'"
			       " AND i.source = 'roster' AND i.id < ?2"
			       " AND json_extract(a.new, '$.digests') > 0"
			       " ORDER BY i.file = ?1 DESC, CASE WHEN i.file = ?1 THEN a.id"
			       " ELSE json_extract(a.new, '$.digests') END DESC, a.id DESC LIMIT 1",
			       -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the imports");
	sqlite3_bind_text(s, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, before);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		p->import_id = sqlite3_column_int64(s, 0);
		p->n = sqlite3_column_int64(s, 1);
		snprintf(p->sha256, sizeof(p->sha256), "%s", xj_store_col(s, 2));
		p->mark = sqlite3_column_int64(s, 3);
		p->config = sqlite3_column_int64(s, 4);
		snprintf(p->on, sizeof(p->on), "%s", xj_store_col(s, 5));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the imports");
	return rc == SQLITE_ROW;
}

int xj_store_digest_has(struct xj_store *st, const struct xj_digest_prior *p,
			const unsigned char *d, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t len, i;
	int rc, found = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT digests FROM import_digest WHERE import_id = ?"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row digests");
	sqlite3_bind_int64(s, 1, p->import_id);
	if (xj_store_digest_bulk(st, 1, err) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	while (!found && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const struct xj_rowdigest_entry *b = sqlite3_column_blob(s, 0);

		len = (size_t)sqlite3_column_bytes(s, 0) / sizeof(*b);
		for (i = 0; !found && i < len; i++)
			found = memcmp(b[i].d, d, XJ_ROWDIGEST_BYTES) == 0;
	}
	sqlite3_finalize(s);
	if (!found && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the row digests");
	return xj_store_digest_bulk(st, 0, err) < 0 ? -1 : found;
}

int xj_store_digest_read(struct xj_store *st, const struct xj_digest_prior *p,
			 struct xj_rowdigest_entry **out, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sha256 h;
	size_t want = (size_t)p->n, got = 0, len;
	struct xj_rowdigest_entry *e;
	char hex[65];
	int rc, whole = 1;

	*out = NULL;
	if (p->n <= 0 || (unsigned long long)p->n > UINT32_MAX)
		return 0;
	if (xj_sha256_init(&h, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT digests FROM import_digest WHERE import_id = ?"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		xj_sha256_drop(&h);
		return xj_store_fail(st, err, "read the row digests");
	}
	sqlite3_bind_int64(s, 1, p->import_id);
	/* a million rows' entries are 16 MB: not kept in the page cache too */
	if (xj_store_digest_bulk(st, 1, err) < 0) {
		sqlite3_finalize(s);
		xj_sha256_drop(&h);
		return -1;
	}
	e = xj_xreallocarray(NULL, want, sizeof(*e));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(s, 0);

		len = (size_t)sqlite3_column_bytes(s, 0);
		if (sqlite3_column_type(s, 0) != SQLITE_BLOB || len % sizeof(*e) ||
		    len / sizeof(*e) > want - got) {
			whole = 0;
			break;
		}
		memcpy(e + got, b, len);
		got += len / sizeof(*e);
		xj_sha256_update(&h, b, len);
	}
	sqlite3_finalize(s);
	xj_sha256_final(&h, hex);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(e);
		return xj_store_fail(st, err, "read the row digests");
	}
	if (xj_store_digest_bulk(st, 0, err) < 0) {
		free(e);
		return -1;
	}
	if (!whole || got != want || strcmp(hex, p->sha256) != 0) {
		free(e);
		return 0;
	}
	*out = e;
	return 1;
}

int xj_store_digest_changed(struct xj_store *st, long long mark,
			    void (*fn)(void *ctx, long long id), void *ctx,
			    struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	/* the row log's ids go up with time: the rows after the mark are
	 * a range of them, not a search of the whole log */
	if (sqlite3_prepare_v2(st->db, "SELECT rid FROM row_log WHERE id > ? AND tbl = 'student'",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row log");
	sqlite3_bind_int64(s, 1, mark);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the row log");
}

int xj_store_vouched_digests(struct xj_store *st, const struct xj_vouched *v,
			     long long *got, char hex[65], struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sha256 h;
	long long others = 0, n = 0;
	int rc;

	*got = 0;
	hex[0] = '\0';
	if (v->digest_ids[1] < v->digest_ids[0] && !v->digests)
		return 0;
	if (xj_sha256_init(&h, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT import_id, digests FROM import_digest"
			       " WHERE id BETWEEN ? AND ? ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		xj_sha256_drop(&h);
		return xj_store_fail(st, err, "read the row digests");
	}
	sqlite3_bind_int64(s, 1, v->digest_ids[0]);
	sqlite3_bind_int64(s, 2, v->digest_ids[1]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(s, 1);

		if (sqlite3_column_int64(s, 0) != v->import_id) {
			others++;
			continue;
		}
		xj_sha256_update(&h, sqlite3_column_blob(s, 1), len);
		n += (long long)(len / sizeof(struct xj_rowdigest_entry));
		if (len % sizeof(struct xj_rowdigest_entry) ||
		    sqlite3_column_type(s, 1) != SQLITE_BLOB)
			others++;
	}
	sqlite3_finalize(s);
	xj_sha256_final(&h, hex);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the row digests");
	*got = n;
	return !others && n == v->digests && !strcmp(hex, v->digests_sha256) ? 0 : 1;
}
