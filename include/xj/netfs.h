/* netfs.h: is a path on a network filesystem?  SQLite's WAL needs shared
 * memory and locks that NFS, SMB and their kind do not give, so a store
 * there can be corrupted by two machines at once (xj(7), THE STORE'S
 * PLACE).  A name returned is static: the table's, or a FUSE type in one
 * buffer valid until the next call; the mountinfo FILE is the caller's. */
#ifndef XJ_NETFS_H
#define XJ_NETFS_H

#include <stdio.h>

/* The name of the network filesystem whose statfs(2) type is f_type, or
 * NULL for a local one. */
const char *xj_netfs_name(unsigned long f_type);
/* The network filesystem path is on ("nfs", "cifs", "fuse.sshfs", ...),
 * NULL when it is local or cannot be told; a path that does not exist yet
 * is judged by its directory. */
const char *xj_netfs_of(const char *path);
/* The type of the FUSE mount holding the absolute path, read from a
 * /proc/self/mountinfo stream, when it is one that reaches another
 * machine ("fuse.sshfs"); else NULL.  The string is static, valid until
 * the next call. */
const char *xj_netfs_fuse(FILE *mountinfo, const char *path);

#endif
