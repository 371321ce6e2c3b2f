/* xj-archive: the student archive (学籍档案).  Items collected, checked by
 * a second person, filed; the paper file lent, returned, transferred
 * (P18, P19); electronic copies kept by their content, checked for fixity,
 * exported and verified as BagIt bags (P20). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xj/infile.h"
#include "xj/archive.h"
#include "xj/bagit.h"
#include "xj/clock.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/fixity.h"
#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/sha256.h"
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
	case O_DAYS:
	case O_SAMPLE:
		if (xj_cli_number(arg, 1, 1000000, &v) < 0)
			return xj_diag_usage("--%s wants a number, not '%s'",
					     c == O_DAYS ? "days" : "sample", arg);
		*(c == O_DAYS ? &o->days : &o->sample) = v;
		break;
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->q.cohort = (int)v;
		break;
	}
	return 0;
}

/* Today, or --as-of. */
static void today(const struct xj_run *r, char out[11])
{
	if (r->c->has_as_of)
		snprintf(out, 11, "%s", r->c->as_of);
	else
		xj_clock_today(out, 11);
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
	rc = xj_run_each_change(r, nargs, args, one_step, NULL);
	if (rc == 0)
		xj_run_say_done(r, N_("done"));
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
	int i, rc;

	today(r, day);
	rc = xj_archive_status(r->st, s, day, a, &r->err);
	xj_sb_adds(&passed, "");
	for (i = 0; i < 4; i++)
		if (a->passed[i])
			xj_sb_addf(&passed, "%s%s", passed.len ? "," : "", xj_archive_stages[i]);
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
	if (rc == 0 && (a->missing.len || a->overdue))
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
	if (!xj_run_writer(r, 9, status_cols))
		return -1;
	rc = xj_run_each_student(r, nargs, args, status_one, &a);
	xj_archive_state_release(&a);
	return rc;
}

/* --- fixity (P20) ------------------------------------------------------------------ */

struct fixrun {
	struct xj_run *r;
	struct xj_archive_rules rules;
	struct xj_sb path;
	long ok, missing, altered;
};

static const char *const fixity_cols[] = { "sha256", "size", "result" };

static int fixity_one(void *ctx, const char *sha, long size)
{
	struct fixrun *f = ctx;
	struct xj_run *r = f->r;
	struct stat sb;
	char hex[65], sz[24];
	const char *result;
	const char *vals[3];
	struct xj_error e;

	xj_archive_path(f->rules.root, sha, &f->path);
	if (stat(f->path.buf, &sb) < 0)
		result = "missing";
	else if (xj_sha256_file(f->path.buf, hex, &e) < 0 || strcmp(hex, sha) != 0)
		result = "altered";
	else
		result = "ok";
	if (xj_store_fixity_add(r->st, sha, result, &r->err) < 0)
		return 1;
	if (!strcmp(result, "ok")) {
		f->ok++;
		return 0;
	}
	*(strcmp(result, "missing") ? &f->altered : &f->missing) += 1;
	snprintf(sz, sizeof(sz), "%ld", size);
	vals[0] = sha;
	vals[1] = sz;
	vals[2] = result;
	return xj_writer_row(r->w, vals, &r->err) < 0;
}

static int run_fixity(struct xj_run *r, int nargs, char **args)
{
	struct fixrun f;
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	(void)args;
	memset(&f, 0, sizeof(f));
	f.r = r;
	if (nargs)
		return xj_diag_usage("fixity checks the whole archive: no students");
	rc = xj_store_archive_rules(r->st, &f.rules, &r->err);
	if (rc == 0 && !*f.rules.root)
		rc = xj_error_set(&r->err, XJ_EUSAGE, "the config names no archive root");
	if (rc == 0 && !xj_run_writer(r, 3, fixity_cols))
		rc = -1;
	if (rc == 0)
		rc = xj_store_archived_files(r->st, opts.sample, fixity_one, &f, &r->err);
	if (rc == 0 && r->err.code)
		rc = -1;
	xj_jw_object_begin(&json);
	xj_jw_object_int(&json, "checked", f.ok + f.missing + f.altered);
	xj_jw_object_int(&json, "ok", f.ok);
	xj_jw_object_int(&json, "missing", f.missing);
	xj_jw_object_int(&json, "altered", f.altered);
	xj_jw_end(&json);
	if (rc == 0)
		rc = xj_store_audit(r->st, 0, "archive-fixity", NULL, json.json.buf, &r->err);
	r->failed = f.missing + f.altered;
	if (rc == 0 && !r->c->quiet)
		xj_diag("%ld files checked: %ld ok, %ld missing, %ld altered",
			f.ok + f.missing + f.altered, f.ok, f.missing, f.altered);
	xj_sb_release(&f.path);
	xj_jw_release(&json);
	return rc;
}

/* --- export: a BagIt bag (P20) ---------------------------------------------------- */

struct bagrun {
	struct xj_bag *bag;
	struct xj_archive_rules rules;
	struct xj_sb yaml, path, name;
	const struct xj_student *s;
	struct xj_error *err;
	long students;
	int rc;
};

static void yaml_pair(struct xj_sb *y, const char *indent, const char *k, const char *v)
{
	xj_sb_addf(y, "%s%s: ", indent, k);
	xj_sb_add_json(y, v ? v : "");
	xj_sb_addc(y, '\n');
}

static const char *ext_of(const char *media)
{
	return !strcmp(media, "application/pdf") ? "pdf" : !strcmp(media, "image/png") ? "png" :
	       !strcmp(media, "image/tiff") ? "tif" : "jpg";
}

/* The name of an item's copy in the bag: from the key, the kind and the
 * item's number, never from what the user gave. */
static void bag_name(struct bagrun *b, const char *kind, long long id, const char *media)
{
	xj_sb_reset(&b->name);
	xj_sb_addf(&b->name, "%s/%s-%lld.%s", b->s->v[XJ_S_EXAM_NO], kind, id,
		   ext_of(media ? media : ""));
}

static int bag_holding(void *ctx, const struct xj_holding *h)
{
	struct bagrun *b = ctx;

	xj_sb_addf(&b->yaml, "  - kind: %s\n", h->kind);
	yaml_pair(&b->yaml, "    ", "collected", h->on);
	yaml_pair(&b->yaml, "    ", "by", h->by);
	yaml_pair(&b->yaml, "    ", "checked_by", h->checked_by);
	yaml_pair(&b->yaml, "    ", "filed_at", h->filed_at);
	if (h->paper) {
		yaml_pair(&b->yaml, "    ", "paper_at", h->location);
		return 0;
	}
	bag_name(b, h->kind, h->id, h->media);
	yaml_pair(&b->yaml, "    ", "file", b->name.buf);
	yaml_pair(&b->yaml, "    ", "sha256", h->sha256);
	return 0;
}

/* A copy goes in only as it was collected: its row as the log recorded
 * it, and its bytes, hashed as they are copied, those of its SHA-256.
 * Anything else refuses the student (P20). */
static int bag_copy(void *ctx, const struct xj_kept *k)
{
	struct bagrun *b = ctx;
	struct stat sb;
	int rc;

	b->rc = xj_fixity_logged(k, b->err);
	if (b->rc == 0 && !*b->rules.root)
		b->rc = xj_error_set(b->err, XJ_EDATA, "the config names no archive root");
	if (b->rc == 0 && !xj_fixity_is_sha256(k->sha256))
		b->rc = xj_fixity_altered(k, b->err);
	if (b->rc == 0) {
		bag_name(b, k->kind, k->id, k->media);
		xj_archive_path(b->rules.root, k->sha256, &b->path);
		if (stat(b->path.buf, &sb) < 0 && errno == ENOENT)
			b->rc = xj_fixity_missing(k, b->path.buf, b->err);
	}
	if (b->rc == 0) {
		rc = xj_bag_add_copy(b->bag, b->name.buf, b->path.buf, k->sha256, b->err);
		b->rc = rc > 0 ? xj_fixity_altered(k, b->err) : rc;
	}
	return b->rc < 0;
}

/* The evidence of the student's change requests, kept in the store, as
 * it was kept: named by the request and the file's number, its type by
 * its content. */
static int bag_evidence(void *ctx, const struct xj_kept *k)
{
	struct bagrun *b = ctx;
	const char *ext = "bin";

	b->rc = xj_fixity_logged(k, b->err);
	if (b->rc == 0)
		b->rc = xj_fixity_bytes(k, "", b->err);
	if (b->rc < 0)
		return 1;
	if (!xj_media_sniff(k->data, (size_t)k->len, &ext))
		ext = "bin";
	xj_sb_reset(&b->name);
	xj_sb_addf(&b->name, "%s/change-%lld-evidence-%lld.%s", b->s->v[XJ_S_EXAM_NO],
		   k->request, k->id, ext);
	b->rc = xj_bag_add_bytes(b->bag, b->name.buf, k->len ? k->data : "", (size_t)k->len,
				 b->err);
	return b->rc < 0;
}

static int bag_history(void *ctx, const struct xj_log_entry *e)
{
	struct bagrun *b = ctx;

	xj_sb_addf(&b->yaml, "  - at: %s\n", e->at);
	yaml_pair(&b->yaml, "    ", "by", *e->user ? e->user : e->login);
	yaml_pair(&b->yaml, "    ", "program", e->program);
	yaml_pair(&b->yaml, "    ", "action", e->action);
	if (*e->old_json)
		yaml_pair(&b->yaml, "    ", "old", e->old_json);
	if (*e->new_json)
		yaml_pair(&b->yaml, "    ", "new", e->new_json);
	return 0;
}

static void bag_record(struct bagrun *b, const struct xj_student *s)
{
	int i;

	xj_sb_reset(&b->yaml);
	xj_sb_adds(&b->yaml, "# the student's record, archive items and history (xj-archive)\n");
	for (i = 0; i < XJ_S_COUNT; i++)
		if (s->v[i])
			yaml_pair(&b->yaml, "", xj_student_field(i), s->v[i]);
	xj_sb_addf(&b->yaml, "cohort: %d\n", s->cohort);
	yaml_pair(&b->yaml, "", "status", s->status);
}

/* One student: the files, and data/KEY/record.yaml (the record, the items,
 * the history).  A student refused (a file not as it was kept) leaves
 * nothing in the bag: what was added for them is taken out again. */
static int bag_student(struct xj_run *xr, const struct xj_student *s, void *ctx)
{
	struct bagrun *b = ctx;
	struct xj_log_filter lf;
	struct xj_bag_mark mark;
	int rc;

	b->s = s;
	b->rc = 0;
	b->err = &xr->err;
	xj_bag_mark(b->bag, &mark);
	bag_record(b, s);
	xj_sb_adds(&b->yaml, "items:\n");
	rc = xj_store_holding_each(xr->st, s->id, bag_holding, b, &xr->err);
	memset(&lf, 0, sizeof(lf));
	lf.student = s->v[XJ_S_EXAM_NO];
	xj_sb_adds(&b->yaml, "history:\n");
	if (rc == 0)
		rc = xj_store_log_each(xr->st, &lf, bag_history, b, &xr->err);
	if (rc == 0)
		rc = xj_store_kept_copies(xr->st, s->id, bag_copy, b, &xr->err);
	if (rc == 0 && b->rc == 0)
		rc = xj_store_kept_evidence(xr->st, s->id, bag_evidence, b, &xr->err);
	if (rc == 0 && b->rc < 0)
		rc = -1;
	xj_sb_reset(&b->name);
	xj_sb_addf(&b->name, "%s/record.yaml", s->v[XJ_S_EXAM_NO]);
	if (rc == 0)
		rc = xj_bag_add_bytes(b->bag, b->name.buf, b->yaml.buf, b->yaml.len, &xr->err);
	if (rc == 0)
		b->students++;
	else
		xj_bag_drop(b->bag, &mark);
	return rc;
}

static int export_body(struct xj_run *r, struct bagrun *b, int nargs, char **args)
{
	struct xj_sb school = XJ_SB_INIT, id = XJ_SB_INIT;
	struct xj_jw json = XJ_JW_INIT;
	struct xj_diploma_rules d;
	char day[11];
	int rc = xj_store_archive_rules(r->st, &b->rules, &r->err);

	xj_clock_today(day, sizeof(day));
	if (rc == 0)
		rc = xj_store_school(r->st, &school, &r->err);
	if (rc == 0)
		rc = xj_store_diploma_rules(r->st, &d, &r->err);
	if (rc == 0 && !(b->bag = xj_bag_begin(opts.bag, &r->err)))
		rc = -1;
	if (rc == 0)
		rc = xj_run_each_change(r, nargs, args, bag_student, b);
	if (rc == 0 && opts.q.cohort)
		xj_sb_addf(&id, "xj:%s:cohort-%d:%s", d.school, opts.q.cohort, day);
	else if (rc == 0)
		xj_sb_addf(&id, "xj:%s:students:%s", d.school, day);
	if (rc == 0) {
		rc = xj_bag_finish(b->bag, school.buf, day, id.buf, &r->err);
		b->bag = NULL;
	}
	xj_jw_object_begin(&json);
	xj_jw_object_string(&json, "bag", opts.bag);
	xj_jw_object_int(&json, "students", b->students);
	xj_jw_object_int(&json, "refused", r->refused);
	xj_jw_end(&json);
	if (rc == 0)
		rc = xj_store_audit(r->st, 0, "archive-export", NULL, json.json.buf, &r->err);
	xj_bag_abort(b->bag);
	xj_sb_release(&school);
	xj_sb_release(&id);
	xj_jw_release(&json);
	return rc;
}

static int run_export(struct xj_run *r, int nargs, char **args)
{
	struct bagrun b;
	int rc;

	memset(&b, 0, sizeof(b));
	r->q = &opts.q;
	if (!opts.bag)
		return xj_diag_usage("export needs --bag DIR");
	rc = export_body(r, &b, nargs, args);
	if (rc == 0 && !r->c->quiet)
		xj_diag(ngettext("%s: a bag of %ld student", "%s: a bag of %ld students",
				 (unsigned long)b.students), opts.bag, b.students);
	xj_sb_release(&b.yaml);
	xj_sb_release(&b.path);
	xj_sb_release(&b.name);
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
		n = xj_bag_verify(args[i], say_problem, args[i], &files, &r->err);
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

	rc = xj_cmd_main(&prog, argc, argv);
	free(opts.files);
	return rc;
}
