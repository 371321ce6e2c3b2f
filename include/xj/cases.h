/* cases.h: doubtful cases and cancellations (P6, P8).  Nothing comes back
 * to free: each step is written to the store, and the student and the
 * texts are only read.  A case is opened with a reason, gets notes (what
 * the home province's exam authority answered) and a finding; a
 * cancellation of the admission or of the student status is proposed by a
 * reviewer, signed by the department head and the leader (P1), and takes
 * effect with the last signature: a dated status row, nothing deleted.
 * Cancelling a status needs a confirmed case.  Errors as in review.h. */
#ifndef XJ_CASES_H
#define XJ_CASES_H

#include "xj/store.h"
#include "xj/student.h"

int xj_cases_open(struct xj_store *st, const struct xj_student *s,
		 const char *reason, const char *who, struct xj_error *err);
int xj_cases_note(struct xj_store *st, const struct xj_student *s,
		 const char *note, const char *who, struct xj_error *err);
/* finding: "cleared" or "confirmed". */
int xj_cases_close(struct xj_store *st, const struct xj_student *s,
		  const char *finding, const char *who, struct xj_error *err);
/* The signed decision of a case step, action "case-open", "case-note" or
 * "case-close", of case case_id (0 for one opened), signed over its text
 * (xj-case-1), which its entry records as key.  The caller writes the row. */
int xj_cases_decide(struct xj_store *st, long long sid, const char *action,
		   long long case_id, const char *key, const char *text,
		   struct xj_error *err);

struct xj_cancel_in {
	const char *what;     /* "admission" or "status" */
	const char *grounds;  /* fraud, impersonation, irregular, other */
	const char *reason;
	int refer;            /* refer the case to the authorities */
};
int xj_cases_cancel_propose(struct xj_store *st, const struct xj_student *s,
		      const struct xj_cancel_in *in, const char *who,
		      struct xj_error *err);
/* The effect of a fully signed cancellation (items: its JSON). */
int xj_cases_cancel_effect(struct xj_store *st, const struct xj_student *s,
		     const char *items, const char *who, struct xj_error *err);

/* The finding of case c as a listing shows it: "cleared", "confirmed",
 * or "open" while it has none; c's string or a static one. */
const char *xj_cases_finding(const struct xj_case *c);
/* Does xj-verify cases list c: every student's latest case, or with
 * referred_only only those referred to the authorities? */
int xj_cases_listed(const struct xj_case *c, int referred_only);

#endif
