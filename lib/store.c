/* store.c: opening, creating and migrating the store; transactions; the
 * command record and the audit log.  Every value is bound, never pasted. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/audit.h"
#include "xj/clock.h"
#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/key.h"
#include "xj/netfs.h"
#include "xj/writeback.h"
#include "store_impl.h"

/* Version 1 of the schema.  Triggers keep the promise that nothing is ever
 * deleted and the log is never edited; the hash chain catches anyone who
 * goes around them. */
static const char schema_v1[] =
"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
"CREATE TABLE command(id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
"  login TEXT NOT NULL, user TEXT, program TEXT NOT NULL, args TEXT NOT NULL);"
"CREATE TABLE student(id INTEGER PRIMARY KEY,"
"  exam_no TEXT NOT NULL UNIQUE, student_no TEXT UNIQUE, id_number TEXT UNIQUE,"
"  name TEXT NOT NULL, gender TEXT, birth_date TEXT, ethnicity TEXT,"
"  ethnicity_code TEXT, political TEXT, major_code TEXT, major_name TEXT,"
"  level TEXT, duration TEXT, study_mode TEXT, enrol_date TEXT, dept TEXT,"
"  class TEXT, batch TEXT, admission_type TEXT, origin TEXT, phone TEXT,"
"  address TEXT, notice_no TEXT, id_type TEXT NOT NULL, id_number_original TEXT,"
"  cohort INTEGER NOT NULL);"
"CREATE TABLE status(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), status TEXT NOT NULL,"
"  since TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX status_student ON status(student_id);"
"CREATE TABLE command_sig(command_id INTEGER PRIMARY KEY REFERENCES command(id),"
"  signer TEXT, public_key TEXT NOT NULL, last_entry INTEGER NOT NULL,"
"  hash TEXT NOT NULL, signature TEXT NOT NULL);"
"CREATE TABLE audit(id INTEGER PRIMARY KEY,"
"  command_id INTEGER NOT NULL REFERENCES command(id),"
"  student_id INTEGER REFERENCES student(id), action TEXT NOT NULL,"
"  old TEXT, new TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
"CREATE INDEX audit_student ON audit(student_id);"
"CREATE TABLE review(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), stage TEXT NOT NULL,"
"  result TEXT NOT NULL, items TEXT NOT NULL, note TEXT, reviewer TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id),"
"  audit_id INTEGER NOT NULL REFERENCES audit(id));"
"CREATE INDEX review_student ON review(student_id, stage);"
"CREATE TABLE signoff(id INTEGER PRIMARY KEY,"
"  review_id INTEGER NOT NULL REFERENCES review(id), level TEXT NOT NULL,"
"  signer TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id),"
"  audit_id INTEGER NOT NULL REFERENCES audit(id), UNIQUE(review_id, level));"
"CREATE TABLE case_file(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), reason TEXT NOT NULL,"
"  opened_by TEXT NOT NULL, opened_on TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TABLE case_event(id INTEGER PRIMARY KEY,"
"  case_id INTEGER NOT NULL REFERENCES case_file(id), kind TEXT NOT NULL,"
"  text TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TABLE decision_sig(audit_id INTEGER PRIMARY KEY REFERENCES audit(id),"
"  signer TEXT NOT NULL, public_key TEXT NOT NULL, signature TEXT NOT NULL);"
"CREATE TABLE photo_check(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), pair TEXT NOT NULL,"
"  result TEXT NOT NULL, score TEXT, source TEXT NOT NULL, checked_on TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX photo_check_student ON photo_check(student_id, pair);"
"CREATE TABLE name_form(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), system TEXT NOT NULL,"
"  name TEXT NOT NULL, proof TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX name_form_student ON name_form(student_id, system);"
"CREATE TABLE change_request(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), kind TEXT NOT NULL,"
"  old TEXT NOT NULL, new TEXT NOT NULL, evidence TEXT NOT NULL, required TEXT NOT NULL,"
"  register_shows INTEGER NOT NULL, levels TEXT NOT NULL, filing INTEGER NOT NULL,"
"  note TEXT, origin TEXT, requested_by TEXT NOT NULL, requested_on TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id),"
"  audit_id INTEGER NOT NULL REFERENCES audit(id));"
"CREATE INDEX change_student ON change_request(student_id);"
"CREATE TABLE change_file(id INTEGER PRIMARY KEY,"
"  request_id INTEGER NOT NULL REFERENCES change_request(id), name TEXT NOT NULL,"
"  sha256 TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TABLE change_event(id INTEGER PRIMARY KEY,"
"  request_id INTEGER NOT NULL REFERENCES change_request(id), kind TEXT NOT NULL,"
"  by_whom TEXT NOT NULL, text TEXT, on_date TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id),"
"  audit_id INTEGER NOT NULL REFERENCES audit(id));"
"CREATE INDEX change_event_request ON change_event(request_id);"
"CREATE TABLE freeze(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), since TEXT NOT NULL,"
"  reason TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX freeze_student ON freeze(student_id);"
"CREATE TABLE submission(id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
"  year INTEGER NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TABLE registration(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), kind TEXT NOT NULL,"
"  year INTEGER NOT NULL, state TEXT NOT NULL, reason TEXT,"
"  late INTEGER NOT NULL DEFAULT 0, on_date TEXT NOT NULL,"
"  submission_id INTEGER REFERENCES submission(id),"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX registration_student ON registration(student_id, kind, year);"
"CREATE TABLE reg_hold(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), year INTEGER NOT NULL,"
"  kind TEXT NOT NULL, reason TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX reg_hold_student ON reg_hold(student_id, year);"
"CREATE TABLE number_seq(prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);"
"CREATE TABLE certificate(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), kind TEXT NOT NULL,"
"  conclusion TEXT NOT NULL, number TEXT UNIQUE, issued_on TEXT NOT NULL,"
"  original_id INTEGER REFERENCES certificate(id), principal TEXT, reason TEXT,"
"  applied_on TEXT, command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX certificate_student ON certificate(student_id);"
"CREATE TABLE cert_event(id INTEGER PRIMARY KEY,"
"  cert_id INTEGER NOT NULL REFERENCES certificate(id), kind TEXT NOT NULL, text TEXT,"
"  by_whom TEXT NOT NULL, on_date TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX cert_event_cert ON cert_event(cert_id);"
"CREATE TABLE holding(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id), kind TEXT NOT NULL,"
"  paper INTEGER NOT NULL, location TEXT, sha256 TEXT, size INTEGER, media TEXT,"
"  name TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX holding_student ON holding(student_id);"
"CREATE INDEX holding_sha ON holding(sha256);"
"CREATE TABLE holding_event(id INTEGER PRIMARY KEY,"
"  student_id INTEGER NOT NULL REFERENCES student(id),"
"  holding_id INTEGER REFERENCES holding(id), kind TEXT NOT NULL, to_whom TEXT,"
"  text TEXT, due TEXT, by_whom TEXT NOT NULL, on_date TEXT NOT NULL,"
"  command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE INDEX holding_event_student ON holding_event(student_id);"
"CREATE TABLE fixity(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, result TEXT NOT NULL,"
"  on_date TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TABLE import(id INTEGER PRIMARY KEY,"
"  command_id INTEGER NOT NULL REFERENCES command(id), source TEXT NOT NULL,"
"  file TEXT NOT NULL, encoding TEXT NOT NULL, sha256 TEXT,"
"  rows_read INTEGER, rows_imported INTEGER, rows_unchanged INTEGER,"
"  rows_refused INTEGER);"
"CREATE TABLE source_row(id INTEGER PRIMARY KEY,"
"  import_id INTEGER NOT NULL REFERENCES import(id), line INTEGER NOT NULL,"
"  source TEXT NOT NULL, student_id INTEGER REFERENCES student(id),"
"  data TEXT NOT NULL);"
"CREATE INDEX source_row_student ON source_row(student_id, source);"
"CREATE TABLE config_load(id INTEGER PRIMARY KEY,"
"  command_id INTEGER NOT NULL REFERENCES command(id), file TEXT NOT NULL,"
"  text TEXT NOT NULL, school_name TEXT, school_code TEXT,"
"  recheck_months INTEGER NOT NULL, annual_months INTEGER NOT NULL,"
"  change_evidence TEXT NOT NULL, change_levels TEXT NOT NULL,"
"  status_levels TEXT NOT NULL, change_apart INTEGER NOT NULL,"
"  number_pattern TEXT NOT NULL, principal TEXT, cert_type TEXT NOT NULL,"
"  cert_level TEXT NOT NULL, proof_pattern TEXT NOT NULL, archive_root TEXT,"
"  lend_days INTEGER NOT NULL, archive_kinds TEXT NOT NULL);"
"CREATE TABLE department(config_id INTEGER NOT NULL REFERENCES config_load(id),"
"  code TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY(config_id, code));"
"CREATE TABLE staff(config_id INTEGER NOT NULL REFERENCES config_load(id),"
"  name TEXT NOT NULL, full_name TEXT, dept TEXT, roles TEXT NOT NULL, public_key TEXT,"
"  PRIMARY KEY(config_id, name));"
"CREATE TABLE term(config_id INTEGER NOT NULL REFERENCES config_load(id),"
"  year INTEGER NOT NULL, first_term_start TEXT NOT NULL,"
"  PRIMARY KEY(config_id, year));"
"CREATE TABLE cohort(config_id INTEGER NOT NULL REFERENCES config_load(id),"
"  cohort INTEGER NOT NULL, enrol_date TEXT NOT NULL,"
"  PRIMARY KEY(config_id, cohort));"
"CREATE TABLE archive_item(config_id INTEGER NOT NULL REFERENCES config_load(id),"
"  seq INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(config_id, seq));"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;"
"CREATE TRIGGER sig_no_update BEFORE UPDATE ON command_sig"
"  BEGIN SELECT RAISE(ABORT, 'signatures are never changed'); END;"
"CREATE TRIGGER command_no_update BEFORE UPDATE ON command"
"  BEGIN SELECT RAISE(ABORT, 'commands are never changed'); END;"
"CREATE TRIGGER status_no_update BEFORE UPDATE ON status"
"  BEGIN SELECT RAISE(ABORT, 'statuses are never changed'); END;"
"CREATE TRIGGER case_no_update BEFORE UPDATE ON case_file"
"  BEGIN SELECT RAISE(ABORT, 'cases are never changed'); END;"
"CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event"
"  BEGIN SELECT RAISE(ABORT, 'case events are never changed'); END;"
"CREATE TRIGGER review_no_update BEFORE UPDATE ON review"
"  BEGIN SELECT RAISE(ABORT, 'reviews are never changed'); END;"
"CREATE TRIGGER signoff_no_update BEFORE UPDATE ON signoff"
"  BEGIN SELECT RAISE(ABORT, 'sign-offs are never changed'); END;"
"CREATE TRIGGER decision_sig_no_update BEFORE UPDATE ON decision_sig"
"  BEGIN SELECT RAISE(ABORT, 'signatures are never changed'); END;"
"CREATE TRIGGER form_no_update BEFORE UPDATE ON name_form"
"  BEGIN SELECT RAISE(ABORT, 'reported names are never changed'); END;"
"CREATE TRIGGER photo_no_update BEFORE UPDATE ON photo_check"
"  BEGIN SELECT RAISE(ABORT, 'photo checks are never changed'); END;"
"CREATE TRIGGER change_no_update BEFORE UPDATE ON change_request"
"  BEGIN SELECT RAISE(ABORT, 'change requests are never changed'); END;"
"CREATE TRIGGER change_file_no_update BEFORE UPDATE ON change_file"
"  BEGIN SELECT RAISE(ABORT, 'evidence files are never changed'); END;"
"CREATE TRIGGER change_event_no_update BEFORE UPDATE ON change_event"
"  BEGIN SELECT RAISE(ABORT, 'change events are never changed'); END;"
"CREATE TRIGGER freeze_no_update BEFORE UPDATE ON freeze"
"  BEGIN SELECT RAISE(ABORT, 'freezes are never changed'); END;"
"CREATE TRIGGER submission_no_update BEFORE UPDATE ON submission"
"  BEGIN SELECT RAISE(ABORT, 'submissions are never changed'); END;"
"CREATE TRIGGER registration_no_update BEFORE UPDATE ON registration"
"  BEGIN SELECT RAISE(ABORT, 'registrations are never changed'); END;"
"CREATE TRIGGER hold_no_update BEFORE UPDATE ON reg_hold"
"  BEGIN SELECT RAISE(ABORT, 'holds are never changed'); END;"
"CREATE TRIGGER number_seq_back BEFORE UPDATE ON number_seq WHEN NEW.last < OLD.last"
"  BEGIN SELECT RAISE(ABORT, 'a student number is never given twice'); END;"
"CREATE TRIGGER certificate_no_update BEFORE UPDATE ON certificate"
"  BEGIN SELECT RAISE(ABORT, 'certificates are never changed'); END;"
"CREATE TRIGGER cert_event_no_update BEFORE UPDATE ON cert_event"
"  BEGIN SELECT RAISE(ABORT, 'certificate events are never changed'); END;"
"CREATE TRIGGER holding_no_update BEFORE UPDATE ON holding"
"  BEGIN SELECT RAISE(ABORT, 'archive holdings are never changed'); END;"
"CREATE TRIGGER holding_event_no_update BEFORE UPDATE ON holding_event"
"  BEGIN SELECT RAISE(ABORT, 'archive steps are never changed'); END;"
"CREATE TRIGGER fixity_no_update BEFORE UPDATE ON fixity"
"  BEGIN SELECT RAISE(ABORT, 'fixity checks are never changed'); END;"
"CREATE TRIGGER source_no_update BEFORE UPDATE ON source_row"
"  BEGIN SELECT RAISE(ABORT, 'source rows are never changed'); END;";

/* Version 2: each schema migration on record, with the copy of the store
 * made before it.  A step's SQL takes the schema from the version before
 * it; a new store runs them all. */
static const char schema_v2[] =
"CREATE TABLE migration(id INTEGER PRIMARY KEY, from_version INTEGER NOT NULL,"
"  to_version INTEGER NOT NULL, backup TEXT NOT NULL, backup_sha256 TEXT NOT NULL,"
"  xj_version TEXT NOT NULL, command_id INTEGER NOT NULL REFERENCES command(id));"
"CREATE TRIGGER migration_no_delete BEFORE DELETE ON migration"
"  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END;"
"CREATE TRIGGER migration_no_update BEFORE UPDATE ON migration"
"  BEGIN SELECT RAISE(ABORT, 'migrations are never changed'); END;";

/* Version 3: the business date of a command (XJ_NOW) beside its real
 * time, and configurations staged until a second admin approves them. */
static const char schema_v3[] =
"ALTER TABLE command ADD COLUMN business TEXT;"
"CREATE TABLE config_proposal(id INTEGER PRIMARY KEY,"
"  command_id INTEGER NOT NULL REFERENCES command(id), base_config INTEGER,"
"  file TEXT NOT NULL, text TEXT NOT NULL, sha256 TEXT NOT NULL,"
"  proposed_by TEXT NOT NULL, why TEXT NOT NULL,"
"  approved_command INTEGER REFERENCES command(id), approved_by TEXT);"
"CREATE TRIGGER config_proposal_once BEFORE UPDATE ON config_proposal"
"  WHEN OLD.approved_command IS NOT NULL OR NEW.text IS NOT OLD.text"
"    OR NEW.sha256 IS NOT OLD.sha256 OR NEW.proposed_by IS NOT OLD.proposed_by"
"  BEGIN SELECT RAISE(ABORT, 'config proposals are never changed'); END;"
"CREATE TRIGGER config_proposal_no_delete BEFORE DELETE ON config_proposal"
"  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END;"
/* a sign-off signed away from the store (xj-key sign): the text signed */
"ALTER TABLE decision_sig ADD COLUMN statement TEXT;";

/* Version 4: every row of every table on the log (rows.h).  The triggers
 * that write it are made from the tables' own shapes, after this step
 * (store_rows.c); the store's id is made here, on the log with the rest. */
static const char schema_v4[] =
"CREATE TABLE row_log(id INTEGER PRIMARY KEY,"
"  command_id INTEGER NOT NULL REFERENCES command(id), tbl TEXT NOT NULL,"
"  rid NOT NULL, row TEXT);"
"CREATE INDEX row_log_row ON row_log(tbl, rid);"
"CREATE TRIGGER row_log_no_update BEFORE UPDATE ON row_log"
"  BEGIN SELECT RAISE(ABORT, 'the row log is never changed'); END;"
"CREATE TRIGGER row_log_no_delete BEFORE DELETE ON row_log"
"  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END;"
"INSERT OR IGNORE INTO meta(key, value) VALUES('store_id', lower(hex(randomblob(16))));";

/* Version 5: the student's keys unique by named indexes, which a bulk
 * load into an empty store builds after the rows (xj-import), and a
 * student number unique only where there is one (a roster has none: the
 * index no longer holds a NULL for each student).  The table is made anew
 * with the same columns and rows; its triggers come back after the step
 * (migrate_steps), and its rows stand on the row log as they were. */
static const char schema_v5[] =
"CREATE TABLE student_v5(id INTEGER PRIMARY KEY,"
"  exam_no TEXT NOT NULL, student_no TEXT, id_number TEXT,"
"  name TEXT NOT NULL, gender TEXT, birth_date TEXT, ethnicity TEXT,"
"  ethnicity_code TEXT, political TEXT, major_code TEXT, major_name TEXT,"
"  level TEXT, duration TEXT, study_mode TEXT, enrol_date TEXT, dept TEXT,"
"  class TEXT, batch TEXT, admission_type TEXT, origin TEXT, phone TEXT,"
"  address TEXT, notice_no TEXT, id_type TEXT NOT NULL, id_number_original TEXT,"
"  cohort INTEGER NOT NULL);"
"INSERT INTO student_v5 SELECT * FROM student ORDER BY id;"
"DROP TABLE student;"
"ALTER TABLE student_v5 RENAME TO student;"
XJ_STUDENT_KEYS;

/* Version 6: a roster's source rows keep their values as a JSON array,
 * under the names the import keeps once as its row of line 0 (import.c);
 * this view names them again, for a reader with sqlite3. */
static const char schema_v6[] =
"CREATE VIEW source_named AS SELECT r.id, r.import_id, r.line, r.source, r.student_id,"
"  CASE WHEN r.data LIKE '[%' THEN (SELECT json_group_object(n.value, v.value)"
"    FROM source_row h, json_each(h.data) n, json_each(r.data) v"
"    WHERE h.student_id IS NULL AND h.source = r.source AND h.import_id = r.import_id"
"      AND h.line = 0 AND n.key = v.key) ELSE r.data END AS data"
"  FROM source_row r"
"  WHERE NOT (r.student_id IS NULL AND r.line = 0 AND r.data LIKE '[%');";

/* Version 7: the rows a roster import took whole, kept as digests for the
 * next import to know again (rowdigest.h): parts of a few thousand
 * 16-byte entries, which the import's entry vouches for by their count
 * and SHA-256 (store_digest.c). */
static const char schema_v7[] =
"CREATE TABLE import_digest(id INTEGER PRIMARY KEY,"
"  import_id INTEGER NOT NULL REFERENCES import(id), digests BLOB NOT NULL);"
"CREATE INDEX import_digest_import ON import_digest(import_id);"
"CREATE TRIGGER import_digest_no_update BEFORE UPDATE ON import_digest"
"  BEGIN SELECT RAISE(ABORT, 'import digests are never changed'); END;"
"CREATE TRIGGER import_digest_no_delete BEFORE DELETE ON import_digest"
"  BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store'); END;";

/* The page cache, KiB: a command's own, capped for one big step
 * (xj_store_cache_cap), and wider for rows added to a store that has
 * students (xj_store_cache_rows); the command stays under 32 MB.  The cap
 * is what a bulk load's keys are built under: with 8 KiB pages, 4 MiB
 * took the load of a million students to its 32 MB peak there, and 2 MiB
 * builds them as fast. */
#define CACHE_KB "16384"
#define CACHE_CAP_KB "2048"
#define CACHE_ROWS_KB "18432"

static const char *const steps[] = { NULL, NULL, schema_v2, schema_v3, schema_v4, schema_v5,
				     schema_v6, schema_v7 };

/* Tables nothing may be deleted from. */
static const char *const kept[] = {
	"meta", "command", "command_sig", "student", "status", "audit", "import", "source_row", "photo_check", "name_form", "review", "signoff", "decision_sig", "case_file", "case_event",
	"change_request", "change_file", "change_event", "freeze",
	"submission", "registration", "reg_hold", "number_seq", "certificate", "cert_event",
	"holding", "holding_event", "fixity",
	"config_load", "department", "staff", "term", "cohort", "archive_item",
};

int xj_store_fail(struct xj_store *st, struct xj_error *err, const char *what)
{
	return xj_error_set(err, XJ_ESTORE, "store %s: %s: %s", st->path, gettext(what),
			    sqlite3_errmsg(st->db));
}

sqlite3_stmt *xj_store_stmt(struct xj_store *st, sqlite3_stmt **slot,
			    const char *sql, struct xj_error *err)
{
	if (*slot) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return *slot;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       slot, NULL) != SQLITE_OK) {
		xj_store_fail(st, err, "prepare");
		return NULL;
	}
	return *slot;
}

void xj_store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

const char *xj_store_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

const char *xj_store_col_n(sqlite3_stmt *s, int i, size_t *n)
{
	const char *t = xj_store_col(s, i);

	*n = (size_t)sqlite3_column_bytes(s, i);   /* after the text: its length */
	return t;
}

int xj_store_col_hides(sqlite3_stmt *s, int i)
{
	size_t n;
	const char *t = xj_store_col_n(s, i, &n);

	return strlen(t) != n;
}

void xj_store_take(struct xj_sb *sb, sqlite3_stmt *s, int i)
{
	xj_sb_reset(sb);
	xj_sb_adds(sb, xj_store_col(s, i));
}

int xj_store_exec(struct xj_store *st, const char *sql, struct xj_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "exec");
	return 0;
}

/* Run a prepared statement that returns no rows. */
int xj_store_step_done(struct xj_store *st, sqlite3_stmt *s,
		       struct xj_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "write");
	return 0;
}

/* Run a prepared statement that returns rows: the one loop of every
 * reader of many rows, so that each reports a failed step the same way.
 * s is reset on every way out, a row's stop too; the step's error stays
 * the connection's, where xj_store_fail reads it. */
int xj_store_each(struct xj_store *st, sqlite3_stmt *s,
		  int (*row)(sqlite3_stmt *s, void *ctx), void *ctx,
		  const char *what, struct xj_error *err)
{
	int rc = SQLITE_DONE, stop = 0;

	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = row(s, ctx);
	sqlite3_reset(s);
	if (!stop && rc != SQLITE_DONE)
		return xj_store_fail(st, err, what);
	return stop;
}

int xj_store_create_schema(struct xj_store *st, struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	size_t i;
	int rc;

	xj_sb_adds(&sql, "BEGIN;");
	xj_sb_adds(&sql, schema_v1);
	for (i = 2; i <= XJ_SCHEMA_VERSION; i++)
		xj_sb_adds(&sql, steps[i]);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		xj_sb_addf(&sql, "CREATE TRIGGER %s_no_delete BEFORE DELETE ON %s"
			   " BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store');"
			   " END;", kept[i], kept[i]);
	xj_sb_addf(&sql, "INSERT INTO meta VALUES('application', 'xj');"
		   "PRAGMA user_version = %d; COMMIT;", XJ_SCHEMA_VERSION);
	rc = xj_store_exec(st, sql.buf, err);
	xj_sb_release(&sql);
	if (rc < 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->rows_pending = 1;   /* xj init's command starts the row log */
	return rc;
}

static int schema_version(struct xj_store *st, int *v, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read schema version");
	rc = sqlite3_step(s);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_finalize(s);
	if (*v < 0)
		return xj_store_fail(st, err, "read schema version");
	return 0;
}

int xj_store_schema_version(struct xj_store *st, int *v, struct xj_error *err)
{
	return schema_version(st, v, err);
}

static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw ? pw->pw_name : "unknown";
}

/* Step 5 dropped the student table's triggers with it: the guard, and
 * the row log's when the store had one (one that comes with step 4 is
 * made for every table after the steps). */
static int student_again(struct xj_store *st, int from, struct xj_error *err)
{
	if (xj_store_exec(st, "CREATE TRIGGER student_no_delete BEFORE DELETE ON student"
			  " BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the store');"
			  " END;", err) < 0)
		return -1;
	return from >= 4 ? xj_store_rows_retrack(st, "student", err) : 0;
}

/* The migration of steps from..XJ_SCHEMA_VERSION, as a command on record
 * with the copy made before it.  0, or 1 when another process did it. */
static int migrate_steps(struct xj_store *st, int from, const char *backup,
			 const char *sha256, struct xj_error *err)
{
	struct xj_actor who = { .login = login_name(), .program = "xj",
		.args = "(schema migration)" };
	struct xj_sb json = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int v = -1, i, rc, was = st->unsigned_ok;

	st->legacy_command = from < 3;   /* command.business comes with step 3 */
	st->rows_pending = from < 4 ? 2 : 0;   /* the row log comes with step 4 */
	/* step 5 makes the student table anew: the rows that refer to it
	 * refer to the new one, which has the same ids */
	sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	st->migrating = 1;   /* its schema is an older one's until the steps are made */
	rc = xj_store_begin(st, &who, err);
	st->migrating = 0;
	st->legacy_command = 0;
	if (rc < 0)
		return -1;
	/* another process may have migrated while this one made its copy */
	if (schema_version(st, &v, err) < 0 || v != from) {
		st->rows_pending = 0;
		xj_store_rollback(st);
		return v < 0 ? -1 : 1;
	}
	rc = 0;
	for (i = from + 1; rc == 0 && i <= XJ_SCHEMA_VERSION; i++)
		rc = xj_store_exec(st, steps[i], err);
	if (rc == 0 && from < 5)
		rc = student_again(st, from, err);
	/* a table new since the row log came: its triggers too */
	if (rc == 0 && from >= 4 && from < 7)
		rc = xj_store_rows_retrack(st, "import_digest", err);
	xj_sb_addf(&json, "PRAGMA user_version = %d", XJ_SCHEMA_VERSION);
	if (rc == 0)
		rc = xj_store_exec(st, json.buf, err);
	if (rc == 0 && st->rows_pending == 2)
		rc = xj_store_rows_track(st, err);
	st->rows_pending = 0;
	if (rc == 0 && sqlite3_prepare_v2(st->db, "INSERT INTO migration(from_version,"
			" to_version, backup, backup_sha256, xj_version, command_id)"
			" VALUES(?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		rc = xj_store_fail(st, err, "record the migration");
	if (rc == 0) {
		sqlite3_bind_int(s, 1, from);
		sqlite3_bind_int(s, 2, XJ_SCHEMA_VERSION);
		sqlite3_bind_text(s, 3, backup, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, XJ_VERSION, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, st->command_id);
		rc = xj_store_step_done(st, s, err);
	}
	sqlite3_finalize(s);
	xj_sb_reset(&json);
	xj_sb_addf(&json, "{\"from\":%d,\"to\":%d,\"backup_sha256\":\"%s\"}", from,
		   XJ_SCHEMA_VERSION, sha256);
	if (rc == 0)
		rc = xj_store_audit(st, 0, "migrate", NULL, json.buf, err);
	xj_sb_release(&json);
	st->unsigned_ok = 1;   /* the program's own step, before anyone acts */
	if (rc == 0)
		rc = xj_store_commit(st, err);
	st->unsigned_ok = was;
	if (rc < 0)
		xj_store_rollback(st);
	sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/* A restore's copy is migrated before it is put in place: its backup is
 * named after the store it becomes (xj_store_migrate_beside). */
static const char *migrate_as;

void xj_store_migrate_beside(const char *path)
{
	migrate_as = path;
}

/* The name of a migration's backup, base.before-schemaN-STAMP, with -2,
 * -3 ... after it while a file has the name: a backup is never put over
 * another (two migrations in one second of a pinned business time). */
static int backup_name(const char *base, struct xj_sb *name, struct xj_error *err)
{
	struct stat sb;
	char stamp[32];
	int i;

	xj_store_stamp(stamp, sizeof(stamp));
	for (i = 1; i < 100; i++) {
		xj_sb_reset(name);
		xj_sb_addf(name, "%s.before-schema%d-%s", base, XJ_SCHEMA_VERSION, stamp);
		if (i > 1)
			xj_sb_addf(name, "-%d", i);
		if (lstat(name->buf, &sb) < 0 && errno == ENOENT)
			return 0;
	}
	return xj_error_set(err, XJ_EIO, "no free name for the copy before the migration: %s"
			    " is taken", name->buf);
}

/* An older schema is brought up to this one only after a verified copy
 * of the store is made beside it (never deleted by xj); a newer one is
 * refused, never downgraded. */
static int migrate(struct xj_store *st, struct xj_error *err)
{
	struct xj_copy_info info;
	struct xj_sb backup = XJ_SB_INIT;
	int v = -1, rc;

	if (schema_version(st, &v, err) < 0)
		return -1;
	if (v > XJ_SCHEMA_VERSION)
		return xj_error_set(err, XJ_ESTORE,
			"store %s has schema %d, newer than this xj knows (%d): use a newer xj",
			st->path, v, XJ_SCHEMA_VERSION);
	if (v < 1)
		return xj_error_set(err, XJ_ESTORE, "%s is not an xj store", st->path);
	if (v == XJ_SCHEMA_VERSION)
		return 0;
	rc = backup_name(migrate_as ? migrate_as : st->path, &backup, err);
	/* the store as it stands, whatever its log: a copy to go back to, not
	 * a judgement of it (xj log --verify, and a restore, judge) */
	if (rc == 0)
		rc = xj_store_backup(st, backup.buf, NULL, &info, err);
	if (rc == 0)
		rc = migrate_steps(st, v, backup.buf, info.sha256, err);
	if (rc == 1) {
		unlink(backup.buf);   /* not needed: the store was migrated meanwhile */
		rc = 0;
	}
	xj_sb_release(&backup);
	return rc;
}

static int tune(struct xj_store *st, struct xj_error *err)
{
	xj_store_lock_init(st);
	/* WAL lets cron and a person work at once; FULL syncs each commit,
	 * which is once per command. */
	/* the WAL of a large import is cut back to 64 MiB once checkpointed,
	 * not kept at the size of the import.  A write under a row-log
	 * trigger copies the pages it touches to a statement journal, kept in
	 * memory: a command's items are small (a bulk load keeps it on disk,
	 * xj_store_bulk_load). */
	return xj_store_exec_waiting(st, "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = FULL;"
			     "PRAGMA foreign_keys = ON;"
			     "PRAGMA journal_size_limit = 67108864;"
			     "PRAGMA cache_size = -" CACHE_KB ";"
			     "PRAGMA temp_store = MEMORY;", err);
}

void xj_store_sorts_on_disk(struct xj_store *st, int on)
{
	/* a sort larger than the cache goes to temporary files, which
	 * temp_store = MEMORY would keep in memory however large.  Best
	 * effort: SQLite refuses the change inside a transaction that has
	 * opened its temporary storage, and the refusal leaves temp_store as
	 * it was, which only costs memory */
	/* nested: a check that holds it on around others keeps it on */
	st->sorts_on_disk += on ? 1 : -1;
	if (st->sorts_on_disk == (on ? 1 : 0))
		sqlite3_exec(st->db, on ? "PRAGMA temp_store = FILE" : "PRAGMA temp_store = MEMORY",
			     NULL, NULL, NULL);
}

int xj_store_cache_cap(struct xj_store *st, int capped, struct xj_error *err)
{
	return xj_store_exec(st, capped ? "PRAGMA cache_size = -" CACHE_CAP_KB :
			     st->cache_rows ? "PRAGMA cache_size = -" CACHE_ROWS_KB :
			     "PRAGMA cache_size = -" CACHE_KB, err);
}

int xj_store_cache_rows(struct xj_store *st, struct xj_error *err)
{
	/* Each new student goes into the unique keys at random pages.  At a
	 * million students, 16 MiB held too few of the pages a hundred
	 * thousand rows came back to, and each one missed was read and
	 * written again: 18 MiB took the import from 1.3 s to 0.95 s.  A
	 * bulk load does not ask: it builds its keys after, and its sort and
	 * its reading ahead have the rest of the 32 MB. */
	st->cache_rows = 1;
	return xj_store_cache_cap(st, 0, err);
}

static int make_file(const char *path, struct xj_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		int e = errno;

		if (e == EEXIST)
			return xj_error_set(err, XJ_ESTORE,
				"store %s already exists; it is never overwritten", path);
		return xj_error_set(err, XJ_EIO, "cannot create %s: %s", path, strerror(e));
	}
	close(fd);
	return 0;
}

/* A store on NFS or SMB is refused unless the user says they know
 * (--allow-network-fs sets XJ_ALLOW_NETWORK_FS for the programs it runs). */
static int check_place(const char *path, struct xj_error *err)
{
	const char *fs = xj_netfs_of(path);
	const char *allow = getenv("XJ_ALLOW_NETWORK_FS");

	if (!fs || (allow && *allow && strcmp(allow, "0") != 0))
		return 0;
	return xj_error_set(err, XJ_ESTORE,
		"store %s is on a network filesystem (%s), where SQLite's locking is not"
		" safe and two machines can corrupt it; keep the store on a local disk and"
		" run xj on the machine that has that disk (over ssh, say), or give"
		" --allow-network-fs", path, fs);
}

/* The connection to a copy: read as it is, no WAL, no migration. */
static int open_copy(struct xj_store *st, struct xj_error *err)
{
	int v = -1;

	xj_store_lock_init(st);
	if (xj_store_exec(st, "PRAGMA foreign_keys = ON", err) < 0)
		return -1;
	return schema_version(st, &v, err);
}

/* Where it looked, whole, and why there: a newcomer's first question. */
static void no_store(const char *path, struct xj_error *err)
{
	char cwd[4096];
	const char *env = getenv("XJ_DB");
	const char *why = env && *env && !strcmp(env, path) ? _("from XJ_DB; ") :
			  (!env || !*env) && !strcmp(path, "xj.db") ?
			  _("the default: XJ_DB is not set and -d not given; ") : "";

	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
		xj_error_set(err, XJ_ESTORE, "no store at %s/%s (%screate one with 'xj init')",
			     cwd, path, why);
	else
		xj_error_set(err, XJ_ESTORE, "no store at %s (%screate one with 'xj init')",
			     path, why);
}

struct xj_store *xj_store_open(const char *path, int create,
			       struct xj_error *err)
{
	return xj_store_open_as(path, create ? XJ_STORE_CREATE : 0, err);
}

struct xj_store *xj_store_open_as(const char *path, int flags, struct xj_error *err)
{
	struct xj_store *st;
	struct stat sb;
	int create = flags & XJ_STORE_CREATE;

	/* each connection is used by one thread: no mutex on every call */
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	/* nothing reads SQLite's memory statistics (sqlite3_status): keeping
	 * them takes a mutex on every allocation, thousands a command */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	xj_store_mem_setup();
	if (!(flags & XJ_STORE_COPY) && check_place(path, err) < 0)
		return NULL;
	if (create && !(flags & XJ_STORE_MADE) && make_file(path, err) < 0)
		return NULL;
	if (!create && stat(path, &sb) < 0) {
		no_store(path, err);
		return NULL;
	}
	/* SQLite would open a device or a FIFO, and make its journal beside
	 * it (as root, /dev/null-journal) */
	if (!create && !S_ISREG(sb.st_mode)) {
		xj_error_set(err, XJ_ESTORE, "%s is not a store: not a regular file", path);
		return NULL;
	}
	st = xj_xcalloc(1, sizeof(*st));
	st->path = xj_xstrdup(path);
	st->has_config = -1;
	st->ndepts = -1;
	st->config_sha_state = -1;
	st->pin_fd = -1;
	/* a copy being checked is no store in its place, and no restore's */
	if (!(flags & XJ_STORE_COPY) && xj_store_pin(st, path, err) < 0)
		goto fail;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		xj_store_fail(st, err, "open");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (flags & XJ_STORE_COPY) {
		if (open_copy(st, err) < 0)
			goto fail;
		return st;
	}
	/* pages twice SQLite's default: as few B-tree levels for a college's
	 * hundreds of thousands of rows as 16 KiB gave, and a bulk load as
	 * fast; but a new student touches a page of each unique key at
	 * random, which is written, spilled and checkpointed whole: 100,000
	 * into a store of a million took 8% less time than with 16 KiB.
	 * Settable only before WAL starts: a store keeps the size it was
	 * made with. */
	if (create && xj_store_exec(st, "PRAGMA page_size = 8192", err) < 0)
		goto fail;
	if (tune(st, err) < 0)
		goto fail;
	if (create && xj_store_create_schema(st, err) < 0)
		goto fail;
	if (migrate(st, err) < 0)
		goto fail;
	return st;
fail:
	if (create)
		unlink(path);   /* only the file this call made */
	xj_store_close(st);
	return NULL;
}

void xj_store_close(struct xj_store *st)
{
	sqlite3_stmt *s;

	if (!st)
		return;
	xj_store_bulk_free(st);
	/* every statement the connection still has, whichever cache holds it:
	 * SQLite lists them, so none is forgotten when a cache is added */
	if (st->db)
		while ((s = sqlite3_next_stmt(st->db, NULL)) != NULL)
			sqlite3_finalize(s);
	xj_store_chain_close(st);
	xj_sb_release(&st->depts);
	xj_sb_release(&st->store_id);
	xj_store_read_end(st);
	xj_store_rollback(st);
	sqlite3_close(st->db);
	xj_store_unpin(st);
	xj_store_mem_trim();
	free(st->path);
	free(st->login);
	free(st->user);
	free(st->program);
	free(st->args);
	free(st);
}

static int last_hash(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.last_hash,
		"SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st->last_id = sqlite3_column_int64(s, 0);
		snprintf(st->last_hash, sizeof(st->last_hash), "%s",
			 (const char *)sqlite3_column_text(s, 1));
	} else if (rc == SQLITE_DONE) {
		st->last_id = 0;
		snprintf(st->last_hash, sizeof(st->last_hash), "%s", XJ_AUDIT_GENESIS);
	} else {
		sqlite3_reset(s);
		return xj_store_fail(st, err, "read the audit log");
	}
	sqlite3_reset(s);
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xj_xstrdup(s) : NULL;
}

/* The command's row: its real time, who, and the business time when
 * $XJ_NOW set one.  A migration from before schema 3 records itself before
 * its step adds command.business, so in the old shape. */
static int insert_command(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *legacy = NULL, *s;
	int rc;

	if (st->legacy_command) {
		if (sqlite3_prepare_v2(st->db, "INSERT INTO command(at, login, user, program,"
				       " args) VALUES(?,?,?,?,?)", -1, &legacy, NULL) != SQLITE_OK)
			return xj_store_fail(st, err, "write");
		s = legacy;
	} else if (!(s = xj_store_stmt(st, &st->q.command, "INSERT INTO command(at, login,"
				       " user, program, args, business) VALUES(?,?,?,?,?,?)", err))) {
		return -1;
	}
	sqlite3_bind_text(s, 1, st->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->login, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 3, st->user);
	sqlite3_bind_text(s, 4, st->program, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, st->args, -1, SQLITE_STATIC);
	if (!legacy)
		xj_store_bind_text(s, 6, st->pinned ? st->business : NULL);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(legacy);
	return rc;
}

void xj_store_bulk_load(struct xj_store *st)
{
	st->bulk = 1;
	/* its savepoint spans a whole file: what it undoes goes to disk */
	xj_store_sorts_on_disk(st, 1);
}

/* Out of WAL mode for a load into a store with no student.  Leaving WAL
 * needs the store to itself: with a reader there, it stays in WAL. */
static void bulk_journal(struct xj_store *st)
{
	sqlite3_stmt *s = NULL;
	int empty = 0;

	st->bulk = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT NOT EXISTS (SELECT 1 FROM student)", -1, &s,
			       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!empty || sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = DELETE", -1, &s,
					 NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(s) == SQLITE_ROW && !strcmp(xj_store_col(s, 0), "delete"))
		st->bulk = 2;
	sqlite3_finalize(s);
	/* Each row the load writes refers only to rows it wrote itself just
	 * before (its student, the import, the command): checking each such
	 * reference costs a ninth of the load, and finds nothing. */
	if (st->bulk == 2)
		sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
}

/* A bulk load's pages no longer sent behind it (xj_store_student_keys). */
static void writeback_end(struct xj_store *st)
{
	xj_writeback_stop(st->writeback);
	st->writeback = NULL;
}

/* Back to WAL after a bulk load.  Should another process hold the store
 * just now, the next one to open it puts it back. */
static void wal_again(struct xj_store *st)
{
	writeback_end(st);
	if (st->bulk == 2) {
		sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	}
	st->bulk = 0;
}

int xj_store_read_begin(struct xj_store *st, struct xj_error *err)
{
	if (st->in_tx || st->in_read)
		return 0;
	if (xj_store_exec(st, "BEGIN", err) < 0)
		return -1;
	st->in_read = 1;
	return 0;
}

void xj_store_read_end(struct xj_store *st)
{
	if (st->in_read)   /* nothing was written: the end cannot lose anything */
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->in_read = 0;
}

int xj_store_begin(struct xj_store *st, const struct xj_actor *who,
		   struct xj_error *err)
{
	xj_store_read_end(st);   /* a snapshot's reads do not lock out a write */
	if (st->bulk == 1)
		bulk_journal(st);
	if (xj_store_exec(st, "BEGIN IMMEDIATE", err) < 0) {
		if (sqlite3_errcode(st->db) == SQLITE_BUSY)
			xj_store_busy_error(st, err);
		wal_again(st);
		return -1;
	}
	st->in_tx = 1;
	st->changes = 0;
	st->nsp = 0;
	st->ndepts = -1;   /* another program may have loaded a config since */
	st->config_sha_state = -1;
	st->rules_known = 0;
	st->nterms = 0;
	xj_sb_reset(&st->store_id);
	/* read under the write lock, so the log's times follow its order */
	xj_clock_real(st->at, sizeof(st->at));
	st->pinned = xj_clock_business(st->business, sizeof(st->business));
	free(st->login); free(st->user); free(st->program); free(st->args);
	st->login = xj_xstrdup(who->login ? who->login : "");
	st->user = dup_or_null(who->user);
	st->program = xj_xstrdup(who->program ? who->program : "");
	st->args = xj_xstrdup(who->args ? who->args : "");
	xj_store_holder_mark(st);
	if (insert_command(st, err) < 0)
		goto fail;
	st->command_id = sqlite3_last_insert_rowid(st->db);
	if (last_hash(st, err) < 0 || xj_store_clock_check(st, err) < 0)
		goto fail;
	if (st->rows_pending == 1) {   /* a new store's first command */
		st->rows_mark = 0;
		st->rows_pending = 0;
		if (xj_store_rows_track(st, err) < 0)
			goto fail;
	} else if (!st->rows_pending && xj_store_rows_begin(st, err) < 0) {
		goto fail;
	} else if (st->rows_pending) {
		st->rows_mark = 0;
	}
	return 0;
fail:
	xj_store_rollback(st);
	return -1;
}

void xj_store_sign_with(struct xj_store *st, const struct xj_key *key,
			const char *signer)
{
	st->key = key;
	st->signer = signer;
}

/* The command's signature over the last entry it wrote. */
static int sign_command(struct xj_store *st, struct xj_error *err)
{
	struct xj_sb msg = XJ_SB_INIT;
	char sig[XJ_SIG_MAX];
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.sig_add,
		"INSERT INTO command_sig(command_id, signer, public_key, last_entry, hash,"
		" signature) VALUES(?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	xj_audit_statement(&msg, st->command_id, st->at, st->signer, st->last_id,
			   st->last_hash);
	xj_key_sign(st->key, msg.buf, msg.len, sig);
	xj_sb_release(&msg);
	sqlite3_bind_int64(s, 1, st->command_id);
	xj_store_bind_text(s, 2, st->signer);
	sqlite3_bind_text(s, 3, st->key->pub, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->last_id);
	sqlite3_bind_text(s, 5, st->last_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, sig, -1, SQLITE_TRANSIENT);
	return xj_store_step_done(st, s, err);
}

void xj_store_allow_unsigned(struct xj_store *st)
{
	st->unsigned_ok = 1;
}

/* Every change is made by a person proven by a key (P2): whatever path a
 * program took here, a change nobody signs is not committed. */
int xj_store_commit(struct xj_store *st, struct xj_error *err)
{
	/* every decision's signature in, before the row log sums them up */
	if (xj_store_bulk_flush(st, err) < 0 || xj_store_signed_catch_up(st, 1, err) < 0 ||
	    xj_store_rows_seal(st, err) < 0) {
		xj_store_rollback(st);
		return -1;
	}
	if (st->changes && !st->key && !st->unsigned_ok) {
		xj_store_rollback(st);
		return xj_error_set(err, XJ_EUSAGE, "this command changes the store: it needs"
				    " the key of the staff member who runs it (--key FILE, $XJ_KEY or"
				    " ~/.config/xj/key; see xj-key(1))");
	}
	if (st->key && st->changes && sign_command(st, err) < 0) {
		xj_store_rollback(st);
		return -1;
	}
	writeback_end(st);   /* the commit's own sync, alone */
	if (xj_store_exec(st, "COMMIT", err) < 0) {
		xj_store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	st->changes = 0;   /* signed and done: nothing is left to sign again */
	xj_store_holder_clear(st);
	wal_again(st);
	return 0;
}

int xj_store_first_command(struct xj_store *st, const struct xj_actor *who,
			   struct xj_sb *id, struct xj_error *err)
{
	struct xj_jw schema = XJ_JW_INIT;
	int rc = -1;

	xj_jsonw_object_begin(&schema);
	xj_jsonw_object_int(&schema, "schema", XJ_SCHEMA_VERSION);
	xj_jsonw_end(&schema);
	/* the store's id from its first command: the heads people witness
	 * are kept by it, and a new store here is not taken for the old;
	 * begun and failed before the commit, the transaction is rolled
	 * back (a failed begin or commit ends its own) */
	if (xj_store_begin(st, who, err) == 0) {
		if (xj_store_id(st, 1, id, err) > 0 &&
		    xj_store_audit(st, 0, "init", NULL, schema.json.buf, err) == 0)
			rc = xj_store_commit(st, err);
		else
			xj_store_rollback(st);
	}
	xj_jsonw_release(&schema);
	return rc;
}

void xj_store_rollback(struct xj_store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	st->ndeferred = 0;   /* the rollback brought the triggers back */
	xj_store_bulk_drop(st);
	xj_signer_free(st->signer_thread);   /* what it signs is undone */
	st->signer_thread = NULL;
	xj_store_chain_close(st);
	st->nsp = 0;
	xj_store_holder_clear(st);
	wal_again(st);
}

/* The statement of op on the savepoint name: "ROLLBACK TO" releases it
 * too. */
static void savepoint_sql(const char *name, int op, struct xj_sb *sql)
{
	static const char *const verbs[] = { "SAVEPOINT", "RELEASE", "ROLLBACK TO" };

	xj_sb_addf(sql, "%s %s", verbs[op], name);
	if (op == XJ_SP_ROLLBACK)
		xj_sb_addf(sql, "; RELEASE %s", name);
}

/* Run op on the savepoint name.  SAVEPOINT and RELEASE are prepared once
 * for a name, their text made only then: a command takes one for each of
 * thousands of items. */
static int savepoint_step(struct xj_store *st, const char *name, int op,
			  struct xj_error *err)
{
	size_t i, n = sizeof(st->spq) / sizeof(st->spq[0]);
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt **slot = NULL;
	int rc;

	for (i = 0; i < n && st->spq[i].name[0] && strcmp(st->spq[i].name, name); i++)
		;
	if (op != XJ_SP_ROLLBACK && i < n && strlen(name) < sizeof(st->spq[0].name)) {
		snprintf(st->spq[i].name, sizeof(st->spq[i].name), "%s", name);
		slot = op == XJ_SP_BEGIN ? &st->spq[i].begin : &st->spq[i].release;
		if (*slot)
			return xj_store_step_done(st, *slot, err);
	}
	savepoint_sql(name, op, &sql);
	if (!slot)
		rc = xj_store_exec(st, sql.buf, err);
	else if (sqlite3_prepare_v2(st->db, sql.buf, -1, slot, NULL) != SQLITE_OK)
		rc = xj_store_fail(st, err, "write");
	else
		rc = xj_store_step_done(st, *slot, err);
	xj_sb_release(&sql);
	return rc;
}

int xj_store_savepoint(struct xj_store *st, const char *name, int op,
		       struct xj_error *err)
{
	const char *p;

	for (p = name; *p; p++)   /* names come from the code, never from data */
		if (!(*p >= 'a' && *p <= 'z') && *p != '_')
			return xj_error_set(err, XJ_EUSAGE, "bad savepoint name");
	if (op == XJ_SP_BEGIN && st->nsp == (int)(sizeof(st->sp) / sizeof(st->sp[0])))
		return xj_error_set(err, XJ_EUSAGE, "savepoints nested too deep");
	if (op != XJ_SP_BEGIN && st->nsp == 0)
		return xj_error_set(err, XJ_EUSAGE, "no savepoint %s", name);
	/* rows held for a bulk load belong to the innermost savepoint: in
	 * before it begins or ends, gone when it is rolled back */
	if (op == XJ_SP_ROLLBACK)
		xj_store_bulk_drop(st);
	else if (xj_store_bulk_flush(st, err) < 0)
		return -1;
	/* Every signature made stored, at the start of a savepoint as at a
	 * rollback to one: so a savepoint holds the signatures of its own
	 * decisions only, and they go when it is undone. */
	if (op != XJ_SP_RELEASE && xj_store_signed_catch_up(st, 1, err) < 0)
		return -1;
	/* the import's digest kept first: nothing to undo if it fails */
	if (op == XJ_SP_BEGIN && xj_store_chain_push(st, &st->sp[st->nsp].chain, err) < 0)
		return -1;
	if (savepoint_step(st, name, op, err) < 0) {
		if (op == XJ_SP_BEGIN)
			xj_store_chain_pop(st, &st->sp[st->nsp].chain, 0);
		return -1;
	}
	if (op == XJ_SP_BEGIN) {
		st->sp[st->nsp].last_id = st->last_id;
		memcpy(st->sp[st->nsp].last_hash, st->last_hash, sizeof(st->last_hash));
		st->sp[st->nsp++].changes = st->changes;
		return 0;
	}
	st->nsp--;
	xj_store_chain_pop(st, &st->sp[st->nsp].chain, op == XJ_SP_ROLLBACK);
	if (op == XJ_SP_ROLLBACK) {   /* the entries written since are gone */
		st->last_id = st->sp[st->nsp].last_id;
		memcpy(st->last_hash, st->sp[st->nsp].last_hash, sizeof(st->last_hash));
		st->changes = st->sp[st->nsp].changes;
	}
	return 0;
}

long xj_store_changes(const struct xj_store *st)
{
	return st->changes;
}

long long xj_store_total_changes(const struct xj_store *st)
{
	return (long long)sqlite3_total_changes64(st->db);
}

const char *xj_store_business(const struct xj_store *st)
{
	return st->business;
}

int xj_store_audit(struct xj_store *st, long long student_id,
		   const char *action, const char *old_json,
		   const char *new_json, struct xj_error *err)
{
	struct xj_log_entry e;
	char hash[65];
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.audit,
		"INSERT INTO audit(id, command_id, student_id, action, old, new,"
		" prev_hash, hash) VALUES(?,?,?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	memset(&e, 0, sizeof(e));
	e.id = st->last_id + 1;
	e.at = st->at;
	e.login = st->login;
	e.user = st->user;
	e.program = st->program;
	e.args = st->args;
	e.student_id = student_id;
	e.action = action;
	e.old_json = old_json;
	e.new_json = new_json;
	e.prev_hash = st->last_hash;
	xj_audit_hash(&e, hash);
	sqlite3_bind_int64(s, 1, e.id);
	sqlite3_bind_int64(s, 2, st->command_id);
	if (student_id)
		sqlite3_bind_int64(s, 3, student_id);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 5, old_json);
	xj_store_bind_text(s, 6, new_json);
	sqlite3_bind_text(s, 7, st->last_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, hash, -1, SQLITE_STATIC);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	st->last_id = e.id;
	memcpy(st->last_hash, hash, sizeof(hash));
	st->changes++;
	return 0;
}
