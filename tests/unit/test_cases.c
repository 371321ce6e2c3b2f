/* test_cases.c: the doubtful cases xj-verify cases lists (P6, P8): each
 * student's latest case, or with --referred those referred to the
 * authorities; open until it has its finding. */
#include <string.h>

#include "unit.h"
#include "xj/cases.h"

#define CASE(finding_, referred_, referred_only, want_listed, want_finding) do { \
	struct xj_case c_; \
	memset(&c_, 0, sizeof(c_)); \
	xj_sb_adds(&c_.finding, finding_); \
	c_.referred = (referred_); \
	CHECK(xj_cases_listed(&c_, referred_only) == (want_listed)); \
	CHECK_STR(xj_cases_finding(&c_), want_finding); \
	xj_sb_release(&c_.finding); \
} while (0)

static void cases(void)
{
	CASE("", 0, 0, 1, "open");
	CASE("", 1, 0, 1, "open");
	CASE("confirmed", 0, 0, 1, "confirmed");
	CASE("cleared", 0, 0, 1, "cleared");
	/* --referred: the cases handed to the authorities only */
	CASE("", 0, 1, 0, "open");
	CASE("", 1, 1, 1, "open");
	CASE("confirmed", 1, 1, 1, "confirmed");
	CASE("cleared", 0, 1, 0, "cleared");
}

int main(void)
{
	cases();
	return unit_done("cases");
}
