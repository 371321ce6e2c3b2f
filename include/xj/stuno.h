/* stuno.h: student numbers (学号) made from the configured pattern, such
 * as "{year}{major}{seq:3}": {year} the cohort, {yy} its last two digits,
 * {dept} the department code, {major} the major code, literal letters and
 * digits, and exactly one {seq:N}, an N-digit sequence counted within
 * everything else the pattern gives (its key). */
#ifndef XJ_STUNO_H
#define XJ_STUNO_H

#include "xj/error.h"
#include "xj/strbuf.h"
#include "xj/student.h"

int xj_number_pattern_check(const char *pattern, struct xj_error *err);

/* The key of s's sequence ("2026510201#"), and the digits N. */
int xj_number_key(const char *pattern, const struct xj_student *s, struct xj_sb *key,
		  int *digits, struct xj_error *err);
/* The number with sequence seq (XJ_EDATA when seq needs more digits). */
int xj_number_make(const char *pattern, const struct xj_student *s, long seq,
		   struct xj_sb *out, struct xj_error *err);

#endif
