/* test_entrance.c: which re-checks xj-verify due lists, and which of them
 * are overdue, the daily job's alarm (P7, P21). */
#include "unit.h"
#include "xj/entrance.h"

#define DUE(done_, gone_, days_, within_, want_listed, want_overdue) do { \
	struct xj_due d_; \
	memset(&d_, 0, sizeof(d_)); \
	d_.complete = (done_); \
	d_.left = (gone_); \
	d_.days_left = (days_); \
	CHECK(xj_entrance_due_listed(&d_, within_) == (want_listed)); \
	CHECK(xj_entrance_due_overdue(&d_) == (want_overdue)); \
} while (0)

static void listed(void)
{
	/* any time: every re-check not complete */
	DUE(0, 0, 86, -1, 1, 0);
	DUE(0, 0, 0, -1, 1, 0);
	DUE(0, 0, -1, -1, 1, 1);
	/* complete, or the student gone for good: nothing is due */
	DUE(1, 0, 86, -1, 0, 0);
	DUE(1, 0, -30, -1, 0, 1);
	DUE(0, 1, -30, -1, 0, 1);
	/* --within DAYS: due by then, the day itself in, the overdue always */
	DUE(0, 0, 14, 14, 1, 0);
	DUE(0, 0, 15, 14, 0, 0);
	DUE(0, 0, -5, 14, 1, 1);
	DUE(0, 0, 0, 0, 1, 0);
	DUE(0, 0, 1, 0, 0, 0);
	DUE(1, 0, 3, 14, 0, 0);
}

int main(void)
{
	listed();
	return unit_done("entrance");
}
