/* photos.h: photo-comparison results (人像比对, P5, P13) as CHSI returns
 * them, read through a column template, and kept as dated facts: a result
 * is never overwritten, a later one is added beside it.  The template is
 * freed with xj_intemplate_free. */
#ifndef XJ_PHOTOS_H
#define XJ_PHOTOS_H

#include "xj/reader.h"
#include "xj/store.h"

#include "xj/intemplate.h"

/* The pairs a result can be about. */
int xj_photos_pair_known(const char *pair);

/* A YAML template: columns (our name: their column), and the words of
 * their pair and result columns mapped to ours.  Errors name file, line
 * and setting. */
struct xj_intemplate *xj_photos_template_load(const char *path, struct xj_error *err);

/* One row (t NULL: our own column names and words).  0: recorded; 1: on
 * record already; -1: err (XJ_EDATA with err->field: the row is refused). */
int xj_photos_row(struct xj_store *st, const struct xj_intemplate *t,
		 const struct xj_record *rec, struct xj_error *err);

#endif
