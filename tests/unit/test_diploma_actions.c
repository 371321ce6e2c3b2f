/* test_diploma_actions.c: certificates acted on a real store made by the
 * programs (rules-store.sh), each case rolled back after: the issue to
 * one who may graduate only, numbered without gaps, a 结业 becoming 毕业
 * under its number (P13); CHSI's e-registration, taken for a certificate
 * sent only, which freezes the record (P14, P16); the errata then, filed
 * with the province (P17); the certificate of academic credentials once
 * for a lost original, and its mark on CHSI (P15); and a revocation that
 * takes effect with the leader's signature (P1, P15). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/change.h"
#include "xj/diploma.h"
#include "xj/reader.h"
#include "xj/signoff.h"

static struct xj_error err;
static struct xj_store *st;

/* The graduation day: DONE may graduate by then (three years' results,
 * the graduation photos); FRESH was imported only. */
#define GRADUATION "2029-06-20"

/* The newest certificate of a kind as "conclusion state r=registered
 * m=marked v=revoked", or "none". */
static const char *cert_of(const struct xj_student *s, const char *kind, char *buf,
			   size_t size)
{
	struct xj_cert c;

	memset(&c, 0, sizeof(c));
	if (fx_found(xj_store_cert_of(st, s->id, kind, &c, &err), buf, size))
		snprintf(buf, size, "%s %s r=%d m=%d v=%d", c.conclusion.buf,
			 c.state.buf ? c.state.buf : "", c.registered, c.marked, c.revoked);
	xj_store_cert_release(&c);
	return buf;
}

static void conclusions(void)
{
	CHECK_STR(xj_diploma_conclusion_name("graduate"), "graduate");
	CHECK_STR(xj_diploma_conclusion_name("completion"), "completion");
	CHECK_STR(xj_diploma_conclusion_name("incomplete"), "incomplete");
	CHECK(xj_diploma_conclusion_name("graduated") == NULL);
	CHECK(xj_diploma_conclusion_name("毕业") == NULL);
	CHECK(xj_diploma_conclusion_name("") == NULL);
	CHECK(xj_diploma_conclusion_name(NULL) == NULL);
}

struct reasons {
	long n;
	int never_registered;
};

static void reason(void *ctx, const char *why)
{
	struct reasons *r = ctx;

	r->n++;
	r->never_registered += strstr(why, "never registered (P9, P13)") != NULL;
}

/* DONE's graduate certificate, issued by chen on GRADUATION. */
static int issue(const char *conclusion, struct xj_sb *number, int *upgraded)
{
	struct reasons r = { 0, 0 };

	return xj_diploma_issue(st, &fx_done, conclusion, GRADUATION, "chen", reason, &r, number,
				upgraded, &err);
}

/* The issue: by the registrar, to one who may have it (P13), numbered
 * school code, type, year, level and a sequence (P14). */
static void issuing(void)
{
	struct xj_sb number = XJ_SB_INIT;
	struct reasons r = { 0, 0 };
	char got[FX_TEXT];
	int up = -1;

	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_diploma_issue(st, &fx_done, "graduate", GRADUATION, "li", reason, &r, &number,
				 &up, &err), XJ_EUSAGE, "li is not a registrar");
	CHECK(r.n == 0);
	/* every reason said, then refused (P9, P13) */
	xj_error_clear(&err);
	CHECK(xj_diploma_issue(st, &fx_fresh, "graduate", GRADUATION, "chen", reason, &r, &number,
			       &up, &err) < 0);
	CHECK(err.code == XJ_EDATA);
	CHECK(r.n >= 1 && r.never_registered == 1);
	snprintf(got, sizeof(got), "may not get a graduate certificate (%ld reason%s)", r.n,
		 r.n == 1 ? "" : "s");
	CHECK_STR(err.msg, got);
	xj_error_clear(&err);
	CHECK_STR(cert_of(&fx_fresh, "diploma", got, sizeof(got)), "none");
	CHECK_STR(fx_status_of(FX_FRESH, -1, got, sizeof(got)), "admitted");
	ALLOWED(issue("graduate", &number, &up));
	CHECK(up == 0);
	CHECK(number.len == 18);
	CHECK(strncmp(number.buf, "14001", 5) == 0);
	CHECK(strstr(number.buf, "2029") == number.buf + 6);
	CHECK_STR(number.buf + 12, "000001");
	CHECK_STR(fx_status_of(FX_DONE, -1, got, sizeof(got)), "graduated");
	CHECK_STR(cert_of(&fx_done, "diploma", got, sizeof(got)), "graduate issued r=0 m=0 v=0");
	/* once */
	snprintf(got, sizeof(got), "has a graduate certificate already (%s)", number.buf);
	fx_reread();
	REFUSED(issue("graduate", &number, &up), XJ_EDATA, got);
	REFUSED(issue("completion", &number, &up), XJ_EDATA, got);
	xj_sb_release(&number);
	fx_undo();
}

/* A 结业 certificate becomes 毕业 under its number (P13). */
static void upgrading(void)
{
	struct xj_sb first = XJ_SB_INIT, number = XJ_SB_INIT;
	char got[FX_TEXT];
	int up = -1;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(issue("completion", &first, &up));
	CHECK(up == 0);
	CHECK_STR(fx_status_of(FX_DONE, -1, got, sizeof(got)), "completed");
	fx_reread();
	snprintf(got, sizeof(got), "has a completion certificate already (%s)", first.buf);
	REFUSED(issue("completion", &number, &up), XJ_EDATA, got);
	ALLOWED(issue("graduate", &number, &up));
	CHECK(up == 1);
	CHECK_STR(number.buf, first.buf);
	CHECK_STR(fx_status_of(FX_DONE, -1, got, sizeof(got)), "graduated");
	xj_sb_release(&first);
	xj_sb_release(&number);
	fx_undo();
}

/* DONE's certificate issued and handed to CHSI, as xj-diploma register
 * --commit records it. */
static int issued_and_sent(void)
{
	struct xj_sb number = XJ_SB_INIT;
	struct xj_cert c;
	int up = 0, rc = issue("graduate", &number, &up);

	memset(&c, 0, sizeof(c));
	if (rc == 0 && xj_store_cert_of(st, fx_done.id, "diploma", &c, &err) != 1)
		rc = -1;
	if (rc == 0)
		rc = xj_store_cert_event(st, c.id, "submitted", NULL, "chen", &err);
	xj_store_cert_release(&c);
	xj_sb_release(&number);
	fx_reread();
	return rc;
}

/* CHSI's answer, taken for a certificate sent only; registered, the
 * record is frozen (P14, P16). */
static void result(void)
{
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT, since = XJ_SB_INIT;
	struct xj_sb number = XJ_SB_INIT;
	struct fx_row w;
	char got[FX_TEXT];
	int up = 0;

	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err), XJ_EDATA, "no certificate issued");
	ALLOWED(issue("graduate", &number, &up));
	REFUSED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err), XJ_EDATA, "not submitted for registration");
	fx_undo();
	if (fx_as("chen") < 0) {
		xj_sb_release(&key);
		xj_sb_release(&msg);
		xj_sb_release(&number);
		return;
	}
	ALLOWED(issued_and_sent());
	REFUSED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "passed", ""), "chen", &key,
				  &msg, &err), XJ_EDATA, "unknown result \"passed\" (want success"
		" or failure, or map it in the template)");
	CHECK(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "failure", "证书编号有误"), "chen",
				&key, &msg, &err) == 1);
	CHECK_STR(key.buf, FX_DONE);
	CHECK(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "failure", "证书编号有误"), "chen",
				&key, &msg, &err) == 2);
	CHECK(xj_store_frozen(st, fx_done.id, &since, &err) == 0);
	ALLOWED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err));
	CHECK_STR(cert_of(&fx_done, "diploma", got, sizeof(got)),
		  "graduate registered r=1 m=0 v=0");
	CHECK(xj_store_frozen(st, fx_done.id, &since, &err) == 1);
	snprintf(got, sizeof(got), "2029-07-01 (credential %s registered)", number.buf);
	CHECK_STR(since.buf, got);
	REFUSED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err), XJ_EDATA, "registered already");
	xj_sb_release(&key);
	xj_sb_release(&msg);
	xj_sb_release(&since);
	xj_sb_release(&number);
	fx_undo();
}

/* Only a certificate the registration file takes is marked sent to CHSI:
 * one registered or revoked is refused, named by its number (P14, P16).
 * Each step of its registration is a diploma-register entry. */
static void submitting(void)
{
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	struct xj_cert c;
	struct fx_row w;
	char got[FX_TEXT], want[FX_TEXT];

	memset(&c, 0, sizeof(c));
	if (fx_as("chen") < 0)
		return;
	ALLOWED(issued_and_sent());
	CHECK(xj_store_cert_of(st, fx_done.id, "diploma", &c, &err) == 1);
	snprintf(want, sizeof(want), "the certificate %s is not one to register (a diploma with"
		 " its number, neither registered nor revoked)", c.number.buf);
	c.revoked = 1;
	REFUSED(xj_diploma_submitted(st, &c, "chen", &err), XJ_EDATA, want);
	c.revoked = 0;
	c.number.len = 0;   /* as a 肄业 certificate, which has no number */
	REFUSED(xj_diploma_submitted(st, &c, "chen", &err), XJ_EDATA,
		"a certificate with no number is not one to register");
	c.number.len = strlen(c.number.buf);
	ALLOWED(xj_diploma_submitted(st, &c, "chen", &err));
	snprintf(want, sizeof(want), "diploma-register {\"certificate\":\"%s\",\"state\":"
		 "\"submitted\"}", c.number.buf);
	CHECK_STR(fx_entry_of(FX_DONE, got, sizeof(got)), want);
	CHECK(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "failure", "证书编号有误"), "chen",
				&key, &msg, &err) == 1);
	CHECK_STR(fx_entry_of(FX_DONE, got, sizeof(got)), "diploma-register {\"state\":"
		  "\"failed\",\"reason\":\"证书编号有误\"}");
	ALLOWED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err));
	snprintf(want, sizeof(want), "diploma-register {\"certificate\":\"%s\",\"state\":"
		 "\"registered\"}", c.number.buf);
	CHECK_STR(fx_entry_of(FX_DONE, got, sizeof(got)), want);
	snprintf(want, sizeof(want), "the certificate %s is not one to register (a diploma with"
		 " its number, neither registered nor revoked)", c.number.buf);
	xj_store_cert_release(&c);
	memset(&c, 0, sizeof(c));
	CHECK(xj_store_cert_of(st, fx_done.id, "diploma", &c, &err) == 1);
	CHECK(c.registered == 1);
	REFUSED(xj_diploma_submitted(st, &c, "chen", &err), XJ_EDATA, want);
	xj_store_cert_release(&c);
	xj_sb_release(&key);
	xj_sb_release(&msg);
	fx_undo();
}

/* Registered, the record takes errata only, on the college's own error;
 * one touching the name is filed with the province once (P16, P17). */
static void errata(void)
{
	static const char *name[] = { "name" }, *to[] = { "张炜" };
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	struct xj_change_in in;
	struct xj_cert c;
	struct fx_row w;
	char got[FX_TEXT];
	long long id = 0;
	int applied = 0;

	memset(&c, 0, sizeof(c));
	if (fx_as("chen") < 0)
		return;
	ALLOWED(issued_and_sent());
	ALLOWED(xj_diploma_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), "chen", &key,
				  &msg, &err));
	CHECK(xj_store_cert_of(st, fx_done.id, "diploma", &c, &err) == 1);
	snprintf(got, sizeof(got), "the credential is registered since 2029-07-01 (credential %s"
		 " registered): the record is frozen, only an erratum of the college's own error"
		 " is accepted (--errata, P16, P17)", c.number.buf);
	xj_store_cert_release(&c);
	memset(&in, 0, sizeof(in));
	in.fields = name;
	in.values = to;
	in.n = 1;
	in.evidence = "application,household-register,id-card";
	in.register_shows = 1;
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA, got);
	in.errata = 1;
	ALLOWED(xj_change_request(st, &fx_done, &in, "chen", &id, &err));
	REFUSED(xj_change_filed(st, id, "教学〔2029〕7号", "chen", &err), XJ_EDATA,
		"request #4 is pending: an erratum is filed once applied");
	ALLOWED(xj_change_approve(st, id, "li", &applied, &err));
	ALLOWED(xj_change_approve(st, id, "wang", &applied, &err));
	ALLOWED(xj_change_approve(st, id, "zhao", &applied, &err));
	CHECK(applied == 1);
	/* P17: filed by the registrar, once */
	REFUSED(xj_change_filed(st, id, "教学〔2029〕7号", "li", &err), XJ_EUSAGE,
		"li is not a registrar");
	ALLOWED(xj_change_filed(st, id, "教学〔2029〕7号", "chen", &err));
	REFUSED(xj_change_filed(st, id, "教学〔2029〕8号", "chen", &err), XJ_EDATA,
		"request #4 was filed already: 教学〔2029〕7号");
	xj_sb_release(&key);
	xj_sb_release(&msg);
	fx_undo();
}

/* The certificate of academic credentials for a lost original: on an
 * application made, by the registrar, once, then marked on CHSI (P15). */
static void proof(void)
{
	struct xj_sb number = XJ_SB_INIT, first = XJ_SB_INIT;
	char got[FX_TEXT];
	int up = 0;

	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_diploma_proof(st, &fx_done, "lost", "2029-06-30", "chen", &number, &err),
		XJ_EDATA, "no certificate issued");
	REFUSED(xj_diploma_marked(st, &fx_done, "chen", &err), XJ_EDATA,
		"no certificate of academic credentials issued");
	ALLOWED(issue("graduate", &number, &up));
	REFUSED(xj_diploma_proof(st, &fx_done, "stolen", "2029-06-30", "chen", &number, &err),
		XJ_EUSAGE, "--reason wants lost or damaged");
	REFUSED(xj_diploma_proof(st, &fx_done, "lost", "last week", "chen", &number, &err),
		XJ_EUSAGE, "--applied wants the date of the application");
	REFUSED(xj_diploma_proof(st, &fx_done, "lost", "2029-08-01", "chen", &number, &err),
		XJ_EDATA, "the application of 2029-08-01 is still to come: a proof answers an"
		" application made");
	REFUSED(xj_diploma_proof(st, &fx_done, "lost", "2029-06-30", "li", &number, &err),
		XJ_EUSAGE, "li is not a registrar");
	CHECK_STR(cert_of(&fx_done, "proof", got, sizeof(got)), "none");
	ALLOWED(xj_diploma_proof(st, &fx_done, "lost", "2029-06-30", "chen", &first, &err));
	CHECK(first.len > 0);
	CHECK_STR(cert_of(&fx_done, "proof", got, sizeof(got)), "graduate issued r=0 m=0 v=0");
	/* the diploma itself is never issued again */
	snprintf(got, sizeof(got), "a certificate of academic credentials was issued for it on"
		 " 2029-07-01 (%s): once only (P15)", first.buf);
	REFUSED(xj_diploma_proof(st, &fx_done, "damaged", "2029-06-30", "chen", &number, &err),
		XJ_EDATA, got);
	ALLOWED(xj_diploma_marked(st, &fx_done, "chen", &err));
	CHECK_STR(cert_of(&fx_done, "proof", got, sizeof(got)), "graduate issued r=0 m=1 v=0");
	REFUSED(xj_diploma_marked(st, &fx_done, "chen", &err), XJ_EDATA,
		"its annotation on CHSI is on record already");
	xj_sb_release(&number);
	xj_sb_release(&first);
	fx_undo();
}

/* A revocation proposed by a reviewer, in force with the leader's
 * signature after the department head's, the proof revoked with it (P1,
 * P15). */
static void revoke(void)
{
	struct xj_sb number = XJ_SB_INIT, proof_no = XJ_SB_INIT;
	char got[FX_TEXT];
	int up = 0;

	if (fx_as("zhao") < 0)
		return;
	REFUSED(xj_diploma_revoke(st, &fx_done, "forged results", "教学〔2029〕9号", "li", &err),
		XJ_EDATA, "no certificate issued");
	REFUSED(xj_diploma_revoke_effect(st, &fx_done, "{}", "zhao", &err), XJ_EDATA,
		"no certificate issued");
	ALLOWED(issue("graduate", &number, &up));
	ALLOWED(xj_diploma_proof(st, &fx_done, "lost", "2029-06-30", "chen", &proof_no, &err));
	REFUSED(xj_diploma_revoke(st, &fx_done, "forged results", "教学〔2029〕9号", "wang", &err),
		XJ_EUSAGE, "wang is not a reviewer");
	ALLOWED(xj_diploma_revoke(st, &fx_done, "forged results", "教学〔2029〕9号", "li", &err));
	REFUSED(xj_diploma_revoke(st, &fx_done, "again", "教学〔2029〕9号", "zhou", &err), XJ_EDATA,
		"a revocation is proposed already, waiting for its signatures");
	REFUSED(xj_signoff(st, &fx_done, "revoke", "leader", "zhao", NULL, &err), XJ_EDATA,
		"the department head has not signed yet (P1)");
	ALLOWED(xj_signoff(st, &fx_done, "revoke", "dept", "wang", NULL, &err));
	/* the original is marked lost by the proof, not yet revoked */
	CHECK_STR(cert_of(&fx_done, "diploma", got, sizeof(got)), "graduate lost r=0 m=0 v=0");
	ALLOWED(xj_signoff(st, &fx_done, "revoke", "leader", "zhao", NULL, &err));
	CHECK_STR(cert_of(&fx_done, "diploma", got, sizeof(got)), "graduate revoked r=0 m=0 v=1");
	CHECK_STR(cert_of(&fx_done, "proof", got, sizeof(got)), "graduate revoked r=0 m=0 v=1");
	snprintf(got, sizeof(got), "the certificate %s is revoked", number.buf);
	REFUSED(xj_diploma_revoke(st, &fx_done, "again", "教学〔2029〕9号", "li", &err), XJ_EDATA,
		got);
	REFUSED(xj_diploma_proof(st, &fx_done, "lost", "2029-06-30", "chen", &proof_no, &err),
		XJ_EDATA, got);
	xj_sb_release(&number);
	xj_sb_release(&proof_no);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the business day: after the graduation, the certificates' season */
	st = fx_open(argv[0], "2029-07-01T10:00:00+08:00", &err);
	conclusions();
	if (st) {
		issuing();
		upgrading();
		result();
		submitting();
		errata();
		proof();
		revoke();
	}
	return fx_close("diploma_actions");
}
