/* jsonw.c: JSON text written a member at a time.  Strings go through
 * xj_sb_add_json, the one escaper, so that a payload written here is the
 * same bytes as one written by hand before: the audit chain hashes them. */
#include <stdarg.h>
#include <string.h>

#include "xj/jsonw.h"

/* Before a member or an item: the comma that parts it from the last. */
static void next(struct xj_jw *jw)
{
	if (jw->need_comma)
		xj_sb_addc(&jw->json, ',');
	jw->need_comma = 1;
}

static void key(struct xj_jw *jw, const char *k)
{
	next(jw);
	xj_sb_add_json(&jw->json, k);
	xj_sb_addc(&jw->json, ':');
}

/* Open a level: its bracket written (0: none, for bare members) and its
 * closer kept for xj_jsonw_end. */
static void open_level(struct xj_jw *jw, char bracket, char closer)
{
	if (bracket)
		xj_sb_addc(&jw->json, bracket);
	xj_sb_addc(&jw->open, closer);
	jw->need_comma = 0;
}

/* A value begun inside an array is one of its items. */
void xj_jsonw_object_begin(struct xj_jw *jw)
{
	if (jw->open.len)
		next(jw);
	open_level(jw, '{', '}');
}

void xj_jsonw_array_begin(struct xj_jw *jw)
{
	if (jw->open.len)
		next(jw);
	open_level(jw, '[', ']');
}

/* ' ' marks the bare level: nothing to close. */
void xj_jsonw_members_begin(struct xj_jw *jw)
{
	open_level(jw, 0, ' ');
}

void xj_jsonw_end(struct xj_jw *jw)
{
	char closer;

	if (!jw->open.len)
		return;
	closer = jw->open.buf[--jw->open.len];
	jw->open.buf[jw->open.len] = '\0';
	if (closer != ' ')
		xj_sb_addc(&jw->json, closer);
	/* the level just closed was a value of the one around it */
	jw->need_comma = 1;
}

void xj_jsonw_object_string(struct xj_jw *jw, const char *k, const char *value)
{
	key(jw, k);
	xj_sb_add_json(&jw->json, value);
}

void xj_jsonw_object_stringf(struct xj_jw *jw, const char *k, const char *fmt, ...)
{
	struct xj_sb v = XJ_SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	xj_sb_vaddf(&v, fmt, ap);
	va_end(ap);
	xj_jsonw_object_string(jw, k, v.buf);
	xj_sb_release(&v);
}

void xj_jsonw_object_int(struct xj_jw *jw, const char *k, long long value)
{
	key(jw, k);
	xj_sb_addf(&jw->json, "%lld", value);
}

void xj_jsonw_object_bool(struct xj_jw *jw, const char *k, int value)
{
	key(jw, k);
	xj_sb_adds(&jw->json, value ? "true" : "false");
}

void xj_jsonw_object_null(struct xj_jw *jw, const char *k)
{
	key(jw, k);
	xj_sb_adds(&jw->json, "null");
}

void xj_jsonw_object_raw(struct xj_jw *jw, const char *k, const char *value)
{
	key(jw, k);
	xj_sb_adds(&jw->json, value);
}

void xj_jsonw_object_members(struct xj_jw *jw, const char *members)
{
	size_t n;

	if (!members)
		return;
	n = strlen(members);
	if (n >= 2 && members[0] == '{' && members[n - 1] == '}') {
		members++;
		n -= 2;
	}
	if (!n)
		return;
	next(jw);
	xj_sb_add(&jw->json, members, n);
}

void xj_jsonw_object_object_begin(struct xj_jw *jw, const char *k)
{
	key(jw, k);
	open_level(jw, '{', '}');
}

void xj_jsonw_object_array_begin(struct xj_jw *jw, const char *k)
{
	key(jw, k);
	open_level(jw, '[', ']');
}

void xj_jsonw_array_string(struct xj_jw *jw, const char *value)
{
	next(jw);
	xj_sb_add_json(&jw->json, value);
}

void xj_jsonw_array_int(struct xj_jw *jw, long long value)
{
	next(jw);
	xj_sb_addf(&jw->json, "%lld", value);
}

void xj_jsonw_array_object_begin(struct xj_jw *jw)
{
	xj_jsonw_object_begin(jw);
}

void xj_jsonw_release(struct xj_jw *jw)
{
	xj_sb_release(&jw->json);
	xj_sb_release(&jw->open);
	jw->need_comma = 0;
}
