/* replay.c: the rows an import's entry vouches for, made again for the
 * row check (xj log --verify).  An import does not copy the students,
 * statuses and source rows it adds into the row log: its entry commits to
 * its source rows (their count and digest), and the students are what
 * those rows make through the same normalisation, with the options and
 * the departments the import had (P2, P16). */
#include <stdio.h>
#include <string.h>

#include "xj/normalize.h"
#include "xj/pairs.h"
#include "xj/replay.h"

struct replay {
	struct xj_store *st;
	struct xj_error *err;
	void (*fn)(void *ctx, const struct xj_row_diff *d);
	void *ctx;
	long bad;
	const struct xj_vouched *v;
	struct xj_norm n;
};

static void said(struct replay *r, const struct xj_row_diff *d)
{
	r->fn(r->ctx, d);
	r->bad++;
}

/* A student's source row, made into the student again; one that no
 * longer makes it is said, and has nothing expected. */
static int one_row(void *ctx, long line, const char *source, long long student,
		   const char *data)
{
	struct replay *r = ctx;
	const struct xj_vouched *v = r->v;
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_norm_opts no = { .cohort = v->cohort, .roster = 1,
		.accept_15 = v->accept_15 };
	int rc;

	if (strcmp(source, "roster") != 0 || student < v->students[0] ||
	    student > v->students[1])
		return 0;
	rc = xj_store_json_each(r->st, data, xj_pairs_add, &p, r->err);
	if (rc == 0) {
		struct xj_record rec = { .file = "", .line = line, .n = p.n,
			.names = (const char **)p.k, .values = (const char **)p.v };

		rc = xj_normalize(r->st, &rec, &no, &r->n, r->err);
	}
	if (rc == 0)
		rc = xj_store_replayed_add(r->st, student, &r->n.s, r->err);
	if (rc == 1) {
		char key[32], where[64];
		struct xj_row_diff d = { .kind = XJ_ROW_REPLAY, .table = "student", .key = key,
			.student = xj_pairs_get(&p, "exam_no"), .field = r->n.fields.buf,
			.stored = where, .logged = r->n.reasons.buf, .command = v->command_id };

		snprintf(key, sizeof(key), "%lld", student);
		snprintf(where, sizeof(where), "%lld:%ld", v->import_id, line);
		said(r, &d);
		rc = 0;
	}
	xj_pairs_release(&p);
	return rc;
}

static int one_import(void *ctx, const struct xj_vouched *v)
{
	struct replay *r = ctx;
	long long got = 0;
	char hex[65], key[32], stored[96], logged[96];
	int rc;

	r->v = v;
	xj_store_config_as_of(r->st, v->command_id);
	rc = xj_store_vouched_sources(r->st, v, one_row, r, &got, hex, r->err);
	if (rc == 1) {
		struct xj_row_diff d = { .kind = XJ_ROW_SOURCES, .table = "source_row",
			.key = key, .student = "", .field = "", .stored = stored,
			.logged = logged, .command = v->command_id };

		snprintf(key, sizeof(key), "%lld", v->import_id);
		snprintf(stored, sizeof(stored), "%lld:%s", got, hex);
		snprintf(logged, sizeof(logged), "%lld:%s", v->rows, v->sha256);
		said(r, &d);
	}
	return rc < 0 ? -1 : xj_store_vouched_expect(r->st, v, r->err);
}

long xj_replay_verify(struct xj_store *st, void (*fn)(void *ctx, const struct xj_row_diff *d),
		      void *ctx, long long *rows, struct xj_error *err)
{
	struct replay r = { .st = st, .err = err, .fn = fn, .ctx = ctx };
	long diffs = -1;
	int rc = xj_store_expect_begin(st, err);

	*rows = 0;
	if (rc == 0)
		rc = xj_store_vouched_each(st, one_import, &r, err);
	xj_store_config_as_of(st, 0);
	xj_norm_release(&r.n);
	if (rc == 0)
		diffs = xj_rows_verify(st, fn, ctx, rows, err);
	xj_store_expect_end(st);
	return diffs < 0 ? -1 : diffs + r.bad;
}
