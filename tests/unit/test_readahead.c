/* test_readahead.c: rows read and normalised by the second thread come
 * back in the file's order, whole, with what normalising them said, past
 * the ring's batches; a caller may stop it early (P4, P9). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "xj/readahead.h"

#define ROWS 1000

static char dir[4096];   /* in $TMPDIR, else /tmp */
static char path[4096 + 8];
static struct xj_reader *r;   /* the one read */

/* exam_no,name,id_number: row i (from 0) is named "N<i>"; row 300's
 * name has white space around it and row 700's ID number a wrong check
 * digit */
static int put_roster(void)
{
	FILE *fp;
	int i;

	snprintf(path, sizeof(path), "%s/r.csv", dir);
	fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (!fp)
		return -1;
	fputs("exam_no,name,id_number\n", fp);
	for (i = 0; i < ROWS; i++)
		fprintf(fp, "261101%08d,%sN%d%s,%s\n", i,
			i == 300 ? " " : "", i, i == 300 ? " " : "",
			i == 700 ? "110101200601010015" : "110101200601010014");
	CHECK(fclose(fp) == 0);
	return 0;
}

static struct xj_readahead *start(int normalise)
{
	struct xj_error err;
	struct xj_norm_opts o = { .lenient = 0 };
	struct xj_readahead *a;

	xj_error_clear(&err);
	r = xj_reader_open(path, NULL, &err);
	CHECK(r != NULL);
	a = r ? xj_readahead_start(r, NULL, &o, normalise, 0, NULL, NULL) : NULL;
	CHECK(a != NULL);
	return a;
}

static void in_order(void)
{
	struct xj_readahead *a = start(0);
	struct xj_ahead_row *row;
	char want[32];
	int i, good = 0;

	for (i = 0; a && i < ROWS; i++) {
		row = xj_readahead_next(a);
		snprintf(want, sizeof(want), i == 300 ? " N%d " : "N%d", i);   /* as read */
		good += row && row->rc == 1 && row->rec.line == i + 2 && row->rec.n == 3 &&
			strcmp(row->rec.names[1], "name") == 0 &&
			strcmp(row->rec.values[1], want) == 0 && row->nsaid == 0;
	}
	CHECK(good == ROWS);
	row = a ? xj_readahead_next(a) : NULL;
	CHECK(row && row->rc == 0);   /* the end, handed over once */
	CHECK(a && xj_readahead_next(a) == NULL);
	xj_readahead_stop(a);
	xj_reader_free(r);
}

static void normalised(void)
{
	struct xj_readahead *a = start(1);
	struct xj_ahead_row *row;
	int i;

	for (i = 0; a && i < ROWS; i++) {
		row = xj_readahead_next(a);
		if (!row || row->rc != 1)
			break;
		if (i == 300) {
			CHECK(row->norm == 0);
			CHECK_STR(row->n->s.v[XJ_S_NAME], "N300");
			CHECK(row->nsaid == 1);
			CHECK(row->nsaid == 1 && row->said[0].warning && row->said[0].e.line == 302);
			CHECK_STR(row->nsaid ? row->said[0].e.msg : NULL, "white space trimmed");
		} else if (i == 700) {
			CHECK(row->nsaid >= 1 && !row->said[0].warning);
			CHECK_STR(row->nsaid ? row->said[0].e.field : NULL, "id_number");
		} else if (row->nsaid || row->norm) {
			break;
		}
	}
	CHECK(i == ROWS);
	xj_readahead_stop(a);
	xj_reader_free(r);
}

/* The caller stops after a few rows: the thread ends and all it held is
 * freed, whether it is waiting on a full ring or still reading.  The
 * pause makes the wait, woken by the stop, the likelier of the two (the
 * ring holds 3 batches of 128 of the 1000 rows), so most runs take that
 * path too; no check depends on which one is taken. */
static void stopped_after_a_few_rows(void)
{
	struct xj_readahead *a = start(1);
	int i;

	for (i = 0; a && i < 5; i++)
		CHECK(xj_readahead_next(a) != NULL);
	usleep(20000);   /* likely time to fill the ring; see above */
	xj_readahead_stop(a);
	xj_readahead_stop(NULL);
	xj_reader_free(r);
}

/* A row past 1 MiB ends the reading ahead: it comes back marked, and the
 * reader goes on with the row after it; rows of some hundreds of KiB are
 * read ahead, a few at a time. */
static void long_rows(void)
{
	struct xj_readahead *a;
	struct xj_ahead_row *row;
	struct xj_record rec;
	struct xj_error err;
	FILE *fp;
	int i, good = 0;

	fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (!fp)
		return;
	fputs("exam_no,name,id_number\n", fp);
	for (i = 0; i < 40; i++) {
		fprintf(fp, "261101%08d,", i);
		for (long k = 0; k < (i == 30 ? (3L << 19) : 300000L); k++)
			fputc('a', fp);
		fputs(",110101200601010014\n", fp);
	}
	fputs("26110199999999,end,110101200601010014\n", fp);
	CHECK(fclose(fp) == 0);
	a = start(1);
	for (i = 0; a && (row = xj_readahead_next(a)); i++)
		good += row->rc == 1 && row->rec.line == i + 2 && row->more == (i == 30);
	CHECK(i == 31);
	CHECK(good == 31);
	xj_readahead_stop(a);
	xj_error_clear(&err);
	CHECK(r && xj_reader_next(r, &rec, &err) == 1 && rec.line == 33);
	xj_reader_free(r);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/xj-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	if (put_roster() == 0) {
		in_order();
		normalised();
		stopped_after_a_few_rows();
		long_rows();
	}
	unlink(path);
	rmdir(dir);
	return unit_done("readahead");
}
