/* store_backup.c: copies of the store, taken while it is in use, checked
 * before they are trusted, and put back in its place without losing the
 * store they replace. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/clock.h"
#include "xj/sha256.h"
#include "xj/i18n.h"
#include "xj/pause.h"
#include "xj/tmpfiles.h"
#include "store_impl.h"

void xj_store_stamp(char *buf, unsigned size)
{
	char now[40], real[40];

	/* "2026-11-28T13:15:00+08:00" -> "20261128-131500".  The names of
	 * copies follow the business time, so a replay names them as the day
	 * it replays; a business date alone takes the real time of day. */
	xj_clock_real(real, sizeof(real));
	if (xj_clock_business(now, sizeof(now)) && strlen(now) < 19)
		snprintf(now + 10, sizeof(now) - 10, "%s", real + 10);
	snprintf(buf, size, "%.4s%.2s%.2s-%.2s%.2s%.2s", now, now + 5, now + 8,
		 now + 11, now + 14, now + 17);
}

/* The directory part of path, for a temporary file beside it. */
void xj_store_dir_of(const char *path, struct xj_sb *dir)
{
	const char *slash = strrchr(path, '/');

	xj_sb_reset(dir);
	if (!slash)
		xj_sb_adds(dir, ".");
	else if (slash == path)
		xj_sb_adds(dir, "/");
	else
		xj_sb_add(dir, path, (size_t)(slash - path));
}

/* A rename is durable only once its directory is synced. */
static int sync_dir(const char *path, struct xj_error *err)
{
	struct xj_sb dir = XJ_SB_INIT;
	int fd, rc = 0;

	xj_store_dir_of(path, &dir);
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot sync directory %s: %s", dir.buf,
				  strerror(errno));
	if (fd >= 0)
		close(fd);
	xj_sb_release(&dir);
	return rc;
}

/* A temporary copy that is not kept, and the files SQLite keeps beside
 * it (a journal left by a write that failed, a WAL and its index): none
 * is left behind to fill the disk. */
static void drop_tmp(const char *tmp)
{
	static const char *const ext[] = { "", "-journal", "-wal", "-shm" };
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", tmp, ext[i]);
		unlink(path);
	}
}

static int sync_file(const char *path, struct xj_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

/* A new private file beside path: tmp gets its name. */
static int temp_beside(const char *path, struct xj_sb *tmp, struct xj_error *err)
{
	int fd;

	xj_sb_reset(tmp);
	xj_sb_addf(tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp->buf);   /* mode 0600 */
	if (fd < 0)
		return xj_error_set(err, XJ_EIO, "cannot create a file beside %s: %s", path,
				    strerror(errno));
	close(fd);
	/* a copy cut short by Ctrl-C or cron's time limit is not left */
	xj_tmp_keep(tmp->buf, 1);
	return 0;
}

static int copy_bad(const char *name, const char *why, struct xj_error *err)
{
	return xj_error_set(err, XJ_ESTORE, "%s is not a good copy of an xj store: %s",
			    name, why);
}

/* "damaged: " and the first line of integrity_check's report. */
static void first_problem(const char *report, char *why, size_t size)
{
	static const char banner[] = "*** in database main ***\n";
	const char *nl;
	int len;

	if (strncmp(report, banner, sizeof(banner) - 1) == 0)
		report += sizeof(banner) - 1;
	nl = strchr(report, '\n');
	len = nl ? (int)(nl - report) : (int)strlen(report);
	snprintf(why, size, _("damaged: %.*s%s"), len, report, nl ? _(" (and more)") : "");
}

/* The first line integrity_check gives, or SQLite's own error. */
static int integrity(struct xj_store *st, const char *name, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	char why[300] = "";
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		snprintf(why, sizeof(why), "%s", sqlite3_errmsg(st->db));
	else if ((rc = sqlite3_step(s)) != SQLITE_ROW)
		snprintf(why, sizeof(why), "%s", sqlite3_errmsg(st->db));
	else if (strcmp(xj_store_col(s, 0), "ok") != 0)
		first_problem(xj_store_col(s, 0), why, sizeof(why));
	sqlite3_finalize(s);
	return why[0] ? copy_bad(name, why, err) : 0;
}

static long long count_of(struct xj_store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Is it xj's, and of a schema this xj can read? */
static int whose(struct xj_store *st, const char *name, struct xj_copy_info *info,
		 struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int ours = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'application'",
			       -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		ours = strcmp(xj_store_col(s, 0), "xj") == 0;
	if (!s && sqlite3_errcode(st->db) == SQLITE_NOTADB) {
		sqlite3_finalize(s);
		return copy_bad(name, _("not an SQLite database"), err);
	}
	sqlite3_finalize(s);
	if (!ours)
		return copy_bad(name, _("an SQLite database of something else"), err);
	info->schema = (int)count_of(st, "PRAGMA user_version");
	if (info->schema > XJ_SCHEMA_VERSION) {
		char why[160];

		snprintf(why, sizeof(why), _("schema %d, newer than this xj knows (%d)"),
			 info->schema, XJ_SCHEMA_VERSION);
		return copy_bad(name, why, err);
	}
	/* a group's store stays the group's in its copies (xj init --group) */
	return xj_store_meta_group(st, info->group, sizeof(info->group), err);
}

/* The chain of the copy, checked by the caller's check; none for the
 * copy a migration takes of the store as it stands (store.c). */
static int chain_whole(struct xj_store *st, const char *name, xj_chain_check chain,
		       struct xj_copy_info *info, struct xj_error *err)
{
	char why[256], broken[400];
	int rc = chain ? chain(st, info, why, sizeof(why), err) : 0;

	if (rc == 1) {
		snprintf(broken, sizeof(broken), _("its audit log is broken: %s"), why);
		rc = copy_bad(name, broken, err);
	}
	return rc;
}

/* Can SQLite read the file as a database at all?  Its own reason if not,
 * said of the file the user gave, not of the copy being checked. */
static int readable(const char *path, const char *name, struct xj_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char why[300];
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s,
							NULL)) == SQLITE_OK)
		rc = sqlite3_step(s) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db);
	if (rc == SQLITE_NOTADB)
		snprintf(why, sizeof(why), "%s", _("not an SQLite database"));
	else if (rc != SQLITE_OK)
		snprintf(why, sizeof(why), "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : copy_bad(name, why, err);
}

int xj_store_check_copy(const char *path, const char *name, xj_chain_check chain,
			struct xj_copy_info *info, struct xj_error *err)
{
	struct xj_store *st;
	struct stat sb;
	int rc;

	memset(info, 0, sizeof(*info));
	if (stat(path, &sb) < 0)
		return xj_error_set(err, XJ_EIO, "cannot read %s: %s", name, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return copy_bad(name, _("not a regular file"), err);
	if (readable(path, name, err) < 0 || !(st = xj_store_open_as(path, XJ_STORE_COPY, err)))
		return -1;
	rc = whose(st, name, info, err);
	if (rc == 0)
		rc = integrity(st, name, err);
	if (rc == 0)
		rc = chain_whole(st, name, chain, info, err);
	if (rc == 0)
		info->students = count_of(st, "SELECT count(*) FROM student");
	xj_store_close(st);
	if (rc == 0)
		rc = xj_sha256_file(path, info->sha256, err);
	return rc;
}

/* The whole store in one step: one read transaction, so the copy is the
 * store as one moment left it, whatever commits meanwhile. */
static int copy_pages(struct xj_store *st, const char *tmp, struct xj_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK && (b = sqlite3_backup_init(dst, "main", st->db, "main"))) {
		do
			rc = sqlite3_backup_step(b, -1);
		while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(dst);
	}
	/* one self-contained file: no -wal beside it to lose */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		xj_error_set(err, XJ_EIO, "cannot copy store %s to %s: %s", st->path, tmp,
			     dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : -1;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

int xj_store_backup(struct xj_store *st, const char *path, xj_chain_check chain,
		    struct xj_copy_info *info, struct xj_error *err)
{
	struct xj_sb tmp = XJ_SB_INIT;
	struct stat sb;
	int rc;


	if (same_file(st->path, path))
		return xj_error_set(err, XJ_EUSAGE, "%s is the store itself", path);
	/* renamed into place: never over a device, a FIFO or a folder */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return xj_error_set(err, XJ_EUSAGE, "%s is not a regular file: an output"
				    " file is written beside its place and put there", path);
	rc = temp_beside(path, &tmp, err);
	if (rc == 0)
		rc = copy_pages(st, tmp.buf, err);
	if (rc == 0)
		xj_pause_point("copy");   /* the copy written, not yet in place */
	if (rc == 0)
		rc = xj_store_check_copy(tmp.buf, path, chain, info, err);
	if (rc == 0)
		rc = xj_store_perm_copy(tmp.buf, info->group, err);
	if (rc == 0)
		rc = sync_file(tmp.buf, err);
	if (rc == 0 && rename(tmp.buf, path) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot put the copy at %s: %s", path,
				  strerror(errno));
	if (rc == 0)
		rc = sync_dir(path, err);
	if (rc < 0 && tmp.len)
		drop_tmp(tmp.buf);
	xj_tmp_forget(tmp.buf);
	xj_sb_release(&tmp);
	return rc;
}

static int copy_file(const char *from, const char *to, struct xj_error *err)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = open(to, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t n = 0;
	int rc = 0;

	if (in < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot read %s: %s", from, strerror(errno));
	else if (out < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", to, strerror(errno));
	while (rc == 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", to,
					  strerror(errno ? errno : ENOSPC));
	if (rc == 0 && n < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot read %s: %s", from, strerror(errno));
	if (rc == 0 && fsync(out) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", to, strerror(errno));
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && rc == 0)
		rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", to, strerror(errno));
	return rc;
}

/* Only this process may have the store open: leaving WAL mode needs
 * every other connection gone, and folds the -wal file into the store. */
static int quiesce(const char *path, struct xj_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int alone = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = DELETE", -1, &s, NULL) ==
			    SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
			alone = strcmp(xj_store_col(s, 0), "delete") == 0;
		/* a store too damaged to read is what a restore is for */
		alone = alone || sqlite3_errcode(db) == SQLITE_NOTADB ||
			sqlite3_errcode(db) == SQLITE_CORRUPT;
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	if (!alone)
		return xj_error_set(err, XJ_ESTORE, "store %s is in use by another process;"
				    " stop the other xj commands (and cron's) first", path);
	return 0;
}

/* The name the store in place will be kept under: path.before-restore-
 * STAMP, or with -2, -3 ... when that is taken. */
static int aside_name(const char *path, struct xj_sb *aside, struct xj_error *err)
{
	char stamp[32];
	int n = 0, taken;

	xj_store_stamp(stamp, sizeof(stamp));
	do {
		xj_sb_reset(aside);
		xj_sb_addf(aside, "%s.before-restore-%s", path, stamp);
		if (n++)
			xj_sb_addf(aside, "-%d", n);
	} while ((taken = access(aside->buf, F_OK) == 0) && n < 100);
	if (taken || errno != ENOENT)
		return xj_error_set(err, XJ_EIO, "cannot keep the store as %s: %s", aside->buf,
				    strerror(taken ? EEXIST : errno));
	return 0;
}

/* The store's name now points at the copy; its old file keeps the name
 * aside, made with link(2) so nothing already there is overwritten. */
static int swap_in(const char *path, const char *tmp, const char *aside,
		   struct xj_error *err)
{
	int pin = -1, rc;

	if (!*aside) {
		if (link(tmp, path) < 0)
			return xj_error_set(err, XJ_EIO, "cannot put the copy at %s: %s", path,
					    strerror(errno));
		unlink(tmp);
		return sync_dir(path, err);
	}
	/* held alone from here to the swap: a command opening the store now
	 * waits, and then opens the copy in its place (store_pin.c) */
	if (xj_store_pin_alone(path, &pin, err) < 0)
		return -1;
	rc = quiesce(path, err);
	if (rc == 0)
		xj_pause_point("swap");   /* the store held alone, not yet swapped */
	if (rc == 0 && (link(path, aside) < 0 || !same_file(path, aside)))
		rc = xj_error_set(err, XJ_EIO, "cannot keep the store as %s: %s", aside,
				  strerror(errno));
	if (rc == 0 && rename(tmp, path) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot put the copy at %s: %s", path,
				  strerror(errno));
	if (rc == 0)
		rc = sync_dir(path, err);
	if (pin >= 0)
		close(pin);
	return rc;
}

/* The file a store's name stands for: a symbolic link's target, whose
 * place the copy takes, not the link's (other names for the store go on
 * naming it).  path itself for any other file, or none. */
static int store_file(const char *path, char real[PATH_MAX], const char **file,
		      struct xj_error *err)
{
	struct stat st;

	*file = path;
	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode))
		return 0;
	if (!realpath(path, real))
		return xj_error_set(err, XJ_EIO, "cannot follow %s to the store: %s", path,
				    strerror(errno));
	*file = real;
	return 0;
}

int xj_store_restore(const char *path, const char *from, xj_chain_check chain,
		     xj_restore_note record, void *ctx, struct xj_sb *aside,
		     struct xj_copy_info *info, struct xj_error *err)
{
	struct xj_sb tmp = XJ_SB_INIT;
	char real[PATH_MAX];
	int rc = store_file(path, real, &path, err);

	xj_sb_reset(aside);
	if (rc == 0)
		rc = temp_beside(path, &tmp, err);
	if (rc == 0)
		rc = copy_file(from, tmp.buf, err);
	if (rc == 0)
		xj_pause_point("copy");
	if (rc == 0)
		rc = xj_store_check_copy(tmp.buf, from, chain, info, err);
	if (rc == 0)
		rc = xj_store_perm_copy(tmp.buf, info->group, err);
	if (rc == 0 && access(path, F_OK) == 0)
		rc = aside_name(path, aside, err);
	if (rc == 0)
		rc = record(ctx, tmp.buf, aside->buf, err);
	if (rc == 0)
		rc = swap_in(path, tmp.buf, aside->buf, err);
	if (tmp.len)
		drop_tmp(tmp.buf);   /* gone already when it was put in place */
	xj_tmp_forget(tmp.buf);
	xj_sb_release(&tmp);
	return rc;
}

void xj_store_copy_name(const char *db, const char *dir, struct xj_sb *base,
			struct xj_sb *path)
{
	const char *slash = strrchr(db, '/'), *dot;
	char stamp[32];

	/* the copies of xj.db are xj-YYYYMMDD-HHMMSS.db: a name of its own
	 * is kept whole, a hidden file's leading dot is no extension */
	slash = slash ? slash + 1 : db;
	dot = strrchr(slash, '.');
	xj_sb_reset(base);
	xj_sb_add(base, slash, dot && dot != slash ? (size_t)(dot - slash) : strlen(slash));
	xj_store_stamp(stamp, sizeof(stamp));
	xj_sb_reset(path);
	xj_sb_addf(path, "%s/%s-%s.db", dir, base->buf, stamp);
}

int xj_store_is_copy_name(const char *name, const char *base)
{
	size_t n = strlen(base), i;
	static const char shape[] = "-########-######.db";

	if (strncmp(name, base, n) != 0 || strlen(name + n) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i]; i++)
		if (shape[i] == '#' ? name[n + i] < '0' || name[n + i] > '9'
				    : name[n + i] != shape[i])
			return 0;
	return 1;
}

static int newest_first(const void *a, const void *b)
{
	return strcmp(*(char *const *)b, *(char *const *)a);
}

int xj_store_rotate(const char *dir, const char *base, int keep, long *removed,
		    struct xj_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct xj_sb path = XJ_SB_INIT;
	int rc = 0;

	*removed = 0;
	if (!d)
		return xj_error_set(err, XJ_EIO, "cannot read %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!xj_store_is_copy_name(e->d_name, base))
			continue;
		if (n == cap)
			names = xj_xreallocarray(names, cap = cap ? cap * 2 : 16, sizeof(*names));
		names[n++] = xj_xstrdup(e->d_name);
	}
	closedir(d);
	/* the stamp sorts as the time does */
	qsort(names, n, sizeof(*names), newest_first);
	for (i = 0; i < n; i++) {
		xj_sb_reset(&path);
		xj_sb_addf(&path, "%s/%s", dir, names[i]);
		if (i >= (size_t)keep && rc == 0) {
			if (unlink(path.buf) < 0)
				rc = xj_error_set(err, XJ_EIO, "cannot remove %s: %s", path.buf,
						  strerror(errno));
			else
				(*removed)++;
		}
		free(names[i]);
	}
	free(names);
	xj_sb_release(&path);
	return rc;
}
