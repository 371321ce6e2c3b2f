/* share.h: where the programs find their data: share/ beside bin/, as in
 * the build tree and in an installed tree.  Results go into the caller's
 * buffer. */
#ifndef XJ_SHARE_H
#define XJ_SHARE_H

#include <stddef.h>

/* The path of file in the data directory dir ("locale", "xj"; file NULL
 * for the directory itself): in the directory $env when that variable is
 * set and not empty, else under BIN/../share/dir when that exists for a
 * program in BIN, else in the directory installed.  0, or -1 when the
 * path does not fit. */
int xj_share_path(const char *dir, const char *file, const char *env,
		  const char *installed, char *out, size_t size);

#endif
