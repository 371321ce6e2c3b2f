/* input.h: bytes of an input file as UTF-8.  Strips a UTF-8 BOM, converts
 * GB18030 (and its subsets GBK and GB2312) with iconv, in GB 18030-2022's
 * mapping or, when told, in 2005's (conv.h), and detects GB18030 when the
 * first 64 KiB are not valid UTF-8.  A byte the converter cannot
 * read becomes U+FFFD so the row holding it can be refused by name.  The
 * input owns its buffers; xj_input_free closes the file (not stdin). */
#ifndef XJ_INPUT_H
#define XJ_INPUT_H

#include <stddef.h>
#include <sys/types.h>
#include "xj/error.h"

struct xj_input;

/* path "-" is standard input.  encoding NULL or "" detects. */
struct xj_input *xj_input_open(const char *path, const char *encoding,
			       struct xj_error *err);
/* Up to n bytes of UTF-8; 0 at the end, -1 on a read error. */
ssize_t xj_input_read(struct xj_input *in, char *buf, size_t n,
		      struct xj_error *err);
/* The name to use in diagnostics ("-" reads as "stdin"). */
const char *xj_input_name(const struct xj_input *in);
/* "utf-8", "gb18030" or "gb18030-2005"; "binary" for a zip archive,
 * passed unconverted. */
const char *xj_input_encoding(const struct xj_input *in);
/* Read as GB18030 (2022), were there bytes that only GB 18030-2005 reads
 * (the four-byte codes of the characters 2022 moved)? */
int xj_input_saw_2005(const struct xj_input *in);
/* The first bytes, converted, without consuming them (format sniffing). */
const char *xj_input_peek(struct xj_input *in, size_t *n);
/* SHA-256 of the raw bytes read so far, as 64 hex digits. */
void xj_input_sha256(struct xj_input *in, char hex[65]);
void xj_input_free(struct xj_input *in);

/* Accepted --encoding names, normalised: "utf-8", "gb18030" (also for
 * gb18030-2022, gbk, gb2312, cp936, euc-cn), "gb18030-2005", or NULL. */
const char *xj_input_encoding_name(const char *name);

#endif
