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
 * fields, old and new are the request's, as xj_logcheck_change_values gives
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
/* A rejection of a change request (P12): the approval's lines under a
 * first line "xj-reject-1" (level and role the level refused), then the
 * reason, a JSON string, and suspect, "yes" or "no". */
void xj_audit_reject_statement(struct xj_sb *out, const struct xj_approve_stmt *s,
			       const char *reason, int suspect);

/* Online decisions, made with the decider's own key at the store, are
 * signed over a statement too: the sign-off and approval statements above
 * (a re-check's confirmation is a sign-off at level "confirm"), or one of
 * these, each ended by the line xj_audit_statement_head adds.  Values that
 * are free text (items, note, text, decision) are JSON, so no statement
 * holds a line break inside a value. */
struct xj_review_stmt {      /* "xj-review-1": a review, a cancellation proposed */
	const char *store, *student, *name, *id_sha256;
	const char *stage, *result;
	const char *items, *note;   /* items as JSON; note a JSON string or "" */
	const char *config_sha256, *signer;
};
void xj_audit_review_statement(struct xj_sb *out, const struct xj_review_stmt *s);
struct xj_case_stmt {        /* "xj-case-1": a doubtful case opened, noted, closed (P8) */
	const char *store;
	const char *action;         /* open, note or close */
	long long case_id;          /* the open case noted or closed; 0 when opened */
	const char *student, *name, *id_sha256;
	const char *text;           /* the reason, note or finding, a JSON string */
	const char *config_sha256, *signer;
};
void xj_audit_case_statement(struct xj_sb *out, const struct xj_case_stmt *s);
struct xj_decision_stmt {    /* "xj-decision-1": any other decision */
	const char *store, *action, *student, *name, *id_sha256, *stage;
	const char *decision;       /* the entry's new values, JSON */
	const char *config_sha256, *signer;
};
void xj_audit_decision_statement(struct xj_sb *out, const struct xj_decision_stmt *s);
/* The line "head: N:HASH" that ends an online statement: the entry before
 * the decision's own, which places the decision in the chain. */
void xj_audit_statement_head(struct xj_sb *out, long long id, const char *hash);
/* Is this statement an online decision's (has it a head line)? */
int xj_audit_statement_online(const char *statement);

/* The value of the line name of such a statement into out: 1, or 0 when
 * it is not a statement of one of these kinds or has no such line. */
int xj_audit_statement_get(const char *statement, const char *name, struct xj_sb *out);

#endif
