/* register.h: e-registration on CHSI (P9, P11).  What is decided goes to
 * the store; an answer (why, key, msg, number, state, reason) comes back in
 * the caller's strbuf, and nothing else is left to free.  A new student
 * goes on the approved list once the re-check is complete and passed (P7,
 * P1) and the student is neither cancelled nor registered; CHSI's feedback
 * makes the registration a dated fact.  Each academic year every student
 * enrolled before it is registered by the facts (据实): in school, or
 * deferred or refused by a hold, or not registered with the reason.
 * Errors as in review.h. */
#ifndef XJ_REGISTER_H
#define XJ_REGISTER_H

#include "xj/config.h"
#include "xj/intemplate.h"
#include "xj/store.h"
#include "xj/student.h"

/* May s go on the approved list?  1 yes; 0 no (why); -1 err. */
int xj_register_ready(struct xj_store *st, const struct xj_student *s, struct xj_sb *why,
		      struct xj_error *err);
/* Does s go on the approved list now (xj-register new)?  As
 * xj_register_ready, but a student registered already is said to be so
 * in why when named, and passed by in silence (why "") when found by a
 * walk of the store. */
int xj_register_listed(struct xj_store *st, const struct xj_student *s, int named,
		       struct xj_sb *why, struct xj_error *err);
/* Is s registered (status registered or after)? */
int xj_register_is_registered(const struct xj_student *s);

/* A student CHSI's feedback did not name, registered as a success (the
 * feedback lists only failures: xj-register result --rest success): 0,
 * or -1 (XJ_EDATA refuses it as xj_register_result would a row). */
int xj_register_rest(struct xj_store *st, const char *exam_no, struct xj_error *err);

/* The feedback row of one student through template t (NULL: our own
 * names and words).  0: registered now; 1: CHSI refused it (its message
 * into msg, the failure recorded); 2: that failure on record already; -1:
 * err (XJ_EDATA refuses the row: a student not submitted by xj-register new
 * --commit, registered already, or whose status may not become registered,
 * xj/status.h).  The student's exam number into key. */
int xj_register_result(struct xj_store *st, const struct xj_intemplate *t,
		       const struct xj_record *rec, struct xj_sb *key, struct xj_sb *msg,
		       struct xj_error *err);

/* The new students handed to CHSI in the file at path, shown as name
 * (xj-register new --commit), of cohort (0: any): keys holds their exam
 * numbers, each ended by '\n'.  A submission row with the file's SHA-256
 * and its count of rows, and for each student a "submitted" step of the
 * new-student registration, audited: CHSI's feedback is taken only for
 * them (xj_register_result).  0, or -1. */
int xj_register_submit(struct xj_store *st, int cohort, const char *name, const char *path,
		       const char *keys, struct xj_error *err);

/* Does s want a student number: registered, and none given yet? */
int xj_register_needs_number(const struct xj_student *s);

/* Before numbering many: the counters' row log held to the seal. */
int xj_register_number_begin(struct xj_store *st, struct xj_error *err);
/* Before the annual registration's first student: its rows are logged
 * as the command ends (xj_store_rows_defer). */
int xj_register_annual_begin(struct xj_store *st, struct xj_error *err);
/* A student number for s from pattern (XJ_EDATA when s has one); cfg
 * gives the majors' ordinals ({major_no}). */
int xj_register_number(struct xj_store *st, const struct xj_student *s, const char *pattern,
		       const struct xj_config *cfg, struct xj_sb *number, struct xj_error *err);

/* The annual window of year: from the first-term start for months.
 * XJ_EDATA when the calendar lacks the year. */
int xj_register_window(struct xj_store *st, int year, char start[11], char end[11],
		     struct xj_error *err);
/* May the annual registration of year be made on day, its window being
 * start..end (P11, P21)?  0 inside it (*late 0), or after it with late
 * asked (*late 1); -1: XJ_EDATA before it opens or after it closed
 * without late, XJ_EUSAGE for late while it is open. */
int xj_register_when(int year, const char *start, const char *end, const char *day,
		   int late, int *is_late, struct xj_error *err);
/* The same by year's window in the store's calendar (xj_register_window). */
int xj_register_open(struct xj_store *st, int year, const char *day, int late, int *is_late,
		   struct xj_error *err);
/* The annual registration under way on day (P21): its year, the window's
 * end and the days left till then (negative once it closed).  XJ_EDATA
 * when no academic year has started by day, or its window is unknown. */
int xj_register_deadline(struct xj_store *st, const char *day, int *year, char end[11],
		       long *days_left, struct xj_error *err);
/* Is s still to register for year: one the facts would register, with no
 * registration of year on record?  1 yes, 0 no, -1 err. */
int xj_register_due(struct xj_store *st, const struct xj_student *s, int year,
		  struct xj_error *err);
/* Is the due listing an alarm (xj-register due fails): the window closed
 * (days_left below 0, as xj_register_deadline counts) with due students
 * still to register? */
int xj_register_overdue(long days_left, long due);
/* What the annual registration of year makes of s: state registered,
 * deferred, refused or not-registered, with the reason; state "" when s
 * is not concerned (enrolled that year or later, graduated). */
int xj_register_decide(struct xj_store *st, const struct xj_student *s, int year,
		     struct xj_sb *state, struct xj_sb *reason, struct xj_error *err);
/* The reason on record with it: the facts' own, else when late the
 * reason the registrar gave for registering after the window (P21). */
const char *xj_register_reason(const char *why, int late, const char *late_reason);
/* Does a student's annual state go into CHSI's file: registered,
 * deferred or refused, never not-registered? */
int xj_register_to_chsi(const char *state);
/* Record it: 0 recorded; 1 the same on record already (a registration is
 * never taken back); -1 err. */
int xj_register_record(struct xj_store *st, const struct xj_student *s, int year,
		     const char *state, const char *reason, int late, struct xj_error *err);

/* A hold row (key, kind deferred|refused|cleared or 暂缓注册|不予注册|解除,
 * reason) for year.  0 recorded; -1 err (XJ_EDATA refuses the row). */
int xj_register_hold(struct xj_store *st, const struct xj_record *rec, int year,
		     struct xj_error *err);

#endif
