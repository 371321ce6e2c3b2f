/* store_review.c: reviews, sign-offs and signed decisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "xj/audit.h"
#include "xj/key.h"
#include "xj/sha256.h"

/* A decision's signature row: the statement signed, and its signature. */
static int sig_row(struct xj_store *st, long long audit_id, const char *statement,
		   size_t len, const char *sig, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.decision_sig, "INSERT INTO"
					" decision_sig(audit_id, signer, public_key, signature,"
					" statement) VALUES(?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, audit_id);
	sqlite3_bind_text(s, 2, st->signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->key->pub, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, sig, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, statement, (int)len, SQLITE_STATIC);
	return xj_store_step_done(st, s, err);
}

void xj_store_sign_ahead(struct xj_store *st)
{
	if (st->key && !st->signer_thread)
		st->signer_thread = xj_signer_new(st->key);
}

/* The next signature back stored: 1; 0 when none is ready (or, with
 * wait, none is left to sign). */
static int store_one(struct xj_store *st, int wait, struct xj_error *err)
{
	struct xj_signed done;
	int rc;

	if (!st->signer_thread || !xj_signer_take(st->signer_thread, wait, &done))
		return 0;
	rc = sig_row(st, done.tag, done.msg, done.len, done.sig, err);
	free(done.msg);
	return rc < 0 ? -1 : 1;
}

int xj_store_signed_catch_up(struct xj_store *st, int all, struct xj_error *err)
{
	int rc;

	while ((rc = store_one(st, all, err)) > 0)
		;
	return rc;
}

int xj_store_audit_signed(struct xj_store *st, long long student_id,
			  const char *action, const char *new_json,
			  const char *statement, struct xj_error *err)
{
	struct xj_sb full = XJ_SB_INIT;
	char sig[XJ_SIG_MAX];
	int rc;

	if (!st->key)
		return xj_error_set(err, XJ_EUSAGE, "%s is a decision: it needs the key of"
				    " the staff member who makes it (see xj-key(1))", action);
	/* the statement is placed where the entry goes: after the head now */
	xj_sb_adds(&full, statement);
	xj_audit_statement_head(&full, st->last_id, st->last_hash);
	rc = xj_store_audit(st, student_id, action, NULL, new_json, err);
	if (rc == 0 && st->signer_thread) {
		/* the ring full: its first signature stored, then the next in */
		if (xj_signer_pending(st->signer_thread) >= XJ_SIGNER_AHEAD)
			rc = store_one(st, 1, err) < 0 ? -1 : 0;
		if (rc == 0) {
			size_t len = full.len;

			xj_signer_put(st->signer_thread, st->last_id, xj_sb_detach(&full), len);
			rc = xj_store_signed_catch_up(st, 0, err);
		}
	} else if (rc == 0) {
		xj_key_sign(st->key, full.buf, full.len, sig);
		rc = sig_row(st, st->last_id, full.buf, full.len, sig, err);
	}
	xj_sb_release(&full);
	return rc;
}

const char *xj_store_signer(const struct xj_store *st)
{
	return st->key && st->signer ? st->signer : NULL;
}

int xj_store_student_ident(struct xj_store *st, long long student_id,
			   struct xj_sb *exam_no, struct xj_sb *name,
			   struct xj_sb *id_number, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.student_ident, "SELECT exam_no, name,"
					" id_number FROM student WHERE id = ?", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_store_take(exam_no, s, 0);
		xj_store_take(name, s, 1);
		xj_store_take(id_number, s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "find a student");
	return rc == SQLITE_ROW;
}

int xj_store_audit_statement(struct xj_store *st, long long student_id,
			     const char *action, const char *new_json,
			     const char *signer, const char *public_key,
			     const char *signature, const char *statement,
			     struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	/* the sign-off is the signer's; the command recording it is still
	 * signed by whoever runs it */
	if (!st->key)
		return xj_error_set(err, XJ_EUSAGE, "recording a signed sheet needs the key"
				    " of the staff member who records it (see xj-key(1))");
	if (xj_store_audit(st, student_id, action, NULL, new_json, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(st->db, "INSERT INTO decision_sig(audit_id, signer,"
			       " public_key, signature, statement) VALUES(?,?,?,?,?)", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "record a signature");
	sqlite3_bind_int64(s, 1, st->last_id);
	sqlite3_bind_text(s, 2, signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, public_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, signature, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, statement, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "record a signature");
	return 0;
}

int xj_store_statement_known(struct xj_store *st, const char *statement,
			     struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM decision_sig WHERE statement = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the decisions");
	sqlite3_bind_text(s, 1, statement, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the decisions");
	return rc == SQLITE_ROW;
}

/* Does the store's decision_sig have the statement column?  A copy of a
 * schema-2 store, checked before its migration, has none. */
static int has_statements(struct xj_store *st)
{
	sqlite3_stmt *s = NULL;
	int has = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM pragma_table_info('decision_sig')"
			       " WHERE name = 'statement'", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		has = sqlite3_column_int(s, 0) > 0;
	sqlite3_finalize(s);
	return has;
}

struct decision_walk {
	int (*fn)(void *, const struct xj_decision_row *);
	void *ctx;
};

static int decision_row(sqlite3_stmt *s, void *walk)
{
	struct decision_walk *w = walk;
	struct xj_decision_row d;

	d.audit_id = sqlite3_column_int64(s, 0);
	d.command_id = sqlite3_column_int64(s, 1);
	d.signer = xj_store_col(s, 2);
	d.public_key = xj_store_col(s, 3);
	d.signature = xj_store_col(s, 4);
	d.hash = xj_store_col(s, 5);
	d.statement = xj_store_col(s, 6);
	d.exam_no = xj_store_col(s, 7);
	d.stage = xj_store_col(s, 8);
	d.level = xj_store_col(s, 9);
	d.result = xj_store_col(s, 10);
	d.review_id = sqlite3_column_int64(s, 11);
	d.prev_hash = xj_store_col(s, 12);
	d.entry_action = xj_store_col(s, 13);
	d.entry_new = xj_store_col(s, 14);
	d.entry_student = xj_store_col(s, 15);
	return w->fn(w->ctx, &d) != 0;   /* a stop, never a failure */
}

int xj_store_decision_each(struct xj_store *st,
			   int (*fn)(void *, const struct xj_decision_row *),
			   void *ctx, struct xj_error *err)
{
	/* a sheet's decision with the sign-off its entry made; an online
	 * one with its entry, which its statement's head places */
	static const char with[] = "SELECT d.audit_id, a.command_id, d.signer,"
		" d.public_key, d.signature, a.hash, d.statement, t.exam_no,"
		" r.stage, g.level, r.result, g.review_id, a.prev_hash, a.action, a.new,"
		" es.exam_no FROM decision_sig d"
		" LEFT JOIN audit a ON a.id = d.audit_id"
		" LEFT JOIN student es ON es.id = a.student_id"
		" LEFT JOIN signoff g ON d.statement IS NOT NULL"
		"  AND instr(d.statement, char(10) || 'head: ') = 0"
		"  AND g.audit_id = d.audit_id"
		" LEFT JOIN review r ON r.id = g.review_id"
		" LEFT JOIN student t ON t.id = r.student_id ORDER BY d.audit_id";
	static const char without[] = "SELECT d.audit_id, a.command_id, d.signer,"
		" d.public_key, d.signature, a.hash, NULL, NULL, NULL, NULL, NULL, 0,"
		" a.prev_hash, a.action, a.new, NULL"
		" FROM decision_sig d LEFT JOIN audit a ON a.id = d.audit_id"
		" ORDER BY d.audit_id";
	struct decision_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, has_statements(st) ? with : without, -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the decisions");
	rc = xj_store_each(st, s, decision_row, &w, "read the decisions", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

struct hash_walk {
	int (*fn)(void *, long long audit_id, const char *sha256);
	void *ctx;
};

/* The hash the config's entry carries; a config loaded before entries
 * carried one is hashed from its text. */
static int hash_row(sqlite3_stmt *s, void *walk)
{
	struct hash_walk *w = walk;
	const char *sha = xj_store_col(s, 1);
	char hex[65];

	if (!*sha) {
		const char *text = xj_store_col(s, 2);

		xj_sha256_hex(text, strlen(text), hex);
		sha = hex;
	}
	return w->fn(w->ctx, sqlite3_column_int64(s, 0), sha) != 0;
}

int xj_store_config_hashes(struct xj_store *st,
			   int (*fn)(void *, long long audit_id, const char *sha256),
			   void *ctx, struct xj_error *err)
{
	struct hash_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT a.id, CASE WHEN json_valid(a.new)"
			       " THEN json_extract(a.new, '$.sha256') END,"
			       " (SELECT l.text FROM config_load l WHERE l.command_id = a.command_id"
			       "  ORDER BY l.id DESC LIMIT 1)"
			       " FROM audit a WHERE a.action = 'config' ORDER BY a.id", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the config");
	rc = xj_store_each(st, s, hash_row, &w, "read the config", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

int xj_store_review_add(struct xj_store *st, long long student_id,
			const char *stage, const char *result, const char *items,
			const char *note, const char *reviewer, long long *id,
			struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.review_add,
		"INSERT INTO review(student_id, stage, result, items, note, reviewer,"
		" command_id, audit_id) VALUES(?,?,?,?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, result, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, items, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 5, note);
	sqlite3_bind_text(s, 6, reviewer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, st->command_id);
	sqlite3_bind_int64(s, 8, st->last_id);   /* the decision just written */
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_signoff_add(struct xj_store *st, long long review_id,
			 const char *level, const char *signer, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.signoff_add,
		"INSERT INTO signoff(review_id, level, signer, command_id, audit_id)"
		" VALUES(?,?,?,?,?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, review_id);
	sqlite3_bind_text(s, 2, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, signer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, st->command_id);
	sqlite3_bind_int64(s, 5, st->last_id);   /* the decision just written */
	return xj_store_step_done(st, s, err);
}

/* The decisions rows without an audit id stand on: a case's or an
 * archive check's, of the same command, student and signer, the k-th row
 * of a kind on the k-th decision of its action. */
#define BY_COMMAND \
	"WITH dec AS (SELECT a.id, a.command_id AS cmd, a.student_id AS sid, a.action," \
	"  x.signer, row_number() OVER (PARTITION BY a.command_id," \
	"  a.student_id, a.action, x.signer ORDER BY a.id) AS rn FROM audit a" \
	"  JOIN decision_sig x ON x.audit_id = a.id" \
	"  WHERE a.action IN ('case-open', 'case-note', 'case-close', 'archive-check'))," \
	" cf AS (SELECT f.*, row_number() OVER (PARTITION BY f.command_id, f.student_id," \
	"  f.opened_by ORDER BY f.id) AS rn FROM case_file f)," \
	" ce AS (SELECT v.*, f.student_id AS sid, row_number() OVER (PARTITION BY" \
	"  v.command_id, f.student_id, v.kind, v.by_whom ORDER BY v.id) AS rn" \
	"  FROM case_event v JOIN case_file f ON f.id = v.case_id" \
	"  WHERE v.kind IN ('note', 'close'))," \
	" he AS (SELECT h.* FROM holding_event h WHERE h.kind = 'check')," \
	" cfd AS (SELECT cf.*, dec.id AS did FROM cf LEFT JOIN dec ON dec.cmd = cf.command_id" \
	"  AND dec.sid = cf.student_id AND dec.action = 'case-open'" \
	"  AND dec.signer = cf.opened_by AND dec.rn = cf.rn)," \
	" ced AS (SELECT ce.*, dec.id AS did FROM ce LEFT JOIN dec ON dec.cmd = ce.command_id" \
	"  AND dec.sid = ce.sid AND dec.action = 'case-' || ce.kind" \
	"  AND dec.signer = ce.by_whom AND dec.rn = ce.rn)," \
	" hed AS (SELECT he.*, dec.id AS did FROM he LEFT JOIN dec ON dec.cmd = he.command_id" \
	"  AND dec.sid = he.student_id AND dec.action = 'archive-check'" \
	"  AND dec.signer = he.by_whom AND dec.rn = 1) "

struct unsigned_walk {
	int (*fn)(void *, const char *what, long long id, const char *who);
	void *ctx;
};

static int unsigned_row(sqlite3_stmt *s, void *walk)
{
	struct unsigned_walk *w = walk;

	return w->fn(w->ctx, xj_store_col(s, 0), sqlite3_column_int64(s, 1),
		     xj_store_col(s, 2)) != 0;
}

int xj_store_unsigned_each(struct xj_store *st,
			   int (*fn)(void *, const char *what, long long id,
				     const char *who),
			   void *ctx, struct xj_error *err)
{
	struct unsigned_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	/* reviews and sign-offs whose decision entry is not signed by the
	 * person the row names: written around the programs */
	if (sqlite3_prepare_v2(st->db, BY_COMMAND "SELECT 'review', r.id, r.reviewer FROM review r"
			       " LEFT JOIN decision_sig d ON d.audit_id = r.audit_id"
			       " WHERE d.signer IS NOT r.reviewer UNION ALL"
			       " SELECT 'sign-off', g.id, g.signer FROM signoff g"
			       " LEFT JOIN decision_sig d ON d.audit_id = g.audit_id"
			       " WHERE d.signer IS NOT g.signer UNION ALL"
			       " SELECT 'change request', c.id, c.requested_by FROM change_request c"
			       " LEFT JOIN decision_sig d ON d.audit_id = c.audit_id"
			       " WHERE d.signer IS NOT c.requested_by UNION ALL"
			       " SELECT 'change ' || e.kind, e.id, e.by_whom FROM change_event e"
			       " LEFT JOIN decision_sig d ON d.audit_id = e.audit_id"
			       " WHERE e.kind <> 'apply' AND d.signer IS NOT e.by_whom UNION ALL"
			       " SELECT 'case', id, opened_by FROM cfd WHERE did IS NULL UNION ALL"
			       " SELECT 'case ' || kind, id, by_whom FROM ced WHERE did IS NULL"
			       " UNION ALL SELECT 'archive check', id, by_whom FROM hed"
			       " WHERE did IS NULL ORDER BY 1, 2", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the reviews");
	rc = xj_store_each(st, s, unsigned_row, &w, "read the reviews", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

struct command_walk {
	int (*fn)(void *, long long command, long long entry, const char *action);
	void *ctx;
};

static int command_row(sqlite3_stmt *s, void *walk)
{
	struct command_walk *w = walk;

	return w->fn(w->ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
		     xj_store_col(s, 2)) != 0;
}

int xj_store_unsigned_commands(struct xj_store *st,
			       int (*fn)(void *, long long command, long long entry,
					 const char *action),
			       void *ctx, struct xj_error *err)
{
	struct command_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;
	/* a key became a must with schema 3: a store made before it may hold
	 * unsigned commands up to its migration to 3 */
	int migrated = sqlite3_table_column_metadata(st->db, "main", "migration", "to_version",
						     NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;

	if (sqlite3_prepare_v2(st->db, migrated ? "WITH keys_from(c) AS (SELECT coalesce("
			       "  (SELECT min(command_id) FROM migration WHERE to_version >= 3),"
			       "  (SELECT CASE WHEN json_extract(new, '$.schema') >= 3 THEN 0 END"
			       "   FROM audit WHERE action = 'init' ORDER BY id LIMIT 1),"
			       "  (SELECT max(id) + 1 FROM command)))"
			       " SELECT a.command_id, min(a.id), a.action FROM audit a, keys_from k"
			       " WHERE a.command_id >= k.c AND NOT EXISTS (SELECT 1 FROM command_sig g"
			       "  WHERE g.command_id = a.command_id)"
			       " AND NOT (a.action = 'init' AND a.command_id = (SELECT min(id) FROM command))"
			       " AND a.action NOT IN ('migrate', 'rows')"
			       " GROUP BY a.command_id ORDER BY 1" :
			       "SELECT 0, 0, '' WHERE 0", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the audit log");
	rc = xj_store_each(st, s, command_row, &w, "read the audit log", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

/* What the decision's entry says of a request: its id, kind, old and new
 * values (JSON, minified), where it names them. */
#define ENTRY_SAYS \
	" CASE WHEN json_valid(a.new) THEN json_extract(a.new, '$.request') END," \
	" CASE WHEN json_valid(a.new) THEN json_extract(a.new, '$.kind') END," \
	" CASE WHEN json_valid(a.new) AND json_type(a.new, '$.old') = 'object'" \
	"  THEN json_extract(a.new, '$.old') END," \
	" CASE WHEN json_valid(a.new) AND json_type(a.new, '$.new') = 'object'" \
	"  THEN json_extract(a.new, '$.new') END"
#define MINIFIED(c) " CASE WHEN json_valid(" c ") THEN json(" c ") ELSE " c " END"
#define NO_ENTRY " NULL, NULL, NULL, NULL"
#define NO_REQUEST " NULL, NULL, NULL, NULL, NULL"

/* Columns: table, id, decision, key, statement; student, signer, stage,
 * level, result, items, note, text, action; review, request, step, case;
 * kind, old, new, old and new minified (the request's); the entry's
 * request, kind, old, new; whether the entry names the holding; rank. */
static const char stood_sql[] = BY_COMMAND
	"SELECT 'review', r.id, r.audit_id, 0, d.statement, t.exam_no, r.reviewer,"
	" r.stage, NULL, r.result, r.items, r.note, NULL, NULL, NULL, NULL, NULL, NULL,"
	NO_REQUEST "," NO_ENTRY ", NULL, 1"
	" FROM review r JOIN decision_sig d ON d.audit_id = r.audit_id"
	"  AND d.statement IS NOT NULL LEFT JOIN student t ON t.id = r.student_id"
	" UNION ALL SELECT 'signoff', g.id, g.audit_id, 0, d.statement, t.exam_no, g.signer,"
	" r.stage, g.level, r.result, NULL, NULL, NULL, NULL, g.review_id, NULL, NULL, NULL,"
	NO_REQUEST "," NO_ENTRY ", NULL, 2"
	" FROM signoff g JOIN decision_sig d ON d.audit_id = g.audit_id"
	"  AND d.statement IS NOT NULL LEFT JOIN review r ON r.id = g.review_id"
	" LEFT JOIN student t ON t.id = r.student_id"
	" UNION ALL SELECT 'change_request', c.id, c.audit_id, 0, d.statement, t.exam_no,"
	" c.requested_by, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.id, NULL, NULL,"
	" c.kind, c.old, c.new," MINIFIED("c.old") "," MINIFIED("c.new") "," ENTRY_SAYS
	", NULL, 3 FROM change_request c JOIN decision_sig d ON d.audit_id = c.audit_id"
	"  AND d.statement IS NOT NULL LEFT JOIN audit a ON a.id = c.audit_id"
	" LEFT JOIN student t ON t.id = c.student_id"
	" UNION ALL SELECT 'change_event', e.id, e.audit_id, 0, d.statement, t.exam_no,"
	" e.by_whom, NULL, NULL, NULL, NULL, NULL, e.text, e.kind, NULL, e.request_id,"
	" (SELECT count(*) FROM change_event x WHERE x.request_id = e.request_id"
	"  AND x.kind = 'approve' AND (x.id < e.id OR (x.id = e.id AND e.kind = 'approve')))"
	" + (e.kind = 'reject'), NULL,"
	" c.kind, c.old, c.new," MINIFIED("c.old") "," MINIFIED("c.new") "," ENTRY_SAYS
	", NULL, 4 FROM change_event e JOIN decision_sig d ON d.audit_id = e.audit_id"
	"  AND d.statement IS NOT NULL LEFT JOIN audit a ON a.id = e.audit_id"
	" LEFT JOIN change_request c ON c.id = e.request_id"
	" LEFT JOIN student t ON t.id = c.student_id WHERE e.kind <> 'apply'"
	" UNION ALL SELECT 'case_file', f.id, f.did, 0, d.statement, t.exam_no, f.opened_by,"
	" NULL, NULL, NULL, NULL, NULL, f.reason, 'open', NULL, NULL, NULL, NULL,"
	NO_REQUEST "," NO_ENTRY ", NULL, 5"
	" FROM cfd f JOIN decision_sig d ON d.audit_id = f.did AND d.statement IS NOT NULL"
	" LEFT JOIN student t ON t.id = f.student_id"
	" UNION ALL SELECT 'case_event', v.id, v.did, 0, d.statement, t.exam_no, v.by_whom,"
	" NULL, NULL, NULL, NULL, NULL, v.text, v.kind, NULL, NULL, NULL, v.case_id,"
	NO_REQUEST "," NO_ENTRY ", NULL, 6"
	" FROM ced v JOIN decision_sig d ON d.audit_id = v.did AND d.statement IS NOT NULL"
	" LEFT JOIN student t ON t.id = v.sid"
	" UNION ALL SELECT 'holding_event', h.id, h.did, h.holding_id, d.statement, t.exam_no,"
	" h.by_whom, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	NO_REQUEST "," NO_ENTRY ","
	" CASE WHEN json_valid(a.new) AND json_type(a.new, '$.holdings') = 'array'"
	"  THEN EXISTS(SELECT 1 FROM json_each(a.new, '$.holdings') j"
	"   WHERE j.value = h.holding_id) END, 7"
	" FROM hed h JOIN decision_sig d ON d.audit_id = h.did AND d.statement IS NOT NULL"
	" LEFT JOIN audit a ON a.id = h.did LEFT JOIN student t ON t.id = h.student_id"
	" ORDER BY 29, 3, 4, 2";

/* Column i as text, or NULL when it is NULL. */
static const char *col_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : xj_store_col(s, i);
}

static void read_stood(sqlite3_stmt *s, struct xj_stood_row *r)
{
	const char **text[] = { &r->student, &r->signer, &r->stage, &r->level, &r->result,
				&r->items, &r->note, &r->text, &r->action };
	const char **req[] = { &r->kind, &r->old, &r->new_, &r->old_min, &r->new_min,
			       &r->e_request, &r->e_kind, &r->e_old, &r->e_new };
	size_t i;

	r->table = xj_store_col(s, 0);
	r->id = sqlite3_column_int64(s, 1);
	r->audit_id = sqlite3_column_int64(s, 2);
	r->key = sqlite3_column_int64(s, 3);
	r->statement = xj_store_col(s, 4);
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		*text[i] = col_or_null(s, 5 + (int)i);
	r->review = sqlite3_column_int64(s, 14);
	r->request = sqlite3_column_int64(s, 15);
	r->step = sqlite3_column_int64(s, 16);
	r->case_id = sqlite3_column_int64(s, 17);
	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++)
		*req[i] = col_or_null(s, 18 + (int)i);
	r->holding_named = sqlite3_column_type(s, 27) == SQLITE_NULL ? -1 :
			   sqlite3_column_int(s, 27);
}

struct stood_walk {
	int (*fn)(void *, const struct xj_stood_row *);
	void *ctx;
};

static int stood_row(sqlite3_stmt *s, void *walk)
{
	struct stood_walk *w = walk;
	struct xj_stood_row r;

	read_stood(s, &r);
	return w->fn(w->ctx, &r) != 0;
}

int xj_store_stood_each(struct xj_store *st,
			int (*fn)(void *, const struct xj_stood_row *), void *ctx,
			struct xj_error *err)
{
	struct stood_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (!has_statements(st))
		return 0;
	if (sqlite3_prepare_v2(st->db, stood_sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the decided rows");
	rc = xj_store_each(st, s, stood_row, &w, "read the decided rows", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

/* A sign-off into its level's slot: the last of a level stands. */
static int signoff_row(sqlite3_stmt *s, void *review)
{
	struct xj_review *r = review;
	const char *level = xj_store_col(s, 0);
	struct xj_sb *slot = strcmp(level, "confirm") == 0 ? &r->confirm :
			     strcmp(level, "dept") == 0 ? &r->dept : &r->leader;

	xj_sb_reset(slot);
	xj_sb_adds(slot, xj_store_col(s, 1));
	return 0;
}

static int read_signoffs(struct xj_store *st, struct xj_review *r, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.signoffs,
		"SELECT level, signer FROM signoff WHERE review_id = ? ORDER BY id", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, r->id);
	return xj_store_each(st, s, signoff_row, r, "read the sign-offs", err);
}

int xj_store_review_latest(struct xj_store *st, long long student_id,
			   const char *stage, struct xj_review *r,
			   struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.review_latest,
		"SELECT id, result, items, reviewer FROM review WHERE student_id = ?"
		" AND stage = ? ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	xj_store_review_release(r);
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, stage, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(s, 0);
		snprintf(r->result, sizeof(r->result), "%s", xj_store_col(s, 1));
		xj_sb_adds(&r->items, xj_store_col(s, 2));
		xj_sb_adds(&r->reviewer, xj_store_col(s, 3));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read a review");
	if (rc == SQLITE_ROW && read_signoffs(st, r, err) < 0)
		return -1;
	return rc == SQLITE_ROW;
}

void xj_store_review_release(struct xj_review *r)
{
	xj_sb_release(&r->items);
	xj_sb_release(&r->reviewer);
	xj_sb_release(&r->confirm);
	xj_sb_release(&r->dept);
	xj_sb_release(&r->leader);
	memset(r, 0, sizeof(*r));
}

int xj_store_case_open(struct xj_store *st, long long student_id,
		       const char *reason, const char *who, long long *id,
		       struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.case_open,
		"INSERT INTO case_file(student_id, reason, opened_by, opened_on, command_id)"
		" VALUES(?,?,?,substr(?,1,10),?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, student_id);
	sqlite3_bind_text(s, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, st->business, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, st->command_id);
	if (xj_store_step_done(st, s, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int xj_store_case_event(struct xj_store *st, long long case_id, const char *kind,
			const char *text, const char *who, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.case_event,
		"INSERT INTO case_event(case_id, kind, text, by_whom, on_date, command_id)"
		" VALUES(?,?,?,?,substr(?,1,10),?)", err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 3, text);
	sqlite3_bind_text(s, 4, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, st->business, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, st->command_id);
	return xj_store_step_done(st, s, err);
}

int xj_store_case_latest(struct xj_store *st, long long student_id,
			 struct xj_case *c, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.case_latest,
		"SELECT f.id, f.reason, f.opened_by, f.opened_on,"
		" (SELECT text FROM case_event WHERE case_id = f.id AND kind = 'close'"
		"  ORDER BY id DESC LIMIT 1),"
		" EXISTS(SELECT 1 FROM case_event WHERE case_id = f.id AND kind = 'refer')"
		" FROM case_file f WHERE f.student_id = ? ORDER BY f.id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	xj_store_case_release(c);
	sqlite3_bind_int64(s, 1, student_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(s, 0);
		xj_sb_adds(&c->reason, xj_store_col(s, 1));
		xj_sb_adds(&c->opened_by, xj_store_col(s, 2));
		xj_sb_adds(&c->opened_on, xj_store_col(s, 3));
		xj_sb_adds(&c->finding, xj_store_col(s, 4));
		c->referred = sqlite3_column_int(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read a case");
	return rc == SQLITE_ROW;
}

void xj_store_case_release(struct xj_case *c)
{
	xj_sb_release(&c->reason);
	xj_sb_release(&c->opened_by);
	xj_sb_release(&c->opened_on);
	xj_sb_release(&c->finding);
	memset(c, 0, sizeof(*c));
}
