/* cli.h: the parts of a command line every program shares: where the store
 * is, who acts, strict numbers, and output files written atomically.  What
 * the caller passes in stays its own, and what it gets back is its to end:
 * the store (xj_store_close), the identity (xj_cli_identity_release), the
 * writer (xj_writer_free), an output file (commit or abort).  Part of the
 * frame every program runs in (with cmdrun.h and diag.h), it prints:
 * --help and --version on stdout, a passphrase prompt on the terminal, and
 * a bad $XJ_NOW on stderr, which ends the program at start (exit 2). */
#ifndef XJ_CLI_H
#define XJ_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "xj/error.h"
#include "xj/outfile.h"
#include "xj/key.h"
#include "xj/store.h"
#include "xj/strbuf.h"

/* Every program's first step: its name for messages, the user's
 * language, and the options every program takes before its own
 * (--allow-network-fs, taken out of argv and handed on to the programs
 * it runs through $XJ_ALLOW_NETWORK_FS).  A $XJ_NOW that is not an ISO
 * 8601 date or time ends the program here, exit 2. */
void xj_cli_start(int *argc, char **argv);
/* --version on standard output: the program's, and that of the GB/T 2260
 * table it checks ID numbers against, with where it is (or why not). */
void xj_cli_version(const char *name);
/* -d PATH, else $XJ_DB, else ./xj.db */
const char *xj_cli_db(const char *opt);
/* Fill who: the login name, user (-u, may be NULL), the program, and the
 * arguments joined into args (which must outlive who). */
void xj_cli_actor(struct xj_actor *who, struct xj_sb *args, const char *program,
		  int argc, char **argv, const char *user);
/* Who acts.  With a key (--key, $XJ_KEY or the default key file), the
 * holder named by the config; -u must name that same person, and a key
 * the config does not list (a stranger's, or a revoked one) is refused.
 * Without a key, the -u name as claimed.  The identity owns a copy of the
 * key, wiped by xj_cli_identity_release. */
struct xj_identity {
	struct xj_key key;
	int has_key, proven;
	struct xj_sb name;
	const char *user;   /* the name to record, or NULL */
	struct xj_sb from;  /* where the key came from: --key, XJ_KEY or its file */
};

/* Open the store and settle who acts (id may be NULL for commands that
 * change nothing: then only a -u name is checked against the staff).  A
 * proven identity signs the command at commit.  On failure (NULL) the
 * identity is already released. */
struct xj_store *xj_cli_open(const char *path, const char *keyopt,
			     const char *user, struct xj_identity *id,
			     struct xj_error *err);
/* The same with xj_store_open's flags: XJ_STORE_COPY reads a copy as it
 * is, never migrated nor put in WAL mode. */
struct xj_store *xj_cli_open_as(const char *path, int flags, const char *keyopt,
				const char *user, struct xj_identity *id,
				struct xj_error *err);
void xj_cli_identity_release(struct xj_identity *id);
/* Load a key file; a sealed one opens with $XJ_PASSPHRASE, else with a
 * passphrase asked for on the terminal. */
int xj_cli_load_key(const char *path, struct xj_key *k, struct xj_error *err);
/* The options of a command line (shorts as getopt's, beginning with ':'):
 * -h prints usage and -V "name VERSION" on standard output, and return -1
 * (nothing more to do); every other option goes to fn, which returns 0, an
 * exit code for bad usage, or -2 for an option it does not take. */
int xj_cli_options(int argc, char **argv, const char *shorts, const struct option *longs,
		   const char *name, const char *usage, int (*fn)(int c, void *ctx), void *ctx);
/* A whole decimal number in [lo, hi]; -1 when s is anything else. */
int xj_cli_number(const char *s, long lo, long hi, long *out);
/* A date option's value: a real date as YYYY-MM-DD, the one form every
 * date option takes (2026/12/04 or "yesterday" is refused); 0, or the
 * usage error said and XJ_EXIT_USAGE. */
int xj_cli_date(const char *opt, const char *arg);
/* The same for an option that takes a date or a date and time
 * (YYYY-MM-DDTHH:MM:SS, xj log --since and --until). */
int xj_cli_when(const char *opt, const char *arg);

/* The writer of -f FORMAT and --encoding on standard output. */
struct xj_writer;
struct xj_writer *xj_cli_writer(const char *format, const char *encoding,
				int lang_zh, int excel, struct xj_error *err);

/* A list of items a command line gives (request numbers, students), for
 * "-" read from standard input: a bare list, one item a line with no
 * header, when like says its first line is an item and no column's name;
 * else a record stream with one of cols (the first a row has counts).
 * no_column ("%s": the stream) refuses a stream with none of them,
 * no_value a row with none; both N_() texts. */
struct xj_cli_list {
	const char *const *cols;
	size_t ncols;
	int (*like)(const char *first);
	const char *no_column, *no_value;
};
/* An item and, for one read from standard input, where it stood (file
 * NULL for an argument). */
struct xj_cli_item {
	const char *value, *file;
	long line;
};
/* Call fn for each item of the command line: an argument, or, for "-"
 * (unless l is NULL), each item of the list on standard input.  Blank
 * lines are none; a row that cannot be read goes to bad.  Stops at the
 * first fn that returns -1. */
int xj_cli_items(int n, char **args, const struct xj_cli_list *l,
		 int (*fn)(void *ctx, const struct xj_cli_item *it, struct xj_error *err),
		 void (*bad)(void *ctx, const struct xj_error *e), void *ctx,
		 struct xj_error *err);
/* Call fn for each key of the command line: an argument, or, for "-",
 * each row of the record stream on standard input (its exam_no, else
 * student_no, else id_number).  A row that cannot be read goes to bad.
 * Stops at the first fn that returns -1. */
int xj_cli_keys(int n, char **args,
		int (*fn)(void *ctx, const char *key, struct xj_error *err),
		void (*bad)(void *ctx, const struct xj_error *e), void *ctx,
		struct xj_error *err);
/* The student a key names: exam number, student number or ID number.
 * 1 (s owns its strings), 0, -1. */
struct xj_student;
int xj_cli_find_student(struct xj_store *st, const char *key, struct xj_student *s,
			struct xj_error *err);


#endif
