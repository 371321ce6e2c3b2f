/* store_perm.c: who may open the store's files.  A store is private to its
 * owner (0600) unless it was made for a Unix group (xj init --group): then
 * it is 0660 of that group, in a setgid directory of that group, so the
 * -wal and -shm files SQLite makes beside it (with the store's mode) get
 * the group too, whoever of the group makes them.  The group is kept in
 * the store (meta 'group'), so copies and restores keep the same. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_impl.h"

static int group_id(const char *name, gid_t *gid)
{
	struct group *g = *name ? getgrnam(name) : NULL;

	if (!g)
		return -1;
	*gid = g->gr_gid;
	return 0;
}

/* The store's directory: of the group, setgid, and the group may make
 * files in it (SQLite makes and removes -wal and -shm there).  Changed
 * only by its owner; anyone else needs it to be so already. */
static int share_dir(const char *dir, const char *group, gid_t gid,
		     struct xj_error *err)
{
	struct stat sb;
	mode_t need = S_ISGID | S_IWGRP | S_IXGRP;

	if (stat(dir, &sb) < 0)
		return xj_error_set(err, XJ_EIO, "cannot read directory %s: %s", dir,
				    strerror(errno));
	if (sb.st_gid == gid && (sb.st_mode & need) == need)
		return 0;
	if (sb.st_uid != geteuid())
		return xj_error_set(err, XJ_EIO, "directory %s is not yours to give to group %s:"
				    " have its owner run 'chgrp %s %s && chmod g+rwxs %s'",
				    dir, group, group, dir, dir);
	if (chown(dir, (uid_t)-1, gid) < 0 ||
	    chmod(dir, (sb.st_mode & 07777) | S_ISGID | S_IRWXG) < 0)
		return xj_error_set(err, XJ_EIO, "cannot give %s to group %s: %s", dir, group,
				    strerror(errno));
	return 0;
}

/* The new, empty store file: 0600, or 0660 of the group (set here, not
 * left to the umask). */
static int make_file(const char *path, const char *group, gid_t gid,
		     struct xj_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), e;

	if (fd < 0) {
		e = errno;
		if (e == EEXIST)
			return xj_error_set(err, XJ_ESTORE,
				"store %s already exists; it is never overwritten", path);
		return xj_error_set(err, XJ_EIO, "cannot create %s: %s", path, strerror(e));
	}
	/* the group first: never 0660 of a group it was not meant for */
	if (group && (fchown(fd, (uid_t)-1, gid) < 0 || fchmod(fd, 0660) < 0)) {
		e = errno;
		close(fd);
		unlink(path);
		return xj_error_set(err, XJ_EIO, "cannot give %s to group %s: %s", path, group,
				    strerror(e));
	}
	close(fd);
	return 0;
}

static int record_group(struct xj_store *st, const char *group, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO meta(key, value) VALUES('group', ?)",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "write");
	sqlite3_bind_text(s, 1, group, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : xj_store_fail(st, err, "write");
	sqlite3_finalize(s);
	return rc;
}

struct xj_store *xj_store_create(const char *path, const char *group,
				 struct xj_error *err)
{
	struct xj_sb dir = XJ_SB_INIT;
	struct xj_store *st = NULL;
	gid_t gid = 0;

	if (group && group_id(group, &gid) < 0) {
		xj_error_set(err, XJ_EUSAGE, "no such group: %s", group);
		return NULL;
	}
	if (make_file(path, group, gid, err) < 0)
		return NULL;
	xj_store_dir_of(path, &dir);
	if (!group || share_dir(dir.buf, group, gid, err) == 0)
		st = xj_store_open_as(path, XJ_STORE_CREATE | XJ_STORE_MADE, err);
	if (st && group && record_group(st, group, err) < 0) {
		xj_store_close(st);
		st = NULL;
	}
	if (st)   /* the init entry: no config, so nobody to prove yet */
		xj_store_allow_unsigned(st);
	if (!st)
		unlink(path);   /* the file this call made, never another */
	xj_sb_release(&dir);
	return st;
}

int xj_store_meta_group(struct xj_store *st, char *buf, size_t size, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'group'", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && strlen(xj_store_col(s, 0)) < size)
		snprintf(buf, size, "%s", xj_store_col(s, 0));
	else if (rc == SQLITE_ROW)
		rc = SQLITE_TOOBIG;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_error_set(err, XJ_ESTORE, "store %s: cannot read its group", st->path);
	return 0;
}

int xj_store_perm_copy(const char *path, const char *group, struct xj_error *err)
{
	struct stat sb;
	gid_t gid;

	if (!*group)
		return chmod(path, 0600) < 0 ? xj_error_set(err, XJ_EIO, "cannot write %s: %s",
						      path, strerror(errno)) : 0;
	if (group_id(group, &gid) < 0)
		return xj_error_set(err, XJ_ESTORE, "the store is shared with group %s, which"
				    " this machine does not have: add the group first", group);
	if (stat(path, &sb) < 0 || (sb.st_gid != gid && chown(path, (uid_t)-1, gid) < 0) ||
	    chmod(path, 0660) < 0)
		return xj_error_set(err, XJ_EIO, "cannot give %s to group %s: %s", path, group,
				    strerror(errno));
	return 0;
}
