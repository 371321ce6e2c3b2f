/* audit.h: the hash chain of the audit log.  Each entry's hash is SHA-256
 * over its own fields and the previous entry's hash, so an edited, deleted
 * or reordered entry breaks the chain from there on. */
#ifndef XJ_AUDIT_H
#define XJ_AUDIT_H

#include "xj/store.h"

/* The prev_hash of the first entry. */
#define XJ_AUDIT_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* The hash entry e should carry (its hash field is not read). */
void xj_audit_hash(const struct xj_log_entry *e, char out[65]);

/* Walk the whole log: 0 when every entry links and hashes right; 1 with
 * *bad_id and why[] naming the first entry that does not; -1 on error. */
int xj_audit_verify(struct xj_store *st, long long *bad_id, char *why,
		    unsigned whysize, long long *count, struct xj_error *err);

#endif
