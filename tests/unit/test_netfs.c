/* Unit tests of the network-filesystem check that guards the store's
 * place (xj(7), THE STORE'S PLACE). */
#include <stdlib.h>

#include "unit.h"
#include "xj/netfs.h"

static void names(void)
{
	CHECK_STR(xj_netfs_name(0x6969UL), "nfs");
	CHECK_STR(xj_netfs_name(0xFF534D42UL), "cifs");
	CHECK_STR(xj_netfs_name(0xFE534D42UL), "smb2");
	CHECK_STR(xj_netfs_name(0x517BUL), "smb");
	CHECK_STR(xj_netfs_name(0x01021997UL), "9p");
	/* a signed f_type sign-extended to 64 bits is still CIFS */
	CHECK_STR(xj_netfs_name((unsigned long)(long)(int)0xFF534D42U), "cifs");
	CHECK(xj_netfs_name(0xEF53UL) == NULL);       /* ext4 */
	CHECK(xj_netfs_name(0x01021994UL) == NULL);   /* tmpfs */
	CHECK(xj_netfs_name(0x58465342UL) == NULL);   /* xfs */
}

static void local_paths(void)
{
	/* /proc is local wherever the checkout is; a path not yet made is
	 * judged by its directory */
	CHECK(xj_netfs_of("/proc") == NULL);
	CHECK(xj_netfs_of("/proc/not-yet-made.db") == NULL);
	CHECK(xj_netfs_of("/proc/self/not-yet-made.db") == NULL);
}

/* mountinfo as Linux writes it: an sshfs mount, a local FUSE mount, a
 * mount point with a space in its name. */
static const char mountinfo[] =
"22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
"40 22 0:35 / /srv/remote rw,nosuid shared:20 - fuse.sshfs xj@records:/srv rw\n"
"41 40 0:36 / /srv/remote/local rw shared:21 - fuse.ntfs-3g /dev/sdb1 rw\n"
"42 22 0:37 / /mnt/my\\040disk rw shared:22 - fuse.glusterfs gl:/vol rw\n";

static const char *fuse_type(const char *path)
{
	FILE *fp = fmemopen((void *)mountinfo, sizeof(mountinfo) - 1, "r");
	const char *t = xj_netfs_fuse(fp, path);

	fclose(fp);
	return t;
}

static void fuse_mounts(void)
{
	CHECK_STR(fuse_type("/srv/remote/xj.db"), "fuse.sshfs");
	CHECK_STR(fuse_type("/srv/remote"), "fuse.sshfs");
	CHECK_STR(fuse_type("/mnt/my disk/xj.db"), "fuse.glusterfs");
	/* the deepest mount point decides: a local FUSE disk inside sshfs */
	CHECK(fuse_type("/srv/remote/local/xj.db") == NULL);
	/* a name that only begins like a mount point is not under it */
	CHECK(fuse_type("/srv/remote2/xj.db") == NULL);
	CHECK(fuse_type("/home/chen/xj.db") == NULL);
}

int main(void)
{
	names();
	local_paths();
	fuse_mounts();
	return unit_done("netfs");
}
