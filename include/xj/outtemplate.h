/* outtemplate.h: the files xj hands to CHSI, laid out by a YAML template
 * (examples/templates/): the columns in order, each with its header, the
 * field or constant that fills it, its format and its width in bytes of
 * the file's encoding; the encoding (GBK unless told) and the line ends.
 * A template is the caller's, freed with xj_outtemplate_free, and writes
 * to the caller's FILE.  A value wider than its column, or a character the
 * encoding cannot hold, refuses the student's row: never a truncation,
 * never a '?'. */
#ifndef XJ_OUTTEMPLATE_H
#define XJ_OUTTEMPLATE_H

#include <stdio.h>

#include "xj/pairs.h"
#include "xj/store.h"
#include "xj/student.h"

struct xj_outtemplate;

struct xj_outtemplate *xj_outtemplate_load(const char *path, struct xj_error *err);
void xj_outtemplate_free(struct xj_outtemplate *t);

/* The header row, when the template has one, onto fp. */
int xj_outtemplate_header(struct xj_outtemplate *t, FILE *fp, struct xj_error *err);
/* Student s's row onto fp; extra gives the values of fields a student
 * record does not hold (state, year).  XJ_EDATA (err->field: the column)
 * refuses the row and writes nothing. */
int xj_outtemplate_row(struct xj_outtemplate *t, struct xj_store *st,
		       const struct xj_student *s, const struct xj_pairs *extra, FILE *fp,
		       struct xj_error *err);

#endif
