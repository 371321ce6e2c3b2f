/* replay.h: does each student's record in the store equal what the audit
 * log says it is?  The log's entries that set fields (create, update,
 * change) are replayed for each student, the last value of each field
 * winning, and compared with the student's row: a row changed behind the
 * log's back shows. */
#ifndef XJ_REPLAY_H
#define XJ_REPLAY_H

#include "xj/store.h"

/* fn(ctx, exam_no, field, in the store, in the log) for each difference;
 * the number of differences, or -1. */
long xj_replay_check(struct xj_store *st,
		     void (*fn)(void *ctx, const char *exam_no, const char *field,
				const char *stored, const char *logged),
		     void *ctx, struct xj_error *err);

#endif
