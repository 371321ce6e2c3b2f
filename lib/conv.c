/* conv.c: iconv, and GB 18030-2005's codes for the characters the 2022
 * edition moved. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xj/conv.h"
#include "xj/strbuf.h"

/* GB 18030-2005 mapped 24 two-byte codes to private-use code points (gb2
 * <-> pua); their characters (std) had four-byte codes (gb4).  GB 18030-2022
 * (GB 18030-2022 annex D; Unicode L2/23-003) gives 18 of them the two-byte
 * codes: the vertical forms A6D9..A6F3 and the components FE59..FEA0, their
 * old four-byte codes now private use.  The six at FE51, FE52, FE53, FE6C,
 * FE76 and FE91 it dropped as duplicates of the ideographs at their
 * four-byte codes; glibc reads those two-byte codes as the ideographs and
 * writes the ideographs there.  Checked against glibc's GB18030 (2.36) and
 * Python's gb18030 codec (2005's mapping for these).
 *
 * These 24 are converted here, not by iconv, in both editions, so that
 * what GB18030 means does not change with the C library's version:
 *            read gb2   read gb4                  write std   write pua
 *   2022     std        std (the six), else none  gb2         none
 *   2005     std        std                       gb4         gb2        */
static const struct gb {
	unsigned gb2;
	unsigned long pua, std, gb4;
} gb[] = {
	{ 0xA6D9, 0xE78D, 0x0FE10, 0x84318236 }, { 0xA6DA, 0xE78E, 0x0FE12, 0x84318238 },
	{ 0xA6DB, 0xE78F, 0x0FE11, 0x84318237 }, { 0xA6DC, 0xE790, 0x0FE13, 0x84318239 },
	{ 0xA6DD, 0xE791, 0x0FE14, 0x84318330 }, { 0xA6DE, 0xE792, 0x0FE15, 0x84318331 },
	{ 0xA6DF, 0xE793, 0x0FE16, 0x84318332 }, { 0xA6EC, 0xE794, 0x0FE17, 0x84318333 },
	{ 0xA6ED, 0xE795, 0x0FE18, 0x84318334 }, { 0xA6F3, 0xE796, 0x0FE19, 0x84318335 },
	{ 0xFE51, 0xE816, 0x20087, 0x95329031 }, { 0xFE52, 0xE817, 0x20089, 0x95329033 },
	{ 0xFE53, 0xE818, 0x200CC, 0x95329730 }, { 0xFE59, 0xE81E, 0x09FB4, 0x82359037 },
	{ 0xFE61, 0xE826, 0x09FB5, 0x82359038 }, { 0xFE66, 0xE82B, 0x09FB6, 0x82359039 },
	{ 0xFE67, 0xE82C, 0x09FB7, 0x82359130 }, { 0xFE6C, 0xE831, 0x215D7, 0x9536B937 },
	{ 0xFE6D, 0xE832, 0x09FB8, 0x82359131 }, { 0xFE76, 0xE83B, 0x2298F, 0x9630BA35 },
	{ 0xFE7E, 0xE843, 0x09FB9, 0x82359132 }, { 0xFE90, 0xE854, 0x09FBA, 0x82359133 },
	{ 0xFE91, 0xE855, 0x241FE, 0x9635B630 }, { 0xFEA0, 0xE864, 0x09FBB, 0x82359134 },
};
#define NGB (sizeof(gb) / sizeof(gb[0]))

enum { PLAIN, TO_GB, FROM_GB };

struct xj_conv {
	iconv_t cd;
	int mode, y2005;
};

unsigned long xj_conv_pua_standard(unsigned long cp)
{
	size_t i;

	if (cp < 0xE000 || cp > 0xF8FF)   /* not private-use: every CJK name's case */
		return cp;
	for (i = 0; i < NGB; i++)
		if (gb[i].pua == cp)
			return gb[i].std;
	return cp;
}

static int is_2005(const char *name)
{
	return strcasecmp(name, "GB18030-2005") == 0;
}

static int is_gb(const char *name)
{
	return is_2005(name) || !strcasecmp(name, "GB18030-2022") || !strcasecmp(name, "GB18030");
}

static const char *iconv_name(const char *name)
{
	return is_gb(name) ? "GB18030" : name;
}

struct xj_conv *xj_conv_open(const char *to, const char *from)
{
	iconv_t cd = iconv_open(iconv_name(to), iconv_name(from));
	struct xj_conv *c;

	if (cd == (iconv_t)-1)
		return NULL;
	c = xj_xcalloc(1, sizeof(*c));
	c->cd = cd;
	c->mode = is_gb(to) ? TO_GB : is_gb(from) ? FROM_GB : PLAIN;
	c->y2005 = is_2005(to) || is_2005(from);
	return c;
}

void xj_conv_close(struct xj_conv *c)
{
	if (!c)
		return;
	iconv_close(c->cd);
	free(c);
}

/* The code point of the whole UTF-8 sequence at p (n bytes there), its
 * length in *len; 0 when it is cut off or not UTF-8. */
static unsigned long utf8_at(const unsigned char *p, size_t n, size_t *len)
{
	size_t k = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 1, i;
	unsigned long cp = p[0] & (k == 4 ? 0x07 : k == 3 ? 0x0f : 0x1f);

	*len = 1;
	if (k == 1 || k > n)
		return p[0] < 0x80 ? p[0] : 0;
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*len = k;
	return cp;
}

/* The length of the GB 18030 sequence at p by its shape (1, 2 or 4), 0
 * when cut off; *code gets its bytes as a number. */
static size_t gb_at(const unsigned char *p, size_t n, unsigned long *code)
{
	size_t k = p[0] < 0x81 || p[0] == 0xff ? 1 : n > 1 && p[1] >= 0x30 && p[1] <= 0x39 ?
		4 : 2, i;

	if (k > n)
		return 0;
	for (*code = 0, i = 0; i < k; i++)
		*code = *code << 8 | p[i];
	return k;
}

static void put_utf8(unsigned long cp, unsigned char *b, size_t *n)
{
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		*n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		*n = 4;
	}
}

static void put_code(unsigned long code, size_t k, unsigned char *b, size_t *n)
{
	size_t i;

	for (i = 0; i < k; i++)
		b[i] = (unsigned char)(code >> 8 * (k - 1 - i));
	*n = k;
}

/* Where the next sequence iconv must not convert starts in s[0..n), its
 * length in *len and the bytes to write for it in out (*outlen; 0 when it
 * has none in this edition: EILSEQ); n when there is none. */
static size_t next_special(const struct xj_conv *c, const unsigned char *s, size_t n,
			   size_t *len, unsigned char *out, size_t *outlen)
{
	size_t at = 0, i;

	*outlen = 0;
	while (at < n) {
		unsigned long v;

		if (c->mode == TO_GB) {
			v = utf8_at(s + at, n - at, len);
			for (i = 0; v >= 0x9FB4 && i < NGB; i++)
				if (v == gb[i].std) {
					put_code(c->y2005 ? gb[i].gb4 : gb[i].gb2, c->y2005 ? 4 : 2,
						 out, outlen);
					return at;
				} else if (v == gb[i].pua) {
					if (c->y2005)
						put_code(gb[i].gb2, 2, out, outlen);
					return at;
				}
		} else {
			if (!(*len = gb_at(s + at, n - at, &v)))
				return n;   /* cut off: iconv says EINVAL */
			for (i = 0; *len > 1 && i < NGB; i++)
				if (v == gb[i].gb2 || v == gb[i].gb4) {
					if (v == gb[i].gb2 || c->y2005 || gb[i].std >= 0x10000)
						put_utf8(gb[i].std, out, outlen);
					return at;
				}
		}
		at += *len;
	}
	return n;
}

size_t xj_conv(struct xj_conv *c, char **src, size_t *left, char **dst, size_t *room)
{
	size_t total = 0;

	if (c->mode == PLAIN || !src || !*src)
		return iconv(c->cd, src, left, dst, room);
	while (*left > 0) {
		unsigned char out[4];
		size_t n = *left, len = 0, outlen = 0, r;
		size_t at = next_special(c, (const unsigned char *)*src, n, &len, out, &outlen);
		size_t part = at;

		if (at > 0) {
			r = iconv(c->cd, src, &part, dst, room);
			*left = n - (at - part);
			if (r == (size_t)-1)
				return r;
			total += r;
		}
		if (at == n)
			break;
		if (!outlen) {
			errno = EILSEQ;
			return (size_t)-1;
		}
		if (*room < outlen) {
			errno = E2BIG;
			return (size_t)-1;
		}
		memcpy(*dst, out, outlen);
		*dst += outlen;
		*room -= outlen;
		*src += len;
		*left -= len;
	}
	return total;
}

int xj_conv_gb2005_only(const char *s, size_t n)
{
	unsigned long v;
	size_t i;

	if (gb_at((const unsigned char *)s, n, &v) != 4)
		return 0;
	for (i = 0; i < NGB; i++)
		if (v == gb[i].gb4 && gb[i].std < 0x10000)
			return 1;
	return 0;
}
