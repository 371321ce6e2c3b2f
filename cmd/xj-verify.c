/* xj-verify: the entrance review: sources cross-checked, reviews, the
 * second person's confirmation, the department head's and the leader's
 * sign-offs, where each student stands, and what is due. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/cases.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/entrance.h"
#include "xj/mask.h"
#include "xj/photodup.h"
#include "xj/photos.h"
#include "xj/reader.h"
#include "xj/review.h"
#include "xj/sheet.h"
#include "xj/writer.h"
#include "xj/signoff.h"

static const char usage_text[] = N_(
"usage: xj-verify check [--source names] [--reveal] [-d db] [--key file] [output]\n"
"                 [filters] [key ... | -]\n"
"       xj-verify review --stage stage --result pass|fail [--item name=ok|problem]...\n"
"                 [--note text] [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify confirm [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify sign --level dept|leader --stage stage [-nq] [-d db] [-u name]\n"
"                 [--key file] key ... | -\n"
"       xj-verify sign --prepare --level dept|leader --stage stage -u name\n"
"                 -o sheet [--page file] [-q] [-d db] key ... | -\n"
"       xj-verify sign --apply [-nq] [-d db] [-u name] [--key file] sheet ...\n"
"       xj-verify status [--stage stage] [-d db] [output] [filters] [key ... | -]\n"
"       xj-verify due [--within days] [--as-of date] [-q] [-d db] [output]\n"
"                 [filters]\n"
"       xj-verify case open --reason text | note --note text |\n"
"                 close --finding cleared|confirmed [-nq] [-d db] [--key file] key ... | -\n"
"       xj-verify cancel --what admission|status --grounds grounds --reason text\n"
"                 [--refer] [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify cases [--referred] [-d db] [output] [filters] [key ... | -]\n"
"       xj-verify photos [--template file] [-nq] [-d db] [--key file] [file ...]\n"
"       xj-verify photos --dup dir [--distance bits] [-d db] [output]\n"
"\n"
"  check        each mismatch between the roster and the other sources (P4)\n"
"  review       a reviewer's decision on the arrival check or the re-check (P4, P7)\n"
"  confirm      a second person's audit of the re-check (P7)\n"
"  sign         the department head's, then the leader's sign-off (P1);\n"
"               --prepare: a sheet of them for a signer who never logs in\n"
"               (signed with xj-key sign), --apply: the signed sheet recorded\n"
"  status       where each student's review stands, and who signed\n"
"  due          students whose re-check is not complete, with the deadline (P21)\n"
"  case         open a doubtful case, note the exam authority's answer, close it\n"
"  cancel       propose cancelling an admission or a status; signed at two\n"
"               more levels (sign --stage cancel), it takes effect (P6, P8)\n"
"  cases        each student's newest case; --referred: those referred onwards\n"
"  photos       photo-comparison results as CHSI returns them (P5, P13);\n"
"               --dup: one picture used for two students (P5)\n"
"  Roles: review, confirm, case, cancel: a reviewer of the student's\n"
"  department; sign: a department head or the leader; photos: the registrar;\n"
"  each with their key.  sign --apply: anyone with a key; check, status, due,\n"
"  cases, photos --dup and sign --prepare: anyone.\n"
"\n"
"  -d, --db PATH        the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS   wait that long for another writer (default 600)\n"
"  -u, --user NAME      the staff member acting (the key's holder);\n"
"                       --prepare: the signer the sheet is for\n"
"      --key FILE       the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run        check every decision, record none\n"
"  -q, --quiet          no summary\n"
"  output: -f, --format FMT (csv, tsv, yaml, json, xlsx), -o, --output FILE,\n"
"          --lang zh|en, --encoding ENC, --excel   (xj(1), COMMON OPTIONS)\n"
"      --stage STAGE    arrival or recheck (sign, status: or cancel)\n"
"      --result R       pass or fail\n"
"      --item N=V       a checked item and its finding (ok or problem)\n"
"      --note TEXT      a note to the review\n"
"      --level L        dept or leader\n"
"      --prepare        sign: write the sheet of the sign-offs -u NAME may make\n"
"                       (-o FILE: the sheet, in YAML)\n"
"      --page FILE      --prepare: the page to print (default: the sheet's\n"
"                       name ending in .html)\n"
"      --apply          sign: record the signed sheets named\n"
"      --within DAYS    due: only students due within DAYS days (or overdue)\n"
"      --as-of DATE     due: count the days from DATE (default today)\n"
"      --reason TEXT    why a case is opened or a cancellation proposed\n"
"      --finding F      cleared or confirmed\n"
"      --what W         admission or status\n"
"      --grounds G      fraud, impersonation, irregular or other\n"
"      --refer          refer the case to the authorities once it takes effect\n"
"      --referred       cases: only the referred ones\n"
"      --template FILE  photos: the YAML column template of the results file\n"
"      --dup DIR        photos: the folder of photos named by key\n"
"      --distance BITS  --dup: how far apart (0-64, default 8) is near-identical\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"      --source NAMES   check: the sources compared (application, admission,\n"
"                       onsite; a comma between; default all)\n"
"      --reveal         check: show ID numbers unmasked (needs a key; audited)\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n");

/* The program's own options; -d, --key, -u, -n, -q, -f, -o, --as-of and
 * the rest that every program shares are the frame's (xj(1)). */
struct opts {
	const char *stage, *result, *note, *level, *reason, *finding, *what, *grounds;
	const char *template, *dup, *page;
	const char **items;
	size_t nitems;
	long within;
	int has_within, refer, referred, distance, has_distance, prepare, apply, reveal;
	unsigned sources;   /* check: the sources compared, as bits; 0: all */
	struct xj_query q;
};

static struct opts opts;

enum {
	O_STAGE = 256, O_RESULT, O_ITEM, O_NOTE, O_LEVEL, O_PREPARE, O_APPLY, O_PAGE,
	O_WITHIN, O_REASON, O_FINDING, O_WHAT, O_GROUNDS, O_REFER, O_REFERRED,
	O_TEMPLATE, O_DUP, O_DISTANCE, O_COHORT, O_DEPT, O_REVEAL, O_SOURCE
};

static const struct xj_opt own_opts[] = {
	{ "apply", 0, O_APPLY }, { "cohort", 1, O_COHORT }, { "dept", 1, O_DEPT },
	{ "distance", 1, O_DISTANCE }, { "dup", 1, O_DUP }, { "finding", 1, O_FINDING },
	{ "grounds", 1, O_GROUNDS }, { "item", 1, O_ITEM }, { "level", 1, O_LEVEL },
	{ "note", 1, O_NOTE }, { "page", 1, O_PAGE }, { "prepare", 0, O_PREPARE },
	{ "reason", 1, O_REASON }, { "refer", 0, O_REFER }, { "referred", 0, O_REFERRED },
	{ "result", 1, O_RESULT }, { "reveal", 0, O_REVEAL }, { "source", 1, O_SOURCE },
	{ "stage", 1, O_STAGE },
	{ "template", 1, O_TEMPLATE }, { "what", 1, O_WHAT }, { "within", 1, O_WITHIN },
	{ NULL, 0, 0 },
};

/* --source NAME[,NAME...], given once or more. */
static int source_option(struct opts *o, const char *arg)
{
	char buf[128], *p, *save = NULL;
	unsigned bit;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (!(bit = xj_entrance_source_bit(p)))
			return xj_diag_usage("--source wants application, admission or onsite,"
					     " not '%s'", p);
		o->sources |= bit;
	}
	return 0;
}

/* The options that name a choice, checked as they come. */
static int choice_option(struct opts *o, int c, const char *arg)
{
	long v;

	switch (c) {
	case O_STAGE:
		if (!(o->stage = xj_review_stage_name(arg)))
			return xj_diag_usage("--stage wants arrival or recheck, not '%s'", arg);
		return 0;
	case O_RESULT:
		if (strcmp(arg, "pass") && strcmp(arg, "fail"))
			return xj_diag_usage("--result wants pass or fail, not '%s'", arg);
		o->result = arg;
		return 0;
	case O_LEVEL:
		if (strcmp(arg, "dept") && strcmp(arg, "leader"))
			return xj_diag_usage("--level wants dept or leader, not '%s'", arg);
		o->level = arg;
		return 0;
	case O_WITHIN:
		if (xj_cli_number(arg, 0, 3650, &o->within) < 0)
			return xj_diag_usage("--within wants a number of days, not '%s'", arg);
		o->has_within = 1;
		return 0;
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->q.cohort = (int)v;
		return 0;
	case O_SOURCE:
		return source_option(o, arg);
	case O_DISTANCE:
		if (xj_cli_number(arg, 0, 64, &v) < 0)
			return xj_diag_usage("--distance wants 0 to 64 bits, not '%s'", arg);
		o->distance = (int)v;
		o->has_distance = 1;
		return 0;
	}
	return 0;
}

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;

	switch (c) {
	case O_ITEM:
		o->items = xj_xreallocarray(o->items, o->nitems + 1, sizeof(char *));
		o->items[o->nitems++] = arg;
		break;
	case O_NOTE: o->note = arg; break;
	case O_PREPARE: o->prepare = 1; break;
	case O_APPLY: o->apply = 1; break;
	case O_PAGE: o->page = arg; break;
	case O_REASON: o->reason = arg; break;
	case O_FINDING: o->finding = arg; break;
	case O_WHAT: o->what = arg; break;
	case O_GROUNDS: o->grounds = arg; break;
	case O_REFER: o->refer = 1; break;
	case O_REFERRED: o->referred = 1; break;
	case O_TEMPLATE: o->template = arg; break;
	case O_DUP: o->dup = arg; break;
	case O_DEPT: o->q.dept = arg; break;
	case O_REVEAL: o->reveal = 1; break;
	default: return choice_option(o, c, arg);
	}
	return 0;
}

/* --- decisions: review, confirm, case, cancel, sign ------------------------- */

static int one_decision(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	const struct opts *o = &opts;
	const char *v = r->verb->name, *who = r->id.user;
	struct xj_error *err = &r->err;

	(void)ctx;
	if (strcmp(v, "review") == 0) {
		struct xj_review_in in = { .stage = o->stage, .result = o->result,
			.items = o->items, .nitems = o->nitems, .note = o->note };

		return xj_review_record(r->st, s, &in, who, err);
	}
	if (strcmp(v, "confirm") == 0)
		return xj_review_confirm(r->st, s, "recheck", who, err);
	if (strcmp(v, "cancel") == 0) {
		struct xj_cancel_in in = { .what = o->what, .grounds = o->grounds,
			.reason = o->reason, .refer = o->refer };

		return xj_cases_cancel_propose(r->st, s, &in, who, err);
	}
	if (strcmp(v, "open") == 0)
		return xj_cases_open(r->st, s, o->reason, who, err);
	if (strcmp(v, "note") == 0)
		return xj_cases_note(r->st, s, o->note, who, err);
	if (strcmp(v, "close") == 0)
		return xj_cases_close(r->st, s, o->finding, who, err);
	return xj_signoff(r->st, s, o->stage, o->level, who, NULL, err);
}

/* The options each decision needs, by the command as typed. */
static int need(const struct opts *o, const char *verb)
{
	if (strcmp(verb, "review") == 0 && (!o->stage || !o->result))
		return xj_diag_usage("review needs --stage and --result");
	if (strcmp(verb, "sign") == 0 && (!o->stage || !o->level))
		return xj_diag_usage("sign needs --stage and --level");
	if (strcmp(verb, "cancel") == 0 && (!o->what || !o->grounds || !o->reason))
		return xj_diag_usage("cancel needs --what, --grounds and --reason");
	if ((strcmp(verb, "case open") == 0 && !o->reason) ||
	    (strcmp(verb, "case note") == 0 && !o->note) ||
	    (strcmp(verb, "case close") == 0 && !o->finding))
		return xj_diag_usage("want: case open --reason TEXT, case note --note TEXT"
				     " or case close --finding F");
	return 0;
}

/* Each student's decision in a savepoint of its own (the frame's walk): a
 * refusal names the student, masked, and the others go on. */
static int decide(struct xj_run *r, int nargs, char **args)
{
	int rc = need(&opts, r->verb_name);

	if (rc)
		return rc;
	if (!nargs)
		return xj_diag_usage("which students? give keys, or - for a record stream");
	rc = xj_cmdrun_each_change(r, nargs, args, one_decision, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("decided"));
	return rc;
}

/* --- sheets: sign-offs signed away from the store (xj-key sign) ------------ */

/* sign --prepare: the sheet of the sign-offs -u NAME may make now, for a
 * signer who never logs in (XJ_V_FOR_USER: -u names the signer). */
static int run_prepare(struct xj_run *r, int nargs, char **args)
{
	if (!opts.stage || !opts.level || !r->c->user || !r->c->output)
		return xj_diag_usage("sign --prepare needs --stage, --level, -u NAME (the signer)"
				     " and -o FILE (the sheet)");
	return xj_cmdsheet_prepare_signoffs(r, nargs, args, opts.stage, opts.level, opts.page);
}

/* sign --apply: whoever applies a sheet does so with their key; the roles
 * are the signer's, checked decision by decision against the sheet. */
static int run_apply(struct xj_run *r, int nargs, char **args)
{
	return xj_cmdsheet_apply(r, nargs, args, XJ_SHEET_SIGNOFF);
}

/* sign is three commands by its options, so its table entry opens
 * nothing: the online sign-off is a department head's or the leader's
 * (the library checks the level and the department), --apply anyone's
 * with a key, --prepare anyone's. */
static int run_sign(struct xj_run *r, int nargs, char **args)
{
	if (opts.prepare && opts.apply)
		return xj_diag_usage("sign takes --prepare or --apply, not both");
	if (opts.prepare)
		return run_prepare(r, nargs, args);
	if (r->c->output || opts.page)
		return xj_diag_usage("-o and --page go with sign --prepare");
	if (opts.apply)
		return run_apply(r, nargs, args);
	if (need(&opts, "sign"))
		return XJ_EXIT_USAGE;   /* said by need */
	if (!nargs)
		return xj_diag_usage("which students? give keys, or - for a record stream");
	if (xj_cmdrun_open_as(r, XJ_V_WRITES | XJ_V_DECISION | XJ_V_DEPT,
			   XJ_ROLE_DEPT_HEAD | XJ_ROLE_LEADER) < 0)
		return -1;
	return decide(r, nargs, args);
}

/* --- photos: results in ------------------------------------------------------ */

static int photo_row(struct xj_run *r, const struct xj_record *rec, void *ctx)
{
	const struct xj_intemplate *t = ctx;
	int rc = xj_photos_row(r->st, t, rec, &r->err);

	if (rc < 0)
		return -1;
	*(rc == 1 ? &r->unchanged : &r->done) += 1;
	return 0;
}

/* The registrar's, with their key: each row of each file (standard input
 * without files) a dated fact, a refused row named by file and line. */
static int run_results(struct xj_run *r, int nfiles, char **files)
{
	struct xj_intemplate *t = NULL;
	long read;
	int rc = 0;

	if (r->c->format || r->c->output || opts.has_distance)
		return xj_diag_usage("-f, -o and --distance go with photos --dup");
	/* a template's own mistakes are named before anything else */
	if (opts.template && !(t = xj_photos_template_load(opts.template, &r->err)))
		return -1;
	rc = xj_cmdrun_open_as(r, XJ_V_WRITES, XJ_ROLE_REGISTRAR);
	if (rc == 0)
		rc = xj_cmdverbs_each_file_row(r, nfiles, files, photo_row, t);
	xj_intemplate_free(t);
	read = r->done + r->unchanged + r->refused;
	if (rc < 0 || r->c->quiet)
		return rc;
	if (r->dry_run)
		xj_diag("%ld read, %ld recorded, %ld unchanged, %ld refused"
			" (dry run: nothing was recorded)", read, r->done, r->unchanged,
			r->refused);
	else
		xj_diag("%ld read, %ld recorded, %ld unchanged, %ld refused", read, r->done,
			r->unchanged, r->refused);
	return 0;
}

/* --- photos --dup: one picture, two students -------------------------------- */

/* The student each file is named by, and its fingerprints; a file that
 * names no student (its key masked, as every refusal's), or cannot be
 * read, is reported and left out. */
static int dup_prepare(struct xj_run *r, struct xj_photo_file *f)
{
	struct xj_student s;
	struct xj_error fe;
	int rc = xj_cli_find_student(r->st, f->key, &s, &r->err);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		xj_cmdrun_refuse(r, f->key, _("no such student"));
		return 0;
	}
	xj_error_clear(&fe);
	rc = xj_photohash_print(f->path, &f->print, &fe);
	if (rc != 0) {
		/* undecoded bytes still count for the same-bytes check */
		xj_diag_error(&fe);
		r->failed++;
	}
	if (rc >= 0) {
		f->student = s.id;
		f->name = xj_xstrdup(s.v[XJ_S_NAME] ? s.v[XJ_S_NAME] : "");
	}
	xj_student_release(&s);
	return 0;
}

static int dup_row(void *ctx, const struct xj_photo_match *m)
{
	struct xj_run *r = ctx;
	struct xj_sb dist = XJ_SB_INIT;
	const char *row[8];
	int rc;

	xj_sb_addf(&dist, "%d", m->distance);
	row[0] = m->a->key;
	row[1] = m->a->name;
	row[2] = m->a->path;
	row[3] = m->b->key;
	row[4] = m->b->name;
	row[5] = m->b->path;
	row[6] = m->identical ? "identical" : "similar";
	row[7] = dist.buf;
	rc = xj_writer_row(r->w, row, &r->err);
	xj_sb_release(&dist);
	r->failed++;
	return rc;
}

static const char *const dup_cols[] = { "key", "name", "file", "other_key",
					"other_name", "other_file", "match", "distance" };

/* Anyone's: a listing, which changes nothing. */
static int run_dup(struct xj_run *r, int nargs)
{
	struct xj_photo_set set = { 0 };
	size_t i;
	int rc;

	if (nargs || opts.template)
		return xj_diag_usage("photos --dup takes a folder, not files or a template");
	rc = xj_cmdrun_open_as(r, XJ_V_LIST, 0);
	if (rc == 0 && !xj_cmdrun_writer(r, 8, dup_cols))
		rc = -1;
	if (rc == 0)
		rc = xj_photodup_scan(opts.dup, &set, &r->err);
	for (i = 0; rc == 0 && i < set.n; i++)
		rc = dup_prepare(r, &set.v[i]);
	if (rc == 0)
		rc = xj_photodup_matches(&set, opts.distance, dup_row, r);
	xj_photodup_set_release(&set);
	return rc;
}

/* photos is two commands by --dup, so its table entry opens nothing. */
static int run_photos(struct xj_run *r, int nargs, char **args)
{
	return opts.dup ? run_dup(r, nargs) : run_results(r, nargs, args);
}

/* --- listings: check, status, due, cases ------------------------------------ */

struct listing {
	struct xj_run *r;
	const struct xj_student *s;
	long rows;
	int bad;    /* a row could not be written: r->err says why */
	/* check: of the cohorts met so far, the sources ever imported for
	 * them (one never imported is said once, not missing for each) */
	struct { int cohort; unsigned known; } seen[16];
	int nseen;
};

static int row(struct listing *l, const char *const *vals)
{
	l->rows++;
	if (xj_writer_row(l->r->w, vals, &l->r->err) < 0)
		l->bad = 1;
	return l->bad ? -1 : 0;
}

static void mismatch(void *ctx, const char *field, const char *source, const char *ours,
		     const char *theirs, const char *where)
{
	struct listing *l = ctx;
	char a[64], b[64];
	const char *vals[7];

	if (!opts.reveal && xj_mask_wanted(field)) {
		xj_mask(field, ours, a, sizeof(a));
		xj_mask(field, theirs, b, sizeof(b));
		ours = a;
		theirs = b;
	}
	vals[0] = l->s->v[XJ_S_EXAM_NO];
	vals[1] = l->s->v[XJ_S_NAME];
	vals[2] = field;
	vals[3] = source;
	vals[4] = ours;
	vals[5] = theirs;
	vals[6] = where;
	if (!l->bad)
		row(l, vals);
	l->r->failed++;
}

/* One stage of the student's review, listed. */
static int status_row(void *ctx, const struct xj_review_row *sr)
{
	struct listing *l = ctx;
	const char *vals[10];

	vals[0] = l->s->v[XJ_S_EXAM_NO];
	vals[1] = l->s->v[XJ_S_NAME];
	vals[2] = sr->stage;
	vals[3] = sr->result;
	vals[4] = sr->state;
	vals[5] = sr->r->reviewer.buf;
	vals[6] = sr->r->confirm.buf;
	vals[7] = sr->r->dept.buf;
	vals[8] = sr->r->leader.buf;
	vals[9] = sr->photos;
	return row(l, vals);
}

static int status_rows(struct listing *l)
{
	const struct xj_review_status_cb cb = { status_row, l };

	return xj_review_status(l->r->st, l->s, opts.stage, &cb, &l->r->err);
}

/* Today, or the frame's checked --as-of. */
static int due_row(struct listing *l)
{
	struct xj_run *r = l->r;
	struct xj_due d;
	char today[11], left[24];
	const char *vals[7];

	xj_cmdverbs_today(r, today);
	if (xj_entrance_due_recheck(r->st, l->s, today, &d, &r->err) < 0)
		return -1;
	if (!xj_entrance_due_listed(&d, opts.has_within ? opts.within : -1))
		return 0;
	snprintf(left, sizeof(left), "%ld", d.days_left);
	vals[0] = l->s->v[XJ_S_EXAM_NO];
	vals[1] = l->s->v[XJ_S_NAME];
	vals[2] = l->s->v[XJ_S_DEPT];
	vals[3] = d.enrolled;
	vals[4] = d.deadline;
	vals[5] = left;
	vals[6] = d.state;
	if (xj_entrance_due_overdue(&d))
		r->failed++;
	return row(l, vals);
}

static int case_row(struct listing *l)
{
	struct xj_run *r = l->r;
	struct xj_case c;
	const char *vals[7];
	int found;

	memset(&c, 0, sizeof(c));
	found = xj_store_case_latest(r->st, l->s->id, &c, &r->err);
	if (found > 0 && xj_cases_listed(&c, opts.referred)) {
		vals[0] = l->s->v[XJ_S_EXAM_NO];
		vals[1] = l->s->v[XJ_S_NAME];
		vals[2] = c.opened_on.buf;
		vals[3] = c.opened_by.buf;
		vals[4] = c.reason.buf;
		vals[5] = xj_cases_finding(&c);
		vals[6] = c.referred ? "yes" : "no";
		found = row(l, vals);
	}
	xj_store_case_release(&c);
	return found < 0 ? -1 : 0;
}

/* A source never imported for the cohort: the check is not whole, not a
 * clean bill for cron. */
static void never_imported(void *ctx, const char *src)
{
	struct listing *l = ctx;

	xj_diag(_("no %s rows were ever imported for cohort %d: not compared"
		  " (xj-import --source %s)"), src, l->s->cohort, src);
	l->r->failed++;
}

/* The sources of the student's cohort that were ever imported, among
 * those asked for; one that never was is said once for the cohort. */
static int known_sources(struct listing *l, unsigned *mask)
{
	const struct xj_student *s = l->s;
	int k;

	for (k = 0; k < l->nseen; k++)
		if (l->seen[k].cohort == s->cohort) {
			*mask = l->seen[k].known;
			return 0;
		}
	if (xj_entrance_sources_known(l->r->st, s->cohort, opts.sources, never_imported, l,
				      mask, &l->r->err) < 0)
		return -1;
	if (l->nseen < (int)(sizeof(l->seen) / sizeof(l->seen[0]))) {
		l->seen[l->nseen].cohort = s->cohort;
		l->seen[l->nseen++].known = *mask;
	}
	return 0;
}

static int check_row(struct listing *l)
{
	unsigned mask;

	if (known_sources(l, &mask) < 0 ||
	    xj_entrance_crosscheck_some(l->r->st, l->s, mask, mismatch, l, &l->r->err) < 0)
		return -1;
	return l->bad ? -1 : 0;
}

static int list_student(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct listing *l = ctx;
	const char *v = r->verb->name;

	l->s = s;
	if (strcmp(v, "cases") == 0)
		return case_row(l);
	if (strcmp(v, "status") == 0)
		return status_rows(l);
	if (strcmp(v, "due") == 0)
		return due_row(l);
	return check_row(l);
}

static const char *const check_cols[] = { "exam_no", "name", "field", "source",
					  "roster", "value", "where" };
static const char *const status_cols[] = { "exam_no", "name", "stage", "result", "state",
					   "reviewer", "confirmed_by", "dept_head", "leader",
					   "photos" };
static const char *const case_cols[] = { "exam_no", "name", "opened", "opened_by",
					 "reason", "finding", "referred" };
static const char *const due_cols[] = { "exam_no", "name", "dept", "enrolled",
					"deadline", "days_left", "state" };

/* Anyone's; a student not found is named, masked, and the others go on. */
static int run_list(struct xj_run *r, int nargs, char **args)
{
	const char *v = r->verb->name;
	struct listing l = { .r = r };
	int rc;

	if (strcmp(v, "due") == 0 && nargs)
		return xj_diag_usage("due takes filters, not keys");
	/* ID numbers shown whole are on record, by a proven person (P2) */
	if (opts.reveal && xj_cmdrun_need_key(r, "--reveal") < 0)
		return -1;
	r->q = &opts.q;
	if (strcmp(v, "status") == 0)
		rc = xj_cmdrun_writer(r, 10, status_cols) ? 0 : -1;
	else
		rc = xj_cmdrun_writer(r, 7, !strcmp(v, "check") ? check_cols :
				   !strcmp(v, "cases") ? case_cols : due_cols) ? 0 : -1;
	/* on record once the output is known good, before a row is shown */
	if (rc == 0 && opts.reveal)
		rc = xj_cmdrun_reveal_begin(r, "id_number");
	if (rc == 0)
		rc = xj_cmdrun_each_student(r, nargs, args, list_student, &l);
	return rc;
}

/* --- the verbs ------------------------------------------------------------------ */

#define DECIDE (XJ_V_STORE | XJ_V_WRITES | XJ_V_DECISION | XJ_V_DEPT)
#define LIST (XJ_V_STORE | XJ_V_LIST)
/* sign and photos open the store themselves (xj_cmdrun_open_as): their
 * options decide what they are, so -d, --key, -u, -n go by name */
#define SELF "db key user dry-run"

static const struct xj_verb case_verbs[] = {
	{ "open", decide, DECIDE, XJ_ROLE_REVIEWER, "reason", NULL },
	{ "note", decide, DECIDE, XJ_ROLE_REVIEWER, "note", NULL },
	{ "close", decide, DECIDE, XJ_ROLE_REVIEWER, "finding", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

static const struct xj_verb verbs[] = {
	{ "check", run_list, LIST, 0, "reveal cohort dept source", NULL },
	{ "review", decide, DECIDE, XJ_ROLE_REVIEWER, "stage result item note", NULL },
	{ "confirm", decide, DECIDE, XJ_ROLE_REVIEWER, "", NULL },
	{ "sign", run_sign, XJ_V_QUIET | XJ_V_DECISION | XJ_V_DEPT, 0,
	  SELF " output stage level prepare apply page", NULL },
	{ "status", run_list, LIST, 0, "stage cohort dept", NULL },
	/* -q: nothing at all when nobody is due (a cron job's mail) */
	{ "due", run_list, LIST | XJ_V_ASOF | XJ_V_QUIET, 0, "within cohort dept", NULL },
	{ "case", NULL, 0, 0, NULL, case_verbs },
	{ "cancel", decide, DECIDE, XJ_ROLE_REVIEWER, "what grounds reason refer", NULL },
	{ "cases", run_list, LIST, 0, "referred cohort dept", NULL },
	{ "photos", run_photos, XJ_V_QUIET | XJ_V_LIST | XJ_V_STDIN, 0, SELF " template dup distance",
	  NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-verify", usage_text, verbs, own_opts, own_option, &opts, NULL
	};
	int rc;

	opts.distance = 8;
	rc = xj_cmdrun_main(&prog, argc, argv);
	free(opts.items);
	return rc;
}
