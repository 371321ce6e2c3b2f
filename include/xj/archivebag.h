/* archivebag.h: students' archives exported as one BagIt bag (P20).  For
 * each student data/KEY/ holds the electronic copies of the archive's
 * items, the evidence of the change requests, and record.yaml (the
 * record, the items, the history); a copy goes in only as it was
 * collected (fixity.h), else the student is refused and leaves nothing in
 * the bag.  The export is the caller's from begin to free; names and
 * texts go into the caller's strbufs. */
#ifndef XJ_ARCHIVEBAG_H
#define XJ_ARCHIVEBAG_H

#include "xj/store.h"
#include "xj/student.h"

struct xj_archivebag;

/* A bag begun at dir (made there when finished), by the config's archive
 * root, school and school code; NULL with err. */
struct xj_archivebag *xj_archivebag_begin(struct xj_store *st, const char *dir,
					  struct xj_error *err);
/* s into the bag: 0, or -1 (XJ_EDATA refuses s, nothing of it kept). */
int xj_archivebag_student(struct xj_archivebag *b, struct xj_store *st,
			  const struct xj_student *s, struct xj_error *err);
/* The bag made, named for cohort (0: the students given), and the export
 * audited with the students in it and the refused; the bag is spent
 * either way. */
int xj_archivebag_finish(struct xj_archivebag *b, struct xj_store *st, int cohort,
			 long refused, struct xj_error *err);
/* The students in the bag so far. */
long xj_archivebag_students(const struct xj_archivebag *b);
/* Free it; a bag not finished is removed. */
void xj_archivebag_free(struct xj_archivebag *b);

/* The names it gives, never from what the user gave: an item's copy
 * KEY/KIND-ID.EXT by its media type; the bag's identifier
 * xj:SCHOOL:cohort-YEAR:DAY or xj:SCHOOL:students:DAY. */
void xj_archivebag_copy_name(const char *exam_no, const char *kind, long long id,
			     const char *media, struct xj_sb *out);
void xj_archivebag_id(const char *school, int cohort, const char *day, struct xj_sb *out);
/* The head of record.yaml: s's fields, cohort and status. */
void xj_archivebag_record(const struct xj_student *s, struct xj_sb *yaml);

#endif
