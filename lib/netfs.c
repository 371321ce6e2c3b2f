/* netfs.c: telling a network filesystem by its statfs(2) magic number,
 * and a FUSE one (sshfs and the like) by its type in mountinfo. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>

#include "xj/netfs.h"
#include "xj/strbuf.h"

static const struct {
	unsigned long magic;
	const char *name;
} network[] = {
	{ 0x6969UL, "nfs" },
	{ 0x517BUL, "smb" },
	{ 0xFF534D42UL, "cifs" },
	{ 0xFE534D42UL, "smb2" },
	{ 0x01021997UL, "9p" },
	{ 0x5346414FUL, "afs" },
	{ 0x6B414653UL, "afs" },
	{ 0x73757245UL, "coda" },
	{ 0x00C36400UL, "ceph" },
	{ 0x0BD00BD0UL, "lustre" },
	{ 0x47504653UL, "gpfs" },
};

const char *xj_netfs_name(unsigned long f_type)
{
	size_t i;

	/* f_type is signed on some ABIs: compare the low 32 bits */
	f_type &= 0xFFFFFFFFUL;
	for (i = 0; i < sizeof(network) / sizeof(network[0]); i++)
		if (network[i].magic == f_type)
			return network[i].name;
	return NULL;
}

#define FUSE_MAGIC 0x65735546UL

/* FUSE filesystems that reach another machine. */
static const char *const fuse_network[] = {
	"sshfs", "glusterfs", "s3fs", "rclone", "gcsfuse", "davfs", "curlftpfs",
	"smbnetfs", "moosefs", "mfs", "lizardfs", "juicefs", "ceph-fuse",
};

/* A mount point as mountinfo writes it: space, tab, newline and
 * backslash as octal escapes. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d = *s;
		}
	}
	*d = '\0';
}

static int under(const char *path, const char *mount)
{
	size_t n = strlen(mount);

	return strcmp(mount, "/") == 0 ||
	       (strncmp(path, mount, n) == 0 && (path[n] == '/' || path[n] == '\0'));
}

const char *xj_netfs_fuse(FILE *mountinfo, const char *path)
{
	static char type[64];
	char line[4096], mount[PATH_MAX], fstype[64];
	size_t best = 0;
	const char *found = NULL;
	size_t i;

	while (fgets(line, sizeof(line), mountinfo)) {
		const char *dash = strstr(line, " - ");

		if (!dash || sscanf(line, "%*s %*s %*s %*s %4095s", mount) != 1 ||
		    sscanf(dash + 3, "%63s", fstype) != 1)
			continue;
		unescape(mount);
		/* the deepest mount point holding the path is the one it is on */
		if (under(path, mount) && strlen(mount) >= best) {
			best = strlen(mount);
			snprintf(type, sizeof(type), "%s", fstype);
			found = type;
		}
	}
	if (!found || strncmp(found, "fuse.", 5) != 0)
		return NULL;
	for (i = 0; i < sizeof(fuse_network) / sizeof(fuse_network[0]); i++)
		if (strcmp(found + 5, fuse_network[i]) == 0)
			return found;
	return NULL;
}

/* The FUSE filesystem a local FUSE mount is, when it reaches elsewhere. */
static const char *fuse_of(const char *path)
{
	char real[PATH_MAX];
	FILE *fp;
	const char *type;

	if (!realpath(path, real) || !(fp = fopen("/proc/self/mountinfo", "re")))
		return NULL;
	type = xj_netfs_fuse(fp, real);
	fclose(fp);
	return type;
}

const char *xj_netfs_of(const char *path)
{
	struct statfs sf;
	struct xj_sb dir = XJ_SB_INIT;
	const char *slash, *on = path, *name;
	int rc = statfs(path, &sf);

	if (rc < 0) {
		slash = strrchr(path, '/');
		if (!slash)
			xj_sb_adds(&dir, ".");
		else if (slash == path)
			xj_sb_adds(&dir, "/");
		else
			xj_sb_add(&dir, path, (size_t)(slash - path));
		rc = statfs(dir.buf, &sf);
		on = dir.buf;
	}
	name = rc < 0 ? NULL : xj_netfs_name((unsigned long)sf.f_type);
	if (rc == 0 && ((unsigned long)sf.f_type & 0xFFFFFFFFUL) == FUSE_MAGIC)
		name = fuse_of(on);
	xj_sb_release(&dir);
	return name;
}
