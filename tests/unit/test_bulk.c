/* test_bulk.c: a bulk load's students held and stored a few dozen at a
 * time (store_bulk.c), on a real store made by the programs
 * (rules-store.sh), in commands rolled back at the end.  Nothing held is
 * lost or stored twice (P2): a whole batch goes in at once, the rest at a
 * flush, a savepoint, another insert or the commit; a rollback forgets
 * them; each student keeps its source row, ids follow the order the rows
 * came in, and the import's digest counts each row once. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"

static struct xj_error err;
static struct xj_store *st;
static long long import_id;

/* Student i (exam number "4" and i), its source row at line i + 1. */
static int hold(int i)
{
	struct xj_sb data = XJ_SB_INIT;
	struct xj_student s;
	char no[32];
	int rc;

	memset(&s, 0, sizeof(s));
	snprintf(no, sizeof(no), "4%013d", i);
	s.v[XJ_S_EXAM_NO] = no;
	s.v[XJ_S_NAME] = "测试";
	s.v[XJ_S_GENDER] = "";   /* "" as no value, as an insert of one has it */
	s.v[XJ_S_ID_TYPE] = "居民身份证";
	s.cohort = 2026;
	xj_sb_addf(&data, "{\"exam_no\":\"%s\",\"name\":\"测试\"}", no);
	rc = xj_store_bulk_student(st, &s, import_id, i + 1, "roster", &data, &err);
	xj_sb_release(&data);
	return rc;
}

static int hold_many(int from, int n)
{
	int i;

	for (i = from; i < from + n; i++)
		if (hold(i) < 0)
			return -1;
	return 0;
}

static long long last(void)
{
	long long id = -1;

	if (xj_store_student_last(st, &id, &err) < 0)
		return -1;
	return id;
}

/* Student i as the store has it: its id, and its source row's line and
 * data checked; 0 when it is not there, -1 when it is not as held. */
static long long stored(int i)
{
	struct xj_sb data = XJ_SB_INIT, where = XJ_SB_INIT, want = XJ_SB_INIT;
	struct xj_student s;
	long long imp = 0, id;
	char no[32], line[32];
	int rc;

	snprintf(no, sizeof(no), "4%013d", i);
	if ((rc = fx_student(st, no, &s, &err)) <= 0)
		return rc;
	id = s.id;
	if (strcmp(s.v[XJ_S_NAME], "测试") || s.v[XJ_S_GENDER] || s.cohort != 2026)
		id = -1;
	xj_student_release(&s);
	rc = xj_store_source_latest(st, id, "roster", &data, &where, &imp, &err);
	xj_sb_addf(&want, "{\"exam_no\":\"%s\",\"name\":\"测试\"}", no);
	snprintf(line, sizeof(line), ":%d", i + 1);
	if (rc != 1 || imp != import_id || strcmp(data.buf, want.buf) ||
	    !strstr(where.buf, line))
		id = -1;
	xj_sb_release(&data);
	xj_sb_release(&where);
	xj_sb_release(&want);
	return id;
}

static int begin(void)
{
	if (fx_as("chen") < 0)
		return -1;
	return xj_store_import_begin(st, "roster", "bulk.csv", "utf-8", &import_id, &err);
}

/* 70 rows: two batches at once, six at the flush, in the rows' order. */
static void batches_and_the_rest(void)
{
	long long had, id, prev = 0;
	int i, ordered = 1, kept = 1;

	if (begin() < 0)
		return;
	had = last();
	ALLOWED(hold_many(0, 70));
	CHECK(last() == had + 64);
	CHECK(stored(63) > 0 && stored(64) == 0);
	ALLOWED(xj_store_bulk_flush(st, &err));
	CHECK(last() == had + 70);
	for (i = 0; i < 70; i++) {
		id = stored(i);
		kept &= id > 0;
		ordered &= id == prev + 1 || i == 0;
		prev = id;
	}
	CHECK(kept && ordered);
	CHECK(stored(0) == had + 1);
	ALLOWED(xj_store_bulk_flush(st, &err));   /* nothing held: nothing done */
	CHECK(last() == had + 70);
	fx_undo();
}

/* A savepoint's begin and release store what is held; its rollback
 * forgets what was held since it began. */
static void savepoints(void)
{
	long long had;

	if (begin() < 0)
		return;
	had = last();
	ALLOWED(hold_many(0, 3));
	ALLOWED(xj_store_savepoint(st, "inner", XJ_SP_BEGIN, &err));
	CHECK(last() == had + 3);
	ALLOWED(hold_many(3, 2));
	ALLOWED(xj_store_savepoint(st, "inner", XJ_SP_ROLLBACK, &err));
	ALLOWED(xj_store_bulk_flush(st, &err));
	CHECK(last() == had + 3);
	CHECK(stored(2) > 0 && stored(3) == 0 && stored(4) == 0);
	ALLOWED(xj_store_savepoint(st, "inner", XJ_SP_BEGIN, &err));
	ALLOWED(hold_many(5, 2));
	ALLOWED(xj_store_savepoint(st, "inner", XJ_SP_RELEASE, &err));
	CHECK(last() == had + 5);
	CHECK(stored(6) == had + 5);
	fx_undo();
}

/* A student inserted one by one comes after those held before it. */
static void another_insert(void)
{
	struct xj_student s;
	long long had, id = 0;

	if (begin() < 0)
		return;
	had = last();
	ALLOWED(hold_many(0, 2));
	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = "49999999999999";
	s.v[XJ_S_NAME] = "后来";
	s.v[XJ_S_ID_TYPE] = "居民身份证";
	s.cohort = 2026;
	ALLOWED(xj_store_student_insert(st, &s, &id, &err));
	CHECK(stored(0) == had + 1 && stored(1) == had + 2 && id == had + 3);
	fx_undo();
}

/* The rows held when the command is rolled back are gone with it: the
 * next command does not store them. */
static void rollback_forgets(void)
{
	long long had;

	if (begin() < 0)
		return;
	had = last();
	ALLOWED(hold_many(0, 5));
	fx_undo();
	if (begin() < 0)
		return;
	ALLOWED(xj_store_bulk_flush(st, &err));
	CHECK(last() == had);
	CHECK(stored(0) == 0);
	fx_undo();
}

/* A held row the store refuses fails the flush, and with it the command:
 * rolled back, it leaves none of the rows. */
static void refused(void)
{
	struct xj_sb data = XJ_SB_INIT;
	struct xj_student s;
	long long had;

	if (begin() < 0)
		return;
	had = last();
	ALLOWED(hold_many(0, 5));
	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = "48888888888888";
	s.v[XJ_S_ID_TYPE] = "居民身份证";   /* no name: NOT NULL */
	s.cohort = 2026;
	xj_sb_adds(&data, "{}");
	ALLOWED(xj_store_bulk_student(st, &s, import_id, 99, "roster", &data, &err));
	xj_sb_release(&data);
	CHECK(xj_store_bulk_flush(st, &err) < 0 && err.code == XJ_ESTORE);
	xj_error_clear(&err);
	fx_undo();
	if (begin() < 0)
		return;
	CHECK(last() == had && stored(0) == 0);
	fx_undo();
}

/* Long rows are not held 32 at a time: once the rows held pass a few
 * hundred KiB they are stored, as a file read ahead holds one long row at
 * most. */
static void long_rows(void)
{
	struct xj_sb data = XJ_SB_INIT;
	struct xj_student s;
	long long had;
	char no[32];
	int i;

	if (begin() < 0)
		return;
	had = last();
	xj_sb_adds(&data, "{\"note\":\"");
	for (i = 0; i < 200000; i++)
		xj_sb_addc(&data, 'x');
	xj_sb_adds(&data, "\"}");
	memset(&s, 0, sizeof(s));
	s.v[XJ_S_NAME] = "测试";
	s.v[XJ_S_ID_TYPE] = "居民身份证";
	s.cohort = 2026;
	for (i = 0; i < 2; i++) {
		snprintf(no, sizeof(no), "47%012d", i);
		s.v[XJ_S_EXAM_NO] = no;
		ALLOWED(xj_store_bulk_student(st, &s, import_id, i + 1, "roster", &data, &err));
	}
	CHECK(last() == had + 2);
	xj_sb_release(&data);
	fx_undo();
}

/* The import's digest takes each row once, and their ids are a run. */
static void digest(void)
{
	long long ids[2] = { 0, 0 }, n;
	char hex[65];

	if (begin() < 0)
		return;
	ALLOWED(xj_store_chain_begin(st, import_id, &err));
	ALLOWED(hold_many(0, 40));
	ALLOWED(xj_store_bulk_flush(st, &err));
	n = xj_store_chain_end(st, hex, ids);
	CHECK(n == 40 && ids[1] - ids[0] + 1 == 40 && strlen(hex) == 64);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	st = fx_open(argv[0], "2027-09-10T10:00:00+08:00", &err);
	if (st) {
		batches_and_the_rest();
		savepoints();
		another_insert();
		rollback_forgets();
		refused();
		long_rows();
		digest();
	}
	return fx_close("bulk");
}
