/* reader.h: record streams in.  A stream is CSV (or TSV) with a header row,
 * YAML (a sequence of mappings), or a worksheet of an .xlsx workbook with a
 * header row, from a file or standard input, in any encoding xj_input
 * accepts.  Headers are mapped to the English field names of fields.h;
 * unknown columns keep their own name.  Memory does not grow with the
 * number of rows: a record's strings belong to the reader and are valid
 * until the next xj_reader_next or xj_reader_free. */
#ifndef XJ_READER_H
#define XJ_READER_H

#include <stddef.h>
#include "xj/error.h"
#include "xj/strbuf.h"

struct xj_record {
	const char *file;     /* for diagnostics */
	long line;            /* the physical line where the row starts, or
				 the worksheet's row number */
	size_t n;
	const char **names;   /* field names (canonical where known) */
	const char **values;  /* field values as read, never NULL */
};

struct xj_reader_opts {
	const char *encoding;  /* NULL: detect */
	const char *sheet;     /* .xlsx: the sheet to read; NULL: the first */
};

struct xj_reader;

struct xj_reader *xj_reader_open(const char *path,
				 const struct xj_reader_opts *opts,
				 struct xj_error *err);
/* 1: a row is in rec.  0: the end.  -1: err says why; when err->code is
 * XJ_EDATA the row in rec (as far as it was read) is bad but reading can go
 * on, any other code ends the stream. */
int xj_reader_next(struct xj_reader *r, struct xj_record *rec,
		   struct xj_error *err);
/* Does r read a regular file (not standard input, a pipe or a device)?
 * Such a file can be opened again from its start, in the encoding (or
 * the sheet) r read it in. */
int xj_reader_regular(const struct xj_reader *r);
struct xj_reader *xj_reader_again(const struct xj_reader *r, struct xj_error *err);
const char *xj_reader_name(const struct xj_reader *r);
/* Does the stream begin with a header row (CSV, TSV, a workbook's
 * sheet), rather than naming its fields in each record (YAML)? */
int xj_reader_has_header(const struct xj_reader *r);
/* Rows of one value that names no field, above the header, are titles and
 * skipped: the last one, its line and how many (NULL when none). */
const char *xj_reader_title(const struct xj_reader *r, long *line, int *n);
/* "utf-8", "gb18030", or "xlsx" for a workbook. */
const char *xj_reader_encoding(const struct xj_reader *r);
/* CSV and .xlsx: the header as mapped and as written; 0 for YAML. */
size_t xj_reader_header(const struct xj_reader *r, const char *const **names,
			const char *const **raw);
/* A workbook's other sheets (a file only) whose header names every one
 * of the n fields (any: one of them), comma-separated into with; every
 * sheet's name into all.  Nothing for other streams. */
void xj_reader_sheets_with(const struct xj_reader *r, const char *const *fields, size_t n,
			   int any, struct xj_sb *with, struct xj_sb *all);
/* The sheet of a workbook read (NULL for other streams). */
const char *xj_reader_sheet(const struct xj_reader *r);
/* SHA-256 of the file's bytes; complete once xj_reader_next returned 0. */
void xj_reader_sha256(struct xj_reader *r, char hex[65]);
void xj_reader_free(struct xj_reader *r);

/* The value of field name in rec, or NULL when the row has no such field. */
const char *xj_reader_get(const struct xj_record *rec, const char *name);

#endif
