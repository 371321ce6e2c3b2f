/* chsi.h: CHSI's student list (在校生名单) as the reference.  Its rows are
 * kept as a source whether or not they match a student; the identity
 * verdicts in its BZ column become photo-comparison results (P5, P13); and
 * the store is compared with the newest list field by field (P10).  Nothing
 * returned is owned by the caller except through its callbacks. */
#ifndef XJ_CHSI_H
#define XJ_CHSI_H

#include "xj/normalize.h"
#include "xj/store.h"

/* The pair name CHSI's identity verdicts are recorded under. */
#define XJ_PAIR_CHSI "chsi-identity"

/* "mismatch", "unclear" or "abnormal" for the BZ verdicts 身份核验未通过,
 * 身份核验不确定 and 身份核验异常; NULL for any other remark. */
const char *xj_chsi_verdict(const char *remark);

/* Keep one row of a list (n: the row normalised) and record its verdict.
 * 1: it matched a student; 0: it did not; -1: err. */
int xj_chsi_row(struct xj_store *st, long long import_id,
		const struct xj_record *rec, const struct xj_norm *n,
		struct xj_error *err);

/* Each difference between the students q selects and the newest list:
 * fn(ctx, exam_no, name, field, ours, theirs), field "(student)" for a
 * student on one side only.  *count gets their number.  0, or -1: err
 * (no list imported is XJ_EUSAGE). */
typedef void (*xj_diff_fn)(void *ctx, const char *exam_no, const char *name,
			   const char *field, const char *ours, const char *theirs);
/* The fields compared leave out those of ignore (bit i: field i); the
 * status is field "status", ZCZT mapped to ours (xj_chsi_status). */
int xj_chsi_diff(struct xj_store *st, const struct xj_query *q, unsigned long ignore,
		 xj_diff_fn fn, void *ctx, long *count, struct xj_error *err);
/* Our status in CHSI's words (ZCZT): 待注册, 注册学籍, 休学, 保留学籍; NULL
 * for a student CHSI's list of students in school does not hold. */
const char *xj_chsi_status(const char *status);

#endif
