/* media.h: what a file is, from its first bytes, never its name: the
 * kinds of scan and photo xj keeps or shows (PDF, JPEG, PNG, TIFF). */
#ifndef XJ_MEDIA_H
#define XJ_MEDIA_H

#include <stddef.h>

/* The media type of the n bytes at b ("image/jpeg"), with the usual
 * file ending in *ext ("jpg"); NULL when they are none of the four. */
const char *xj_media_sniff(const unsigned char *b, size_t n, const char **ext);

#endif
