/* review.h: the entrance review and its sign-offs: who may decide what,
 * in which order.  Decisions go to the store; a review or a setting read
 * back is the caller's to release (xj_store_review_release, store.h;
 * xj_review_setting_release), and stage and state names are static.  A
 * review (P4 on arrival, P7 the 3-month re-check) is made by a reviewer of
 * the student's department (P3); the re-check is confirmed by a second
 * person (four eyes, P7); then the department head and the leader sign
 * (three levels, P1), each a different person holding that role.  Every
 * step is a signed decision.  A refusal is XJ_EDATA (a rule) or XJ_EUSAGE
 * (a role) for that student; other codes are failures. */
#ifndef XJ_REVIEW_H
#define XJ_REVIEW_H

#include "xj/store.h"
#include "xj/student.h"

/* "arrival", "recheck", "cancel" (a cancellation's sign-offs) or
 * "revoke" (a credential's revocation); NULL for anything else. */
const char *xj_review_stage_name(const char *s);

struct xj_review_in {
	const char *stage, *result;   /* result: "pass" or "fail" */
	const char **items;           /* "NAME=ok" or "NAME=problem" */
	size_t nitems;
	const char *note;
};

/* The first arrival pair whose newest comparison is not a match (P5):
 * 1 with the pair and its result, 0 none, -1. */
int xj_review_photo_unmatched(struct xj_store *st, long long student_id, const char **pair,
			      struct xj_sb *result, struct xj_error *err);
/* The newest result of each arrival photo comparison the student has,
 * "pair result" joined by "; " (P5): what blocks or allows the arrival. */
int xj_review_photos(struct xj_store *st, long long student_id, struct xj_sb *out,
		     struct xj_error *err);
int xj_review_record(struct xj_store *st, const struct xj_student *s,
		     const struct xj_review_in *in, const char *who,
		     struct xj_error *err);
int xj_review_confirm(struct xj_store *st, const struct xj_student *s,
		      const char *stage, const char *who, struct xj_error *err);
/* level: "dept" or "leader".  1 when the leader, the last level, signed,
 * with the decision's items in *items: what that signature sets off (a
 * cancellation, a revocation) is the caller's, xj_signoff's; else 0, or
 * -1 with err set. */
int xj_review_sign(struct xj_store *st, const struct xj_student *s,
		   const char *stage, const char *level, const char *who,
		   struct xj_sb *items, struct xj_error *err);

/* May who sign stage at level for s now?  The checks of a sign-off: the
 * review exists, the levels before are signed, who holds the role (of the
 * student's department for dept) and took no part before.  0 with the
 * review in r (the caller releases it), or -1 with the refusal. */
int xj_review_may_sign(struct xj_store *st, const struct xj_student *s,
		       const char *stage, const char *level, const char *who,
		       struct xj_review *r, struct xj_error *err);
/* A sign-off signed away from the store (xj-key sign): who is proven by
 * signature, made with public_key over statement (the statement made
 * from the store, content its SHA-256), instead of by the key in use.
 * The same checks as xj_review_sign, and the key must be who's in the
 * config in force. */
struct xj_proof {
	const char *statement, *content, *public_key, *signature;
};
int xj_review_sign_proven(struct xj_store *st, const struct xj_student *s,
			  const char *stage, const char *level, const char *who,
			  const struct xj_proof *p, struct xj_sb *items, struct xj_error *err);
/* Is p's signature over its statement who's, by the key the config in
 * force gives who (a sign-off or an approval from a sheet)?  0, or -1
 * with XJ_EDATA saying why not. */
int xj_review_proof_check(struct xj_store *st, const char *who, const struct xj_proof *p,
		   struct xj_error *err);

/* Shared with the cases: the acting person holds role (of the student's
 * department when same_dept), and a decision written and signed. */
int xj_review_has_role(struct xj_store *st, const struct xj_student *s,
		       const char *who, unsigned role, int same_dept,
		       struct xj_error *err);
int xj_review_decide(struct xj_store *st, long long sid, const char *action,
		     const char *stage, const char *extra, struct xj_error *err);
/* Each decision is signed over a statement of what it decides (audit.h);
 * xj_review_decide signs the general one (xj-decision-1), over the entry's
 * values.  A decision with a statement of its own kind gets its setting
 * here, the lines every statement has: the store, the student sid as
 * stored (exam number, name, SHA-256 of the ID number), the SHA-256 of
 * the config in force and the signer, whose key signs the command.  The
 * caller releases it. */
struct xj_review_setting {
	struct xj_sb store, exam_no, name;
	char id_sha256[65], config_sha256[65];
	const char *signer;
};
int xj_review_setting_get(struct xj_store *st, long long sid, struct xj_review_setting *g,
			  struct xj_error *err);
void xj_review_setting_release(struct xj_review_setting *g);
/* xj_review_decide, signed over statement (made with the setting, without
 * its head: the store ends it). */
int xj_review_decide_over(struct xj_store *st, long long sid, const char *action,
			  const char *stage, const char *extra, const char *statement,
			  struct xj_error *err);
/* A decision that makes a review row (a review, a cancellation proposed):
 * signed over what the row will say (xj-review-1), result, items (JSON)
 * and note (or NULL). */
int xj_review_propose(struct xj_store *st, const struct xj_student *s, const char *action,
		      const char *stage, const char *extra, const char *result,
		      const char *items, const char *note, struct xj_error *err);

/* Where a review stands: "none", "reviewed", "confirmed", "dept-signed",
 * "complete". */
const char *xj_review_state(const struct xj_review *r, int found,
			    const char *stage);

/* Where each stage of s's entrance review stands (xj-verify status):
 * arrival and recheck, and cancel once a cancellation was proposed; with
 * stage, that stage only, proposed or not.  Each to cb->row, with the
 * newest review (found 0: none yet), its state, and for arrival the photo
 * comparisons (xj_review_photos); strings live for the call.  A non-zero
 * return of row stops the walk: -1, its error the caller's.  0, or -1. */
struct xj_review_row {
	const char *stage, *result, *state, *photos;
	const struct xj_review *r;
	int found;
};
struct xj_review_status_cb {
	int (*row)(void *ctx, const struct xj_review_row *row);
	void *ctx;
};
int xj_review_status(struct xj_store *st, const struct xj_student *s, const char *stage,
		     const struct xj_review_status_cb *cb, struct xj_error *err);

#endif
