/* test_signed_ahead.c: many decisions in one command, as xj-diploma
 * issue makes them, on a real store made by the programs
 * (rules-store.sh), each case rolled back after.  Signed on a second
 * thread, every decision still has its signature, over its statement,
 * by the commit; a savepoint holds its own decisions' signatures and
 * a rollback to it takes those only (P2).  A walk that takes no
 * savepoint for each student refuses one only before anything of theirs
 * is written: a refusal after a write stops the command whole, so that
 * no student is left half changed. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/cmdrun.h"
#include "xj/signer.h"

static struct xj_error err;
static struct xj_store *st;

struct sigs {
	long n, bad;
};

/* A signature stored with its own decision: it verifies over the
 * statement beside it, and that statement ends with the head before the
 * entry it is stored under (the entry's own prev_hash). */
static int count_sig(void *ctx, const struct xj_decision_row *d)
{
	struct sigs *w = ctx;
	char head[128];

	w->n++;
	snprintf(head, sizeof(head), "\nhead: %lld:%s\n", d->audit_id - 1,
		 d->prev_hash ? d->prev_hash : "");
	if (!d->statement || !d->entry_action || !strstr(d->statement, head) ||
	    !xj_key_verify(d->public_key, d->statement, strlen(d->statement), d->signature))
		w->bad++;
	return 0;
}

/* The signatures stored, less before; -1 when they cannot be read, -2
 * when one does not verify over its statement. */
static long sigs_past(long before)
{
	struct sigs w = { 0, 0 };

	if (xj_store_decision_each(st, count_sig, &w, &err) < 0)
		return -1;
	return w.bad ? -2 : w.n - before;
}

static int note(const struct xj_student *s)
{
	return xj_review_decide(st, s->id, "note", "recheck", NULL, &err);
}

static void signed_ahead(void)
{
	long from;
	int i;

	if (fx_as("li") < 0)
		return;
	from = sigs_past(0);
	xj_store_sign_ahead(st);
	ALLOWED(note(&fx_fresh));
	ALLOWED(note(&fx_third));
	/* a savepoint begun: what was signed before it is stored outside it */
	ALLOWED(xj_store_savepoint(st, "t", XJ_SP_BEGIN, &err));
	CHECK(sigs_past(from) == 2);
	ALLOWED(note(&fx_other));
	ALLOWED(xj_store_savepoint(st, "t", XJ_SP_ROLLBACK, &err));
	CHECK(sigs_past(from) == 2);
	CHECK(xj_store_changes(st) == 2);
	/* more than the ring holds: none is lost or signed out of order */
	for (i = 0; i < XJ_SIGNER_AHEAD + 44; i++)
		ALLOWED(note(&fx_done));
	ALLOWED(xj_store_signed_catch_up(st, 1, &err));
	CHECK(sigs_past(from) == XJ_SIGNER_AHEAD + 46);
	CHECK(xj_store_changes(st) == XJ_SIGNER_AHEAD + 46);
	/* signatures still on their way when the command is undone: dropped */
	for (i = 0; i < 40; i++)
		ALLOWED(note(&fx_done));
	fx_undo();
	/* none of them comes back into the next command */
	if (fx_as("li") < 0)
		return;
	ALLOWED(xj_store_signed_catch_up(st, 1, &err));
	CHECK(sigs_past(from) == 0);
	fx_undo();
}

/* The walk's fn: FRESH refused before anything is written, THIRD after
 * its decision was. */
static int refuse_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	(void)ctx;
	if (!strcmp(s->v[XJ_S_EXAM_NO], FX_FRESH))
		return xj_error_set(&r->err, XJ_EDATA, "not this one");
	if (xj_review_decide(r->st, s->id, "note", "recheck", NULL, &r->err) < 0)
		return -1;
	if (!strcmp(s->v[XJ_S_EXAM_NO], FX_THIRD))
		return xj_error_set(&r->err, XJ_EDATA, "nor this one");
	return 0;
}

static void checked_walk(void)
{
	char *fine[] = { FX_DONE, FX_FRESH, FX_OTHER };
	char *late[] = { FX_DONE, FX_THIRD, FX_OTHER };
	struct xj_run r;

	if (fx_as("li") < 0)
		return;
	memset(&r, 0, sizeof(r));
	r.st = st;
	CHECK(xj_cmdrun_each_change_checked(&r, 3, fine, refuse_one, NULL) == 0);
	CHECK(r.done == 2 && r.refused == 1);
	CHECK(xj_store_changes(st) == 2);
	/* refused after a write: the walk stops, the error names the student */
	memset(&r, 0, sizeof(r));
	r.st = st;
	CHECK(xj_cmdrun_each_change_checked(&r, 3, late, refuse_one, NULL) < 0);
	CHECK(r.done == 1 && r.refused == 0);
	CHECK(r.err.code == XJ_ESTORE);
	CHECK_HAS(r.err.msg, "nor this one; refused after its rows were written, so nothing"
		  " of this command is kept");
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	st = fx_open(argv[0], "2029-07-01T10:00:00+08:00", &err);
	if (st) {
		signed_ahead();
		checked_walk();
	}
	return fx_close("signed_ahead");
}
