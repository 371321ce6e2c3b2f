/* change.h: changes of a student's record after admission, each a request
 * with its evidence, approved level by level, applied with the last level.
 * Requests live in the store, their evidence files copied into it whole; a
 * request read back is the caller's (xj_store_change_req_release, store.h), and
 * status names are static strings.
 *   key     name, gender, ID number, ethnicity (P12): written application,
 *           household register and ID card (or the police certificate
 *           where the register cannot show it), three levels by default
 *   field   any other field a student reported wrong (P10)
 *   status  学籍异动: suspended, resumed, withdrawn, retained,
 *           transferred-major, demoted (降级: a later cohort), deceased,
 *           from a date; one request a student, or one a row of a stream
 *   errata  after the credential is registered only a college's error is
 *           corrected (P16, P17); some errata are filed with the province
 * Refusals are XJ_EDATA (a rule) or XJ_EUSAGE (a role or a wrong ask) for
 * that request; other codes are failures. */
#ifndef XJ_CHANGE_H
#define XJ_CHANGE_H

#include "xj/store.h"
#include "xj/student.h"

struct xj_change_in {
	const char **fields, **values;   /* field changes, in pairs */
	size_t n;
	const char *status, *from, *until, *to_major, *major_name;  /* or a status */
	int to_cohort;                   /* demoted: the later cohort */
	const char *to_class;            /* demoted, transferred-major: a new class */
	const char *evidence;            /* comma-joined kinds, or NULL */
	int register_shows;              /* 0: the household register cannot show it */
	const char **files;              /* evidence files, kept in the store */
	size_t nfiles;
	const char *note;
	const char *origin;              /* "file:line" of a self-check report: the
					    evidence may follow later */
	int errata;
};

/* A request in the words of xj-change's options: each as given, NULL (0)
 * for one not given.  in borrows a's strings. */
struct xj_change_ask {
	int status;                      /* xj-change status, else request */
	const char **fields, **values;   /* --field F, --to V (status: one --to) */
	size_t nfields, nvalues;
	const char *from, *until, *to_major, *major_name, *to_class, *reason;
	int to_cohort;
	const char *evidence;            /* the --evidence kinds comma-joined */
	const char *register_shows;      /* "yes" or "no" */
	const char **files;              /* --file */
	size_t nfiles;
	const char *note;
	int errata;
};
/* The request a asks for into in: the fields in pairs, or a status
 * change whose note is its reason; no evidence for "" and the household
 * register taken to show the change unless register_shows is "no". */
void xj_change_asked(const struct xj_change_ask *a, struct xj_change_in *in);
int xj_change_request(struct xj_store *st, const struct xj_student *s,
		      const struct xj_change_in *in, const char *who, long long *id,
		      struct xj_error *err);
/* The graduation conclusion, corrected by an erratum (P17): is field
 * "conclusion"?  The request's check, its old and new values as JSON
 * objects; the student's conclusion now (out); the correction made. */
struct xj_jw;
int xj_change_is_conclusion(const char *field);
int xj_change_conclusion_check(struct xj_store *st, const struct xj_student *s,
			       const struct xj_change_in *in, struct xj_jw *old_,
			       struct xj_jw *new_, struct xj_error *err);
int xj_change_conclusion_now(struct xj_store *st, const struct xj_student *s,
			     struct xj_sb *out, struct xj_error *err);
int xj_change_conclusion_apply(struct xj_store *st, const struct xj_student *s,
			       const char *to, const char *who, struct xj_error *err);
/* More evidence to a pending request. */
int xj_change_evidence(struct xj_store *st, long long id, const char *evidence,
		       const char **files, size_t nfiles, const char *who,
		       struct xj_error *err);
/* The next level's approval; the last applies the change (*applied 1). */
int xj_change_approve(struct xj_store *st, long long id, const char *who,
		      int *applied, struct xj_error *err);
/* May who approve request id at its next level now?  The checks of an
 * approval, nothing recorded: 0 with the request in r (the caller releases
 * it), the level's number (1 for the first) and its role, or -1 with the
 * refusal. */
int xj_change_may_approve(struct xj_store *st, long long id, const char *who,
			  struct xj_change_req *r, int *level, char *role, size_t size,
			  struct xj_error *err);
/* An approval signed away from the store (xj-key sign): who is proven by
 * the signature p (review.h), over the statement made from the store
 * (xj_audit_approve_statement), with who's key in the config in force;
 * the same checks and effect as xj_change_approve. */
struct xj_proof;
int xj_change_approve_proven(struct xj_store *st, long long id, const char *who,
			     const struct xj_proof *p, int *applied, struct xj_error *err);
/* Rejected for reason, which may not be NULL or "" (XJ_EUSAGE); suspect:
 * rejected as suspected fraud, and a case opened (P8, P12). */
int xj_change_reject(struct xj_store *st, long long id, const char *reason,
		     int suspect, const char *who, struct xj_error *err);
/* The provincial department's document number of a filed erratum (P17). */
int xj_change_filed(struct xj_store *st, long long id, const char *doc_no,
		    const char *who, struct xj_error *err);

/* The evidence kinds a request still lacks, comma-joined into out ("" when
 * complete). */
void xj_change_missing(const struct xj_change_req *r, struct xj_sb *out);
/* Is a status one a change can go to? */
int xj_change_status_known(const char *status);
/* The status a change goes to, by its English name or its Chinese one
 * (休学, 复学, 退学, 保留学籍, 转专业, 降级 or 留级, 死亡); NULL for none. */
const char *xj_change_status_name(const char *word);
/* A status change a row of a record stream asks for (xj-change status
 * --events): the student by exam_no, id_number or student_no, kind, from,
 * until, reason, and for their kinds to_major and major_name, to_cohort,
 * to_class; evidence and file, as the options give them.  One request,
 * the same as for the options; *id its number.  A row at fault is
 * refused (XJ_EDATA, err->field its column). */
struct xj_record;
int xj_change_status_row(struct xj_store *st, const struct xj_record *rec,
			 const char *who, long long *id, struct xj_error *err);
/* A row of what students reported wrong on CHSI (P10, xj-change
 * import-selfcheck), each value the first of its columns not empty: the
 * student's key (exam_no, student_no, id_number), the field (field, 字段,
 * 项目, 错误项) by its name here where known, the value said to be right
 * (value, 正确值, 应为, 正确信息) and a note (note, 说明, 备注; NULL for
 * none), borrowed from rec.  0, or -1 (XJ_EDATA) when the key, the field
 * or the value is missing. */
struct xj_change_report {
	const char *key, *field, *value, *note;
};
int xj_change_report_read(const struct xj_record *rec, struct xj_change_report *out,
			  struct xj_error *err);
/* That row, one request of its field (the evidence may follow), its
 * origin the row's file and line; *id its number.  A row at fault, or
 * one the request refuses, is refused (XJ_EDATA). */
int xj_change_report_row(struct xj_store *st, const struct xj_record *rec, const char *who,
			 long long *id, struct xj_error *err);

/* Every value a field of s has had, oldest first (xj-change history): the
 * values the import that created s gave, each put right by the old value
 * of its first change, then each change; only that field with only, else
 * the status, the key data and every field changed since.  Each row to
 * cb->row, its strings valid for the call: when the value took effect
 * (the business time, else the log's), who made it, how (the program and
 * action, and the request's number) and on what grounds.  A non-zero
 * return of row stops it: -1, its error the caller's.  0, or -1. */
struct xj_history_row {
	const char *field, *value, *since, *by, *how, *grounds;
};
struct xj_change_history_cb {
	int (*row)(void *ctx, const struct xj_history_row *row);
	void *ctx;
};
int xj_change_history(struct xj_store *st, const struct xj_student *s, const char *only,
		      const struct xj_change_history_cb *cb, struct xj_error *err);
/* The evidence files of request id, "NAME (N bytes, sha256 PREFIX)"
 * joined by "; ", added to out. */
int xj_change_files_text(struct xj_store *st, long long id, struct xj_sb *out,
			 struct xj_error *err);

/* Does an applied erratum touching field need filing (P17)? */
int xj_change_files_field(const char *field);

/* The level a pending request waits for ("reviewer", "dept-head", ...)
 * into out, "" when it is not pending; out is returned. */
const char *xj_change_next_level(const struct xj_change_req *r, char *out, size_t size);
/* The fields r changes, in the order asked, each to fn with its value
 * before ("" for none) and the one asked for, strings valid for the call;
 * the number an applied change carries ("request") is no field.  0, or
 * -1. */
int xj_change_pairs(struct xj_store *st, const struct xj_change_req *r,
		    void (*fn)(void *ctx, const char *field, const char *was, const char *to),
		    void *ctx, struct xj_error *err);
/* Does xj-change list show r: every request, or with pending_only only
 * those still pending?  Asked before r's fields are read. */
int xj_change_listed(const struct xj_change_req *r, int pending_only);
/* Is field one of fields, the names a request changes joined by "; " as
 * a listing shows them (xj_change_pairs)?  xj-change list --field F shows
 * only the requests that change F. */
int xj_change_field_listed(const char *fields, const char *field);
/* Is r a filing the province must be told of (P17): an applied erratum
 * that needs one, and with pending_only not yet filed? */
int xj_change_is_filing(const struct xj_change_req *r, int pending_only);
/* Where the filing of an erratum stands (P17): "filed DOC-NO", "pending"
 * until then, or "" when it needs none or was rejected; in out. */
const char *xj_change_filing_state(const struct xj_change_req *r, struct xj_sb *out);

#endif
