/* error.h: how libxj reports failure.  The library never prints or exits: a
 * function that fails returns -1 and fills the caller's struct xj_error. */
#ifndef XJ_ERROR_H
#define XJ_ERROR_H

#include <stddef.h>

/* The exit codes of every xj program (xj(7), EXIT STATUS). */
enum {
	XJ_EXIT_OK = 0,       /* done, nothing refused */
	XJ_EXIT_REFUSED = 1,  /* done, but records were refused or problems found */
	XJ_EXIT_USAGE = 2,    /* bad usage */
	XJ_EXIT_FAIL = 3      /* could not run; nothing was changed */
};

/* What kind of failure an xj_error holds; it decides the exit code. */
enum xj_code {
	XJ_OK = 0,
	XJ_EDATA,      /* a value or row is wrong: refuse it, carry on */
	XJ_ECONFLICT,  /* a row disagrees with the store: refuse it, carry on */
	XJ_EFORMAT,    /* a whole file is not a record stream: refuse it */
	XJ_EUSAGE,     /* the caller asked for something impossible */
	XJ_EIO,        /* a file could not be read or written */
	XJ_ESTORE      /* the store failed */
	/* no code for memory: allocation failure aborts (strbuf.h), and a
	 * library that fails for want of it is XJ_EIO, the work not done */
};

struct xj_error {
	enum xj_code code;
	char file[256];   /* input file the problem is in, "" if none */
	long line;        /* line in that file, 0 if none */
	char field[64];   /* field name, "" if none */
	char msg[512];    /* lowercase, no final period */
};

void xj_error_clear(struct xj_error *e);
/* Set code and message; returns -1 so callers can `return xj_error_set(...)`. */
int xj_error_set(struct xj_error *e, enum xj_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The file the problem is in; one too long keeps its start and its end
 * (its name), "…" between them. */
void xj_error_file(struct xj_error *e, const char *file);
/* Record where the problem is; file may be NULL to leave it unchanged. */
void xj_error_where(struct xj_error *e, const char *file, long line,
		    const char *field);
/* Map an error to the exit code of xj(7). */
int xj_error_exit(const struct xj_error *e);

#endif
