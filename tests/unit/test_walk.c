/* test_walk.c: a walk of every student a query picks, on a real store
 * made by the programs (rules-store.sh) with more students added than
 * one batch of the walk holds, in one command rolled back at the end.
 * Every student is taken once and in exam-number order, with a filter or
 * none, also when fn changes the student's exam number to one the walk
 * has yet to reach, and a student fn adds is not taken (P2: no record
 * changed twice, or left out, by one command). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/cmdrun.h"

static struct xj_error err;
static struct xj_store *st;

/* more than two of the walk's batches, with the store's own */
#define ADDED 600

struct seen {
	int times[ADDED + 16];
	long n, unordered, bad;
	char last[32];
	int add;   /* fn adds a student too */
};

static int add_student(const char *exam_no)
{
	struct xj_student s;
	long long id;

	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = (char *)exam_no;
	s.v[XJ_S_NAME] = (char *)"测试";
	s.v[XJ_S_ID_TYPE] = (char *)"居民身份证";
	s.cohort = 2026;
	return xj_store_student_insert(st, &s, &id, &err);
}

static int add_students(void)
{
	char no[32];
	int i;

	for (i = 0; i < ADDED; i++) {
		snprintf(no, sizeof(no), "3%013d", i);
		if (add_student(no) < 0)
			return -1;
	}
	return 0;
}

static void count(struct seen *w, const struct xj_student *s)
{
	const char *no = s->v[XJ_S_EXAM_NO];

	if (s->id < 1 || s->id >= (long long)(sizeof(w->times) / sizeof(w->times[0])))
		w->bad++;
	else
		w->times[s->id]++;
	if (w->n++ && strcmp(no, w->last) <= 0)
		w->unordered++;
	snprintf(w->last, sizeof(w->last), "%s", no);
}

static int look(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	(void)r;
	count(ctx, s);
	return 0;
}

/* The student's exam number moved past every other, as an erratum may
 * move it; and, asked to, a student added. */
static int renumber(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct seen *w = ctx;
	char no[40];

	count(w, s);
	snprintf(no, sizeof(no), "9%s", s->v[XJ_S_EXAM_NO]);
	if (xj_store_student_set(r->st, s->id, XJ_S_EXAM_NO, no, &r->err) < 0)
		return -1;
	if (w->add) {
		snprintf(no, sizeof(no), "A%s", s->v[XJ_S_EXAM_NO]);
		return add_student(no) < 0 ? xj_error_set(&r->err, XJ_ESTORE, "%s", err.msg) : 0;
	}
	return 0;
}

/* How many of the ids 1..top were taken once; -1 when top is past what
 * w counts. */
static long once(const struct seen *w, long long top)
{
	long long id;
	long n = 0;

	if (top >= (long long)(sizeof(w->times) / sizeof(w->times[0])))
		return -1;
	for (id = 1; id <= top; id++)
		n += w->times[id] == 1;
	return n;
}

static struct seen *walked(int change, int add, const struct xj_query *q)
{
	struct seen *w = calloc(1, sizeof(*w));
	struct xj_run r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.st = st;
	r.q = q;
	w->add = add;
	rc = change ? xj_cmdrun_each_change(&r, 0, NULL, renumber, w)
		    : xj_cmdrun_each_student(&r, 0, NULL, look, w);
	if (rc < 0) {
		fprintf(stderr, "walk: %s\n", r.err.msg);
		w->bad++;
	}
	return w;
}

static void every_student_once(void)
{
	struct xj_query cohort = { .cohort = 2026 };
	struct seen *w;
	long long had = 0, top = 0;

	if (fx_as("chen") < 0)
		return;
	ALLOWED(xj_store_student_last(st, &had, &err));
	ALLOWED(add_students());
	ALLOWED(xj_store_student_last(st, &top, &err));
	CHECK(had > 0 && top == had + ADDED);
	w = walked(0, 0, NULL);
	CHECK(w->n == top && once(w, top) == top);
	CHECK(w->unordered == 0 && w->bad == 0);
	free(w);
	/* a filter: the same query for each batch */
	w = walked(0, 0, &cohort);
	CHECK(w->n == top && once(w, top) == top);
	CHECK(w->unordered == 0 && w->bad == 0);
	free(w);
	/* each exam number moved past the walk's end: none taken twice */
	w = walked(1, 0, NULL);
	CHECK(w->n == top && once(w, top) == top);
	CHECK(w->unordered == 0 && w->bad == 0);
	free(w);
	/* the students fn adds are not the walk's */
	w = walked(1, 1, &cohort);
	CHECK(w->n == top && once(w, top) == top);
	CHECK(w->bad == 0);
	free(w);
	ALLOWED(xj_store_student_last(st, &had, &err));
	CHECK(had == 2 * top);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	st = fx_open(argv[0], "2027-09-10T10:00:00+08:00", &err);
	if (st)
		every_student_once();
	return fx_close("walk");
}
