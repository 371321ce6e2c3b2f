/* store.h: the SQLite store, the only place that speaks SQL.  One command is
 * one transaction (xj_store_begin .. xj_store_commit); nothing is deleted,
 * a change is a new row and an audit entry.  Strings handed out belong to
 * the caller when the comment says so, else to the store until the next
 * call on the same statement. */
#ifndef XJ_STORE_H
#define XJ_STORE_H

#include "xj/error.h"
#include "xj/strbuf.h"
#include "xj/student.h"

struct xj_config;

#define XJ_SCHEMA_VERSION 7

struct xj_store;

/* store.c: opening the store, transactions, the command record and its audit entries. */

/* Who runs the command: the login name always, the staff name when given. */
struct xj_actor {
	const char *login;
	const char *user;     /* -u NAME, or NULL */
	const char *program;  /* "xj-import" */
	const char *args;     /* the arguments as one line */
};

/* Open the store at path; create != 0 makes a new one (mode 0600) and
 * refuses a path that exists.  A store of an older schema is migrated,
 * after a verified copy of it is made beside it (path.before-schemaN-
 * STAMP); one on a network filesystem is refused unless
 * $XJ_ALLOW_NETWORK_FS is set. */
struct xj_store *xj_store_open(const char *path, int create,
			       struct xj_error *err);
/* The same with flags: XJ_STORE_CREATE, or XJ_STORE_COPY for a copy
 * being checked (a backup): opened as it is, never migrated or tuned.
 * XJ_STORE_MADE with XJ_STORE_CREATE: the empty file is made already
 * (by xj_store_create, with its mode and group). */
enum { XJ_STORE_CREATE = 1, XJ_STORE_COPY = 2, XJ_STORE_MADE = 4 };
struct xj_store *xj_store_open_as(const char *path, int flags, struct xj_error *err);

void xj_store_close(struct xj_store *st);

/* Start the command's transaction (write lock held) and record the command. */
int xj_store_begin(struct xj_store *st, const struct xj_actor *who,
		   struct xj_error *err);
/* The new store's first command, by who: its id (into id, made now)
 * and the "init" entry with the schema, committed.  0, or -1. */
int xj_store_first_command(struct xj_store *st, const struct xj_actor *who,
			   struct xj_sb *id, struct xj_error *err);
/* The next command may write many rows: into a store that holds no
 * student yet, it writes through a rollback journal (each page once, not
 * once to the WAL and again at the checkpoint), and the store is back in
 * WAL mode when it ends.  Meanwhile other processes wait to open it. */
void xj_store_bulk_load(struct xj_store *st);
/* Commit; a command that wrote entries must be signed (xj_store_sign_with)
 * unless xj_store_allow_unsigned was called (xj init, nothing else). */
int xj_store_commit(struct xj_store *st, struct xj_error *err);
void xj_store_allow_unsigned(struct xj_store *st);
void xj_store_rollback(struct xj_store *st);
/* Many reads in one snapshot of the store: a reader's lookups, each in a
 * transaction of its own, would each take and drop SQLite's locks and
 * check its cache again.  Nothing is locked against writers (WAL mode);
 * a write transaction begun meanwhile ends the read one first.  Within a
 * transaction already, it does nothing. */
int xj_store_read_begin(struct xj_store *st, struct xj_error *err);
void xj_store_read_end(struct xj_store *st);
/* A sort larger than the cache spills to temporary files (on), or stays
 * in memory (off, as a command starts): on for the checks that sort a
 * whole log, so their memory does not grow with it, and for a bulk load.
 * Best effort: SQLite refuses a change of temp_store inside a transaction
 * that has opened its temporary storage, and that leaves it as it was. */
void xj_store_sorts_on_disk(struct xj_store *st, int on);
/* A named savepoint inside the command (a file of an import, say). */
int xj_store_savepoint(struct xj_store *st, const char *name, int op,
		       struct xj_error *err);
enum { XJ_SP_BEGIN, XJ_SP_RELEASE, XJ_SP_ROLLBACK };
/* Audit entries this command has written so far. */
long xj_store_changes(const struct xj_store *st);
/* Rows added to a store that has students: a wider page cache for the
 * random pages of their unique keys, within a command's 32 MB, until
 * the commit. */
int xj_store_cache_rows(struct xj_store *st, struct xj_error *err);
/* Rows written through the connection since it opened (triggers' too):
 * what moves it wrote something. */
long long xj_store_total_changes(const struct xj_store *st);
/* The command's business time: $XJ_NOW as given (a date, or a date and
 * time), else its real time.  What the facts the command records are
 * dated by (a status since, an on_date, an issue date): callers take its
 * date, the first 10 characters.  The log keeps the real time
 * (command.at) and this beside it (command.business, NULL when $XJ_NOW
 * was unset). */
const char *xj_store_business(const struct xj_store *st);

/* Sign the command at commit with key, as signer (both borrowed until the
 * store closes): one signature over the end of the chain the command made,
 * so every entry it wrote is covered. */
struct xj_key;
void xj_store_sign_with(struct xj_store *st, const struct xj_key *key,
			const char *signer);

/* Append an audit entry (old and new: JSON text or NULL). */
int xj_store_audit(struct xj_store *st, long long student_id,
		   const char *action, const char *old_json,
		   const char *new_json, struct xj_error *err);

/* store_perm.c: who may open the store's files (a store made for a Unix group). */

/* Create a new store at path, as xj_store_open with create.  With group
 * (a Unix group's name, or NULL): the store is shared by that group:
 * file 0660 of the group, its directory given to the group and made
 * setgid and group-writable (by its owner only; anyone else needs it so
 * already), so SQLite's -wal and -shm files get the group and mode too;
 * the group is kept in the store (meta 'group') for copies and restores.
 * An unknown group is XJ_EUSAGE. */
struct xj_store *xj_store_create(const char *path, const char *group,
				 struct xj_error *err);

/* store_lock.c: waiting for the write lock, and saying for whom. */

/* Called once, after a second, while the command waits for another
 * writer to finish: holder says who ("xj-import by chen, pid 4242, since
 * 2026-09-10T09:00:05+08:00", or "" when no one is on record), max the
 * seconds it waits at most ($XJ_WAIT, else 600). */
void xj_store_on_wait(struct xj_store *st,
		      void (*fn)(void *ctx, const char *holder, double max), void *ctx);

/* store_backup.c: copies of the store, checked, rotated and put back. */

/* A copy of a store as checked: its schema, students, log entries, the
 * head of its log ("N:HASH") and the SHA-256 of the file. */
struct xj_copy_info {
	int schema;
	long long students, entries;
	char head[96];
	char sha256[65];
	char group[64];   /* the Unix group it is shared with, or "" */
};
/* The check of a copy's audit chain, from above the store (logcheck.h's
 * xj_logcheck_copy): 0 with info's entries and head set, 1 with why
 * naming what is wrong, -1 on error. */
typedef int (*xj_chain_check)(struct xj_store *copy, struct xj_copy_info *info, char *why,
			      unsigned whysize, struct xj_error *err);
/* Check the copy at path (shown as name in messages): an SQLite file of
 * xj's, of a schema this xj knows, PRAGMA integrity_check ok and, by
 * chain, the audit chain whole.  0, or -1 (XJ_ESTORE: not a good copy). */
int xj_store_check_copy(const char *path, const char *name, xj_chain_check chain,
			struct xj_copy_info *info, struct xj_error *err);
/* A consistent copy of the store while other commands run (SQLite's
 * online backup), written beside path and renamed into place only after
 * it checks out; mode 0600 (0660 of its group for a group's store), one
 * file (no WAL). */
int xj_store_backup(struct xj_store *st, const char *path, xj_chain_check chain,
		    struct xj_copy_info *info, struct xj_error *err);
/* Put the checked copy from in place of the store at path; the store
 * there is moved aside to aside (path.before-restore-STAMP), never
 * deleted.  Refused while another process has the store open.  The
 * store put in place has the mode and group its meta 'group' says.
 * record(ctx, copy, aside, err) writes the restore into the copy, at its
 * path copy beside the store, before it is put in place: the store in
 * place is the old one, or the copy with the restore on record, never the
 * copy without it; aside is "" when no store was there. */
typedef int (*xj_restore_note)(void *ctx, const char *copy, const char *aside,
			       struct xj_error *err);
int xj_store_restore(const char *path, const char *from, xj_chain_check chain,
		     xj_restore_note record, void *ctx, struct xj_sb *aside,
		     struct xj_copy_info *info, struct xj_error *err);
/* A store of an older schema opened while path is set (a restore's copy,
 * to be put in place at path) keeps its copy before the migration under
 * path's name, path.before-schemaN-STAMP, not its own; NULL: its own. */
void xj_store_migrate_beside(const char *path);
/* The copy xj backup --keep makes of the store at db in dir: into path
 * DIR/BASE-YYYYMMDD-HHMMSS.db, stamped by the business time
 * (xj_store_stamp), BASE into base: the store's file name without its
 * extension (xj.db: xj), the name xj_store_rotate keeps copies by. */
void xj_store_copy_name(const char *db, const char *dir, struct xj_sb *base,
			struct xj_sb *path);
/* Is name one of those copies of base's, BASE-YYYYMMDD-HHMMSS.db? */
int xj_store_is_copy_name(const char *name, const char *base);
/* Keep the newest keep copies named BASE-YYYYMMDD-HHMMSS.db in dir (as
 * xj backup --keep makes them) and remove the older ones; removed says
 * how many went.  Other files are never touched. */
int xj_store_rotate(const char *dir, const char *base, int keep, long *removed,
		    struct xj_error *err);
/* "YYYYMMDD-HHMMSS" of the business time (clock.h), for the names of
 * copies. */
void xj_store_stamp(char *buf, unsigned size);

/* store_config.c: the loaded configuration and what it says, as history. */

/* The staff member whose public key pub is, in the config in force before
 * command before (0: the config in force now; for the first config load,
 * the config it loaded).  1 found (name), 0, -1. */
int xj_store_staff_by_key(struct xj_store *st, const char *pub,
			  long long before, struct xj_sb *name, struct xj_error *err);

/* A staff member's roles ("reviewer,registrar") and department in the
 * config in force: 1, or 0 when there is no such staff member. */
int xj_store_staff_info(struct xj_store *st, const char *name,
			struct xj_sb *roles, struct xj_sb *dept, struct xj_error *err);
/* A cohort's enrolment date from the config, and the windows (months). */
int xj_store_cohort_enrol(struct xj_store *st, int cohort, struct xj_sb *date,
			  struct xj_error *err);
int xj_store_windows(struct xj_store *st, int *recheck, int *annual,
		     struct xj_error *err);

/* The rules of change requests in the config in force (defaults when no
 * config is loaded): comma-joined evidence kinds and approving roles. */
struct xj_change_rules {
	char evidence[128], levels[64], status_levels[64];
	int apart;   /* name and ID number never in one request, nor while
			another such request is open */
};
int xj_store_change_rules(struct xj_store *st, struct xj_change_rules *r,
			  struct xj_error *err);

/* The student-number pattern in force; the first-term start of an
 * academic year from the calendar (1 found, 0 none). */
int xj_store_number_pattern(struct xj_store *st, struct xj_sb *out, struct xj_error *err);
int xj_store_first_term(struct xj_store *st, int year, struct xj_sb *date,
			struct xj_error *err);
/* The academic year under way on as_of: the newest calendar year whose
 * first term has started (1), or 0 when none has. */
int xj_store_current_year(struct xj_store *st, const char *as_of, int *year,
			  struct xj_error *err);
/* The school's name in the config in force ("" when none). */
int xj_store_school(struct xj_store *st, struct xj_sb *name, struct xj_error *err);

/* The config's rules of certificates: school code, principal, 办学类型
 * and 培养层次 digits, the pattern of proofs' numbers. */
struct xj_diploma_rules {
	char school[8], principal[128], type[2], level[3], proof_pattern[64];
};
int xj_store_diploma_rules(struct xj_store *st, struct xj_diploma_rules *r,
			   struct xj_error *err);

/* The config's archive: the root of electronic copies ("" when none),
 * the days a paper file may be lent, the kinds per stage as
 * "stage:kind,kind;..." ("" when the defaults apply). */
struct xj_archive_rules {
	char root[1024];
	int lend_days;
	char kinds[2048];
};
int xj_store_archive_rules(struct xj_store *st, struct xj_archive_rules *r,
			   struct xj_error *err);

/* The config in force before command (0: the latest) answers the
 * department lookups from now on: a check makes an import's students
 * again with the departments it had. */
void xj_store_config_as_of(struct xj_store *st, long long command);

/* Configuration (xj-config(5)): the loaded YAML and the tables made of it. */
struct xj_config;
int xj_store_config_save(struct xj_store *st, const struct xj_config *cfg,
			 const char *file, const char *text, const char *sha256,
			 struct xj_error *err);
/* Configs staged until a second admin approves them (xj-config(5)): add
 * one made on the config in force (its id into *id), read one (1, 0 when
 * there is none), each one still waiting on the config in force, and mark
 * one approved by this command; each step audited. */
struct xj_config_proposal;
int xj_store_proposal_add(struct xj_store *st, const char *file, const char *text,
			  const char *sha256, const char *by, const char *why,
			  long long *id, struct xj_error *err);
int xj_store_proposal_get(struct xj_store *st, long long id, struct xj_config_proposal *p,
			  struct xj_error *err);
int xj_store_proposal_each(struct xj_store *st,
			   int (*fn)(void *, const struct xj_config_proposal *),
			   void *ctx, struct xj_error *err);
int xj_store_proposal_approve(struct xj_store *st, const struct xj_config_proposal *p,
			      const char *by, struct xj_error *err);
/* Each staff member of the config in force: name, roles ("a,b"), public
 * key and department ("" when none); fn returns non-zero to stop. */
int xj_store_staff_each(struct xj_store *st,
			int (*fn)(void *, const char *name, const char *roles,
				  const char *key, const char *dept),
			void *ctx, struct xj_error *err);
/* The SHA-256 of the newest config's text into hex (read once in a
 * command); 0 when none was loaded. */
int xj_store_config_sha256(struct xj_store *st, char hex[65], struct xj_error *err);
/* The text of the newest config into out; 0 when none was loaded. */
int xj_store_config_text(struct xj_store *st, struct xj_sb *out,
			 struct xj_sb *from, struct xj_error *err);
/* The newest config, parsed into cfg (to be released); 0 when none was
 * loaded (cfg then empty). */
int xj_store_config_get(struct xj_store *st, struct xj_config *cfg, struct xj_error *err);
/* Is a config loaded?  Does dept (code or name) exist (*code then points
 * at its code, until the command ends or a config is loaded)?  Is name a
 * staff member? 1 yes, 0 no, -1 error. */
int xj_store_has_config(struct xj_store *st, struct xj_error *err);
/* The config's departments as "CS 信息工程系, ME 机电工程系" into out. */
int xj_store_dept_list(struct xj_store *st, struct xj_sb *out, struct xj_error *err);
int xj_store_dept_find(struct xj_store *st, const char *dept,
		       const char **code, struct xj_error *err);
/* The name of the department whose code is code (*name as *code above):
 * 1, or 0 when the config has no such department. */
int xj_store_dept_name(struct xj_store *st, const char *code, const char **name,
		       struct xj_error *err);
int xj_store_staff_find(struct xj_store *st, const char *name,
			struct xj_error *err);

/* store_log.c: the audit log read back, with filters, and its signed commands. */

/* The signed commands, in order, for xj log --verify. */
struct xj_sig_row {
	long long command_id, last_entry;
	const char *at, *signer, *public_key, *hash, *signature;
	const char *entry_hash;   /* the hash entry last_entry has now, or "" */
	int hidden;   /* a field signed holds a NUL with bytes after it */
};
int xj_store_sig_each(struct xj_store *st,
		      int (*fn)(void *, const struct xj_sig_row *), void *ctx,
		      struct xj_error *err);

/* The audit log. */
struct xj_log_entry {
	long long id;
	const char *at, *login, *user, *program, *args;
	long long student_id;
	const char *student;   /* the student's exam number, or "" */
	const char *action, *old_json, *new_json, *prev_hash, *hash;
	/* at is the real time; business the command's business time
	 * ($XJ_NOW), "" when it had none.  The hash covers at, not business. */
	const char *business;
	/* a field the hash covers holds a NUL with bytes after it, which the
	 * hash, taken over the text up to the NUL, would not see */
	int hidden;
};
struct xj_log_filter {
	const char *student;   /* a key of the student */
	const char *user, *program;
	/* ISO 8601 dates or times (xj_dates_time_parse), inclusive, compared with
	 * the real time as moments; anything else is XJ_EUSAGE */
	const char *since, *until;
};
/* Calls fn for each entry in order; fn returns non-zero to stop. */
int xj_store_log_each(struct xj_store *st, const struct xj_log_filter *f,
		      int (*fn)(void *, const struct xj_log_entry *),
		      void *ctx, struct xj_error *err);
/* The first entry whose time is the real clock's: those written before
 * the store came to schema 3 carry whatever $XJ_NOW said then, so their
 * order proves nothing.  1 on a store made since; past the last entry
 * when there is none. */
int xj_store_clock_since(struct xj_store *st, long long *first, struct xj_error *err);

/* store_witness.c: the entries a witnessed head is checked against. */

/* Entry id (0: the last) to fn, as xj_store_log_each gives it but without
 * the student's exam number or the business time (neither is hashed):
 * 1 found, 0 none, -1.  One read, for the witnessed heads (witness.h). */
int xj_store_log_entry(struct xj_store *st, long long id,
		       int (*fn)(void *, const struct xj_log_entry *), void *ctx,
		       struct xj_error *err);
/* Each "restore" entry in order: its id, the head of the log it replaced
 * ("N:HASH", "" when it names none) and where that store was kept aside. */
int xj_store_restore_each(struct xj_store *st,
			  int (*fn)(void *, long long id, const char *head, const char *aside),
			  void *ctx, struct xj_error *err);

/* store_rows.c: the row log's triggers held back for a command. */

/* Hold back table's insert trigger for the rest of the command: the rows
 * inserted meanwhile are logged at the seal, as they stand then, in one
 * statement.  For a bulk writer, whose per-row trigger would make every
 * insert a statement SQLite must be able to undo (a page copy each). */
int xj_store_rows_defer(struct xj_store *st, const char *table, struct xj_error *err);
/* The same for a small table of counters, its updates too: a command that
 * numbers thousands of things updates one row for each, and would log the
 * row as often.  At the seal each row that differs from its last logged
 * row is logged, once, as it stands then: the log keeps a key's last row. */
int xj_store_rows_defer_counter(struct xj_store *st, const char *table,
				struct xj_error *err);
/* Hold back table's insert trigger for the rest of the command, and never
 * log the rows inserted meanwhile: an import's entry vouches for them
 * (xj_store_chain_begin), and the check makes them again from it. */
int xj_store_rows_vouched(struct xj_store *st, const char *table, struct xj_error *err);

/* store_students.c: students, their statuses, queries, imports and source rows. */

/* The store's schema against the one this program makes, object for
 * object (tables, indexes, triggers, views, by their text): 0 the same,
 * 1 with the first that differs said into why ("trigger zz is not
 * xj's", "index student_id_number is gone", "trigger xj_row_student_u is
 * not as xj made it"), -1 err.  Every command that writes holds the
 * store to it first and writes nothing to one that differs. */
/* The store's schema version (PRAGMA user_version) into *v: 0, or -1. */
int xj_store_schema_version(struct xj_store *st, int *v, struct xj_error *err);
int xj_store_schema_differs(struct xj_store *st, char *why, size_t size,
			    struct xj_error *err);
/* The schema this program makes, one object a line ("type TAB name TAB
 * sql", by type and name), made now in a store in memory: what the
 * build's reference (make schema-ref) must be. */
int xj_store_schema_reference(struct xj_sb *out, struct xj_error *err);
/* Students.  Insert fails with XJ_ECONFLICT and err->field set to the
 * key (exam_no, id_number, student_no) another student already has. */
int xj_store_student_insert(struct xj_store *st, const struct xj_student *s,
			    long long *id, struct xj_error *err);
/* A student made by a bulk load, with its source row (as
 * xj_store_source_add's): held, and inserted with the next ones, a few
 * dozen at a time (store_bulk.c).  The exam and ID numbers are not checked
 * here: a bulk load builds their keys after its rows
 * (xj_store_student_keys); a student number another student has fails
 * the insert of the rows held with XJ_ECONFLICT.
 * Whatever the store does next stores the rows first (a savepoint, a
 * commit, another insert, the keys), or, for a rollback, forgets them;
 * xj_store_bulk_flush stores them now. */
int xj_store_bulk_student(struct xj_store *st, const struct xj_student *s,
			  long long import_id, long line, const char *source,
			  const struct xj_sb *data, struct xj_error *err);
int xj_store_bulk_flush(struct xj_store *st, struct xj_error *err);
/* Find by a key field; 1 found (s owns its strings), 0 not, -1 error. */
int xj_store_student_find(struct xj_store *st, int field, const char *value,
			  struct xj_student *s, struct xj_error *err);
/* As xj_store_student_find by exam number, the student after row id
 * after tried first (a file read again comes in the store's order). */
int xj_store_student_find_next(struct xj_store *st, long long after, const char *exam_no,
			       struct xj_student *s, struct xj_error *err);
/* Find by any key the user may give: exam number, student number or ID
 * number, in that order; as xj_store_student_find. */
int xj_store_student_by_key(struct xj_store *st, const char *key, struct xj_student *s,
			    struct xj_error *err);
/* The student whose row id is id: 1 found, 0 none, -1 err. */
int xj_store_student_get(struct xj_store *st, long long id, struct xj_student *stu,
			 struct xj_error *err);
int xj_store_student_set(struct xj_store *st, long long id, int field,
			 const char *value, struct xj_error *err);
/* The student's cohort (年级), moved by a status change (降级). */
int xj_store_student_set_cohort(struct xj_store *st, long long id, int cohort,
				struct xj_error *err);
/* Add a dated status row by an act of kind by (XJ_BY_..., xj/status.h):
 * refused (XJ_EDATA) unless the state machine permits the move from the
 * student's current status. */
int xj_store_status_add(struct xj_store *st, long long student_id,
			const char *status, const char *since, const char *by,
			struct xj_error *err);
/* The day the student's current status holds from: 1, 0 none. */
int xj_store_status_since(struct xj_store *st, long long student_id, struct xj_sb *since,
			  struct xj_error *err);
/* The same for every student after id after, each of whom has no status
 * yet (an import's new students), in one statement, in the students'
 * order: the ids of those students and of their statuses, first and last,
 * into students[] and statuses[]. */
int xj_store_status_first(struct xj_store *st, long long after, const char *status,
			  const char *since, const char *by, long long students[2],
			  long long statuses[2], struct xj_error *err);
int xj_store_student_last(struct xj_store *st, long long *last, struct xj_error *err);
/* Drop the two unique keys a roster fills, exam and ID number (build 0),
 * for a load into an empty table, or build them again (build 1): 1 when
 * the rows hold a key twice (nothing is built then), 0 built.  The
 * student number's key stays in place. */
int xj_store_student_keys(struct xj_store *st, int build, struct xj_error *err);

/* Imports and the rows they brought. */
int xj_store_import_begin(struct xj_store *st, const char *source,
			  const char *file, const char *encoding,
			  long long *import_id, struct xj_error *err);
int xj_store_import_end(struct xj_store *st, long long import_id,
			const char *sha256, long read, long imported,
			long unchanged, long refused, struct xj_error *err);
/* Rows seen in the file being imported, to catch a key given twice.  0: key
 * is new (now remembered with line); 1: seen before, at *prev_line. */
int xj_store_seen_reset(struct xj_store *st, struct xj_error *err);
int xj_store_seen(struct xj_store *st, const char *key, long line,
		  long *prev_line, struct xj_error *err);
/* The same for a student of the store, by its id: a file read again
 * names its students in the order of their ids, so each is added at the
 * end of the list, not searched into its middle as an exam number is. */
int xj_store_seen_student(struct xj_store *st, long long id, long line,
			  long *prev_line, struct xj_error *err);
/* A source row: data, a JSON object or array (its length known: the
 * rows of a file are many, and long). */
int xj_store_source_add(struct xj_store *st, long long import_id, long line,
			const char *source, long long student_id,
			const struct xj_sb *data, struct xj_error *err);

/* Has any row of source been imported for a student of cohort? 1, 0, -1. */
int xj_store_source_in_cohort(struct xj_store *st, const char *source, int cohort,
			      struct xj_error *err);
/* The newest row of source for a student: its data as JSON, "file:line"
 * (both into the caller's buffers) and the import it came with.  1 found,
 * 0 none, -1 error. */
int xj_store_source_latest(struct xj_store *st, long long student_id,
			   const char *source, struct xj_sb *data,
			   struct xj_sb *where, long long *import_id,
			   struct xj_error *err);
/* The same among the rows of one academic year (a results row's year
 * column; NULL: any). */
int xj_store_source_latest_year(struct xj_store *st, long long student_id,
				const char *source, const char *year, struct xj_sb *data,
				struct xj_sb *where, long long *import_id,
				struct xj_error *err);
/* Photo-comparison results (P5, P13), as dated facts: the newest result
 * of a pair is the one in force.  latest: 1 found (result into out), 0. */
int xj_store_photo_add(struct xj_store *st, long long student_id,
		       const char *pair, const char *result, const char *score,
		       const char *source, const char *date, struct xj_error *err);
/* Is this result of this pair, on this date, on record already? */
int xj_store_photo_known(struct xj_store *st, long long student_id,
			 const char *pair, const char *result, const char *date,
			 struct xj_error *err);
/* The result of the pair's latest comparison by the day it was made
 * (checked_on), the later recorded of one day: a result recorded late
 * for an earlier day does not stand over a newer one. */
int xj_store_photo_latest(struct xj_store *st, long long student_id,
			  const char *pair, struct xj_sb *out, struct xj_error *err);
/* The same for n pairs at once (n at most XJ_PHOTO_PAIRS_MAX): found[i] is
 * 1 when pairs[i] has a comparison, its result then in out[i]. */
#define XJ_PHOTO_PAIRS_MAX 4
int xj_store_photos_latest(struct xj_store *st, long long student_id,
			   const char *const pairs[], int n, struct xj_sb out[], int found[],
			   struct xj_error *err);
/* A student's reported name form for an outside system (chsi, admission),
 * where the legal name cannot be written, with its proof document; the
 * newest is in force.  latest: 1 found (name and proof into the buffers). */
int xj_store_form_add(struct xj_store *st, long long student_id,
		      const char *system, const char *name, const char *proof,
		      struct xj_error *err);
int xj_store_form_latest(struct xj_store *st, long long student_id,
			 const char *system, struct xj_sb *name,
			 struct xj_sb *proof, struct xj_error *err);
/* The newest import of source before import_id (0: the newest of all):
 * its id and SHA-256; 1 found, 0 none. */
int xj_store_import_prev(struct xj_store *st, const char *source,
			 long long before, long long *id, struct xj_sb *sha,
			 struct xj_error *err);
/* The last import of source, when its rows were all taken (none
 * refused): 1 with its file's SHA-256 and the rows read, else 0. */
int xj_store_import_whole(struct xj_store *st, const char *source, char sha256[65],
			  long *rows, struct xj_error *err);
/* The data of student's row in an import (1), or 0 when it has none. */
int xj_store_import_row(struct xj_store *st, long long import_id,
			long long student_id, struct xj_sb *data,
			struct xj_error *err);
/* Rows of an import that match no student: fn(ctx, line, data). */
int xj_store_import_unmatched(struct xj_store *st, long long import_id,
			      void (*fn)(void *, long, const char *), void *ctx,
			      struct xj_error *err);
/* Each field of a JSON object, as text: calls fn(ctx, key, value). */
int xj_store_json_each(struct xj_store *st, const char *json,
		       void (*fn)(void *, const char *, const char *),
		       void *ctx, struct xj_error *err);

/* Queries: students selected by the filters, in exam-number order. */
struct xj_query {
	int cohort;           /* 0: any */
	const char *dept, *major, *klass, *status;
	const char *key;      /* exam_no, student_no or id_number; NULL: any */
	const char *after;    /* only exam numbers after it; NULL: from the first */
};
/* A typo in a filter is a usage error naming what is known, never an
 * empty answer: --dept a department of the config (code or name), --major
 * a major (code or name) and --class a class some student has, --status
 * a status of the table (XJ_EUSAGE).  Checked once for each statement. */
int xj_store_query_begin(struct xj_store *st, const struct xj_query *q,
			 struct xj_error *err);
/* 1: a student in s (owned by the caller); 0: no more; -1: error. */
int xj_store_query_next(struct xj_store *st, struct xj_student *s,
			struct xj_error *err);
/* The query's rows let go before it has given them all. */
void xj_store_query_end(struct xj_store *st);

/* store_chain.c: the rows an import's entry vouches for, and their check. */

/* The import's source rows are not copied into the row log: its one entry
 * commits to them (store_chain.c).  From xj_store_chain_begin to
 * xj_store_chain_end each row xj_store_source_add adds for import_id goes
 * into a digest, in order; a savepoint rolled back takes its rows out
 * again.  The end: the digest's hex, the first and last row's ids (a
 * run: no other row is among them) and the count of rows (-1 when no
 * digest was on).  A row xj_store_bulk_student holds goes in when it is
 * stored: the caller flushes them before the end. */
int xj_store_chain_begin(struct xj_store *st, long long import_id, struct xj_error *err);
long long xj_store_chain_end(struct xj_store *st, char hex[65], long long ids[2]);

/* What an import's entry vouches for, read back for the check: its
 * source rows (count, digest, and the run of ids they have), the students
 * it made (ids lo..hi; hi < lo for none) from them with its --cohort and
 * --accept-15 and the normalisation's version made_by, and the statuses it gave them (ids lo..hi, since).
 * stored_rows: the rows the store has of the import now. */
struct xj_vouched {
	long long entry, command_id, import_id, rows, stored_rows;
	char sha256[65];
	long long source_ids[2], students[2], statuses[2];
	char since[11];
	int cohort, accept_15;
	int made_by;   /* the normalisation's version (normalize.h) */
	/* the row digests it kept (store_digest.c): their count, SHA-256
	 * and parts' ids (a run lo..hi, hi < lo when none) */
	long long digests, digest_ids[2];
	char digests_sha256[65];
};
/* fn for each import entry that vouches for its rows, in log order. */
int xj_store_vouched_each(struct xj_store *st,
			  int (*fn)(void *ctx, const struct xj_vouched *v), void *ctx,
			  struct xj_error *err);
/* v's run of source rows taken again into its digest, each given to fn
 * in order: 0 when the run is the import's rows and their digest the
 * entry's, 1 when not (the rows found into *got and their digest into
 * hex, said by the caller), -1. */
int xj_store_vouched_sources(struct xj_store *st, const struct xj_vouched *v,
			     int (*fn)(void *ctx, long line, const char *source,
				       long long student, const char *data),
			     void *ctx, long long *got, char hex[65], struct xj_error *err);
/* v's row digests, their parts taken again: 0 when the run is the
 * import's parts and their count and SHA-256 the entry's, 1 when not
 * (the count found into *got, the SHA-256 into hex), -1. */
int xj_store_vouched_digests(struct xj_store *st, const struct xj_vouched *v,
			     long long *got, char hex[65], struct xj_error *err);
/* The student id as its source row makes it again (made), held against
 * the row the store has: fn for each field that differs, or for the row
 * gone.  The number of differences, or -1. */
struct xj_row_diff;
int xj_store_replayed_check(struct xj_store *st, long long id, const struct xj_student *made,
			    void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx,
			    struct xj_error *err);
/* 1 with the student's exam number when the store has student id, 0. */
int xj_store_student_exists(struct xj_store *st, long long id, struct xj_sb *exam,
			    struct xj_error *err);
/* v's statuses held against what it gave them: fn for each field that
 * differs and each status gone; the number of differences, or -1. */
int xj_store_vouched_statuses(struct xj_store *st, const struct xj_vouched *v,
			      void (*fn)(void *ctx, const struct xj_row_diff *d), void *ctx,
			      struct xj_error *err);

/* store_digest.c: the digests of the rows a roster import took whole
 * (rowdigest.h), kept for the next import to know its rows again. */

struct xj_rowdigest_entry;

/* A part of n entries for the import; its id into *id. */
int xj_store_digest_part(struct xj_store *st, long long import_id,
			 const struct xj_rowdigest_entry *e, size_t n, long long *id,
			 struct xj_error *err);
/* Many parts read or written (on), or done (off): the page cache is kept
 * small meanwhile, and what it held given back. */
int xj_store_digest_bulk(struct xj_store *st, int on, struct xj_error *err);
/* The row log's last id, and the config in force (0: none). */
int xj_store_digest_marks(struct xj_store *st, long long *mark, long long *config,
			  struct xj_error *err);
/* What an earlier roster import kept: its id, how many digests with
 * their SHA-256, and what they hold under: the row log's last id, the
 * config in force and the business date when it ended. */
struct xj_digest_prior {
	long long import_id, n, mark, config;
	char sha256[65], on[16];
};
/* The roster import before import id before whose digests the next
 * import looks in: the last of file, else the one that kept the most
 * rows (another file of the same roster, corrected, is most like it); 1
 * found (p), 0 none, -1. */
int xj_store_digest_prior(struct xj_store *st, const char *file, long long before,
			  struct xj_digest_prior *p, struct xj_error *err);
/* Is d among its digests?  1 yes, 0 no, -1 (the parts read as they
 * are: the whole read checks them). */
int xj_store_digest_has(struct xj_store *st, const struct xj_digest_prior *p,
			const unsigned char *d, struct xj_error *err);
/* Its parts read into one array of p->n entries (*out, malloc'd): 1 when
 * they are whole and their SHA-256 is the entry's; 0 when not (nothing
 * in *out); -1. */
int xj_store_digest_read(struct xj_store *st, const struct xj_digest_prior *p,
			 struct xj_rowdigest_entry **out, struct xj_error *err);
/* fn for each student the row log has changed since its id mark (one
 * changed twice, twice). */
int xj_store_digest_changed(struct xj_store *st, long long mark,
			    void (*fn)(void *ctx, long long id), void *ctx,
			    struct xj_error *err);

/* store_review.c: reviews, sign-offs, cases and signed decisions. */

/* A decision: an audit entry signed on its own with the store's key
 * (xj_store_sign_with), over statement, what it decides (xj_audit_*_
 * statement), ended here by the head before the entry
 * (xj_audit_statement_head); the text signed is kept beside the
 * signature.  Refused (XJ_EUSAGE) when no key signs this command. */
int xj_store_audit_signed(struct xj_store *st, long long student_id,
			  const char *action, const char *new_json,
			  const char *statement, struct xj_error *err);
/* A writer of many decisions asks for them to be signed on a second
 * thread while it goes on (signer.h): their signatures are stored a
 * little later in the same transaction, all of them before it commits
 * or rolls back to a savepoint.  Nothing read between sees them: only a
 * writer that reads no signature until it commits asks.  Without a
 * thread to start, decisions are signed as they come. */
void xj_store_sign_ahead(struct xj_store *st);
/* The signatures made so far stored (all of them, waiting, with all). */
int xj_store_signed_catch_up(struct xj_store *st, int all, struct xj_error *err);
/* The staff member whose key signs this command, or NULL. */
const char *xj_store_signer(const struct xj_store *st);
/* A student's exam number, name and ID number ("" when none) by row id:
 * 1 found, 0 none, -1. */
int xj_store_student_ident(struct xj_store *st, long long student_id,
			   struct xj_sb *exam_no, struct xj_sb *name,
			   struct xj_sb *id_number, struct xj_error *err);
/* A decision signed away from the store (xj-key sign): the entry, and
 * beside it the signer's signature of statement, the text they signed
 * (xj_audit_signoff_statement).  The command is still signed by the key
 * in use, which is needed (XJ_EUSAGE). */
int xj_store_audit_statement(struct xj_store *st, long long student_id,
			     const char *action, const char *new_json,
			     const char *signer, const char *public_key,
			     const char *signature, const char *statement,
			     struct xj_error *err);
/* Is this statement signed and recorded already?  1 yes, 0 no, -1. */
int xj_store_statement_known(struct xj_store *st, const char *statement,
			     struct xj_error *err);
struct xj_decision_row {
	long long audit_id, command_id;
	const char *signer, *public_key, *signature, *hash;
	/* a decision signed over a statement: the statement, and for one
	 * signed on a sheet the sign-off its entry made ("" and 0 when none) */
	const char *statement, *exam_no, *stage, *level, *result;
	long long review_id;
	/* its entry: the hash before it, its action and new values, and its
	 * student's exam number ("" when none) */
	const char *prev_hash, *entry_action, *entry_new, *entry_student;
};
int xj_store_decision_each(struct xj_store *st,
			   int (*fn)(void *, const struct xj_decision_row *),
			   void *ctx, struct xj_error *err);
/* Each config load's entry, in order, with the SHA-256 of the config it
 * loaded: what a decision after it and before the next was made under. */
int xj_store_config_hashes(struct xj_store *st,
			   int (*fn)(void *, long long audit_id, const char *sha256),
			   void *ctx, struct xj_error *err);
/* A row that stands on a decision signed over a statement, with what it
 * says, for xj log --verify: a review, signoff, change_request,
 * change_event (its request's kind and values with it), case_file,
 * case_event or holding_event (a check) row.  The rows of one table on
 * one decision come together, ordered by key (the holding a check is of,
 * else 0) and id.  Strings are NULL where the row has no such value; they
 * live for the call. */
struct xj_stood_row {
	const char *table;
	long long id, audit_id, key;
	const char *statement;
	const char *student, *signer, *stage, *level, *result, *items, *note, *text, *action;
	long long review, request, step, case_id;   /* step: the level an approval is */
	const char *kind, *old, *new_, *old_min, *new_min;   /* the request's */
	/* the decision's entry: the request, kind and values it names */
	const char *e_request, *e_kind, *e_old, *e_new;
	int holding_named;   /* the check's entry names its holding: 1, 0; -1 names none */
};
int xj_store_stood_each(struct xj_store *st,
			int (*fn)(void *, const struct xj_stood_row *), void *ctx,
			struct xj_error *err);

/* Reviews (P4, P7) and their sign-offs (P1), as facts with history. */
struct xj_review {
	long long id;
	char result[8];
	struct xj_sb items, reviewer;
	struct xj_sb confirm, dept, leader;   /* "" until signed */
};
int xj_store_review_add(struct xj_store *st, long long student_id,
			const char *stage, const char *result, const char *items,
			const char *note, const char *reviewer, long long *id,
			struct xj_error *err);
int xj_store_signoff_add(struct xj_store *st, long long review_id,
			 const char *level, const char *signer, struct xj_error *err);
/* The newest review of a stage with its sign-offs: 1, or 0 when none. */
int xj_store_review_latest(struct xj_store *st, long long student_id,
			   const char *stage, struct xj_review *r,
			   struct xj_error *err);
void xj_store_review_release(struct xj_review *r);
/* Reviews, sign-offs, change requests and steps, cases and their notes
 * and findings, archive checks with no decision signed by the person they
 * name: fn(ctx, "review", "sign-off", "change request", "change approve",
 * "case", "case note", "archive check", ..., id, name). */
int xj_store_unsigned_each(struct xj_store *st,
			   int (*fn)(void *, const char *what, long long id,
				     const char *who),
			   void *ctx, struct xj_error *err);
/* Commands that wrote entries of the log and that no one signed, but for
 * xj init (the first command), schema migrations, whose entries say only
 * that, and the commands of a store made before schema 3 up to its
 * migration (keys were not a must then): fn(ctx, command, its first such entry, the entry's action). */
int xj_store_unsigned_commands(struct xj_store *st,
			       int (*fn)(void *, long long command, long long entry,
					 const char *action),
			       void *ctx, struct xj_error *err);
/* Investigation cases (P8): opened with a reason, then notes, a finding
 * (close: "cleared" or "confirmed") and a referral, as events. */
struct xj_case {
	long long id;
	struct xj_sb reason, opened_by, opened_on, finding;
	int referred;
};
int xj_store_case_open(struct xj_store *st, long long student_id,
		       const char *reason, const char *who, long long *id,
		       struct xj_error *err);
int xj_store_case_event(struct xj_store *st, long long case_id, const char *kind,
			const char *text, const char *who, struct xj_error *err);
/* The newest case of a student with its finding and referral: 1, or 0. */
int xj_store_case_latest(struct xj_store *st, long long student_id,
			 struct xj_case *c, struct xj_error *err);
void xj_store_case_release(struct xj_case *c);

/* store_sheet.c: what a sign-off sheet names: the store's id, a signer's full name. */

/* The store's own id (meta store_id, 32 hex digits), made on first use
 * when create is set: 1 found, 0 none. */
int xj_store_id(struct xj_store *st, int create, struct xj_sb *id,
		struct xj_error *err);
/* A staff member's full name in the config in force ("" when none). */
int xj_store_staff_full_name(struct xj_store *st, const char *name,
			     struct xj_sb *out, struct xj_error *err);

/* store_change.c: change requests, their files and events, errata, the freeze. */

/* Change requests (P12, P10, P17) and status changes: a request with its
 * evidence, then events (evidence added, approve, reject, apply, filed).
 * A request read back owns its buffers (xj_store_change_req_release); state is
 * "pending", "rejected" or "applied"; approvers are comma-joined in order. */
struct xj_change_req {
	long long id, student_id;
	struct xj_sb kind;            /* key, field, status, errata */
	struct xj_sb old, new_;       /* JSON objects: field -> value */
	struct xj_sb evidence;        /* comma-joined kinds given */
	struct xj_sb required;        /* comma-joined kinds the rule asks for */
	struct xj_sb levels;          /* the approving roles, comma-joined */
	struct xj_sb note, origin, requested_by, requested_on;
	int register_shows, filing;
	struct xj_sb approvers, state, filed, exam_no, name, rejected, decided_on;
};
void xj_store_change_req_release(struct xj_change_req *r);
/* Record a request (kind .. requested_by of r) against the audit entry
 * just written. */
int xj_store_change_add(struct xj_store *st, long long student_id,
			const struct xj_change_req *r, long long *id,
			struct xj_error *err);
int xj_store_change_file(struct xj_store *st, long long request_id, const char *name,
			 const char *sha256, const void *data, long size,
			 struct xj_error *err);
int xj_store_change_files(struct xj_store *st, long long request_id,
			  void (*fn)(void *, const char *name, const char *sha256, long size),
			  void *ctx, struct xj_error *err);
int xj_store_change_event(struct xj_store *st, long long request_id, const char *kind,
			  const char *who, const char *text, struct xj_error *err);
/* 1 found, 0 none. */
int xj_store_change_get(struct xj_store *st, long long id, struct xj_change_req *r,
			struct xj_error *err);
/* Every request (of one student, or all when student_id is 0), in order;
 * fn returns non-zero to stop. */
int xj_store_change_each(struct xj_store *st, long long student_id,
			 int (*fn)(void *, const struct xj_change_req *), void *ctx,
			 struct xj_error *err);
/* The approval the audit entry audit_id recorded: its request, level
 * (1 for the first), role and signer, and the request's student, kind and
 * values as they stand.  1 found, 0 none; the caller releases a. */
struct xj_change_approval {
	long long request;
	int level;
	struct xj_sb signer, role, exam_no, kind, old, new_;
};
int xj_store_change_approval(struct xj_store *st, long long audit_id,
			     struct xj_change_approval *a, struct xj_error *err);
void xj_store_change_approval_release(struct xj_change_approval *a);
/* The statements request id's approvals were signed over, in order, with
 * their signers (the approvals signed before statements are left out). */
int xj_store_change_statements(struct xj_store *st, long long id,
			       int (*fn)(void *, const char *signer, const char *statement),
			       void *ctx, struct xj_error *err);

/* How many applied errata of a student still wait for their filing. */
int xj_store_filing_pending(struct xj_store *st, long long student_id,
			    struct xj_error *err);
/* The freeze of P16: once a student's credential is registered, only
 * errata change the record.  frozen: 1 (since: "DATE (reason)"), 0. */
int xj_store_freeze_add(struct xj_store *st, long long student_id, const char *since,
			const char *reason, struct xj_error *err);
int xj_store_frozen(struct xj_store *st, long long student_id, struct xj_sb *since,
		    struct xj_error *err);

/* store_register.c: registrations, submissions, holds and number sequences. */

/* Registrations (P9, P11) as dated facts: kind "new" (year: the cohort)
 * or "annual" (the academic year); state submitted, registered, failed,
 * deferred, refused or not-registered.  The newest of a kind and year is
 * in force.  latest: 1 found (into r), 0. */
struct xj_reg {
	struct xj_sb state, reason, on_date;
	int late;
};
int xj_store_reg_add(struct xj_store *st, long long student_id, const char *kind,
		     int year, const char *state, const char *reason, int late,
		     long long submission_id, struct xj_error *err);
int xj_store_reg_latest(struct xj_store *st, long long student_id, const char *kind,
			int year, struct xj_reg *r, struct xj_error *err);
/* The years from..to (at most max of them) whose newest registration of
 * kind stands at state; their number. */
int xj_store_reg_years(struct xj_store *st, long long student_id, const char *kind,
		       const char *state, int from, int to, int *years, int max,
		       struct xj_error *err);
void xj_store_reg_release(struct xj_reg *r);
/* fn(ctx, exam_no) for each student still awaiting CHSI's answer to a
 * submission of new students that the running command answered rows of
 * (to the newest such submission when it answered none), in the order
 * they were submitted.  The list is read whole first: fn may answer. */
int xj_store_rest_each(struct xj_store *st, int (*fn)(void *ctx, const char *exam_no),
		       void *ctx, struct xj_error *err);
/* The newest recorded submission of kind that handed the student's
 * registration of year to CHSI: 1 (its id into *id), 0 none. */
int xj_store_reg_submitted(struct xj_store *st, long long student_id, const char *kind,
			   int year, long long *id, struct xj_error *err);
/* A file handed to CHSI: its name, SHA-256 and rows. */
int xj_store_submission_add(struct xj_store *st, const char *kind, int year,
			    const char *file, const char *sha256, long rows,
			    long long *id, struct xj_error *err);
/* Holds on the annual registration (deferred, refused, cleared); the
 * newest of a year is in force.  latest: 1 (kind and reason), 0. */
int xj_store_hold_add(struct xj_store *st, long long student_id, int year,
		      const char *kind, const char *reason, struct xj_error *err);
int xj_store_hold_latest(struct xj_store *st, long long student_id, int year,
			 struct xj_sb *kind, struct xj_sb *reason, struct xj_error *err);
/* The next number of a sequence (1 for a new one), counted in the
 * command's transaction: a rolled-back command gives none away. */
int xj_store_number_next(struct xj_store *st, const char *key, long *seq,
			 struct xj_error *err);
/* The same, but never past max: 1 with *seq, 0 when the numbers up to
 * max are all given (nothing is written then), -1. */
int xj_store_number_upto(struct xj_store *st, const char *key, long max, long *seq,
			 struct xj_error *err);

/* store_diploma.c: certificates and their events, and kept source fields. */

/* Certificates (P13-P15): diplomas (毕业, 结业, 肄业) and certificates of
 * academic credentials (kind "proof", with original_id), and their events
 * (submitted, registered, failed, lost, damaged, marked, conclusion,
 * revoked).  state: the newest of submitted .. revoked, else "issued";
 * conclusion: the newest conclusion event's, else the issued one.  A
 * certificate read back owns its buffers (xj_store_cert_release). */
struct xj_cert {
	long long id, student_id, original_id;
	struct xj_sb kind, conclusion, number, issued_on, principal, reason, applied_on;
	struct xj_sb state, note, exam_no, name;
	int registered, marked, revoked, cohort;
};
void xj_store_cert_release(struct xj_cert *c);
int xj_store_cert_add(struct xj_store *st, long long student_id, const struct xj_cert *c,
		      long long *id, struct xj_error *err);
int xj_store_cert_event(struct xj_store *st, long long cert_id, const char *kind,
			const char *text, const char *who, struct xj_error *err);
/* 1 found, 0 none: by id; a student's newest of a kind; the proof of an
 * original. */
int xj_store_cert_get(struct xj_store *st, long long id, struct xj_cert *c,
		      struct xj_error *err);
int xj_store_cert_of(struct xj_store *st, long long student_id, const char *kind,
		     struct xj_cert *c, struct xj_error *err);
int xj_store_cert_proof_of(struct xj_store *st, long long original_id, struct xj_cert *c,
			   struct xj_error *err);
/* Every certificate (of a cohort, 0: all), by exam number. */
int xj_store_cert_each(struct xj_store *st, int cohort,
		       int (*fn)(void *, const struct xj_cert *), void *ctx,
		       struct xj_error *err);
int xj_store_cert_events(struct xj_store *st, long long cert_id,
			 int (*fn)(void *, const char *kind, const char *text,
				   const char *by, const char *on), void *ctx,
			 struct xj_error *err);
/* Each row of a source kept for a student, in order: fn(ctx, vals) with
 * the row's value at each of the JSON paths ($."key" for a key; NULL where
 * it has none; a NULL path asks for nothing). */
#define XJ_SOURCE_FIELDS 5
int xj_store_source_fields(struct xj_store *st, long long student_id, const char *source,
			   const char *const paths[XJ_SOURCE_FIELDS],
			   void (*fn)(void *, const char *const vals[XJ_SOURCE_FIELDS]),
			   void *ctx, struct xj_error *err);

/* store_archive.c: the archive's holdings, custody, kept files and fixity. */

/* The archive (P18-P20): holdings (an item of a kind received: paper,
 * with where it sits, and/or an electronic copy by its SHA-256) and the
 * steps of each student's archive (check, file, lend, return, transfer).
 * Strings of a holding handed to fn live for the call. */
struct xj_holding {
	long long id;
	const char *kind, *location, *sha256, *media, *name, *by, *on;
	const char *checked_by, *filed_at;   /* "" until checked, filed */
	int paper;
	long size;
};
int xj_store_holding_add(struct xj_store *st, long long student_id,
			 const struct xj_holding *h, long long *id, struct xj_error *err);
int xj_store_holding_event(struct xj_store *st, long long student_id, long long holding_id,
			   const char *kind, const char *to, const char *text, const char *due,
			   const char *who, struct xj_error *err);
int xj_store_holding_each(struct xj_store *st, long long student_id,
			  int (*fn)(void *, const struct xj_holding *), void *ctx,
			  struct xj_error *err);
/* Where the paper file is: lent to whom until when ("" when in), moved
 * to whom ("" when it never left). */
struct xj_custody {
	struct xj_sb lent_to, due, moved_to;
};
int xj_store_custody(struct xj_store *st, long long student_id, struct xj_custody *c,
		     struct xj_error *err);
void xj_store_custody_release(struct xj_custody *c);
/* Has any paper item of the student been collected?  1, 0, -1. */
int xj_store_paper_held(struct xj_store *st, long long student_id, struct xj_error *err);
/* A fixity check's result ("ok", "missing", "altered"), and the files to
 * check: every one, or a random sample of n. */
int xj_store_fixity_add(struct xj_store *st, const char *sha256, const char *result,
			struct xj_error *err);
int xj_store_archived_files(struct xj_store *st, long sample,
			    int (*fn)(void *, const char *sha256, long size), void *ctx,
			    struct xj_error *err);
/* A file the store keeps, beside what the audit entry that brought it in
 * recorded (P20): an archive item's electronic copy (request 0; kind and
 * media its own), or an evidence file of a change request (data, len: its
 * bytes in the store).  logged: 1 the entry recorded logged_sha256 and
 * logged_size; 0 no entry records the file; -1 its entry is from before
 * files were recorded, so there is nothing to compare with.  Strings and
 * bytes live for the call. */
struct xj_kept {
	long long id, request;
	const char *kind, *media, *exam_no, *sha256, *logged_sha256;
	long size, logged_size, len;
	int logged;
	const void *data;
};
/* The copies (the evidence files) of a student, or of all with 0. */
int xj_store_kept_copies(struct xj_store *st, long long student_id,
			 int (*fn)(void *, const struct xj_kept *), void *ctx,
			 struct xj_error *err);
int xj_store_kept_evidence(struct xj_store *st, long long student_id,
			   int (*fn)(void *, const struct xj_kept *), void *ctx,
			   struct xj_error *err);
/* The files the log records that the store no longer holds: logged 1,
 * exam_no, and kind (a copy) or request (an evidence file); id 0. */
int xj_store_kept_lost(struct xj_store *st, int (*fn)(void *, const struct xj_kept *),
		       void *ctx, struct xj_error *err);

#endif
