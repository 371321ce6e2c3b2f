/* diploma.h: certificates of academic credentials (P13-P15).  What is
 * decided goes to the store; a number, key or message comes back in the
 * caller's strbuf, a reason to fn as a string valid for the call, and
 * conclusion names are static strings.  Who may get one, with every reason
 * who may not; the issue with its number (school code, 办学类型, year,
 * 培养层次, a 6-digit sequence without gaps); a 结业 student's later 毕业
 * under the same number; CHSI's e-registration (after which the record is
 * frozen, P16); a certificate of academic credentials (学历证明书) once for
 * a lost or damaged original; and the revocation of a credential resting
 * on fraud, signed at three levels.  Errors as in review.h. */
#ifndef XJ_DIPLOMA_H
#define XJ_DIPLOMA_H

#include "xj/intemplate.h"
#include "xj/store.h"
#include "xj/student.h"

/* "graduate" (毕业), "completion" (结业), "incomplete" (肄业); NULL else. */
const char *xj_diploma_conclusion_name(const char *s);
/* The status a certificate of conclusion gives: graduated, completed or
 * incomplete. */
const char *xj_diploma_status_of(const char *conclusion);

/* Each reason s may not get a certificate of conclusion, as of date:
 * fn(ctx, reason).  The number of reasons, or -1. */
long xj_diploma_check(struct xj_store *st, const struct xj_student *s,
		      const char *conclusion, const char *as_of,
		      void (*fn)(void *ctx, const char *reason), void *ctx,
		      struct xj_error *err);

/* Before a run of issues: the tables each certificate adds a row to are
 * logged at the seal, a statement each, not by a trigger per row. */
int xj_diploma_issue_begin(struct xj_store *st, struct xj_error *err);

/* Issue s's certificate dated date (the number into number, "" for 肄业);
 * *upgraded when a 结业 certificate becomes 毕业 under its number.  A
 * student who may not get it is refused (XJ_EDATA), each reason given to
 * fn first. */
int xj_diploma_issue(struct xj_store *st, const struct xj_student *s,
		     const char *conclusion, const char *date, const char *who,
		     void (*fn)(void *ctx, const char *reason), void *ctx,
		     struct xj_sb *number, int *upgraded, struct xj_error *err);

/* CHSI's feedback row on the e-registration (as xj_register_result):
 * 0 registered (and the student frozen), 1 failed (msg), 2 that failure
 * on record already; XJ_EDATA for a certificate not submitted by
 * xj-diploma register --commit or registered already. */
int xj_diploma_result(struct xj_store *st, const struct xj_intemplate *t,
		      const struct xj_record *rec, const char *who, struct xj_sb *key,
		      struct xj_sb *msg, struct xj_error *err);

/* A certificate's state: revoked, proof (a certificate of academic
 * credentials), registered (with CHSI) or issued; a static string. */
const char *xj_diploma_state(const struct xj_cert *c);
/* Its state in xj-diploma list (--status): an original a proof replaced
 * is lost or damaged, an issued one not registered yet shows its step
 * toward CHSI; else as xj_diploma_state.  c's string or a static one. */
const char *xj_diploma_list_state(const struct xj_cert *c);
/* Does c go into CHSI's e-registration file (xj-diploma register): a
 * diploma issued with its number, neither registered nor revoked? */
int xj_diploma_to_register(const struct xj_cert *c);
/* c handed to CHSI in the registration file (--commit): its step
 * "submitted", audited.  CHSI's feedback is taken only for certificates
 * submitted (xj_diploma_result).  0, or -1 (XJ_EDATA for a certificate
 * not one to register, xj_diploma_to_register). */
int xj_diploma_submitted(struct xj_store *st, const struct xj_cert *c, const char *who,
			 struct xj_error *err);
/* The file at path, shown as name, of cohort (0: any), with its rows: a
 * submission row with the file's SHA-256.  0, or -1. */
int xj_diploma_submit(struct xj_store *st, int cohort, const char *name, const char *path,
		      long rows, struct xj_error *err);

/* A certificate of academic credentials for s's lost or damaged original
 * (reason "lost" or "damaged"), applied for on applied; once only. */
int xj_diploma_proof(struct xj_store *st, const struct xj_student *s, const char *reason,
		     const char *applied, const char *who, struct xj_sb *number,
		     struct xj_error *err);
/* The proof was annotated on CHSI (电子标注). */
int xj_diploma_marked(struct xj_store *st, const struct xj_student *s, const char *who,
		      struct xj_error *err);

/* Propose revoking s's credential; the department head and the leader
 * sign it (xj_signoff, stage "revoke"), and with the last signature
 * it is revoked (xj_diploma_revoke_effect). */
int xj_diploma_revoke(struct xj_store *st, const struct xj_student *s, const char *reason,
		      const char *doc_no, const char *who, struct xj_error *err);
int xj_diploma_revoke_effect(struct xj_store *st, const struct xj_student *s,
			     const char *items, const char *who, struct xj_error *err);

#endif
