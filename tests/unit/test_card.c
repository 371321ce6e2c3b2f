/* test_card.c: which photo a student's record card shows (xj-register
 * card --photos): the file named by the exam number first, then by the
 * student number, then by the ID number, each as .jpg, .jpeg, .png or
 * .JPG in that order; none, and the card is made without one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "xj/card.h"

static char dir[256];

static void touch(const char *name)
{
	char path[320];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) != NULL)
		fclose(fp);
}

static void gone(const char *name)
{
	char path[320];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* The photo of a student with these keys, by its name in dir ("" none). */
#define PHOTO(exam_, stuno_, id_, want) do { \
	struct xj_student s_; \
	struct xj_sb p_ = XJ_SB_INIT; \
	const char *got_; \
	memset(&s_, 0, sizeof(s_)); \
	s_.v[XJ_S_EXAM_NO] = (exam_); \
	s_.v[XJ_S_STUDENT_NO] = (stuno_); \
	s_.v[XJ_S_ID_NUMBER] = (id_); \
	got_ = xj_card_photo(dir, &s_, &p_); \
	CHECK_STR(got_ ? got_ + strlen(dir) + 1 : "", want); \
	xj_sb_release(&p_); \
} while (0)

static void photos(void)
{
	const char *exam = "26110101000001", *stuno = "2026010101";
	const char *id = "110101200001011234";

	PHOTO(exam, stuno, id, "");
	touch("110101200001011234.JPG");
	PHOTO(exam, stuno, id, "110101200001011234.JPG");
	/* a key the student lacks is passed over */
	PHOTO(exam, NULL, NULL, "");
	touch("2026010101.png");
	PHOTO(exam, stuno, id, "2026010101.png");
	PHOTO(exam, NULL, id, "110101200001011234.JPG");
	touch("26110101000001.jpeg");
	PHOTO(exam, stuno, id, "26110101000001.jpeg");
	/* by the same key, .jpg before .jpeg */
	touch("26110101000001.jpg");
	PHOTO(exam, stuno, id, "26110101000001.jpg");
	PHOTO("26110101000002", stuno, id, "2026010101.png");
	gone("26110101000001.jpg");
	gone("26110101000001.jpeg");
	gone("2026010101.png");
	gone("110101200001011234.JPG");
	PHOTO(exam, stuno, id, "");
}

static void no_folder(void)
{
	struct xj_student s;
	struct xj_sb p = XJ_SB_INIT;

	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = "26110101000001";
	/* without --photos there is no photo, whatever lies about */
	CHECK(xj_card_photo(NULL, &s, &p) == NULL);
	CHECK(xj_card_photo("/nonexistent-xj-photos", &s, &p) == NULL);
	xj_sb_release(&p);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "%s/xj-card.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	photos();
	no_folder();
	rmdir(dir);
	return unit_done("card");
}
