/* writer.h: record streams out, as CSV (RFC 4180), TSV, YAML or JSON, in
 * UTF-8, GB18030 (2022's mapping or 2005's) or GBK.  The writer borrows the FILE and the column names; it
 * owns only its own buffers. */
#ifndef XJ_WRITER_H
#define XJ_WRITER_H

#include <stddef.h>
#include <stdio.h>
#include "xj/error.h"

enum xj_format { XJ_FMT_CSV, XJ_FMT_TSV, XJ_FMT_YAML, XJ_FMT_JSON, XJ_FMT_XLSX };

struct xj_writer_opts {
	enum xj_format format;
	const char *encoding;  /* NULL or "utf-8", "gb18030" (or "gb18030-2022"),
				  "gb18030-2005", "gbk" */
	int lang_zh;           /* Chinese headers, and the vocabularies' words */
	int excel;             /* CSV: long digit strings as ="..." text */
	int zh_headers_only;   /* with lang_zh: the values as they are (a reject
				  file gives back what it was given) */
};

struct xj_writer;

/* The converter's name (conv.h) of an output encoding: "UTF-8" (also for
 * NULL), "GB18030", "GB18030-2005", "GBK"; NULL for one xj does not write. */
const char *xj_writer_output_charset(const char *name);

/* "csv", "tsv", "yaml", "json", "xlsx" -> 0 and *out; else -1. */
int xj_writer_format_parse(const char *s, enum xj_format *out);

struct xj_writer *xj_writer_new(FILE *fp, const struct xj_writer_opts *opts,
				struct xj_error *err);
/* The columns of every row to come; the names must outlive the writer. */
void xj_writer_columns(struct xj_writer *w, size_t n, const char *const *names);
/* One row, values in column order (NULL is written as empty). */
int xj_writer_row(struct xj_writer *w, const char *const *values,
		  struct xj_error *err);
/* Whether xj_writer_row could write values in the output's encoding: 0,
 * or -1 (XJ_EDATA) as it would say; nothing is written.  For a caller
 * that must refuse a row before it changes anything for it. */
int xj_writer_check_row(struct xj_writer *w, const char *const *values,
			struct xj_error *err);
/* Write values that a spreadsheet would run as formulas (= + - @ first)
 * as they are, not after a '. */
void xj_writer_raw(struct xj_writer *w, int raw);
/* With no rows, write no CSV or TSV header at the end (-q).  YAML's and
 * JSON's empty list is the empty document, and a workbook is written
 * whole: both all the same. */
void xj_writer_quiet_empty(struct xj_writer *w);
/* What each column holds, for JSON and YAML, one letter a column: 's'
 * text (the default), 'n' a number, 'j' JSON text.  A number is written
 * bare, JSON text as the value it is, an empty one as null; a value that
 * is not what its column says is written as text. */
void xj_writer_kinds(struct xj_writer *w, const char *kinds);
/* Close the stream's syntax (JSON's bracket, a CSV header with no rows). */
int xj_writer_end(struct xj_writer *w, struct xj_error *err);
void xj_writer_free(struct xj_writer *w);

#endif
