/* photodup.h: the photo files of a folder, named by the students they show,
 * and the pairs of them that are one picture used for two students (P5): a
 * classic sign of impersonation.  The set owns its strings. */
#ifndef XJ_PHOTODUP_H
#define XJ_PHOTODUP_H

#include <stddef.h>

#include "xj/photohash.h"

struct xj_photo_file {
	char *path;
	char *key;              /* the key the file, or its folder, is named by */
	long long student;      /* filled in by the caller; 0: not known */
	char *name;             /* the student's name, filled in by the caller */
	struct xj_photohash_print print;
};

struct xj_photo_set {
	struct xj_photo_file *v;
	size_t n, cap;
};

/* The pictures (.jpg .jpeg .png .bmp, any case) in DIR: DIR/KEY.jpg, or
 * any picture in DIR/KEY/.  Hidden names are skipped.  Sorted by path. */
int xj_photodup_scan(const char *dir, struct xj_photo_set *set, struct xj_error *err);
void xj_photodup_set_release(struct xj_photo_set *set);

struct xj_photo_match {
	const struct xj_photo_file *a, *b;
	int identical;          /* the same bytes */
	int distance;           /* bits apart (0 when identical) */
};

/* Each pair of files of two different known students that are the same
 * bytes, or decoded pictures at most max_distance bits apart, in the
 * order of the set.  fn returning -1 stops; that is returned. */
int xj_photodup_matches(const struct xj_photo_set *set, int max_distance,
		     int (*fn)(void *ctx, const struct xj_photo_match *m), void *ctx);

#endif
