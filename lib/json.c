/* json.c: a JSON checker (RFC 8259), recursive descent over the text,
 * bounded in depth so that no input runs the stack out. */
#include <string.h>

#include "xj/json.h"

#define DEPTH_MAX 64

static const char *value(const char *p, int depth);

static const char *space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static const char *string(const char *p)
{
	for (p++; *p != '"'; p++) {
		if (!*p || (unsigned char)*p < 0x20)
			return NULL;
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'u') {
			if (!hex(p[1]) || !hex(p[2]) || !hex(p[3]) || !hex(p[4]))
				return NULL;
			p += 4;
		} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
			return NULL;
		}
	}
	return p + 1;
}

static const char *digits(const char *p)
{
	const char *q = p;

	while (*q >= '0' && *q <= '9')
		q++;
	return q > p ? q : NULL;
}

static const char *number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (!(p = digits(p)))
		return NULL;
	if (*p == '.' && !(p = digits(p + 1)))
		return NULL;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		p = digits(p);
	}
	return p;
}

/* The members of an object (close '}') or the items of an array (']'). */
static const char *items(const char *p, char close, int depth)
{
	p = space(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (close == '}') {
			if (*p != '"' || !(p = string(p)))
				return NULL;
			p = space(p);
			if (*p++ != ':')
				return NULL;
		}
		if (!(p = value(p, depth + 1)))
			return NULL;
		p = space(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = space(p);
	}
}

static const char *value(const char *p, int depth)
{
	p = space(p);
	if (depth > DEPTH_MAX)
		return NULL;
	switch (*p) {
	case '{': return items(p, '}', depth);
	case '[': return items(p, ']', depth);
	case '"': return string(p);
	case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
	default: return number(p);
	}
}

int xj_json_valid(const char *s)
{
	const char *end = s ? value(s, 0) : NULL;

	return end && !*space(end);
}

int xj_json_number(const char *s)
{
	const char *end = s && *s ? number(s) : NULL;

	return end && !*end;
}
