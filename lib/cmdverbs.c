/* cmdverbs.c: what the verbs of several programs do alike, beside the
 * frame (cmdrun.c): the day they count from, the rows of the files they
 * are given, and CHSI's feedback taken in. */
#include <stdio.h>

#include "xj/clock.h"
#include "xj/cmdrun.h"
#include "xj/intemplate.h"

void xj_cmdverbs_today(const struct xj_run *r, char out[11])
{
	if (r->c->has_as_of)
		snprintf(out, 11, "%s", r->c->as_of);
	else
		xj_clock_today(out, 11);
}

int xj_cmdverbs_each_file_row(struct xj_run *r, int nfiles, char **files,
			 int (*fn)(struct xj_run *, const struct xj_record *, void *),
			 void *ctx)
{
	int i, rc = 0;

	for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
		rc = xj_cmdrun_each_row(r, nfiles ? files[i] : "-", fn, ctx);
	return rc;
}

struct feedback {
	const struct xj_intemplate *t;
	xj_cmdverbs_feedback_fn fn;
};

/* One row of the feedback: registered, failed (listed with CHSI's
 * message) or as it was. */
static int feedback_row(struct xj_run *r, const struct xj_record *rec, void *ctx)
{
	const struct feedback *f = ctx;
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	int rc = f->fn(r, f->t, rec, &key, &msg);

	if (rc == 1) {
		const char *vals[2] = { key.buf, msg.buf };

		r->failed++;
		rc = xj_writer_row(r->w, vals, &r->err) < 0 ? -1 : 0;
	} else if (rc == 2) {
		r->unchanged++;
		rc = 0;
	} else if (rc == 0) {
		r->done++;
	}
	xj_sb_release(&key);
	xj_sb_release(&msg);
	return rc;
}

int xj_cmdverbs_feedback(struct xj_run *r, int nfiles, char **files, const char *template,
		    xj_cmdverbs_feedback_fn fn, int (*rest)(struct xj_run *r))
{
	static const char *const sections[] = { "columns", "result", NULL };
	static const char *const fail_cols[] = { "exam_no", "message" };
	struct xj_intemplate *t = NULL;
	struct feedback f;
	int rc = 0;

	if (template && !(t = xj_intemplate_load(template, sections, &r->err)))
		rc = -1;
	if (rc == 0 && !xj_cmdrun_writer(r, 2, fail_cols))
		rc = -1;
	f.t = t;
	f.fn = fn;
	if (rc == 0)
		rc = xj_cmdverbs_each_file_row(r, nfiles, files, feedback_row, &f);
	if (rc == 0 && rest)
		rc = rest(r);
	xj_intemplate_free(t);
	if (rc == 0)
		xj_cmdrun_say_results(r);
	return rc;
}
