/* import.h: loading a record stream into the store (P4, P9).  The roster
 * creates students; the other sources are kept as rows beside them for the
 * entrance review to compare, and never change the roster's values.  The
 * reader is the caller's, read but never freed; callbacks get a row and
 * texts valid for the call, and source names are static strings. */
#ifndef XJ_IMPORT_H
#define XJ_IMPORT_H

#include "xj/normalize.h"
#include "xj/reader.h"
#include "xj/store.h"

enum xj_source {
	XJ_SRC_ROSTER, XJ_SRC_APPLICATION, XJ_SRC_ADMISSION, XJ_SRC_ONSITE,
	XJ_SRC_RESULTS, XJ_SRC_CHSI, XJ_SRC_FORMS
};

int xj_import_source_parse(const char *s, enum xj_source *out);
const char *xj_import_source_name(enum xj_source src);

struct xj_import_opts {
	enum xj_source source;
	int cohort;    /* 0: the year the exam number starts with */
	int update;    /* apply and audit changed values */
	int strict;    /* one refused row refuses the whole file */
	int accept_15; /* upgrade legacy 15-digit resident numbers */
	int every_row; /* read every row in full: no row, and no file, known
			  from an earlier import is passed over */
};

struct xj_import_stats {
	long read, imported, updated, unchanged, refused, warnings;
};

struct xj_import_cb {
	xj_report_fn report;
	/* each refused row, as read, with its "; "-joined fields and reasons */
	void (*reject)(void *ctx, const struct xj_record *rec,
		       const char *fields, const char *reasons);
	/* every 10,000 rows read */
	void (*progress)(void *ctx, const struct xj_import_stats *s);
	void *ctx;
};

/* Import every row of r inside the store's open transaction.  Adds to
 * *stats.  0: the file was read (rows may have been refused); -1: a fatal
 * error (err), the caller rolls the command back. */
int xj_import_file(struct xj_store *st, struct xj_reader *r,
		   const struct xj_import_opts *o, const struct xj_import_cb *cb,
		   struct xj_import_stats *stats, struct xj_error *err);

#endif
