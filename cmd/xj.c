/* xj: create a store, load the config, ask questions, read the audit log,
 * and run the other xj-NAME programs as `xj NAME`. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/audit.h"
#include "xj/chsi.h"
#include "xj/cli.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/dates.h"
#include "xj/diag.h"
#include "xj/fixity.h"
#include "xj/i18n.h"
#include "xj/infile.h"
#include "xj/jsonw.h"
#include "xj/mask.h"
#include "xj/replay.h"
#include "xj/restore.h"
#include "xj/rows.h"
#include "xj/trust.h"
#include "xj/witness.h"
#include "xj/nameform.h"
#include "xj/names.h"
#include "xj/reader.h"
#include "xj/writer.h"
#include "xj/logcheck.h"

static const char usage_text[] = N_(
"usage: xj [-hV] command [args]\n"
"\n"
"  xj init [-q] [-d db] [--group NAME]        create a store (shared by group NAME)\n"
"  xj config load [-nq] [-d db] [-u name] [--key file] file  load the school's config\n"
"  xj config approve [-q] [-d db] [-u name] [--key file] N   approve proposal N\n"
"  xj config proposals [-d db] [output]       list the proposals waiting\n"
"  xj config show [-d db]                     print the config in force\n"
"  xj query [options] [key ... | -]           select students, print records\n"
"  xj log [options]                           print or verify the audit log\n"
"  xj backup [-q] [-d db] [-u name] [--key file] FILE      a checked copy of the store\n"
"  xj backup [-q] [-d db] [-u name] [--key file] --keep N DIR  dated copies, N kept\n"
"  xj restore [-q] [-d db] [-u name] [--key file] FILE     put a checked copy in place\n"
"  xj NAME [args]                             run xj-NAME (import, ...)\n"
"  config load and approve, backup and restore are an admin's, with their key.\n"
"\n"
"every command (xj(1), COMMON OPTIONS):\n"
"  -d, --db PATH       the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS  wait that long for another writer (default 600)\n"
"      --allow-network-fs  open a store on NFS or SMB all the same (unsafe)\n"
"      --key FILE      the acting staff member's private key (default $XJ_KEY,\n"
"                      else ~/.config/xj/key when it exists); see xj-key(1)\n"
"  -u, --user NAME     the staff member acting (the key's holder)\n"
"  -n, --dry-run       config load: check and say what it would do\n"
"  -q, --quiet         no summary\n"
"  output: -f, --format FMT (csv, tsv, yaml, json, xlsx), -o, --output FILE,\n"
"          --lang zh|en, --encoding ENC, --excel\n"
"query options:\n"
"      --cohort YEAR   --dept DEPT  --major MAJOR  --class CLASS  --status S\n"
"      --student KEY   a student's exam_no, student_no or id_number\n"
"      --fields LIST   the columns to print, comma-separated\n"
"      --reveal        show ID and phone numbers unmasked (audited: needs a key)\n"
"      --diff chsi     where the store and CHSI's newest student list differ\n"
"      --ignore LIST   --diff: fields left out of the comparison, comma-separated\n"
"      --for SYSTEM    a list for chsi or admission: names as that system gets them\n"
"      --raw           write values beginning with = + - @ as they are, not after '\n"
"log options:\n"
"      --head          print the head of the log (N:HASH) to keep elsewhere\n"
"      --verify --since N:HASH   also check the log still holds that head\n"
"      --student KEY  --program NAME  --since DATE  --until DATE\n"
"      --by NAME       entries by this staff member or login name\n"
"      --verify        check the hash chain; exit 1 naming the first bad entry\n"
"      --verify --files  also hash again every archived copy and evidence file\n"
"      --verify --witness FILE...  also check the heads people saw (heads files,\n"
"                      or N:HASH lines) are still in the log\n"
"      --reveal, --raw as for query\n"
"backup options:\n"
"      --keep N        keep the N newest copies in DIR\n"
"init options:\n"
"      --group NAME    the store's directory and files for the Unix group NAME\n"
"\n"
"See xj(1) and xj(7).\n");

/* The program's own options, and the common ones copied from the frame
 * (xj_cmdrun_main) for the verbs below. */
struct opts {
	const char *db, *user, *format, *fields, *encoding, *diff, *forsys, *key;
	unsigned long ignore;   /* query --diff --ignore: fields (bit i; status last) */
	const char *group;   /* xj init --group */
	long keep;
	int dry_run, quiet, reveal, lang_zh, verify, excel, head, raw;
	int files;           /* log --verify --files */
	int witness;         /* log --verify --witness FILE... */
	struct xj_query q;
	struct xj_log_filter lf;
};

static struct opts opts;

enum { O_COHORT = 256, O_DEPT, O_MAJOR, O_CLASS, O_STATUS, O_FIELDS,
       O_REVEAL, O_STUDENT, O_PROGRAM, O_SINCE, O_UNTIL, O_BY,
       O_VERIFY, O_DIFF, O_FOR, O_HEAD, O_RAW, O_KEEP, O_GROUP, O_FILES,
       O_WITNESS, O_IGNORE };

static const struct xj_opt own_opts[] = {
	{ "by", 1, O_BY }, { "class", 1, O_CLASS }, { "cohort", 1, O_COHORT },
	{ "dept", 1, O_DEPT }, { "diff", 1, O_DIFF }, { "fields", 1, O_FIELDS },
	{ "files", 0, O_FILES },
	{ "for", 1, O_FOR }, { "group", 1, O_GROUP }, { "head", 0, O_HEAD },
	{ "ignore", 1, O_IGNORE },
	{ "keep", 1, O_KEEP }, { "major", 1, O_MAJOR }, { "program", 1, O_PROGRAM },
	{ "raw", 0, O_RAW }, { "reveal", 0, O_REVEAL }, { "since", 1, O_SINCE },
	{ "status", 1, O_STATUS }, { "student", 1, O_STUDENT }, { "until", 1, O_UNTIL },
	{ "verify", 0, O_VERIFY }, { "witness", 0, O_WITNESS }, { NULL, 0, 0 },
};

/* --ignore FIELD[,FIELD...]: fields --diff chsi leaves out. */
static int ignore_option(struct opts *o, const char *arg)
{
	char buf[256], *p, *save = NULL;
	int f;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		f = strcmp(p, "status") ? xj_student_field_index(p) : XJ_S_COUNT;
		if (f < 0)
			return xj_diag_usage("--ignore wants fields of the record, not '%s'", p);
		o->ignore |= 1ul << f;
	}
	return 0;
}

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long year;

	switch (c) {
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &year) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->q.cohort = (int)year;
		break;
	case O_DEPT: o->q.dept = arg; break;
	case O_MAJOR: o->q.major = arg; break;
	case O_CLASS: o->q.klass = arg; break;
	case O_STATUS: o->q.status = arg; break;
	case O_FIELDS: o->fields = arg; break;
	case O_FOR:
		if (!xj_nameform_system(arg))
			return xj_diag_usage("--for wants chsi or admission, not '%s'", arg);
		o->forsys = arg;
		break;
	case O_IGNORE:
		return ignore_option(o, arg);
	case O_DIFF:
		if (strcmp(arg, "chsi") != 0)
			return xj_diag_usage("--diff compares with chsi, not '%s'", arg);
		o->diff = arg;
		break;
	case O_REVEAL: o->reveal = 1; break;
	case O_RAW: o->raw = 1; break;
	case O_STUDENT: o->lf.student = arg; o->q.key = arg; break;
	case O_PROGRAM: o->lf.program = arg; break;
	case O_SINCE: o->lf.since = arg; break;
	case O_UNTIL: o->lf.until = arg; break;
	case O_BY: o->lf.user = arg; break;
	case O_VERIFY: o->verify = 1; break;
	case O_FILES: o->files = 1; break;
	case O_WITNESS: o->witness = 1; break;
	case O_HEAD: o->head = 1; break;
	case O_KEEP:
		if (xj_cli_number(arg, 1, 100000, &o->keep) < 0)
			return xj_diag_usage("--keep wants a number of copies, not '%s'", arg);
		break;
	case O_GROUP: o->group = arg; break;
	}
	return 0;
}

/* The verbs below read the common options from opts, as they always
 * have; the frame parsed them. */
static struct opts *opts_of(const struct xj_run *r)
{
	const struct xj_common *c = r->c;

	opts.db = c->db;
	opts.user = c->user;
	opts.key = c->key;
	opts.format = c->format;
	opts.encoding = c->encoding;
	opts.lang_zh = c->lang_zh;
	opts.excel = c->excel;
	opts.dry_run = c->dry_run;
	opts.quiet = c->quiet;
	return &opts;
}

/* An error for the frame to say and turn into the exit code. */
static int fail_in(struct xj_run *r, const struct xj_error *e)
{
	r->err = *e;
	return -1;
}

/* The head a command of xj's own leaves, into the person's heads file
 * (witness.h), as the frame does for the others: a failure there is said,
 * but the command is done. */
static void witnessed(struct xj_store *st, const struct xj_witness *w, int how)
{
	struct xj_error e;

	xj_error_clear(&e);
	if (xj_witness_record(st, w, how, &e) < 0)
		xj_diag_warning(&e);
}

/* Before config load or approve works on the store: the log still holds
 * the head this person saw last, as the frame checks for every verb. */
static int witness_ok(struct xj_store *st, struct xj_witness *w, struct xj_error *err)
{
	int rc = xj_witness_check(st, w, err);

	if (rc == 0 && w->history)
		xj_diag("the store was put back to an older copy since you last saw it (entry"
			" %lld): the restore is entry %lld of the log", w->seq, w->restore);
	return rc == 0 ? 0 : -1;
}

static int cmd_init(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT, id = XJ_SB_INIT;
	struct xj_witness w;
	const char *path = xj_cli_db(o->db);
	struct xj_store *st;
	int rc = -1;

	(void)argv;
	if (argc)
		return xj_diag_usage("'xj init' takes no arguments");
	st = xj_store_create(path, o->group, &r->err);
	xj_cli_actor(&who, &args, "xj init", r->argc, r->argv, NULL);
	if (st)
		rc = xj_store_first_command(st, &who, &id, &r->err);
	memset(&w, 0, sizeof(w));
	w.checked = w.wrote = 1;
	snprintf(w.store, sizeof(w.store), "%s", id.buf ? id.buf : "");
	if (rc == 0)
		witnessed(st, &w, XJ_WITNESS_REPLACE);
	xj_store_close(st);
	xj_sb_release(&args);
	xj_sb_release(&id);
	if (rc == 0 && !o->quiet)
		xj_diag("created store %s", path);
	return rc;
}

/* The whole config file, at most 1 MiB: a config is a page, not a dump.
 * Standard input was read whole before the store was opened. */
static char *slurp(const char *path, size_t *len, struct xj_error *err)
{
	struct xj_sb sb = XJ_SB_INIT;

	if (xj_infile_read(path, 1L << 20, XJ_INFILE_DASH_STDIN, &sb, err) < 0) {
		xj_sb_release(&sb);
		return NULL;
	}
	*len = sb.len;
	return xj_sb_detach(&sb);
}

/* What a load did, or with -n would do.  A staged load is said even with
 * -q: the config asked for is not the one in force. */
static void config_said(const struct opts *o, const char *file,
			const struct xj_trust_plan *plan)
{
	if (o->dry_run && o->quiet)
		return;
	if (o->dry_run && plan->refused.len)
		xj_diag("config is valid (dry run), but this load would be refused: %s",
			plan->refused.buf);
	else if (o->dry_run && plan->stage)
		xj_diag("config is valid (dry run): would stage a proposal (%s)", plan->why.buf);
	else if (o->dry_run)
		xj_diag("config is valid (dry run): would load %s", file);
	else if (plan->stage)
		xj_diag("config staged as proposal %lld (%s): a second admin approves it with"
			" 'xj config approve %lld'", plan->proposal, plan->why.buf,
			plan->proposal);
	else if (!o->quiet)
		xj_diag("loaded config %s", file);
}

/* Loaded, staged or refused by lib/trust.c; this only reads and says. */
static int config_load(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	const char *file = argc == 1 ? argv[0] : NULL;
	struct xj_error err;
	struct xj_config cfg;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_store *st = NULL;
	struct xj_identity id;
	struct xj_trust_plan plan;
	struct xj_witness w;
	size_t len = 0;
	char *text;
	int rc = -1;

	if (!file)
		return xj_diag_usage("'xj config load' takes one file");
	xj_error_clear(&err);
	memset(&id, 0, sizeof(id));
	memset(&plan, 0, sizeof(plan));
	text = slurp(file, &len, &err);
	if (text && xj_config_parse(file, text, len, &cfg, &err) == 0) {
		st = xj_store_open(xj_cli_db(o->db), 0, &err);
		if (st && witness_ok(st, &w, &err) == 0 &&
		    xj_trust_identify(st, o->key, o->user, &id, &err) == 0) {
			xj_cli_actor(&who, &args, "xj config", r->argc, r->argv, NULL);
			rc = xj_trust_load(st, &id, &who, &cfg, file, text, len, o->dry_run,
					   &plan, &err);
		}
		xj_config_release(&cfg);
	}
	free(text);
	w.wrote = !o->dry_run;
	if (rc == 0)
		witnessed(st, &w, XJ_WITNESS_EXTEND);
	xj_store_close(st);
	xj_cli_identity_release(&id);
	xj_sb_release(&args);
	if (rc == 0)
		config_said(o, file, &plan);
	xj_trust_plan_release(&plan);
	return rc < 0 ? fail_in(r, &err) : 0;
}

static int config_approve(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	const char *arg = argc == 1 ? argv[0] : "";
	struct xj_error err;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_store *st;
	struct xj_identity id;
	struct xj_trust_plan plan;
	struct xj_witness w;
	long n;
	int rc = -1;

	if (argc != 1 || xj_cli_number(arg, 1, LONG_MAX, &n) < 0)
		return xj_diag_usage("'xj config approve' wants a proposal number, not '%s'", arg);
	xj_error_clear(&err);
	memset(&id, 0, sizeof(id));
	memset(&plan, 0, sizeof(plan));
	st = xj_store_open(xj_cli_db(o->db), 0, &err);
	if (st && witness_ok(st, &w, &err) == 0 &&
	    xj_trust_identify(st, o->key, o->user, &id, &err) == 0) {
		xj_cli_actor(&who, &args, "xj config", r->argc, r->argv, NULL);
		rc = xj_trust_approve(st, &id, &who, n, &plan, &err);
	}
	w.wrote = 1;
	if (rc == 0)
		witnessed(st, &w, XJ_WITNESS_EXTEND);
	xj_store_close(st);
	xj_cli_identity_release(&id);
	xj_sb_release(&args);
	xj_trust_plan_release(&plan);
	if (rc < 0)
		return fail_in(r, &err);
	if (!o->quiet)
		xj_diag("approved config proposal %ld: it is the config in force", n);
	return 0;
}

struct prun {
	struct xj_writer *w;
	struct xj_error err;
	int failed;
};

static int proposal_row(void *ctx, const struct xj_config_proposal *p)
{
	struct prun *r = ctx;
	char id[24];
	const char *vals[4];

	snprintf(id, sizeof(id), "%lld", p->id);
	vals[0] = id;
	vals[1] = p->proposed_by.buf;
	vals[2] = p->at.buf;
	vals[3] = p->why.buf;
	if (xj_writer_row(r->w, vals, &r->err) < 0) {
		r->failed = 1;
		return 1;
	}
	return 0;
}

/* The proposals still waiting on the config in force, a record stream. */
static int config_proposals(struct xj_run *r, int argc, char **argv)
{
	static const char *const cols[] = { "id", "proposed_by", "at", "why" };
	struct prun p;
	int rc;

	(void)argv;
	if (argc)
		return xj_diag_usage("'xj config proposals' takes no arguments");
	memset(&p, 0, sizeof(p));
	if (!(p.w = xj_cmdrun_writer(r, 4, cols)))
		return -1;
	rc = xj_store_proposal_each(r->st, proposal_row, &p, &r->err);
	if (rc == 0 && p.failed)
		rc = fail_in(r, &p.err);
	return rc;
}

static int config_show(struct xj_run *r, int argc, char **argv)
{
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	int rc;

	(void)argv;
	if (argc)
		return xj_diag_usage("'xj config show' takes no arguments");
	rc = xj_store_config_text(r->st, &text, &from, &r->err);
	if (rc > 0)
		printf("# %s\n%s", from.buf, text.buf);
	xj_sb_release(&text);
	xj_sb_release(&from);
	if (rc == 0) {
		xj_diag("no config loaded (load one with 'xj config load FILE')");
		r->failed++;
	}
	return rc < 0 ? -1 : 0;
}

/* --- query ----------------------------------------------------------- */

#define XJ_MAX_COLUMNS 64

#define QUERY_DEFAULT "exam_no,student_no,name,gender,birth_date,id_type,id_number," \
	"ethnicity,political,major_code,major_name,dept,class,cohort,status,filing"

struct columns {
	size_t n;
	char *list;          /* the split copy of --fields */
	const char **names;
	int *field;          /* student field index, or -1 cohort, -2 status,
				-3 filing (an erratum waiting for its filing) */
};

static int columns_parse(const char *spec, struct columns *c)
{
	char *p, *save = NULL;

	memset(c, 0, sizeof(*c));
	c->list = xj_xstrdup(spec);
	for (p = c->list; p; p = save) {
		int f;

		save = strchr(p, ',');
		if (save)
			*save++ = '\0';
		f = strcmp(p, "cohort") == 0 ? -1 : strcmp(p, "status") == 0 ? -2 :
		    strcmp(p, "filing") == 0 ? -3 : xj_student_field_index(p);
		if (f == -1 && strcmp(p, "cohort") != 0)
			return xj_diag_usage("unknown field '%s' in --fields", p);
		if (c->n == XJ_MAX_COLUMNS)
			return xj_diag_usage("--fields takes at most %d fields", XJ_MAX_COLUMNS);
		c->names = xj_xreallocarray(c->names, c->n + 1, sizeof(char *));
		c->field = xj_xreallocarray(c->field, c->n + 1, sizeof(int));
		c->names[c->n] = p;
		c->field[c->n++] = f;
	}
	return 0;
}

static void columns_release(struct columns *c)
{
	free(c->list);
	free(c->names);
	free(c->field);
}

struct qrun {
	const struct opts *o;
	struct xj_store *st;
	struct xj_writer *w;
	struct columns cols;
	long rows, missing;
};

/* A row for an outside system or an encoding that cannot write every
 * character: the name the system gets (the legal one, or its reported
 * form), and no value the encoding cannot hold, never a '?' in its place.
 * 1: write the row; 0: refused and said why; -1: err. */
static int fit(struct qrun *r, const struct xj_student *s, const char **vals,
	       struct xj_sb *name, struct xj_error *err)
{
	const char *cs = xj_writer_output_charset(r->o->encoding);
	char bad[64];
	size_t i;

	for (i = 0; r->o->forsys && i < r->cols.n; i++) {
		if (r->cols.field[i] != XJ_S_NAME)
			continue;
		if (xj_nameform_export_name(r->st, s, r->o->forsys, cs, name, err) < 0) {
			if (err->code != XJ_EDATA)
				return -1;
			xj_diag("%s: name: %s", s->v[XJ_S_EXAM_NO], err->msg);
			return 0;
		}
		vals[i] = name->buf;
	}
	/* UTF-8 and GB18030 write every character */
	for (i = 0; strcmp(cs, "GBK") == 0 && i < r->cols.n; i++)
		if (vals[i] && xj_names_encodable(vals[i], cs, bad, sizeof(bad)) == 0) {
			xj_diag("%s: %s: %s cannot be written in %s%s", s->v[XJ_S_EXAM_NO],
				r->cols.names[i], bad, cs, r->cols.field[i] == XJ_S_NAME &&
				!r->o->forsys ? _(" (--for uses a reported name)") : "");
			return 0;
		}
	return 1;
}

static int print_student(struct qrun *r, const struct xj_student *s,
			 struct xj_error *err)
{
	const char *vals[XJ_MAX_COLUMNS];
	char masked[XJ_MAX_COLUMNS][64], cohort[12];
	struct xj_sb name = XJ_SB_INIT;
	size_t i;
	int rc;

	snprintf(cohort, sizeof(cohort), "%d", s->cohort);
	for (i = 0; i < r->cols.n; i++) {
		int f = r->cols.field[i];
		const char *v = f == -1 ? cohort : f == -2 ? s->status : f == -3 ? "" : s->v[f];

		if (f == -3) {
			int n = xj_store_filing_pending(r->st, s->id, err);

			if (n < 0)
				return -1;
			v = n ? "pending" : "";
		}

		if (!r->o->reveal && v && xj_mask_wanted(r->cols.names[i])) {
			xj_mask(r->cols.names[i], v, masked[i], sizeof(masked[i]));
			v = masked[i];
		}
		vals[i] = v;
	}
	rc = fit(r, s, vals, &name, err);
	if (rc == 0)
		r->missing++;
	if (rc > 0) {
		r->rows++;
		rc = xj_writer_row(r->w, vals, err);
	}
	xj_sb_release(&name);
	return rc < 0 ? -1 : 0;
}

static int query_one(struct qrun *r, const char *key, struct xj_error *err)
{
	struct xj_query q = r->o->q;
	struct xj_student s;
	long before = r->rows;
	int rc;

	if (key)
		q.key = key;
	if (xj_store_query_begin(r->st, &q, err) < 0)
		return -1;
	while ((rc = xj_store_query_next(r->st, &s, err)) == 1) {
		rc = print_student(r, &s, err);
		xj_student_release(&s);
		if (rc < 0)
			return -1;
	}
	if (rc == 0 && key && r->rows == before) {
		char buf[64];

		xj_mask_key(key, buf, sizeof(buf));
		xj_diag("no student with key %s", r->o->reveal ? key : buf);
		r->missing++;
	}
	return rc;
}

static int query_key(void *ctx, const char *key, struct xj_error *err)
{
	return query_one(ctx, key, err);
}

static void query_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct qrun *)ctx)->missing++;
}

/* --reveal shows personal data whole: the person asking is proven by a
 * key, and the showing goes on record (P2). */
static int reveal_allowed(struct xj_run *r)
{
	return opts.reveal ? xj_cmdrun_need_key(r, "--reveal") : 0;
}

/* The verb's record stream (-f, -o, --encoding, --lang, --excel), and
 * --raw.  A --reveal is on record once the output is known good, before
 * a row is shown: fields are those shown whole. */
static struct xj_writer *open_writer(struct xj_run *r, size_t ncols,
				     const char *const *cols, const char *fields)
{
	struct xj_writer *w = xj_cmdrun_writer(r, ncols, cols);

	if (w)
		xj_writer_raw(w, opts.raw);
	if (w && opts.reveal && xj_cmdrun_reveal_begin(r, fields) < 0)
		return NULL;   /* the frame ends r->w */
	return w;
}

/* The columns of the query --reveal shows whole: "id_number,phone". */
static void revealed_columns(const struct columns *c, struct xj_sb *out)
{
	size_t i;

	xj_sb_adds(out, "");
	for (i = 0; i < c->n; i++)
		if (xj_mask_wanted(c->names[i]))
			xj_sb_addf(out, "%s%s", out->len ? "," : "", c->names[i]);
}

struct drun {
	const struct opts *o;
	struct xj_writer *w;
	struct xj_error err;
	int failed;
};

static void diff_row(void *ctx, const char *exam, const char *name, const char *field,
		     const char *ours, const char *theirs)
{
	struct drun *d = ctx;
	char a[64], b[64];
	const char *vals[5];

	if (!d->o->reveal && xj_mask_wanted(field)) {
		xj_mask(field, ours, a, sizeof(a));
		xj_mask(field, theirs, b, sizeof(b));
		ours = a;
		theirs = b;
	}
	vals[0] = exam;
	vals[1] = name;
	vals[2] = field;
	vals[3] = ours;
	vals[4] = theirs;
	if (!d->failed && xj_writer_row(d->w, vals, &d->err) < 0)
		d->failed = 1;
}

/* xj query --diff chsi: one row per difference; exit 1 when there is one. */
static int query_diff(struct xj_run *r, int argc)
{
	static const char *const cols[] = { "exam_no", "name", "field", "ours", "chsi" };
	const struct opts *o = &opts;
	struct drun d;
	long count = 0;
	int rc;

	memset(&d, 0, sizeof(d));
	d.o = o;
	if (argc || o->fields)
		return xj_diag_usage("--diff takes filters, not keys or --fields");
	if (reveal_allowed(r) < 0 || !(d.w = open_writer(r, 5, cols, "id_number,phone")))
		return -1;
	rc = xj_chsi_diff(r->st, &o->q, o->ignore, diff_row, &d, &count, &r->err);
	if (rc == 0 && d.failed)
		rc = fail_in(r, &d.err);
	if (rc == 0 && count)
		r->failed++;
	return rc;
}

static int cmd_query(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	struct xj_sb shown = XJ_SB_INIT;
	struct qrun q;
	int rc;

	if (o->diff)
		return query_diff(r, argc);
	memset(&q, 0, sizeof(q));
	q.o = o;
	q.st = r->st;
	if (columns_parse(o->fields ? o->fields : QUERY_DEFAULT, &q.cols) != 0) {
		columns_release(&q.cols);
		return XJ_EXIT_USAGE;
	}
	revealed_columns(&q.cols, &shown);
	rc = reveal_allowed(r);
	if (rc == 0 && !(q.w = open_writer(r, q.cols.n, q.cols.names, shown.buf)))
		rc = -1;
	xj_sb_release(&shown);
	/* the keys looked up in one snapshot, not a transaction each */
	if (rc == 0)
		rc = xj_store_read_begin(r->st, &r->err);
	if (rc == 0)
		rc = xj_cli_keys(argc, argv, query_key, query_bad, &q, &r->err);
	/* --student K names one student as a key does: none is exit 1 */
	if (rc == 0 && argc == 0)
		rc = query_one(&q, o->q.key, &r->err);
	xj_store_read_end(r->st);
	columns_release(&q.cols);
	r->failed += q.missing;
	return rc;
}

/* --- log ------------------------------------------------------------- */

struct lrun {
	const struct opts *o;
	long rows;
	struct xj_store *st;
	struct xj_writer *w;
	struct xj_sb old, new_;
	int failed;
	struct xj_error err;
};

/* The entry's JSON with ID and phone numbers masked, unless --reveal. */
static const char *masked_json(struct lrun *r, const char *json, struct xj_sb *out)
{
	return r->o->reveal || !*json ? json : xj_mask_json(json, out);
}

/* The business time ($XJ_NOW) to show beside the real one: "" where it
 * says the same, the same time or a bare date of the same day. */
static const char *business_shown(const struct xj_log_entry *e)
{
	size_t n = strlen(e->business);

	if (!n || strcmp(e->business, e->at) == 0 ||
	    (n == 10 && strncmp(e->business, e->at, 10) == 0))
		return "";
	return e->business;
}

static int print_entry(void *ctx, const struct xj_log_entry *e)
{
	struct lrun *r = ctx;
	char id[24];
	const char *vals[10];

	snprintf(id, sizeof(id), "%lld", e->id);
	vals[0] = id;
	vals[1] = e->at;
	vals[2] = business_shown(e);
	vals[3] = e->user;
	vals[4] = e->login;
	vals[5] = e->program;
	vals[6] = e->student;
	vals[7] = e->action;
	vals[8] = masked_json(r, e->old_json, &r->old);
	vals[9] = masked_json(r, e->new_json, &r->new_);
	if (xj_writer_row(r->w, vals, &r->err) < 0) {
		r->failed = 1;
		return 1;
	}
	r->rows++;
	return 0;
}

/* A value as a difference shows it: masked where personal, and a long
 * one (a hash, a config's text) cut to its first 32 bytes, whole
 * characters, and "...". */
static const char *shown(const char *field, const char *v, char *buf, size_t size)
{
	size_t n = 32;

	if (xj_mask_wanted(field)) {
		xj_mask(field, v, buf, size);
		return buf;
	}
	if (strlen(v) <= n + 3)
		return v;
	while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, size, "%.*s...", (int)n, v);
	return buf;
}

/* A row of a table that differs from what the log says. */
/* A student its source row ("IMPORT:LINE" in stored) no longer makes. */
static void replay_difference(const char *at, const struct xj_row_diff *d)
{
	long long import = 0;
	long line = 0;

	if (sscanf(d->stored, "%lld:%ld", &import, &line) != 2)
		import = line = 0;
	xj_diag("%s: the source row it was made from (import %lld, line %ld) no longer makes"
		" it: %s: %s (changed behind the log)", at, import, line, d->field, d->logged);
}

static void row_difference(void *ctx, const struct xj_row_diff *d)
{
	char at[256], a[128], b[128];
	const char *stored = d->stored, *logged = d->logged;

	(void)ctx;
	xj_logcheck_row_place(d, at, sizeof(at));
	if (d->kind == XJ_ROW_CHANGED) {
		stored = shown(d->field, stored, a, sizeof(a));
		logged = shown(d->field, logged, b, sizeof(b));
	}
	if (d->kind == XJ_ROW_EXTRA && !strcmp(logged, "0"))
		xj_diag(ngettext("command %lld: %ld row in the row log that no signed entry sums"
				 " up, set aside (added behind the log)",
				 "command %lld: %ld rows in the row log that no signed entry sums"
				 " up, set aside (added behind the log)",
				 (unsigned long)strtol(stored, NULL, 10)), d->command,
			strtol(stored, NULL, 10));
	else if (d->kind == XJ_ROW_EXTRA)
		xj_diag(ngettext("command %lld: %ld row in the row log beyond the %s its signed"
				 " entry sums up, set aside (added behind the log)",
				 "command %lld: %ld rows in the row log beyond the %s its signed"
				 " entry sums up, set aside (added behind the log)",
				 (unsigned long)strtol(stored, NULL, 10)), d->command,
			strtol(stored, NULL, 10), logged);
	else if (d->kind == XJ_ROW_SOURCES && !strcmp(d->table, "import_digest"))
		xj_diag("import %s (command %lld): its row digests (%s) are not those its signed"
			" entry vouches for (%s) (changed behind the log)", d->key, d->command,
			stored, logged);
	else if (d->kind == XJ_ROW_SOURCES)
		xj_diag("import %s (command %lld): its source rows (%s) are not those its signed"
			" entry vouches for (%s) (changed behind the log)", d->key, d->command,
			stored, logged);
	else if (d->kind == XJ_ROW_REPLAY)
		replay_difference(at, d);
	else if (d->kind == XJ_ROW_UNSUMMED)
		xj_diag("command %lld: the rows the row log holds for it (%s) are not those its"
			" signed entry sums up (%s) (changed behind the log)", d->command,
			stored, logged);
	else if (d->kind == XJ_ROW_ADDED)
		xj_diag("%s: in the store, not in the log (added behind the log)", at);
	else if (d->kind == XJ_ROW_GONE && !*d->key)
		xj_diag("table %s: in the log, not in the store (dropped behind the log)",
			d->table);
	else if (d->kind == XJ_ROW_GONE)
		xj_diag("%s: in the log, not in the store (deleted behind the log)", at);
	else if (!*d->field)
		xj_diag("%s: the row is not the one the log holds (changed behind the log)", at);
	else
		xj_diag("%s: %s is \"%s\" in the store, the log says \"%s\" (changed"
			" behind the log)", at, d->field, stored, logged);
}

/* A chain rewritten whole and signed again verifies: the heads people saw
 * (--witness FILE...) find it.  0 when the log holds each (their count
 * into *n), 1 with why naming the first it does not, -1. */
static int witnesses_verify(struct xj_run *r, int nfiles, char **files, char *why,
			    unsigned size, long *n)
{
	int i, rc = 0;

	for (i = 0; rc == 0 && i < nfiles; i++)
		rc = xj_witness_verify_file(r->st, files[i], why, size, n, &r->err);
	return rc;
}

static int verify_all(struct xj_run *r, const char *head, int nwit, char **wit);

/* The log and the tables read in one snapshot: a command that writes
 * while the check runs is not taken for an edit behind the log. */
static int log_verify(struct xj_run *r, const char *head, int nwit, char **wit)
{
	int rc;

	xj_store_sorts_on_disk(r->st, 1);   /* before the snapshot: not within it */
	rc = xj_store_read_begin(r->st, &r->err);
	if (rc == 0)
		rc = verify_all(r, head, nwit, wit);
	xj_store_read_end(r->st);
	xj_store_sorts_on_disk(r->st, 0);
	return rc;
}

static int verify_all(struct xj_run *r, const char *head, int nwit, char **wit)
{
	struct xj_store *st = r->st;
	struct xj_error *err = &r->err;
	long long count = 0, rows = 0;
	char why[512];
	long diffs, heads = 0;
	int late, rc = xj_logcheck_verify(st, head, why, sizeof(why), &count, err);

	if (rc == 0)
		rc = witnesses_verify(r, nwit, wit, why, sizeof(why), &heads);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		xj_diag("audit log broken: %s", why);
		return XJ_EXIT_REFUSED;
	}
	/* the times out of order, the chain whole: the tables are still
	 * held to it, so that nothing else hides behind the times */
	late = rc == 2;
	if (late)
		xj_diag("audit log broken: %s", why);
	/* the chain is whole: does every table still say what it says? */
	diffs = xj_replay_verify(st, row_difference, NULL, &rows, err);
	if (diffs < 0)
		return -1;
	/* and is the code the store runs in every command xj's own? */
	if ((rc = xj_store_schema_differs(st, why, sizeof(why), err)) < 0)
		return -1;
	if (rc > 0)
		xj_diag("the store's schema was changed behind xj's back: %s", why);
	if (diffs > 0 && late)
		xj_diag(ngettext("and %ld thing in the tables differs from the log",
				 "and %ld things in the tables differ from the log",
				 (unsigned long)diffs), diffs);
	else if (diffs > 0)
		xj_diag(ngettext("audit log ok, but %ld thing in the tables differs from it",
				 "audit log ok, but %ld things in the tables differ from it",
				 (unsigned long)diffs), diffs);
	if (diffs > 0)
		return XJ_EXIT_REFUSED;
	if (rc > 0 || late)
		return XJ_EXIT_REFUSED;
	printf(head ? _("audit log ok: %lld entries, the saved head included, every row"
			" as the log says\n")
		    : _("audit log ok: %lld entries, every row as the log says\n"), count);
	if (nwit)
		printf(ngettext("witnessed heads ok: the log holds the %ld head people saw\n",
				"witnessed heads ok: the log holds all %ld heads people saw\n",
				(unsigned long)heads), heads);
	return XJ_EXIT_OK;
}

/* The head to keep elsewhere: N:HASH of the last entry, of a log that
 * verifies; the head of a broken one would vouch for what was forged.
 * Exit 1 and no head when it does not (P2). */
static int log_head(struct xj_run *r)
{
	struct xj_sb head = XJ_SB_INIT;
	long long count = 0;
	char why[256];
	int rc = xj_logcheck_verify(r->st, NULL, why, sizeof(why), &count, &r->err);

	if (rc > 0) {
		xj_diag("audit log broken: %s", why);
		r->failed++;
		return 0;
	}
	if (rc == 0)
		rc = xj_logcheck_head(r->st, &head, &r->err);
	if (rc == 0)
		printf("%s\n", head.buf);
	xj_sb_release(&head);
	return rc;
}

/* --verify --files: every file the store keeps hashed again and held
 * against its row and the log (P20), each problem named; rc: the chain's. */
static void file_problem(void *ctx, const char *problem)
{
	(void)ctx;
	xj_diag("%s", problem);
}

static int files_verify(struct xj_store *st, int rc, struct xj_error *err)
{
	struct xj_fixity_count n;
	long bad = xj_fixity_verify(st, file_problem, NULL, &n, err);

	if (bad < 0)
		return -1;
	if (bad > 0) {
		xj_diag(ngettext("%ld problem with the files kept", "%ld problems with the files kept",
				 (unsigned long)bad), bad);
		return XJ_EXIT_REFUSED;
	}
	printf(_("files ok: %ld archived copies, %ld evidence files, as they were kept\n"),
	       n.copies, n.evidence);
	return rc;
}

static int cmd_log(struct xj_run *r, int argc, char **argv)
{
	static const char *const cols[] = { "id", "at", "business", "user", "login",
					    "program", "student", "action", "old", "new" };
	const struct opts *o = opts_of(r);
	struct lrun l;
	int rc;

	memset(&l, 0, sizeof(l));
	l.o = o;
	if (argc && !o->witness)
		return xj_diag_usage("'xj log' takes no arguments");
	if (o->files && !o->verify)
		return xj_diag_usage("--files goes with --verify");
	if (o->witness && (!o->verify || !argc))
		return xj_diag_usage("--witness goes with --verify and takes the files of heads"
				     " people saw");
	if ((o->verify || o->head) && (o->reveal || o->raw || o->lf.student || o->lf.user ||
				       o->lf.program || o->lf.until || r->c->format ||
				       r->c->output))
		return xj_diag_usage("'xj log --verify' and '--head' take no filters or"
				     " output options (--since with --verify is a saved head)");
	if (!o->verify && !o->head &&
	    ((o->lf.since && xj_cli_when("--since", o->lf.since)) ||
	     (o->lf.until && xj_cli_when("--until", o->lf.until))))
		return XJ_EXIT_USAGE;
	/* --verify checks the log from inside, and the heads --witness names:
	 * it looks at a copy (a backup, behind the head its person saw last)
	 * or a rewritten log to say what is wrong, where every other use of
	 * the log is refused, as any command is */
	r->witness_later = o->verify;
	if (xj_cmdrun_open_as(r, XJ_V_STORE | XJ_V_LIST, 0) < 0)
		return -1;
	l.st = r->st;
	if (o->head)
		return log_head(r);
	if (o->verify) {
		/* with --verify, --since is a head saved earlier, not a date */
		rc = log_verify(r, o->lf.since, argc, argv);
		if (rc >= 0 && o->files)
			rc = files_verify(r->st, rc, &r->err);
		return rc == XJ_EXIT_REFUSED ? (r->failed++, 0) : rc;
	}
	rc = reveal_allowed(r);
	if (rc == 0 && !(l.w = open_writer(r, 10, cols, "id_number,phone")))
		rc = -1;
	/* JSON and YAML give the id as a number, old and new as what they are */
	if (rc == 0)
		xj_writer_kinds(l.w, "nsssssssjj");
	if (rc == 0)
		rc = xj_store_log_each(r->st, &o->lf, print_entry, &l, &r->err);
	if (rc == 0 && l.failed)
		rc = fail_in(r, &l.err);
	xj_sb_release(&l.old);
	xj_sb_release(&l.new_);
	return rc;
}

/* --- xj backup, xj restore ------------------------------------------- */

static void say_copy(const struct opts *o, const char *what, const char *path,
		     const struct xj_copy_info *info)
{
	if (!o->quiet)
		printf(_("%s %s: %lld students, %lld log entries, head %s, checked\n"), what,
		       path, info->students, info->entries, info->head);
}

/* FILE, or with --keep the dated name in DIR and the older copies gone.
 * An admin's work (the frame checked the key and the role): the copy
 * holds every student's personal data. */
static int cmd_backup(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	struct xj_copy_info info;
	struct xj_sb path = XJ_SB_INIT, base = XJ_SB_INIT;
	long removed = 0;
	int rc;

	if (argc != 1)
		return o->keep ? xj_diag_usage("'xj backup --keep N' takes one directory")
			       : xj_diag_usage("'xj backup' takes one file to write");
	if (o->keep)
		xj_store_copy_name(xj_cli_db(o->db), argv[0], &base, &path);
	else
		xj_sb_adds(&path, argv[0]);
	rc = xj_store_backup(r->st, path.buf, xj_logcheck_copy, &info, &r->err);
	if (rc == 0 && o->keep)
		rc = xj_store_rotate(argv[0], base.buf, (int)o->keep, &removed, &r->err);
	if (rc == 0) {
		say_copy(o, _("backup"), path.buf, &info);
		if (removed && !o->quiet)
			printf(ngettext("removed %ld older copy from %s\n",
					"removed %ld older copies from %s\n", (unsigned long)removed),
			       removed, argv[0]);
	}
	xj_sb_release(&path);
	xj_sb_release(&base);
	return rc;
}

/* What the restore's record needs, handed through xj_store_restore, and
 * the head it leaves for the witness once the copy is in place. */
struct restoring {
	struct xj_run *r;
	const char *db, *file, *before;
	const struct xj_copy_info *info;
	struct xj_witness w;
};

/* The restore itself goes on record in the copy, before it is put in the
 * store's place (xj_store_restore), signed by the admin who did it: one
 * the copy's own config knows as an admin, checked before anything was
 * replaced. */
static int record_restore(void *ctx, const char *copy, const char *aside,
			  struct xj_error *err)
{
	struct restoring *g = ctx;
	struct xj_actor who;
	struct xj_identity id;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_store *st;
	int rc = -1;

	/* a copy of an older schema is migrated as it opens: its copy before
	 * the migration is named after the store it becomes */
	xj_store_migrate_beside(g->db);
	st = xj_cli_open(copy, opts.key, opts.user, &id, err);
	xj_store_migrate_beside(NULL);
	xj_cli_actor(&who, &args, "xj restore", g->r->argc, g->r->argv, st ? id.user : NULL);
	if (st)
		rc = xj_restore_record(st, &who, g->file, g->info, aside, g->before, &g->w, err);
	xj_store_close(st);
	if (st)
		xj_cli_identity_release(&id);
	xj_sb_release(&args);
	return rc;
}

/* The admin who restored saw the log as it is now, in its place. */
static void restore_witnessed(const char *db, const struct xj_witness *w)
{
	struct xj_error e;
	struct xj_store *st;

	xj_error_clear(&e);
	st = xj_store_open(db, 0, &e);
	if (st)
		witnessed(st, w, XJ_WITNESS_REPLACE);
	else
		xj_diag_warning(&e);
	xj_store_close(st);
}

/* Is the key in use an admin's by the config of the store at path?  The
 * store in place, when there is one (nobody else may replace it), and the
 * copy (whose log the restore is signed into) must both say so.  The
 * copy, ctx, is read as it is: a restore never changes the file it is
 * given. */
static int admin_of(void *ctx, const char *path, const char *what, struct xj_error *err)
{
	struct xj_identity id;
	struct xj_store *st = xj_cli_open_as(path, strcmp(path, ctx) ? 0 : XJ_STORE_COPY,
					     opts.key, opts.user, &id, err);
	int rc;

	if (!st)
		return -1;
	rc = xj_restore_may(st, id.user, id.proven, what, err);
	xj_store_close(st);
	xj_cli_identity_release(&id);
	return rc;
}

/* The head of the store a restore replaces, as its people witnessed it
 * (witness.h): "N:HASH" of its last entry. */
static int head_of(const char *db, struct xj_sb *head, struct xj_error *err)
{
	struct xj_store *st = xj_store_open(db, 0, err);
	long long seq = 0;
	char hash[65];
	int rc = st ? xj_witness_head(st, &seq, hash, err) : -1;

	if (rc == 0)
		xj_sb_addf(head, "%lld:%s", seq, hash);
	xj_store_close(st);
	return rc;
}

static int cmd_restore(struct xj_run *r, int argc, char **argv)
{
	const struct opts *o = opts_of(r);
	struct xj_copy_info info;
	struct xj_sb aside = XJ_SB_INIT, before = XJ_SB_INIT;
	const char *db = xj_cli_db(o->db);
	struct restoring g;
	int rc;

	if (argc != 1)
		return xj_diag_usage("'xj restore' takes one file, a copy made by 'xj backup'");
	memset(&g, 0, sizeof(g));
	g.r = r;
	g.db = db;
	g.file = argv[0];
	g.info = &info;
	rc = xj_store_check_copy(argv[0], argv[0], xj_logcheck_copy_whole, &info, &r->err);
	if (rc == 0)
		rc = xj_restore_may_replace(db, argv[0], _("the store in place"), admin_of,
					    argv[0], &r->err);
	if (rc > 0)
		rc = head_of(db, &before, &r->err);
	g.before = before.buf;
	if (rc == 0)
		rc = xj_store_restore(db, argv[0], xj_logcheck_copy_whole, record_restore, &g,
				      &aside, &info, &r->err);
	if (rc == 0)
		restore_witnessed(db, &g.w);
	xj_sb_release(&before);
	if (rc == 0 && !o->quiet) {
		say_copy(o, _("restored from"), argv[0], &info);
		if (aside.len)
			printf(_("the store it replaced is kept as %s\n"), aside.buf);
	}
	xj_sb_release(&aside);
	return rc;
}

/* --- xj NAME: run xj-NAME, from beside this program first, then PATH ---- */

static int run_program(const char *name, char **argv)
{
	char self[PATH_MAX], prog[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	snprintf(prog, sizeof(prog), "xj-%s", name);
	argv[0] = prog;
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			char path[PATH_MAX + 80];

			*slash = '\0';
			snprintf(path, sizeof(path), "%s/xj-%s", self, name);
			if (access(path, X_OK) == 0)
				execv(path, argv);
		}
	}
	execvp(prog, argv);
	if (errno == ENOENT)
		return xj_diag_usage("'%s' is not an xj command", name);
	xj_diag("cannot run %s: %s", prog, strerror(errno));
	return XJ_EXIT_FAIL;
}

static int run_other(int argc, char **argv)
{
	(void)argc;
	return run_program(argv[0], argv);
}

#define ADMIN XJ_ROLE_ADMIN
#define OUT (XJ_V_STORE | XJ_V_LIST)

static const struct xj_verb config_verbs[] = {
	/* who may load or approve is the trust root's own rule (lib/trust.c):
	 * the first load by an admin it names, later ones by a proven admin */
	{ "load", config_load, XJ_V_QUIET, 0, "db key user dry-run", NULL },
	{ "approve", config_approve, XJ_V_QUIET, 0, "db key user", NULL },
	{ "proposals", config_proposals, OUT, 0, "", NULL },
	{ "show", config_show, XJ_V_STORE, 0, "", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

static const struct xj_verb verbs[] = {
	{ "init", cmd_init, XJ_V_QUIET, 0, "db group", NULL },
	{ "config", NULL, 0, 0, "", config_verbs },
	{ "query", cmd_query, OUT, 0,
	  "cohort dept major class status student fields reveal diff ignore for raw", NULL },
	/* opened by the verb: --verify looks at any log, a copy's or one
	 * rewritten, where every other command refuses a log that does not
	 * hold the head its person saw last (witness.h) */
	{ "log", cmd_log, XJ_V_LIST, 0,
	  "db key user student program since until by verify head reveal raw files witness", NULL },
	{ "backup", cmd_backup, XJ_V_STORE | XJ_V_PROVEN | XJ_V_QUIET, ADMIN, "keep", NULL },
	/* an admin's, proven in the store in place and in the copy: the verb
	 * opens both itself, as there may be no store yet */
	{ "restore", cmd_restore, XJ_V_QUIET, 0, "db key user", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj", usage_text, verbs, own_opts, own_option, &opts, run_other
	};

	return xj_cmdrun_main(&prog, argc, argv);
}
