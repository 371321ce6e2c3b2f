/* replay.c: the rows an import's entry vouches for, made again for the
 * row check (xj log --verify).  An import does not copy the students,
 * statuses and source rows it adds into the row log: its entry commits to
 * its source rows (their count and digest), and the students are what
 * those rows make through the same normalisation, with the options and
 * the departments the import had (P2, P16). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/normalize.h"
#include "xj/pairs.h"
#include "xj/replay.h"
#include "xj/strbuf.h"

/* A difference found here, said only when the row log holds no row of
 * its key that the row is checked by instead. */
struct pending {
	struct xj_row_diff d;
	char *mem[5];   /* its strings */
	long long id;
	size_t seq;
	int superseded;
};

struct replay {
	struct xj_store *st;
	struct xj_error *err;
	void (*fn)(void *ctx, const struct xj_row_diff *d);
	void *ctx;
	long bad;
	const struct xj_vouched *v;
	struct xj_norm n;
	struct xj_pairs names;   /* the import's names (its row 0), or none */
	unsigned char *made;   /* v's students, made again or not */
	struct xj_row_run *runs;
	size_t nruns, cap;
	struct pending *pend;
	size_t npend, pcap;
};

static void said(struct replay *r, const struct xj_row_diff *d)
{
	r->fn(r->ctx, d);
	r->bad++;
}

static void pend(void *ctx, const struct xj_row_diff *d)
{
	struct replay *r = ctx;
	struct pending *p;

	if (r->npend == r->pcap) {
		r->pcap = r->pcap ? 2 * r->pcap : 16;
		r->pend = xj_xreallocarray(r->pend, r->pcap, sizeof(*r->pend));
	}
	p = &r->pend[r->npend];
	p->d = *d;
	p->mem[0] = xj_xstrdup(d->key);
	p->mem[1] = xj_xstrdup(d->student);
	p->mem[2] = xj_xstrdup(d->field);
	p->mem[3] = xj_xstrdup(d->stored);
	p->mem[4] = xj_xstrdup(d->logged);
	p->d.key = p->mem[0];
	p->d.student = p->mem[1];
	p->d.field = p->mem[2];
	p->d.stored = p->mem[3];
	p->d.logged = p->mem[4];
	p->id = strtoll(d->key, NULL, 10);
	p->seq = r->npend++;
	p->superseded = 0;
}

static int pend_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	int c = strcmp(x->d.table, y->d.table);

	if (c)
		return c;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The row log holds a row of this key: the row is checked by it. */
static void logged(void *ctx, const char *table, long long id)
{
	struct replay *r = ctx;
	size_t lo = 0, hi = r->npend;

	while (lo < hi) {   /* the first of the key */
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->pend[mid].d.table, table);

		if (c < 0 || (c == 0 && r->pend[mid].id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->npend && r->pend[lo].id == id && !strcmp(r->pend[lo].d.table, table); lo++)
		r->pend[lo].superseded = 1;
}

/* Each difference no row of the log supersedes said (say), and freed. */
static void pending_said(struct replay *r, int say)
{
	size_t i;
	int j;

	for (i = 0; i < r->npend; i++) {
		if (say && !r->pend[i].superseded)
			said(r, &r->pend[i].d);
		for (j = 0; j < 5; j++)
			free(r->pend[i].mem[j]);
	}
	free(r->pend);
}

/* A row that failed to make its student again: said with its place. */
static void unmade(struct replay *r, long line, long long student, const char *exam)
{
	char key[32], where[64];
	struct xj_row_diff d = { .kind = XJ_ROW_REPLAY, .table = "student", .key = key,
		.student = exam, .field = r->n.fields.buf, .stored = where,
		.logged = r->n.reasons.buf, .command = r->v->command_id };

	snprintf(key, sizeof(key), "%lld", student);
	snprintf(where, sizeof(where), "%lld:%ld", r->v->import_id, line);
	pend(r, &d);
}

/* A student's source row, made into the student again and held against
 * the store's; one that no longer makes it is said instead. */
static int one_row(void *ctx, long line, const char *source, long long student,
		   const char *data)
{
	struct replay *r = ctx;
	const struct xj_vouched *v = r->v;
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_norm_opts no = { .cohort = v->cohort, .roster = 1,
		.accept_15 = v->accept_15 };
	int rc, n;

	if (strcmp(source, "roster") == 0 && !student && line == 0 && *data == '[') {
		xj_pairs_release(&r->names);
		if (xj_pairs_names(&r->names, data) < 0)
			xj_pairs_release(&r->names);   /* its rows are made of nothing */
	}
	if (strcmp(source, "roster") != 0 || student < v->students[0] ||
	    student > v->students[1])
		return 0;
	r->made[student - v->students[0]] = 1;
	/* read here, unless it is JSON the writer never wrote: then SQLite's */
	if (*data == '[')
		rc = xj_pairs_named(&p, &r->names, data);
	else
		rc = xj_pairs_from_json(&p, data);
	if (rc < 0) {
		xj_pairs_release(&p);
		rc = xj_store_json_each(r->st, data, xj_pairs_add, &p, r->err);
	}
	if (rc == 0) {
		struct xj_record rec = { .file = "", .line = line, .n = p.n,
			.names = (const char **)p.k, .values = (const char **)p.v };

		rc = xj_normalize(r->st, &rec, &no, &r->n, r->err);
	}
	if (rc == 1)
		unmade(r, line, student, xj_pairs_get(&p, "exam_no"));
	if (rc == 0) {
		n = xj_store_replayed_check(r->st, student, &r->n.s, pend, r, r->err);
		rc = n < 0 ? -1 : 0;
	}
	xj_pairs_release(&p);
	return rc < 0 ? -1 : 0;
}

/* Students of the run no source row made: added behind the log. */
static int made_by_none(struct replay *r)
{
	const struct xj_vouched *v = r->v;
	struct xj_sb exam = XJ_SB_INIT;
	long long id;
	int rc = 0;

	for (id = v->students[0]; rc >= 0 && id <= v->students[1]; id++) {
		if (r->made[id - v->students[0]])
			continue;
		rc = xj_store_student_exists(r->st, id, &exam, r->err);
		if (rc == 1) {
			char key[32];
			struct xj_row_diff d = { .kind = XJ_ROW_ADDED, .table = "student",
				.key = key, .student = exam.buf, .field = "", .stored = "",
				.logged = "" };

			snprintf(key, sizeof(key), "%lld", id);
			pend(r, &d);
		}
	}
	xj_sb_release(&exam);
	return rc < 0 ? -1 : 0;
}

static void add_run(struct replay *r, const char *table, const long long ids[2])
{
	if (ids[1] < ids[0])
		return;
	if (r->nruns == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->runs = xj_xreallocarray(r->runs, r->cap, sizeof(*r->runs));
	}
	r->runs[r->nruns++] = (struct xj_row_run){ .table = table, .lo = ids[0], .hi = ids[1] };
}

static void sources_differ(struct replay *r, long long got, const char *hex)
{
	const struct xj_vouched *v = r->v;
	char key[32], stored[96], logged[96];
	struct xj_row_diff d = { .kind = XJ_ROW_SOURCES, .table = "source_row",
		.key = key, .student = "", .field = "", .stored = stored,
		.logged = logged, .command = v->command_id };

	snprintf(key, sizeof(key), "%lld", v->import_id);
	snprintf(stored, sizeof(stored), "%lld:%s", got, hex);
	snprintf(logged, sizeof(logged), "%lld:%s", v->rows, v->sha256);
	said(r, &d);
}

/* The row digests the import kept (store_digest.c), as its entry says. */
static int digests_check(struct replay *r)
{
	const struct xj_vouched *v = r->v;
	char key[32], stored[96], logged[96], hex[65];
	struct xj_row_diff d = { .kind = XJ_ROW_SOURCES, .table = "import_digest",
		.key = key, .student = "", .field = "", .stored = stored,
		.logged = logged, .command = v->command_id };
	long long got = 0;
	int rc = xj_store_vouched_digests(r->st, v, &got, hex, r->err);

	if (rc != 1)
		return rc;
	snprintf(key, sizeof(key), "%lld", v->import_id);
	snprintf(stored, sizeof(stored), "%lld:%s", got, hex);
	snprintf(logged, sizeof(logged), "%lld:%s", v->digests, v->digests_sha256);
	said(r, &d);
	return 0;
}

static int one_import(void *ctx, const struct xj_vouched *v)
{
	struct replay *r = ctx;
	long long got = 0, span = v->students[1] - v->students[0] + 1;
	char hex[65];
	int rc;

	r->v = v;
	xj_pairs_release(&r->names);
	add_run(r, "source_row", v->source_ids);
	add_run(r, "student", v->students);
	add_run(r, "status", v->statuses);
	add_run(r, "import_digest", v->digest_ids);
	r->made = xj_xcalloc(span > 0 ? (size_t)span : 1, 1);
	xj_store_config_as_of(r->st, v->command_id);
	rc = xj_store_vouched_sources(r->st, v, one_row, r, &got, hex, r->err);
	if (rc == 1)
		sources_differ(r, got, hex);
	if (rc >= 0)
		rc = made_by_none(r);
	free(r->made);
	r->made = NULL;
	if (rc >= 0)
		rc = xj_store_vouched_statuses(r->st, v, pend, r, r->err);
	if (rc >= 0)
		rc = digests_check(r);
	return rc < 0 ? -1 : 0;
}

long xj_replay_verify(struct xj_store *st, void (*fn)(void *ctx, const struct xj_row_diff *d),
		      void *ctx, long long *rows, struct xj_error *err)
{
	struct replay r = { .st = st, .err = err, .fn = fn, .ctx = ctx };
	struct xj_row_runs runs = { .on_logged = logged, .ctx = &r };
	long diffs = -1;
	int rc;

	xj_store_sorts_on_disk(st, 1);   /* the row check sorts whole tables */
	rc = xj_store_vouched_each(st, one_import, &r, err);
	*rows = 0;
	xj_store_config_as_of(st, 0);
	xj_normalize_release(&r.n);
	xj_pairs_release(&r.names);
	if (r.npend)
		qsort(r.pend, r.npend, sizeof(*r.pend), pend_cmp);
	runs.run = r.runs;
	runs.n = r.nruns;
	if (rc == 0)
		diffs = xj_store_rows_verify(st, fn, ctx, &runs, rows, err);
	/* what the log holds no row of is said last, in table and id order */
	pending_said(&r, diffs >= 0);
	free(r.runs);
	xj_store_sorts_on_disk(st, 0);
	return diffs < 0 ? -1 : diffs + r.bad;
}
