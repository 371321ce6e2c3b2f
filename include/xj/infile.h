/* infile.h: the files a user names as input, before anything reads them.
 * A descriptor or FILE opened here is the caller's to close; the copies
 * read ahead are the module's, kept until the process ends, and file kinds
 * are static strings.  Where a file is expected, only a regular file is
 * taken (symbolic links the user names are followed): a FIFO, a device, a
 * socket or a directory is refused with its kind named, never read for
 * ever.  Standard input is the one stream, and it is read whole before a
 * command takes the store's write lock (xj_infile_spool_stdin), so a slow
 * writer holds up nobody. */
#ifndef XJ_INFILE_H
#define XJ_INFILE_H

#include <stdio.h>
#include <sys/stat.h>

#include "xj/error.h"
#include "xj/strbuf.h"

/* "a FIFO", "a directory", ...: what a file of mode m is, translated. */
const char *xj_infile_kind(mode_t m);
/* A descriptor of path, open for reading, or -1 (err set). */
int xj_infile_open(const char *path, struct xj_error *err);
FILE *xj_infile_fopen(const char *path, struct xj_error *err);
/* xj_infile_read's how: */
#define XJ_INFILE_MISSING_EMPTY 1u  /* a path that does not exist reads as empty */
#define XJ_INFILE_DASH_STDIN 2u     /* "-" is standard input, whatever kind it is */
/* Why xj_infile_read failed, err set each time, for a caller that says a
 * failure in its own words.  Each is below 0, so "< 0" tests for all. */
enum {
	XJ_INFILE_EOPEN = -1,   /* open(2) failed; errno is its */
	XJ_INFILE_EKIND = -2,   /* not a regular file (its kind named) */
	XJ_INFILE_EREAD = -3,   /* a read failed */
	XJ_INFILE_ELONG = -4    /* longer than max */
};
/* The whole of path into out, refused when longer than max bytes.  The
 * bytes may be any (out->len counts them; a NUL follows).  0, or one of
 * the failures above with err set ("... is larger than MAX bytes" when
 * too long, XJ_EDATA).  On failure out holds what was read; it is the
 * caller's to release either way. */
int xj_infile_read(const char *path, long max, unsigned how, struct xj_sb *out,
		   struct xj_error *err);
/* Copy path now, before the store is locked; later opens of path read the
 * copy.  A file that cannot be read is left to be refused when opened. */
void xj_infile_ahead(const char *path);
/* Standard input, when it is no regular file, copied whole to a private
 * unlinked temporary file that then stands in for it.  0 when done or not
 * needed. */
int xj_infile_spool_stdin(struct xj_error *err);

#endif
