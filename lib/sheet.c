/* sheet.c: sheets of sign-offs and of change approvals: prepared from
 * the store, signed away from it, applied back to it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xj/html.h"
#include "xj/audit.h"
#include "xj/change.h"
#include "xj/outfile.h"
#include "xj/clock.h"
#include "xj/i18n.h"
#include "xj/review.h"
#include "xj/sheet.h"
#include "xj/yamlfile.h"
#include "xj/sha256.h"
#include "xj/signoff.h"
#include "xj/logcheck.h"

void xj_sheet_init(struct xj_sheet *sh)
{
	memset(sh, 0, sizeof(*sh));
}

static void item_release(struct xj_sheet_item *it)
{
	free(it->exam_no);
	free(it->name);
	free(it->id_sha256);
	free(it->stage);
	free(it->level);
	free(it->result);
	free(it->config_sha256);
	free(it->kind);
	free(it->fields);
	free(it->old);
	free(it->content);
	free(it->signature);
	memset(it, 0, sizeof(*it));
}

void xj_sheet_release(struct xj_sheet *sh)
{
	size_t i;

	for (i = 0; i < sh->n; i++)
		item_release(&sh->v[i]);
	free(sh->v);
	free(sh->store);
	free(sh->signer);
	free(sh->school);
	free(sh->signer_name);
	free(sh->prepared);
	free(sh->public_key);
	xj_sheet_init(sh);
}

static char *dup(const char *s)
{
	return xj_xstrdup(s ? s : "");
}

/* The SHA-256 of the config in force: a sheet is signed under it, and
 * applied only while it is still in force. */
static int config_sha256(struct xj_store *st, char out[65], struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT, from = XJ_SB_INIT;
	int rc = xj_store_config_text(st, &text, &from, err);

	if (rc > 0)
		xj_sha256_hex(text.buf, text.len, out);
	else if (rc == 0)
		rc = xj_error_set(err, XJ_EUSAGE, "no config is loaded: a sheet is signed under"
				  " the config in force");
	xj_sb_release(&text);
	xj_sb_release(&from);
	return rc < 0 ? -1 : 0;
}

int xj_sheet_begin(struct xj_store *st, struct xj_sheet *sh, const char *signer,
		   struct xj_error *err)
{
	return xj_sheet_begin_kind(st, sh, XJ_SHEET_SIGNOFF, signer, err);
}

int xj_sheet_begin_kind(struct xj_store *st, struct xj_sheet *sh, int kind,
			const char *signer, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT, school = XJ_SB_INIT, full = XJ_SB_INIT;
	char now[40], conf[65];
	int rc = config_sha256(st, conf, err);

	if (rc == 0)
		rc = xj_store_id(st, 1, &id, err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = xj_store_school(st, &school, err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = xj_store_staff_full_name(st, signer, &full, err);
	if (rc == 0) {
		xj_clock_real(now, sizeof(now));
		sh->kind = kind;
		sh->store = dup(id.buf);
		sh->signer = dup(signer);
		sh->school = dup(school.buf);
		sh->signer_name = dup(full.buf);
		sh->prepared = dup(now);
		sh->public_key = dup("");
	}
	xj_sb_release(&id);
	xj_sb_release(&school);
	xj_sb_release(&full);
	return rc;
}

/* What a decision on s says of the student, and the config it is made
 * under, the same on a sheet of sign-offs and one of approvals: the ID
 * number only by its SHA-256; no signature yet. */
static void fill_student(struct xj_sheet_item *it, const struct xj_student *s,
			 const char *conf)
{
	const char *idno = s->v[XJ_S_ID_NUMBER];
	char idh[65] = "";

	if (idno && *idno)
		xj_sha256_hex(idno, strlen(idno), idh);
	it->exam_no = dup(s->v[XJ_S_EXAM_NO]);
	it->name = dup(s->v[XJ_S_NAME]);
	it->id_sha256 = dup(idh);
	it->config_sha256 = dup(conf);
	it->signature = dup("");
}

/* What the sign-off of s at stage and level by signer is now, from the
 * store; refused as an online sign-off would be. */
static int fill(struct xj_store *st, const char *signer, const struct xj_student *s,
		const char *stage, const char *level, struct xj_sheet_item *it,
		struct xj_error *err)
{
	struct xj_review r;
	char conf[65];
	int rc;

	memset(&r, 0, sizeof(r));
	memset(it, 0, sizeof(*it));
	rc = config_sha256(st, conf, err);
	if (rc == 0)
		rc = xj_review_may_sign(st, s, stage, level, signer, &r, err);
	if (rc == 0) {
		fill_student(it, s, conf);
		it->stage = dup(stage);
		it->level = dup(level);
		it->result = dup(r.result);
		it->review = r.id;
	}
	xj_store_review_release(&r);
	return rc;
}

static void approval_of(const char *store, const char *signer,
			const struct xj_sheet_item *it, struct xj_sb *out)
{
	struct xj_approve_stmt a;

	a.store = store;
	a.request = it->request;
	a.student = it->exam_no;
	a.name = it->name;
	a.id_sha256 = it->id_sha256;
	a.kind = it->kind;
	a.fields = it->fields;
	a.old = it->old;
	a.new_ = it->result;
	a.level = it->step;
	a.role = it->level;
	a.config_sha256 = it->config_sha256;
	a.signer = signer;
	xj_audit_approve_statement(out, &a);
}

static void statement_of(int kind, const char *store, const char *signer,
			 const struct xj_sheet_item *it, struct xj_sb *out)
{
	struct xj_signoff_stmt s;

	if (kind == XJ_SHEET_APPROVAL) {
		approval_of(store, signer, it, out);
		return;
	}

	s.store = store;
	s.review = it->review;
	s.student = it->exam_no;
	s.name = it->name;
	s.id_sha256 = it->id_sha256;
	s.stage = it->stage;
	s.level = it->level;
	s.result = it->result;
	s.config_sha256 = it->config_sha256;
	s.signer = signer;
	xj_audit_signoff_statement(out, &s);
}

void xj_sheet_statement(const struct xj_sheet *sh, size_t i, struct xj_sb *out)
{
	statement_of(sh->kind, sh->store, sh->signer, &sh->v[i], out);
}

static void content_of(const struct xj_sheet *sh, size_t i, char hex[65])
{
	struct xj_sb st = XJ_SB_INIT;

	xj_sheet_statement(sh, i, &st);
	xj_sha256_hex(st.buf, st.len, hex);
	xj_sb_release(&st);
}

/* A decision onto the sheet (which then owns it), with its content hash. */
static void push(struct xj_sheet *sh, const struct xj_sheet_item *it)
{
	char hex[65];

	sh->v = xj_xreallocarray(sh->v, sh->n + 1, sizeof(*sh->v));
	sh->v[sh->n++] = *it;
	content_of(sh, sh->n - 1, hex);
	sh->v[sh->n - 1].content = dup(hex);
}

int xj_sheet_add(struct xj_store *st, struct xj_sheet *sh, const struct xj_student *s,
		 const char *stage, const char *level, struct xj_error *err)
{
	struct xj_sheet_item it;
	size_t i;

	if (sh->kind != XJ_SHEET_SIGNOFF)
		return xj_error_set(err, XJ_EUSAGE, "a sheet holds decisions of one kind");
	for (i = 0; i < sh->n; i++)
		if (strcmp(sh->v[i].exam_no, s->v[XJ_S_EXAM_NO]) == 0)
			return xj_error_set(err, XJ_EDATA, "on the sheet already");
	if (fill(st, sh->signer, s, stage, level, &it, err) < 0)
		return -1;
	push(sh, &it);
	return 0;
}

/* What the approval of request at its next level by signer is now, from
 * the store; refused as an online approval would be. */
static int fill_approval(struct xj_store *st, const char *signer, long long request,
			 struct xj_sheet_item *it, struct xj_error *err)
{
	struct xj_change_req r;
	struct xj_student s;
	struct xj_sb fields = XJ_SB_INIT, was = XJ_SB_INIT, old = XJ_SB_INIT, new_ = XJ_SB_INIT;
	char conf[65], role[32];
	int rc, level = 0;

	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	memset(it, 0, sizeof(*it));
	rc = config_sha256(st, conf, err);
	if (rc == 0)
		rc = xj_change_may_approve(st, request, signer, &r, &level, role, sizeof(role), err);
	if (rc == 0 && (rc = xj_store_student_find(st, XJ_S_EXAM_NO, r.exam_no.buf, &s,
						   err)) == 0)
		rc = xj_error_set(err, XJ_EDATA, "no student with exam number %s", r.exam_no.buf);
	if (rc > 0)
		rc = xj_logcheck_change_values(st, r.old.buf, &was, &old, err);
	if (rc == 0)
		rc = xj_logcheck_change_values(st, r.new_.buf, &fields, &new_, err);
	if (rc == 0) {
		fill_student(it, &s, conf);
		it->stage = dup("change");
		it->level = dup(role);
		it->result = dup(new_.buf);
		it->request = request;
		it->step = level;
		it->kind = dup(r.kind.buf);
		it->fields = dup(fields.buf);
		it->old = dup(old.buf);
	}
	xj_store_change_req_release(&r);
	xj_student_release(&s);
	xj_sb_release(&fields);
	xj_sb_release(&was);
	xj_sb_release(&old);
	xj_sb_release(&new_);
	return rc < 0 ? -1 : 0;
}

int xj_sheet_add_approval(struct xj_store *st, struct xj_sheet *sh, long long request,
			  struct xj_error *err)
{
	struct xj_sheet_item it;
	size_t i;

	if (sh->kind != XJ_SHEET_APPROVAL)
		return xj_error_set(err, XJ_EUSAGE, "a sheet holds decisions of one kind");
	for (i = 0; i < sh->n; i++)
		if (sh->v[i].request == request)
			return xj_error_set(err, XJ_EDATA, "on the sheet already");
	if (fill_approval(st, sh->signer, request, &it, err) < 0)
		return -1;
	push(sh, &it);
	return 0;
}

/* Do the fields of decision i still give its content hash? */
static int intact(const struct xj_sheet *sh, size_t i)
{
	char hex[65];

	content_of(sh, i, hex);
	return strcmp(hex, sh->v[i].content) == 0;
}

int xj_sheet_sign(struct xj_sheet *sh, const struct xj_key *k, struct xj_error *err)
{
	struct xj_sb st = XJ_SB_INIT;
	char sig[XJ_SIG_MAX];
	size_t i;

	for (i = 0; i < sh->n; i++)
		if (!intact(sh, i))
			return xj_error_set(err, XJ_EDATA, "decision %zu (%s) does not match its"
					    " content hash: the sheet was edited; ask for a new one",
					    i + 1, sh->v[i].exam_no);
	for (i = 0; i < sh->n; i++) {
		xj_sheet_statement(sh, i, &st);
		xj_key_sign(k, st.buf, st.len, sig);
		free(sh->v[i].signature);
		sh->v[i].signature = dup(sig);
	}
	free(sh->public_key);
	sh->public_key = dup(k->pub);
	xj_sb_release(&st);
	return 0;
}

/* The decision as the store gives it now, against the one signed: the
 * first difference, as a refusal. */
static int same_as_now(const struct xj_sheet_item *was, const struct xj_sheet_item *now,
		       struct xj_error *err)
{
	if (was->review != now->review)
		return xj_error_set(err, XJ_EDATA, "the student was reviewed again since the"
				    " sheet was prepared");
	if (strcmp(was->config_sha256, now->config_sha256) != 0)
		return xj_error_set(err, XJ_EDATA, "the config changed since the sheet was"
				    " prepared");
	if (strcmp(was->name, now->name) != 0 || strcmp(was->id_sha256, now->id_sha256) != 0)
		return xj_error_set(err, XJ_EDATA, "the student's name or ID number changed"
				    " since the sheet was prepared");
	if (strcmp(was->result, now->result) != 0)
		return xj_error_set(err, XJ_EDATA, "the result is %s, not %s", now->result,
				    was->result);
	return 0;
}

/* The checks a sheet's decision passes before the store is asked: it is
 * this store's, as prepared, and signed over what it says. */
static int sound(struct xj_store *st, const struct xj_sheet *sh, size_t i,
		 const struct xj_sb *stmt, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT;
	const struct xj_sheet_item *it = &sh->v[i];
	int rc = 0;

	if (!intact(sh, i))
		rc = xj_error_set(err, XJ_EDATA, "the sheet was edited: the decision does not"
				  " match its content hash");
	else if (xj_store_id(st, 0, &id, err) < 0)
		rc = -1;
	else if (strcmp(id.buf, sh->store) != 0)
		rc = xj_error_set(err, XJ_EDATA, "the sheet is of another store");
	else if (!*it->signature || !*sh->public_key)
		rc = xj_error_set(err, XJ_EDATA, "not signed: the signer signs the sheet with"
				  " xj-key sign");
	else if (!xj_key_verify(sh->public_key, stmt->buf, stmt->len, it->signature))
		rc = xj_error_set(err, XJ_EDATA, "the signature does not match the decision: it"
				  " was changed after it was signed");
	xj_sb_release(&id);
	return rc;
}

/* The proof of decision i, once the store gives what was signed (now):
 * the statement made from the store, the same text, now known to say
 * what the store says, with the sheet's content hash, key and signature.
 * p points into stmt and sh. */
static void proof_of(const struct xj_sheet *sh, size_t i, const struct xj_sheet_item *now,
		     struct xj_sb *stmt, struct xj_proof *p)
{
	statement_of(sh->kind, sh->store, sh->signer, now, stmt);
	p->statement = stmt->buf;
	p->content = sh->v[i].content;
	p->public_key = sh->public_key;
	p->signature = sh->v[i].signature;
}

int xj_sheet_apply(struct xj_store *st, const struct xj_sheet *sh, size_t i,
		   struct xj_error *err)
{
	const struct xj_sheet_item *it = &sh->v[i];
	struct xj_sb stmt = XJ_SB_INIT;
	struct xj_sheet_item now;
	struct xj_student s;
	struct xj_proof p;
	int rc;

	if (sh->kind != XJ_SHEET_SIGNOFF)
		return xj_error_set(err, XJ_EDATA, "a change approval: the sheet is applied with"
				    " 'xj-change approve --apply'");
	memset(&s, 0, sizeof(s));
	memset(&now, 0, sizeof(now));
	xj_sheet_statement(sh, i, &stmt);
	rc = sound(st, sh, i, &stmt, err);
	if (rc == 0 && (rc = xj_store_statement_known(st, stmt.buf, err)) == 0) {
		rc = xj_store_student_find(st, XJ_S_EXAM_NO, it->exam_no, &s, err);
		if (rc == 0)
			rc = xj_error_set(err, XJ_EDATA, "no student with exam number %s",
					  it->exam_no);
		else if (rc > 0)
			rc = fill(st, sh->signer, &s, it->stage, it->level, &now, err);
		if (rc == 0)
			rc = same_as_now(it, &now, err);
		if (rc == 0) {
			proof_of(sh, i, &now, &stmt, &p);
			rc = xj_signoff(st, &s, it->stage, it->level, sh->signer, &p, err);
		}
	}
	item_release(&now);
	xj_student_release(&s);
	xj_sb_release(&stmt);
	return rc;
}

/* The approval as the store gives it now, against the one signed. */
static int approval_same(const struct xj_sheet_item *was, const struct xj_sheet_item *now,
			 struct xj_error *err)
{
	if (strcmp(was->config_sha256, now->config_sha256) != 0)
		return xj_error_set(err, XJ_EDATA, "the config changed since the sheet was"
				    " prepared");
	if (was->step != now->step)
		return xj_error_set(err, XJ_EDATA, "level %d of the request was approved since"
				    " the sheet was prepared", was->step);
	if (strcmp(was->name, now->name) != 0 || strcmp(was->id_sha256, now->id_sha256) != 0)
		return xj_error_set(err, XJ_EDATA, "the student's name or ID number changed"
				    " since the sheet was prepared");
	if (strcmp(was->exam_no, now->exam_no) != 0 || strcmp(was->kind, now->kind) != 0 ||
	    strcmp(was->fields, now->fields) != 0 || strcmp(was->old, now->old) != 0 ||
	    strcmp(was->result, now->result) != 0)
		return xj_error_set(err, XJ_EDATA, "the request is not what was signed: its"
				    " values changed since the sheet was prepared");
	return 0;
}

int xj_sheet_apply_approval(struct xj_store *st, const struct xj_sheet *sh, size_t i,
			    int *applied, struct xj_error *err)
{
	const struct xj_sheet_item *it = &sh->v[i];
	struct xj_sb stmt = XJ_SB_INIT;
	struct xj_sheet_item now;
	struct xj_proof p;
	int rc;

	*applied = 0;
	if (sh->kind != XJ_SHEET_APPROVAL)
		return xj_error_set(err, XJ_EDATA, "a sign-off, not a change approval: the sheet"
				    " is applied with 'xj-verify sign --apply'");
	memset(&now, 0, sizeof(now));
	xj_sheet_statement(sh, i, &stmt);
	rc = sound(st, sh, i, &stmt, err);
	if (rc == 0 && (rc = xj_store_statement_known(st, stmt.buf, err)) == 0) {
		rc = fill_approval(st, sh->signer, it->request, &now, err);
		if (rc == 0)
			rc = approval_same(it, &now, err);
		if (rc == 0) {
			proof_of(sh, i, &now, &stmt, &p);
			rc = xj_change_approve_proven(st, it->request, sh->signer, &p, applied, err);
		}
	}
	item_release(&now);
	xj_sb_release(&stmt);
	return rc;
}

/* --- a program's sheet files ------------------------------------------------ */

static int apply_one(struct xj_store *st, const struct xj_sheet *sh, size_t i,
		     struct xj_sheet_tally *t, struct xj_error *err)
{
	int applied = 0, rc = xj_store_savepoint(st, "decision", XJ_SP_BEGIN, err);

	if (rc < 0)
		return -1;
	if (sh->kind == XJ_SHEET_APPROVAL)
		rc = xj_sheet_apply_approval(st, sh, i, &applied, err);
	else
		rc = xj_sheet_apply(st, sh, i, err);
	if (rc < 0)
		return -1;
	*(rc ? &t->unchanged : &t->recorded) += 1;
	t->applied += applied;
	return xj_store_savepoint(st, "decision", XJ_SP_RELEASE, err);
}

static int refused_data(const struct xj_error *err)
{
	return err->code == XJ_EDATA || err->code == XJ_EUSAGE;
}

int xj_sheet_apply_file(struct xj_store *st, const char *path, int kind,
			xj_sheet_refused_fn refused, void *ctx, struct xj_sheet_tally *t,
			struct xj_error *err)
{
	struct xj_sheet sh;
	size_t i;
	int rc = xj_sheet_read(path, &sh, err);

	if (rc == 0 && sh.kind != kind) {
		xj_error_where(err, path, 0, NULL);
		if (kind == XJ_SHEET_APPROVAL)
			rc = xj_error_set(err, XJ_EFORMAT, "a sheet of sign-offs, not of change"
					  " approvals");
		else
			rc = xj_error_set(err, XJ_EFORMAT, "a sheet of change approvals, not of"
					  " sign-offs");
	}
	if (rc < 0 && (err->code == XJ_EFORMAT || err->code == XJ_EDATA)) {
		refused(ctx, path, NULL, err);
		xj_error_clear(err);
		t->refused++;
		xj_sheet_release(&sh);
		return 0;
	}
	for (i = 0; rc == 0 && i < sh.n; i++) {
		rc = apply_one(st, &sh, i, t, err);
		if (rc < 0 && refused_data(err)) {
			refused(ctx, path, &sh.v[i], err);
			xj_error_clear(err);
			t->refused++;
			rc = xj_store_savepoint(st, "decision", XJ_SP_ROLLBACK, err);
		}
	}
	xj_sheet_release(&sh);
	return rc;
}

int xj_sheet_save(const struct xj_sheet *sh, const char *out, const char *page,
		  struct xj_sb *page_path, struct xj_error *err)
{
	struct xj_outfile f;
	size_t n = strlen(out);
	int rc, i;

	xj_sb_reset(page_path);
	if (page)
		xj_sb_adds(page_path, page);
	else if (n > 5 && strcmp(out + n - 5, ".yaml") == 0)
		xj_sb_addf(page_path, "%.*s.html", (int)(n - 5), out);
	else
		xj_sb_addf(page_path, "%s.html", out);
	for (rc = 0, i = 0; rc == 0 && i < 2; i++) {
		rc = xj_outfile_open(&f, i ? page_path->buf : out, err);
		if (rc < 0)
			break;
		rc = i ? xj_sheet_page(f.fp, sh, err) : xj_sheet_write(f.fp, sh, err);
		if (rc == 0)
			rc = xj_outfile_commit(&f, err);
		else
			xj_outfile_abort(&f);
	}
	return rc;
}

/* --- the sheet as YAML ---------------------------------------------------- */

struct emit {
	yaml_emitter_t e;
	int ok;
};

static void event(struct emit *m, yaml_event_t *ev, int made)
{
	if (!made || !yaml_emitter_emit(&m->e, ev))
		m->ok = 0;
}

static void scalar(struct emit *m, const char *v, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (m->ok)
		event(m, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
			(yaml_char_t *)v, (int)strlen(v), 1, 1, style));
}

static void pair(struct emit *m, const char *k, const char *v)
{
	scalar(m, k, YAML_PLAIN_SCALAR_STYLE);
	scalar(m, v, *v ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

/* Numbers that are names, as the exam number, stay text for any reader. */
static void quoted_pair(struct emit *m, const char *k, const char *v)
{
	scalar(m, k, YAML_PLAIN_SCALAR_STYLE);
	scalar(m, v, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void start(struct emit *m, int mapping)
{
	yaml_event_t ev;

	if (!m->ok)
		return;
	if (mapping)
		event(m, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
								  YAML_BLOCK_MAPPING_STYLE));
	else
		event(m, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
								   YAML_BLOCK_SEQUENCE_STYLE));
}

static void end(struct emit *m, int mapping)
{
	yaml_event_t ev;

	if (!m->ok)
		return;
	if (mapping)
		event(m, &ev, yaml_mapping_end_event_initialize(&ev));
	else
		event(m, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void emit_item(struct emit *m, const struct xj_sheet_item *it)
{
	char review[24];

	snprintf(review, sizeof(review), "%lld", it->review);
	start(m, 1);
	quoted_pair(m, "exam_no", it->exam_no);
	pair(m, "name", it->name);
	pair(m, "id_sha256", it->id_sha256);
	pair(m, "review", review);
	pair(m, "stage", it->stage);
	pair(m, "level", it->level);
	pair(m, "result", it->result);
	pair(m, "config_sha256", it->config_sha256);
	pair(m, "content", it->content);
	pair(m, "signature", it->signature);
	end(m, 1);
}

static void emit_approval(struct emit *m, const struct xj_sheet_item *it)
{
	char request[24], level[16];

	snprintf(request, sizeof(request), "%lld", it->request);
	snprintf(level, sizeof(level), "%d", it->step);
	start(m, 1);
	pair(m, "request", request);
	quoted_pair(m, "exam_no", it->exam_no);
	pair(m, "name", it->name);
	pair(m, "id_sha256", it->id_sha256);
	pair(m, "kind", it->kind);
	pair(m, "fields", it->fields);
	pair(m, "old", it->old);
	pair(m, "new", it->result);
	pair(m, "level", level);
	pair(m, "role", it->level);
	pair(m, "config_sha256", it->config_sha256);
	pair(m, "content", it->content);
	pair(m, "signature", it->signature);
	end(m, 1);
}

static void emit_sheet(struct emit *m, const struct xj_sheet *sh)
{
	yaml_event_t ev;
	size_t i;

	event(m, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	if (m->ok)
		event(m, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	start(m, 1);
	pair(m, "sheet", sh->kind == XJ_SHEET_APPROVAL ? XJ_SHEET_APPROVE : XJ_SHEET_FORMAT);
	pair(m, "school", sh->school);
	pair(m, "store", sh->store);
	pair(m, "signer", sh->signer);
	pair(m, "signer_name", sh->signer_name);
	pair(m, "prepared", sh->prepared);
	pair(m, "public_key", sh->public_key);
	scalar(m, "decisions", YAML_PLAIN_SCALAR_STYLE);
	start(m, 0);
	for (i = 0; i < sh->n; i++) {
		if (sh->kind == XJ_SHEET_APPROVAL)
			emit_approval(m, &sh->v[i]);
		else
			emit_item(m, &sh->v[i]);
	}
	end(m, 0);
	end(m, 1);
	if (m->ok)
		event(m, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (m->ok)
		event(m, &ev, yaml_stream_end_event_initialize(&ev));
}

int xj_sheet_write(FILE *fp, const struct xj_sheet *sh, struct xj_error *err)
{
	struct emit m;

	if (fprintf(fp, "# xj %s sheet for %s: check it, then sign it with"
		    " 'xj-key sign FILE'.\n# Each content is the SHA-256 of the decision's"
		    " statement; an edited\n# decision is refused when the sheet is"
		    " applied.\n", sh->kind == XJ_SHEET_APPROVAL ? "change approval" :
		    "sign-off", sh->signer) < 0)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	memset(&m, 0, sizeof(m));
	m.ok = yaml_emitter_initialize(&m.e);
	if (m.ok) {
		yaml_emitter_set_output_file(&m.e, fp);
		yaml_emitter_set_unicode(&m.e, 1);
		yaml_emitter_set_width(&m.e, -1);
		emit_sheet(&m, sh);
		if (m.ok && !yaml_emitter_flush(&m.e))
			m.ok = 0;
	}
	yaml_emitter_delete(&m.e);
	if (!m.ok)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}

/* --- reading it back ------------------------------------------------------- */

struct rd {
	yaml_document_t doc;
	const char *path;
	struct xj_error *err;
};

static int bad(struct rd *r, yaml_node_t *n, const char *fmt, const char *what)
{
	xj_error_where(r->err, r->path, n ? (long)n->start_mark.line + 1 : 0, NULL);
	return xj_error_set(r->err, XJ_EFORMAT, fmt, what);
}

static yaml_node_t *get(struct rd *r, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&r->doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&r->doc, p->value);
	}
	return NULL;
}

/* A text field of map into *out; a line break or other control character
 * would make two statements read alike, so none is taken. */
static int text(struct rd *r, yaml_node_t *map, const char *key, char **out)
{
	yaml_node_t *n = get(r, map, key);
	const unsigned char *p;

	if (!n || n->type != YAML_SCALAR_NODE)
		return bad(r, n ? n : map, N_("%s is missing"), key);
	for (p = n->data.scalar.value; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return bad(r, n, N_("%s holds a control character"), key);
	if (strlen((const char *)n->data.scalar.value) != n->data.scalar.length)
		return bad(r, n, N_("%s holds a control character"), key);
	*out = dup((const char *)n->data.scalar.value);
	return 0;
}

/* A field for people to read only: "" when it is not there. */
static int optional(struct rd *r, yaml_node_t *map, const char *key, char **out)
{
	if (get(r, map, key))
		return text(r, map, key, out);
	*out = dup("");
	return 0;
}

static int read_item(struct rd *r, yaml_node_t *map, struct xj_sheet_item *it)
{
	char *review = NULL, *end = NULL;
	int rc;

	if (map->type != YAML_MAPPING_NODE)
		return bad(r, map, N_("%s: each is a mapping of a decision's fields"), "decisions");
	rc = text(r, map, "exam_no", &it->exam_no);
	if (rc == 0)
		rc = text(r, map, "name", &it->name);
	if (rc == 0)
		rc = text(r, map, "id_sha256", &it->id_sha256);
	if (rc == 0)
		rc = text(r, map, "review", &review);
	if (rc == 0)
		rc = text(r, map, "stage", &it->stage);
	if (rc == 0)
		rc = text(r, map, "level", &it->level);
	if (rc == 0)
		rc = text(r, map, "result", &it->result);
	if (rc == 0)
		rc = text(r, map, "config_sha256", &it->config_sha256);
	if (rc == 0)
		rc = text(r, map, "content", &it->content);
	if (rc == 0)
		rc = text(r, map, "signature", &it->signature);
	if (rc == 0) {
		errno = 0;
		it->review = strtoll(review, &end, 10);
		if (errno || !*review || *end || it->review <= 0)
			rc = bad(r, map, N_("review is not a review number: '%s'"), review);
	}
	if (rc == 0 && !xj_review_stage_name(it->stage))
		rc = bad(r, map, N_("not a stage: '%s'"), it->stage);
	if (rc == 0 && strcmp(it->level, "dept") != 0 && strcmp(it->level, "leader") != 0)
		rc = bad(r, map, N_("want the level dept or leader, not '%s'"), it->level);
	free(review);
	return rc;
}

/* A positive number no greater than max from the field key of map. */
static int number(struct rd *r, yaml_node_t *map, const char *key, long long max,
		  const char *fmt, long long *out)
{
	char *v = NULL, *end = NULL;
	int rc = text(r, map, key, &v);

	if (rc == 0) {
		errno = 0;
		*out = strtoll(v, &end, 10);
		if (errno || !*v || *end || *out <= 0 || *out > max)
			rc = bad(r, map, fmt, v);
	}
	free(v);
	return rc;
}

static int read_approval(struct rd *r, yaml_node_t *map, struct xj_sheet_item *it)
{
	long long step = 0;
	int rc;

	if (map->type != YAML_MAPPING_NODE)
		return bad(r, map, N_("%s: each is a mapping of a decision's fields"), "decisions");
	rc = number(r, map, "request", 2000000000LL, N_("request is not a request number:"
							 " '%s'"), &it->request);
	if (rc == 0)
		rc = text(r, map, "exam_no", &it->exam_no);
	if (rc == 0)
		rc = text(r, map, "name", &it->name);
	if (rc == 0)
		rc = text(r, map, "id_sha256", &it->id_sha256);
	if (rc == 0)
		rc = text(r, map, "kind", &it->kind);
	if (rc == 0)
		rc = text(r, map, "fields", &it->fields);
	if (rc == 0)
		rc = text(r, map, "old", &it->old);
	if (rc == 0)
		rc = text(r, map, "new", &it->result);
	if (rc == 0)
		rc = number(r, map, "level", 99, N_("level is not a level number: '%s'"), &step);
	if (rc == 0)
		rc = text(r, map, "role", &it->level);
	if (rc == 0)
		rc = text(r, map, "config_sha256", &it->config_sha256);
	if (rc == 0)
		rc = text(r, map, "content", &it->content);
	if (rc == 0)
		rc = text(r, map, "signature", &it->signature);
	it->step = (int)step;
	it->stage = dup("change");
	return rc;
}

static int read_sheet(struct rd *r, struct xj_sheet *sh)
{
	yaml_node_t *root = yaml_document_get_root_node(&r->doc), *list, *n;
	yaml_node_item_t *p;
	char *format = NULL;
	int rc;

	if (!root || root->type != YAML_MAPPING_NODE || text(r, root, "sheet", &format) < 0 ||
	    (strcmp(format, XJ_SHEET_FORMAT) != 0 && strcmp(format, XJ_SHEET_APPROVE) != 0)) {
		free(format);
		xj_error_clear(r->err);
		return bad(r, NULL, N_("not a sign-off sheet (no 'sheet: %s')"), XJ_SHEET_FORMAT);
	}
	sh->kind = strcmp(format, XJ_SHEET_APPROVE) == 0 ? XJ_SHEET_APPROVAL : XJ_SHEET_SIGNOFF;
	free(format);
	rc = text(r, root, "store", &sh->store);
	if (rc == 0)
		rc = text(r, root, "signer", &sh->signer);
	if (rc == 0)
		rc = text(r, root, "public_key", &sh->public_key);
	if (rc == 0)
		rc = optional(r, root, "school", &sh->school);
	if (rc == 0)
		rc = optional(r, root, "signer_name", &sh->signer_name);
	if (rc == 0)
		rc = optional(r, root, "prepared", &sh->prepared);
	if (rc < 0)
		return -1;
	list = get(r, root, "decisions");
	if (!list || list->type != YAML_SEQUENCE_NODE)
		return bad(r, list ? list : root, N_("%s is missing"), "decisions");
	for (p = list->data.sequence.items.start; p < list->data.sequence.items.top; p++) {
		n = yaml_document_get_node(&r->doc, *p);
		sh->v = xj_xreallocarray(sh->v, sh->n + 1, sizeof(*sh->v));
		memset(&sh->v[sh->n], 0, sizeof(sh->v[0]));
		if (sh->kind == XJ_SHEET_APPROVAL)
			rc = read_approval(r, n, &sh->v[sh->n++]);
		else
			rc = read_item(r, n, &sh->v[sh->n++]);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int xj_sheet_read(const char *path, struct xj_sheet *sh, struct xj_error *err)
{
	struct rd r;
	int rc;

	xj_sheet_init(sh);
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.err = err;
	if (xj_yamlfile_load(path, &r.doc, err) < 0)
		return -1;
	rc = read_sheet(&r, sh);
	yaml_document_delete(&r.doc);
	if (rc < 0)
		xj_sheet_release(sh);
	return rc;
}

/* --- the printable page ------------------------------------------------------ */

static const char *stage_words(const char *stage)
{
	return !strcmp(stage, "arrival") ? "入学资格审查" :
	       !strcmp(stage, "recheck") ? "录取资格复查" :
	       !strcmp(stage, "cancel") ? "取消入学资格或学籍" : "撤销学历证书";
}

static void page_row(FILE *fp, size_t i, const struct xj_sheet_item *it)
{
	fprintf(fp, "<tr><td>%zu</td><td>", i + 1);
	xj_html_escape(fp, it->exam_no);
	fputs("</td><td>", fp);
	xj_html_escape(fp, it->name);
	fputs("</td><td>", fp);
	xj_html_escape(fp, stage_words(it->stage));
	fprintf(fp, "</td><td>%s</td><td class=\"h\">", !strcmp(it->result, "pass") ?
		"通过" : "不通过");
	xj_html_escape(fp, it->content);
	fputs("</td></tr>\n", fp);
}

static const char *kind_words(const char *kind)
{
	return !strcmp(kind, "key") ? "关键信息变更" : !strcmp(kind, "status") ? "学籍异动" :
	       !strcmp(kind, "errata") ? "勘误" : "信息更正";
}

static const char *role_words(const char *role)
{
	return !strcmp(role, "reviewer") ? "审查人员" : !strcmp(role, "dept-head") ?
	       "部门负责人" : !strcmp(role, "leader") ? "分管院领导" :
	       !strcmp(role, "registrar") ? "学籍管理员" : role;
}

static void approval_row(FILE *fp, size_t i, const struct xj_sheet_item *it)
{
	fprintf(fp, "<tr><td>%zu</td><td>%lld</td><td>", i + 1, it->request);
	xj_html_escape(fp, it->exam_no);
	fputs("</td><td>", fp);
	xj_html_escape(fp, it->name);
	fputs("</td><td>", fp);
	xj_html_escape(fp, kind_words(it->kind));
	fputs("</td><td>原：", fp);
	xj_html_escape(fp, it->old);
	fputs("<br>新：", fp);
	xj_html_escape(fp, it->result);
	fprintf(fp, "</td><td>第%d级（", it->step);
	xj_html_escape(fp, role_words(it->level));
	fputs("）</td><td class=\"h\">", fp);
	xj_html_escape(fp, it->content);
	fputs("</td></tr>\n", fp);
}

static void page_head(FILE *fp, const struct xj_sheet *sh, const char *title,
		      const char *who, const char *level)
{
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>", fp);
	fputs(title, fp);
	fputs("</title>\n<style>\n@page { size: A4; margin: 20mm; }\n"
	      "body { font-family: \"Noto Serif CJK SC\", \"WenQuanYi Micro Hei\", serif;"
	      " font-size: 11pt; }\n"
	      "h1 { text-align: center; letter-spacing: 0.3em; }\n"
	      "table { border-collapse: collapse; width: 100%; }\n"
	      "td, th { border: 1px solid #000; padding: 2pt 4pt; }\n"
	      ".h { font-family: monospace; font-size: 8pt; word-break: break-all; }\n"
	      ".sign { margin-top: 3em; line-height: 3; }\n</style>\n</head>\n<body>\n", fp);
	fputs("<h1>", fp);
	xj_html_escape(fp, sh->school);
	fprintf(fp, "%s</h1>\n<p>%s：", title, who);
	xj_html_escape(fp, sh->signer_name && *sh->signer_name ? sh->signer_name : sh->signer);
	fputs("（", fp);
	xj_html_escape(fp, sh->signer);
	if (level)
		fprintf(fp, "，%s", level);
	fputs("）<br>制单时间：", fp);
	xj_html_escape(fp, sh->prepared);
	fputs("<br>数据库标识：<span class=\"h\">", fp);
	xj_html_escape(fp, sh->store);
	fputs("</span><br>配置摘要：<span class=\"h\">", fp);
	xj_html_escape(fp, sh->n ? sh->v[0].config_sha256 : "");
	fputs("</span></p>\n", fp);
}

/* The page of a sheet of change approvals (P12): each request's values,
 * old and new, as the statement signed names them. */
static int approval_page(FILE *fp, const struct xj_sheet *sh, struct xj_error *err)
{
	size_t i;

	page_head(fp, sh, "学籍信息变更审批单", "审批人", NULL);
	fputs("<table>\n<tr><th>序号</th><th>申请号</th><th>考生号</th><th>姓名</th>"
	      "<th>变更类别</th><th>变更内容</th><th>审批层级</th>"
	      "<th>内容摘要 (SHA-256)</th></tr>\n", fp);
	for (i = 0; i < sh->n; i++)
		approval_row(fp, i, &sh->v[i]);
	fprintf(fp, "</table>\n<p>共 %zu 项。审批人逐项核对以上变更申请及其证明材料，"
		"签字确认。内容摘要是该项审批内容（数据库、申请、学生、变更类别、字段及原值与新值、"
		"审批层级、配置、审批人）的 SHA-256，电子签名（xj-key sign）签署的即是该内容。"
		"身份证号只列其部分数字与 SHA-256。</p>\n"
		"<p class=\"sign\">审批人（签字）：________________"
		"　　日期：____年__月__日</p>\n</body>\n</html>\n", sh->n);
	if (ferror(fp))
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}

int xj_sheet_page(FILE *fp, const struct xj_sheet *sh, struct xj_error *err)
{
	const char *level = sh->n && !strcmp(sh->v[0].level, "leader") ? "分管院领导" :
			    "部门负责人";
	size_t i;

	if (sh->kind == XJ_SHEET_APPROVAL)
		return approval_page(fp, sh, err);
	page_head(fp, sh, "审签单", "审签人", level);
	fputs("<table>\n<tr><th>序号</th><th>考生号</th><th>姓名</th>"
	      "<th>审查环节</th><th>结论</th><th>内容摘要 (SHA-256)</th></tr>\n", fp);
	for (i = 0; i < sh->n; i++)
		page_row(fp, i, &sh->v[i]);
	fprintf(fp, "</table>\n<p>共 %zu 项。审签人逐项核对以上审查结论，签字确认。"
		"内容摘要是该项审签内容（数据库、学生、审查环节、层级、结论、配置、审签人）"
		"的 SHA-256，电子签名（xj-key sign）签署的即是该内容。</p>\n"
		"<p class=\"sign\">审签人（签字）：________________"
		"　　日期：____年__月__日</p>\n</body>\n</html>\n", sh->n);
	if (ferror(fp))
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}
