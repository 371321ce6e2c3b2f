/* infile.c: regular files only where files are expected; standard input
 * read whole before the write lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/i18n.h"
#include "xj/infile.h"

const char *xj_file_kind(mode_t m)
{
	return S_ISFIFO(m) ? _("a FIFO") : S_ISDIR(m) ? _("a directory") :
	       S_ISCHR(m) ? _("a character device") : S_ISBLK(m) ? _("a block device") :
	       S_ISSOCK(m) ? _("a socket") : S_ISLNK(m) ? _("a symbolic link") :
	       _("not a regular file");
}

static int not_regular(const char *path, mode_t m, struct xj_error *err)
{
	return xj_error_set(err, XJ_EIO, "%s is %s, not a regular file", path, xj_file_kind(m));
}

/* Files read ahead, before the store's lock: their copies, by the path
 * the user gave. */
static struct { char *path; int fd; } ahead[16];
static int nahead;

static int spool_file(void);

static int ahead_fd(const char *path)
{
	char proc[64];
	int i;

	for (i = 0; i < nahead; i++)
		if (strcmp(ahead[i].path, path) == 0) {
			/* a new open of the copy: an offset of its own */
			snprintf(proc, sizeof(proc), "/proc/self/fd/%d", ahead[i].fd);
			return open(proc, O_RDONLY | O_CLOEXEC);
		}
	return -1;
}

/* Opened without waiting (a FIFO with no writer would block the open
 * itself), its kind checked on the descriptor, then made blocking again. */
int xj_infile_open(const char *path, struct xj_error *err)
{
	struct stat sb;
	int fd, e;

	if (nahead && (fd = ahead_fd(path)) >= 0)
		return fd;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		not_regular(path, sb.st_mode, err);
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		e = errno;
		xj_error_set(err, XJ_EIO, "cannot open %s: %s", path, strerror(e));
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		not_regular(path, sb.st_mode, err);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

FILE *xj_infile_fopen(const char *path, struct xj_error *err)
{
	int fd = xj_infile_open(path, err);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");

	if (fd >= 0 && !fp) {
		xj_error_set(err, XJ_ENOMEM, "cannot read %s: %s", path, strerror(errno));
		close(fd);
	}
	return fp;
}

int xj_infile_slurp(const char *path, long max, struct xj_sb *out, struct xj_error *err)
{
	FILE *fp = xj_infile_fopen(path, err);
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!fp)
		return -1;
	xj_sb_reset(out);
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if ((long)(out->len + n) > max)
			rc = xj_error_set(err, XJ_EDATA, "%s is larger than %ld bytes", path, max);
		else
			xj_sb_add(out, buf, n);
	}
	if (rc == 0 && ferror(fp))
		rc = xj_error_set(err, XJ_EIO, "cannot read %s: %s", path, strerror(errno));
	fclose(fp);
	if (rc == 0 && !out->buf)
		xj_sb_adds(out, "");
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

	if (nahead == (int)(sizeof(ahead) / sizeof(ahead[0])) || ahead_fd(path) >= 0)
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
	ahead[nahead].path = strdup(path);
	ahead[nahead].fd = out;
	if (ahead[nahead].path)
		nahead++;
	else
		close(out);
}
