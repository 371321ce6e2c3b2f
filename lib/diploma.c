/* diploma.c: who may get a certificate, and its issue with its number. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xj/config.h"
#include "xj/diploma.h"
#include "xj/jsonw.h"
#include "xj/i18n.h"
#include "xj/review.h"
#include "xj/status.h"
#include "xj/validate.h"

static const char *const pairs[] = { "graduation-admission", "graduation-enrolment",
				     "graduation-idcard" };
_Static_assert(sizeof(pairs) / sizeof(pairs[0]) == 3 && 3 <= XJ_PHOTO_PAIRS_MAX,
	       "the graduation pairs' results are three, in one walk of the photo checks");

const char *xj_diploma_conclusion_name(const char *s)
{
	if (s && strcmp(s, "graduate") == 0)
		return "graduate";
	if (s && strcmp(s, "completion") == 0)
		return "completion";
	if (s && strcmp(s, "incomplete") == 0)
		return "incomplete";
	return NULL;
}

struct check {
	struct xj_store *st;
	const struct xj_student *s;
	const char *conclusion, *as_of;
	void (*fn)(void *, const char *);
	void *ctx;
	long n;
};

static void reason(struct check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void reason(struct check *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	c->fn(c->ctx, buf);
	c->n++;
}

/* Was the student's new-student registration ever confirmed by CHSI? */
static int registered_once(struct check *c, struct xj_error *err)
{
	struct xj_reg r;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = xj_store_reg_latest(c->st, c->s->id, "new", xj_student_entry_year(c->s), &r, err);
	if (rc > 0)
		rc = strcmp(r.state.buf, "registered") == 0;
	xj_store_reg_release(&r);
	return rc;
}

/* No student status, or an irregular admission (P6, P8, P13). */
static int check_status(struct check *c, struct xj_error *err)
{
	const char *st = c->s->status ? c->s->status : "";
	int graduate = strcmp(c->conclusion, "graduate") == 0;
	struct xj_case k;
	int rc;

	if (!strcmp(st, XJ_STATUS_ADMITTED) || !*st)
		reason(c, _("no student status: never registered (P9, P13)"));
	else if (!strcmp(st, "admission-cancelled"))
		reason(c, _("admission irregular: admission-cancelled (P6, P13)"));
	else if (!xj_status_in_school(st) && !(graduate && !strcmp(st, "completed")) &&
		 !(!strcmp(c->conclusion, "incomplete") && !strcmp(st, "withdrawn")))
		reason(c, _("no student status: %s (P13)"), st);
	else if (!strcmp(st, "withdrawn") && (rc = registered_once(c, err)) <= 0) {
		/* a 肄业 is for one who had student status and left it */
		if (rc < 0)
			return -1;
		reason(c, _("no student status: never registered (P9, P13)"));
	}
	memset(&k, 0, sizeof(k));
	rc = xj_store_case_latest(c->st, c->s->id, &k, err);
	if (rc > 0 && !*k.finding.buf)
		reason(c, _("admission irregular: an investigation case is open since %s (P8)"),
		       k.opened_on.buf);
	else if (rc > 0 && !strcmp(k.finding.buf, "confirmed"))
		reason(c, _("admission irregular: a confirmed case: %s (P8)"), k.reason.buf);
	xj_store_case_release(&k);
	return rc < 0 ? -1 : 0;
}

/* A whole number written in digits alone, else -1. */
static long whole(const char *s)
{
	char *end;
	long n;

	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return -1;
	n = strtol(s, &end, 10);
	return *end ? -1 : n;
}

/* A number of credits (digits, a point, digits) into *v: 0, or -1 when
 * the value is no such number (then it judges nothing). */
static int credits_of(const char *s, double *v)
{
	char *end;

	if (!*s || strspn(s, "0123456789.") != strlen(s))
		return -1;
	*v = strtod(s, &end);
	return *end ? -1 : 0;
}

/* The year a results row is of: its first four digits, as in 2026 or
 * 2026-2027 (a 学年), else -1. */
static long year_of(const char *s)
{
	char y[5];

	if (strspn(s, "0123456789") < 4 || (s[4] >= '0' && s[4] <= '9'))
		return -1;
	memcpy(y, s, 4);
	y[4] = '\0';
	return whole(y);
}

static int duration(const struct xj_student *s)
{
	long d = whole(s->v[XJ_S_DURATION]);

	return d >= 1 && d <= 8 ? (int)d : 3;
}

/* The years of study and what the rows of results say of them. */
struct results {
	int years[16], nyears;
	double credits, required;
	int have_credits;
	int bad_credits;          /* given, but not numbers: nothing to judge by */
	char credits_as[64];      /* "110 of 120分", as written */
	int cumulative;   /* credits given at the end, for the whole study */
	int met;          /* the school's own verdict (毕业要求): 1 yes, -1 no, 0 none */
	char met_as[32];  /* as written */
};

/* 毕业要求 as a school writes it: 1 met, -1 not met, 0 neither. */
static int verdict(const char *v)
{
	static const char *const yes[] = { "是", "yes", "y", "true", "1", "达到", "合格",
					   "通过", "符合" };
	static const char *const no[] = { "否", "no", "n", "false", "0", "未达到", "不合格",
					  "未通过", "不符合", "不达到" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0)
			return -1;
	return 0;
}

/* The columns of results the check reads, in the order result_row takes
 * them, as JSON paths (a key quoted, so that 学年 is one). */
static const char *const result_paths[XJ_SOURCE_FIELDS] = { "$.\"year\"", "$.\"学年\"",
							    "$.\"credits\"",
							    "$.\"credits_required\"",
							    "$.\"requirements_met\"" };

static void result_row(void *ctx, const char *const v[XJ_SOURCE_FIELDS])
{
	struct results *r = ctx;
	const char *y = v[0] ? v[0] : v[1] ? v[1] : "";
	const char *cr = v[2] ? v[2] : "", *rq = v[3] ? v[3] : "", *met = v[4] ? v[4] : "";

	if (*y && r->nyears < 16 && year_of(y) >= 0)
		r->years[r->nyears++] = (int)year_of(y);
	if (*cr && *rq) {   /* the newest row with both is the one that counts */
		r->bad_credits = credits_of(cr, &r->credits) < 0 || credits_of(rq, &r->required) < 0;
		snprintf(r->credits_as, sizeof(r->credits_as), "%s of %s", cr, rq);
		r->have_credits = 1;
		r->cumulative = !*y;
	}
	if (*met) {
		r->met = verdict(met);
		snprintf(r->met_as, sizeof(r->met_as), "%s", met);
	}
}

static int has_year(const int *years, int n, int y)
{
	int i;

	for (i = 0; i < n; i++)
		if (years[i] == y)
			return 1;
	return 0;
}

/* 空挂学籍: a year of study with no annual registration or no results;
 * and the graduation requirements (P13).  Where the credits come once, for
 * the whole study (已修学分 and 要求学分 with no year), there are no yearly
 * results to ask for: the annual registrations and the status show the
 * years were studied. */
static int check_study(struct check *c, struct xj_error *err)
{
	struct results r;
	struct xj_sb start = XJ_SB_INIT;
	int y, d = duration(c->s), rc = 0, reg[8], nreg;

	memset(&r, 0, sizeof(r));
	if (xj_store_source_fields(c->st, c->s->id, "results", result_paths, result_row, &r,
				   err) < 0)
		return -1;
	/* the years after the first (d is at most 8) registered for */
	nreg = xj_store_reg_years(c->st, c->s->id, "annual", "registered", c->s->cohort + 1,
				  c->s->cohort + d - 1, reg, 8, err);
	if (nreg < 0)
		return -1;
	for (y = c->s->cohort + 1; rc >= 0 && y < c->s->cohort + d; y++) {
		rc = xj_store_first_term(c->st, y, &start, err);
		if (rc <= 0 || strcmp(start.buf, c->as_of) > 0)
			continue;
		if (!has_year(reg, nreg, y))
			reason(c, _("no annual registration for %d (空挂学籍, P11, P13)"), y);
	}
	for (y = c->s->cohort; rc >= 0 && !r.cumulative && y < c->s->cohort + d; y++)
		if (!has_year(r.years, r.nyears, y))
			reason(c, _("no academic results for %d (空挂学籍, P13)"), y);
	if (rc >= 0 && strcmp(c->conclusion, "graduate") == 0) {
		if (r.met < 0)
			reason(c, _("graduation requirements not met: 毕业要求 %s (P13)"), r.met_as);
		else if (!r.have_credits && r.met == 0)
			reason(c, _("no credits to judge the graduation requirements by (P13)"));
		else if (r.have_credits && r.bad_credits)
			reason(c, _("graduation requirements cannot be judged: credits %s are not"
				    " numbers (P13)"), r.credits_as);
		else if (r.have_credits && r.credits < r.required)
			reason(c, _("graduation requirements not met: credits %g of %g (P13)"),
			       r.credits, r.required);
	}
	xj_sb_release(&start);
	return rc < 0 ? -1 : 0;
}

/* The graduation photo against the admission, enrolment and ID-card
 * photos, each a match (P13). */
static int check_photos(struct check *c, struct xj_error *err)
{
	struct xj_sb result[3] = { XJ_SB_INIT, XJ_SB_INIT, XJ_SB_INIT };
	int i, found[3], rc = xj_store_photos_latest(c->st, c->s->id, pairs, 3, result, found,
						     err);

	for (i = 0; rc == 0 && i < 3; i++) {
		if (!found[i])
			reason(c, _("photo comparison %s missing (P13)"), pairs[i]);
		else if (strcmp(result[i].buf, "match") != 0)
			reason(c, _("photo comparison %s: %s (P13)"), pairs[i], result[i].buf);
	}
	for (i = 0; i < 3; i++)
		xj_sb_release(&result[i]);
	return rc;
}

long xj_diploma_check(struct xj_store *st, const struct xj_student *s,
		      const char *conclusion, const char *as_of,
		      void (*fn)(void *ctx, const char *reason), void *ctx,
		      struct xj_error *err)
{
	struct check c = { st, s, conclusion, as_of, fn, ctx, 0 };
	int rc = check_status(&c, err);

	if (rc == 0 && strcmp(conclusion, "incomplete") != 0)
		rc = check_study(&c, err);
	if (rc == 0 && strcmp(conclusion, "incomplete") != 0)
		rc = check_photos(&c, err);
	return rc < 0 ? -1 : c.n;
}

/* School code, 办学类型, year, 培养层次 and a 6-digit sequence without gaps
 * (standards: 18 digits); counted in the command's transaction, so a
 * rolled-back or broken run gives no number away. */
static int cert_number(struct xj_store *st, const char *date, struct xj_sb *number,
		       struct xj_error *err)
{
	struct xj_diploma_rules r;
	struct xj_sb key = XJ_SB_INIT;
	long seq = 0;
	int rc = xj_store_diploma_rules(st, &r, err);

	if (rc == 0 && (strlen(r.school) != 5 || strspn(r.school, "0123456789") != 5))
		rc = xj_error_set(err, XJ_EDATA, "the config has no 5-digit school code to"
				  " number certificates with");
	if (rc == 0) {
		xj_sb_addf(&key, "certificate:%s%s%.4s%s", r.school, r.type, date, r.level);
		/* refused before anything of the student's is written */
		rc = xj_store_number_upto(st, key.buf, 999999, &seq, err);
		if (rc == 0)
			rc = xj_error_set(err, XJ_EDATA, "the certificate numbers of %.4s are"
					  " used up", date);
		else if (rc > 0)
			rc = 0;
	}
	if (rc == 0) {
		xj_sb_reset(number);
		xj_sb_addf(number, "%s%06ld", key.buf + strlen("certificate:"), seq);
	}
	xj_sb_release(&key);
	return rc;
}

static int issued(struct xj_store *st, const struct xj_student *s, const char *action,
		  const char *conclusion, const char *date, const char *number,
		  struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	xj_jsonw_members_begin(&json);
	xj_jsonw_object_string(&json, "conclusion", conclusion);
	xj_jsonw_object_string(&json, "date", date);
	xj_jsonw_object_string(&json, "number", number);
	xj_jsonw_end(&json);
	rc = xj_review_decide(st, s->id, action, "diploma", json.json.buf, err);
	if (rc == 0)
		rc = xj_store_status_add(st, s->id, xj_diploma_status_of(conclusion), date,
					 XJ_BY_DIPLOMA, err);
	xj_jsonw_release(&json);
	return rc;
}

/* A 结业 student who earns the 毕业 keeps the number; the change is noted. */
static int upgrade(struct xj_store *st, const struct xj_student *s, const struct xj_cert *old,
		   const char *date, const char *who, struct xj_sb *number, struct xj_error *err)
{
	int rc = xj_store_cert_event(st, old->id, "conclusion", "graduate", who, err);

	if (rc == 0)
		rc = issued(st, s, "diploma-upgrade", "graduate", date, old->number.buf, err);
	xj_sb_reset(number);
	xj_sb_adds(number, old->number.buf);
	return rc;
}

static int existing(const struct xj_cert *old, const char *conclusion, int *up,
		    struct xj_error *err)
{
	*up = !strcmp(old->conclusion.buf, "completion") && !strcmp(conclusion, "graduate");
	/* what CHSI holds, or has been sent, is not changed behind it */
	if (*up && old->registered)
		return xj_error_set(err, XJ_EDATA, "its completion certificate %s is registered on"
				    " CHSI: a registered certificate does not change (P16)",
				    old->number.buf);
	if (*up && !strcmp(old->state.buf, "submitted"))
		return xj_error_set(err, XJ_EDATA, "its completion certificate %s is sent to CHSI"
				    " for registration: wait for CHSI's result (P14, P16)",
				    old->number.buf);
	if (*up)
		return 0;
	if (old->number.len)
		return xj_error_set(err, XJ_EDATA, "has a %s certificate already (%s)",
				    old->conclusion.buf, old->number.buf);
	return xj_error_set(err, XJ_EDATA, "has a %s certificate already",
			    old->conclusion.buf);
}

int xj_diploma_issue_begin(struct xj_store *st, struct xj_error *err)
{
	static const char *const tables[] = { "certificate", "status", "decision_sig" };
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (xj_store_rows_defer(st, tables[i], err) < 0)
			return -1;
	/* nothing the issue reads is a signature: they may come later */
	xj_store_sign_ahead(st);
	/* the numbers' counter is updated for each certificate */
	return xj_store_rows_defer_counter(st, "number_seq", err);
}

/* A certificate, and the status it gives, is dated no earlier than the
 * student's current status: a graduation before the admission it ends
 * would put the record out of its order. */
static int dated_after(struct xj_store *st, const struct xj_student *s, const char *date,
		       struct xj_error *err)
{
	struct xj_sb since = XJ_SB_INIT;
	int rc = xj_store_status_since(st, s->id, &since, err);

	if (rc > 0 && strncmp(date, since.buf, 10) < 0)
		rc = xj_error_set(err, XJ_EDATA, "a certificate dated %s is before the student's"
				  " status %s, which holds from %.10s", date,
				  s->status ? s->status : "", since.buf);
	xj_sb_release(&since);
	return rc < 0 ? -1 : 0;
}

int xj_diploma_issue(struct xj_store *st, const struct xj_student *s,
		     const char *conclusion, const char *date, const char *who,
		     void (*fn)(void *ctx, const char *reason), void *ctx,
		     struct xj_sb *number, int *upgraded, struct xj_error *err)
{
	struct xj_cert old, c;
	long long id, n = 0;
	int rc, has;

	memset(&old, 0, sizeof(old));
	memset(&c, 0, sizeof(c));
	*upgraded = 0;
	rc = xj_review_has_role(st, s, who, XJ_ROLE_REGISTRAR, 0, err);
	has = rc < 0 ? -1 : xj_store_cert_of(st, s->id, "diploma", &old, err);
	if (has < 0)
		rc = -1;
	else if (has && !old.revoked)
		rc = existing(&old, conclusion, upgraded, err);
	/* dated today, it follows every status, none being dated ahead */
	if (rc == 0 && strncmp(date, xj_store_business(st), 10) < 0)
		rc = dated_after(st, s, date, err);
	if (rc == 0 && (n = xj_diploma_check(st, s, conclusion, date, fn, ctx, err)) < 0)
		rc = -1;
	if (rc == 0 && n > 0)
		rc = xj_error_set(err, XJ_EDATA, ngettext("may not get a %s certificate"
				  " (%lld reason)", "may not get a %s certificate (%lld reasons)",
				  (unsigned long)n), conclusion, n);
	if (rc == 0 && *upgraded) {
		rc = upgrade(st, s, &old, date, who, number, err);
	} else if (rc == 0) {
		xj_sb_reset(number);
		if (strcmp(conclusion, "incomplete") != 0)   /* 肄业: no number */
			rc = cert_number(st, date, number, err);
		xj_sb_adds(&c.kind, "diploma");
		xj_sb_adds(&c.conclusion, conclusion);
		xj_sb_adds(&c.number, number->buf);
		xj_sb_adds(&c.issued_on, date);
		if (rc == 0)
			rc = xj_store_cert_add(st, s->id, &c, &id, err);
		if (rc == 0)
			rc = issued(st, s, "diploma-issue", conclusion, date, number->buf, err);
	}
	xj_store_cert_release(&old);
	xj_store_cert_release(&c);
	return rc;
}
