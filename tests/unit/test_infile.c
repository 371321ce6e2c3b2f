/* Unit tests of the one whole-file read (xj_infile_read):
 * its limit, an empty file, a missing one, and what is no regular file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "xj/infile.h"

static char dir[4096];

/* dir/name holding n bytes (the byte i is i % 251, NULs among them). */
static const char *file_of(const char *name, size_t n)
{
	static char path[4200];
	FILE *fp;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	for (i = 0; fp && i < n; i++)
		fputc((int)(i % 251), fp);
	if (fp)
		fclose(fp);
	return path;
}

static int bytes_are(const struct xj_sb *sb, size_t n)
{
	size_t i;

	if (sb->len != n || sb->buf[n] != '\0')
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)sb->buf[i] != i % 251)
			return 0;
	return 1;
}

static void limits(void)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;
	const char *path;
	char want[4400];

	/* exactly max bytes is taken, binary and all */
	path = file_of("max", 100000);
	CHECK(xj_infile_read(path, 100000, 0, &sb, &err) == 0);
	CHECK(bytes_are(&sb, 100000));
	/* one byte more is refused, by the one message, by its size: unread */
	path = file_of("over", 100001);
	xj_error_clear(&err);
	CHECK(xj_infile_read(path, 100000, 0, &sb, &err) == XJ_INFILE_ELONG);
	CHECK(err.code == XJ_EDATA);
	snprintf(want, sizeof(want), "%s is larger than 100000 bytes", path);
	CHECK_STR(err.msg, want);
	CHECK(sb.len == 0);
	/* far over a small max: a regular file is refused by its size, unread */
	path = file_of("far", 300000);
	CHECK(xj_infile_read(path, 10, 0, &sb, &err) == XJ_INFILE_ELONG);
	CHECK(sb.len == 0);
	xj_sb_release(&sb);
}

static void empty(void)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;
	const char *path = file_of("empty", 0);

	CHECK(xj_infile_read(path, 10, 0, &sb, &err) == 0);
	CHECK(sb.len == 0);
	CHECK_STR(sb.buf, "");
	/* max 0: an empty file is within it, one byte is not */
	CHECK(xj_infile_read(path, 0, 0, &sb, &err) == 0);
	CHECK(xj_infile_read(file_of("one", 1), 0, 0, &sb, &err) == XJ_INFILE_ELONG);
	/* what a buffer held before is gone */
	xj_sb_adds(&sb, "old");
	CHECK(xj_infile_read(path, 10, 0, &sb, &err) == 0);
	CHECK_STR(sb.buf, "");
	xj_sb_release(&sb);
}

static void missing(void)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;
	char path[4200], want[4400];

	snprintf(path, sizeof(path), "%s/none", dir);
	xj_error_clear(&err);
	errno = 0;
	CHECK(xj_infile_read(path, 10, 0, &sb, &err) == XJ_INFILE_EOPEN);
	CHECK(errno == ENOENT);   /* kept, for a caller that words it itself */
	CHECK(err.code == XJ_EIO);
	snprintf(want, sizeof(want), "cannot open %s: No such file or directory", path);
	CHECK_STR(err.msg, want);
	/* missing and allowed to be: empty, and err left alone */
	xj_sb_adds(&sb, "old");
	xj_error_clear(&err);
	CHECK(xj_infile_read(path, 10, XJ_INFILE_MISSING_EMPTY, &sb, &err) == 0);
	CHECK(sb.len == 0);
	CHECK(err.code == XJ_OK);
	/* allowed to be missing, but there: read as ever */
	CHECK(xj_infile_read(file_of("some", 5), 10, XJ_INFILE_MISSING_EMPTY, &sb, &err) == 0);
	CHECK(bytes_are(&sb, 5));
	xj_sb_release(&sb);
}

static void not_regular(void)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;
	char path[4200];

	/* a directory, and a FIFO no one writes: refused by kind, not waited on */
	CHECK(xj_infile_read(dir, 10, 0, &sb, &err) == XJ_INFILE_EKIND);
	CHECK(err.code == XJ_EIO);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	CHECK(mkfifo(path, 0600) == 0);
	CHECK(xj_infile_read(path, 10, XJ_INFILE_MISSING_EMPTY, &sb, &err) == XJ_INFILE_EKIND);
	unlink(path);
	xj_sb_release(&sb);
}

/* "-" is standard input only when asked for, and then of any kind. */
static void dash(void)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;
	int saved = dup(STDIN_FILENO), fd = open(file_of("in", 7), O_RDONLY);

	CHECK(saved >= 0 && fd >= 0 && dup2(fd, STDIN_FILENO) == STDIN_FILENO);
	CHECK(xj_infile_read("-", 10, XJ_INFILE_DASH_STDIN, &sb, &err) == 0);
	CHECK(bytes_are(&sb, 7));
	CHECK(lseek(STDIN_FILENO, 0, SEEK_SET) == 0);
	CHECK(xj_infile_read("-", 6, XJ_INFILE_DASH_STDIN, &sb, &err) == XJ_INFILE_ELONG);
	CHECK(fcntl(STDIN_FILENO, F_GETFD) >= 0);   /* left open */
	dup2(saved, STDIN_FILENO);
	close(saved);
	close(fd);
	xj_sb_release(&sb);
}

static void clean(void)
{
	static const char *names[] = { "max", "over", "far", "empty", "one", "some", "in" };
	char path[4200];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/xj-infile.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	limits();
	empty();
	missing();
	not_regular();
	dash();
	clean();
	return unit_done("infile");
}
