/* normalize.h: one input row made into a checked student record: values
 * trimmed and validated, codes turned into names, birth date and gender
 * taken from the ID number when the row lacks them, cross-checks between
 * fields.  Every problem and remark goes to the report callback; the row's
 * values are copied, so the struct owns them until xj_normalize_release. */
#ifndef XJ_NORMALIZE_H
#define XJ_NORMALIZE_H

#include "xj/error.h"
#include "xj/reader.h"
#include "xj/store.h"
#include "xj/strbuf.h"
#include "xj/student.h"

/* A problem (warning == 0 refuses the row) or a remark (warning != 0). */
typedef void (*xj_report_fn)(void *ctx, const struct xj_error *e, int warning);

struct xj_norm {
	struct xj_student s;        /* v[] point into val[] */
	struct xj_sb val[XJ_S_COUNT];
	struct xj_sb data;          /* the row's values trimmed, as a JSON
				       object, or an array under o->names */
	struct xj_sb fields, reasons;  /* the problems, "; "-joined */
	int problems;
	unsigned noted;             /* whole-file remarks already made */
	unsigned wanted;            /* those the row calls for, made or not */
	struct xj_sb tmp, fix;      /* scratch for one value */
	int colf[32];               /* column i's field + 1, as last found */
};

/* The normalisation's version, recorded in each roster import's entry:
 * xj log --verify makes that import's students again with it (replay.c).
 * A change to what a row makes is a new version, kept beside the old. */
#define XJ_NORMALIZE_VERSION 1

/* The names a roster's rows are read under: its first row's.  A row
 * under just these names keeps its values as a JSON array (n->data),
 * the names stored once for the import before its first such row
 * (xj_store_source_add); a row under any other names keeps an object. */
struct xj_norm_names {
	size_t n;
	char **v;
	int *field;   /* each name's field (student.h), -1 for none */
	int taken;
};

struct xj_norm_opts {
	int cohort;       /* --cohort, 0 when not given */
	int roster;       /* the row must make a student: exam_no, name, id_number */
	int accept_15;    /* upgrade legacy 15-digit resident numbers */
	int lenient;      /* problems are only warnings: a reference list is kept whole */
	const struct xj_norm_names *names;   /* NULL: every row an object */
	xj_report_fn report;
	void *ctx;
};

/* n starts zeroed and is reused row after row (its buffers are kept).
 * 0: the row is good; 1: it has problems (in n->fields and n->reasons);
 * -1: the store failed (err). */
int xj_normalize(struct xj_store *st, const struct xj_record *rec,
		 const struct xj_norm_opts *o, struct xj_norm *n,
		 struct xj_error *err);
void xj_normalize_release(struct xj_norm *n);
/* h made the names of rec (a copy), once; again after release. */
void xj_norm_names_take(struct xj_norm_names *h, const struct xj_record *rec);
/* The names as a JSON array of strings, the import's names row. */
void xj_norm_names_json(const struct xj_norm_names *h, struct xj_sb *out);
void xj_norm_names_release(struct xj_norm_names *h);
/* What normalising reads once and keeps, read now (the config's
 * departments, the GB/T 2260 table): after it, rows may be normalised in
 * another thread than the one that uses the store.  0, or -1 when the
 * store failed. */
int xj_normalize_ready(struct xj_store *st, struct xj_error *err);

#endif
