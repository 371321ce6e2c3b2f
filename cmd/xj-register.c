/* xj-register: e-registration on CHSI.  New students from the approved
 * list (P9) with CHSI's feedback, student numbers, the record card, and
 * the annual registration by the facts within its window (P11, P21). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/card.h"
#include "xj/cli.h"
#include "xj/clock.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/outtemplate.h"
#include "xj/register.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-register new [--template file [--commit]] [-nq] [-d db] [-u name]\n"
"                 [--key file] [output] [filters] [key ... | -]\n"
"       xj-register result [--template file] [--rest success] [-nq] [-d db]\n"
"                 [-u name] [--key file] [output] [file ...]\n"
"       xj-register number [-nq] [-d db] [-u name] [--key file] [output] [filters]\n"
"                 [key ... | -]\n"
"       xj-register card [--photos dir] [--reveal] [-q] [-d db] [-u name]\n"
"                 [--key file] [output] [filters] [key ... | -]\n"
"       xj-register annual --year year [--as-of date] [--late --reason text]\n"
"                 [--template file -o file] [-nq] [-d db] [-u name] [--key file]\n"
"                 [output] [filters]\n"
"       xj-register hold --year year [-nq] [-d db] [-u name] [--key file] [file ...]\n"
"       xj-register due [--as-of date] [-q] [-d db] [output] [filters]\n"
"\n"
"  new          the approved list: re-check complete, not cancelled, not\n"
"               registered (P9); --template writes CHSI's upload file\n"
"  result       CHSI's feedback: successes registered, failures listed\n"
"  number       student numbers for registered students who lack one\n"
"  card         the student record card (学生学籍卡), one page each\n"
"  annual       the year's registration by the facts (P11)\n"
"  hold         deferred (暂缓注册) or refused (不予注册) students of a year\n"
"  due          students of the year under way not yet registered (P21)\n"
"  Every verb but due is the registrar's, with their key.\n"
"\n"
"  -d, --db PATH         the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS    wait that long for another writer (default 600)\n"
"  -u, --user NAME       the staff member acting (the key's holder)\n"
"      --key FILE        the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run         check everything, record nothing\n"
"  -q, --quiet           no summary\n"
"  output: -f, --format FMT (csv, tsv, yaml, json, xlsx; card: html or those),\n"
"          -o, --output FILE, --lang zh|en, --encoding ENC, --excel\n"
"          (xj(1), COMMON OPTIONS)\n"
"      --template FILE   the YAML layout of CHSI's file (examples/templates/)\n"
"      --commit          new: record that the file was handed to CHSI\n"
"      --rest success    result: the submitted students the file does not name\n"
"                        are registered (a feedback file of failures only)\n"
"      --photos DIR      card: the photos, named by key (DIR/KEY.jpg)\n"
"      --reveal          card: show ID numbers unmasked (audited)\n"
"      --year YEAR       annual, hold: the academic year\n"
"      --as-of DATE      annual, due: count from DATE (default today)\n"
"      --late            annual: register after the window closed\n"
"      --reason TEXT     annual --late: why\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n");

/* The program's own options; -d, --key, -u, -n, -q, -f, -o, --as-of and
 * the rest that every program shares are the frame's (xj(1)). */
struct opts {
	const char *template, *photos, *reason;
	int commit, late, reveal, year, rest;
	struct xj_query q;
};

static struct opts opts;

enum { O_TEMPLATE = 256, O_COMMIT, O_COHORT, O_DEPT, O_PHOTOS, O_YEAR, O_LATE, O_REASON,
       O_REVEAL, O_REST };

static const struct xj_opt own_opts[] = {
	{ "cohort", 1, O_COHORT }, { "commit", 0, O_COMMIT }, { "dept", 1, O_DEPT },
	{ "late", 0, O_LATE }, { "photos", 1, O_PHOTOS }, { "reason", 1, O_REASON },
	{ "rest", 1, O_REST }, { "reveal", 0, O_REVEAL }, { "template", 1, O_TEMPLATE },
	{ "year", 1, O_YEAR },
	{ NULL, 0, 0 },
};

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long v;

	switch (c) {
	case O_TEMPLATE: o->template = arg; break;
	case O_COMMIT: o->commit = 1; break;
	case O_PHOTOS: o->photos = arg; break;
	case O_LATE: o->late = 1; break;
	case O_REASON: o->reason = arg; break;
	case O_REVEAL: o->reveal = 1; break;
	case O_REST:
		if (strcmp(arg, "success") != 0)
			return xj_diag_usage("--rest wants success, not '%s'", arg);
		o->rest = 1;
		break;
	case O_DEPT: o->q.dept = arg; break;
	case O_COHORT:
	case O_YEAR:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--%s wants a year, not '%s'",
					     c == O_YEAR ? "year" : "cohort", arg);
		if (c == O_YEAR)
			o->year = (int)v;
		else
			o->q.cohort = (int)v;
		break;
	}
	return 0;
}

/* --- new: the approved list and CHSI's upload file (P9) -------------------- */

struct newrun {
	struct xj_outtemplate *t;
	FILE *fp;              /* the template's file */
	struct xj_sb keys;
	int explicit_keys;
};

static const char *const new_cols[] = { "exam_no", "name", "dept", "major_code", "class",
					"last" };

/* The newest new-student registration step: "submitted 2026-10-10". */
static int last_step(struct xj_run *r, const struct xj_student *s, struct xj_sb *out)
{
	struct xj_reg reg;
	int rc;

	memset(&reg, 0, sizeof(reg));
	xj_sb_reset(out);
	rc = xj_store_reg_latest(r->st, s->id, "new", xj_student_entry_year(s), &reg,
				 &r->err);
	if (rc > 0)
		xj_sb_addf(out, "%s %s%s%s", reg.state.buf, reg.on_date.buf,
			   reg.reason.len ? ": " : "", reg.reason.buf);
	xj_store_reg_release(&reg);
	return rc < 0 ? -1 : 0;
}

/* One student of the approved list, into the file or the listing;
 * 1: taken, 0: left out, -1: err. */
static int new_row(struct xj_run *r, struct newrun *n, const struct xj_student *s)
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
			rc = xj_writer_row(r->w, vals, &r->err) < 0 ? -1 : 1;
		xj_sb_release(&last);
		return rc;
	}
	xj_error_clear(&e);
	rc = xj_outtemplate_row(n->t, r->st, s, NULL, n->fp, &e);
	if (rc < 0 && e.code == XJ_EDATA) {
		xj_cmdrun_refuse(r, s->v[XJ_S_EXAM_NO], e.msg);
		return 0;
	}
	if (rc < 0)
		r->err = e;
	return rc < 0 ? -1 : 1;
}

static int new_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct newrun *n = ctx;
	struct xj_sb why = XJ_SB_INIT;
	int rc = xj_register_listed(r->st, s, n->explicit_keys, &why, &r->err);

	if (rc == 0 && why.len)
		xj_cmdrun_refuse(r, s->v[XJ_S_EXAM_NO], why.buf);
	if (rc > 0)
		rc = new_row(r, n, s);
	if (rc > 0) {
		xj_sb_adds(&n->keys, s->v[XJ_S_EXAM_NO]);
		xj_sb_addc(&n->keys, '\n');
		r->done++;
	}
	xj_sb_release(&why);
	return rc < 0 ? -1 : 0;
}

/* The exported students are submitted, the file as written (its
 * temporary name) bound to them.  The frame commits the store before it
 * puts the file in place: a file the store does not know of is only made
 * again, a recorded submission with no file is a lie. */
static int new_commit(struct xj_run *r, struct newrun *n)
{
	if (fflush(n->fp) != 0)
		return xj_error_set(&r->err, XJ_EIO, "cannot write %s", r->c->output);
	return xj_register_submit(r->st, opts.q.cohort, r->c->output, r->out.tmp, n->keys.buf,
				  &r->err);
}

/* -o FILE, or NULL for standard output. */
static const char *out_file(const struct xj_run *r)
{
	const char *o = r->c->output;

	return o && strcmp(o, "-") != 0 ? o : NULL;
}

/* CHSI's file carries ID numbers whole: it is on record, its rows
 * counted, before anyone sees it (P2): standard output is held back till
 * then, and -o FILE put in place after. */
static int new_body(struct xj_run *r, struct newrun *n, int nkeys, char **keys)
{
	int rc = 0;

	if (opts.template && !(n->t = xj_outtemplate_load(opts.template, &r->err)))
		rc = -1;
	if (rc == 0 && n->t)
		n->fp = out_file(r) ? xj_cmdrun_output(r) : xj_cmdrun_hold_stdout(r);
	if (rc == 0 && n->t && !n->fp)
		rc = -1;
	if (rc == 0 && n->t)
		rc = xj_outtemplate_header(n->t, n->fp, &r->err);
	if (rc == 0 && !n->t && !xj_cmdrun_writer(r, 6, new_cols))
		rc = -1;
	if (rc == 0)
		rc = xj_cmdrun_each_student(r, nkeys, keys, new_one, n);
	if (rc == 0 && opts.commit)
		rc = new_commit(r, n);
	if (rc == 0 && n->t)
		rc = xj_cmdrun_reveal_file(r, out_file(r), r->done);
	return rc;
}

static int run_new(struct xj_run *r, int nkeys, char **keys)
{
	struct newrun n;
	int rc;

	memset(&n, 0, sizeof(n));
	n.explicit_keys = nkeys > 0;
	if (opts.commit && (!opts.template || !r->c->output || !strcmp(r->c->output, "-")))
		return xj_diag_usage("--commit records a file: give --template and -o");
	r->q = &opts.q;
	rc = new_body(r, &n, nkeys, keys);
	xj_outtemplate_free(n.t);
	xj_sb_release(&n.keys);
	if (rc < 0 || r->c->quiet)
		return rc;
	if (opts.commit && !r->dry_run)
		xj_diag("%ld on the approved list, %ld left out, submitted", r->done, r->refused);
	else   /* a dry run's file was made all the same: that is on record (P2) */
		xj_diag("%ld on the approved list, %ld left out%s", r->done, r->refused,
			xj_cmdrun_dry_reveal_note(r));
	return 0;
}

/* --- result: CHSI's feedback ------------------------------------------------ */

/* One row of the feedback, as xj_cmdverbs_feedback asks. */
static int result_of(struct xj_run *r, const struct xj_intemplate *t,
		     const struct xj_record *rec, struct xj_sb *key, struct xj_sb *msg)
{
	return xj_register_result(r->st, t, rec, key, msg, &r->err);
}

/* A submitted student the feedback did not name: registered, or refused
 * (cancelled since, say) with the reason, the rest going on. */
static int rest_one(void *ctx, const char *exam_no)
{
	struct xj_run *r = ctx;
	int rc = xj_store_savepoint(r->st, "rest", XJ_SP_BEGIN, &r->err);

	if (rc == 0)
		rc = xj_register_rest(r->st, exam_no, &r->err);
	if (rc < 0 && r->err.code == XJ_EDATA) {
		xj_cmdrun_refuse(r, exam_no, r->err.msg);
		xj_error_clear(&r->err);
		return xj_store_savepoint(r->st, "rest", XJ_SP_ROLLBACK, &r->err);
	}
	if (rc == 0) {
		r->done++;
		rc = xj_store_savepoint(r->st, "rest", XJ_SP_RELEASE, &r->err);
	}
	return rc;
}

/* --rest success: CHSI's file lists only the failures; the submitted
 * students it does not name are registered, and the count said. */
static int rest_success(struct xj_run *r)
{
	long before = r->done, refused = r->refused;
	int rc = xj_store_rest_each(r->st, rest_one, r, &r->err);

	if (rc == 0 && !r->c->quiet)
		xj_diag(_("%ld not named in the feedback registered (--rest success), %ld refused"),
			r->done - before, r->refused - refused);
	return rc;
}

static int run_result(struct xj_run *r, int nfiles, char **files)
{
	return xj_cmdverbs_feedback(r, nfiles, files, opts.template, result_of,
			       opts.rest ? rest_success : NULL);
}

/* --- number: student numbers ------------------------------------------------ */

struct numrun {
	struct xj_sb pattern, number;
	struct xj_config cfg;  /* the majors' ordinals */
	char **todo;           /* without keys: the registered lacking a number */
	int ntodo;
};

static const char *const number_cols[] = { "exam_no", "student_no" };

static int lacks_number(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct numrun *n = ctx;

	(void)r;
	if (!xj_register_needs_number(s))
		return 0;
	n->todo = xj_xreallocarray(n->todo, (size_t)n->ntodo + 1, sizeof(char *));
	n->todo[n->ntodo++] = xj_xstrdup(s->v[XJ_S_EXAM_NO]);
	return 0;
}

static int number_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct numrun *n = ctx;
	const char *vals[2];

	if (xj_register_number(r->st, s, n->pattern.buf, &n->cfg, &n->number, &r->err) < 0)
		return -1;
	vals[0] = s->v[XJ_S_EXAM_NO];
	vals[1] = n->number.buf;
	return xj_writer_row(r->w, vals, &r->err);
}

static int by_exam_no(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys given, each refused by name if it cannot have a number; else
 * every registered student of the filters who lacks one, in exam-number
 * order, so a sequence within a class seats them that way. */
static int run_number(struct xj_run *r, int nkeys, char **keys)
{
	struct numrun n;
	int rc, i;

	memset(&n, 0, sizeof(n));
	r->q = &opts.q;
	rc = xj_store_number_pattern(r->st, &n.pattern, &r->err);
	if (rc == 0 && xj_store_config_get(r->st, &n.cfg, &r->err) < 0)
		rc = -1;
	if (rc == 0 && !xj_cmdrun_writer(r, 2, number_cols))
		rc = -1;
	if (rc == 0 && !nkeys)
		rc = xj_cmdrun_each_queried(r, lacks_number, &n);
	if (rc == 0 && n.ntodo > 1)
		qsort(n.todo, (size_t)n.ntodo, sizeof(char *), by_exam_no);
	if (rc == 0 && (nkeys || n.ntodo))
		rc = xj_register_number_begin(r->st, &r->err);
	if (rc == 0 && (nkeys || n.ntodo))
		rc = xj_cmdrun_each_change(r, nkeys ? nkeys : n.ntodo, nkeys ? keys : n.todo,
					number_one, &n);
	for (i = 0; i < n.ntodo; i++)
		free(n.todo[i]);
	free(n.todo);
	xj_sb_release(&n.pattern);
	xj_sb_release(&n.number);
	xj_config_release(&n.cfg);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("numbered"));
	return rc;
}

/* --- card: the student record card ----------------------------------------- */

struct cardrun {
	struct xj_sb school, photo, enrol, img;
	FILE *fp;              /* the printed cards; NULL: records by -f */
};

/* A photo that cannot be shown refuses its student's card, whole: the
 * others are printed, and the office mends the one named. */
static int card_printed(struct xj_run *r, struct cardrun *c, const struct xj_student *s,
			const struct xj_student *view)
{
	const char *path = xj_card_photo(opts.photos, s, &c->photo), *mime = NULL;

	if (path && xj_card_photo_read(path, &c->img, &mime, &r->err) < 0) {
		xj_cmdrun_refuse(r, s->v[XJ_S_EXAM_NO], r->err.msg);
		xj_error_clear(&r->err);
		return 0;
	}
	return xj_card_write(c->fp, c->school.buf, view, path ? &c->img : NULL, mime, &r->err);
}

static int card_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct cardrun *c = ctx;
	char masked[XJ_S_COUNT][64];
	const char *vals[XJ_S_COUNT];
	struct xj_student view;
	size_t i;

	if (xj_card_view(r->st, s, &view, &c->enrol, &r->err) < 0)
		return -1;
	if (c->fp)
		return card_printed(r, c, s, &view);
	/* a record keeps the department's code, which scripts join on */
	view.v[XJ_S_DEPT] = s->v[XJ_S_DEPT];
	s = &view;
	for (i = 0; i < xj_card_nfields; i++) {
		int f = xj_card_fields[i];

		vals[i] = s->v[f];
		if (!opts.reveal && vals[i] && xj_mask_wanted(xj_student_field(f))) {
			xj_mask(xj_student_field(f), vals[i], masked[i], sizeof(masked[i]));
			vals[i] = masked[i];
		}
	}
	return xj_writer_row(r->w, vals, &r->err);
}

static int card_body(struct xj_run *r, struct cardrun *c, int html, int nkeys, char **keys)
{
	static const char *names[XJ_S_COUNT];
	size_t i;
	int rc = xj_store_school(r->st, &c->school, &r->err);

	if (rc == 0 && html && !(c->fp = xj_cmdrun_output(r)))
		rc = -1;
	for (i = 0; i < xj_card_nfields; i++)
		names[i] = xj_student_field(xj_card_fields[i]);
	if (rc == 0 && !html && !xj_cmdrun_writer(r, xj_card_nfields, names))
		rc = -1;
	/* the printed card carries the ID number whole: on record once the
	 * output is known good, before a card is made (P2) */
	if (rc == 0 && (html || opts.reveal))
		rc = xj_cmdrun_reveal_begin(r, "id_number");
	if (rc == 0 && html)
		rc = xj_card_begin(c->fp, c->school.buf, &r->err);
	if (rc == 0)
		rc = xj_cmdrun_each_student(r, nkeys, keys, card_one, c);
	if (rc == 0 && html)
		rc = xj_card_end(c->fp, &r->err);
	return rc;
}

/* The record card is the registrar's, proven by their key whatever the
 * format (roles are checked only of a proven actor): printed, it shows
 * the ID number whole, and that is on record (P2). */
static int run_card(struct xj_run *r, int nkeys, char **keys)
{
	struct cardrun c;
	int html = !r->c->format || strcmp(r->c->format, "html") == 0;
	int rc;

	memset(&c, 0, sizeof(c));
	r->q = &opts.q;
	if (xj_cmdrun_need_key(r, "'xj-register card'") < 0)
		return -1;
	rc = card_body(r, &c, html, nkeys, keys);
	xj_sb_release(&c.school);
	xj_sb_release(&c.photo);
	xj_sb_release(&c.enrol);
	xj_sb_release(&c.img);
	return rc;
}

/* --- annual: the year's registration by the facts (P11) --------------------- */

struct annualrun {
	int late;
	struct xj_writer *w;      /* the listing, on standard output */
	struct xj_outtemplate *t;
	FILE *fp;                 /* CHSI's file by the template: -o */
	struct xj_sb state, why;
	long counts[4];           /* registered, deferred, refused, not registered */
	long rows;                /* in CHSI's file */
};

static const char *const annual_cols[] = { "exam_no", "name", "year", "state", "reason" };
static const char *const states[] = { "registered", "deferred", "refused", "not-registered" };

static int annual_file_row(struct xj_run *r, struct annualrun *a, const struct xj_student *s)
{
	struct xj_reg reg;
	struct xj_pairs extra = XJ_PAIRS_INIT;
	struct xj_error e;
	char year[8];
	int rc;

	memset(&reg, 0, sizeof(reg));
	rc = xj_store_reg_latest(r->st, s->id, "annual", opts.year, &reg, &r->err);
	if (rc > 0 && xj_register_to_chsi(reg.state.buf)) {
		snprintf(year, sizeof(year), "%d", opts.year);
		xj_pairs_add(&extra, "state", reg.state.buf);
		xj_pairs_add(&extra, "reason", reg.reason.buf);
		xj_pairs_add(&extra, "year", year);
		xj_error_clear(&e);
		rc = xj_outtemplate_row(a->t, r->st, s, &extra, a->fp, &e);
		if (rc < 0 && e.code == XJ_EDATA)
			xj_cmdrun_refuse(r, s->v[XJ_S_EXAM_NO], e.msg), rc = 0;
		else if (rc < 0)
			r->err = e;
		else
			a->rows++;
	}
	xj_pairs_release(&extra);
	xj_store_reg_release(&reg);
	return rc < 0 ? -1 : 0;
}

static int annual_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct annualrun *a = ctx;
	char year[8];
	size_t i;
	int rc = xj_register_decide(r->st, s, opts.year, &a->state, &a->why, &r->err);
	/* the reason on record is the one shown */
	const char *why = xj_register_reason(a->why.buf, a->late, opts.reason);

	if (rc == 0 && a->state.len)
		rc = xj_register_record(r->st, s, opts.year, a->state.buf, why, a->late, &r->err);
	if (rc == 1)
		r->unchanged++;
	if (rc == 0 && a->state.len) {
		const char *vals[5] = { s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], year, a->state.buf,
					why ? why : "" };

		snprintf(year, sizeof(year), "%d", opts.year);
		for (i = 0; i < 4; i++)
			a->counts[i] += strcmp(a->state.buf, states[i]) == 0;
		r->done++;
		rc = xj_writer_row(a->w, vals, &r->err);
	}
	if (rc >= 0 && a->t && a->state.len)
		rc = annual_file_row(r, a, s);
	return rc < 0 ? -1 : 0;
}

/* Inside the window, or late with a reason on record (P21).  The window
 * is held to the day the rows are dated by, the business day: --as-of
 * says as of which day the facts are counted, and a run made after the
 * window closed is late whatever day it counts from (P11, P21). */
static int annual_window(struct xj_run *r, struct annualrun *a)
{
	char day[11];

	xj_clock_today(day, sizeof(day));
	return xj_register_open(r->st, opts.year, day, opts.late, &a->late, &r->err);
}

/* The listing goes to standard output; -o is CHSI's file, put in place by
 * the frame after the commit. */
static int annual_body(struct xj_run *r, struct annualrun *a)
{
	const struct xj_common *c = r->c;
	int rc = annual_window(r, a);

	if (rc == 0 && opts.template && !(a->t = xj_outtemplate_load(opts.template, &r->err)))
		rc = -1;
	if (rc == 0 && a->t)
		a->fp = out_file(r) ? xj_cmdrun_output(r) : xj_cmdrun_hold_stdout(r);
	if (rc == 0 && a->t && !a->fp)
		rc = -1;
	if (rc == 0 && a->t)
		rc = xj_outtemplate_header(a->t, a->fp, &r->err);
	if (rc == 0 && !(a->w = xj_cli_writer(c->format, c->encoding, c->lang_zh, c->excel,
					      &r->err)))
		rc = -1;
	if (rc == 0 && c->quiet)   /* a morning with nobody new says nothing */
		xj_writer_quiet_empty(a->w);
	if (rc == 0)
		rc = xj_register_annual_begin(r->st, &r->err);
	if (rc == 0) {
		xj_writer_columns(a->w, 5, annual_cols);
		rc = xj_cmdrun_each_student(r, 0, NULL, annual_one, a);
	}
	if (rc == 0)
		rc = xj_writer_end(a->w, &r->err);
	/* CHSI's file carries ID numbers whole: on record before the frame
	 * puts it in place (P2) */
	if (rc == 0 && a->t)
		rc = xj_cmdrun_reveal_file(r, out_file(r), a->rows);
	return rc;
}

static int run_annual(struct xj_run *r, int nkeys, char **keys)
{
	struct annualrun a;
	int rc;

	(void)keys;
	memset(&a, 0, sizeof(a));
	if (!opts.year || nkeys)
		return xj_diag_usage("annual takes --year YEAR and no students: it registers all");
	if (opts.late != !!opts.reason)
		return xj_diag_usage("--late goes with --reason, and --reason with --late");
	if (!opts.template != !r->c->output)
		return xj_diag_usage("--template writes CHSI's file: give -o FILE with it");
	r->q = &opts.q;
	rc = annual_body(r, &a);
	xj_writer_free(a.w);
	xj_outtemplate_free(a.t);
	xj_sb_release(&a.state);
	xj_sb_release(&a.why);
	if (rc == 0 && !r->c->quiet)
		xj_diag("%d: %ld new (%ld registered, %ld deferred, %ld refused, %ld not"
			" registered), %ld unchanged%s%s", opts.year, r->done, a.counts[0],
			a.counts[1], a.counts[2], a.counts[3], r->unchanged,
			a.late ? _(", late") : "",
			!r->dry_run ? "" : a.t ? xj_cmdrun_dry_reveal_note(r) :
			_(" (dry run: nothing was recorded)"));
	return rc;
}

/* --- hold: deferred and refused students of a year -------------------------- */

static int hold_each(struct xj_run *r, const struct xj_record *rec, void *ctx)
{
	int rc = xj_register_hold(r->st, rec, opts.year, &r->err);

	(void)ctx;
	if (rc == 0)
		r->done++;
	return rc;
}

static int run_hold(struct xj_run *r, int nfiles, char **files)
{
	int rc;

	if (!opts.year)
		return xj_diag_usage("hold takes --year YEAR");
	rc = xj_cmdverbs_each_file_row(r, nfiles, files, hold_each, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("held"));
	return rc;
}

/* --- due: who is still to register this year (P21) -------------------------- */

struct duerun {
	int year;
	char end[11], today[11];
	long days_left;
};

static const char *const due_cols[] = { "exam_no", "name", "dept", "year", "deadline",
					"days_left" };

static int due_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct duerun *d = ctx;
	char year[8], days[24];
	const char *vals[6];
	int rc = xj_register_due(r->st, s, d->year, &r->err);

	if (rc <= 0)
		return rc;
	snprintf(year, sizeof(year), "%d", d->year);
	snprintf(days, sizeof(days), "%ld", d->days_left);
	vals[0] = s->v[XJ_S_EXAM_NO];
	vals[1] = s->v[XJ_S_NAME];
	vals[2] = s->v[XJ_S_DEPT];
	vals[3] = year;
	vals[4] = d->end;
	vals[5] = days;
	r->done++;
	return xj_writer_row(r->w, vals, &r->err);
}

static int due_body(struct xj_run *r, struct duerun *d)
{
	xj_cmdverbs_today(r, d->today);
	if (xj_register_deadline(r->st, d->today, &d->year, d->end, &d->days_left, &r->err) < 0)
		return -1;
	if (!xj_cmdrun_writer(r, 6, due_cols))
		return -1;
	return xj_cmdrun_each_queried(r, due_one, d);
}

static int run_due(struct xj_run *r, int nkeys, char **keys)
{
	struct duerun d;
	int rc;

	(void)keys;
	memset(&d, 0, sizeof(d));
	if (nkeys)
		return xj_diag_usage("due takes filters, not students");
	r->q = &opts.q;
	rc = due_body(r, &d);
	if (rc == 0 && xj_register_overdue(d.days_left, r->done))
		r->failed = r->done;
	return rc;
}

/* Every verb but due is the registrar's work (P9, P11); the library keeps
 * its finer checks. */
#define WRITE (XJ_V_STORE | XJ_V_WRITES)
#define LIST (XJ_V_STORE | XJ_V_LIST)
#define REG XJ_ROLE_REGISTRAR

static const struct xj_verb verbs[] = {
	{ "new", run_new, WRITE | XJ_V_LIST, REG, "template commit cohort dept", NULL },
	{ "result", run_result, WRITE | XJ_V_LIST | XJ_V_STDIN, REG, "template rest", NULL },
	{ "number", run_number, WRITE | XJ_V_LIST, REG, "cohort dept", NULL },
	{ "card", run_card, LIST | XJ_V_QUIET, REG, "photos reveal cohort dept", NULL },
	{ "annual", run_annual, WRITE | XJ_V_LIST | XJ_V_ASOF, REG,
	  "year late reason template cohort dept", NULL },
	{ "hold", run_hold, WRITE | XJ_V_STDIN, REG, "year", NULL },
	/* -q: nothing at all when nobody is due (a cron job's mail) */
	{ "due", run_due, LIST | XJ_V_ASOF | XJ_V_QUIET, 0, "cohort dept", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-register", usage_text, verbs, own_opts, own_option, &opts, NULL
	};

	return xj_cmdrun_main(&prog, argc, argv);
}
