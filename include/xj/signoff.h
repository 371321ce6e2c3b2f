/* signoff.h: a sign-off and what the last one sets off.  Above the review,
 * the cases and the diplomas, so that none of them calls another up: the
 * review records the signature and says when the last level signed; a
 * cancellation (cases) or a revocation (diplomas) then takes effect here
 * (P1, P6, P8, P15).  Nothing is allocated that the caller must free. */
#ifndef XJ_SIGNOFF_H
#define XJ_SIGNOFF_H

#include "xj/review.h"

/* who signs stage at level for s, by the key in use (p NULL) or by a
 * signature made away from the store (p, xj_review_sign_proven): 0, or
 * -1 with err set; all of it in the caller's transaction. */
int xj_signoff(struct xj_store *st, const struct xj_student *s, const char *stage,
	       const char *level, const char *who, const struct xj_proof *p,
	       struct xj_error *err);

#endif
