/* store_chain.c: the rows an import's entry vouches for, instead of the
 * row log copying them.  Writing: a digest over the source rows the
 * import adds, in order, which its one entry commits to with the
 * students and statuses it made.  Checking: the digest taken again, and
 * what the rows must be set out for the row check (store_rowcheck.c):
 * the source rows as they stand when the digest holds, the students as
 * their rows make them again (the replay is above the store, replay.c),
 * the statuses as the import gave them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "xj/i18n.h"

/* One source row into the digest: "line TAB source TAB student TAB data
 * LF" (the data is JSON: it has no raw tab or line break). */
static void chain_row(struct xj_sha256 *h, long line, const char *source,
		      const char *student, const char *data)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld\t", line);
	xj_sha256_update(h, num, strlen(num));
	xj_sha256_update(h, source, strlen(source));
	xj_sha256_update(h, "\t", 1);
	xj_sha256_update(h, student, strlen(student));
	xj_sha256_update(h, "\t", 1);
	xj_sha256_update(h, data, strlen(data));
	xj_sha256_update(h, "\n", 1);
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
	if (xj_sha256_init(&st->chain.h) < 0)
		return xj_error_set(err, XJ_ESTORE, "cannot make a SHA-256 digest");
	st->chain.on = 1;
	st->chain.import_id = import_id;
	st->chain.n = 0;
	return 0;
}

void xj_store_chain_link(struct xj_store *st, long long import_id, long line,
			 const char *source, long long student_id, const char *data)
{
	char sid[32] = "";

	if (!st->chain.on || st->chain.import_id != import_id)
		return;
	if (student_id)
		snprintf(sid, sizeof(sid), "%lld", student_id);
	chain_row(&st->chain.h, line, source, sid, data);
	st->chain.n++;
}

long long xj_store_chain_end(struct xj_store *st, char hex[65])
{
	long long n = st->chain.n;

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
	if (st->chain.on && xj_sha256_copy(&saved->h, &st->chain.h) < 0) {
		saved->on = 0;
		return xj_error_set(err, XJ_ESTORE, "cannot make a SHA-256 digest");
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

int xj_store_vouched_each(struct xj_store *st,
			  int (*fn)(void *ctx, const struct xj_vouched *v), void *ctx,
			  struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT command_id, json_extract(new, '$.import'),"
			       " json_extract(new, '$.source_rows'), json_extract(new, '$.source_sha256'),"
			       " coalesce(json_extract(new, '$.students[0]'), 0),"
			       " coalesce(json_extract(new, '$.students[1]'), -1),"
			       " coalesce(json_extract(new, '$.statuses[0]'), 0),"
			       " coalesce(json_extract(new, '$.statuses[1]'), -1),"
			       " coalesce(json_extract(new, '$.since'), ''),"
			       " coalesce(json_extract(new, '$.cohort'), 0),"
			       " coalesce(json_extract(new, '$.accept_15'), 0), id"
			       " FROM audit WHERE action = 'import'"
			       " AND json_extract(new, '$.source_sha256') IS NOT NULL ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the log");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct xj_vouched v = {
			.command_id = sqlite3_column_int64(s, 0),
			.import_id = sqlite3_column_int64(s, 1),
			.rows = sqlite3_column_int64(s, 2),
			.students = { sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5) },
			.statuses = { sqlite3_column_int64(s, 6), sqlite3_column_int64(s, 7) },
			.cohort = sqlite3_column_int(s, 9),
			.accept_15 = sqlite3_column_int(s, 10),
			.entry = sqlite3_column_int64(s, 11),
		};

		snprintf(v.sha256, sizeof(v.sha256), "%s", xj_store_col(s, 3));
		snprintf(v.since, sizeof(v.since), "%s", xj_store_col(s, 8));
		if (fn(ctx, &v) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the log");
}

/* The temporary tables of one check: what the vouched rows must be
 * (xj_expect: a row of JSON, or "=" for a row as it stands), and the
 * students made again, in the student table's shape. */
int xj_store_expect_begin(struct xj_store *st, struct xj_error *err)
{
	/* a store of a million students: on disk, not in memory */
	return xj_store_exec(st, "PRAGMA temp_store = FILE;"
			     "DROP TABLE IF EXISTS temp.xj_expect;"
			     "DROP TABLE IF EXISTS temp.xj_replayed;"
			     "CREATE TEMP TABLE xj_expect(tbl TEXT NOT NULL, rid, row TEXT NOT NULL);"
			     "CREATE TEMP TABLE xj_replayed AS SELECT * FROM main.student WHERE 0;",
			     err);
}

void xj_store_expect_end(struct xj_store *st)
{
	sqlite3_exec(st->db, "DROP TABLE IF EXISTS temp.xj_expect;"
		     "DROP TABLE IF EXISTS temp.xj_replayed;"
		     "PRAGMA temp_store = MEMORY;", NULL, NULL, NULL);
}

/* The source rows of v's import taken again into the digest: each given
 * to fn (line, source, student, data), then the sum (*got rows, hex) held
 * against the entry's.  The rows stand as they are for the row check
 * either way: a difference is said once, by the caller.  0 the same, 1
 * not, -1. */
int xj_store_vouched_sources(struct xj_store *st, const struct xj_vouched *v,
			     int (*fn)(void *ctx, long line, const char *source,
				       long long student, const char *data),
			     void *ctx, long long *got, char hex[65], struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sha256 h;
	long long n = 0;
	int rc;

	if (xj_sha256_init(&h) < 0)
		return xj_error_set(err, XJ_ESTORE, "cannot make a SHA-256 digest");
	if (sqlite3_prepare_v2(st->db, "SELECT line, source, coalesce(student_id, ''), data,"
			       " student_id FROM source_row WHERE import_id = ? ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK) {
		xj_sha256_drop(&h);
		return xj_store_fail(st, err, "read the source rows");
	}
	sqlite3_bind_int64(s, 1, v->import_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		chain_row(&h, (long)sqlite3_column_int64(s, 0), xj_store_col(s, 1),
			  xj_store_col(s, 2), xj_store_col(s, 3));
		n++;
		if (fn && fn(ctx, (long)sqlite3_column_int64(s, 0), xj_store_col(s, 1),
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
	if (sqlite3_prepare_v2(st->db, "INSERT INTO temp.xj_expect(tbl, rid, row)"
			       " SELECT 'source_row', id, '=' FROM source_row WHERE import_id = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "check the rows");
	sqlite3_bind_int64(s, 1, v->import_id);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	*got = n;
	return n == v->rows && !strcmp(hex, v->sha256) ? 0 : 1;
}

int xj_store_replayed_add(struct xj_store *st, long long id, const struct xj_student *stu,
			  struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int i, rc;

	xj_sb_adds(&sql, "INSERT INTO temp.xj_replayed(id");
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_sb_addf(&sql, ", %s", xj_student_field(i));
	xj_sb_adds(&sql, ", cohort) VALUES(?");
	for (i = 0; i <= XJ_S_COUNT; i++)
		xj_sb_adds(&sql, ", ?");
	xj_sb_adds(&sql, ")");
	rc = sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL) == SQLITE_OK ? 0 :
	     xj_store_fail(st, err, "write");
	xj_sb_release(&sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_store_bind_text(s, i + 2, stu->v[i]);
	sqlite3_bind_int(s, XJ_S_COUNT + 2, stu->cohort);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(s);
	return rc;
}

/* The students made again and the statuses the import gave them, as rows
 * of the row log would hold them.  The statuses follow the students one
 * for one, in id order: one statement wrote them so (admit, import.c). */
int xj_store_vouched_expect(struct xj_store *st, const struct xj_vouched *v,
			    struct xj_error *err)
{
	struct xj_row_shape stu, sta;
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	if (xj_rows_shape(st, "student", &stu, err) < 0 ||
	    xj_rows_shape(st, "status", &sta, err) < 0)
		return -1;
	xj_sb_adds(&sql, "INSERT INTO temp.xj_expect(tbl, rid, row) SELECT 'student', t.id, ");
	xj_rows_row_sql(&stu, "t.", &sql);
	xj_sb_adds(&sql, " FROM temp.xj_replayed t WHERE t.id BETWEEN ?1 AND ?2;"
		   "INSERT INTO temp.xj_expect(tbl, rid, row) SELECT 'status', t.id, ");
	xj_rows_row_sql(&sta, "t.", &sql);
	xj_sb_adds(&sql, " FROM (WITH RECURSIVE k(i) AS (SELECT 0 WHERE ?4 <= ?5 UNION ALL"
		   " SELECT i + 1 FROM k WHERE i < ?5 - ?4) SELECT ?4 + i AS id, ?1 + i AS"
		   " student_id, ?7 AS status, ?6 AS since, ?3 AS command_id FROM k) t");
	rc = 0;
	for (const char *p = sql.buf; rc == 0 && *p; ) {
		const char *tail = NULL;

		if (sqlite3_prepare_v2(st->db, p, -1, &s, &tail) != SQLITE_OK) {
			rc = xj_store_fail(st, err, "check the rows");
			break;
		}
		sqlite3_bind_int64(s, 1, v->students[0]);
		sqlite3_bind_int64(s, 2, v->students[1]);
		sqlite3_bind_int64(s, 3, v->command_id);
		sqlite3_bind_int64(s, 4, v->statuses[0]);
		sqlite3_bind_int64(s, 5, v->statuses[1]);
		sqlite3_bind_text(s, 6, v->since, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, XJ_STATUS_ADMITTED, -1, SQLITE_STATIC);
		rc = s ? xj_store_step_done(st, s, err) : 0;
		sqlite3_finalize(s);
		s = NULL;
		p = tail;
	}
	xj_sb_release(&sql);
	return rc;
}
