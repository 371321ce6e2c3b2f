/* test_change.c: where a change request stands, as listings show it: the
 * level it waits for (P1, P12), its filing and which are filings (P17);
 * what a row of the students' self-check reports asks to change (P10);
 * which requests a listing shows; and the request the options ask for. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "xj/change.h"
#include "xj/reader.h"
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
	xj_store_change_req_release(&r_); \
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
	xj_store_change_req_release(&r_); \
} while (0)

static void filing(void)
{
	FILING(0, "applied", "", "");
	FILING(1, "applied", "", "pending");
	FILING(1, "pending", "", "pending");
	FILING(1, "applied", "〔2029〕12号", "filed 〔2029〕12号");
	FILING(1, "rejected", "", "");
}

#define IS_FILING(filing, state, filed, pending, want) do { \
	struct xj_change_req r_ = req("", "", state, filing, filed); \
	CHECK(xj_change_is_filing(&r_, pending) == (want)); \
	xj_store_change_req_release(&r_); \
} while (0)

/* The province is told of applied errata that need it (P17). */
static void filings(void)
{
	IS_FILING(1, "applied", "", 0, 1);
	IS_FILING(1, "applied", "", 1, 1);
	IS_FILING(1, "applied", "〔2029〕12号", 0, 1);
	/* --pending: the filed are done with */
	IS_FILING(1, "applied", "〔2029〕12号", 1, 0);
	/* not applied, or none needed */
	IS_FILING(1, "pending", "", 0, 0);
	IS_FILING(1, "rejected", "", 0, 0);
	IS_FILING(0, "applied", "", 0, 0);
}

/* A row of names and values, "name=value" each, up to eight. */
struct row {
	char name[8][32];
	const char *names[8], *values[8];
	struct xj_record rec;
};

static const struct xj_record *row_of(struct row *w, const char *const *cells)
{
	size_t n;

	memset(w, 0, sizeof(*w));
	for (n = 0; cells[n] && n < 8; n++) {
		const char *eq = strchr(cells[n], '=');

		snprintf(w->name[n], sizeof(w->name[n]), "%.*s", (int)(eq - cells[n]), cells[n]);
		w->names[n] = w->name[n];
		w->values[n] = eq + 1;
	}
	w->rec.file = "selfcheck.csv";
	w->rec.line = 2;
	w->rec.n = n;
	w->rec.names = w->names;
	w->rec.values = w->values;
	return &w->rec;
}

#define REPORT(want_key, want_field, want_value, want_note, ...) do { \
	static const char *const c_[] = { __VA_ARGS__, NULL }; \
	struct row rw_; \
	struct xj_change_report r_; \
	struct xj_error e_; \
	xj_error_clear(&e_); \
	CHECK(xj_change_report_read(row_of(&rw_, c_), &r_, &e_) == 0); \
	CHECK_STR(r_.key, want_key); \
	CHECK_STR(r_.field, want_field); \
	CHECK_STR(r_.value, want_value); \
	CHECK_STR(r_.note ? r_.note : "(none)", want_note); \
} while (0)

#define REFUSED(...) do { \
	static const char *const c_[] = { __VA_ARGS__, NULL }; \
	struct row rw_; \
	struct xj_change_report r_; \
	struct xj_error e_; \
	xj_error_clear(&e_); \
	CHECK(xj_change_report_read(row_of(&rw_, c_), &r_, &e_) < 0); \
	CHECK(e_.code == XJ_EDATA); \
	CHECK_STR(e_.msg, "a row needs the student (exam_no, student_no or id_number), the" \
		  " field and the value said to be right"); \
} while (0)

static void reports(void)
{
	REPORT("26110101000001", "ethnicity", "回族", "学信网显示汉族",
	       "exam_no=26110101000001", "字段=民族", "正确值=回族", "说明=学信网显示汉族");
	REPORT("2026010101", "name", "王芳", "(none)",
	       "student_no=2026010101", "field=name", "value=王芳");
	/* an empty column gives way to the next that has a value */
	REPORT("110101200801010011", "phone", "13900001111", "late",
	       "exam_no=", "id_number=110101200801010011", "项目=手机号", "应为=",
	       "正确信息=13900001111", "note=", "备注=late");
	REPORT("26110101000001", "gender", "女", "(none)",
	       "exam_no=26110101000001", "错误项=性别", "value=女");
	/* a field not known here is asked for by the name it came with */
	REPORT("26110101000001", "favourite colour", "blue", "(none)",
	       "exam_no=26110101000001", "field=favourite colour", "value=blue");
	REFUSED("field=name", "value=王芳");
	REFUSED("exam_no=26110101000001", "value=王芳");
	REFUSED("exam_no=26110101000001", "field=name", "value=");
	REFUSED("exam_no=", "student_no=", "field=name", "value=王芳");
}

#define LISTED(state, pending_only, want) do { \
	struct xj_change_req r_ = req("", "", state, 0, ""); \
	CHECK(xj_change_listed(&r_, pending_only) == (want)); \
	xj_store_change_req_release(&r_); \
} while (0)

static void listed(void)
{
	LISTED("pending", 0, 1);
	LISTED("applied", 0, 1);
	LISTED("rejected", 0, 1);
	/* --pending: those still waiting for a level */
	LISTED("pending", 1, 1);
	LISTED("applied", 1, 0);
	LISTED("rejected", 1, 0);
	/* --field F: the requests that change F, by its whole name */
	CHECK(xj_change_field_listed("name", "name"));
	CHECK(xj_change_field_listed("name; gender", "name"));
	CHECK(xj_change_field_listed("name; gender", "gender"));
	CHECK(xj_change_field_listed("name; gender; ethnicity", "gender"));
	CHECK(!xj_change_field_listed("name_pinyin", "name"));
	CHECK(!xj_change_field_listed("name_pinyin; gender", "name"));
	CHECK(!xj_change_field_listed("name", "nam"));
	CHECK(!xj_change_field_listed("gender; name", "nam"));
	CHECK(!xj_change_field_listed("", "name"));
	CHECK(xj_change_field_listed("status", "status"));
}

static void asked_fields(void)
{
	const char *fields[] = { "name", "gender" }, *values[] = { "王芳", "女" };
	const char *files[] = { "a.pdf" };
	struct xj_change_ask a;
	struct xj_change_in in;

	memset(&a, 0, sizeof(a));
	a.fields = fields;
	a.values = values;
	a.nfields = a.nvalues = 2;
	a.note = "typo";
	a.evidence = "";
	xj_change_asked(&a, &in);
	CHECK(in.fields == fields && in.values == values && in.n == 2);
	CHECK(in.status == NULL && in.from == NULL);
	CHECK_STR(in.note, "typo");
	/* no evidence given is none, not an empty kind */
	CHECK(in.evidence == NULL);
	/* the register shows the change unless one says it cannot (P12) */
	CHECK(in.register_shows == 1);
	CHECK(in.errata == 0 && in.nfiles == 0);
	a.register_shows = "yes";
	a.evidence = "application,id-card";
	a.files = files;
	a.nfiles = 1;
	a.errata = 1;
	xj_change_asked(&a, &in);
	CHECK(in.register_shows == 1);
	CHECK_STR(in.evidence, "application,id-card");
	CHECK(in.files == files && in.nfiles == 1 && in.errata == 1);
	a.register_shows = "no";
	xj_change_asked(&a, &in);
	CHECK(in.register_shows == 0);
}

static void asked_status(void)
{
	const char *values[] = { "transferred-major" };
	struct xj_change_ask a;
	struct xj_change_in in;

	memset(&a, 0, sizeof(a));
	a.status = 1;
	a.values = values;
	a.nvalues = 1;
	a.from = "2027-03-01";
	a.to_major = "510201";
	a.major_name = "计算机应用技术";
	a.to_cohort = 2027;
	a.to_class = "计应2701";
	a.reason = "本人申请";
	a.note = "not this";
	xj_change_asked(&a, &in);
	CHECK_STR(in.status, "transferred-major");
	CHECK_STR(in.from, "2027-03-01");
	CHECK(in.until == NULL);
	CHECK_STR(in.to_major, "510201");
	CHECK_STR(in.major_name, "计算机应用技术");
	CHECK(in.to_cohort == 2027);
	CHECK_STR(in.to_class, "计应2701");
	/* a status change's note is its reason, as a row's is */
	CHECK_STR(in.note, "本人申请");
	CHECK(in.fields == NULL && in.n == 0);
	CHECK(in.register_shows == 1 && in.evidence == NULL);
}

int main(void)
{
	next_level();
	filing();
	filings();
	reports();
	listed();
	asked_fields();
	asked_status();
	return unit_done("change");
}
