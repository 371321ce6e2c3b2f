/* bagit_verify.c: is a bag complete and valid?  BagIt 1.0 (RFC 8493,
 * section 3) and the 0.97 draft, each bag by the rules of the version it
 * declares.  Every problem names the bag's file and line where it has one,
 * and checking goes on after it; what RFC 8493 lets a reader accept with a
 * warning is a warning.  Nothing is followed out of the bag: it is walked
 * without following links, a link, a FIFO or a device in it is refused
 * unread, and a file is opened one folder at a time, never through a link
 * (O_NOFOLLOW), so that one swapped for a link after the walk is not read
 * either. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "xj/bagit.h"
#include "xj/i18n.h"
#include "xj/input.h"
#include "xj/strbuf.h"
#include "xj/text.h"

#define MAX_DEPTH 64                  /* folders inside folders */
#define MAX_TEXT (256L << 20)         /* a tag file, read whole */

/* The algorithms of manifest-ALG.txt and tagmanifest-ALG.txt, by their
 * names there (RFC 8493, section 2.4); libcrypto hashes. */
static const struct alg {
	const char *name;
	const EVP_MD *(*md)(void);
} algs[] = {
	{ "md5", EVP_md5 }, { "sha1", EVP_sha1 }, { "sha224", EVP_sha224 },
	{ "sha256", EVP_sha256 }, { "sha384", EVP_sha384 }, { "sha512", EVP_sha512 },
};
#define NALGS (sizeof(algs) / sizeof(algs[0]))

/* What the walk found: everything in the bag, links not followed. */
struct node {
	char *path;         /* from the bag's folder, as on disk */
	mode_t mode;
	long long size;
	int refused;        /* a link, a FIFO, a device, a folder not read: said */
};

/* A line of a manifest or of fetch.txt. */
struct entry {
	char *path;         /* decoded */
	char *sum;          /* a manifest's checksum; fetch.txt: the URL */
	long line;
};

struct manifest {
	char name[32];
	const struct alg *alg;
	int tag;
	struct entry *v;    /* sorted by path, each path once */
	size_t n;
};

struct check {
	int fd;             /* the bag's folder */
	void (*fn)(void *, int, const char *);
	void *ctx;
	long problems;
	int v097;           /* the bag declares BagIt 0.97 */
	int text_ok;        /* its tag files can be read: the encoding is known */
	char enc[64];       /* the tag files' encoding, as declared */
	iconv_t cd;         /* from it to UTF-8; (iconv_t)-1 for UTF-8 itself */
	struct node *nodes; /* sorted by path */
	size_t nn;
	struct manifest m[2 * NALGS];
	size_t nm;
	int payload_named;  /* manifest-*.txt in the bag, read or not */
	struct entry *fetch; /* sorted by path */
	size_t nfetch;
	int holes;          /* files of fetch.txt not in the bag */
	long files;
	long long octets;
};

static void say(struct check *c, int warning, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void say(struct check *c, int warning, const char *fmt, va_list ap)
{
	struct xj_sb sb = XJ_SB_INIT;

	xj_sb_adds(&sb, "");
	xj_sb_vaddf(&sb, fmt, ap);
	c->fn(c->ctx, warning, sb.buf);
	xj_sb_release(&sb);
}

static void problem(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(c, 0, fmt, ap);
	va_end(ap);
	c->problems++;
}

static void warn(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(c, 1, fmt, ap);
	va_end(ap);
}

/* --- the walk -------------------------------------------------------------- */

static int node_cmp(const void *a, const void *b)
{
	return strcmp(((const struct node *)a)->path, ((const struct node *)b)->path);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct node *find(const struct check *c, const char *path)
{
	struct node key;

	key.path = (char *)path;
	return c->nn ? bsearch(&key, c->nodes, c->nn, sizeof(*c->nodes), node_cmp) : NULL;
}

static const char *kind_of(mode_t mode)
{
	if (S_ISFIFO(mode))
		return _("a FIFO (named pipe)");
	if (S_ISCHR(mode))
		return _("a character device");
	if (S_ISBLK(mode))
		return _("a block device");
	if (S_ISSOCK(mode))
		return _("a socket");
	return _("neither a file nor a folder");
}

static struct node *add_node(struct check *c, const char *path, const struct stat *sb)
{
	struct node *n;

	c->nodes = xj_xreallocarray(c->nodes, c->nn + 1, sizeof(*c->nodes));
	n = &c->nodes[c->nn++];
	n->path = xj_xstrdup(path);
	n->mode = sb->st_mode;
	n->size = (long long)sb->st_size;
	n->refused = 0;
	return n;
}

/* Everything in the folder fd (rel: its path in the bag, "" for the bag
 * itself), depth first, in the order of the names; fd is closed. */
static void walk(struct check *c, int fd, const char *rel, int depth)
{
	struct xj_sb path = XJ_SB_INIT;
	char **names = NULL, target[4096];
	size_t n = 0, i;
	struct dirent *e;
	DIR *d = fdopendir(fd);

	if (!d) {
		problem(c, _("%s: cannot be read: %s"), *rel ? rel : ".", strerror(errno));
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			names = xj_xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xj_xstrdup(e->d_name);
		}
	}
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		struct node *node;
		struct stat sb;
		ssize_t k;
		int sub;

		xj_sb_reset(&path);
		xj_sb_addf(&path, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (fstatat(dirfd(d), names[i], &sb, AT_SYMLINK_NOFOLLOW) < 0) {
			problem(c, _("%s: cannot be read: %s"), path.buf, strerror(errno));
			continue;
		}
		node = add_node(c, path.buf, &sb);
		if (S_ISREG(sb.st_mode))
			continue;
		node->refused = 1;
		if (S_ISLNK(sb.st_mode)) {
			k = readlinkat(dirfd(d), names[i], target, sizeof(target) - 1);
			target[k < 0 ? 0 : k] = '\0';
			problem(c, _("%s: a symbolic link to %s: links are never followed"), path.buf,
				target);
		} else if (!S_ISDIR(sb.st_mode)) {
			problem(c, _("%s: %s: a bag holds only files and folders; not read"), path.buf,
				kind_of(sb.st_mode));
		} else if (depth >= MAX_DEPTH) {
			problem(c, _("%s: folders more than %d deep: not read"), path.buf, MAX_DEPTH);
		} else if ((sub = openat(dirfd(d), names[i],
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			problem(c, _("%s: cannot be read: %s"), path.buf, strerror(errno));
		} else {
			node->refused = 0;
			walk(c, sub, path.buf, depth + 1);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	xj_sb_release(&path);
}

/* Was path, or a folder on its way, refused by the walk (so said)? */
static int refused(const struct check *c, const char *path)
{
	struct xj_sb pre = XJ_SB_INIT;
	const struct node *n;
	const char *s;
	int r = 0;

	for (s = strchr(path, '/'); s && !r; s = strchr(s + 1, '/')) {
		xj_sb_reset(&pre);
		xj_sb_add(&pre, path, (size_t)(s - path));
		n = find(c, pre.buf);
		r = n && n->refused;
	}
	xj_sb_release(&pre);
	n = find(c, path);
	return r || (n && n->refused);
}

/* The regular file rel, opened one folder at a time and never through a
 * link; -1 when it cannot be (said). */
static int open_in_bag(struct check *c, const char *rel)
{
	struct xj_sb part = XJ_SB_INIT;
	const char *p = rel, *slash;
	int fd = c->fd, next = 0, e;
	struct stat sb;

	while (next >= 0 && (slash = strchr(p, '/')) != NULL) {
		xj_sb_reset(&part);
		xj_sb_add(&part, p, (size_t)(slash - p));
		next = openat(fd, part.buf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		e = errno;
		if (fd != c->fd)
			close(fd);
		fd = next;
		errno = e;
		p = slash + 1;
	}
	if (next >= 0) {
		/* O_NONBLOCK: a FIFO put here since the walk does not hang us */
		next = openat(fd, p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		e = errno;
		if (fd != c->fd)
			close(fd);
		errno = e;
	}
	xj_sb_release(&part);
	if (next < 0) {
		problem(c, _("%s: cannot be read: %s"), rel, strerror(errno));
		return -1;
	}
	if (fstat(next, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		problem(c, _("%s: no longer a file (changed while the bag was checked)"), rel);
		close(next);
		return -1;
	}
	return next;
}

/* --- tag files as text --------------------------------------------------------- */

/* The line (1-based) that offset off of s (NUL-terminated) is on: LF, CR
 * and CRLF end one. */
static long line_of(const char *s, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			line++;
	return line;
}

/* Well-formed UTF-8 without NUL: 0; else the line of the first bad byte. */
static long bad_utf8(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];

		k = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 :
		    b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		if (!b || !k || k > n - i || !xj_text_utf8_valid(s + i, k, 0))
			return line_of(s, i);
		i += k;
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

/* A file of the bag whole (NUL-terminated; *n its length), or NULL. */
static char *read_whole(struct check *c, const char *rel, size_t *n)
{
	struct xj_sb text = XJ_SB_INIT;
	char buf[65536];
	ssize_t k;
	int fd = open_in_bag(c, rel);

	if (fd < 0)
		return NULL;
	xj_sb_adds(&text, "");
	while ((k = read(fd, buf, sizeof(buf))) > 0 && text.len <= (size_t)MAX_TEXT)
		xj_sb_add(&text, buf, (size_t)k);
	if (k < 0)
		problem(c, _("%s: cannot be read: %s"), rel, strerror(errno));
	close(fd);
	if (k < 0 || text.len > (size_t)MAX_TEXT) {
		if (k >= 0)
			problem(c, _("%s: larger than %ld MiB: not read"), rel, MAX_TEXT >> 20);
		xj_sb_release(&text);
		return NULL;
	}
	*n = text.len;
	return xj_sb_detach(&text);
}

/* Bytes in the declared encoding as UTF-8 (*len its length); NULL when
 * they are not in it (said). */
static char *convert(struct check *c, const char *name, const char *raw, size_t n,
		     size_t *len)
{
	struct xj_sb out = XJ_SB_INIT;
	char *src = (char *)raw;
	size_t left = n;

	xj_sb_adds(&out, "");
	iconv(c->cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		char tmp[4096], *dst = tmp;
		size_t room = sizeof(tmp);
		size_t r = iconv(c->cd, &src, &left, &dst, &room);

		xj_sb_add(&out, tmp, sizeof(tmp) - room);
		if (r == (size_t)-1 && errno != E2BIG) {
			problem(c, _("%s:%ld: not %s"), name, line_of(out.buf, out.len), c->enc);
			xj_sb_release(&out);
			return NULL;
		}
	}
	*len = out.len;
	return xj_sb_detach(&out);
}

/* A text tag file as UTF-8, NUL-terminated and read up to a NUL; NULL
 * when absent, refused or unreadable (said). */
static char *read_text(struct check *c, const char *name)
{
	const struct node *node = find(c, name);
	char *raw, *text, *nul;
	size_t n = 0;
	long bad;

	if (!node || !S_ISREG(node->mode) || !(raw = read_whole(c, name, &n)))
		return NULL;
	if (c->cd == (iconv_t)-1) {
		if (n >= 3 && !memcmp(raw, "\xef\xbb\xbf", 3)) {
			problem(c, _("%s:1: begins with a byte-order mark (not in a UTF-8 tag file)"),
				name);
			memmove(raw, raw + 3, n - 2);
			n -= 3;
		}
		if ((bad = bad_utf8(raw, n)))
			problem(c, _("%s:%ld: not UTF-8"), name, bad);
		return raw;
	}
	text = convert(c, name, raw, n, &n);
	free(raw);
	if (text && (nul = memchr(text, '\0', n)) != NULL)
		problem(c, _("%s:%ld: a NUL character: not text"), name,
			line_of(text, (size_t)(nul - text)));
	/* the encoding's byte-order mark, when iconv leaves it in */
	if (text && !strncmp(text, "\xef\xbb\xbf", 3))
		memmove(text, text + 3, strlen(text + 3) + 1);
	return text;
}

/* --- bagit.txt ----------------------------------------------------------------- */

/* "LABEL: value" (the label in any case): the value, or NULL. */
static const char *labelled(const char *line, const char *label)
{
	size_t n = strlen(label);

	if (!line || strncasecmp(line, label, n) || strncmp(line + n, ": ", 2))
		return NULL;
	return line + n + 2;
}

/* "M.N", digits each */
static int is_version(const char *v)
{
	size_t a = strspn(v, "0123456789");

	return a && v[a] == '.' && v[a + 1] &&
	       strspn(v + a + 1, "0123456789") == strlen(v + a + 1);
}

static void encoding(struct check *c, const char *name)
{
	snprintf(c->enc, sizeof(c->enc), "%s", name);
	if (!strcasecmp(name, "UTF-8"))
		return;
	c->cd = iconv_open("UTF-8", name);
	if (c->cd == (iconv_t)-1) {
		problem(c, _("bagit.txt:2: tag files in %s: an encoding this system cannot read"
			     " (iconv -l lists those it can); they are not read"), name);
		c->text_ok = 0;
	}
}

static void check_declaration(struct check *c)
{
	const struct node *node = find(c, "bagit.txt");
	size_t n = 0;
	char *text, *p, *l1, *l2;
	const char *v, *enc;
	long bad;

	if (!node) {
		problem(c, _("bagit.txt: missing (a bag must declare itself)"));
		return;
	}
	if (!S_ISREG(node->mode) || !(text = read_whole(c, "bagit.txt", &n)))
		return;
	p = text;
	if (n >= 2 && (!memcmp(text, "\xff\xfe", 2) || !memcmp(text, "\xfe\xff", 2))) {
		problem(c, _("bagit.txt:1: UTF-16 (it begins with a UTF-16 byte-order mark):"
			     " the declaration is always in UTF-8; the tag files are not read"));
		c->text_ok = 0;
		free(text);
		return;
	}
	if (n >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		problem(c, _("bagit.txt:1: begins with a byte-order mark"));
		p += 3;   /* and read on past it */
	} else if ((bad = bad_utf8(text, n))) {
		problem(c, _("bagit.txt:%ld: not UTF-8"), bad);
	}
	l1 = next_line(&p);
	l2 = next_line(&p);
	if (!(v = labelled(l1, "BagIt-Version")) || !is_version(v))
		problem(c, _("bagit.txt:1: not \"BagIt-Version: M.N\""));
	else if (!strcmp(v, "0.97"))
		c->v097 = 1;
	else if (strcmp(v, "1.0"))
		problem(c, _("bagit.txt:1: BagIt %s: only versions 1.0 and 0.97 are read"
			     " (checked here by the rules of 1.0)"), v);
	if (!(enc = labelled(l2, "Tag-File-Character-Encoding")) || !*enc)
		problem(c, _("bagit.txt:2: not \"Tag-File-Character-Encoding: ENCODING\""));
	else
		encoding(c, enc);
	if (next_line(&p))
		problem(c, _("bagit.txt:3: more than two lines"));
	free(text);
}

/* --- paths in manifests and fetch.txt ---------------------------------------- */

enum { PAYLOAD, TAG, FETCH };

/* BagIt 1.0: %0A, %0D and %25 decoded (any case); any other '%' is one
 * not percent-encoded. */
static int decode_path(const char *in, struct xj_sb *out)
{
	for (; *in; in++) {
		if (*in != '%') {
			xj_sb_addc(out, *in);
			continue;
		}
		if (in[1] != '0' && in[1] != '2')
			return -1;
		if (in[1] == '0' && (in[2] == 'a' || in[2] == 'A'))
			xj_sb_addc(out, '\n');
		else if (in[1] == '0' && (in[2] == 'd' || in[2] == 'D'))
			xj_sb_addc(out, '\r');
		else if (in[1] == '2' && in[2] == '5')
			xj_sb_addc(out, '%');
		else
			return -1;
		in += 2;
	}
	return 0;
}

/* The path of a line of file, as the bag means it, in out; -1 when it is
 * refused (said).  What RFC 8493 lets a reader take with a warning (md5sum's
 * '*', a "./") is taken, with one. */
static int clean_path(struct check *c, const char *file, long line, const char *raw,
		      int kind, struct xj_sb *out)
{
	const char *s;

	xj_sb_reset(out);
	if (*raw == '*' && kind != FETCH) {
		warn(c, _("%s:%ld: %s: md5sum's '*' (binary mode) before the path: read without"
			  " it, but a strict reader refuses the bag"), file, line, raw);
		raw++;
	}
	if (!strncmp(raw, "./", 2)) {
		warn(c, _("%s:%ld: %s: a \"./\" before the path: read without it, but a strict"
			  " reader refuses the bag"), file, line, raw);
		while (!strncmp(raw, "./", 2))
			raw += 2;
	}
	if (c->v097) {
		xj_sb_adds(out, raw);
	} else if (decode_path(raw, out) < 0) {
		problem(c, _("%s:%ld: %s: a '%%' not percent-encoded"), file, line, raw);
		return -1;
	}
	if (*out->buf == '/') {
		problem(c, _("%s:%ld: %s: an absolute path: a bag names its files from its own"
			     " folder"), file, line, out->buf);
		return -1;
	}
	for (s = out->buf; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
		size_t n = strcspn(s, "/");

		if (n == 2 && !strncmp(s, "..", 2)) {
			problem(c, _("%s:%ld: %s: \"..\" in the path: a bag names only its own files"),
				file, line, out->buf);
			return -1;
		}
		if (n == 0 || (n == 1 && *s == '.')) {
			problem(c, _("%s:%ld: %s: an empty or \".\" folder name in the path"), file,
				line, out->buf);
			return -1;
		}
	}
	if (strchr(out->buf, '\\')) {
		problem(c, _("%s:%ld: %s: a backslash in the path: folders are separated by '/'"),
			file, line, out->buf);
		return -1;
	}
	if (kind != TAG && strncmp(out->buf, "data/", 5)) {
		problem(c, _("%s:%ld: %s: not a path inside the payload (data/)"), file, line,
			out->buf);
		return -1;
	}
	if (kind == TAG && !strncmp(out->buf, "data/", 5)) {
		problem(c, _("%s:%ld: %s: a payload file in a tag manifest"), file, line, out->buf);
		return -1;
	}
	if (kind == TAG && !strncmp(out->buf, "tagmanifest-", 12) && !strchr(out->buf, '/')) {
		problem(c, _("%s:%ld: %s: a tag manifest in a tag manifest"), file, line, out->buf);
		return -1;
	}
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = strcmp(x->path, y->path);

	return r ? r : (x->line > y->line) - (x->line < y->line);
}

static struct entry *find_entry(struct entry *v, size_t n, const char *path)
{
	while (n) {
		size_t mid = n / 2;
		int r = strcmp(v[mid].path, path);

		if (r == 0)
			return &v[mid];
		if (r < 0)
			v += mid + 1, n -= mid + 1;
		else
			n = mid;
	}
	return NULL;
}

static void add_entry(struct entry **v, size_t *n, const char *path, const char *sum, long line)
{
	*v = xj_xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].path = xj_xstrdup(path);
	(*v)[*n].sum = xj_xstrdup(sum);
	(*v)[(*n)++].line = line;
}

static void free_entries(struct entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].sum);
	}
	free(v);
}

/* --- manifests ------------------------------------------------------------------- */

/* Sorted by path, each path kept once: BagIt 1.0 lists a file once; 0.97
 * may list it again with the same checksum. */
static void dedupe(struct check *c, struct manifest *m)
{
	size_t i, k = 0;

	if (m->n)
		qsort(m->v, m->n, sizeof(*m->v), entry_cmp);
	for (i = 0; i < m->n; i++) {
		struct entry *first = k ? &m->v[k - 1] : NULL;

		if (!first || strcmp(first->path, m->v[i].path)) {
			m->v[k++] = m->v[i];
			continue;
		}
		if (strcasecmp(first->sum, m->v[i].sum))
			problem(c, _("%s:%ld: %s listed again (first on line %ld) with another"
				     " checksum"), m->name, m->v[i].line, m->v[i].path, first->line);
		else if (c->v097)
			warn(c, _("%s:%ld: %s listed again (first on line %ld), with the same"
				  " checksum: BagIt 0.97 allows it, 1.0 does not"), m->name,
			     m->v[i].line, m->v[i].path, first->line);
		else
			problem(c, _("%s:%ld: %s listed twice (first on line %ld)"), m->name,
				m->v[i].line, m->v[i].path, first->line);
		free(m->v[i].path);
		free(m->v[i].sum);
	}
	m->n = k;
}

static void read_manifest(struct check *c, const char *name, const struct alg *a, int tag)
{
	struct manifest *m = &c->m[c->nm];
	struct xj_sb path = XJ_SB_INIT;
	char *text, *p, *line;
	long lineno = 0;
	int size;
	EVP_MD_CTX *x = EVP_MD_CTX_new();

	/* a library that will not compute it (MD5 under FIPS) checks nothing */
	if (!x || !EVP_DigestInit_ex(x, a->md(), NULL)) {
		problem(c, _("%s: the crypto library does not compute %s here: not checked"), name,
			a->name);
		EVP_MD_CTX_free(x);
		return;
	}
	EVP_MD_CTX_free(x);
	if (!(p = text = read_text(c, name)))
		return;
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->alg = a;
	m->tag = tag;
	size = EVP_MD_size(a->md()) * 2;
	while ((line = next_line(&p)) != NULL) {
		char *sp = line + strcspn(line, " \t");
		char *file = sp + strspn(sp, " \t");
		size_t len = (size_t)(sp - line);

		lineno++;
		if (!*sp || !*file || !len || strspn(line, "0123456789abcdefABCDEF") != len) {
			problem(c, _("%s:%ld: not \"CHECKSUM FILEPATH\""), name, lineno);
			continue;
		}
		if (len != (size_t)size) {
			problem(c, _("%s:%ld: a checksum of %zu hex digits: %s has %d"), name, lineno,
				len, a->name, size);
			continue;
		}
		if (clean_path(c, name, lineno, file, tag ? TAG : PAYLOAD, &path) < 0)
			continue;
		*sp = '\0';
		add_entry(&m->v, &m->n, path.buf, line, lineno);
	}
	free(text);
	xj_sb_release(&path);
	dedupe(c, m);
	c->nm++;
}

/* Every manifest-ALG.txt and tagmanifest-ALG.txt at the top of the bag,
 * payload manifests first, each in the order of its algorithm. */
static void read_manifests(struct check *c)
{
	static const char *const kinds[] = { "manifest-", "tagmanifest-" };
	size_t i, k, a;
	int tag;

	for (tag = 0; tag < 2; tag++) {
		for (i = 0; i < c->nn; i++) {
			const char *name = c->nodes[i].path, *alg;
			size_t n = strlen(name), pre = strlen(kinds[tag]);

			if (strchr(name, '/') || n <= pre + 4 || strncmp(name, kinds[tag], pre) ||
			    strcmp(name + n - 4, ".txt"))
				continue;
			if (!tag)
				c->payload_named++;
			if (!S_ISREG(c->nodes[i].mode) || !c->text_ok)
				continue;
			alg = name + pre;
			for (a = 0; a < NALGS; a++)
				if (strlen(algs[a].name) == n - pre - 4 &&
				    !strncmp(alg, algs[a].name, n - pre - 4))
					break;
			if (a == NALGS)
				problem(c, _("%s: an algorithm not read here, so not checked (these are:"
					     " md5, sha1, sha224, sha256, sha384, sha512)"), name);
			else
				read_manifest(c, name, &algs[a], tag);
		}
	}
	/* BagIt 1.0: each tag manifest lists every payload manifest */
	for (i = 0; i < c->nm && !c->v097; i++)
		for (k = 0; c->m[i].tag && k < c->nm; k++)
			if (!c->m[k].tag && !find_entry(c->m[i].v, c->m[i].n, c->m[k].name))
				problem(c, _("%s: does not list %s (a tag manifest lists every payload"
					     " manifest)"), c->m[i].name, c->m[k].name);
}

/* In how many payload manifests path is; in *first_missing the first
 * that does not list it. */
static int listed(const struct check *c, const char *path, const struct manifest **first_missing)
{
	size_t k;
	int n = 0;

	*first_missing = NULL;
	for (k = 0; k < c->nm; k++) {
		if (c->m[k].tag)
			continue;
		if (find_entry(c->m[k].v, c->m[k].n, path))
			n++;
		else if (!*first_missing)
			*first_missing = &c->m[k];
	}
	return n;
}

static int payload_manifests(const struct check *c)
{
	size_t k;
	int n = 0;

	for (k = 0; k < c->nm; k++)
		n += !c->m[k].tag;
	return n;
}

/* --- fetch.txt --------------------------------------------------------------- */

/* scheme ":" something (RFC 3986, section 4.3) */
static int absolute_url(const char *u)
{
	size_t n = strspn(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789+-.");

	return n > 0 && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", *u) &&
	       u[n] == ':' && u[n + 1];
}

/* The files to fetch: read and checked, never fetched. */
static void read_fetch(struct check *c)
{
	struct xj_sb path = XJ_SB_INIT;
	char *text, *p, *line;
	long lineno = 0;

	if (!c->text_ok || !(p = text = read_text(c, "fetch.txt")))
		return;
	while ((line = next_line(&p)) != NULL) {
		char *url = line, *len, *file, *e;

		lineno++;
		e = url + strcspn(url, " \t");
		len = e + strspn(e, " \t");
		file = len + strcspn(len, " \t");
		if (!*e || e == url || !*len || !*file) {
			problem(c, _("fetch.txt:%ld: not \"URL LENGTH FILEPATH\""), lineno);
			continue;
		}
		*e = '\0';
		*file++ = '\0';
		file += strspn(file, " \t");
		if (!*file) {
			problem(c, _("fetch.txt:%ld: not \"URL LENGTH FILEPATH\""), lineno);
			continue;
		}
		if (!absolute_url(url))
			problem(c, _("fetch.txt:%ld: %s: not an absolute URL"), lineno, url);
		else if (strcmp(len, "-") && strspn(len, "0123456789") != strlen(len))
			problem(c, _("fetch.txt:%ld: %s: a length neither a number nor \"-\""), lineno,
				len);
		else if (clean_path(c, "fetch.txt", lineno, file, FETCH, &path) == 0)
			add_entry(&c->fetch, &c->nfetch, path.buf, url, lineno);
	}
	free(text);
	xj_sb_release(&path);
}

/* Each file to fetch is in the payload manifests, and, fetched or not, the
 * bag is complete only when it is there. */
static void check_fetch(struct check *c)
{
	const struct manifest *missing;
	const struct node *n;
	size_t i;
	int in;

	for (i = 0; i < c->nfetch; i++) {
		const struct entry *f = &c->fetch[i];

		in = listed(c, f->path, &missing);
		if (!in && c->v097 && payload_manifests(c))
			problem(c, _("fetch.txt:%ld: %s: in no payload manifest"), f->line, f->path);
		else if (missing && !c->v097)
			problem(c, _("fetch.txt:%ld: %s: not in %s (a file to fetch is in every payload"
				     " manifest)"), f->line, f->path, missing->name);
		n = find(c, f->path);
		if (!n && !refused(c, f->path)) {
			problem(c, _("fetch.txt:%ld: %s: not fetched from %s (verify fetches nothing):"
				     " the bag is not complete"), f->line, f->path, f->sum);
			c->holes++;
		}
	}
	if (c->nfetch)
		qsort(c->fetch, c->nfetch, sizeof(*c->fetch), entry_cmp);
}

/* --- completeness and checksums ------------------------------------------- */

/* Each file of the payload is in the payload manifests: BagIt 1.0 in every
 * one, 0.97 in one at least. */
static void check_payload(struct check *c)
{
	const struct manifest *missing;
	size_t i;
	int in;

	for (i = 0; i < c->nn; i++) {
		const struct node *n = &c->nodes[i];

		if (!S_ISREG(n->mode) || strncmp(n->path, "data/", 5))
			continue;
		c->files++;
		c->octets += n->size;
		if (!payload_manifests(c))
			continue;
		in = listed(c, n->path, &missing);
		if (!in && c->v097)
			problem(c, _("%s: in the payload, in no payload manifest"), n->path);
		else if (missing && !c->v097)
			problem(c, _("%s: in the payload, not in %s"), n->path, missing->name);
	}
}

/* Each line of each manifest names a file that is there. */
static void check_listed(struct check *c)
{
	const struct node *n;
	size_t k, i;

	for (k = 0; k < c->nm; k++) {
		const struct manifest *m = &c->m[k];

		for (i = 0; i < m->n; i++) {
			const struct entry *e = &m->v[i];

			n = find(c, e->path);
			if (!n && !refused(c, e->path) &&
			    !find_entry(c->fetch, c->nfetch, e->path))
				problem(c, _("%s:%ld: %s: not in the bag"), m->name, e->line, e->path);
			else if (n && S_ISDIR(n->mode))
				problem(c, _("%s:%ld: %s: a folder, not a file"), m->name, e->line,
					e->path);
		}
	}
}

static void hexify(const unsigned char *md, unsigned n, char *out)
{
	static const char digit[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digit[md[i] >> 4];
		out[2 * i + 1] = digit[md[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Each file listed: read once, hashed by every algorithm that lists it. */
static void check_sums(struct check *c)
{
	EVP_MD_CTX *x[NALGS];
	char hex[NALGS][2 * EVP_MAX_MD_SIZE + 1];
	struct entry *refs[2 * NALGS];
	const struct manifest *by[2 * NALGS];
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	size_t i, k, nr;
	ssize_t got;
	unsigned len;
	int fd, ok;

	for (i = 0; i < c->nn; i++) {
		const struct node *n = &c->nodes[i];

		if (!S_ISREG(n->mode))
			continue;
		for (k = nr = 0; k < c->nm; k++)
			if ((refs[nr] = find_entry(c->m[k].v, c->m[k].n, n->path)) != NULL)
				by[nr++] = &c->m[k];
		if (!nr || (fd = open_in_bag(c, n->path)) < 0)
			continue;
		ok = 1;
		memset(x, 0, sizeof(x));
		for (k = 0; k < nr; k++) {
			size_t a = (size_t)(by[k]->alg - algs);

			if (!x[a] && (!(x[a] = EVP_MD_CTX_new()) ||
				      !EVP_DigestInit_ex(x[a], algs[a].md(), NULL)))
				ok = 0;
		}
		while (ok && (got = read(fd, buf, sizeof(buf))) != 0) {
			if (got < 0) {
				problem(c, _("%s: cannot be read: %s"), n->path, strerror(errno));
				ok = 0;
			}
			for (k = 0; ok && k < NALGS; k++)
				if (x[k] && !EVP_DigestUpdate(x[k], buf, (size_t)got))
					ok = 0;
		}
		close(fd);
		for (k = 0; k < NALGS; k++) {
			if (ok && x[k] && EVP_DigestFinal_ex(x[k], md, &len))
				hexify(md, len, hex[k]);
			else if (x[k])
				ok = 0;
			EVP_MD_CTX_free(x[k]);
		}
		for (k = 0; ok && k < nr; k++)
			if (strcasecmp(hex[by[k]->alg - algs], refs[k]->sum))
				problem(c, _("%s:%ld: %s: %s checksum does not match"), by[k]->name,
					refs[k]->line, n->path, by[k]->alg->name);
	}
}

/* --- bag-info.txt ------------------------------------------------------------------ */

static void check_info(struct check *c)
{
	char *text, *p, *line, *colon, *v;
	long lineno = 0, oxum_line = 0;
	size_t a, b;

	if (!c->text_ok || !(p = text = read_text(c, "bag-info.txt")))
		return;
	while ((line = next_line(&p)) != NULL) {
		lineno++;
		if (*line == ' ' || *line == '\t')
			continue;   /* a value continued */
		colon = strchr(line, ':');
		if (!colon || colon == line) {
			problem(c, _("bag-info.txt:%ld: not \"Label: value\""), lineno);
			continue;
		}
		if (strchr(" \t", colon[-1]) && !c->v097) {
			problem(c, _("bag-info.txt:%ld: white space before the colon (BagIt 0.97"
				     " allowed it, 1.0 does not)"), lineno);
			continue;
		}
		*colon = '\0';
		for (v = colon; v > line && strchr(" \t", v[-1]); v--)
			v[-1] = '\0';
		if (strcasecmp(line, "Payload-Oxum"))
			continue;
		if (oxum_line) {
			problem(c, _("bag-info.txt:%ld: Payload-Oxum again (first on line %ld)"), lineno,
				oxum_line);
			continue;
		}
		oxum_line = lineno;
		v = colon + 1 + strspn(colon + 1, " \t");
		a = strspn(v, "0123456789");
		b = v[a] == '.' ? strspn(v + a + 1, "0123456789") : 0;
		if (!a || !b || a > 18 || b > 18 || v[a + 1 + b + strspn(v + a + 1 + b, " \t")])
			problem(c, _("bag-info.txt:%ld: Payload-Oxum is not OCTETS.COUNT"), lineno);
		else if (c->holes == 0 && (strtoll(v, NULL, 10) != c->octets ||
					   strtoll(v + a + 1, NULL, 10) != c->files))
			problem(c, _("bag-info.txt:%ld: Payload-Oxum says %lld.%lld, the payload is"
				     " %lld.%ld"), lineno, strtoll(v, NULL, 10),
				strtoll(v + a + 1, NULL, 10), c->octets, c->files);
	}
	free(text);
}

/* --- the whole ------------------------------------------------------------------------ */

long xj_bagit_verify(const char *dir, void (*fn)(void *ctx, int warning, const char *text),
		   void *ctx, long *files, struct xj_error *err)
{
	struct check c;
	const struct node *data;
	size_t i;
	int fd;

	memset(&c, 0, sizeof(c));
	c.fn = fn;
	c.ctx = ctx;
	c.text_ok = 1;
	c.cd = (iconv_t)-1;
	snprintf(c.enc, sizeof(c.enc), "UTF-8");
	c.fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c.fd < 0 && (errno == ENOTDIR || errno == ENOENT))
		return xj_error_set(err, XJ_EUSAGE, "%s: not a folder", dir);
	if (c.fd < 0)
		return xj_error_set(err, XJ_EIO, "cannot read %s: %s", dir, strerror(errno));
	if ((fd = openat(c.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		problem(&c, _("%s: cannot be read: %s"), ".", strerror(errno));
	else
		walk(&c, fd, "", 1);
	if (c.nn)
		qsort(c.nodes, c.nn, sizeof(*c.nodes), node_cmp);
	check_declaration(&c);
	read_manifests(&c);
	if (!c.payload_named)
		problem(&c, _("no payload manifest (manifest-ALGORITHM.txt)"));
	read_fetch(&c);
	check_fetch(&c);
	data = find(&c, "data");
	if (!data || (!S_ISDIR(data->mode) && !data->refused))
		problem(&c, _("data/: missing (the payload folder)"));
	check_payload(&c);
	check_listed(&c);
	check_sums(&c);
	check_info(&c);
	for (i = 0; i < c.nm; i++)
		free_entries(c.m[i].v, c.m[i].n);
	free_entries(c.fetch, c.nfetch);
	for (i = 0; i < c.nn; i++)
		free(c.nodes[i].path);
	free(c.nodes);
	if (c.cd != (iconv_t)-1)
		iconv_close(c.cd);
	close(c.fd);
	*files = c.files;
	return c.problems;
}
