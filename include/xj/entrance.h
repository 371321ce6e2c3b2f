/* entrance.h: the entrance cross-check of the sources (P4) and the
 * re-check deadline (P7, P21).  Nothing is left for the caller to free:
 * callbacks get strings valid for the call, and source names and a due's
 * state are static strings. */
#ifndef XJ_ENTRANCE_H
#define XJ_ENTRANCE_H

#include "xj/store.h"
#include "xj/student.h"

/* Each mismatch between the roster and another source's newest row:
 * fn(ctx, field, source, roster_value, source_value, where); a source the
 * student has no row of gives field "(source)" and value "missing".
 * Returns the number of rows given to fn, or -1. */
typedef void (*xj_mismatch_fn)(void *ctx, const char *field, const char *source,
			       const char *ours, const char *theirs, const char *where);
long xj_entrance_crosscheck(struct xj_store *st, const struct xj_student *s,
		   xj_mismatch_fn fn, void *ctx, struct xj_error *err);
/* The same over the sources of mask (bit i: the i-th of
 * xj_entrance_source), the others left out. */
long xj_entrance_crosscheck_some(struct xj_store *st, const struct xj_student *s, unsigned mask,
			xj_mismatch_fn fn, void *ctx, struct xj_error *err);
/* The i-th source compared (application, admission, onsite), NULL past
 * the last; and the bit of a source's name, 0 when it is none of them. */
const char *xj_entrance_source(size_t i);
unsigned xj_entrance_source_bit(const char *name);
/* The sources of asked (bits as above; 0: all) ever imported for a
 * student of cohort, as bits into *known: only those are compared.  Each
 * asked for and never imported to never(ctx, source): the check of that
 * cohort is not whole, and says so (xj-verify check).  0, or -1. */
int xj_entrance_sources_known(struct xj_store *st, int cohort, unsigned asked,
			      void (*never)(void *ctx, const char *source), void *ctx,
			      unsigned *known, struct xj_error *err);

struct xj_due {
	char enrolled[11], deadline[11];
	long days_left;
	const char *state;     /* the re-check review's state (xj_review_state) */
	int complete;
	int left;              /* the student has left for good (withdrawn,
				* deceased, cancelled): nothing is due */
};
/* The re-check of s as of date as_of: 0, or -1 (no enrolment date is
 * XJ_EDATA: the cohort is not in the config and the roster has none). */
int xj_entrance_due_recheck(struct xj_store *st, const struct xj_student *s,
		   const char *as_of, struct xj_due *out, struct xj_error *err);
/* Is that re-check listed as due (xj-verify due): not complete, the
 * student not gone, and its deadline within days when within is not -1
 * (one overdue is always within)?  And is it overdue, its deadline
 * passed: what a daily job reports (P21)? */
int xj_entrance_due_listed(const struct xj_due *d, long within);
int xj_entrance_due_overdue(const struct xj_due *d);

#endif
