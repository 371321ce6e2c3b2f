/* input.c: reading an input file as UTF-8, whatever Excel saved it as. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xj/conv.h"
#include "xj/infile.h"
#include "xj/input.h"
#include "xj/strbuf.h"
#include "xj/sha256.h"
#include "xj/text.h"

#define RAW_SIZE 65536

struct xj_input {
	char *name;
	int fd;
	int eof;
	const char *encoding;
	struct xj_conv *cd;
	struct xj_sha256 md;   /* of the bytes read, as read */
	char raw[RAW_SIZE];
	size_t raw_len;
	struct xj_sb out;   /* converted bytes not yet handed out */
	size_t out_pos;
	int guessed_gb;     /* GB18030 by guess: a UTF-8 line then is a second encoding */
	int saw_2005;       /* a code of GB 18030-2005 that 2022 does not read */
	long lines;         /* lines before the raw buffer */
};

const char *xj_input_encoding_name(const char *name)
{
	static const char *gb[] = { "gb18030", "gbk", "gb2312", "cp936", "euc-cn" };
	size_t i;

	if (!name || !*name)
		return NULL;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		return "utf-8";
	if (!strcasecmp(name, "gb18030-2005"))
		return "gb18030-2005";
	if (!strcasecmp(name, "gb18030-2022"))
		return "gb18030";
	/* GBK and GB2312 read as GB18030, their superset: GB2312 tables in
	 * iconv turn A1A4 into U+30FB instead of the name dot U+00B7. */
	for (i = 0; i < sizeof(gb) / sizeof(gb[0]); i++)
		if (!strcasecmp(name, gb[i]))
			return "gb18030";
	return NULL;
}

static int fill_raw(struct xj_input *in, struct xj_error *err)
{
	while (!in->eof && in->raw_len < RAW_SIZE) {
		ssize_t n = read(in->fd, in->raw + in->raw_len, RAW_SIZE - in->raw_len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			return xj_error_set(err, XJ_EIO, "%s: %s", in->name, strerror(e));
		}
		if (n == 0)
			in->eof = 1;
		xj_sha256_update(&in->md, in->raw + in->raw_len, (size_t)n);
		in->raw_len += (size_t)n;
	}
	return 0;
}

/* How many bytes at the end of s start a UTF-8 sequence left incomplete. */
static size_t utf8_cut_tail(const char *s, size_t n)
{
	size_t back;

	for (back = 1; back <= 4 && back <= n; back++) {
		unsigned char c = (unsigned char)s[n - back];
		size_t need;

		if ((c & 0xc0) == 0x80)
			continue;
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return need > back ? back : 0;
	}
	return 0;
}

/* GBK text of two-byte characters only can be valid UTF-8 by chance
 * (叶伟 reads as Ҷΰ): Chinese in UTF-8 is three bytes a character, so
 * a file of valid UTF-8 with two-byte sequences and not one longer is
 * such text, or no Chinese roster at all; it is not guessed. */
static int gbk_as_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p, *end = s + n;
	int two = 0;

	for (; s < end; s++) {
		if (*s >= 0xe0)
			return 0;
		if (*s >= 0xc0) {
			two = 1;
			s++;   /* its continuation byte */
		}
	}
	return two;
}

/* In a file taken for GB18030 because it is not UTF-8, a whole line of
 * valid UTF-8 with Chinese in it is a second encoding: read as GB18030 it
 * would come out as other characters, silently.  Such a file is refused. */
static int mixed_encodings(struct xj_input *in, struct xj_error *err)
{
	const char *p = in->raw, *end = in->raw + in->raw_len, *nl;
	long line = in->lines;

	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1) {
		const char *q;
		int high = 0;

		line++;
		for (q = p; q < nl && !high; q++)
			high = (unsigned char)*q >= 0x80;
		if (in->guessed_gb && high && xj_text_utf8_valid(p, (size_t)(nl - p), 0))
			return xj_error_set(err, XJ_EFORMAT, "%s:%ld: a line in UTF-8 in a file in"
					    " GB18030: save the file in one encoding, or give"
					    " --encoding", in->name, line);
	}
	in->lines = line;
	return 0;
}

/* Move what raw holds into out, converting when needed. */
static void convert_raw(struct xj_input *in)
{
	char *src = in->raw;
	size_t left = in->raw_len;

	if (in->out_pos == in->out.len) {
		xj_sb_reset(&in->out);
		in->out_pos = 0;
	}
	if (!in->cd) {
		/* Keep a UTF-8 sequence cut by the buffer edge for the next round,
		 * so a field is never split inside a character. */
		size_t keep = in->eof ? 0 : utf8_cut_tail(src, left);

		xj_sb_add(&in->out, src, left - keep);
		memmove(in->raw, src + left - keep, keep);
		in->raw_len = keep;
		return;
	}
	while (left > 0) {
		char tmp[4096], *dst = tmp;
		size_t room = sizeof(tmp);
		size_t r = xj_conv(in->cd, &src, &left, &dst, &room);

		xj_sb_add(&in->out, tmp, sizeof(tmp) - room);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !in->eof)
			break;          /* a character cut by the buffer edge */
		if (xj_conv_gb2005_only(src, left))
			in->saw_2005 = 1;
		xj_sb_add(&in->out, "\xef\xbf\xbd", 3);
		src++;
		left--;
	}
	memmove(in->raw, src, left);
	in->raw_len = left;
}

static int open_fd(struct xj_input *in, const char *path, struct xj_error *err)
{
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
		in->name = xj_xstrdup("stdin");
		return 0;
	}
	in->name = xj_xstrdup(path);
	in->fd = xj_infile_open(path, err);
	return in->fd < 0 ? -1 : 0;
}

struct xj_input *xj_input_open(const char *path, const char *encoding,
			       struct xj_error *err)
{
	struct xj_input *in = xj_xcalloc(1, sizeof(*in));

	if (xj_sha256_init(&in->md, err) < 0)
		goto fail;
	if (open_fd(in, path, err) < 0 || fill_raw(in, err) < 0)
		goto fail;
	if (in->raw_len >= 2 && (memcmp(in->raw, "\xff\xfe", 2) == 0 ||
				 memcmp(in->raw, "\xfe\xff", 2) == 0)) {
		/* Excel's "Unicode text": refused by name rather than misread */
		xj_error_set(err, XJ_EFORMAT, "%s: UTF-16 text; save it as CSV in UTF-8"
			     " or GB18030", in->name);
		goto fail;
	}
	if (in->raw_len >= 3 && memcmp(in->raw, "\xef\xbb\xbf", 3) == 0) {
		memmove(in->raw, in->raw + 3, in->raw_len - 3);
		in->raw_len -= 3;
		in->encoding = "utf-8";
	} else if (in->raw_len >= 4 && memcmp(in->raw, "\x84\x31\x95\x33", 4) == 0) {
		/* U+FEFF in GB18030: the mark of a GB18030 file, dropped the same;
		 * which edition's mapping is for --encoding to say */
		memmove(in->raw, in->raw + 4, in->raw_len - 4);
		in->raw_len -= 4;
		in->encoding = xj_input_encoding_name(encoding);
		if (!in->encoding || strcmp(in->encoding, "gb18030-2005") != 0)
			in->encoding = "gb18030";
	}
	/* A zip archive (an .xlsx workbook) is not text: its bytes pass as they
	 * are, for the reader to unpack, whatever the encoding asked for. */
	if (!in->encoding && in->raw_len >= 4 && memcmp(in->raw, "PK\003\004", 4) == 0)
		in->encoding = "binary";
	if (!in->encoding)
		in->encoding = xj_input_encoding_name(encoding);
	if (!in->encoding) {
		in->encoding = xj_text_utf8_valid(in->raw, in->raw_len, !in->eof) ?
			"utf-8" : "gb18030";
		in->guessed_gb = strcmp(in->encoding, "gb18030") == 0;
		if (!in->guessed_gb && gbk_as_utf8(in->raw, in->raw_len)) {
			xj_error_set(err, XJ_EFORMAT, "%s: it reads as UTF-8 with no Chinese in"
				     " it, only letters such as Cyrillic or Greek, which is how"
				     " GBK text can read: give --encoding gb18030 if it is GBK, or"
				     " --encoding utf-8 if it is not", in->name);
			goto fail;
		}
	}
	if (in->guessed_gb && mixed_encodings(in, err) < 0)
		goto fail;
	if (strncmp(in->encoding, "gb18030", 7) == 0 &&
	    !(in->cd = xj_conv_open("UTF-8", in->encoding))) {
		xj_error_set(err, XJ_EIO, "cannot convert from GB18030: %s", strerror(errno));
		goto fail;
	}
	convert_raw(in);
	return in;
fail:
	xj_input_free(in);
	return NULL;
}

ssize_t xj_input_read(struct xj_input *in, char *buf, size_t n,
		      struct xj_error *err)
{
	while (in->out_pos == in->out.len) {
		if (in->eof && in->raw_len == 0)
			return 0;
		if (fill_raw(in, err) < 0)
			return -1;
		if (in->guessed_gb && mixed_encodings(in, err) < 0)
			return -1;
		convert_raw(in);
		if (in->eof && in->out_pos == in->out.len && in->raw_len) {
			/* leftovers that never completed a character */
			xj_sb_add(&in->out, "\xef\xbf\xbd", 3);
			in->raw_len = 0;
		}
	}
	if (n > in->out.len - in->out_pos)
		n = in->out.len - in->out_pos;
	memcpy(buf, in->out.buf + in->out_pos, n);
	in->out_pos += n;
	return (ssize_t)n;
}

const char *xj_input_peek(struct xj_input *in, size_t *n)
{
	*n = in->out.len - in->out_pos;
	return in->out.buf ? in->out.buf + in->out_pos : "";
}

const char *xj_input_name(const struct xj_input *in)
{
	return in->name;
}

const char *xj_input_encoding(const struct xj_input *in)
{
	return in->encoding;
}

int xj_input_saw_2005(const struct xj_input *in)
{
	return in->saw_2005;
}

void xj_input_sha256(struct xj_input *in, char hex[65])
{
	struct xj_sha256 copy;

	hex[0] = '\0';
	if (xj_sha256_copy(&copy, &in->md, NULL) == 0)
		xj_sha256_final(&copy, hex);
}

void xj_input_free(struct xj_input *in)
{
	if (!in)
		return;
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	xj_conv_close(in->cd);
	xj_sha256_drop(&in->md);
	xj_sb_release(&in->out);
	free(in->name);
	free(in);
}
