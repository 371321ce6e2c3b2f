/* xj-verify: the entrance review: sources cross-checked, reviews, the
 * second person's confirmation, the department head's and the leader's
 * sign-offs, where each student stands, and what is due. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/cases.h"
#include "xj/cli.h"
#include "xj/clock.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/entrance.h"
#include "xj/mask.h"
#include "xj/photodup.h"
#include "xj/photos.h"
#include "xj/reader.h"
#include "xj/review.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-verify check [-d db] [-f fmt] [--reveal] [filters] [key ... | -]\n"
"       xj-verify review --stage stage --result pass|fail [--item name=ok|problem]...\n"
"                 [--note text] [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify confirm [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify sign --level dept|leader --stage stage [-nq] [-d db] [-u name]\n"
"                 [--key file] key ... | -\n"
"       xj-verify status [--stage stage] [-d db] [-f fmt] [filters] [key ... | -]\n"
"       xj-verify due [--within days] [--as-of date] [-d db] [-f fmt] [filters]\n"
"       xj-verify case open --reason text | note --note text |\n"
"                 close --finding cleared|confirmed [-nq] [-d db] [--key file] key ... | -\n"
"       xj-verify cancel --what admission|status --grounds grounds --reason text\n"
"                 [--refer] [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-verify cases [--referred] [-d db] [-f fmt] [filters] [key ... | -]\n"
"       xj-verify photos [--template file] [-nq] [-d db] [--key file] [file ...]\n"
"       xj-verify photos --dup dir [--distance bits] [-d db] [-f fmt]\n"
"\n"
"  check        each mismatch between the roster and the other sources (P4)\n"
"  review       a reviewer's decision on the arrival check or the re-check (P4, P7)\n"
"  confirm      a second person's audit of the re-check (P7)\n"
"  sign         the department head's, then the leader's sign-off (P1)\n"
"  status       where each student's review stands, and who signed\n"
"  due          students whose re-check is not complete, with the deadline (P21)\n"
"  case         open a doubtful case, note the exam authority's answer, close it\n"
"  cancel       propose cancelling an admission or a status; signed at two\n"
"               more levels (sign --stage cancel), it takes effect (P6, P8)\n"
"  cases        each student's newest case; --referred: those referred onwards\n"
"  photos       photo-comparison results as CHSI returns them (P5, P13);\n"
"               --dup: one picture used for two students (P5)\n"
"\n"
"  -d, --db PATH        the store (default $XJ_DB, else ./xj.db)\n"
"  -u, --user NAME      the staff member acting (the key's holder)\n"
"      --key FILE       the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run        check every decision, record none\n"
"  -q, --quiet          no summary\n"
"  -f, --format FMT     csv (default), tsv, yaml, json, xlsx\n"
"      --stage STAGE    arrival or recheck\n"
"      --result R       pass or fail\n"
"      --item N=V       a checked item and its finding (ok or problem)\n"
"      --note TEXT      a note to the review\n"
"      --level L        dept or leader\n"
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
"      --reveal         show ID numbers unmasked\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n");

struct opts {
	const char *db, *user, *key, *format, *stage, *result, *note, *level, *as_of;
	const char *reason, *finding, *what, *grounds, *subverb, *template, *dup;
	int refer, referred, distance;
	const char **items;
	size_t nitems;
	long within;
	int dry_run, quiet, reveal, has_within;
	struct xj_query q;
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
	case 'k': o->key = optarg; break;
	case 's':
		if (!(o->stage = xj_stage_name(optarg)))
			return xj_diag_usage("--stage wants arrival or recheck, not '%s'", optarg);
		break;
	case 'r':
		if (strcmp(optarg, "pass") && strcmp(optarg, "fail"))
			return xj_diag_usage("--result wants pass or fail, not '%s'", optarg);
		o->result = optarg;
		break;
	case 'i':
		o->items = xj_xreallocarray(o->items, o->nitems + 1, sizeof(char *));
		o->items[o->nitems++] = optarg;
		break;
	case 't': o->note = optarg; break;
	case 'l':
		if (strcmp(optarg, "dept") && strcmp(optarg, "leader"))
			return xj_diag_usage("--level wants dept or leader, not '%s'", optarg);
		o->level = optarg;
		break;
	case 'w':
		if (xj_cli_number(optarg, 0, 3650, &o->within) < 0)
			return xj_diag_usage("--within wants a number of days, not '%s'", optarg);
		o->has_within = 1;
		break;
	case 'a': o->as_of = optarg; break;
	case 'c':
		if (xj_cli_number(optarg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", optarg);
		o->q.cohort = (int)v;
		break;
	case 'D': o->q.dept = optarg; break;
	case 'R': o->reveal = 1; break;
	case 'x': o->reason = optarg; break;
	case 'F': o->finding = optarg; break;
	case 'W': o->what = optarg; break;
	case 'G': o->grounds = optarg; break;
	case 'e': o->refer = 1; break;
	case 'E': o->referred = 1; break;
	case 'T': o->template = optarg; break;
	case 'P': o->dup = optarg; break;
	case 'B':
		if (xj_cli_number(optarg, 0, 64, &v) < 0)
			return xj_diag_usage("--distance wants 0 to 64 bits, not '%s'", optarg);
		o->distance = (int)v;
		break;
	default: return -2;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "cohort", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "dept", required_argument, NULL, 'D' },
		{ "distance", required_argument, NULL, 'B' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "dup", required_argument, NULL, 'P' },
		{ "grounds", required_argument, NULL, 'G' },
		{ "finding", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "item", required_argument, NULL, 'i' },
		{ "key", required_argument, NULL, 'k' },
		{ "level", required_argument, NULL, 'l' },
		{ "note", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reason", required_argument, NULL, 'x' },
		{ "refer", no_argument, NULL, 'e' },
		{ "referred", no_argument, NULL, 'E' },
		{ "result", required_argument, NULL, 'r' },
		{ "reveal", no_argument, NULL, 'R' },
		{ "stage", required_argument, NULL, 's' },
		{ "template", required_argument, NULL, 'T' },
		{ "user", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ "what", required_argument, NULL, 'W' },
		{ "within", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	return xj_cli_options(argc, argv, ":d:f:hnqu:V", longs, "xj-verify", usage_text, parse_opt, o);
}

/* --- decisions: review, confirm, sign ------------------------------------ */

struct decide {
	const char *verb;
	const struct opts *o;
	struct xj_store *st;
	const char *who;
	long done, refused;
};

static void refuse_key(struct decide *d, const char *key, const struct xj_error *e)
{
	char shown[64];

	xj_mask(strlen(key) == 18 ? "id_number" : "exam_no", key, shown, sizeof(shown));
	xj_diag("%s: %s", shown, e->msg);
	d->refused++;
}

static int one_decision(struct decide *d, const struct xj_student *s,
			struct xj_error *err)
{
	const struct opts *o = d->o;

	if (strcmp(d->verb, "review") == 0) {
		struct xj_review_in in = { o->stage, o->result, o->items, o->nitems, o->note };

		return xj_review_record(d->st, s, &in, d->who, err);
	}
	if (strcmp(d->verb, "confirm") == 0)
		return xj_review_confirm(d->st, s, "recheck", d->who, err);
	if (strcmp(d->verb, "cancel") == 0) {
		struct xj_cancel_in in = { o->what, o->grounds, o->reason, o->refer };

		return xj_cancel_propose(d->st, s, &in, d->who, err);
	}
	if (strcmp(d->verb, "case") == 0 && strcmp(o->subverb, "open") == 0)
		return xj_case_open(d->st, s, o->reason, d->who, err);
	if (strcmp(d->verb, "case") == 0 && strcmp(o->subverb, "note") == 0)
		return xj_case_note(d->st, s, o->note, d->who, err);
	if (strcmp(d->verb, "case") == 0)
		return xj_case_close(d->st, s, o->finding, d->who, err);
	return xj_review_sign(d->st, s, o->stage, o->level, d->who, err);
}

/* One student's decision, all or nothing; a refusal leaves the others be. */
static int decide_key(void *ctx, const char *key, struct xj_error *err)
{
	struct decide *d = ctx;
	struct xj_student s;
	int rc;

	memset(&s, 0, sizeof(s));
	if (xj_store_savepoint(d->st, "decision", XJ_SP_BEGIN, err) < 0)
		return -1;
	rc = xj_cli_find_student(d->st, key, &s, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "no such student");
	else if (rc > 0)
		rc = one_decision(d, &s, err);
	xj_student_release(&s);
	if (rc == 0) {
		d->done++;
		return xj_store_savepoint(d->st, "decision", XJ_SP_RELEASE, err);
	}
	if (err->code != XJ_EDATA && err->code != XJ_EUSAGE)
		return -1;
	refuse_key(d, key, err);
	xj_error_clear(err);
	return xj_store_savepoint(d->st, "decision", XJ_SP_ROLLBACK, err);
}

static void decide_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct decide *)ctx)->refused++;
}

static int need(const struct opts *o, const char *verb)
{
	if (strcmp(verb, "review") == 0 && (!o->stage || !o->result))
		return xj_diag_usage("review needs --stage and --result");
	if (strcmp(verb, "sign") == 0 && (!o->stage || !o->level))
		return xj_diag_usage("sign needs --stage and --level");
	if (strcmp(verb, "cancel") == 0 && (!o->what || !o->grounds || !o->reason))
		return xj_diag_usage("cancel needs --what, --grounds and --reason");
	if (strcmp(verb, "case") == 0 && (!o->subverb ||
	    (strcmp(o->subverb, "open") == 0 && !o->reason) ||
	    (strcmp(o->subverb, "note") == 0 && !o->note) ||
	    (strcmp(o->subverb, "close") == 0 && !o->finding) ||
	    (strcmp(o->subverb, "open") && strcmp(o->subverb, "note") &&
	     strcmp(o->subverb, "close"))))
		return xj_diag_usage("want: case open --reason TEXT, case note --note TEXT"
				     " or case close --finding F");
	return 0;
}

static int run_decisions(const struct opts *o, const char *verb, int argc, char **argv,
			 int nkeys, char **keys)
{
	struct decide d = { verb, o, NULL, NULL, 0, 0 };
	struct xj_identity id;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_error err;
	int rc = -1;

	xj_error_clear(&err);
	if (need(o, verb))
		return XJ_EXIT_USAGE;
	if (nkeys == 0)
		return xj_diag_usage("which students? give keys, or - for a record stream");
	d.st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &id, &err);
	if (d.st && !id.proven)
		xj_error_set(&err, XJ_EUSAGE, "a %s is a decision: it needs the key of the"
			     " staff member who makes it (see xj-key(1))", verb);
	else if (d.st) {
		d.who = id.user;
		xj_cli_actor(&who, &args, "xj-verify", argc, argv, id.user);
		rc = xj_store_begin(d.st, &who, &err);
		if (rc == 0)
			rc = xj_cli_keys(nkeys, keys, decide_key, decide_bad, &d, &err);
		if (rc == 0 && !o->dry_run && xj_store_changes(d.st))
			rc = xj_store_commit(d.st, &err);
	}
	xj_store_close(d.st);
	if (d.st)
		xj_cli_identity_release(&id);
	xj_sb_release(&args);
	if (rc < 0) {
		xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	}
	if (!o->quiet && o->dry_run)
		xj_diag("%ld decided, %ld refused (dry run: nothing was recorded)", d.done,
			d.refused);
	else if (!o->quiet)
		xj_diag("%ld decided, %ld refused", d.done, d.refused);
	return d.refused ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

/* --- photos: results in ---------------------------------------------------- */

struct photos {
	long read, recorded, unchanged, refused;
};

static int photo_file(struct xj_store *st, const struct xj_intemplate *t,
		      const char *path, struct photos *p, struct xj_error *err)
{
	struct xj_reader_opts ro = { NULL, NULL };
	struct xj_reader *rd = xj_reader_open(path, &ro, err);
	struct xj_record rec;
	int rc;

	if (!rd)
		return -1;
	while ((rc = xj_reader_next(rd, &rec, err)) != 0) {
		if (rc < 0 && err->code != XJ_EDATA)
			break;
		p->read++;
		if (rc > 0)
			rc = xj_photo_row(st, t, &rec, err);
		if (rc < 0 && err->code == XJ_EDATA) {
			snprintf(err->file, sizeof(err->file), "%s", xj_reader_name(rd));
			if (!err->line)
				err->line = rec.line;
			xj_diag_error(err);
			xj_error_clear(err);
			p->refused++;
			continue;
		}
		if (rc < 0)
			break;
		if (rc == 1)
			p->unchanged++;
		else
			p->recorded++;
	}
	xj_reader_free(rd);
	return rc < 0 ? -1 : 0;
}

static int run_photos(const struct opts *o, int argc, char **argv, int nfiles,
		      char **files)
{
	struct photos p = { 0, 0, 0, 0 };
	struct xj_identity id;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_error err;
	struct xj_intemplate *t = NULL;
	struct xj_store *st = NULL;
	int rc = -1, i;

	xj_error_clear(&err);
	if (!o->template || (t = xj_photo_template_load(o->template, &err)) != NULL)
		st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &id, &err);
	if (st) {
		xj_cli_actor(&who, &args, "xj-verify", argc, argv, id.user);
		rc = xj_store_begin(st, &who, &err);
		for (i = 0; rc == 0 && i < (nfiles ? nfiles : 1); i++)
			rc = photo_file(st, t, nfiles ? files[i] : "-", &p, &err);
		if (rc == 0 && !o->dry_run && xj_store_changes(st))
			rc = xj_store_commit(st, &err);
	}
	xj_store_close(st);
	if (st)
		xj_cli_identity_release(&id);
	xj_intemplate_free(t);
	xj_sb_release(&args);
	if (rc < 0) {
		xj_diag_error(&err);
		return xj_error_exit(&err);
	}
	if (!o->quiet && o->dry_run)
		xj_diag("%ld read, %ld recorded, %ld unchanged, %ld refused"
			" (dry run: nothing was recorded)", p.read, p.recorded, p.unchanged,
			p.refused);
	else if (!o->quiet)
		xj_diag("%ld read, %ld recorded, %ld unchanged, %ld refused", p.read,
			p.recorded, p.unchanged, p.refused);
	return p.refused ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

/* --- photos --dup: one picture, two students ------------------------------ */

struct dup {
	struct xj_store *st;
	struct xj_writer *w;
	long matches, problems;
};

/* The student each file is named by, and its fingerprints; a file that
 * names no student, or cannot be read, is reported and left out. */
static int dup_prepare(struct dup *d, struct xj_photo_file *f, struct xj_error *err)
{
	struct xj_student s;
	struct xj_error fe;
	int rc = xj_cli_find_student(d->st, f->key, &s, err);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		xj_diag("%s: no student with key %s", f->path, f->key);
		d->problems++;
		return 0;
	}
	xj_error_clear(&fe);
	rc = xj_photo_print(f->path, &f->print, &fe);
	if (rc != 0) {
		/* undecoded bytes still count for the same-bytes check */
		xj_diag_error(&fe);
		d->problems++;
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
	struct dup *d = ctx;
	struct xj_sb dist = XJ_SB_INIT;
	const char *row[8];
	struct xj_error err;
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
	xj_error_clear(&err);
	rc = xj_writer_row(d->w, row, &err);
	xj_sb_release(&dist);
	if (rc < 0)
		xj_diag_error(&err);
	d->matches++;
	return rc;
}

static const char *const dup_cols[] = { "key", "name", "file", "other_key",
					"other_name", "other_file", "match", "distance" };

static int run_dup(const struct opts *o, int nargs)
{
	struct dup d = { NULL, NULL, 0, 0 };
	struct xj_photo_set set = { NULL, 0, 0 };
	struct xj_error err;
	size_t i;
	int rc = -1;

	if (nargs || o->template)
		return xj_diag_usage("photos --dup takes a folder, not files or a template");
	xj_error_clear(&err);
	d.w = xj_cli_writer(o->format, NULL, 0, 0, &err);
	if (d.w)
		d.st = xj_cli_open(xj_cli_db(o->db), NULL, o->user, NULL, &err);
	if (d.st && xj_photo_scan(o->dup, &set, &err) == 0) {
		xj_writer_columns(d.w, 8, dup_cols);
		for (rc = 0, i = 0; rc == 0 && i < set.n; i++)
			rc = dup_prepare(&d, &set.v[i], &err);
		if (rc == 0)
			rc = xj_photo_matches(&set, o->distance, dup_row, &d);
		if (rc == 0)
			rc = xj_writer_end(d.w, &err);
	}
	xj_photo_set_release(&set);
	xj_writer_free(d.w);
	xj_store_close(d.st);
	if (rc < 0) {
		if (err.code != XJ_OK)
			xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	}
	return d.matches || d.problems ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

/* --- listings: check, status, due --------------------------------------- */

struct listing {
	const struct opts *o;
	const char *verb;
	struct xj_store *st;
	struct xj_writer *w;
	const struct xj_student *s;
	long rows, problems, missing;
	struct xj_error werr;
};

static void row(struct listing *l, const char *const *vals)
{
	if (xj_writer_row(l->w, vals, &l->werr) < 0)
		l->problems = -1000000;   /* reported once at the end */
	l->rows++;
}

static void mismatch(void *ctx, const char *field, const char *source, const char *ours,
		     const char *theirs, const char *where)
{
	struct listing *l = ctx;
	char a[64], b[64];
	const char *vals[7];

	if (!l->o->reveal && xj_mask_wanted(field)) {
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
	row(l, vals);
	l->problems++;
}

static int status_rows(struct listing *l, struct xj_error *err)
{
	static const char *const stages[] = { "arrival", "recheck", "cancel" };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct xj_review r;
		const char *vals[9];
		int found;

		if (l->o->stage && strcmp(l->o->stage, stages[i]) != 0)
			continue;
		memset(&r, 0, sizeof(r));
		found = xj_store_review_latest(l->st, l->s->id, stages[i], &r, err);
		if (found < 0)
			return -1;
		if (!found && i == 2 && !l->o->stage) {   /* no cancellation: no row */
			xj_review_release(&r);
			continue;
		}
		vals[0] = l->s->v[XJ_S_EXAM_NO];
		vals[1] = l->s->v[XJ_S_NAME];
		vals[2] = stages[i];
		vals[3] = found ? r.result : "";
		vals[4] = xj_review_state(&r, found, stages[i]);
		vals[5] = r.reviewer.buf;
		vals[6] = r.confirm.buf;
		vals[7] = r.dept.buf;
		vals[8] = r.leader.buf;
		row(l, vals);
		xj_review_release(&r);
	}
	return 0;
}

static int due_row(struct listing *l, struct xj_error *err)
{
	struct xj_due d;
	char today[11], left[24];
	const char *vals[7];

	if (l->o->as_of)
		snprintf(today, sizeof(today), "%s", l->o->as_of);
	else
		xj_clock_today(today, sizeof(today));
	if (xj_due_recheck(l->st, l->s, today, &d, err) < 0)
		return -1;
	if (d.complete || (l->o->has_within && d.days_left > l->o->within))
		return 0;
	snprintf(left, sizeof(left), "%ld", d.days_left);
	vals[0] = l->s->v[XJ_S_EXAM_NO];
	vals[1] = l->s->v[XJ_S_NAME];
	vals[2] = l->s->v[XJ_S_DEPT];
	vals[3] = d.enrolled;
	vals[4] = d.deadline;
	vals[5] = left;
	vals[6] = d.state;
	row(l, vals);
	if (d.days_left < 0)
		l->problems++;
	return 0;
}

static int case_row(struct listing *l, struct xj_error *err)
{
	struct xj_case c;
	const char *vals[7];
	int found;

	memset(&c, 0, sizeof(c));
	found = xj_store_case_latest(l->st, l->s->id, &c, err);
	if (found > 0 && (!l->o->referred || c.referred)) {
		vals[0] = l->s->v[XJ_S_EXAM_NO];
		vals[1] = l->s->v[XJ_S_NAME];
		vals[2] = c.opened_on.buf;
		vals[3] = c.opened_by.buf;
		vals[4] = c.reason.buf;
		vals[5] = *c.finding.buf ? c.finding.buf : "open";
		vals[6] = c.referred ? "yes" : "no";
		row(l, vals);
	}
	xj_case_release(&c);
	return found < 0 ? -1 : 0;
}

static int list_student(struct listing *l, const struct xj_student *s,
			struct xj_error *err)
{
	l->s = s;
	if (strcmp(l->verb, "cases") == 0)
		return case_row(l, err);
	if (strcmp(l->verb, "check") == 0)
		return xj_crosscheck(l->st, s, mismatch, l, err) < 0 ? -1 : 0;
	if (strcmp(l->verb, "status") == 0)
		return status_rows(l, err);
	return due_row(l, err);
}

static int list_key(void *ctx, const char *key, struct xj_error *err)
{
	struct listing *l = ctx;
	struct xj_student s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = xj_cli_find_student(l->st, key, &s, err);
	if (rc == 0) {
		xj_diag("no student with key %s", key);
		l->missing++;
	} else if (rc > 0) {
		rc = list_student(l, &s, err);
	}
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

static void list_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct listing *)ctx)->missing++;
}

static int list_all(struct listing *l, struct xj_error *err)
{
	struct xj_student s;
	int rc;

	if (xj_store_query_begin(l->st, &l->o->q, err) < 0)
		return -1;
	while ((rc = xj_store_query_next(l->st, &s, err)) == 1) {
		struct xj_sb key = XJ_SB_INIT;

		xj_sb_adds(&key, s.v[XJ_S_EXAM_NO]);
		xj_student_release(&s);
		rc = list_key(l, key.buf, err);
		xj_sb_release(&key);
		if (rc < 0)
			return -1;
	}
	return rc;
}

static const char *const check_cols[] = { "exam_no", "name", "field", "source",
					  "roster", "value", "where" };
static const char *const status_cols[] = { "exam_no", "name", "stage", "result", "state",
					   "reviewer", "confirmed_by", "dept_head", "leader" };
static const char *const case_cols[] = { "exam_no", "name", "opened", "opened_by",
					 "reason", "finding", "referred" };
static const char *const due_cols[] = { "exam_no", "name", "dept", "enrolled",
					"deadline", "days_left", "state" };

static int run_listing(const struct opts *o, const char *verb, int nkeys, char **keys)
{
	struct listing l;
	struct xj_error err;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	l.o = o;
	l.verb = verb;
	xj_error_clear(&err);
	if (strcmp(verb, "due") == 0 && nkeys)
		return xj_diag_usage("due takes filters, not keys");
	l.w = xj_cli_writer(o->format, NULL, 0, 0, &err);
	if (l.w)
		l.st = xj_cli_open(xj_cli_db(o->db), NULL, o->user, NULL, &err);
	if (l.st) {
		if (strcmp(verb, "check") == 0)
			xj_writer_columns(l.w, 7, check_cols);
		else if (strcmp(verb, "status") == 0)
			xj_writer_columns(l.w, 9, status_cols);
		else if (strcmp(verb, "cases") == 0)
			xj_writer_columns(l.w, 7, case_cols);
		else
			xj_writer_columns(l.w, 7, due_cols);
		rc = nkeys ? xj_cli_keys(nkeys, keys, list_key, list_bad, &l, &err) :
			list_all(&l, &err);
		if (rc == 0)
			rc = xj_writer_end(l.w, &err);
		if (rc == 0 && l.problems < 0)
			rc = -1, err = l.werr;
	}
	xj_writer_free(l.w);
	xj_store_close(l.st);
	if (rc < 0) {
		xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	}
	return l.problems || l.missing ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct opts o;
	const char *verb;
	int rc;

	memset(&o, 0, sizeof(o));
	o.distance = 8;
	xj_cli_start(&argc, argv);
	rc = parse(argc, argv, &o);
	verb = optind < argc ? argv[optind] : NULL;
	if (rc == 0 && !verb)
		rc = xj_diag_usage("no command given");
	if (rc == 0 && strcmp(verb, "check") && strcmp(verb, "status") && strcmp(verb, "due") &&
	    strcmp(verb, "review") && strcmp(verb, "confirm") && strcmp(verb, "sign") &&
	    strcmp(verb, "case") && strcmp(verb, "cancel") && strcmp(verb, "cases") &&
	    strcmp(verb, "photos"))
		rc = xj_diag_usage("unknown command '%s'", verb);
	if (rc == 0) {
		int nkeys = argc - optind - 1;
		char **keys = argv + optind + 1;

		if (strcmp(verb, "case") == 0 && nkeys > 0) {
			o.subverb = keys[0];
			keys++;
			nkeys--;
		}
		if (strcmp(verb, "photos") == 0 && o.dup)
			rc = run_dup(&o, nkeys);
		else if (strcmp(verb, "photos") == 0)
			rc = run_photos(&o, argc, argv, nkeys, keys);
		else if (!strcmp(verb, "check") || !strcmp(verb, "status") ||
			 !strcmp(verb, "due") || !strcmp(verb, "cases"))
			rc = run_listing(&o, verb, nkeys, keys);
		else
			rc = run_decisions(&o, verb, argc, argv, nkeys, keys);
	} else if (rc < 0) {
		rc = XJ_EXIT_OK;
	}
	free(o.items);
	return xj_diag_close_stdout(rc);
}
