/* xj-diploma: certificates of academic credentials.  Who may get one
 * (P13), the issue with its number (P14), CHSI's e-registration that
 * freezes the record (P16), the certificate of academic credentials for a
 * lost or damaged original (P15), and the revocation of a credential
 * resting on fraud at three levels (P1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/clock.h"
#include "xj/cmdrun.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/diploma.h"
#include "xj/mask.h"
#include "xj/outtemplate.h"
#include "xj/proofpage.h"
#include "xj/review.h"
#include "xj/validate.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-diploma check [--conclusion c] [--as-of date] [-d db] [-f fmt] [filters] [key ...]\n"
"       xj-diploma issue --conclusion c [--date date] [-nq] [-d db] [--key file]\n"
"                 [filters] [key ... | -]\n"
"       xj-diploma register --template file [-o file] [--commit] [-nq] [-d db] [--cohort year]\n"
"       xj-diploma result [--template file] [-nq] [-d db] [--key file] [file ...]\n"
"       xj-diploma list [--cohort year] [--status s] [-d db] [-f fmt]\n"
"       xj-diploma show [-d db] [-f fmt] key\n"
"       xj-diploma proof --reason lost|damaged --applied date [-nq] [-d db] [--key file] key\n"
"       xj-diploma proof --marked [-nq] [-d db] [--key file] key\n"
"       xj-diploma proof --print [-o file] [-d db] key\n"
"       xj-diploma revoke --reason text --doc-no text [-nq] [-d db] [--key file] key\n"
"       xj-diploma sign --level dept|leader [-nq] [-d db] [--key file] key ...\n"
"\n"
"  check        who may get a certificate, with every reason who may not (P13)\n"
"  issue        issue certificates, numbered, to those who may (P13, P14)\n"
"  register     CHSI's e-registration file of issued certificates (P14)\n"
"  result       CHSI's feedback: a registered credential freezes the record (P16)\n"
"  list         the certificates and where they stand\n"
"  show         a student's certificates and what happened to them\n"
"  proof        a certificate of academic credentials for a lost or damaged one (P15)\n"
"  revoke       propose revoking a credential resting on fraud\n"
"  sign         the department head's, then the leader's signature of it (P1)\n"
"\n"
"  -d, --db PATH         the store (default $XJ_DB, else ./xj.db)\n"
"  -u, --user NAME       the staff member acting (the key's holder)\n"
"      --key FILE        the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run         check everything, record nothing\n"
"  -q, --quiet           no summary\n"
"  -f, --format FMT      csv (default), tsv, yaml, json, xlsx\n"
"  -o, --output FILE     write there, atomically, instead of standard output\n"
"      --conclusion C    graduate (毕业), completion (结业) or incomplete (肄业)\n"
"      --date DATE       issue: the date of issue (default today)\n"
"      --as-of DATE      check: as of DATE (default today)\n"
"      --template FILE   the YAML layout of CHSI's file\n"
"      --commit          register: record the file as handed to CHSI\n"
"      --status S        list: issued, registered, proof or revoked\n"
"      --reason TEXT     proof: lost or damaged; revoke: why\n"
"      --applied DATE    proof: the date of the application\n"
"      --marked          proof: it was annotated on CHSI\n"
"      --print           proof: the printable page\n"
"      --doc-no TEXT     revoke: the document it rests on\n"
"      --level L         sign: dept or leader\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n");

struct opts {
	const char *db, *user, *key, *format, *output, *template, *conclusion, *date, *as_of;
	const char *status, *reason, *applied, *doc_no, *level;
	int dry_run, quiet, commit, marked, print;
	struct xj_query q;
};

enum {
	O_KEY = 256, O_CONCLUSION, O_DATE, O_AS_OF, O_TEMPLATE, O_COMMIT, O_STATUS, O_REASON,
	O_APPLIED, O_MARKED, O_PRINT, O_DOC_NO, O_LEVEL, O_COHORT, O_DEPT
};

static int parse_opt(int c, void *ctx)
{
	struct opts *o = ctx;
	long v;

	switch (c) {
	case 'd': o->db = optarg; break;
	case 'u': o->user = optarg; break;
	case 'n': o->dry_run = 1; break;
	case 'q': o->quiet = 1; break;
	case 'f': o->format = optarg; break;
	case 'o': o->output = optarg; break;
	case O_KEY: o->key = optarg; break;
	case O_CONCLUSION:
		if (!(o->conclusion = xj_conclusion_name(optarg)))
			return xj_diag_usage("--conclusion wants graduate, completion or incomplete,"
					     " not '%s'", optarg);
		break;
	case O_DATE: o->date = optarg; break;
	case O_AS_OF: o->as_of = optarg; break;
	case O_TEMPLATE: o->template = optarg; break;
	case O_COMMIT: o->commit = 1; break;
	case O_STATUS:
		if (strcmp(optarg, "issued") && strcmp(optarg, "registered") &&
		    strcmp(optarg, "proof") && strcmp(optarg, "revoked"))
			return xj_diag_usage("--status wants issued, registered, proof or revoked");
		o->status = optarg;
		break;
	case O_REASON: o->reason = optarg; break;
	case O_APPLIED: o->applied = optarg; break;
	case O_MARKED: o->marked = 1; break;
	case O_PRINT: o->print = 1; break;
	case O_DOC_NO: o->doc_no = optarg; break;
	case O_LEVEL:
		if (strcmp(optarg, "dept") && strcmp(optarg, "leader"))
			return xj_diag_usage("--level wants dept or leader, not '%s'", optarg);
		o->level = optarg;
		break;
	case O_DEPT: o->q.dept = optarg; break;
	case O_COHORT:
		if (xj_cli_number(optarg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", optarg);
		o->q.cohort = (int)v;
		break;
	default: return -2;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "applied", required_argument, NULL, O_APPLIED },
		{ "as-of", required_argument, NULL, O_AS_OF },
		{ "cohort", required_argument, NULL, O_COHORT },
		{ "commit", no_argument, NULL, O_COMMIT },
		{ "conclusion", required_argument, NULL, O_CONCLUSION },
		{ "date", required_argument, NULL, O_DATE },
		{ "db", required_argument, NULL, 'd' },
		{ "dept", required_argument, NULL, O_DEPT },
		{ "doc-no", required_argument, NULL, O_DOC_NO },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, O_KEY },
		{ "level", required_argument, NULL, O_LEVEL },
		{ "marked", no_argument, NULL, O_MARKED },
		{ "output", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, O_PRINT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reason", required_argument, NULL, O_REASON },
		{ "status", required_argument, NULL, O_STATUS },
		{ "template", required_argument, NULL, O_TEMPLATE },
		{ "user", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};

	return xj_cli_options(argc, argv, ":d:f:hno:qu:V", longs, "xj-diploma", usage_text,
			      parse_opt, o);
}

/* The frame of the commands (x first: a callback's struct xj_run is it). */
struct run {
	struct xj_run x;
	const struct opts *o;
	struct xj_writer *w;
	char today[11];
};

static int run_open(struct run *r, const struct opts *o, int argc, char **argv, int writes)
{
	struct xj_run_opts ro = { "xj-diploma", o->db, o->key, o->user, o->dry_run, &o->q };
	int rc;

	r->o = o;
	r->w = NULL;
	xj_clock_today(r->today, sizeof(r->today));
	rc = xj_run_open(&r->x, &ro, argc, argv, writes);
	if (rc == 0 && o->format && !(r->w = xj_cli_writer(o->format, NULL, 0, 0, &r->x.err)))
		return -1;
	if (rc == 0 && !r->w && !(r->w = xj_cli_writer(NULL, NULL, 0, 0, &r->x.err)))
		return -1;
	return rc;
}

static int run_close(struct run *r, int rc)
{
	if (rc == 0 && r->w)
		rc = xj_writer_end(r->w, &r->x.err);
	xj_writer_free(r->w);
	return xj_run_close(&r->x, rc);
}

/* A decision needs the key of the staff member who makes it. */
static int proven(struct run *r)
{
	if (r->x.id.proven)
		return 0;
	return xj_error_set(&r->x.err, XJ_EUSAGE, "a certificate is a decision: it needs the"
			    " key of the staff member who makes it (see xj-key(1))");
}

static int write_row(struct run *r, const char *const *vals)
{
	return xj_writer_row(r->w, vals, &r->x.err);
}

/* --- check: who may get a certificate (P13) ------------------------------------ */

struct checkrow {
	struct run *r;
	const struct xj_student *s;
	int rc;
};

static void check_reason(void *ctx, const char *why)
{
	struct checkrow *c = ctx;
	const char *vals[5] = { c->s->v[XJ_S_EXAM_NO], c->s->v[XJ_S_NAME],
				c->r->o->conclusion ? c->r->o->conclusion : "graduate", "no", why };

	if (c->rc == 0)
		c->rc = write_row(c->r, vals);
}

static int check_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct checkrow c = { r, s, 0 };
	const char *conclusion = r->o->conclusion ? r->o->conclusion : "graduate";
	long n = xj_diploma_check(xr->st, s, conclusion, r->o->as_of ? r->o->as_of : r->today,
				  check_reason, &c, &xr->err);

	(void)ctx;
	if (n == 0) {
		const char *vals[5] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], conclusion, "yes",
					"" };

		xr->done++;
		return write_row(r, vals);
	}
	if (n > 0)
		xr->failed++;
	return n < 0 || c.rc < 0 ? -1 : 0;
}

static const char *const check_cols[] = { "exam_no", "name", "conclusion", "eligible",
					  "reason" };

static int run_check(const struct opts *o, int argc, char **argv, int nkeys, char **keys)
{
	struct run r;
	int rc = run_open(&r, o, argc, argv, 0);

	if (rc == 0) {
		xj_writer_columns(r.w, 5, check_cols);
		rc = xj_run_each_student(&r.x, nkeys, keys, check_one, NULL);
	}
	if (rc == 0 && !o->quiet)
		xj_diag("%ld eligible, %ld not", r.x.done, r.x.failed);
	return run_close(&r, rc);
}

/* --- issue ---------------------------------------------------------------------- */

/* Each reason a student may not get the certificate, on its own line. */
struct reasons {
	const struct xj_student *s;
	long n;
};

static void say_reason(void *ctx, const char *why)
{
	struct reasons *rs = ctx;

	xj_diag("%s: %s", rs->s->v[XJ_S_EXAM_NO], why);
	rs->n++;
}

static int issue_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct reasons rs = { s, 0 };
	struct xj_sb number = XJ_SB_INIT;
	int upgraded = 0, rc = xj_store_savepoint(xr->st, "issue", XJ_SP_BEGIN, &xr->err);

	(void)ctx;
	if (rc == 0)
		rc = xj_diploma_issue(xr->st, s, r->o->conclusion, r->o->date ? r->o->date :
				      r->today, xr->id.user, say_reason, &rs, &number, &upgraded,
				      &xr->err);
	if (rc == 0) {
		const char *vals[4] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], r->o->conclusion,
					number.buf };

		xr->done++;
		rc = write_row(r, vals);
		if (rc == 0)
			rc = xj_store_savepoint(xr->st, "issue", XJ_SP_RELEASE, &xr->err);
	} else if (xr->err.code == XJ_EDATA || xr->err.code == XJ_EUSAGE) {
		if (rs.n)   /* the reasons are said already */
			xr->refused++;
		else
			xj_run_refuse(xr, s->v[XJ_S_EXAM_NO], xr->err.msg);
		xj_error_clear(&xr->err);
		rc = xj_store_savepoint(xr->st, "issue", XJ_SP_ROLLBACK, &xr->err);
	}
	xj_sb_release(&number);
	return rc;
}

static const char *const issue_cols[] = { "exam_no", "name", "conclusion", "number" };

static int run_issue(const struct opts *o, int argc, char **argv, int nkeys, char **keys)
{
	struct run r;
	struct xj_error e;
	char date[11];
	int rc;

	xj_error_clear(&e);
	if (!o->conclusion)
		return xj_diag_usage("issue needs --conclusion graduate, completion or incomplete");
	if (o->date && (xj_check_date(o->date, date, sizeof(date), &e) < 0 ||
			strcmp(o->date, date) != 0))
		return xj_diag_usage("--date wants a date YYYY-MM-DD, not '%s'", o->date);
	rc = run_open(&r, o, argc, argv, 1);
	if (rc == 0)
		rc = proven(&r);
	if (rc == 0) {
		xj_writer_columns(r.w, 4, issue_cols);
		rc = xj_run_each_student(&r.x, nkeys, keys, issue_one, NULL);
	}
	if (rc == 0 && !o->quiet && o->dry_run)
		xj_diag("%ld issued, %ld refused (dry run: nothing was recorded)", r.x.done,
			r.x.refused);
	else if (rc == 0 && !o->quiet)
		xj_diag("%ld issued, %ld refused", r.x.done, r.x.refused);
	return run_close(&r, rc);
}

/* --- register: CHSI's e-registration file (P14) ------------------------------- */

struct ids {
	long long *v;
	size_t n;
	int status_filter;
	const char *status;
};

static const char *cert_state(const struct xj_cert *c)
{
	if (c->revoked)
		return "revoked";
	if (!strcmp(c->kind.buf, "proof"))
		return "proof";
	return c->registered ? "registered" : "issued";
}

/* Certificates to register: issued, numbered, not registered, not revoked
 * (肄业 certificates have no number: never registered). */
static int collect_unregistered(void *ctx, const struct xj_cert *c)
{
	struct ids *ids = ctx;

	if (strcmp(c->kind.buf, "diploma") || !c->number.len || c->registered || c->revoked)
		return 0;
	ids->v = xj_xreallocarray(ids->v, ids->n + 1, sizeof(long long));
	ids->v[ids->n++] = c->id;
	return 0;
}

static int submitted(struct run *r, const struct xj_cert *c)
{
	struct xj_sb json = XJ_SB_INIT;
	int rc = xj_store_cert_event(r->x.st, c->id, "submitted", NULL, r->x.id.user,
				     &r->x.err);

	xj_sb_adds(&json, "{\"certificate\":");
	xj_sb_add_json(&json, c->number.buf);
	xj_sb_adds(&json, ",\"state\":\"submitted\"}");
	if (rc == 0)
		rc = xj_store_audit(r->x.st, c->student_id, "diploma-register", NULL, json.buf,
				    &r->x.err);
	xj_sb_release(&json);
	return rc;
}

struct regrun {
	struct xj_outtemplate *t;
	struct xj_outfile out;
	FILE *fp;
	struct xj_diploma_rules rules;
	struct xj_sb school;
	long rows;
};

static int register_cert(struct run *r, struct regrun *g, long long id)
{
	struct xj_cert c;
	struct xj_student s;
	struct xj_pairs extra = XJ_PAIRS_INIT;
	struct xj_error e;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&s, 0, sizeof(s));
	xj_error_clear(&e);
	rc = xj_store_cert_get(r->x.st, id, &c, &r->x.err) < 0 ? -1 :
		xj_store_student_find(r->x.st, XJ_S_EXAM_NO, c.exam_no.buf, &s, &r->x.err);
	if (rc > 0) {
		xj_pairs_add(&extra, "certificate_no", c.number.buf);
		xj_pairs_add(&extra, "conclusion", c.conclusion.buf);
		xj_pairs_add(&extra, "graduation_date", c.issued_on.buf);
		xj_pairs_add(&extra, "principal", g->rules.principal);
		xj_pairs_add(&extra, "school_code", g->rules.school);
		xj_pairs_add(&extra, "school_name", g->school.buf);
		rc = xj_outtemplate_row(g->t, r->x.st, &s, &extra, g->fp, &e);
		if (rc < 0 && e.code == XJ_EDATA)
			xj_run_refuse(&r->x, c.exam_no.buf, e.msg), rc = 1;
		else if (rc < 0)
			r->x.err = e;
		else if (r->o->commit)
			rc = submitted(r, &c);
		if (rc == 0)
			g->rows++;
	}
	xj_pairs_release(&extra);
	xj_student_release(&s);
	xj_cert_release(&c);
	return rc < 0 ? -1 : 0;
}

static int register_body(struct run *r, struct regrun *g)
{
	struct ids ids = { NULL, 0, 0, NULL };
	char hex[65];
	long long sub;
	size_t i;
	int rc = xj_store_diploma_rules(r->x.st, &g->rules, &r->x.err);

	if (rc == 0)
		rc = xj_store_school(r->x.st, &g->school, &r->x.err);
	if (rc == 0 && !(g->t = xj_outtemplate_load(r->o->template, &r->x.err)))
		rc = -1;
	if (rc == 0 && r->o->output)
		rc = xj_outfile_open(&g->out, r->o->output, &r->x.err);
	g->fp = r->o->output ? g->out.fp : stdout;
	if (rc == 0)
		rc = xj_outtemplate_header(g->t, g->fp, &r->x.err);
	if (rc == 0)
		rc = xj_store_cert_each(r->x.st, r->o->q.cohort, collect_unregistered, &ids,
					&r->x.err);
	for (i = 0; rc == 0 && i < ids.n; i++)
		rc = register_cert(r, g, ids.v[i]);
	free(ids.v);
	if (rc == 0 && r->o->commit && fflush(g->fp) != 0)
		rc = xj_error_set(&r->x.err, XJ_EIO, "cannot write %s", r->o->output);
	if (rc == 0 && r->o->commit)
		rc = xj_file_sha256(g->out.tmp, hex, &r->x.err);
	if (rc == 0 && r->o->commit)
		rc = xj_store_submission_add(r->x.st, "diploma", r->o->q.cohort, r->o->output, hex,
					     g->rows, &sub, &r->x.err);
	/* the store first, then the file: see xj-register new */
	if (rc == 0)
		rc = xj_run_commit(&r->x);
	if (rc == 0 && r->o->output && !r->o->dry_run)
		rc = xj_outfile_commit(&g->out, &r->x.err);
	else if (r->o->output && g->out.fp)
		xj_outfile_abort(&g->out);
	return rc;
}

static int run_register(const struct opts *o, int argc, char **argv, int nargs)
{
	struct run r;
	struct regrun g;
	int rc;

	memset(&g, 0, sizeof(g));
	if (!o->template || nargs)
		return xj_diag_usage("register takes --template FILE (and filters, not students)");
	if (o->commit && !o->output)
		return xj_diag_usage("--commit records a file: give -o FILE");
	rc = run_open(&r, o, argc, argv, 1);
	if (rc == 0)
		rc = register_body(&r, &g);
	xj_outtemplate_free(g.t);
	xj_sb_release(&g.school);
	if (rc == 0 && !o->quiet && o->commit && o->dry_run)
		xj_diag("%ld certificates in the file, %ld left out (dry run: nothing was"
			" recorded)", g.rows, r.x.refused);
	else if (rc == 0 && !o->quiet && o->commit)
		xj_diag("%ld certificates in the file, %ld left out, submitted", g.rows,
			r.x.refused);
	else if (rc == 0 && !o->quiet)
		xj_diag("%ld certificates in the file, %ld left out", g.rows, r.x.refused);
	xj_writer_free(r.w);
	r.w = NULL;
	return run_close(&r, rc);
}

/* --- result: CHSI's feedback -------------------------------------------------- */

static const char *const result_sections[] = { "columns", "result", NULL };
static const char *const fail_cols[] = { "exam_no", "message" };

struct resultrun {
	const struct xj_intemplate *t;
};

static int result_row(struct xj_run *xr, const struct xj_record *rec, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct resultrun *rr = ctx;
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	int rc = xj_store_savepoint(xr->st, "row", XJ_SP_BEGIN, &xr->err);

	if (rc == 0)
		rc = xj_diploma_result(xr->st, rr->t, rec, xr->id.user, &key, &msg, &xr->err);
	if (rc == 1) {
		const char *vals[2] = { key.buf, msg.buf };

		xr->failed++;
		rc = write_row(r, vals);
	} else if (rc == 2) {
		xr->unchanged++;
		rc = 0;
	} else if (rc == 0) {
		xr->done++;
	}
	if (rc == 0)
		rc = xj_store_savepoint(xr->st, "row", XJ_SP_RELEASE, &xr->err);
	xj_sb_release(&key);
	xj_sb_release(&msg);
	return rc;
}

static int run_result(const struct opts *o, int argc, char **argv, int nfiles, char **files)
{
	struct run r;
	struct resultrun rr = { NULL };
	struct xj_intemplate *t = NULL;
	int rc = run_open(&r, o, argc, argv, 1), i;

	if (rc == 0 && o->template &&
	    !(t = xj_intemplate_load(o->template, result_sections, &r.x.err)))
		rc = -1;
	rr.t = t;
	if (rc == 0)
		xj_writer_columns(r.w, 2, fail_cols);
	for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
		rc = xj_run_each_row(&r.x, nfiles ? files[i] : "-", result_row, &rr);
	xj_intemplate_free(t);
	if (rc == 0 && !o->quiet)
		xj_run_say_results(&r.x);
	return run_close(&r, rc);
}

/* --- list and show ------------------------------------------------------------- */

static const char *const list_cols[] = { "exam_no", "name", "kind", "conclusion", "number",
	"issued_on", "state", "original" };

static int list_row(void *ctx, const struct xj_cert *c)
{
	struct run *r = ctx;
	struct xj_cert orig;
	const char *state = cert_state(c);
	const char *vals[8];
	int rc;

	if (r->o->status && strcmp(r->o->status, state) != 0)
		return 0;
	memset(&orig, 0, sizeof(orig));
	if (c->original_id && xj_store_cert_get(r->x.st, c->original_id, &orig, &r->x.err) < 0)
		return 1;
	vals[0] = c->exam_no.buf;
	vals[1] = c->name.buf;
	vals[2] = c->kind.buf;
	vals[3] = c->conclusion.buf;
	vals[4] = c->number.buf;
	vals[5] = c->issued_on.buf;
	vals[6] = !strcmp(state, "issued") && strcmp(c->state.buf, "issued") ? c->state.buf :
		  state;
	vals[7] = orig.number.buf;
	rc = write_row(r, vals);
	xj_cert_release(&orig);
	r->x.done++;
	return rc < 0;
}

static int run_list(const struct opts *o, int argc, char **argv, int nargs)
{
	struct run r;
	int rc;

	if (nargs)
		return xj_diag_usage("list takes --cohort and --status, not students");
	rc = run_open(&r, o, argc, argv, 0);
	if (rc == 0) {
		xj_writer_columns(r.w, 8, list_cols);
		rc = xj_store_cert_each(r.x.st, o->q.cohort, list_row, &r, &r.x.err);
	}
	return run_close(&r, rc);
}

struct showrun {
	struct run *r;
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

	sr->rc = write_row(sr->r, vals);
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
	if ((sr->rc = write_row(sr->r, vals)) < 0)
		return 1;
	if (xj_store_cert_events(sr->r->x.st, c->id, show_event, sr, &sr->r->x.err) < 0)
		sr->rc = -1;
	return sr->rc < 0;
}

static int run_show(const struct opts *o, int argc, char **argv, int nargs, char **args)
{
	struct run r;
	struct xj_student s;
	struct showrun sr;
	int rc;

	if (nargs != 1)
		return xj_diag_usage("show takes one student");
	memset(&s, 0, sizeof(s));
	rc = run_open(&r, o, argc, argv, 0);
	if (rc == 0 && (rc = xj_cli_find_student(r.x.st, args[0], &s, &r.x.err)) == 0)
		rc = xj_error_set(&r.x.err, XJ_EDATA, "no student with key %s", args[0]);
	if (rc > 0) {
		xj_writer_columns(r.w, 7, show_cols);
		sr.r = &r;
		sr.student_id = s.id;
		sr.rc = 0;
		rc = xj_store_cert_each(r.x.st, s.cohort, show_cert, &sr, &r.x.err);
		if (rc == 0 && sr.rc < 0)
			rc = -1;
	}
	xj_student_release(&s);
	return run_close(&r, rc);
}

/* --- proof: a certificate of academic credentials (P15) ------------------------ */

static int print_proof(struct run *r, const struct xj_student *s)
{
	struct xj_cert proof, orig;
	struct xj_sb school = XJ_SB_INIT;
	struct xj_outfile out;
	FILE *fp = stdout;
	int rc;

	memset(&proof, 0, sizeof(proof));
	memset(&orig, 0, sizeof(orig));
	memset(&out, 0, sizeof(out));
	rc = xj_store_cert_of(r->x.st, s->id, "proof", &proof, &r->x.err);
	if (rc == 0)
		rc = xj_error_set(&r->x.err, XJ_EDATA, "%s: no certificate of academic"
				  " credentials issued", s->v[XJ_S_EXAM_NO]);
	if (rc > 0)
		rc = xj_store_cert_get(r->x.st, proof.original_id, &orig, &r->x.err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = xj_store_school(r->x.st, &school, &r->x.err);
	if (rc == 0 && r->o->output && (rc = xj_outfile_open(&out, r->o->output, &r->x.err)) == 0)
		fp = out.fp;
	if (rc == 0)
		rc = xj_proof_page(fp, school.buf, s, &proof, &orig, &r->x.err);
	if (rc == 0 && r->o->output)
		rc = xj_outfile_commit(&out, &r->x.err);
	else if (out.fp)
		xj_outfile_abort(&out);
	xj_cert_release(&proof);
	xj_cert_release(&orig);
	xj_sb_release(&school);
	return rc;
}

static int proof_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct xj_sb number = XJ_SB_INIT;
	int rc;

	(void)ctx;
	if (r->o->print)
		return print_proof(r, s);
	if (r->o->marked)
		rc = xj_diploma_marked(xr->st, s, xr->id.user, &xr->err);
	else
		rc = xj_diploma_proof(xr->st, s, r->o->reason, r->o->applied, xr->id.user,
				      &number, &xr->err);
	if (rc == 0 && !r->o->marked) {
		const char *vals[2] = { s->v[XJ_S_EXAM_NO], number.buf };

		rc = write_row(r, vals);
	}
	if (rc == 0)
		xr->done++;
	else if (xr->err.code == XJ_EDATA || xr->err.code == XJ_EUSAGE) {
		xj_run_refuse(xr, s->v[XJ_S_EXAM_NO], xr->err.msg);
		xj_error_clear(&xr->err);
		rc = 0;
	}
	xj_sb_release(&number);
	return rc;
}

static const char *const proof_cols[] = { "exam_no", "number" };

static int run_proof(const struct opts *o, int argc, char **argv, int nargs, char **args)
{
	struct run r;
	int rc, writes = !o->print;

	if (nargs != 1)
		return xj_diag_usage("proof takes one student");
	if (o->print + o->marked + !!(o->reason || o->applied) != 1 ||
	    (!o->print && !o->marked && (!o->reason || !o->applied)))
		return xj_diag_usage("proof wants --reason and --applied, or --marked, or --print");
	rc = run_open(&r, o, argc, argv, writes);
	if (rc == 0 && writes)
		rc = proven(&r);
	if (rc == 0 && !o->print && !o->marked)
		xj_writer_columns(r.w, 2, proof_cols);
	if (rc == 0)
		rc = xj_run_each_student(&r.x, 1, args, proof_one, NULL);
	if (o->print || o->marked) {
		xj_writer_free(r.w);
		r.w = NULL;
	}
	return run_close(&r, rc);
}

/* --- revoke and sign (P1) --------------------------------------------------------- */

static int revoke_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	int rc;

	(void)ctx;
	rc = xj_store_savepoint(xr->st, "decision", XJ_SP_BEGIN, &xr->err);
	if (rc == 0 && r->o->level)
		rc = xj_review_sign(xr->st, s, "revoke", r->o->level, xr->id.user, &xr->err);
	else if (rc == 0)
		rc = xj_diploma_revoke(xr->st, s, r->o->reason, r->o->doc_no, xr->id.user,
				       &xr->err);
	if (rc == 0) {
		xr->done++;
		return xj_store_savepoint(xr->st, "decision", XJ_SP_RELEASE, &xr->err);
	}
	if (xr->err.code != XJ_EDATA && xr->err.code != XJ_EUSAGE)
		return -1;
	xj_run_refuse(xr, s->v[XJ_S_EXAM_NO], xr->err.msg);
	xj_error_clear(&xr->err);
	return xj_store_savepoint(xr->st, "decision", XJ_SP_ROLLBACK, &xr->err);
}

static int run_revoke(const struct opts *o, const char *verb, int argc, char **argv,
		      int nargs, char **args)
{
	struct run r;
	int rc;

	if (!strcmp(verb, "revoke") && (!o->reason || !o->doc_no || nargs != 1))
		return xj_diag_usage("revoke takes one student, --reason and --doc-no");
	if (!strcmp(verb, "sign") && (!o->level || !nargs))
		return xj_diag_usage("sign takes --level dept|leader and students");
	rc = run_open(&r, o, argc, argv, 1);
	if (rc == 0)
		rc = proven(&r);
	if (rc == 0)
		rc = xj_run_each_student(&r.x, nargs, args, revoke_one, NULL);
	if (rc == 0 && !o->quiet) {
		int sign = !strcmp(verb, "sign");

		if (sign && o->dry_run)
			xj_diag("%ld signed, %ld refused (dry run: nothing was recorded)",
				r.x.done, r.x.refused);
		else if (sign)
			xj_diag("%ld signed, %ld refused", r.x.done, r.x.refused);
		else if (o->dry_run)
			xj_diag("%ld proposed, %ld refused (dry run: nothing was recorded)",
				r.x.done, r.x.refused);
		else
			xj_diag("%ld proposed, %ld refused", r.x.done, r.x.refused);
	}
	xj_writer_free(r.w);
	r.w = NULL;
	return run_close(&r, rc);
}

int main(int argc, char **argv)
{
	struct opts o;
	const char *verb;
	int rc, nargs;
	char **args;

	memset(&o, 0, sizeof(o));
	xj_cli_start(&argc, argv);
	rc = parse(argc, argv, &o);
	verb = optind < argc ? argv[optind] : NULL;
	nargs = argc - optind - 1;
	args = argv + optind + 1;
	if (rc == 0 && !verb)
		rc = xj_diag_usage("no command given");
	else if (rc == 0 && !strcmp(verb, "check"))
		rc = run_check(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "issue"))
		rc = run_issue(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "register"))
		rc = run_register(&o, argc, argv, nargs);
	else if (rc == 0 && !strcmp(verb, "result"))
		rc = run_result(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "list"))
		rc = run_list(&o, argc, argv, nargs);
	else if (rc == 0 && !strcmp(verb, "show"))
		rc = run_show(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "proof"))
		rc = run_proof(&o, argc, argv, nargs, args);
	else if (rc == 0 && (!strcmp(verb, "revoke") || !strcmp(verb, "sign")))
		rc = run_revoke(&o, verb, argc, argv, nargs, args);
	else if (rc == 0)
		rc = xj_diag_usage("unknown command '%s'", verb);
	else if (rc < 0)
		rc = XJ_EXIT_OK;
	return xj_diag_close_stdout(rc);
}
