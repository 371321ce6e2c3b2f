/* test_actions.c: the entrance review's decisions and the cases, acted on
 * a real store made by the programs (rules-store.sh) by its staff, each
 * case a command signed with the actor's key and rolled back after: who
 * holds which role of which department (P3), a review and its items (P4,
 * P7), the second person's confirmation (P7), the three levels of a
 * sign-off, each a different person, in order (P1), a doubtful case from
 * its opening to its finding (P8) and a cancellation that takes effect
 * with the leader's signature (P6, P8); and the sources of the entrance
 * compared with the roster, field by field (P4). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/cases.h"
#include "xj/config.h"
#include "xj/entrance.h"
#include "xj/key.h"
#include "xj/review.h"
#include "xj/signoff.h"

static struct xj_error err;
static struct xj_store *st;

/* The newest review of a stage as "result reviewer confirm dept leader". */
static const char *review_of(const struct xj_student *s, const char *stage, char *buf,
			     size_t size)
{
	struct xj_review r;

	memset(&r, 0, sizeof(r));
	if (fx_found(xj_store_review_latest(st, s->id, stage, &r, &err), buf, size))
		snprintf(buf, size, "%s %s %s %s %s", r.result, r.reviewer.buf,
			 r.confirm.buf ? r.confirm.buf : "", r.dept.buf ? r.dept.buf : "",
			 r.leader.buf ? r.leader.buf : "");
	xj_store_review_release(&r);
	return buf;
}

static void stage_names(void)
{
	CHECK_STR(xj_review_stage_name("arrival"), "arrival");
	CHECK_STR(xj_review_stage_name("recheck"), "recheck");
	CHECK_STR(xj_review_stage_name("cancel"), "cancel");
	CHECK_STR(xj_review_stage_name("revoke"), "revoke");
	CHECK(xj_review_stage_name("Recheck") == NULL);
	CHECK(xj_review_stage_name("") == NULL);
	CHECK(xj_review_stage_name(NULL) == NULL);
}

static struct xj_review review_with(const char *confirm, const char *dept, const char *leader)
{
	struct xj_review r;

	memset(&r, 0, sizeof(r));
	xj_sb_adds(&r.reviewer, "li");
	xj_sb_adds(&r.confirm, confirm);
	xj_sb_adds(&r.dept, dept);
	xj_sb_adds(&r.leader, leader);
	return r;
}

#define STATE(confirm, dept, leader, found, stage, want) do { \
	struct xj_review r_ = review_with(confirm, dept, leader); \
	CHECK_STR(xj_review_state(&r_, found, stage), want); \
	xj_store_review_release(&r_); \
} while (0)

/* Where a review stands: a confirmation counts for the re-check only
 * (P7), the levels signed in order (P1). */
static void states(void)
{
	STATE("", "", "", 0, "recheck", "none");
	STATE("", "", "", 1, "recheck", "reviewed");
	STATE("zhou", "", "", 1, "recheck", "confirmed");
	/* the arrival has no second person: a confirmation is no state of it */
	STATE("zhou", "", "", 1, "arrival", "reviewed");
	STATE("zhou", "wang", "", 1, "recheck", "dept-signed");
	STATE("zhou", "wang", "zhao", 1, "recheck", "complete");
	STATE("", "wang", "zhao", 1, "cancel", "complete");
	/* found 0 is none, whatever the struct holds */
	STATE("zhou", "wang", "zhao", 0, "recheck", "none");
}

/* Who holds which role, of which department (P1, P3). */
static void roles(void)
{
	if (fx_as("chen") < 0)
		return;
	ALLOWED(xj_review_has_role(st, &fx_fresh, "li", XJ_ROLE_REVIEWER, 1, &err));
	ALLOWED(xj_review_has_role(st, &fx_fresh, "wang", XJ_ROLE_DEPT_HEAD, 1, &err));
	/* the leader belongs to no department: any student is theirs */
	ALLOWED(xj_review_has_role(st, &fx_other, "zhao", XJ_ROLE_LEADER, 1, &err));
	/* a department head of another department is one when asked without it */
	ALLOWED(xj_review_has_role(st, &fx_fresh, "ma", XJ_ROLE_DEPT_HEAD, 0, &err));
	REFUSED(xj_review_has_role(st, &fx_fresh, "ma", XJ_ROLE_DEPT_HEAD, 1, &err), XJ_EUSAGE,
		"ma is ME's dept-head; this student is CS's (P3)");
	REFUSED(xj_review_has_role(st, &fx_other, "li", XJ_ROLE_REVIEWER, 1, &err), XJ_EUSAGE,
		"li is CS's reviewer; this student is ME's (P3)");
	REFUSED(xj_review_has_role(st, &fx_fresh, "wang", XJ_ROLE_REVIEWER, 1, &err), XJ_EUSAGE,
		"wang is not a reviewer");
	REFUSED(xj_review_has_role(st, &fx_fresh, "li", XJ_ROLE_ARCHIVIST, 0, &err), XJ_EUSAGE,
		"li is not an archivist");
	REFUSED(xj_review_has_role(st, &fx_fresh, "nobody", XJ_ROLE_REVIEWER, 0, &err), XJ_EUSAGE,
		"nobody is not on the staff");
	/* li, a reviewer only, is no admin: the config's roles hold no longer
	 * name with "admin" in it, so this does not reach the whole-name match */
	REFUSED(xj_review_has_role(st, &fx_fresh, "li", XJ_ROLE_ADMIN, 0, &err), XJ_EUSAGE,
		"li is not an admin");
	fx_undo();
}

static const char *recheck_ok[] = {
	"registration=ok", "health=ok", "procedure=ok", "eligibility=ok",
};

/* A re-check of FRESH recorded by li, all four items ok (P7). */
static int recheck(const char *who)
{
	struct xj_review_in in = { "recheck", "pass", recheck_ok, 4, NULL };

	return xj_review_record(st, &fx_fresh, &in, who, &err);
}

static void record(void)
{
	static const char *missing[] = { "registration=ok", "procedure=ok", "eligibility=ok" };
	static const char *problem[] = { "registration=ok", "health=problem", "procedure=ok",
					 "eligibility=ok" };
	static const char *unknown[] = { "height=ok" };
	static const char *unsure[] = { "health=maybe" };
	static const char *arrival_ok[] = { "notice=ok", "idcard=ok" };
	struct xj_review_in in = { "recheck", "pass", missing, 3, NULL };
	char got[FX_TEXT];

	if (fx_as("li") < 0)
		return;
	/* P7: a pass needs every item of the re-check */
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EDATA,
		"a re-check cannot pass with the item health missing (P7)");
	in.items = problem;
	in.nitems = 4;
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EDATA,
		"a pass with a problem (health)");
	in.items = unknown;
	in.nitems = 1;
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"not an item of the recheck: \"height=ok\" (want NAME=ok or NAME=problem)");
	in.items = unsure;
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"not an item of the recheck: \"health=maybe\" (want NAME=ok or NAME=problem)");
	/* P3: a reviewer of the student's department; P1: the role held */
	REFUSED(recheck("wang"), XJ_EUSAGE, "wang is not a reviewer");
	in.items = recheck_ok;
	in.nitems = 4;
	REFUSED(xj_review_record(st, &fx_other, &in, "li", &err), XJ_EUSAGE,
		"li is CS's reviewer; this student is ME's (P3)");
	/* a cancellation and a revocation are proposed by their own verbs */
	in.stage = "cancel";
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"a cancellation is proposed with 'xj-verify cancel'");
	in.stage = "revoke";
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"a revocation is proposed with 'xj-diploma revoke'");
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "none");
	/* nothing refused was written */
	CHECK(xj_store_changes(st) == 0);
	ALLOWED(recheck("li"));
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li   ");
	CHECK(xj_store_changes(st) >= 1);
	/* a fail may name its problems; a problem is no pass's */
	in.stage = "recheck";
	in.result = "fail";
	in.items = problem;
	ALLOWED(xj_review_record(st, &fx_third, &in, "li", &err));
	CHECK_STR(review_of(&fx_third, "recheck", got, sizeof(got)), "fail li   ");
	/* the arrival's items are its own (P4); an arrival with no photo
	 * comparison on record has none that blocks it (P5) */
	in.stage = "arrival";
	in.result = "pass";
	in.items = recheck_ok;
	in.nitems = 1;
	REFUSED(xj_review_record(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"not an item of the arrival: \"registration=ok\" (want NAME=ok or"
		" NAME=problem)");
	in.items = arrival_ok;
	in.nitems = 2;
	ALLOWED(xj_review_record(st, &fx_fresh, &in, "zhou", &err));
	CHECK_STR(review_of(&fx_fresh, "arrival", got, sizeof(got)), "pass zhou   ");
	fx_undo();
}

/* An arrival passes only while no photo comparison of the student's
 * stands at mismatch (P5): THIRD's on-site photo is unlike the exam's. */
static void arrival_photos(void)
{
	static const char *ok[] = { "notice=ok", "photo=ok" };
	static const char *problem[] = { "notice=ok", "photo=problem" };
	struct xj_review_in in = { "arrival", "pass", ok, 2, NULL };
	struct xj_sb photos = XJ_SB_INIT;
	char got[FX_TEXT];

	if (fx_as("li") < 0)
		return;
	CHECK(xj_review_photos(st, fx_third.id, &photos, &err) == 0);
	CHECK_STR(photos.buf, "onsite-exam mismatch");
	CHECK(xj_review_photos(st, fx_fresh.id, &photos, &err) == 0);
	CHECK_STR(photos.buf ? photos.buf : "", "");
	REFUSED(xj_review_record(st, &fx_third, &in, "li", &err), XJ_EDATA,
		"the photo comparison onsite-exam is mismatch: the arrival passes once a"
		" re-comparison or a recorded manual check clears it (P5)");
	CHECK_STR(review_of(&fx_third, "arrival", got, sizeof(got)), "none");
	/* what it does record is a fail, the photo its problem */
	in.result = "fail";
	in.items = problem;
	ALLOWED(xj_review_record(st, &fx_third, &in, "li", &err));
	CHECK_STR(review_of(&fx_third, "arrival", got, sizeof(got)), "fail li   ");
	xj_sb_release(&photos);
	fx_undo();
}

/* The re-check's second person (P7). */
static void confirm(void)
{
	char got[FX_TEXT];

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err), XJ_EDATA,
		"no recheck review yet");
	REFUSED(xj_review_confirm(st, &fx_fresh, "arrival", "zhou", &err), XJ_EUSAGE,
		"confirm is the re-check's second person (P7): use --stage recheck");
	REFUSED(xj_review_confirm(st, &fx_done, "recheck", "li", &err), XJ_EDATA,
		"already confirmed by zhou");
	ALLOWED(recheck("li"));
	REFUSED(xj_review_confirm(st, &fx_fresh, "recheck", "li", &err), XJ_EDATA,
		"li reviewed this; a second person confirms (P7)");
	/* a second person, but one who may not review this student */
	REFUSED(xj_review_confirm(st, &fx_fresh, "recheck", "wang", &err), XJ_EUSAGE,
		"wang is not a reviewer");
	ALLOWED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err));
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou  ");
	REFUSED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err), XJ_EDATA,
		"already confirmed by zhou");
	fx_undo();
}

/* May who sign FRESH's re-check at level now?  The refusal's message, or
 * "yes" (the review handed back released). */
static const char *may(const char *level, const char *who, char *buf, size_t size)
{
	struct xj_review r;
	int rc;

	memset(&r, 0, sizeof(r));
	xj_error_clear(&err);
	rc = xj_review_may_sign(st, &fx_fresh, "recheck", level, who, &r, &err);
	snprintf(buf, size, "%s", rc == 0 ? "yes" : err.msg);
	xj_store_review_release(&r);
	xj_error_clear(&err);
	return buf;
}

/* The three levels of a sign-off (P1): after the second person (P7), each
 * level once, in order, each by another person holding its role. */
static void sign(void)
{
	struct xj_sb items = XJ_SB_INIT;
	char got[FX_TEXT];

	if (fx_as("wang") < 0)
		return;
	CHECK_STR(may("dept", "wang", got, sizeof(got)), "no recheck review yet");
	ALLOWED(recheck("li"));
	CHECK_STR(may("dept", "wang", got, sizeof(got)), "the re-check is not confirmed yet (P7)");
	CHECK_STR(may("leader", "zhao", got, sizeof(got)),
		  "the department head has not signed yet (P1)");
	ALLOWED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err));
	CHECK_STR(may("dept", "li", got, sizeof(got)),
		  "li reviewed this; each level is a different person (P1)");
	CHECK_STR(may("dept", "zhou", got, sizeof(got)),
		  "zhou confirmed this; each level is a different person (P1)");
	CHECK_STR(may("dept", "ma", got, sizeof(got)),
		  "ma is ME's dept-head; this student is CS's (P3)");
	CHECK_STR(may("dept", "zhao", got, sizeof(got)), "zhao is not a dept-head");
	CHECK_STR(may("dept", "wang", got, sizeof(got)), "yes");
	/* may_sign records nothing */
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou  ");
	CHECK(xj_review_sign(st, &fx_fresh, "recheck", "dept", "wang", &items, &err) == 0);
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou wang ");
	CHECK_STR(may("dept", "ma", got, sizeof(got)), "already signed at level dept by wang");
	CHECK_STR(may("leader", "wang", got, sizeof(got)),
		  "wang signed this as department head; each level is a different person (P1)");
	CHECK_STR(may("leader", "ma", got, sizeof(got)), "ma is not a leader");
	/* the last level says so, and hands back the review's items */
	CHECK(xj_review_sign(st, &fx_fresh, "recheck", "leader", "zhao", &items, &err) == 1);
	CHECK_STR(items.buf, "{\"registration\":\"ok\",\"health\":\"ok\",\"procedure\":\"ok\","
		  "\"eligibility\":\"ok\"}");
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou wang zhao");
	CHECK_STR(may("leader", "zhao", got, sizeof(got)),
		  "already signed at level leader by zhao");
	xj_error_clear(&err);
	CHECK(xj_review_sign(st, &fx_fresh, "recheck", "leader", "zhao", &items, &err) < 0);
	CHECK_STR(err.msg, "already signed at level leader by zhao");
	xj_sb_release(&items);
	fx_undo();
}

/* A decision is an audit entry signed by the key of who makes it (P2). */
static void decisions(void)
{
	char got[FX_TEXT];

	if (fx_as("li") < 0)
		return;
	ALLOWED(xj_review_decide(st, fx_fresh.id, "note", "recheck", "\"level\":\"dept\"", &err));
	CHECK(xj_store_changes(st) == 1);
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)),
		  "note {\"stage\":\"recheck\",\"level\":\"dept\"}");
	/* no members beyond the stage */
	ALLOWED(xj_review_decide(st, fx_fresh.id, "note", "arrival", NULL, &err));
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), "note {\"stage\":\"arrival\"}");
	/* a proposal is a decision signed over what its row will say; the
	 * row is the caller's to write */
	ALLOWED(xj_review_propose(st, &fx_fresh, "cancel", "cancel", "\"what\":\"admission\"",
				  "pass", "{\"what\":\"admission\"}", "a note", &err));
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)),
		  "cancel {\"stage\":\"cancel\",\"what\":\"admission\"}");
	CHECK_STR(review_of(&fx_fresh, "cancel", got, sizeof(got)), "none");
	CHECK(xj_store_changes(st) == 3);
	fx_undo();
	/* nobody's key: no decision */
	if (fx_as(NULL) < 0)
		return;
	REFUSED(xj_review_decide(st, fx_fresh.id, "note", "recheck", NULL, &err), XJ_EUSAGE,
		"note is a decision: it needs the key of the staff member who makes it"
		" (see xj-key(1))");
	REFUSED(recheck("li"), XJ_EUSAGE, "review is a decision: it needs the key of the staff"
		" member who makes it (see xj-key(1))");
	REFUSED(xj_cases_decide(st, fx_fresh.id, "case-open", 0, "reason", "why", &err), XJ_EUSAGE,
		"case-open is a decision: it needs the key of the staff member who makes it"
		" (see xj-key(1))");
	CHECK(xj_store_changes(st) == 0);
	fx_undo();
}

/* A sign-off signed away from the store (xj-key sign): the signer proven
 * by their signature with the key the config gives them, not by the key
 * of the command that records it (P1, P2). */
static void proven(void)
{
	static const char text[] = "xj-signoff-1\nstage recheck\nlevel dept\n";
	struct xj_key wang, stranger;
	struct xj_proof p;
	char sig[XJ_SIG_MAX], content[65], got[FX_TEXT], want[FX_TEXT];

	memset(&wang, 0, sizeof(wang));
	memset(&stranger, 0, sizeof(stranger));
	CHECK(fx_key("wang", &wang) == 0);
	CHECK(xj_key_generate(&stranger, &err) == 0);
	if (fx_as("chen") < 0) {
		xj_key_wipe(&wang);
		xj_key_wipe(&stranger);
		return;
	}
	fx_prove(&p, &wang, text, sig, content);
	ALLOWED(xj_review_proof_check(st, "wang", &p, &err));
	REFUSED(xj_review_proof_check(st, "ma", &p, &err), XJ_EDATA,
		"signed with wang's key, not ma's");
	p.statement = "xj-signoff-1\nstage recheck\nlevel leader\n";
	REFUSED(xj_review_proof_check(st, "wang", &p, &err), XJ_EDATA,
		"the signature does not match the decision");
	fx_prove(&p, &stranger, text, sig, content);
	REFUSED(xj_review_proof_check(st, "wang", &p, &err), XJ_EDATA,
		"signed with a key that is no staff member's in the config");
	/* the sign-off itself: the same checks as one made in the store */
	fx_prove(&p, &wang, text, sig, content);
	ALLOWED(recheck("li"));
	REFUSED(xj_signoff(st, &fx_fresh, "recheck", "dept", "wang", &p, &err), XJ_EDATA,
		"the re-check is not confirmed yet (P7)");
	ALLOWED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err));
	fx_prove(&p, &stranger, text, sig, content);
	REFUSED(xj_signoff(st, &fx_fresh, "recheck", "dept", "wang", &p, &err), XJ_EDATA,
		"signed with a key that is no staff member's in the config");
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou  ");
	fx_prove(&p, &wang, text, sig, content);
	ALLOWED(xj_signoff(st, &fx_fresh, "recheck", "dept", "wang", &p, &err));
	CHECK_STR(review_of(&fx_fresh, "recheck", got, sizeof(got)), "pass li zhou wang ");
	/* the entry is the signer's decision, its statement's hash on it */
	snprintf(want, sizeof(want), "sign {\"stage\":\"recheck\",\"level\":\"dept\","
		 "\"signer\":\"wang\",\"statement_sha256\":\"%s\"}", content);
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), want);
	xj_key_wipe(&wang);
	xj_key_wipe(&stranger);
	fx_undo();
}

/* A doubtful case: opened by a reviewer of the department, noted with
 * the home province's answers, closed with its finding (P8). */
static void cases(void)
{
	char got[FX_TEXT];

	if (fx_as("li") < 0)
		return;
	REFUSED(xj_cases_note(st, &fx_fresh, "asked the province", "li", &err), XJ_EDATA,
		"no open case");
	REFUSED(xj_cases_close(st, &fx_fresh, "cleared", "li", &err), XJ_EDATA, "no open case");
	REFUSED(xj_cases_close(st, &fx_fresh, "dismissed", "li", &err), XJ_EUSAGE,
		"--finding wants cleared or confirmed");
	REFUSED(xj_cases_open(st, &fx_fresh, "photo unlike", "wang", &err), XJ_EUSAGE,
		"wang is not a reviewer");
	REFUSED(xj_cases_open(st, &fx_other, "photo unlike", "li", &err), XJ_EUSAGE,
		"li is CS's reviewer; this student is ME's (P3)");
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "none");
	ALLOWED(xj_cases_open(st, &fx_fresh, "photo unlike", "li", &err));
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "photo unlike li  0");
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)),
		  "case-open {\"stage\":\"case\",\"reason\":\"photo unlike\"}");
	REFUSED(xj_cases_open(st, &fx_fresh, "again", "zhou", &err), XJ_EDATA,
		"a case is open already (since 2026-09-20: photo unlike)");
	/* only a reviewer of the department notes and closes */
	REFUSED(xj_cases_note(st, &fx_fresh, "asked the province", "wang", &err), XJ_EUSAGE,
		"wang is not a reviewer");
	ALLOWED(xj_cases_note(st, &fx_fresh, "the province confirms the photo", "zhou", &err));
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), "case-note {\"stage\":\"case\","
		  "\"note\":\"the province confirms the photo\"}");
	REFUSED(xj_cases_close(st, &fx_fresh, "confirmed", "ma", &err), XJ_EUSAGE,
		"ma is not a reviewer");
	ALLOWED(xj_cases_close(st, &fx_fresh, "confirmed", "li", &err));
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "photo unlike li confirmed 0");
	/* closed: no more notes, no second finding; a new case may open */
	REFUSED(xj_cases_note(st, &fx_fresh, "late", "li", &err), XJ_EDATA, "no open case");
	REFUSED(xj_cases_close(st, &fx_fresh, "cleared", "li", &err), XJ_EDATA, "no open case");
	ALLOWED(xj_cases_open(st, &fx_fresh, "second doubt", "li", &err));
	CHECK_STR(fx_case_of(&fx_fresh, got, sizeof(got)), "second doubt li  0");
	fx_undo();
}

/* A cancellation is proposed by a reviewer, refused at once where it
 * cannot take effect (P6: an admission before registration; P8: a status
 * on a confirmed case). */
static void cancel_propose(void)
{
	struct xj_cancel_in in = { "admission", "fraud", "forged notice", 0 };
	char got[FX_TEXT];

	if (fx_as("li") < 0)
		return;
	in.what = "diploma";
	REFUSED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"--what wants admission or status");
	in.what = "admission";
	in.grounds = "rumour";
	REFUSED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err), XJ_EUSAGE,
		"--grounds wants fraud, impersonation, irregular or other");
	in.grounds = "fraud";
	REFUSED(xj_cases_cancel_propose(st, &fx_fresh, &in, "wang", &err), XJ_EUSAGE,
		"wang is not a reviewer");
	REFUSED(xj_cases_cancel_propose(st, &fx_other, &in, "li", &err), XJ_EUSAGE,
		"li is CS's reviewer; this student is ME's (P3)");
	/* P6: a registered student's admission is no more to cancel */
	REFUSED(xj_cases_cancel_propose(st, &fx_done, &in, "li", &err), XJ_EDATA,
		"status registered cannot become admission-cancelled");
	/* P8: a status is cancelled on a confirmed case only */
	in.what = "status";
	REFUSED(xj_cases_cancel_propose(st, &fx_done, &in, "li", &err), XJ_EDATA,
		"cancelling a status needs a confirmed case (P8)");
	ALLOWED(xj_cases_open(st, &fx_done, "impersonation reported", "li", &err));
	REFUSED(xj_cases_cancel_propose(st, &fx_done, &in, "li", &err), XJ_EDATA,
		"cancelling a status needs a confirmed case (P8)");
	ALLOWED(xj_cases_close(st, &fx_done, "cleared", "li", &err));
	REFUSED(xj_cases_cancel_propose(st, &fx_done, &in, "li", &err), XJ_EDATA,
		"cancelling a status needs a confirmed case (P8)");
	CHECK_STR(review_of(&fx_done, "cancel", got, sizeof(got)), "none");
	/* the admission of one imported only: proposed, nothing cancelled yet */
	in.what = "admission";
	ALLOWED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err));
	CHECK_STR(review_of(&fx_fresh, "cancel", got, sizeof(got)), "pass li   ");
	CHECK_STR(fx_status_of(FX_FRESH, -1, got, sizeof(got)), "admitted");
	fx_undo();
}

/* The cancellation takes effect with the leader's signature, after the
 * department head's (P1, P6), and a cancelled student is not cancelled
 * twice. */
static void cancel_admission(void)
{
	struct xj_cancel_in in = { "admission", "fraud", "forged notice", 0 };
	char got[FX_TEXT];

	if (fx_as("zhao") < 0)
		return;
	ALLOWED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err));
	REFUSED(xj_signoff(st, &fx_fresh, "cancel", "leader", "zhao", NULL, &err), XJ_EDATA,
		"the department head has not signed yet (P1)");
	REFUSED(xj_signoff(st, &fx_fresh, "cancel", "dept", "li", NULL, &err), XJ_EDATA,
		"li reviewed this; each level is a different person (P1)");
	ALLOWED(xj_signoff(st, &fx_fresh, "cancel", "dept", "wang", NULL, &err));
	CHECK_STR(fx_status_of(FX_FRESH, -1, got, sizeof(got)), "admitted");
	ALLOWED(xj_signoff(st, &fx_fresh, "cancel", "leader", "zhao", NULL, &err));
	CHECK_STR(fx_status_of(FX_FRESH, -1, got, sizeof(got)), "admission-cancelled");
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)),
		  "status {\"status\":\"admission-cancelled\"}");
	CHECK_STR(review_of(&fx_fresh, "cancel", got, sizeof(got)), "pass li  wang zhao");
	fx_reread();
	REFUSED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err), XJ_EDATA,
		"already admission-cancelled");
	in.what = "status";
	REFUSED(xj_cases_cancel_propose(st, &fx_fresh, &in, "li", &err), XJ_EDATA,
		"already admission-cancelled");
	fx_undo();
}

/* A status cancelled on a confirmed case of impersonation, the case
 * referred to the authorities (P8). */
static void cancel_status(void)
{
	struct xj_cancel_in in = { "status", "impersonation", "another sat the exam", 1 };
	char got[FX_TEXT];

	if (fx_as("zhao") < 0)
		return;
	ALLOWED(xj_cases_open(st, &fx_done, "impersonation reported", "li", &err));
	ALLOWED(xj_cases_close(st, &fx_done, "confirmed", "zhou", &err));
	ALLOWED(xj_cases_cancel_propose(st, &fx_done, &in, "li", &err));
	ALLOWED(xj_signoff(st, &fx_done, "cancel", "dept", "wang", NULL, &err));
	CHECK_STR(fx_case_of(&fx_done, got, sizeof(got)), "impersonation reported li confirmed 0");
	ALLOWED(xj_signoff(st, &fx_done, "cancel", "leader", "zhao", NULL, &err));
	CHECK_STR(fx_status_of(FX_DONE, -1, got, sizeof(got)), "status-cancelled");
	CHECK_STR(fx_case_of(&fx_done, got, sizeof(got)), "impersonation reported li confirmed 1");
	fx_undo();
}

/* The effect itself, by the items of the proposal: the status it names,
 * from the business day, and the case referred only when asked. */
static void cancel_effect(void)
{
	char got[FX_TEXT];

	if (fx_as("zhao") < 0)
		return;
	ALLOWED(xj_cases_cancel_effect(st, &fx_third, "{\"what\":\"admission\",\"refer\":false}",
				       "zhao", &err));
	CHECK_STR(fx_status_of(FX_THIRD, -1, got, sizeof(got)), "admission-cancelled");
	/* what is not a status: an admission, as proposals other than status are */
	ALLOWED(xj_cases_cancel_effect(st, &fx_fresh, NULL, "zhao", &err));
	CHECK_STR(fx_status_of(FX_FRESH, -1, got, sizeof(got)), "admission-cancelled");
	/* the state machine still has its say: a cancelled admission is final */
	fx_reread();
	REFUSED(xj_cases_cancel_effect(st, &fx_third, "{\"what\":\"status\"}", "zhao", &err),
		XJ_EDATA, "status admission-cancelled cannot become status-cancelled");
	/* refer with no case on record refers nothing, and is no failure */
	ALLOWED(xj_cases_cancel_effect(st, &fx_other, "{\"what\":\"status\",\"refer\":true}",
				       "zhao", &err));
	CHECK_STR(fx_status_of(FX_OTHER, -1, got, sizeof(got)), "status-cancelled");
	CHECK_STR(fx_case_of(&fx_other, got, sizeof(got)), "none");
	fx_undo();
}

static void mismatch(void *ctx, const char *field, const char *source, const char *ours,
		     const char *theirs, const char *where)
{
	struct xj_sb *all = ctx;
	const char *base = strrchr(where, '/');

	xj_sb_addf(all, "%s %s %s>%s [%s]\n", source, field, ours, theirs,
		   base ? base + 1 : where);
}

/* The sources an entrance review compares with the roster, in order. */
static void source_names(void)
{
	CHECK_STR(xj_entrance_source(0), "application");
	CHECK_STR(xj_entrance_source(1), "admission");
	CHECK_STR(xj_entrance_source(2), "onsite");
	CHECK(xj_entrance_source(3) == NULL);
	CHECK(xj_entrance_source((size_t)-1) == NULL);
	CHECK(xj_entrance_source_bit("onsite") == 4);
	CHECK(xj_entrance_source_bit("roster") == 0);
}

/* Student by student, field by field, every mismatch with the sources;
 * a source the student has no row of is said missing (P4). */
static void crosscheck(void)
{
	struct xj_sb all = XJ_SB_INIT;

	if (fx_as("li") < 0)
		return;
	/* DONE's admission data gives the name the roster had before its
	 * change (P12): the sources stay as they came, the mismatch is said */
	CHECK(xj_entrance_crosscheck(st, &fx_done, mismatch, &all, &err) == 3);
	CHECK_STR(all.buf, "application (source) >missing []\n"
		  "admission name 张玮>张伟 [adm.csv:2]\n"
		  "onsite (source) >missing []\n");
	xj_sb_reset(&all);
	CHECK(xj_entrance_crosscheck(st, &fx_fresh, mismatch, &all, &err) == 3);
	CHECK_STR(all.buf, "application (source) >missing []\n"
		  "admission (source) >missing []\n"
		  "onsite (source) >missing []\n");
	xj_sb_reset(&all);
	/* the sources of a mask only */
	CHECK(xj_entrance_crosscheck_some(st, &fx_done, xj_entrance_source_bit("admission"),
					  mismatch, &all, &err) == 1);
	CHECK_STR(all.buf, "admission name 张玮>张伟 [adm.csv:2]\n");
	xj_sb_reset(&all);
	CHECK(xj_entrance_crosscheck_some(st, &fx_done, 0, mismatch, &all, &err) == 0);
	CHECK(all.len == 0);
	xj_sb_release(&all);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the business day the cases act on */
	st = fx_open(argv[0], "2026-09-20T10:00:00+08:00", &err);
	stage_names();
	states();
	source_names();
	if (st) {
		roles();
		record();
		arrival_photos();
		confirm();
		sign();
		decisions();
		proven();
		cases();
		cancel_propose();
		cancel_admission();
		cancel_status();
		cancel_effect();
		crosscheck();
	}
	return fx_close("actions");
}
