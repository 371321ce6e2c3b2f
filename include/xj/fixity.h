/* fixity.h: are the files the store keeps still what was collected (P20)?
 * Nothing is allocated for the caller: a hash goes into its buffer, a
 * problem to fn as a string valid for the call, and a kept file (store.h)
 * is only read.  An archive item's electronic copy is read again under the
 * archive root, an evidence file of a change request hashed where the store
 * keeps it; each is compared with the SHA-256 its row keeps, and the row
 * with the SHA-256 and size the audit entry that brought the file in
 * recorded, so that a file swapped together with its hash column still
 * shows.  A problem found is an XJ_EDATA error that names the file by its
 * item or request and number; other errors as in review.h. */
#ifndef XJ_FIXITY_H
#define XJ_FIXITY_H

#include "xj/store.h"


/* Is s a SHA-256 as the store writes it, 64 lowercase hex digits? */
int xj_fixity_is_sha256(const char *s);
/* Does k's row say what its entry recorded? */
int xj_fixity_logged(const struct xj_kept *k, struct xj_error *err);
/* Are k's bytes those of its SHA-256?  An evidence file's in the store;
 * an archive item's copy under root (missing, unreadable or altered). */
int xj_fixity_bytes(const struct xj_kept *k, const char *root, struct xj_error *err);
/* The problems themselves, for a caller that reads the bytes itself (an
 * export bags what it hashes): k altered since it came in; k's copy not
 * at path. */
int xj_fixity_altered(const struct xj_kept *k, struct xj_error *err);
int xj_fixity_missing(const struct xj_kept *k, const char *path, struct xj_error *err);

/* Every file the store keeps, and every file the log records: each
 * problem to fn, "student EXAM_NO: " before the file's; the count in n.
 * The number of problems, or -1. */
struct xj_fixity_count {
	long copies, evidence, problems;
};
long xj_fixity_verify(struct xj_store *st, void (*fn)(void *ctx, const char *problem),
		      void *ctx, struct xj_fixity_count *n, struct xj_error *err);

/* The archive's copies checked again (xj-archive fixity).  First the root
 * they sit under, from the config (XJ_EUSAGE when it names none); then
 * the result of one copy, its path into path: "ok", "missing" (no file
 * there) or "altered" (other bytes, or none that can be read). */
int xj_fixity_root(struct xj_store *st, struct xj_archive_rules *rules,
		   struct xj_error *err);
const char *xj_fixity_copy(const char *root, const char *sha256, struct xj_sb *path);
/* Every copy under root, or a random sample of n (0: all): each result
 * recorded, each one not ok to bad (non-zero stops the walk, its error
 * in err), the check audited with its counts in t.  0, or -1. */
struct xj_fixity_tally {
	long ok, missing, altered;
};
struct xj_fixity_cb {
	int (*bad)(void *ctx, const char *sha256, long size, const char *result);
	void *ctx;
};
int xj_fixity_archive(struct xj_store *st, const char *root, long sample,
		      const struct xj_fixity_cb *cb, struct xj_fixity_tally *t,
		      struct xj_error *err);

#endif
