/* reader.c: record streams in, CSV through libcsv, YAML through libyaml,
 * .xlsx worksheets through xlsx.c. */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "xj/yamlfile.h"
#include "xj/infile.h"
#include "xj/fields.h"
#include "xj/i18n.h"
#include "xj/input.h"
#include "xj/reader.h"
#include "xj/strbuf.h"
#include "xj/validate.h"
#include "xj/xlsx.h"
#include "xj/text.h"

/* A CSV row (its lines, quoted line breaks and all) is at most ROW_MAX
 * bytes and FIELDS_MAX fields: past them the file is refused, so no file
 * fills the memory (xj-records(5), Limits and refusals). */
#define ROW_MAX (64L << 20)
#define FIELDS_MAX 100000

struct xj_reader {
	struct xj_input *in;
	char *path, *sheet;   /* as opened, for xj_reader_again */
	int yaml;
	int done;

	/* physical lines of the CSV text */
	struct xj_sb pend;
	size_t pend_pos;
	int in_eof;
	long lineno;

	/* the row being read: names and values as offsets into arena */
	struct xj_sb arena;
	size_t *name_off, *val_off;
	size_t nf, af;
	int row_done;
	int row_started;
	int in_quotes;      /* the row's quotes so far are odd: a line break is data */
	int row_bad;        /* YAML: a value was not a scalar */
	char row_why[160];
	long row_line;
	struct xj_sb row_raw; /* CSV: the row's lines as read, for a row refused
				 for its quoting, given back whole */
	size_t nul_field;   /* 1 + the first field of the row with a NUL byte */
	struct xj_sb tsv_line;   /* TSV: a line with a NUL, the NULs shown (tsv_nul) */
	int too_wide;       /* more than FIELDS_MAX fields: the rest dropped */
	/* a title above the header (a spreadsheet's 学生名册 row): the last
	 * one skipped, its line, and how many */
	char *title;
	long title_line;
	int ntitles;

	/* CSV */
	struct csv_parser csv;
	int plain;   /* libcsv is on its own tests of bytes (csv_tests) */
	int csv_ready, tsv;
	size_t ncols;
	char **hdr, **hdr_raw;

	/* .xlsx */
	struct xj_xlsx *xlsx;

	/* YAML */
	yaml_parser_t yp;
	int yp_ready;
	int yaml_started;
	long yaml_fed;      /* bytes given to libyaml since the record began */
	int yaml_long;      /* a record went past ROW_MAX */

	const char **names, **values;
	size_t avals;
};

static void row_reset(struct xj_reader *r)
{
	xj_sb_reset(&r->arena);
	xj_sb_reset(&r->row_raw);
	r->nf = 0;
	r->nul_field = 0;
	r->too_wide = 0;
	r->row_done = r->row_started = r->row_bad = r->in_quotes = 0;
	r->row_why[0] = '\0';
}

static void row_grow(struct xj_reader *r)
{
	if (r->nf < r->af)
		return;
	r->af = r->af ? r->af * 2 : 32;
	r->name_off = xj_xreallocarray(r->name_off, r->af, sizeof(size_t));
	r->val_off = xj_xreallocarray(r->val_off, r->af, sizeof(size_t));
}

static size_t arena_add(struct xj_reader *r, const void *s, size_t len)
{
	size_t off = r->arena.len;

	xj_sb_add(&r->arena, s, len);
	xj_sb_addc(&r->arena, '\0');
	return off;
}

/* A value of a row refused for a NUL byte: the reject file gives back the
 * rest of the value and where the NUL was, where the byte itself would
 * end it. */
static size_t arena_nul(struct xj_reader *r, const char *s, size_t len)
{
	size_t off = r->arena.len;

	xj_sb_add_nul_shown(&r->arena, s, len);
	xj_sb_addc(&r->arena, '\0');
	return off;
}

/* The text between a quoted field's quotes, its doubled quotes made one. */
static size_t arena_unquote(struct xj_reader *r, const char *s, const char *end)
{
	size_t off = r->arena.len;

	for (; s < end; s++) {
		xj_sb_addc(&r->arena, *s);
		if (*s == '"' && s + 1 < end && s[1] == '"')
			s++;
	}
	xj_sb_addc(&r->arena, '\0');
	return off;
}

static void on_field(void *s, size_t len, void *data)
{
	struct xj_reader *r = data;

	if (r->nf >= FIELDS_MAX) {
		r->too_wide = 1;
		return;
	}
	row_grow(r);
	/* a NUL would end the value early: the row is refused, not cut */
	if (s && !r->nul_field && memchr(s, '\0', len))
		r->nul_field = r->nf + 1;
	r->name_off[r->nf] = (size_t)-1;
	r->val_off[r->nf] = r->nul_field ? arena_nul(r, s ? s : "", s ? len : 0) :
			    arena_add(r, s ? s : "", s ? len : 0);
	r->nf++;
}

static void on_row(int c, void *data)
{
	(void)c;
	((struct xj_reader *)data)->row_done = 1;
}

static int is_lf(unsigned char c)
{
	return c == '\n';
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* The next physical line, with its '\n' if it has one; NULL at the end. */
static const char *next_line(struct xj_reader *r, size_t *len,
			     struct xj_error *err)
{
	size_t seen = 0;   /* of the pending bytes, searched already: a long
			    * line costs its length, not its length squared */

	for (;;) {
		char *start = r->pend.buf ? r->pend.buf + r->pend_pos : NULL;
		size_t avail = r->pend.len - r->pend_pos;
		char *nl = avail > seen ? memchr(start + seen, '\n', avail - seen) : NULL;
		char chunk[65536];
		ssize_t n;

		if (nl || (r->in_eof && avail)) {
			*len = nl ? (size_t)(nl - start) + 1 : avail;
			r->pend_pos += *len;
			r->lineno++;
			return start;
		}
		if (r->in_eof)
			return NULL;
		if ((long)avail > ROW_MAX) {
			r->done = 1;
			xj_error_where(err, NULL, r->lineno + 1, NULL);
			xj_error_set(err, XJ_EFORMAT, "a row longer than %ld MiB", ROW_MAX >> 20);
			return NULL;
		}
		if (r->pend_pos) {
			memmove(r->pend.buf, start, avail);
			r->pend.len = avail;
			r->pend_pos = 0;
		}
		seen = avail;
		n = xj_input_read(r->in, chunk, sizeof(chunk), err);
		if (n < 0)
			return NULL;
		if (n == 0)
			r->in_eof = 1;
		xj_sb_add(&r->pend, chunk, (size_t)n);
	}
}

static int blank(const char *s, size_t len)
{
	return len == 0 || (len == 1 && s[0] == '\n') ||
	       (len == 2 && s[0] == '\r' && s[1] == '\n');
}

static int is_lf(unsigned char c);
static int no_space(unsigned char c);

/* Strict quoting; '\n' alone ends a row; no white space is eaten, so a
 * trimmed value can be reported. */
static void csv_setup(struct xj_reader *r)
{
	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_term_func(&r->csv, is_lf);
	csv_set_space_func(&r->csv, no_space);
	r->plain = 0;
	/* libcsv grows a field's buffer by this much at a time: by its 128
	 * bytes a 10 MB field costs 80,000 reallocations, each a copy where
	 * realloc cannot grow in place */
	csv_set_blk_size(&r->csv, 1 << 16);
	if (r->tsv) {   /* TSV quotes nothing: its escapes are undone per value */
		csv_set_delim(&r->csv, CSV_TAB);
		csv_set_quote(&r->csv, '\0');
	}
}

/* ="..." is how spreadsheets and xj query --excel keep digits as text:
 * the value is what is inside. */
static void excel_unwrap(struct xj_reader *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++) {
		char *v = r->arena.buf + r->val_off[i];
		size_t n = strlen(v);

		if (n >= 3 && v[0] == '=' && v[1] == '"' && v[n - 1] == '"' &&
		    !memchr(v + 2, '"', n - 3)) {
			memmove(v, v + 2, n - 3);
			v[n - 3] = '\0';
		}
	}
}

/* \t \n \r \\ back to the bytes the writer escaped, in place. */
static void tsv_unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			char c = s[1];

			if (c == 't' || c == 'n' || c == 'r' || c == '\\') {
				*out++ = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\\';
				s++;
				continue;
			}
		}
		*out++ = *s;
	}
	*out = '\0';
}

/* Does the line hold an odd number of quotes?  A doubled quote inside a
 * field counts twice, so the parity says whether the line ends inside a
 * quoted field. */
static int quotes_odd(const char *line, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += line[i] == '"';
	return n & 1;
}

/* Where a well-formed quoted field starting at s ends (just past its
 * closing quote, which a comma or the end follows), or NULL. */
static const char *quoted_end(const char *s, const char *end)
{
	for (s++; s < end; s++) {
		if (*s != '"')
			continue;
		if (s + 1 < end && s[1] == '"') {
			s++;
			continue;
		}
		return s + 1 == end || s[1] == ',' ? s + 1 : NULL;
	}
	return NULL;
}

/* A row refused for its quoting is split again: a field quoted as the RFC
 * says is unquoted, any other is kept as written up to the next comma.  So
 * the reject file gives back every column, not the few read before the
 * fault, and the faulty field as it was typed. */
static void salvage_row(struct xj_reader *r)
{
	const char *s = r->row_raw.buf, *end = s + r->row_raw.len;

	xj_sb_reset(&r->arena);
	r->nf = 0;
	if (!s)
		return;
	if (end > s && end[-1] == '\n')
		end--;
	if (end > s && end[-1] == '\r')
		end--;
	for (;;) {
		const char *q = *s == '"' ? quoted_end(s, end) : NULL;
		const char *stop = q ? q : memchr(s, ',', (size_t)(end - s));

		if (!stop)
			stop = end;
		row_grow(r);
		r->name_off[r->nf] = (size_t)-1;
		r->val_off[r->nf] = q ? arena_unquote(r, s + 1, q - 1) :
					arena_add(r, s, (size_t)(stop - s));
		r->nf++;
		if (stop == end)
			break;
		s = stop + 1;
	}
}

/* libcsv asks is_lf and no_space of every byte of a field, through a
 * pointer; with none set it compares the byte itself, which takes a CR,
 * a space and a tab for what we do not.  A piece that holds none of the
 * three is read alike either way, and the comparisons cost much less. */
static void csv_tests(struct xj_reader *r, const char *s, size_t n)
{
	int plain = !r->tsv && !memchr(s, '\r', n) && !memchr(s, ' ', n) && !memchr(s, '\t', n);

	if (plain == r->plain)
		return;
	r->plain = plain;
	csv_set_term_func(&r->csv, plain ? NULL : is_lf);
	csv_set_space_func(&r->csv, plain ? NULL : no_space);
}

/* libcsv grows a field by blk_size at a time: kept at the field's size,
 * fed a MiB at a time, the growth doubles, and a long field costs its
 * length, not its length squared. */
static void csv_feed(struct xj_reader *r, const char *s, size_t n)
{
	const size_t piece = 1 << 20;

	do {
		size_t k = n < piece ? n : piece;

		if (r->csv.entry_size > r->csv.blk_size)
			csv_set_blk_size(&r->csv, r->csv.entry_size);
		csv_tests(r, s, k);
		csv_parse(&r->csv, s, k, on_field, on_row, r);
		s += k;
		n -= k;
	} while (n && csv_error(&r->csv) == CSV_SUCCESS);
}

/* A TSV line with a NUL byte in it: libcsv, which must have a quote
 * byte and has NUL for TSV's (TSV quotes nothing), would take it for one.
 * The row is refused, the field the first NUL is in named, and the line
 * goes on with each NUL shown as U+2400, as a CSV value's are. */
static const char *tsv_nul(struct xj_reader *r, const char *line, size_t *len)
{
	const char *nul = memchr(line, '\0', *len), *p;
	size_t field = 1;

	for (p = line; p < nul; p++)
		field += *p == '\t';
	if (!r->nul_field)
		r->nul_field = r->nf + field;
	xj_sb_reset(&r->tsv_line);
	xj_sb_add_nul_shown(&r->tsv_line, line, *len);
	*len = r->tsv_line.len;
	return r->tsv_line.buf;
}

/* Feed lines to libcsv until a row is complete.  1: row, 0: end, -1: err. */
static int csv_read_row(struct xj_reader *r, struct xj_error *err)
{
	const char *line;
	size_t len;

	while (!r->row_done) {
		err->code = XJ_OK;
		line = next_line(r, &len, err);
		if (!line) {
			if (err->code != XJ_OK)
				return -1;
			if (csv_fini(&r->csv, on_field, on_row, r) != 0) {
				r->done = 1;
				salvage_row(r);
				xj_error_where(err, NULL, r->row_line, NULL);
				return xj_error_set(err, XJ_EDATA,
					"quoted field not closed at the end of the file");
			}
			return r->row_done ? 1 : 0;
		}
		if (!r->row_started && blank(line, len))
			continue;
		if (!r->row_started) {
			r->row_started = 1;
			r->row_line = r->lineno;
		}
		/* CRLF ending a row becomes LF, so '\n' alone ends a row and a lone
		 * CR is data; inside a quoted field the CRLF is data, kept as read
		 * (RFC 4180) */
		if (!r->tsv && quotes_odd(line, len))
			r->in_quotes = !r->in_quotes;
		if (!r->tsv)
			xj_sb_add(&r->row_raw, line, len);
		if (r->tsv && memchr(line, '\0', len))
			line = tsv_nul(r, line, &len);
		if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n' && !r->in_quotes) {
			csv_feed(r, line, len - 2);
			csv_feed(r, "\n", 1);
		} else {
			csv_feed(r, line, len);
		}
		if (csv_error(&r->csv) == CSV_EPARSE) {
			/* start afresh on the next line: one bad row costs one row */
			csv_free(&r->csv);
			csv_setup(r);
			salvage_row(r);
			xj_error_where(err, NULL, r->row_line, NULL);
			return xj_error_set(err, XJ_EDATA, "a quote inside an unquoted field,"
					    " or text after a closing quote");
		}
		/* libcsv failed (its memory, a field past its size): not read */
		if (csv_error(&r->csv) != CSV_SUCCESS)
			return xj_error_set(err, XJ_EIO, "%s",
					    csv_strerror(csv_error(&r->csv)));
		if ((long)r->row_raw.len > ROW_MAX || r->too_wide) {
			r->done = 1;
			xj_error_where(err, NULL, r->row_line, NULL);
			return r->too_wide ?
				xj_error_set(err, XJ_EFORMAT, "a row of more than %d fields",
					     FIELDS_MAX) :
				xj_error_set(err, XJ_EFORMAT, "a row longer than %ld MiB",
					     ROW_MAX >> 20);
		}
	}
	return 1;
}

/* A row of nothing but white space, however long, is skipped; a NUL
 * byte is something (the row is refused for it, never passed over). */
static int all_empty(const struct xj_reader *r)
{
	size_t i;

	if (r->nul_field)
		return 0;
	for (i = 0; i < r->nf; i++)
		if (!xj_validate_blank(r->arena.buf + r->val_off[i]))
			return 0;
	return 1;
}

struct col_name {
	const char *name;
	size_t i;
};

static int by_name(const void *a, const void *b)
{
	const struct col_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Two columns that are the same field: sorted by name, so a header of many
 * thousand columns costs n log n, not n squared.  The pair whose second
 * column comes first is named, as a reader of the file would find it. */
static int same_field(struct xj_reader *r, struct xj_error *err)
{
	struct col_name *v = xj_xcalloc(r->ncols ? r->ncols : 1, sizeof(*v));
	size_t i, a = 0, b = 0;

	for (i = 0; i < r->ncols; i++)
		v[i].name = r->hdr[i], v[i].i = i;
	qsort(v, r->ncols, sizeof(*v), by_name);
	for (i = 1; i < r->ncols; i++)
		if (!strcmp(v[i].name, v[i - 1].name) && (!b || v[i].i < b) &&
		    (i < 2 || strcmp(v[i - 2].name, v[i].name)))
			a = v[i - 1].i, b = v[i].i;
	free(v);
	if (!b)
		return 0;
	xj_error_where(err, NULL, r->row_line, r->hdr[b]);
	r->done = 1;
	return xj_error_set(err, XJ_EFORMAT, "columns %zu (%s) and %zu (%s) are the same field",
			    a + 1, r->hdr_raw[a], b + 1, r->hdr_raw[b]);
}

static int take_header(struct xj_reader *r, struct xj_error *err)
{
	size_t i;

	r->ncols = r->nf;
	r->hdr = xj_xcalloc(r->ncols, sizeof(char *));
	r->hdr_raw = xj_xcalloc(r->ncols, sizeof(char *));
	for (i = 0; i < r->ncols; i++) {
		char *raw = xj_xstrdup(r->arena.buf + r->val_off[i]);
		const struct xj_field_def *f;

		xj_validate_trim(raw);
		r->hdr_raw[i] = raw;
		f = xj_fields_lookup(raw);
		if (f) {
			r->hdr[i] = xj_xstrdup(f->name);
		} else if (*raw) {
			r->hdr[i] = xj_xstrdup(raw);
		} else {
			struct xj_sb sb = XJ_SB_INIT;

			xj_sb_addf(&sb, "column_%zu", i + 1);
			r->hdr[i] = xj_sb_detach(&sb);
		}
	}
	return same_field(r, err);
}

static void publish(struct xj_reader *r, struct xj_record *rec)
{
	size_t i;

	if (r->avals < r->nf) {
		r->avals = r->nf;
		r->names = xj_xreallocarray(r->names, r->avals, sizeof(char *));
		r->values = xj_xreallocarray(r->values, r->avals, sizeof(char *));
	}
	for (i = 0; i < r->nf; i++) {
		size_t no = r->name_off[i];

		if (no != (size_t)-1)
			r->names[i] = r->arena.buf + no;
		else
			r->names[i] = i < r->ncols ? r->hdr[i] : "";
		r->values[i] = r->arena.buf + r->val_off[i];
	}
	rec->file = xj_input_name(r->in);
	rec->line = r->row_line;
	rec->n = r->nf;
	rec->names = r->names;
	rec->values = r->values;
}

/* Refuse a row whose bytes did not convert to valid text. */
static int check_text(const struct xj_reader *r, const struct xj_record *rec,
		      struct xj_error *err)
{
	int gb = strncmp(xj_input_encoding(r->in), "gb18030", 7) == 0;
	size_t i;

	if (r->nul_field && r->nul_field <= rec->n) {
		xj_error_where(err, NULL, rec->line, rec->names[r->nul_field - 1]);
		return xj_error_set(err, XJ_EDATA, "a NUL byte in the value");
	}
	for (i = 0; i < rec->n; i++) {
		const char *v = rec->values[i];

		if (gb ? strstr(v, "\xef\xbf\xbd") == NULL :
			 xj_text_utf8_valid(v, strlen(v), 0))
			continue;
		xj_error_where(err, NULL, rec->line, rec->names[i]);
		return xj_error_set(err, XJ_EDATA, "%s", gb && xj_input_saw_2005(r->in) ?
			_("bytes that are not GB18030 text (the file has codes of"
			  " GB 18030-2005: give --encoding gb18030-2005)") : gb ?
			_("bytes that are not GB18030 text") :
			_("bytes that are not UTF-8 text (for GB18030 files give"
			  " --encoding gb18030)"));
	}
	return 0;
}

/* Letters, digits and signs only: a key, a request number, a column name. */
static int bare_word(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v >= 0x80 || *v == ' ' || *v == '\t')
			return 0;
	return 1;
}

/* Above the header, a row of one value that names no field and is no bare
 * word (a title has Chinese in it, or spaces) is a title a spreadsheet put
 * there ("2026级新生名册"), not the header: a header has several columns,
 * or names a field; a bare list of keys or request numbers is words and
 * digits.  At most a few are taken so. */
static int title_row(struct xj_reader *r)
{
	const char *one = NULL;
	char *v;
	size_t i;

	if (r->ntitles >= 5)
		return 0;
	for (i = 0; i < r->nf; i++) {
		const char *x = r->arena.buf + r->val_off[i];

		if (x[strspn(x, " \t\r\n")] == '\0')
			continue;
		if (one)
			return 0;
		one = x;
	}
	v = xj_xstrdup(one ? one : "");
	xj_validate_trim(v);
	if (!*v || xj_fields_lookup(v) || bare_word(v)) {
		free(v);
		return 0;
	}
	free(r->title);
	r->title = v;
	r->title_line = r->row_line;
	r->ntitles++;
	return 1;
}

/* An empty row is skipped and the first other one is the header:
 * 1 when the row read was either, 0 for a record, -1 on error. */
static int skip_or_header(struct xj_reader *r, struct xj_error *err)
{
	if (all_empty(r))
		return 1;
	if (r->hdr)
		return 0;
	if (title_row(r))
		return 1;
	return take_header(r, err) < 0 ? -1 : 1;
}

int xj_reader_has_header(const struct xj_reader *r)
{
	return !r->yaml;
}

const char *xj_reader_title(const struct xj_reader *r, long *line, int *n)
{
	*line = r->title_line;
	*n = r->ntitles;
	return r->title;
}

/* A row read whole: skipped above the header or taken as it (1), or the
 * record handed out (0); -1 and err when the header is refused. */
static int take_row(struct xj_reader *r, struct xj_record *rec, struct xj_error *err)
{
	int rc = skip_or_header(r, err);

	if (rc == 0)
		publish(r, rec);
	return rc;
}

static int csv_next(struct xj_reader *r, struct xj_record *rec,
		    struct xj_error *err)
{
	int rc;

	for (;;) {
		row_reset(r);
		rc = csv_read_row(r, err);
		if (rc < 0 && err->code == XJ_EDATA && r->hdr)
			publish(r, rec);   /* the unclosed row, for the reject file */
		if (rc <= 0)
			return rc;
		if ((rc = take_row(r, rec, err)) != 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		excel_unwrap(r);
		if (r->tsv) {
			size_t i;

			for (i = 0; i < r->nf; i++)
				tsv_unescape(r->arena.buf + r->val_off[i]);
		}
		if (check_text(r, rec, err) < 0)
			return -1;
		if (r->nf != r->ncols) {
			xj_error_where(err, NULL, rec->line, NULL);
			return xj_error_set(err, XJ_EDATA,
				"row has %zu fields, the header has %zu", r->nf, r->ncols);
		}
		return 1;
	}
}

static int yaml_input(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct xj_reader *r = data;
	struct xj_error e;
	ssize_t n;

	/* libyaml holds a value whole until it ends: a record is bounded as a
	 * CSV row is, by what was fed since the last record began */
	if (r->yaml_fed > ROW_MAX) {
		r->yaml_long = 1;
		return 0;
	}
	xj_error_clear(&e);
	n = xj_input_read(r->in, (char *)buf, size, &e);
	if (n < 0)
		return 0;
	r->yaml_fed += n;
	*got = (size_t)n;
	return 1;
}

static int yaml_fail(struct xj_reader *r, struct xj_error *err)
{
	r->done = 1;
	xj_error_where(err, NULL, (long)r->yp.problem_mark.line + 1, NULL);
	if (r->yaml_long)
		return xj_error_set(err, XJ_EFORMAT, "a row longer than %ld MiB", ROW_MAX >> 20);
	return xj_error_set(err, XJ_EFORMAT, "not a YAML record stream: %s",
			    r->yp.problem ? r->yp.problem : _("parse error"));
}

/* Skip a nested sequence or mapping whose start event was just read. */
static int yaml_skip(struct xj_reader *r, struct xj_error *err)
{
	int depth = 1;

	while (depth > 0) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fail(r, err);
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		/* the stream and its record are two levels more: stopped here,
		 * libyaml has scanned little further, however deep it goes */
		if (depth + 2 > XJ_YAML_DEPTH) {
			r->done = 1;
			xj_error_where(err, NULL, (long)ev.start_mark.line + 1, NULL);
			yaml_event_delete(&ev);
			return xj_error_set(err, XJ_EFORMAT, "nested deeper than %d levels",
					    XJ_YAML_DEPTH);
		}
		yaml_event_delete(&ev);
	}
	return 0;
}

static const char *yaml_scalar(const yaml_event_t *ev, size_t *len)
{
	const char *v = (const char *)ev->data.scalar.value;

	*len = ev->data.scalar.length;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    *len == 1 && v[0] == '~')
		*len = 0;
	return v;
}

/* Read the events of one mapping into the row. */
static int yaml_mapping(struct xj_reader *r, struct xj_error *err)
{
	int want_key = 1;

	for (;;) {
		yaml_event_t ev;
		size_t len;
		const char *s;

		if (!yaml_parser_parse(&r->yp, &ev))
			return yaml_fail(r, err);
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type == YAML_SCALAR_EVENT) {
			s = yaml_scalar(&ev, &len);
			if (want_key) {
				const struct xj_field_def *f;

				row_grow(r);
				r->name_off[r->nf] = arena_add(r, s, len);
				f = xj_fields_lookup(r->arena.buf + r->name_off[r->nf]);
				if (f)
					r->name_off[r->nf] = arena_add(r, f->name, strlen(f->name));
			} else {
				r->val_off[r->nf++] = arena_add(r, s, len);
			}
		} else if (ev.type == YAML_SEQUENCE_START_EVENT ||
			   ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_ALIAS_EVENT) {
			if (ev.type != YAML_ALIAS_EVENT && yaml_skip(r, err) < 0) {
				yaml_event_delete(&ev);
				return -1;
			}
			if (want_key)
				row_grow(r), r->name_off[r->nf] = arena_add(r, "", 0);
			else
				r->val_off[r->nf++] = arena_add(r, "", 0);
			if (!r->row_bad)
				snprintf(r->row_why, sizeof(r->row_why), "%s",
					 _("a value must be a single text, not a list,"
					   " mapping or alias"));
			r->row_bad = 1;
		}
		want_key = !want_key;
		yaml_event_delete(&ev);
	}
}

/* The type and line of the next event, when only those matter. */
static int next_event(struct xj_reader *r, yaml_event_type_t *t, long *line,
		      struct xj_error *err)
{
	yaml_event_t ev;

	if (!yaml_parser_parse(&r->yp, &ev))
		return yaml_fail(r, err);
	*t = ev.type;
	*line = (long)ev.start_mark.line + 1;
	/* a record that is a bare value is refused: the value goes with it,
	 * nameless, so that the reject file gives it back */
	if (ev.type == YAML_SCALAR_EVENT) {
		size_t len;
		const char *v = yaml_scalar(&ev, &len);

		row_grow(r);
		r->name_off[r->nf] = arena_add(r, "", 0);
		r->val_off[r->nf++] = arena_add(r, v, len);
	}
	yaml_event_delete(&ev);
	return 0;
}

static int yaml_expect_start(struct xj_reader *r, struct xj_error *err)
{
	for (;;) {
		yaml_event_type_t t = YAML_NO_EVENT;
		long line;

		if (next_event(r, &t, &line, err) < 0)
			return -1;
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT)
			continue;
		if (t == YAML_SEQUENCE_START_EVENT)
			return 1;
		if (t == YAML_STREAM_END_EVENT)
			return 0;
		r->done = 1;
		xj_error_where(err, NULL, 1, NULL);
		return xj_error_set(err, XJ_EFORMAT,
			"not a YAML record stream: want a sequence of mappings");
	}
}

static int yaml_next(struct xj_reader *r, struct xj_record *rec,
		     struct xj_error *err)
{
	size_t i, j;

	row_reset(r);
	r->yaml_fed = 0;
	if (!r->yaml_started) {
		int rc = yaml_expect_start(r, err);

		r->yaml_started = 1;
		if (rc <= 0) {
			r->done = 1;
			return rc;
		}
	}
	for (;;) {
		yaml_event_type_t t = YAML_NO_EVENT;

		if (next_event(r, &t, &r->row_line, err) < 0)
			return -1;
		if (t == YAML_SEQUENCE_END_EVENT) {
			r->done = 1;
			return 0;
		}
		if (t == YAML_MAPPING_START_EVENT)
			break;
		if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			if (t == YAML_SEQUENCE_START_EVENT && yaml_skip(r, err) < 0)
				return -1;
			xj_error_where(err, NULL, r->row_line, NULL);
			publish(r, rec);
			return xj_error_set(err, XJ_EDATA, "a record must be a mapping of fields");
		}
	}
	if (yaml_mapping(r, err) < 0)
		return -1;
	publish(r, rec);
	for (i = 0; i < rec->n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(rec->names[i], rec->names[j]) == 0) {
				xj_error_where(err, NULL, rec->line, rec->names[i]);
				return xj_error_set(err, XJ_EDATA, "field given twice");
			}
	if (r->row_bad) {
		xj_error_where(err, NULL, rec->line, NULL);
		return xj_error_set(err, XJ_EDATA, "%s", r->row_why);
	}
	return check_text(r, rec, err) < 0 ? -1 : 1;
}

/* A worksheet row into the row being read, cell by cell as CSV fields are;
 * after the header, short rows are padded to its width. */
static void xlsx_take(struct xj_reader *r, const struct xj_xlsx_row *row)
{
	size_t i;

	row_reset(r);
	r->row_line = row->line;
	for (i = 0; i < row->n || (r->hdr && i < r->ncols); i++) {
		const char *v = i < row->n ? row->values[i] : "";

		row_grow(r);
		r->name_off[r->nf] = (size_t)-1;
		r->val_off[r->nf++] = arena_add(r, v, strlen(v));
	}
}

/* A value right of the header's last column has no field to go in. */
static int beyond_header(const struct xj_reader *r, const struct xj_xlsx_row *row,
			 struct xj_error *err)
{
	char cell[24];
	size_t i;

	for (i = r->ncols; i < row->n; i++)
		if (*row->values[i]) {
			xj_xlsx_cell_name(i, row->line, cell);
			xj_error_where(err, NULL, row->line, NULL);
			return xj_error_set(err, XJ_EDATA,
					    "cell %s: beyond the last column of the header", cell);
		}
	return 1;
}

static int xlsx_next(struct xj_reader *r, struct xj_record *rec,
		     struct xj_error *err)
{
	struct xj_xlsx_row row;

	for (;;) {
		int rc = xj_xlsx_next(r->xlsx, &row, err);

		if (rc == 0 || (rc < 0 && err->code != XJ_EDATA))
			return rc;
		xlsx_take(r, &row);
		if (rc < 0 && !r->hdr) {   /* an error cell in the header */
			r->done = 1;
			err->code = XJ_EFORMAT;
			return -1;
		}
		if (rc < 0) {
			publish(r, rec);
			xj_error_where(err, NULL, rec->line,
				       row.bad_col < r->ncols ? r->hdr[row.bad_col] : NULL);
			return -1;
		}
		if ((rc = take_row(r, rec, err)) != 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		return beyond_header(r, &row, err);
	}
}

int xj_reader_next(struct xj_reader *r, struct xj_record *rec,
		   struct xj_error *err)
{
	int rc;

	if (r->done)
		return 0;
	rc = r->xlsx ? xlsx_next(r, rec, err) : r->yaml ? yaml_next(r, rec, err) :
	     csv_next(r, rec, err);
	if (rc < 0) {
		xj_error_file(err, xj_input_name(r->in));
		if (err->code != XJ_EDATA)
			r->done = 1;
	}
	return rc;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* YAML when the name says so, or when the text starts like a sequence. */
static int looks_yaml(const char *path, const char *p, size_t n)
{
	size_t i = 0;

	if (ends_with(path, ".yaml") || ends_with(path, ".yml"))
		return 1;
	if (ends_with(path, ".csv") || ends_with(path, ".tsv"))
		return 0;
	while (i < n) {
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n') {
			i++;
		} else if (p[i] == '#') {
			while (i < n && p[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	return i < n && (p[i] == '-' || p[i] == '%');
}

static int looks_tsv(const char *path, const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t len = nl ? (size_t)(nl - p) : n;

	if (ends_with(path, ".tsv"))
		return 1;
	return memchr(p, '\t', len) && !memchr(p, ',', len);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read the input to its end, so that its SHA-256 is whole; with fd >= 0,
 * keep its bytes there too. */
static int copy_input(struct xj_reader *r, int fd, struct xj_error *err)
{
	char buf[65536];

	for (;;) {
		ssize_t n = xj_input_read(r->in, buf, sizeof(buf), err);

		if (n <= 0)
			return (int)n;
		if (fd >= 0 && write_all(fd, buf, (size_t)n) < 0) {
			int e = errno;

			return xj_error_set(err, XJ_EIO, "cannot keep %s in a temporary file: %s",
					    xj_input_name(r->in), strerror(e));
		}
	}
}

/* libzip must seek, which a pipe cannot: standard input goes to a temporary
 * file first, unlinked at once so that nothing is left behind. */
static int spool(struct xj_reader *r, struct xj_error *err)
{
	const char *dir = getenv("TMPDIR");
	struct xj_sb path = XJ_SB_INIT;
	int fd, e;

	xj_sb_addf(&path, "%s/xj-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path.buf);
	e = errno;
	if (fd >= 0) {
		unlink(path.buf);
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	} else {
		xj_error_set(err, XJ_EIO, "cannot make a temporary file %s: %s", path.buf,
			     strerror(e));
	}
	xj_sb_release(&path);
	if (fd < 0)
		return -1;
	if (copy_input(r, fd, err) < 0) {
		close(fd);
		return -1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		e = errno;
		close(fd);
		return xj_error_set(err, XJ_EIO, "cannot read back a temporary file: %s",
				    strerror(e));
	}
	return fd;
}

/* A named file is opened again by libzip, after it was read for its hash. */
static int reopen(struct xj_reader *r, const char *path, struct xj_error *err)
{
	if (copy_input(r, -1, err) < 0)
		return -1;
	return xj_infile_open(path, err);
}

static int xlsx_open(struct xj_reader *r, const char *path, const char *sheet,
		     struct xj_error *err)
{
	int fd = strcmp(path, "-") == 0 ? spool(r, err) : reopen(r, path, err);

	if (fd < 0)
		return -1;
	r->xlsx = xj_xlsx_open(fd, xj_input_name(r->in), sheet, err);
	return r->xlsx ? 0 : -1;
}

struct xj_reader *xj_reader_open(const char *path,
				 const struct xj_reader_opts *opts,
				 struct xj_error *err)
{
	struct xj_reader *r;
	const char *peek;
	size_t n;
	struct xj_input *in = xj_input_open(path, opts ? opts->encoding : NULL, err);

	if (!in)
		return NULL;
	r = xj_xcalloc(1, sizeof(*r));
	r->in = in;
	r->path = xj_xstrdup(path);
	r->sheet = opts && opts->sheet ? xj_xstrdup(opts->sheet) : NULL;
	if (strcmp(xj_input_encoding(in), "binary") == 0) {   /* a zip: .xlsx */
		if (xlsx_open(r, path, opts ? opts->sheet : NULL, err) == 0)
			return r;
		xj_reader_free(r);
		return NULL;
	}
	peek = xj_input_peek(in, &n);
	r->yaml = looks_yaml(path, peek, n);
	if (r->yaml) {
		yaml_parser_initialize(&r->yp);
		yaml_parser_set_input(&r->yp, yaml_input, r);
		r->yp_ready = 1;
		return r;
	}
	r->tsv = looks_tsv(path, peek, n);
	csv_setup(r);
	r->csv_ready = 1;
	return r;
}

int xj_reader_regular(const struct xj_reader *r)
{
	struct stat sb;

	return strcmp(r->path, "-") != 0 && stat(r->path, &sb) == 0 && S_ISREG(sb.st_mode);
}

struct xj_reader *xj_reader_again(const struct xj_reader *r, struct xj_error *err)
{
	struct xj_reader_opts o = { .encoding = r->xlsx ? NULL : xj_input_encoding(r->in),
		.sheet = r->sheet };

	return xj_reader_open(r->path, &o, err);
}

const char *xj_reader_sheet(const struct xj_reader *r)
{
	const char *name;
	size_t i;
	int cur = 0;

	for (i = 0; r->xlsx && (name = xj_xlsx_sheet(r->xlsx, i, &cur)) != NULL; i++)
		if (cur)
			return name;
	return NULL;
}

/* Does the header of r (read to its first row) name the fields? */
static int header_names(struct xj_reader *r, const char *const *fields, size_t n, int any)
{
	struct xj_record rec;
	struct xj_error e;
	size_t i, j, found = 0;
	int rc;

	do {
		memset(&rec, 0, sizeof(rec));
		xj_error_clear(&e);
		rc = xj_reader_next(r, &rec, &e);
	} while (rc < 0 && e.code == XJ_EDATA && r->ncols == 0);
	for (i = 0; i < n; i++)
		for (j = 0; j < r->ncols; j++)
			if (strcmp(r->hdr[j], fields[i]) == 0) {
				found++;
				break;
			}
	return any ? found > 0 : found == n;
}

void xj_reader_sheets_with(const struct xj_reader *r, const char *const *fields, size_t n,
			   int any, struct xj_sb *with, struct xj_sb *all)
{
	const char *name;
	size_t i;
	int cur;

	if (!r->xlsx || !xj_reader_regular(r))
		return;
	for (i = 0; (name = xj_xlsx_sheet(r->xlsx, i, &cur)) != NULL; i++) {
		struct xj_reader_opts o = { .sheet = name };
		struct xj_error e;
		struct xj_reader *other;

		xj_sb_addf(all, "%s%s", all->len ? ", " : "", name);
		if (cur)
			continue;
		xj_error_clear(&e);
		other = xj_reader_open(r->path, &o, &e);
		if (other && header_names(other, fields, n, any))
			xj_sb_addf(with, "%s%s", with->len ? ", " : "", name);
		xj_reader_free(other);
	}
}

const char *xj_reader_name(const struct xj_reader *r)
{
	return xj_input_name(r->in);
}

const char *xj_reader_encoding(const struct xj_reader *r)
{
	return r->xlsx ? "xlsx" : xj_input_encoding(r->in);
}

size_t xj_reader_header(const struct xj_reader *r, const char *const **names,
			const char *const **raw)
{
	*names = (const char *const *)r->hdr;
	if (raw)
		*raw = (const char *const *)r->hdr_raw;
	return r->ncols;
}

void xj_reader_sha256(struct xj_reader *r, char hex[65])
{
	xj_input_sha256(r->in, hex);
}

void xj_reader_free(struct xj_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->csv_ready)
		csv_free(&r->csv);
	if (r->yp_ready)
		yaml_parser_delete(&r->yp);
	xj_xlsx_free(r->xlsx);
	for (i = 0; i < r->ncols; i++) {
		free(r->hdr[i]);
		free(r->hdr_raw[i]);
	}
	free(r->hdr);
	free(r->hdr_raw);
	free(r->name_off);
	free(r->val_off);
	free(r->names);
	free(r->values);
	xj_sb_release(&r->arena);
	xj_sb_release(&r->row_raw);
	xj_sb_release(&r->tsv_line);
	free(r->title);
	xj_sb_release(&r->pend);
	xj_input_free(r->in);
	free(r->path);
	free(r->sheet);
	free(r);
}

const char *xj_reader_get(const struct xj_record *rec, const char *name)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (strcmp(rec->names[i], name) == 0)
			return rec->values[i];
	return NULL;
}
