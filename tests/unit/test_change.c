/* test_change.c: where a change request stands, as listings show it: the
 * level it waits for (P1, P12) and its filing (P17). */
#include <string.h>

#include "unit.h"
#include "xj/change.h"
#include "xj/strbuf.h"

static struct xj_change_req req(const char *levels, const char *approvers, const char *state,
				int filing, const char *filed)
{
	struct xj_change_req r;

	memset(&r, 0, sizeof(r));
	xj_sb_adds(&r.levels, levels);
	xj_sb_adds(&r.approvers, approvers);
	xj_sb_adds(&r.state, state);
	xj_sb_adds(&r.filed, filed);
	r.filing = filing;
	return r;
}

#define NEXT(levels, approvers, state, want) do { \
	struct xj_change_req r_ = req(levels, approvers, state, 0, ""); \
	char out_[32]; \
	CHECK_STR(xj_change_next_level(&r_, out_, sizeof(out_)), want); \
	xj_change_req_release(&r_); \
} while (0)

static void next_level(void)
{
	NEXT("reviewer,dept-head,leader", "", "pending", "reviewer");
	NEXT("reviewer,dept-head,leader", "li", "pending", "dept-head");
	NEXT("reviewer,dept-head,leader", "li,wang", "pending", "leader");
	NEXT("reviewer,dept-head", "li", "pending", "dept-head");
	/* none once decided, whatever the approvals */
	NEXT("reviewer,dept-head,leader", "li,wang,zhao", "applied", "");
	NEXT("reviewer,dept-head,leader", "li", "rejected", "");
	/* all approved but not applied yet: none left to wait for */
	NEXT("reviewer", "li", "pending", "");
}

#define FILING(filing, state, filed, want) do { \
	struct xj_change_req r_ = req("", "", state, filing, filed); \
	struct xj_sb out_ = XJ_SB_INIT; \
	CHECK_STR(xj_change_filing_state(&r_, &out_), want); \
	xj_sb_release(&out_); \
	xj_change_req_release(&r_); \
} while (0)

static void filing(void)
{
	FILING(0, "applied", "", "");
	FILING(1, "applied", "", "pending");
	FILING(1, "pending", "", "pending");
	FILING(1, "applied", "〔2029〕12号", "filed 〔2029〕12号");
	FILING(1, "rejected", "", "");
}

int main(void)
{
	next_level();
	filing();
	return unit_done("change");
}
