/* card.h: the student record card (学生学籍卡, P9) as a printable page:
 * HTML with print CSS, one card per printed page, the photo embedded when
 * there is one.  The FILE is the caller's and the card keeps nothing
 * between calls: a photo is read while its card is written, and a view
 * borrows its strings (xj_card_view). */
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

int xj_card_begin(FILE *fp, const char *school, struct xj_error *err);
/* photo: a picture file, or NULL. */
int xj_card_write(FILE *fp, const char *school, const struct xj_student *s,
		  const char *photo, struct xj_error *err);
int xj_card_end(FILE *fp, struct xj_error *err);

#endif
