/* store_review.c: reviews, sign-offs and signed decisions. */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"
#include "xj/audit.h"
#include "xj/key.h"

int xj_store_audit_signed(struct xj_store *st, long long student_id,
			  const char *action, const char *new_json,
			  struct xj_error *err)
{
	sqlite3_stmt *s;
	char sig[XJ_SIG_MAX];

	if (!st->key)
		return xj_error_set(err, XJ_EUSAGE, "%s is a decision: it needs the key of"
				    " the staff member who makes it (see xj-key(1))", action);
	if (xj_store_audit(st, student_id, action, NULL, new_json, err) < 0)
		return -1;
	s = xj_store_stmt(st, &st->q.decision_sig, "INSERT INTO decision_sig(audit_id,"
			  " signer, public_key, signature) VALUES(?,?,?,?)", err);
	if (!s)
		return -1;
	xj_key_sign(st->key, st->last_hash, strlen(st->last_hash), sig);
	sqlite3_bind_int64(s, 1, st->last_id);
	sqlite3_bind_text(s, 2, st->signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->key->pub, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, sig, -1, SQLITE_TRANSIENT);
	return xj_store_step_done(st, s, err);
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

int xj_store_decision_each(struct xj_store *st,
			   int (*fn)(void *, const struct xj_decision_row *),
			   void *ctx, struct xj_error *err)
{
	/* a statement-signed decision with the sign-off its entry made */
	static const char with[] = "SELECT d.audit_id, a.command_id, d.signer,"
		" d.public_key, d.signature, a.hash, d.statement, t.exam_no,"
		" r.stage, g.level, r.result, g.review_id FROM decision_sig d"
		" LEFT JOIN audit a ON a.id = d.audit_id"
		" LEFT JOIN signoff g ON d.statement IS NOT NULL"
		"  AND g.audit_id = d.audit_id"
		" LEFT JOIN review r ON r.id = g.review_id"
		" LEFT JOIN student t ON t.id = r.student_id ORDER BY d.audit_id";
	static const char without[] = "SELECT d.audit_id, a.command_id, d.signer,"
		" d.public_key, d.signature, a.hash, NULL, NULL, NULL, NULL, NULL, 0"
		" FROM decision_sig d LEFT JOIN audit a ON a.id = d.audit_id"
		" ORDER BY d.audit_id";
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, has_statements(st) ? with : without, -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the decisions");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
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
		if (fn(ctx, &d))
			break;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the decisions");
	return 0;
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

int xj_store_unsigned_each(struct xj_store *st,
			   int (*fn)(void *, const char *what, long long id,
				     const char *who),
			   void *ctx, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	/* reviews and sign-offs whose decision entry is not signed by the
	 * person the row names: written around the programs */
	if (sqlite3_prepare_v2(st->db, "SELECT 'review', r.id, r.reviewer FROM review r"
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
			       " WHERE e.kind <> 'apply' AND d.signer IS NOT e.by_whom"
			       " ORDER BY 1, 2", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the reviews");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(ctx, xj_store_col(s, 0), sqlite3_column_int64(s, 1), xj_store_col(s, 2)))
			break;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the reviews");
	return 0;
}

static int read_signoffs(struct xj_store *st, struct xj_review *r, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.signoffs,
		"SELECT level, signer FROM signoff WHERE review_id = ? ORDER BY id", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, r->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *level = xj_store_col(s, 0);
		struct xj_sb *slot = strcmp(level, "confirm") == 0 ? &r->confirm :
				     strcmp(level, "dept") == 0 ? &r->dept : &r->leader;

		xj_sb_reset(slot);
		xj_sb_adds(slot, xj_store_col(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the sign-offs");
	return 0;
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
	xj_review_release(r);
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

void xj_review_release(struct xj_review *r)
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
	xj_case_release(c);
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

void xj_case_release(struct xj_case *c)
{
	xj_sb_release(&c->reason);
	xj_sb_release(&c->opened_by);
	xj_sb_release(&c->opened_on);
	xj_sb_release(&c->finding);
	memset(c, 0, sizeof(*c));
}
