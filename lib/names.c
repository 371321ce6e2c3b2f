/* names.c: repairing names converters damaged, and checking a value fits an
 * export's encoding. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xj/conv.h"
#include "xj/i18n.h"
#include "xj/names.h"

/* Dots that stand in for the name separator U+00B7 (民委发〔2016〕33号):
 * U+30FB is what GB2312 tables make of its bytes A1A4. */
static const unsigned long dots_map[] = {
	0x30FB, 0xFF65, 0x2022, 0x2027, 0x2219, 0x22C5, 0x0387, 0xFF0E,
};

unsigned long xj_names_utf8_decode(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n, i;

	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 0;
	cp = p[0] & (n == 4 ? 0x07 : n == 3 ? 0x0f : 0x1f);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			break;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if (n == 0 || i < n) {
		*len = 1;
		return 0xFFFD;
	}
	*len = n;
	return cp;
}

static void utf8_put(struct xj_sb *sb, unsigned long cp)
{
	char b[4];

	if (cp < 0x80) {
		xj_sb_addc(sb, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		xj_sb_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		xj_sb_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		xj_sb_add(sb, b, 4);
	}
}

/* "\"・\" (U+30FB)" into buf. */
static void describe(unsigned long cp, char *buf, size_t size)
{
	struct xj_sb sb = XJ_SB_INIT;

	utf8_put(&sb, cp);
	if (cp >= 0xE000 && cp <= 0xF8FF)
		snprintf(buf, size, _("U+%04lX (a private-use code)"), cp);
	else
		snprintf(buf, size, "\"%s\" (U+%04lX)", sb.buf, cp);
	xj_sb_release(&sb);
}

static unsigned long repaired(unsigned long cp, int dots)
{
	size_t i;
	/* GB 18030-2005's private-use code points that converters still
	 * write for characters Unicode and GB 18030-2022 have (conv.h) */
	unsigned long std = xj_conv_pua_standard(cp);

	if (std != cp)
		return std;
	for (i = 0; dots && cp >= 0x0387 && i < sizeof(dots_map) / sizeof(dots_map[0]); i++)
		if (dots_map[i] == cp)
			return 0xB7;
	return cp;
}

/* A whole character from U+4000 to U+DFFF, most of any Chinese value:
 * neither a private-use code nor a dot, so it is passed over at once. */
static int nothing_to_repair(const unsigned char *p)
{
	return p[0] >= 0xE4 && p[0] <= 0xED && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

int xj_names_repair(const char *in, int dots, struct xj_sb *out, char *note,
		   size_t notesz)
{
	const char *run = in;   /* copied at once up to a code point repaired */
	int n = 0;

	xj_sb_reset(out);
	if (note && notesz)
		note[0] = '\0';

	while (*in) {
		size_t len;
		unsigned long cp, to;

		if ((unsigned char)*in < 0x80) {
			in++;
			continue;
		}
		if (nothing_to_repair((const unsigned char *)in)) {
			in += 3;
			continue;
		}
		cp = xj_names_utf8_decode(in, &len);
		to = repaired(cp, dots);
		if (to != cp) {
			xj_sb_add(out, run, (size_t)(in - run));
			run = in + len;
			if (!n++ && note) {
				char a[48], b[48];

				describe(cp, a, sizeof(a));
				describe(to, b, sizeof(b));
				snprintf(note, notesz, _("%s read as %s"), a, b);
			}
			utf8_put(out, to);
		}
		in += len;
	}
	xj_sb_add(out, run, (size_t)(in - run));
	if (!out->buf)
		xj_sb_adds(out, "");
	return n;
}

int xj_names_encodable(const char *s, const char *encoding, char *what, size_t whatsz)
{
	struct xj_conv *cd;
	int ok = 1;

	if (!strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8"))
		return 1;
	if (!(cd = xj_conv_open(encoding, "UTF-8")))
		return -1;
	while (*s && ok) {
		size_t len, left, room = 8;
		unsigned long cp = xj_names_utf8_decode(s, &len);
		char buf[8], *src = (char *)s, *dst = buf;

		left = len;
		if (xj_conv(cd, &src, &left, &dst, &room) == (size_t)-1) {
			ok = 0;
			describe(cp, what, whatsz);
		}
		s += len;
	}
	xj_conv_close(cd);
	return ok;
}
