/* photodup.c: photo files named by key, and the pairs that are one picture.
 * Pairs are compared all against all: a college's intake is some thousands
 * of photos, and 64-bit distances are cheap next to decoding them. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "xj/infile.h"
#include "xj/photodup.h"
#include "xj/strbuf.h"

static const char *const picture_ext[] = { ".jpg", ".jpeg", ".png", ".bmp" };

/* The length of name without its picture extension, or 0 when it has none. */
static size_t stem_len(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot || dot == name)
		return 0;
	for (i = 0; i < sizeof(picture_ext) / sizeof(picture_ext[0]); i++)
		if (strcasecmp(dot, picture_ext[i]) == 0)
			return (size_t)(dot - name);
	return 0;
}

static void add_file(struct xj_photo_set *set, const char *path, const char *key,
		     size_t keylen)
{
	struct xj_sb k = XJ_SB_INIT;
	struct xj_photo_file *f;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = xj_xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	f = &set->v[set->n++];
	memset(f, 0, sizeof(*f));
	f->path = xj_xstrdup(path);
	xj_sb_add(&k, key, keylen);
	f->key = xj_sb_detach(&k);
}

static char *join(const char *dir, const char *name)
{
	struct xj_sb sb = XJ_SB_INIT;

	xj_sb_adds(&sb, dir);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		xj_sb_adds(&sb, "/");
	xj_sb_adds(&sb, name);
	return xj_sb_detach(&sb);
}

/* Visit DIR; key NULL: top level (files are named by key, folders are
 * keys), else the folder of that key (one level, no deeper). */
static int scan_dir(const char *dir, const char *key, struct xj_photo_set *set,
		    struct xj_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return xj_error_set(err, XJ_EIO, "cannot open %s: %s", dir, strerror(errno));
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct stat sb;
		char *path;
		size_t stem;

		if (e->d_name[0] == '.')
			continue;
		/* a walk follows no link and reads no FIFO or device: each is
		 * refused by name, so what is compared is what the folder holds */
		path = join(dir, e->d_name);
		if (lstat(path, &sb) < 0)
			rc = xj_error_set(err, XJ_EIO, "cannot read %s: %s", path, strerror(errno));
		else if (S_ISDIR(sb.st_mode)) {
			if (!key)
				rc = scan_dir(path, e->d_name, set, err);
		} else if (!S_ISREG(sb.st_mode) && (S_ISLNK(sb.st_mode) || stem_len(e->d_name))) {
			rc = xj_error_set(err, XJ_EIO, "%s is %s, not a regular file", path,
					  xj_infile_kind(sb.st_mode));
		} else if ((stem = stem_len(e->d_name)) > 0) {
			add_file(set, path, key ? key : e->d_name, key ? strlen(key) : stem);
		}
		free(path);
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct xj_photo_file *)a)->path,
		      ((const struct xj_photo_file *)b)->path);
}

int xj_photodup_scan(const char *dir, struct xj_photo_set *set, struct xj_error *err)
{
	if (scan_dir(dir, NULL, set, err) < 0)
		return -1;
	if (set->n)
		qsort(set->v, set->n, sizeof(*set->v), by_path);
	return 0;
}

void xj_photodup_set_release(struct xj_photo_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->v[i].path);
		free(set->v[i].key);
		free(set->v[i].name);
	}
	free(set->v);
	memset(set, 0, sizeof(*set));
}

int xj_photodup_matches(const struct xj_photo_set *set, int max_distance,
		     int (*fn)(void *ctx, const struct xj_photo_match *m), void *ctx)
{
	size_t i, j;

	for (i = 0; i < set->n; i++)
		for (j = i + 1; j < set->n; j++) {
			const struct xj_photo_file *a = &set->v[i], *b = &set->v[j];
			struct xj_photo_match m = { .a = a, .b = b };

			if (!a->student || !b->student || a->student == b->student)
				continue;
			m.identical = memcmp(a->print.sha, b->print.sha, 32) == 0;
			if (!m.identical && a->print.decoded && b->print.decoded)
				m.distance = xj_photohash_distance(a->print.phash, b->print.phash);
			else if (!m.identical)
				continue;
			if ((m.identical || m.distance <= max_distance) && fn(ctx, &m) < 0)
				return -1;
		}
	return 0;
}
