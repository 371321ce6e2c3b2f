/* store_pin.c: the store's file held by every command that has it open, so
 * that a restore never swaps it out from under one.  A command opened on
 * the file a restore then renamed aside would go on in it, under the
 * names of the store now in place: its -wal and -shm are named after the
 * path, not the file, and SQLite would take the old store's pages into
 * the new one.  So each command holds a shared flock(2) on the file it
 * opens, and takes it only when the path still names that file; a restore
 * swaps only under an exclusive one.  SQLite's own locks are fcntl(2)
 * locks, which flock does not touch on a local disk.  On a network
 * filesystem flock may be made of fcntl locks, and would then stand in
 * SQLite's way: the store is not pinned there (xj(7), DEPLOYMENT). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xj/netfs.h"
#include "xj/pause.h"
#include "store_impl.h"

/* How long a command waits for a restore that holds the file. */
#define PIN_WAIT_MS 60000

static int same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

int xj_store_pin(struct xj_store *st, const char *path, struct xj_error *err)
{
	struct timespec tick = { 0, 10000000L };
	int fd, waited = 0;

	st->pin_fd = -1;
	if (xj_netfs_of(path))
		return 0;
	for (;;) {
		/* a file that cannot be opened is SQLite's to report */
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			return 0;
		if (flock(fd, LOCK_SH | LOCK_NB) == 0 && same_file(fd, path))
			break;
		/* held by a restore, or swapped since it was opened: again */
		close(fd);
		if (!waited)
			xj_pause_point("pin");   /* a test sees it wait */
		if (waited >= PIN_WAIT_MS)
			return xj_error_set(err, XJ_ESTORE, "store %s is being restored by another"
					    " process", path);
		nanosleep(&tick, NULL);
		waited += 10;
	}
	st->pin_fd = fd;
	return 0;
}

void xj_store_unpin(struct xj_store *st)
{
	if (st->pin_fd >= 0)
		close(st->pin_fd);
	st->pin_fd = -1;
}

int xj_store_pin_alone(const char *path, int *fd, struct xj_error *err)
{
	*fd = -1;
	if (xj_netfs_of(path))
		return 0;
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return xj_error_set(err, XJ_EIO, "cannot open store %s: %s", path, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	close(*fd);
	*fd = -1;
	return xj_error_set(err, XJ_ESTORE, "store %s is in use by another process;"
			    " stop the other xj commands (and cron's) first", path);
}
