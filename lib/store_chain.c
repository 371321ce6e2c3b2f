/* store_chain.c: the rows an import's entry vouches for, instead of the
 * row log copying them.  Writing: a digest over the source rows the
 * import adds, in order, which its one entry commits to with the
 * students and statuses it made.  Checking: each vouched row held against
 * what it must be: the source rows against the digest, the students
 * against their rows made again (the replay is above the store,
 * replay.c), the statuses against what the import gave.  The row check
 * (store_rowcheck.c) then takes the runs of ids the entries name as they
 * stand, unless the row log holds a row of the key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "xj/i18n.h"
#include "xj/rows.h"

/* The decimal digits of v (not negative) at the end of buf; returns
 * where they begin.  No printf: this runs for every row an import adds. */
static char *digits(unsigned long long v, char *end)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* A row's bytes gathered before they go into the digest, so that a row
 * costs one update however many pieces it has.  The digest is of the
 * bytes in order, not of how they were fed: a piece that does not fit
 * sends what is held first, and one larger than the buffer goes on its
 * own.  One path for every row, short or long, whatever its line. */
struct row_buf {
	struct xj_sha256 *h;
	size_t n;
	char buf[512];
};

static void row_put(struct row_buf *b, const char *p, size_t n)
{
	if (n > sizeof(b->buf) - b->n) {
		xj_sha256_update(b->h, b->buf, b->n);
		b->n = 0;
		if (n > sizeof(b->buf)) {
			xj_sha256_update(b->h, p, n);
			return;
		}
	}
	memcpy(b->buf + b->n, p, n);
	b->n += n;
}

/* One source row into the digest: "line TAB source TAB student TAB data
 * LF", the line in decimal with a '-' when negative (the data is JSON: it
 * has no raw tab or line break).  These bytes are what xj log --verify
 * replays: they must never change. */
static void chain_row(struct xj_sha256 *h, long line, const char *source,
		      const char *student, const char *data, size_t len)
{
	struct row_buf b = { .h = h, .n = 0 };
	char num[24], *p = num + sizeof(num);

	*--p = '\t';
	/* -(line + 1) + 1: the magnitude without overflow, LONG_MIN too */
	p = digits(line < 0 ? (unsigned long long)-(line + 1) + 1 : (unsigned long long)line, p);
	if (line < 0)
		*--p = '-';
	row_put(&b, p, (size_t)(num + sizeof(num) - p));
	row_put(&b, source, strlen(source));
	row_put(&b, "\t", 1);
	row_put(&b, student, strlen(student));
	row_put(&b, "\t", 1);
	row_put(&b, data, len);
	row_put(&b, "\n", 1);
	xj_sha256_update(h, b.buf, b.n);
}

static void chain_drop(struct xj_chain *c)
{
	if (c->on)
		xj_sha256_drop(&c->h);
	c->on = 0;
}

int xj_store_chain_begin(struct xj_store *st, long long import_id, struct xj_error *err)
{
	chain_drop(&st->chain);
	if (xj_sha256_init(&st->chain.h, err) < 0)
		return -1;
	st->chain.on = 1;
	st->chain.import_id = import_id;
	st->chain.n = 0;
	st->chain.ids[0] = 1;   /* no run until a row comes */
	st->chain.ids[1] = 0;
	return 0;
}

void xj_store_chain_link(struct xj_store *st, long long import_id, long line,
			 const char *source, long long student_id, const char *data,
			 size_t len, long long row_id)
{
	char num[24], *sid = num + sizeof(num) - 1;

	if (!st->chain.on || st->chain.import_id != import_id)
		return;
	*sid = '\0';
	if (student_id > 0)
		sid = digits((unsigned long long)student_id, sid);
	chain_row(&st->chain.h, line, source, sid, data, len);
	/* a row rolled back gives its id to the next: they stay in a run */
	st->chain.ids[1] = row_id;
	if (!st->chain.n++)
		st->chain.ids[0] = st->chain.ids[1];
}

long long xj_store_chain_end(struct xj_store *st, char hex[65], long long ids[2])
{
	long long n = st->chain.n;

	ids[0] = st->chain.ids[0];
	ids[1] = st->chain.ids[1];
	hex[0] = '\0';
	if (!st->chain.on)
		return -1;
	xj_sha256_final(&st->chain.h, hex);
	st->chain.on = 0;
	return n;
}

int xj_store_chain_push(struct xj_store *st, struct xj_chain *saved, struct xj_error *err)
{
	*saved = st->chain;
	if (st->chain.on && xj_sha256_copy(&saved->h, &st->chain.h, err) < 0) {
		saved->on = 0;
		return -1;
	}
	return 0;
}

void xj_store_chain_pop(struct xj_store *st, struct xj_chain *saved, int rollback)
{
	if (!rollback) {
		chain_drop(saved);
		return;
	}
	chain_drop(&st->chain);
	st->chain = *saved;
}

void xj_store_chain_close(struct xj_store *st)
{
	int i;

	chain_drop(&st->chain);
	for (i = 0; i < st->nsp; i++)
		chain_drop(&st->sp[i].chain);
}

/* Checking. */

/* Each import's count of source rows, for the imports vouched for: a
 * row of one moved out of its run is then found (one pass over the
 * table, not one per import). */
static int count_sources(struct xj_store *st, struct xj_sb *counts, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT import_id, count(*) FROM source_row"
			       " GROUP BY import_id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the source rows");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long pair[2] = { sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1) };

		xj_sb_add(counts, (const char *)pair, sizeof(pair));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the source rows");
}

static long long count_of(const struct xj_sb *counts, long long import_id)
{
	const long long *p = (const long long *)(const void *)counts->buf;
	size_t i, n = counts->len / (2 * sizeof(long long));

	for (i = 0; i < n; i++)
		if (p[2 * i] == import_id)
			return p[2 * i + 1];
	return 0;
}

static void vouched_read(sqlite3_stmt *s, struct xj_vouched *v)
{
	int i;

	v->entry = sqlite3_column_int64(s, 0);
	v->command_id = sqlite3_column_int64(s, 1);
	v->import_id = sqlite3_column_int64(s, 2);
	v->rows = sqlite3_column_int64(s, 3);
	snprintf(v->sha256, sizeof(v->sha256), "%s", xj_store_col(s, 4));
	for (i = 0; i < 2; i++) {
		v->source_ids[i] = sqlite3_column_int64(s, 5 + i);
		v->students[i] = sqlite3_column_int64(s, 7 + i);
		v->statuses[i] = sqlite3_column_int64(s, 9 + i);
	}
	snprintf(v->since, sizeof(v->since), "%s", xj_store_col(s, 11));
	v->cohort = sqlite3_column_int(s, 12);
	v->accept_15 = sqlite3_column_int(s, 13);
	v->made_by = sqlite3_column_int(s, 14);
	v->digests = sqlite3_column_int64(s, 15);
	v->digest_ids[0] = sqlite3_column_int64(s, 16);
	v->digest_ids[1] = sqlite3_column_int64(s, 17);
	snprintf(v->digests_sha256, sizeof(v->digests_sha256), "%s", xj_store_col(s, 18));
}

int xj_store_vouched_each(struct xj_store *st,
			  int (*fn)(void *ctx, const struct xj_vouched *v), void *ctx,
			  struct xj_error *err)
{
	struct xj_sb counts = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	/* a range absent is lo 1, hi 0: it holds nothing */
	if (sqlite3_prepare_v2(st->db, "SELECT id, command_id, json_extract(new, '$.import'),"
			       " json_extract(new, '$.source_rows'), json_extract(new, '$.source_sha256'),"
			       " coalesce(json_extract(new, '$.source_ids[0]'), 1),"
			       " coalesce(json_extract(new, '$.source_ids[1]'), 0),"
			       " coalesce(json_extract(new, '$.students[0]'), 1),"
			       " coalesce(json_extract(new, '$.students[1]'), 0),"
			       " coalesce(json_extract(new, '$.statuses[0]'), 1),"
			       " coalesce(json_extract(new, '$.statuses[1]'), 0),"
			       " coalesce(json_extract(new, '$.since'), ''),"
			       " coalesce(json_extract(new, '$.cohort'), 0),"
			       " coalesce(json_extract(new, '$.accept_15'), 0),"
			       " coalesce(json_extract(new, '$.made_by'), 0),"
			       " coalesce(json_extract(new, '$.digests'), 0),"
			       " coalesce(json_extract(new, '$.digest_ids[0]'), 1),"
			       " coalesce(json_extract(new, '$.digest_ids[1]'), 0),"
			       " coalesce(json_extract(new, '$.digests_sha256'), '')"
			       " FROM audit WHERE action = 'import'"
			       " AND json_extract(new, '$.source_sha256') IS NOT NULL ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the log");
	rc = count_sources(st, &counts, err) < 0 ? -1 : SQLITE_ROW;
	while (rc == SQLITE_ROW && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct xj_vouched v;

		vouched_read(s, &v);
		v.stored_rows = count_of(&counts, v.import_id);
		if (fn(ctx, &v) < 0)
			rc = -1;
	}
	sqlite3_finalize(s);
	xj_sb_release(&counts);
	if (rc == -1)
		return -1;
	return rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the log");
}

/* v's run of source rows taken again into the digest, each given to fn
 * (line, source, student, data).  Every row of the run must be the
 * import's, and every row of the import in the run.  0 the same; 1 not,
 * with the count and digest found; -1. */
int xj_store_vouched_sources(struct xj_store *st, const struct xj_vouched *v,
			     int (*fn)(void *ctx, long line, const char *source,
				       long long student, const char *data),
			     void *ctx, long long *got, char hex[65], struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sha256 h;
	long long n = 0, others = 0;
	const char *data;
	size_t len;
	int rc;

	if (xj_sha256_init(&h, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT line, source, coalesce(student_id, ''), data,"
			       " student_id, import_id FROM source_row WHERE id BETWEEN ? AND ?"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		xj_sha256_drop(&h);
		return xj_store_fail(st, err, "read the source rows");
	}
	sqlite3_bind_int64(s, 1, v->source_ids[0]);
	sqlite3_bind_int64(s, 2, v->source_ids[1]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 5) != v->import_id) {
			others++;
			continue;
		}
		data = xj_store_col_n(s, 3, &len);
		chain_row(&h, (long)sqlite3_column_int64(s, 0), xj_store_col(s, 1),
			  xj_store_col(s, 2), data, len);
		n++;
		if (fn(ctx, (long)sqlite3_column_int64(s, 0), xj_store_col(s, 1),
		       sqlite3_column_int64(s, 4), xj_store_col(s, 3)) < 0) {
			rc = -1;
			break;
		}
	}
	sqlite3_finalize(s);
	xj_sha256_final(&h, hex);
	if (rc == -1)
		return -1;
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the source rows");
	*got = v->stored_rows + others;
	return !others && n == v->rows && v->stored_rows == n && !strcmp(hex, v->sha256) ? 0 : 1;
}

/* A difference of a vouched row, said to fn. */
static void differs(void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx,
		    enum xj_row_diff_kind kind, const char *table, long long key,
		    const char *student, const char *field, const char *stored, const char *made)
{
	char k[32];
	struct xj_row_diff d = { .kind = kind, .table = table, .key = k,
		.student = student, .field = field, .stored = stored, .logged = made };

	snprintf(k, sizeof(k), "%lld", key);
	fn(ctx, &d);
}

/* The text column i as it must be: NULL for none, else the same text,
 * every byte of it: one with more after a NUL differs, though C reads the
 * same text in it. */
static int text_differs(sqlite3_stmt *s, int i, const char *want)
{
	int type = sqlite3_column_type(s, i);
	const char *v;
	size_t n;

	if (!want || !*want)
		return type != SQLITE_NULL;
	if (type != SQLITE_TEXT)
		return 1;
	v = xj_store_col_n(s, i, &n);
	return n != strlen(want) || memcmp(v, want, n) != 0;
}

/* Column i as stored, a NUL in it shown: into sb, its text returned. */
static const char *stored(sqlite3_stmt *s, int i, struct xj_sb *sb)
{
	size_t n;
	const char *v = xj_store_col_n(s, i, &n);

	xj_sb_reset(sb);
	xj_sb_add_nul_shown(sb, v, n);
	return sb->buf;
}

static int int_differs(sqlite3_stmt *s, int i, long long want)
{
	return sqlite3_column_type(s, i) != SQLITE_INTEGER || sqlite3_column_int64(s, i) != want;
}

static sqlite3_stmt *student_row(struct xj_store *st, struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s;
	int i;

	if (!st->q.replayed_row) {
		xj_sb_adds(&sql, "SELECT 0, cohort");
		for (i = 0; i < XJ_S_COUNT; i++)
			xj_sb_addf(&sql, ", %s", xj_student_field(i));
		xj_sb_adds(&sql, " FROM student WHERE id = ?1");
	}
	s = xj_store_stmt(st, &st->q.replayed_row, sql.buf, err);
	xj_sb_release(&sql);
	return s;
}

int xj_store_replayed_check(struct xj_store *st, long long id, const struct xj_student *made,
			    void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx,
			    struct xj_error *err)
{
	sqlite3_stmt *s = student_row(st, err);
	struct xj_sb shown = XJ_SB_INIT;
	const char *exam;
	char cohort[16];
	int i, rc, n = 0;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE && ++n)
		differs(fn, ctx, XJ_ROW_GONE, "student", id, made->v[XJ_S_EXAM_NO], "", "", "");
	if (rc == SQLITE_ROW) {
		exam = xj_store_col(s, 2 + XJ_S_EXAM_NO);
		for (i = 0; i < XJ_S_COUNT; i++)
			if (text_differs(s, 2 + i, made->v[i]) && ++n)
				differs(fn, ctx, XJ_ROW_CHANGED, "student", id, exam,
					xj_student_field(i), stored(s, 2 + i, &shown),
					made->v[i] ? made->v[i] : "");
		snprintf(cohort, sizeof(cohort), "%d", made->cohort);
		if (int_differs(s, 1, made->cohort) && ++n)
			differs(fn, ctx, XJ_ROW_CHANGED, "student", id, exam, "cohort",
				xj_store_col(s, 1), cohort);
	}
	sqlite3_reset(s);
	xj_sb_release(&shown);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "check the rows");
	return n;
}

int xj_store_student_exists(struct xj_store *st, long long id, struct xj_sb *exam,
			    struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.student_exists,
		"SELECT exam_no FROM student WHERE id = ?", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		xj_store_take(exam, s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "check the rows");
	return rc == SQLITE_ROW;
}

/* One status as the import gave it: its student the id-th of the students
 * it made, admitted, since its date, by its command. */
static int status_check(sqlite3_stmt *s, const struct xj_vouched *v,
			void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx)
{
	long long id = sqlite3_column_int64(s, 0);
	long long student = v->students[0] + (id - v->statuses[0]);
	const char *exam = xj_store_col(s, 5);
	struct xj_sb shown = XJ_SB_INIT;
	char want[32], cmd[32];
	int n = 0;

	snprintf(want, sizeof(want), "%lld", student);
	snprintf(cmd, sizeof(cmd), "%lld", v->command_id);
	if (int_differs(s, 1, student) && ++n)
		differs(fn, ctx, XJ_ROW_CHANGED, "status", id, exam, "student_id",
			xj_store_col(s, 1), want);
	if (text_differs(s, 2, XJ_STATUS_ADMITTED) && ++n)
		differs(fn, ctx, XJ_ROW_CHANGED, "status", id, exam, "status",
			stored(s, 2, &shown), XJ_STATUS_ADMITTED);
	if (text_differs(s, 3, v->since) && ++n)
		differs(fn, ctx, XJ_ROW_CHANGED, "status", id, exam, "since",
			stored(s, 3, &shown), v->since);
	if (int_differs(s, 4, v->command_id) && ++n)
		differs(fn, ctx, XJ_ROW_CHANGED, "status", id, exam, "command_id",
			xj_store_col(s, 4), cmd);
	xj_sb_release(&shown);
	return n;
}

int xj_store_vouched_statuses(struct xj_store *st, const struct xj_vouched *v,
			      void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx,
			      struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	long long next = v->statuses[0];
	int rc, n = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT t.id, t.student_id, t.status, t.since, t.command_id,"
			       " (SELECT exam_no FROM student WHERE id = t.student_id)"
			       " FROM status t WHERE t.id BETWEEN ? AND ? ORDER BY t.id",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "check the rows");
	sqlite3_bind_int64(s, 1, v->statuses[0]);
	sqlite3_bind_int64(s, 2, v->statuses[1]);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW || rc == SQLITE_DONE) {
		long long id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : v->statuses[1] + 1;

		for (; next < id; next++, n++)   /* gone from the run */
			differs(fn, ctx, XJ_ROW_GONE, "status", next, "", "", "", "");
		if (rc == SQLITE_DONE)
			break;
		n += status_check(s, v, fn, ctx);
		next = id + 1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? n : xj_store_fail(st, err, "check the rows");
}
