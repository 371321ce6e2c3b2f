/* cmdrun.h: the frame of a command that walks students or the rows of a
 * file: the store opened with who acts, one transaction, each student or
 * row in turn, a refusal named and the others going on, then the commit
 * and the exit code.  Refusals and errors go to standard error. */
#ifndef XJ_CMDRUN_H
#define XJ_CMDRUN_H

#include "xj/cli.h"
#include "xj/reader.h"
#include "xj/store.h"

struct xj_run {
	const char *program;
	int dry_run;
	const struct xj_query *q;     /* the students without keys */
	struct xj_store *st;
	struct xj_identity id;
	struct xj_actor who;
	struct xj_sb args;
	struct xj_error err;
	long done, refused, unchanged, failed;
	int committed, argc;
	char **argv;
};

struct xj_run_opts {
	const char *program, *db, *key, *user;
	int dry_run;
	const struct xj_query *q;
};

/* Open the store; writes != 0 begins the command's transaction. */
int xj_run_open(struct xj_run *r, const struct xj_run_opts *o, int argc, char **argv,
		int writes);
/* Commit (unless a dry run, nothing changed, or committed already), close,
 * and the exit code: an error is printed; refused or failed is 1. */
int xj_run_close(struct xj_run *r, int rc);
/* Commit now (a file is put in place only after the store has it). */
int xj_run_commit(struct xj_run *r);
/* The summary of a CHSI result file read back: registered, failed,
 * unchanged, refused. */
void xj_run_say_results(const struct xj_run *r);
/* "KEY: why" on standard error (an ID number masked), counted refused. */
void xj_run_refuse(struct xj_run *r, const char *key, const char *why);

typedef int (*xj_run_student_fn)(struct xj_run *r, const struct xj_student *s, void *ctx);
/* The students of the query, walked while it runs: fn must not change
 * the student table. */
int xj_run_each_queried(struct xj_run *r, xj_run_student_fn fn, void *ctx);
/* The students of the keys ("-": a record stream on standard input), or
 * of the query, their exam numbers taken first so fn may change them. */
int xj_run_each_student(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
			void *ctx);
/* Each row of a file ("-": standard input); fn opens savepoint "row"
 * first.  A row fn refuses (XJ_EDATA) is named with file and line and
 * rolled back. */
int xj_run_each_row(struct xj_run *r, const char *path,
		    int (*fn)(struct xj_run *, const struct xj_record *, void *), void *ctx);

#endif
