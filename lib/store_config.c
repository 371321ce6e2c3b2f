/* store_config.c: the loaded configuration, kept as history: each load is
 * a new set of rows and the newest set is the one in force. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "xj/config.h"
#include "xj/jsonw.h"
#include "xj/sha256.h"

#define LATEST "(SELECT max(id) FROM config_load)"

static int insert_pairs(struct xj_store *st, const char *sql, long long cid,
			size_t n, const char *const *a, const char *const *b,
			const int *num, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "save the config");
	for (i = 0; i < n && rc == 0; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, cid);
		if (num)
			sqlite3_bind_int(s, 2, num[i]);
		else
			xj_store_bind_text(s, 2, a[i]);
		xj_store_bind_text(s, 3, b[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = xj_store_fail(st, err, "save the config");
	}
	sqlite3_finalize(s);
	return rc;
}

static int save_staff(struct xj_store *st, long long cid,
		      const struct xj_config *cfg, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc = 0;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO staff(config_id, name, full_name,"
			       " dept, roles, public_key) VALUES(?,?,?,?,?,?)", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "save the config");
	for (i = 0; i < cfg->nstaff && rc == 0; i++) {
		struct xj_sb roles = XJ_SB_INIT;
		unsigned bit;

		for (bit = 1; bit <= XJ_ROLE_ADMIN; bit <<= 1)
			if (cfg->staff[i].roles & bit)
				xj_sb_addf(&roles, "%s%s", roles.len ? "," : "", xj_config_role_name(bit));
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, cid);
		xj_store_bind_text(s, 2, cfg->staff[i].name);
		xj_store_bind_text(s, 3, cfg->staff[i].full_name);
		xj_store_bind_text(s, 4, cfg->staff[i].dept);
		sqlite3_bind_text(s, 5, roles.buf ? roles.buf : "", -1, SQLITE_TRANSIENT);
		xj_store_bind_text(s, 6, cfg->staff[i].key);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = xj_store_fail(st, err, "save the config");
		xj_sb_release(&roles);
	}
	sqlite3_finalize(s);
	return rc;
}

static int save_lists(struct xj_store *st, long long cid,
		      const struct xj_config *cfg, struct xj_error *err)
{
	size_t n = cfg->ndepts > cfg->nterms ? cfg->ndepts : cfg->nterms;
	const char **a, **b;
	int *num, rc;
	size_t i;

	if (cfg->ncohorts > n)
		n = cfg->ncohorts;
	if (cfg->narchive > n)
		n = cfg->narchive;
	a = xj_xcalloc(n + 1, sizeof(*a));
	b = xj_xcalloc(n + 1, sizeof(*b));
	num = xj_xcalloc(n + 1, sizeof(*num));
	for (i = 0; i < cfg->ndepts; i++)
		a[i] = cfg->depts[i].code, b[i] = cfg->depts[i].name;
	rc = insert_pairs(st, "INSERT INTO department VALUES(?,?,?)", cid,
			  cfg->ndepts, a, b, NULL, err);
	for (i = 0; i < cfg->nterms; i++)
		num[i] = cfg->terms[i].year, b[i] = cfg->terms[i].first_term_start;
	if (rc == 0)
		rc = insert_pairs(st, "INSERT INTO term VALUES(?,?,?)", cid,
				  cfg->nterms, a, b, num, err);
	for (i = 0; i < cfg->ncohorts; i++)
		num[i] = cfg->cohorts[i].cohort, b[i] = cfg->cohorts[i].enrol_date;
	if (rc == 0)
		rc = insert_pairs(st, "INSERT INTO cohort VALUES(?,?,?)", cid,
				  cfg->ncohorts, a, b, num, err);
	for (i = 0; i < cfg->narchive; i++)
		num[i] = (int)i + 1, b[i] = cfg->archive_items[i];
	if (rc == 0)
		rc = insert_pairs(st, "INSERT INTO archive_item VALUES(?,?,?)", cid,
				  cfg->narchive, a, b, num, err);
	free(a);
	free(b);
	free(num);
	return rc;
}

int xj_store_config_save(struct xj_store *st, const struct xj_config *cfg,
			 const char *file, const char *text, const char *sha256,
			 struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	long long cid;
	struct xj_jw audit = XJ_JW_INIT;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO config_load(command_id, file, text,"
			       " school_name, school_code, recheck_months, annual_months,"
			       " change_evidence, change_levels, status_levels, change_apart,"
			       " number_pattern, principal, cert_type, cert_level, proof_pattern,"
			       " archive_root, lend_days, archive_kinds)"
			       " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "save the config");
	sqlite3_bind_int64(s, 1, st->command_id);
	sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 4, cfg->school_name);
	xj_store_bind_text(s, 5, cfg->school_code);
	sqlite3_bind_int(s, 6, cfg->recheck_months);
	sqlite3_bind_int(s, 7, cfg->annual_months);
	sqlite3_bind_text(s, 8, cfg->change_evidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, cfg->change_levels, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, cfg->status_levels, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 11, cfg->change_apart);
	sqlite3_bind_text(s, 12, cfg->number_pattern, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 13, cfg->principal);
	sqlite3_bind_text(s, 14, cfg->cert_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, cfg->cert_level, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 16, cfg->proof_pattern, -1, SQLITE_STATIC);
	xj_store_bind_text(s, 17, cfg->archive_root);
	sqlite3_bind_int(s, 18, cfg->lend_days);
	sqlite3_bind_text(s, 19, cfg->archive_kinds && cfg->archive_kinds->len ?
			  cfg->archive_kinds->buf : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "save the config");
	cid = sqlite3_last_insert_rowid(st->db);
	st->has_config = 1;
	st->ndepts = -1;
	st->config_sha_state = -1;
	st->rules_known = 0;
	st->nterms = 0;
	if (save_lists(st, cid, cfg, err) < 0 || save_staff(st, cid, cfg, err) < 0)
		return -1;
	xj_jsonw_object_begin(&audit);
	xj_jsonw_object_string(&audit, "file", file);
	xj_jsonw_object_string(&audit, "school_code", cfg->school_code);
	xj_jsonw_object_int(&audit, "departments", (long long)cfg->ndepts);
	xj_jsonw_object_int(&audit, "staff", (long long)cfg->nstaff);
	xj_jsonw_object_string(&audit, "sha256", sha256);
	xj_jsonw_end(&audit);
	rc = xj_store_audit(st, 0, "config", NULL, audit.json.buf, err);
	xj_jsonw_release(&audit);
	return rc;
}

int xj_store_config_text(struct xj_store *st, struct xj_sb *out,
			 struct xj_sb *from, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.config_text,
		"SELECT l.text, l.file, coalesce(c.business, c.at), coalesce(c.user, c.login)"
		" FROM config_load l"
		" JOIN command c ON c.id = l.command_id ORDER BY l.id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_adds(out, (const char *)sqlite3_column_text(s, 0));
		xj_sb_addf(from, "%s, loaded %s by %s", sqlite3_column_text(s, 1),
			   sqlite3_column_text(s, 2), sqlite3_column_text(s, 3));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return rc == SQLITE_ROW;
}

int xj_store_config_get(struct xj_store *st, struct xj_config *cfg, struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	int rc = xj_store_config_text(st, &text, &from, err);

	memset(cfg, 0, sizeof(*cfg));
	if (rc > 0 && xj_config_parse(from.buf, text.buf, text.len, cfg, err) < 0)
		rc = -1;
	xj_sb_release(&text);
	xj_sb_release(&from);
	return rc;
}

int xj_store_config_sha256(struct xj_store *st, char hex[65], struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	struct xj_sha256 h;
	int rc = st->config_sha_state;

	if (rc < 0) {
		rc = xj_store_config_text(st, &text, &from, err);
		if (rc > 0 && xj_sha256_init(&h, err) < 0)
			rc = -1;
		if (rc > 0) {
			xj_sha256_update(&h, text.buf, text.len);
			xj_sha256_final(&h, st->config_sha);
		}
		xj_sb_release(&text);
		xj_sb_release(&from);
		if (rc < 0)
			return -1;
		if (st->in_tx)
			st->config_sha_state = rc;
	}
	if (rc > 0)
		memcpy(hex, st->config_sha, 65);
	return rc;
}

static int exists(struct xj_store *st, sqlite3_stmt **slot, const char *sql,
		  const char *a, struct xj_sb *out, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, slot, sql, err);
	int rc;

	if (!s)
		return -1;
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && out) {
		xj_sb_reset(out);
		xj_sb_adds(out, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return rc == SQLITE_ROW;
}

/* The config in force before st->config_before, or the latest. */
#define AS_OF "(SELECT max(id) FROM config_load WHERE ?1 = 0 OR command_id < ?1)"

int xj_store_has_config(struct xj_store *st, struct xj_error *err)
{
	/* asked for every imported row: once per store connection is enough */
	sqlite3_stmt *s;
	int rc;

	if (st->has_config >= 0)
		return st->has_config;
	s = xj_store_stmt(st, &st->q.has_config, "SELECT " AS_OF " IS NOT NULL", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, st->config_before);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st->has_config = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? st->has_config : xj_store_fail(st, err, "read the config");
}

void xj_store_config_as_of(struct xj_store *st, long long command)
{
	st->config_before = command;
	st->has_config = -1;
	st->ndepts = -1;
}

static int dept_row(sqlite3_stmt *s, void *store)
{
	struct xj_store *st = store;

	xj_sb_add(&st->depts, xj_store_col(s, 0), strlen(xj_store_col(s, 0)) + 1);
	xj_sb_add(&st->depts, xj_store_col(s, 1), strlen(xj_store_col(s, 1)) + 1);
	st->ndepts++;
	return 0;
}

static int read_depts(struct xj_store *st, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.dept_find, "SELECT code, name FROM"
					" department WHERE config_id = " AS_OF, err);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, st->config_before);
	xj_sb_reset(&st->depts);
	st->ndepts = 0;
	if (xj_store_each(st, s, dept_row, st, "read the config", err) < 0) {
		st->ndepts = -1;   /* read again when next asked */
		return -1;
	}
	return 0;
}

/* The config's departments in turn, "code\0name\0" each: *at starts at
 * 0; 1 while there is one, its code and name set. */
static int dept_next(struct xj_store *st, int *at, const char **p, const char **code,
		     const char **name)
{
	if (*at == 0)
		*p = st->depts.buf;
	if (*at >= st->ndepts)
		return 0;
	*code = *p;
	*name = *p + strlen(*p) + 1;
	*p = *name + strlen(*name) + 1;
	(*at)++;
	return 1;
}

/* The department whose code (or, by_name, whose name) is key: its code
 * and name into *code and *name.  1 found, 0 none, -1. */
static int dept_lookup(struct xj_store *st, const char *key, int by_name, const char **code,
		       const char **name, struct xj_error *err)
{
	const char *p = NULL;
	int at = 0;

	if (st->ndepts < 0 && read_depts(st, err) < 0)
		return -1;
	while (dept_next(st, &at, &p, code, name))
		if (!strcmp(*code, key) || (by_name && !strcmp(*name, key)))
			return 1;
	return 0;
}

int xj_store_dept_list(struct xj_store *st, struct xj_sb *out, struct xj_error *err)
{
	const char *p = NULL, *code, *name;
	int at = 0;

	if (st->ndepts < 0 && read_depts(st, err) < 0)
		return -1;
	while (dept_next(st, &at, &p, &code, &name))
		xj_sb_addf(out, "%s%s %s", out->len ? ", " : "", code, name);
	return 0;
}

int xj_store_dept_find(struct xj_store *st, const char *dept, const char **code,
		       struct xj_error *err)
{
	const char *name;

	return dept_lookup(st, dept, 1, code, &name, err);
}

int xj_store_dept_name(struct xj_store *st, const char *code, const char **name,
		       struct xj_error *err)
{
	const char *c;

	return dept_lookup(st, code, 0, &c, name, err);
}

int xj_store_staff_find(struct xj_store *st, const char *name,
			struct xj_error *err)
{
	return exists(st, &st->q.staff_find, "SELECT name FROM staff WHERE config_id = "
		      LATEST " AND name = ?1", name, NULL, err);
}

int xj_store_staff_by_key(struct xj_store *st, const char *pub,
			  long long before, struct xj_sb *name, struct xj_error *err)
{
	/* the config in force before command ?2; for the genesis, which has
	 * none before it, the config it loaded, whose admin signs it */
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.staff_key,
		"SELECT name FROM staff WHERE public_key = ?1 AND config_id = coalesce("
		" (SELECT max(id) FROM config_load WHERE ?2 = 0 OR command_id < ?2),"
		" (SELECT min(id) FROM config_load WHERE command_id = ?2))", err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, pub, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, before);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(name);
		xj_sb_adds(name, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the staff");
	return rc == SQLITE_ROW;
}

struct staff_walk {
	int (*fn)(void *, const char *name, const char *roles, const char *key,
		  const char *dept);
	void *ctx;
};

static int staff_row(sqlite3_stmt *s, void *walk)
{
	struct staff_walk *w = walk;

	return w->fn(w->ctx, xj_store_col(s, 0), xj_store_col(s, 1), xj_store_col(s, 2),
		     xj_store_col(s, 3)) != 0;   /* a stop, never a failure */
}

int xj_store_staff_each(struct xj_store *st,
			int (*fn)(void *, const char *name, const char *roles,
				  const char *key, const char *dept),
			void *ctx, struct xj_error *err)
{
	struct staff_walk w = { fn, ctx };
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT name, roles, public_key, dept FROM staff WHERE"
			       " config_id = " LATEST " ORDER BY rowid", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the staff");
	rc = xj_store_each(st, s, staff_row, &w, "read the staff", err);
	sqlite3_finalize(s);
	return rc < 0 ? -1 : 0;
}

int xj_store_staff_info(struct xj_store *st, const char *name,
			struct xj_sb *roles, struct xj_sb *dept, struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.staff_info,
		"SELECT roles, dept FROM staff WHERE name = ? AND config_id = " LATEST, err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 1);

		xj_sb_reset(roles);
		xj_sb_adds(roles, (const char *)sqlite3_column_text(s, 0));
		xj_sb_reset(dept);
		xj_sb_adds(dept, d ? d : "");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the staff");
	return rc == SQLITE_ROW;
}

int xj_store_cohort_enrol(struct xj_store *st, int cohort, struct xj_sb *date,
			  struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.cohort_enrol,
		"SELECT enrol_date FROM cohort WHERE cohort = ? AND config_id = " LATEST, err);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, cohort);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		xj_sb_reset(date);
		xj_sb_adds(date, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the cohorts");
	return rc == SQLITE_ROW;
}

int xj_store_windows(struct xj_store *st, int *recheck, int *annual,
		     struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*recheck = 3;
	*annual = 1;
	if (sqlite3_prepare_v2(st->db, "SELECT recheck_months, annual_months FROM"
			       " config_load ORDER BY id DESC LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the config");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*recheck = sqlite3_column_int(s, 0);
		*annual = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return 0;
}

int xj_store_change_rules(struct xj_store *st, struct xj_change_rules *r,
			  struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	snprintf(r->evidence, sizeof(r->evidence), "application,household-register,id-card");
	snprintf(r->levels, sizeof(r->levels), "reviewer,dept-head,leader");
	snprintf(r->status_levels, sizeof(r->status_levels), "reviewer,dept-head,leader");
	r->apart = 1;
	if (sqlite3_prepare_v2(st->db, "SELECT change_evidence, change_levels, status_levels,"
			       " change_apart FROM config_load ORDER BY id DESC LIMIT 1",
			       -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the config");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(r->evidence, sizeof(r->evidence), "%s", sqlite3_column_text(s, 0));
		snprintf(r->levels, sizeof(r->levels), "%s", sqlite3_column_text(s, 1));
		snprintf(r->status_levels, sizeof(r->status_levels), "%s",
			 sqlite3_column_text(s, 2));
		r->apart = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return 0;
}

int xj_store_number_pattern(struct xj_store *st, struct xj_sb *out, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	xj_sb_reset(out);
	if (sqlite3_prepare_v2(st->db, "SELECT number_pattern FROM config_load"
			       " ORDER BY id DESC LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the config");
	rc = sqlite3_step(s);
	xj_sb_adds(out, rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) :
		   "{year}{major}{seq:3}");
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return 0;
}

/* Asked for each year of each student of a certificate run: remembered
 * within the command's transaction, where no config can be loaded. */
static int term_known(struct xj_store *st, int year, struct xj_sb *date)
{
	int i;

	for (i = 0; st->in_tx && i < st->nterms; i++)
		if (st->terms[i].year == year) {
			xj_sb_adds(date, st->terms[i].start);
			return st->terms[i].found;
		}
	return -1;
}

static void term_keep(struct xj_store *st, int year, int found, const struct xj_sb *date)
{
	int n = st->nterms;

	if (!st->in_tx || n == (int)(sizeof(st->terms) / sizeof(st->terms[0])) ||
	    date->len >= sizeof(st->terms[0].start))
		return;
	st->terms[n].year = year;
	st->terms[n].found = found;
	memcpy(st->terms[n].start, date->buf ? date->buf : "", date->len + 1);
	st->nterms++;
}

int xj_store_first_term(struct xj_store *st, int year, struct xj_sb *date,
			struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc;

	xj_sb_reset(date);
	if ((rc = term_known(st, year, date)) >= 0)
		return rc;
	if (!(s = xj_store_stmt(st, &st->q.first_term, "SELECT first_term_start FROM term WHERE year = ?"
			       " AND config_id = (SELECT max(id) FROM config_load)", err)))
		return -1;
	sqlite3_bind_int(s, 1, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		xj_sb_adds(date, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the calendar");
	term_keep(st, year, rc == SQLITE_ROW, date);
	return rc == SQLITE_ROW;
}

int xj_store_school(struct xj_store *st, struct xj_sb *name, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	xj_sb_reset(name);
	if (sqlite3_prepare_v2(st->db, "SELECT school_name FROM config_load ORDER BY id DESC"
			       " LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the config");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_text(s, 0))
		xj_sb_adds(name, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return 0;
}

int xj_store_current_year(struct xj_store *st, const char *as_of, int *year,
			  struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*year = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT max(year) FROM term WHERE first_term_start <= ?"
			       " AND config_id = (SELECT max(id) FROM config_load)", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the calendar");
	sqlite3_bind_text(s, 1, as_of, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*year = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return xj_store_fail(st, err, "read the calendar");
	return *year ? 1 : 0;
}

int xj_store_diploma_rules(struct xj_store *st, struct xj_diploma_rules *r,
			   struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->in_tx && st->rules_known) {
		*r = st->rules;   /* read once in a command's transaction */
		return 0;
	}
	memset(r, 0, sizeof(*r));
	snprintf(r->type, sizeof(r->type), "%s", "1");
	snprintf(r->level, sizeof(r->level), "%s", "06");
	snprintf(r->proof_pattern, sizeof(r->proof_pattern), "%s", "{school}ZM{issued}{seq:4}");
	if (!(s = xj_store_stmt(st, &st->q.diploma_rules, "SELECT school_code, principal,"
				" cert_type, cert_level, proof_pattern FROM config_load ORDER BY"
				" id DESC LIMIT 1", err)))
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *v[5];
		int i;

		for (i = 0; i < 5; i++)
			v[i] = sqlite3_column_text(s, i) ? (const char *)sqlite3_column_text(s, i) : "";
		snprintf(r->school, sizeof(r->school), "%s", v[0]);
		snprintf(r->principal, sizeof(r->principal), "%s", v[1]);
		snprintf(r->type, sizeof(r->type), "%s", v[2]);
		snprintf(r->level, sizeof(r->level), "%s", v[3]);
		snprintf(r->proof_pattern, sizeof(r->proof_pattern), "%s", v[4]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	st->rules = *r;
	st->rules_known = st->in_tx;
	return 0;
}

int xj_store_archive_rules(struct xj_store *st, struct xj_archive_rules *r,
			   struct xj_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	r->lend_days = 14;
	if (!(s = xj_store_stmt(st, &st->q.archive_rules, "SELECT archive_root, lend_days,"
				" archive_kinds FROM config_load ORDER BY id DESC LIMIT 1", err)))
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(r->root, sizeof(r->root), "%s", xj_store_col(s, 0));
		r->lend_days = sqlite3_column_int(s, 1);
		snprintf(r->kinds, sizeof(r->kinds), "%s", xj_store_col(s, 2));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the config");
	return 0;
}

/* --- proposals: configs staged until a second admin approves them ---- */

int xj_store_proposal_add(struct xj_store *st, const char *file, const char *text,
			  const char *sha256, const char *by, const char *why,
			  long long *id, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_jw audit = XJ_JW_INIT;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO config_proposal(command_id, base_config,"
			       " file, text, sha256, proposed_by, why) VALUES(?, " LATEST
			       ", ?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "save the proposal");
	sqlite3_bind_int64(s, 1, st->command_id);
	sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, why, -1, SQLITE_STATIC);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	xj_jsonw_object_begin(&audit);
	xj_jsonw_object_int(&audit, "proposal", *id);
	xj_jsonw_object_string(&audit, "file", file);
	xj_jsonw_object_string(&audit, "sha256", sha256);
	xj_jsonw_object_string(&audit, "why", why);
	xj_jsonw_end(&audit);
	rc = xj_store_audit(st, 0, "config-propose", NULL, audit.json.buf, err);
	xj_jsonw_release(&audit);
	return rc;
}

#define PROPOSAL_COLUMNS "p.id, p.base_config, " LATEST ", p.approved_command, p.file," \
	" p.text, p.sha256, p.proposed_by, p.why, p.approved_by, coalesce(c.business, c.at)" \
	" FROM config_proposal p JOIN command c ON c.id = p.command_id"

static void read_proposal(sqlite3_stmt *s, struct xj_config_proposal *p)
{
	struct xj_sb *v[] = { &p->file, &p->text, &p->sha256, &p->proposed_by, &p->why,
			      &p->approved_by, &p->at };
	size_t i;

	p->id = sqlite3_column_int64(s, 0);
	p->base_config = sqlite3_column_int64(s, 1);
	p->in_force = sqlite3_column_int64(s, 2);
	p->approved_command = sqlite3_column_int64(s, 3);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		xj_store_take(v[i], s, (int)i + 4);
}

int xj_store_proposal_get(struct xj_store *st, long long id, struct xj_config_proposal *p,
			  struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT " PROPOSAL_COLUMNS " WHERE p.id = ?", -1, &s,
			       NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the proposal");
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_proposal(s, p);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return xj_store_fail(st, err, "read the proposal");
	return rc == SQLITE_ROW;
}

/* The proposal is read into the same buffers row after row. */
struct proposal_walk {
	struct xj_config_proposal p;
	int (*fn)(void *, const struct xj_config_proposal *);
	void *ctx;
};

static int proposal_row(sqlite3_stmt *s, void *walk)
{
	struct proposal_walk *w = walk;

	read_proposal(s, &w->p);
	return w->fn(w->ctx, &w->p) != 0;
}

int xj_store_proposal_each(struct xj_store *st,
			   int (*fn)(void *, const struct xj_config_proposal *),
			   void *ctx, struct xj_error *err)
{
	struct proposal_walk w;
	sqlite3_stmt *s = NULL;
	int rc;

	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.ctx = ctx;
	if (sqlite3_prepare_v2(st->db, "SELECT " PROPOSAL_COLUMNS " WHERE"
			       " p.approved_command IS NULL AND p.base_config IS " LATEST
			       " ORDER BY p.id", -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the proposals");
	rc = xj_store_each(st, s, proposal_row, &w, "read the proposals", err);
	sqlite3_finalize(s);
	xj_config_proposal_release(&w.p);
	return rc < 0 ? -1 : 0;
}

int xj_store_proposal_approve(struct xj_store *st, const struct xj_config_proposal *p,
			      const char *by, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	struct xj_jw audit = XJ_JW_INIT;
	int rc;

	if (sqlite3_prepare_v2(st->db, "UPDATE config_proposal SET approved_command = ?,"
			       " approved_by = ? WHERE id = ? AND approved_command IS NULL", -1,
			       &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "approve the proposal");
	sqlite3_bind_int64(s, 1, st->command_id);
	sqlite3_bind_text(s, 2, by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, p->id);
	rc = xj_store_step_done(st, s, err);
	sqlite3_finalize(s);
	if (rc < 0)
		return -1;
	if (sqlite3_changes(st->db) != 1)
		return xj_error_set(err, XJ_EUSAGE, "config proposal %lld was approved already",
				    p->id);
	xj_jsonw_object_begin(&audit);
	xj_jsonw_object_int(&audit, "proposal", p->id);
	xj_jsonw_object_string(&audit, "proposed_by", p->proposed_by.buf);
	xj_jsonw_object_string(&audit, "sha256", p->sha256.buf);
	xj_jsonw_end(&audit);
	rc = xj_store_audit(st, 0, "config-approve", NULL, audit.json.buf, err);
	xj_jsonw_release(&audit);
	return rc;
}
