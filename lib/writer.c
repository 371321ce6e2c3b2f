/* writer.c: record streams out: one place that knows how to quote. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xj/conv.h"
#include "xj/input.h"
#include "xj/json.h"
#include "xj/names.h"
#include "xj/strbuf.h"
#include "xj/vocab.h"
#include "xj/writer.h"
#include "xlsx_write.h"

/* A translated value longer than this is written as it is. */
#define XJ_ZH_VALUE_MAX 512

struct xj_writer {
	FILE *fp;
	struct xj_writer_opts o;
	struct xj_conv *cd;
	size_t n;
	const char *const *names;
	size_t rows;
	int header_done, raw;
	int quiet_empty;   /* xj_writer_quiet_empty */
	struct xj_sb line, conv, guard;
	struct xj_xlsxw *book;
	char **own;   /* the copied column names, NULL-ended */
	const char **zh;   /* --lang zh: a row's values in Chinese */
	char *kinds;       /* 's', 'n', 'j' by column (xj_writer_kinds) */
	char (*zhbuf)[XJ_ZH_VALUE_MAX];
};

static void free_names(struct xj_writer *w)
{
	char **p;

	for (p = w->own; p && *p; p++)
		free(*p);
	free(w->own);
	w->own = NULL;
	free(w->zh);
	free(w->zhbuf);
	w->zh = NULL;
	w->zhbuf = NULL;
}

int xj_writer_format_parse(const char *s, enum xj_format *out)
{
	static const char *names[] = { "csv", "tsv", "yaml", "json", "xlsx" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum xj_format)i;
			return 0;
		}
	return -1;
}

const char *xj_writer_output_charset(const char *name)
{
	if (!name || !*name || !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		return "UTF-8";
	if (!strcasecmp(name, "gb18030") || !strcasecmp(name, "gb18030-2022"))
		return "GB18030";
	/* for a system that reads GB 18030-2005's mapping (conv.h) */
	if (!strcasecmp(name, "gb18030-2005"))
		return "GB18030-2005";
	/* GBK is what older systems (CHSI's DBF files among them) can take:
	 * written as such, a name beyond it fails instead of turning into '?' */
	if (!strcasecmp(name, "gbk") || !strcasecmp(name, "cp936"))
		return "GBK";
	return NULL;
}

struct xj_writer *xj_writer_new(FILE *fp, const struct xj_writer_opts *opts,
				struct xj_error *err)
{
	struct xj_writer *w;
	const char *cs = xj_writer_output_charset(opts->encoding);

	if (!cs) {
		xj_error_set(err, XJ_EUSAGE, "unknown encoding '%s' (want utf-8, gb18030,"
			     " gb18030-2005 or gbk)", opts->encoding);
		return NULL;
	}
	if (opts->format == XJ_FMT_XLSX && strcmp(cs, "UTF-8") != 0) {
		xj_error_set(err, XJ_EUSAGE, "an .xlsx workbook is always Unicode:"
			     " --encoding does not apply");
		return NULL;
	}
	w = xj_xcalloc(1, sizeof(*w));
	w->fp = fp;
	w->o = *opts;
	if (opts->format == XJ_FMT_XLSX && !(w->book = xj_xlsx_write_new(err))) {
		free(w);
		return NULL;
	}
	if (strcmp(cs, "UTF-8") != 0 && !(w->cd = xj_conv_open(cs, "UTF-8"))) {
		xj_error_set(err, XJ_EIO, "cannot convert to %s: %s", cs, strerror(errno));
		free(w);
		return NULL;
	}
	return w;
}

/* The names are copied: the header may be written only at the end (no
 * rows), after the caller's array is gone. */
void xj_writer_columns(struct xj_writer *w, size_t n, const char *const *names)
{
	size_t i;

	free_names(w);
	w->own = xj_xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		w->own[i] = xj_xstrdup(names[i]);
	w->n = n;
	w->names = (const char *const *)w->own;
	if (w->o.lang_zh && !w->o.zh_headers_only) {
		w->zh = xj_xcalloc(n + 1, sizeof(char *));
		w->zhbuf = xj_xcalloc(n + 1, sizeof(*w->zhbuf));
	}
}

/* --lang zh: the vocabulary words of a row in Chinese (vocab.h), the
 * data as it is. */
static const char *const *zh_values(struct xj_writer *w, const char *const *values)
{
	size_t i;

	if (!w->zh)
		return values;
	for (i = 0; i < w->n; i++)
		w->zh[i] = xj_vocab_value_zh(w->names[i], values[i], w->zhbuf[i], sizeof(w->zhbuf[i]));
	return w->zh;
}

/* Whether text converts to the output's encoding (w->cd): 0, or -1
 * naming the first character that does not, and the column (col) it is
 * in when that is known. */
static int convertible(struct xj_writer *w, const char *text, size_t len,
		       const char *col, struct xj_error *err)
{
	const char *cs = xj_writer_output_charset(w->o.encoding);
	char *src = (char *)text, *dst, bad[64];
	size_t left = len, room;

	xj_sb_reset(&w->conv);
	xj_sb_grow(&w->conv, len * 2 + 4);
	dst = w->conv.buf;
	room = w->conv.alloc - 1;
	if (xj_conv(w->cd, &src, &left, &dst, &room) != (size_t)-1) {
		w->conv.len = (size_t)(dst - w->conv.buf);
		return 0;
	}
	/* said the way every other "cannot be written" is: "𠮷" (U+20BB7) */
	if (xj_names_encodable(text, cs, bad, sizeof(bad)) != 0)
		snprintf(bad, sizeof(bad), "?");
	if (col)
		return xj_error_set(err, XJ_EDATA, "%s: %s cannot be written in %s", col, bad, cs);
	return xj_error_set(err, XJ_EDATA, "%s cannot be written in %s", bad, cs);
}

/* values already in the words they are written in (zh_values) */
static int check_values(struct xj_writer *w, const char *const *values,
			struct xj_error *err)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (values[i] && convertible(w, values[i], strlen(values[i]), w->names[i], err) < 0)
			return -1;
	return 0;
}

int xj_writer_check_row(struct xj_writer *w, const char *const *values,
			struct xj_error *err)
{
	if (!w->cd || w->book)
		return 0;
	return check_values(w, zh_values(w, values), err);
}

/* The line out, in the output's encoding.  A row that cannot be written
 * goes from the line (from mark on) and says which of its values is at
 * fault; a header before it stays, to go out with the next row. */
static int flush_line(struct xj_writer *w, size_t mark, const char *const *values,
		      struct xj_error *err)
{
	const char *out = w->line.buf;
	size_t len = w->line.len;

	if (w->cd && len) {
		if (convertible(w, w->line.buf, len, NULL, err) < 0) {
			w->line.len = mark;
			w->line.buf[mark] = '\0';
			/* a header that cannot be written goes too, said as such;
			 * else the row's value at fault is named */
			if (mark && convertible(w, w->line.buf, mark, "header", err) < 0)
				xj_sb_reset(&w->line);
			else if (values)
				check_values(w, values, err);
			return -1;
		}
		out = w->conv.buf;
		len = w->conv.len;
	}
	if (len && fwrite(out, 1, len, w->fp) != len)
		return xj_error_set(err, XJ_EIO, "write error: %s", strerror(errno));
	xj_sb_reset(&w->line);
	return 0;
}

/* Excel reads a long run of digits as a number: an 18-digit ID number
 * becomes 1.10101E+17 and loses its last digits, an exam number with a
 * leading zero loses the zero.  ="..." makes Excel keep it as text. */
static int excel_text(const char *v)
{
	size_t len = strspn(v, "0123456789");

	return len && !v[len] && (len >= 12 || (len > 1 && v[0] == '0'));
}

static void csv_value(struct xj_sb *sb, const char *v, int excel)
{
	size_t len = strlen(v);

	if (excel && excel_text(v)) {
		xj_sb_adds(sb, "\"=\"\"");
		xj_sb_add(sb, v, len);
		xj_sb_adds(sb, "\"\"\"");
		return;
	}
	int quote = strpbrk(v, ",\"\r\n") != NULL ||
		    (len && (v[0] == ' ' || v[len - 1] == ' '));

	if (!quote) {
		xj_sb_add(sb, v, len);
		return;
	}
	xj_sb_add_csv_quoted(sb, v);
}

/* A spreadsheet runs a cell beginning with = + - @ (or a tab or CR before
 * one) as a formula: such a value is written after a ' so it stays text,
 * unless it is a plain number.  --raw (xj_writer_raw) writes it as it is. */
static int formula_like(const char *v)
{
	const char *p = v;

	if (!strchr("=+-@\t\r", *v) || !*v)
		return 0;
	if (*p == '-' || *p == '+')
		p++;
	if (*p && strspn(p, "0123456789.") == strlen(p) && strchr(p, '.') == strrchr(p, '.') &&
	    *p != '.')
		return 0;
	return 1;
}

void xj_writer_raw(struct xj_writer *w, int raw)
{
	w->raw = raw;
}

/* TSV has no quoting: tab, newline and backslash are escaped instead. */
static void tsv_value(struct xj_sb *sb, const char *v)
{
	for (; *v; v++) {
		switch (*v) {
		case '\t': xj_sb_adds(sb, "\\t"); break;
		case '\n': xj_sb_adds(sb, "\\n"); break;
		case '\r': xj_sb_adds(sb, "\\r"); break;
		case '\\': xj_sb_adds(sb, "\\\\"); break;
		default: xj_sb_addc(sb, *v);
		}
	}
}

/* Plain YAML only for text no YAML reader could take for a number, date,
 * boolean or null, or mistake for syntax; everything else double-quoted. */
static int yaml_plain_ok(const char *v)
{
	static const char *words[] = { "true", "false", "yes", "no", "on", "off",
				       "null", "y", "n", NULL };
	size_t len = strlen(v), i;
	unsigned char c = (unsigned char)v[0];

	if (!len || !(c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
		return 0;
	if (v[len - 1] == ' ' || strstr(v, ": ") || strstr(v, " #") || v[len - 1] == ':')
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20)
			return 0;
	for (i = 0; words[i]; i++)
		if (strcasecmp(v, words[i]) == 0)
			return 0;
	return 1;
}

static void yaml_value(struct xj_sb *sb, const char *v)
{
	if (yaml_plain_ok(v))
		xj_sb_adds(sb, v);
	else
		xj_sb_add_json(sb, v);   /* JSON strings are YAML double-quoted scalars */
}

void xj_writer_kinds(struct xj_writer *w, const char *kinds)
{
	free(w->kinds);
	w->kinds = kinds ? xj_xstrdup(kinds) : NULL;
}

/* Column i's kind, when its value v is of it: 'n' or 'j' (or '0' for an
 * empty value of either, a null), else 's'. */
static char kind_of(const struct xj_writer *w, size_t i, const char *v)
{
	char k = w->kinds && i < strlen(w->kinds) ? w->kinds[i] : 's';

	if (k != 'n' && k != 'j')
		return 's';
	if (!*v)
		return '0';
	if (k == 'n')
		return xj_json_number(v) ? 'n' : 's';
	return xj_json_valid(v) ? 'j' : 's';
}

static void header_line(struct xj_writer *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		const char *h = w->o.lang_zh ? xj_vocab_column_zh(w->names[i]) : w->names[i];

		if (i)
			xj_sb_addc(&w->line, w->o.format == XJ_FMT_TSV ? '\t' : ',');
		if (w->o.format == XJ_FMT_TSV)
			tsv_value(&w->line, h);
		else
			csv_value(&w->line, h, 0);
	}
	xj_sb_addc(&w->line, '\n');
}

/* The header row of a workbook, with Chinese names on request. */
static int book_header(struct xj_writer *w, struct xj_error *err)
{
	const char **h = xj_xcalloc(w->n + 1, sizeof(char *));
	size_t i;
	int rc;

	for (i = 0; i < w->n; i++)
		h[i] = w->o.lang_zh ? xj_vocab_column_zh(w->names[i]) : w->names[i];
	rc = xj_xlsx_write_row(w->book, w->n, h, err);
	free(h);
	return rc;
}

int xj_writer_row(struct xj_writer *w, const char *const *values,
		  struct xj_error *err)
{
	size_t i, mark;

	values = zh_values(w, values);
	if (w->book) {
		if (!w->header_done && book_header(w, err) < 0)
			return -1;
		w->header_done = 1;
		if (xj_xlsx_write_row(w->book, w->n, values, err) < 0)
			return -1;
		w->rows++;
		return 0;
	}
	if (!w->header_done && (w->o.format == XJ_FMT_CSV || w->o.format == XJ_FMT_TSV))
		header_line(w);
	w->header_done = 1;
	mark = w->line.len;
	/* JSON's "[" belongs to its first row: a first row refused leaves "[]" */
	if (w->o.format == XJ_FMT_JSON)
		xj_sb_adds(&w->line, w->rows ? ",\n{" : "[\n{");
	for (i = 0; i < w->n; i++) {
		const char *v = values[i] ? values[i] : "";

		if (!w->raw && (w->o.format == XJ_FMT_CSV || w->o.format == XJ_FMT_TSV) &&
		    formula_like(v)) {
			xj_sb_reset(&w->guard);
			xj_sb_addc(&w->guard, '\'');
			xj_sb_adds(&w->guard, v);
			v = w->guard.buf;
		}
		switch (w->o.format) {
		case XJ_FMT_CSV:
			if (i)
				xj_sb_addc(&w->line, ',');
			csv_value(&w->line, v, w->o.excel);
			break;
		case XJ_FMT_TSV:
			if (i)
				xj_sb_addc(&w->line, '\t');
			tsv_value(&w->line, v);
			break;
		case XJ_FMT_YAML:
			xj_sb_adds(&w->line, i ? "  " : "- ");
			yaml_value(&w->line, w->names[i]);
			xj_sb_adds(&w->line, ": ");
			if (kind_of(w, i, v) == 'n')
				xj_sb_adds(&w->line, v);
			else
				yaml_value(&w->line, v);
			xj_sb_addc(&w->line, '\n');
			break;
		case XJ_FMT_JSON:
			if (i)
				xj_sb_addc(&w->line, ',');
			xj_sb_add_json(&w->line, w->names[i]);
			xj_sb_addc(&w->line, ':');
			switch (kind_of(w, i, v)) {
			case 'n': case 'j': xj_sb_adds(&w->line, v); break;
			case '0': xj_sb_adds(&w->line, "null"); break;
			default: xj_sb_add_json(&w->line, v); break;
			}
			break;
		case XJ_FMT_XLSX:   /* written by the workbook, above */
			break;
		}
	}
	if (w->o.format == XJ_FMT_CSV || w->o.format == XJ_FMT_TSV)
		xj_sb_addc(&w->line, '\n');
	else if (w->o.format == XJ_FMT_JSON)
		xj_sb_addc(&w->line, '}');
	if (flush_line(w, mark, values, err) < 0)
		return -1;
	w->rows++;
	return 0;
}

int xj_writer_end(struct xj_writer *w, struct xj_error *err)
{
	/* a CSV or TSV header alone is noise to a cron job; JSON's and YAML's
	 * [] is the empty document itself, which a parser needs */
	if (w->quiet_empty && !w->rows && (w->o.format == XJ_FMT_CSV || w->o.format == XJ_FMT_TSV))
		return 0;
	if (w->book) {
		if (!w->header_done && book_header(w, err) < 0)
			return -1;
		w->header_done = 1;
		return xj_xlsx_write_finish(w->book, w->fp, err);
	}
	if (w->o.format == XJ_FMT_JSON)
		xj_sb_adds(&w->line, w->rows ? "\n]\n" : "[]\n");
	else if (w->o.format == XJ_FMT_YAML && !w->rows)
		xj_sb_adds(&w->line, "[]\n");
	else if (!w->header_done && w->n)
		header_line(w);
	w->header_done = 1;
	return flush_line(w, 0, NULL, err);
}

/* -q: a listing with nothing in it says nothing, so that a cron job mails
 * only when there is something to see.  A workbook is still written
 * whole: an empty file is no workbook. */
void xj_writer_quiet_empty(struct xj_writer *w)
{
	w->quiet_empty = 1;
}

void xj_writer_free(struct xj_writer *w)
{
	if (!w)
		return;
	xj_conv_close(w->cd);
	xj_xlsx_write_free(w->book);
	xj_sb_release(&w->line);
	xj_sb_release(&w->guard);
	xj_sb_release(&w->conv);
	free_names(w);
	free(w->kinds);
	free(w);
}
