/* logcheck.c: the audit log checked from inside (xj log --verify, a
 * backup's copy): the chain, every signature and every row that stands
 * on a signed decision.  Above the store: it reads the log through it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xj/audit.h"
#include "xj/logcheck.h"
#include "xj/dates.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/mask.h"
#include "xj/replay.h"
#include "xj/rows.h"
#include "xj/sha256.h"
#include "xj/strbuf.h"

struct values {
	struct xj_sb *fields, *values;
};

/* A JSON string cannot hold a bare quote or line break, nor a field name
 * a space: the pairs read back one way only. */
static void value_pair(void *ctx, const char *field, const char *value)
{
	struct values *v = ctx;
	char shown[128], hex[65];

	if (strcmp(field, "request") == 0)
		return;
	xj_sb_addf(v->fields, "%s%s", v->fields->len ? "," : "", field);
	xj_sb_addf(v->values, "%s%s=", v->values->len ? "; " : "", field);
	if (!xj_mask_wanted(field) || !*value) {
		xj_sb_add_json(v->values, value);
		return;
	}
	xj_mask(field, value, shown, sizeof(shown));
	xj_sha256_hex(value, strlen(value), hex);
	xj_sb_add_json(v->values, shown);
	xj_sb_addf(v->values, " sha256:%s", hex);
}

int xj_logcheck_change_values(struct xj_store *st, const char *json, struct xj_sb *fields,
			   struct xj_sb *values, struct xj_error *err)
{
	struct values v = { fields, values };

	xj_sb_reset(fields);
	xj_sb_reset(values);
	return xj_store_json_each(st, json && *json ? json : "{}", value_pair, &v, err);
}

struct walk {
	char prev[65];
	long long expect_id;
	long long count;
	long long head_id;
	const char *head_hash;
	long long clock_from;   /* entries from here on have real times; 0: unchecked */
	long long prev_time;    /* the latest entry's so far, as a moment */
	long long prev_id;
	char prev_at[40];
	char late[256];         /* the first entry out of time order, said */
	int bad;
	char *why;
	unsigned whysize;
	struct xj_store *st;
	struct xj_error *err;
	/* the config loads, for the config a decision was made under */
	struct config_at { long long id; char sha256[65]; } *configs;
	size_t nconfigs;
	/* the row before, to find a row copied onto the same decision */
	char last_table[16];
	long long last_decision, last_key, last_id;
};

static int broken(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int broken(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	w->bad = 1;
	va_start(ap, fmt);
	vsnprintf(w->why, w->whysize, fmt, ap);
	va_end(ap);
	return 1;
}

/* An entry out of time order, said once (the first), while the walk
 * goes on: what else was done behind the log must not hide behind it. */
static void out_of_order(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out_of_order(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	if (w->late[0])
		return;
	va_start(ap, fmt);
	vsnprintf(w->late, sizeof(w->late), fmt, ap);
	va_end(ap);
}

/* The real clock only goes forward, and entries are written under the
 * store's write lock in the order of their times (a program refuses to
 * write one before the last): one earlier than the entry before it was
 * written with a clock set back, or the one before with a clock set
 * forward, or was forged; one later than this machine's clock now, with
 * a clock set forward.  A few minutes' lead is a clock's drift. */
#define CLOCK_DRIFT 300

static int check_time(struct walk *w, const struct xj_log_entry *e)
{
	long long t;

	if (!w->clock_from || e->id < w->clock_from)
		return 0;
	if (xj_dates_time_parse(e->at, 0, &t) < 0)
		return broken(w, _("entry %lld: its time '%s' is not a time (forged)"), e->id,
			      e->at);
	if (e->id > w->clock_from && t < w->prev_time)
		out_of_order(w, _("entry %lld: its time %s is before entry %lld's, %s (a clock"
				  " was set back at the one, or forward at the other, or an entry"
				  " was forged)"), e->id, e->at, w->prev_id, w->prev_at);
	else if (t > (long long)time(NULL) + CLOCK_DRIFT)
		out_of_order(w, _("entry %lld: its time %s is after this machine's clock (written"
				  " under a clock set forward, or forged)"), e->id, e->at);
	if (t >= w->prev_time) {
		w->prev_time = t;
		w->prev_id = e->id;
		snprintf(w->prev_at, sizeof(w->prev_at), "%s", e->at);
	}
	return 0;
}

static int check_entry(void *ctx, const struct xj_log_entry *e)
{
	struct walk *w = ctx;
	char h[65];

	w->count++;
	if (e->id != w->expect_id)
		return broken(w, _("entry %lld is missing (next is %lld)"), w->expect_id, e->id);
	if (strcmp(e->prev_hash, w->prev) != 0)
		return broken(w, _("entry %lld does not follow entry %lld (chain broken)"),
			      e->id, e->id - 1);
	xj_audit_hash(e, h);
	if (strcmp(h, e->hash) != 0 || e->hidden)
		return broken(w, _("entry %lld was changed after it was written (hash mismatch)"),
			      e->id);
	if (check_time(w, e))
		return 1;
	if (e->id == w->head_id && strcmp(e->hash, w->head_hash) != 0)
		return broken(w, _("entry %lld is not the saved head: the log was rewritten"
				" since"), e->id);
	memcpy(w->prev, e->hash, sizeof(w->prev));
	w->expect_id++;
	return 0;
}

/* A command's signature: over the entry it ends with, by the key its
 * signer had in the config in force before it. */
static int check_sig(void *ctx, const struct xj_sig_row *g)
{
	struct walk *w = ctx;
	struct xj_sb msg = XJ_SB_INIT, name = XJ_SB_INIT;
	int rc;

	if (strcmp(g->entry_hash, g->hash) != 0)
		return broken(w, _("command %lld: its signature covers entry %lld, which was"
				" changed or removed"), g->command_id, g->last_entry);
	xj_audit_statement(&msg, g->command_id, g->at, g->signer, g->last_entry, g->hash);
	if (g->hidden || !xj_key_verify(g->public_key, msg.buf, msg.len, g->signature))
		rc = broken(w, _("command %lld: the signature does not verify (forged)"),
			    g->command_id);
	else if ((rc = xj_store_staff_by_key(w->st, g->public_key, g->command_id,
					     &name, w->err)) < 0)
		rc = -1;
	else if (rc == 0 || strcmp(name.buf, g->signer) != 0)
		rc = broken(w, _("command %lld: signed with a key that was not its signer's in"
			      " the config then"), g->command_id);
	else
		rc = 0;
	xj_sb_release(&msg);
	xj_sb_release(&name);
	return rc < 0 ? (w->bad = -1, 1) : rc;
}

/* A decision signed over a statement (xj-key sign) must be the sign-off
 * its entry was recorded as: same signer, student, review, stage, level
 * and result.  The student's name and ID number may change later, by a
 * change request of their own; the rest never does. */
static int check_statement(struct walk *w, const struct xj_decision_row *d)
{
	static const char *const names[] = { "signer", "student", "review", "stage",
					     "level", "result" };
	struct xj_sb v = XJ_SB_INIT;
	char review[24];
	const char *want[6];
	size_t i;
	int rc = 0;

	if (!d->review_id)
		return broken(w, _("decision %lld: its signed statement stands for no"
				" sign-off"), d->audit_id);
	snprintf(review, sizeof(review), "%lld", d->review_id);
	want[0] = d->signer;
	want[1] = d->exam_no;
	want[2] = review;
	want[3] = d->stage;
	want[4] = d->level;
	want[5] = d->result;
	for (i = 0; i < 6 && rc == 0; i++)
		if (xj_audit_statement_get(d->statement, names[i], &v) != 1 ||
		    strcmp(v.buf, want[i]) != 0)
			rc = broken(w, _("decision %lld: its signed statement is not the sign-off"
				      " recorded (%s differs)"), d->audit_id, names[i]);
	xj_sb_release(&v);
	return rc;
}

/* The approval as the store records it, line by line as its statement
 * names it: signer, request, student, kind, level, role, and the
 * request's fields with their old and new values. */
static int approval_wants(struct walk *w, const struct xj_change_approval *a,
			  struct xj_sb want[9])
{
	struct xj_sb fields = XJ_SB_INIT;
	int rc;

	xj_sb_adds(&want[0], a->signer.buf);
	xj_sb_addf(&want[1], "%lld", a->request);
	xj_sb_adds(&want[2], a->exam_no.buf);
	xj_sb_adds(&want[3], a->kind.buf);
	xj_sb_addf(&want[4], "%d", a->level);
	xj_sb_adds(&want[5], a->role.buf);
	rc = xj_logcheck_change_values(w->st, a->old.buf, &fields, &want[7], w->err);
	if (rc == 0)
		rc = xj_logcheck_change_values(w->st, a->new_.buf, &want[6], &want[8], w->err);
	xj_sb_release(&fields);
	return rc;
}

/* A change approval signed over a statement (xj-key sign) must be the
 * approval its entry was recorded as, of the request as it stands: an
 * edited new value no longer is what was signed (P12). */
static int check_approval(struct walk *w, const struct xj_decision_row *d)
{
	static const char *const names[] = { "signer", "request", "student", "kind",
					     "level", "role", "fields", "old", "new" };
	struct xj_change_approval a;
	struct xj_sb want[9], v = XJ_SB_INIT;
	size_t i;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(want, 0, sizeof(want));
	rc = xj_store_change_approval(w->st, d->audit_id, &a, w->err);
	if (rc > 0)
		rc = approval_wants(w, &a, want) < 0 ? -1 : 0;
	else if (rc == 0)
		rc = broken(w, _("decision %lld: its signed statement stands for no approval"),
			    d->audit_id);
	for (i = 0; i < 9 && rc == 0; i++)
		if (xj_audit_statement_get(d->statement, names[i], &v) != 1 ||
		    strcmp(v.buf, want[i].buf ? want[i].buf : "") != 0)
			rc = broken(w, _("decision %lld: its signed statement is not the approval"
				      " recorded (%s differs)"), d->audit_id, names[i]);
	for (i = 0; i < 9; i++)
		xj_sb_release(&want[i]);
	xj_sb_release(&v);
	xj_store_change_approval_release(&a);
	return rc < 0 ? (w->bad = -1, 1) : rc;
}

static int add_config(void *ctx, long long id, const char *sha256)
{
	struct walk *w = ctx;

	w->configs = xj_xreallocarray(w->configs, w->nconfigs + 1, sizeof(*w->configs));
	w->configs[w->nconfigs].id = id;
	snprintf(w->configs[w->nconfigs].sha256, sizeof(w->configs[0].sha256), "%s", sha256);
	w->nconfigs++;
	return 0;
}

/* The SHA-256 of the config in force before entry id ("" when none). */
static const char *config_before(const struct walk *w, long long id)
{
	const char *sha = "";
	size_t i;

	for (i = 0; i < w->nconfigs && w->configs[i].id < id; i++)
		sha = w->configs[i].sha256;
	return sha;
}

/* Is line name of the statement want?  0 yes; else 1, and why names it. */
static int line_differs(struct walk *w, const struct xj_decision_row *d, const char *name,
			const char *want)
{
	struct xj_sb v = XJ_SB_INIT;
	int rc = 0;

	if (xj_audit_statement_get(d->statement, name, &v) != 1 || strcmp(v.buf, want) != 0)
		rc = broken(w, _("decision %lld: its signed statement is not its entry (%s"
			      " differs)"), d->audit_id, name);
	xj_sb_release(&v);
	return rc;
}

/* A decision signed online: its statement is placed by its head right
 * where its entry is, names the config then in force, its signer and
 * student, and for a general decision the entry's action and values. */
static int check_online(struct walk *w, const struct xj_decision_row *d)
{
	struct xj_sb head = XJ_SB_INIT;
	int rc;

	xj_sb_addf(&head, "%lld:%s", d->audit_id - 1, d->prev_hash);
	rc = line_differs(w, d, "head", head.buf);
	if (rc == 0)
		rc = line_differs(w, d, "config_sha256", config_before(w, d->audit_id));
	if (rc == 0)
		rc = line_differs(w, d, "signer", d->signer);
	if (rc == 0)
		rc = line_differs(w, d, "student", d->entry_student);
	if (rc == 0 && strncmp(d->statement, "xj-decision-1\n", 14) == 0)
		rc = line_differs(w, d, "action", d->entry_action);
	if (rc == 0 && strncmp(d->statement, "xj-decision-1\n", 14) == 0)
		rc = line_differs(w, d, "decision", d->entry_new);
	xj_sb_release(&head);
	return rc;
}

/* A decision's own signature: over its entry's hash, or over the
 * statement it was signed as, online or away from the store, by its
 * signer's key in the config in force before the command. */
static int check_decision(void *ctx, const struct xj_decision_row *d)
{
	struct walk *w = ctx;
	struct xj_sb name = XJ_SB_INIT;
	const char *msg = *d->statement ? d->statement : d->hash;
	int rc;

	if (!*d->hash)
		return broken(w, _("decision %lld: its entry is missing"), d->audit_id);
	if (!xj_key_verify(d->public_key, msg, strlen(msg), d->signature))
		return broken(w, _("decision %lld: the signature does not verify (forged)"),
			      d->audit_id);
	rc = xj_store_staff_by_key(w->st, d->public_key, d->command_id, &name, w->err);
	if (rc > 0 && strcmp(name.buf, d->signer) != 0)
		rc = 0;
	xj_sb_release(&name);
	if (rc < 0) {
		w->bad = -1;
		return 1;
	}
	if (rc == 0)
		return broken(w, _("decision %lld: signed with a key that was not %s's in the"
				" config then"), d->audit_id, d->signer);
	if (!*d->statement)
		return 0;
	if (xj_audit_statement_online(d->statement))
		return check_online(w, d);
	if (strncmp(d->statement, "xj-approve-1\n", 13) == 0)
		return check_approval(w, d);
	return check_statement(w, d);
}

/* Does the row's table take decisions of this kind and action? */
static int fits(const struct xj_stood_row *r, const char *kind, const char *action)
{
	const char *t = r->table;

	if (!strcmp(t, "review"))
		return !strcmp(kind, "xj-review-1") ||
		       (!strcmp(kind, "xj-decision-1") && !strcmp(action, "revoke"));
	if (!strcmp(t, "signoff"))
		return !strcmp(kind, "xj-signoff-1");
	if (!strcmp(t, "case_file") || !strcmp(t, "case_event"))
		return !strcmp(kind, "xj-case-1");
	if (!strcmp(t, "change_event") && r->action && !strcmp(r->action, "approve"))
		return !strcmp(kind, "xj-approve-1");
	if (!strcmp(t, "change_event") && r->action && !strcmp(r->action, "reject"))
		return !strcmp(kind, "xj-reject-1");
	if (strcmp(kind, "xj-decision-1") != 0)
		return 0;
	if (!strcmp(t, "change_request"))
		return !strcmp(action, "change-request");
	if (!strcmp(t, "change_event"))
		return !strncmp(action, "change-", 7) && r->action &&
		       !strcmp(action + 7, r->action);
	return !strcmp(action, "archive-check");
}

/* One row against its decision's statement, line by line. */
struct rowcheck {
	struct walk *w;
	const struct xj_stood_row *r;
	struct xj_sb v;
	int general;   /* an xj-decision-1: the entry's values stand for lines */
};

/* Does the row (the one named table and id) say what line name of the
 * statement says?  have NULL: the row has no such value.  want: the value
 * the entry gives, for a general decision's statement, which has no such
 * line. */
static int same(struct rowcheck *c, const char *table, long long id, const char *name,
		const char *have, const char *want)
{
	if (!have)
		return 0;
	if (c->general && want) {
		if (strcmp(have, want) == 0)
			return 0;
	} else if (xj_audit_statement_get(c->r->statement, name, &c->v) != 1 ||
		   strcmp(c->v.buf, have) == 0) {
		return 0;
	}
	return broken(c->w, _("%s %lld: not what decision %lld signed (%s differs)"), table,
		      id, c->r->audit_id, name);
}

static int same_num(struct rowcheck *c, const char *table, long long id, const char *name,
		    long long have)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", have);
	return same(c, table, id, name, buf, NULL);
}

static int same_json(struct rowcheck *c, const char *table, long long id, const char *name,
		     const char *text)
{
	struct xj_sb quoted = XJ_SB_INIT;
	int rc;

	if (text)
		xj_sb_add_json(&quoted, text);
	rc = same(c, table, id, name, quoted.buf ? quoted.buf : "", NULL);
	xj_sb_release(&quoted);
	return rc;
}

/* A change request's kind and values: as an approval names them, or as
 * the entry of its request records them. */
static int same_request(struct rowcheck *c, long long id)
{
	const struct xj_stood_row *r = c->r;
	struct xj_sb fields = XJ_SB_INIT, old = XJ_SB_INIT, new_ = XJ_SB_INIT;
	int rc = same(c, "change_request", id, "student", r->student, NULL);

	if (rc == 0)
		rc = same(c, "change_request", id, "kind", r->kind, r->e_kind);
	if (rc == 0 && c->general) {
		rc = same(c, "change_request", id, "old", r->old_min, r->e_old);
		if (rc == 0)
			rc = same(c, "change_request", id, "new", r->new_min, r->e_new);
	} else if (rc == 0 && r->old && r->new_) {
		if (xj_logcheck_change_values(c->w->st, r->old, &fields, &old, c->w->err) < 0 ||
		    xj_logcheck_change_values(c->w->st, r->new_, &fields, &new_, c->w->err) < 0)
			rc = -1;
		if (rc == 0)
			rc = same(c, "change_request", id, "fields", fields.buf, NULL);
		if (rc == 0)
			rc = same(c, "change_request", id, "old", old.buf, NULL);
		if (rc == 0)
			rc = same(c, "change_request", id, "new", new_.buf, NULL);
	}
	xj_sb_release(&fields);
	xj_sb_release(&old);
	xj_sb_release(&new_);
	return rc;
}

static int same_review(struct rowcheck *c)
{
	const struct xj_stood_row *r = c->r;
	long long id = r->id;
	int rc = same(c, "review", id, "student", r->student, NULL);

	if (rc == 0)
		rc = same(c, "review", id, "stage", r->stage, NULL);
	if (rc == 0)
		rc = same(c, "review", id, "result", r->result, NULL);
	if (rc == 0)
		rc = same(c, "review", id, "items", r->items, NULL);
	if (rc == 0)
		rc = same_json(c, "review", id, "note", r->note);
	return rc;
}

static int same_signoff(struct rowcheck *c)
{
	const struct xj_stood_row *r = c->r;
	int rc = same_num(c, "signoff", r->id, "review", r->review);

	if (rc == 0)
		rc = same(c, "signoff", r->id, "level", r->level, NULL);
	if (rc == 0)
		rc = same(c, "review", r->review, "student", r->student, NULL);
	if (rc == 0)
		rc = same(c, "review", r->review, "stage", r->stage, NULL);
	if (rc == 0)
		rc = same(c, "review", r->review, "result", r->result, NULL);
	return rc;
}

static int same_event(struct rowcheck *c)
{
	const struct xj_stood_row *r = c->r;
	int approve = r->action && !strcmp(r->action, "approve");
	int reject = r->action && !strcmp(r->action, "reject");
	char request[24];
	int rc;

	snprintf(request, sizeof(request), "%lld", r->request);
	rc = same(c, "change_event", r->id, "request", request, r->e_request);
	if (rc == 0 && (approve || reject))
		rc = same_num(c, "change_event", r->id, "level", r->step);
	if (rc == 0 && approve)
		rc = same(c, "change_event", r->id, "role", r->text, NULL);
	if (rc == 0 && reject)
		rc = same_json(c, "change_event", r->id, "reason", r->text);
	if (rc == 0 && (approve || reject))
		rc = same_request(c, r->request);
	else if (rc == 0)
		rc = same(c, "change_request", r->request, "student", r->student, NULL);
	return rc;
}

static int same_case(struct rowcheck *c)
{
	const struct xj_stood_row *r = c->r;
	int rc = same(c, r->table, r->id, "student", r->student, NULL);

	if (rc == 0)
		rc = same(c, r->table, r->id, "action", r->action, NULL);
	if (rc == 0 && r->case_id)
		rc = same_num(c, r->table, r->id, "case", r->case_id);
	if (rc == 0)
		rc = same_json(c, r->table, r->id, "text", r->text);
	return rc;
}

/* What the row says, set against its decision's statement. */
static int same_row(struct rowcheck *c)
{
	const struct xj_stood_row *r = c->r;
	const char *t = r->table;
	int rc = same(c, t, r->id, "signer", r->signer, NULL);

	if (rc != 0)
		return rc;
	if (!strcmp(t, "review"))
		return same_review(c);
	if (!strcmp(t, "signoff"))
		return same_signoff(c);
	if (!strcmp(t, "change_request"))
		return same_request(c, r->id);
	if (!strcmp(t, "change_event"))
		return same_event(c);
	if (!strcmp(t, "holding_event") && r->holding_named == 0)
		return broken(c->w, _("%s %lld: not what decision %lld signed (%s differs)"),
			      t, r->id, r->audit_id, "holding");
	if (!strcmp(t, "holding_event"))
		return same(c, t, r->id, "student", r->student, NULL);
	return same_case(c);
}

/* A row standing on a decision signed over a statement must be what the
 * statement says: copied onto another student or request, or edited
 * since, it is not (P1, P12).  Two rows of a table on one decision (one
 * per holding for a check): the later is a copy. */
static int check_stood(void *ctx, const struct xj_stood_row *r)
{
	struct walk *w = ctx;
	struct rowcheck c = { w, r, XJ_SB_INIT, 0 };
	struct xj_sb kind = XJ_SB_INIT, action = XJ_SB_INIT;
	int rc;

	xj_sb_add(&kind, r->statement, strcspn(r->statement, "\n"));
	xj_audit_statement_get(r->statement, "action", &action);
	c.general = strcmp(kind.buf, "xj-decision-1") == 0;
	if (!fits(r, kind.buf, action.buf ? action.buf : ""))
		rc = broken(w, _("%s %lld: stands on decision %lld, which decided something"
			      " else"), r->table, r->id, r->audit_id);
	else
		rc = same_row(&c);
	if (rc == 0 && !strcmp(w->last_table, r->table) && w->last_decision == r->audit_id &&
	    w->last_key == r->key)
		rc = broken(w, _("%s %lld: stands on decision %lld, as %s %lld does (a copy)"),
			    r->table, r->id, r->audit_id, r->table, w->last_id);
	snprintf(w->last_table, sizeof(w->last_table), "%s", r->table);
	w->last_decision = r->audit_id;
	w->last_key = r->key;
	w->last_id = r->id;
	xj_sb_release(&kind);
	xj_sb_release(&action);
	xj_sb_release(&c.v);
	return rc < 0 ? (w->bad = -1, 1) : rc;
}

/* A review or sign-off row no signed decision of its person stands for;
 * what is the kind of row, as the store names it ("review", "sign-off",
 * "change request", "change approve", ...). */
static int check_unsigned(void *ctx, const char *what, long long id, const char *who)
{
	return broken(ctx, _("%s %lld by %s has no decision signed by %s (forged)"), what, id,
		      who, who);
}

static int check_unsigned_command(void *ctx, long long command, long long entry,
				  const char *action)
{
	return broken(ctx, _("command %lld: entry %lld (%s) was written by a command no one"
			     " signed (forged)"), command, entry, action);
}

static int parse_head(const char *head, long long *id, const char **hash)
{
	char *end;

	*id = strtoll(head, &end, 10);
	if (end == head || *end != ':' || *id < 0 || strlen(end + 1) != 64)
		return -1;
	*hash = end + 1;
	return 0;
}

/* A walk from the log's first entry, its findings into why. */
static void walk_start(struct walk *w, char *why, unsigned whysize)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->prev, sizeof(w->prev), "%s", XJ_AUDIT_GENESIS);
	w->expect_id = 1;
	w->why = why;
	w->whysize = whysize;
	why[0] = '\0';
}

static int verify(struct xj_store *st, const char *head, char *why,
		  unsigned whysize, long long *count, struct xj_error *err)
{
	struct walk w;
	struct xj_log_filter all = { 0 };

	walk_start(&w, why, whysize);
	w.st = st;
	w.err = err;
	if (head && parse_head(head, &w.head_id, &w.head_hash) < 0)
		return xj_error_set(err, XJ_EUSAGE, "not a log head: '%s' (want N:HASH as"
				    " 'xj log --head' prints it)", head);
	if (xj_store_clock_since(st, &w.clock_from, err) < 0)
		return -1;
	if (xj_store_log_each(st, &all, check_entry, &w, err) < 0)
		return -1;
	*count = w.count;
	if (!w.bad && w.head_id > w.count)
		broken(&w, _("the log has %lld entries, fewer than the saved head's %lld:"
			 " entries were removed"), w.count, w.head_id);
	if (!w.bad && xj_store_sig_each(st, check_sig, &w, err) < 0)
		return -1;
	if (!w.bad && xj_store_config_hashes(st, add_config, &w, err) < 0)
		w.bad = -1;
	if (!w.bad && xj_store_decision_each(st, check_decision, &w, err) < 0)
		w.bad = -1;
	if (!w.bad && xj_store_stood_each(st, check_stood, &w, err) < 0)
		w.bad = -1;
	if (!w.bad && xj_store_unsigned_each(st, check_unsigned, &w, err) < 0)
		w.bad = -1;
	if (!w.bad && xj_store_unsigned_commands(st, check_unsigned_command, &w, err) < 0)
		w.bad = -1;
	free(w.configs);
	if (w.bad > 0 && w.late[0]) {   /* the times first, as they came first */
		char rest[512];

		snprintf(rest, sizeof(rest), "%s", why);
		snprintf(why, whysize, "%s; %s", w.late, rest);
	} else if (!w.bad && w.late[0]) {   /* all else holds: the times alone are wrong */
		snprintf(why, whysize, "%s", w.late);
		return 2;
	}
	return w.bad < 0 ? -1 : w.bad;
}

int xj_logcheck_verify(struct xj_store *st, const char *head, char *why,
		       unsigned whysize, long long *count, struct xj_error *err)
{
	/* the decided rows are read in one order across their tables: a sort
	 * of the whole log, kept within the command's memory */
	int rc;

	xj_store_sorts_on_disk(st, 1);
	rc = verify(st, head, why, whysize, count, err);
	xj_store_sorts_on_disk(st, 0);
	return rc;
}

int xj_logcheck_head(struct xj_store *st, struct xj_sb *out, struct xj_error *err)
{
	char why[16];
	long long count = 0;
	struct walk w;
	struct xj_log_filter all = { 0 };

	walk_start(&w, why, sizeof(why));
	if (xj_store_log_each(st, &all, check_entry, &w, err) < 0)
		return -1;
	count = w.expect_id - 1;
	xj_sb_reset(out);
	xj_sb_addf(out, "%lld:%s", count, w.prev);
	return 0;
}

int xj_logcheck_copy(struct xj_store *copy, struct xj_copy_info *info, char *why,
		     unsigned whysize, struct xj_error *err)
{
	struct xj_sb head = XJ_SB_INIT;
	long long n = 0;
	int rc = xj_logcheck_verify(copy, NULL, why, whysize, &n, err);
	int version = 0;
	char schema[256];

	if (rc == 2)   /* a log out of time order makes no good copy either */
		rc = 1;
	/* a copy whose triggers are not xj's would run them in the next
	 * command anyone gives it.  One of an older schema is held to no
	 * reference here: it is migrated when first opened, and the first
	 * write after holds it to this one's */
	if (rc == 0 && (rc = xj_store_schema_version(copy, &version, err)) == 0 &&
	    version == XJ_SCHEMA_VERSION &&
	    (rc = xj_store_schema_differs(copy, schema, sizeof(schema), err)) > 0)
		snprintf(why, whysize, _("the store's schema was changed behind xj's back: %s"),
			 schema);
	if (rc == 0)
		rc = xj_logcheck_head(copy, &head, err);
	if (rc == 0)
		snprintf(info->head, sizeof(info->head), "%s", head.buf);
	info->entries = n;
	xj_sb_release(&head);
	return rc;
}

void xj_logcheck_row_place(const struct xj_row_diff *d, char *out, size_t size)
{
	if (!strcmp(d->table, "student") && *d->student)
		snprintf(out, size, _("student %s"), d->student);
	else if (*d->student)
		snprintf(out, size, _("%s %s (student %s)"), d->table, d->key, d->student);
	else
		snprintf(out, size, "%s %s", d->table, d->key);
}

/* The first row that differs, where and which field. */
static void first_row(void *ctx, const struct xj_row_diff *d)
{
	char *said = ctx, at[128];

	if (*said)
		return;
	xj_logcheck_row_place(d, at, sizeof(at));
	snprintf(said, 160, "%s%s%s", at, d->field && *d->field ? ": " : "",
		 d->field ? d->field : "");
}

int xj_logcheck_copy_whole(struct xj_store *copy, struct xj_copy_info *info, char *why,
			   unsigned whysize, struct xj_error *err)
{
	char said[160] = "";
	long long rows = 0;
	long diffs;
	int rc = xj_logcheck_copy(copy, info, why, whysize, err);

	if (rc != 0)
		return rc;
	xj_store_sorts_on_disk(copy, 1);
	diffs = xj_replay_verify(copy, first_row, said, &rows, err);
	xj_store_sorts_on_disk(copy, 0);
	if (diffs < 0)
		return -1;
	if (diffs == 0)
		return 0;
	snprintf(why, whysize, ngettext("%ld thing in its tables differs from its log (%s)",
					"%ld things in its tables differ from its log (%s first)",
					(unsigned long)diffs), diffs, said);
	return 1;
}
