/* cmdverbs.c: what the verbs of several programs do alike, beside the
 * frame (cmdrun.c): the day they count from, and the rows of the files
 * they are given. */
#include <stdio.h>

#include "xj/clock.h"
#include "xj/cmdrun.h"

void xj_run_today(const struct xj_run *r, char out[11])
{
	if (r->c->has_as_of)
		snprintf(out, 11, "%s", r->c->as_of);
	else
		xj_clock_today(out, 11);
}

int xj_run_each_file_row(struct xj_run *r, int nfiles, char **files,
			 int (*fn)(struct xj_run *, const struct xj_record *, void *),
			 void *ctx)
{
	int i, rc = 0;

	for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
		rc = xj_run_each_row(r, nfiles ? files[i] : "-", fn, ctx);
	return rc;
}
