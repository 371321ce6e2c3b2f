/* error.c: filling struct xj_error; the library's only way to say what failed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The first character boundary at or after p. */
static const char *char_next(const char *p)
{
	while (((unsigned char)*p & 0xC0) == 0x80)
		p++;
	return p;
}

/* The last character boundary at or before p, not before s. */
static const char *char_start(const char *s, const char *p)
{
	while (p > s && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	return p;
}

/* src into dst whole when it fits, else its start and its end with "…"
 * between them: a message's verb is at its start and its reason at its
 * end, and what loses its middle is a long path or value between them.
 * No character is cut. */
static void put_elided(char *dst, size_t size, const char *src)
{
	static const char mark[] = "\xe2\x80\xa6";   /* … */
	size_t n = strlen(src), half = (size - sizeof(mark)) / 2;
	const char *head, *tail;

	if (n < size) {
		memcpy(dst, src, n + 1);
		return;
	}
	head = char_start(src, src + half);
	tail = char_next(src + n - half);
	snprintf(dst, size, "%.*s%s%s", (int)(head - src), src, mark, tail);
}

int xj_error_set(struct xj_error *e, enum xj_code code, const char *fmt, ...)
{
	va_list ap, again;
	char *whole;
	int n;

	if (!e)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	va_copy(again, ap);
	/* the format is the catalog's key: messages are translated here, once */
	n = vsnprintf(e->msg, sizeof(e->msg), gettext(fmt), ap);
	if (n >= (int)sizeof(e->msg) && (whole = malloc((size_t)n + 1)) != NULL) {
		vsnprintf(whole, (size_t)n + 1, gettext(fmt), again);
		put_elided(e->msg, sizeof(e->msg), whole);
		free(whole);
	}
	va_end(again);
	va_end(ap);
	return -1;
}

void xj_error_file(struct xj_error *e, const char *file)
{
	put_elided(e->file, sizeof(e->file), file);
}

void xj_error_where(struct xj_error *e, const char *file, long line,
		    const char *field)
{
	if (!e)
		return;
	if (file)
		xj_error_file(e, file);
	e->line = line;
	put_elided(e->field, sizeof(e->field), field ? field : "");
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
