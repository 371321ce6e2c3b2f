/* media.c: a file's kind from its magic bytes. */
#include <string.h>

#include "xj/media.h"

const char *xj_media_sniff(const unsigned char *b, size_t n, const char **ext)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	if (n >= 5 && !memcmp(b, "%PDF-", 5))
		return *ext = "pdf", "application/pdf";
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return *ext = "jpg", "image/jpeg";
	if (n >= 8 && !memcmp(b, png, 8))
		return *ext = "png", "image/png";
	if (n >= 4 && (!memcmp(b, "II*\0", 4) || !memcmp(b, "MM\0*", 4)))
		return *ext = "tif", "image/tiff";
	return NULL;
}
