/* xj-register: e-registration on CHSI.  New students from the approved
 * list (P9) with CHSI's feedback, student numbers, the record card, and
 * the annual registration by the facts within its window (P11, P21). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/card.h"
#include "xj/cli.h"
#include "xj/cmdrun.h"
#include "xj/clock.h"
#include "xj/dates.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/outtemplate.h"
#include "xj/register.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-register new [--template file -o file [--commit]] [-d db] [-f fmt]\n"
"                 [--cohort year] [--dept dept] [key ...]\n"
"       xj-register result [--template file] [-nq] [-d db] [--key file] [file ...]\n"
"       xj-register number [-nq] [-d db] [--key file] [--cohort year] [key ...]\n"
"       xj-register card [--photos dir] [-o file] [-f yaml] [-d db] [key ...]\n"
"       xj-register annual --year year [--as-of date] [--late --reason text]\n"
"                 [--template file -o file] [-nq] [-d db] [--key file]\n"
"       xj-register hold --year year [-nq] [-d db] [--key file] [file ...]\n"
"       xj-register due [--as-of date] [-d db] [-f fmt]\n"
"\n"
"  new          the approved list: re-check complete, not cancelled, not\n"
"               registered (P9); --template writes CHSI's upload file\n"
"  result       CHSI's feedback: successes registered, failures listed\n"
"  number       student numbers for registered students who lack one\n"
"  card         the student record card (学生学籍卡), one page each\n"
"  annual       the year's registration by the facts (P11)\n"
"  hold         deferred (暂缓注册) or refused (不予注册) students of a year\n"
"  due          students of the year under way not yet registered (P21)\n"
"\n"
"  -d, --db PATH         the store (default $XJ_DB, else ./xj.db)\n"
"  -u, --user NAME       the staff member acting\n"
"      --key FILE        the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run         check everything, record nothing\n"
"  -q, --quiet           no summary\n"
"  -f, --format FMT      csv (default), tsv, yaml, json, xlsx; card: html or yaml\n"
"  -o, --output FILE     write there, atomically, instead of standard output\n"
"      --template FILE   the YAML layout of CHSI's file (examples/templates/)\n"
"      --commit          new: record that the file was handed to CHSI\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"      --photos DIR      card: the photos, named by key (DIR/KEY.jpg)\n"
"      --year YEAR       annual, hold: the academic year\n"
"      --as-of DATE      annual, due: count from DATE (default today)\n"
"      --late            annual: register after the window closed\n"
"      --reason TEXT     annual --late: why\n"
"      --reveal          show ID numbers unmasked\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n");

struct opts {
	const char *db, *user, *key, *format, *output, *template, *photos, *as_of, *reason;
	int dry_run, quiet, commit, late, reveal, year;
	struct xj_query q;
};

enum {
	O_KEY = 256, O_TEMPLATE, O_COMMIT, O_COHORT, O_DEPT, O_PHOTOS, O_YEAR, O_AS_OF,
	O_LATE, O_REASON, O_REVEAL
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
	case O_TEMPLATE: o->template = optarg; break;
	case O_COMMIT: o->commit = 1; break;
	case O_PHOTOS: o->photos = optarg; break;
	case O_AS_OF: o->as_of = optarg; break;
	case O_LATE: o->late = 1; break;
	case O_REASON: o->reason = optarg; break;
	case O_REVEAL: o->reveal = 1; break;
	case O_DEPT: o->q.dept = optarg; break;
	case O_COHORT:
	case O_YEAR:
		if (xj_cli_number(optarg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--%s wants a year, not '%s'",
					     c == O_YEAR ? "year" : "cohort", optarg);
		if (c == O_YEAR)
			o->year = (int)v;
		else
			o->q.cohort = (int)v;
		break;
	default: return -2;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "as-of", required_argument, NULL, O_AS_OF },
		{ "cohort", required_argument, NULL, O_COHORT },
		{ "commit", no_argument, NULL, O_COMMIT },
		{ "db", required_argument, NULL, 'd' },
		{ "dept", required_argument, NULL, O_DEPT },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, O_KEY },
		{ "late", no_argument, NULL, O_LATE },
		{ "output", required_argument, NULL, 'o' },
		{ "photos", required_argument, NULL, O_PHOTOS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reason", required_argument, NULL, O_REASON },
		{ "reveal", no_argument, NULL, O_REVEAL },
		{ "template", required_argument, NULL, O_TEMPLATE },
		{ "user", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ "year", required_argument, NULL, O_YEAR },
		{ NULL, 0, NULL, 0 },
	};

	return xj_cli_options(argc, argv, ":d:f:hno:qu:V", longs, "xj-register", usage_text,
			      parse_opt, o);
}

/* --- the run ---------------------------------------------------------------- */

/* The frame of xj-register's commands (x first, so a callback's struct
 * xj_run is this). */
struct run {
	struct xj_run x;
	const struct opts *o;
};

static int run_open(struct run *r, const struct opts *o, int argc, char **argv, int writes)
{
	struct xj_run_opts ro = { "xj-register", o->db, o->key, o->user, o->dry_run, &o->q };

	r->o = o;
	return xj_run_open(&r->x, &ro, argc, argv, writes);
}

/* --- new: the approved list and CHSI's upload file (P9) -------------------- */

struct newrun {
	struct xj_outtemplate *t;
	struct xj_outfile out;
	FILE *fp;
	struct xj_writer *w;
	struct xj_sb keys;
	int explicit_keys;
};

static const char *const new_cols[] = { "exam_no", "name", "dept", "major_code", "class",
					"last" };

/* The newest new-student registration step: "submitted 2026-10-10". */
static int last_step(struct run *r, const struct xj_student *s, struct xj_sb *out)
{
	struct xj_reg reg;
	int rc;

	memset(&reg, 0, sizeof(reg));
	xj_sb_reset(out);
	xj_sb_adds(out, "");
	rc = xj_store_reg_latest(r->x.st, s->id, "new", s->cohort, &reg, &r->x.err);
	if (rc > 0)
		xj_sb_addf(out, "%s %s%s%s", reg.state.buf, reg.on_date.buf,
			   reg.reason.len ? ": " : "", reg.reason.buf);
	xj_reg_release(&reg);
	return rc < 0 ? -1 : 0;
}

/* One student of the approved list, into the file or the listing;
 * 1: taken, 0: left out, -1: err. */
static int new_row(struct run *r, struct newrun *n, const struct xj_student *s)
{
	struct xj_sb last = XJ_SB_INIT;
	struct xj_error e;
	int rc;

	if (!n->t) {
		const char *vals[6] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], s->v[XJ_S_DEPT],
					s->v[XJ_S_MAJOR_CODE], s->v[XJ_S_CLASS], NULL };

		rc = last_step(r, s, &last);
		vals[5] = last.buf;
		if (rc == 0)
			rc = xj_writer_row(n->w, vals, &r->x.err) < 0 ? -1 : 1;
		xj_sb_release(&last);
		return rc;
	}
	xj_error_clear(&e);
	rc = xj_outtemplate_row(n->t, r->x.st, s, NULL, n->fp, &e);
	if (rc < 0 && e.code == XJ_EDATA) {
		xj_run_refuse(&r->x, s->v[XJ_S_EXAM_NO], e.msg);
		return 0;
	}
	if (rc < 0)
		r->x.err = e;
	return rc < 0 ? -1 : 1;
}

static int new_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct newrun *n = ctx;
	struct xj_sb why = XJ_SB_INIT;
	int rc = xj_register_ready(r->x.st, s, &why, &r->x.err);

	if (rc == 0 && why.len)
		xj_run_refuse(&r->x, s->v[XJ_S_EXAM_NO], why.buf);
	else if (rc == 0 && n->explicit_keys)
		xj_run_refuse(&r->x, s->v[XJ_S_EXAM_NO], _("registered already"));
	if (rc > 0)
		rc = new_row(r, n, s);
	if (rc > 0) {
		xj_sb_adds(&n->keys, s->v[XJ_S_EXAM_NO]);
		xj_sb_addc(&n->keys, '\n');
		r->x.done++;
	}
	xj_sb_release(&why);
	return rc < 0 ? -1 : 0;
}

/* The exported students are submitted: the file, its hash and a row each. */
static int new_commit(struct run *r, struct newrun *n)
{
	char hex[65];
	long long sub = 0;
	char *p, *nl;
	int rc;

	if (fflush(n->fp) != 0)
		return xj_error_set(&r->x.err, XJ_EIO, "cannot write %s", r->o->output);
	rc = xj_file_sha256(n->out.tmp, hex, &r->x.err);
	if (rc == 0)
		rc = xj_store_submission_add(r->x.st, "new", r->o->q.cohort, r->o->output, hex,
					     r->x.done, &sub, &r->x.err);
	for (p = n->keys.buf; rc == 0 && p && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		struct xj_student s;

		*nl = '\0';
		memset(&s, 0, sizeof(s));
		rc = xj_store_student_find(r->x.st, XJ_S_EXAM_NO, p, &s, &r->x.err) < 0 ? -1 : 0;
		if (rc == 0)
			rc = xj_store_reg_add(r->x.st, s.id, "new", s.cohort, "submitted", NULL, 0,
					      sub, &r->x.err);
		if (rc == 0)
			rc = xj_store_audit(r->x.st, s.id, "register", NULL,
					    "{\"kind\":\"new\",\"state\":\"submitted\"}", &r->x.err);
		xj_student_release(&s);
	}
	return rc;
}

static int open_output(struct run *r, struct newrun *n)
{
	if (!r->o->output) {
		n->fp = stdout;
		return 0;
	}
	if (xj_outfile_open(&n->out, r->o->output, &r->x.err) < 0)
		return -1;
	n->fp = n->out.fp;
	return 0;
}

static int run_new(const struct opts *o, int argc, char **argv, int nkeys, char **keys)
{
	struct run r;
	struct newrun n;
	int rc;

	memset(&n, 0, sizeof(n));
	n.explicit_keys = nkeys > 0;
	if (o->commit && (!o->template || !o->output))
		return xj_diag_usage("--commit records a file: give --template and -o");
	rc = run_open(&r, o, argc, argv, o->commit);
	if (rc == 0 && o->template && !(n.t = xj_outtemplate_load(o->template, &r.x.err)))
		rc = -1;
	if (rc == 0 && n.t)
		rc = open_output(&r, &n);
	if (rc == 0 && n.t)
		rc = xj_outtemplate_header(n.t, n.fp, &r.x.err);
	if (rc == 0 && !n.t && !(n.w = xj_cli_writer(o->format, NULL, 0, 0, &r.x.err)))
		rc = -1;
	if (rc == 0 && n.w)
		xj_writer_columns(n.w, 6, new_cols);
	if (rc == 0)
		rc = xj_run_each_student(&r.x, nkeys, keys, new_one, &n);
	if (rc == 0 && n.w)
		rc = xj_writer_end(n.w, &r.x.err);
	if (rc == 0 && o->commit)
		rc = new_commit(&r, &n);
	/* the store first: a file on disk that the store does not know of is
	 * only made again, a recorded submission with no file is a lie */
	if (rc == 0 && o->commit)
		rc = xj_run_commit(&r.x);
	if (rc == 0 && o->output && !o->dry_run)
		rc = xj_outfile_commit(&n.out, &r.x.err);
	else if (o->output && n.out.fp)
		xj_outfile_abort(&n.out);
	xj_writer_free(n.w);
	xj_outtemplate_free(n.t);
	xj_sb_release(&n.keys);
	if (rc == 0 && !o->quiet && o->commit && o->dry_run)
		xj_diag("%ld on the approved list, %ld left out (dry run: nothing was recorded)",
			r.x.done, r.x.refused);
	else if (rc == 0 && !o->quiet && o->commit)
		xj_diag("%ld on the approved list, %ld left out, submitted", r.x.done,
			r.x.refused);
	else if (rc == 0 && !o->quiet)
		xj_diag("%ld on the approved list, %ld left out", r.x.done, r.x.refused);
	return xj_run_close(&r.x, rc);
}

/* --- result: CHSI's feedback ------------------------------------------------ */

static const char *const result_sections[] = { "columns", "result", NULL };
static const char *const fail_cols[] = { "exam_no", "message" };

static int result_row(struct run *r, const struct xj_intemplate *t, struct xj_writer *w,
		      const struct xj_record *rec, struct xj_error *err)
{
	struct xj_sb key = XJ_SB_INIT, msg = XJ_SB_INIT;
	int rc = xj_store_savepoint(r->x.st, "row", XJ_SP_BEGIN, err);

	if (rc == 0)
		rc = xj_register_result(r->x.st, t, rec, &key, &msg, err);
	if (rc == 1) {
		const char *vals[2] = { key.buf, msg.buf };

		r->x.failed++;
		rc = xj_writer_row(w, vals, err) < 0 ? -1 : 0;
	} else if (rc == 2) {
		r->x.unchanged++;
		rc = 0;
	} else if (rc == 0) {
		r->x.done++;
	}
	if (rc == 0)
		rc = xj_store_savepoint(r->x.st, "row", XJ_SP_RELEASE, err);
	xj_sb_release(&key);
	xj_sb_release(&msg);
	return rc;
}

struct resultrun {
	const struct xj_intemplate *t;
	struct xj_writer *w;
};

static int result_each(struct xj_run *xr, const struct xj_record *rec, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct resultrun *rr = ctx;

	return result_row(r, rr->t, rr->w, rec, &r->x.err);
}

static int run_result(const struct opts *o, int argc, char **argv, int nfiles, char **files)
{
	struct run r;
	struct resultrun rr = { NULL, NULL };
	struct xj_intemplate *t = NULL;
	int rc, i;

	rc = run_open(&r, o, argc, argv, 1);
	if (rc == 0 && o->template && !(t = xj_intemplate_load(o->template, result_sections,
							       &r.x.err)))
		rc = -1;
	if (rc == 0 && !(rr.w = xj_cli_writer(o->format, NULL, 0, 0, &r.x.err)))
		rc = -1;
	rr.t = t;
	if (rc == 0)
		xj_writer_columns(rr.w, 2, fail_cols);
	for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
		rc = xj_run_each_row(&r.x, nfiles ? files[i] : "-", result_each, &rr);
	if (rc == 0)
		rc = xj_writer_end(rr.w, &r.x.err);
	xj_writer_free(rr.w);
	xj_intemplate_free(t);
	if (rc == 0 && !o->quiet)
		xj_run_say_results(&r.x);
	return xj_run_close(&r.x, rc);
}

/* --- number: student numbers ------------------------------------------------ */

struct numrun {
	struct xj_sb pattern;
	struct xj_writer *w;
	int explicit_keys;
};

static int number_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct numrun *n = ctx;
	struct xj_sb number = XJ_SB_INIT;
	int rc;

	if (!n->explicit_keys && ((s->v[XJ_S_STUDENT_NO] && *s->v[XJ_S_STUDENT_NO]) ||
				  !xj_register_is_registered(s)))
		return 0;
	rc = xj_store_savepoint(r->x.st, "number", XJ_SP_BEGIN, &r->x.err);
	if (rc == 0)
		rc = xj_register_number(r->x.st, s, n->pattern.buf, &number, &r->x.err);
	if (rc == 0) {
		const char *vals[2] = { s->v[XJ_S_EXAM_NO], number.buf };

		r->x.done++;
		rc = xj_writer_row(n->w, vals, &r->x.err);
		if (rc == 0)
			rc = xj_store_savepoint(r->x.st, "number", XJ_SP_RELEASE, &r->x.err);
	} else if (r->x.err.code == XJ_EDATA) {
		xj_run_refuse(&r->x, s->v[XJ_S_EXAM_NO], r->x.err.msg);
		xj_error_clear(&r->x.err);
		rc = xj_store_savepoint(r->x.st, "number", XJ_SP_ROLLBACK, &r->x.err);
	}
	xj_sb_release(&number);
	return rc;
}

static const char *const number_cols[] = { "exam_no", "student_no" };

static int run_number(const struct opts *o, int argc, char **argv, int nkeys, char **keys)
{
	struct run r;
	struct numrun n = { XJ_SB_INIT, NULL, nkeys > 0 };
	int rc = run_open(&r, o, argc, argv, 1);

	if (rc == 0)
		rc = xj_store_number_pattern(r.x.st, &n.pattern, &r.x.err);
	if (rc == 0 && !(n.w = xj_cli_writer(o->format, NULL, 0, 0, &r.x.err)))
		rc = -1;
	if (rc == 0) {
		xj_writer_columns(n.w, 2, number_cols);
		rc = xj_run_each_student(&r.x, nkeys, keys, number_one, &n);
	}
	if (rc == 0)
		rc = xj_writer_end(n.w, &r.x.err);
	xj_writer_free(n.w);
	xj_sb_release(&n.pattern);
	if (rc == 0 && !o->quiet && o->dry_run)
		xj_diag("%ld numbered, %ld refused (dry run: nothing was recorded)", r.x.done,
			r.x.refused);
	else if (rc == 0 && !o->quiet)
		xj_diag("%ld numbered, %ld refused", r.x.done, r.x.refused);
	return xj_run_close(&r.x, rc);
}

/* --- card: the student record card ----------------------------------------- */

struct cardrun {
	struct xj_sb school, photo;
	struct xj_outfile out;
	FILE *fp;
	struct xj_writer *w;
	long rows;
};

/* The student's photo in --photos: DIR/KEY.jpg (or .jpeg, .png) by exam
 * number, student number or ID number. */
static const char *find_photo(const struct opts *o, const struct xj_student *s,
			      struct xj_sb *path)
{
	static const char *const ext[] = { ".jpg", ".jpeg", ".png", ".JPG" };
	static const int keys[] = { XJ_S_EXAM_NO, XJ_S_STUDENT_NO, XJ_S_ID_NUMBER };
	size_t i, k;

	for (k = 0; o->photos && k < 3; k++)
		for (i = 0; s->v[keys[k]] && i < 4; i++) {
			FILE *fp;

			xj_sb_reset(path);
			xj_sb_addf(path, "%s/%s%s", o->photos, s->v[keys[k]], ext[i]);
			if ((fp = fopen(path->buf, "rb")) != NULL) {
				fclose(fp);
				return path->buf;
			}
		}
	return NULL;
}

static int card_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct cardrun *c = ctx;
	char masked[64];
	const char *vals[XJ_S_COUNT];
	size_t i;

	c->rows++;
	if (!c->w)
		return xj_card_write(c->fp, c->school.buf, s, find_photo(r->o, s, &c->photo),
				     &r->x.err);
	for (i = 0; i < xj_card_nfields; i++) {
		int f = xj_card_fields[i];

		vals[i] = s->v[f];
		if (!r->o->reveal && vals[i] && xj_mask_wanted(xj_student_field(f))) {
			xj_mask(xj_student_field(f), vals[i], masked, sizeof(masked));
			vals[i] = masked;
		}
	}
	return xj_writer_row(c->w, vals, &r->x.err);
}

static int card_body(struct run *r, struct cardrun *c, int nkeys, char **keys)
{
	static const char *names[XJ_S_COUNT];
	int html = !r->o->format || strcmp(r->o->format, "html") == 0;
	size_t i;
	int rc = xj_store_school(r->x.st, &c->school, &r->x.err);

	if (rc == 0 && r->o->output)
		rc = xj_outfile_open(&c->out, r->o->output, &r->x.err);
	c->fp = r->o->output ? c->out.fp : stdout;
	if (rc == 0 && html)
		rc = xj_card_begin(c->fp, c->school.buf, &r->x.err);
	if (rc == 0 && !html) {
		struct xj_writer_opts wo = { 0 };

		if (xj_format_parse(r->o->format, &wo.format) < 0)
			return xj_error_set(&r->x.err, XJ_EUSAGE, "unknown format '%s'",
					    r->o->format);
		if (!(c->w = xj_writer_new(c->fp, &wo, &r->x.err)))
			return -1;
		for (i = 0; i < xj_card_nfields; i++)
			names[i] = xj_student_field(xj_card_fields[i]);
		xj_writer_columns(c->w, xj_card_nfields, names);
	}
	if (rc == 0)
		rc = xj_run_each_student(&r->x, nkeys, keys, card_one, c);
	if (rc == 0)
		rc = html ? xj_card_end(c->fp, &r->x.err) : xj_writer_end(c->w, &r->x.err);
	if (rc == 0 && r->o->output)
		rc = xj_outfile_commit(&c->out, &r->x.err);
	else if (r->o->output && c->out.fp)
		xj_outfile_abort(&c->out);
	/* the printed card carries the ID number whole: that is on record */
	if (rc == 0 && (html || r->o->reveal))
		rc = xj_cli_reveal_audit(r->x.st, r->x.id.user, "xj-register", r->x.argc, r->x.argv, c->rows,
					 &r->x.err);
	return rc;
}

static int run_card(const struct opts *o, int argc, char **argv, int nkeys, char **keys)
{
	struct run r;
	struct cardrun c;
	int rc = run_open(&r, o, argc, argv, 0);

	memset(&c, 0, sizeof(c));
	if (rc == 0)
		rc = card_body(&r, &c, nkeys, keys);
	xj_writer_free(c.w);
	xj_sb_release(&c.school);
	xj_sb_release(&c.photo);
	r.x.committed = 1;
	return xj_run_close(&r.x, rc);
}

/* --- annual: the year's registration by the facts (P11) --------------------- */

struct annualrun {
	int year, late;
	const char *reason;
	struct xj_writer *w;
	struct xj_outtemplate *t;
	struct xj_outfile out;
	struct xj_sb state, why;
	long counts[4];           /* registered, deferred, refused, not registered */
};

static const char *const annual_cols[] = { "exam_no", "name", "year", "state", "reason" };
static const char *const states[] = { "registered", "deferred", "refused", "not-registered" };

static int annual_file_row(struct run *r, struct annualrun *a, const struct xj_student *s)
{
	struct xj_reg reg;
	struct xj_pairs extra = XJ_PAIRS_INIT;
	struct xj_error e;
	char year[8];
	int rc;

	memset(&reg, 0, sizeof(reg));
	rc = xj_store_reg_latest(r->x.st, s->id, "annual", a->year, &reg, &r->x.err);
	if (rc > 0 && strcmp(reg.state.buf, "not-registered") != 0) {
		snprintf(year, sizeof(year), "%d", a->year);
		xj_pairs_add(&extra, "state", reg.state.buf);
		xj_pairs_add(&extra, "reason", reg.reason.buf);
		xj_pairs_add(&extra, "year", year);
		xj_error_clear(&e);
		rc = xj_outtemplate_row(a->t, r->x.st, s, &extra, a->out.fp, &e);
		if (rc < 0 && e.code == XJ_EDATA)
			xj_run_refuse(&r->x, s->v[XJ_S_EXAM_NO], e.msg), rc = 0;
		else if (rc < 0)
			r->x.err = e;
	}
	xj_pairs_release(&extra);
	xj_reg_release(&reg);
	return rc < 0 ? -1 : 0;
}

static int annual_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct annualrun *a = ctx;
	char year[8];
	size_t i;
	int rc = xj_annual_decide(r->x.st, s, a->year, &a->state, &a->why, &r->x.err);

	if (rc == 0 && a->state.len)
		rc = xj_annual_record(r->x.st, s, a->year, a->state.buf,
				      a->late && !a->why.len ? a->reason : a->why.buf, a->late,
				      &r->x.err);
	if (rc == 1)
		r->x.unchanged++;
	if (rc == 0 && a->state.len) {
		const char *vals[5] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], year, a->state.buf,
					a->why.buf };

		snprintf(year, sizeof(year), "%d", a->year);
		for (i = 0; i < 4; i++)
			a->counts[i] += strcmp(a->state.buf, states[i]) == 0;
		r->x.done++;
		rc = xj_writer_row(a->w, vals, &r->x.err);
	}
	if (rc >= 0 && a->t && a->state.len)
		rc = annual_file_row(r, a, s);
	return rc < 0 ? -1 : 0;
}

/* Inside the window, or late with a reason on record (P21). */
static int annual_window(struct run *r, struct annualrun *a)
{
	char start[11], end[11], today[11];

	if (xj_annual_window(r->x.st, a->year, start, end, &r->x.err) < 0)
		return -1;
	if (r->o->as_of)
		snprintf(today, sizeof(today), "%s", r->o->as_of);
	else
		xj_clock_today(today, sizeof(today));
	if (strcmp(today, start) < 0)
		return xj_error_set(&r->x.err, XJ_EDATA, "the registration of %d opens on %s",
				    a->year, start);
	if (strcmp(today, end) > 0 && !r->o->late)
		return xj_error_set(&r->x.err, XJ_EDATA, "the registration window of %d closed on"
				    " %s: register late with --late --reason (P11, P21)",
				    a->year, end);
	a->late = strcmp(today, end) > 0;
	if (!a->late && r->o->late)
		return xj_error_set(&r->x.err, XJ_EUSAGE, "the window of %d is open until %s:"
				    " --late is not needed", a->year, end);
	return 0;
}

static int annual_body(struct run *r, struct annualrun *a)
{
	int rc = annual_window(r, a);

	if (rc == 0 && r->o->template && !(a->t = xj_outtemplate_load(r->o->template, &r->x.err)))
		rc = -1;
	if (rc == 0 && a->t && xj_outfile_open(&a->out, r->o->output, &r->x.err) < 0)
		rc = -1;
	if (rc == 0 && a->t)
		rc = xj_outtemplate_header(a->t, a->out.fp, &r->x.err);
	if (rc == 0 && !(a->w = xj_cli_writer(r->o->format, NULL, 0, 0, &r->x.err)))
		rc = -1;
	if (rc == 0) {
		xj_writer_columns(a->w, 5, annual_cols);
		rc = xj_run_each_queried(&r->x, annual_one, a);
	}
	if (rc == 0)
		rc = xj_writer_end(a->w, &r->x.err);
	if (rc == 0)
		rc = xj_run_commit(&r->x);
	if (rc == 0 && a->t)
		rc = xj_outfile_commit(&a->out, &r->x.err);
	else if (a->t && a->out.fp)
		xj_outfile_abort(&a->out);
	return rc;
}

static int run_annual(const struct opts *o, int argc, char **argv, int nkeys)
{
	struct run r;
	struct annualrun a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.year = o->year;
	a.reason = o->reason;
	if (!o->year || nkeys)
		return xj_diag_usage("annual takes --year YEAR and no students: it registers all");
	if (o->late != !!o->reason)
		return xj_diag_usage("--late goes with --reason, and --reason with --late");
	if (!o->template != !o->output)
		return xj_diag_usage("--template writes CHSI's file: give -o FILE with it");
	rc = run_open(&r, o, argc, argv, 1);
	if (rc == 0)
		rc = annual_body(&r, &a);
	xj_writer_free(a.w);
	xj_outtemplate_free(a.t);
	xj_sb_release(&a.state);
	xj_sb_release(&a.why);
	if (rc == 0 && !o->quiet)
		xj_diag("%d: %ld new (%ld registered, %ld deferred, %ld refused, %ld not"
			" registered), %ld unchanged%s%s", a.year, r.x.done, a.counts[0],
			a.counts[1], a.counts[2], a.counts[3], r.x.unchanged,
			a.late ? _(", late") : "",
			o->dry_run ? _(" (dry run: nothing was recorded)") : "");
	r.x.committed = 1;
	return xj_run_close(&r.x, rc);
}

/* --- hold: deferred and refused students of a year -------------------------- */

static int hold_each(struct xj_run *xr, const struct xj_record *rec, void *ctx)
{
	struct run *r = (struct run *)xr;
	int rc = xj_store_savepoint(r->x.st, "row", XJ_SP_BEGIN, &r->x.err);

	(void)ctx;
	if (rc == 0)
		rc = xj_register_hold(r->x.st, rec, r->o->year, &r->x.err);
	if (rc == 0) {
		r->x.done++;
		rc = xj_store_savepoint(r->x.st, "row", XJ_SP_RELEASE, &r->x.err);
	}
	return rc;
}

static int run_hold(const struct opts *o, int argc, char **argv, int nfiles, char **files)
{
	struct run r;
	int rc, i;

	if (!o->year)
		return xj_diag_usage("hold takes --year YEAR");
	rc = run_open(&r, o, argc, argv, 1);
	for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
		rc = xj_run_each_row(&r.x, nfiles ? files[i] : "-", hold_each, NULL);
	if (rc == 0 && !o->quiet && o->dry_run)
		xj_diag("%ld held, %ld refused (dry run: nothing was recorded)", r.x.done,
			r.x.refused);
	else if (rc == 0 && !o->quiet)
		xj_diag("%ld held, %ld refused", r.x.done, r.x.refused);
	return xj_run_close(&r.x, rc);
}

/* --- due: who is still to register this year (P21) -------------------------- */

struct duerun {
	int year;
	char end[11], today[11];
	long days_left;
	struct xj_writer *w;
	struct xj_sb state, why;
	struct xj_reg reg;
};

static const char *const due_cols[] = { "exam_no", "name", "dept", "year", "deadline",
					"days_left" };

static int due_one(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct run *r = (struct run *)xr;
	struct duerun *d = ctx;
	char year[8], days[24];
	const char *vals[6];
	int rc = xj_annual_decide(r->x.st, s, d->year, &d->state, &d->why, &r->x.err);

	if (rc < 0 || strcmp(d->state.buf, "registered") != 0)
		return rc;
	rc = xj_store_reg_latest(r->x.st, s->id, "annual", d->year, &d->reg, &r->x.err);
	if (rc < 0 || (rc > 0 && strcmp(d->reg.state.buf, "registered") == 0))
		return rc < 0 ? -1 : 0;
	snprintf(year, sizeof(year), "%d", d->year);
	snprintf(days, sizeof(days), "%ld", d->days_left);
	vals[0] = s->v[XJ_S_EXAM_NO];
	vals[1] = s->v[XJ_S_NAME];
	vals[2] = s->v[XJ_S_DEPT];
	vals[3] = year;
	vals[4] = d->end;
	vals[5] = days;
	r->x.done++;
	return xj_writer_row(d->w, vals, &r->x.err);
}

static int due_body(struct run *r, struct duerun *d)
{
	char start[11];
	int ok = 1, rc;

	if (r->o->as_of)
		snprintf(d->today, sizeof(d->today), "%s", r->o->as_of);
	else
		xj_clock_today(d->today, sizeof(d->today));
	rc = xj_store_current_year(r->x.st, d->today, &d->year, &r->x.err);
	if (rc == 0)
		return xj_error_set(&r->x.err, XJ_EDATA, "no academic year has started by %s"
				    " (xj-config(5), calendar)", d->today);
	if (rc < 0 || xj_annual_window(r->x.st, d->year, start, d->end, &r->x.err) < 0)
		return -1;
	d->days_left = xj_date_days(d->end, &ok) - xj_date_days(d->today, &ok);
	if (!(d->w = xj_cli_writer(r->o->format, NULL, 0, 0, &r->x.err)))
		return -1;
	xj_writer_columns(d->w, 6, due_cols);
	rc = xj_run_each_queried(&r->x, due_one, d);
	return rc == 0 ? xj_writer_end(d->w, &r->x.err) : rc;
}

static int run_due(const struct opts *o, int argc, char **argv, int nkeys)
{
	struct run r;
	struct duerun d;
	int rc;

	memset(&d, 0, sizeof(d));
	if (nkeys)
		return xj_diag_usage("due takes filters, not students");
	rc = run_open(&r, o, argc, argv, 0);
	if (rc == 0)
		rc = due_body(&r, &d);
	xj_writer_free(d.w);
	xj_sb_release(&d.state);
	xj_sb_release(&d.why);
	xj_reg_release(&d.reg);
	/* a window that has closed with students left is the alarm */
	if (rc == 0 && d.days_left < 0 && r.x.done)
		r.x.failed = r.x.done;
	r.x.committed = 1;
	return xj_run_close(&r.x, rc);
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
	else if (rc == 0 && !strcmp(verb, "new"))
		rc = run_new(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "result"))
		rc = run_result(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "number"))
		rc = run_number(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "card"))
		rc = run_card(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "annual"))
		rc = run_annual(&o, argc, argv, nargs);
	else if (rc == 0 && !strcmp(verb, "hold"))
		rc = run_hold(&o, argc, argv, nargs, args);
	else if (rc == 0 && !strcmp(verb, "due"))
		rc = run_due(&o, argc, argv, nargs);
	else if (rc == 0)
		rc = xj_diag_usage("unknown command '%s'", verb);
	else if (rc < 0)
		rc = XJ_EXIT_OK;
	return xj_diag_close_stdout(rc);
}
