/* strbuf.c: growing buffers and allocation that does not return NULL. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/strbuf.h"

char xj_sb_slop[1];

static void out_of_memory(void)
{
	fputs(_("xj: out of memory\n"), stderr);
	abort();
}

void *xj_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xj_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xj_xreallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (size && n > SIZE_MAX / size)
		out_of_memory();
	q = realloc(p, n && size ? n * size : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xj_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xj_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

void xj_sb_grow(struct xj_sb *sb, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - sb->len - 1)
		out_of_memory();
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (!sb->alloc)   /* the shared empty string, or NULL: nothing to keep */
		sb->buf = NULL;
	if (sb->alloc < 64)
		sb->alloc = 64;
	while (sb->alloc < need)
		sb->alloc = sb->alloc > SIZE_MAX / 2 ? need : sb->alloc * 2;
	sb->buf = xj_xreallocarray(sb->buf, sb->alloc, 1);
}

void xj_sb_add(struct xj_sb *sb, const void *data, size_t n)
{
	if (n >= sb->alloc - sb->len)   /* alloc 0 (the shared empty string) too */
		xj_sb_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void xj_sb_adds(struct xj_sb *sb, const char *s)
{
	xj_sb_add(sb, s, strlen(s));
}

void xj_sb_addc(struct xj_sb *sb, char c)
{
	xj_sb_add(sb, &c, 1);
}

void xj_sb_vaddf(struct xj_sb *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	xj_sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void xj_sb_addf(struct xj_sb *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xj_sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void xj_sb_add_csv_quoted(struct xj_sb *sb, const char *s)
{
	xj_sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			xj_sb_addc(sb, '"');
		xj_sb_addc(sb, *s);
	}
	xj_sb_addc(sb, '"');
}

void xj_sb_add_json(struct xj_sb *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	xj_sb_addc(sb, '"');
	while (*p) {
		const unsigned char *run = p;

		/* copy the plain stretch at once: this runs for every field of every row */
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		xj_sb_add(sb, run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': xj_sb_add(sb, "\\\"", 2); break;
		case '\\': xj_sb_add(sb, "\\\\", 2); break;
		case '\n': xj_sb_add(sb, "\\n", 2); break;
		case '\r': xj_sb_add(sb, "\\r", 2); break;
		case '\t': xj_sb_add(sb, "\\t", 2); break;
		default: xj_sb_addf(sb, "\\u%04x", *p);
		}
		p++;
	}
	xj_sb_addc(sb, '"');
}

void xj_sb_reset(struct xj_sb *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
	else
		sb->buf = xj_sb_slop;
}

void xj_sb_release(struct xj_sb *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb->buf = xj_sb_slop;
	sb->len = sb->alloc = 0;
}

char *xj_sb_detach(struct xj_sb *sb)
{
	char *p = sb->alloc ? sb->buf : xj_xstrdup("");

	sb->buf = xj_sb_slop;
	sb->len = sb->alloc = 0;
	return p;
}

void xj_sb_add_nul_shown(struct xj_sb *sb, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i])
			xj_sb_addc(sb, s[i]);
		else
			xj_sb_adds(sb, "\xe2\x90\x80");
}
