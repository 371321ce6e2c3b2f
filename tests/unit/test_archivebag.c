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
static char dir[PATH_MAX];

/* DONE re-checked, registered, its name changed on evidence; FRESH
 * imported only.  No archive root in the config: paper items only. */
#define DONE "26110101000001"
#define FRESH "26110101000002"
static const char *const keys[] = { DONE, FRESH };
static struct xj_student stu[2];
static struct fx_cast cast = { keys, stu, 2 };

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

#define HAS(text, part) do { \
	if (!strstr(text, part)) { \
		unit_fail++; \
		fprintf(stderr, "%s:%d: no \"%s\" in the text\n", __FILE__, __LINE__, part); \
	} else { \
		unit_pass++; \
	} \
} while (0)

struct last {
	char action[32], json[PATH_MAX + 128];
};

static int last_entry(void *ctx, const struct xj_log_entry *e)
{
	struct last *l = ctx;

	snprintf(l->action, sizeof(l->action), "%s", e->action);
	snprintf(l->json, sizeof(l->json), "%s", e->new_json ? e->new_json : "");
	return 0;
}

/* What the bag holds of a student: record.yaml, with the record, each
 * item (a paper one by where it sits, P19) and the history (P2). */
static void bag_holds(const char *bag)
{
	struct xj_sb t = XJ_SB_INIT;
	struct stat sb;

	HAS(bag_file(bag, "bagit.txt", &t), "BagIt-Version: 1.0\n");
	HAS(bag_file(bag, "bag-info.txt", &t), "Source-Organization: 示例职业技术学院\n");
	HAS(t.buf, "External-Identifier: xj:14001:students:");
	HAS(bag_file(bag, "manifest-sha256.txt", &t), "  data/" DONE "/record.yaml\n");
	HAS(t.buf, "  data/" FRESH "/record.yaml\n");
	bag_file(bag, "data/" DONE "/record.yaml", &t);
	CHECK(strncmp(t.buf, "# the student's record, archive items and history (xj-archive)\n"
		      "exam_no: \"" DONE "\"\n", 85) == 0);
	HAS(t.buf, "name: \"张玮\"\n");
	HAS(t.buf, "status: \"registered\"\n");
	HAS(t.buf, "items:\n  - kind: admission-notice\n");
	HAS(t.buf, "    by: \"zhou\"\n");
	HAS(t.buf, "    paper_at: \"A-01-03\"\n");
	HAS(t.buf, "history:\n  - at: ");
	HAS(t.buf, "    action: \"archive-collect\"\n");
	/* an imported student: no items, a history all the same */
	HAS(bag_file(bag, "data/" FRESH "/record.yaml", &t), "items:\nhistory:\n  - at: ");
	CHECK(stat(bag, &sb) == 0 && S_ISDIR(sb.st_mode));
	xj_sb_release(&t);
}

/* Folders of dir whose names hold part: a bag's work left behind. */
static int left(const char *part)
{
	struct dirent *e;
	DIR *d = opendir(dir);
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
	struct last l;
	struct xj_log_filter f;
	struct stat sb;
	char bag[PATH_MAX + 16], want[PATH_MAX + 128];

	memset(&in, 0, sizeof(in));
	in.kind = "admission-notice";
	in.paper = 1;
	in.location = "A-01-03";
	if (fx_act(st, dir, "zhou", &cast, &err) < 0) {
		CHECK(!"acted");
		return;
	}
	ALLOWED(xj_archive_collect(st, &stu[0], &in, "zhou", &err));
	snprintf(bag, sizeof(bag), "%s/bag", dir);
	CHECK((b = xj_archivebag_begin(st, bag, &err)) != NULL);
	if (b) {
		CHECK(xj_archivebag_students(b) == 0);
		ALLOWED(xj_archivebag_student(b, st, &stu[0], &err));
		ALLOWED(xj_archivebag_student(b, st, &stu[1], &err));
		CHECK(xj_archivebag_students(b) == 2);
		/* not there until it is finished */
		CHECK(stat(bag, &sb) < 0);
		ALLOWED(xj_archivebag_finish(b, st, 0, 1, &err));
		xj_archivebag_free(b);
		bag_holds(bag);
	}
	memset(&f, 0, sizeof(f));
	memset(&l, 0, sizeof(l));
	ALLOWED(xj_store_log_each(st, &f, last_entry, &l, &err));
	CHECK_STR(l.action, "archive-export");
	snprintf(want, sizeof(want), "{\"bag\":\"%s\",\"students\":2,\"refused\":1}", bag);
	CHECK_STR(l.json, want);
	/* a folder that is there is never written over */
	xj_error_clear(&err);
	CHECK(xj_archivebag_begin(st, bag, &err) == NULL);
	CHECK(err.code == XJ_EUSAGE);
	snprintf(want, sizeof(want), "%s exists: a bag is written to a new folder", bag);
	CHECK_STR(err.msg, want);
	/* one begun and let go is removed, nothing made */
	snprintf(bag, sizeof(bag), "%s/bag2", dir);
	CHECK((b = xj_archivebag_begin(st, bag, &err)) != NULL);
	if (b)
		ALLOWED(xj_archivebag_student(b, st, &stu[0], &err));
	xj_archivebag_free(b);
	xj_archivebag_free(NULL);
	CHECK(stat(bag, &sb) < 0);
	CHECK(left(".tmp-") == 0);
	fx_undo(st, &cast);
}

int main(int argc, char **argv)
{
	(void)argc;
	copies();
	ids();
	record();
	setenv("XJ_NOW", "2026-09-20T10:00:00+08:00", 1);
	xj_error_clear(&err);
	st = fx_store(argv[0], dir, &err);
	CHECK(st != NULL);
	if (st)
		export();
	if (err.code != XJ_OK)
		fprintf(stderr, "test_archivebag: %s\n", err.msg);
	xj_store_close(st);
	if (fx_remove(dir) < 0)
		CHECK(!"removed");
	return unit_done("archivebag");
}
