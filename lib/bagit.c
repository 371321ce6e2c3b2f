/* bagit.c: writing a BagIt 1.0 bag (RFC 8493). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "xj/bagit.h"
#include "xj/strbuf.h"

struct xj_bag {
	char *dir, *tmp;
	struct xj_sb m256, m512;   /* the payload manifests, as written */
	long long octets;
	long count;
};

/* Payload names we make: letters, digits, '.', '-', '_' and '/', no
 * empty, "." or ".." segment. */
static int safe_name(const char *name)
{
	const char *p = name;

	if (!*name || *name == '/' || strspn(name, "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_/") != strlen(name))
		return 0;
	for (; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && *p == '.') || (n == 2 && !strncmp(p, "..", 2)))
			return 0;
	}
	return 1;
}

static int make_dirs(const char *root, const char *rel, struct xj_error *err)
{
	struct xj_sb path = XJ_SB_INIT;
	const char *p;
	int rc = 0;

	for (p = strchr(rel, '/'); rc == 0 && p; p = strchr(p + 1, '/')) {
		xj_sb_reset(&path);
		xj_sb_addf(&path, "%s/%.*s", root, (int)(p - rel), rel);
		if (mkdir(path.buf, 0700) < 0 && errno != EEXIST)
			rc = xj_error_set(err, XJ_EIO, "cannot make %s: %s", path.buf, strerror(errno));
	}
	xj_sb_release(&path);
	return rc;
}

struct xj_bag *xj_bagit_begin(const char *dir, struct xj_error *err)
{
	struct xj_bag *b;
	struct stat sb;
	struct xj_sb data = XJ_SB_INIT;

	if (lstat(dir, &sb) == 0) {
		xj_error_set(err, XJ_EUSAGE, "%s exists: a bag is written to a new folder", dir);
		return NULL;
	}
	b = xj_xcalloc(1, sizeof(*b));
	b->dir = xj_xstrdup(dir);
	b->tmp = xj_xmalloc(strlen(dir) + 16);
	snprintf(b->tmp, strlen(dir) + 16, "%s.tmp-XXXXXX", dir);
	if (!mkdtemp(b->tmp)) {
		xj_error_set(err, XJ_EIO, "cannot make %s: %s", b->tmp, strerror(errno));
		free(b->tmp);
		b->tmp = NULL;
		xj_bagit_abort(b);
		return NULL;
	}
	xj_sb_addf(&data, "%s/data", b->tmp);
	if (mkdir(data.buf, 0700) < 0) {
		xj_error_set(err, XJ_EIO, "cannot make %s: %s", data.buf, strerror(errno));
		xj_sb_release(&data);
		xj_bagit_abort(b);
		return NULL;
	}
	xj_sb_release(&data);
	xj_sb_adds(&b->m256, "");
	xj_sb_adds(&b->m512, "");
	return b;
}

static void hex(const unsigned char *md, unsigned n, char *out)
{
	unsigned i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Both digests of what passes through, and the file written. */
struct sink {
	EVP_MD_CTX *c256, *c512;
	int fd;
	long long n;
};

#define SINK_INIT { NULL, NULL, -1, 0 }

static int sink_open(struct sink *k, const char *path, struct xj_error *err)
{
	k->n = 0;
	k->c256 = EVP_MD_CTX_new();
	k->c512 = EVP_MD_CTX_new();
	k->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (k->fd < 0 || !k->c256 || !k->c512 || !EVP_DigestInit_ex(k->c256, EVP_sha256(), NULL) ||
	    !EVP_DigestInit_ex(k->c512, EVP_sha512(), NULL))
		return xj_error_set(err, XJ_EIO, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

static int sink_put(struct sink *k, const void *buf, size_t n, struct xj_error *err)
{
	if (!EVP_DigestUpdate(k->c256, buf, n) || !EVP_DigestUpdate(k->c512, buf, n) ||
	    write(k->fd, buf, n) != (ssize_t)n)
		return xj_error_set(err, XJ_EIO, "cannot write the bag: %s", strerror(errno));
	k->n += (long long)n;
	return 0;
}

/* data/NAME out of the bag again, and the folders it leaves empty. */
static void unmake(struct xj_bag *b, const char *name)
{
	struct xj_sb path = XJ_SB_INIT;
	size_t top;
	char *slash;

	xj_sb_addf(&path, "%s/data/", b->tmp);
	top = path.len - 1;
	xj_sb_adds(&path, name);
	unlink(path.buf);
	while ((slash = strrchr(path.buf, '/')) != NULL && (size_t)(slash - path.buf) > top) {
		*slash = '\0';
		if (rmdir(path.buf) < 0)
			break;
	}
	xj_sb_release(&path);
}

/* The file written whole: its lines in the manifests.  With want, the
 * SHA-256 the bytes must have: when they differ the file is taken out and
 * 1 returned; on any failure the file is taken out too, so the bag holds
 * nothing its manifests do not name. */
static int sink_close(struct xj_bag *b, struct sink *k, const char *name, const char *want,
		      int ok, struct xj_error *err)
{
	unsigned char md[64];
	char h256[65], h512[129];
	int made = k->fd >= 0, rc = ok;

	if (made && (fsync(k->fd) < 0 || close(k->fd) < 0) && rc == 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write the bag: %s", strerror(errno));
	/* a digest that cannot be finished is a library out of memory */
	if (rc == 0 && EVP_DigestFinal_ex(k->c256, md, NULL))
		hex(md, 32, h256);
	else if (rc == 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write the bag: %s", strerror(ENOMEM));
	if (rc == 0 && EVP_DigestFinal_ex(k->c512, md, NULL))
		hex(md, 64, h512);
	else if (rc == 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write the bag: %s", strerror(ENOMEM));
	if (rc == 0 && want && strcmp(h256, want) != 0)
		rc = 1;
	if (rc == 0) {
		xj_sb_addf(&b->m256, "%s  data/%s\n", h256, name);
		xj_sb_addf(&b->m512, "%s  data/%s\n", h512, name);
		b->octets += k->n;
		b->count++;
	} else if (made) {
		unmake(b, name);
	}
	EVP_MD_CTX_free(k->c256);
	EVP_MD_CTX_free(k->c512);
	return rc;
}

static int payload_path(struct xj_bag *b, const char *name, struct xj_sb *path,
			struct xj_error *err)
{
	if (!safe_name(name))
		return xj_error_set(err, XJ_EDATA, "not a name for a bag: \"%s\"", name);
	xj_sb_addf(path, "%s/data/%s", b->tmp, name);
	/* the folders of data/NAME, under the bag */
	return make_dirs(b->tmp, path->buf + strlen(b->tmp) + 1, err);
}

int xj_bagit_add_bytes(struct xj_bag *b, const char *name, const void *buf, size_t n,
		     struct xj_error *err)
{
	struct xj_sb path = XJ_SB_INIT;
	struct sink k = SINK_INIT;
	int rc = payload_path(b, name, &path, err);

	if (rc == 0)
		rc = sink_open(&k, path.buf, err);
	if (rc == 0)
		rc = sink_put(&k, buf, n, err);
	rc = sink_close(b, &k, name, NULL, rc, err);
	xj_sb_release(&path);
	return rc;
}

/* src copied in, hashed as it is read: what is checked is what is bagged. */
static int add_file(struct xj_bag *b, const char *name, const char *src, const char *want,
		    struct xj_error *err)
{
	struct xj_sb path = XJ_SB_INIT;
	struct sink k = SINK_INIT;
	unsigned char buf[65536];
	FILE *in = NULL;
	size_t n;
	int rc = payload_path(b, name, &path, err);

	if (rc == 0 && !(in = fopen(src, "rb")))
		rc = xj_error_set(err, XJ_EIO, "cannot open %s: %s", src, strerror(errno));
	if (rc == 0)
		rc = sink_open(&k, path.buf, err);
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = sink_put(&k, buf, n, err);
	if (rc == 0 && ferror(in))
		rc = xj_error_set(err, XJ_EIO, "cannot read %s", src);
	if (in)
		fclose(in);
	rc = sink_close(b, &k, name, want, rc, err);
	xj_sb_release(&path);
	return rc;
}

int xj_bagit_add_file(struct xj_bag *b, const char *name, const char *src, struct xj_error *err)
{
	return add_file(b, name, src, NULL, err);
}

int xj_bagit_add_copy(struct xj_bag *b, const char *name, const char *src, const char *sha256,
		    struct xj_error *err)
{
	return add_file(b, name, src, sha256, err);
}

void xj_bagit_mark(const struct xj_bag *b, struct xj_bagit_mark *m)
{
	m->m256 = b->m256.len;
	m->m512 = b->m512.len;
	m->octets = b->octets;
	m->count = b->count;
}

/* The names come from the manifest's own lines since the mark: each
 * "CHECKSUM  data/NAME", NAME one of ours (safe_name), never encoded. */
void xj_bagit_drop(struct xj_bag *b, const struct xj_bagit_mark *m)
{
	char *p, *nl, *name;

	if (!b || b->m256.len < m->m256)
		return;
	for (p = b->m256.buf + m->m256; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		name = strstr(p, "  data/");
		if (name)
			unmake(b, name + 7);
	}
	b->m256.len = m->m256;
	b->m256.buf[m->m256] = '\0';
	b->m512.len = m->m512;
	b->m512.buf[m->m512] = '\0';
	b->octets = m->octets;
	b->count = m->count;
}

/* A tag file, and its line in both tag manifests. */
static int tag_file(struct xj_bag *b, const char *name, const char *text, struct xj_sb *t256,
		    struct xj_sb *t512, struct xj_error *err)
{
	struct xj_sb path = XJ_SB_INIT;
	struct sink k = SINK_INIT;
	unsigned char md[64];
	char h[129];
	int rc;

	xj_sb_addf(&path, "%s/%s", b->tmp, name);
	rc = sink_open(&k, path.buf, err);
	if (rc == 0)
		rc = sink_put(&k, text, strlen(text), err);
	if (k.fd >= 0 && (fsync(k.fd) < 0 || close(k.fd) < 0) && rc == 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write %s", path.buf);
	if (rc == 0 && t256 && EVP_DigestFinal_ex(k.c256, md, NULL)) {
		hex(md, 32, h);
		xj_sb_addf(t256, "%s  %s\n", h, name);
	}
	if (rc == 0 && t512 && EVP_DigestFinal_ex(k.c512, md, NULL)) {
		hex(md, 64, h);
		xj_sb_addf(t512, "%s  %s\n", h, name);
	}
	EVP_MD_CTX_free(k.c256);
	EVP_MD_CTX_free(k.c512);
	xj_sb_release(&path);
	return rc;
}

int xj_bagit_finish(struct xj_bag *b, const char *org, const char *date, const char *id,
		  struct xj_error *err)
{
	struct xj_sb info = XJ_SB_INIT, t256 = XJ_SB_INIT, t512 = XJ_SB_INIT;
	int rc;

	xj_sb_addf(&info, "Source-Organization: %s\nBagging-Date: %s\nPayload-Oxum: %lld.%ld\n"
		   "External-Identifier: %s\nBag-Software-Agent: xj %s\n", org, date, b->octets,
		   b->count, id, XJ_VERSION);
	xj_sb_adds(&t256, "");
	xj_sb_adds(&t512, "");
	rc = tag_file(b, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
		      &t256, &t512, err);
	if (rc == 0)
		rc = tag_file(b, "bag-info.txt", info.buf, &t256, &t512, err);
	if (rc == 0)
		rc = tag_file(b, "manifest-sha256.txt", b->m256.buf, &t256, &t512, err);
	if (rc == 0)
		rc = tag_file(b, "manifest-sha512.txt", b->m512.buf, &t256, &t512, err);
	if (rc == 0)
		rc = tag_file(b, "tagmanifest-sha512.txt", t512.buf, NULL, NULL, err);
	if (rc == 0 && rename(b->tmp, b->dir) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot move the bag to %s: %s", b->dir,
				  strerror(errno));
	xj_sb_release(&info);
	xj_sb_release(&t256);
	xj_sb_release(&t512);
	if (rc < 0) {
		xj_bagit_abort(b);
		return -1;
	}
	free(b->tmp);
	b->tmp = NULL;
	xj_bagit_abort(b);
	return 0;
}

/* Remove what was written of the bag (only inside its temporary folder;
 * links are removed, never followed). */
static void remove_tree(const char *path)
{
	struct xj_sb child = XJ_SB_INIT;
	struct dirent *e;
	struct stat sb;
	DIR *d;

	if (lstat(path, &sb) < 0)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		xj_sb_reset(&child);
		xj_sb_addf(&child, "%s/%s", path, e->d_name);
		remove_tree(child.buf);
	}
	if (d)
		closedir(d);
	xj_sb_release(&child);
	rmdir(path);
}

void xj_bagit_abort(struct xj_bag *b)
{
	if (!b)
		return;
	if (b->tmp)
		remove_tree(b->tmp);
	free(b->tmp);
	free(b->dir);
	xj_sb_release(&b->m256);
	xj_sb_release(&b->m512);
	free(b);
}
