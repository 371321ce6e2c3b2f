/* cmdverbs.c: what the verbs of several programs do alike, beside the
 * frame (cmdrun.c): the day they count from. */
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
