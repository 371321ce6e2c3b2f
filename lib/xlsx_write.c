/* xlsx_write.c: record streams out as .xlsx workbooks, through
 * libxlsxwriter.  Every cell is text: an ID number stays 18 characters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "xj/i18n.h"
#include "xj/strbuf.h"
#include "xj/tmpfiles.h"
#include "xlsx_write.h"

struct xj_xlsxw {
	char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
	int closed;
};

static const char *tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

struct xj_xlsxw *xj_xlsx_write_new(struct xj_error *err)
{
	struct xj_xlsxw *b = xj_xcalloc(1, sizeof(*b));
	struct xj_sb path = XJ_SB_INIT;
	lxw_workbook_options opt = { LXW_TRUE, NULL, LXW_FALSE };
	int fd;

	/* libxlsxwriter writes to a named file: one of our own, private */
	xj_sb_addf(&path, "%s/xj-xlsx.XXXXXX", tmpdir());
	fd = mkstemp(path.buf);
	b->path = xj_sb_detach(&path);
	if (fd < 0) {
		xj_error_set(err, XJ_EIO, "cannot make a temporary file: %s", strerror(errno));
		xj_xlsx_write_free(b);
		return NULL;
	}
	close(fd);
	/* a workbook of personal data in /tmp is not left by a signal */
	xj_tmp_keep(b->path, 0);
	opt.tmpdir = (char *)tmpdir();
	b->wb = workbook_new_opt(b->path, &opt);
	b->ws = b->wb ? workbook_add_worksheet(b->wb, NULL) : NULL;
	if (!b->ws) {
		xj_error_set(err, XJ_EIO, "cannot start an .xlsx workbook");
		xj_xlsx_write_free(b);
		return NULL;
	}
	b->text = workbook_add_format(b->wb);
	format_set_num_format(b->text, "@");   /* the cell's format is Text */
	return b;
}

int xj_xlsx_write_row(struct xj_xlsxw *b, size_t n, const char *const *values,
		 struct xj_error *err)
{
	size_t i;

	if (b->row >= LXW_ROW_MAX - 1 || n > LXW_COL_MAX)
		return xj_error_set(err, XJ_EDATA, "more rows or columns than a worksheet holds");
	for (i = 0; i < n; i++) {
		lxw_error e;

		if (!values[i] || !*values[i])
			continue;
		e = worksheet_write_string(b->ws, b->row, (lxw_col_t)i, values[i], b->text);
		/* said in xj's words: the library's end in a full stop */
		if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
			return xj_error_set(err, XJ_EDATA, _("row %ld, column %zu: a value longer"
					    " than a cell of Excel holds (32,767 characters)"),
					    (long)b->row + 1, i + 1);
		if (e != LXW_NO_ERROR)
			return xj_error_set(err, XJ_EDATA, "cannot write a cell: %s",
					    lxw_strerror(e));
	}
	b->row++;
	return 0;
}

static int copy_out(const char *path, FILE *fp, struct xj_error *err)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return xj_error_set(err, XJ_EIO, "cannot read the workbook: %s", strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, fp) != n) {
			rc = xj_error_set(err, XJ_EIO, "write error: %s", strerror(errno));
			break;
		}
	if (ferror(in))
		rc = xj_error_set(err, XJ_EIO, "cannot read the workbook");
	fclose(in);
	return rc;
}

int xj_xlsx_write_finish(struct xj_xlsxw *b, FILE *fp, struct xj_error *err)
{
	lxw_error e = workbook_close(b->wb);

	b->closed = 1;
	if (e != LXW_NO_ERROR)
		return xj_error_set(err, XJ_EIO, "cannot write the workbook: %s", lxw_strerror(e));
	return copy_out(b->path, fp, err);
}

void xj_xlsx_write_free(struct xj_xlsxw *b)
{
	if (!b)
		return;
	if (b->wb && !b->closed)
		workbook_close(b->wb);
	if (b->path) {
		unlink(b->path);
		xj_tmp_forget(b->path);
	}
	free(b->path);
	free(b);
}
