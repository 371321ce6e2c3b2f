/* netfs.c: telling a network filesystem by its statfs(2) magic number. */
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

const char *xj_netfs_of(const char *path)
{
	struct statfs sf;
	struct xj_sb dir = XJ_SB_INIT;
	const char *slash;
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
		xj_sb_release(&dir);
	}
	return rc < 0 ? NULL : xj_netfs_name((unsigned long)sf.f_type);
}
