/* bagit.h: BagIt bags (RFC 8493), written (1.0) and checked (1.0, 0.97).  A bag is
 * written in a temporary folder beside its place and renamed into it when
 * whole; its payload names come from the caller's keys and kinds, and any
 * name that could leave the bag (absolute, "..", odd characters) is
 * refused.  Verifying reads any bag, made here or not, and names each
 * problem. */
#ifndef XJ_BAGIT_H
#define XJ_BAGIT_H

#include <stddef.h>

#include "xj/error.h"

struct xj_bag;

struct xj_bag *xj_bagit_begin(const char *dir, struct xj_error *err);
/* A payload file data/NAME, copied from path, or from memory. */
int xj_bagit_add_file(struct xj_bag *b, const char *name, const char *path,
		    struct xj_error *err);
int xj_bagit_add_bytes(struct xj_bag *b, const char *name, const void *buf, size_t n,
		     struct xj_error *err);
/* A kept copy, as xj_bagit_add_file, hashed as it is read: when its bytes
 * are not those of sha256 nothing is added and 1 returned (err untouched);
 * 0 when added, -1 on an error.  A file that fails is never left behind. */
int xj_bagit_add_copy(struct xj_bag *b, const char *name, const char *path,
		    const char *sha256, struct xj_error *err);
/* A point to go back to: xj_bagit_drop takes out every payload file added
 * after the mark, so that an item refused leaves nothing in the bag. */
struct xj_bagit_mark {
	size_t m256, m512;
	long long octets;
	long count;
};
void xj_bagit_mark(const struct xj_bag *b, struct xj_bagit_mark *m);
void xj_bagit_drop(struct xj_bag *b, const struct xj_bagit_mark *m);
/* The tag files (bagit.txt, bag-info.txt with the organization, the date
 * and the identifier, the manifests), then the bag into place.  The bag is
 * freed either way. */
int xj_bagit_finish(struct xj_bag *b, const char *org, const char *date, const char *id,
		  struct xj_error *err);
/* Remove the unfinished bag and free it. */
void xj_bagit_abort(struct xj_bag *b);

/* Check the bag in dir by the rules of the BagIt version it declares (1.0,
 * RFC 8493, or the 0.97 draft): each problem to fn with warning 0, each
 * thing the RFC lets a reader take with a warning (md5sum's '*', a "./")
 * with warning 1; the number of problems, or -1 when dir cannot be read at
 * all.  *files: the payload files found.  Links in the bag are never
 * followed, and nothing but regular files is read. */
long xj_bagit_verify(const char *dir, void (*fn)(void *ctx, int warning, const char *text),
		   void *ctx, long *files, struct xj_error *err);

#endif
