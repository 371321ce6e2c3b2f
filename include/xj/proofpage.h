/* proofpage.h: the certificate of academic credentials (学历证明书, P15)
 * as a printable HTML page: the original's content, its number and the
 * proof's own, the current principal, the date. */
#ifndef XJ_PROOFPAGE_H
#define XJ_PROOFPAGE_H

#include <stdio.h>

#include "xj/error.h"
#include "xj/store.h"
#include "xj/student.h"

int xj_proofpage_write(FILE *fp, const char *school, const struct xj_student *s,
		  const struct xj_cert *proof, const struct xj_cert *original,
		  struct xj_error *err);

#endif
