/* fixture.h: the store the unit tests of the domain's rules read and act
 * on, made by the programs themselves (rules-store.sh), and the acting
 * staff member of a case: a command begun with their key, rolled back at
 * the end so that cases stay independent.  The store is the caller's to
 * close, its directory to remove (fx_remove); students read are the
 * caller's to release. */
#ifndef XJ_UNIT_FIXTURE_H
#define XJ_UNIT_FIXTURE_H

#include <limits.h>

#include "xj/error.h"
#include "xj/store.h"
#include "xj/student.h"

/* A test program's run: fx_open sets the business day the cases act on
 * (XJ_NOW, unless now is NULL), makes the store (fx_store) into dir and
 * keeps store, dir and err for the helpers below; a check, the store or
 * NULL.  fx_close says what err holds under the program's name, closes
 * the store, removes dir (a failed check when it cannot) and gives the
 * exit status, the counts printed (unit_done).  One run a program. */
struct xj_store *fx_open(const char *argv0, const char *now, char *dir, struct xj_error *err);
int fx_close(const char *name);

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
/* The n students of the exam numbers keys into s, read as they are now
 * (a step before may have changed them): 0, or -1 when one is not found;
 * fx_release lets them go. */
int fx_read(struct xj_store *st, const char *const *keys, struct xj_student *s, size_t n,
	    struct xj_error *err);
void fx_release(struct xj_student *s, size_t n);

/* The students a test acts on (the exam numbers keys, n of them, read
 * into s) and the acting of one case: fx_act begins who's command and
 * reads them in it; fx_reread reads them again after a step changed
 * them; fx_undo lets them go and rolls the command back.  0, or -1. */
struct fx_cast {
	const char *const *keys;
	struct xj_student *s;
	size_t n;
};
int fx_act(struct xj_store *st, const char *dir, const char *who, struct fx_cast *c,
	   struct xj_error *err);
int fx_reread(struct xj_store *st, struct fx_cast *c, struct xj_error *err);
void fx_undo(struct xj_store *st, struct fx_cast *c);

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

#endif
