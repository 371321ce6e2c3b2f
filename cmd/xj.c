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
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/replay.h"
#include "xj/nameform.h"
#include "xj/names.h"
#include "xj/reader.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj [-hV] command [args]\n"
"\n"
"  xj init [-q] [-d db] [-u name]             create a store\n"
"  xj config load [-nq] [-d db] [-u name] file  load the school's config\n"
"  xj config show [-d db]                     print the config in force\n"
"  xj query [options] [key ... | -]           select students, print records\n"
"  xj log [options]                           print or verify the audit log\n"
"  xj backup [-q] [-d db] FILE                a checked copy of the store\n"
"  xj backup [-q] [-d db] --keep N DIR        a dated copy in DIR, the N newest kept\n"
"  xj restore [-q] [-d db] [-u name] FILE     put a checked copy in the store's place\n"
"  xj NAME [args]                             run xj-NAME (import, ...)\n"
"\n"
"every command:\n"
"  -d, --db PATH       the store (default $XJ_DB, else ./xj.db)\n"
"      --allow-network-fs  open a store on NFS or SMB all the same (unsafe)\n"
"      --key-file FILE the acting staff member's private key (default $XJ_KEY,\n"
"                      else ~/.config/xj/key when it exists); see xj-key(1)\n"
"query options:\n"
"  -u, --user NAME     the staff member asking (recorded with --reveal)\n"
"  -f, --format FMT    csv (default), tsv, yaml, json, xlsx\n"
"      --cohort YEAR   --dept DEPT  --major MAJOR  --class CLASS  --status S\n"
"      --key KEY       a student's exam_no, student_no or id_number\n"
"      --fields LIST   the columns to print, comma-separated\n"
"      --reveal        show ID and phone numbers unmasked (audited)\n"
"      --lang zh       Chinese column headers\n"
"      --diff chsi     where the store and CHSI's newest student list differ\n"
"      --for SYSTEM    a list for chsi or admission: names as that system gets them\n"
"      --encoding ENC  write utf-8 (default), gb18030 or gbk\n"
"      --excel         CSV for Excel: long digit strings kept as text (=\"...\")\n"
"      --raw           write values beginning with = + - @ as they are, not after '\n"
"log options:\n"
"      --head          print the head of the log (N:HASH) to keep elsewhere\n"
"      --verify --since N:HASH   also check the log still holds that head\n"
"      --student KEY  --program NAME  --since DATE  --until DATE\n"
"  -u, --user NAME     entries by this staff member or login name\n"
"      --verify        check the hash chain; exit 1 naming the first bad entry\n"
"      --reveal, -f FMT, --encoding ENC, --excel, --raw as for query\n"
"\n"
"See xj(1) and xj(7).\n");

struct opts {
	const char *db, *user, *format, *fields, *encoding, *diff, *forsys, *key;
	long keep;
	int dry_run, quiet, reveal, lang_zh, verify, excel, head, raw;
	struct xj_query q;
	struct xj_log_filter lf;
};

enum { O_COHORT = 256, O_DEPT, O_MAJOR, O_CLASS, O_STATUS, O_KEY, O_FIELDS,
       O_REVEAL, O_LANG, O_ENCODING, O_STUDENT, O_PROGRAM, O_SINCE, O_UNTIL,
       O_VERIFY, O_DIFF, O_FOR, O_EXCEL, O_KEYFILE, O_HEAD, O_RAW, O_KEEP };

static const struct option longs[] = {
	{ "class", required_argument, NULL, O_CLASS },
	{ "cohort", required_argument, NULL, O_COHORT },
	{ "db", required_argument, NULL, 'd' },
	{ "dept", required_argument, NULL, O_DEPT },
	{ "diff", required_argument, NULL, O_DIFF },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "raw", no_argument, NULL, O_RAW },
	{ "fields", required_argument, NULL, O_FIELDS },
	{ "for", required_argument, NULL, O_FOR },
	{ "format", required_argument, NULL, 'f' },
	{ "head", no_argument, NULL, O_HEAD },
	{ "help", no_argument, NULL, 'h' },
	{ "keep", required_argument, NULL, O_KEEP },
	{ "key", required_argument, NULL, O_KEY },
	{ "key-file", required_argument, NULL, O_KEYFILE },
	{ "lang", required_argument, NULL, O_LANG },
	{ "major", required_argument, NULL, O_MAJOR },
	{ "program", required_argument, NULL, O_PROGRAM },
	{ "quiet", no_argument, NULL, 'q' },
	{ "reveal", no_argument, NULL, O_REVEAL },
	{ "since", required_argument, NULL, O_SINCE },
	{ "status", required_argument, NULL, O_STATUS },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "user", required_argument, NULL, 'u' },
	{ "verify", no_argument, NULL, O_VERIFY },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Which options each command takes; anything else is a usage error, never
 * silently ignored. */
static int option_fits(const char *cmd, int c)
{
	int filter = c == O_COHORT || c == O_DEPT || c == O_MAJOR || c == O_CLASS ||
		     c == O_STATUS || c == O_KEY || c == O_FIELDS || c == O_LANG || c == O_DIFF ||
		     c == O_FOR;
	int logfilter = c == O_STUDENT || c == O_PROGRAM || c == O_SINCE ||
			c == O_UNTIL || c == O_VERIFY || c == O_HEAD;
	int output = c == 'f' || c == O_REVEAL || c == O_ENCODING || c == O_EXCEL || c == O_RAW;

	if (c == 'd' || c == 'u' || c == O_KEYFILE)
		return 1;
	if (strcmp(cmd, "init") == 0)
		return c == 'q';
	if (strcmp(cmd, "config") == 0)
		return c == 'q' || c == 'n';
	if (strcmp(cmd, "backup") == 0)
		return c == 'q' || c == O_KEEP;
	if (strcmp(cmd, "restore") == 0)
		return c == 'q';
	if (strcmp(cmd, "query") == 0)
		return filter || output;
	return logfilter || output;
}

static int parse_opt(const char *cmd, int c, struct opts *o)
{
	long year;

	if (!option_fits(cmd, c))
		return xj_diag_usage("'xj %s' does not take that option", cmd);
	switch (c) {
	case 'd': o->db = optarg; break;
	case 'f': o->format = optarg; break;
	case 'n': o->dry_run = 1; break;
	case 'q': o->quiet = 1; break;
	case 'u': o->user = optarg; o->lf.user = optarg; break;
	case O_COHORT:
		if (xj_cli_number(optarg, 2000, 2100, &year) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", optarg);
		o->q.cohort = (int)year;
		break;
	case O_DEPT: o->q.dept = optarg; break;
	case O_MAJOR: o->q.major = optarg; break;
	case O_CLASS: o->q.klass = optarg; break;
	case O_STATUS: o->q.status = optarg; break;
	case O_KEY: o->q.key = optarg; break;
	case O_FIELDS: o->fields = optarg; break;
	case O_FOR:
		if (!xj_nameform_system(optarg))
			return xj_diag_usage("--for wants chsi or admission, not '%s'", optarg);
		o->forsys = optarg;
		break;
	case O_DIFF:
		if (strcmp(optarg, "chsi") != 0)
			return xj_diag_usage("--diff compares with chsi, not '%s'", optarg);
		o->diff = optarg;
		break;
	case O_REVEAL: o->reveal = 1; break;
	case O_EXCEL: o->excel = 1; break;
	case O_RAW: o->raw = 1; break;
	case O_ENCODING: o->encoding = optarg; break;
	case O_LANG:
		if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
			return xj_diag_usage("--lang wants zh or en, not '%s'", optarg);
		o->lang_zh = strcmp(optarg, "zh") == 0;
		break;
	case O_STUDENT: o->lf.student = optarg; break;
	case O_PROGRAM: o->lf.program = optarg; break;
	case O_SINCE: o->lf.since = optarg; break;
	case O_UNTIL: o->lf.until = optarg; break;
	case O_VERIFY: o->verify = 1; break;
	case O_HEAD: o->head = 1; break;
	case O_KEEP:
		if (xj_cli_number(optarg, 1, 100000, &o->keep) < 0)
			return xj_diag_usage("--keep wants a number of copies, not '%s'", optarg);
		break;
	case O_KEYFILE: o->key = optarg; break;
	default: return xj_diag_usage("bad option");
	}
	return 0;
}

static int parse(const char *cmd, int argc, char **argv, struct opts *o)
{
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:f:hnqu:V", longs, NULL)) != -1) {
		if (c == 'h') {
			fputs(_(usage_text), stdout);
			return -1;
		}
		if (c == 'V') {
			puts("xj " XJ_VERSION);
			return -1;
		}
		if (c == '?' || c == ':')
			return xj_diag_bad_option(c, optopt, argv[optind - 1]);
		if ((rc = parse_opt(cmd, c, o)) != 0)
			return rc;
	}
	return 0;
}

static int fail(const struct xj_error *e)
{
	xj_diag_error(e);
	return xj_error_exit(e) == XJ_EXIT_REFUSED ? XJ_EXIT_REFUSED :
	       e->code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
}

static int cmd_init(const struct opts *o, int argc, char **argv)
{
	struct xj_error err;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	const char *path = xj_cli_db(o->db);
	struct xj_store *st;
	char schema[32];
	int rc = -1;

	xj_error_clear(&err);
	if (optind != argc)
		return xj_diag_usage("'xj init' takes no arguments");
	snprintf(schema, sizeof(schema), "{\"schema\":%d}", XJ_SCHEMA_VERSION);
	st = xj_store_open(path, 1, &err);
	xj_cli_actor(&who, &args, "xj init", argc, argv, o->user);
	if (st && xj_store_begin(st, &who, &err) == 0 &&
	    xj_store_audit(st, 0, "init", NULL, schema, &err) == 0)
		rc = xj_store_commit(st, &err);
	xj_store_close(st);
	xj_sb_release(&args);
	if (rc < 0)
		return fail(&err);
	if (!o->quiet)
		xj_diag("created store %s", path);
	return XJ_EXIT_OK;
}

/* The whole config file, at most 1 MiB: a config is a page, not a dump. */
static char *slurp(const char *path, size_t *len, struct xj_error *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct xj_sb sb = XJ_SB_INIT;
	char buf[8192];
	size_t n;

	if (!fp) {
		xj_error_set(err, XJ_EIO, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && sb.len < (1u << 20))
		xj_sb_add(&sb, buf, n);
	if (ferror(fp) || sb.len >= (1u << 20)) {
		xj_error_set(err, XJ_EIO, "cannot read %s: %s", path,
			     ferror(fp) ? strerror(errno) : _("larger than 1 MiB"));
		xj_sb_release(&sb);
	}
	if (fp != stdin)
		fclose(fp);
	*len = sb.len;
	return sb.buf ? xj_sb_detach(&sb) : NULL;
}

static int config_load(const struct opts *o, const char *file, int argc, char **argv)
{
	struct xj_error err;
	struct xj_config cfg;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_store *st = NULL;
	struct xj_identity id;
	size_t len = 0;
	char *text;
	int rc = -1;

	xj_error_clear(&err);
	text = slurp(file, &len, &err);
	if (text && xj_config_parse(file, text, len, &cfg, &err) == 0) {
		/* who loads it is settled by the config in force before */
		st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &id, &err);
		xj_cli_actor(&who, &args, "xj config", argc, argv, st ? id.user : o->user);
		if (st && xj_store_begin(st, &who, &err) == 0 &&
		    xj_store_config_save(st, &cfg, file, text, &err) == 0)
			rc = o->dry_run ? (xj_store_rollback(st), 0) : xj_store_commit(st, &err);
		xj_config_release(&cfg);
	}
	free(text);
	xj_store_close(st);
	if (st)
		xj_cli_identity_release(&id);
	xj_sb_release(&args);
	if (rc < 0)
		return fail(&err);
	if (!o->quiet && o->dry_run)
		xj_diag("config is valid (dry run, not loaded): %s", file);
	else if (!o->quiet)
		xj_diag("loaded config %s", file);
	return XJ_EXIT_OK;
}

static int config_show(const struct opts *o)
{
	struct xj_error err;
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	struct xj_store *st;
	int rc = -1;

	xj_error_clear(&err);
	st = xj_store_open(xj_cli_db(o->db), 0, &err);
	if (st)
		rc = xj_store_config_text(st, &text, &from, &err);
	if (rc > 0)
		printf("# %s\n%s", from.buf, text.buf);
	xj_store_close(st);
	xj_sb_release(&text);
	xj_sb_release(&from);
	if (rc < 0)
		return fail(&err);
	if (rc == 0)
		xj_diag("no config loaded (load one with 'xj config load FILE')");
	return rc == 0 ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

static int cmd_config(const struct opts *o, int argc, char **argv)
{
	const char *verb = optind < argc ? argv[optind] : NULL;

	if (verb && strcmp(verb, "show") == 0 && optind + 1 == argc)
		return config_show(o);
	if (verb && strcmp(verb, "load") == 0 && optind + 2 == argc)
		return config_load(o, argv[optind + 1], argc, argv);
	return xj_diag_usage("usage: xj config load FILE | xj config show");
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
	const char *cs = xj_output_charset(r->o->encoding);
	char bad[64];
	size_t i;

	for (i = 0; r->o->forsys && i < r->cols.n; i++) {
		if (r->cols.field[i] != XJ_S_NAME)
			continue;
		if (xj_export_name(r->st, s, r->o->forsys, cs, name, err) < 0) {
			if (err->code != XJ_EDATA)
				return -1;
			xj_diag("%s: name: %s", s->v[XJ_S_EXAM_NO], err->msg);
			return 0;
		}
		vals[i] = name->buf;
	}
	/* UTF-8 and GB18030 write every character */
	for (i = 0; strcmp(cs, "GBK") == 0 && i < r->cols.n; i++)
		if (vals[i] && xj_encodable(vals[i], cs, bad, sizeof(bad)) == 0) {
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

		xj_mask("id_number", key, buf, sizeof(buf));
		xj_diag("no student with key %s", strlen(key) == 18 && !r->o->reveal ? buf : key);
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

static struct xj_writer *open_writer(const struct opts *o, struct xj_error *err)
{
	struct xj_writer *w = xj_cli_writer(o->format, o->encoding, o->lang_zh, o->excel, err);

	if (w)
		xj_writer_raw(w, o->raw);
	return w;
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
static int query_diff(const struct opts *o, int argc, char **argv)
{
	static const char *const cols[] = { "exam_no", "name", "field", "ours", "chsi" };
	struct drun d;
	struct xj_store *st = NULL;
	struct xj_identity id;
	long count = 0;
	int rc = -1;

	memset(&d, 0, sizeof(d));
	d.o = o;
	if (optind != argc || o->fields)
		return xj_diag_usage("--diff takes filters, not keys or --fields");
	d.w = open_writer(o, &d.err);
	if (d.w)
		st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, o->reveal ? &id : NULL,
				 &d.err);
	if (st) {
		xj_writer_columns(d.w, 5, cols);
		rc = xj_chsi_diff(st, &o->q, diff_row, &d, &count, &d.err);
		if (rc == 0 && d.failed)
			rc = -1;
		if (rc == 0)
			rc = xj_writer_end(d.w, &d.err);
		if (rc == 0 && o->reveal)
			rc = xj_cli_reveal_audit(st, id.user, "xj query", argc, argv, count, &d.err);
	}
	xj_writer_free(d.w);
	xj_store_close(st);
	if (st && o->reveal)
		xj_cli_identity_release(&id);
	if (rc < 0)
		return fail(&d.err);
	return count ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

static int cmd_query(const struct opts *o, int argc, char **argv)
{
	struct xj_identity id;
	struct xj_error err;
	struct qrun r;
	int rc = -1;

	if (o->diff)
		return query_diff(o, argc, argv);
	memset(&r, 0, sizeof(r));
	r.o = o;
	xj_error_clear(&err);
	if (columns_parse(o->fields ? o->fields : QUERY_DEFAULT, &r.cols) != 0) {
		columns_release(&r.cols);
		return XJ_EXIT_USAGE;
	}
	r.w = open_writer(o, &err);
	if (r.w)
		r.st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, o->reveal ? &id : NULL,
				   &err);
	if (r.st) {
		xj_writer_columns(r.w, r.cols.n, r.cols.names);
		rc = 0;
		rc = xj_cli_keys(argc - optind, argv + optind, query_key, query_bad, &r, &err);
		if (optind == argc)
			rc = query_one(&r, NULL, &err);
		if (rc == 0)
			rc = xj_writer_end(r.w, &err);
		if (rc == 0 && o->reveal)
			rc = xj_cli_reveal_audit(r.st, id.user, "xj query", argc, argv, r.rows, &err);
	}
	xj_writer_free(r.w);
	if (r.st && o->reveal)
		xj_cli_identity_release(&id);
	xj_store_close(r.st);
	columns_release(&r.cols);
	if (rc < 0)
		return fail(&err);
	return r.missing ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
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

/* The entry's JSON with ID and phone numbers masked.  The log's JSON is
 * written by xj itself and these two values are validated digits, so a
 * scan for "field":"value" finds them exactly. */
static const char *masked_json(struct lrun *r, const char *json, struct xj_sb *out)
{
	static const char *const keys[] = { "\"id_number\":\"", "\"phone\":\"" };
	size_t i;

	if (r->o->reveal || !*json)
		return json;
	xj_sb_reset(out);
	xj_sb_adds(out, json);
	for (i = 0; i < 2; i++) {
		char *p = out->buf;

		while ((p = strstr(p, keys[i])) != NULL) {
			char *v = p + strlen(keys[i]), *end = strchr(v, '"');
			char val[64], masked[64];

			if (!end || (size_t)(end - v) >= sizeof(val))
				break;
			memcpy(val, v, (size_t)(end - v));
			val[end - v] = '\0';
			xj_mask(i ? "phone" : "id_number", val, masked, sizeof(masked));
			memcpy(v, masked, strlen(masked));
			p = end;
		}
	}
	return out->buf;
}

static int print_entry(void *ctx, const struct xj_log_entry *e)
{
	struct lrun *r = ctx;
	char id[24];
	const char *vals[9];

	snprintf(id, sizeof(id), "%lld", e->id);
	vals[0] = id;
	vals[1] = e->at;
	vals[2] = e->user;
	vals[3] = e->login;
	vals[4] = e->program;
	vals[5] = e->student;
	vals[6] = e->action;
	vals[7] = masked_json(r, e->old_json, &r->old);
	vals[8] = masked_json(r, e->new_json, &r->new_);
	if (xj_writer_row(r->w, vals, &r->err) < 0) {
		r->failed = 1;
		return 1;
	}
	r->rows++;
	return 0;
}

/* A student's field that differs from what the log says (masked where
 * personal). */
static void replay_difference(void *ctx, const char *exam_no, const char *field,
			      const char *stored, const char *logged)
{
	char a[128], b[128];

	(void)ctx;
	if (xj_mask_wanted(field)) {
		xj_mask(field, stored, a, sizeof(a));
		xj_mask(field, logged, b, sizeof(b));
		stored = a;
		logged = b;
	}
	xj_diag("student %s: %s is \"%s\" in the store, the log says \"%s\" (changed"
		" behind the log)", exam_no, field, stored, logged);
}

static int log_verify(struct xj_store *st, const char *head, struct xj_error *err)
{
	long long count = 0;
	char why[256];
	long diffs;
	int rc = xj_audit_verify(st, head, why, sizeof(why), &count, err);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		xj_diag("audit log broken: %s", why);
		return XJ_EXIT_REFUSED;
	}
	/* the chain is whole: do the records still say what it says? */
	diffs = xj_replay_check(st, replay_difference, NULL, err);
	if (diffs < 0)
		return -1;
	if (diffs > 0) {
		xj_diag(ngettext("audit log ok, but %ld value of the students differs from it",
				 "audit log ok, but %ld values of the students differ from it",
				 (unsigned long)diffs), diffs);
		return XJ_EXIT_REFUSED;
	}
	printf(head ? _("audit log ok: %lld entries, the saved head included, every student"
			" as the log says\n")
		    : _("audit log ok: %lld entries, every student as the log says\n"), count);
	return XJ_EXIT_OK;
}

/* The head to keep elsewhere: N:HASH of the last entry. */
static int log_head(struct xj_store *st, struct xj_error *err)
{
	struct xj_sb head = XJ_SB_INIT;
	int rc = xj_audit_head(st, &head, err);

	if (rc == 0)
		printf("%s\n", head.buf);
	xj_sb_release(&head);
	return rc;
}

static int cmd_log(const struct opts *o, int argc, char **argv)
{
	static const char *const cols[] = { "id", "at", "user", "login", "program",
					    "student", "action", "old", "new" };
	struct lrun r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.o = o;
	if (optind != argc)
		return xj_diag_usage("'xj log' takes no arguments");
	r.st = xj_store_open(xj_cli_db(o->db), 0, &r.err);
	if (r.st && o->head) {
		rc = log_head(r.st, &r.err);
	} else if (r.st && o->verify) {
		/* with --verify, --since is a head saved earlier, not a date */
		rc = log_verify(r.st, o->lf.since, &r.err);
	} else if (r.st && (r.w = open_writer(o, &r.err)) != NULL) {
		xj_writer_columns(r.w, 9, cols);
		rc = xj_store_log_each(r.st, &o->lf, print_entry, &r, &r.err);
		if (rc == 0 && r.failed)
			rc = -1;
		if (rc == 0)
			rc = xj_writer_end(r.w, &r.err);
		if (rc == 0 && o->reveal)
			/* -u is a filter here, not who asks: the login name says that */
			rc = xj_cli_reveal_audit(r.st, NULL, "xj log", argc, argv, r.rows, &r.err);
	}
	xj_writer_free(r.w);
	xj_store_close(r.st);
	xj_sb_release(&r.old);
	xj_sb_release(&r.new_);
	return rc < 0 ? fail(&r.err) : rc;
}

/* --- xj backup, xj restore ------------------------------------------- */

static void say_copy(const struct opts *o, const char *what, const char *path,
		     const struct xj_copy_info *info)
{
	if (!o->quiet)
		printf(_("%s %s: %lld students, %lld log entries, head %s, checked\n"), what,
		       path, info->students, info->entries, info->head);
}

/* FILE, or with --keep the dated name in DIR and the older copies gone. */
static int cmd_backup(const struct opts *o, int argc, char **argv)
{
	struct xj_error err;
	struct xj_copy_info info;
	struct xj_sb path = XJ_SB_INIT, base = XJ_SB_INIT;
	const char *db = xj_cli_db(o->db), *slash = strrchr(db, '/'), *dot;
	struct xj_store *st;
	char stamp[32];
	long removed = 0;
	int rc = -1;

	xj_error_clear(&err);
	if (optind != argc - 1)
		return o->keep ? xj_diag_usage("'xj backup --keep N' takes one directory")
			       : xj_diag_usage("'xj backup' takes one file to write");
	/* the copies of xj.db are xj-YYYYMMDD-HHMMSS.db */
	slash = slash ? slash + 1 : db;
	dot = strrchr(slash, '.');
	xj_sb_add(&base, slash, dot && dot != slash ? (size_t)(dot - slash) : strlen(slash));
	xj_store_stamp(stamp, sizeof(stamp));
	if (o->keep)
		xj_sb_addf(&path, "%s/%s-%s.db", argv[optind], base.buf, stamp);
	else
		xj_sb_adds(&path, argv[optind]);
	st = xj_store_open(db, 0, &err);
	if (st)
		rc = xj_store_backup(st, path.buf, &info, &err);
	xj_store_close(st);
	if (rc == 0 && o->keep)
		rc = xj_store_rotate(argv[optind], base.buf, (int)o->keep, &removed, &err);
	if (rc == 0) {
		say_copy(o, _("backup"), path.buf, &info);
		if (removed && !o->quiet)
			printf(ngettext("removed %ld older copy from %s\n",
					"removed %ld older copies from %s\n", (unsigned long)removed),
			       removed, argv[optind]);
	}
	xj_sb_release(&path);
	xj_sb_release(&base);
	return rc < 0 ? fail(&err) : XJ_EXIT_OK;
}

/* The restore itself goes on record in the store it put in place. */
static int record_restore(const struct opts *o, int argc, char **argv, const char *file,
			  const struct xj_copy_info *info, const char *aside,
			  struct xj_error *err)
{
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT, json = XJ_SB_INIT;
	struct xj_store *st = xj_store_open(xj_cli_db(o->db), 0, err);
	int rc = st ? 0 : -1;

	xj_cli_actor(&who, &args, "xj restore", argc, argv, o->user);
	xj_sb_adds(&json, "{\"from\":");
	xj_sb_add_json(&json, file);
	xj_sb_addf(&json, ",\"sha256\":\"%s\",\"head\":\"%s\",\"replaced\":", info->sha256,
		   info->head);
	xj_sb_add_json(&json, aside);
	xj_sb_adds(&json, "}");
	if (rc == 0)
		rc = xj_store_begin(st, &who, err);
	if (rc == 0)
		rc = xj_store_audit(st, 0, "restore", NULL, json.buf, err);
	if (rc == 0)
		rc = xj_store_commit(st, err);
	xj_store_close(st);
	xj_sb_release(&args);
	xj_sb_release(&json);
	return rc;
}

static int cmd_restore(const struct opts *o, int argc, char **argv)
{
	struct xj_error err;
	struct xj_copy_info info;
	struct xj_sb aside = XJ_SB_INIT;
	const char *db = xj_cli_db(o->db);
	int rc;

	xj_error_clear(&err);
	if (optind != argc - 1)
		return xj_diag_usage("'xj restore' takes one file, a copy made by 'xj backup'");
	rc = xj_store_restore(db, argv[optind], &aside, &info, &err);
	if (rc == 0)
		rc = record_restore(o, argc, argv, argv[optind], &info,
				    aside.len ? aside.buf : "", &err);
	if (rc == 0 && !o->quiet) {
		say_copy(o, _("restored from"), argv[optind], &info);
		if (aside.len)
			printf(_("the store it replaced is kept as %s\n"), aside.buf);
	}
	xj_sb_release(&aside);
	return rc < 0 ? fail(&err) : XJ_EXIT_OK;
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

int main(int argc, char **argv)
{
	struct opts o;
	const char *cmd;
	int rc;

	memset(&o, 0, sizeof(o));
	xj_cli_start(&argc, argv);
	if (argc < 2)
		return xj_diag_usage("no command given");
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(_(usage_text), stdout);
		return xj_diag_close_stdout(XJ_EXIT_OK);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		puts("xj " XJ_VERSION);
		return xj_diag_close_stdout(XJ_EXIT_OK);
	}
	if (cmd[0] == '-')
		return xj_diag_usage("unknown option '%s'", cmd);
	if (strcmp(cmd, "init") && strcmp(cmd, "config") && strcmp(cmd, "query") &&
	    strcmp(cmd, "log") && strcmp(cmd, "backup") && strcmp(cmd, "restore"))
		return run_program(cmd, argv + 1);
	rc = parse(cmd, argc - 1, argv + 1, &o);
	if (rc != 0)
		return xj_diag_close_stdout(rc < 0 ? XJ_EXIT_OK : rc);
	argc--, argv++;
	if (strcmp(cmd, "init") == 0)
		rc = cmd_init(&o, argc, argv);
	else if (strcmp(cmd, "config") == 0)
		rc = cmd_config(&o, argc, argv);
	else if (strcmp(cmd, "query") == 0)
		rc = cmd_query(&o, argc, argv);
	else if (strcmp(cmd, "backup") == 0)
		rc = cmd_backup(&o, argc, argv);
	else if (strcmp(cmd, "restore") == 0)
		rc = cmd_restore(&o, argc, argv);
	else
		rc = cmd_log(&o, argc, argv);
	return xj_diag_close_stdout(rc);
}
