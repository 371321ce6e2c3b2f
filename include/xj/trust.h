/* trust.h: the configuration as a signed decision (xj-config(5)).  With a
 * config in force, only an admin of it, proven by their key, loads one;
 * the first (the genesis) is loaded with the key of an admin it names.  A
 * load that adds or removes a staff member, or changes another person's
 * key or roles, or the loader's own roles, is not applied but staged as a
 * proposal that a second admin approves.  Nothing here prints; a plan
 * owns its buffers (xj_trust_plan_release). */
#ifndef XJ_TRUST_H
#define XJ_TRUST_H

#include <stddef.h>
#include "xj/cli.h"
#include "xj/config.h"
#include "xj/store.h"

/* What a load or an approval does, or would do. */
struct xj_trust_plan {
	int genesis;            /* no config in force before it */
	int stage;              /* staged as a proposal, not applied */
	struct xj_sb actor;     /* who acts ("" when no one is proven) */
	struct xj_sb why;       /* what needs a second admin: "adds qian; ..." */
	struct xj_sb refused;   /* why the key in use may not do it ("" when it may) */
	char sha256[65];        /* of the config's text */
	long long proposal;     /* the proposal staged or approved */
};
void xj_trust_plan_release(struct xj_trust_plan *p);

/* The key in use (keyopt, else $XJ_KEY, else the default key file) and
 * its holder in the config in force (then id->proven).  A key that is no
 * one's is not refused here: a dry run needs no authority.  A user (-u)
 * must name the holder.  Release id with xj_cli_identity_release, after
 * an error too. */
int xj_trust_identify(struct xj_store *st, const char *keyopt, const char *user,
		      struct xj_identity *id, struct xj_error *err);

/* Load cfg, parsed from text (len bytes) of file, as who (its user is
 * set to the actor): applied, or staged as a proposal.  With dry_run only
 * the plan is made, and a lack of authority goes into plan->refused, not
 * err; otherwise it is refused (XJ_EUSAGE). */
int xj_trust_load(struct xj_store *st, const struct xj_identity *id,
		  const struct xj_actor *who, const struct xj_config *cfg,
		  const char *file, const char *text, size_t len, int dry_run,
		  struct xj_trust_plan *plan, struct xj_error *err);

/* Approve proposal n and load its config (checked again): by a proven
 * admin of the config in force other than its proposer, while the config
 * it was made on is still in force, once. */
int xj_trust_approve(struct xj_store *st, const struct xj_identity *id,
		     const struct xj_actor *who, long long n,
		     struct xj_trust_plan *plan, struct xj_error *err);

#endif
