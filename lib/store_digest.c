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

/* Each part of p's import, in order, to row (xj_store_each's), with the
 * page cache kept small: a million rows' entries are 16 MB, not to be
 * held there too.  row's answer, or -1. */
static int parts_each(struct xj_store *st, const struct xj_digest_prior *p,
		      int (*row)(sqlite3_stmt *s, void *ctx), void *ctx, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT digests FROM import_digest WHERE import_id = ?"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row digests");
	sqlite3_bind_int64(s, 1, p->import_id);
	rc = xj_store_digest_bulk(st, 1, err);
	if (rc == 0)
		rc = xj_store_each(st, s, row, ctx, "read the row digests", err);
	sqlite3_finalize(s);
	if (xj_store_digest_bulk(st, 0, rc < 0 ? NULL : err) < 0)
		return -1;
	return rc;
}

struct has {
	const unsigned char *d;
};

static int has_row(sqlite3_stmt *s, void *ctx)
{
	const struct has *h = ctx;
	const struct xj_rowdigest_entry *e = sqlite3_column_blob(s, 0);
	size_t i, n = (size_t)sqlite3_column_bytes(s, 0) / sizeof(*e);

	for (i = 0; i < n; i++)
		if (memcmp(e[i].d, h->d, XJ_ROWDIGEST_BYTES) == 0)
			return 1;
	return 0;
}

int xj_store_digest_has(struct xj_store *st, const struct xj_digest_prior *p,
			const unsigned char *d, struct xj_error *err)
{
	struct has h = { d };

	return parts_each(st, p, has_row, &h, err);
}

struct read {
	struct xj_rowdigest_entry *e;
	size_t want, got;
	struct xj_sha256 h;
};

/* A part into the array: 1 (stop) when it is not whole entries, or
 * more than the entry said. */
static int read_row(sqlite3_stmt *s, void *ctx)
{
	struct read *r = ctx;
	const void *b = sqlite3_column_blob(s, 0);
	size_t len = (size_t)sqlite3_column_bytes(s, 0), n = len / sizeof(*r->e);

	if (sqlite3_column_type(s, 0) != SQLITE_BLOB || len % sizeof(*r->e) ||
	    n > r->want - r->got)
		return 1;
	memcpy(r->e + r->got, b, len);
	r->got += n;
	xj_sha256_update(&r->h, b, len);
	return 0;
}

int xj_store_digest_read(struct xj_store *st, const struct xj_digest_prior *p,
			 struct xj_rowdigest_entry **out, struct xj_error *err)
{
	struct read r = { NULL, (size_t)p->n, 0, { NULL } };
	char hex[65];
	int rc;

	*out = NULL;
	if (p->n <= 0 || (unsigned long long)p->n > UINT32_MAX)
		return 0;
	if (xj_sha256_init(&r.h, err) < 0)
		return -1;
	r.e = xj_xreallocarray(NULL, r.want, sizeof(*r.e));
	rc = parts_each(st, p, read_row, &r, err);
	xj_sha256_final(&r.h, hex);
	if (rc != 0 || r.got != r.want || strcmp(hex, p->sha256) != 0) {
		free(r.e);
		return rc < 0 ? -1 : 0;
	}
	*out = r.e;
	return 1;
}

struct changed {
	void (*fn)(void *ctx, long long id);
	void *ctx;
};

static int changed_row(sqlite3_stmt *s, void *ctx)
{
	const struct changed *c = ctx;

	c->fn(c->ctx, sqlite3_column_int64(s, 0));
	return 0;
}

int xj_store_digest_changed(struct xj_store *st, long long mark,
			    void (*fn)(void *ctx, long long id), void *ctx,
			    struct xj_error *err)
{
	struct changed c = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	/* the row log's ids go up with time: the rows after the mark are
	 * a range of them, not a search of the whole log */
	if (sqlite3_prepare_v2(st->db, "SELECT rid FROM row_log WHERE id > ? AND tbl = 'student'",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row log");
	sqlite3_bind_int64(s, 1, mark);
	rc = xj_store_each(st, s, changed_row, &c, "read the row log", err);
	sqlite3_finalize(s);
	return rc;
}

struct vouched {
	const struct xj_vouched *v;
	long long others, n;
	struct xj_sha256 h;
};

/* A part of the run: into the digest when it is the import's, whole
 * entries; else counted against it. */
static int vouched_row(sqlite3_stmt *s, void *ctx)
{
	struct vouched *u = ctx;
	size_t len = (size_t)sqlite3_column_bytes(s, 1);

	if (sqlite3_column_int64(s, 0) != u->v->import_id) {
		u->others++;
		return 0;
	}
	xj_sha256_update(&u->h, sqlite3_column_blob(s, 1), len);
	u->n += (long long)(len / sizeof(struct xj_rowdigest_entry));
	if (len % sizeof(struct xj_rowdigest_entry) || sqlite3_column_type(s, 1) != SQLITE_BLOB)
		u->others++;
	return 0;
}

int xj_store_vouched_digests(struct xj_store *st, const struct xj_vouched *v,
			     long long *got, char hex[65], struct xj_error *err)
{
	struct vouched u = { v, 0, 0, { NULL } };
	sqlite3_stmt *s = NULL;
	int rc;

	*got = 0;
	hex[0] = '\0';
	if (v->digest_ids[1] < v->digest_ids[0] && !v->digests)
		return 0;
	if (xj_sha256_init(&u.h, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT import_id, digests FROM import_digest"
			       " WHERE id BETWEEN ? AND ? ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		xj_sha256_drop(&u.h);
		return xj_store_fail(st, err, "read the row digests");
	}
	sqlite3_bind_int64(s, 1, v->digest_ids[0]);
	sqlite3_bind_int64(s, 2, v->digest_ids[1]);
	rc = xj_store_each(st, s, vouched_row, &u, "read the row digests", err);
	sqlite3_finalize(s);
	xj_sha256_final(&u.h, hex);
	if (rc < 0)
		return -1;
	*got = u.n;
	return !u.others && u.n == v->digests && !strcmp(hex, v->digests_sha256) ? 0 : 1;
}
