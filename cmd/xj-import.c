/* xj-import: load admission rosters and the other sources into the store.
 * A program without verbs on the one frame: the frame parses the common
 * options, proves the registrar by their key and holds the transaction;
 * this file imports the files, row by row, with the reject file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xj/cli.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/import.h"
#include "xj/input.h"
#include "xj/vocab.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-import [-nq] [-d db] [-u name] [--key file] [--source source]\n"
"                 [--cohort year] [--update] [--strict] [--accept-15]\n"
"                 [--every-row] [--reject file] [--lang zh|en] [--excel]\n"
"                 [--encoding enc] [--sheet name] [file ...]\n"
"\n"
"Load records into the store; with no file, or -, read standard input.\n"
"The registrar's work, with their key.\n"
"\n"
"  -d, --db PATH        the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS   wait that long for another writer (default 600)\n"
"  -u, --user NAME      the staff member acting (the key's holder)\n"
"      --key FILE       the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run        check and report everything, change nothing\n"
"  -q, --quiet          no warnings, no summary\n"
"      --encoding ENC   the files' encoding: utf-8, gb18030 (2022's mapping) or\n"
"                       gb18030-2005 (default: detected)\n"
"                       (xj(1), COMMON OPTIONS)\n"
"      --source S       roster (default), application, admission, onsite,\n"
"                       results, chsi, forms\n"
"      --cohort YEAR    the cohort of roster rows (default: from the exam number)\n"
"      --update         apply changed values (audited) instead of refusing them\n"
"      --accept-15      upgrade legacy 15-digit ID numbers (the original is kept)\n"
"      --strict         one refused row refuses its whole file\n"
"      --every-row      read every row of a roster in full, none passed over as\n"
"                       one the last import took whole\n"
"      --reject FILE    write the refused rows there, with line, field and reason,\n"
"                       in the encoding and header language of the input; as\n"
"                       .tsv, .xlsx, .yaml or .json by its name, else CSV\n"
"      --lang zh|en     the reject file's headers and field names (default: as\n"
"                       the input's header)\n"
"      --excel          the reject file's long digit strings as =\"...\" text\n"
"      --sheet NAME     the sheet of an .xlsx workbook to read (default: the first)\n"
"  -h, --help           show this help\n"
"  -V, --version        show the version\n");

/* The program's own options; -d, --key, -u, -n, -q and --encoding are the
 * frame's (xj(1), COMMON OPTIONS). */
struct opts {
	const char *reject, *sheet;
	struct xj_import_opts im;
};

static struct opts opts;

enum { O_SOURCE = 256, O_COHORT, O_UPDATE, O_STRICT, O_REJECT, O_ACCEPT15, O_SHEET,
       O_EVERY };

static const struct xj_opt own_opts[] = {
	{ "accept-15", 0, O_ACCEPT15 }, { "cohort", 1, O_COHORT }, { "every-row", 0, O_EVERY },
	{ "reject", 1, O_REJECT },
	{ "sheet", 1, O_SHEET }, { "source", 1, O_SOURCE }, { "strict", 0, O_STRICT },
	{ "update", 0, O_UPDATE }, { NULL, 0, 0 },
};

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long year;

	switch (c) {
	case O_UPDATE: o->im.update = 1; break;
	case O_STRICT: o->im.strict = 1; break;
	case O_ACCEPT15: o->im.accept_15 = 1; break;
	case O_EVERY: o->im.every_row = 1; break;
	case O_REJECT: o->reject = arg; break;
	case O_SHEET: o->sheet = arg; break;
	case O_SOURCE:
		if (xj_import_source_parse(arg, &o->im.source) < 0)
			return xj_diag_usage("unknown source '%s' (want roster, application,"
					     " admission, onsite, results, chsi or forms)", arg);
		break;
	case O_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &year) < 0)
			return xj_diag_usage("--cohort wants a year, not '%s'", arg);
		o->im.cohort = (int)year;
		break;
	}
	return 0;
}

/* One import: the frame's run, the reject file and its columns. */
struct run {
	struct xj_run *x;
	struct xj_outfile rej;
	struct xj_writer *w;
	const struct xj_reader *rd;   /* the file being read */
	int rej_failed;               /* a refused row could not be written */
	int lang_zh;                  /* the reject file's field names in Chinese */
	const char **cols;   /* reject columns, fixed by the first refused row */
	size_t ncols;
	const char **vals;
	int progress;
	const char *file;
};

static void on_report(void *ctx, const struct xj_error *e, int warning)
{
	struct run *r = ctx;

	if (warning && !r->x->c->quiet)
		xj_diag_warning(e);
	else if (!warning)
		xj_diag_error(e);
}

static const char *const extra[] = { "line", "field", "reason" };

/* A header written in Chinese: some name not in ASCII. */
static int header_zh(const struct xj_reader *rd)
{
	const char *const *names, *const *raw;
	size_t n = xj_reader_header(rd, &names, &raw), i;
	const char *p;

	for (i = 0; i < n; i++)
		for (p = raw[i]; p && *p; p++)
			if ((unsigned char)*p >= 0x80)
				return 1;
	return 0;
}

/* The reject file's format, by its name's ending: what the reader takes. */
static enum xj_format reject_format(const char *path)
{
	static const char *const ends[] = { ".csv", ".tsv", ".yaml", ".json", ".xlsx", ".yml" };
	static const enum xj_format fmts[] = { XJ_FMT_CSV, XJ_FMT_TSV, XJ_FMT_YAML,
					       XJ_FMT_JSON, XJ_FMT_XLSX, XJ_FMT_YAML };
	size_t n = strlen(path), i, k;

	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		k = strlen(ends[i]);
		if (n > k && strcasecmp(path + n - k, ends[i]) == 0)
			return fmts[i];
	}
	return XJ_FMT_CSV;
}

/* The reject file's writer, made at the first refused row, when its file
 * is known: its rows go back in the encoding and the header language they
 * came in (or as --lang says), to be fixed and imported again. */
static int reject_writer(struct run *r)
{
	const struct xj_common *c = r->x->c;
	const char *enc = r->rd ? xj_reader_encoding(r->rd) : "utf-8";
	struct xj_writer_opts wo = { .format = reject_format(opts.reject),
		.excel = c->excel };
	struct xj_error e;

	wo.encoding = strcmp(enc, "xlsx") && wo.format != XJ_FMT_XLSX ? enc : "utf-8";
	wo.lang_zh = c->lang_given ? c->lang_zh : r->rd && header_zh(r->rd);
	/* the rows go back as they came: only the headers and the field
	 * names of the problems are put in Chinese */
	wo.zh_headers_only = 1;
	r->lang_zh = wo.lang_zh;
	xj_error_clear(&e);
	r->w = xj_writer_new(r->rej.fp, &wo, &e);
	if (!r->w) {
		xj_diag_error(&e);
		return -1;
	}
	/* no spreadsheet's formula guard, which would come back with them */
	xj_writer_raw(r->w, 1);
	return 0;
}

/* A column of a reject file read again: this one's replace it. */
static int reject_column(const char *name)
{
	return !strcmp(name, extra[0]) || !strcmp(name, extra[1]) || !strcmp(name, extra[2]);
}

/* A field a record names twice (YAML): its column takes the first value,
 * the reason the others. */
static int named_before(const struct xj_record *rec, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(rec->names[j], rec->names[i]) == 0)
			return 1;
	return 0;
}

/* The reject file's columns: the first refused row's named fields. */
static void fix_columns(struct run *r, const struct xj_record *rec)
{
	size_t i;

	r->cols = xj_xcalloc(rec->n + 3, sizeof(char *));
	r->vals = xj_xcalloc(rec->n + 3, sizeof(char *));
	for (i = 0; i < rec->n; i++)
		if (*rec->names[i] && !reject_column(rec->names[i]) && !named_before(rec, i))
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
	char line[24], zh[512];
	struct xj_error e;
	size_t i;

	if (!r->rej.fp || r->rej_failed)
		return;
	if (!r->w && reject_writer(r) < 0) {
		r->rej_failed = 1;
		return;
	}
	if (!r->cols)
		fix_columns(r, rec);
	for (i = 0; i + 3 < r->ncols; i++)
		r->vals[i] = xj_reader_get(rec, r->cols[i]);
	/* a value with no column of its own stays in the reason: nothing is lost */
	xj_sb_adds(&why, reasons);
	for (i = 0; i < rec->n; i++)
		if (!*rec->names[i])
			xj_sb_addf(&why, _("; extra value: %s"), rec->values[i]);
		else if ((!has_column(r, rec->names[i]) || named_before(rec, i)) &&
			 !reject_column(rec->names[i]))
			xj_sb_addf(&why, "; %s: %s", rec->names[i], rec->values[i]);
	snprintf(line, sizeof(line), "%ld", rec->line);
	r->vals[r->ncols - 3] = line;
	r->vals[r->ncols - 2] = r->lang_zh ? xj_vocab_value_zh("field", fields, zh, sizeof(zh)) : fields;
	r->vals[r->ncols - 1] = why.buf;
	xj_error_clear(&e);
	if (xj_writer_row(r->w, r->vals, &e) < 0) {
		xj_diag_error(&e);
		r->rej_failed = 1;
	}
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

static void summary(const struct xj_run *x, const struct xj_import_stats *s, long changes)
{
	if (x->c->quiet)
		return;
	if (x->dry_run)
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
static int import_all(struct run *r, char **files, int nfiles, struct xj_import_stats *stats)
{
	struct xj_import_cb cb = { .report = on_report, .reject = on_reject,
		.progress = on_progress, .ctx = r };
	struct xj_reader_opts ro = { .encoding = r->x->c->encoding, .sheet = opts.sheet };
	struct xj_error *err = &r->x->err;
	int i;

	for (i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *path = nfiles ? files[i] : "-";
		struct xj_reader *rd = xj_reader_open(path, &ro, err);
		int rc;

		if (!rd && err->code == XJ_EFORMAT) {   /* not a record stream: refuse it, go on */
			xj_diag_error(err);
			xj_error_clear(err);
			stats->read++;   /* the file, read as one thing and refused */
			stats->refused++;
			continue;
		}
		if (!rd)
			return -1;
		r->file = xj_reader_name(rd);
		r->rd = rd;
		rc = xj_import_file(r->x->st, rd, &opts.im, &cb, stats, err);
		r->rd = NULL;
		if (r->progress && stats->read >= 10000)
			fputc('\n', stderr);
		xj_reader_free(rd);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The reject file is put in place before the commit, as it always was: it
 * holds the rows refused, which stay refused whether or not the rest is
 * stored. */
static int import_body(struct run *r, char **files, int nfiles,
		       struct xj_import_stats *stats, long *changes)
{
	int rc = opts.reject ? xj_outfile_open(&r->rej, opts.reject, &r->x->err) : 0;

	if (rc == 0)
		rc = import_all(r, files, nfiles, stats);
	/* a refused row the reject file lacks would be lost: nothing is kept */
	if (rc == 0 && r->rej_failed)
		rc = xj_error_set(&r->x->err, XJ_EIO, "%s: a refused row could not be written",
				  opts.reject);
	*changes = xj_store_changes(r->x->st);
	if (rc == 0 && r->w)
		rc = xj_writer_end(r->w, &r->x->err);
	if (rc == 0 && opts.reject)
		rc = xj_outfile_commit(&r->rej, &r->x->err);
	if (rc == 0)
		rc = xj_cmdrun_commit(r->x);
	return rc;
}

static int run_import(struct xj_run *x, int nfiles, char **files)
{
	struct xj_import_stats stats = { 0 };
	struct run r;
	long changes = 0;
	size_t i;
	int rc;

	if (x->c->encoding && !xj_input_encoding_name(x->c->encoding))
		return xj_diag_usage("unknown encoding '%s' (want utf-8, gb18030 or"
				     " gb18030-2005)",
				     x->c->encoding);
	memset(&r, 0, sizeof(r));
	r.x = x;
	r.progress = !x->c->quiet && isatty(STDERR_FILENO);
	rc = import_body(&r, files, nfiles, &stats, &changes);
	x->refused = stats.refused;
	if (rc == 0)
		summary(x, &stats, changes);
	xj_outfile_abort(&r.rej);
	xj_writer_free(r.w);
	for (i = 0; i < r.ncols; i++)
		free((char *)r.cols[i]);
	free(r.cols);
	free(r.vals);
	if (rc == 0)
		return 0;
	/* a failure stops the whole import: its reason, then that the store is
	 * as it was (exit 3), which the frame's own report would not say */
	xj_diag_error(&x->err);
	if (x->err.code == XJ_EUSAGE)
		return XJ_EXIT_USAGE;
	xj_diag("nothing was changed");
	return XJ_EXIT_FAIL;
}

static const struct xj_verb verbs[] = {
	{ "", run_import, XJ_V_STORE | XJ_V_WRITES | XJ_V_BULK | XJ_V_STDIN, XJ_ROLE_REGISTRAR,
	  "source cohort update strict accept-15 every-row reject encoding sheet lang excel", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-import", usage_text, verbs, own_opts, own_option, &opts, NULL
	};

	return xj_cmdrun_main(&prog, argc, argv);
}
