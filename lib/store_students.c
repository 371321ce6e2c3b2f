/* store_students.c: students, their dated statuses, imports and source rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "xj/i18n.h"
#include "xj/pairs.h"
#include "xj/status.h"
#include "xj/writeback.h"

#define STUDENT_COLS \
	"student.id, student.cohort, exam_no, student_no, id_number, name, gender," \
	" birth_date, ethnicity, ethnicity_code, political, major_code, major_name," \
	" level, duration, study_mode, enrol_date, dept, class, batch," \
	" admission_type, origin, phone, address, notice_no, id_type," \
	" id_number_original," \
	" (SELECT status FROM status WHERE status.student_id = student.id" \
	"  ORDER BY status.id DESC LIMIT 1)"

void xj_store_read_student(sqlite3_stmt *q, struct xj_student *s)
{
	int i, ncol = 2 + XJ_S_COUNT + 1;
	size_t total = 0, off = 0;
	const char *texts[2 + XJ_S_COUNT + 1];

	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(q, 0);
	s->cohort = sqlite3_column_int(q, 1);
	for (i = 2; i < ncol; i++) {
		texts[i] = (const char *)sqlite3_column_text(q, i);
		total += texts[i] ? strlen(texts[i]) + 1 : 0;
	}
	s->mem = xj_xmalloc(total + 1);
	for (i = 2; i < ncol; i++) {
		const char *dst = NULL;

		if (texts[i]) {
			size_t n = strlen(texts[i]) + 1;

			memcpy(s->mem + off, texts[i], n);
			dst = s->mem + off;
			off += n;
		}
		if (i < 2 + XJ_S_COUNT)
			s->v[i - 2] = dst;
		else
			s->status = dst;
	}
}

static sqlite3_stmt *insert_stmt(struct xj_store *st, struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s;
	int i;

	if (st->q.student_insert)
		return xj_store_stmt(st, &st->q.student_insert, NULL, err);
	xj_sb_adds(&sql, "INSERT INTO student(");
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_sb_addf(&sql, "%s, ", xj_student_field(i));
	xj_sb_adds(&sql, "cohort) VALUES(");
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_sb_adds(&sql, "?, ");
	xj_sb_adds(&sql, "?)");
	s = xj_store_stmt(st, &st->q.student_insert, sql.buf, err);
	xj_sb_release(&sql);
	return s;
}

int xj_store_student_insert(struct xj_store *st, const struct xj_student *stu,
			    long long *id, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_bulk_flush(st, err) < 0 ? NULL : insert_stmt(st, err);
	int i, rc;

	if (!s)
		return -1;
	for (i = 0; i < XJ_S_COUNT; i++)
		xj_store_bind_text(s, i + 1, stu->v[i]);
	sqlite3_bind_int(s, XJ_S_COUNT + 1, stu->cohort);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		const char *m = strstr(sqlite3_errmsg(st->db), "student.");

		xj_error_where(err, NULL, 0, m ? m + 8 : "");
		return xj_error_set(err, XJ_ECONFLICT, "already in the store");
	}
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "add a student");
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* The one student the bound statement s selects into stu: 1, 0 none, -1. */
static int one_student(struct xj_store *st, sqlite3_stmt *s, struct xj_student *stu,
		       struct xj_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		xj_store_read_student(s, stu);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "find a student");
	return rc == SQLITE_ROW;
}

int xj_store_student_find(struct xj_store *st, int field, const char *value,
			  struct xj_student *stu, struct xj_error *err)
{
	sqlite3_stmt *s = st->q.find[field];

	if (!s) {
		struct xj_sb sql = XJ_SB_INIT;

		xj_sb_addf(&sql, "SELECT %s FROM student WHERE %s = ?", STUDENT_COLS,
			   xj_student_field(field));
		s = xj_store_stmt(st, &st->q.find[field], sql.buf, err);
		xj_sb_release(&sql);
	} else {
		s = xj_store_stmt(st, &st->q.find[field], NULL, err);
	}
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, value, -1, SQLITE_STATIC);
	return one_student(st, s, stu, err);
}

/* A file read again names its students in the order they were added:
 * the one after the student last found is tried first, a step along the
 * table where a search of the exam numbers' index would cost twice. */
int xj_store_student_find_next(struct xj_store *st, long long after, const char *exam_no,
			       struct xj_student *stu, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.next_after, "SELECT " STUDENT_COLS
					" FROM student WHERE id > ? ORDER BY id LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, after);
	rc = one_student(st, s, stu, err);
	if (rc < 0)
		return -1;
	if (rc > 0 && stu->v[XJ_S_EXAM_NO] && strcmp(stu->v[XJ_S_EXAM_NO], exam_no) == 0)
		return 1;
	if (rc > 0)
		xj_student_release(stu);
	return xj_store_student_find(st, XJ_S_EXAM_NO, exam_no, stu, err);
}

int xj_store_student_get(struct xj_store *st, long long id, struct xj_student *stu,
			 struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.by_id, "SELECT " STUDENT_COLS
					" FROM student WHERE id = ?", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return one_student(st, s, stu, err);
}

int xj_store_student_by_key(struct xj_store *st, const char *key, struct xj_student *s,
			    struct xj_error *err)
{
	static const int fields[] = { XJ_S_EXAM_NO, XJ_S_STUDENT_NO, XJ_S_ID_NUMBER };
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		int rc = xj_store_student_find(st, fields[i], key, s, err);

		if (rc != 0)
			return rc;
	}
	return 0;
}

int xj_store_student_set(struct xj_store *st, long long id, int field,
			 const char *value, struct xj_error *err)
{
	sqlite3_stmt *s = st->q.set[field];
	int rc;

	if (!s) {
		struct xj_sb sql = XJ_SB_INIT;

		xj_sb_addf(&sql, "UPDATE student SET %s = ? WHERE id = ?",
			   xj_student_field(field));
		s = xj_store_stmt(st, &st->q.set[field], sql.buf, err);
		xj_sb_release(&sql);
	} else {
		s = xj_store_stmt(st, &st->q.set[field], NULL, err);
	}
	if (!s)
		return -1;
	xj_store_bind_text(s, 1, value);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		xj_error_where(err, NULL, 0, xj_student_field(field));
		return xj_error_set(err, XJ_ECONFLICT, "%s belongs to another student", value);
	}
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "change a student");
	return 0;
}

int xj_store_student_set_cohort(struct xj_store *st, long long id, int cohort,
				struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.cohort_set,
		"UPDATE student SET cohort = ? WHERE id = ?", err);

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, cohort);
	sqlite3_bind_int64(s, 2, id);
	return xj_store_step_done(st, s, err);
}

/* The student's current status (the newest row) into now, and the day
 * it holds from into since (NULL: not wanted); "" for none.  1 found, 0
 * none, -1. */
static int status_now(struct xj_store *st, long long student_id, struct xj_sb *now,
		      struct xj_sb *since, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.status_now, "SELECT status, since FROM status"
					" WHERE student_id = ? ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s);
	xj_sb_reset(now);
	xj_sb_adds(now, rc == SQLITE_ROW ? xj_store_col(s, 0) : "");
	if (since) {
		xj_sb_reset(since);
		xj_sb_adds(since, rc == SQLITE_ROW ? xj_store_col(s, 1) : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the status");
	return rc == SQLITE_ROW;
}

int xj_store_status_since(struct xj_store *st, long long student_id, struct xj_sb *since,
			  struct xj_error *err)
{
	struct xj_sb now = XJ_SB_INIT;
	int rc = status_now(st, student_id, &now, since, err);

	xj_sb_release(&now);
	return rc;
}

/* Every status row of every program comes through here, so the state
 * machine (xj/status.h) is asked whichever way in a writer took. */
int xj_store_status_add(struct xj_store *st, long long student_id,
			const char *status, const char *since, const char *by,
			struct xj_error *err)
{
	struct xj_sb now = XJ_SB_INIT;
	sqlite3_stmt *s;
	int rc = status_now(st, student_id, &now, NULL, err);

	if (rc >= 0)
		rc = xj_status_allow(now.buf, status, by, err);
	xj_sb_release(&now);
	if (rc < 0)
		return -1;
	s = xj_store_stmt(st, &st->q.status_add,
		"INSERT INTO status(student_id, status, since, command_id) VALUES(?,?,?,?)",
		err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->command_id);
	return xj_store_step_done(st, s, err);
}

/* The highest rowid of table (a name from the code), 0 when empty. */
static int last_rowid(struct xj_store *st, const char *sql, long long *last,
		      struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the store");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*last = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the store");
}

int xj_store_status_first(struct xj_store *st, long long after, const char *status,
			  const char *since, const char *by, long long students[2],
			  long long statuses[2], struct xj_error *err)
{
	static const char last_status[] = "SELECT coalesce(max(id), 0) FROM status";
	sqlite3_stmt *s = NULL;
	int rc;

	if (xj_status_allow("", status, by, err) < 0 ||
	    last_rowid(st, last_status, &statuses[0], err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "INSERT INTO status(student_id, status, since, command_id)"
			       " SELECT id, ?2, ?3, ?4 FROM student WHERE id > ?1 ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "write");
	sqlite3_bind_int64(s, 1, after);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, since, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->command_id);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(s);
	statuses[0]++;
	students[0] = after + 1;
	if (rc == 0)
		rc = last_rowid(st, last_status, &statuses[1], err);
	if (rc == 0)
		rc = last_rowid(st, "SELECT coalesce(max(id), 0) FROM student", &students[1], err);
	/* one status a student, in the students' order: the check counts on it */
	if (rc == 0 && students[1] - students[0] != statuses[1] - statuses[0])
		return xj_error_set(err, XJ_ESTORE, "store %s: %lld students made, %lld statuses",
				    st->path, students[1] - students[0] + 1,
				    statuses[1] - statuses[0] + 1);
	return rc;
}

int xj_store_student_last(struct xj_store *st, long long *last, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT coalesce(max(id), 0) FROM student", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the store");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*last = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the store");
}

int xj_store_student_keys(struct xj_store *st, int build, struct xj_error *err)
{
	int rc;

	if (xj_store_bulk_flush(st, err) < 0)
		return -1;
	/* the student numbers' key stays: a roster seldom gives them, and
	 * building it would read every row again (a bulk load meets it:
	 * store_bulk.c) */
	if (!build)
		return xj_store_exec(st, "DROP INDEX student_exam_no; DROP INDEX student_id_number;",
				     err);
	/* The rows are in, and the kernel holds their pages for the commit's
	 * fsync, which would wait for every one (a fifth of a second a
	 * million): sent now, they go while the keys are sorted. */
	if (st->bulk == 2 && st->pin_fd >= 0 && !st->writeback)
		st->writeback = xj_writeback_start(st->pin_fd);
	/* The sort of a million keys is kept within the memory a command
	 * has: the load's page cache capped, and what it held given back to
	 * the system, which leaves room for a second sorting thread on the
	 * core the reading thread had (a fifth off the sort, at a million). */
	if (xj_store_cache_cap(st, 1, err) < 0)
		return -1;
	xj_store_mem_give_back();
	sqlite3_exec(st->db, "PRAGMA threads = 1", NULL, NULL, NULL);
	rc = sqlite3_exec(st->db, XJ_STUDENT_ROSTER_KEYS, NULL, NULL, NULL);
	if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_CONSTRAINT)
		rc = 1;
	else if (rc != SQLITE_OK)
		rc = xj_store_fail(st, err, "build the student keys");
	sqlite3_exec(st->db, "PRAGMA threads = 0", NULL, NULL, NULL);
	if (xj_store_cache_cap(st, 0, err) < 0)
		return -1;
	return rc;
}

int xj_store_source_in_cohort(struct xj_store *st, const char *source, int cohort,
			      struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT EXISTS (SELECT 1 FROM source_row r JOIN student s"
			       " ON s.id = r.student_id WHERE r.source = ?1 AND s.cohort = ?2)",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the source rows");
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, cohort);
	rc = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) :
	     xj_store_fail(st, err, "read the source rows");
	sqlite3_finalize(s);
	return rc;
}

int xj_store_import_begin(struct xj_store *st, const char *source,
			  const char *file, const char *encoding,
			  long long *import_id, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.import_begin,
		"INSERT INTO import(command_id, source, file, encoding) VALUES(?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, st->command_id);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, encoding, -1, SQLITE_STATIC);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	*import_id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_import_end(struct xj_store *st, long long import_id,
			const char *sha256, long read, long imported,
			long unchanged, long refused, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.import_end,
		"UPDATE import SET sha256 = ?, rows_read = ?, rows_imported = ?,"
		" rows_unchanged = ?, rows_refused = ? WHERE id = ?", err);

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, read);
	sqlite3_bind_int64(s, 3, imported);
	sqlite3_bind_int64(s, 4, unchanged);
	sqlite3_bind_int64(s, 5, refused);
	sqlite3_bind_int64(s, 6, import_id);
	return xj_store_step_done(st, s, err);
}

int xj_store_seen_reset(struct xj_store *st, struct xj_error *err)
{
	/* temporary tables: they live in this connection only, never in the store */
	return xj_store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS seen(key TEXT PRIMARY KEY,"
			     " line INTEGER NOT NULL) WITHOUT ROWID; DELETE FROM temp.seen;"
			     "CREATE TEMP TABLE IF NOT EXISTS seen_student(id INTEGER PRIMARY KEY,"
			     " line INTEGER NOT NULL); DELETE FROM temp.seen_student", err);
}

/* The key (bound to both statements' first parameter) remembered at
 * line: 0, or 1 with the line it was first seen at. */
static int seen_at(struct xj_store *st, sqlite3_stmt *add, sqlite3_stmt *get, long line,
		   long *prev_line, struct xj_error *err)
{
	int rc;

	sqlite3_bind_int64(add, 2, line);
	rc = sqlite3_step(add);
	sqlite3_reset(add);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_CONSTRAINT_PRIMARYKEY)
		return xj_store_fail(st, err, "remember a row");
	rc = sqlite3_step(get);
	*prev_line = rc == SQLITE_ROW ? (long)sqlite3_column_int64(get, 0) : 0;
	sqlite3_reset(get);
	return 1;
}

int xj_store_seen(struct xj_store *st, const char *key, long line,
		  long *prev_line, struct xj_error *err)
{
	sqlite3_stmt *add = xj_store_stmt(st, &st->q.seen_add,
		"INSERT INTO temp.seen(key, line) VALUES(?, ?)", err);
	sqlite3_stmt *get = add ? xj_store_stmt(st, &st->q.seen_get,
		"SELECT line FROM temp.seen WHERE key = ?", err) : NULL;

	if (!get)
		return -1;
	sqlite3_bind_text(add, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(get, 1, key, -1, SQLITE_STATIC);
	return seen_at(st, add, get, line, prev_line, err);
}

int xj_store_seen_student(struct xj_store *st, long long id, long line,
			  long *prev_line, struct xj_error *err)
{
	sqlite3_stmt *add = xj_store_stmt(st, &st->q.seen_sid_add,
		"INSERT INTO temp.seen_student(id, line) VALUES(?, ?)", err);
	sqlite3_stmt *get = add ? xj_store_stmt(st, &st->q.seen_sid_get,
		"SELECT line FROM temp.seen_student WHERE id = ?", err) : NULL;

	if (!get)
		return -1;
	sqlite3_bind_int64(add, 1, id);
	sqlite3_bind_int64(get, 1, id);
	return seen_at(st, add, get, line, prev_line, err);
}

int xj_store_source_add(struct xj_store *st, long long import_id, long line,
			const char *source, long long student_id,
			const struct xj_sb *data, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_bulk_flush(st, err) < 0 ? NULL :
		xj_store_stmt(st, &st->q.source_add,
		"INSERT INTO source_row(import_id, line, source, student_id, data)"
		" VALUES(?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, import_id);
	sqlite3_bind_int64(s, 2, line);
	sqlite3_bind_text(s, 3, source, -1, SQLITE_STATIC);
	if (student_id)
		sqlite3_bind_int64(s, 4, student_id);
	sqlite3_bind_text(s, 5, data->buf, (int)data->len, SQLITE_STATIC);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	xj_store_chain_link(st, import_id, line, source, student_id, data->buf, data->len,
			    sqlite3_last_insert_rowid(st->db));
	return 0;
}

int xj_store_source_latest(struct xj_store *st, long long student_id,
			   const char *source, struct xj_sb *data,
			   struct xj_sb *where, long long *import_id,
			   struct xj_error *err)
{
	return xj_store_source_latest_year(st, student_id, source, NULL, data, where,
					   import_id, err);
}

static int one_text(struct xj_store *st, sqlite3_stmt *s, struct xj_sb *out,
		    struct xj_error *err);

/* A roster row kept as an array of values, named again as an object by
 * its import's names (the import's row 0, of no student: import.c); an
 * object is as it was kept. */
static int named_again(struct xj_store *st, long long import_id, struct xj_sb *data,
		       struct xj_error *err)
{
	struct xj_sb names = XJ_SB_INIT;
	struct xj_pairs p = XJ_PAIRS_INIT;
	sqlite3_stmt *s;
	int rc;

	if (!data->len || data->buf[0] != '[')
		return 0;
	s = xj_store_stmt(st, &st->q.source_names, "SELECT data FROM source_row"
			  " WHERE student_id IS NULL AND source = 'roster' AND import_id = ?"
			  " AND line = 0 ORDER BY id LIMIT 1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, import_id);
	rc = one_text(st, s, &names, err);
	if (rc > 0 && xj_pairs_from_arrays(&p, names.buf, data->buf) == 0) {
		xj_sb_reset(data);
		xj_pairs_json(&p, data);
		rc = 0;
	} else if (rc >= 0) {
		rc = xj_error_set(err, XJ_ESTORE, "store %s: a source row of import %lld is not"
				  " named by the import's names", st->path, import_id);
	}
	xj_pairs_release(&p);
	xj_sb_release(&names);
	return rc;
}

int xj_store_source_latest_year(struct xj_store *st, long long student_id,
				const char *source, const char *year, struct xj_sb *data,
				struct xj_sb *where, long long *import_id,
				struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.source_latest,
		"SELECT r.data, i.file, r.line, r.import_id FROM source_row r JOIN import i"
		" ON i.id = r.import_id WHERE r.student_id = ? AND r.source = ?"
		" AND (?3 IS NULL OR json_extract(r.data, '$.year') = ?3)"
		" ORDER BY r.id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 3, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(data);
		xj_sb_adds(data, (const char *)sqlite3_column_text(s, 0));
		xj_sb_reset(where);
		xj_sb_addf(where, "%s:%lld", (const char *)sqlite3_column_text(s, 1),
			   (long long)sqlite3_column_int64(s, 2));
		*import_id = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read a source row");
	if (rc == SQLITE_ROW && named_again(st, *import_id, data, err) < 0)
		return -1;
	return rc == SQLITE_ROW;
}

int xj_store_json_each(struct xj_store *st, const char *json,
		       void (*fn)(void *, const char *, const char *),
		       void *ctx, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.json_each,
		"SELECT key, value FROM json_each(?)", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 1);

		fn(ctx, (const char *)sqlite3_column_text(s, 0), v ? v : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read a source row");
	return 0;
}

/* Does some student have v as major (code or name) or class?  When none
 * does, known gets up to a dozen values that some do. */
static int student_value(struct xj_store *st, int major, const char *v, struct xj_sb *known,
			 struct xj_error *err)
{
	static const char *const has[] = {
		"SELECT 1 FROM student WHERE class = ?1 LIMIT 1",
		"SELECT 1 FROM student WHERE major_code = ?1 OR major_name = ?1 LIMIT 1",
	};
	static const char *const some[] = {
		"SELECT DISTINCT class FROM student WHERE class <> '' ORDER BY 1 LIMIT 13",
		"SELECT DISTINCT major_code || ' ' || coalesce(major_name, '') FROM student"
		" WHERE major_code <> '' ORDER BY 1 LIMIT 13",
	};
	sqlite3_stmt *s = NULL;
	int rc, n = 0;

	if (sqlite3_prepare_v2(st->db, has[major], -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "query");
	sqlite3_bind_text(s, 1, v, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "query");
	if (sqlite3_prepare_v2(st->db, some[major], -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "query");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n++ < 12)
		xj_sb_addf(known, "%s%s", known->len ? ", " : "", sqlite3_column_text(s, 0));
	if (rc == SQLITE_ROW)
		xj_sb_adds(known, ", ...");
	sqlite3_finalize(s);
	return 0;
}

static int unknown(struct xj_error *err, const char *opt, const char *noun, const char *v,
		   const struct xj_sb *k)
{
	return xj_error_set(err, XJ_EUSAGE, "%s: no %s '%s' (known: %s)", opt, noun, v,
			    k->len ? k->buf : _("none"));
}

static int query_check(struct xj_store *st, const struct xj_query *q, struct xj_error *err)
{
	struct xj_sb known = XJ_SB_INIT;
	const char *code;
	int rc = 0;

	if (q->dept && (rc = xj_store_dept_find(st, q->dept, &code, err)) == 0 &&
	    xj_store_dept_list(st, &known, err) == 0)
		rc = unknown(err, "--dept", _("department"), q->dept, &known);
	if (rc >= 0 && q->major && (rc = student_value(st, 1, q->major, &known, err)) == 0)
		rc = unknown(err, "--major", _("major"), q->major, &known);
	if (rc >= 0 && q->klass && (rc = student_value(st, 0, q->klass, &known, err)) == 0)
		rc = unknown(err, "--class", _("class"), q->klass, &known);
	if (rc >= 0 && q->status && !xj_status_known(q->status)) {
		xj_status_names(&known);
		rc = unknown(err, "--status", _("status"), q->status, &known);
	}
	xj_sb_release(&known);
	return rc < 0 ? -1 : 0;
}

/* Which filters a query has: its statement's text follows from them alone,
 * so a query of one key after another keeps the statement it prepared.
 * QUERY_AFTER, a walk's next batch, is no filter of its own. */
#define QUERY_AFTER 64u

static unsigned query_shape(const struct xj_query *q)
{
	return (q->cohort ? 1u : 0) | (q->dept ? 2u : 0) | (q->major ? 4u : 0) |
	       (q->klass ? 8u : 0) | (q->status ? 16u : 0) | (q->key ? 32u : 0) |
	       (q->after ? QUERY_AFTER : 0);
}

static void query_text(const struct xj_query *q, struct xj_sb *sql)
{
	xj_sb_addf(sql, "SELECT %s FROM student WHERE 1", STUDENT_COLS);
	if (q->cohort)
		xj_sb_adds(sql, " AND cohort = ?1");
	if (q->dept)
		xj_sb_adds(sql, " AND (dept = ?2 OR dept IN (SELECT code FROM department"
			   " WHERE name = ?2 AND config_id = (SELECT max(id) FROM config_load)))");
	if (q->major)
		xj_sb_adds(sql, " AND (major_code = ?3 OR major_name = ?3)");
	if (q->klass)
		xj_sb_adds(sql, " AND class = ?4");
	if (q->status)
		xj_sb_adds(sql, " AND (SELECT status FROM status WHERE student_id ="
			   " student.id ORDER BY id DESC LIMIT 1) = ?5");
	if (q->key)
		xj_sb_adds(sql, " AND (exam_no = ?6 OR student_no = ?6 OR id_number = ?6)");
	if (q->after)
		xj_sb_adds(sql, " AND exam_no > ?7");
	xj_sb_adds(sql, " ORDER BY exam_no");
}

int xj_store_query_begin(struct xj_store *st, const struct xj_query *q,
			 struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	unsigned shape = query_shape(q);
	int rc;

	if (st->query && shape == st->query_shape) {
		sqlite3_reset(st->query);
	} else {
		/* a walk's next batch (after) is the query checked already */
		if ((!st->query || (shape & ~QUERY_AFTER) != (st->query_shape & ~QUERY_AFTER)) &&
		    query_check(st, q, err) < 0)
			return -1;
		sqlite3_finalize(st->query);
		query_text(q, &sql);
		rc = sqlite3_prepare_v2(st->db, sql.buf, -1, &st->query, NULL);
		xj_sb_release(&sql);
		if (rc != SQLITE_OK)
			return xj_store_fail(st, err, "query");
		st->query_shape = shape;
	}
	if (q->cohort)
		sqlite3_bind_int(st->query, 1, q->cohort);
	if (q->dept)
		sqlite3_bind_text(st->query, 2, q->dept, -1, SQLITE_STATIC);
	if (q->major)
		sqlite3_bind_text(st->query, 3, q->major, -1, SQLITE_STATIC);
	if (q->klass)
		sqlite3_bind_text(st->query, 4, q->klass, -1, SQLITE_STATIC);
	if (q->status)
		sqlite3_bind_text(st->query, 5, q->status, -1, SQLITE_STATIC);
	if (q->key)
		sqlite3_bind_text(st->query, 6, q->key, -1, SQLITE_STATIC);
	if (q->after)   /* a copy: the walk's buffer changes between batches */
		sqlite3_bind_text(st->query, 7, q->after, -1, SQLITE_TRANSIENT);
	return 0;
}

int xj_store_query_next(struct xj_store *st, struct xj_student *s,
			struct xj_error *err)
{
	int rc = sqlite3_step(st->query);

	if (rc == SQLITE_ROW) {
		xj_store_read_student(st->query, s);
		return 1;
	}
	sqlite3_reset(st->query);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "query");
	return 0;
}

void xj_store_query_end(struct xj_store *st)
{
	if (st->query)
		sqlite3_reset(st->query);
}

int xj_store_photo_add(struct xj_store *st, long long student_id,
		       const char *pair, const char *result, const char *score,
		       const char *source, const char *date, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.photo_add,
		"INSERT INTO photo_check(student_id, pair, result, score, source, checked_on,"
		" command_id) VALUES(?,?,?,?,?,?,?)", err);
	char today[11];

	if (!s)
		return -1;
	snprintf(today, sizeof(today), "%.10s", st->business);
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, pair, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, result, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 4, score);
	sqlite3_bind_text(s, 5, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, date && *date ? date : today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, st->command_id);
	return xj_store_step_done(st, s, err);
}

int xj_store_photo_known(struct xj_store *st, long long student_id,
			 const char *pair, const char *result, const char *date,
			 struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.photo_known,
		"SELECT 1 FROM photo_check WHERE student_id = ? AND pair = ? AND result = ?"
		" AND checked_on = ?", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, pair, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, result, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, date, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the photo checks");
	return rc == SQLITE_ROW;
}

/* One text column of a one-row query into out: 1 found, 0 not. */
static int one_text(struct xj_store *st, sqlite3_stmt *s, struct xj_sb *out,
		    struct xj_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW && out) {
		const char *t = (const char *)sqlite3_column_text(s, 0);

		xj_sb_reset(out);
		xj_sb_adds(out, t ? t : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read");
	return rc == SQLITE_ROW;
}

int xj_store_photos_latest(struct xj_store *st, long long student_id,
			   const char *const pairs[], int n, struct xj_sb out[], int found[],
			   struct xj_error *err)
{
	/* every pair of the student in one walk of the index, each pair's
	 * rows in the order they were recorded, the newest day's last kept:
	 * no sort, and one statement, for each of a certificate run's
	 * students */
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.photo_latest,
		"SELECT pair, result, checked_on FROM photo_check WHERE student_id = ?"
		" ORDER BY pair, id", err);
	char day[XJ_PHOTO_PAIRS_MAX][16];
	int i, rc;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		found[i] = 0;
	if (n > XJ_PHOTO_PAIRS_MAX)
		n = XJ_PHOTO_PAIRS_MAX;
	sqlite3_bind_int64(s, 1, student_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *pair = xj_store_col(s, 0), *on = xj_store_col(s, 2);

		for (i = 0; i < n && strcmp(pairs[i], pair); i++)
			;
		if (i == n || (found[i] && strcmp(on, day[i]) < 0))
			continue;
		snprintf(day[i], sizeof(day[i]), "%s", on);
		xj_sb_reset(&out[i]);
		xj_sb_adds(&out[i], xj_store_col(s, 1));
		found[i] = 1;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read");
}

int xj_store_photo_latest(struct xj_store *st, long long student_id,
			  const char *pair, struct xj_sb *out, struct xj_error *err)
{
	int found;

	if (xj_store_photos_latest(st, student_id, &pair, 1, out, &found, err) < 0)
		return -1;
	return found;
}

int xj_store_import_prev(struct xj_store *st, const char *source,
			 long long before, long long *id, struct xj_sb *sha,
			 struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.import_prev,
		"SELECT sha256, id FROM import WHERE source = ?1 AND (?2 = 0 OR id < ?2)"
		" AND sha256 IS NOT NULL ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, before);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 1);
		xj_sb_reset(sha);
		xj_sb_adds(sha, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the imports");
	return rc == SQLITE_ROW;
}

int xj_store_import_whole(struct xj_store *st, const char *source, char sha256[65],
			  long *rows, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT sha256, rows_read FROM (SELECT * FROM import"
			       " WHERE source = ? AND sha256 IS NOT NULL ORDER BY id DESC LIMIT 1)"
			       " WHERE rows_refused = 0", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the imports");
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(sha256, 65, "%s", xj_store_col(s, 0));
		*rows = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the imports");
	return rc == SQLITE_ROW;
}

int xj_store_import_row(struct xj_store *st, long long import_id,
			long long student_id, struct xj_sb *data,
			struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.list_row,
		"SELECT data FROM source_row WHERE student_id = ? AND import_id = ?"
		" ORDER BY id DESC LIMIT 1", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_int64(s, 2, import_id);
	return one_text(st, s, data, err);
}

int xj_store_import_unmatched(struct xj_store *st, long long import_id,
			      void (*fn)(void *, long, const char *), void *ctx,
			      struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT line, data FROM source_row WHERE"
			       " import_id = ? AND student_id IS NULL ORDER BY id", -1,
			       &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read an import");
	sqlite3_bind_int64(s, 1, import_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, (long)sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read an import");
	return 0;
}

int xj_store_form_add(struct xj_store *st, long long student_id,
		      const char *system, const char *name, const char *proof,
		      struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.form_add,
		"INSERT INTO name_form(student_id, system, name, proof, command_id)"
		" VALUES(?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, system, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, proof, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, st->command_id);
	return xj_store_step_done(st, s, err);
}

int xj_store_form_latest(struct xj_store *st, long long student_id,
			 const char *system, struct xj_sb *name,
			 struct xj_sb *proof, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.form_latest,
		"SELECT name, proof FROM name_form WHERE student_id = ? AND system = ?"
		" ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, system, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(name);
		xj_sb_adds(name, (const char *)sqlite3_column_text(s, 0));
		xj_sb_reset(proof);
		xj_sb_adds(proof, (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read a reported name");
	return rc == SQLITE_ROW;
}
