/* cmdrun.h: the one frame every program runs in.  A program declares a
 * table of its verbs (name, function, flags, the roles that may run it,
 * the program's own options it takes), as git's commands[] does, and
 * hands it to xj_cmdrun_main.  The frame parses the options every program
 * shares, once; opens the store and settles who acts, proven by a key;
 * refuses a change without a key and a verb outside the actor's roles;
 * walks students or rows with a savepoint each, naming a refusal masked
 * and going on; commits; and maps the outcome to the exit code.  It and
 * the diagnostics module are the library's only printers: refusals, errors
 * and --help go to the terminal from here.  The frame owns everything in
 * struct xj_run; a verb only reads it, and counts in done/refused/failed. */
#ifndef XJ_CMDRUN_H
#define XJ_CMDRUN_H

#include "xj/cli.h"
#include "xj/reader.h"
#include "xj/store.h"
#include "xj/witness.h"
#include "xj/writer.h"

/* The options every program spells and means the same way. */
struct xj_common {
	const char *db, *key, *user, *format, *output, *encoding;
	int dry_run, quiet, excel, lang_zh, has_as_of;
	int lang_given;      /* --lang was given (else a reject file follows its input) */
	char as_of[11];      /* --as-of DATE, a checked ISO date */
};

/* What a verb does, as flags of its table entry. */
enum {
	XJ_V_STORE = 1 << 0,    /* opens the store: -d, --key, -u */
	XJ_V_WRITES = 1 << 1,   /* changes it: a proven key, one transaction, -n, -q */
	XJ_V_DECISION = 1 << 2, /* each change is a decision signed by the actor */
	XJ_V_DEPT = 1 << 3,     /* the roles hold in the student's department (P3) */
	XJ_V_LIST = 1 << 4,     /* writes records: -f, -o, --lang, --encoding, --excel */
	XJ_V_ASOF = 1 << 5,     /* takes --as-of */
	XJ_V_QUIET = 1 << 6,    /* takes -q without writing */
	XJ_V_GENESIS = 1 << 7,  /* may run on a store with no config yet (its first load) */
	XJ_V_FOR_USER = 1 << 8, /* -u names whom the work is for (a sheet's signer),
				 * not who runs it: no key is read (xj_cmdrun_open_as) */
	XJ_V_PROVEN = 1 << 9,   /* needs a proven key and the roles though it writes
				 * nothing to the store (xj backup: an admin's work) */
	XJ_V_BULK = 1 << 10,    /* may load many rows (xj_store_bulk_load) */
	XJ_V_STDIN = 1 << 11    /* without operands, reads standard input */
};

struct xj_run;
typedef int (*xj_verb_fn)(struct xj_run *r, int argc, char **argv);

struct xj_verb {
	const char *name;          /* "" as the table's only verb: a program without
				    * verbs (xj-import FILE ...), every operand its own */
	xj_verb_fn fn;             /* NULL when subs names the sub-verbs */
	unsigned flags;
	unsigned roles;            /* XJ_ROLE_* bits, any of which may run it; 0: anyone */
	const char *opts;          /* the program's own long options it takes, by name */
	const struct xj_verb *subs;
};

/* A program's own option: code is the short letter or a value >= 256. */
struct xj_opt {
	const char *name;
	int has_arg, code;
};

struct xj_program {
	const char *name;          /* "xj-archive" */
	const char *usage;         /* N_() text: --help, and the synopsis */
	const struct xj_verb *verbs;
	const struct xj_opt *opts; /* ends with { NULL } */
	/* One of the program's options: 0, or an exit code after a usage
	 * message (xj_diag_usage). */
	int (*option)(int code, const char *arg, void *ctx);
	void *ctx;
	/* Without a verb: run this (xj's "xj NAME ..."), or NULL. */
	int (*no_verb)(int argc, char **argv);
};

struct xj_run {
	const char *program;
	const struct xj_program *p;
	const struct xj_verb *verb;
	const struct xj_common *c;
	void *ctx;                 /* the program's options */
	char verb_name[64];        /* "config load" */
	char recorded[96];         /* the program as the log records it */
	int dry_run;
	const struct xj_query *q;  /* the students without keys */
	struct xj_store *st;
	struct xj_identity id;
	struct xj_actor who;
	struct xj_sb args;
	struct xj_error err;
	struct xj_writer *w;
	struct xj_outfile out;
	long done, refused, unchanged, failed;
	int committed, argc;
	/* -n, and xj_cmdrun_reveal_file recorded a reveal all the same */
	int dry_revealed;
	char **argv;
	/* The key of the student being walked, as given (xj_cmdrun_each_student
	 * and xj_cmdrun_each_change set it around fn): for xj_cmdrun_refuse_reason. */
	const char *key;
	/* Standard output held back until the upload file is on record
	 * (xj_cmdrun_hold_stdout, xj_cmdrun_reveal_file). */
	FILE *held;
	char *held_buf;
	size_t held_len;
	/* The head of the log the person saw last (witness.h): checked as
	 * the store opens, the head now recorded at the close.  A verb that
	 * looks at any log (xj log --verify: a backup's, one rewritten) sets
	 * witness_later before xj_cmdrun_open_as: no check, nothing recorded. */
	struct xj_witness wit;
	int witness_later;
};

/* The whole program: options, the verb, the store, the exit code. */
int xj_cmdrun_main(const struct xj_program *p, int argc, char **argv);
/* The words of a program's completion (PROGRAM --completion-helper
 * [VERB [SUB]]): with no verb its verbs; for a verb with sub-verbs those;
 * else the options the verb takes (--name); one a line. */
void xj_cmdrun_complete(const struct xj_program *p, int n, char **words);

/* The verb's record stream on standard output or -o FILE (written aside
 * and put in place at the end), by -f, --encoding, --lang and --excel. */
struct xj_writer *xj_cmdrun_writer(struct xj_run *r, size_t ncols, const char *const *cols);
/* The verb's output that is no record stream (a file by a template, a
 * printed card): standard output, or -o FILE written aside and put in
 * place after the commit, as xj_cmdrun_writer's; NULL and err set if not. */
FILE *xj_cmdrun_output(struct xj_run *r);
/* The acting person, proven by a key (for a read that leaves a trace,
 * such as --reveal); -1 and err set otherwise. */
int xj_cmdrun_need_key(struct xj_run *r, const char *what);
/* ID and phone numbers shown whole (--reveal, a printed card) are on
 * record before the first row is shown (P2): a "reveal" entry naming the
 * verb and the fields shown whole (fields: "id_number,phone"), the
 * command's filters and keys on record with it, written and committed at
 * once by the actor, proven by a key.  -1 and err set when it cannot be
 * (the store locked, read-only, full): then nothing may be shown.  For a
 * verb that reads only; the frame does not commit again. */
int xj_cmdrun_reveal_begin(struct xj_run *r, const char *fields);
/* CHSI's upload file by a template carries ID numbers whole: standard
 * output is held back in memory until xj_cmdrun_reveal_file has it on
 * record.  NULL and err set if it cannot be. */
FILE *xj_cmdrun_hold_stdout(struct xj_run *r);
/* The upload file on record as a "reveal" entry naming it (path: -o FILE,
 * or "-" for standard output) and its rows, committed now with the
 * verb's changes (under -n alone: they are not made, but the file is
 * shown); then standard output held back is let out.  Called before the
 * frame puts -o FILE in place. */
int xj_cmdrun_reveal_file(struct xj_run *r, const char *path, long rows);
/* What a summary adds when a dry run recorded a file's reveal all the
 * same (xj_cmdrun_reveal_file under -n): " (dry run: nothing was
 * recorded but the file's reveal)", translated; "" for any other run. */
const char *xj_cmdrun_dry_reveal_note(const struct xj_run *r);
/* For a verb whose options decide what it is (xj-verify sign: --prepare
 * only reads, --apply and the online sign-off write), so that its table
 * entry has no XJ_V_STORE and names -d, --key, -u in its opts: open the
 * store once the verb knows, as an entry with these flags and roles would
 * be (the actor, the key, the roles, the transaction); -1 and err set. */
int xj_cmdrun_open_as(struct xj_run *r, unsigned flags, unsigned roles);
/* Does the actor hold one of roles (by the config in force)? 1, 0, -1. */
int xj_cmdrun_has_role(struct xj_run *r, unsigned roles);

/* Commit now (a file is put in place only after the store has it). */
int xj_cmdrun_commit(struct xj_run *r);
/* The summary of a CHSI result file read back: registered, failed,
 * unchanged, refused. */
void xj_cmdrun_say_results(const struct xj_run *r);
/* "KEY: why" on standard error (an ID number masked), counted refused. */
void xj_cmdrun_refuse(struct xj_run *r, const char *key, const char *why);
/* One of several reasons the student being walked is refused, said before
 * the refusal that counts it (fn's -1): "KEY: why" with the key as given,
 * masked as xj_cmdrun_refuse does, not counted. */
void xj_cmdrun_refuse_reason(const struct xj_run *r, const char *why);
/* "N done, M refused" (with the dry-run note), unless -q. */
void xj_cmdrun_say_done(const struct xj_run *r, const char *done_word);

typedef int (*xj_run_student_fn)(struct xj_run *r, const struct xj_student *s, void *ctx);
/* The students of the query, walked while it runs: fn must not change
 * the student table. */
int xj_cmdrun_each_queried(struct xj_run *r, xj_run_student_fn fn, void *ctx);
/* The students of the keys ("-": a record stream on standard input), or
 * of the query, their exam numbers taken first so fn may change them.
 * fn returning -1 with XJ_EDATA having written nothing to the store (a
 * row its output cannot carry) refuses that student, named and counted,
 * and the walk goes on; after a write, or any other error, it stops. */
int xj_cmdrun_each_student(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
			void *ctx);
/* The same, each student's change in a savepoint of its own: fn returning
 * -1 with XJ_EDATA or XJ_EUSAGE refuses that student (named, masked, rolled
 * back, counted) and the walk goes on; any other error stops it.  A
 * student done is counted in done. */
int xj_cmdrun_each_change(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
		       void *ctx);
/* The same for a fn that refuses a student only before it writes
 * anything of theirs (xj-diploma issue), without the savepoint: a
 * savepoint copies every page the student's rows touch, and that was a
 * tenth of the work.  Should fn refuse a student after writing, nothing
 * could undo that student alone, so the walk stops with the error, and
 * the command with it: all of it is rolled back. */
int xj_cmdrun_each_change_checked(struct xj_run *r, int nkeys, char **keys,
				  xj_run_student_fn fn, void *ctx);
/* The same for arguments that are not students (request numbers, say):
 * each item's work in a savepoint of its own (when the verb writes), a
 * refusal (XJ_EDATA or XJ_EUSAGE) named by xj_cmdrun_refuse with the item as
 * given, rolled back and counted, the walk going on; an item done is
 * counted in done.  With a list, "-" stands for its items on standard
 * input (cli.h), a refusal of one named by its line and the list's first
 * column ("stdin:3: id: not a request number"). */
typedef int (*xj_run_item_fn)(struct xj_run *r, const char *item, void *ctx);
int xj_cmdrun_each_item(struct xj_run *r, int nitems, char **items,
		     const struct xj_cli_list *list, xj_run_item_fn fn, void *ctx);
/* Each row of a file ("-": standard input), each in a savepoint of its
 * own.  A row fn refuses (XJ_EDATA) is named with file and line and rolled
 * back, and the walk goes on; any other error stops it. */
int xj_cmdrun_each_row(struct xj_run *r, const char *path,
		    int (*fn)(struct xj_run *, const struct xj_record *, void *), void *ctx);
/* The same over each file of files, in turn, or standard input when there
 * are none; it stops at the first file whose walk fails (cmdverbs.c). */
int xj_cmdverbs_each_file_row(struct xj_run *r, int nfiles, char **files,
			 int (*fn)(struct xj_run *, const struct xj_record *, void *),
			 void *ctx);
/* CHSI's feedback on what was submitted (xj-register result, xj-diploma
 * result): each row of the files (or standard input) through template
 * (NULL: our own names and words) to fn, which answers as
 * xj_register_result does: 0 registered, counted done; 1 refused by
 * CHSI, counted failed and its exam_no and message written out; 2 that
 * failure on record already, counted unchanged; -1 err.  Then rest
 * (when not NULL) for the students the feedback did not name, and the
 * counts said (cmdverbs.c). */
struct xj_intemplate;
typedef int (*xj_cmdverbs_feedback_fn)(struct xj_run *r, const struct xj_intemplate *t,
				       const struct xj_record *rec, struct xj_sb *key,
				       struct xj_sb *msg);
int xj_cmdverbs_feedback(struct xj_run *r, int nfiles, char **files, const char *template,
		    xj_cmdverbs_feedback_fn fn, int (*rest)(struct xj_run *r));
/* The day a verb counts from: --as-of DATE when it was given, else the
 * business date (xj_clock_today), as "YYYY-MM-DD" (cmdverbs.c). */
void xj_cmdverbs_today(const struct xj_run *r, char out[11]);

/* Signing sheets (cmdsheet.c).  A prepared sheet into -o FILE and its
 * printable page into page (NULL: beside it, .html), said unless -q.
 * Signed sheets applied: the store opened for the key in use (any
 * staff member's), each decision of each file in a savepoint of its own,
 * checked against its signer's key and roles; a refusal named by the
 * sheet and the student or request; the tally said. */
struct xj_sheet;
int xj_cmdsheet_save(struct xj_run *r, const struct xj_sheet *sh, const char *page);
int xj_cmdsheet_apply(struct xj_run *r, int nargs, char **args, int kind);
/* A sheet of the sign-offs at stage and level that -u NAME may make now
 * for the students of keys, written by xj_cmdsheet_save; the others
 * named with the reason. */
int xj_cmdsheet_prepare_signoffs(struct xj_run *r, int nkeys, char **keys, const char *stage,
			    const char *level, const char *page);

/* The end of a verb: the record stream ended, the store committed (unless
 * -n or nothing changed), the output file put in place, the store closed
 * and the key wiped; the exit code (an error said first). */
int xj_cmdrun_close(struct xj_run *r, int rc);

#endif
