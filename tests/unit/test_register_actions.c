/* test_register_actions.c: e-registration acted on a real store made by
 * the programs (rules-store.sh), each case rolled back after: a new
 * student handed to CHSI in a recorded submission, and CHSI's answer
 * taken for those only, never twice (P9); student numbers for registered
 * students only (P9); the annual registration by the facts, never taken
 * back (P11), and its holds (P11). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/config.h"
#include "xj/reader.h"
#include "xj/register.h"

static struct xj_error err;
static struct xj_store *st;

/* A registration of kind and year of s as "state reason late", or "none". */
static const char *reg_of(const struct xj_student *s, const char *kind, int year, char *buf,
			  size_t size)
{
	struct xj_reg r;

	memset(&r, 0, sizeof(r));
	if (fx_found(xj_store_reg_latest(st, s->id, kind, year, &r, &err), buf, size))
		snprintf(buf, size, "%s %s %d", r.state.buf, r.reason.buf ? r.reason.buf : "",
			 r.late);
	xj_store_reg_release(&r);
	return buf;
}

/* FRESH handed to CHSI in the file new.csv the store's year made. */
static int submit_fresh(void)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/new.csv", fx_dir);
	return xj_register_submit(st, 2026, "new-2.csv", path, FX_FRESH "\n", &err);
}

/* The submission, and CHSI's answer for those it carried only (P9). */
static void submit(void)
{
	long long sub = 0;
	char got[FX_TEXT], path[PATH_MAX + 16];

	if (fx_as("chen") < 0)
		return;
	snprintf(path, sizeof(path), "%s/no-such.csv", fx_dir);
	xj_error_clear(&err);
	CHECK(xj_register_submit(st, 2026, "gone.csv", path, FX_FRESH "\n", &err) < 0);
	CHECK(err.code != XJ_OK);
	xj_error_clear(&err);
	CHECK(xj_store_reg_submitted(st, fx_fresh.id, "new", 2026, &sub, &err) == 0);
	/* a key not ended by a line break is none */
	snprintf(path, sizeof(path), "%s/new.csv", fx_dir);
	ALLOWED(xj_register_submit(st, 2026, "new-2.csv", path, FX_FRESH, &err));
	CHECK(xj_store_reg_submitted(st, fx_fresh.id, "new", 2026, &sub, &err) == 0);
	ALLOWED(submit_fresh());
	CHECK(xj_store_reg_submitted(st, fx_fresh.id, "new", 2026, &sub, &err) == 1);
	CHECK(sub == 3);
	CHECK_STR(reg_of(&fx_fresh, "new", 2026, got, sizeof(got)), "submitted  0");
	CHECK_STR(fx_status_of(FX_FRESH, XJ_S_STUDENT_NO, got, sizeof(got)), "admitted -");
	/* THIRD was not in it */
	CHECK(xj_store_reg_submitted(st, fx_third.id, "new", 2026, &sub, &err) == 0);
	/* the keys are the caller's, each of a student it found: one that is
	 * none fails the command (the store's own constraint), not a row */
	xj_error_clear(&err);
	CHECK(xj_register_submit(st, 2026, "x.csv", path, "26999999999999\n", &err) < 0);
	CHECK(err.code == XJ_ESTORE);
	xj_error_clear(&err);
	fx_undo();
}

/* Those CHSI's feedback did not name, registered as a success (P9). */
static void rest(void)
{
	char got[FX_TEXT];

	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_register_rest(st, FX_THIRD, &err), XJ_EDATA, "not submitted for registration");
	REFUSED(xj_register_rest(st, FX_DONE, &err), XJ_EDATA, "registered already");
	REFUSED(xj_register_rest(st, "26999999999999", &err), XJ_ESTORE,
		"student 26999999999999 vanished");
	ALLOWED(submit_fresh());
	ALLOWED(xj_register_rest(st, FX_FRESH, &err));
	CHECK_STR(fx_status_of(FX_FRESH, XJ_S_STUDENT_NO, got, sizeof(got)), "registered -");
	CHECK_STR(reg_of(&fx_fresh, "new", 2026, got, sizeof(got)), "registered  0");
	REFUSED(xj_register_rest(st, FX_FRESH, &err), XJ_EDATA, "registered already");
	fx_undo();
}

/* CHSI's feedback, a row a student: a refusal recorded once, a success
 * making the student registered, dated (P9). */
static void result(void)
{
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	struct fx_row w;
	char got[FX_TEXT];

	if (fx_as("chen") < 0)
		return;
	FX_ROW_REFUSED(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "ok", ""), &key, &msg,
					  &err), "result", "unknown result \"ok\" (want success or"
		       " failure, or map it in the template)");
	REFUSED(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "success", ""), &key, &msg,
				   &err), XJ_EDATA, "not submitted for registration");
	CHECK_STR(key.buf, FX_FRESH);
	REFUSED(xj_register_result(st, NULL, fx_feedback(&w, FX_DONE, "success", ""), &key, &msg,
				   &err), XJ_EDATA, "registered already");
	REFUSED(xj_register_result(st, NULL, fx_feedback(&w, "26999999999999", "success", ""), &key,
				   &msg, &err), XJ_EDATA, "no student with exam_no 26999999999999");
	ALLOWED(submit_fresh());
	CHECK(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "failure", "照片不合格"), &key,
				 &msg, &err) == 1);
	CHECK_STR(msg.buf, "照片不合格");
	CHECK_STR(reg_of(&fx_fresh, "new", 2026, got, sizeof(got)), "failed 照片不合格 0");
	/* the same refusal again is on record already */
	CHECK(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "failure", "照片不合格"), &key,
				 &msg, &err) == 2);
	/* a refusal without its message is "refused" */
	CHECK(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "failure", ""), &key, &msg,
				 &err) == 1);
	CHECK_STR(reg_of(&fx_fresh, "new", 2026, got, sizeof(got)), "failed refused 0");
	CHECK(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "success", ""), &key, &msg,
				 &err) == 0);
	CHECK_STR(fx_status_of(FX_FRESH, XJ_S_STUDENT_NO, got, sizeof(got)), "registered -");
	REFUSED(xj_register_result(st, NULL, fx_feedback(&w, FX_FRESH, "failure", "late"), &key,
				   &msg, &err), XJ_EDATA, "registered already");
	xj_sb_release(&key);
	xj_sb_release(&msg);
	fx_undo();
}

/* A student number for a registered student without one (P9). */
static void numbers(void)
{
	struct xj_config cfg;
	struct xj_sb pattern = XJ_SB_INIT, number = XJ_SB_INIT;
	char got[FX_TEXT];

	memset(&cfg, 0, sizeof(cfg));
	if (fx_as("chen") < 0)
		return;
	CHECK(xj_store_number_pattern(st, &pattern, &err) == 0);
	CHECK(xj_store_config_get(st, &cfg, &err) == 1);
	REFUSED(xj_register_number(st, &fx_fresh, pattern.buf, &cfg, &number, &err), XJ_EDATA,
		"not registered yet (P9)");
	ALLOWED(xj_register_number_begin(st, &err));
	ALLOWED(xj_register_number(st, &fx_done, "{year}{major}{seq:3}", &cfg, &number, &err));
	CHECK_STR(number.buf, "2026510201001");
	CHECK_STR(fx_status_of(FX_DONE, XJ_S_STUDENT_NO, got, sizeof(got)),
		  "registered 2026510201001");
	fx_reread();
	REFUSED(xj_register_number(st, &fx_done, "{year}{major}{seq:3}", &cfg, &number, &err),
		XJ_EDATA, "has student number 2026510201001 already");
	/* the next of the sequence is the next student's */
	ALLOWED(submit_fresh());
	ALLOWED(xj_register_rest(st, FX_FRESH, &err));
	fx_reread();
	ALLOWED(xj_register_number(st, &fx_fresh, "{year}{major}{seq:3}", &cfg, &number, &err));
	CHECK_STR(number.buf, "2026510201002");
	xj_sb_release(&pattern);
	xj_sb_release(&number);
	xj_config_release(&cfg);
	fx_undo();
}

/* The annual registration as recorded: a registration is never taken
 * back, the same answer not recorded twice (P11). */
static void annual_record(void)
{
	char got[FX_TEXT];

	if (fx_as("chen") < 0)
		return;
	CHECK_STR(reg_of(&fx_done, "annual", 2027, got, sizeof(got)), "registered  0");
	CHECK(xj_register_record(st, &fx_done, 2027, "registered", "", 0, &err) == 1);
	CHECK(xj_register_record(st, &fx_done, 2027, "deferred", "fees", 0, &err) == 1);
	CHECK_STR(reg_of(&fx_done, "annual", 2027, got, sizeof(got)), "registered  0");
	CHECK_STR(reg_of(&fx_done, "annual", 2029, got, sizeof(got)), "none");
	CHECK(xj_register_record(st, &fx_done, 2029, "deferred", "fees unpaid", 0, &err) == 0);
	CHECK_STR(reg_of(&fx_done, "annual", 2029, got, sizeof(got)), "deferred fees unpaid 0");
	CHECK(xj_register_record(st, &fx_done, 2029, "deferred", "fees unpaid", 0, &err) == 1);
	/* another reason is another answer */
	CHECK(xj_register_record(st, &fx_done, 2029, "deferred", "fees still unpaid", 0,
				 &err) == 0);
	/* registered after the window, with the reason why (P21) */
	CHECK(xj_register_record(st, &fx_done, 2029, "registered", "fees paid late", 1, &err) == 0);
	CHECK_STR(reg_of(&fx_done, "annual", 2029, got, sizeof(got)),
		  "registered fees paid late 1");
	CHECK(xj_register_record(st, &fx_done, 2029, "not-registered", "", 0, &err) == 1);
	CHECK_STR(reg_of(&fx_done, "annual", 2029, got, sizeof(got)),
		  "registered fees paid late 1");
	fx_undo();
}

/* A hold row (holds.csv: key, kind and reason columns) refused. */
#define HOLD_REFUSED(year, field_, msg_, ...) do { \
	static const char *const cells_[] = { __VA_ARGS__, NULL }; \
	struct fx_row row_; \
	FX_ROW_REFUSED(xj_register_hold(st, fx_row(&row_, "holds.csv", cells_), year, &err), \
		       field_, msg_); \
} while (0)

/* The hold of a year in force, as "kind reason", or "none". */
static const char *hold_in_force(const struct xj_student *s, int year, char *buf, size_t size)
{
	struct xj_sb kind = XJ_SB_INIT, reason = XJ_SB_INIT;

	if (fx_found(xj_store_hold_latest(st, s->id, year, &kind, &reason, &err), buf, size))
		snprintf(buf, size, "%s %s", kind.buf, reason.buf ? reason.buf : "");
	xj_sb_release(&kind);
	xj_sb_release(&reason);
	return buf;
}

/* Holds on the annual registration: deferred or refused with a reason,
 * cleared without; none once the year is registered (P11). */
static void holds(void)
{
	static const char *const defer[] = { "exam_no", FX_DONE, "kind", "暂缓注册", "reason", "欠费",
					     NULL };
	static const char *const clear[] = { "exam_no", FX_DONE, "kind", "解除", NULL };
	static const char *const refuse[] = { "exam_no", FX_DONE, "kind", "refused", "reason",
					      "absent", NULL };
	struct fx_row w;
	char got[FX_TEXT];

	if (fx_as("chen") < 0)
		return;
	HOLD_REFUSED(2029, "kind", "no kind column (类型): each row says deferred, refused or"
		     " cleared", "exam_no", FX_DONE, "reason", "欠费");
	HOLD_REFUSED(2029, "kind", "unknown kind \"休学\" (want deferred, refused or cleared)",
		     "exam_no", FX_DONE, "kind", "休学", "reason", "欠费");
	HOLD_REFUSED(2029, "reason", "no reason column (原因): a hold needs its reason",
		     "exam_no", FX_DONE, "kind", "deferred");
	HOLD_REFUSED(2029, "reason", "a hold needs its reason", "exam_no", FX_DONE, "kind", "暂缓",
		     "reason", "");
	HOLD_REFUSED(2027, "", "registered for 2027 already", "exam_no", FX_DONE, "kind",
		     "deferred", "reason", "欠费");
	HOLD_REFUSED(2029, "exam_no", "no student with exam_no 26999999999999", "exam_no",
		     "26999999999999", "kind", "deferred", "reason", "欠费");
	CHECK(xj_store_changes(st) == 0);
	CHECK_STR(hold_in_force(&fx_done, 2029, got, sizeof(got)), "none");
	ALLOWED(xj_register_hold(st, fx_row(&w, "holds.csv", defer), 2029, &err));
	CHECK_STR(hold_in_force(&fx_done, 2029, got, sizeof(got)), "deferred 欠费");
	ALLOWED(xj_register_hold(st, fx_row(&w, "holds.csv", refuse), 2029, &err));
	CHECK_STR(hold_in_force(&fx_done, 2029, got, sizeof(got)), "refused absent");
	/* cleared needs no reason */
	ALLOWED(xj_register_hold(st, fx_row(&w, "holds.csv", clear), 2029, &err));
	CHECK_STR(hold_in_force(&fx_done, 2029, got, sizeof(got)), "cleared ");
	CHECK(xj_store_changes(st) == 3);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	st = fx_open(argv[0], "2026-09-20T10:00:00+08:00", &err);
	if (st) {
		submit();
		rest();
		result();
		numbers();
		annual_record();
		holds();
	}
	return fx_close("register_actions");
}
