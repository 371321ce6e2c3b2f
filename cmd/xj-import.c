/* xj-import: load admission rosters and the other sources into the store. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/cli.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/import.h"
#include "xj/input.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-import [-nq] [-d db] [-u name] [--key file] [--source source]\n"
"                 [--cohort year] [--update] [--strict] [--accept-15]\n"
"                 [--reject file] [--encoding enc] [--sheet name] [file ...]\n"
"\n"
"Load records into the store; with no file, or -, read standard input.\n"
"\n"
"  -d, --db PATH        the store (default $XJ_DB, else ./xj.db)\n"
"  -u, --user NAME      the staff member acting (the key's holder, with a key)\n"
"      --key FILE       the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run        check and report everything, change nothing\n"
"  -q, --quiet          no warnings, no summary\n"
"      --source S       roster (default), application, admission, onsite,\n"
"                       results, chsi, forms\n"
"      --cohort YEAR    the cohort of roster rows (default: from the exam number)\n"
"      --update         apply changed values (audited) instead of refusing them\n"
"      --accept-15      upgrade legacy 15-digit ID numbers (the original is kept)\n"
"      --strict         one refused row refuses its whole file\n"
"      --reject FILE    write the refused rows there, with line, field and reason\n"
"      --encoding ENC   utf-8 or gb18030 (default: detected)\n"
"      --sheet NAME     the sheet of an .xlsx workbook to read (default: the first)\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n");

struct opts {
	const char *db, *user, *reject, *encoding, *sheet, *key;
	int dry_run, quiet;
	struct xj_import_opts im;
};

struct run {
	struct opts *o;
	struct xj_outfile rej;
	struct xj_writer *w;
	const char **cols;   /* reject columns, fixed by the first refused row */
	size_t ncols;
	const char **vals;
	int progress;
	const char *file;
};

static void on_report(void *ctx, const struct xj_error *e, int warning)
{
	struct run *r = ctx;

	if (warning && !r->o->quiet)
		xj_diag_warning(e);
	else if (!warning)
		xj_diag_error(e);
}

/* The reject file's columns: the first refused row's named fields. */
static void fix_columns(struct run *r, const struct xj_record *rec)
{
	static const char *const extra[] = { "line", "field", "reason" };
	size_t i;

	r->cols = xj_xcalloc(rec->n + 3, sizeof(char *));
	r->vals = xj_xcalloc(rec->n + 3, sizeof(char *));
	for (i = 0; i < rec->n; i++)
		if (*rec->names[i])
			r->cols[r->ncols++] = xj_xstrdup(rec->names[i]);
	for (i = 0; i < 3; i++)
		r->cols[r->ncols++] = xj_xstrdup(extra[i]);
	xj_writer_columns(r->w, r->ncols, r->cols);
}

static int has_column(const struct run *r, const char *name)
{
	size_t i;

	for (i = 0; i + 3 < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return 1;
	return 0;
}

static void on_reject(void *ctx, const struct xj_record *rec, const char *fields,
		      const char *reasons)
{
	struct run *r = ctx;
	struct xj_sb why = XJ_SB_INIT;
	char line[24];
	struct xj_error e;
	size_t i;

	if (!r->w)
		return;
	if (!r->cols)
		fix_columns(r, rec);
	for (i = 0; i + 3 < r->ncols; i++)
		r->vals[i] = xj_record_get(rec, r->cols[i]);
	/* a value with no column of its own stays in the reason: nothing is lost */
	xj_sb_adds(&why, reasons);
	for (i = 0; i < rec->n; i++)
		if (!*rec->names[i])
			xj_sb_addf(&why, _("; extra value: %s"), rec->values[i]);
		else if (!has_column(r, rec->names[i]))
			xj_sb_addf(&why, "; %s: %s", rec->names[i], rec->values[i]);
	snprintf(line, sizeof(line), "%ld", rec->line);
	r->vals[r->ncols - 3] = line;
	r->vals[r->ncols - 2] = fields;
	r->vals[r->ncols - 1] = why.buf;
	xj_error_clear(&e);
	if (xj_writer_row(r->w, r->vals, &e) < 0)
		xj_diag_error(&e);
	xj_sb_release(&why);
}

static void on_progress(void *ctx, const struct xj_import_stats *s)
{
	struct run *r = ctx;

	if (r->progress) {
		fputc('\r', stderr);
		fprintf(stderr, _("%s: %s: %ld rows"), xj_diag_prog(), r->file, s->read);
	}
}

static int parse(int argc, char **argv, struct opts *o)
{
	enum { O_SOURCE = 256, O_COHORT, O_UPDATE, O_STRICT, O_REJECT, O_ENCODING,
	       O_ACCEPT15, O_SHEET, O_KEY };
	static const struct option longs[] = {
		{ "accept-15", no_argument, NULL, O_ACCEPT15 },
		{ "cohort", required_argument, NULL, O_COHORT },
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, O_ENCODING },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, O_KEY },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reject", required_argument, NULL, O_REJECT },
		{ "sheet", required_argument, NULL, O_SHEET },
		{ "source", required_argument, NULL, O_SOURCE },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "update", no_argument, NULL, O_UPDATE },
		{ "user", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	long year;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:hnqu:V", longs, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'n': o->dry_run = 1; break;
		case 'q': o->quiet = 1; break;
		case 'u': o->user = optarg; break;
		case 'h': fputs(_(usage_text), stdout); return -1;
		case 'V': puts("xj-import " XJ_VERSION); return -1;
		case O_UPDATE: o->im.update = 1; break;
		case O_STRICT: o->im.strict = 1; break;
		case O_ACCEPT15: o->im.accept_15 = 1; break;
		case O_REJECT: o->reject = optarg; break;
		case O_SHEET: o->sheet = optarg; break;
		case O_KEY: o->key = optarg; break;
		case O_SOURCE:
			if (xj_source_parse(optarg, &o->im.source) < 0)
				return xj_diag_usage("unknown source '%s' (want roster, application,"
						     " admission, onsite, results, chsi or forms)", optarg);
			break;
		case O_COHORT:
			if (xj_cli_number(optarg, 2000, 2100, &year) < 0)
				return xj_diag_usage("--cohort wants a year, not '%s'", optarg);
			o->im.cohort = (int)year;
			break;
		case O_ENCODING:
			if (!xj_encoding_name(optarg))
				return xj_diag_usage("unknown encoding '%s' (want utf-8 or gb18030)",
						     optarg);
			o->encoding = optarg;
			break;
		default:
			return xj_diag_bad_option(c, optopt, argv[optind - 1]);
		}
	}
	return 0;
}

static void summary(const struct opts *o, const struct xj_import_stats *s,
		    long changes)
{
	if (o->quiet)
		return;
	if (o->dry_run)
		xj_diag("%ld read, %ld imported, %ld updated, %ld unchanged, %ld refused"
			" (dry run: nothing was changed)",
			s->read, s->imported, s->updated, s->unchanged, s->refused);
	else if (changes == 0)
		xj_diag("%ld read, %ld imported, %ld updated, %ld unchanged, %ld refused"
			" (nothing changed)",
			s->read, s->imported, s->updated, s->unchanged, s->refused);
	else
		xj_diag("%ld read, %ld imported, %ld updated, %ld unchanged, %ld refused",
			s->read, s->imported, s->updated, s->unchanged, s->refused);
}

/* Import each named file (or stdin); -1 on a failure that stops the command. */
static int import_all(struct xj_store *st, struct run *r, char **files, int nfiles,
		      struct xj_import_stats *stats, struct xj_error *err)
{
	struct xj_import_cb cb = { on_report, on_reject, on_progress, r };
	struct xj_reader_opts ro = { .encoding = r->o->encoding, .sheet = r->o->sheet };
	int i;

	for (i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *path = nfiles ? files[i] : "-";
		struct xj_reader *rd = xj_reader_open(path, &ro, err);
		int rc;

		if (!rd && err->code == XJ_EFORMAT) {   /* not a record stream: refuse it, go on */
			xj_diag_error(err);
			stats->refused++;
			continue;
		}
		if (!rd)
			return -1;
		r->file = xj_reader_name(rd);
		rc = xj_import_file(st, rd, &r->o->im, &cb, stats, err);
		if (r->progress && stats->read >= 10000)
			fputc('\n', stderr);
		xj_reader_free(rd);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int finish(struct xj_store *st, struct run *r, struct xj_error *err)
{
	if (r->w && xj_writer_end(r->w, err) < 0)
		return -1;
	if (r->o->reject && xj_outfile_commit(&r->rej, err) < 0)
		return -1;
	if (r->o->dry_run || xj_store_changes(st) == 0) {
		xj_store_rollback(st);
		return 0;
	}
	return xj_store_commit(st, err);
}

static int run(struct opts *o, int argc, char **argv, char **files, int nfiles)
{
	struct xj_identity id;
	struct xj_error err;
	struct xj_actor who;
	struct xj_sb args = XJ_SB_INIT;
	struct xj_import_stats stats = { 0 };
	struct xj_writer_opts wo = { XJ_FMT_CSV, NULL, 0, 0 };
	struct run r;
	struct xj_store *st;
	int rc = -1;
	size_t i;
	long changes = 0;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.progress = !o->quiet && isatty(STDERR_FILENO);
	xj_error_clear(&err);
	st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &id, &err);
	xj_cli_actor(&who, &args, "xj-import", argc, argv, st ? id.user : o->user);
	if (st && xj_store_begin(st, &who, &err) == 0) {
		if (!o->reject || (xj_outfile_open(&r.rej, o->reject, &err) == 0 &&
				   (r.w = xj_writer_new(r.rej.fp, &wo, &err)) != NULL))
			rc = import_all(st, &r, files, nfiles, &stats, &err);
		changes = xj_store_changes(st);
		if (rc == 0)
			rc = finish(st, &r, &err);
	}
	if (rc < 0) {
		xj_diag_error(&err);
		if (st && err.code != XJ_EUSAGE)
			xj_diag("nothing was changed");
		xj_outfile_abort(&r.rej);
	} else {
		summary(o, &stats, changes);
	}
	xj_writer_free(r.w);
	for (i = 0; i < r.ncols; i++)
		free((char *)r.cols[i]);
	free(r.cols);
	free(r.vals);
	xj_store_close(st);
	if (st)
		xj_cli_identity_release(&id);
	xj_sb_release(&args);
	if (rc < 0)
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	return stats.refused ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	xj_cli_start(&argc, argv);
	rc = parse(argc, argv, &o);
	if (rc != 0)
		return xj_diag_close_stdout(rc < 0 ? XJ_EXIT_OK : rc);
	return xj_diag_close_stdout(run(&o, argc, argv, argv + optind, argc - optind));
}
