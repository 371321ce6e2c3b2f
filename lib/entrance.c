/* entrance.c: the sources compared field by field, and the re-check's
 * deadline. */
#include <stdio.h>
#include <string.h>

#include "xj/compare.h"
#include "xj/dates.h"
#include "xj/entrance.h"
#include "xj/status.h"
#include "xj/pairs.h"
#include "xj/review.h"

/* The sources an entrance review compares with the roster, and the
 * fields each may carry (P4: notice, ID card, exam file, admission
 * roster, registration data, admission data). */
static const char *const sources[] = { "application", "admission", "onsite" };
static const int fields[] = {
	XJ_S_EXAM_NO, XJ_S_NAME, XJ_S_GENDER, XJ_S_BIRTH_DATE, XJ_S_ID_NUMBER,
	XJ_S_ETHNICITY, XJ_S_MAJOR_CODE, XJ_S_NOTICE_NO, XJ_S_ADDRESS,
};

static long compare_source(struct xj_store *st, const struct xj_student *s,
			   const char *src, xj_mismatch_fn fn, void *ctx,
			   struct xj_error *err)
{
	struct xj_sb data = XJ_SB_INIT, where = XJ_SB_INIT;
	struct xj_pairs p = XJ_PAIRS_INIT;
	long long imp = 0;
	long n = 0;
	size_t i;
	int rc = xj_store_source_latest(st, s->id, src, &data, &where, &imp, err);

	if (rc == 0) {
		fn(ctx, "(source)", src, "", "missing", "");
		n = 1;
	} else if (rc > 0 && xj_store_json_each(st, data.buf, xj_pairs_add, &p, err) == 0) {
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			const char *name = xj_student_field(fields[i]);
			char a[256], b[256];

			/* a source says nothing of a field it has no column for,
			 * nor of one the roster leaves empty */
			if (!xj_pairs_has(&p, name) || !s->v[fields[i]] || !*s->v[fields[i]])
				continue;
			xj_compare_canon(fields[i], s->v[fields[i]], a, sizeof(a));
			xj_compare_canon(fields[i], xj_pairs_get(&p, name), b, sizeof(b));
			if (strcmp(a, b) != 0) {
				fn(ctx, name, src, a, b, where.buf);
				n++;
			}
		}
	} else {
		n = -1;
	}
	xj_pairs_release(&p);
	xj_sb_release(&data);
	xj_sb_release(&where);
	return n;
}

const char *xj_entrance_source(size_t i)
{
	return i < sizeof(sources) / sizeof(sources[0]) ? sources[i] : NULL;
}

unsigned xj_entrance_source_bit(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++)
		if (!strcmp(name, sources[i]))
			return 1u << i;
	return 0;
}

long xj_entrance_crosscheck(struct xj_store *st, const struct xj_student *s,
		   xj_mismatch_fn fn, void *ctx, struct xj_error *err)
{
	return xj_entrance_crosscheck_some(st, s, ~0u, fn, ctx, err);
}

long xj_entrance_crosscheck_some(struct xj_store *st, const struct xj_student *s, unsigned mask,
			xj_mismatch_fn fn, void *ctx, struct xj_error *err)
{
	long total = 0;
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		long n;

		if (!(mask & (1u << i)))
			continue;
		n = compare_source(st, s, sources[i], fn, ctx, err);

		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}

int xj_entrance_due_recheck(struct xj_store *st, const struct xj_student *s,
		   const char *as_of, struct xj_due *out, struct xj_error *err)
{
	struct xj_sb enrol = XJ_SB_INIT;
	struct xj_review r;
	int recheck, annual, ok1, ok2, found, rc;
	long today, deadline;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	/* a re-check of someone who is gone can never be done: listing it
	 * would make the daily job report "overdue" for ever (P21) */
	out->left = s->status && xj_status_terminal(s->status);
	/* the enrolment of the year the student entered, a year repeated
	 * (降级) or not */
	rc = xj_store_cohort_enrol(st, xj_student_entry_year(s), &enrol, err);
	if (rc == 0 && s->v[XJ_S_ENROL_DATE])
		xj_sb_adds(&enrol, s->v[XJ_S_ENROL_DATE]);
	if (rc >= 0 && !enrol.len)
		rc = xj_error_set(err, XJ_EDATA, "no enrolment date: cohort %d is not in the"
				  " config and the roster gives none", xj_student_entry_year(s));
	if (rc >= 0)
		rc = xj_store_windows(st, &recheck, &annual, err);
	if (rc >= 0) {
		snprintf(out->enrolled, sizeof(out->enrolled), "%s", enrol.buf);
		xj_dates_add_months(enrol.buf, recheck, out->deadline);
		today = xj_dates_days(as_of, &ok1);
		deadline = xj_dates_days(out->deadline, &ok2);
		out->days_left = deadline - today;
		if (!ok1 || !ok2)
			rc = xj_error_set(err, XJ_EUSAGE, "not a date: %s", ok1 ? enrol.buf : as_of);
	}
	if (rc >= 0 && (found = xj_store_review_latest(st, s->id, "recheck", &r, err)) >= 0) {
		out->state = xj_review_state(&r, found, "recheck");
		out->complete = strcmp(out->state, "complete") == 0 && strcmp(r.result, "pass") == 0;
		rc = 0;
	} else if (rc >= 0) {
		rc = -1;
	}
	xj_store_review_release(&r);
	xj_sb_release(&enrol);
	return rc < 0 ? -1 : 0;
}

int xj_entrance_due_listed(const struct xj_due *d, long within)
{
	return !d->complete && !d->left && (within < 0 || d->days_left <= within);
}

int xj_entrance_due_overdue(const struct xj_due *d)
{
	return d->days_left < 0;
}

int xj_entrance_sources_known(struct xj_store *st, int cohort, unsigned asked,
			      void (*never)(void *ctx, const char *source), void *ctx,
			      unsigned *known, struct xj_error *err)
{
	const char *src;
	size_t i;
	int rc;

	*known = 0;
	for (i = 0; (src = xj_entrance_source(i)); i++) {
		if (asked && !(asked & (1u << i)))
			continue;
		if ((rc = xj_store_source_in_cohort(st, src, cohort, err)) < 0)
			return -1;
		/* a source never imported has no rows to differ: comparing it
		 * would call every student's "missing" */
		if (rc)
			*known |= 1u << i;
		else
			never(ctx, src);
	}
	return 0;
}
