/* conv.h: character sets converted with iconv, and GB 18030-2005 beside
 * the C library's GB 18030-2022.  A converter is the caller's, freed with
 * its iconv descriptor by xj_conv_close; the bytes stay in the caller's
 * buffers.
 *
 * glibc's GB18030 is the 2022 mapping: the ten vertical forms at A6D9..A6F3
 * and the eight components at FE59..FEA0 are read and written as U+FE10..
 * and U+9FB4.., and the six ideographs that 2022 dropped as duplicates
 * (FE51 𠂇 ...) as U+20087 ...; the four-byte codes that carried those
 * characters in 2005 (84318236 for U+FE10, 82359037 for U+9FB4, 95329031
 * for U+20087 ...) are not its text, or give the same characters again.
 * "GB18030-2005" is that mapping with those 24 characters at their
 * 2005 codes: written as the four-byte codes, read from them and from
 * the two-byte codes (whose 2005 private-use meaning is the same
 * character).  Both are converted here for these 24, the same whatever
 * the C library's version. */
#ifndef XJ_CONV_H
#define XJ_CONV_H

#include <stddef.h>

struct xj_conv;

/* iconv_open(to, from), where either may also be "GB18030-2005" (and
 * "GB18030-2022", the same as "GB18030"), any case, the other side then
 * being "UTF-8".  NULL with errno set when iconv cannot. */
struct xj_conv *xj_conv_open(const char *to, const char *from);
/* iconv(3) on the converter, with its return value, errno (E2BIG,
 * EILSEQ, EINVAL) and pointer updates; a NULL src resets the state. */
size_t xj_conv(struct xj_conv *c, char **src, size_t *left, char **dst, size_t *room);
void xj_conv_close(struct xj_conv *c);

/* Do these bytes start with one of the four-byte codes GB 18030-2005 gave
 * the 18 characters that 2022 moved to two-byte codes (which glibc's
 * GB18030 refuses)?  n is how many bytes there are. */
int xj_conv_gb2005_only(const char *s, size_t n);

/* The standard character for one of the 24 private-use code points
 * GB 18030-2005 mapped its two-byte codes A6D9..A6F3 and FE51..FEA0 to
 * (U+E78D -> U+FE10, U+E816 -> U+20087, ...); cp itself for any other. */
unsigned long xj_conv_pua_standard(unsigned long cp);

#endif
