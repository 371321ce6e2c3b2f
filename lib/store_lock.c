/* store_lock.c: waiting for the write lock, and saying for whom.  SQLite
 * says only "database is locked"; a note beside the store names the
 * writer, so a person at the prompt knows whom they wait for. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xj/i18n.h"
#include "store_impl.h"

/* The longest a normal command holds the lock (a year's import) and more. */
#define WAIT_DEFAULT 600.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void holder_path(const struct xj_store *st, char *out, size_t n)
{
	snprintf(out, n, "%s-holder", st->path);
}

/* The note, opened without waiting and only when it is a regular file:
 * whoever can write the store's folder could put a FIFO in its place,
 * and every writer would hang on it. */
static FILE *note_open(const char *path, int flags, const char *mode)
{
	struct stat sb;
	FILE *fp;
	int fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || !(fp = fdopen(fd, mode))) {
		close(fd);
		return NULL;
	}
	return fp;
}

/* "xj-import by chen, pid 4242, since ...": the note as a person reads
 * it, the pid said gone when that process is. */
static void holder_read(const struct xj_store *st, char *out, size_t n)
{
	char path[4096], buf[512], prog[128], user[128], at[64];
	long pid = 0;
	FILE *fp;

	*out = '\0';
	holder_path(st, path, sizeof(path));
	if (!(fp = note_open(path, O_RDONLY, "r")))
		return;
	if (fgets(buf, sizeof(buf), fp) &&
	    sscanf(buf, "%127[^\t]\t%127[^\t]\t%ld\t%63[^\n]", prog, user, &pid, at) == 4)
		snprintf(out, n, "%s by %s, pid %ld%s, since %s", prog, user, pid,
			 kill((pid_t)pid, 0) < 0 && errno == ESRCH ? _(" (no longer running)") : "",
			 at);
	fclose(fp);
}

static int busy(void *ctx, int count)
{
	struct xj_store *st = ctx;
	struct timespec pause = { 0, count < 20 ? 5000000L : 50000000L };
	double t = now();

	if (count == 0) {
		st->wait_start = t;
		st->wait_said = 0;
	}
	if (t - st->wait_start >= st->wait_max)
		return 0;
	if (!st->wait_said && t - st->wait_start >= 1.0 && st->on_wait) {
		char who[700];

		holder_read(st, who, sizeof(who));
		st->on_wait(st->on_wait_ctx, who, st->wait_max);
		st->wait_said = 1;
	}
	nanosleep(&pause, NULL);
	return 1;
}

void xj_store_lock_init(struct xj_store *st)
{
	const char *w = getenv("XJ_WAIT");
	char *end;
	double v = w && *w ? strtod(w, &end) : -1;

	st->wait_max = w && *w && !*end && v >= 0 ? v : WAIT_DEFAULT;
	sqlite3_busy_handler(st->db, busy, st);
}

void xj_store_on_wait(struct xj_store *st,
		      void (*fn)(void *ctx, const char *holder, double max), void *ctx)
{
	st->on_wait = fn;
	st->on_wait_ctx = ctx;
}

/* Written under the write lock, so no two writers write it at once.  Of
 * a store shared with a group (xj init --group) the note is the group's
 * to read, 0660 like the store; one another member left, dying with the
 * lock, is not ours to write over but is ours to replace, the folder
 * being the group's: else every wait would name the dead writer. */
void xj_store_holder_mark(struct xj_store *st)
{
	char path[4096];
	struct stat sb;
	int shared = stat(st->path, &sb) == 0 && (sb.st_mode & S_IWGRP);
	FILE *fp;

	holder_path(st, path, sizeof(path));
	fp = note_open(path, O_WRONLY | O_CREAT | O_TRUNC, "w");
	if (!fp && errno == EACCES && unlink(path) == 0)
		fp = note_open(path, O_WRONLY | O_CREAT | O_EXCL, "w");
	if (!fp)
		return;
	if (shared)
		fchmod(fileno(fp), 0660);
	fprintf(fp, "%s\t%s\t%ld\t%s\n", st->program ? st->program : "?",
		st->user ? st->user : st->login ? st->login : "?", (long)getpid(), st->at);
	fclose(fp);
	st->holder_marked = 1;
}

void xj_store_holder_clear(struct xj_store *st)
{
	char path[4096];

	if (!st->holder_marked)
		return;
	holder_path(st, path, sizeof(path));
	unlink(path);
	st->holder_marked = 0;
}

int xj_store_busy_error(struct xj_store *st, struct xj_error *err)
{
	char who[700];

	holder_read(st, who, sizeof(who));
	xj_error_clear(err);
	if (*who)
		return xj_error_set(err, XJ_ESTORE, "store %s is busy: %s holds it, and %.0f s"
				    " were not enough (--wait SECONDS)", st->path, who, st->wait_max);
	return xj_error_set(err, XJ_ESTORE, "store %s is busy: another command holds it, and"
			    " %.0f s were not enough (--wait SECONDS)", st->path, st->wait_max);
}

/* Some statements SQLite answers "locked" without asking the busy handler:
 * a change of journal mode while a bulk load holds the store in its
 * rollback journal, as a command opens it.  They are waited for the same
 * way, and as long. */
int xj_store_exec_waiting(struct xj_store *st, const char *sql, struct xj_error *err)
{
	int rc, count = 0;

	while (((rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) & 0xff) == SQLITE_BUSY ||
	       (rc & 0xff) == SQLITE_LOCKED)
		if (!busy(st, count++))
			return xj_store_busy_error(st, err);
	return rc == SQLITE_OK ? 0 : xj_store_fail(st, err, "exec");
}
