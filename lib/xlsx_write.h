/* xlsx_write.h: a record stream written as an .xlsx workbook, for writer.c
 * only.  The book owns a temporary file until xj_xlsx_write_finish copies it to
 * the output and removes it. */
#ifndef XJ_XLSX_WRITE_H
#define XJ_XLSX_WRITE_H

#include <stddef.h>
#include <stdio.h>
#include "xj/error.h"

struct xj_xlsxw;

struct xj_xlsxw *xj_xlsx_write_new(struct xj_error *err);
/* One row of n text cells (NULL or "" leaves a cell empty). */
int xj_xlsx_write_row(struct xj_xlsxw *b, size_t n, const char *const *values,
		 struct xj_error *err);
/* Close the workbook and copy it to fp. */
int xj_xlsx_write_finish(struct xj_xlsxw *b, FILE *fp, struct xj_error *err);
void xj_xlsx_write_free(struct xj_xlsxw *b);

#endif
