/* test_change_actions.c: changes of a student's record acted on a real
 * store made by the programs (rules-store.sh), each case a command of the
 * actor's, signed by their key and rolled back after: who may ask (P3),
 * the evidence a change of key data needs (P12), what a status change
 * may go to and from when (学籍异动, P9), the levels that approve, each
 * another person holding its role (P1, P12), the last one applying the
 * change (P2), a refusal on suspected fraud opening a case (P8, P12), and
 * an erratum's filing (P17); and the rows of a status stream and of the
 * students' self-check reports, refused as the row's fault (P10). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "unit.h"
#include "xj/cases.h"
#include "xj/change.h"
#include "xj/key.h"
#include "xj/review.h"
#include "xj/reader.h"

static struct xj_error err;
static struct xj_store *st;

/* The store's requests (fixture.h's students): request 1 asks FRESH's
 * name, pending; request 2 FRESH's ethnicity, from a self-check report,
 * no evidence yet; request 3 changed DONE's name, applied. */

/* Request id as "kind state [evidence] levels approvers old>new", or the
 * error. */
static const char *request(long long id, char *buf, size_t size)
{
	struct xj_change_req r;

	memset(&r, 0, sizeof(r));
	if (fx_found(xj_store_change_get(st, id, &r, &err), buf, size))
		snprintf(buf, size, "%s %s [%s] %s %s %s>%s", r.kind.buf, r.state.buf,
			 r.evidence.buf ? r.evidence.buf : "", r.levels.buf,
			 r.approvers.buf ? r.approvers.buf : "", r.old.buf, r.new_.buf);
	xj_store_change_req_release(&r);
	return buf;
}

/* The status a change goes to, by either of its names. */
static void status_names(void)
{
	CHECK_STR(xj_change_status_name("休学"), "suspended");
	CHECK_STR(xj_change_status_name("suspended"), "suspended");
	CHECK_STR(xj_change_status_name("复学"), "resumed");
	CHECK_STR(xj_change_status_name("退学"), "withdrawn");
	CHECK_STR(xj_change_status_name("保留学籍"), "retained");
	CHECK_STR(xj_change_status_name("转专业"), "transferred-major");
	/* 降级 and 留级 are one move */
	CHECK_STR(xj_change_status_name("降级"), "demoted");
	CHECK_STR(xj_change_status_name("留级"), "demoted");
	CHECK_STR(xj_change_status_name("死亡"), "deceased");
	CHECK(xj_change_status_name("毕业") == NULL);
	CHECK(xj_change_status_name("graduated") == NULL);
	CHECK(xj_change_status_name("Suspended") == NULL);
	CHECK(xj_change_status_name("") == NULL);
	CHECK(xj_change_status_name(NULL) == NULL);
	/* the statuses a change goes to are the state machine's changes */
	CHECK(xj_change_status_known("suspended"));
	CHECK(xj_change_status_known("resumed"));
	CHECK(xj_change_status_known("withdrawn"));
	CHECK(xj_change_status_known("demoted"));
	CHECK(xj_change_status_known("deceased"));
	/* not by a change: a registration, a diploma, a cancellation */
	CHECK(!xj_change_status_known("registered"));
	CHECK(!xj_change_status_known("graduated"));
	CHECK(!xj_change_status_known("status-cancelled"));
	CHECK(!xj_change_status_known("admitted"));
	CHECK(!xj_change_status_known("休学"));
	CHECK(!xj_change_status_known(""));
}

#define MISSING(required_, evidence_, want) do { \
	struct xj_change_req r_; \
	struct xj_sb out_ = XJ_SB_INIT; \
	memset(&r_, 0, sizeof(r_)); \
	xj_sb_adds(&r_.required, required_); \
	xj_sb_adds(&r_.evidence, evidence_); \
	xj_change_missing(&r_, &out_); \
	CHECK_STR(out_.buf ? out_.buf : "", want); \
	xj_sb_release(&out_); \
	xj_store_change_req_release(&r_); \
} while (0)

/* The evidence a request still lacks (P12), kinds whole words. */
static void missing(void)
{
	MISSING("application,household-register,id-card", "", "application,household-register,"
		"id-card");
	MISSING("application,household-register,id-card", "application",
		"household-register,id-card");
	MISSING("application,household-register,id-card", "id-card,application,household-register",
		"");
	MISSING("application,police-certificate,id-card", "application,household-register,id-card",
		"police-certificate");
	/* more than asked is no harm */
	MISSING("application", "application,id-card", "");
	/* a word that begins like a kind is not it */
	MISSING("application,id-card", "application-form,id-card-copy", "application,id-card");
	MISSING("", "", "");
	MISSING("", "application", "");
}

#define ALL_EVIDENCE "application,household-register,id-card"

/* A change of one field to value, on the evidence given. */
static struct xj_change_in field_in(const char **field, const char **value,
				    const char *evidence)
{
	struct xj_change_in in;

	memset(&in, 0, sizeof(in));
	in.fields = field;
	in.values = value;
	in.n = 1;
	in.evidence = evidence;
	in.register_shows = 1;
	return in;
}

/* A change of key data (P12): who asks, on what evidence, one request a
 * field at a time, name and ID number apart. */
static void key_requests(void)
{
	static const char *name[] = { "name" }, *to[] = { "李丽" }, *same[] = { "李娜" };
	static const char *both[] = { "name", "id_number" };
	static const char *both_to[] = { "李丽", "320102200801200061" };
	static const char *idno[] = { "id_number" }, *id_to[] = { "110101200711020061" };
	struct xj_change_in in = field_in(name, to, ALL_EVIDENCE);
	char got[FX_TEXT];
	long long id = 0;

	if (fx_as("li") < 0)
		return;
	/* P3: the registrar, or a reviewer of the student's department */
	REFUSED(xj_change_request(st, &fx_third, &in, "wang", &id, &err), XJ_EUSAGE,
		"wang is neither the registrar nor a reviewer of this student's department");
	REFUSED(xj_change_request(st, &fx_other, &in, "li", &id, &err), XJ_EUSAGE,
		"li is neither the registrar nor a reviewer of this student's department");
	REFUSED(xj_change_request(st, &fx_third, &in, "nobody", &id, &err), XJ_EUSAGE,
		"nobody is neither the registrar nor a reviewer of this student's department");
	/* P12: the application, the household register and the ID card, or
	 * the police certificate where the register cannot show the change */
	in.evidence = "application";
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"insufficient evidence: household-register,id-card missing (P12)");
	in.evidence = NULL;
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"insufficient evidence: application,household-register,id-card missing (P12)");
	in.evidence = ALL_EVIDENCE;
	in.register_shows = 0;
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"insufficient evidence: police-certificate missing (P12)");
	in.evidence = "passport";
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EUSAGE,
		"not a kind of evidence: \"passport\" (want application, household-register,"
		" id-card or police-certificate)");
	in.evidence = ALL_EVIDENCE;
	in.register_shows = 1;
	in.values = same;
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"name is that already");
	/* one open request a field; name and ID number apart (P12) */
	in.values = to;
	REFUSED(xj_change_request(st, &fx_fresh, &in, "li", &id, &err), XJ_EDATA,
		"request #1 for name is pending");
	in.fields = idno;
	in.values = id_to;
	REFUSED(xj_change_request(st, &fx_fresh, &in, "li", &id, &err), XJ_EDATA,
		"the id_number does not change while request #1 for the name is pending (P12)");
	in.fields = both;
	in.values = both_to;
	in.n = 2;
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"name and id_number are not changed in one request (P12)");
	/* an erratum is for a registered credential only (P17) */
	in = field_in(name, to, ALL_EVIDENCE);
	in.errata = 1;
	REFUSED(xj_change_request(st, &fx_third, &in, "li", &id, &err), XJ_EDATA,
		"an erratum corrects a registered credential; this student's is not registered:"
		" ask for a change (P17)");
	CHECK(xj_store_changes(st) == 0);
	in.errata = 0;
	ALLOWED(xj_change_request(st, &fx_third, &in, "li", &id, &err));
	CHECK(id == 4);
	CHECK_STR(request(id, got, sizeof(got)), "key pending [" ALL_EVIDENCE "] reviewer,"
		  "dept-head,leader  {\"name\":\"李娜\"}>{\"name\":\"李丽\"}");
	/* the registrar asks for any department's student */
	ALLOWED(xj_change_request(st, &fx_other, &in, "chen", &id, &err));
	CHECK(id == 5);
	fx_undo();
}

/* Another field (P10): the written application is its evidence. */
static void field_requests(void)
{
	static const char *phone[] = { "phone" }, *to[] = { "13800000000" };
	static const char *bad[] = { "phone" }, *bad_to[] = { "12345" };
	static const char *nofield[] = { "shoe_size" }, *cls[] = { "major_code" };
	static const char *exam[] = { "exam_no" }, *twice[] = { "phone", "phone" };
	static const char *twice_to[] = { "13800000000", "13800000001" };
	struct xj_change_in in = field_in(phone, to, NULL);
	char got[FX_TEXT];
	long long id = 0;

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err), XJ_EDATA,
		"insufficient evidence: application missing (P12)");
	in.fields = nofield;
	in.evidence = "application";
	REFUSED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err), XJ_EUSAGE,
		"shoe_size: not a field of the record");
	in.fields = cls;
	REFUSED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err), XJ_EUSAGE,
		"major_code: a change of major is a status change: --status transferred-major");
	in.fields = exam;
	REFUSED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err), XJ_EUSAGE,
		"exam_no: not changed by a request");
	in.fields = twice;
	in.values = twice_to;
	in.n = 2;
	REFUSED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err), XJ_EUSAGE,
		"phone named twice");
	in.n = 1;
	in.fields = bad;
	in.values = bad_to;
	in.evidence = "application";
	CHECK(xj_change_request(st, &fx_third, &in, "zhou", &id, &err) < 0);
	CHECK(err.code == XJ_EDATA);
	xj_error_clear(&err);
	in.fields = phone;
	in.values = to;
	ALLOWED(xj_change_request(st, &fx_third, &in, "zhou", &id, &err));
	CHECK_STR(request(id, got, sizeof(got)), "field pending [application] reviewer,"
		  "dept-head,leader  {\"phone\":\"13712345678\"}>{\"phone\":\"13800000000\"}");
	fx_undo();
}

/* A status change (学籍异动): from a day that has come, to a status the
 * current one allows, for a student CHSI registered (P9). */
static struct xj_change_in status_in(const char *status, const char *from)
{
	struct xj_change_in in;

	memset(&in, 0, sizeof(in));
	in.status = status;
	in.from = from;
	in.register_shows = 1;
	in.note = "illness";
	return in;
}

static void status_requests(void)
{
	struct xj_change_in in = status_in("休学", "2026-09-15");
	char got[FX_TEXT];
	long long id = 0;

	if (fx_as("chen") < 0)
		return;
	in.from = "2026-10-01";
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"2026-10-01 is still to come: a status change is recorded once it has happened");
	in.from = NULL;
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"--from wants the date it takes effect");
	in = status_in("graduated", "2026-09-15");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"not a status to change to: \"graduated\"");
	in = status_in("resumed", "2026-09-15");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"the student is registered; only a suspended or retained student resumes");
	/* the end of a suspension, after its start, and of a suspension only */
	in = status_in("withdrawn", "2026-09-15");
	in.until = "2027-09-01";
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"the end of a suspension is a date after its start");
	in = status_in("suspended", "2026-09-15");
	in.until = "2026-09-15";
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"the end of a suspension is a date after its start");
	/* P9: one not registered may only leave */
	in = status_in("suspended", "2026-09-15");
	REFUSED(xj_change_request(st, &fx_fresh, &in, "chen", &id, &err), XJ_EDATA,
		"the student is admitted, not registered: a status change is for a student CHSI"
		" registered (P9)");
	/* 降级: to a later cohort, begun by the year after the change */
	in = status_in("demoted", "2026-09-15");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"a new cohort goes with demoted, and demoted with a new cohort");
	in.to_cohort = 2026;
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"the student is of cohort 2026: a repeated year (降级) moves to a later cohort,"
		" not 2026");
	in.to_cohort = 2028;
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"cohort 2028 begins more than a year after the change (2026-09-15)");
	in = status_in("transferred-major", "2026-09-15");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EUSAGE,
		"a new major goes with transferred-major, and transferred-major with a new major");
	CHECK(xj_store_changes(st) == 0);
	in = status_in("休学", "2026-09-15");
	in.until = "2027-09-01";
	ALLOWED(xj_change_request(st, &fx_done, &in, "chen", &id, &err));
	CHECK_STR(request(id, got, sizeof(got)), "status pending [] reviewer,dept-head,leader "
		  " {\"status\":\"registered\"}>{\"status\":\"suspended\",\"since\":\"2026-09-15\","
		  "\"until\":\"2027-09-01\"}");
	/* one status change open at a time */
	in = status_in("withdrawn", "2026-09-16");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"status change #4 is pending");
	/* one admitted may leave */
	ALLOWED(xj_change_request(st, &fx_fresh, &in, "chen", &id, &err));
	fx_undo();
}

/* The three levels of request 1 (P1, P12), each another person holding
 * its role for the student's department; the last applies it (P2). */
static void approve(void)
{
	char got[FX_TEXT];
	int applied = -1;

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_change_approve(st, 99, "zhou", &applied, &err), XJ_EUSAGE,
		"no change request #99");
	REFUSED(xj_change_approve(st, 3, "zhou", &applied, &err), XJ_EDATA,
		"request #3 is applied already");
	REFUSED(xj_change_approve(st, 1, "li", &applied, &err), XJ_EDATA,
		"li asked for request #1; each level is another person (P1, P12)");
	REFUSED(xj_change_approve(st, 1, "wang", &applied, &err), XJ_EUSAGE,
		"level 1 of request #1 is the reviewer's: wang is not a reviewer");
	ALLOWED(xj_change_approve(st, 1, "zhou", &applied, &err));
	CHECK(applied == 0);
	CHECK_STR(request(1, got, sizeof(got)), "key pending [" ALL_EVIDENCE "] reviewer,"
		  "dept-head,leader zhou {\"name\":\"王芳\"}>{\"name\":\"王方\"}");
	REFUSED(xj_change_approve(st, 1, "zhou", &applied, &err), XJ_EDATA,
		"zhou approved request #1; each level is another person (P1, P12)");
	REFUSED(xj_change_approve(st, 1, "ma", &applied, &err), XJ_EUSAGE,
		"level 2 of request #1 is the dept-head's: ma is ME's dept-head; this student is"
		" CS's (P3)");
	REFUSED(xj_change_approve(st, 1, "zhao", &applied, &err), XJ_EUSAGE,
		"level 2 of request #1 is the dept-head's: zhao is not a dept-head");
	ALLOWED(xj_change_approve(st, 1, "wang", &applied, &err));
	CHECK(applied == 0);
	CHECK_STR(fx_status_of(FX_FRESH, XJ_S_NAME, got, sizeof(got)), "admitted 王芳");
	ALLOWED(xj_change_approve(st, 1, "zhao", &applied, &err));
	CHECK(applied == 1);
	CHECK_STR(fx_status_of(FX_FRESH, XJ_S_NAME, got, sizeof(got)), "admitted 王方");
	CHECK_STR(request(1, got, sizeof(got)), "key applied [" ALL_EVIDENCE "] reviewer,"
		  "dept-head,leader zhou,wang,zhao {\"name\":\"王芳\"}>{\"name\":\"王方\"}");
	REFUSED(xj_change_approve(st, 1, "zhao", &applied, &err), XJ_EDATA,
		"request #1 is applied already");
	/* a report's request waits for its evidence (P10, P12) */
	REFUSED(xj_change_approve(st, 2, "zhou", &applied, &err), XJ_EDATA,
		"insufficient evidence: application,household-register,id-card missing (P12)");
	fx_undo();
}

/* An approval signed away from the store (xj-key sign): the approver
 * proven by the key the config gives them, the same checks as one made
 * in the store (P1, P12). */
static void approve_proven(void)
{
	static const char text[] = "xj-approve-1\nrequest 1\n";
	struct xj_key zhou, wang;
	struct xj_proof p;
	char sig[XJ_SIG_MAX], content[65], got[FX_TEXT];
	int applied = -1;

	memset(&zhou, 0, sizeof(zhou));
	memset(&wang, 0, sizeof(wang));
	CHECK(fx_key("zhou", &zhou) == 0);
	CHECK(fx_key("wang", &wang) == 0);
	if (fx_as("chen") < 0)
		return;
	fx_prove(&p, &wang, text, sig, content);
	/* the level's person, the level's role, then the signature's key */
	REFUSED(xj_change_approve_proven(st, 1, "wang", &p, &applied, &err), XJ_EUSAGE,
		"level 1 of request #1 is the reviewer's: wang is not a reviewer");
	REFUSED(xj_change_approve_proven(st, 1, "zhou", &p, &applied, &err), XJ_EDATA,
		"signed with wang's key, not zhou's");
	fx_prove(&p, &zhou, text, sig, content);
	REFUSED(xj_change_approve_proven(st, 1, "li", &p, &applied, &err), XJ_EDATA,
		"li asked for request #1; each level is another person (P1, P12)");
	ALLOWED(xj_change_approve_proven(st, 1, "zhou", &p, &applied, &err));
	CHECK(applied == 0);
	CHECK_STR(request(1, got, sizeof(got)), "key pending [" ALL_EVIDENCE "] reviewer,"
		  "dept-head,leader zhou {\"name\":\"王芳\"}>{\"name\":\"王方\"}");
	xj_key_wipe(&zhou);
	xj_key_wipe(&wang);
	fx_undo();
}

/* A status change applied: the status row dated as asked (学籍异动). */
static void approve_status(void)
{
	struct xj_change_in in = status_in("退学", "2026-09-15");
	char got[FX_TEXT];
	long long id = 0;
	int applied = -1;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(xj_change_request(st, &fx_done, &in, "chen", &id, &err));
	ALLOWED(xj_change_approve(st, id, "li", &applied, &err));
	ALLOWED(xj_change_approve(st, id, "wang", &applied, &err));
	CHECK_STR(fx_status_of(FX_DONE, XJ_S_NAME, got, sizeof(got)), "registered 张玮");
	ALLOWED(xj_change_approve(st, id, "zhao", &applied, &err));
	CHECK(applied == 1);
	CHECK_STR(fx_status_of(FX_DONE, XJ_S_NAME, got, sizeof(got)), "withdrawn 张玮");
	/* withdrawn is terminal: no change of status asked any more */
	fx_reread();
	in = status_in("deceased", "2026-09-16");
	REFUSED(xj_change_request(st, &fx_done, &in, "chen", &id, &err), XJ_EDATA,
		"the student is withdrawn: the status does not change any more");
	fx_undo();
}

/* More evidence to a pending request; then it may be approved (P12). */
static void evidence(void)
{
	static const char *none[] = { NULL };
	const char *big[1];
	char got[FX_TEXT], path[PATH_MAX], want[PATH_MAX + 64];
	int applied = -1;

	if (fx_as("li") < 0)
		return;
	REFUSED(xj_change_evidence(st, 99, "application", none, 0, "li", &err), XJ_EUSAGE,
		"no change request #99");
	REFUSED(xj_change_evidence(st, 3, "application", none, 0, "li", &err), XJ_EDATA,
		"request #3 is applied");
	REFUSED(xj_change_evidence(st, 2, "photo", none, 0, "li", &err), XJ_EUSAGE,
		"not a kind of evidence: \"photo\" (want application, household-register,"
		" id-card or police-certificate)");
	REFUSED(xj_change_evidence(st, 2, "application", none, 0, "ma", &err), XJ_EUSAGE,
		"ma is neither the registrar nor a reviewer of this student's department");
	/* a file past 64 MiB is refused as too large, unread */
	big[0] = fx_path("big.pdf", path, sizeof(path));
	CHECK(truncate(fx_file("big.pdf", "", path, sizeof(path)), (64L << 20) + 1) == 0);
	snprintf(want, sizeof(want), "%s is larger than 64 MiB, the most an evidence file may be",
		 path);
	REFUSED(xj_change_evidence(st, 2, "application", big, 1, "li", &err), XJ_EUSAGE, want);
	unlink(path);
	ALLOWED(xj_change_evidence(st, 2, "application,id-card", none, 0, "li", &err));
	REFUSED(xj_change_approve(st, 2, "zhou", &applied, &err), XJ_EDATA,
		"insufficient evidence: household-register missing (P12)");
	ALLOWED(xj_change_evidence(st, 2, "household-register", none, 0, "chen", &err));
	ALLOWED(xj_change_approve(st, 2, "zhou", &applied, &err));
	CHECK(applied == 0);
	/* a request made with no evidence (a self-check report's, P10) lists
	 * what was added since, with no empty first part */
	CHECK(strstr(request(2, got, sizeof(got)), "[application,id-card,household-register]"
		     " reviewer,dept-head,leader zhou {\"ethnicity\":\"汉族\",\"ethnicity_code\":"
		     "\"01\"}>{\"ethnicity\":\"回族\",\"ethnicity_code\":\"03\"}") != NULL);
	fx_undo();
}

/* Refused by the level it waits for; on suspected fraud a case is opened,
 * or the open one noted (P8, P12). */
static void reject(void)
{
	char got[FX_TEXT];
	int applied = -1;

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_change_reject(st, 3, "too late", 0, "zhou", &err), XJ_EDATA,
		"request #3 is applied already");
	REFUSED(xj_change_reject(st, 1, "no", 0, "li", &err), XJ_EDATA,
		"li asked for request #1; each level is another person (P1, P12)");
	REFUSED(xj_change_reject(st, 1, "no", 0, "wang", &err), XJ_EUSAGE,
		"level 1 of request #1 is the reviewer's: wang is not a reviewer");
	/* a rejection without its reason is refused, not recorded as an
	 * approval of the level (P1, P12) */
	REFUSED(xj_change_reject(st, 1, NULL, 0, "zhou", &err), XJ_EUSAGE,
		"a rejection needs its reason");
	REFUSED(xj_change_reject(st, 1, "", 0, "zhou", &err), XJ_EUSAGE,
		"a rejection needs its reason");
	ALLOWED(xj_change_reject(st, 1, "the register shows 王芳", 0, "zhou", &err));
	CHECK_STR(request(1, got, sizeof(got)), "key rejected [" ALL_EVIDENCE "] reviewer,"
		  "dept-head,leader  {\"name\":\"王芳\"}>{\"name\":\"王方\"}");
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "none");
	REFUSED(xj_change_approve(st, 1, "zhou", &applied, &err), XJ_EDATA,
		"request #1 is rejected already");
	REFUSED(xj_change_reject(st, 1, "twice", 0, "zhou", &err), XJ_EDATA,
		"request #1 is rejected already");
	/* a suspected fraud opens a case of the student */
	ALLOWED(xj_change_reject(st, 2, "forged register", 1, "zhou", &err));
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)),
		  "change request #2 suspected of fraud: forged register zhou  0");
	fx_undo();
	/* with a case open, the suspicion is a note of it */
	if (fx_as("li") < 0)
		return;
	ALLOWED(xj_cases_open(st, &fx_fresh, "photo unlike", "li", &err));
	ALLOWED(xj_change_reject(st, 2, "forged register", 1, "zhou", &err));
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "photo unlike li  0");
	fx_undo();
}

/* An erratum's filing with the province is for an applied erratum that
 * needs one, once, by the registrar (P17).  No credential of the store
 * is registered, so no erratum is there to file: the refusals only. */
static void filed(void)
{
	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_change_filed(st, 99, "教学〔2026〕1号", "chen", &err), XJ_EUSAGE,
		"no change request #99");
	REFUSED(xj_change_filed(st, 3, "教学〔2026〕1号", "chen", &err), XJ_EDATA,
		"request #3 needs no filing");
	REFUSED(xj_change_filed(st, 1, "教学〔2026〕1号", "chen", &err), XJ_EDATA,
		"request #1 needs no filing");
	CHECK(xj_store_changes(st) == 0);
	fx_undo();
}

/* A row of a record stream of status changes (events.csv) refused. */
#define ROW_REFUSED(field_, msg_, ...) do { \
	static const char *const cells_[] = { __VA_ARGS__, NULL }; \
	struct fx_row row_; \
	long long id_ = 0; \
	FX_ROW_REFUSED(xj_change_status_row(st, fx_row(&row_, "events.csv", cells_), "chen", \
					    &id_, &err), field_, msg_); \
} while (0)

/* A row asks what the options ask; its faults are the row's (XJ_EDATA),
 * each naming its column. */
static void status_rows(void)
{
	static const char *const ok[] = { "exam_no", FX_DONE, "kind", "休学", "from", "2026-09-15",
					  "until", "2027-09-01", "reason", "illness", NULL };
	struct fx_row w;
	char got[FX_TEXT];
	long long id = 0;

	if (fx_as("chen") < 0)
		return;
	ROW_REFUSED("kind", "no kind column (类型): each row says the status it changes to",
		    "exam_no", FX_DONE, "from", "2026-09-15", "reason", "illness");
	ROW_REFUSED("from", "no from column (生效日期): each row says the date the change takes"
		    " effect", "exam_no", FX_DONE, "kind", "休学", "reason", "illness");
	ROW_REFUSED("reason", "no reason column (原因): a status change needs its reason",
		    "exam_no", FX_DONE, "kind", "休学", "from", "2026-09-15");
	ROW_REFUSED("kind", "unknown kind \"毕业\" (want suspended, resumed, withdrawn, retained,"
		    " transferred-major, demoted, deceased, or 休学, 复学, 退学, 保留学籍, 转专业,"
		    " 降级, 死亡)", "exam_no", FX_DONE, "kind", "毕业", "from", "2026-09-15",
		    "reason", "x");
	ROW_REFUSED("from", "a status change needs the date it takes effect", "exam_no", FX_DONE,
		    "kind", "休学", "from", "", "reason", "illness");
	ROW_REFUSED("reason", "a status change needs its reason", "exam_no", FX_DONE, "kind", "休学",
		    "from", "2026-09-15", "reason", "");
	ROW_REFUSED("to_cohort", "not a year between 2000 and 2100", "exam_no", FX_DONE,
		    "kind", "降级", "from", "2026-09-15", "reason", "x", "to_cohort", "27");
	/* what the request calls a wrong ask is the row's fault here */
	ROW_REFUSED("until", "the end of a suspension is a date after its start", "exam_no",
		    FX_DONE, "kind", "退学", "from", "2026-09-15", "until", "2027-09-01", "reason",
		    "x");
	ROW_REFUSED("from", "2026-10-01 is still to come: a status change is recorded once it"
		    " has happened", "exam_no", FX_DONE, "kind", "休学", "from", "2026-10-01",
		    "reason", "illness");
	CHECK(xj_store_changes(st) == 0);
	ALLOWED(xj_change_status_row(st, fx_row(&w, "events.csv", ok), "chen", &id, &err));
	CHECK(id == 4);
	CHECK_STR(request(id, got, sizeof(got)), "status pending [] reviewer,dept-head,leader "
		  " {\"status\":\"registered\"}>{\"status\":\"suspended\",\"since\":\"2026-09-15\","
		  "\"until\":\"2027-09-01\"}");
	/* the same student twice: the second waits for the first */
	ROW_REFUSED("", "status change #4 is pending", "exam_no", FX_DONE, "kind", "退学",
		    "from", "2026-09-15", "reason", "x");
	fx_undo();
}

/* A row of the self-check reports refused. */
#define REPORT_REFUSED(msg_, ...) do { \
	static const char *const cells_[] = { __VA_ARGS__, NULL }; \
	struct fx_row row_; \
	long long id_ = 0; \
	REFUSED(xj_change_report_row(st, fx_row(&row_, "events.csv", cells_), "li", &id_, &err), \
		XJ_EDATA, msg_); \
} while (0)

/* A row of the students' self-check reports: one request of its field,
 * by its Chinese header too, its evidence to follow, bound to the row
 * (P10); a row the request refuses is refused as the row's fault. */
static void report_rows(void)
{
	static const char *const ok[] = { "exam_no", FX_THIRD, "字段", "民族", "正确值", "汉族",
					  "说明", "学信网显示回族", NULL };
	struct fx_row w;
	char got[FX_TEXT];
	long long id = 0;

	if (fx_as("li") < 0)
		return;
	REPORT_REFUSED("a row needs the student (exam_no, student_no or id_number), the field"
		       " and the value said to be right", "exam_no", FX_THIRD, "字段", "民族");
	REPORT_REFUSED("no student with key 26999999999999", "exam_no", "26999999999999",
		       "字段", "民族", "正确值", "汉族");
	REPORT_REFUSED("shoe: not a field of the record", "exam_no", FX_THIRD, "字段", "shoe",
		       "正确值", "42");
	REPORT_REFUSED("ethnicity is that already", "exam_no", FX_THIRD, "字段", "民族",
		       "正确值", "回族");
	/* another department's student is not li's to ask for */
	REPORT_REFUSED("li is neither the registrar nor a reviewer of this student's department",
		       "exam_no", FX_OTHER, "字段", "民族", "正确值", "回族");
	ALLOWED(xj_change_report_row(st, fx_row(&w, "events.csv", ok), "li", &id, &err));
	CHECK(id == 4);
	CHECK_STR(request(id, got, sizeof(got)), "key pending [] reviewer,dept-head,leader "
		  " {\"ethnicity\":\"回族\",\"ethnicity_code\":\"03\"}>{\"ethnicity\":\"汉族\","
		  "\"ethnicity_code\":\"01\"}");
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the business day the cases act on */
	st = fx_open(argv[0], "2026-09-20T10:00:00+08:00", &err);
	status_names();
	missing();
	if (st) {
		key_requests();
		field_requests();
		status_requests();
		approve();
		approve_proven();
		approve_status();
		evidence();
		reject();
		filed();
		status_rows();
		report_rows();
	}
	return fx_close("change_actions");
}
