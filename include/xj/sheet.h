/* sheet.h: sheets of decisions, for the signers who never log in (P1,
 * P2, P12).  A sheet lists the decisions one staff member may make now,
 * each with the fields of the statement it stands for and that
 * statement's SHA-256, its content hash.  The signer adds an Ed25519
 * signature of each statement on their own machine (xj-key sign, no store
 * needed); applying the sheet records each decision whose content,
 * signature, signer and statement still hold against the store.
 * A sheet is of one kind: review sign-offs (xj-verify sign, and the
 * revocation sign-offs of xj-diploma sign: xj_audit_signoff_statement) or
 * change approvals (xj-change approve: xj_audit_approve_statement); read,
 * signed and written alike whatever its kind.  A sheet owns its strings:
 * xj_sheet_release frees them. */
#ifndef XJ_SHEET_H
#define XJ_SHEET_H

#include <stdio.h>

#include "xj/error.h"
#include "xj/key.h"
#include "xj/store.h"
#include "xj/student.h"

/* The first field of every sheet: "sheet: xj-signoff-1" for sign-offs,
 * "sheet: xj-approve-1" for change approvals. */
#define XJ_SHEET_FORMAT "xj-signoff-1"
#define XJ_SHEET_APPROVE "xj-approve-1"

enum xj_sheet_kind { XJ_SHEET_SIGNOFF, XJ_SHEET_APPROVAL };

/* The fields every program reads (exam_no .. result, content) hold for
 * both kinds: for an approval stage is "change", level the role of the
 * level approved and result the new values, as the statement has them. */
struct xj_sheet_item {
	char *exam_no, *name, *id_sha256;   /* the SHA-256 of the ID number */
	char *stage, *level, *result, *config_sha256;
	long long review;
	long long request;                  /* an approval's: the request */
	int step;                           /* its level's number, 1 first */
	char *kind, *fields, *old;          /* its kind, fields, old values */
	char *content;     /* SHA-256 of the statement, 64 hex digits */
	char *signature;   /* "" until signed */
};

struct xj_sheet {
	int kind;                           /* enum xj_sheet_kind */
	char *store, *signer;               /* in every statement */
	char *school, *signer_name, *prepared;   /* for people to read */
	char *public_key;                   /* "" until signed */
	struct xj_sheet_item *v;
	size_t n;
};

void xj_sheet_init(struct xj_sheet *sh);
void xj_sheet_release(struct xj_sheet *sh);

/* An empty sheet of sign-offs for signer, of the store st (whose id is
 * made on first use).  Needs a config loaded (XJ_EUSAGE). */
int xj_sheet_begin(struct xj_store *st, struct xj_sheet *sh, const char *signer,
		   struct xj_error *err);
/* The same for a sheet of kind. */
int xj_sheet_begin_kind(struct xj_store *st, struct xj_sheet *sh, int kind,
			const char *signer, struct xj_error *err);
/* Put the sign-off of s at stage and level on a sheet of sign-offs when
 * its signer may make it now (the checks of an online sign-off); else -1
 * with the refusal (XJ_EDATA or XJ_EUSAGE) and the sheet unchanged. */
int xj_sheet_add(struct xj_store *st, struct xj_sheet *sh, const struct xj_student *s,
		 const char *stage, const char *level, struct xj_error *err);
/* Put the approval of request at its next level on a sheet of approvals
 * when its signer may make it now (the checks of an online approval);
 * else -1 with the refusal and the sheet unchanged. */
int xj_sheet_add_approval(struct xj_store *st, struct xj_sheet *sh, long long request,
			  struct xj_error *err);
/* The statement of decision i, from the sheet's fields. */
void xj_sheet_statement(const struct xj_sheet *sh, size_t i, struct xj_sb *out);
/* Sign each decision's statement with k, and put k's public key on the
 * sheet.  A decision whose fields no longer give its content hash (the
 * sheet was edited) stops it: -1 (XJ_EDATA) naming the first, nothing
 * signed. */
int xj_sheet_sign(struct xj_sheet *sh, const struct xj_key *k, struct xj_error *err);
/* Record decision i of a signed sheet of sign-offs, in the command under
 * way (its key signs the command): 0 recorded, 1 recorded before (nothing
 * done), -1 refused (XJ_EDATA or XJ_EUSAGE: edited, signed by another key,
 * no longer possible, the config changed, a change approval) or failed. */
int xj_sheet_apply(struct xj_store *st, const struct xj_sheet *sh, size_t i,
		   struct xj_error *err);
/* The same for decision i of a sheet of approvals; *applied when it was
 * the last level and applied the change. */
int xj_sheet_apply_approval(struct xj_store *st, const struct xj_sheet *sh, size_t i,
			    int *applied, struct xj_error *err);

/* Applying the sheet files a program is given: each decision in a
 * savepoint of its own.  A refusal (XJ_EDATA, XJ_EUSAGE) is handed to
 * refused, with the decision (NULL when the whole file is refused: it is
 * no sheet, or one of another kind than kind) and rolled back; the others
 * go on.  -1 only for a failure. */
struct xj_sheet_tally {
	long recorded, unchanged, refused, applied;
};
typedef void (*xj_sheet_refused_fn)(void *ctx, const char *path,
				    const struct xj_sheet_item *it,
				    const struct xj_error *e);
int xj_sheet_apply_file(struct xj_store *st, const char *path, int kind,
			xj_sheet_refused_fn refused, void *ctx, struct xj_sheet_tally *t,
			struct xj_error *err);
/* A prepared sheet into the file out and its printable page into page
 * (NULL: out with .html for .yaml, or .html added), each written aside
 * and put in place; the page's path into page_path. */
int xj_sheet_save(const struct xj_sheet *sh, const char *out, const char *page,
		  struct xj_sb *page_path, struct xj_error *err);

/* The sheet as YAML (xj-key(1) describes it); read back whole, or -1
 * (XJ_EFORMAT, XJ_EIO) with the file named. */
int xj_sheet_write(FILE *fp, const struct xj_sheet *sh, struct xj_error *err);
int xj_sheet_read(const char *path, struct xj_sheet *sh, struct xj_error *err);
/* The sheet as a printable HTML page for the paper file: the decisions
 * with their content hashes, and a place for the hand signature. */
int xj_sheet_page(FILE *fp, const struct xj_sheet *sh, struct xj_error *err);

#endif
