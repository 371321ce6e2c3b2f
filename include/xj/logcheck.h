/* logcheck.h: the audit log checked from inside, through the store: the
 * chain, the signatures, the rows that stand on signed decisions (P2).
 * The caller's buffers receive what is found; nothing is kept. */
#ifndef XJ_LOGCHECK_H
#define XJ_LOGCHECK_H

#include "xj/audit.h"
#include "xj/store.h"
#include "xj/strbuf.h"

/* A request's old or new values (its JSON) as an approval statement names
 * them: the field names comma-joined into fields, and FIELD="value" pairs
 * joined by "; " into values, each value a JSON string; an ID or phone
 * number masked, with "sha256:" and the SHA-256 of the number after it. */
int xj_logcheck_change_values(struct xj_store *st, const char *json, struct xj_sb *fields,
			   struct xj_sb *values, struct xj_error *err);
/* Walk the whole log: 0 when every entry links and hashes right, every
 * command signature verifies against the key its signer had in the config
 * then, every decision's own signature verifies (one signed on a sheet
 * also stands for the sign-off or the change approval it was recorded as,
 * of the request as it stands; one signed online names its entry's place,
 * signer, student and config), every row that stands on a decision signed
 * over a statement is what the statement says (the row named, table, id
 * and what differs), and the log still holds head ("N:HASH" as xj log
 * --head printed it, or NULL); 1 with why[] naming the first thing that
 * is wrong; 2 when all that is wrong is an entry out of time order
 * (before the one before it, or after this machine's clock), named in
 * why[]; -1 on error (a malformed head is XJ_EUSAGE). */
int xj_logcheck_verify(struct xj_store *st, const char *head, char *why,
		    unsigned whysize, long long *count, struct xj_error *err);
/* The head of the log, "N:HASH" ("0:" and the genesis hash when empty). */
int xj_logcheck_head(struct xj_store *st, struct xj_sb *out, struct xj_error *err);

/* A copy's chain checked (xj_store_check_copy's chain): 0 with info's
 * entries and head set, 1 with why naming what is wrong, -1 on error. */
int xj_logcheck_copy(struct xj_store *copy, struct xj_copy_info *info, char *why,
		     unsigned whysize, struct xj_error *err);
/* Where a row that differs from the log is, as messages name it:
 * "student EXAM", "TABLE KEY (student EXAM)" or "TABLE KEY". */
struct xj_row_diff;
void xj_logcheck_row_place(const struct xj_row_diff *d, char *out, size_t size);
/* The same, and every table of the copy held to its log as xj log
 * --verify holds them (xj restore: a copy put back in service must say
 * what its log says, not only have a whole chain). */
int xj_logcheck_copy_whole(struct xj_store *copy, struct xj_copy_info *info, char *why,
			   unsigned whysize, struct xj_error *err);

#endif
