/* test_rules.c: the register and diploma rules decided on a real store,
 * made by the programs themselves (rules-store.sh): the annual window
 * (P11) and who is still due (P21), who may go on the approved list and
 * was handed to CHSI (P9), what the annual registration makes of a
 * student (P11), the entrance sources compared (P4), the re-check's
 * deadline (P7, P21) and where each stage of the entrance review stands
 * (P1, P7), who may approve a change at its next level (P1, P12) and
 * what each request changes, what a self-check report asks (P10), every
 * value a field has had (P2, P12), and every reason a student may not
 * graduate (P13).  The store is what an office's year would leave. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/change.h"
#include "xj/diploma.h"
#include "xj/entrance.h"
#include "xj/register.h"
#include "xj/review.h"
#include "xj/store.h"

static struct xj_error err;

static int student(struct xj_store *st, const char *exam_no, struct xj_student *s)
{
	return fx_student(st, exam_no, s, &err);
}

static void windows(struct xj_store *st)
{
	char start[11], end[11];

	CHECK(xj_register_window(st, 2027, start, end, &err) == 0);
	CHECK_STR(start, "2027-09-06");
	CHECK_STR(end, "2027-10-06");
	xj_error_clear(&err);
	CHECK(xj_register_window(st, 2031, start, end, &err) < 0);
	CHECK(err.code == XJ_EDATA);
	xj_error_clear(&err);
}

/* The annual registration by the store's calendar: when it may be made,
 * and the one under way on a day with the days left of it (P11, P21). */
static void annual_days(struct xj_store *st)
{
	char end[11];
	long left = 0;
	int late = -1, year = 0;

	CHECK(xj_register_open(st, 2027, "2027-09-10", 0, &late, &err) == 0 && late == 0);
	CHECK(xj_register_open(st, 2027, "2027-10-07", 1, &late, &err) == 0 && late == 1);
	CHECK(xj_register_open(st, 2027, "2027-10-07", 0, &late, &err) < 0);
	CHECK(err.code == XJ_EDATA);
	xj_error_clear(&err);
	CHECK(xj_register_open(st, 2031, "2031-09-10", 0, &late, &err) < 0);
	CHECK(err.code == XJ_EDATA);
	xj_error_clear(&err);
	CHECK(xj_register_deadline(st, "2027-09-10", &year, end, &left, &err) == 0);
	CHECK(year == 2027 && left == 26);
	CHECK_STR(end, "2027-10-06");
	CHECK(xj_register_deadline(st, "2028-10-10", &year, end, &left, &err) == 0);
	CHECK(year == 2028 && left == -6);
	CHECK_STR(end, "2028-10-04");
	CHECK(xj_register_deadline(st, "2026-08-01", &year, end, &left, &err) < 0);
	CHECK_STR(err.msg, "no academic year has started by 2026-08-01 (xj-config(5), calendar)");
	xj_error_clear(&err);
}

/* Who is still to register for a year: one the facts register, with no
 * registration of the year on record. */
static void annual_due(struct xj_store *st, const struct xj_student *done,
		       const struct xj_student *fresh)
{
	CHECK(xj_register_due(st, done, 2027, &err) == 0);
	CHECK(xj_register_due(st, done, 2028, &err) == 0);
	CHECK(xj_register_due(st, done, 2029, &err) == 1);
	/* the year of entry is not an annual registration's */
	CHECK(xj_register_due(st, done, 2026, &err) == 0);
	/* not registered by the facts: the answer is on record, nothing due */
	CHECK(xj_register_due(st, fresh, 2029, &err) == 0);
}

static int submitted_entry(void *ctx, const struct xj_log_entry *e)
{
	*(int *)ctx += !strcmp(e->action, "register") &&
		       !strcmp(e->new_json, "{\"kind\":\"new\",\"state\":\"submitted\"}");
	return 0;
}

/* xj-register new --commit handed the re-checked student to CHSI, on
 * record with the submission it went in; the other was never handed. */
static void submission(struct xj_store *st, const struct xj_student *done,
		       const struct xj_student *fresh)
{
	struct xj_log_filter f;
	long long sub = 0;
	int n = 0;

	CHECK(xj_store_reg_submitted(st, done->id, "new", 2026, &sub, &err) == 1);
	CHECK(sub == 1);
	CHECK(xj_store_reg_submitted(st, fresh->id, "new", 2026, &sub, &err) == 0);
	memset(&f, 0, sizeof(f));
	f.student = "26110101000001";
	CHECK(xj_store_log_each(st, &f, submitted_entry, &n, &err) == 0);
	CHECK(n == 1);
}

static void ready(struct xj_store *st, const struct xj_student *done,
		  const struct xj_student *fresh)
{
	struct xj_sb why = XJ_SB_INIT;

	CHECK(xj_register_is_registered(done));
	CHECK(!xj_register_is_registered(fresh));
	CHECK(xj_register_ready(st, fresh, &why, &err) == 0);
	CHECK(why.len > 0);
	/* one registered already is said to be so only when named */
	CHECK(xj_register_listed(st, done, 1, &why, &err) == 0);
	CHECK_STR(why.buf, "registered already");
	CHECK(xj_register_listed(st, done, 0, &why, &err) == 0);
	CHECK_STR(why.buf, "");
	CHECK(xj_register_listed(st, fresh, 0, &why, &err) == 0);
	CHECK_STR(why.buf, "no re-check review yet (P7)");
	xj_sb_release(&why);
}

static void annual(struct xj_store *st, const struct xj_student *done,
		   const struct xj_student *fresh)
{
	struct xj_sb state = XJ_SB_INIT, reason = XJ_SB_INIT;

	CHECK(xj_register_decide(st, done, 2027, &state, &reason, &err) == 0);
	CHECK_STR(state.buf, "registered");
	CHECK(xj_register_decide(st, fresh, 2027, &state, &reason, &err) == 0);
	CHECK_STR(state.buf, "not-registered");
	CHECK_STR(reason.buf, "no student status: the new-student registration is missing (P9)");
	/* the year of entry is the new-student registration's, not an annual one */
	CHECK(xj_register_decide(st, done, 2026, &state, &reason, &err) == 0);
	CHECK_STR(state.buf ? state.buf : "", "");
	xj_sb_release(&state);
	xj_sb_release(&reason);
}

/* The entrance re-check's deadline, three months from the enrolment date
 * the config gives the cohort (P7, P21), and where each student stands. */
static void due(struct xj_store *st, const struct xj_student *done,
		const struct xj_student *fresh)
{
	struct xj_due d;

	CHECK(xj_entrance_due_recheck(st, fresh, "2026-09-10", &d, &err) == 0);
	CHECK_STR(d.enrolled, "2026-09-05");
	CHECK_STR(d.deadline, "2026-12-05");
	CHECK(d.days_left == 86);
	CHECK_STR(d.state, "none");
	CHECK(!d.complete && !d.left);
	CHECK(xj_entrance_due_recheck(st, fresh, "2026-12-06", &d, &err) == 0);
	CHECK(d.days_left == -1);
	CHECK(xj_entrance_due_recheck(st, done, "2026-09-10", &d, &err) == 0);
	CHECK(d.complete);
	CHECK_STR(d.state, "complete");
}

struct stages {
	char all[256];
};

static int stage_row(void *ctx, const struct xj_review_row *row)
{
	struct stages *g = ctx;
	size_t len = strlen(g->all);

	snprintf(g->all + len, sizeof(g->all) - len, "%s%s %s %s [%s]", len ? "; " : "",
		 row->stage, *row->result ? row->result : "-", row->state, row->photos);
	return 0;
}

#define STAGES(s, stage, want) do { \
	struct stages sg_; \
	const struct xj_review_status_cb cb_ = { stage_row, &sg_ }; \
	memset(&sg_, 0, sizeof(sg_)); \
	CHECK(xj_review_status(st, s, stage, &cb_, &err) == 0); \
	CHECK_STR(sg_.all, want); \
} while (0)

/* Where each stage of the entrance review stands (xj-verify status): a
 * cancellation only once proposed, or when asked for. */
static void review_status(struct xj_store *st, const struct xj_student *done,
			  const struct xj_student *fresh)
{
	STAGES(done, NULL, "arrival - none []; recheck pass complete []");
	STAGES(fresh, NULL, "arrival - none []; recheck - none []");
	STAGES(done, "recheck", "recheck pass complete []");
	STAGES(done, "cancel", "cancel - none []");
	/* a stage status does not list */
	STAGES(done, "revoke", "");
}

static void never(void *ctx, const char *source)
{
	struct stages *g = ctx;
	size_t len = strlen(g->all);

	snprintf(g->all + len, sizeof(g->all) - len, "%s%s", len ? "," : "", source);
}

/* The entrance sources compared for a cohort: those ever imported for it;
 * each other one asked for is said, the check not whole (P4). */
static void sources(struct xj_store *st)
{
	struct stages g;
	unsigned known = 99;

	memset(&g, 0, sizeof(g));
	CHECK(xj_entrance_sources_known(st, 2026, 0, never, &g, &known, &err) == 0);
	CHECK(known == xj_entrance_source_bit("admission"));
	CHECK_STR(g.all, "application,onsite");
	memset(&g, 0, sizeof(g));
	CHECK(xj_entrance_sources_known(st, 2026, xj_entrance_source_bit("admission"), never,
					&g, &known, &err) == 0);
	CHECK(known == xj_entrance_source_bit("admission"));
	CHECK_STR(g.all, "");
	memset(&g, 0, sizeof(g));
	CHECK(xj_entrance_sources_known(st, 2027, 0, never, &g, &known, &err) == 0);
	CHECK(known == 0);
	CHECK_STR(g.all, "application,admission,onsite");
}

/* Who may approve a change of key data at its next level (P1, P12). */
static void approval(struct xj_store *st)
{
	struct xj_change_req r;
	char role[32];
	int level = 0;

	memset(&r, 0, sizeof(r));
	CHECK(xj_change_may_approve(st, 1, "zhou", &r, &level, role, sizeof(role), &err) == 0);
	CHECK(level == 1);
	CHECK_STR(role, "reviewer");
	CHECK_STR(r.levels.buf, "reviewer,dept-head,leader");
	xj_store_change_req_release(&r);
	xj_error_clear(&err);
	memset(&r, 0, sizeof(r));
	/* who asked does not approve; a level above waits its turn */
	CHECK(xj_change_may_approve(st, 1, "li", &r, &level, role, sizeof(role), &err) < 0);
	CHECK_STR(err.msg, "li asked for request #1; each level is another person (P1, P12)");
	xj_store_change_req_release(&r);
	xj_error_clear(&err);
	memset(&r, 0, sizeof(r));
	CHECK(xj_change_may_approve(st, 1, "wang", &r, &level, role, sizeof(role), &err) < 0);
	CHECK_STR(err.msg, "level 1 of request #1 is the reviewer's: wang is not a reviewer");
	xj_store_change_req_release(&r);
	xj_error_clear(&err);
}

/* A row of the students' self-check reports made a request of its field,
 * bound to the row it came from (P10). */
static void report(struct xj_store *st)
{
	struct xj_change_req r;

	memset(&r, 0, sizeof(r));
	CHECK(xj_store_change_get(st, 2, &r, &err) == 1);
	CHECK_STR(r.exam_no.buf, "26110101000002");
	CHECK(strstr(r.new_.buf, "\"ethnicity\":\"回族\"") != NULL);
	CHECK_STR(r.origin.buf, "selfcheck.csv:2");
	CHECK_STR(r.note.buf, "学信网显示汉族");
	CHECK_STR(r.requested_by.buf, "li");
	CHECK_STR(r.state.buf, "pending");
	xj_store_change_req_release(&r);
}

static void pair(void *ctx, const char *field, const char *was, const char *to)
{
	struct stages *g = ctx;
	size_t len = strlen(g->all);

	snprintf(g->all + len, sizeof(g->all) - len, "%s%s %s>%s", len ? "; " : "", field, was,
		 to);
}

#define PAIRS(id, want) do { \
	struct xj_change_req r_; \
	struct stages sg_; \
	memset(&r_, 0, sizeof(r_)); \
	memset(&sg_, 0, sizeof(sg_)); \
	CHECK(xj_store_change_get(st, id, &r_, &err) == 1); \
	CHECK(xj_change_pairs(st, &r_, pair, &sg_, &err) == 0); \
	CHECK_STR(sg_.all, want); \
	xj_store_change_req_release(&r_); \
} while (0)

/* What each request changes, the value before beside the one asked for:
 * an ethnicity brings its code along; an applied change's number is no
 * field of it. */
static void pairs(struct xj_store *st)
{
	PAIRS(1, "name 王芳>王方");
	PAIRS(2, "ethnicity 汉族>回族; ethnicity_code 01>03");
	PAIRS(3, "name 张伟>张玮");
}

struct rows {
	char all[2048];
	int n;
};

/* A history row as "field value by how [grounds]", the grounds of an
 * import cut to its file's name (its path is the checkout's). */
static int history_row(void *ctx, const struct xj_history_row *row)
{
	struct rows *h = ctx;
	const char *g = strrchr(row->grounds, '/');
	size_t len = strlen(h->all);

	snprintf(h->all + len, sizeof(h->all) - len, "%s %s %s %s [%s]\n", row->field, row->value,
		 row->by, row->how, g && !strstr(row->grounds, "evidence") ? g + 1 : row->grounds);
	h->n++;
	return 0;
}

#define HISTORY(s, only, want) do { \
	struct rows hr_; \
	const struct xj_change_history_cb cb_ = { history_row, &hr_ }; \
	memset(&hr_, 0, sizeof(hr_)); \
	CHECK(xj_change_history(st, s, only, &cb_, &err) == 0); \
	CHECK_STR(hr_.all, want); \
} while (0)

static int stop_row(void *ctx, const struct xj_history_row *row)
{
	(void)row;
	return ++*(int *)ctx == 2;
}

/* Every value a field has had (xj-change history): the import's value
 * put right by the change that followed, the change on its grounds; the
 * key data always, other fields only once they changed. */
static void history(struct xj_store *st, const struct xj_student *done,
		    const struct xj_student *fresh)
{
	struct xj_change_history_cb cb = { stop_row, NULL };
	int n = 0;

	HISTORY(done, "name", "name 张伟 chen xj-import create [roster.csv]\n"
		"name 张玮 zhao xj-change change #3 [evidence application,household-register,"
		"id-card; requested by li, approved by zhou,wang,zhao]\n");
	HISTORY(done, "gender", "gender 男 chen xj-import create [roster.csv]\n");
	/* a request not yet applied is no value the field had */
	HISTORY(fresh, "name", "name 王芳 chen xj-import create [roster.csv]\n");
	HISTORY(fresh, "ethnicity", "ethnicity 汉族 chen xj-import create [roster.csv]\n");
	/* asked for, a field never changed shows its value at creation */
	HISTORY(done, "phone", "phone 13812345678 chen xj-import create [roster.csv]\n");
	HISTORY(done, "no such field", "");
	HISTORY(done, NULL, "id_number 110101200703140012 chen xj-import create [roster.csv]\n"
		"name 张伟 chen xj-import create [roster.csv]\n"
		"gender 男 chen xj-import create [roster.csv]\n"
		"birth_date 2007-03-14 chen xj-import create [roster.csv]\n"
		"ethnicity 汉族 chen xj-import create [roster.csv]\n"
		"ethnicity_code 01 chen xj-import create [roster.csv]\n"
		"id_type 居民身份证 chen xj-import create [roster.csv]\n"
		"name 张玮 zhao xj-change change #3 [evidence application,household-register,"
		"id-card; requested by li, approved by zhou,wang,zhao]\n");
	/* the caller's stop ends it, as a failure */
	cb.ctx = &n;
	CHECK(xj_change_history(st, done, NULL, &cb, &err) < 0);
	CHECK(n == 2);
}

struct reasons {
	char all[1024];
	long n;
};

static void note(void *ctx, const char *reason)
{
	struct reasons *r = ctx;
	size_t len = strlen(r->all);

	snprintf(r->all + len, sizeof(r->all) - len, "%s%s", len ? "\n" : "", reason);
	r->n++;
}

static void graduation(struct xj_store *st, const struct xj_student *done,
		       const struct xj_student *fresh)
{
	struct reasons r;

	memset(&r, 0, sizeof(r));
	CHECK(xj_diploma_check(st, done, "graduate", "2029-06-20", note, &r, &err) == 0);
	CHECK_STR(r.all, "");
	memset(&r, 0, sizeof(r));
	CHECK(xj_diploma_check(st, fresh, "graduate", "2029-06-20", note, &r, &err) == r.n);
	CHECK(r.n >= 1);
	CHECK(strstr(r.all, "no student status: never registered (P9, P13)") != NULL);
	/* a completion (结业) asks no more of a student who may graduate */
	memset(&r, 0, sizeof(r));
	CHECK(xj_diploma_check(st, done, "completion", "2029-06-20", note, &r, &err) == 0);
	CHECK_STR(r.all, "");
}

int main(int argc, char **argv)
{
	struct xj_store *st;
	struct xj_student done, fresh;

	(void)argc;
	st = fx_open(argv[0], NULL, &err);
	if (st && student(st, "26110101000001", &done) == 1 &&
	    student(st, "26110101000002", &fresh) == 1) {
		windows(st);
		annual_days(st);
		annual_due(st, &done, &fresh);
		submission(st, &done, &fresh);
		ready(st, &done, &fresh);
		annual(st, &done, &fresh);
		due(st, &done, &fresh);
		review_status(st, &done, &fresh);
		sources(st);
		approval(st);
		report(st);
		pairs(st);
		history(st, &done, &fresh);
		graduation(st, &done, &fresh);
		xj_student_release(&done);
		xj_student_release(&fresh);
	} else {
		CHECK(!"the store's two students");
	}
	return fx_close("rules");
}
