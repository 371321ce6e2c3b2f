/* rows.h: every row of every table on the log (P2, P16, P20).  A
 * difference given to fn is the check's, its strings valid for the call;
 * nothing is left for the caller to free.
 *
 * The store's triggers write each row as it is inserted, changed or
 * deleted, in whole (JSON; a BLOB by its length, its bytes bound by the
 * table's SHA-256 column), into the row log, under the command that wrote
 * it.  At commit the command's rows are summed up in one audit entry
 * (action "rows": their count and the SHA-256 over them), which the hash
 * chain and the command's signature then cover.  So a row added, edited
 * or deleted behind the programs' back, in any table, differs from the
 * last row the log holds for it; and a row log edited to match no longer
 * sums to what its command signed.  The audit chain itself (audit,
 * command, command_sig) is checked by xj_logcheck_verify, and the row log's
 * own rows by the sums. */
#ifndef XJ_ROWS_H
#define XJ_ROWS_H

#include "xj/store.h"

enum xj_row_diff_kind {
	XJ_ROW_CHANGED,   /* a field differs: field, stored, logged */
	XJ_ROW_ADDED,     /* in the table, not in the log */
	XJ_ROW_GONE,      /* in the log, not in the table */
	XJ_ROW_UNSUMMED,  /* the rows a command logged are not what it signed:
			     stored and logged "COUNT:SHA256" */
	XJ_ROW_EXTRA,     /* rows logged under a command beyond those it
			     signed (stored their count, logged the count
			     signed): set aside, the tables compared without */
	XJ_ROW_SOURCES,   /* an import's source rows are not those its entry
			     vouches for: key the import, stored and logged
			     "COUNT:SHA256" (replay.h) */
	XJ_ROW_REPLAY     /* a student's source row no longer makes it: key
			     its id, field the fields, logged the reasons,
			     stored "IMPORT:LINE" (replay.h) */
};

/* One difference.  key is the row's primary key as the log names it (the
 * id, or a JSON array of a composite key); student the exam number of the
 * row's student where it has one, else "".  For XJ_ROW_UNSUMMED and
 * XJ_ROW_EXTRA, table, key and field are "" and command is the command. */
struct xj_row_diff {
	enum xj_row_diff_kind kind;
	const char *table, *key, *student, *field;
	const char *stored, *logged;   /* unmasked: the caller masks */
	long long command;
};

/* Compare every tracked table with the row log, and every command's
 * logged rows with its "rows" entry: fn for each difference; the number
 * of rows compared into *rows.  The number of differences, or -1.  A store
 * from before the row log (a copy of schema < 4) has none: 0.  A row in
 * one of the runs (a table's ids lo..hi; runs may be NULL) that the log
 * holds nothing of is taken as it stands: an import's entry vouches for
 * it, and the caller checks it (replay.h). */
struct xj_row_run {
	const char *table;
	long long lo, hi;
};
struct xj_row_runs {
	const struct xj_row_run *run;
	size_t n;
	/* told of each key in a run that the log does hold a row of: that row
	 * is the one it is checked by, not what vouches for it */
	void (*on_logged)(void *ctx, const char *table, long long id);
	void *ctx;
};
long xj_store_rows_verify(struct xj_store *st, void (*fn)(void *ctx, const struct xj_row_diff *d),
		    void *ctx, const struct xj_row_runs *runs, long long *rows,
		    struct xj_error *err);

#endif
