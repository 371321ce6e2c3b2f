/* signoff.c: a sign-off, and the effect of the last one: a cancellation
 * takes effect with the leader's signature (P6, P8), a revocation too
 * (P15). */
#include <string.h>

#include "xj/cases.h"
#include "xj/diploma.h"
#include "xj/signoff.h"
#include "xj/strbuf.h"

int xj_signoff(struct xj_store *st, const struct xj_student *s, const char *stage,
	       const char *level, const char *who, const struct xj_proof *p,
	       struct xj_error *err)
{
	struct xj_sb items = XJ_SB_INIT;
	int rc = p ? xj_review_sign_proven(st, s, stage, level, who, p, &items, err)
		   : xj_review_sign(st, s, stage, level, who, &items, err);

	if (rc == 1 && strcmp(stage, "cancel") == 0)
		rc = xj_cases_cancel_effect(st, s, items.buf, who, err);
	else if (rc == 1 && strcmp(stage, "revoke") == 0)
		rc = xj_diploma_revoke_effect(st, s, items.buf, who, err);
	xj_sb_release(&items);
	return rc < 0 ? -1 : 0;
}
