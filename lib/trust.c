/* trust.c: who may load the configuration, and the four eyes on its staff
 * list, the root of every key that signs (xj-config(5), DESIGN: authority
 * and integrity). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/trust.h"

void xj_trust_plan_release(struct xj_trust_plan *p)
{
	xj_sb_release(&p->actor);
	xj_sb_release(&p->why);
	xj_sb_release(&p->refused);
}

static void plan_reset(struct xj_trust_plan *p)
{
	p->genesis = p->stage = 0;
	xj_sb_reset(&p->actor);
	xj_sb_reset(&p->why);
	xj_sb_reset(&p->refused);
}

int xj_trust_identify(struct xj_store *st, const char *keyopt, const char *user,
		      struct xj_identity *id, struct xj_error *err)
{
	struct xj_sb dflt = XJ_SB_INIT;
	int is_default, rc;
	const char *path;

	memset(id, 0, sizeof(*id));
	id->user = user;
	path = xj_key_path(keyopt, &dflt, &is_default);
	rc = path ? xj_cli_load_key(path, &id->key, err) : 0;
	if (path)
		xj_key_from(keyopt, path, &id->from);
	xj_sb_release(&dflt);
	if (rc < 0 || !path)
		return rc;
	id->has_key = 1;
	rc = xj_store_staff_by_key(st, id->key.pub, 0, &id->name, err);
	if (rc <= 0)
		return rc;
	if (user && strcmp(user, id->name.buf) != 0)
		return xj_error_set(err, XJ_EUSAGE, "the key in use is %s's, not %s's",
				    id->name.buf, user);
	id->proven = 1;
	id->user = id->name.buf;
	return 0;
}

/* The genesis: an admin the new config names, by the key in use. */
static void genesis_actor(const struct xj_identity *id, const struct xj_config *cfg,
			  const char *file, struct xj_trust_plan *plan)
{
	size_t i, admins = 0;
	const char *name = NULL;

	for (i = 0; i < cfg->nstaff; i++) {
		const struct xj_staff *s = &cfg->staff[i];

		if (!(s->roles & XJ_ROLE_ADMIN) || !s->key)
			continue;
		admins++;
		if (id->has_key && strcmp(s->key, id->key.pub) == 0)
			name = s->name;
	}
	if (!admins)
		xj_sb_addf(&plan->refused, _("the first config needs an admin with a key:"
			   " %s names none"), file);
	else if (!id->has_key)
		xj_sb_addf(&plan->refused, _("the first config is loaded with the key of an"
			   " admin it names: no key in use (see xj-key(1))"));
	else if (!name)
		xj_sb_addf(&plan->refused, _("the first config is loaded with the key of an"
			   " admin it names: the key in use (%s, from %s) is no admin's in %s"),
			   id->key.pub, id->from.buf, file);
	else if (id->user && strcmp(id->user, name) != 0)
		xj_sb_addf(&plan->refused, _("the key in use is %s's, not %s's"), name,
			   id->user);
	else
		xj_sb_adds(&plan->actor, name);
}

/* With a config in force: its holder of the key in use, who must be an
 * admin of it.  The holder is the actor even when refused, so that a dry
 * run tells their own changes from others'. */
static int admin_actor(struct xj_store *st, const struct xj_identity *id, int approving,
		       struct xj_trust_plan *plan, struct xj_error *err)
{
	struct xj_sb roles = XJ_SB_INIT, dept = XJ_SB_INIT, why = XJ_SB_INIT;
	int rc = id->has_key ? xj_store_staff_by_key(st, id->key.pub, 0, &plan->actor, err) : 0;

	if (rc > 0)
		rc = xj_store_staff_info(st, plan->actor.buf, &roles, &dept, err);
	if (!id->has_key)
		xj_sb_adds(&why, _("no key in use (see xj-key(1))"));
	else if (rc == 0)
		xj_sb_addf(&why, _("the key in use (%s, from %s) is no staff member's in the"
			   " config in force"), id->key.pub, id->from.buf);
	else if (rc > 0 && !(xj_config_role_bits(roles.buf) & XJ_ROLE_ADMIN))
		xj_sb_addf(&why, _("%s is not an admin"), plan->actor.buf);
	if (why.len)
		xj_sb_addf(&plan->refused, approving ? _("approving a config needs an admin's"
			   " key: %s") : _("loading the config needs an admin's key: %s"),
			   why.buf);
	if (rc == 0) {
		xj_sb_reset(&plan->actor);
	}
	xj_sb_release(&roles);
	xj_sb_release(&dept);
	xj_sb_release(&why);
	return rc < 0 ? -1 : 0;
}

/* The staff in force, as the store keeps them. */
struct person {
	char *name, *roles, *key, *dept;
	int kept;   /* still in the new config */
};
struct staff {
	struct person *v;
	size_t n;
};

static int collect(void *ctx, const char *name, const char *roles, const char *key,
		   const char *dept)
{
	struct staff *s = ctx;
	struct person *p;

	s->v = xj_xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	p = &s->v[s->n++];
	p->name = xj_xstrdup(name);
	p->roles = xj_xstrdup(roles);
	p->key = xj_xstrdup(key);
	p->dept = xj_xstrdup(dept);
	p->kept = 0;
	return 0;
}

static void staff_release(struct staff *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].name), free(s->v[i].roles), free(s->v[i].key),
			free(s->v[i].dept);
	free(s->v);
}

/* The why of a proposal is kept in the store, so it is not translated. */
static void because(struct xj_sb *why, const char *what, const char *name,
		    const char *tail)
{
	xj_sb_addf(why, "%s%s %s%s", why->len ? "; " : "", what, name, tail);
}

/* What the load changes in the trust root, by name: a person added or
 * removed, another's key, anyone's roles.  The actor's own key alone is
 * a rotation, theirs to make. */
static int diff(struct xj_store *st, const struct xj_config *cfg, const char *actor,
		struct xj_trust_plan *plan, struct xj_error *err)
{
	struct staff old = { NULL, 0 };
	size_t i, j;

	if (xj_store_staff_each(st, collect, &old, err) < 0) {
		staff_release(&old);
		return -1;
	}
	for (i = 0; i < cfg->nstaff; i++) {
		const struct xj_staff *s = &cfg->staff[i];
		struct person *p = NULL;

		for (j = 0; j < old.n && !p; j++)
			if (strcmp(old.v[j].name, s->name) == 0)
				p = &old.v[j];
		if (!p) {
			because(&plan->why, "adds", s->name, "");
			continue;
		}
		p->kept = 1;
		if (strcmp(p->key, s->key ? s->key : "") != 0 && strcmp(s->name, actor) != 0)
			because(&plan->why, "changes", s->name, "'s key");
		if (xj_config_role_bits(p->roles) != s->roles)
			because(&plan->why, "changes", s->name, "'s roles");
		/* a department says whose students a reviewer or head decides
		 * for (P3): as much a grant as a role */
		if (strcmp(p->dept, s->dept ? s->dept : "") != 0)
			because(&plan->why, "changes", s->name, "'s department");
	}
	for (j = 0; j < old.n; j++)
		if (!old.v[j].kept)
			because(&plan->why, "removes", old.v[j].name, "");
	plan->stage = plan->why.len > 0;
	staff_release(&old);
	return 0;
}

/* The plan of a load, from the store as it is now. */
static int decide(struct xj_store *st, const struct xj_identity *id,
		  const struct xj_config *cfg, const char *file,
		  struct xj_trust_plan *plan, struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	/* asked afresh, never the answer cached before the transaction */
	int rc = xj_store_config_text(st, &text, &from, err);

	xj_sb_release(&text);
	xj_sb_release(&from);
	if (rc < 0)
		return -1;
	plan_reset(plan);
	plan->genesis = rc == 0;
	if (plan->genesis) {
		genesis_actor(id, cfg, file, plan);
		return 0;
	}
	if (admin_actor(st, id, 0, plan, err) < 0)
		return -1;
	return diff(st, cfg, plan->actor.buf, plan, err);
}

/* The command, as the actor. */
static int begin(struct xj_store *st, const struct xj_actor *who, const char *actor,
		 struct xj_error *err)
{
	struct xj_actor w = *who;

	w.user = actor;
	return xj_store_begin(st, &w, err);
}

static int refuse(const struct xj_trust_plan *plan, struct xj_error *err)
{
	return xj_error_set(err, XJ_EUSAGE, "%s", plan->refused.buf);
}

int xj_trust_load(struct xj_store *st, const struct xj_identity *id,
		  const struct xj_actor *who, const struct xj_config *cfg,
		  const char *file, const char *text, size_t len, int dry_run,
		  struct xj_trust_plan *plan, struct xj_error *err)
{
	struct xj_sb actor = XJ_SB_INIT;
	int rc;

	xj_config_sha256(text, len, plan->sha256);
	if (decide(st, id, cfg, file, plan, err) < 0)
		return -1;
	if (dry_run)
		return 0;
	if (plan->refused.len)
		return refuse(plan, err);
	/* decided again inside the transaction: another load may have come
	 * between, and the plan must be that of the config it replaces */
	xj_sb_adds(&actor, plan->actor.buf);
	rc = begin(st, who, actor.buf, err);
	if (rc == 0)
		rc = decide(st, id, cfg, file, plan, err);
	if (rc == 0 && plan->refused.len)
		rc = refuse(plan, err);
	else if (rc == 0 && strcmp(actor.buf, plan->actor.buf) != 0)
		rc = xj_error_set(err, XJ_EUSAGE, "the config in force changed meanwhile;"
				  " load it again");
	xj_sb_release(&actor);
	if (rc == 0) {
		xj_store_sign_with(st, &id->key, plan->actor.buf);
		rc = plan->stage ? xj_store_proposal_add(st, file, text, plan->sha256,
							 plan->actor.buf, plan->why.buf,
							 &plan->proposal, err) :
				   xj_store_config_save(st, cfg, file, text, plan->sha256, err);
	}
	if (rc == 0)
		return xj_store_commit(st, err);
	xj_store_rollback(st);
	return -1;
}

/* A proposal the actor may approve now. */
static int approvable(const struct xj_config_proposal *p, int found, long long n,
		      const char *actor, struct xj_error *err)
{
	char sha[65];

	if (!found)
		return xj_error_set(err, XJ_EUSAGE, "no config proposal %lld", n);
	if (p->approved_command)
		return xj_error_set(err, XJ_EUSAGE, "config proposal %lld was approved"
				    " already, by %s", n, p->approved_by.buf);
	if (strcmp(p->proposed_by.buf, actor) == 0)
		return xj_error_set(err, XJ_EUSAGE, "config proposal %lld is %s's own: a"
				    " second admin approves it", n, actor);
	if (p->base_config != p->in_force)
		return xj_error_set(err, XJ_EUSAGE, "the config has changed since proposal"
				    " %lld was made; propose it again", n);
	xj_config_sha256(p->text.buf, p->text.len, sha);
	if (strcmp(sha, p->sha256.buf) != 0)
		return xj_error_set(err, XJ_EUSAGE, "config proposal %lld: its text does not"
				    " match its sha256 (changed behind xj)", n);
	return 0;
}

/* The approver, decided again inside the transaction begun as actor. */
static int approver(struct xj_store *st, const struct xj_identity *id, const char *actor,
		    struct xj_trust_plan *plan, struct xj_error *err)
{
	long long n = plan->proposal;

	plan_reset(plan);
	plan->proposal = n;
	if (admin_actor(st, id, 1, plan, err) < 0)
		return -1;
	if (plan->refused.len)
		return refuse(plan, err);
	if (actor && strcmp(actor, plan->actor.buf) != 0)
		return xj_error_set(err, XJ_EUSAGE, "the config in force changed meanwhile;"
				    " approve it again");
	return 0;
}

/* Load the proposal's text, checked again, and mark it approved. */
static int approve(struct xj_store *st, const struct xj_identity *id,
		   struct xj_trust_plan *plan, struct xj_error *err)
{
	struct xj_config_proposal p;
	struct xj_config cfg;
	int rc;

	memset(&p, 0, sizeof(p));
	rc = xj_store_proposal_get(st, plan->proposal, &p, err);
	if (rc >= 0)
		rc = approvable(&p, rc, plan->proposal, plan->actor.buf, err);
	if (rc == 0)
		rc = xj_config_parse(p.file.buf, p.text.buf, p.text.len, &cfg, err);
	if (rc == 0) {
		snprintf(plan->sha256, sizeof(plan->sha256), "%s", p.sha256.buf);
		xj_store_sign_with(st, &id->key, plan->actor.buf);
		rc = xj_store_config_save(st, &cfg, p.file.buf, p.text.buf, plan->sha256, err);
		if (rc == 0)
			rc = xj_store_proposal_approve(st, &p, plan->actor.buf, err);
		xj_config_release(&cfg);
	}
	xj_config_proposal_release(&p);
	return rc;
}

int xj_trust_approve(struct xj_store *st, const struct xj_identity *id,
		     const struct xj_actor *who, long long n,
		     struct xj_trust_plan *plan, struct xj_error *err)
{
	struct xj_sb actor = XJ_SB_INIT;
	int rc;

	plan->proposal = n;
	if (approver(st, id, NULL, plan, err) < 0)
		return -1;
	xj_sb_adds(&actor, plan->actor.buf);
	rc = begin(st, who, actor.buf, err);
	if (rc == 0)
		rc = approver(st, id, actor.buf, plan, err);
	xj_sb_release(&actor);
	if (rc == 0)
		rc = approve(st, id, plan, err);
	if (rc == 0)
		return xj_store_commit(st, err);
	xj_store_rollback(st);
	return -1;
}
