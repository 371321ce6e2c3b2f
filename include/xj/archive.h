/* archive.h: the student archive (学籍档案, P18-P20).  A file collected is
 * copied under the archive root, the caller's own left as it was; a state
 * is the caller's, zeroed before its first use and freed with
 * xj_archive_state_release, and media types are static strings.  Items of
 * the kinds of each stage are collected (paper with where it sits, an
 * electronic copy by its content, or both), checked by a second person,
 * filed; the paper file is lent and returned, and at the end transferred.
 * Items the other programs keep (the re-check's review, change approvals
 * with their evidence) are linked, not collected again.  Errors as in
 * review.h. */
#ifndef XJ_ARCHIVE_H
#define XJ_ARCHIVE_H

#include "xj/store.h"
#include "xj/student.h"

struct xj_archive_in {
	const char *kind;
	int paper;                 /* the paper item was received */
	const char *location;      /* where the paper sits */
	const char **files;        /* electronic copies */
	size_t nfiles;
};

int xj_archive_collect(struct xj_store *st, const struct xj_student *s,
		       const struct xj_archive_in *in, const char *who, struct xj_error *err);
/* The unchecked items of s (of kind, or all), checked by who: an archivist
 * who collected none of them.  The number checked, or -1. */
long xj_archive_check(struct xj_store *st, const struct xj_student *s, const char *kind,
		      const char *who, struct xj_error *err);
/* The checked items identified and filed (鉴别归档) at location. */
int xj_archive_file(struct xj_store *st, const struct xj_student *s, const char *location,
		    const char *who, struct xj_error *err);
int xj_archive_lend(struct xj_store *st, const struct xj_student *s, const char *to,
		    const char *reason, int days, const char *who, struct xj_error *err);
int xj_archive_return(struct xj_store *st, const struct xj_student *s, const char *who,
		      struct xj_error *err);
/* 转送移交: to a receiver, how (post, hand, courier, ...), a tracking number. */
int xj_archive_transfer(struct xj_store *st, const struct xj_student *s, const char *to,
			const char *how, const char *tracking, const char *who,
			struct xj_error *err);

/* Where s's archive stands on today. */
struct xj_archive_state {
	int passed[4];                /* the stages s has passed */
	struct xj_sb missing;         /* "arrival: photo; graduation: transcript" */
	struct xj_sb unchecked, kept; /* kinds not checked; kinds held or linked */
	struct xj_custody custody;
	int overdue;
};
int xj_archive_status(struct xj_store *st, const struct xj_student *s, const char *today,
		      struct xj_archive_state *a, struct xj_error *err);
void xj_archive_state_release(struct xj_archive_state *a);
/* The stages a has passed, comma-joined into out ("" for none). */
void xj_archive_passed(const struct xj_archive_state *a, struct xj_sb *out);
/* Is a wanting: items missing, or the paper file overdue from a loan?
 * What a daily job reports (P19). */
int xj_archive_wanting(const struct xj_archive_state *a);

/* The path of a stored copy under root, by its SHA-256. */
void xj_archive_path(const char *root, const char *sha256, struct xj_sb *path);

#endif
