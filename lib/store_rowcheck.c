/* store_rowcheck.c: every table against the row log, and every command's
 * rows against the entry that sums them up (rows.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "xj/i18n.h"
#include "xj/rows.h"

/* The check.  A command's rows against the entry that sums them up.
 * Rows written behind the log's back go through the triggers too (unless
 * they were dropped), under the last command: when a command's signed
 * count of rows sums right, the rows after them are the ones added, and
 * they are set aside so that the tables are compared with what was
 * signed, and the rows changed are named. */
struct sums {
	struct xj_store *st;
	struct xj_error *err;   /* a digest that cannot start stops the check */
	void (*fn)(void *ctx, const struct xj_row_diff *d);
	void *ctx;
	long bad;
	sqlite3_stmt *entries;   /* the "rows" entries, in order */
	int more;                /* entries has a row */
	/* the group being summed: its command, rows, and what it signed;
	 * open while there is one, last its last row's id */
	long long c, n, want_n, first, extra_from, last;
	char want[65];
	int prefix_ok, seen, open;
	struct xj_sha256 h;
	/* the row log's ids set aside: ranges lo..hi */
	long long (*aside)[2];
	size_t naside, cap;
};

static void report(struct sums *u, enum xj_row_diff_kind kind, long long command,
		   const char *stored, const char *logged)
{
	struct xj_row_diff d = { .kind = kind, .table = "", .key = "", .student = "",
		.field = "", .stored = stored, .logged = logged, .command = command };

	u->fn(u->ctx, &d);
	u->bad++;
}

static void set_aside(struct sums *u, long long lo, long long hi)
{
	if (u->naside == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 8;
		u->aside = xj_xreallocarray(u->aside, u->cap, sizeof(*u->aside));
	}
	u->aside[u->naside][0] = lo;
	u->aside[u->naside++][1] = hi;
}

/* Entries before command c whose command logged no rows at all. */
static void drain(struct sums *u, long long c)
{
	char want[96];

	while (u->more && sqlite3_column_int64(u->entries, 0) < c) {
		snprintf(want, sizeof(want), "%lld:%s", sqlite3_column_int64(u->entries, 1),
			 xj_store_col(u->entries, 2));
		report(u, XJ_ROW_UNSUMMED, sqlite3_column_int64(u->entries, 0), "0:", want);
		u->more = sqlite3_step(u->entries) == SQLITE_ROW;
		u->seen = 1;
	}
}

static int open_group(struct sums *u, long long c, long long id)
{
	drain(u, c);
	u->c = c;
	u->n = 0;
	u->first = id;
	u->extra_from = 0;
	u->prefix_ok = 0;
	u->want_n = -1;
	u->want[0] = '\0';
	/* only the first rows entry may be unsigned: xj init's, or the
	 * migration's that began the row log; any later one is forged */
	if (u->more && sqlite3_column_int64(u->entries, 0) == c &&
	    (sqlite3_column_int(u->entries, 3) || !u->seen)) {
		u->want_n = sqlite3_column_int64(u->entries, 1);
		snprintf(u->want, sizeof(u->want), "%s", xj_store_col(u->entries, 2));
	}
	if (u->more && sqlite3_column_int64(u->entries, 0) == c)
		u->more = sqlite3_step(u->entries) == SQLITE_ROW;
	u->seen = 1;
	return xj_sha256_init(&u->h, u->err);
}

/* One row of the group: after the signed count, the sum so far is
 * compared, and any row after a count that sums right is an extra. */
static int add_row(struct sums *u, sqlite3_stmt *s, long long id)
{
	if (u->n == u->want_n && u->prefix_ok && !u->extra_from)
		u->extra_from = id;
	xj_store_rows_sum_row(&u->h, s, 1);
	if (!u->h.ctx)   /* the library failed mid-digest: no sum to judge by */
		return xj_error_set(u->err, XJ_EIO, "cannot sum the row log: SHA-256 failed");
	if (++u->n == u->want_n) {
		struct xj_sha256 copy;
		char hex[65];

		if (xj_sha256_copy(&copy, &u->h, u->err) < 0)
			return -1;
		xj_sha256_final(&copy, hex);
		u->prefix_ok = !strcmp(hex, u->want);
	}
	return 0;
}

static void close_group(struct sums *u, long long last)
{
	char hex[65], got[96], want[96], extra[32];

	xj_sha256_final(&u->h, hex);
	if (u->want_n < 0) {   /* no entry signed these rows: all set aside */
		snprintf(extra, sizeof(extra), "%lld", u->n);
		report(u, XJ_ROW_EXTRA, u->c, extra, "0");
		set_aside(u, u->first, last);
		return;
	}
	if (u->n == u->want_n && !strcmp(hex, u->want))
		return;
	if (u->prefix_ok && u->extra_from) {
		snprintf(extra, sizeof(extra), "%lld", u->n - u->want_n);
		snprintf(want, sizeof(want), "%lld", u->want_n);
		report(u, XJ_ROW_EXTRA, u->c, extra, want);
		set_aside(u, u->extra_from, last);
		return;
	}
	snprintf(got, sizeof(got), "%lld:%s", u->n, hex);
	snprintf(want, sizeof(want), "%lld:%s", u->want_n, u->want);
	report(u, XJ_ROW_UNSUMMED, u->c, got, want);
}

/* A row of the log into its command's group, a new group at a new command. */
static int sum_row(sqlite3_stmt *s, void *sums)
{
	struct sums *u = sums;
	long long id = sqlite3_column_int64(s, 4);

	if (!u->open || sqlite3_column_int64(s, 0) != u->c) {
		if (u->open)
			close_group(u, u->last);
		u->open = 0;
		if (open_group(u, sqlite3_column_int64(s, 0), id) < 0)
			return -1;
		u->open = 1;
	}
	u->last = id;
	return add_row(u, s, id);
}

static int check_sums(struct sums *u, struct xj_error *err)
{
	struct xj_store *st = u->st;
	sqlite3_stmt *s = NULL;
	int rc;

	/* a migration of a store that has a row log is made by the program,
	 * unsigned: its rows stand as signed while they are its own command's
	 * and the migration it records, and nothing else */
	if (sqlite3_prepare_v2(st->db, "SELECT a.command_id, json_extract(a.new, '$.rows'),"
			       " json_extract(a.new, '$.sha256'), CASE WHEN EXISTS (SELECT 1 FROM"
			       " command_sig g WHERE g.command_id = a.command_id) THEN 1"
			       " WHEN EXISTS (SELECT 1 FROM audit m WHERE m.command_id = a.command_id"
			       " AND m.action = 'migrate') AND NOT EXISTS (SELECT 1 FROM row_log r"
			       " WHERE r.command_id = a.command_id AND NOT ((r.tbl = 'command'"
			       " AND r.rid = a.command_id) OR (r.tbl = 'migration' AND"
			       " json_extract(r.row, '$.command_id') = a.command_id))) THEN 1 ELSE 0 END"
			       " FROM audit a WHERE a.action = 'rows' ORDER BY a.id", -1, &u->entries,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "SELECT command_id, tbl, rid, row, id FROM row_log"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(u->entries);
		return xj_store_fail(st, err, "read the row log");
	}
	u->more = sqlite3_step(u->entries) == SQLITE_ROW;
	u->err = err;
	rc = xj_store_each(st, s, sum_row, u, "read the row log", err);
	if (rc == 0 && u->open)
		close_group(u, u->last);
	else if (u->open)
		xj_sha256_drop(&u->h);   /* a failed check reports nothing more */
	if (rc == 0)
		drain(u, 0x7fffffffffffffffLL);
	sqlite3_finalize(s);
	sqlite3_finalize(u->entries);
	return rc;
}

static int set_aside_has(const struct sums *u, long long id)
{
	size_t i;

	for (i = 0; i < u->naside; i++)
		if (id >= u->aside[i][0] && id <= u->aside[i][1])
			return 1;
	return 0;
}

/* A table against the last row the log holds for each key. */
struct tables {
	struct xj_store *st;
	struct xj_error *err;
	void (*fn)(void *ctx, const struct xj_row_diff *d);
	void *ctx;
	long bad;
	long long rows;
	struct xj_row_shape sh;
	struct xj_sb key, logged, student;
	const struct sums *u;   /* the row log's rows set aside */
	long long key_num;
	int key_int, logged_null;
	int added_ok;   /* the command table: a command that wrote no rows is in no row log */
	/* runs of rows the log holds nothing of, vouched for and checked
	 * by an import's entry */
	const struct xj_row_run *runs;
	size_t nruns;
	/* told of each key in a run the log holds a row of (not set aside):
	 * the log's row is then the one the row is checked by */
	void (*on_logged)(void *ctx, const char *table, long long id);
	void *vctx;
};

static int in_run(const struct tables *t, long long id)
{
	size_t i;

	for (i = 0; i < t->nruns; i++)
		if (id >= t->runs[i].lo && id <= t->runs[i].hi &&
		    !strcmp(t->runs[i].table, t->sh.table))
			return 1;
	return 0;
}

static int vouched(const struct tables *t, sqlite3_stmt *a)
{
	return sqlite3_column_type(a, 0) == SQLITE_INTEGER && in_run(t, sqlite3_column_int64(a, 0));
}

/* SQLite's order of a table's key against the log's: numbers before
 * text, text by bytes. */
static int key_cmp(sqlite3_stmt *a, const struct tables *t)
{
	int ta = sqlite3_column_type(a, 0) == SQLITE_INTEGER;

	if (ta && t->key_int) {
		long long x = sqlite3_column_int64(a, 0), y = t->key_num;

		return x < y ? -1 : x > y;
	}
	if (ta != t->key_int)
		return ta ? -1 : 1;
	return strcmp(xj_store_col(a, 0), t->key.buf);
}

/* The student a row is about, for the message: its own student, or the
 * student of the row it belongs to. */
static void student_of(struct tables *t, const char *row)
{
	const struct xj_row_shape *sh = &t->sh;
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;

	xj_sb_reset(&t->student);
	if (!row)
		return;
	if (sh->has_student)
		xj_sb_adds(&sql, "SELECT exam_no FROM student WHERE id = json_extract(?, '$.student_id')");
	else if (!strcmp(sh->table, "student"))
		xj_sb_adds(&sql, "SELECT exam_no FROM student WHERE id = json_extract(?, '$.id')");
	else if (*sh->via_col)
		xj_sb_addf(&sql, "SELECT exam_no FROM student WHERE id = (SELECT student_id FROM %s"
			   " WHERE rowid = json_extract(?, '$.%s'))", sh->via_table, sh->via_col);
	if (sql.buf && sqlite3_prepare_v2(t->st->db, sql.buf, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, row, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			xj_sb_adds(&t->student, xj_store_col(s, 0));
	}
	sqlite3_finalize(s);
	xj_sb_release(&sql);
}

static void differ(struct tables *t, enum xj_row_diff_kind kind, const char *key,
		   const char *row, const char *field, const char *stored, const char *logged)
{
	struct xj_row_diff d = { .kind = kind, .table = t->sh.table, .key = key,
		.student = "", .field = field, .stored = stored, .logged = logged };

	student_of(t, row);
	d.student = t->student.buf;
	t->fn(t->ctx, &d);
	t->bad++;
}

struct field_walk {
	struct tables *t;
	const char *key, *stored;
};

static int field_row(sqlite3_stmt *s, void *walk)
{
	struct field_walk *w = walk;

	differ(w->t, XJ_ROW_CHANGED, w->key, w->stored, xj_store_col(s, 0),
	       xj_store_col(s, 1), xj_store_col(s, 2));
	return 0;
}

/* The fields of two rows that differ (a field absent is NULL). */
static int fields_differ(struct tables *t, const char *key, const char *stored,
			 const char *logged)
{
	static const char sql[] =
		"SELECT a.key, a.value, b.value FROM json_each(?1) a"
		" LEFT JOIN json_each(?2) b ON b.key = a.key WHERE a.value IS NOT b.value"
		" UNION ALL SELECT b.key, NULL, b.value FROM json_each(?2) b"
		" WHERE b.value IS NOT NULL AND b.key NOT IN (SELECT key FROM json_each(?1))";
	struct field_walk w = { t, key, stored };
	sqlite3_stmt *s = NULL;
	long before = t->bad;
	int rc;

	if (sqlite3_prepare_v2(t->st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(t->st, t->err, "compare rows");
	sqlite3_bind_text(s, 1, stored, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, logged, -1, SQLITE_STATIC);
	rc = xj_store_each(t->st, s, field_row, &w, "compare rows", t->err);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	if (t->bad == before)   /* the same values, written another way */
		differ(t, XJ_ROW_CHANGED, key, stored, "", stored, logged);
	return 0;
}

/* Step the log to its next key: the last row logged for it into
 * t->logged (t->logged_null for a row gone), rows set aside skipped.
 * 0 at the end. */
static int next_logged(struct tables *t, sqlite3_stmt *b, int *have)
{
	int rc, found;

	while (*have) {
		xj_sb_reset(&t->key);
		xj_sb_adds(&t->key, xj_store_col(b, 0));
		t->key_int = sqlite3_column_type(b, 0) == SQLITE_INTEGER;
		t->key_num = sqlite3_column_int64(b, 0);
		found = 0;
		do {
			if (!set_aside_has(t->u, sqlite3_column_int64(b, 2))) {
				xj_sb_reset(&t->logged);
				xj_sb_adds(&t->logged, xj_store_col(b, 1));
				t->logged_null = sqlite3_column_type(b, 1) == SQLITE_NULL;
				found = 1;
			}
			rc = sqlite3_step(b);
		} while (rc == SQLITE_ROW && strcmp(xj_store_col(b, 0), t->key.buf) == 0);
		*have = rc == SQLITE_ROW;
		if (found)
			return 1;
	}
	return 0;
}

/* Walk the table (a) and the log of it (b), both in key order. */
static int merge(struct tables *t, sqlite3_stmt *a, sqlite3_stmt *b)
{
	int ra = sqlite3_step(a), more = sqlite3_step(b) == SQLITE_ROW;
	int have = next_logged(t, b, &more);

	while (ra == SQLITE_ROW || have) {
		int c = ra != SQLITE_ROW ? 1 : !have ? -1 : key_cmp(a, t);
		const char *row = ra == SQLITE_ROW ? xj_store_col(a, 1) : NULL;

		if (c >= 0 && have && t->on_logged && t->key_int && in_run(t, t->key_num))
			t->on_logged(t->vctx, t->sh.table, t->key_num);
		if (c < 0 && vouched(t, a)) {
			;   /* checked by what vouches for it (replay.c) */
		} else if ((c < 0 && !t->added_ok) || (c == 0 && t->logged_null)) {
			differ(t, XJ_ROW_ADDED, xj_store_col(a, 0), row, "", row, "");
		} else if (c < 0) {
			;   /* a command of no rows */
		} else if (c > 0) {
			if (!t->logged_null)
				differ(t, XJ_ROW_GONE, t->key.buf, t->logged.buf, "", "",
				       t->logged.buf);
		} else if (strcmp(row, t->logged.buf) != 0 &&
			   fields_differ(t, t->key.buf, row, t->logged.buf) < 0) {
			return -1;
		}
		if (c <= 0) {
			t->rows++;
			ra = sqlite3_step(a);
		}
		if (c >= 0)
			have = next_logged(t, b, &more);
	}
	if (ra != SQLITE_DONE)
		return xj_store_fail(t->st, t->err, "read the store");
	return 0;
}

static int check_table(void *ctx, const char *table)
{
	struct tables *t = ctx;
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *a = NULL, *b = NULL;
	int rc = -1;

	if (xj_store_rows_shape(t->st, table, &t->sh, t->err) < 0)
		return -1;
	xj_sb_adds(&sql, "SELECT ");
	xj_store_rows_key_sql(&t->sh, "", &sql);
	xj_sb_adds(&sql, ", ");
	xj_store_rows_row_sql(&t->sh, "", &sql);
	xj_sb_addf(&sql, " FROM %s ORDER BY 1", table);
	if (sqlite3_prepare_v2(t->st->db, sql.buf, -1, &a, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(t->st->db, "SELECT rid, row, id FROM row_log WHERE tbl = ?"
			       " ORDER BY rid, id", -1, &b, NULL) != SQLITE_OK)
		xj_store_fail(t->st, t->err, "read the store");
	else {
		sqlite3_bind_text(b, 1, table, -1, SQLITE_STATIC);
		rc = merge(t, a, b);
	}
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	xj_sb_release(&sql);
	return rc;
}

static int gone_row(sqlite3_stmt *s, void *tables)
{
	struct tables *t = tables;

	snprintf(t->sh.table, sizeof(t->sh.table), "%.63s", xj_store_col(s, 0));
	t->sh.has_student = 0;
	differ(t, XJ_ROW_GONE, "", NULL, "", "", "");
	return 0;
}

/* Tables the log has rows of and the store no longer has. */
static int tables_gone(struct tables *t)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(t->st->db, "SELECT DISTINCT tbl FROM row_log WHERE tbl NOT IN"
			       " (SELECT name FROM sqlite_master WHERE type = 'table')",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(t->st, t->err, "read the row log");
	rc = xj_store_each(t->st, s, gone_row, t, "read the row log", t->err);
	sqlite3_finalize(s);
	return rc;
}

static int has_row_log(struct xj_store *st)
{
	return sqlite3_table_column_metadata(st->db, "main", "row_log", "rid", NULL, NULL,
					     NULL, NULL, NULL) == SQLITE_OK;
}

long xj_store_rows_verify(struct xj_store *st, void (*fn)(void *ctx, const struct xj_row_diff *d),
		    void *ctx, const struct xj_row_runs *runs, long long *rows,
		    struct xj_error *err)
{
	struct sums u;
	struct tables t;
	int rc;

	*rows = 0;
	if (!has_row_log(st))
		return 0;
	memset(&u, 0, sizeof(u));
	u.st = st;
	u.fn = fn;
	u.ctx = ctx;
	memset(&t, 0, sizeof(t));
	t.u = &u;
	t.st = st;
	t.err = err;
	t.fn = fn;
	t.ctx = ctx;
	if (runs) {
		t.runs = runs->run;
		t.nruns = runs->n;
		t.on_logged = runs->on_logged;
		t.vctx = runs->ctx;
	}
	rc = check_sums(&u, err);
	if (rc == 0)
		rc = xj_store_rows_each_table(st, check_table, &t, err);
	t.added_ok = 1;
	if (rc == 0)
		rc = check_table(&t, "command");
	if (rc == 0)
		rc = tables_gone(&t);
	xj_sb_release(&t.key);
	xj_sb_release(&t.logged);
	xj_sb_release(&t.student);
	free(u.aside);
	*rows = t.rows;
	return rc < 0 ? -1 : u.bad + t.bad;
}
