/* outfile.c: output files written beside their place and renamed into it
 * at the commit, never onto the store. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/outfile.h"
#include "xj/tmpfiles.h"
#include "xj/strbuf.h"

/* The store of this command, by its full name: no output may land on it
 * or on its -wal, -shm or -journal file. */
static char guarded[PATH_MAX];

/* dir/base with dir made absolute and its links resolved; 0, or -1 when
 * the folder does not exist (then nothing can be written there anyway). */
static int full_name(const char *path, char *out, size_t size)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1,
		 slash ? (slash == path ? "/" : path) : ".");
	if (!realpath(dir, real))
		return -1;
	snprintf(out, size, "%s/%s", strcmp(real, "/") ? real : "", base);
	return 0;
}

void xj_outfile_guard_store(const char *db)
{
	if (full_name(db, guarded, sizeof(guarded)) < 0)
		guarded[0] = '\0';
}

static int on_the_store(const char *path)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	char name[PATH_MAX + 16];
	size_t i, n = strlen(guarded);

	if (!n || full_name(path, name, sizeof(name)) < 0)
		return 0;
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (strncmp(name, guarded, n) == 0 && strcmp(name + n, tails[i]) == 0)
			return 1;
	return 0;
}

int xj_outfile_open(struct xj_outfile *o, const char *path, struct xj_error *err)
{
	struct xj_sb tmp = XJ_SB_INIT;
	struct stat sb;
	int fd;

	memset(o, 0, sizeof(*o));
	/* the file is written beside its place and renamed into it: over a
	 * device, a FIFO or a folder that would replace the thing itself
	 * (as root, /dev/null) */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return xj_error_set(err, XJ_EUSAGE, "%s is not a regular file: an output"
				    " file is written beside its place and put there", path);
	if (on_the_store(path))
		return xj_error_set(err, XJ_EUSAGE, "%s is the store or one of its files:"
				    " an output never lands there", path);
	xj_sb_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		int e = errno;

		xj_sb_release(&tmp);
		return xj_error_set(err, XJ_EIO, "cannot write %s: %s", path, strerror(e));
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		close(fd);
		unlink(tmp.buf);
		xj_sb_release(&tmp);
		return xj_error_set(err, XJ_EIO, "cannot write %s", path);
	}
	o->path = xj_xstrdup(path);
	o->tmp = xj_sb_detach(&tmp);
	/* half an output, personal data in it, is not left by a signal */
	xj_tmp_keep(o->tmp, 0);
	return 0;
}

int xj_outfile_commit(struct xj_outfile *o, struct xj_error *err)
{
	int bad = fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
	int e = errno;

	if (fclose(o->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	o->fp = NULL;
	if (!bad && rename(o->tmp, o->path) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		xj_error_set(err, XJ_EIO, "cannot write %s: %s", o->path, strerror(e));
		xj_outfile_abort(o);
		return -1;
	}
	xj_tmp_forget(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return 0;
}

void xj_outfile_abort(struct xj_outfile *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp) {
		unlink(o->tmp);
		xj_tmp_forget(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}
