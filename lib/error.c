/* error.c: filling struct xj_error; the library's only way to say what failed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xj/error.h"
#include "xj/i18n.h"

void xj_error_clear(struct xj_error *e)
{
	/* each string emptied, not the whole struct: an import clears one
	 * for every field of every row */
	e->code = XJ_OK;
	e->file[0] = e->field[0] = e->msg[0] = '\0';
	e->line = 0;
}

int xj_error_set(struct xj_error *e, enum xj_code code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	/* the format is the catalog's key: messages are translated here, once */
	vsnprintf(e->msg, sizeof(e->msg), gettext(fmt), ap);
	va_end(ap);
	return -1;
}

void xj_error_where(struct xj_error *e, const char *file, long line,
		    const char *field)
{
	if (!e)
		return;
	if (file)
		snprintf(e->file, sizeof(e->file), "%s", file);
	e->line = line;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
}

int xj_error_exit(const struct xj_error *e)
{
	switch (e->code) {
	case XJ_OK:
		return XJ_EXIT_OK;
	case XJ_EDATA:
	case XJ_ECONFLICT:
	case XJ_EFORMAT:
		return XJ_EXIT_REFUSED;
	case XJ_EUSAGE:
		return XJ_EXIT_USAGE;
	default:
		return XJ_EXIT_FAIL;
	}
}
