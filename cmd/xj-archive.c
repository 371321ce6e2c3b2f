/* xj-archive: the student archive (学籍档案).  Items collected, checked by
 * a second person, filed; the paper file lent, returned, transferred
 * (P18, P19); electronic copies kept by their content, checked for fixity,
 * exported and verified as BagIt bags (P20). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/infile.h"
#include "xj/archive.h"
#include "xj/archivebag.h"
#include "xj/bagit.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/fixity.h"
#include "xj/i18n.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-archive collect --item kind [--paper [--location text]] [--file path]...\n"
"                 [-nq] [-d db] [-u name] [--key file] key\n"
"       xj-archive check [--item kind] [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-archive file --location text [-nq] [-d db] [-u name] [--key file] key ... | -\n"
"       xj-archive lend --to name --reason text [--days n] [-nq] [-d db] [-u name]\n"
"                 [--key file] key\n"
"       xj-archive return [-nq] [-d db] [-u name] [--key file] key\n"
"       xj-archive transfer --to receiver --how how [--tracking no] [-nq] [-d db]\n"
"                 [-u name] [--key file] key ... | -\n"
"       xj-archive status [--as-of date] [-d db] [output] [filters] [key ... | -]\n"
"       xj-archive fixity [--sample n] [-nq] [-d db] [-u name] [--key file] [output]\n"
"       xj-archive export --bag dir [-nq] [-d db] [-u name] [--key file] [filters]\n"
"                 [key ... | -]\n"
"       xj-archive verify dir ...\n"
"\n"
"  collect   an item received: paper, an electronic copy, or both (P18)\n"
"  check     the items checked against the records by a second person (P19)\n"
"  file      the checked items identified and filed (鉴别归档, P18)\n"
"  lend      the paper file lent: to whom, why, until when (P19)\n"
"  return    the paper file back\n"
"  transfer  the paper file handed over (转送移交, P18)\n"
"  status    what is missing at each stage passed, what is lent and overdue\n"
"  fixity    the electronic copies hashed again (P20)\n"
"  export    a BagIt bag of students' archives (P20)\n"
"  verify    is a bag complete and valid (RFC 8493)?\n"
"  Every verb but status and verify is the archivist's, with their key.\n"
"\n"
"  -d, --db PATH        the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS   wait that long for another writer (default 600)\n"
"  -u, --user NAME      the staff member acting (the key's holder)\n"
"      --key FILE       the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run        check everything, record nothing\n"
"  -q, --quiet          no summary\n"
"  output: -f, --format FMT (csv, tsv, yaml, json, xlsx), -o, --output FILE,\n"
"          --lang zh|en, --encoding ENC, --excel   (xj(1), COMMON OPTIONS)\n"
"      --item KIND      the kind of item (xj-config(5), archive)\n"
"      --paper          collect: the paper item was received\n"
"      --location TEXT  where the paper sits\n"
"      --file PATH      collect: an electronic copy (PDF, JPEG, PNG, TIFF)\n"
"      --to NAME        lend: the borrower; transfer: the receiver\n"
"      --reason TEXT    lend: why\n"
"      --days N         lend: for how many days (default: the config's)\n"
"      --how TEXT       transfer: post, courier, by hand, ...\n"
"      --tracking NO    transfer: the tracking number\n"
"      --as-of DATE     status: as of DATE (default today)\n"
"      --sample N       fixity: N files drawn at random (default all)\n"
"      --bag DIR        export: the new bag's folder\n"
"      --cohort YEAR, --dept DEPT   filters of the students\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n");

/* The program's own options; -d, --key, -u, -n, -q, -f, -o, --as-of and
 * the rest that every program shares are the frame's (xj(1)). */
struct opts {
	const char *item, *location, *to, *reason, *how, *tracking, *bag;
	const char **files;
	size_t nfiles;
	long days, sample;
	int paper;
	struct xj_query q;
};

static struct opts opts;

enum {
	O_ITEM = 256, O_PAPER, O_LOCATION, O_FILE, O_TO, O_REASON, O_DAYS, O_HOW,
	O_TRACKING, O_SAMPLE, O_BAG, O_COHORT, O_DEPT
};

static const struct xj_opt own_opts[] = {
	{ "bag", 1, O_BAG }, { "cohort", 1, O_COHORT }, { "days", 1, O_DAYS },
	{ "dept", 1, O_DEPT }, { "file", 1, O_FILE }, { "how", 1, O_HOW },
	{ "item", 1, O_ITEM }, { "location", 1, O_LOCATION }, { "paper", 0, O_PAPER },
	{ "reason", 1, O_REASON }, { "sample", 1, O_SAMPLE }, { "to", 1, O_TO },
	{ "tracking", 1, O_TRACKING }, { NULL, 0, 0 },
};

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long v;

	switch (c) {
	case O_ITEM: o->item = arg; break;
	case O_PAPER: o->paper = 1; break;
	case O_LOCATION: o->location = arg; break;
	case O_FILE:
		o->files = xj_xreallocarray(o->files, o->nfiles + 1, sizeof(char *));
		o->files[o->nfiles++] = arg;
		xj_infile_ahead(arg);   /* read before the lock */
		break;
	case O_TO: o->to = arg; break;
	case O_REASON: o->reason = arg; break;
	case O_HOW: o->how = arg; break;
	case O_TRACKING: o->tracking = arg; break;
	case O_BAG: o->bag = arg; break;
	case O_DEPT: o->q.dept = arg; break;
	case O_DAYS:   /* a loan is as long as the configuration's may be, at most */
		if (xj_cli_number(arg, 1, 365, &v) < 0)
			return xj_diag_usage("--days wants a number of days from 1 to 365, not '%s'",
					     arg);
		o->days = v;
		break;
	case O_SAMPLE:
		if (xj_cli_number(arg, 1, 1000000, &v) < 0)
			return xj_diag_usage("--sample wants a number, not '%s'", arg);
		o->sample = v;
		break;
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->q.cohort = (int)v;
		break;
	}
	return 0;
}

/* --- the steps ----------------------------------------------------------------- */

static int one_step(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	const struct opts *o = &opts;
	const char *who = r->id.user;
	struct xj_error *err = &r->err;
	const char *v = r->verb->name;

	(void)ctx;
	if (!strcmp(v, "collect")) {
		struct xj_archive_in in = { .kind = o->item, .paper = o->paper,
			.location = o->location, .files = o->files, .nfiles = o->nfiles };

		return xj_archive_collect(r->st, s, &in, who, err);
	}
	if (!strcmp(v, "check"))
		return xj_archive_check(r->st, s, o->item, who, err) < 0 ? -1 : 0;
	if (!strcmp(v, "file"))
		return xj_archive_file(r->st, s, o->location, who, err);
	if (!strcmp(v, "lend"))
		return xj_archive_lend(r->st, s, o->to, o->reason, (int)o->days, who, err);
	if (!strcmp(v, "return"))
		return xj_archive_return(r->st, s, who, err);
	return xj_archive_transfer(r->st, s, o->to, o->how, o->tracking, who, err);
}

static int need(const struct opts *o, const char *v, int nargs)
{
	if (!nargs)
		return xj_diag_usage("which students? give keys, or - for a record stream");
	if (!strcmp(v, "collect") && (!o->item || nargs != 1))
		return xj_diag_usage("collect takes one student and --item KIND");
	if (!strcmp(v, "file") && !o->location)
		return xj_diag_usage("file needs --location");
	if (!strcmp(v, "lend") && (!o->to || !o->reason || nargs != 1))
		return xj_diag_usage("lend takes one student, --to and --reason");
	if (!strcmp(v, "return") && nargs != 1)
		return xj_diag_usage("return takes one student");
	if (!strcmp(v, "transfer") && (!o->to || !o->how))
		return xj_diag_usage("transfer needs --to and --how");
	return 0;
}

static int run_steps(struct xj_run *r, int nargs, char **args)
{
	int rc = need(&opts, r->verb->name, nargs);

	if (rc)
		return rc;
	r->q = &opts.q;
	rc = xj_cmdrun_each_change(r, nargs, args, one_step, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("done"));
	return rc;
}

/* --- status ---------------------------------------------------------------------- */

static const char *const status_cols[] = { "exam_no", "name", "passed", "missing",
	"unchecked", "transferred_to", "lent_to", "due", "overdue" };

static int status_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct xj_archive_state *a = ctx;
	struct xj_sb passed = XJ_SB_INIT;
	const char *vals[9];
	char day[11];
	int rc;

	xj_cmdverbs_today(r, day);
	rc = xj_archive_status(r->st, s, day, a, &r->err);
	xj_archive_passed(a, &passed);
	vals[0] = s->v[XJ_S_EXAM_NO];
	vals[1] = s->v[XJ_S_NAME];
	vals[2] = passed.buf;
	vals[3] = a->missing.buf;
	vals[4] = a->unchecked.buf;
	vals[5] = a->custody.moved_to.buf;
	vals[6] = a->custody.lent_to.buf;
	vals[7] = a->custody.due.buf;
	vals[8] = a->overdue ? "yes" : "";
	if (rc == 0)
		rc = xj_writer_row(r->w, vals, &r->err);
	if (rc == 0 && xj_archive_wanting(a))
		r->failed++;
	xj_sb_release(&passed);
	return rc;
}

static int run_status(struct xj_run *r, int nargs, char **args)
{
	struct xj_archive_state a;
	int rc = 0;

	memset(&a, 0, sizeof(a));
	r->q = &opts.q;
	if (!xj_cmdrun_writer(r, 9, status_cols))
		return -1;
	rc = xj_cmdrun_each_student(r, nargs, args, status_one, &a);
	xj_archive_state_release(&a);
	return rc;
}

/* --- fixity (P20) ------------------------------------------------------------------ */

static const char *const fixity_cols[] = { "sha256", "size", "result" };

/* A copy missing or altered, listed. */
static int fixity_bad(void *ctx, const char *sha, long size, const char *result)
{
	struct xj_run *r = ctx;
	char sz[24];
	const char *vals[3];

	snprintf(sz, sizeof(sz), "%ld", size);
	vals[0] = sha;
	vals[1] = sz;
	vals[2] = result;
	return xj_writer_row(r->w, vals, &r->err) < 0;
}

static int run_fixity(struct xj_run *r, int nargs, char **args)
{
	struct xj_archive_rules rules;
	struct xj_fixity_tally t = { 0, 0, 0 };
	const struct xj_fixity_cb cb = { fixity_bad, r };
	int rc;

	(void)args;
	if (nargs)
		return xj_diag_usage("fixity checks the whole archive: no students");
	rc = xj_fixity_root(r->st, &rules, &r->err);
	if (rc == 0 && !xj_cmdrun_writer(r, 3, fixity_cols))
		rc = -1;
	if (rc == 0)
		rc = xj_fixity_archive(r->st, rules.root, opts.sample, &cb, &t, &r->err);
	r->failed = t.missing + t.altered;
	if (rc == 0 && !r->c->quiet)
		xj_diag("%ld files checked: %ld ok, %ld missing, %ld altered",
			t.ok + t.missing + t.altered, t.ok, t.missing, t.altered);
	return rc;
}

/* --- export: a BagIt bag (P20) ---------------------------------------------------- */

static int bag_student(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	return xj_archivebag_student(ctx, r->st, s, &r->err);
}

/* Each student in a savepoint of its own (the frame's walk): one refused
 * is named and leaves nothing in the bag. */
static int run_export(struct xj_run *r, int nargs, char **args)
{
	struct xj_archivebag *b;
	long students;
	int rc;

	r->q = &opts.q;
	if (!opts.bag)
		return xj_diag_usage("export needs --bag DIR");
	if (!(b = xj_archivebag_begin(r->st, opts.bag, &r->err)))
		return -1;
	rc = xj_cmdrun_each_change(r, nargs, args, bag_student, b);
	students = xj_archivebag_students(b);
	/* a bag of nobody is no transfer: none is made, and it fails */
	if (rc == 0 && !students) {
		xj_diag(_("%s: no bag made: no student could be bagged"), opts.bag);
		r->failed++;
		xj_archivebag_free(b);
		return 0;
	}
	if (rc == 0)
		rc = xj_archivebag_finish(b, r->st, opts.q.cohort, r->refused, &r->err);
	xj_archivebag_free(b);
	if (rc == 0 && !r->c->quiet)
		xj_diag(ngettext("%s: a bag of %ld student", "%s: a bag of %ld students",
				 (unsigned long)students), opts.bag, students);
	return rc;
}

/* --- verify -------------------------------------------------------------------------- */

static void say_problem(void *ctx, int warning, const char *text)
{
	if (warning)
		xj_diag("warning: %s: %s", (const char *)ctx, text);
	else
		xj_diag("%s: %s", (const char *)ctx, text);
}

static int run_verify(struct xj_run *r, int nargs, char **args)
{
	long files, n;
	int i;

	if (!nargs)
		return xj_diag_usage("verify takes the folders of bags");
	for (i = 0; i < nargs; i++) {
		n = xj_bagit_verify(args[i], say_problem, args[i], &files, &r->err);
		if (n < 0)
			return -1;
		if (n == 0)
			printf(ngettext("%s: a valid bag, %ld payload file\n",
					"%s: a valid bag, %ld payload files\n", (unsigned long)files),
			       args[i], files);
		else
			r->failed++;
	}
	return 0;
}

#define STEP (XJ_V_STORE | XJ_V_WRITES)
#define AR XJ_ROLE_ARCHIVIST

static const struct xj_verb verbs[] = {
	{ "collect", run_steps, STEP, AR, "item paper location file", NULL },
	{ "check", run_steps, STEP | XJ_V_DECISION, AR, "item", NULL },
	{ "file", run_steps, STEP, AR, "location", NULL },
	{ "lend", run_steps, STEP, AR, "to reason days", NULL },
	{ "return", run_steps, STEP, AR, "", NULL },
	{ "transfer", run_steps, STEP, AR, "to how tracking", NULL },
	{ "status", run_status, XJ_V_STORE | XJ_V_LIST | XJ_V_ASOF, 0, "cohort dept", NULL },
	{ "fixity", run_fixity, STEP | XJ_V_LIST, AR, "sample", NULL },
	{ "export", run_export, STEP, AR, "bag cohort dept", NULL },
	{ "verify", run_verify, 0, 0, "", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-archive", usage_text, verbs, own_opts, own_option, &opts, NULL
	};
	int rc;

	rc = xj_cmdrun_main(&prog, argc, argv);
	free(opts.files);
	return rc;
}
