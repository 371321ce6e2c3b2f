/* bagit_verify.c: is a bag complete and valid (RFC 8493, section 3)?
 * Every problem found is named; checking goes on after one. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "xj/bagit.h"
#include "xj/i18n.h"
#include "xj/names.h"
#include "xj/strbuf.h"

struct entry {
	char *path;      /* decoded, relative to the bag */
	char *sum;
};

struct manifest {
	char alg[16];
	struct entry *v;
	size_t n;
	int tag;
};

struct check {
	const char *dir;
	void (*fn)(void *, const char *);
	void *ctx;
	long problems, files;
	long long octets;
	struct manifest m[8];
	int nm;
};

static void problem(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct check *c, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	c->fn(c->ctx, buf);
	c->problems++;
}

/* A tag file whole (NULL when absent; *n its length). */
static char *slurp(const struct check *c, const char *name, size_t *n)
{
	struct xj_sb path = XJ_SB_INIT, text = XJ_SB_INIT;
	char buf[65536];
	FILE *fp;
	size_t k;

	xj_sb_addf(&path, "%s/%s", c->dir, name);
	fp = fopen(path.buf, "rb");
	xj_sb_release(&path);
	if (!fp)
		return NULL;
	xj_sb_adds(&text, "");
	while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
		xj_sb_addf(&text, "%.*s", (int)k, buf);
	fclose(fp);
	*n = text.len;
	return text.buf;
}

/* Valid UTF-8, no NUL: 0, else the 1-based line of the first bad byte. */
static long bad_utf8(const char *s, size_t n)
{
	long line = 1;
	size_t i = 0;

	while (i < n) {
		size_t len = 0;

		if (!s[i])
			return line;
		if (s[i] == '\n')
			line++;
		if ((xj_utf8_decode(s + i, &len) == 0xFFFD &&
		     (len != 3 || memcmp(s + i, "\xef\xbf\xbd", 3))) || len == 0)
			return line;
		i += len;
	}
	return 0;
}

/* The next line (LF, CRLF or CR ends it); NULL at the end. */
static char *next_line(char **p)
{
	char *s = *p, *e;

	if (!s || !*s)
		return NULL;
	e = s + strcspn(s, "\r\n");
	if (*e == '\r' && e[1] == '\n')
		*e = '\0', *p = e + 2;
	else if (*e)
		*e = '\0', *p = e + 1;
	else
		*p = e;
	return s;
}

#define ENCODING "Tag-File-Character-Encoding: "

static void check_declaration(struct check *c)
{
	size_t n = 0;
	char *text = slurp(c, "bagit.txt", &n), *p = text, *l1, *l2;
	int maj, min;
	char tail;

	if (!text) {
		problem(c, _("bagit.txt: missing (a bag must declare itself)"));
		return;
	}
	if (n >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		problem(c, _("bagit.txt: begins with a byte-order mark"));
		p += 3;   /* and read on past it */
	} else if (bad_utf8(text, n))
		problem(c, _("bagit.txt: not UTF-8"));
	l1 = next_line(&p);
	l2 = next_line(&p);
	if (!l1 || sscanf(l1, "BagIt-Version: %d.%d%c", &maj, &min, &tail) != 2)
		problem(c, _("bagit.txt: line 1 is not \"BagIt-Version: M.N\""));
	if (!l2 || strncmp(l2, ENCODING, strlen(ENCODING)) != 0)
		problem(c, _("bagit.txt: line 2 is not"
			     " \"Tag-File-Character-Encoding: ENCODING\""));
	else if (strcasecmp(l2 + strlen(ENCODING), "UTF-8") != 0)
		problem(c, _("bagit.txt: tag files in %s: only UTF-8 is read"),
			l2 + strlen(ENCODING));
	if (next_line(&p))
		problem(c, _("bagit.txt: more than two lines"));
	free(text);
}

/* Percent-decode a manifest path: %0A, %0D and %25 (any %XX read), a
 * '%' without two hex digits is a problem. */
static int decode_path(const char *in, struct xj_sb *out)
{
	xj_sb_reset(out);
	xj_sb_adds(out, "");
	for (; *in; in++) {
		unsigned v;

		if (*in != '%') {
			xj_sb_addc(out, *in);
			continue;
		}
		if (sscanf(in + 1, "%2x", &v) != 1 || !strchr("0123456789abcdefABCDEF", in[1]) ||
		    !in[1] || !strchr("0123456789abcdefABCDEF", in[2]) || !in[2])
			return -1;
		xj_sb_addc(out, (char)v);
		in += 2;
	}
	return 0;
}

static int path_escapes(const char *p)
{
	const char *s = p;

	if (*p == '/' || strchr(p, '\\'))
		return 1;
	for (; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL)
		if (!strncmp(s, "..", 2) && (s[2] == '/' || !s[2]))
			return 1;
	return 0;
}

static const EVP_MD *digest(const char *alg)
{
	if (!strcmp(alg, "sha256"))
		return EVP_sha256();
	if (!strcmp(alg, "sha512"))
		return EVP_sha512();
	if (!strcmp(alg, "sha1"))
		return EVP_sha1();
	if (!strcmp(alg, "md5"))
		return EVP_md5();
	return NULL;
}

static void read_manifest(struct check *c, const char *name, int tag)
{
	struct manifest *m = &c->m[c->nm];
	struct xj_sb path = XJ_SB_INIT;
	size_t n = 0, i;
	char *text = slurp(c, name, &n), *p = text, *line;
	long lineno = 0, bad;
	const EVP_MD *md;

	memset(m, 0, sizeof(*m));
	m->tag = tag;
	snprintf(m->alg, sizeof(m->alg), "%.*s", (int)(strlen(name) - (tag ? 16 : 13)),
		 name + (tag ? 12 : 9));
	md = digest(m->alg);
	if (!md)
		problem(c, _("%s: unknown algorithm %s"), name, m->alg);
	if (text && (bad = bad_utf8(text, n)))
		problem(c, _("%s:%ld: not UTF-8"), name, bad);
	while (md && (line = next_line(&p)) != NULL) {
		char *sp = line + strcspn(line, " \t");
		char *file = sp + strspn(sp, " \t");
		size_t len = (size_t)(sp - line);

		lineno++;
		if (!*sp || !*file || len != (size_t)EVP_MD_size(md) * 2 ||
		    strspn(line, "0123456789abcdefABCDEF") != len) {
			problem(c, _("%s:%ld: not \"CHECKSUM FILEPATH\""), name, lineno);
			continue;
		}
		if (decode_path(file, &path) < 0) {
			problem(c, _("%s:%ld: %s: a '%%' not percent-encoded"), name, lineno, file);
			continue;
		}
		if (path_escapes(path.buf) || (!tag && strncmp(path.buf, "data/", 5))) {
			if (tag)
				problem(c, _("%s:%ld: %s: not a path inside the bag"), name, lineno,
					path.buf);
			else
				problem(c, _("%s:%ld: %s: not a path inside the payload (data/)"),
					name, lineno, path.buf);
			continue;
		}
		for (i = 0; i < m->n; i++)
			if (!strcmp(m->v[i].path, path.buf))
				break;
		if (i < m->n) {
			problem(c, _("%s:%ld: %s listed twice"), name, lineno, path.buf);
			continue;
		}
		m->v = xj_xreallocarray(m->v, m->n + 1, sizeof(*m->v));
		m->v[m->n].path = xj_xstrdup(path.buf);
		*sp = '\0';
		m->v[m->n++].sum = xj_xstrdup(line);
	}
	free(text);
	xj_sb_release(&path);
	c->nm++;
}

static int file_sum(const char *path, const EVP_MD *md, char *out, long long *size)
{
	FILE *fp = fopen(path, "rb");
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	unsigned char buf[65536], h[64];
	unsigned hl = 0, i;
	size_t n;
	int ok = fp && x && EVP_DigestInit_ex(x, md, NULL);

	*size = 0;
	while (ok && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		ok = EVP_DigestUpdate(x, buf, n);
		*size += (long long)n;
	}
	ok = ok && !ferror(fp) && EVP_DigestFinal_ex(x, h, &hl);
	for (i = 0; ok && i < hl; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
	if (fp)
		fclose(fp);
	EVP_MD_CTX_free(x);
	return ok ? 0 : -1;
}

/* Each payload file: listed in every payload manifest, its checksums
 * right.  Links are not followed. */
static void walk(struct check *c, const char *rel)
{
	struct xj_sb path = XJ_SB_INIT, child = XJ_SB_INIT;
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int k;

	xj_sb_addf(&path, "%s/%s", c->dir, rel);
	if (!(d = opendir(path.buf))) {
		problem(c, _("%s: cannot be read"), rel);
		xj_sb_release(&path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		xj_sb_reset(&child);
		xj_sb_addf(&child, "%s/%s", rel, e->d_name);
		xj_sb_reset(&path);
		xj_sb_addf(&path, "%s/%s", c->dir, child.buf);
		if (lstat(path.buf, &sb) < 0 || S_ISLNK(sb.st_mode)) {
			problem(c, _("%s: a link, or unreadable: not part of a bag"), child.buf);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			walk(c, child.buf);
			continue;
		}
		c->files++;
		c->octets += (long long)sb.st_size;
		for (k = 0; k < c->nm; k++) {
			struct manifest *m = &c->m[k];
			size_t i;

			if (m->tag)
				continue;
			for (i = 0; i < m->n && strcmp(m->v[i].path, child.buf); i++)
				;
			if (i == m->n)
				problem(c, _("%s: in the payload, not in manifest-%s.txt"), child.buf,
					m->alg);
		}
	}
	closedir(d);
	xj_sb_release(&path);
	xj_sb_release(&child);
}

/* Every entry's file is there, and its checksum matches. */
static void check_entries(struct check *c)
{
	struct xj_sb path = XJ_SB_INIT;
	char sum[129];
	long long size;
	int k;
	size_t i;

	for (k = 0; k < c->nm; k++) {
		struct manifest *m = &c->m[k];

		for (i = 0; i < m->n; i++) {
			struct stat sb;

			xj_sb_reset(&path);
			xj_sb_addf(&path, "%s/%s", c->dir, m->v[i].path);
			if (lstat(path.buf, &sb) < 0 || !S_ISREG(sb.st_mode)) {
				problem(c, _("%s: in %smanifest-%s.txt, missing"), m->v[i].path,
					m->tag ? "tag" : "", m->alg);
				continue;
			}
			if (file_sum(path.buf, digest(m->alg), sum, &size) < 0)
				problem(c, _("%s: cannot be read"), m->v[i].path);
			else if (strcasecmp(sum, m->v[i].sum))
				problem(c, _("%s: %s checksum does not match"), m->v[i].path,
					m->alg);
		}
	}
	xj_sb_release(&path);
}

static void check_info(struct check *c)
{
	size_t n = 0;
	char *text = slurp(c, "bag-info.txt", &n), *p = text, *line;
	long lineno = 0, bad;
	long long octets;
	long count;

	if (!text)
		return;
	if ((bad = bad_utf8(text, n)))
		problem(c, _("bag-info.txt:%ld: not UTF-8"), bad);
	while ((line = next_line(&p)) != NULL) {
		lineno++;
		if (*line == ' ' || *line == '\t')
			continue;   /* a continued value */
		if (!strchr(line, ':') || strchr(line, ':') == line) {
			problem(c, _("bag-info.txt:%ld: not \"Label: value\""), lineno);
			continue;
		}
		if (strncmp(line, "Payload-Oxum:", 13) != 0)
			continue;
		if (sscanf(line + 13, " %lld.%ld", &octets, &count) != 2)
			problem(c, _("bag-info.txt:%ld: Payload-Oxum is not OCTETS.COUNT"), lineno);
		else if (octets != c->octets || count != c->files)
			problem(c, _("bag-info.txt:%ld: Payload-Oxum says %lld.%ld, the payload is"
				" %lld.%ld"), lineno, octets, count, c->octets, c->files);
	}
	free(text);
}

static void manifests(struct check *c, int *payload)
{
	struct dirent *e;
	DIR *d = opendir(c->dir);

	*payload = 0;
	while (d && (e = readdir(d)) != NULL && c->nm < 8) {
		size_t n = strlen(e->d_name);

		if (n > 13 && !strncmp(e->d_name, "manifest-", 9) &&
		    !strcmp(e->d_name + n - 4, ".txt")) {
			read_manifest(c, e->d_name, 0);
			(*payload)++;
		} else if (n > 16 && !strncmp(e->d_name, "tagmanifest-", 12) &&
			   !strcmp(e->d_name + n - 4, ".txt")) {
			read_manifest(c, e->d_name, 1);
		}
	}
	if (d)
		closedir(d);
}

long xj_bag_verify(const char *dir, void (*fn)(void *ctx, const char *problem), void *ctx,
		   long *files, struct xj_error *err)
{
	struct check c;
	struct xj_sb data = XJ_SB_INIT;
	struct stat sb;
	int payload, k;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.dir = dir;
	c.fn = fn;
	c.ctx = ctx;
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return xj_error_set(err, XJ_EUSAGE, "%s: not a folder", dir);
	check_declaration(&c);
	manifests(&c, &payload);
	if (!payload)
		problem(&c, _("no payload manifest (manifest-ALGORITHM.txt)"));
	xj_sb_addf(&data, "%s/data", dir);
	if (stat(data.buf, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		problem(&c, _("data/: missing (the payload folder)"));
	} else {
		walk(&c, "data");
		check_entries(&c);
	}
	check_info(&c);
	for (k = 0; k < c.nm; k++) {
		for (i = 0; i < c.m[k].n; i++) {
			free(c.m[k].v[i].path);
			free(c.m[k].v[i].sum);
		}
		free(c.m[k].v);
	}
	xj_sb_release(&data);
	*files = c.files;
	return c.problems;
}
