/* test_archivebag.c: the names an archive's bag gives what it holds, never
 * taken from what the user gave (P20): an item's copy by the key, kind,
 * number and media type; the bag by the school, the cohort and the day;
 * and the head of each student's record.yaml. */
#include <string.h>

#include "unit.h"
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

int main(void)
{
	copies();
	ids();
	record();
	return unit_done("archivebag");
}
