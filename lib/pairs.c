/* pairs.c: a small list of key and value strings. */
#include <stdlib.h>
#include <string.h>

#include "xj/pairs.h"
#include "xj/strbuf.h"

void xj_pairs_add(void *ctx, const char *k, const char *v)
{
	struct xj_pairs *p = ctx;

	p->k = xj_xreallocarray(p->k, p->n + 1, sizeof(char *));
	p->v = xj_xreallocarray(p->v, p->n + 1, sizeof(char *));
	p->k[p->n] = xj_xstrdup(k);
	p->v[p->n++] = xj_xstrdup(v);
}

int xj_pairs_has(const struct xj_pairs *p, const char *k)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->k[i], k) == 0)
			return 1;
	return 0;
}

const char *xj_pairs_get(const struct xj_pairs *p, const char *k)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->k[i], k) == 0)
			return p->v[i];
	return "";
}

void xj_pairs_release(struct xj_pairs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->k[i]);
		free(p->v[i]);
	}
	free(p->k);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* JSON's four hex digits at s, or -1. */
static long hex4(const char *s)
{
	long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void utf8_put(struct xj_sb *sb, unsigned long c)
{
	if (c < 0x80) {
		xj_sb_addc(sb, (char)c);
	} else if (c < 0x800) {
		xj_sb_addc(sb, (char)(0xc0 | c >> 6));
		xj_sb_addc(sb, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		xj_sb_addc(sb, (char)(0xe0 | c >> 12));
		xj_sb_addc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		xj_sb_addc(sb, (char)(0x80 | (c & 0x3f)));
	} else {
		xj_sb_addc(sb, (char)(0xf0 | c >> 18));
		xj_sb_addc(sb, (char)(0x80 | ((c >> 12) & 0x3f)));
		xj_sb_addc(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		xj_sb_addc(sb, (char)(0x80 | (c & 0x3f)));
	}
}

/* The escape at *s (after its backslash) into sb: the next byte, or
 * NULL when it is no escape JSON has or stands for NUL. */
static const char *unescape(const char *s, struct xj_sb *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e = *s ? strchr(from, *s) : NULL;
	long c, lo;

	if (e) {
		xj_sb_addc(sb, to[e - from]);
		return s + 1;
	}
	if (*s != 'u' || (c = hex4(s + 1)) <= 0 || (c >= 0xdc00 && c < 0xe000))
		return NULL;
	s += 5;
	if (c >= 0xd800 && c < 0xdc00) {   /* a pair stands for one above U+FFFF */
		if (s[0] != '\\' || s[1] != 'u' || (lo = hex4(s + 2)) < 0xdc00 || lo >= 0xe000)
			return NULL;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		s += 6;
	}
	utf8_put(sb, (unsigned long)c);
	return s;
}

/* A JSON string at s into sb: the byte after its closing quote, or NULL. */
static const char *string(const char *s, struct xj_sb *sb)
{
	xj_sb_reset(sb);
	if (*s++ != '"')
		return NULL;
	while (s && *s != '"') {
		const char *run = s;

		while (*s && *s != '"' && *s != '\\' && (unsigned char)*s >= 0x20)
			s++;
		xj_sb_add(sb, run, (size_t)(s - run));
		if (*s == '\\')
			s = unescape(s + 1, sb);
		else if (*s != '"')
			return NULL;
	}
	return s ? s + 1 : NULL;
}

static const char *blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* The members of a flat JSON object of strings (keyed) or array of
 * strings, each to fn (the key NULL in an array): 0, or -1 for any other
 * JSON or when fn says -1. */
static int members(const char *json, int keyed,
		   int (*fn)(void *ctx, const char *k, const char *v), void *ctx)
{
	struct xj_sb k = XJ_SB_INIT, v = XJ_SB_INIT;
	const char *s = blank(json);
	char close = keyed ? '}' : ']';
	int rc = -1;

	if (*s++ != (keyed ? '{' : '['))
		return -1;
	s = blank(s);
	if (*s == close)
		rc = 0;
	while (rc < 0 && s) {
		if (keyed) {
			s = string(s, &k);
			s = s ? blank(s) : NULL;
			s = s && *s == ':' ? blank(s + 1) : NULL;
		}
		s = s ? string(s, &v) : NULL;
		if (!s || fn(ctx, keyed ? k.buf : NULL, v.buf) < 0)
			break;
		s = blank(s);
		if (*s == close)
			rc = 0;
		else if (*s == ',')
			s = blank(s + 1);
		else
			s = NULL;
	}
	if (rc == 0 && *blank(s + 1))
		rc = -1;
	xj_sb_release(&k);
	xj_sb_release(&v);
	return rc;
}

static int add_pair(void *ctx, const char *k, const char *v)
{
	xj_pairs_add(ctx, k, v);
	return 0;
}

int xj_pairs_from_json(struct xj_pairs *p, const char *json)
{
	return members(json, 1, add_pair, p);
}

static int add_name(void *ctx, const char *unused, const char *k)
{
	(void)unused;
	xj_pairs_add(ctx, k, "");
	return 0;
}

struct values {
	struct xj_pairs *p;
	size_t at;
};

static int add_value(void *ctx, const char *unused, const char *v)
{
	struct values *w = ctx;

	(void)unused;
	if (w->at >= w->p->n)
		return -1;
	free(w->p->v[w->at]);
	w->p->v[w->at++] = xj_xstrdup(v);
	return 0;
}

int xj_pairs_named(struct xj_pairs *p, const struct xj_pairs *names, const char *values)
{
	struct values w = { p, p->n };
	size_t i;

	for (i = 0; i < names->n; i++)
		xj_pairs_add(p, names->k[i], "");
	if (members(values, 0, add_value, &w) < 0)
		return -1;
	return w.at == p->n ? 0 : -1;
}

int xj_pairs_names(struct xj_pairs *names, const char *json)
{
	return members(json, 0, add_name, names);
}

int xj_pairs_from_arrays(struct xj_pairs *p, const char *names, const char *values)
{
	struct xj_pairs h = XJ_PAIRS_INIT;
	int rc = xj_pairs_names(&h, names) < 0 ? -1 : xj_pairs_named(p, &h, values);

	xj_pairs_release(&h);
	return rc;
}

void xj_pairs_json(const struct xj_pairs *p, struct xj_sb *out)
{
	size_t i;

	xj_sb_addc(out, '{');
	for (i = 0; i < p->n; i++) {
		if (i)
			xj_sb_addc(out, ',');
		xj_sb_add_json(out, p->k[i]);
		xj_sb_addc(out, ':');
		xj_sb_add_json(out, p->v[i]);
	}
	xj_sb_addc(out, '}');
}
