/* store_rows.c: the row log written: triggers that write every row of
 * every table into it, and the "rows" entry that sums up a command's rows
 * (rows.h; the check is store_rowcheck.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "xj/i18n.h"

/* The tables the row log leaves out: the audit chain, which hashes and
 * signatures cover already, and the row log itself. */
static const char untracked[] =
	"SELECT name FROM sqlite_master WHERE type = 'table'"
	" AND name NOT LIKE 'sqlite%' AND name NOT IN ('audit', 'command',"
	" 'command_sig', 'row_log') ORDER BY name";


static int plain_name(const char *s)
{
	if (!*s || strlen(s) >= 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* The first table sh's rows refer to that has a student column. */
static int parent_of(struct xj_store *st, struct xj_row_shape *sh, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT f.\"from\", f.\"table\" FROM"
			       " pragma_foreign_key_list(?1) f WHERE EXISTS (SELECT 1 FROM"
			       " pragma_table_info(f.\"table\") WHERE name = 'student_id')"
			       " ORDER BY f.id LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the schema");
	sqlite3_bind_text(s, 1, sh->table, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && plain_name(xj_store_col(s, 0)) && plain_name(xj_store_col(s, 1))) {
		snprintf(sh->via_col, sizeof(sh->via_col), "%s", xj_store_col(s, 0));
		snprintf(sh->via_table, sizeof(sh->via_table), "%s", xj_store_col(s, 1));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : xj_store_fail(st, err, "read the schema");
}

struct shape_walk {
	struct xj_row_shape *sh;
	int integer;   /* the key's one column is an INTEGER */
};

/* A column into the shape; 1 (stop) for one more than it holds, or of a
 * name that is not xj's. */
static int column_row(sqlite3_stmt *s, void *walk)
{
	struct shape_walk *w = walk;
	struct xj_row_shape *sh = w->sh;
	const char *c = xj_store_col(s, 0);
	int pk = sqlite3_column_int(s, 1);

	if (sh->ncols >= MAXCOLS || !plain_name(c))
		return 1;
	snprintf(sh->col[sh->ncols].name, sizeof(sh->col[0].name), "%s", c);
	sh->col[sh->ncols].pk = pk;
	sh->col[sh->ncols++].blob = sqlite3_column_int(s, 2);
	if (pk > sh->npk)
		sh->npk = pk;
	if (pk == 1)
		w->integer = sqlite3_column_int(s, 3);
	if (!strcmp(c, "student_id"))
		sh->has_student = 1;
	return 0;
}

int xj_store_rows_shape(struct xj_store *st, const char *table, struct xj_row_shape *sh,
		    struct xj_error *err)
{
	struct shape_walk w = { sh, 0 };
	sqlite3_stmt *s = NULL;
	int rc;

	memset(sh, 0, sizeof(*sh));
	if (!plain_name(table))
		return xj_error_set(err, XJ_ESTORE, "store %s: a table named %s is not xj's",
				    st->path, table);
	snprintf(sh->table, sizeof(sh->table), "%s", table);
	if (sqlite3_prepare_v2(st->db, "SELECT name, pk, upper(type) = 'BLOB',"
			       " upper(type) = 'INTEGER' FROM pragma_table_info(?) ORDER BY cid",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the schema");
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	rc = xj_store_each(st, s, column_row, &w, "read the schema", err);
	sqlite3_finalize(s);
	if (rc < 0)   /* the step's own failure, as xj_store_each said it */
		return -1;
	if (rc != 0)
		return xj_error_set(err, XJ_ESTORE, "store %s: table %s has a shape xj does"
				    " not know", st->path, table);
	sh->int_key = sh->npk == 1 && w.integer;
	return sh->has_student ? 0 : parent_of(st, sh, err);
}

/* The row as a JSON object over prefix pfx ("NEW.", "OLD." or ""): a
 * BLOB by its length, its bytes bound by the SHA-256 column beside it. */
void xj_store_rows_row_sql(const struct xj_row_shape *sh, const char *pfx, struct xj_sb *out)
{
	int i;

	xj_sb_adds(out, "json_object(");
	for (i = 0; i < sh->ncols; i++)
		xj_sb_addf(out, "%s'%s', %s%s%s%s", i ? ", " : "", sh->col[i].name,
			   sh->col[i].blob ? "length(" : "", pfx, sh->col[i].name,
			   sh->col[i].blob ? ") || ' bytes'" : "");
	xj_sb_adds(out, ")");
}

/* The row's key: an INTEGER PRIMARY KEY as it is, a composite key as a
 * JSON array of its columns in key order (VACUUM may renumber the rowids
 * of such a table). */
void xj_store_rows_key_sql(const struct xj_row_shape *sh, const char *pfx, struct xj_sb *out)
{
	int k, i, n = 0;

	if (sh->int_key) {
		for (i = 0; i < sh->ncols; i++)
			if (sh->col[i].pk == 1)
				xj_sb_addf(out, "%s%s", pfx, sh->col[i].name);
		return;
	}
	xj_sb_adds(out, "json_array(");
	for (k = 1; k <= sh->npk; k++)
		for (i = 0; i < sh->ncols; i++)
			if (sh->col[i].pk == k)
				xj_sb_addf(out, "%s%s%s", n++ ? ", " : "", pfx, sh->col[i].name);
	if (!sh->npk)
		xj_sb_addf(out, "%srowid", pfx);
	xj_sb_adds(out, ")");
}

/* One log insert over pfx; NULL row for a row gone. */
static void log_insert(const struct xj_row_shape *sh, const char *pfx, int gone, struct xj_sb *out)
{
	xj_sb_addf(out, "INSERT INTO row_log(command_id, tbl, rid, row)"
		   " VALUES((SELECT max(id) FROM command), '%s', ", sh->table);
	xj_store_rows_key_sql(sh, pfx, out);
	xj_sb_adds(out, ", ");
	if (gone)
		xj_sb_adds(out, "NULL");
	else
		xj_store_rows_row_sql(sh, pfx, out);
	xj_sb_adds(out, ");");
}

static void insert_trigger_sql(const struct xj_row_shape *sh, struct xj_sb *out)
{
	xj_sb_addf(out, "CREATE TRIGGER xj_row_%s_i AFTER INSERT ON %s BEGIN ", sh->table,
		   sh->table);
	log_insert(sh, "NEW.", 0, out);
	xj_sb_adds(out, " END;");
}

/* A change of key logs the old key gone. */
static void update_trigger_sql(const struct xj_row_shape *sh, struct xj_sb *out)
{
	const char *t = sh->table;

	xj_sb_addf(out, " CREATE TRIGGER xj_row_%s_u AFTER UPDATE ON %s BEGIN ", t, t);
	xj_sb_addf(out, "INSERT INTO row_log(command_id, tbl, rid, row) SELECT (SELECT max(id)"
		   " FROM command), '%s', ", t);
	xj_store_rows_key_sql(sh, "OLD.", out);
	xj_sb_adds(out, ", NULL WHERE ");
	xj_store_rows_key_sql(sh, "OLD.", out);
	xj_sb_adds(out, " IS NOT ");
	xj_store_rows_key_sql(sh, "NEW.", out);
	xj_sb_adds(out, "; ");
	log_insert(sh, "NEW.", 0, out);
	xj_sb_adds(out, " END;");
}

/* The three triggers of a table. */
static void triggers_sql(const struct xj_row_shape *sh, struct xj_sb *out)
{
	const char *t = sh->table;

	insert_trigger_sql(sh, out);
	update_trigger_sql(sh, out);
	xj_sb_addf(out, " CREATE TRIGGER xj_row_%s_d AFTER DELETE ON %s BEGIN ", t, t);
	log_insert(sh, "OLD.", 1, out);
	xj_sb_adds(out, " END;");
}

/* Every row the table holds now, logged under the running command. */
static void baseline_sql(const struct xj_row_shape *sh, long long command, struct xj_sb *out)
{
	xj_sb_addf(out, "INSERT INTO row_log(command_id, tbl, rid, row) SELECT %lld, '%s', ",
		   command, sh->table);
	xj_store_rows_key_sql(sh, "", out);
	xj_sb_adds(out, ", ");
	xj_store_rows_row_sql(sh, "", out);
	xj_sb_addf(out, " FROM %s ORDER BY 3;", sh->table);
}

static int name_row(sqlite3_stmt *s, void *names)
{
	xj_sb_addf(names, "%s\n", xj_store_col(s, 0));
	return 0;
}

/* fn(ctx, table) for each tracked table, in name order. */
int xj_store_rows_each_table(struct xj_store *st, int (*fn)(void *ctx, const char *table),
		      void *ctx, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_sb names = XJ_SB_INIT;
	const char *p;
	int rc;

	if (sqlite3_prepare_v2(st->db, untracked, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the schema");
	xj_sb_adds(&names, "");
	rc = xj_store_each(st, s, name_row, &names, "read the schema", err);
	sqlite3_finalize(s);
	if (rc < 0) {
		xj_sb_release(&names);
		return -1;
	}
	/* the list is read whole first: fn may change the schema */
	rc = 0;
	for (p = names.buf; rc == 0 && *p; p = strchr(p, '\n') + 1) {
		char t[64];

		if (sscanf(p, "%63[^\n]", t) == 1)
			rc = fn(ctx, t);
	}
	xj_sb_release(&names);
	return rc;
}

struct track {
	struct xj_store *st;
	struct xj_error *err;
	struct xj_sb sql;
};

static int track_one(void *ctx, const char *table)
{
	struct track *k = ctx;
	struct xj_row_shape sh;

	if (xj_store_rows_shape(k->st, table, &sh, k->err) < 0)
		return -1;
	xj_sb_reset(&k->sql);
	triggers_sql(&sh, &k->sql);
	baseline_sql(&sh, k->st->command_id, &k->sql);
	return xj_store_exec(k->st, k->sql.buf, k->err);
}

int xj_store_rows_retrack(struct xj_store *st, const char *table, struct xj_error *err)
{
	struct xj_row_shape sh;
	struct xj_sb sql = XJ_SB_INIT;
	int rc;

	if (xj_store_rows_shape(st, table, &sh, err) < 0)
		return -1;
	triggers_sql(&sh, &sql);
	rc = xj_store_exec(st, sql.buf, err);
	xj_sb_release(&sql);
	return rc;
}

int xj_store_rows_track(struct xj_store *st, struct xj_error *err)
{
	struct track k = { st, err, XJ_SB_INIT };
	int rc = xj_store_rows_each_table(st, track_one, &k, err);

	xj_sb_release(&k.sql);
	return rc;
}

static int count_one(void *ctx, const char *table)
{
	(void)table;
	++*(long *)ctx;
	return 0;
}

/* At the start of a command: the row log's end, and every table's
 * triggers in place.  A store whose triggers were dropped would take rows
 * the log never sees: it is refused before anything is written. */
int xj_store_rows_begin(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	long tables = 0, triggers = -1;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT (SELECT coalesce(max(id), 0) FROM row_log),"
			       " (SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
			       " AND name LIKE 'xj\\_row\\_%' ESCAPE '\\')", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row log");
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		st->rows_mark = sqlite3_column_int64(s, 0);
		triggers = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return xj_store_fail(st, err, "read the row log");
	if (st->rows_pending)
		return 0;
	if (xj_store_rows_each_table(st, count_one, &tables, err) < 0)
		return -1;
	if (triggers != 3 * tables)
		return xj_error_set(err, XJ_ESTORE, "store %s: its schema was changed behind"
				    " xj's back (%ld of the %ld triggers that log its rows are there);"
				    " nothing is written to it: see 'xj log --verify'", st->path,
				    triggers, 3 * tables);
	return st->migrating ? 0 : xj_store_schema_check(st, err);
}

static void sum_col(struct xj_sha256 *h, sqlite3_stmt *s, int i)
{
	size_t n;
	const char *v = xj_store_col_n(s, i, &n);

	xj_sha256_update(h, v, n);
}

/* At commit: the command's rows summed up in one entry, which the chain
 * and the signature then cover.  Each row is "table TAB key TAB row LF",
 * a row gone "-" (no JSON is "-"). */
void xj_store_rows_sum_row(struct xj_sha256 *h, sqlite3_stmt *s, int first)
{
	sum_col(h, s, first);
	xj_sha256_update(h, "\t", 1);
	sum_col(h, s, first + 1);
	xj_sha256_update(h, "\t", 1);
	if (sqlite3_column_type(s, first + 2) == SQLITE_NULL)
		xj_sha256_update(h, "-", 1);
	else
		sum_col(h, s, first + 2);
	xj_sha256_update(h, "\n", 1);
}

/* A command that wrote rows is on the row log itself, first of them: its
 * time, business time, who and arguments (the chain's hash does not cover
 * the business time). */
static int log_command(struct xj_store *st, struct xj_error *err)
{
	struct xj_row_shape sh;
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int rc;

	if (xj_store_rows_shape(st, "command", &sh, err) < 0)
		return -1;
	xj_sb_adds(&sql, "INSERT INTO row_log(command_id, tbl, rid, row) SELECT id, 'command', id, ");
	xj_store_rows_row_sql(&sh, "", &sql);
	xj_sb_adds(&sql, " FROM command WHERE id = ?1 AND EXISTS (SELECT 1 FROM row_log"
		   " WHERE id > ?2)");
	rc = sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL) == SQLITE_OK ? 0 :
	     xj_store_fail(st, err, "write");
	xj_sb_release(&sql);
	if (rc == 0) {
		sqlite3_bind_int64(s, 1, st->command_id);
		sqlite3_bind_int64(s, 2, st->rows_mark);
		rc = xj_store_step_done(st, s, err);
	}
	sqlite3_finalize(s);
	return rc;
}

static int defer(struct xj_store *st, const char *table, int counter, struct xj_error *err)
{
	struct xj_sb sql = XJ_SB_INIT;
	sqlite3_stmt *s = NULL;
	int i, rc;

	for (i = 0; i < st->ndeferred; i++)
		if (!strcmp(st->deferred[i].table, table))
			return 0;   /* held back already: the first mark holds */
	if (!plain_name(table) || strlen(table) >= sizeof(st->deferred[0].table) ||
	    st->ndeferred == (int)(sizeof(st->deferred) / sizeof(st->deferred[0])))
		return xj_error_set(err, XJ_EUSAGE, "cannot hold back the row log of %s", table);
	xj_sb_addf(&sql, "SELECT coalesce(max(rowid), 0) FROM %s", table);
	rc = sqlite3_prepare_v2(st->db, sql.buf, -1, &s, NULL) == SQLITE_OK &&
	     sqlite3_step(s) == SQLITE_ROW ? 0 : xj_store_fail(st, err, "read the row log");
	if (rc == 0)
		st->deferred[st->ndeferred].mark = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	xj_sb_reset(&sql);
	xj_sb_addf(&sql, "DROP TRIGGER xj_row_%s_i;", table);
	if (counter == 1)
		xj_sb_addf(&sql, "DROP TRIGGER xj_row_%s_u;", table);
	if (rc == 0)
		rc = xj_store_exec(st, sql.buf, err);
	xj_sb_release(&sql);
	if (rc == 0) {
		snprintf(st->deferred[st->ndeferred].table, sizeof(st->deferred[0].table),
			 "%s", table);
		st->deferred[st->ndeferred++].counter = counter;
	}
	return rc;
}

int xj_store_rows_defer(struct xj_store *st, const char *table, struct xj_error *err)
{
	return defer(st, table, 0, err);
}

int xj_store_rows_defer_counter(struct xj_store *st, const char *table,
				struct xj_error *err)
{
	return defer(st, table, 1, err);
}

int xj_store_rows_vouched(struct xj_store *st, const char *table, struct xj_error *err)
{
	return defer(st, table, 2, err);
}

/* A row of t (a counter's) that is not as the log last had it: new, or
 * changed since.  The table is small and row_log_row finds its key. */
static void changed_sql(const struct xj_row_shape *sh, struct xj_sb *out)
{
	xj_store_rows_row_sql(sh, "t.", out);
	xj_sb_addf(out, " IS NOT (SELECT l.row FROM row_log l WHERE l.tbl = '%s' AND l.rid = ",
		   sh->table);
	xj_store_rows_key_sql(sh, "t.", out);
	xj_sb_adds(out, " ORDER BY l.id DESC LIMIT 1)");
}

/* The rows a held-back table took (a counter's: the rows it changed),
 * logged as they stand, and its triggers back.  A rollback to a savepoint
 * may have brought the triggers back and logged some rows already: logging
 * them again changes nothing, the last logged row of a key being what
 * counts. */
static int catch_up(struct xj_store *st, int i, struct xj_error *err)
{
	struct xj_row_shape sh;
	struct xj_sb sql = XJ_SB_INIT;
	int rc;

	if (xj_store_rows_shape(st, st->deferred[i].table, &sh, err) < 0)
		return -1;
	xj_sb_addf(&sql, "DROP TRIGGER IF EXISTS xj_row_%s_i;", sh.table);
	if (st->deferred[i].counter == 2) {   /* vouched for: only the trigger back */
		insert_trigger_sql(&sh, &sql);
		rc = xj_store_exec(st, sql.buf, err);
		xj_sb_release(&sql);
		return rc;
	}
	if (st->deferred[i].counter)
		xj_sb_addf(&sql, "DROP TRIGGER IF EXISTS xj_row_%s_u;", sh.table);
	xj_sb_addf(&sql, "INSERT INTO row_log(command_id, tbl, rid, row) SELECT %lld, '%s', ",
		   st->command_id, sh.table);
	xj_store_rows_key_sql(&sh, "t.", &sql);
	xj_sb_adds(&sql, ", ");
	xj_store_rows_row_sql(&sh, "t.", &sql);
	xj_sb_addf(&sql, " FROM %s t WHERE ", sh.table);
	if (st->deferred[i].counter)
		changed_sql(&sh, &sql);
	else
		xj_sb_addf(&sql, "t.rowid > %lld", st->deferred[i].mark);
	xj_sb_adds(&sql, " ORDER BY t.rowid;");
	insert_trigger_sql(&sh, &sql);
	if (st->deferred[i].counter)
		update_trigger_sql(&sh, &sql);
	/* one statement writes the table's rows: its pages leave the cache */
	rc = xj_store_cache_cap(st, 1, err);
	if (rc == 0)
		rc = xj_store_exec(st, sql.buf, err);
	if (rc == 0)
		rc = xj_store_cache_cap(st, 0, err);
	xj_sb_release(&sql);
	return rc;
}

struct sum_walk {
	struct xj_sha256 h;
	long long n;
};

static int sum_row(sqlite3_stmt *s, void *walk)
{
	struct sum_walk *w = walk;

	xj_store_rows_sum_row(&w->h, s, 0);
	w->n++;
	return 0;
}

int xj_store_rows_seal(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct sum_walk w;
	struct xj_sb json = XJ_SB_INIT;
	char hex[65];
	int i, rc;

	/* one statement writes each held-back table's rows */
	for (i = 0; i < st->ndeferred; i++)
		if (catch_up(st, i, err) < 0)
			return -1;
	st->ndeferred = 0;
	if (log_command(st, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "SELECT tbl, rid, row FROM row_log WHERE id > ?"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the row log");
	if (xj_sha256_init(&w.h, err) < 0) {
		sqlite3_finalize(s);
		return -1;
	}
	w.n = 0;
	sqlite3_bind_int64(s, 1, st->rows_mark);
	rc = xj_store_each(st, s, sum_row, &w, "read the row log", err);
	sqlite3_finalize(s);
	if (rc < 0) {
		xj_sha256_drop(&w.h);
		return -1;
	}
	xj_sha256_final(&w.h, hex);
	if (!w.n)
		return 0;
	xj_sb_addf(&json, "{\"rows\":%lld,\"sha256\":\"%s\"}", w.n, hex);
	rc = xj_store_audit(st, 0, "rows", NULL, json.buf, err);
	xj_sb_release(&json);
	return rc;
}
