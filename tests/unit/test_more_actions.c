/* test_more_actions.c: decisions acted on a real store made by the
 * programs (rules-store.sh), each case a command rolled back after:
 * photo comparisons taken in through a column template as dated facts
 * (P5, P13); a sign-off proven by its signer's signature, and the setting
 * every signed statement has (P1, P2); a certificate handed to CHSI and
 * the file it went in (P14); the errata that are filed (P17); and who may
 * restore a copy of the store and what the store put in place records of
 * it (P2), the one case that is committed, last. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/change.h"
#include "xj/diploma.h"
#include "xj/key.h"
#include "xj/photos.h"
#include "xj/restore.h"
#include "xj/review.h"
#include "xj/sha256.h"

static struct xj_error err;
static struct xj_store *st;
#define TEXT (sizeof(err.msg) + 128)


/* The pairs a comparison can be about (P5 on arrival, P13 before a
 * diploma), by our names only. */
static void pairs(void)
{
	CHECK(xj_photos_pair_known("onsite-exam"));
	CHECK(xj_photos_pair_known("onsite-idcard"));
	CHECK(xj_photos_pair_known("graduation-admission"));
	CHECK(xj_photos_pair_known("graduation-enrolment"));
	CHECK(xj_photos_pair_known("graduation-idcard"));
	CHECK(xj_photos_pair_known("chsi-identity"));
	CHECK(!xj_photos_pair_known("onsite"));
	CHECK(!xj_photos_pair_known("Onsite-exam"));
	CHECK(!xj_photos_pair_known("onsite-exam "));
	CHECK(!xj_photos_pair_known("新生照片-高考照片"));
	CHECK(!xj_photos_pair_known(""));
}

/* A template refused: NULL, its fault named with line and setting. */
#define TEMPLATE_BAD(text, line_, field_, msg_) do { \
	char p_[PATH_MAX + 32]; \
	xj_error_clear(&err); \
	CHECK(xj_photos_template_load(fx_file("t.yaml", text, p_, sizeof(p_)), &err) == NULL); \
	CHECK(err.code == XJ_EDATA); \
	CHECK(err.line == (line_)); \
	CHECK_STR(err.field, field_); \
	CHECK_STR(err.msg, msg_); \
	xj_error_clear(&err); \
} while (0)

/* CHSI's columns and words, mapped to ours by the example template; a
 * template's own mistakes named (P5). */
static void templates(void)
{
	struct xj_intemplate *t = xj_photos_template_load("examples/chsi-photos.yaml", &err);

	CHECK(t != NULL);
	if (t) {
		CHECK_STR(xj_intemplate_word(t, "pair", "新生照片-身份证照片"), "onsite-idcard");
		CHECK_STR(xj_intemplate_word(t, "result", "无法判断"), "unclear");
		CHECK_STR(xj_intemplate_word(t, "result", "match"), "match");
	}
	xj_intemplate_free(t);
	TEMPLATE_BAD("columns: [KSH]\n", 1, "columns", "want a mapping of names");
	TEMPLATE_BAD("columns:\n  exam_no: [KSH]\n", 2, "columns", "want name: name");
	TEMPLATE_BAD("columns: {exam_no: KSH}\nscore: {a: b}\n", 2, "score",
		     "unknown setting (want columns, pair, result)");
	TEMPLATE_BAD("- columns\n", 1, "", "a template is a mapping");
	xj_error_clear(&err);
	CHECK(xj_photos_template_load("no/such/template.yaml", &err) == NULL);
	CHECK(err.code != XJ_OK);
	xj_error_clear(&err);
}

/* A row of photo results (results.csv) refused as the row's fault. */
#define ROW_REFUSED(t_, field_, msg_, ...) do { \
	static const char *const cells_[] = { __VA_ARGS__, NULL }; \
	struct fx_row row_; \
	FX_ROW_REFUSED(xj_photos_row(st, t_, fx_row(&row_, "results.csv", cells_), &err), \
		       field_, msg_); \
} while (0)

/* Each row a dated fact, never overwritten: a later one is added beside
 * it, one already on record is not added twice (P5). */
static void photo_rows(void)
{
	static const char *const ours[] = { "exam_no", FX_FRESH, "pair", "onsite-idcard",
					    "result", "mismatch", "score", "41", "date",
					    "2026-09-12", NULL };
	/* KSH is a name of exam_no the reader knows: it hands the row on so */
	static const char *const theirs[] = { "exam_no", FX_FRESH, "BDLX", "新生照片-身份证照片",
					      "BDJG", "通过", "XSD", "92.5", "BDRQ", "20260913",
					      NULL };
	struct xj_intemplate *t = xj_photos_template_load("examples/chsi-photos.yaml", &err);
	struct xj_sb photos = XJ_SB_INIT;
	struct fx_row w;
	char got[TEXT];

	if (!t || fx_as("chen") < 0) {
		xj_intemplate_free(t);
		return;
	}
	ROW_REFUSED(NULL, "pair", "unknown pair \"合影\"", "exam_no", FX_FRESH, "pair", "合影",
		    "result", "match");
	ROW_REFUSED(NULL, "pair", "unknown pair \"\"", "exam_no", FX_FRESH, "result", "match");
	ROW_REFUSED(NULL, "score", "not a score: \"9x\"", "exam_no", FX_FRESH, "pair", "onsite-exam",
		    "result", "match", "score", "9x");
	ROW_REFUSED(NULL, "result", "unknown result \"通过\" (want match, mismatch or unclear, or"
		    " map it in the template)", "exam_no", FX_FRESH, "pair", "onsite-exam", "result",
		    "通过");
	ROW_REFUSED(NULL, "exam_no", "no student with exam_no 26110101000099", "exam_no",
		    "26110101000099", "pair", "onsite-exam", "result", "match");
	ROW_REFUSED(t, "pair", "unknown pair \"合影\"", "exam_no", FX_FRESH, "BDLX", "合影", "BDJG",
		    "通过");
	ROW_REFUSED(NULL, "date", "2026-02-30 is not a real date", "exam_no", FX_FRESH, "pair",
		    "onsite-exam", "result", "match", "date", "2026-02-30");
	CHECK(xj_store_changes(st) == 0);
	ALLOWED(xj_photos_row(st, NULL, fx_row(&w, "results.csv", ours), &err));
	CHECK(xj_store_changes(st) == 1);
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), "photo-check {\"pair\":\"onsite-idcard\","
		  "\"result\":\"mismatch\",\"score\":\"41\",\"date\":\"2026-09-12\"}");
	xj_error_clear(&err);
	CHECK(xj_photos_row(st, NULL, fx_row(&w, "results.csv", ours), &err) == 1);
	CHECK(xj_store_changes(st) == 1);
	/* CHSI's words and dates through the template: a later result beside */
	ALLOWED(xj_photos_row(st, t, fx_row(&w, "results.csv", theirs), &err));
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), "photo-check {\"pair\":\"onsite-idcard\","
		  "\"result\":\"match\",\"score\":\"92.5\",\"date\":\"2026-09-13\"}");
	CHECK(xj_review_photos(st, fx_fresh.id, &photos, &err) == 0);
	CHECK_STR(photos.buf, "onsite-idcard match");
	xj_sb_release(&photos);
	xj_intemplate_free(t);
	fx_undo();
}

/* The lines every signed statement has: the store, the student as
 * stored (the ID number by its SHA-256), the config in force, and the
 * signer whose key signs the command (P2). */
static void setting(void)
{
	struct xj_review_setting g;
	struct xj_sb id = XJ_SB_INIT, conf = XJ_SB_INIT, from = XJ_SB_INIT;
	char hex[65];

	if (fx_as("wang") < 0)
		return;
	ALLOWED(xj_review_setting_get(st, fx_fresh.id, &g, &err));
	CHECK(xj_store_id(st, 0, &id, &err) > 0);
	CHECK_STR(g.store.buf, id.buf ? id.buf : "?");
	CHECK_STR(g.exam_no.buf, FX_FRESH);
	CHECK_STR(g.name.buf, "王芳");
	xj_sha256_hex(fx_fresh.v[XJ_S_ID_NUMBER], strlen(fx_fresh.v[XJ_S_ID_NUMBER]), hex);
	CHECK_STR(g.id_sha256, hex);
	CHECK(xj_store_config_text(st, &conf, &from, &err) > 0);
	xj_sha256_hex(conf.buf, conf.len, hex);
	CHECK_STR(g.config_sha256, hex);
	CHECK_STR(g.signer, "wang");
	xj_review_setting_release(&g);
	CHECK(g.store.buf == NULL && g.signer == NULL);
	/* a decision of no student: the student's lines empty */
	ALLOWED(xj_review_setting_get(st, 0, &g, &err));
	CHECK_STR(g.exam_no.buf, "");
	CHECK_STR(g.name.buf, "");
	CHECK_STR(g.id_sha256, "");
	CHECK_STR(g.store.buf, id.buf ? id.buf : "?");
	xj_review_setting_release(&g);
	xj_sb_release(&id);
	xj_sb_release(&conf);
	xj_sb_release(&from);
	fx_undo();
	/* nobody's key: no signer */
	if (fx_as(NULL) < 0)
		return;
	ALLOWED(xj_review_setting_get(st, fx_fresh.id, &g, &err));
	CHECK_STR(g.signer, "");
	xj_review_setting_release(&g);
	fx_undo();
}

static const char *recheck_ok[] = {
	"registration=ok", "health=ok", "procedure=ok", "eligibility=ok",
};

/* A sign-off signed away from the store: the same checks as one made in
 * it (P1, P7), the signer proven by the key the config gives them, the
 * entry carrying the statement's hash (P2). */
static void sign_proven(void)
{
	static const char text[] = "xj-signoff-1\nstage recheck\nlevel dept\n";
	struct xj_review_in in = { "recheck", "pass", recheck_ok, 4, NULL };
	struct xj_key wang, zhou;
	struct xj_sb items = XJ_SB_INIT;
	struct xj_proof p;
	char sig[XJ_SIG_MAX], content[65], got[TEXT], want[TEXT];

	CHECK(fx_key("wang", &wang) == 0);
	CHECK(fx_key("zhou", &zhou) == 0);
	if (fx_as("chen") < 0)
		return;
	fx_prove(&p, &wang, text, sig, content);
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err),
		XJ_EDATA, "no recheck review yet");
	ALLOWED(xj_review_record(st, &fx_fresh, &in, "li", &err));
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err),
		XJ_EDATA, "the re-check is not confirmed yet (P7)");
	ALLOWED(xj_review_confirm(st, &fx_fresh, "recheck", "zhou", &err));
	/* the role first, then the proof */
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "zhao", &p, &items, &err),
		XJ_EUSAGE, "zhao is not a dept-head");
	fx_prove(&p, &zhou, text, sig, content);
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err),
		XJ_EDATA, "signed with zhou's key, not wang's");
	fx_prove(&p, &wang, text, sig, content);
	p.statement = "xj-signoff-1\nstage recheck\nlevel leader\n";
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err),
		XJ_EDATA, "the signature does not match the decision");
	CHECK(xj_store_changes(st) == 2);
	fx_prove(&p, &wang, text, sig, content);
	xj_error_clear(&err);
	CHECK(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err) == 0);
	snprintf(want, sizeof(want), "sign {\"stage\":\"recheck\",\"level\":\"dept\","
		 "\"signer\":\"wang\",\"statement_sha256\":\"%s\"}", content);
	CHECK_STR(fx_entry_of(FX_FRESH, got, sizeof(got)), want);
	REFUSED(xj_review_sign_proven(st, &fx_fresh, "recheck", "dept", "wang", &p, &items, &err),
		XJ_EDATA, "already signed at level dept by wang");
	/* the last level says so, with the review's items */
	{
		struct xj_key zhao;

		CHECK(fx_key("zhao", &zhao) == 0);
		fx_prove(&p, &zhao, "xj-signoff-1\nstage recheck\nlevel leader\n", sig, content);
		xj_error_clear(&err);
		CHECK(xj_review_sign_proven(st, &fx_fresh, "recheck", "leader", "zhao", &p, &items,
					    &err) == 1);
		CHECK_STR(items.buf, "{\"registration\":\"ok\",\"health\":\"ok\",\"procedure\":"
			  "\"ok\",\"eligibility\":\"ok\"}");
		xj_key_wipe(&zhao);
	}
	xj_sb_release(&items);
	xj_key_wipe(&wang);
	xj_key_wipe(&zhou);
	fx_undo();
}

/* The errata touching these fields are filed with the province (P17):
 * name, birth date, ID number, major, ethnicity; the graduation
 * conclusion is the certificate's, not the record's. */
static void filed_fields(void)
{
	CHECK(xj_change_files_field("name"));
	CHECK(xj_change_files_field("birth_date"));
	CHECK(xj_change_files_field("id_number"));
	CHECK(xj_change_files_field("major_code"));
	CHECK(xj_change_files_field("major_name"));
	CHECK(xj_change_files_field("ethnicity"));
	CHECK(xj_change_files_field("ethnicity_code"));
	/* key data (P12) but not among P17's */
	CHECK(!xj_change_files_field("gender"));
	CHECK(!xj_change_files_field("phone"));
	CHECK(!xj_change_files_field("political"));
	CHECK(!xj_change_files_field("Name"));
	CHECK(!xj_change_files_field("name "));
	CHECK(!xj_change_files_field("major"));
	CHECK(!xj_change_files_field(""));
}

static void no_reason(void *ctx, const char *why)
{
	(void)why;
	++*(long *)ctx;
}

/* The certificate state as "state", or the error. */
static const char *state_of(char *buf, size_t size)
{
	struct xj_cert c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = xj_store_cert_of(st, fx_done.id, "diploma", &c, &err);
	snprintf(buf, size, "%s", rc < 0 ? err.msg : rc == 0 ? "none" : c.state.buf);
	xj_store_cert_release(&c);
	return buf;
}

/* FX_DONE's diploma handed to CHSI: its step "submitted" audited, the only
 * certificates whose feedback is taken; the file it went in kept by its
 * SHA-256 (P14). */
static void submitted(void)
{
	struct xj_sb number = XJ_SB_INIT;
	struct xj_cert c;
	char got[TEXT], want[PATH_MAX + TEXT], path[PATH_MAX + 32];
	long reasons = 0;
	int up = 0;

	memset(&c, 0, sizeof(c));
	setenv("XJ_NOW", "2029-07-01T10:00:00+08:00", 1);
	if (fx_as("chen") < 0)
		return;
	ALLOWED(xj_diploma_issue(st, &fx_done, "graduate", "2029-06-20", "chen", no_reason, &reasons,
				 &number, &up, &err));
	CHECK(reasons == 0);
	CHECK_STR(state_of(got, sizeof(got)), "issued");
	CHECK(xj_store_cert_of(st, fx_done.id, "diploma", &c, &err) == 1);
	ALLOWED(xj_diploma_submitted(st, &c, "chen", &err));
	CHECK_STR(state_of(got, sizeof(got)), "submitted");
	snprintf(want, sizeof(want), "diploma-register {\"certificate\":\"%s\","
		 "\"state\":\"submitted\"}", number.buf ? number.buf : "");
	CHECK_STR(fx_entry_of(FX_DONE, got, sizeof(got)), want);
	/* the registration file, by its SHA-256 */
	ALLOWED(xj_diploma_submit(st, 2026, "dip.csv", fx_file("dip.csv", "a,b\n1,2\n", path,
							     sizeof(path)), 1, &err));
	snprintf(want, sizeof(want), "cannot open %s: No such file or directory",
		 fx_path("gone.csv", path, sizeof(path)));
	REFUSED(xj_diploma_submit(st, 2026, "gone.csv", path, 1, &err), XJ_EIO, want);
	xj_store_cert_release(&c);
	xj_sb_release(&number);
	fx_undo();
	setenv("XJ_NOW", "2026-09-20T10:00:00+08:00", 1);
}

/* Who may restore: an admin proven by their key, by the store's config
 * (P2: a restore replaces every record at once). */
static void restore_may(void)
{
	static const char no_key[] = "'xj restore' needs the key of an admin: --key FILE,"
		" $XJ_KEY or ~/.config/xj/key (see xj-key(1))";

	ALLOWED(xj_restore_may(st, "chen", 1, "the store in place", &err));
	ALLOWED(xj_restore_may(st, "qian", 1, "the copy", &err));
	REFUSED(xj_restore_may(st, "zhao", 1, "the store in place", &err), XJ_EUSAGE,
		"'xj restore' is work for the admin: zhao is none in the store in place");
	REFUSED(xj_restore_may(st, "li", 1, "the copy", &err), XJ_EUSAGE,
		"'xj restore' is work for the admin: li is none in the copy");
	REFUSED(xj_restore_may(st, "nobody", 1, "the copy", &err), XJ_EUSAGE,
		"'xj restore' is work for the admin: nobody is none in the copy");
	REFUSED(xj_restore_may(st, "chen", 0, "the copy", &err), XJ_EUSAGE, no_key);
	REFUSED(xj_restore_may(st, "nobody", 0, "the copy", &err), XJ_EUSAGE, no_key);
}

struct restores {
	int n;
	char head[80], aside[PATH_MAX];
};

static int a_restore(void *ctx, long long id, const char *head, const char *aside)
{
	struct restores *r = ctx;

	(void)id;
	r->n++;
	snprintf(r->head, sizeof(r->head), "%s", head);
	snprintf(r->aside, sizeof(r->aside), "%s", aside);
	return 0;
}

/* The restore on record in the store put in place, one command of its
 * own, committed: the head it replaced history to those who saw it. */
static void restore_record(void)
{
	const struct xj_actor who = { "unit", "chen", "xj restore", "" };
	struct xj_copy_info info;
	struct xj_witness w;
	struct restores r;
	struct xj_key chen;
	struct xj_sb id = XJ_SB_INIT;
	char aside[PATH_MAX + 32], full[PATH_MAX];

	memset(&info, 0, sizeof(info));
	memset(&r, 0, sizeof(r));
	snprintf(info.sha256, sizeof(info.sha256), "%s", "5e2d");
	snprintf(info.head, sizeof(info.head), "%s", "12:ab34");
	fx_file("xj.db.before-restore", "", aside, sizeof(aside));
	CHECK(realpath(aside, full) != NULL);
	/* the admin's key signs the command at its commit, as the frame's */
	CHECK(fx_key("chen", &chen) == 0);
	xj_store_sign_with(st, &chen, "chen");
	ALLOWED(xj_restore_record(st, &who, "bak/xj-20261128-131500.db", &info, aside, "40:cd56",
				  &w, &err));
	xj_store_sign_with(st, NULL, NULL);
	xj_key_wipe(&chen);
	CHECK(w.checked == 1 && w.wrote == 1);
	CHECK(xj_store_id(st, 0, &id, &err) > 0);
	CHECK_STR(w.store, id.buf ? id.buf : "?");
	ALLOWED(xj_store_restore_each(st, a_restore, &r, &err));
	CHECK(r.n == 1);
	CHECK_STR(r.head, "40:cd56");
	CHECK_STR(r.aside, full);
	xj_sb_release(&id);
}

int main(int argc, char **argv)
{
	(void)argc;
	/* the business day the cases act on */
	setenv("XJ_NOW", "2026-09-20T10:00:00+08:00", 1);
	xj_error_clear(&err);
	pairs();
	filed_fields();
	st = fx_open(argv[0], NULL, &err);
	if (st) {
		templates();
		photo_rows();
		setting();
		sign_proven();
		submitted();
		restore_may();
		/* committed: the last */
		restore_record();
	}
	return fx_close("more_actions");
}
