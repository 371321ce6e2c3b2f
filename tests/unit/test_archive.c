/* test_archive.c: where a student's archive stands, as xj-archive status
 * lists it: the stages passed, and whether it is wanting (items missing,
 * or the paper file overdue from a loan), which a daily job reports
 * (P18, P19). */
#include <string.h>

#include "unit.h"
#include "xj/archive.h"

#define PASSED(a0, a1, a2, a3, want) do { \
	struct xj_archive_state a_; \
	struct xj_sb o_ = XJ_SB_INIT; \
	memset(&a_, 0, sizeof(a_)); \
	a_.passed[0] = (a0); \
	a_.passed[1] = (a1); \
	a_.passed[2] = (a2); \
	a_.passed[3] = (a3); \
	xj_archive_passed(&a_, &o_); \
	CHECK_STR(o_.buf, want); \
	xj_sb_release(&o_); \
} while (0)

static void passed(void)
{
	PASSED(0, 0, 0, 0, "");
	PASSED(1, 0, 0, 0, "arrival");
	PASSED(1, 1, 0, 0, "arrival,registration");
	PASSED(1, 1, 1, 1, "arrival,registration,study,graduation");
	/* a stage passed after one missed (an archive begun late) */
	PASSED(0, 0, 1, 0, "study");
}

#define WANTING(missing_, overdue_, want) do { \
	struct xj_archive_state a_; \
	memset(&a_, 0, sizeof(a_)); \
	xj_sb_adds(&a_.missing, missing_); \
	a_.overdue = (overdue_); \
	CHECK(xj_archive_wanting(&a_) == (want)); \
	xj_sb_release(&a_.missing); \
} while (0)

static void wanting(void)
{
	WANTING("", 0, 0);
	WANTING("arrival: photo", 0, 1);
	WANTING("", 1, 1);
	WANTING("graduation: transcript", 1, 1);
}

int main(void)
{
	passed();
	wanting();
	return unit_done("archive");
}
