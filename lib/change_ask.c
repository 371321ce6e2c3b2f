/* change_ask.c: a request as a person asks for it on the command line
 * (xj-change request, status), made into the request xj_change_request
 * checks: the same request a row of --events or a self-check report
 * makes, so each way in meets the same rules. */
#include <string.h>

#include "xj/change.h"

void xj_change_asked(const struct xj_change_ask *a, struct xj_change_in *in)
{
	memset(in, 0, sizeof(*in));
	in->evidence = a->evidence && *a->evidence ? a->evidence : NULL;
	/* the household register shows a change unless one says it cannot:
	 * then the police certificate is asked for instead (P12) */
	in->register_shows = !(a->register_shows && strcmp(a->register_shows, "no") == 0);
	in->files = a->files;
	in->nfiles = a->nfiles;
	in->errata = a->errata;
	if (!a->status) {
		in->fields = a->fields;
		in->values = a->values;
		in->n = a->nfields;
		in->note = a->note;
		return;
	}
	/* a status change: its one --to is the status, and its reason the
	 * request's note, as a row's reason is */
	in->status = a->nvalues ? a->values[0] : NULL;
	in->from = a->from;
	in->until = a->until;
	in->to_major = a->to_major;
	in->major_name = a->major_name;
	in->to_cohort = a->to_cohort;
	in->to_class = a->to_class;
	in->note = a->reason;
}
