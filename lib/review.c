/* review.c: the rules of the entrance review and its sign-offs. */
#include <stdio.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/config.h"
#include "xj/jsonw.h"
#include "xj/key.h"
#include "xj/review.h"
#include "xj/sha256.h"

/* The re-check's items (P7, 41号令 art. 11); a special-type admission
 * also needs its professional re-test. */
static const char *const recheck_items[] = {
	"registration", "health", "procedure", "eligibility",
};
static const char *const arrival_items[] = {
	"notice", "idcard", "exam_file", "roster", "application", "admission", "photo",
};

const char *xj_review_stage_name(const char *s)
{
	if (s && strcmp(s, "arrival") == 0)
		return "arrival";
	if (s && strcmp(s, "recheck") == 0)
		return "recheck";
	if (s && strcmp(s, "cancel") == 0)
		return "cancel";
	if (s && strcmp(s, "revoke") == 0)
		return "revoke";
	return NULL;
}

static int special_type(const struct xj_student *s)
{
	static const char *const kinds[] = { "艺术", "体育", "美术", "音乐", "舞蹈",
					     "高水平", "art", "sport" };
	const char *t = s->v[XJ_S_ADMISSION_TYPE];
	size_t i;

	for (i = 0; t && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strstr(t, kinds[i]))
			return 1;
	return 0;
}

static int known_item(const char *stage, const char *name, size_t len)
{
	const char *const *list = strcmp(stage, "recheck") == 0 ? recheck_items : arrival_items;
	size_t n = strcmp(stage, "recheck") == 0 ? 4 : 7, i;

	if (strcmp(stage, "recheck") == 0 && len == 6 && strncmp(name, "retest", 6) == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

static const char *item_value(const struct xj_review_in *in, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < in->nitems; i++)
		if (strncmp(in->items[i], name, len) == 0 && in->items[i][len] == '=')
			return in->items[i] + len + 1;
	return NULL;
}

/* The items as JSON, each known and ok or problem; a pass needs every
 * required item, and all of them ok. */
static int check_items(const struct xj_student *s, const struct xj_review_in *in,
		       struct xj_jw *json, struct xj_error *err)
{
	size_t i;

	xj_jsonw_object_begin(json);
	for (i = 0; i < in->nitems; i++) {
		const char *eq = strchr(in->items[i], '=');
		char name[32];   /* a known item's name: the longest has 12 bytes */

		if (!eq || !known_item(in->stage, in->items[i], (size_t)(eq - in->items[i])) ||
		    (strcmp(eq + 1, "ok") != 0 && strcmp(eq + 1, "problem") != 0))
			return xj_error_set(err, XJ_EUSAGE, "not an item of the %s: \"%s\""
					    " (want NAME=ok or NAME=problem)", in->stage, in->items[i]);
		if (strcmp(in->result, "pass") == 0 && strcmp(eq + 1, "problem") == 0)
			return xj_error_set(err, XJ_EDATA, "a pass with a problem (%.*s)",
					    (int)(eq - in->items[i]), in->items[i]);
		snprintf(name, sizeof(name), "%.*s", (int)(eq - in->items[i]), in->items[i]);
		xj_jsonw_object_string(json, name, eq + 1);
	}
	xj_jsonw_end(json);
	if (strcmp(in->stage, "recheck") != 0 || strcmp(in->result, "pass") != 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (!item_value(in, recheck_items[i]))
			return xj_error_set(err, XJ_EDATA, "a re-check cannot pass with the item"
					    " %s missing (P7)", recheck_items[i]);
	if (special_type(s) && !item_value(in, "retest"))
		return xj_error_set(err, XJ_EDATA, "a special-type admission (%s) needs its"
				    " professional re-test: item retest (P7)",
				    s->v[XJ_S_ADMISSION_TYPE]);
	return 0;
}

/* The acting person holds role (and, for a department role, the
 * student's department). */
int xj_review_has_role(struct xj_store *st, const struct xj_student *s, const char *who,
		       unsigned role, int same_dept, struct xj_error *err)
{
	struct xj_sb roles = XJ_SB_INIT, dept = XJ_SB_INIT;
	const char *name = xj_config_role_name(role);
	int rc = xj_store_staff_info(st, who, &roles, &dept, err), ok = 0;

	if (rc > 0) {
		char *p = roles.buf;

		for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
			if (strncmp(p, name, strlen(name)) == 0 &&
			    (p[strlen(name)] == ',' || !p[strlen(name)]))
				ok = 1;
		if (!ok && strchr("aeiou", *name))
			rc = xj_error_set(err, XJ_EUSAGE, "%s is not an %s", who, name);
		else if (!ok)
			rc = xj_error_set(err, XJ_EUSAGE, "%s is not a %s", who, name);
		else if (same_dept && *dept.buf && s->v[XJ_S_DEPT] &&
			 strcmp(dept.buf, s->v[XJ_S_DEPT]) != 0)
			rc = xj_error_set(err, XJ_EUSAGE, "%s is %s's %s; this student is %s's (P3)",
					  who, dept.buf, name, s->v[XJ_S_DEPT]);
	} else if (rc == 0) {
		rc = xj_error_set(err, XJ_EUSAGE, "%s is not on the staff", who);
	}
	xj_sb_release(&roles);
	xj_sb_release(&dept);
	return rc < 0 ? -1 : 0;
}

int xj_review_setting_get(struct xj_store *st, long long sid, struct xj_review_setting *g,
			  struct xj_error *err)
{
	struct xj_sb idno = XJ_SB_INIT;
	int rc;

	memset(g, 0, sizeof(*g));
	xj_sb_adds(&g->exam_no, "");
	xj_sb_adds(&g->name, "");
	g->signer = xj_store_signer(st) ? xj_store_signer(st) : "";
	rc = xj_store_id(st, 1, &g->store, err);
	if (rc >= 0 && sid)
		rc = xj_store_student_ident(st, sid, &g->exam_no, &g->name, &idno, err);
	if (rc >= 0 && idno.len)
		xj_sha256_hex(idno.buf, idno.len, g->id_sha256);
	/* the config is what the entry of its load says it is, which is the
	 * SHA-256 of its text: xj log --verify reads it there */
	if (rc >= 0)
		rc = xj_store_config_sha256(st, g->config_sha256, err);
	/* a statement is read line by line */
	if (rc >= 0 && (strchr(g->exam_no.buf, '\n') || strchr(g->name.buf, '\n')))
		rc = xj_error_set(err, XJ_EDATA, "the student's exam number or name holds a line"
				  " break");
	xj_sb_release(&idno);
	return rc < 0 ? -1 : 0;
}

void xj_review_setting_release(struct xj_review_setting *g)
{
	xj_sb_release(&g->store);
	xj_sb_release(&g->exam_no);
	xj_sb_release(&g->name);
	memset(g, 0, sizeof(*g));
}

/* The general statement: the decision as its entry records it. */
static int general_statement(struct xj_store *st, long long sid, const char *action,
			     const char *stage, const char *json, struct xj_sb *out,
			     struct xj_error *err)
{
	struct xj_review_setting g;
	struct xj_decision_stmt d;
	int rc = xj_review_setting_get(st, sid, &g, err);

	if (rc == 0) {
		d.store = g.store.buf;
		d.action = action;
		d.student = g.exam_no.buf;
		d.name = g.name.buf;
		d.id_sha256 = g.id_sha256;
		d.stage = stage;
		d.decision = json;
		d.config_sha256 = g.config_sha256;
		d.signer = g.signer;
		xj_audit_decision_statement(out, &d);
	}
	xj_review_setting_release(&g);
	return rc;
}

int xj_review_decide_over(struct xj_store *st, long long sid, const char *action,
			  const char *stage, const char *extra, const char *statement,
			  struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	struct xj_sb general = XJ_SB_INIT;
	int rc = 0;

	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "stage", stage);
	xj_jsonw_object_members(&json, extra);
	xj_jsonw_end(&json);
	if (!statement && (rc = general_statement(st, sid, action, stage, json.json.buf,
						  &general, err)) == 0)
		statement = general.buf;
	if (rc == 0)
		rc = xj_store_audit_signed(st, sid, action, json.json.buf, statement, err);
	xj_jsonw_release(&json);
	xj_sb_release(&general);
	return rc;
}

int xj_review_decide(struct xj_store *st, long long sid, const char *action,
		     const char *stage, const char *extra, struct xj_error *err)
{
	return xj_review_decide_over(st, sid, action, stage, extra, NULL, err);
}

/* A review's statement: what the review row will say (xj-review-1). */
static int review_statement(struct xj_store *st, long long sid, const char *stage,
			    const char *result, const char *items, const char *note,
			    struct xj_sb *out, struct xj_error *err)
{
	struct xj_review_setting g;
	struct xj_review_stmt r;
	struct xj_sb quoted = XJ_SB_INIT;
	int rc = xj_review_setting_get(st, sid, &g, err);

	if (note)
		xj_sb_add_json(&quoted, note);
	if (rc == 0) {
		r.store = g.store.buf;
		r.student = g.exam_no.buf;
		r.name = g.name.buf;
		r.id_sha256 = g.id_sha256;
		r.stage = stage;
		r.result = result;
		r.items = items;
		r.note = quoted.buf ? quoted.buf : "";
		r.config_sha256 = g.config_sha256;
		r.signer = g.signer;
		xj_audit_review_statement(out, &r);
	}
	xj_sb_release(&quoted);
	xj_review_setting_release(&g);
	return rc;
}

int xj_review_propose(struct xj_store *st, const struct xj_student *s, const char *action,
		      const char *stage, const char *extra, const char *result,
		      const char *items, const char *note, struct xj_error *err)
{
	struct xj_sb stmt = XJ_SB_INIT;
	int rc = review_statement(st, s->id, stage, result, items, note, &stmt, err);

	if (rc == 0)
		rc = xj_review_decide_over(st, s->id, action, stage, extra, stmt.buf, err);
	xj_sb_release(&stmt);
	return rc;
}

/* A sign-off's statement (xj-signoff-1), as a sheet's but made online. */
static int signoff_statement(struct xj_store *st, const struct xj_student *s,
			     const struct xj_review *r, const char *stage,
			     const char *level, struct xj_sb *out, struct xj_error *err)
{
	struct xj_review_setting g;
	struct xj_signoff_stmt o;
	int rc = xj_review_setting_get(st, s->id, &g, err);

	if (rc == 0) {
		o.store = g.store.buf;
		o.review = r->id;
		o.student = g.exam_no.buf;
		o.name = g.name.buf;
		o.id_sha256 = g.id_sha256;
		o.stage = stage;
		o.level = level;
		o.result = r->result;
		o.config_sha256 = g.config_sha256;
		o.signer = g.signer;
		xj_audit_signoff_statement(out, &o);
	}
	xj_review_setting_release(&g);
	return rc;
}

static int decide_signoff(struct xj_store *st, const struct xj_student *s,
			  const struct xj_review *r, const char *action, const char *stage,
			  const char *level, const char *extra, struct xj_error *err)
{
	struct xj_sb stmt = XJ_SB_INIT;
	int rc = signoff_statement(st, s, r, stage, level, &stmt, err);

	if (rc == 0)
		rc = xj_review_decide_over(st, s->id, action, stage, extra, stmt.buf, err);
	xj_sb_release(&stmt);
	return rc;
}

/* An arrival passes only while none of the student's arrival photo
 * comparisons stands at mismatch, unclear or abnormal: a newer
 * comparison (a re-comparison, or a manual check recorded as one) clears
 * it (P5). */
static const char *const arrival_pairs[] = { "onsite-exam", "onsite-idcard", "chsi-identity" };
#define N_ARRIVAL_PAIRS (sizeof(arrival_pairs) / sizeof(arrival_pairs[0]))
_Static_assert(N_ARRIVAL_PAIRS == 3 && N_ARRIVAL_PAIRS <= XJ_PHOTO_PAIRS_MAX,
	       "the arrival pairs' results are three, in one walk of the photo checks");

/* The latest result of each arrival pair, found[i] set when it has one. */
static int arrival_photos(struct xj_store *st, long long student_id,
			  struct xj_sb result[N_ARRIVAL_PAIRS], int found[N_ARRIVAL_PAIRS],
			  struct xj_error *err)
{
	return xj_store_photos_latest(st, student_id, arrival_pairs, (int)N_ARRIVAL_PAIRS, result,
				      found, err);
}

static void release_photos(struct xj_sb result[N_ARRIVAL_PAIRS])
{
	size_t i;

	for (i = 0; i < N_ARRIVAL_PAIRS; i++)
		xj_sb_release(&result[i]);
}

int xj_review_photo_unmatched(struct xj_store *st, long long student_id, const char **pair,
			      struct xj_sb *result, struct xj_error *err)
{
	struct xj_sb each[N_ARRIVAL_PAIRS] = { XJ_SB_INIT, XJ_SB_INIT, XJ_SB_INIT };
	int found[N_ARRIVAL_PAIRS], rc = arrival_photos(st, student_id, each, found, err);
	size_t i;

	for (i = 0; rc == 0 && i < N_ARRIVAL_PAIRS; i++)
		if (found[i] && strcmp(each[i].buf, "match") != 0) {
			*pair = arrival_pairs[i];
			xj_sb_reset(result);
			xj_sb_adds(result, each[i].buf);
			rc = 1;
		}
	release_photos(each);
	return rc;
}

static int photos_clear(struct xj_store *st, const struct xj_student *s, struct xj_error *err)
{
	struct xj_sb result = XJ_SB_INIT;
	const char *pair = NULL;
	int rc = xj_review_photo_unmatched(st, s->id, &pair, &result, err);

	if (rc > 0)
		xj_error_set(err, XJ_EDATA, "the photo comparison %s is %s: the arrival passes once"
			     " a re-comparison or a recorded manual check clears it (P5)", pair,
			     result.buf);
	xj_sb_release(&result);
	return rc != 0 ? -1 : 0;
}

int xj_review_photos(struct xj_store *st, long long student_id, struct xj_sb *out,
		     struct xj_error *err)
{
	struct xj_sb result[N_ARRIVAL_PAIRS] = { XJ_SB_INIT, XJ_SB_INIT, XJ_SB_INIT };
	int found[N_ARRIVAL_PAIRS], rc = arrival_photos(st, student_id, result, found, err);
	size_t i;

	xj_sb_reset(out);
	for (i = 0; rc == 0 && i < N_ARRIVAL_PAIRS; i++)
		if (found[i])
			xj_sb_addf(out, "%s%s %s", out->len ? "; " : "", arrival_pairs[i],
				   result[i].buf);
	release_photos(result);
	return rc;
}

int xj_review_record(struct xj_store *st, const struct xj_student *s,
		     const struct xj_review_in *in, const char *who,
		     struct xj_error *err)
{
	struct xj_jw items = XJ_JW_INIT, extra = XJ_JW_INIT;
	long long id;
	int rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);

	if (rc == 0 && strcmp(in->stage, "cancel") == 0)
		rc = xj_error_set(err, XJ_EUSAGE, "a cancellation is proposed with"
				  " 'xj-verify cancel'");
	if (rc == 0 && strcmp(in->stage, "revoke") == 0)
		rc = xj_error_set(err, XJ_EUSAGE, "a revocation is proposed with"
				  " 'xj-diploma revoke'");
	if (rc == 0)
		rc = check_items(s, in, &items, err);
	if (rc == 0 && !strcmp(in->stage, "arrival") && !strcmp(in->result, "pass"))
		rc = photos_clear(st, s, err);
	if (rc == 0) {
		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_string(&extra, "result", in->result);
		xj_jsonw_object_raw(&extra, "items", items.json.buf);
		if (in->note)
			xj_jsonw_object_string(&extra, "note", in->note);
		xj_jsonw_end(&extra);
		rc = xj_review_propose(st, s, "review", in->stage, extra.json.buf, in->result,
				       items.json.buf, in->note, err);
	}
	if (rc == 0)
		rc = xj_store_review_add(st, s->id, in->stage, in->result, items.json.buf,
					 in->note, who, &id, err);
	xj_jsonw_release(&items);
	xj_jsonw_release(&extra);
	return rc;
}

/* Has who already taken a part in this review?  Then refuse: for a
 * signature each level is a different person (P1), else a second person
 * confirms (P7).  One whole message each, for the translations. */
static int took_part(const struct xj_review *r, const char *who, int sign,
		     struct xj_error *err)
{
	if (strcmp(r->reviewer.buf, who) == 0)
		return sign ? xj_error_set(err, XJ_EDATA, "%s reviewed this; each level is a"
					   " different person (P1)", who) :
			      xj_error_set(err, XJ_EDATA, "%s reviewed this; a second person"
					   " confirms (P7)", who);
	if (r->confirm.buf && strcmp(r->confirm.buf, who) == 0)
		return sign ? xj_error_set(err, XJ_EDATA, "%s confirmed this; each level is a"
					   " different person (P1)", who) :
			      xj_error_set(err, XJ_EDATA, "%s confirmed this; a second person"
					   " confirms (P7)", who);
	if (r->dept.buf && strcmp(r->dept.buf, who) == 0)
		return sign ? xj_error_set(err, XJ_EDATA, "%s signed this as department head;"
					   " each level is a different person (P1)", who) :
			      xj_error_set(err, XJ_EDATA, "%s signed this as department head;"
					   " a second person confirms (P7)", who);
	return 0;
}

static int latest(struct xj_store *st, const struct xj_student *s, const char *stage,
		  struct xj_review *r, struct xj_error *err)
{
	int rc = xj_store_review_latest(st, s->id, stage, r, err);

	if (rc == 0)
		return xj_error_set(err, XJ_EDATA, "no %s review yet", stage);
	return rc < 0 ? -1 : 0;
}

int xj_review_confirm(struct xj_store *st, const struct xj_student *s,
		      const char *stage, const char *who, struct xj_error *err)
{
	struct xj_review r;
	int rc;

	memset(&r, 0, sizeof(r));
	if (strcmp(stage, "recheck") != 0)
		return xj_error_set(err, XJ_EUSAGE, "confirm is the re-check's second person"
				    " (P7): use --stage recheck");
	rc = latest(st, s, stage, &r, err);
	if (rc == 0 && r.confirm.buf && *r.confirm.buf)
		rc = xj_error_set(err, XJ_EDATA, "already confirmed by %s", r.confirm.buf);
	else if (rc == 0)
		rc = took_part(&r, who, 0, err);
	if (rc == 0)
		rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0)
		rc = decide_signoff(st, s, &r, "confirm", stage, "confirm", NULL, err);
	if (rc == 0)
		rc = xj_store_signoff_add(st, r.id, "confirm", who, err);
	xj_store_review_release(&r);
	return rc;
}

/* What must be there before a level signs. */
static int ready_for(const struct xj_review *r, const char *stage, const char *level,
		     struct xj_error *err)
{
	int leader = strcmp(level, "leader") == 0;
	const struct xj_sb *own = leader ? &r->leader : &r->dept;

	if (own->buf && *own->buf)
		return xj_error_set(err, XJ_EDATA, "already signed at level %s by %s", level,
				    own->buf);
	if (!leader && strcmp(stage, "recheck") == 0 && !(r->confirm.buf && *r->confirm.buf))
		return xj_error_set(err, XJ_EDATA, "the re-check is not confirmed yet (P7)");
	if (leader && !(r->dept.buf && *r->dept.buf))
		return xj_error_set(err, XJ_EDATA, "the department head has not signed yet (P1)");
	return 0;
}

int xj_review_may_sign(struct xj_store *st, const struct xj_student *s,
		       const char *stage, const char *level, const char *who,
		       struct xj_review *r, struct xj_error *err)
{
	int leader = strcmp(level, "leader") == 0;
	int rc = latest(st, s, stage, r, err);

	if (rc == 0)
		rc = ready_for(r, stage, level, err);
	if (rc == 0)
		rc = took_part(r, who, 1, err);
	if (rc == 0)
		rc = xj_review_has_role(st, s, who, leader ? XJ_ROLE_LEADER : XJ_ROLE_DEPT_HEAD,
					!leader, err);
	return rc;
}

/* The sign-off of the decision just written: 1 when it was the last
 * level's (the leader's), with the decision's items in *items for what
 * the signature sets off (signoff.c), else 0; -1 on a failure. */
static int signed_off(struct xj_store *st, const struct xj_review *r, const char *level,
		      const char *who, struct xj_sb *items, struct xj_error *err)
{
	if (xj_store_signoff_add(st, r->id, level, who, err) < 0)
		return -1;
	if (strcmp(level, "leader") != 0)
		return 0;
	xj_sb_reset(items);
	xj_sb_adds(items, r->items.buf ? r->items.buf : "");
	return 1;
}

int xj_review_sign(struct xj_store *st, const struct xj_student *s,
		   const char *stage, const char *level, const char *who,
		   struct xj_sb *items, struct xj_error *err)
{
	struct xj_review r;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = xj_review_may_sign(st, s, stage, level, who, &r, err);
	if (rc == 0) {
		struct xj_jw extra = XJ_JW_INIT;

		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_string(&extra, "level", level);
		xj_jsonw_end(&extra);
		rc = decide_signoff(st, s, &r, "sign", stage, level, extra.json.buf, err);
		xj_jsonw_release(&extra);
	}
	if (rc == 0)
		rc = signed_off(st, &r, level, who, items, err);
	xj_store_review_release(&r);
	return rc;
}

/* The signer is proven by their signature of the statement, with the key
 * the config in force gives them, not by the key in use; the statement
 * is the caller's, made from the store (xj_audit_signoff_statement). */
int xj_review_proof_check(struct xj_store *st, const char *who, const struct xj_proof *p,
		   struct xj_error *err)
{
	struct xj_sb holder = XJ_SB_INIT;
	int rc = 0;

	if (!xj_key_verify(p->public_key, p->statement, strlen(p->statement), p->signature))
		rc = xj_error_set(err, XJ_EDATA, "the signature does not match the decision");
	else if ((rc = xj_store_staff_by_key(st, p->public_key, 0, &holder, err)) == 0)
		rc = xj_error_set(err, XJ_EDATA, "signed with a key that is no staff member's in"
				  " the config");
	else if (rc > 0 && strcmp(holder.buf, who) != 0)
		rc = xj_error_set(err, XJ_EDATA, "signed with %s's key, not %s's", holder.buf, who);
	xj_sb_release(&holder);
	return rc < 0 ? -1 : 0;
}

int xj_review_sign_proven(struct xj_store *st, const struct xj_student *s,
			  const char *stage, const char *level, const char *who,
			  const struct xj_proof *p, struct xj_sb *items, struct xj_error *err)
{
	struct xj_review r;
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = xj_review_may_sign(st, s, stage, level, who, &r, err);
	if (rc == 0)
		rc = xj_review_proof_check(st, who, p, err);
	if (rc == 0) {
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "stage", stage);
		xj_jsonw_object_string(&json, "level", level);
		xj_jsonw_object_string(&json, "signer", who);
		xj_jsonw_object_string(&json, "statement_sha256", p->content);
		xj_jsonw_end(&json);
		rc = xj_store_audit_statement(st, s->id, "sign", json.json.buf, who,
					      p->public_key, p->signature, p->statement, err);
	}
	if (rc == 0)
		rc = signed_off(st, &r, level, who, items, err);
	xj_jsonw_release(&json);
	xj_store_review_release(&r);
	return rc;
}

const char *xj_review_state(const struct xj_review *r, int found, const char *stage)
{
	if (!found)
		return "none";
	if (r->leader.buf && *r->leader.buf)
		return "complete";
	if (r->dept.buf && *r->dept.buf)
		return "dept-signed";
	if (strcmp(stage, "recheck") == 0 && r->confirm.buf && *r->confirm.buf)
		return "confirmed";
	return "reviewed";
}

/* One stage's row; 1 when there is none to give (no cancellation). */
static int status_row(struct xj_store *st, const struct xj_student *s, const char *stage,
		      int asked, const struct xj_review_status_cb *cb, struct xj_error *err)
{
	struct xj_review r;
	struct xj_sb photos = XJ_SB_INIT;
	struct xj_review_row row;
	int rc;

	memset(&r, 0, sizeof(r));
	row.found = xj_store_review_latest(st, s->id, stage, &r, err);
	rc = row.found < 0 ? -1 : 0;
	/* a student nobody proposed to cancel has no cancellation to show */
	if (rc == 0 && !row.found && !strcmp(stage, "cancel") && !asked)
		rc = 1;
	if (rc == 0 && !strcmp(stage, "arrival"))
		rc = xj_review_photos(st, s->id, &photos, err);
	if (rc == 0) {
		row.stage = stage;
		row.result = row.found ? r.result : "";
		row.state = xj_review_state(&r, row.found, stage);
		row.photos = photos.buf ? photos.buf : "";
		row.r = &r;
		rc = cb->row(cb->ctx, &row) ? -1 : 0;
	}
	xj_sb_release(&photos);
	xj_store_review_release(&r);
	return rc;
}

int xj_review_status(struct xj_store *st, const struct xj_student *s, const char *stage,
		     const struct xj_review_status_cb *cb, struct xj_error *err)
{
	static const char *const stages[] = { "arrival", "recheck", "cancel" };
	size_t i;

	for (i = 0; i < 3; i++)
		if ((!stage || !strcmp(stage, stages[i])) &&
		    status_row(st, s, stages[i], stage != NULL, cb, err) < 0)
			return -1;
	return 0;
}
