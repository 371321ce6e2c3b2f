/* card.h: the student record card (学生学籍卡, P9) as a printable page:
 * HTML with print CSS, one card per printed page, the photo embedded when
 * there is one.  The FILE is the caller's and the card keeps nothing
 * between calls; a view borrows its strings (xj_card_view). */
#ifndef XJ_CARD_H
#define XJ_CARD_H

#include <stdio.h>

#include "xj/error.h"
#include "xj/store.h"
#include "xj/strbuf.h"
#include "xj/student.h"

/* The fields of the card, in order, with their Chinese labels. */
extern const int xj_card_fields[];
extern const size_t xj_card_nfields;

/* The card's view of s in *view (its strings s's, the store's or enrol's,
 * valid until the next call): the department by its name in the config,
 * and, when the student has no enrolment date of their own, the one the
 * config gives their year of entry.  A department the config does not
 * name keeps its code. */
int xj_card_view(struct xj_store *st, const struct xj_student *s, struct xj_student *view,
		 struct xj_sb *enrol, struct xj_error *err);

/* The student's photo in dir (xj-register card --photos): DIR/KEY.jpg,
 * .jpeg, .png or .JPG, KEY the exam number, the student number or the ID
 * number, in that order; a key empty or holding a '/' is passed over.
 * Its path in path (returned), or NULL when dir is NULL or holds none. */
const char *xj_card_photo(const char *dir, const struct xj_student *s, struct xj_sb *path);

/* The photo at path into img, its type (from its bytes) in *mime: 0, or
 * -1 when it cannot be read (XJ_EIO: missing, no regular file, over
 * 8 MiB) or is no JPEG or PNG (XJ_EDATA).  Read before its card is begun,
 * so that a photo refused leaves no half card. */
int xj_card_photo_read(const char *path, struct xj_sb *img, const char **mime,
		       struct xj_error *err);

int xj_card_begin(FILE *fp, const char *school, struct xj_error *err);
/* photo: the picture read by xj_card_photo_read, or NULL. */
int xj_card_write(FILE *fp, const char *school, const struct xj_student *s,
		  const struct xj_sb *photo, const char *mime, struct xj_error *err);
int xj_card_end(FILE *fp, struct xj_error *err);

#endif
