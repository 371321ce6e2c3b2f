/* test_archivebag.c: the names an archive's bag gives what it holds, never
 * taken from what the user gave (P20): an item's copy by the key, kind,
 * number and media type; the bag by the school, the cohort and the day;
 * and the head of each student's record.yaml.  Then a bag exported from
 * a real store made by the programs (rules-store.sh), in a command rolled
 * back after: what it holds of each student, the items and where the
 * paper sits (P18, P19), the history (P2), and the export on record. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "unit.h"
#include "xj/archive.h"
#include "xj/archivebag.h"

#define COPY(kind, id, media, want) do { \
	struct xj_sb o_ = XJ_SB_INIT; \
	xj_archivebag_copy_name("26110101000001", kind, id, media, &o_); \
	CHECK_STR(o_.buf, want); \
	xj_sb_release(&o_); \
} while (0)

static void copies(void)
{
	COPY("admission", 3, "application/pdf", "26110101000001/admission-3.pdf");
	COPY("photo", 12, "image/png", "26110101000001/photo-12.png");
	COPY("transcript", 4, "image/tiff", "26110101000001/transcript-4.tif");
	COPY("photo", 5, "image/jpeg", "26110101000001/photo-5.jpg");
	/* a media type unknown, or none recorded, is taken as a JPEG's */
	COPY("photo", 6, "text/plain", "26110101000001/photo-6.jpg");
	COPY("photo", 7, NULL, "26110101000001/photo-7.jpg");
}

#define ID(school, cohort, want) do { \
	struct xj_sb o_ = XJ_SB_INIT; \
	xj_archivebag_id(school, cohort, "2029-07-01", &o_); \
	CHECK_STR(o_.buf, want); \
	xj_sb_release(&o_); \
} while (0)

static void ids(void)
{
	ID("11001", 2026, "xj:11001:cohort-2026:2029-07-01");
	ID("11001", 0, "xj:11001:students:2029-07-01");
	ID("", 0, "xj::students:2029-07-01");
}

static void record(void)
{
	struct xj_student s;
	struct xj_sb y = XJ_SB_INIT;

	memset(&s, 0, sizeof(s));
	s.cohort = 2026;
	s.v[XJ_S_EXAM_NO] = "26110101000001";
	s.v[XJ_S_NAME] = "王芳";
	/* a value that YAML would read otherwise is quoted */
	s.v[XJ_S_CLASS] = "1: \"A\"";
	s.v[XJ_S_PHONE] = "";
	s.status = "registered";
	xj_archivebag_record(&s, &y);
	CHECK_STR(y.buf, "# the student's record, archive items and history (xj-archive)\n"
		  "exam_no: \"26110101000001\"\n"
		  "name: \"王芳\"\n"
		  "class: \"1: \\\"A\\\"\"\n"
		  "phone: \"\"\n"
		  "cohort: 2026\n"
		  "status: \"registered\"\n");
	/* a student not read from the store has no status yet */
	s.status = NULL;
	s.v[XJ_S_CLASS] = NULL;
	s.v[XJ_S_PHONE] = NULL;
	xj_archivebag_record(&s, &y);
	CHECK(strstr(y.buf, "status: \"\"\n") != NULL);
	CHECK(strstr(y.buf, "class") == NULL);
	xj_sb_release(&y);
}

static struct xj_error err;
static struct xj_store *st;


/* A file of the bag (its path under the bag) read whole, or "" */
static const char *bag_file(const char *bag, const char *name, struct xj_sb *out)
{
	char path[PATH_MAX + 64], buf[4096];
	size_t n;
	FILE *fp;

	xj_sb_reset(out);
	xj_sb_adds(out, "");
	snprintf(path, sizeof(path), "%s/%s", bag, name);
	if (!(fp = fopen(path, "rb")))
		return out->buf;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		xj_sb_add(out, buf, n);
	fclose(fp);
	return out->buf;
}

/* What the bag holds of a student: record.yaml, with the record, each
 * item (a paper one by where it sits, P19) and the history (P2). */
static void bag_holds(const char *bag)
{
	struct xj_sb t = XJ_SB_INIT;
	struct stat sb;

	CHECK_HAS(bag_file(bag, "bagit.txt", &t), "BagIt-Version: 1.0\n");
	CHECK_HAS(bag_file(bag, "bag-info.txt", &t), "Source-Organization: 示例职业技术学院\n");
	CHECK_HAS(t.buf, "External-Identifier: xj:14001:students:");
	CHECK_HAS(bag_file(bag, "manifest-sha256.txt", &t), "  data/" FX_DONE "/record.yaml\n");
	CHECK_HAS(t.buf, "  data/" FX_FRESH "/record.yaml\n");
	bag_file(bag, "data/" FX_DONE "/record.yaml", &t);
	CHECK(strncmp(t.buf, "# the student's record, archive items and history (xj-archive)\n"
		      "exam_no: \"" FX_DONE "\"\n", 85) == 0);
	CHECK_HAS(t.buf, "name: \"张玮\"\n");
	CHECK_HAS(t.buf, "status: \"registered\"\n");
	CHECK_HAS(t.buf, "items:\n  - kind: admission-notice\n");
	CHECK_HAS(t.buf, "    by: \"zhou\"\n");
	CHECK_HAS(t.buf, "    paper_at: \"A-01-03\"\n");
	CHECK_HAS(t.buf, "history:\n  - at: ");
	CHECK_HAS(t.buf, "    action: \"archive-collect\"\n");
	/* an imported student: no items, a history all the same */
	CHECK_HAS(bag_file(bag, "data/" FX_FRESH "/record.yaml", &t), "items:\nhistory:\n  - at: ");
	CHECK(stat(bag, &sb) == 0 && S_ISDIR(sb.st_mode));
	xj_sb_release(&t);
}

/* Folders of dir whose names hold part: a bag's work left behind. */
static int left(const char *part)
{
	struct dirent *e;
	DIR *d = opendir(fx_dir);
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += strstr(e->d_name, part) != NULL;
	if (d)
		closedir(d);
	return n;
}

/* A bag of two students, made where it was asked, the export audited;
 * a bag not finished leaves nothing; none is written over (P20). */
static void export(void)
{
	struct xj_archive_in in;
	struct xj_archivebag *b;
	char got[PATH_MAX + 160];
	struct stat sb;
	char bag[PATH_MAX + 16], want[PATH_MAX + 128];

	memset(&in, 0, sizeof(in));
	in.kind = "admission-notice";
	in.paper = 1;
	in.location = "A-01-03";
	if (fx_as("zhou") < 0) {
		CHECK(!"acted");
		return;
	}
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "zhou", &err));
	snprintf(bag, sizeof(bag), "%s/bag", fx_dir);
	CHECK((b = xj_archivebag_begin(st, bag, &err)) != NULL);
	if (b) {
		CHECK(xj_archivebag_students(b) == 0);
		ALLOWED(xj_archivebag_student(b, st, &fx_done, &err));
		ALLOWED(xj_archivebag_student(b, st, &fx_fresh, &err));
		CHECK(xj_archivebag_students(b) == 2);
		/* not there until it is finished */
		CHECK(stat(bag, &sb) < 0);
		ALLOWED(xj_archivebag_finish(b, st, 0, 1, &err));
		xj_archivebag_free(b);
		bag_holds(bag);
	}
	snprintf(want, sizeof(want), "archive-export {\"bag\":\"%s\",\"students\":2,"
		 "\"refused\":1}", bag);
	CHECK_STR(fx_entry_of(NULL, got, sizeof(got)), want);
	/* a folder that is there is never written over */
	xj_error_clear(&err);
	CHECK(xj_archivebag_begin(st, bag, &err) == NULL);
	CHECK(err.code == XJ_EUSAGE);
	snprintf(want, sizeof(want), "%s exists: a bag is written to a new folder", bag);
	CHECK_STR(err.msg, want);
	/* one begun and let go is removed, nothing made */
	snprintf(bag, sizeof(bag), "%s/bag2", fx_dir);
	CHECK((b = xj_archivebag_begin(st, bag, &err)) != NULL);
	if (b)
		ALLOWED(xj_archivebag_student(b, st, &fx_done, &err));
	xj_archivebag_free(b);
	xj_archivebag_free(NULL);
	CHECK(stat(bag, &sb) < 0);
	CHECK(left(".tmp-") == 0);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	copies();
	ids();
	record();
	setenv("XJ_NOW", "2026-09-20T10:00:00+08:00", 1);
	st = fx_open(argv[0], NULL, &err);
	if (st)
		export();
	return fx_close("archivebag");
}
