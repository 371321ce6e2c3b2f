/* store_bulk.c: a bulk load's students and their source rows, held and
 * inserted BULK_ROWS at a time.  An INSERT of many rows costs SQLite much
 * less than as many INSERTs of one: each statement is begun, checked and
 * ended once, not once a row.  At 200,000 students the two inserts took
 * a third less time so.
 *
 * The rows are given their ids here, each the next after the table's
 * largest, as SQLite would give them one by one; so the student's id is
 * known before its source row is written, and the digest of the import's
 * rows (store_chain.c) takes them in the file's order.
 *
 * The statements are INSERT OR FAIL.  A statement of many rows that may
 * abort makes SQLite copy each page it changes to a journal of its own
 * first: five times the store's size in writes.  One that fails keeps the
 * rows before it, and its error ends the command, which is rolled back
 * whole.
 *
 * Whatever else the store is asked to write while rows are held first
 * stores them (a savepoint's begin or release, another student or source
 * row, the keys, the commit), or, for a rollback, forgets them.  A reader
 * of students or source rows does not: the caller flushes before it reads
 * them, as the import does before its keys. */
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

#define BULK_ROWS 32
/* ...or fewer, when their text passes this: a row may be 64 MiB long,
 * and no more than one such is held, as when the file is read ahead
 * (readahead.c); a text grown past BULK_KEEP is not kept for the next */
#define BULK_BYTES (256 << 10)
#define BULK_KEEP (64 << 10)

struct bulk_row {
	long line;
	int cohort;
	size_t val[XJ_S_COUNT], len[XJ_S_COUNT];   /* in text; len 0: no value */
	size_t data, data_len;
};

struct xj_bulk {
	long long import_id;
	const char *source;
	int n;
	struct bulk_row row[BULK_ROWS];
	struct xj_sb text;
	/* [0] inserts one row, [1] BULK_ROWS */
	sqlite3_stmt *students[2], *sources[2];
};

static void student_sql(struct xj_sb *sql, int rows)
{
	int i, r;

	xj_sb_adds(sql, "INSERT OR FAIL INTO student(id, ");
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_sb_addf(sql, "%s, ", xj_student_field(i));
	xj_sb_adds(sql, "cohort) VALUES");
	for (r = 0; r < rows; r++) {
		xj_sb_adds(sql, r ? ", (?" : " (?");
		for (i = 0; i <= XJ_S_COUNT; i++)
			xj_sb_adds(sql, ", ?");
		xj_sb_addc(sql, ')');
	}
}

static void source_sql(struct xj_sb *sql, int rows)
{
	int r;

	xj_sb_adds(sql, "INSERT OR FAIL INTO source_row(id, import_id, line, source, student_id, data)"
		   " VALUES");
	for (r = 0; r < rows; r++)
		xj_sb_adds(sql, r ? ", (?, ?, ?, ?, ?, ?)" : " (?, ?, ?, ?, ?, ?)");
}

/* The statement of *slot, prepared once for the load. */
static sqlite3_stmt *prepared(struct xj_store *st, sqlite3_stmt **slot,
			      void (*make)(struct xj_sb *, int), int rows,
			      struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;

	if (*slot)
		return *slot;
	make(&sql, rows);
	if (sqlite3_prepare_v3(st->db, sql.buf, (int)sql.len, SQLITE_PREPARE_PERSISTENT, slot,
			       NULL) != SQLITE_OK) {
		*slot = NULL;
		xj_store_fail(st, err, "prepare the bulk load");
	}
	xj_sb_release(&sql);
	return *slot;
}

static void bind_student(struct xj_bulk *b, sqlite3_stmt *s, int at, int k, long long id)
{
	const struct bulk_row *r = &b->row[k];
	int f;

	sqlite3_bind_int64(s, ++at, id);
	for (f = 0; f < XJ_S_COUNT; f++) {
		if (r->len[f])
			sqlite3_bind_text(s, ++at, b->text.buf + r->val[f], (int)r->len[f],
					  SQLITE_STATIC);
		else
			sqlite3_bind_null(s, ++at);
	}
	sqlite3_bind_int(s, ++at, r->cohort);
}

static void bind_source(struct xj_bulk *b, sqlite3_stmt *s, int at, int k, long long id,
			long long student_id)
{
	const struct bulk_row *r = &b->row[k];

	sqlite3_bind_int64(s, ++at, id);
	sqlite3_bind_int64(s, ++at, b->import_id);
	sqlite3_bind_int64(s, ++at, r->line);
	sqlite3_bind_text(s, ++at, b->source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, ++at, student_id);
	sqlite3_bind_text(s, ++at, b->text.buf + r->data, (int)r->data_len, SQLITE_STATIC);
}

/* 0; -1, XJ_ECONFLICT for a key a student has already (a student
 * number: the others are built after the load). */
static int run(struct xj_store *st, sqlite3_stmt *s, struct xj_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	xj_store_fail(st, err, "add the file's students");
	if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
		err->code = XJ_ECONFLICT;
	return -1;
}

/* The largest ids of the two tables, the rows' ids following them. */
static int last_ids(struct xj_store *st, long long *student, long long *source,
		    struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.bulk_last,
		"SELECT (SELECT coalesce(max(id), 0) FROM student),"
		" (SELECT coalesce(max(id), 0) FROM source_row)", err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	*student = sqlite3_column_int64(s, 0);
	*source = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the store");
}

/* The held rows inserted: all at once when they are a whole batch, else
 * one by one. */
static int insert_rows(struct xj_store *st, struct xj_bulk *b, long long sid, long long rid,
		       struct xj_error *err)
{
	int whole = b->n == BULK_ROWS, k;
	sqlite3_stmt *stu = prepared(st, &b->students[whole], student_sql, whole ? BULK_ROWS : 1,
				     err);
	sqlite3_stmt *src = stu ? prepared(st, &b->sources[whole], source_sql,
					   whole ? BULK_ROWS : 1, err) : NULL;

	if (!src)
		return -1;
	for (k = 0; k < b->n; k++) {
		bind_student(b, stu, whole ? k * (XJ_S_COUNT + 2) : 0, k, sid + 1 + k);
		if (!whole && run(st, stu, err) < 0)
			return -1;
	}
	if (whole && run(st, stu, err) < 0)
		return -1;
	for (k = 0; k < b->n; k++) {
		bind_source(b, src, whole ? k * 6 : 0, k, rid + 1 + k, sid + 1 + k);
		if (!whole && run(st, src, err) < 0)
			return -1;
	}
	return whole ? run(st, src, err) : 0;
}

int xj_store_bulk_flush(struct xj_store *st, struct xj_error *err)
{
	struct xj_bulk *b = st->bulk_rows;
	long long sid, rid;
	int k, rc;

	if (!b || !b->n)
		return 0;
	rc = last_ids(st, &sid, &rid, err);
	if (rc == 0)
		rc = insert_rows(st, b, sid, rid, err);
	for (k = 0; rc == 0 && k < b->n; k++)
		xj_store_chain_link(st, b->import_id, b->row[k].line, b->source, sid + 1 + k,
				    b->text.buf + b->row[k].data, b->row[k].data_len, rid + 1 + k);
	xj_store_bulk_drop(st);
	return rc;
}

static size_t held(struct xj_bulk *b, const char *s, size_t len)
{
	size_t at = b->text.len;

	xj_sb_add(&b->text, s, len);
	return at;
}

int xj_store_bulk_student(struct xj_store *st, const struct xj_student *s,
			  long long import_id, long line, const char *source,
			  const struct xj_sb *data, struct xj_error *err)
{
	struct xj_bulk *b = st->bulk_rows;
	struct bulk_row *r;
	int f;

	if (b && b->n && (b->import_id != import_id || strcmp(b->source, source) != 0) &&
	    xj_store_bulk_flush(st, err) < 0)
		return -1;
	if (!b)
		b = st->bulk_rows = xj_xcalloc(1, sizeof(*b));
	b->import_id = import_id;
	b->source = source;
	r = &b->row[b->n++];
	r->line = line;
	r->cohort = s->cohort;
	for (f = 0; f < XJ_S_COUNT; f++) {
		r->len[f] = s->v[f] ? strlen(s->v[f]) : 0;
		r->val[f] = r->len[f] ? held(b, s->v[f], r->len[f]) : 0;
	}
	r->data = held(b, data->buf, data->len);
	r->data_len = data->len;
	return b->n == BULK_ROWS || b->text.len > BULK_BYTES ? xj_store_bulk_flush(st, err) : 0;
}

void xj_store_bulk_drop(struct xj_store *st)
{
	if (!st->bulk_rows)
		return;
	st->bulk_rows->n = 0;
	if (st->bulk_rows->text.alloc > BULK_KEEP)
		xj_sb_release(&st->bulk_rows->text);
	else
		xj_sb_reset(&st->bulk_rows->text);
}

void xj_store_bulk_free(struct xj_store *st)
{
	struct xj_bulk *b = st->bulk_rows;
	int i;

	if (!b)
		return;
	for (i = 0; i < 2; i++) {
		sqlite3_finalize(b->students[i]);
		sqlite3_finalize(b->sources[i]);
	}
	xj_sb_release(&b->text);
	free(b);
	st->bulk_rows = NULL;
}
