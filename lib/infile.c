/* infile.c: regular files only where files are expected; standard input
 * read whole before the write lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/i18n.h"
#include "xj/infile.h"

const char *xj_infile_kind(mode_t m)
{
	return S_ISFIFO(m) ? _("a FIFO") : S_ISDIR(m) ? _("a directory") :
	       S_ISCHR(m) ? _("a character device") : S_ISBLK(m) ? _("a block device") :
	       S_ISSOCK(m) ? _("a socket") : S_ISLNK(m) ? _("a symbolic link") :
	       _("not a regular file");
}

static int not_regular(const char *path, mode_t m, struct xj_error *err)
{
	return xj_error_set(err, XJ_EIO, "%s is %s, not a regular file", path, xj_infile_kind(m));
}

/* Files read ahead, before the store's lock: their copies, by the path
 * the user gave. */
static struct { char *path; int fd; } ahead[16];
static int nahead;

static int spool_file(void);

/* Where path is in the read-ahead table, or -1 when it is not there. */
static int ahead_index(const char *path)
{
	int i;

	for (i = 0; i < nahead; i++)
		if (strcmp(ahead[i].path, path) == 0)
			return i;
	return -1;
}

/* A new open of path's copy (an offset of its own), or -1 when path is
 * not read ahead or the copy cannot be opened. */
static int ahead_fd(const char *path)
{
	char proc[64];
	int i = ahead_index(path);

	if (i < 0)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", ahead[i].fd);
	return open(proc, O_RDONLY | O_CLOEXEC);
}

/* Opened without waiting (a FIFO with no writer would block the open
 * itself), its kind checked on the descriptor, then made blocking again.
 * A descriptor, or XJ_INFILE_EOPEN (errno kept) or XJ_INFILE_EKIND. */
static int open_regular(const char *path, struct xj_error *err)
{
	struct stat sb;
	int fd, e;

	if (nahead && (fd = ahead_fd(path)) >= 0)
		return fd;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		not_regular(path, sb.st_mode, err);
		return XJ_INFILE_EKIND;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		e = errno;
		xj_error_set(err, XJ_EIO, "cannot open %s: %s", path, strerror(e));
		errno = e;   /* for a caller that words it its own way */
		return XJ_INFILE_EOPEN;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		not_regular(path, sb.st_mode, err);
		close(fd);
		return XJ_INFILE_EKIND;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int xj_infile_open(const char *path, struct xj_error *err)
{
	int fd = open_regular(path, err);

	return fd < 0 ? -1 : fd;
}

/* fdopen fails only when the C library cannot make its FILE: no read of
 * ours went wrong, but the file is not read, so it is XJ_EIO. */
FILE *xj_infile_fopen(const char *path, struct xj_error *err)
{
	int fd = xj_infile_open(path, err);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");

	if (fd >= 0 && !fp) {
		xj_error_set(err, XJ_EIO, "cannot read %s: %s", path, strerror(errno));
		close(fd);
	}
	return fp;
}

static int too_long(const char *path, long max, struct xj_error *err)
{
	xj_error_set(err, XJ_EDATA, "%s is larger than %ld bytes", path, max);
	return XJ_INFILE_ELONG;
}

/* fd read to its end into out, straight into the buffer: a regular file
 * over max refused by its size, unread; another read to max + 1 bytes at
 * most, so a stream far too long costs no more than one a byte too long. */
static int read_fd(int fd, const char *path, long max, struct xj_sb *out,
		   struct xj_error *err)
{
	struct stat sb;
	size_t room;
	ssize_t n = 1;
	int e, regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);

	if (regular && sb.st_size > max)
		return too_long(path, max, err);   /* said by its size: not read at all */
	if (regular)
		xj_sb_grow(out, (size_t)sb.st_size + 1);   /* + 1: the end seen in one read */
	while (n != 0 && (long)out->len <= max) {
		if (out->alloc - out->len < 2)   /* the shared "" too: alloc 0 */
			xj_sb_grow(out, 65536);
		room = out->alloc - out->len - 1;
		if (room > (size_t)max + 1 - out->len)
			room = (size_t)max + 1 - out->len;
		n = read(fd, out->buf + out->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			xj_error_set(err, XJ_EIO, "cannot read %s: %s", path, strerror(e));
			return XJ_INFILE_EREAD;
		}
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
	}
	return n == 0 ? 0 : too_long(path, max, err);
}

int xj_infile_read(const char *path, long max, unsigned how, struct xj_sb *out,
		   struct xj_error *err)
{
	int std = (how & XJ_INFILE_DASH_STDIN) && strcmp(path, "-") == 0;
	struct stat sb;
	int fd, rc;

	xj_sb_reset(out);
	/* stat first, so a missing file leaves err as it was */
	if (!std && (how & XJ_INFILE_MISSING_EMPTY) && stat(path, &sb) < 0 && errno == ENOENT)
		return 0;
	fd = std ? STDIN_FILENO : open_regular(path, err);
	if (fd < 0)
		return fd;
	rc = read_fd(fd, path, max, out, err);
	if (!std)
		close(fd);
	return rc;
}

static int spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	snprintf(path, sizeof(path), "%s/xj-stdin.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

int xj_infile_spool_stdin(struct xj_error *err)
{
	struct stat sb;
	char buf[65536];
	ssize_t n;
	int fd, e;

	if (fstat(STDIN_FILENO, &sb) < 0 || S_ISREG(sb.st_mode))
		return 0;
	if ((fd = spool_file()) < 0) {
		e = errno;
		return xj_error_set(err, XJ_EIO, "cannot keep standard input aside: %s",
				    strerror(e));
	}
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(fd, buf, (size_t)n) != n) {
			e = errno;
			close(fd);
			return xj_error_set(err, XJ_EIO, "cannot keep standard input aside: %s",
					    strerror(e));
		}
	}
	if (lseek(fd, 0, SEEK_SET) < 0 || dup2(fd, STDIN_FILENO) < 0) {
		e = errno;
		close(fd);
		return xj_error_set(err, XJ_EIO, "cannot keep standard input aside: %s",
				    strerror(e));
	}
	close(fd);
	return 0;
}

/* A copy made while no lock is held: a file on a slow disk or a network
 * share is then read under the lock at the speed of a local one. */
void xj_infile_ahead(const char *path)
{
	struct xj_error e;
	char buf[65536];
	ssize_t n;
	int in, out;

	if (nahead == (int)(sizeof(ahead) / sizeof(ahead[0])) || ahead_index(path) >= 0)
		return;
	if ((in = xj_infile_open(path, &e)) < 0)
		return;   /* said when it is opened for real */
	if ((out = spool_file()) < 0) {
		close(in);
		return;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	close(in);
	if (n != 0) {
		close(out);
		return;
	}
	ahead[nahead].path = xj_xstrdup(path);
	ahead[nahead++].fd = out;
}
