/* test_sheet.c: sheets of decisions for the signers who never log in,
 * acted on a real store made by the programs (rules-store.sh), each case
 * a command rolled back after.  A sheet is prepared from the store with
 * the decisions its signer may make now (P1, P3, P7, P12), each with the
 * SHA-256 of its statement; signed away from the store with the signer's
 * key; written, read back and printed; and applied: each decision
 * recorded as the signer's own (P2), once, and refused when the sheet was
 * edited, signed by another key, is of another store, or the student or
 * the review changed since it was prepared. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/change.h"
#include "xj/key.h"
#include "xj/review.h"
#include "xj/sha256.h"
#include "xj/sheet.h"

static struct xj_error err;
static struct xj_store *st;
#define TEXT (sizeof(err.msg) + 1024)


/* The sheet signed with who's key, as xj-key sign does. */
static int sign_as(struct xj_sheet *sh, const char *who)
{
	struct xj_key k;
	int rc = fx_key(who, &k);

	if (rc == 0)
		rc = xj_sheet_sign(sh, &k, &err);
	xj_key_wipe(&k);
	return rc;
}

static const char *recheck_ok[] = {
	"registration=ok", "health=ok", "procedure=ok", "eligibility=ok",
};

/* FX_FRESH's re-check by li, confirmed by zhou: the dept head may sign (P7). */
static int rechecked(void)
{
	struct xj_review_in in = { "recheck", "pass", recheck_ok, 4, NULL };
	int rc = xj_review_record(st, &fx_fresh, &in, "li", &err);

	return rc == 0 ? xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err) : rc;
}

/* A sheet of who's with FX_FRESH's re-check at level on it, signed by
 * signer's key (NULL: not signed). */
static int prepared(struct xj_sheet *sh, const char *who, const char *level,
		    const char *signer)
{
	int rc;

	xj_sheet_init(sh);
	rc = xj_sheet_begin(st, sh, who, &err);
	if (rc == 0)
		rc = xj_sheet_add(st, sh, &fx_fresh, "recheck", level, &err);
	if (rc == 0 && signer)
		rc = sign_as(sh, signer);
	return rc;
}

/* The newest re-check of FX_FRESH as "result reviewer confirm dept leader". */
static const char *review_of(char *buf, size_t size)
{
	struct xj_review r;

	memset(&r, 0, sizeof(r));
	if (fx_found(xj_store_review_latest(st, fx_fresh.id, "recheck", &r, &err), buf, size))
		snprintf(buf, size, "%s %s %s %s %s", r.result, r.reviewer.buf,
			 r.confirm.buf ? r.confirm.buf : "", r.dept.buf ? r.dept.buf : "",
			 r.leader.buf ? r.leader.buf : "");
	xj_store_review_release(&r);
	return buf;
}

/* An empty sheet, and one begun: who it is for, under which store and
 * school, for people to read (P2). */
static void begin(void)
{
	struct xj_sheet sh;
	struct xj_sb id = XJ_SB_INIT;

	xj_sheet_init(&sh);
	CHECK(sh.n == 0 && sh.v == NULL && sh.store == NULL);
	xj_sheet_release(&sh);
	if (fx_as("chen") < 0)
		return;
	ALLOWED(xj_sheet_begin(st, &sh, "wang", &err));
	CHECK(sh.kind == XJ_SHEET_SIGNOFF);
	CHECK(xj_store_id(st, 0, &id, &err) > 0);
	CHECK_STR(sh.store, id.buf ? id.buf : "?");
	CHECK_STR(sh.signer, "wang");
	CHECK_STR(sh.signer_name, "王芳");
	CHECK_STR(sh.school, "示例职业技术学院");
	CHECK_STR(sh.public_key, "");
	CHECK(sh.prepared && strlen(sh.prepared) >= 19);
	CHECK(sh.n == 0);
	xj_sheet_release(&sh);
	CHECK(sh.store == NULL && sh.n == 0);
	ALLOWED(xj_sheet_begin_kind(st, &sh, XJ_SHEET_APPROVAL, "zhou", &err));
	CHECK(sh.kind == XJ_SHEET_APPROVAL);
	CHECK_STR(sh.signer_name, "周洁");
	xj_sheet_release(&sh);
	/* a name the config does not know is begun, and refused decision by
	 * decision */
	ALLOWED(xj_sheet_begin(st, &sh, "nobody", &err));
	CHECK_STR(sh.signer_name, "");
	xj_sheet_release(&sh);
	xj_sb_release(&id);
	fx_undo();
}

/* The statement of decision 0 of a sheet of sign-offs, as the store's
 * audit writes it: what the signature covers. */
static void want_statement(const struct xj_sheet *sh, char *buf, size_t size)
{
	const struct xj_sheet_item *it = &sh->v[0];

	snprintf(buf, size, "xj-signoff-1\nstore: %s\nreview: %lld\nstudent: %s\nname: %s\n"
		 "id_sha256: %s\nstage: %s\nlevel: %s\nresult: %s\nconfig_sha256: %s\n"
		 "signer: %s\n", sh->store, it->review, it->exam_no, it->name, it->id_sha256,
		 it->stage, it->level, it->result, it->config_sha256, sh->signer);
}

/* The decisions a signer may make now, as an online sign-off would be
 * checked (P1, P3, P7); one a student. */
static void add(void)
{
	struct xj_sheet sh;
	struct xj_sb stmt = XJ_SB_INIT;
	char want[TEXT], hex[65];

	if (fx_as("chen") < 0)
		return;
	xj_sheet_init(&sh);
	ALLOWED(xj_sheet_begin(st, &sh, "wang", &err));
	REFUSED(xj_sheet_add(st, &sh, &fx_fresh, "recheck", "dept", &err), XJ_EDATA,
		"no recheck review yet");
	ALLOWED(rechecked());
	REFUSED(xj_sheet_add(st, &sh, &fx_fresh, "recheck", "leader", &err), XJ_EDATA,
		"the department head has not signed yet (P1)");
	REFUSED(xj_sheet_add(st, &sh, &fx_done, "recheck", "dept", &err), XJ_EDATA,
		"already signed at level dept by wang");
	REFUSED(xj_sheet_add(st, &sh, &fx_third, "recheck", "dept", &err), XJ_EDATA,
		"no recheck review yet");
	CHECK(sh.n == 0);
	ALLOWED(xj_sheet_add(st, &sh, &fx_fresh, "recheck", "dept", &err));
	CHECK(sh.n == 1);
	CHECK_STR(sh.v[0].exam_no, FX_FRESH);
	CHECK_STR(sh.v[0].name, "王芳");
	CHECK_STR(sh.v[0].stage, "recheck");
	CHECK_STR(sh.v[0].level, "dept");
	CHECK_STR(sh.v[0].result, "pass");
	CHECK_STR(sh.v[0].signature, "");
	CHECK(sh.v[0].review > 0 && sh.v[0].request == 0);
	/* the ID number only by its SHA-256 */
	xj_sha256_hex(fx_fresh.v[XJ_S_ID_NUMBER], strlen(fx_fresh.v[XJ_S_ID_NUMBER]), hex);
	CHECK_STR(sh.v[0].id_sha256, hex);
	/* the statement, and its hash the decision's content */
	xj_sheet_statement(&sh, 0, &stmt);
	want_statement(&sh, want, sizeof(want));
	CHECK_STR(stmt.buf, want);
	xj_sha256_hex(stmt.buf, stmt.len, hex);
	CHECK_STR(sh.v[0].content, hex);
	/* once a student, and of one kind */
	REFUSED(xj_sheet_add(st, &sh, &fx_fresh, "recheck", "dept", &err), XJ_EDATA,
		"on the sheet already");
	REFUSED(xj_sheet_add_approval(st, &sh, 1, &err), XJ_EUSAGE,
		"a sheet holds decisions of one kind");
	CHECK(sh.n == 1);
	xj_sb_release(&stmt);
	xj_sheet_release(&sh);
	fx_undo();
}

/* Prepared, signed, written, read back and applied: the dept head's
 * sign-off recorded as theirs, proven by their signature (P1, P2); once. */
static void round_trip(void)
{
	struct xj_sheet sh, back;
	struct xj_sb page = XJ_SB_INIT, stmt = XJ_SB_INIT;
	struct xj_key wang;
	char path[PATH_MAX + 32], html[PATH_MAX + 32], got[TEXT];

	xj_sheet_init(&back);
	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	ALLOWED(prepared(&sh, "wang", "dept", NULL));
	CHECK(fx_key("wang", &wang) == 0);
	ALLOWED(xj_sheet_sign(&sh, &wang, &err));
	CHECK_STR(sh.public_key, wang.pub);
	xj_sheet_statement(&sh, 0, &stmt);
	CHECK(xj_key_verify(wang.pub, stmt.buf, stmt.len, sh.v[0].signature));
	xj_key_wipe(&wang);
	ALLOWED(xj_sheet_save(&sh, fx_path("wang.yaml", path, sizeof(path)), NULL, &page, &err));
	CHECK_STR(page.buf, fx_path("wang.html", html, sizeof(html)));
	ALLOWED(xj_sheet_read(fx_path("wang.yaml", path, sizeof(path)), &back, &err));
	CHECK(back.kind == sh.kind && back.n == 1);
	CHECK_STR(back.store, sh.store);
	CHECK_STR(back.signer, "wang");
	CHECK_STR(back.signer_name, "王芳");
	CHECK_STR(back.public_key, sh.public_key);
	CHECK(back.v[0].review == sh.v[0].review);
	CHECK_STR(back.v[0].exam_no, FX_FRESH);
	CHECK_STR(back.v[0].content, sh.v[0].content);
	CHECK_STR(back.v[0].signature, sh.v[0].signature);
	CHECK_STR(review_of(got, sizeof(got)), "pass li zhou  ");
	ALLOWED(xj_sheet_apply(st, &back, 0, &err));
	CHECK_STR(review_of(got, sizeof(got)), "pass li zhou wang ");
	/* applied twice: recorded before, nothing done */
	xj_error_clear(&err);
	CHECK(xj_sheet_apply(st, &back, 0, &err) == 1);
	CHECK(xj_sheet_apply(st, &sh, 0, &err) == 1);
	CHECK_STR(review_of(got, sizeof(got)), "pass li zhou wang ");
	xj_sb_release(&page);
	xj_sb_release(&stmt);
	xj_sheet_release(&sh);
	xj_sheet_release(&back);
	fx_undo();
}

struct refusals {
	int n, whole;
	char msg[TEXT];
};

static void refused(void *ctx, const char *path, const struct xj_sheet_item *it,
		    const struct xj_error *e)
{
	struct refusals *r = ctx;

	(void)path;
	r->n++;
	r->whole += it == NULL;
	snprintf(r->msg, sizeof(r->msg), "%s", e->msg);
}

/* The leader's sheet applied as a program applies its files: the
 * decision in a savepoint of its own; a file of another kind refused
 * whole, the others go on. */
static void apply_file(void)
{
	struct xj_sheet_tally t = { 0, 0, 0, 0 };
	struct refusals r;
	struct xj_sheet sh;
	struct xj_sb page = XJ_SB_INIT;
	char path[PATH_MAX + 32], got[TEXT];

	memset(&r, 0, sizeof(r));
	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	ALLOWED(xj_review_sign(st, &fx_fresh, "recheck", "dept", "wang", &page, &err));
	ALLOWED(prepared(&sh, "zhao", "leader", "zhao"));
	ALLOWED(xj_sheet_save(&sh, fx_path("zhao.yaml", path, sizeof(path)), NULL, &page, &err));
	ALLOWED(xj_sheet_apply_file(st, path, XJ_SHEET_APPROVAL, refused, &r, &t, &err));
	CHECK(r.n == 1 && r.whole == 1 && t.refused == 1 && t.recorded == 0);
	CHECK_STR(r.msg, "a sheet of sign-offs, not of change approvals");
	CHECK_STR(review_of(got, sizeof(got)), "pass li zhou wang ");
	ALLOWED(xj_sheet_apply_file(st, path, XJ_SHEET_SIGNOFF, refused, &r, &t, &err));
	CHECK(t.recorded == 1 && t.unchanged == 0 && t.applied == 0 && r.n == 1);
	CHECK_STR(review_of(got, sizeof(got)), "pass li zhou wang zhao");
	ALLOWED(xj_sheet_apply_file(st, path, XJ_SHEET_SIGNOFF, refused, &r, &t, &err));
	CHECK(t.recorded == 1 && t.unchanged == 1 && r.n == 1);
	/* a file that is no sheet is refused whole too */
	ALLOWED(xj_sheet_apply_file(st, fx_path("keyed.yaml", path, sizeof(path)),
				    XJ_SHEET_SIGNOFF, refused, &r, &t, &err));
	CHECK(r.n == 2 && r.whole == 2 && t.refused == 2);
	CHECK_STR(r.msg, "not a sign-off sheet (no 'sheet: xj-signoff-1')");
	xj_sb_release(&page);
	xj_sheet_release(&sh);
	fx_undo();
}

/* What a signed sheet may not be: edited, signed by a key not its
 * signer's, unsigned, of another store (P2). */
static void refusals(void)
{
	static char fail[] = "fail";
	struct xj_sheet sh;
	struct xj_key zhou;
	char *was;

	memset(&zhou, 0, sizeof(zhou));
	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	/* edited after it was prepared: not signed, not applied */
	ALLOWED(prepared(&sh, "wang", "dept", NULL));
	was = sh.v[0].result;
	sh.v[0].result = fail;
	REFUSED(xj_sheet_sign(&sh, &zhou, &err), XJ_EDATA, "decision 1 (" FX_FRESH ") does not"
		" match its content hash: the sheet was edited; ask for a new one");
	sh.v[0].result = was;
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA,
		"not signed: the signer signs the sheet with xj-key sign");
	ALLOWED(sign_as(&sh, "wang"));
	sh.v[0].result = fail;
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA,
		"the sheet was edited: the decision does not match its content hash");
	sh.v[0].result = was;
	/* another key than the one that signed put on it */
	CHECK(fx_key("zhou", &zhou) == 0);
	was = sh.public_key;
	sh.public_key = zhou.pub;
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA,
		"the signature does not match the decision: it was changed after it was signed");
	sh.public_key = was;
	/* signed whole by another staff member's key (P1, P2) */
	ALLOWED(xj_sheet_sign(&sh, &zhou, &err));
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA, "signed with zhou's key, not wang's");
	xj_key_wipe(&zhou);
	xj_sheet_release(&sh);
	/* of another store: prepared there, its content its own */
	ALLOWED(prepared(&sh, "wang", "dept", NULL));
	free(sh.store);
	sh.store = xj_xstrdup("0123456789abcdef0123456789abcdef");
	free(sh.v[0].content);
	sh.v[0].content = NULL;
	{
		struct xj_sb stmt = XJ_SB_INIT;
		char hex[65];

		xj_sheet_statement(&sh, 0, &stmt);
		xj_sha256_hex(stmt.buf, stmt.len, hex);
		sh.v[0].content = xj_xstrdup(hex);
		xj_sb_release(&stmt);
	}
	ALLOWED(sign_as(&sh, "wang"));
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA, "the sheet is of another store");
	REFUSED(xj_sheet_apply_approval(st, &sh, 0, &(int){ 0 }, &err), XJ_EDATA,
		"a sign-off, not a change approval: the sheet is applied with 'xj-verify sign"
		" --apply'");
	xj_sheet_release(&sh);
	fx_undo();
}

/* A sheet whose decision the store no longer gives as it was signed:
 * the review made again, the student's name changed, the level signed
 * meanwhile online (P1, P12). */
static void since(void)
{
	struct xj_sheet sh;
	struct xj_sb items = XJ_SB_INIT;
	int applied = 0;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	ALLOWED(prepared(&sh, "wang", "dept", "wang"));
	ALLOWED(rechecked());
	fx_reread();
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA,
		"the student was reviewed again since the sheet was prepared");
	xj_sheet_release(&sh);
	/* FX_FRESH's name changed on request 1, approved at its three levels */
	ALLOWED(prepared(&sh, "wang", "dept", "wang"));
	ALLOWED(xj_change_approve(st, 1, "zhou", &applied, &err));
	ALLOWED(xj_change_approve(st, 1, "wang", &applied, &err));
	ALLOWED(xj_change_approve(st, 1, "zhao", &applied, &err));
	CHECK(applied == 1);
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA,
		"the student's name or ID number changed since the sheet was prepared");
	/* signed online meanwhile: the sheet's decision no longer possible */
	fx_reread();
	xj_sheet_release(&sh);
	ALLOWED(prepared(&sh, "wang", "dept", "wang"));
	ALLOWED(xj_review_sign(st, &fx_fresh, "recheck", "dept", "wang", &items, &err));
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA, "already signed at level dept by wang");
	xj_sb_release(&items);
	xj_sheet_release(&sh);
	fx_undo();
}

/* The approval of request 1 (FX_FRESH's name) at its three levels, each
 * from a sheet signed away from the store by another person holding the
 * level's role; the last applies the change (P1, P12). */
static int approval_sheet(struct xj_sheet *sh, const char *who)
{
	int rc;

	xj_sheet_init(sh);
	rc = xj_sheet_begin_kind(st, sh, XJ_SHEET_APPROVAL, who, &err);
	if (rc == 0)
		rc = xj_sheet_add_approval(st, sh, 1, &err);
	if (rc == 0)
		rc = sign_as(sh, who);
	return rc;
}

static void approval_add(void)
{
	struct xj_sheet sh;
	struct xj_sb stmt = XJ_SB_INIT;
	char want[TEXT];

	if (fx_as("chen") < 0)
		return;
	xj_sheet_init(&sh);
	ALLOWED(xj_sheet_begin_kind(st, &sh, XJ_SHEET_APPROVAL, "zhou", &err));
	REFUSED(xj_sheet_add_approval(st, &sh, 99, &err), XJ_EUSAGE, "no change request #99");
	REFUSED(xj_sheet_add_approval(st, &sh, 3, &err), XJ_EDATA,
		"request #3 is applied already");
	REFUSED(xj_sheet_add(st, &sh, &fx_fresh, "recheck", "dept", &err), XJ_EUSAGE,
		"a sheet holds decisions of one kind");
	CHECK(sh.n == 0);
	ALLOWED(xj_sheet_add_approval(st, &sh, 1, &err));
	CHECK(sh.n == 1 && sh.v[0].request == 1 && sh.v[0].step == 1 && sh.v[0].review == 0);
	CHECK_STR(sh.v[0].exam_no, FX_FRESH);
	CHECK_STR(sh.v[0].stage, "change");
	CHECK_STR(sh.v[0].level, "reviewer");
	CHECK_STR(sh.v[0].kind, "key");
	CHECK_STR(sh.v[0].fields, "name");
	/* the values as the statement names them, each by its field */
	CHECK_STR(sh.v[0].old, "name=\"王芳\"");
	CHECK_STR(sh.v[0].result, "name=\"王方\"");
	REFUSED(xj_sheet_add_approval(st, &sh, 1, &err), XJ_EDATA, "on the sheet already");
	xj_sheet_statement(&sh, 0, &stmt);
	snprintf(want, sizeof(want), "xj-approve-1\nstore: %s\nrequest: 1\nstudent: " FX_FRESH
		 "\nname: 王芳\nid_sha256: %s\nkind: key\nfields: name\nold: name=\"王芳\"\n"
		 "new: name=\"王方\"\n"
		 "level: 1\nrole: reviewer\nconfig_sha256: %s\nsigner: zhou\n", sh.store,
		 sh.v[0].id_sha256, sh.v[0].config_sha256);
	CHECK_STR(stmt.buf, want);
	/* li asked for it: another person approves each level */
	xj_sheet_release(&sh);
	ALLOWED(xj_sheet_begin_kind(st, &sh, XJ_SHEET_APPROVAL, "li", &err));
	REFUSED(xj_sheet_add_approval(st, &sh, 1, &err), XJ_EDATA,
		"li asked for request #1; each level is another person (P1, P12)");
	xj_sb_release(&stmt);
	xj_sheet_release(&sh);
	fx_undo();
}

static void approval_apply(void)
{
	struct xj_sheet_tally t = { 0, 0, 0, 0 };
	struct xj_sheet sh;
	struct xj_sb page = XJ_SB_INIT;
	struct refusals r;
	char path[PATH_MAX + 32];
	int applied = -1;

	memset(&r, 0, sizeof(r));
	if (fx_as("chen") < 0)
		return;
	ALLOWED(approval_sheet(&sh, "zhou"));
	REFUSED(xj_sheet_apply(st, &sh, 0, &err), XJ_EDATA, "a change approval: the sheet is"
		" applied with 'xj-change approve --apply'");
	ALLOWED(xj_sheet_apply_approval(st, &sh, 0, &applied, &err));
	CHECK(applied == 0);
	xj_error_clear(&err);
	CHECK(xj_sheet_apply_approval(st, &sh, 0, &applied, &err) == 1);
	CHECK(applied == 0);
	xj_sheet_release(&sh);
	/* the dept head's, as a program applies its file */
	ALLOWED(approval_sheet(&sh, "wang"));
	ALLOWED(xj_sheet_save(&sh, fx_path("approve", path, sizeof(path)), NULL, &page, &err));
	CHECK_STR(page.buf, fx_path("approve.html", path, sizeof(path)));
	ALLOWED(xj_sheet_apply_file(st, fx_path("approve", path, sizeof(path)),
				    XJ_SHEET_SIGNOFF, refused, &r, &t, &err));
	CHECK(r.n == 1 && r.whole == 1);
	CHECK_STR(r.msg, "a sheet of change approvals, not of sign-offs");
	ALLOWED(xj_sheet_apply_file(st, path, XJ_SHEET_APPROVAL, refused, &r, &t, &err));
	CHECK(t.recorded == 1 && t.applied == 0 && r.n == 1);
	xj_sheet_release(&sh);
	/* the leader's, signed by another's key; then by theirs, applied */
	ALLOWED(approval_sheet(&sh, "zhao"));
	ALLOWED(sign_as(&sh, "li"));
	REFUSED(xj_sheet_apply_approval(st, &sh, 0, &applied, &err), XJ_EDATA,
		"signed with li's key, not zhao's");
	ALLOWED(sign_as(&sh, "zhao"));
	ALLOWED(xj_sheet_apply_approval(st, &sh, 0, &applied, &err));
	CHECK(applied == 1);
	fx_reread();
	CHECK_STR(fx_fresh.v[XJ_S_NAME], "王方");
	xj_sb_release(&page);
	xj_sheet_release(&sh);
	fx_undo();
}

#define HEAD "sheet: xj-signoff-1\nstore: s\nsigner: wang\npublic_key: \"\"\n"
#define ITEM "decisions:\n  - exam_no: \"1\"\n    name: n\n    id_sha256: h\n"

/* A file not read back: its fault, with its code and line. */
#define UNREAD_AS(code_, text, line_, msg_) do { \
	struct xj_sheet sh_; \
	char p_[PATH_MAX + 32]; \
	xj_error_clear(&err); \
	CHECK(xj_sheet_read(fx_file("bad.yaml", text, p_, sizeof(p_)), &sh_, &err) < 0); \
	CHECK(err.code == (code_)); \
	CHECK(err.line == (line_)); \
	CHECK_STR(err.msg, msg_); \
	CHECK(sh_.n == 0 && sh_.v == NULL); \
} while (0)
#define UNREAD(text, line_, msg_) UNREAD_AS(XJ_EFORMAT, text, line_, msg_)

/* What a sheet read back must hold, each field of a decision its
 * statement's: none missing, none with a line break (two statements
 * would read alike), numbers that are numbers. */
static void read_faults(void)
{
	struct xj_sheet sh;
	char path[PATH_MAX + 32];

	UNREAD("a: b\n", 0, "not a sign-off sheet (no 'sheet: xj-signoff-1')");
	UNREAD("sheet: xj-signoff-2\n", 0, "not a sign-off sheet (no 'sheet: xj-signoff-1')");
	UNREAD("- sheet\n", 0, "not a sign-off sheet (no 'sheet: xj-signoff-1')");
	UNREAD("sheet: xj-signoff-1\nsigner: wang\n", 1, "store is missing");
	UNREAD(HEAD, 1, "decisions is missing");
	UNREAD(HEAD "decisions: 3\n", 5, "decisions is missing");
	UNREAD(HEAD "decisions: [3]\n", 5, "decisions: each is a mapping of a decision's fields");
	UNREAD(HEAD ITEM, 6, "review is missing");
	/* a line break or a tab is refused by the YAML reader itself; a NUL,
	 * which would cut the value short, by the sheet's */
	UNREAD_AS(XJ_EDATA, "sheet: xj-signoff-1\nstore: \"a\\nb\"\n", 2,
		  "a line break (U+000A) in the value");
	UNREAD_AS(XJ_EDATA, "sheet: xj-signoff-1\nstore: \"a\\tb\"\n", 2,
		  "a control character (U+0009) in the value");
	UNREAD("sheet: xj-signoff-1\nstore: \"a\\0b\"\n", 2, "store holds a control character");
	UNREAD(HEAD ITEM "    review: x\n    stage: recheck\n    level: dept\n    result: pass\n"
	       "    config_sha256: c\n    content: c\n    signature: s\n", 6,
	       "review is not a review number: 'x'");
	UNREAD(HEAD ITEM "    review: 0\n    stage: recheck\n    level: dept\n    result: pass\n"
	       "    config_sha256: c\n    content: c\n    signature: s\n", 6,
	       "review is not a review number: '0'");
	UNREAD(HEAD ITEM "    review: 7\n    stage: final\n    level: dept\n    result: pass\n"
	       "    config_sha256: c\n    content: c\n    signature: s\n", 6,
	       "not a stage: 'final'");
	UNREAD(HEAD ITEM "    review: 7\n    stage: recheck\n    level: boss\n    result: pass\n"
	       "    config_sha256: c\n    content: c\n    signature: s\n", 6,
	       "want the level dept or leader, not 'boss'");
	UNREAD("sheet: xj-approve-1\nstore: s\nsigner: zhou\npublic_key: \"\"\ndecisions:\n"
	       "  - request: 0\n", 6, "request is not a request number: '0'");
	UNREAD("sheet: xj-approve-1\nstore: s\nsigner: zhou\npublic_key: \"\"\ndecisions:\n"
	       "  - request: 1\n    exam_no: \"1\"\n    name: n\n    id_sha256: h\n    kind: key\n"
	       "    fields: name\n    old: a\n    new: b\n    level: 100\n", 6,
	       "level is not a level number: '100'");
	/* the fields for people to read may be left out; none is a refusal */
	xj_error_clear(&err);
	ALLOWED(xj_sheet_read(fx_file("ok.yaml", HEAD "decisions: []\n", path, sizeof(path)),
			      &sh, &err));
	CHECK(sh.n == 0 && sh.kind == XJ_SHEET_SIGNOFF);
	CHECK_STR(sh.school, "");
	CHECK_STR(sh.prepared, "");
	xj_sheet_release(&sh);
	xj_error_clear(&err);
	CHECK(xj_sheet_read(fx_path("no-such.yaml", path, sizeof(path)), &sh, &err) < 0);
	CHECK(err.code != XJ_OK);
	xj_error_clear(&err);
}

/* Text a stream was given, NUL-ended (open_memstream's buffer). */
/* The sheet as YAML and as the page for the paper file, a sign-off's and
 * an approval's: the decisions with their content hashes, the place for
 * the hand signature (P2). */
static void written(void)
{
	struct xj_sheet sh;
	struct unit_mem m;
	const char *t;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	ALLOWED(prepared(&sh, "wang", "dept", NULL));
	if (unit_mem_open(&m) == 0) {
		ALLOWED(xj_sheet_write(m.fp, &sh, &err));
		t = unit_mem_text(&m);
		CHECK(strncmp(t, "# xj sign-off sheet for wang: check it, then sign it with"
			      " 'xj-key sign FILE'.\n", 70) == 0);
		CHECK_HAS(t, "sheet: xj-signoff-1\n");
		CHECK_HAS(t, "signer_name: 王芳\n");
		CHECK_HAS(t, "public_key: \"\"\n");
		/* an exam number stays text for any reader */
		CHECK_HAS(t, "- exam_no: \"" FX_FRESH "\"\n");
		CHECK_HAS(t, "  stage: recheck\n");
		CHECK_HAS(t, sh.v[0].content);
		CHECK_HAS(t, "  signature: \"\"\n");
		free(m.buf);
	}
	if (unit_mem_open(&m) == 0) {
		ALLOWED(xj_sheet_page(m.fp, &sh, &err));
		t = unit_mem_text(&m);
		CHECK(strncmp(t, "<!DOCTYPE html>\n", 16) == 0);
		CHECK_HAS(t, "<h1>示例职业技术学院审签单</h1>");
		CHECK_HAS(t, "审签人：王芳（wang，部门负责人）");
		CHECK_HAS(t, "<td>1</td><td>" FX_FRESH "</td><td>王芳</td><td>录取资格复查</td><td>通过</td>");
		CHECK_HAS(t, sh.v[0].content);
		CHECK_HAS(t, sh.v[0].config_sha256);
		CHECK_HAS(t, "共 1 项。");
		CHECK_HAS(t, "审签人（签字）：");
		free(m.buf);
	}
	xj_sheet_release(&sh);
	ALLOWED(approval_sheet(&sh, "zhou"));
	if (unit_mem_open(&m) == 0) {
		ALLOWED(xj_sheet_page(m.fp, &sh, &err));
		t = unit_mem_text(&m);
		CHECK_HAS(t, "<h1>示例职业技术学院学籍信息变更审批单</h1>");
		CHECK_HAS(t, "审批人：周洁（zhou）");
		CHECK_HAS(t, "<td>1</td><td>1</td><td>" FX_FRESH "</td><td>王芳</td><td>关键信息变更</td>"
		    "<td>原：name=&quot;王芳&quot;<br>新：name=&quot;王方&quot;</td><td>第1级（审查人员）</td>");
		free(m.buf);
	}
	if (unit_mem_open(&m) == 0) {
		ALLOWED(xj_sheet_write(m.fp, &sh, &err));
		t = unit_mem_text(&m);
		CHECK_HAS(t, "# xj change approval sheet for zhou");
		CHECK_HAS(t, "sheet: xj-approve-1\n");
		CHECK_HAS(t, "- request: 1\n");
		CHECK_HAS(t, "  role: reviewer\n");
		free(m.buf);
	}
	xj_sheet_release(&sh);
	fx_undo();
}

/* Where a prepared sheet and its page go: beside it, .yaml made .html,
 * or where the page is named; refused when it cannot be written. */
static void save(void)
{
	struct xj_sheet sh;
	struct xj_sb page = XJ_SB_INIT;
	char path[PATH_MAX + 32], want[PATH_MAX + 32];
	FILE *fp;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(rechecked());
	ALLOWED(prepared(&sh, "wang", "dept", NULL));
	ALLOWED(xj_sheet_save(&sh, fx_path("s.yaml", path, sizeof(path)),
			      fx_path("paper.htm", want, sizeof(want)), &page, &err));
	CHECK_STR(page.buf, want);
	CHECK((fp = fopen(want, "r")) != NULL);
	if (fp)
		fclose(fp);
	ALLOWED(xj_sheet_save(&sh, fx_path("s.txt", path, sizeof(path)), NULL, &page, &err));
	CHECK_STR(page.buf, fx_path("s.txt.html", want, sizeof(want)));
	/* the ending as written: .YAML is not .yaml */
	ALLOWED(xj_sheet_save(&sh, fx_path("s.YAML", path, sizeof(path)), NULL, &page, &err));
	CHECK_STR(page.buf, fx_path("s.YAML.html", want, sizeof(want)));
	xj_error_clear(&err);
	CHECK(xj_sheet_save(&sh, fx_path("no/such/dir/s.yaml", path, sizeof(path)), NULL, &page,
			    &err) < 0);
	CHECK(err.code == XJ_EIO);
	xj_error_clear(&err);
	xj_sb_release(&page);
	xj_sheet_release(&sh);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the business day the cases act on */
	setenv("XJ_NOW", "2026-09-20T10:00:00+08:00", 1);
	st = fx_open(argv[0], NULL, &err);
	if (st) {
		begin();
		add();
		round_trip();
		apply_file();
		refusals();
		since();
		approval_add();
		approval_apply();
		read_faults();
		written();
		save();
	}
	return fx_close("sheet");
}
