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

int main(void)
{
	names();
	local_paths();
	return unit_done("netfs");
}
