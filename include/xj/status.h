/* status.h: the state machine of a student's status (学籍状态).  Nothing
 * here allocates but into the caller's buffer (xj_status_names); the
 * strings are static.  A status is a series of dated rows, the newest the
 * current one; no row is added unless xj_status_allow permits the move
 * from the current status, and each move is permitted only to the kind of
 * act named in its rule (the table is in status.c and in xj(7)).
 * withdrawn, deceased and the two cancellations are terminal: only a rule
 * naming one of them moves it on. */
#ifndef XJ_STATUS_H
#define XJ_STATUS_H

#include "xj/error.h"
#include "xj/strbuf.h"

/* The kinds of act that move a status. */
#define XJ_BY_IMPORT   "import"    /* a new student from the admission roster */
#define XJ_BY_REGISTER "register"  /* CHSI's feedback on a submitted registration (P9) */
#define XJ_BY_CHANGE   "change"    /* an approved status change, 学籍异动 */
#define XJ_BY_CANCEL   "cancel"    /* a cancellation signed at three levels (P6, P8) */
#define XJ_BY_DIPLOMA  "diploma"   /* a certificate of conclusion issued (P13) */
#define XJ_BY_ERRATA   "errata"    /* the conclusion corrected by an erratum (P17) */

/* May a student whose status is from (NULL or "": a new student) become
 * to by an act of kind by?  0 yes; -1 no, XJ_EDATA naming both statuses
 * ("status status-cancelled cannot become registered"). */
int xj_status_allow(const char *from, const char *to, const char *by,
		    struct xj_error *err);
/* Is s a status of the table? */
int xj_status_known(const char *s);
/* Every status of the table, once each, comma-joined into out. */
void xj_status_names(struct xj_sb *out);
/* Is s a status of a student in school (registered, resumed,
 * transferred-major, demoted): registered each year, free to graduate? */
int xj_status_in_school(const char *s);
/* Is s terminal (withdrawn, deceased, admission- or status-cancelled)? */
int xj_status_terminal(const char *s);
/* Does some rule of kind by lead to s? */
int xj_status_reached_by(const char *s, const char *by);

#endif
