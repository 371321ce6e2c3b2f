/* stuno.h: numbers made from a configured pattern: student numbers (学号)
 * such as "{year}{major}{seq:3}", and the numbers of certificates of
 * academic credentials.  Nothing is kept: a key or a number goes into the
 * caller's buffer, and the context is only read.  {year} is the cohort,
 * {yy} its last two digits, {dept} the department code, {major} the major
 * code, {major_no} the major's ordinal in the config, {class:N} the last N
 * digits of the class, {school} the school code, {issued} the year a
 * certificate is issued; literal letters, digits and '-'; and exactly one
 * {seq:N} (or {seat:N}, the same read as a seat in the class), an N-digit
 * sequence counted within everything else the pattern gives (its key). */
#ifndef XJ_STUNO_H
#define XJ_STUNO_H

#include "xj/error.h"
#include "xj/strbuf.h"
#include "xj/student.h"

struct xj_number_ctx {
	const struct xj_student *s;
	const char *school;    /* the school code, or NULL */
	const char *issued;    /* "YYYY-MM-DD" of issue, or NULL */
	const char *major_no;  /* the major's ordinal (config), or NULL */
};

int xj_stuno_pattern_check(const char *pattern, struct xj_error *err);

/* The key of the sequence ("2026510201#"), and the digits N. */
int xj_stuno_key(const char *pattern, const struct xj_number_ctx *c, struct xj_sb *key,
		  int *digits, struct xj_error *err);
/* The number with sequence seq (XJ_EDATA when seq needs more digits). */
int xj_stuno_make(const char *pattern, const struct xj_number_ctx *c, long seq,
		   struct xj_sb *out, struct xj_error *err);

#endif
