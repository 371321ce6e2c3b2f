/* store_rows.h: what the row log's writing (store_rows.c) and its check
 * (store_rowcheck.c) share: a table's shape, and the SQL of its key and
 * row.  Not installed.  Nothing is allocated but into the caller's: a
 * shape filled in place, SQL into out, a row into the caller's digest. */
#ifndef XJ_STORE_ROWS_H
#define XJ_STORE_ROWS_H

#include "store_impl.h"
#include "xj/sha256.h"

/* How one table's rows are written into the log. */
#define MAXCOLS 48
struct xj_row_shape {
	char table[64];
	struct {
		char name[64];
		int pk, blob;
	} col[MAXCOLS];
	int ncols, npk;
	int int_key;       /* the key is one INTEGER column: the rowid, kept by copies */
	int has_student;
	/* a row without a student column: the column and table of the row it
	 * belongs to that has one (a sign-off's review), for messages */
	char via_col[64], via_table[64];
};

/* The shape of table (columns, key, the student it is about). */
int xj_store_rows_shape(struct xj_store *st, const char *table, struct xj_row_shape *sh,
		  struct xj_error *err);
/* The row as a JSON object, and its key, over a prefix ("NEW.", "OLD." or
 * "" for the table itself). */
void xj_store_rows_row_sql(const struct xj_row_shape *sh, const char *pfx, struct xj_sb *out);
void xj_store_rows_key_sql(const struct xj_row_shape *sh, const char *pfx, struct xj_sb *out);
/* fn(ctx, table) for each table the row log covers, in name order. */
int xj_store_rows_each_table(struct xj_store *st, int (*fn)(void *ctx, const char *table),
		       void *ctx, struct xj_error *err);
/* One row of the log (columns first.. of s: table, key, row) into a sum. */
void xj_store_rows_sum_row(struct xj_sha256 *h, sqlite3_stmt *s, int first);

#endif
