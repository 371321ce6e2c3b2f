/* cli.h: the parts of a command line every program shares: where the store
 * is, who acts, strict numbers, and output files written atomically.  The
 * caller owns what it passes in; nothing here prints. */
#ifndef XJ_CLI_H
#define XJ_CLI_H

#include <stdio.h>
#include "xj/error.h"
#include "xj/store.h"
#include "xj/strbuf.h"

/* -d PATH, else $XJ_DB, else ./xj.db */
const char *xj_cli_db(const char *opt);
/* Fill who: the login name, user (-u, may be NULL), the program, and the
 * arguments joined into args (which must outlive who). */
void xj_cli_actor(struct xj_actor *who, struct xj_sb *args, const char *program,
		  int argc, char **argv, const char *user);
/* Open the store; with user given and staff configured, the user must be
 * one of them (XJ_EUSAGE otherwise). */
struct xj_store *xj_cli_open(const char *path, const char *user,
			     struct xj_error *err);
/* A whole decimal number in [lo, hi]; -1 when s is anything else. */
int xj_cli_number(const char *s, long lo, long hi, long *out);

/* An output file written beside its target and renamed into place at
 * commit, so a reader never sees half of it. */
struct xj_outfile {
	char *path, *tmp;
	FILE *fp;
};
int xj_outfile_open(struct xj_outfile *o, const char *path, struct xj_error *err);
int xj_outfile_commit(struct xj_outfile *o, struct xj_error *err);
void xj_outfile_abort(struct xj_outfile *o);

#endif
