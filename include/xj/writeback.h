/* writeback.h: a file's written pages sent to the disk on a second thread
 * while the writer goes on.  A bulk load writes hundreds of megabytes that
 * the kernel holds in memory until the commit's fsync, which then waits
 * for all of them; sent while the load still works, the fsync finds
 * little left.  It changes when the pages reach the disk, never what is
 * durable when: the commit's fsync still decides. */
#ifndef XJ_WRITEBACK_H
#define XJ_WRITEBACK_H

struct xj_writeback;

/* Writeback of fd's file begun now and again every little while, until
 * stopped; NULL where the system cannot (then nothing changes).  fd stays
 * the caller's, open until after the stop. */
struct xj_writeback *xj_writeback_start(int fd);
/* The thread stopped and freed (NULL is nothing). */
void xj_writeback_stop(struct xj_writeback *w);

#endif
