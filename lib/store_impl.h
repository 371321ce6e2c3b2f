/* store_impl.h: the inside of struct xj_store, shared by the store_*.c
 * files only.  Not installed.  xj_store_close frees all of it but key and
 * signer, borrowed from the caller until then (xj_store_sign_with). */
#ifndef XJ_STORE_IMPL_H
#define XJ_STORE_IMPL_H

#include <sqlite3.h>

#include "xj/sha256.h"
#include "xj/signer.h"
#include "xj/store.h"
#include "xj/rowdigest.h"
#include "xj/strbuf.h"

/* The digest over the source rows an import adds, in order
 * (store_chain.c): on while the import reads its file. */
struct xj_chain {
	int on;
	long long import_id, n;
	long long ids[2];   /* the first and last row's ids */
	struct xj_sha256 h;
};

struct xj_store {
	sqlite3 *db;
	char *path;
	int in_tx;
	int in_read;   /* a read transaction of xj_store_read_begin is open */
	long long command_id;
	long changes;
	/* the command's real time (command.at: what the log and signatures
	 * cover) and its business time ($XJ_NOW, else the real time: what
	 * the facts are dated by); pinned when $XJ_NOW set it */
	char at[40], business[40];
	int pinned;
	int legacy_command;   /* migrating a store whose command has no business */
	char *login, *user, *program, *args;
	long long last_id;
	char last_hash[65];
	/* the audit chain's end at each open savepoint, restored on rollback */
	struct {
		long long last_id;
		char last_hash[65];
		long changes;
		struct xj_chain chain;
	} sp[8];
	int nsp;
	int has_config;   /* -1 until asked; a config load sets it */
	/* the config of the departments: the one in force before this
	 * command, or the latest (0) (xj_store_config_as_of) */
	long long config_before;
	/* the departments of the config in force, read once per command
	 * (an import asks for every row): "code\0name\0" each */
	struct xj_sb depts;
	int ndepts;       /* -1 until read */
	/* read once per command too, for every decision's statement: the
	 * store's id, and the SHA-256 of the config in force (-1 unknown,
	 * 0 none, 1 known) */
	struct xj_sb store_id;
	char config_sha[65];
	int config_sha_state;
	/* and the certificates' rules (rules_known), and the start of the
	 * first term of each year a certificate run asks for, found or not */
	struct xj_diploma_rules rules;
	int rules_known;
	struct {
		int year, found;
		char start[16];
	} terms[8];
	int nterms;
	/* SAVEPOINT and RELEASE of the savepoints a command opens for each
	 * student or row, prepared once */
	struct {
		char name[32];
		sqlite3_stmt *begin, *release;
	} spq[6];
	const struct xj_key *key;   /* signs the command at commit, or NULL */
	/* signs decisions on a second thread once a bulk writer asks
	 * (xj_store_sign_ahead); what it signed is stored by
	 * xj_store_signed_catch_up, at the latest before a rollback to a
	 * savepoint and before the commit */
	struct xj_signer *signer_thread;
	int cache_rows;   /* xj_store_cache_rows: the wider cache is its size */
	int unsigned_ok;  /* xj init and schema migrations: nobody to prove yet */
	int migrating;    /* a migration's command begins: its schema is not yet xj's */
	int sorts_on_disk;   /* xj_store_sorts_on_disk: how many hold it on */
	const char *signer;
	/* the row log's last id when the command began; 1 when the store is
	 * new (its first command starts the row log), 2 while a migration
	 * brings in the row log (it starts it after its steps) */
	long long rows_mark;
	int rows_pending;
	/* tables whose insert trigger a bulk writer holds back until the seal,
	 * each with its last rowid when it was held back */
	struct {
		char table[32];
		long long mark;
		/* its updates held back too (xj_store_rows_defer_counter); or 2:
		 * its new rows never logged, the import's entry vouching for
		 * them (xj_store_rows_vouched) */
		int counter;
	} deferred[6];
	int ndeferred;
	struct xj_chain chain;
	/* waiting for another writer's lock: for how long at most, since
	 * when, and whom to tell (xj_store_on_wait) */
	double wait_max, wait_start;
	int wait_said;
	void (*on_wait)(void *ctx, const char *holder, double max);
	void *on_wait_ctx;
	int holder_marked;
	int pin_fd;                   /* the store's file, flocked shared (store_pin.c) */
	int bulk;   /* 1: the next command may be a bulk load; 2: it is, in
		     * rollback-journal mode until it ends */
	struct xj_writeback *writeback;   /* a bulk load's pages sent behind it */
	struct xj_bulk *bulk_rows;        /* its rows held (store_bulk.c) */
	/* statements prepared once per command, finalized at close */
	struct {
		sqlite3_stmt *command, *audit, *last_hash;
		sqlite3_stmt *student_insert, *status_add, *status_now;
		sqlite3_stmt *find[XJ_S_COUNT], *set[XJ_S_COUNT], *by_id;
		sqlite3_stmt *import_begin, *import_end, *source_add, *source_latest,
			     *source_names, *bulk_last;
		sqlite3_stmt *json_each, *has_config, *dept_find, *staff_find;
		sqlite3_stmt *config_text, *seen_add, *seen_get, *seen_sid_add,
			     *seen_sid_get;
		sqlite3_stmt *photo_add, *photo_latest, *import_prev, *list_row;
		sqlite3_stmt *form_add, *form_latest, *sig_add, *staff_key;
		sqlite3_stmt *review_add, *signoff_add, *review_latest, *signoffs;
		sqlite3_stmt *decision_sig, *staff_info, *cohort_enrol;
		sqlite3_stmt *case_open, *case_event, *case_latest, *photo_known;
		sqlite3_stmt *reg_add, *reg_latest, *reg_years, *hold_latest, *reg_submitted;
		sqlite3_stmt *cert_add, *cert_event, *cert_one[3], *source_fields;
		sqlite3_stmt *number_bump, *number_next, *first_term, *diploma_rules, *archive_rules;
		sqlite3_stmt *holding_add, *holding_event, *holding_each, *custody, *fixity_add;
		sqlite3_stmt *student_ident, *cohort_set, *replayed_row, *student_exists;
		sqlite3_stmt *next_after, *digest_part;
	} q;
	sqlite3_stmt *query;   /* the running xj_store_query, kept for the next */
	unsigned query_shape;  /* its filters (query_shape): a query of one key
				* after another is prepared once */
};

/* The unique keys of a student, as named indexes: schema 5 makes them, a
 * bulk load builds the two a roster fills after its rows
 * (store_students.c).  The student number's stays: a roster has none,
 * and building it again would read the whole table for nothing. */
#define XJ_STUDENT_ROSTER_KEYS \
	"CREATE UNIQUE INDEX student_exam_no ON student(exam_no);" \
	"CREATE UNIQUE INDEX student_id_number ON student(id_number);"
#define XJ_STUDENT_KEYS XJ_STUDENT_ROSTER_KEYS \
	"CREATE UNIQUE INDEX student_student_no ON student(student_no)" \
	" WHERE student_no IS NOT NULL;"

/* The schema xj makes, every step of it, in a store of no rows (store.c). */
int xj_store_create_schema(struct xj_store *st, struct xj_error *err);
/* The store's schema held against the one xj makes (store_schema.c): 0
 * when they are the same, else -1 with XJ_ESTORE naming the first object
 * that differs; nothing may be written to such a store. */
int xj_store_schema_check(struct xj_store *st, struct xj_error *err);
/* 0 when the command's clock (st->at) is not before the log's last
 * entry's time, else -1 (XJ_ESTORE) naming that entry (store_log.c). */
int xj_store_clock_check(struct xj_store *st, struct xj_error *err);
/* xj_store_exec, a store held by another waited for as long as a writer
 * waits for its lock (store_lock.c). */
int xj_store_exec_waiting(struct xj_store *st, const char *sql, struct xj_error *err);
int xj_store_fail(struct xj_store *st, struct xj_error *err, const char *what);
/* The import's digest kept at a savepoint, and put back when it is
 * rolled back (store_chain.c); every digest dropped at close. */
int xj_store_chain_push(struct xj_store *st, struct xj_chain *saved, struct xj_error *err);
void xj_store_chain_pop(struct xj_store *st, struct xj_chain *saved, int rollback);
void xj_store_chain_close(struct xj_store *st);
/* A source row added, of id row_id: into the digest of its import, when
 * one is on. */
void xj_store_chain_link(struct xj_store *st, long long import_id, long line,
			 const char *source, long long student_id, const char *data,
			 size_t len, long long row_id);
/* The rows xj_store_bulk_student holds forgotten (a rollback undoes
 * them), or freed with their statements at close (store_bulk.c). */
void xj_store_bulk_drop(struct xj_store *st);
void xj_store_bulk_free(struct xj_store *st);
/* The page cache capped (a step that writes or sorts much in one
 * statement, whose dirty pages would otherwise stay in memory to its
 * end), or back to its size (tune, store.c; the wider one once
 * xj_store_cache_rows asked for it). */
int xj_store_cache_cap(struct xj_store *st, int capped, struct xj_error *err);
sqlite3_stmt *xj_store_stmt(struct xj_store *st, sqlite3_stmt **slot,
			    const char *sql, struct xj_error *err);
/* Bind v, NULL for "" or none.  Not copied: v must stay as it is until
 * the statement has been stepped. */
void xj_store_bind_text(sqlite3_stmt *s, int i, const char *v);
int xj_store_exec(struct xj_store *st, const char *sql, struct xj_error *err);
int xj_store_step_done(struct xj_store *st, sqlite3_stmt *s,
		       struct xj_error *err);
/* Step s, row(s, ctx) for each row it gives; a non-zero return stops
 * the walk and is returned (a row that fails sets err itself and returns
 * -1).  A failed step is -1, err "store PATH: WHAT: why" (xj_store_fail;
 * what is a message of the catalog).  s is reset after, ready for its
 * next use when xj_store_stmt keeps it; one prepared for a single call
 * is finalized by its caller, as after xj_store_step_done. */
int xj_store_each(struct xj_store *st, sqlite3_stmt *s,
		  int (*row)(sqlite3_stmt *s, void *ctx), void *ctx,
		  const char *what, struct xj_error *err);
/* Column i of a row as text ("" for NULL), and into sb. */
const char *xj_store_col(sqlite3_stmt *s, int i);
void xj_store_take(struct xj_sb *sb, sqlite3_stmt *s, int i);
/* Column i as text with its length, every byte of it: a NUL inside does
 * not end it, so text hidden after one is not left out of a sum or a
 * check.  Does it hold more than its text up to a NUL? */
const char *xj_store_col_n(sqlite3_stmt *s, int i, size_t *n);
int xj_store_col_hides(sqlite3_stmt *s, int i);
/* Copy columns first.. of a student row into s (which then owns them). */
void xj_store_read_student(sqlite3_stmt *q, struct xj_student *s);
/* The Unix group the store is shared with (meta 'group') into buf, ""
 * for a private store (store_perm.c). */
int xj_store_meta_group(struct xj_store *st, char *buf, size_t size, struct xj_error *err);
/* Give the copy at path the mode a store of group has: 0600 for "",
 * else 0660 of the group. */
int xj_store_perm_copy(const char *path, const char *group, struct xj_error *err);
/* The row log (store_rows.c): start it (triggers on every table, and
 * every row there now logged under the running command); at a command's
 * start, note where the log ends and check the triggers are all there; at
 * its commit, sum its rows up in one entry. */
int xj_store_rows_track(struct xj_store *st, struct xj_error *err);
/* The triggers of one table again, after a step made it anew. */
int xj_store_rows_retrack(struct xj_store *st, const char *table, struct xj_error *err);
int xj_store_rows_begin(struct xj_store *st, struct xj_error *err);
int xj_store_rows_seal(struct xj_store *st, struct xj_error *err);
/* The lock-holder note beside the store (store_lock.c): written when a
 * write transaction begins, removed when it ends; and the busy handler
 * that waits for another's. */
void xj_store_lock_init(struct xj_store *st);
void xj_store_holder_mark(struct xj_store *st);
void xj_store_holder_clear(struct xj_store *st);
/* err for a write lock not had in time: who holds it, how long we waited. */
int xj_store_busy_error(struct xj_store *st, struct xj_error *err);

/* The folder of path ("." or "/" where that is all there is). */
void xj_store_dir_of(const char *path, struct xj_sb *dir);

/* SQLite's allocator, whose statement journal's blocks are kept for reuse
 * (store_mem.c): set up before the first connection; the kept blocks
 * freed when a store is closed. */
void xj_store_mem_setup(void);
void xj_store_mem_trim(void);
/* The kept blocks freed, and what the C library holds of freed memory
 * given back to the system (a big step's page cache capped first). */
void xj_store_mem_give_back(void);

/* store_pin.c: the store's file held shared while a command has it open,
 * taken only when the path still names the file (pin_fd, -1 when not
 * held); a restore swaps the file only holding it alone (*fd to close
 * after the swap; -1 where nothing is pinned), else XJ_ESTORE. */
int xj_store_pin(struct xj_store *st, const char *path, struct xj_error *err);
void xj_store_unpin(struct xj_store *st);
int xj_store_pin_alone(const char *path, int *fd, struct xj_error *err);

#endif
