/* rowstudent.h: the student a row of a returned file names, by the first
 * of exam_no, id_number and student_no it has, through a column template
 * (NULL: our own names).  0 (s owns its strings); -1: XJ_EDATA with
 * err->field when no student has it, or the row names none, or the
 * store's error when it could not be read. */
#ifndef XJ_ROWSTUDENT_H
#define XJ_ROWSTUDENT_H

#include "xj/intemplate.h"
#include "xj/store.h"

int xj_rowstudent_find(struct xj_store *st, const struct xj_intemplate *t,
		   const struct xj_record *rec, struct xj_student *s, struct xj_error *err);
/* A row of CHSI's feedback on what was submitted: its student into s (as
 * xj_rowstudent_find), its message into msg, and its result, success or
 * failure as the template maps it.  1: success; 0: failure; -1: XJ_EDATA
 * with err->field (no such student, or another result), or the store's
 * error when it could not be read. */
int xj_rowstudent_result(struct xj_store *st, const struct xj_intemplate *t,
		  const struct xj_record *rec, struct xj_student *s, struct xj_sb *msg,
		  struct xj_error *err);

#endif
