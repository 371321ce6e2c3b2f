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

/* A sign-off signed away from the store (xj-key sign, P1) is signed over
 * this statement of what it decides: a first line "xj-signoff-1", then
 * one "name: value" line for each field, in this order.  Values hold no
 * line breaks (the caller refuses them). */
struct xj_signoff_stmt {
	const char *store;          /* the store's id (xj_store_id) */
	long long review;           /* the review signed */
	const char *student, *name; /* exam number, name */
	const char *id_sha256;      /* SHA-256 of the ID number, never the number */
	const char *stage, *level, *result;
	const char *config_sha256;  /* SHA-256 of the config text in force */
	const char *signer;
};
void xj_audit_signoff_statement(struct xj_sb *out, const struct xj_signoff_stmt *s);
/* A change approval signed away from the store (P1, P12) likewise: a
 * first line "xj-approve-1", then a line for each field, in this order.
 * fields, old and new are the request's, as xj_audit_change_values gives
 * them: the new values are signed, so an edited one is refused. */
struct xj_approve_stmt {
	const char *store;
	long long request;
	const char *student, *name, *id_sha256;
	const char *kind;           /* key, field, status or errata */
	const char *fields, *old, *new_;
	int level;                  /* 1 for the request's first approval */
	const char *role;           /* the role that level is */
	const char *config_sha256;
	const char *signer;
};
void xj_audit_approve_statement(struct xj_sb *out, const struct xj_approve_stmt *s);
/* A request's old or new values (its JSON) as an approval statement names
 * them: the field names comma-joined into fields, and FIELD="value" pairs
 * joined by "; " into values, each value a JSON string; an ID or phone
 * number masked, with "sha256:" and the SHA-256 of the number after it. */
int xj_audit_change_values(struct xj_store *st, const char *json, struct xj_sb *fields,
			   struct xj_sb *values, struct xj_error *err);
/* The value of the line name of such a statement into out: 1, or 0 when
 * it is not a sign-off or approval statement or has no such line. */
int xj_audit_statement_get(const char *statement, const char *name, struct xj_sb *out);
/* SHA-256 of n bytes, as 64 hex digits. */
void xj_audit_sha256_hex(const void *data, size_t n, char out[65]);

/* Walk the whole log: 0 when every entry links and hashes right, every
 * command signature verifies against the key its signer had in the config
 * then, every decision's own signature verifies (one signed over a
 * statement also stands for the sign-off or the change approval it was
 * recorded as, of the request as it stands), and the log
 * still holds head ("N:HASH" as xj log --head printed
 * it, or NULL); 1 with why[] naming the first thing that is wrong; -1 on
 * error (a malformed head is XJ_EUSAGE). */
int xj_audit_verify(struct xj_store *st, const char *head, char *why,
		    unsigned whysize, long long *count, struct xj_error *err);
/* The head of the log, "N:HASH" ("0:" and the genesis hash when empty). */
int xj_audit_head(struct xj_store *st, struct xj_sb *out, struct xj_error *err);

#endif
