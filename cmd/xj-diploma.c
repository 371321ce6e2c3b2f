/* xj-diploma: certificates of academic credentials.  Who may get one
 * (P13), the issue with its number (P14), CHSI's e-registration that
 * freezes the record (P16), the certificate of academic credentials for a
 * lost or damaged original (P15), and the revocation of a credential
 * resting on fraud at three levels (P1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/clock.h"
#include "xj/card.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/diploma.h"
#include "xj/i18n.h"
#include "xj/outtemplate.h"
#include "xj/proofpage.h"
#include "xj/review.h"
#include "xj/sheet.h"
#include "xj/validate.h"
#include "xj/writer.h"
#include "xj/signoff.h"

static const char usage_text[] = N_(
"usage: xj-diploma check [--conclusion c] [--as-of date] [-q] [-d db] [-f fmt]\n"
"                 [-o file] [filters] [key ... | -]\n"
"       xj-diploma issue --conclusion c [--date date] [-nq] [-d db] [--key file]\n"
"                 [-f fmt] [-o file] [filters] [key ... | -]\n"
"       xj-diploma register --template file [-o file [--commit]] [-nq] [-d db]\n"
"                 [--key file] [--cohort year]\n"
"       xj-diploma result [--template file] [-nq] [-d db] [--key file] [-f fmt]\n"
"                 [file ...]\n"
"       xj-diploma list [--cohort year] [--status s] [-d db] [-f fmt] [-o file]\n"
"       xj-diploma show [-d db] [-f fmt] [-o file] key\n"
"       xj-diploma proof --reason lost|damaged --applied date [-nq] [-d db]\n"
"                 [--key file] key\n"
"       xj-diploma proof --marked [-nq] [-d db] [--key file] key\n"
"       xj-diploma proof --print [-o file] [-d db] [--key file] key\n"
"       xj-diploma revoke --reason text --doc-no text [-nq] [-d db] [--key file]\n"
"                 key\n"
"       xj-diploma sign --level dept|leader [-nq] [-d db] [--key file] key ...\n"
"       xj-diploma sign --prepare --level dept|leader -u name -o sheet\n"
"                 [--page file] [-q] [-d db] key ...\n"
"       xj-diploma sign --apply [-nq] [-d db] [--key file] sheet ...\n"
"\n"
"  check        who may get a certificate, with every reason who may not (P13)\n"
"  issue        issue certificates, numbered, to those who may (P13, P14)\n"
"  register     CHSI's e-registration file of issued certificates (P14)\n"
"  result       CHSI's feedback: a registered credential freezes the record (P16)\n"
"  list         the certificates and where they stand\n"
"  show         a student's certificates and what happened to them\n"
"  proof        a certificate of academic credentials for a lost or damaged one (P15)\n"
"  revoke       propose revoking a credential resting on fraud (P1)\n"
"  sign         the department head's, then the leader's signature of it (P1);\n"
"               --prepare: a sheet of them for a signer who never logs in\n"
"               (signed with xj-key sign), --apply: the signed sheet recorded\n"
"  issue, register, result and proof are the registrar's, revoke a reviewer's,\n"
"  sign a department head's, then the leader's; each needs their key.\n"
"\n"
"  -d, --db PATH         the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS    wait that long for another writer (default 600)\n"
"  -u, --user NAME       the staff member acting (the key's holder)\n"
"      --key FILE        the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run         check everything, record nothing\n"
"  -q, --quiet           no summary\n"
"  -f, --format FMT      csv (default), tsv, yaml, json, xlsx\n"
"  -o, --output FILE     write there, atomically, instead of standard output\n"
"      --lang zh|en      Chinese or English column headers\n"
"      --encoding ENC    utf-8 (default), gb18030, gb18030-2005 or gbk\n"
"      --excel           CSV for Excel: long digit strings kept as text\n"
"      --as-of DATE      check: as of DATE (default today)\n"
"      --conclusion C    graduate (毕业), completion (结业) or incomplete (肄业)\n"
"      --date DATE       issue: the date of issue (default today)\n"
"      --template FILE   the YAML layout of CHSI's file\n"
"      --commit          register: record the file as handed to CHSI\n"
"      --status S        list: issued, registered, proof or revoked\n"
"      --reason TEXT     proof: lost or damaged; revoke: why\n"
"      --applied DATE    proof: the date of the application\n"
"      --marked          proof: it was annotated on CHSI\n"
"      --print           proof: the printable page\n"
"      --doc-no TEXT     revoke: the document it rests on\n"
"      --level L         sign: dept or leader\n"
"      --prepare         sign: write the sheet of the sign-offs -u NAME may make\n"
"      --page FILE       sign --prepare: the page to print (default: the sheet's\n"
"                        name with .html)\n"
"      --apply           sign: record the signed sheets named\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"The options every program shares: xj(1), COMMON OPTIONS.\n");

/* The program's own options; -d, --key, -u, -n, -q, -f, -o, --as-of and
 * the rest that every program shares are the frame's (xj(1)). */
struct opts {
	const char *template, *conclusion, *date, *status, *reason, *applied, *doc_no, *level;
	const char *page;
	int commit, marked, print, prepare, apply;
	struct xj_query q;
};

static struct opts opts;

enum {
	O_CONCLUSION = 256, O_DATE, O_TEMPLATE, O_COMMIT, O_STATUS, O_REASON, O_APPLIED,
	O_MARKED, O_PRINT, O_DOC_NO, O_LEVEL, O_COHORT, O_DEPT, O_PREPARE, O_APPLY, O_PAGE
};

static const struct xj_opt own_opts[] = {
	{ "applied", 1, O_APPLIED }, { "apply", 0, O_APPLY }, { "cohort", 1, O_COHORT },
	{ "commit", 0, O_COMMIT },
	{ "conclusion", 1, O_CONCLUSION }, { "date", 1, O_DATE }, { "dept", 1, O_DEPT },
	{ "doc-no", 1, O_DOC_NO }, { "level", 1, O_LEVEL }, { "marked", 0, O_MARKED },
	{ "page", 1, O_PAGE }, { "prepare", 0, O_PREPARE }, { "print", 0, O_PRINT },
	{ "reason", 1, O_REASON }, { "status", 1, O_STATUS },
	{ "template", 1, O_TEMPLATE }, { NULL, 0, 0 },
};

/* A date as YYYY-MM-DD, nothing else. */
static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long v;

	switch (c) {
	case O_CONCLUSION:
		if (!(o->conclusion = xj_diploma_conclusion_name(arg)))
			return xj_diag_usage("--conclusion wants graduate, completion or incomplete,"
					     " not '%s'", arg);
		break;
	case O_DATE:
		if (xj_cli_date("--date", arg) != 0)
			return XJ_EXIT_USAGE;
		o->date = arg;
		break;
	case O_TEMPLATE: o->template = arg; break;
	case O_COMMIT: o->commit = 1; break;
	case O_STATUS:
		if (strcmp(arg, "issued") && strcmp(arg, "registered") && strcmp(arg, "proof") &&
		    strcmp(arg, "revoked") && strcmp(arg, "lost") && strcmp(arg, "damaged"))
			return xj_diag_usage("--status wants issued, registered, proof, revoked, lost"
					     " or damaged");
		o->status = arg;
		break;
	case O_REASON: o->reason = arg; break;
	case O_APPLIED:
		if (xj_cli_date("--applied", arg) != 0)
			return XJ_EXIT_USAGE;
		o->applied = arg;
		break;
	case O_MARKED: o->marked = 1; break;
	case O_PRINT: o->print = 1; break;
	case O_DOC_NO: o->doc_no = arg; break;
	case O_LEVEL:
		if (strcmp(arg, "dept") && strcmp(arg, "leader"))
			return xj_diag_usage("--level wants dept or leader, not '%s'", arg);
		o->level = arg;
		break;
	case O_DEPT: o->q.dept = arg; break;
	case O_PREPARE: o->prepare = 1; break;
	case O_APPLY: o->apply = 1; break;
	case O_PAGE: o->page = arg; break;
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->q.cohort = (int)v;
		break;
	}
	return 0;
}

/* -o FILE as given, NULL for standard output ("-" or none). */
static const char *out_path(const struct xj_run *r)
{
	const char *o = r->c->output;

	return o && strcmp(o, "-") != 0 ? o : NULL;
}

/* --- check: who may get a certificate (P13) ------------------------------------ */

static const char *conclusion_or_graduate(void)
{
	return opts.conclusion ? opts.conclusion : "graduate";
}

struct checkrow {
	struct xj_run *r;
	const struct xj_student *s;
	int rc;
};

static void check_reason(void *ctx, const char *why)
{
	struct checkrow *c = ctx;
	const char *vals[5] = { c->s->v[XJ_S_EXAM_NO], c->s->v[XJ_S_NAME],
				conclusion_or_graduate(), "no", why };

	if (c->rc == 0)
		c->rc = xj_writer_row(c->r->w, vals, &c->r->err);
}

static int check_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	const char *as_of = ctx;
	struct checkrow c = { r, s, 0 };
	long n = xj_diploma_check(r->st, s, conclusion_or_graduate(), as_of, check_reason, &c,
				  &r->err);

	if (n == 0) {
		const char *vals[5] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME],
					conclusion_or_graduate(), "yes", "" };

		r->done++;
		return xj_writer_row(r->w, vals, &r->err);
	}
	if (n > 0)
		r->failed++;
	return n < 0 || c.rc < 0 ? -1 : 0;
}

static const char *const check_cols[] = { "exam_no", "name", "conclusion", "eligible",
					  "reason" };

static int run_check(struct xj_run *r, int nkeys, char **keys)
{
	char day[11];
	int rc;

	xj_cmdverbs_today(r, day);
	r->q = &opts.q;
	if (!xj_cmdrun_writer(r, 5, check_cols))
		return -1;
	rc = xj_cmdrun_each_student(r, nkeys, keys, check_one, day);
	if (rc == 0 && !r->c->quiet)
		xj_diag("%ld eligible, %ld not", r->done, r->failed);
	return rc;
}

/* --- issue (P13, P14) ------------------------------------------------------------ */

/* Each reason a student may not get the certificate, on its own line under
 * the student's key; the frame's refusal ends them and counts the student. */
static void say_reason(void *ctx, const char *why)
{
	xj_cmdrun_refuse_reason(ctx, why);
}

static int issue_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	const char *date = ctx;
	struct xj_sb number = XJ_SB_INIT;
	const char *vals[4] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], opts.conclusion, "" };
	int upgraded = 0;
	/* a row the output cannot carry (a name outside GBK) refuses the
	 * student before anything of theirs is written: the walk keeps no
	 * savepoint to undo them with */
	int rc = xj_writer_check_row(r->w, vals, &r->err);

	if (rc == 0)
		rc = xj_diploma_issue(r->st, s, opts.conclusion, date, r->id.user, say_reason, r,
				      &number, &upgraded, &r->err);
	if (rc == 0) {
		vals[3] = number.buf;
		rc = xj_writer_row(r->w, vals, &r->err);
	}
	xj_sb_release(&number);
	return rc;
}

static const char *const issue_cols[] = { "exam_no", "name", "conclusion", "number" };

static int run_issue(struct xj_run *r, int nkeys, char **keys)
{
	char date[11];
	int rc;

	if (!opts.conclusion)
		return xj_diag_usage("issue needs --conclusion graduate, completion or incomplete");
	xj_clock_today(date, sizeof(date));
	/* issued today, or dated back to the day it was decided; never ahead */
	if (opts.date && strcmp(opts.date, date) > 0)
		return xj_diag_usage("--date %s is still to come: a certificate is dated the day"
				     " it is issued, or before", opts.date);
	if (opts.date)
		snprintf(date, sizeof(date), "%s", opts.date);
	r->q = &opts.q;
	if (!xj_cmdrun_writer(r, 4, issue_cols))
		return -1;
	if (xj_diploma_issue_begin(r->st, &r->err) < 0)
		return -1;
	rc = xj_cmdrun_each_change_checked(r, nkeys, keys, issue_one, date);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("issued"));
	return rc;
}

/* --- register: CHSI's e-registration file (P14) ------------------------------- */

struct ids {
	long long *v;
	size_t n;
};

/* The certificates the registration file takes (xj_diploma_to_register). */
static int collect_unregistered(void *ctx, const struct xj_cert *c)
{
	struct ids *ids = ctx;

	if (!xj_diploma_to_register(c))
		return 0;
	ids->v = xj_xreallocarray(ids->v, ids->n + 1, sizeof(long long));
	ids->v[ids->n++] = c->id;
	return 0;
}

struct regrun {
	struct xj_outtemplate *t;
	struct xj_outfile out;
	FILE *fp;
	const char *path;          /* -o FILE, or NULL: standard output */
	struct xj_diploma_rules rules;
	struct xj_sb school;
	long rows;
};

/* One certificate's row; a row the template cannot make is left out, the
 * student named through the frame's refusal. */
static int register_cert(struct xj_run *r, struct regrun *g, long long id)
{
	struct xj_cert c;
	struct xj_student s;
	struct xj_pairs extra = XJ_PAIRS_INIT;
	struct xj_error e;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&s, 0, sizeof(s));
	xj_error_clear(&e);
	rc = xj_store_cert_get(r->st, id, &c, &r->err) < 0 ? -1 :
		xj_store_student_find(r->st, XJ_S_EXAM_NO, c.exam_no.buf, &s, &r->err);
	if (rc > 0) {
		xj_pairs_add(&extra, "certificate_no", c.number.buf);
		xj_pairs_add(&extra, "conclusion", c.conclusion.buf);
		xj_pairs_add(&extra, "graduation_date", c.issued_on.buf);
		xj_pairs_add(&extra, "principal", g->rules.principal);
		xj_pairs_add(&extra, "school_code", g->rules.school);
		xj_pairs_add(&extra, "school_name", g->school.buf);
		rc = xj_outtemplate_row(g->t, r->st, &s, &extra, g->fp, &e);
		if (rc < 0 && e.code == XJ_EDATA)
			xj_cmdrun_refuse(r, c.exam_no.buf, e.msg), rc = 1;
		else if (rc < 0)
			r->err = e;
		else if (opts.commit)
			rc = xj_diploma_submitted(r->st, &c, r->id.user, &r->err);
		if (rc == 0)
			g->rows++;
	}
	xj_pairs_release(&extra);
	xj_student_release(&s);
	xj_store_cert_release(&c);
	return rc < 0 ? -1 : 0;
}

/* The file is the template's, not the frame's record stream: it is opened
 * here, and put in place only after the store has the submission (and
 * never in a dry run). */
static int register_body(struct xj_run *r, struct regrun *g)
{
	struct ids ids = { NULL, 0 };
	size_t i;
	int rc = xj_store_diploma_rules(r->st, &g->rules, &r->err);

	if (rc == 0)
		rc = xj_store_school(r->st, &g->school, &r->err);
	if (rc == 0 && !(g->t = xj_outtemplate_load(opts.template, &r->err)))
		rc = -1;
	if (rc == 0 && g->path)
		rc = xj_outfile_open(&g->out, g->path, &r->err);
	/* standard output held back till the file is on record */
	if (rc == 0 && !(g->fp = g->path ? g->out.fp : xj_cmdrun_hold_stdout(r)))
		rc = -1;
	if (rc == 0)
		rc = xj_outtemplate_header(g->t, g->fp, &r->err);
	if (rc == 0)
		rc = xj_store_cert_each(r->st, opts.q.cohort, collect_unregistered, &ids, &r->err);
	for (i = 0; rc == 0 && i < ids.n; i++)
		rc = register_cert(r, g, ids.v[i]);
	free(ids.v);
	if (rc == 0 && opts.commit && fflush(g->fp) != 0)
		rc = xj_error_set(&r->err, XJ_EIO, "cannot write %s", g->path);
	if (rc == 0 && opts.commit)
		rc = xj_diploma_submit(r->st, opts.q.cohort, g->path, g->out.tmp, g->rows,
				       &r->err);
	/* the store first, then the file: see xj-register new.  The file
	 * carries ID numbers whole: on record before it is shown (P2), the
	 * -o file of a dry run never is */
	if (rc == 0 && (!g->path || !r->dry_run))
		rc = xj_cmdrun_reveal_file(r, g->path, g->rows);
	else if (rc == 0)
		rc = xj_cmdrun_commit(r);
	if (rc == 0 && g->path && !r->dry_run)
		rc = xj_outfile_commit(&g->out, &r->err);
	else if (g->out.fp)
		xj_outfile_abort(&g->out);
	return rc;
}

static int run_register(struct xj_run *r, int nargs, char **args)
{
	struct regrun g;
	int rc;

	(void)args;
	memset(&g, 0, sizeof(g));
	g.path = out_path(r);
	if (!opts.template || nargs)
		return xj_diag_usage("register takes --template FILE (and filters, not students)");
	if (opts.commit && !g.path)
		return xj_diag_usage("--commit records a file: give -o FILE");
	rc = register_body(r, &g);
	xj_outtemplate_free(g.t);
	xj_sb_release(&g.school);
	if (rc != 0 || r->c->quiet)
		return rc;
	if (opts.commit && r->dry_run)
		xj_diag(ngettext("%ld certificate in the file, %ld left out (dry run: nothing"
				 " was recorded)", "%ld certificates in the file, %ld left out"
				 " (dry run: nothing was recorded)", (unsigned long)g.rows),
			g.rows, r->refused);
	else if (opts.commit)
		xj_diag(ngettext("%ld certificate in the file, %ld left out, submitted",
				 "%ld certificates in the file, %ld left out, submitted",
				 (unsigned long)g.rows), g.rows, r->refused);
	else   /* a dry run's file to standard output is on record all the same (P2) */
		xj_diag(ngettext("%ld certificate in the file, %ld left out%s",
				 "%ld certificates in the file, %ld left out%s",
				 (unsigned long)g.rows), g.rows, r->refused,
			xj_cmdrun_dry_reveal_note(r));
	return 0;
}

/* --- result: CHSI's feedback -------------------------------------------------- */

/* One row of the feedback, as xj_cmdverbs_feedback asks. */
static int result_of(struct xj_run *r, const struct xj_intemplate *t,
		     const struct xj_record *rec, struct xj_sb *key, struct xj_sb *msg)
{
	return xj_diploma_result(r->st, t, rec, r->id.user, key, msg, &r->err);
}

static int run_result(struct xj_run *r, int nfiles, char **files)
{
	return xj_cmdverbs_feedback(r, nfiles, files, opts.template, result_of, NULL);
}

/* --- list and show ------------------------------------------------------------- */

static const char *const list_cols[] = { "exam_no", "name", "kind", "conclusion", "number",
	"issued_on", "state", "original" };

/* A callback of xj_store_cert_each: nonzero stops the walk, with r->err. */
static int list_row(void *ctx, const struct xj_cert *c)
{
	struct xj_run *r = ctx;
	struct xj_cert orig;
	const char *state = xj_diploma_list_state(c);
	const char *vals[8];
	int rc;

	if (opts.status && strcmp(opts.status, state) != 0)
		return 0;
	memset(&orig, 0, sizeof(orig));
	if (c->original_id && xj_store_cert_get(r->st, c->original_id, &orig, &r->err) < 0)
		return 1;
	vals[0] = c->exam_no.buf;
	vals[1] = c->name.buf;
	vals[2] = c->kind.buf;
	vals[3] = c->conclusion.buf;
	vals[4] = c->number.buf;
	vals[5] = c->issued_on.buf;
	vals[6] = state;
	vals[7] = orig.number.buf;
	rc = xj_writer_row(r->w, vals, &r->err);
	xj_store_cert_release(&orig);
	return rc < 0;
}

static int run_list(struct xj_run *r, int nargs, char **args)
{
	int rc;

	(void)args;
	if (nargs)
		return xj_diag_usage("list takes --cohort and --status, not students");
	if (!xj_cmdrun_writer(r, 8, list_cols))
		return -1;
	rc = xj_store_cert_each(r->st, opts.q.cohort, list_row, r, &r->err);
	return rc == 0 && r->err.code ? -1 : rc;
}

struct showrun {
	struct xj_run *r;
	long long student_id;
	const struct xj_cert *c;
	int rc;
};

static const char *const show_cols[] = { "number", "kind", "conclusion", "step", "text",
					 "by", "on" };

static int show_event(void *ctx, const char *kind, const char *text, const char *by,
		      const char *on)
{
	struct showrun *sr = ctx;
	const char *vals[7] = { sr->c->number.buf, sr->c->kind.buf, sr->c->conclusion.buf,
				kind, text, by, on };

	sr->rc = xj_writer_row(sr->r->w, vals, &sr->r->err);
	return sr->rc < 0;
}

static int show_cert(void *ctx, const struct xj_cert *c)
{
	struct showrun *sr = ctx;
	const char *vals[7] = { c->number.buf, c->kind.buf, c->conclusion.buf, "issued", "",
				"", c->issued_on.buf };

	if (c->student_id != sr->student_id)
		return 0;
	sr->c = c;
	if ((sr->rc = xj_writer_row(sr->r->w, vals, &sr->r->err)) < 0)
		return 1;
	if (xj_store_cert_events(sr->r->st, c->id, show_event, sr, &sr->r->err) < 0)
		sr->rc = -1;
	return sr->rc < 0;
}

static int show_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct showrun sr = { r, s->id, NULL, 0 };
	int rc = xj_store_cert_each(r->st, s->cohort, show_cert, &sr, &r->err);

	(void)ctx;
	return rc == 0 && sr.rc < 0 ? -1 : rc;
}

static int run_show(struct xj_run *r, int nargs, char **args)
{
	if (nargs != 1)
		return xj_diag_usage("show takes one student");
	if (!xj_cmdrun_writer(r, 7, show_cols))
		return -1;
	return xj_cmdrun_each_student(r, 1, args, show_one, NULL);
}

/* --- proof: a certificate of academic credentials (P15) ------------------------ */

/* The page, on standard output or -o FILE (put in place at once: the
 * store is not changed by printing). */
static int print_proof(struct xj_run *r, const struct xj_student *s)
{
	struct xj_cert proof, orig;
	struct xj_sb school = XJ_SB_INIT, enrol = XJ_SB_INIT;
	struct xj_student view;
	struct xj_outfile out;
	const char *path = out_path(r);
	FILE *fp = stdout;
	int rc;

	memset(&proof, 0, sizeof(proof));
	memset(&orig, 0, sizeof(orig));
	memset(&out, 0, sizeof(out));
	rc = xj_store_cert_of(r->st, s->id, "proof", &proof, &r->err);
	if (rc == 0)
		rc = xj_error_set(&r->err, XJ_EDATA, "no certificate of academic credentials"
				  " issued");
	if (rc > 0)
		rc = xj_store_cert_get(r->st, proof.original_id, &orig, &r->err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = xj_store_school(r->st, &school, &r->err);
	/* the student as paper shows them: the cohort's enrolment date where
	 * the student has none of their own */
	if (rc == 0)
		rc = xj_card_view(r->st, s, &view, &enrol, &r->err);
	if (rc == 0 && path && (rc = xj_outfile_open(&out, path, &r->err)) == 0)
		fp = out.fp;
	if (rc == 0)
		rc = xj_proofpage_write(fp, school.buf, &view, &proof, &orig, &r->err);
	if (rc == 0 && path)
		rc = xj_outfile_commit(&out, &r->err);
	else if (out.fp)
		xj_outfile_abort(&out);
	xj_store_cert_release(&proof);
	xj_store_cert_release(&orig);
	xj_sb_release(&school);
	xj_sb_release(&enrol);
	return rc;
}

static int proof_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct xj_sb number = XJ_SB_INIT;
	int rc;

	(void)ctx;
	if (opts.print)
		return print_proof(r, s);
	if (opts.marked)
		return xj_diploma_marked(r->st, s, r->id.user, &r->err);
	rc = xj_diploma_proof(r->st, s, opts.reason, opts.applied, r->id.user, &number,
			      &r->err);
	if (rc == 0) {
		const char *vals[2] = { s->v[XJ_S_EXAM_NO], number.buf };

		rc = xj_writer_row(r->w, vals, &r->err);
	}
	xj_sb_release(&number);
	return rc;
}

static const char *const proof_cols[] = { "exam_no", "number" };

static int run_proof(struct xj_run *r, int nargs, char **args)
{
	if (nargs != 1)
		return xj_diag_usage("proof takes one student");
	if (opts.print + opts.marked + !!(opts.reason || opts.applied) != 1 ||
	    (!opts.print && !opts.marked && (!opts.reason || !opts.applied)))
		return xj_diag_usage("proof wants --reason and --applied, or --marked, or --print");
	if (!opts.print && !opts.marked && !xj_cmdrun_writer(r, 2, proof_cols))
		return -1;
	return xj_cmdrun_each_change(r, 1, args, proof_one, NULL);
}

/* --- revoke and sign (P1) --------------------------------------------------------- */

static int revoke_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	(void)ctx;
	return xj_diploma_revoke(r->st, s, opts.reason, opts.doc_no, r->id.user, &r->err);
}

static int run_revoke(struct xj_run *r, int nargs, char **args)
{
	int rc;

	if (!opts.reason || !opts.doc_no || nargs != 1)
		return xj_diag_usage("revoke takes one student, --reason and --doc-no");
	rc = xj_cmdrun_each_change(r, nargs, args, revoke_one, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("proposed"));
	return rc;
}

static int sign_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	(void)ctx;
	return xj_signoff(r->st, s, "revoke", opts.level, r->id.user, NULL, &r->err);
}

/* --- revocation sign-offs signed away from the store (xj-key sign, P1) ---- */

/* A revocation's sign-offs are review sign-offs (stage revoke): their
 * sheets are those of xj-verify sign, made and applied by the same
 * library. */
#define SIGNERS (XJ_ROLE_DEPT_HEAD | XJ_ROLE_LEADER)
/* a verb that decides: a proven key, each change a signed decision */
#define DECIDE (XJ_V_STORE | XJ_V_WRITES | XJ_V_DECISION)

/* --prepare: the sheet of the revocation sign-offs -u NAME may make now,
 * for a signer who never logs in (XJ_V_FOR_USER: -u names the signer). */
static int prepare_sheet(struct xj_run *r, int nargs, char **args)
{
	const char *out = r->c->output;

	if (!opts.level || !r->c->user || !out || !strcmp(out, "-"))
		return xj_diag_usage("sign --prepare needs --level, -u NAME (the signer) and -o"
				     " FILE (the sheet)");
	return xj_cmdsheet_prepare_signoffs(r, nargs, args, "revoke", opts.level, opts.page);
}

/* --apply: each signed sign-off recorded as its signer's, in a command of
 * the one who applies it; the roles are the signer's, per decision. */
static int apply_sheets(struct xj_run *r, int nargs, char **args)
{
	return xj_cmdsheet_apply(r, nargs, args, XJ_SHEET_SIGNOFF);
}

/* sign is three commands by its options, so its table entry opens
 * nothing: online it is a department head's or the leader's (the library
 * checks the level and the department), --apply anyone's with a key,
 * --prepare anyone's. */
static int run_sign(struct xj_run *r, int nargs, char **args)
{
	int rc;

	if (opts.prepare && opts.apply)
		return xj_diag_usage("sign takes --prepare or --apply, not both");
	if (opts.prepare)
		return prepare_sheet(r, nargs, args);
	if (r->c->output || opts.page)
		return xj_diag_usage("-o and --page go with sign --prepare");
	if (opts.apply)
		return apply_sheets(r, nargs, args);
	if (xj_cmdrun_open_as(r, DECIDE | XJ_V_DEPT, SIGNERS) < 0)
		return -1;
	if (!opts.level || !nargs)
		return xj_diag_usage("sign takes --level dept|leader and students");
	rc = xj_cmdrun_each_change(r, nargs, args, sign_one, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("signed"));
	return rc;
}

/* The library keeps the finer checks: the reviewer and the department
 * head of the student's own department, the levels in order, each a
 * different person (P1, P3). */
#define READ (XJ_V_STORE | XJ_V_LIST)
#define REG XJ_ROLE_REGISTRAR

static const struct xj_verb verbs[] = {
	{ "check", run_check, READ | XJ_V_ASOF | XJ_V_QUIET, 0, "conclusion cohort dept",
	  NULL },
	{ "issue", run_issue, DECIDE | XJ_V_LIST, REG, "conclusion date cohort dept", NULL },
	{ "register", run_register, XJ_V_STORE | XJ_V_WRITES, REG,
	  "template commit cohort output", NULL },
	{ "result", run_result, XJ_V_STORE | XJ_V_WRITES | XJ_V_LIST | XJ_V_STDIN, REG, "template", NULL },
	{ "list", run_list, READ, 0, "cohort status", NULL },
	{ "show", run_show, READ, 0, "", NULL },
	{ "proof", run_proof, DECIDE | XJ_V_LIST, REG, "reason applied marked print", NULL },
	{ "revoke", run_revoke, DECIDE | XJ_V_DEPT, XJ_ROLE_REVIEWER, "reason doc-no", NULL },
	/* sign opens the store itself (xj_cmdrun_open_as): its options decide
	 * what it is, so -d, --key, -u, -n go by name */
	{ "sign", run_sign, XJ_V_QUIET | XJ_V_DECISION | XJ_V_DEPT, 0,
	  "db key user dry-run output level prepare apply page", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-diploma", usage_text, verbs, own_opts, own_option, &opts, NULL
	};

	return xj_cmdrun_main(&prog, argc, argv);
}
