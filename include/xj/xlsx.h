/* xlsx.h: the rows of one worksheet of an .xlsx workbook, as text.  The
 * workbook owns everything it hands out: a row's strings are valid until the
 * next xj_xlsx_next or xj_xlsx_free. */
#ifndef XJ_XLSX_H
#define XJ_XLSX_H

#include <stddef.h>
#include "xj/error.h"
#include "xj/strbuf.h"

struct xj_xlsx;

struct xj_xlsx_row {
	long line;                  /* the spreadsheet's row number */
	size_t n;                   /* up to the last cell that is not empty */
	const char *const *values;  /* values[0] is column A; "" when empty */
	size_t bad_col;             /* after XJ_EDATA: the column at fault */
};

/* Read the workbook in fd, which the workbook then owns (it is closed here
 * on failure).  name is for messages; sheet NULL is the first sheet.
 * XJ_EFORMAT when the file is not a readable workbook or has no such sheet. */
struct xj_xlsx *xj_xlsx_open(int fd, const char *name, const char *sheet,
			     struct xj_error *err);
/* 1: a row is in *row.  0: the end.  -1: err says why; when err->code is
 * XJ_EDATA the row (as read) is refused but reading can go on, any other
 * code ends the sheet.  Rows with no cells at all are not returned. */
int xj_xlsx_next(struct xj_xlsx *x, struct xj_xlsx_row *row,
		 struct xj_error *err);
void xj_xlsx_free(struct xj_xlsx *x);
/* The name of the workbook's sheet i (in the workbook's order), NULL past
 * the last; *current: is it the one being read. */
const char *xj_xlsx_sheet(const struct xj_xlsx *x, size_t i, int *current);

/* "C5": the name of the cell at column col (0 is A) of row line. */
void xj_xlsx_cell_name(size_t col, long line, char buf[24]);
/* The value of a numeric cell as exact decimal text: "2.6110101000001E+13"
 * is 26110101000001, with no rounding through floating point.  -1 when v
 * is not a number (out is then untouched). */
int xj_xlsx_number(const char *v, struct xj_sb *out);
/* A date serial number as YYYY-MM-DD (the time of day dropped), in the 1900
 * date system with its 1900-02-29, or in the 1904 one.  -1 when v is not
 * a date between 1900 (1904) and 9999. */
int xj_xlsx_date(const char *v, int date1904, struct xj_sb *out);

#endif
