/* sha256.h: SHA-256, the one module that computes it: of bytes in memory,
 * of a file, or fed piece by piece for digests over more than fits in
 * memory at once (a command's rows, a file being copied).  Digests are
 * given as 64 lowercase hex digits.  A digest holds memory from
 * xj_sha256_init or _copy until xj_sha256_final or xj_sha256_drop frees it:
 * every one started ends in one of the two. */
#ifndef XJ_SHA256_H
#define XJ_SHA256_H

#include <stddef.h>

#include "xj/error.h"

struct xj_sha256 {
	void *ctx;   /* the digest's state; NULL when it could not be made */
};

/* The digest of n bytes at data (the empty string when the library
 * fails, which matches no digest). */
void xj_sha256_hex(const void *data, size_t n, char hex[65]);
/* The digest of a regular file's bytes: 0, or -1 with err set (XJ_EIO,
 * the file named) and errno as the failure left it. */
int xj_sha256_file(const char *path, char hex[65], struct xj_error *err);

/* Start a digest: 0, or -1 when the library could not make one, said in
 * err (which may be NULL) as XJ_EIO "cannot start SHA-256": a library
 * that fails is XJ_EIO (HACKING). */
int xj_sha256_init(struct xj_sha256 *h, struct xj_error *err);
void xj_sha256_update(struct xj_sha256 *h, const void *data, size_t n);
/* Finish: the digest as 64 lowercase hex digits; h is released. */
void xj_sha256_final(struct xj_sha256 *h, char hex[65]);
/* A copy of from's state into to (a digest of its own): 0, or -1, said
 * as xj_sha256_init's failure is. */
int xj_sha256_copy(struct xj_sha256 *to, const struct xj_sha256 *from,
		   struct xj_error *err);
/* Release a digest that will not be finished. */
void xj_sha256_drop(struct xj_sha256 *h);

#endif
