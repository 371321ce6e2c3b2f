/* import_digest.h: a roster import's rows known from the last import
 * (rowdigest.h), and its own kept for the next.  Not installed: the
 * import's own (import.c).
 *
 * A row passed over is one the last import took whole, read the same
 * under the same key, of a student the row log has not changed since,
 * with the same config in force and a business date not before it: what
 * reading it in full would say, "unchanged", is said without reading it.
 * A student named twice in the file is still found: a row of a student
 * already met is read in full, and a row read in full asks whether its
 * student was passed over (xj_import_known_passed). */
#ifndef XJ_IMPORT_DIGEST_H
#define XJ_IMPORT_DIGEST_H

#include "xj/reader.h"
#include "xj/rowdigest.h"
#include "xj/store.h"

struct xj_jw;
struct xj_import_known;

/* For a roster file about to be read into import import_id, under the
 * options' cohort and accept_15: the key of its rows, and, when use is
 * set, the earlier import whose rows it may know (xj_import_known_first).  NULL
 * with err set when the store fails; NULL and no error when the key
 * cannot be made: nothing is kept then. */
struct xj_import_known *xj_import_known_start(struct xj_store *st, struct xj_reader *r,
					      long long import_id, int cohort, int accept_15,
					      int use, struct xj_error *err);
void xj_import_known_free(struct xj_import_known *k);
/* Forget what this import kept (the file is read again from its start). */
void xj_import_known_reset(struct xj_import_known *k);

/* The file's first row, of digest d: the earlier import's rows are read
 * when it is among them (a file of other students does not pay for
 * them).  1 when they are not those its entry vouches for (changed
 * behind the log: every row is read in full; xj_import_known_untrusted names
 * it), 0, -1. */
int xj_import_known_first(struct xj_import_known *k, const unsigned char *d,
			  struct xj_error *err);
/* The earlier import, when its digests are not those its entry vouches
 * for, else 0. */
long long xj_import_known_untrusted(const struct xj_import_known *k);
const struct xj_rowdigest_key *xj_import_known_key(const struct xj_import_known *k);
/* The last import's rows, for finding (NULL when none). */
const struct xj_rowdigest_set *xj_import_known_set(const struct xj_import_known *k);

/* A row found as entry i of the set, at line: its student, taken as met
 * and kept for the next import; 0 when its student was met already in
 * the file, and the row is to be read in full. */
long long xj_import_known_pass(struct xj_import_known *k, long i, long line);
/* A row read in full is of student sid: 1 when an earlier row of the
 * file was passed over for it, its line into *line (the file read again
 * to find it), 0 when not (the student is then taken as met), -1. */
int xj_import_known_passed(struct xj_import_known *k, long long sid, long *line,
			   struct xj_error *err);
/* A row read in full that the import took whole, of student sid: kept.
 * may_write: the import has changed the store, and will log its entry;
 * until then the rows are held, and past a part's worth forgotten. */
int xj_import_known_keep(struct xj_import_known *k, const unsigned char *d, long long sid,
			 int may_write, struct xj_error *err);
/* The rows kept, stored, and the entry's members that vouch for them
 * added to j, with how many rows were passed over. */
int xj_import_known_end(struct xj_import_known *k, struct xj_jw *j, struct xj_error *err);

#endif
