/* change_apply.c: a change request approved level by level, each level a
 * different person holding that level's role (P1), none of them the one
 * who asked; the last level applies it.  Or it is rejected, perhaps as
 * suspected fraud; an applied erratum may wait for its filing (P17). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/cases.h"
#include "xj/change.h"
#include "xj/config.h"
#include "xj/jsonw.h"
#include "xj/key.h"
#include "xj/review.h"
#include "xj/status.h"
#include "xj/logcheck.h"

struct ctx {
	struct xj_store *st;
	struct xj_change_req r;
	struct xj_student s;
};

static void ctx_release(struct ctx *c)
{
	xj_store_change_req_release(&c->r);
	xj_student_release(&c->s);
}

/* The request and its student; a decided request is refused. */
static int load(struct xj_store *st, long long id, int pending, struct ctx *c,
		struct xj_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->st = st;
	rc = xj_store_change_get(st, id, &c->r, err);
	if (rc == 0)
		return xj_error_set(err, XJ_EUSAGE, "no change request #%lld", id);
	if (rc > 0 && pending && strcmp(c->r.state.buf, "pending") != 0)
		return xj_error_set(err, XJ_EDATA, "request #%lld is %s already", id,
				    c->r.state.buf);
	if (rc > 0)
		rc = xj_store_student_find(st, XJ_S_EXAM_NO, c->r.exam_no.buf, &c->s, err);
	return rc < 0 ? -1 : 0;
}

/* The n-th (0-based) role of a comma-joined list into out; 0 if none. */
static int nth_role(const char *list, int n, char *out, size_t size)
{
	const char *p = list;

	for (; p && *p && n > 0; n--)
		p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
	if (!p || !*p)
		return 0;
	snprintf(out, size, "%.*s", (int)(strchr(p, ',') ? strchr(p, ',') - p :
					  (long)strlen(p)), p);
	return 1;
}

static int count_list(const char *list)
{
	int n = *list ? 1 : 0;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

enum { ASKED = 1, APPROVED };

/* Has who had a part in this request already?  0 no, else ASKED or
 * APPROVED. */
static int part_of(const struct xj_change_req *r, const char *who)
{
	const char *p = r->approvers.buf;
	size_t n = strlen(who);

	if (strcmp(r->requested_by.buf, who) == 0)
		return ASKED;
	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, who, n) == 0 && (p[n] == ',' || !p[n]))
			return APPROVED;
	return 0;
}

/* The acting person may decide the next level. */
static int may_decide(struct ctx *c, const char *who, char *role, size_t size,
		      struct xj_error *err)
{
	int level = count_list(c->r.approvers.buf);
	int part = part_of(&c->r, who);
	unsigned bit;

	if (!nth_role(c->r.levels.buf, level, role, size))
		return xj_error_set(err, XJ_EDATA, "request #%lld has all its approvals",
				    c->r.id);
	/* checked when the config is loaded, and again here: a request made
	 * under a config below the floor, or one edited behind xj, goes no
	 * further */
	if (!xj_config_levels_ok(c->r.levels.buf))
		return xj_error_set(err, XJ_EDATA, "request #%lld asks for the levels %s, below"
				    " the policy (P1, P12): reviewer, dept-head and leader",
				    c->r.id, c->r.levels.buf);
	if (part == ASKED)
		return xj_error_set(err, XJ_EDATA, "%s asked for request #%lld; each level is"
				    " another person (P1, P12)", who, c->r.id);
	if (part == APPROVED)
		return xj_error_set(err, XJ_EDATA, "%s approved request #%lld; each level is"
				    " another person (P1, P12)", who, c->r.id);
	bit = xj_config_role_parse(role);
	if (xj_review_has_role(c->st, &c->s, who, bit,
			       bit == XJ_ROLE_REVIEWER || bit == XJ_ROLE_DEPT_HEAD, err) == 0)
		return 0;
	if (err->code == XJ_EUSAGE) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err->msg);
		xj_error_set(err, XJ_EUSAGE, "level %d of request #%lld is the %s's: %s",
			     level + 1, c->r.id, role, why);
	}
	return -1;
}

/* statement: what the decision is signed over, or NULL for its entry */
static int decide(struct ctx *c, const char *action, const char *extra,
		  const char *statement, struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	xj_jsonw_members_begin(&json);
	xj_jsonw_object_int(&json, "request", c->r.id);
	xj_jsonw_object_members(&json, extra);
	xj_jsonw_end(&json);
	rc = xj_review_decide_over(c->st, c->s.id, action, "change", json.json.buf, statement,
				   err);
	xj_jsonw_release(&json);
	return rc;
}

/* What an approval or rejection of the next level by the signer says
 * of the request (xj-approve-1 or xj-reject-1), as a sheet's would. */
static int approval_statement(struct ctx *c, const char *role, const char *reason,
			      int suspect, struct xj_sb *out, struct xj_error *err)
{
	struct xj_review_setting g;
	struct xj_approve_stmt a;
	struct xj_sb fields = XJ_SB_INIT, was = XJ_SB_INIT, old = XJ_SB_INIT, new_ = XJ_SB_INIT;
	int rc = xj_review_setting_get(c->st, c->s.id, &g, err);

	if (rc == 0)
		rc = xj_logcheck_change_values(c->st, c->r.old.buf, &was, &old, err);
	if (rc == 0)
		rc = xj_logcheck_change_values(c->st, c->r.new_.buf, &fields, &new_, err);
	if (rc == 0) {
		a.store = g.store.buf;
		a.request = c->r.id;
		a.student = g.exam_no.buf;
		a.name = g.name.buf;
		a.id_sha256 = g.id_sha256;
		a.kind = c->r.kind.buf;
		a.fields = fields.buf;
		a.old = old.buf;
		a.new_ = new_.buf;
		a.level = count_list(c->r.approvers.buf) + 1;
		a.role = role;
		a.config_sha256 = g.config_sha256;
		a.signer = g.signer;
		if (reason)
			xj_audit_reject_statement(out, &a, reason, suspect);
		else
			xj_audit_approve_statement(out, &a);
	}
	xj_review_setting_release(&g);
	xj_sb_release(&fields);
	xj_sb_release(&was);
	xj_sb_release(&old);
	xj_sb_release(&new_);
	return rc;
}

struct signed_as {
	struct xj_sb now, line, who;
	const char *what;
};

/* Does an earlier approval's statement still say what the request says?
 * Its student, kind, fields and values: one edited behind xj since is
 * not what was approved (P12).  Checked as an approval is recorded; a
 * sheet compares what its signer signed first, and says so. */
static int same_as_signed(void *ctx, const char *who, const char *statement)
{
	static const char *const names[] = { "request", "student", "kind", "fields", "old",
					     "new" };
	struct signed_as *g = ctx;
	struct xj_sb want = XJ_SB_INIT;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]) && !g->what; i++) {
		if (xj_audit_statement_get(statement, names[i], &want) != 1 ||
		    xj_audit_statement_get(g->now.buf, names[i], &g->line) != 1 ||
		    strcmp(want.buf, g->line.buf) != 0) {
			g->what = names[i];
			xj_sb_adds(&g->who, who);
		}
	}
	xj_sb_release(&want);
	return g->what != NULL;
}

static int still_as_approved(struct ctx *c, const char *role, struct xj_error *err)
{
	struct signed_as g = { XJ_SB_INIT, XJ_SB_INIT, XJ_SB_INIT, NULL };
	int rc = approval_statement(c, role, NULL, 0, &g.now, err);

	if (rc == 0)
		rc = xj_store_change_statements(c->st, c->r.id, same_as_signed, &g, err);
	if (rc == 0 && g.what)
		rc = xj_error_set(err, XJ_EDATA, "request #%lld is not what %s approved (%s"
				  " differs): it was changed since; reject it (P12)", c->r.id,
				  g.who.buf, g.what);
	xj_sb_release(&g.now);
	xj_sb_release(&g.line);
	xj_sb_release(&g.who);
	return rc;
}

struct apply {
	struct ctx *c;
	const char *who;
	struct xj_sb status, since;
	int rc;
	struct xj_error *err;
};

/* Each field of the new values, unless the record moved on since the
 * request: then it is refused, not overwritten. */
static void apply_field(void *ctx, const char *field, const char *value)
{
	struct apply *a = ctx;
	int f = xj_student_field_index(field);

	if (a->rc < 0)
		return;
	if (strcmp(field, "status") == 0) {
		xj_sb_adds(&a->status, value);
		return;
	}
	if (strcmp(field, "since") == 0) {
		xj_sb_adds(&a->since, value);
		return;
	}
	if (xj_change_is_conclusion(field)) {
		if (xj_change_conclusion_apply(a->c->st, &a->c->s, value, a->who, a->err) < 0)
			a->rc = -1;
		return;
	}
	/* 降级: the cohort moves on with the status */
	if (strcmp(field, "cohort") == 0) {
		if (xj_store_student_set_cohort(a->c->st, a->c->s.id,
						(int)strtol(value, NULL, 10), a->err) < 0)
			a->rc = -1;
		return;
	}
	if (f < 0)
		return;
	if (xj_store_student_set(a->c->st, a->c->s.id, f, *value ? value : NULL, a->err) < 0)
		a->rc = -1;
}

struct same {
	struct xj_store *st;
	const struct xj_student *s;
	char field[64];   /* a copy: the walk's strings end with it */
	struct xj_sb conclusion;
	int moved;
	struct xj_error *err;
};

static void still_same(void *ctx, const char *field, const char *value)
{
	struct same *m = ctx;
	int f = xj_student_field_index(field);
	const char *now;
	char cohort[16];

	if (strcmp(field, "status") == 0) {
		now = m->s->status ? m->s->status : "";
	} else if (strcmp(field, "cohort") == 0) {
		snprintf(cohort, sizeof(cohort), "%d", m->s->cohort);
		now = cohort;
	} else if (xj_change_is_conclusion(field)) {
		/* a certificate revoked since has no conclusion to correct */
		if (xj_change_conclusion_now(m->st, m->s, &m->conclusion, m->err) < 0)
			xj_sb_reset(&m->conclusion);
		now = m->conclusion.buf;
	} else if (f >= 0) {
		now = m->s->v[f] ? m->s->v[f] : "";
	} else {
		return;
	}
	if (!m->moved && strcmp(now, value) != 0) {
		m->moved = 1;
		snprintf(m->field, sizeof(m->field), "%s", field);
	}
}

static int apply(struct ctx *c, const char *who, struct xj_error *err)
{
	struct apply a = { c, who, XJ_SB_INIT, XJ_SB_INIT, 0, err };
	struct same m = { c->st, &c->s, "", XJ_SB_INIT, 0, err };
	struct xj_jw json = XJ_JW_INIT;
	int rc = xj_store_json_each(c->st, c->r.old.buf, still_same, &m, err);

	xj_sb_release(&m.conclusion);
	if (rc < 0)
		return -1;
	if (m.moved)
		return xj_error_set(err, XJ_EDATA, "%s changed since request #%lld was made:"
				    " reject it and ask again", m.field, c->r.id);
	if (xj_store_json_each(c->st, c->r.new_.buf, apply_field, &a, err) < 0 || a.rc < 0)
		a.rc = -1;
	if (a.rc == 0 && a.status.len)
		a.rc = xj_store_status_add(c->st, c->s.id, a.status.buf, a.since.buf,
					   XJ_BY_CHANGE, err);
	/* the entry names the request, whose evidence and approvers are kept */
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_int(&json, "request", c->r.id);
	xj_jsonw_object_members(&json, c->r.new_.buf);
	xj_jsonw_end(&json);
	if (a.rc == 0)
		a.rc = xj_store_audit(c->st, c->s.id, a.status.len ? "status" : "change",
				      c->r.old.buf, json.json.buf, err);
	if (a.rc == 0)
		a.rc = xj_store_change_event(c->st, c->r.id, "apply", who, NULL, err);
	xj_sb_release(&a.status);
	xj_sb_release(&a.since);
	xj_jsonw_release(&json);
	return a.rc;
}

static int frozen_still(struct ctx *c, struct xj_error *err)
{
	int rc = xj_store_frozen(c->st, c->s.id, NULL, err);

	if (rc > 0 && strcmp(c->r.kind.buf, "errata") != 0)
		return xj_error_set(err, XJ_EDATA, "the credential was registered since the"
				    " request: the record is frozen (P16)");
	return rc < 0 ? -1 : 0;
}

/* Everything an approval of the next level by who needs, checked: the
 * role and the person (P1), the evidence (P12), no freeze since (P16). */
static int approvable(struct ctx *c, const char *who, char *role, size_t size,
		      struct xj_error *err)
{
	struct xj_sb missing = XJ_SB_INIT;
	int rc = may_decide(c, who, role, size, err);

	if (rc == 0) {
		xj_change_missing(&c->r, &missing);
		if (missing.len)
			rc = xj_error_set(err, XJ_EDATA, "insufficient evidence: %s missing (P12)",
					  missing.buf);
	}
	if (rc == 0)
		rc = frozen_still(c, err);
	xj_sb_release(&missing);
	return rc;
}

/* The approval's step, once its decision is written; the last level
 * applies the change. */
static int approved(struct ctx *c, const char *who, const char *role, int *applied,
		    struct xj_error *err)
{
	int rc = xj_store_change_event(c->st, c->r.id, "approve", who, role, err);

	if (rc == 0 && count_list(c->r.approvers.buf) + 1 == count_list(c->r.levels.buf)) {
		rc = apply(c, who, err);
		*applied = rc == 0;
	}
	return rc;
}

/* Request id loaded into c and checked for who's approval of its next
 * level (the role into role): what an approval online and one from a
 * signed sheet both pass before it is recorded.  c is released by the
 * caller, whatever this returns. */
static int approve_ready(struct xj_store *st, long long id, const char *who, struct ctx *c,
			 char *role, size_t size, struct xj_error *err)
{
	int rc = load(st, id, 1, c, err);

	if (rc == 0)
		rc = approvable(c, who, role, size, err);
	if (rc == 0)
		rc = still_as_approved(c, role, err);
	return rc;
}

/* The decision of the next level by the signer in role, recorded over
 * the statement a sheet would carry: an approval, or with a reason a
 * rejection (suspect: fraud is suspected).  The two are written alike so
 * that an online decision reads as one signed on a sheet. */
static int decide_level(struct ctx *c, const char *role, const char *reason, int suspect,
			struct xj_error *err)
{
	struct xj_jw extra = XJ_JW_INIT;
	struct xj_sb stmt = XJ_SB_INIT;
	int rc = approval_statement(c, role, reason, suspect, &stmt, err);

	if (rc == 0) {
		xj_jsonw_members_begin(&extra);
		if (reason) {
			xj_jsonw_object_bool(&extra, "suspect", suspect);
			xj_jsonw_object_string(&extra, "reason", reason);
		} else {
			xj_jsonw_object_string(&extra, "level", role);
		}
		xj_jsonw_end(&extra);
		rc = decide(c, reason ? "change-reject" : "change-approve", extra.json.buf,
			    stmt.buf, err);
	}
	xj_jsonw_release(&extra);
	xj_sb_release(&stmt);
	return rc;
}

int xj_change_approve(struct xj_store *st, long long id, const char *who,
		      int *applied, struct xj_error *err)
{
	struct ctx c;
	char role[32];
	int rc = approve_ready(st, id, who, &c, role, sizeof(role), err);

	*applied = 0;
	if (rc == 0)
		rc = decide_level(&c, role, NULL, 0, err);
	if (rc == 0)
		rc = approved(&c, who, role, applied, err);
	ctx_release(&c);
	return rc;
}

int xj_change_may_approve(struct xj_store *st, long long id, const char *who,
			  struct xj_change_req *r, int *level, char *role, size_t size,
			  struct xj_error *err)
{
	struct ctx c;
	int rc = load(st, id, 1, &c, err);

	if (rc == 0)
		rc = approvable(&c, who, role, size, err);
	if (rc == 0) {
		*level = count_list(c.r.approvers.buf) + 1;
		xj_store_change_req_release(r);
		*r = c.r;
		memset(&c.r, 0, sizeof(c.r));
	}
	ctx_release(&c);
	return rc;
}

int xj_change_approve_proven(struct xj_store *st, long long id, const char *who,
			     const struct xj_proof *p, int *applied, struct xj_error *err)
{
	struct ctx c;
	struct xj_jw json = XJ_JW_INIT;
	char role[32];
	int rc = approve_ready(st, id, who, &c, role, sizeof(role), err);

	*applied = 0;
	if (rc == 0)
		rc = xj_review_proof_check(st, who, p, err);
	if (rc == 0) {
		/* the decision is the signer's; the command recording it is the
		 * applier's */
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "stage", "change");
		xj_jsonw_object_int(&json, "request", id);
		xj_jsonw_object_string(&json, "level", role);
		xj_jsonw_object_string(&json, "signer", who);
		xj_jsonw_object_string(&json, "statement_sha256", p->content);
		xj_jsonw_end(&json);
		rc = xj_store_audit_statement(st, c.s.id, "change-approve", json.json.buf, who,
					      p->public_key, p->signature, p->statement, err);
	}
	if (rc == 0)
		rc = approved(&c, who, role, applied, err);
	xj_jsonw_release(&json);
	ctx_release(&c);
	return rc;
}

/* A suspected fraud opens a case, or adds to the open one (P8). */
static int suspect_case(struct ctx *c, const char *reason, const char *who,
			struct xj_error *err)
{
	struct xj_case k;
	struct xj_sb text = XJ_SB_INIT;
	long long cid;
	int rc;

	memset(&k, 0, sizeof(k));
	xj_sb_addf(&text, "change request #%lld suspected of fraud: %s", c->r.id, reason);
	rc = xj_store_case_latest(c->st, c->s.id, &k, err);
	if (rc >= 0) {
		int open = rc > 0 && !*k.finding.buf;

		rc = xj_cases_decide(c->st, c->s.id, open ? "case-note" : "case-open",
				    open ? k.id : 0, "reason", text.buf, err);
	}
	if (rc == 0 && k.id && !*k.finding.buf)
		rc = xj_store_case_event(c->st, k.id, "note", text.buf, who, err);
	else if (rc == 0)
		rc = xj_store_case_open(c->st, c->s.id, text.buf, who, &cid, err);
	xj_store_case_release(&k);
	xj_sb_release(&text);
	return rc;
}

int xj_change_reject(struct xj_store *st, long long id, const char *reason,
		     int suspect, const char *who, struct xj_error *err)
{
	struct ctx c;
	char role[32];
	int rc;

	/* decide_level tells a rejection from an approval by its reason */
	if (!reason || !*reason)
		return xj_error_set(err, XJ_EUSAGE, "a rejection needs its reason");
	rc = load(st, id, 1, &c, err);
	if (rc == 0)
		rc = may_decide(&c, who, role, sizeof(role), err);
	if (rc == 0)
		rc = decide_level(&c, role, reason, suspect, err);
	if (rc == 0)
		rc = xj_store_change_event(st, id, "reject", who, reason, err);
	if (rc == 0 && suspect)
		rc = suspect_case(&c, reason, who, err);
	ctx_release(&c);
	return rc;
}

int xj_change_filed(struct xj_store *st, long long id, const char *doc_no,
		    const char *who, struct xj_error *err)
{
	struct ctx c;
	struct xj_jw extra = XJ_JW_INIT;
	int rc = load(st, id, 0, &c, err);

	if (rc == 0 && !c.r.filing)
		rc = xj_error_set(err, XJ_EDATA, "request #%lld needs no filing", id);
	else if (rc == 0 && strcmp(c.r.state.buf, "applied") != 0)
		rc = xj_error_set(err, XJ_EDATA, "request #%lld is %s: an erratum is filed once"
				  " applied", id, c.r.state.buf);
	else if (rc == 0 && *c.r.filed.buf)
		rc = xj_error_set(err, XJ_EDATA, "request #%lld was filed already: %s", id,
				  c.r.filed.buf);
	if (rc == 0)
		rc = xj_review_has_role(st, &c.s, who, XJ_ROLE_REGISTRAR, 0, err);
	if (rc == 0) {
		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_string(&extra, "doc_no", doc_no);
		xj_jsonw_end(&extra);
		rc = decide(&c, "change-filed", extra.json.buf, NULL, err);
	}
	if (rc == 0)
		rc = xj_store_change_event(st, id, "filed", who, doc_no, err);
	xj_jsonw_release(&extra);
	ctx_release(&c);
	return rc;
}
