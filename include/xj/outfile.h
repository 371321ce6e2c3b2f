/* outfile.h: an output file written beside its target and renamed into
 * place at commit, so a reader never sees half of it, and never onto the
 * command's store.  The struct owns its names and FILE until commit or
 * abort, which free them; the guarded store name is the process's. */
#ifndef XJ_OUTFILE_H
#define XJ_OUTFILE_H

#include <stdio.h>

#include "xj/error.h"

struct xj_outfile {
	char *path, *tmp;
	FILE *fp;
};
int xj_outfile_open(struct xj_outfile *o, const char *path, struct xj_error *err);
/* The command's store: xj_outfile_open refuses it and its -wal, -shm and
 * -journal files as an output (compared by their full names, links
 * resolved), so no -o, --reject or other output replaces the store. */
void xj_outfile_guard_store(const char *db);
int xj_outfile_commit(struct xj_outfile *o, struct xj_error *err);
void xj_outfile_abort(struct xj_outfile *o);

#endif
