/* diploma_after.c: what happens to a certificate after its issue: CHSI's
 * e-registration, the certificate of academic credentials for a lost or
 * damaged original, the revocation of a credential resting on fraud. */
#include <stdio.h>
#include <string.h>

#include "xj/config.h"
#include "xj/diploma.h"
#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/review.h"
#include "xj/rowstudent.h"
#include "xj/stuno.h"
#include "xj/validate.h"

/* The student's diploma in force (issued, not revoked): 0, or XJ_EDATA. */
static int diploma_of(struct xj_store *st, const struct xj_student *s, struct xj_cert *c,
		      struct xj_error *err)
{
	int rc = xj_store_cert_of(st, s->id, "diploma", c, err);

	if (rc == 0 || (rc > 0 && c->revoked))
		return xj_error_set(err, XJ_EDATA, rc ? _("the certificate %s is revoked") :
				    _("no certificate issued%s"),
				    c->number.buf ? c->number.buf : "");
	return rc < 0 ? -1 : 0;
}

/* A step of c's registration with CHSI: its event of that state (with
 * the reason of a failure), the record frozen (frozen: why; NULL for
 * none) and the audit's diploma-register entry, which names the
 * certificate, or for a failure its reason. */
static int step(struct xj_store *st, long long student, const struct xj_cert *c,
		const char *state, const char *reason, const char *frozen, const char *who,
		struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	char today[11];
	int rc;

	xj_jsonw_object_begin(&json);
	if (!reason)
		xj_jsonw_object_string(&json, "certificate", c->number.buf);
	xj_jsonw_object_string(&json, "state", state);
	if (reason)
		xj_jsonw_object_string(&json, "reason", reason);
	xj_jsonw_end(&json);
	rc = xj_store_cert_event(st, c->id, state, reason, who, err);
	if (rc == 0 && frozen) {
		snprintf(today, sizeof(today), "%.10s", xj_store_business(st));
		rc = xj_store_freeze_add(st, student, today, frozen, err);
	}
	if (rc == 0)
		rc = xj_store_audit(st, student, "diploma-register", NULL, json.json.buf, err);
	xj_jsonw_release(&json);
	return rc;
}

int xj_diploma_submitted(struct xj_store *st, const struct xj_cert *c, const char *who,
			 struct xj_error *err)
{
	/* what the registration file does not take is never marked sent: its
	 * feedback would register, and freeze, a credential (P14, P16) */
	if (!c->number.len)
		return xj_error_set(err, XJ_EDATA, "a certificate with no number is not one to"
				    " register");
	if (!xj_diploma_to_register(c))
		return xj_error_set(err, XJ_EDATA, "the certificate %s is not one to register"
				    " (a diploma with its number, neither registered nor"
				    " revoked)", c->number.buf);
	return step(st, c->student_id, c, "submitted", NULL, NULL, who, err);
}

static int registered(struct xj_store *st, const struct xj_student *s,
		      const struct xj_cert *c, const char *who, struct xj_error *err)
{
	struct xj_sb why = XJ_SB_INIT;
	int rc;

	xj_sb_addf(&why, "credential %s registered", c->number.buf);
	/* registered and queryable: the record is frozen (P16) */
	rc = step(st, s->id, c, "registered", NULL, why.buf, who, err);
	xj_sb_release(&why);
	return rc;
}

static int failed(struct xj_store *st, const struct xj_student *s, const struct xj_cert *c,
		  const char *msg, const char *who, struct xj_error *err)
{
	int rc;

	if (!strcmp(c->state.buf, "failed") && !strcmp(c->note.buf, msg))
		return 2;
	rc = step(st, s->id, c, "failed", msg, NULL, who, err);
	return rc == 0 ? 1 : rc;
}

static int submitted_step(void *ctx, const char *kind, const char *text, const char *by,
			  const char *on)
{
	(void)text, (void)by, (void)on;
	if (strcmp(kind, "submitted") == 0)
		*(int *)ctx = 1;
	return 0;
}

/* Feedback is taken only for a certificate handed to CHSI in a recorded
 * file (xj-diploma register --commit) and not registered yet: a feedback
 * file never registers, and so freezes, a credential CHSI was not sent
 * (P14, P16).  XJ_EDATA refuses the row. */
static int awaiting(struct xj_store *st, const struct xj_cert *c, struct xj_error *err)
{
	int sent = 0;

	if (c->registered)
		return xj_error_set(err, XJ_EDATA, "registered already");
	if (xj_store_cert_events(st, c->id, submitted_step, &sent, err) < 0)
		return -1;
	if (!sent)
		return xj_error_set(err, XJ_EDATA, "not submitted for registration");
	return 0;
}

int xj_diploma_result(struct xj_store *st, const struct xj_intemplate *t,
		      const struct xj_record *rec, const char *who, struct xj_sb *key,
		      struct xj_sb *msg, struct xj_error *err)
{
	struct xj_student s;
	struct xj_cert c;
	int rc, success;

	memset(&s, 0, sizeof(s));
	memset(&c, 0, sizeof(c));
	success = xj_rowstudent_result(st, t, rec, &s, msg, err);
	rc = success < 0 ? -1 : 0;
	if (rc == 0)
		rc = diploma_of(st, &s, &c, err);
	if (rc == 0)
		rc = awaiting(st, &c, err);
	if (rc == 0) {
		xj_sb_reset(key);
		xj_sb_adds(key, s.v[XJ_S_EXAM_NO]);
	}
	if (rc == 0 && success)
		rc = registered(st, &s, &c, who, err);
	else if (rc == 0)
		rc = failed(st, &s, &c, msg->len ? msg->buf : "refused", who, err);
	xj_student_release(&s);
	xj_store_cert_release(&c);
	return rc;
}

/* --- the certificate of academic credentials (P15) ------------------------ */

static int proof_number(struct xj_store *st, const struct xj_student *s,
			const struct xj_diploma_rules *r, struct xj_sb *number,
			struct xj_error *err)
{
	struct xj_number_ctx ctx = { .s = s, .school = r->school,
		.issued = xj_store_business(st) };
	struct xj_sb key = XJ_SB_INIT, seqkey = XJ_SB_INIT;
	int digits = 0;
	long seq = 0;
	int rc = xj_stuno_key(r->proof_pattern, &ctx, &key, &digits, err);

	xj_sb_addf(&seqkey, "proof:%s", key.buf ? key.buf : "");
	if (rc == 0)
		rc = xj_store_number_next(st, seqkey.buf, &seq, err);
	if (rc == 0)
		rc = xj_stuno_make(r->proof_pattern, &ctx, seq, number, err);
	xj_sb_release(&key);
	xj_sb_release(&seqkey);
	return rc;
}

static int proof_allowed(struct xj_store *st, const struct xj_cert *orig,
			 const struct xj_diploma_rules *r, struct xj_error *err)
{
	struct xj_cert p;
	int rc;

	if (!*r->principal)
		return xj_error_set(err, XJ_EDATA, "the config names no principal to sign the"
				    " certificate (diplomas: principal)");
	memset(&p, 0, sizeof(p));
	rc = xj_store_cert_proof_of(st, orig->id, &p, err);
	if (rc > 0)
		xj_error_set(err, XJ_EDATA, "a certificate of academic credentials was issued"
			     " for it on %s (%s): once only (P15)", p.issued_on.buf, p.number.buf);
	xj_store_cert_release(&p);
	return rc == 0 ? 0 : -1;
}

int xj_diploma_proof(struct xj_store *st, const struct xj_student *s, const char *reason,
		     const char *applied, const char *who, struct xj_sb *number,
		     struct xj_error *err)
{
	struct xj_diploma_rules r;
	struct xj_cert orig, c;
	struct xj_jw json = XJ_JW_INIT;
	char date[11];
	long long id;
	int rc;

	memset(&orig, 0, sizeof(orig));
	memset(&c, 0, sizeof(c));
	if (strcmp(reason, "lost") && strcmp(reason, "damaged"))
		return xj_error_set(err, XJ_EUSAGE, "--reason wants lost or damaged");
	if (xj_validate_date(applied, date, sizeof(date), err) < 0)
		return xj_error_set(err, XJ_EUSAGE, "--applied wants the date of the application");
	/* a proof answers an application made, not one still to come */
	if (strncmp(date, xj_store_business(st), 10) > 0)
		return xj_error_set(err, XJ_EDATA, "the application of %s is still to come: a proof"
				    " answers an application made", date);
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REGISTRAR, 0, err);
	if (rc == 0)
		rc = diploma_of(st, s, &orig, err);
	/* nor one made before there was a certificate to lose */
	if (rc == 0 && strncmp(date, orig.issued_on.buf, 10) < 0)
		rc = xj_error_set(err, XJ_EDATA, "the application of %s is before the certificate"
				  " %s was issued (%s)", date, orig.number.buf, orig.issued_on.buf);
	if (rc == 0)
		rc = xj_store_diploma_rules(st, &r, err);
	if (rc == 0)
		rc = proof_allowed(st, &orig, &r, err);
	if (rc == 0)
		rc = proof_number(st, s, &r, number, err);
	if (rc == 0) {
		xj_jsonw_members_begin(&json);
		xj_jsonw_object_string(&json, "reason", reason);
		xj_jsonw_object_string(&json, "applied", date);
		xj_jsonw_object_string(&json, "number", number->buf);
		xj_jsonw_object_string(&json, "original", orig.number.buf);
		xj_jsonw_end(&json);
		rc = xj_review_decide(st, s->id, "diploma-proof", "diploma", json.json.buf, err);
	}
	if (rc == 0) {
		xj_sb_adds(&c.kind, "proof");
		xj_sb_adds(&c.conclusion, orig.conclusion.buf);
		xj_sb_adds(&c.number, number->buf);
		xj_sb_addf(&c.issued_on, "%.10s", xj_store_business(st));
		xj_sb_adds(&c.principal, r.principal);
		xj_sb_adds(&c.reason, reason);
		xj_sb_adds(&c.applied_on, date);
		c.original_id = orig.id;
		rc = xj_store_cert_add(st, s->id, &c, &id, err);
	}
	/* the original is marked, never issued again */
	if (rc == 0)
		rc = xj_store_cert_event(st, orig.id, reason, number->buf, who, err);
	xj_store_cert_release(&orig);
	xj_store_cert_release(&c);
	xj_jsonw_release(&json);
	return rc;
}

int xj_diploma_marked(struct xj_store *st, const struct xj_student *s, const char *who,
		      struct xj_error *err)
{
	struct xj_cert p;
	int rc;

	memset(&p, 0, sizeof(p));
	rc = xj_store_cert_of(st, s->id, "proof", &p, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "no certificate of academic credentials issued");
	else if (rc > 0 && p.marked)
		rc = xj_error_set(err, XJ_EDATA, "its annotation on CHSI is on record already");
	else if (rc > 0)
		rc = xj_review_decide(st, s->id, "diploma-marked", "diploma", NULL, err);
	if (rc == 0)
		rc = xj_store_cert_event(st, p.id, "marked", "annotated on CHSI", who, err);
	xj_store_cert_release(&p);
	return rc;
}

/* --- revocation ----------------------------------------------------------- */

int xj_diploma_revoke(struct xj_store *st, const struct xj_student *s, const char *reason,
		      const char *doc_no, const char *who, struct xj_error *err)
{
	struct xj_cert c;
	struct xj_jw items = XJ_JW_INIT, extra = XJ_JW_INIT;
	struct xj_review r;
	long long id;
	int rc, open;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err);
	if (rc == 0)
		rc = diploma_of(st, s, &c, err);
	open = rc == 0 ? xj_store_review_latest(st, s->id, "revoke", &r, err) : 0;
	if (open < 0)
		rc = -1;
	else if (open && !(r.leader.buf && *r.leader.buf))
		rc = xj_error_set(err, XJ_EDATA, "a revocation is proposed already, waiting for"
				  " its signatures");
	if (rc == 0) {
		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_string(&extra, "certificate", c.number.buf);
		xj_jsonw_object_string(&extra, "doc_no", doc_no);
		xj_jsonw_object_string(&extra, "reason", reason);
		xj_jsonw_end(&extra);
		xj_jsonw_object_begin(&items);
		xj_jsonw_object_members(&items, extra.json.buf);
		xj_jsonw_end(&items);
		rc = xj_review_decide(st, s->id, "revoke", "revoke", extra.json.buf, err);
	}
	if (rc == 0)
		rc = xj_store_review_add(st, s->id, "revoke", "pass", items.json.buf, reason, who,
					 &id, err);
	xj_store_review_release(&r);
	xj_store_cert_release(&c);
	xj_jsonw_release(&items);
	xj_jsonw_release(&extra);
	return rc;
}

int xj_diploma_revoke_effect(struct xj_store *st, const struct xj_student *s,
			     const char *items, const char *who, struct xj_error *err)
{
	struct xj_cert c, p;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	rc = diploma_of(st, s, &c, err);
	if (rc == 0)
		rc = xj_store_cert_event(st, c.id, "revoked", items, who, err);
	if (rc == 0 && (rc = xj_store_cert_proof_of(st, c.id, &p, err)) > 0)
		rc = xj_store_cert_event(st, p.id, "revoked", items, who, err);
	if (rc == 0)
		rc = xj_store_audit(st, s->id, "diploma-revoked", NULL, items, err);
	xj_store_cert_release(&c);
	xj_store_cert_release(&p);
	return rc;
}
