/* replay.h: the row check with the rows imports vouch for made again
 * (replay.c): every table against the row log (rows.h), the students an
 * import made as its source rows make them again, and its source rows
 * against the digest its entry signed.  Nothing is left for the caller to
 * free; the differences go to fn as they are found. */
#ifndef XJ_REPLAY_H
#define XJ_REPLAY_H

#include "xj/rows.h"
#include "xj/store.h"

/* As xj_store_rows_verify, the rows imports vouch for included: the number of
 * differences, or -1. */
long xj_replay_verify(struct xj_store *st, void (*fn)(void *ctx, const struct xj_row_diff *d),
		      void *ctx, long long *rows, struct xj_error *err);

#endif
