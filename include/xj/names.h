/* names.h: names as people have them, beyond what some systems can write.
 * Repairs of what converters get wrong, and the check that a value can be
 * written in an export's encoding.  Output goes to the caller's buffers. */
#ifndef XJ_NAMES_H
#define XJ_NAMES_H

#include <stddef.h>
#include "xj/strbuf.h"

/* Copy in to out (reset first), with the GB18030-2005 private-use code
 * points converters leave behind replaced by the standard characters, and,
 * when dots is set (a name), the look-alike dots (U+30FB, U+FF65, U+2022,
 * ...) replaced by U+00B7, the separator names use.  Returns the number of
 * replacements; note gets the first one described (lowercase). */
int xj_names_repair(const char *in, int dots, struct xj_sb *out, char *note,
		   size_t notesz);

/* Can s be written in encoding ("gbk", "gb2312", "gb18030", "gb18030-2005",
 * "utf-8")?
 * 1 yes; 0 no, with what naming the first character that cannot
 * ("\"䶮\" (U+4DAE)"); -1 for an encoding iconv does not know. */
int xj_names_encodable(const char *s, const char *encoding, char *what, size_t whatsz);

/* The code point of the UTF-8 sequence at s and its length in *len
 * (1 and U+FFFD for a bad byte). */
unsigned long xj_names_utf8_decode(const char *s, size_t *len);

#endif
