/* store_replay.c: the student rows against the replayed audit log. */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"
#include "xj/replay.h"

struct replayed {
	struct xj_sb v[XJ_S_COUNT];
	int set[XJ_S_COUNT];
	char cohort[16];
};

/* The fields a student's entries set, the last value winning. */
static int replay_one(struct xj_store *st, long long sid, struct replayed *r,
		      struct xj_error *err)
{
	sqlite3_stmt *s = xj_store_stmt(st, &st->q.replay,
		"SELECT j.key, j.value FROM audit a, json_each(a.new) j WHERE a.student_id = ?"
		" AND a.action IN ('create', 'update', 'change') ORDER BY a.id, j.id", err);
	int rc, f;

	if (!s)
		return -1;
	for (f = 0; f < XJ_S_COUNT; f++)
		r->set[f] = 0;
	r->cohort[0] = '\0';
	sqlite3_bind_int64(s, 1, sid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = xj_store_col(s, 0);

		if (!strcmp(k, "cohort")) {
			snprintf(r->cohort, sizeof(r->cohort), "%s", xj_store_col(s, 1));
			continue;
		}
		if ((f = xj_student_field_index(k)) < 0)
			continue;
		xj_store_take(&r->v[f], s, 1);
		r->set[f] = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return xj_store_fail(st, err, "replay the log");
	return 0;
}

long xj_replay_check(struct xj_store *st,
		     void (*fn)(void *ctx, const char *exam_no, const char *field,
				const char *stored, const char *logged),
		     void *ctx, struct xj_error *err)
{
	struct xj_query all;
	struct xj_student s;
	struct replayed r;
	char cohort[16];
	long n = 0;
	int rc, f;

	memset(&all, 0, sizeof(all));
	memset(&r, 0, sizeof(r));
	if (xj_store_query_begin(st, &all, err) < 0)
		return -1;
	while ((rc = xj_store_query_next(st, &s, err)) == 1) {
		rc = replay_one(st, s.id, &r, err);
		for (f = 0; rc == 0 && f < XJ_S_COUNT; f++) {
			const char *stored = s.v[f] ? s.v[f] : "";
			const char *logged = r.set[f] ? r.v[f].buf : "";

			if (strcmp(stored, logged) != 0) {
				fn(ctx, s.v[XJ_S_EXAM_NO], xj_student_field(f), stored, logged);
				n++;
			}
		}
		snprintf(cohort, sizeof(cohort), "%d", s.cohort);
		if (rc == 0 && strcmp(cohort, r.cohort) != 0) {
			fn(ctx, s.v[XJ_S_EXAM_NO], "cohort", cohort, r.cohort);
			n++;
		}
		xj_student_release(&s);
		if (rc < 0)
			break;
	}
	for (f = 0; f < XJ_S_COUNT; f++)
		xj_sb_release(&r.v[f]);
	return rc < 0 ? -1 : n;
}
