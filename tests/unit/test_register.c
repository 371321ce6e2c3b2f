/* test_register.c: when the annual registration may be made (P11, P21):
 * inside its window, or after it only as late, and never as late while it
 * is open; the reason on record and what CHSI's file carries; who
 * wants a student number; and when the students still due are an alarm. */
#include "unit.h"
#include "xj/register.h"
#include "xj/student.h"

static struct xj_error err;

#define WHEN(day, late, want_rc, want_late, want_code) do { \
	int l_ = -1; \
	xj_error_clear(&err); \
	CHECK(xj_register_when(2027, "2027-09-06", "2027-10-06", day, late, &l_, &err) == \
	      (want_rc)); \
	CHECK(l_ == (want_late)); \
	CHECK(err.code == (want_code)); \
} while (0)

static void when(void)
{
	/* the window's first and last days are in it */
	WHEN("2027-09-06", 0, 0, 0, XJ_OK);
	WHEN("2027-09-20", 0, 0, 0, XJ_OK);
	WHEN("2027-10-06", 0, 0, 0, XJ_OK);
	/* after it: late, and only when asked */
	WHEN("2027-10-07", 1, 0, 1, XJ_OK);
	WHEN("2028-03-01", 1, 0, 1, XJ_OK);
	WHEN("2027-10-07", 0, -1, 1, XJ_EDATA);
	/* before it, late or not */
	WHEN("2027-09-05", 0, -1, 0, XJ_EDATA);
	WHEN("2027-09-05", 1, -1, 0, XJ_EDATA);
	/* late while open is a wrong ask, not a fact */
	WHEN("2027-10-06", 1, -1, 0, XJ_EUSAGE);
	WHEN("2027-09-06", 1, -1, 0, XJ_EUSAGE);
}

static void messages(void)
{
	int late;

	xj_error_clear(&err);
	xj_register_when(2027, "2027-09-06", "2027-10-06", "2027-09-01", 0, &late, &err);
	CHECK_STR(err.msg, "the registration of 2027 opens on 2027-09-06");
	xj_error_clear(&err);
	xj_register_when(2027, "2027-09-06", "2027-10-06", "2027-11-01", 0, &late, &err);
	CHECK_STR(err.msg, "the registration window of 2027 closed on 2027-10-06: register"
		  " late with --late --reason (P11, P21)");
	xj_error_clear(&err);
	xj_register_when(2027, "2027-09-06", "2027-10-06", "2027-09-10", 1, &late, &err);
	CHECK_STR(err.msg, "the window of 2027 is open until 2027-10-06: --late is not needed");
	xj_error_clear(&err);
}

static void reasons(void)
{
	CHECK_STR(xj_register_reason("", 0, NULL), "");
	CHECK_STR(xj_register_reason("withdrawn", 0, NULL), "withdrawn");
	/* late: the registrar's reason, unless the facts give their own */
	CHECK_STR(xj_register_reason("", 1, "sick leave"), "sick leave");
	CHECK_STR(xj_register_reason("a hold", 1, "sick leave"), "a hold");
	CHECK(xj_register_to_chsi("registered"));
	CHECK(xj_register_to_chsi("deferred"));
	CHECK(xj_register_to_chsi("refused"));
	CHECK(!xj_register_to_chsi("not-registered"));
}

#define NUMBER(status_, number_, want) do { \
	struct xj_student s_; \
	memset(&s_, 0, sizeof(s_)); \
	s_.status = (status_); \
	s_.v[XJ_S_STUDENT_NO] = (number_); \
	CHECK(xj_register_needs_number(&s_) == (want)); \
} while (0)

static void numbers(void)
{
	NUMBER("registered", NULL, 1);
	NUMBER("registered", "", 1);
	NUMBER("suspended", NULL, 1);
	NUMBER("registered", "2026010101", 0);
	/* not registered yet, or never to be */
	NUMBER(XJ_STATUS_ADMITTED, NULL, 0);
	NUMBER(NULL, NULL, 0);
	NUMBER("admission-cancelled", NULL, 0);
	NUMBER("status-cancelled", NULL, 0);
}

static void overdue(void)
{
	/* the window open, to its last day: nobody is late yet */
	CHECK(!xj_register_overdue(30, 5));
	CHECK(!xj_register_overdue(0, 5));
	/* closed with students left: the alarm */
	CHECK(xj_register_overdue(-1, 5));
	CHECK(xj_register_overdue(-200, 1));
	/* closed with everyone registered: nothing to say */
	CHECK(!xj_register_overdue(-1, 0));
	CHECK(!xj_register_overdue(0, 0));
}

int main(void)
{
	when();
	messages();
	reasons();
	numbers();
	overdue();
	return unit_done("register");
}
