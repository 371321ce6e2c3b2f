/* change_history.c: every value a field of a student has had, read from
 * the log: the import that created the student, then each change (the
 * status and the graduation conclusion among them), with
 * who made it, by which command, and on what grounds (an applied
 * request's evidence, files and approvers; an import's file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/change.h"
#include "xj/i18n.h"
#include "xj/pairs.h"

/* The fields a history shows by number: the record's, then the cohort
 * (a repeated year, 降级, moves it); -1 for another (the status). */
#define HCOHORT XJ_S_COUNT
#define HFIELDS (XJ_S_COUNT + 1)

static int hfield(const char *field)
{
	return strcmp(field, "cohort") == 0 ? HCOHORT : xj_student_field_index(field);
}

struct hrow {
	char *field, *value, *since, *by, *how, *grounds;
	int empty;   /* a value at creation that turned out to be none */
};

struct history {
	struct xj_store *st;
	struct xj_error *err;
	int failed;                     /* a read failed: the walk stopped */
	struct hrow *v;
	size_t n;
	unsigned changed;               /* fields changed after creation, as bits
					 * (of hfield's numbers) */
	const struct xj_student *s;
	int created;                    /* the student's creation is in */
	/* an import's creation: the row of each field's value then, which the
	 * old value of its first change puts right (the current one stands
	 * until then), as index + 1; the fields put right, as bits */
	size_t born[HFIELDS];
	unsigned settled;
	int birth;                      /* writing those rows */
	const struct xj_log_entry *e;
	struct xj_sb how, grounds;
};

static void file_item(void *ctx, const char *name, const char *sha, long size)
{
	struct xj_sb *sb = ctx;

	xj_sb_addf(sb, "%s%s (%ld bytes, sha256 %.16s)", sb->len ? "; " : "", name, size, sha);
}

int xj_change_files_text(struct xj_store *st, long long id, struct xj_sb *out,
			 struct xj_error *err)
{
	return xj_store_change_files(st, id, file_item, out, err);
}

/* The grounds of an applied request: its evidence, files and approvers.
 * A request that cannot be read fails the history: grounds are never
 * shown incomplete. */
static int request_grounds(struct history *h, const char *json)
{
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_change_req r;
	long long id;
	int rc;

	xj_sb_reset(&h->grounds);
	/* the entry read as pairs, never searched: a value cannot pose as
	 * its request number */
	rc = xj_store_json_each(h->st, json && *json ? json : "{}", xj_pairs_add, &p, h->err);
	id = rc == 0 && xj_pairs_has(&p, "request") ? strtoll(xj_pairs_get(&p, "request"), NULL, 10) : 0;
	xj_pairs_release(&p);
	if (rc < 0)
		return -1;
	if (!id)
		return 0;
	memset(&r, 0, sizeof(r));
	rc = xj_store_change_get(h->st, id, &r, h->err);
	if (rc > 0) {
		xj_sb_addf(&h->how, " #%lld", id);
		xj_sb_addf(&h->grounds, _("evidence %s"), *r.evidence.buf ? r.evidence.buf :
			   _("none"));
		rc = xj_change_files_text(h->st, id, &h->grounds, h->err);
		xj_sb_addf(&h->grounds, _("; requested by %s, approved by %s"),
			   r.requested_by.buf, r.approvers.buf);
	}
	xj_store_change_req_release(&r);
	return rc < 0 ? -1 : 0;
}

static void history_pair(void *ctx, const char *field, const char *value)
{
	struct history *h = ctx;
	struct hrow *r;
	int f = hfield(field);

	if (f < 0 && strcmp(field, "status") != 0 && !xj_change_is_conclusion(field))
		return;
	if (f >= 0 && !h->birth && strcmp(h->e->action, "create") != 0)
		h->changed |= 1u << f;
	h->v = xj_xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	r = &h->v[h->n++];
	r->empty = 0;
	r->field = xj_xstrdup(field);
	r->value = xj_xstrdup(value);
	/* the business time the value took effect, where the command had one */
	r->since = xj_xstrdup(*h->e->business ? h->e->business : h->e->at);
	r->by = xj_xstrdup(*h->e->user ? h->e->user : h->e->login);
	r->how = xj_xstrdup(h->how.buf);
	r->grounds = xj_xstrdup(h->grounds.buf);
}

/* A value before a change: the value at creation, if the import's entry
 * stood for it and no earlier change said so. */
static void history_old(void *ctx, const char *field, const char *value)
{
	struct history *h = ctx;
	int f = hfield(field);
	struct hrow *r;

	if (f < 0 || !h->born[f] || (h->settled & (1u << f)))
		return;
	h->settled |= 1u << f;
	r = &h->v[h->born[f] - 1];
	free(r->value);
	r->value = xj_xstrdup(value);
	r->empty = !*value;
}

static void source_of(void *ctx, const char *field, const char *value)
{
	if (!strcmp(field, "source"))
		*(int *)ctx = !strcmp(value, "roster");
}

/* The import that created the student (the first roster import in its
 * log, when no "create" entry of an older xj came first): a row for each
 * field it has, with its value now until a change says otherwise. */
static int history_born(struct history *h, const struct xj_log_entry *e)
{
	char cohort[16];
	int roster = 0, f;

	if (h->created)
		return 0;
	if (xj_store_json_each(h->st, e->new_json, source_of, &roster, h->err) < 0)
		return h->failed = 1;
	if (!roster)
		return 0;
	h->created = 1;
	xj_sb_reset(&h->how);
	xj_sb_addf(&h->how, "%s create", e->program);
	xj_sb_reset(&h->grounds);
	xj_sb_adds(&h->grounds, e->args);
	h->birth = 1;
	for (f = 0; f < XJ_S_COUNT; f++) {
		if (!h->s->v[f] || !*h->s->v[f])
			continue;
		history_pair(h, xj_student_field(f), h->s->v[f]);
		h->born[f] = h->n;
	}
	snprintf(cohort, sizeof(cohort), "%d", h->s->cohort);
	history_pair(h, "cohort", cohort);
	h->born[HCOHORT] = h->n;
	h->birth = 0;
	return 0;
}

/* One entry of the log; a failed read stops the walk and fails the
 * history, so no value is left out unsaid. */
static int history_entry(void *ctx, const struct xj_log_entry *e)
{
	struct history *h = ctx;
	const char *a = e->action;

	h->e = e;
	if (!strcmp(a, "import"))
		return history_born(h, e);
	/* the graduation conclusion: a certificate's issue or its 结业 then
	 * 毕业, before the errata that correct it (P17) */
	if (strcmp(a, "create") && strcmp(a, "update") && strcmp(a, "change") &&
	    strcmp(a, "status") && strcmp(a, "diploma-issue") && strcmp(a, "diploma-upgrade"))
		return 0;
	if (!strcmp(a, "create"))
		h->created = 1;
	if (*e->old_json && xj_store_json_each(h->st, e->old_json, history_old, h, h->err) < 0)
		return h->failed = 1;
	xj_sb_reset(&h->how);
	xj_sb_addf(&h->how, "%s %s", e->program, a);
	if (request_grounds(h, e->new_json) < 0)
		return h->failed = 1;
	if (!h->grounds.len && strcmp(e->program, "xj-import") == 0)
		xj_sb_adds(&h->grounds, e->args);
	if (xj_store_json_each(h->st, e->new_json, history_pair, h, h->err) < 0)
		return h->failed = 1;
	return 0;
}

/* Without a field asked for: the status, the key data, and every field
 * that changed after creation; the others' values at creation are the
 * record itself. */
static int history_wanted(const struct history *h, const char *only, const char *field)
{
	int f = hfield(field);

	if (only)
		return strcmp(field, only) == 0;
	return f < 0 || (f < XJ_S_COUNT && xj_student_field_is_key(f)) ||
	       (h->changed & (1u << f));
}

static int history_give(struct history *h, const char *only,
			const struct xj_change_history_cb *cb)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		const struct hrow *r = &h->v[i];
		const struct xj_history_row row = { r->field, r->value, r->since, r->by, r->how,
						    r->grounds };

		if (r->empty || !history_wanted(h, only, r->field))
			continue;
		if (cb->row(cb->ctx, &row))
			return -1;
	}
	return 0;
}

static void history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].field);
		free(h->v[i].value);
		free(h->v[i].since);
		free(h->v[i].by);
		free(h->v[i].how);
		free(h->v[i].grounds);
	}
	free(h->v);
	xj_sb_release(&h->how);
	xj_sb_release(&h->grounds);
}

int xj_change_history(struct xj_store *st, const struct xj_student *s, const char *only,
		      const struct xj_change_history_cb *cb, struct xj_error *err)
{
	struct history h;
	struct xj_log_filter f;
	int rc;

	memset(&h, 0, sizeof(h));
	memset(&f, 0, sizeof(f));
	h.st = st;
	h.err = err;
	h.s = s;
	f.student = s->v[XJ_S_EXAM_NO];
	rc = xj_store_log_each(st, &f, history_entry, &h, err);
	if (rc == 0 && h.failed)
		rc = -1;
	if (rc == 0)
		rc = history_give(&h, only, cb);
	history_release(&h);
	return rc;
}
