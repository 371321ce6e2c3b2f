/* test_conv.c: GB 18030-2005 beside glibc's GB 18030-2022, both ways. */
#include <errno.h>

#include "unit.h"
#include "xj/conv.h"

/* s (n bytes) through a converter from -> to, into out as hex bytes or, for
 * UTF-8 out, the text itself; room limits the output buffer per call. */
static const char *run(const char *to, const char *from, const char *s, size_t n,
		       size_t room, int hex)
{
	static char text[256];
	char buf[256], *src = (char *)s, *dst;
	size_t left = n, i, len = 0;
	struct xj_conv *c = xj_conv_open(to, from);

	if (!c)
		return "(no converter)";
	while (left) {
		size_t r = room;

		dst = buf;
		if (xj_conv(c, &src, &left, &dst, &r) == (size_t)-1 && errno != E2BIG) {
			xj_conv_close(c);
			return errno == EILSEQ ? "EILSEQ" : errno == EINVAL ? "EINVAL" : "error";
		}
		memcpy(text + len, buf, (size_t)(dst - buf));
		len += (size_t)(dst - buf);
	}
	xj_conv_close(c);
	if (!hex) {
		text[len] = '\0';
		return text;
	}
	memcpy(buf, text, len);
	for (i = 0; i < len; i++)
		snprintf(text + 2 * i, 3, "%02x", (unsigned char)buf[i]);
	text[2 * len] = '\0';
	return text;
}

#define TO(enc, s) run(enc, "UTF-8", s, strlen(s), 64, 1)
#define FROM(enc, s) run("UTF-8", enc, s, sizeof(s) - 1, 64, 0)

static void writing(void)
{
	/* 𠂇 and the vertical comma: 2022 (glibc) two-byte, 2005 four-byte */
	CHECK_STR(TO("GB18030", "𠂇"), "fe51");
	CHECK_STR(TO("GB18030-2005", "𠂇"), "95329031");
	CHECK_STR(TO("gb18030-2022", "︐"), "a6d9");
	CHECK_STR(TO("GB18030-2005", "︐"), "84318236");
	CHECK_STR(TO("GB18030-2005", "\xe9\xbe\xb4"), "82359037");      /* U+9FB4 */
	CHECK_STR(TO("GB18030-2005", "\xef\xb8\x99"), "84318335");      /* U+FE19 */
	CHECK_STR(TO("GB18030-2005", "𤇾"), "9635b630");
	/* a private-use code point 2005 had is written at its two-byte code */
	CHECK_STR(TO("GB18030-2005", "\xee\x9e\x8d"), "a6d9");          /* U+E78D */
	CHECK_STR(TO("GB18030", "\xee\x9e\x8d"), "EILSEQ");
	CHECK_STR(TO("GB18030", "\xe9\xbe\xbb"), "fea0");            /* U+9FBB */
	CHECK_STR(TO("GB18030", "a\xee\xa0\x96"), "EILSEQ");         /* U+E816 */
	/* everything else is the same in both */
	CHECK_STR(TO("GB18030-2005", "张伟,a︐𠂇b\n"), "d5c5ceb02c618431823695329031620a");
	/* a buffer too small for the four bytes: E2BIG, then the rest */
	CHECK_STR(run("GB18030-2005", "UTF-8", "a︐", 4, 4, 1), "6184318236");
	CHECK_STR(run("GB18030-2005", "UTF-8", "︐a︐", 7, 5, 1), "843182366184318236");
	CHECK_STR(run("GB18030-2005", "UTF-8", "a\xef\xb8", 3, 64, 1), "EINVAL");
}

static void reading(void)
{
	/* 2005's four-byte codes: glibc's GB18030 refuses those of the 18 moved */
	CHECK_STR(FROM("GB18030", "\x84\x31\x82\x36"), "EILSEQ");
	CHECK_STR(FROM("GB18030-2022", "\x82\x35\x90\x37"), "EILSEQ");
	CHECK_STR(FROM("GB18030", "\x95\x32\x90\x31"), "𠂇");     /* one of the six */
	CHECK_STR(FROM("GB18030", "\xfe\x51"), "𠂇");
	CHECK_STR(FROM("GB18030-2005", "\x84\x31\x82\x36"), "︐");
	CHECK_STR(FROM("GB18030-2005", "\x82\x35\x91\x34"), "\xe9\xbe\xbb");   /* U+9FBB */
	CHECK_STR(FROM("GB18030-2005", "\x95\x32\x90\x31"), "𠂇");
	/* the two-byte codes: the standard characters either way */
	CHECK_STR(FROM("GB18030-2005", "\xfe\x51"), "𠂇");
	CHECK_STR(FROM("GB18030-2005", "\xa6\xd9"), "︐");
	CHECK_STR(FROM("GB18030", "\xa6\xd9"), "︐");
	CHECK_STR(FROM("GB18030-2005", "\xd5\xc5\x84\x31\x82\x36x\xfe\x51"), "张︐x𠂇");
	/* a sequence cut off at the end, and bytes that are not GB 18030 */
	CHECK_STR(FROM("GB18030-2005", "\xd5\xc5\x84\x31\x82"), "EINVAL");
	CHECK_STR(FROM("GB18030-2005", "\x81\x7f\x84\x31\x82\x36"), "EILSEQ");
	CHECK(xj_conv_gb2005_only("\x84\x31\x82\x36", 4));
	CHECK(xj_conv_gb2005_only("\x82\x35\x90\x37", 4));
	CHECK(!xj_conv_gb2005_only("\x95\x32\x90\x31", 4));     /* glibc reads it */
	CHECK(!xj_conv_gb2005_only("\x84\x31\x82", 3));
	CHECK(!xj_conv_gb2005_only("\xa6\xd9", 2));
}

static void round_trip(void)
{
	/* each of the 24: 2005 bytes read and written back are the same bytes */
	static const char *const gb4[] = {
		"\x84\x31\x82\x36", "\x84\x31\x82\x38", "\x84\x31\x82\x37", "\x84\x31\x82\x39",
		"\x84\x31\x83\x30", "\x84\x31\x83\x31", "\x84\x31\x83\x32", "\x84\x31\x83\x33",
		"\x84\x31\x83\x34", "\x84\x31\x83\x35", "\x95\x32\x90\x31", "\x95\x32\x90\x33",
		"\x95\x32\x97\x30", "\x82\x35\x90\x37", "\x82\x35\x90\x38", "\x82\x35\x90\x39",
		"\x82\x35\x91\x30", "\x95\x36\xb9\x37", "\x82\x35\x91\x31", "\x96\x30\xba\x35",
		"\x82\x35\x91\x32", "\x82\x35\x91\x33", "\x96\x35\xb6\x30", "\x82\x35\x91\x34",
	};
	size_t i;

	for (i = 0; i < sizeof(gb4) / sizeof(gb4[0]); i++) {
		char utf8[8], hex[9];
		size_t k;

		snprintf(utf8, sizeof(utf8), "%s", run("UTF-8", "GB18030-2005", gb4[i], 4, 64, 0));
		for (k = 0; k < 4; k++)
			snprintf(hex + 2 * k, 3, "%02x", (unsigned char)gb4[i][k]);
		CHECK_STR(TO("GB18030-2005", utf8), hex);
		/* and the 2022 (glibc) converter writes it: a two-byte code */
		CHECK(strlen(TO("GB18030", utf8)) == 4);
	}
	CHECK(xj_conv_pua_standard(0xE816) == 0x20087);
	CHECK(xj_conv_pua_standard(0xE796) == 0xFE19);
	CHECK(xj_conv_pua_standard(0x4E00) == 0x4E00);
	CHECK(xj_conv_open("UTF-8", "no-such-charset") == NULL);
}

int main(void)
{
	writing();
	reading();
	round_trip();
	return unit_done("test_conv");
}
