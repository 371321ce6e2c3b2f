/* validate_impl.h: helpers shared by validate.c and codes.c only.  Not
 * installed.  Nothing is allocated: xj_validate_value_nz gives s or a static "",
 * xj_validate_value_put copies into the caller's buffer. */
#ifndef XJ_VALIDATE_IMPL_H
#define XJ_VALIDATE_IMPL_H

#include <stddef.h>
#include "xj/error.h"

const char *xj_validate_value_nz(const char *s);
/* Copy s into out (when out is not NULL), or fail "value too long". */
int xj_validate_value_put(char *out, size_t outsz, const char *s, struct xj_error *err);

#endif
