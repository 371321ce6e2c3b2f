/* gb2260.c: GB/T 2260 address codes, read once into a sorted array and
 * searched by bisection. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/gb2260.h"
#include "xj/i18n.h"
#include "xj/infile.h"
#include "xj/sha256.h"
#include "xj/share.h"
#include "xj/strbuf.h"

#ifndef XJ_DATADIR
#define XJ_DATADIR "/usr/local/share/xj"
#endif
/* The SHA-256 of share/xj/gb2260.tsv, put in by the Makefile: a table
 * edited, or another one put in its place, is not read. */
#ifndef XJ_GB2260_SHA256
#error "XJ_GB2260_SHA256: build with the Makefile, which hashes share/xj/gb2260.tsv"
#endif

/* The table is about 100 KiB: 4 MiB leaves it room to grow, and a file
 * far larger is not the table and is not read whole to find that out. */
#define TABLE_MAX (4L << 20)

struct code {
	int code, first, last;
};

static struct {
	int state;              /* 0 not read yet, 1 read, -1 failed (err) */
	struct code *c;
	size_t n;
	int earliest;           /* YYYYMM */
	char version[32];
	char path[PATH_MAX + 32];
	struct xj_error err;
} t;

/* n digits at p as a number, or -1. */
static int digits(const char *p, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* "CODE\tNAME\tFIRST\tLAST": 6 digits, a name, two YYYYMM. */
static int parse_row(const char *p, const char *end, struct code *c)
{
	const char *tab;

	if (end - p < 6 + 1 + 1 + 1 + 6 + 1 + 6 || p[6] != '\t' ||
	    (c->code = digits(p, 6)) < 0 || !(tab = memchr(p + 7, '\t', (size_t)(end - p - 7))) ||
	    tab == p + 7 || end - tab != 1 + 6 + 1 + 6 || tab[7] != '\t' ||
	    (c->first = digits(tab + 1, 6)) < 0 || (c->last = digits(tab + 8, 6)) < 0 ||
	    c->first > c->last)
		return -1;
	return 0;
}

static int parse(char *buf, size_t len)
{
	char *p = buf, *end = buf + len, *nl;
	long line = 0;
	int header = 0, lo = 0, hi = 0;

	for (; p < end; p = nl + 1) {
		line++;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return xj_error_set(&t.err, XJ_EIO, "%s:%ld: the last line has no end",
					    t.path, line);
		if (*p == '#') {
			if (strncmp(p, "# version: ", 11) == 0 && nl - p == 11 + 13 && p[17] == '-' &&
			    (lo = digits(p + 11, 6)) > 0 && (hi = digits(p + 18, 6)) >= lo)
				snprintf(t.version, sizeof(t.version), "%.13s", p + 11);
			continue;
		}
		if (!header) {
			if ((size_t)(nl - p) != strlen("code\tname\tfirst\tlast") ||
			    strncmp(p, "code\tname\tfirst\tlast", (size_t)(nl - p)) != 0)
				return xj_error_set(&t.err, XJ_EIO, "%s:%ld: want the header code,"
						    " name, first, last", t.path, line);
			header = 1;
			continue;
		}
		if (t.n % 1024 == 0)
			t.c = xj_xreallocarray(t.c, t.n + 1024, sizeof(*t.c));
		if (parse_row(p, nl, &t.c[t.n]) < 0 || t.c[t.n].first < lo || t.c[t.n].last > hi)
			return xj_error_set(&t.err, XJ_EIO, "%s:%ld: not a row of the table",
					    t.path, line);
		if (t.n && t.c[t.n].code <= t.c[t.n - 1].code)
			return xj_error_set(&t.err, XJ_EIO, "%s:%ld: the codes are not in order",
					    t.path, line);
		t.n++;
	}
	if (!t.version[0] || !t.n)
		return xj_error_set(&t.err, XJ_EIO, "%s: no version line or no codes", t.path);
	t.earliest = lo;
	return 0;
}

/* The whole file, checked against the hash built in. */
static int read_table(struct xj_sb *buf)
{
	struct xj_sha256 h;
	char hex[65], real[PATH_MAX];
	int rc;

	if (xj_share_path("xj", "gb2260.tsv", "XJ_DATADIR", XJ_DATADIR, t.path,
			  sizeof(t.path)) < 0)
		return xj_error_set(&t.err, XJ_EIO, "the path of the GB/T 2260 table is too long");
	rc = xj_infile_read(t.path, TABLE_MAX, 0, buf, &t.err);
	if (rc == XJ_INFILE_EOPEN) {
		int e = errno;

		return xj_error_set(&t.err, XJ_EIO, "cannot read the GB/T 2260 table, against"
				    " which resident ID numbers are checked: %s: %s", t.path,
				    strerror(e));
	}
	if (realpath(t.path, real) && strlen(real) < sizeof(t.path))
		memcpy(t.path, real, strlen(real) + 1);   /* said without ../ */
	if (rc < 0)   /* too long, unreadable, or no regular file */
		return xj_error_set(&t.err, XJ_EIO, "%s: not the GB/T 2260 table (too long,"
				    " or a read error)", t.path);
	if (xj_sha256_init(&h, &t.err) < 0)
		return -1;
	xj_sha256_update(&h, buf->buf, buf->len);
	xj_sha256_final(&h, hex);
	if (strcmp(hex, XJ_GB2260_SHA256) != 0)
		return xj_error_set(&t.err, XJ_EIO, "%s is not the GB/T 2260 table the programs"
				    " were built with", t.path);
	return 0;
}

static int load(void)
{
	struct xj_sb buf = XJ_SB_INIT;
	int rc;

	if (t.state)
		return t.state > 0 ? 0 : -1;
	xj_error_clear(&t.err);
	rc = read_table(&buf);
	if (rc == 0)
		rc = parse(buf.buf, buf.len);
	xj_sb_release(&buf);
	if (rc < 0) {
		free(t.c);
		t.c = NULL;
		t.n = 0;
		t.state = -1;
		return -1;
	}
	t.state = 1;
	return 0;
}

int xj_gb2260_load(const char **version, const char **path, struct xj_error *err)
{
	if (load() < 0) {
		*err = t.err;
		return -1;
	}
	*version = t.version;
	*path = t.path;
	return 0;
}

int xj_gb2260_entry(size_t i, int *code, int *first, int *last)
{
	if (t.state <= 0 || i >= t.n)
		return -1;
	*code = t.c[i].code;
	*first = t.c[i].first;
	*last = t.c[i].last;
	return 0;
}

static const struct code *find(int code)
{
	size_t lo = 0, hi = t.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t.c[mid].code == code)
			return &t.c[mid];
		if (t.c[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int xj_gb2260_check_id(const char *id, char *note, size_t notesz, struct xj_error *err)
{
	int code = digits(id, 6), born = digits(id + 6, 6);

	if (note && notesz)
		note[0] = '\0';
	if (load() < 0) {
		*err = t.err;
		return -1;
	}
	if (code < 0 || born < 0 || find(code))
		return 0;
	/* a code retired before the earliest revision: on the numbers of
	 * people born before it, and on no one's born since */
	if (born < t.earliest) {
		if (note && notesz)
			snprintf(note, notesz, _("address code %.6s is not in GB/T 2260 (%s),"
				 " which begins in %d: kept, as a code retired before then"),
				 id, t.version, t.earliest / 100);
		return 0;
	}
	return xj_error_set(err, XJ_EDATA, "address code %.6s is not in GB/T 2260 (%s)", id,
			    t.version);
}
