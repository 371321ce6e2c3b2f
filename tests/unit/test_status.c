/* test_status.c: the state machine of a student's status (xj/status.h):
 * each move by the act that permits it, and the terminal statuses that
 * nothing moves on (P6, P8, P9, P11, P13). */
#include <string.h>

#include "unit.h"
#include "xj/status.h"

static struct xj_error err;

static const char *const all[] = {
	"admitted", "registered", "suspended", "resumed", "retained", "transferred-major",
	"withdrawn", "deceased", "admission-cancelled", "status-cancelled", "graduated",
	"completed", "incomplete", "demoted",
};
static const char *const kinds[] = {
	XJ_BY_IMPORT, XJ_BY_REGISTER, XJ_BY_CHANGE, XJ_BY_CANCEL, XJ_BY_DIPLOMA,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define ALLOW(from, to, by) do { \
	xj_error_clear(&err); \
	CHECK(xj_status_allow(from, to, by, &err) == 0); \
	CHECK(err.code == XJ_OK); \
} while (0)

/* A refusal with XJ_EDATA and exactly this message. */
#define REFUSE(from, to, by, text) do { \
	xj_error_clear(&err); \
	CHECK(xj_status_allow(from, to, by, &err) == -1); \
	CHECK(err.code == XJ_EDATA); \
	CHECK_STR(err.msg, text); \
} while (0)

static int allowed(const char *from, const char *to, const char *by)
{
	xj_error_clear(&err);
	return xj_status_allow(from, to, by, &err) == 0;
}

static void test_known(void)
{
	size_t i;

	for (i = 0; i < N(all); i++)
		CHECK(xj_status_known(all[i]));
	CHECK(!xj_status_known(""));
	CHECK(!xj_status_known(NULL));
	CHECK(!xj_status_known("cancelled"));
	CHECK(!xj_status_known("admitted registered"));   /* a forged row */
	CHECK(!xj_status_known("admit"));
	REFUSE("admitted", "enrolled", XJ_BY_CHANGE, "not a status: \"enrolled\"");
	REFUSE("admitted", "registered resumed", XJ_BY_REGISTER,
	       "not a status: \"registered resumed\"");
	/* a status the table does not know goes nowhere */
	REFUSE("admitted registered", "registered", XJ_BY_REGISTER,
	       "status admitted registered cannot become registered");
	REFUSE("arrived", "registered", XJ_BY_REGISTER,
	       "status arrived cannot become registered");
}

/* A student enters admitted, by an import only (P4). */
static void test_new(void)
{
	size_t i;

	ALLOW(NULL, "admitted", XJ_BY_IMPORT);
	ALLOW("", "admitted", XJ_BY_IMPORT);
	REFUSE(NULL, "registered", XJ_BY_REGISTER,
	       "a new student's first status is admitted, by an import");
	REFUSE(NULL, "admitted", XJ_BY_CHANGE,
	       "a new student's first status is admitted, by an import");
	REFUSE(NULL, "admitted", NULL, "a new student's first status is admitted, by an import");
	for (i = 0; i < N(all); i++)
		CHECK(allowed(NULL, all[i], XJ_BY_IMPORT) == !strcmp(all[i], "admitted"));
	for (i = 0; i < N(all); i++)
		CHECK(!allowed(all[i], "admitted", XJ_BY_IMPORT));
}

/* Registered only from admitted, and only by CHSI's feedback (P9). */
static void test_registered(void)
{
	size_t i, k;

	ALLOW("admitted", "registered", XJ_BY_REGISTER);
	REFUSE("admitted", "registered", XJ_BY_CHANGE, "status admitted cannot become registered");
	REFUSE("registered", "registered", XJ_BY_REGISTER,
	       "status registered cannot become registered");
	for (i = 0; i < N(all); i++)
		for (k = 0; k < N(kinds); k++)
			CHECK(allowed(all[i], "registered", kinds[k]) ==
			      (!strcmp(all[i], "admitted") && !strcmp(kinds[k], XJ_BY_REGISTER)));
}

/* withdrawn, deceased and the cancellations are terminal: the one rule
 * that moves one of them is the 肄业 certificate of a withdrawn student. */
static void test_terminal(void)
{
	static const char *const terminal[] = {
		"withdrawn", "deceased", "admission-cancelled", "status-cancelled",
	};
	size_t i, j, k;

	for (i = 0; i < N(all); i++)
		CHECK(xj_status_terminal(all[i]) == (i >= 6 && i <= 9));
	CHECK(!xj_status_terminal(NULL));
	CHECK(!xj_status_terminal(""));
	for (i = 0; i < N(terminal); i++)
		for (j = 0; j < N(all); j++)
			for (k = 0; k < N(kinds); k++)
				CHECK(allowed(terminal[i], all[j], kinds[k]) ==
				      (!strcmp(terminal[i], "withdrawn") &&
				       !strcmp(all[j], "incomplete") &&
				       !strcmp(kinds[k], XJ_BY_DIPLOMA)));
	REFUSE("status-cancelled", "registered", XJ_BY_REGISTER,
	       "status status-cancelled cannot become registered");
	REFUSE("admission-cancelled", "registered", XJ_BY_REGISTER,
	       "status admission-cancelled cannot become registered");
	REFUSE("withdrawn", "registered", XJ_BY_REGISTER,
	       "status withdrawn cannot become registered");
	REFUSE("withdrawn", "resumed", XJ_BY_CHANGE, "status withdrawn cannot become resumed");
	REFUSE("deceased", "status-cancelled", XJ_BY_CANCEL,
	       "status deceased cannot become status-cancelled");
	REFUSE("withdrawn", "graduated", XJ_BY_DIPLOMA, "status withdrawn cannot become graduated");
	ALLOW("withdrawn", "incomplete", XJ_BY_DIPLOMA);
}

/* An admission is cancelled before registration (P6); a status on a
 * confirmed case at any time before a terminal status (P8). */
static void test_cancel(void)
{
	size_t i;

	for (i = 0; i < N(all); i++)
		CHECK(allowed(all[i], "admission-cancelled", XJ_BY_CANCEL) ==
		      !strcmp(all[i], "admitted"));
	REFUSE("registered", "admission-cancelled", XJ_BY_CANCEL,
	       "status registered cannot become admission-cancelled");
	for (i = 0; i < N(all); i++)
		CHECK(allowed(all[i], "status-cancelled", XJ_BY_CANCEL) ==
		      !xj_status_terminal(all[i]));
	ALLOW("graduated", "status-cancelled", XJ_BY_CANCEL);
	REFUSE("registered", "status-cancelled", XJ_BY_CHANGE,
	       "status registered cannot become status-cancelled");
}

/* 学籍异动: what xj-change status may ask, and from where. */
static void test_change(void)
{
	static const char *const targets[] = {
		"suspended", "resumed", "retained", "transferred-major", "withdrawn", "deceased",
		"demoted",
	};
	size_t i, n = 0;

	for (i = 0; i < N(all); i++)
		n += xj_status_reached_by(all[i], XJ_BY_CHANGE);
	CHECK(n == N(targets));
	for (i = 0; i < N(targets); i++)
		CHECK(xj_status_reached_by(targets[i], XJ_BY_CHANGE));
	CHECK(!xj_status_reached_by("registered", XJ_BY_CHANGE));
	CHECK(!xj_status_reached_by("graduated", XJ_BY_CHANGE));
	CHECK(xj_status_reached_by("graduated", XJ_BY_DIPLOMA));
	ALLOW("registered", "suspended", XJ_BY_CHANGE);
	/* one CHSI never registered only leaves: no way into school by
	 * suspension and resumption (P9) */
	REFUSE("admitted", "suspended", XJ_BY_CHANGE, "status admitted cannot become suspended");
	REFUSE("admitted", "retained", XJ_BY_CHANGE, "status admitted cannot become retained");
	REFUSE("admitted", "transferred-major", XJ_BY_CHANGE,
	       "status admitted cannot become transferred-major");
	ALLOW("admitted", "withdrawn", XJ_BY_CHANGE);
	ALLOW("suspended", "resumed", XJ_BY_CHANGE);
	ALLOW("retained", "resumed", XJ_BY_CHANGE);
	ALLOW("suspended", "withdrawn", XJ_BY_CHANGE);
	ALLOW("resumed", "transferred-major", XJ_BY_CHANGE);
	ALLOW("transferred-major", "transferred-major", XJ_BY_CHANGE);
	ALLOW("registered", "withdrawn", XJ_BY_CHANGE);
	ALLOW("retained", "withdrawn", XJ_BY_CHANGE);
	/* a suspended or retained student resumes (or leaves) first; only
	 * they resume */
	for (i = 0; i < N(all); i++) {
		CHECK(allowed("suspended", all[i], XJ_BY_CHANGE) ==
		      (!strcmp(all[i], "resumed") || !strcmp(all[i], "withdrawn") ||
		       !strcmp(all[i], "deceased")));
		CHECK(allowed(all[i], "resumed", XJ_BY_CHANGE) ==
		      (!strcmp(all[i], "suspended") || !strcmp(all[i], "retained")));
	}
	REFUSE("retained", "retained", XJ_BY_CHANGE, "status retained cannot become retained");
	/* 降级: a student in school repeats a year in a later cohort, still
	 * in school; one suspended resumes first */
	ALLOW("registered", "demoted", XJ_BY_CHANGE);
	ALLOW("resumed", "demoted", XJ_BY_CHANGE);
	ALLOW("transferred-major", "demoted", XJ_BY_CHANGE);
	ALLOW("demoted", "demoted", XJ_BY_CHANGE);
	ALLOW("demoted", "suspended", XJ_BY_CHANGE);
	ALLOW("demoted", "transferred-major", XJ_BY_CHANGE);
	REFUSE("admitted", "demoted", XJ_BY_CHANGE, "status admitted cannot become demoted");
	REFUSE("suspended", "demoted", XJ_BY_CHANGE, "status suspended cannot become demoted");
	REFUSE("graduated", "demoted", XJ_BY_CHANGE, "status graduated cannot become demoted");
	for (i = 0; i < N(all); i++)
		CHECK(xj_status_in_school(all[i]) ==
		      (!strcmp(all[i], "registered") || !strcmp(all[i], "resumed") ||
		       !strcmp(all[i], "transferred-major") || !strcmp(all[i], "demoted")));
	CHECK(!xj_status_in_school(NULL));
	CHECK(!xj_status_in_school(""));
	/* after the certificate the study is over (P13) */
	REFUSE("graduated", "suspended", XJ_BY_CHANGE, "status graduated cannot become suspended");
	REFUSE("completed", "withdrawn", XJ_BY_CHANGE, "status completed cannot become withdrawn");
	REFUSE("incomplete", "transferred-major", XJ_BY_CHANGE,
	       "status incomplete cannot become transferred-major");
}

/* A certificate only for a student in school (P13); 结业 then 毕业. */
static void test_diploma(void)
{
	size_t i;

	for (i = 0; i < N(all); i++)
		CHECK(allowed(all[i], "graduated", XJ_BY_DIPLOMA) ==
		      (!strcmp(all[i], "registered") || !strcmp(all[i], "resumed") ||
		       !strcmp(all[i], "transferred-major") || !strcmp(all[i], "demoted") ||
		       !strcmp(all[i], "completed")));
	REFUSE("admitted", "graduated", XJ_BY_DIPLOMA, "status admitted cannot become graduated");
	REFUSE("suspended", "completed", XJ_BY_DIPLOMA, "status suspended cannot become completed");
	REFUSE("graduated", "graduated", XJ_BY_DIPLOMA, "status graduated cannot become graduated");
	REFUSE("graduated", "completed", XJ_BY_DIPLOMA, "status graduated cannot become completed");
	ALLOW("registered", "incomplete", XJ_BY_DIPLOMA);
	ALLOW("completed", "graduated", XJ_BY_DIPLOMA);
}

int main(void)
{
	test_known();
	test_new();
	test_registered();
	test_terminal();
	test_cancel();
	test_change();
	test_diploma();
	return unit_done("status");
}
