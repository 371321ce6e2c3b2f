/* diag.h: what the programs say to the user, in one form:
 *   xj-import: roster.csv:17: id_number: check digit should be 3, not X
 * on stderr (a passphrase is asked for on the terminal).  The program name
 * is borrowed from argv[0] for the life of the program; nothing else is
 * kept.  Of the library only the frame every program runs in talks to the
 * user, so that every program speaks alike: this module, cli.c (--help,
 * --version, a bad $XJ_NOW at start), and cmdrun.c and cmdsheet.c
 * (--help, refusals, counts, waiting for the store).  The rest writes only
 * to a FILE it is given and reports through struct xj_error, leaving the
 * saying to its caller (but for strbuf.h's out of memory, which ends the
 * process). */
#ifndef XJ_DIAG_H
#define XJ_DIAG_H

#include <stdio.h>
#include "xj/error.h"

/* Set once in main: the program name in every message. */
void xj_diag_init(const char *progname);
const char *xj_diag_prog(void);
/* "prog: file:line: field: msg" (each part only when known). */
void xj_diag_error(const struct xj_error *e);
void xj_diag_warning(const struct xj_error *e);
/* "prog: <text>"; control characters from data are escaped. */
void xj_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message, then "Try 'prog --help' ...". Returns 2. */
int xj_diag_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* getopt_long gave '?' or ':' (run with opterr = 0 and a leading ':' in
 * the option string): name the option in one line and hint.  Returns 2. */
int xj_diag_bad_option(int c, int opt, const char *word);
/* Ask for a passphrase on the terminal (not echoed); 0, or -1 when there
 * is no terminal to ask on. */
int xj_diag_passphrase(const char *prompt, char *buf, size_t size);
/* Flush and close stdout; a full disk is an error, a closed pipe is not.
 * Returns the exit code to use (rc, or 3 when the write failed). */
int xj_diag_close_stdout(int rc);

#endif
