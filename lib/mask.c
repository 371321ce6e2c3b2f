/* mask.c: personal data shown only in part. */
#include <stdio.h>
#include <string.h>

#include "xj/mask.h"
#include "xj/strbuf.h"

int xj_mask_wanted(const char *field)
{
	return strcmp(field, "id_number") == 0 || strcmp(field, "phone") == 0;
}

/* Keep head and tail characters, star the rest (ASCII values only: both
 * fields are digits once validated). */
static void keep_ends(const char *v, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = strlen(v), i;

	if (n <= head + tail) {   /* too short to show any of it */
		for (i = 0; i < n && i + 1 < size; i++)
			out[i] = '*';
		out[i < size ? i : size - 1] = '\0';
		return;
	}
	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = (i < head || i >= n - tail) ? v[i] : '*';
	out[i] = '\0';
}

void xj_mask(const char *field, const char *value, char *out, size_t size)
{
	if (!size)
		return;
	if (!value || !*value || !xj_mask_wanted(field))
		snprintf(out, size, "%s", value ? value : "");
	else if (strcmp(field, "id_number") == 0)
		keep_ends(value, 6, 4, out, size);
	else
		keep_ends(value, 3, 4, out, size);
}

/* A key typed or piped in names a student by exam number (14 digits),
 * student number or ID number; only the last is personal, and a student
 * number cannot be told from an ID number of another kind (a passport, a
 * Hong Kong identity card) by its look.  So everything but an exam number
 * is shown as an ID number would be: a mistyped ID number is never
 * printed whole, and a student number keeps enough to be recognised. */
void xj_mask_key(const char *key, char *out, size_t size)
{
	size_t n = strlen(key), i, digits = 0;

	for (i = 0; i < n; i++)
		digits += key[i] >= '0' && key[i] <= '9';
	if ((n == 14 && digits == n) || n <= 7)
		snprintf(out, size, "%s", key);
	else
		xj_mask("id_number", key, out, size);
}

/* The log's JSON is written by xj itself, and these two values are
 * validated digits, so a scan for "field":"value" finds them exactly; the
 * masked form has the value's length, so it is written over it. */
const char *xj_mask_json(const char *json, struct xj_sb *out)
{
	static const char *const keys[] = { "\"id_number\":\"", "\"phone\":\"" };
	size_t i;

	xj_sb_reset(out);
	xj_sb_adds(out, json ? json : "");
	for (i = 0; i < 2; i++) {
		char *p = out->buf;

		while ((p = strstr(p, keys[i])) != NULL) {
			char *v = p + strlen(keys[i]), *end = strchr(v, '"');
			char val[64], masked[64];

			if (!end || (size_t)(end - v) >= sizeof(val))
				break;
			memcpy(val, v, (size_t)(end - v));
			val[end - v] = '\0';
			xj_mask(i ? "phone" : "id_number", val, masked, sizeof(masked));
			if (strlen(masked) == (size_t)(end - v))
				memcpy(v, masked, strlen(masked));
			p = end;
		}
	}
	return out->buf;
}
