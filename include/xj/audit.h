/* audit.h: the hash chain of the audit log.  Each entry's hash is SHA-256
 * over its own fields and the previous entry's hash, so an edited, deleted
 * or reordered entry breaks the chain from there on. */
#ifndef XJ_AUDIT_H
#define XJ_AUDIT_H

#include "xj/store.h"
#include "xj/strbuf.h"

/* The prev_hash of the first entry. */
#define XJ_AUDIT_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* The hash entry e should carry (its hash field is not read). */
void xj_audit_hash(const struct xj_log_entry *e, char out[65]);

/* The text a command's signature is over. */
void xj_audit_statement(struct xj_sb *out, long long command_id, const char *at,
			const char *signer, long long last_entry, const char *hash);

/* Walk the whole log: 0 when every entry links and hashes right, every
 * command signature verifies against the key its signer had in the config
 * then, and the log still holds head ("N:HASH" as xj log --head printed
 * it, or NULL); 1 with why[] naming the first thing that is wrong; -1 on
 * error (a malformed head is XJ_EUSAGE). */
int xj_audit_verify(struct xj_store *st, const char *head, char *why,
		    unsigned whysize, long long *count, struct xj_error *err);
/* The head of the log, "N:HASH" ("0:" and the genesis hash when empty). */
int xj_audit_head(struct xj_store *st, struct xj_sb *out, struct xj_error *err);

#endif
