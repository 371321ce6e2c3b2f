/* fixture.h: what the unit tests of the domain's rules share: the store
 * they read and act on, made by the programs themselves (rules-store.sh),
 * its students, and the acting staff member of a case: a command begun
 * with their key, rolled back at the end so that cases stay independent.
 * A store fx_store made is the caller's to close, its directory to remove
 * (fx_remove); fx_open's are fx_close's.  A student fx_student read is
 * the caller's to release; the four a case reads (fx_as), fx_undo's. */
#ifndef XJ_UNIT_FIXTURE_H
#define XJ_UNIT_FIXTURE_H

#include <limits.h>

#include "xj/error.h"
#include "xj/key.h"
#include "xj/reader.h"
#include "xj/review.h"
#include "xj/store.h"
#include "xj/student.h"

/* A test program's run: fx_open sets the business day the cases act on
 * (XJ_NOW, unless now is NULL), makes the store (fx_store) into fx_dir
 * and keeps it and err for the helpers below; a check, the store or NULL.
 * fx_close says what err holds under the program's name, closes the
 * store, removes fx_dir (a failed check when it cannot) and gives the exit
 * status, the counts printed (unit_done).  One run a program. */
extern char fx_dir[PATH_MAX];
struct xj_store *fx_open(const char *argv0, const char *now, struct xj_error *err);
int fx_close(const char *name);

/* The store's students (rules-store.sh, from examples/roster.csv), by
 * exam number: DONE re-checked, signed and registered on CHSI's feedback,
 * no student number yet, with annual registrations of 2027 and 2028,
 * three years' results and the graduation photos, its name changed on
 * evidence (request 3); FRESH imported only, a change of its name asked
 * (request 1) and its ethnicity reported wrong (request 2); THIRD
 * imported only, its on-site photo unlike the exam's; all three of CS;
 * OTHER imported only, of ME. */
#define FX_DONE "26110101000001"
#define FX_FRESH "26110101000002"
#define FX_THIRD "26320102000003"
#define FX_OTHER "26370203000004"

/* What a case reads back into a buffer: room for an error's whole message
 * and the words around it. */
#define FX_TEXT (sizeof(((struct xj_error *)0)->msg) + 128)

/* The store, made in a fresh directory (into dir, PATH_MAX bytes) by the
 * programs beside the test program argv0; NULL when it could not be
 * (what the script said goes to standard error). */
struct xj_store *fx_store(const char *argv0, char *dir, struct xj_error *err);
/* Remove the directory fx_store made: 0, or -1. */
int fx_remove(const char *dir);
/* The student of an exam number: 1 found, 0 not, -1. */
int fx_student(struct xj_store *st, const char *exam_no, struct xj_student *s,
	       struct xj_error *err);
/* A command of staff member name, signed by their key (dir/keys/NAME.key),
 * as a program would begin it (name NULL: one no key signs): 0, or -1.
 * One at a time. */
int fx_begin(struct xj_store *st, const char *dir, const char *name, struct xj_error *err);
/* Its end: everything it wrote rolled back, the key wiped. */
void fx_rollback(struct xj_store *st);
/* A case of the run: the four students as they stand in the command of
 * who's (fx_begin), read by fx_as (a check: 0, or -1), read again by
 * fx_reread after a step changed them (a check), let go by fx_undo, which
 * rolls the command back. */
extern struct xj_student fx_done, fx_fresh, fx_third, fx_other;
int fx_as(const char *who);
void fx_reread(void);
void fx_undo(void);

/* A staff member's key (fx_dir/keys/WHO.key), read as xj-key sign reads
 * it away from the store: 0, or -1 with the run's err set. */
int fx_key(const char *who, struct xj_key *k);
/* statement signed by k away from the store, as a sheet's proof p; sig
 * and content are the caller's buffers, which p points into. */
void fx_prove(struct xj_proof *p, const struct xj_key *k, const char *statement,
	      char sig[XJ_SIG_MAX], char content[65]);

/* A lookup's answer rc as a case reads it back: 1 when it found what it
 * looked for, for the caller to say into buf (size bytes); else 0, buf
 * saying "none" (rc 0) or the run's error (rc -1). */
int fx_found(int rc, char *buf, size_t size);

/* What the run's store holds now, as a case reads it back into buf (size
 * bytes) and returns it, an error's message where the store failed:
 * fx_status_of, a student's status, with the value of field after it
 * when field is not -1 ("-" when it has none), "?" for no such student;
 * fx_case_of, the newest case of s as "reason by finding referred", or
 * "none". */
const char *fx_status_of(const char *exam_no, int field, char *buf, size_t size);
/* The newest log entry of a student (exam_no NULL: of the store), as
 * "action json", or the error's message. */
const char *fx_entry_of(const char *exam_no, char *buf, size_t size);
/* The path of name in fx_dir, into buf; fx_file writes text there whole
 * (a check) and gives the path. */
const char *fx_path(const char *name, char *buf, size_t size);
const char *fx_file(const char *name, const char *text, char *path, size_t size);
const char *fx_case_of(const struct xj_student *s, char *buf, size_t size);

/* A row of a record stream as a reader hands it on, line 2 of file:
 * fx_row's columns are cells' pairs, a name then its value, up to a NULL
 * name, FX_COLUMNS at the most; fx_feedback's are those of CHSI's
 * feedback on an e-registration (fb.csv: exam_no, result, message).  The
 * row points at the strings it is given; w is the caller's. */
#define FX_COLUMNS 8
struct fx_row {
	const char *names[FX_COLUMNS], *values[FX_COLUMNS];
	struct xj_record rec;
};
const struct xj_record *fx_row(struct fx_row *w, const char *file, const char *const *cells);
const struct xj_record *fx_feedback(struct fx_row *w, const char *exam_no, const char *result,
				    const char *message);

/* For a test program (unit.h), whose struct xj_error is named err: a
 * call that is allowed, 0, its error said when it is not ... */
#define ALLOWED(call) do { \
	xj_error_clear(&err); \
	CHECK((call) == 0); \
	if (err.code != XJ_OK) \
		fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, err.msg); \
	xj_error_clear(&err); \
} while (0)

/* ... and one refused, with its code and exact message. */
#define REFUSED(call, code_, msg_) do { \
	xj_error_clear(&err); \
	CHECK((call) < 0); \
	CHECK(err.code == (code_)); \
	CHECK_STR(err.msg, msg_); \
	xj_error_clear(&err); \
} while (0)

/* ... and a row refused as its own fault (XJ_EDATA), naming the column
 * field_ ("" for none) and saying msg_. */
#define FX_ROW_REFUSED(call, field_, msg_) do { \
	xj_error_clear(&err); \
	CHECK((call) < 0); \
	CHECK(err.code == XJ_EDATA); \
	CHECK_STR(err.field, field_); \
	CHECK_STR(err.msg, msg_); \
	xj_error_clear(&err); \
} while (0)

#endif
