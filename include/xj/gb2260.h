/* gb2260.h: the address codes of GB/T 2260 (share/xj/gb2260.tsv, made by
 * contrib/gb2260/generate.sh), against which the first six digits of a
 * resident ID number are checked.  The table is read once, on first use,
 * and must be the one the programs were built with (its SHA-256 is built
 * in); it stays in memory, owned by the library, until the program ends. */
#ifndef XJ_GB2260_H
#define XJ_GB2260_H

#include <stddef.h>
#include "xj/error.h"

/* The table's version ("200212-202306": its earliest and latest revision)
 * and the path it was read from; -1 with err (XJ_EIO, naming the path)
 * when it cannot be found or read, or is not the table built in. */
int xj_gb2260_load(const char **version, const char **path, struct xj_error *err);

/* The i-th code of the loaded table, in order, with the first and last
 * revision it is in (YYYYMM): 0, or -1 past the end (synthetic data). */
int xj_gb2260_entry(size_t i, int *code, int *first, int *last);

/* The address code of an 18-digit resident ID number (id, checked
 * already) against the table: 0 when it is in it; 0 too for a holder born
 * before the month of the earliest revision, whose code may have been
 * retired before it, with the remark in note ("" when none); -1 with XJ_EDATA when it is not, and -1 with XJ_EIO when the
 * table cannot be read (nothing can be checked: the caller stops). */
int xj_gb2260_check_id(const char *id, char *note, size_t notesz, struct xj_error *err);

#endif
