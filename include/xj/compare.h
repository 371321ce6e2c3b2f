/* compare.h: two sources' values of one field put in one form before they
 * are compared, so 20070314 and 2007-03-14, 1 and 男, 01 and 汉族 agree.
 * Output goes into the caller's buffer. */
#ifndef XJ_COMPARE_H
#define XJ_COMPARE_H

#include <stddef.h>

/* The canonical form of value v of student field f (enum xj_sfield); a
 * value the field's check refuses stays as it is. */
void xj_compare_canon(int f, const char *v, char *out, size_t size);
/* Do a and b say the same for field f? */
int xj_compare_same(int f, const char *a, const char *b);

#endif
