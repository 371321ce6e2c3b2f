/* text.c: refusing text that shows as something it is not. */
#include <stdio.h>

#include "xj/i18n.h"
#include "xj/names.h"
#include "xj/text.h"

int xj_text_utf8_valid(const char *s, size_t n, int partial_ok)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned char c = *p;
		size_t k;
		unsigned min;
		unsigned cp;

		if (c < 0x80) { p++; continue; }
		if (c >= 0xc2 && c <= 0xdf) { k = 1; cp = c & 0x1f; min = 0x80; }
		else if (c >= 0xe0 && c <= 0xef) { k = 2; cp = c & 0x0f; min = 0x800; }
		else if (c >= 0xf0 && c <= 0xf4) { k = 3; cp = c & 0x07; min = 0x10000; }
		else return 0;
		if ((size_t)(end - p) <= k) {
			size_t j;

			for (j = 1; p + j < end; j++)
				if ((p[j] & 0xc0) != 0x80)
					return 0;
			return partial_ok;
		}
		for (size_t j = 1; j <= k; j++) {
			if ((p[j] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += k + 1;
	}
	return 1;
}

static int bidi(unsigned long cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static int invisible(unsigned long cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

static int line_break(unsigned long cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static int control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* A whole three-byte sequence from U+3000 to U+D7FF (lead bytes E3 to
 * ED, ED below the surrogates): none of the characters refused below is
 * there. */
static int cjk3(const unsigned char *p)
{
	return p[0] >= 0xe3 && p[0] <= 0xed && (p[1] & 0xc0) == 0x80 &&
	       (p[2] & 0xc0) == 0x80 && (p[0] != 0xed || p[1] < 0xa0);
}

const char *xj_text_flaw(const char *s, int lines_ok, char *buf, size_t bufsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (; *p; p += n) {
		unsigned long cp;

		if (*p >= 0x20 && *p < 0x7f) {   /* the common case, at once */
			n = 1;
			continue;
		}
		if (cjk3(p)) {   /* most of a Chinese value: nothing to refuse there */
			n = 3;
			continue;
		}
		if (!xj_text_utf8_valid((const char *)p, *p < 0x80 ? 1 : *p < 0xe0 ? 2 :
				   *p < 0xf0 ? 3 : 4, 0))
			return _("bytes that are not UTF-8 text");
		cp = xj_names_utf8_decode((const char *)p, &n);
		if (lines_ok && (line_break(cp) || cp == '\t'))
			continue;
		if (line_break(cp))
			snprintf(buf, bufsz, _("a line break (U+%04lX) in the value"), cp);
		else if (control(cp))
			snprintf(buf, bufsz, _("a control character (U+%04lX) in the value"), cp);
		else if (bidi(cp))
			snprintf(buf, bufsz, _("a bidirectional control (U+%04lX) in the value"), cp);
		else if (invisible(cp))
			snprintf(buf, bufsz, _("an invisible character (U+%04lX) in the value"), cp);
		else
			continue;
		return buf;
	}
	return NULL;
}

int xj_text_check(const char *s, int lines_ok, struct xj_error *err)
{
	char buf[96];
	const char *why = xj_text_flaw(s, lines_ok, buf, sizeof(buf));

	return why ? xj_error_set(err, XJ_EDATA, "%s", why) : 0;
}
