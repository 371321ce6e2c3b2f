/* cases.c: doubtful cases and the cancellation of an admission or a
 * student status. */
#include <stdio.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/cases.h"
#include "xj/config.h"
#include "xj/jsonw.h"
#include "xj/pairs.h"
#include "xj/review.h"
#include "xj/status.h"

static int open_case(struct xj_store *st, const struct xj_student *s,
		     struct xj_case *c, struct xj_error *err)
{
	int rc = xj_store_case_latest(st, s->id, c, err);

	if (rc == 0 || (rc > 0 && *c->finding.buf))
		return xj_error_set(err, XJ_EDATA, "no open case");
	return rc < 0 ? -1 : 0;
}

int xj_cases_decide(struct xj_store *st, long long sid, const char *action,
		   long long case_id, const char *key, const char *text,
		   struct xj_error *err)
{
	struct xj_review_setting g;
	struct xj_case_stmt c;
	struct xj_jw extra = XJ_JW_INIT;
	struct xj_sb quoted = XJ_SB_INIT, stmt = XJ_SB_INIT;
	int rc = xj_review_setting_get(st, sid, &g, err);

	xj_jsonw_members_begin(&extra);
	xj_jsonw_object_string(&extra, key, text);
	xj_jsonw_end(&extra);
	xj_sb_add_json(&quoted, text);
	if (rc == 0) {
		c.store = g.store.buf;
		c.action = action + strlen("case-");
		c.case_id = case_id;
		c.student = g.exam_no.buf;
		c.name = g.name.buf;
		c.id_sha256 = g.id_sha256;
		c.text = quoted.buf;
		c.config_sha256 = g.config_sha256;
		c.signer = g.signer;
		xj_audit_case_statement(&stmt, &c);
		rc = xj_review_decide_over(st, sid, action, "case", extra.json.buf, stmt.buf,
					   err);
	}
	xj_review_setting_release(&g);
	xj_jsonw_release(&extra);
	xj_sb_release(&quoted);
	xj_sb_release(&stmt);
	return rc;
}

int xj_cases_open(struct xj_store *st, const struct xj_student *s,
		 const char *reason, const char *who, struct xj_error *err)
{
	struct xj_case c;
	long long id;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0) {
		int found = xj_store_case_latest(st, s->id, &c, err);

		if (found < 0)
			rc = -1;
		else if (found && !*c.finding.buf)
			rc = xj_error_set(err, XJ_EDATA, "a case is open already (since %s: %s)",
					  c.opened_on.buf, c.reason.buf);
	}
	if (rc == 0)
		rc = xj_cases_decide(st, s->id, "case-open", 0, "reason", reason, err);
	if (rc == 0)
		rc = xj_store_case_open(st, s->id, reason, who, &id, err);
	xj_store_case_release(&c);
	return rc;
}

int xj_cases_note(struct xj_store *st, const struct xj_student *s,
		 const char *note, const char *who, struct xj_error *err)
{
	struct xj_case c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0)
		rc = open_case(st, s, &c, err);
	if (rc == 0)
		rc = xj_cases_decide(st, s->id, "case-note", c.id, "note", note, err);
	if (rc == 0)
		rc = xj_store_case_event(st, c.id, "note", note, who, err);
	xj_store_case_release(&c);
	return rc;
}

int xj_cases_close(struct xj_store *st, const struct xj_student *s,
		  const char *finding, const char *who, struct xj_error *err)
{
	struct xj_case c;
	int rc;

	memset(&c, 0, sizeof(c));
	if (strcmp(finding, "cleared") != 0 && strcmp(finding, "confirmed") != 0)
		return xj_error_set(err, XJ_EUSAGE, "--finding wants cleared or confirmed");
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0)
		rc = open_case(st, s, &c, err);
	if (rc == 0)
		rc = xj_cases_decide(st, s->id, "case-close", c.id, "finding", finding, err);
	if (rc == 0)
		rc = xj_store_case_event(st, c.id, "close", finding, who, err);
	xj_store_case_release(&c);
	return rc;
}

static int grounds_known(const char *g)
{
	static const char *const all[] = { "fraud", "impersonation", "irregular", "other" };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(g, all[i]) == 0)
			return 1;
	return 0;
}

/* Cancelling a status needs the investigation's confirmed finding (P8). */
static int confirmed_case(struct xj_store *st, const struct xj_student *s,
			  struct xj_error *err)
{
	struct xj_case c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = xj_store_case_latest(st, s->id, &c, err);
	if (rc >= 0 && (rc == 0 || strcmp(c.finding.buf, "confirmed") != 0))
		rc = xj_error_set(err, XJ_EDATA, "cancelling a status needs a confirmed case"
				  " (P8)");
	xj_store_case_release(&c);
	return rc < 0 ? -1 : 0;
}

static int not_cancelled(const struct xj_student *s, struct xj_error *err)
{
	if (s->status && strstr(s->status, "cancelled"))
		return xj_error_set(err, XJ_EDATA, "already %s", s->status);
	return 0;
}

int xj_cases_cancel_propose(struct xj_store *st, const struct xj_student *s,
		      const struct xj_cancel_in *in, const char *who,
		      struct xj_error *err)
{
	struct xj_review_in r = { .stage = "cancel", .result = "pass", .note = in->reason };
	struct xj_jw items = XJ_JW_INIT, extra = XJ_JW_INIT;
	long long id;
	int rc;

	if (strcmp(in->what, "admission") != 0 && strcmp(in->what, "status") != 0)
		return xj_error_set(err, XJ_EUSAGE, "--what wants admission or status");
	if (!grounds_known(in->grounds))
		return xj_error_set(err, XJ_EUSAGE, "--grounds wants fraud, impersonation,"
				    " irregular or other");
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0)
		rc = not_cancelled(s, err);
	/* refused now, not at the last signature: an admission is cancelled
	 * before registration only, nothing after a terminal status */
	if (rc == 0)
		rc = xj_status_allow(s->status, strcmp(in->what, "status") == 0 ?
				     "status-cancelled" : "admission-cancelled", XJ_BY_CANCEL, err);
	if (rc == 0 && strcmp(in->what, "status") == 0)
		rc = confirmed_case(st, s, err);
	if (rc == 0) {
		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_string(&extra, "what", in->what);
		xj_jsonw_object_string(&extra, "grounds", in->grounds);
		xj_jsonw_object_bool(&extra, "refer", in->refer);
		xj_jsonw_object_string(&extra, "reason", in->reason);
		xj_jsonw_end(&extra);
		xj_jsonw_object_begin(&items);
		xj_jsonw_object_members(&items, extra.json.buf);
		xj_jsonw_end(&items);
		rc = xj_review_propose(st, s, "cancel", "cancel", extra.json.buf, r.result,
				       items.json.buf, r.note, err);
	}
	if (rc == 0)
		rc = xj_store_review_add(st, s->id, r.stage, r.result, items.json.buf, r.note,
					 who, &id, err);
	xj_jsonw_release(&items);
	xj_jsonw_release(&extra);
	return rc;
}

int xj_cases_cancel_effect(struct xj_store *st, const struct xj_student *s,
		     const char *items, const char *who, struct xj_error *err)
{
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_jw json = XJ_JW_INIT;
	const char *status;
	char today[11];
	struct xj_case c;
	int rc = xj_store_json_each(st, items && *items ? items : "{}", xj_pairs_add, &p, err);

	status = strcmp(xj_pairs_get(&p, "what"), "status") == 0 ? "status-cancelled" :
		 "admission-cancelled";
	snprintf(today, sizeof(today), "%.10s", xj_store_business(st));
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "status", status);
	xj_jsonw_end(&json);
	if (rc == 0)
		rc = xj_store_status_add(st, s->id, status, today, XJ_BY_CANCEL, err);
	if (rc == 0)
		rc = xj_store_audit(st, s->id, "status", NULL, json.json.buf, err);
	/* json_each gives a true as 1 */
	if (rc == 0 && strcmp(xj_pairs_get(&p, "refer"), "1") == 0) {
		memset(&c, 0, sizeof(c));
		rc = xj_store_case_latest(st, s->id, &c, err);
		if (rc > 0)
			rc = xj_store_case_event(st, c.id, "refer", "referred to the authorities",
						 who, err);
		xj_store_case_release(&c);
	}
	xj_pairs_release(&p);
	xj_jsonw_release(&json);
	return rc < 0 ? -1 : 0;
}

const char *xj_cases_finding(const struct xj_case *c)
{
	return *c->finding.buf ? c->finding.buf : "open";
}

int xj_cases_listed(const struct xj_case *c, int referred_only)
{
	return !referred_only || c->referred;
}
