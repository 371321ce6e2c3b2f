/* test_card.c: which photo a student's record card shows (xj-register
 * card --photos): the file named by the exam number first, then by the
 * student number, then by the ID number, each as .jpg, .jpeg, .png or
 * .JPG in that order; none, and the card is made without one.  Then the
 * card itself (学生学籍卡, P9) of a student of a real store made by the
 * programs (rules-store.sh): the department by its name, the enrolment
 * date the config gives the cohort, the page with its fields and photo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
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

/* A key that is empty, or holds a '/', names no photo: not dir's ".jpg",
 * nor a file in a folder below dir or beside it. */
static void odd_keys(void)
{
	char sub[320], up[320];

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	/* dir's own sub/p by way of its parent */
	snprintf(up, sizeof(up), "../%s/sub/p", strrchr(dir, '/') + 1);
	CHECK(mkdir(sub, 0700) == 0);
	touch(".jpg");
	touch("sub/p.jpg");
	PHOTO("", "", "", "");
	PHOTO(NULL, "sub/p", NULL, "");
	PHOTO("26110101000001", up, "sub/p", "");
	gone(".jpg");
	gone("sub/p.jpg");
	rmdir(sub);
}

/* A FIFO where a photo would be is found by its name, never opened to
 * look (that would wait for a writer for ever), and the card refuses it
 * by name (P9). */
static void fifo(void)
{
	struct xj_student s;
	struct xj_sb p = XJ_SB_INIT;
	struct xj_error e;
	char path[320], want[400];
	FILE *out = tmpfile();

	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = "26110101000009";
	snprintf(path, sizeof(path), "%s/26110101000009.jpg", dir);
	CHECK(mkfifo(path, 0600) == 0);
	CHECK_STR(xj_card_photo(dir, &s, &p), path);
	xj_error_clear(&e);
	CHECK(out != NULL);
	{
		struct xj_sb img = XJ_SB_INIT;
		const char *mime = NULL;

		CHECK(xj_card_photo_read(path, &img, &mime, &e) < 0);
		xj_sb_release(&img);
	}
	snprintf(want, sizeof(want), "%s is a FIFO, not a regular file", path);
	CHECK_STR(e.msg, want);
	if (out)
		fclose(out);
	unlink(path);
	xj_sb_release(&p);
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

static struct xj_error err;
static struct xj_store *st;

/* The card's view of DONE (CS, no enrolment date of its own), and of the
 * same student with its department or year changed. */
static void view(void)
{
	struct xj_student s, v, other;
	struct xj_sb enrol = XJ_SB_INIT;

	if (fx_student(st, "26110101000001", &s, &err) != 1) {
		CHECK(!"found");
		return;
	}
	ALLOWED(xj_card_view(st, &s, &v, &enrol, &err));
	CHECK_STR(v.v[XJ_S_DEPT], "信息工程系");
	CHECK_STR(v.v[XJ_S_ENROL_DATE], "2026-09-05");
	CHECK_STR(v.v[XJ_S_NAME], s.v[XJ_S_NAME]);
	/* the view borrows: the student's strings, not copies */
	CHECK(v.v[XJ_S_NAME] == s.v[XJ_S_NAME] && v.mem == NULL);
	CHECK(s.v[XJ_S_DEPT] && strcmp(s.v[XJ_S_DEPT], "CS") == 0);
	/* a department the config does not name keeps its code; none, none */
	other = s;
	other.v[XJ_S_DEPT] = "XX";
	ALLOWED(xj_card_view(st, &other, &v, &enrol, &err));
	CHECK_STR(v.v[XJ_S_DEPT], "XX");
	other.v[XJ_S_DEPT] = NULL;
	ALLOWED(xj_card_view(st, &other, &v, &enrol, &err));
	CHECK(v.v[XJ_S_DEPT] == NULL);
	/* an enrolment date of its own stands */
	other.v[XJ_S_ENROL_DATE] = "2026-09-12";
	ALLOWED(xj_card_view(st, &other, &v, &enrol, &err));
	CHECK_STR(v.v[XJ_S_ENROL_DATE], "2026-09-12");
	xj_sb_release(&enrol);
	xj_student_release(&s);
}

/* A photo file of these bytes in dir. */
static const char *photo_file(const char *name, const char *bytes, char *path, size_t size)
{
	FILE *fp;

	snprintf(path, size, "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) != NULL) {
		fputs(bytes, fp);
		fclose(fp);
	}
	return path;
}

/* The page: begun, a card a student with its fields in order and its
 * photo (or the place for one), ended; the school's name escaped. */
static void page(void)
{
	struct xj_student s, v;
	struct xj_sb enrol = XJ_SB_INIT, img = XJ_SB_INIT;
	struct unit_mem m;
	const char *t, *mime = NULL;
	char jpg[320], png[320];

	if (fx_student(st, "26110101000001", &s, &err) != 1 || unit_mem_open(&m) < 0) {
		CHECK(!"found");
		xj_student_release(&s);
		return;
	}
	ALLOWED(xj_card_view(st, &s, &v, &enrol, &err));
	ALLOWED(xj_card_begin(m.fp, "示例<学院>&", &err));
	ALLOWED(xj_card_write(m.fp, "示例<学院>&", &v, NULL, NULL, &err));
	/* the type from the bytes: a PNG saved as .jpg is a PNG */
	ALLOWED(xj_card_photo_read(photo_file("p.jpg", "\x89PNG\r\n\x1a\nabcd", jpg, sizeof(jpg)),
				   &img, &mime, &err));
	CHECK_STR(mime, "image/png");
	ALLOWED(xj_card_write(m.fp, "示例<学院>&", &v, &img, mime, &err));
	ALLOWED(xj_card_photo_read(photo_file("p.PNG", "\xff\xd8\xff" "abc", png, sizeof(png)),
				   &img, &mime, &err));
	CHECK_STR(mime, "image/jpeg");
	ALLOWED(xj_card_write(m.fp, "示例<学院>&", &v, &img, mime, &err));
	ALLOWED(xj_card_end(m.fp, &err));
	t = unit_mem_text(&m);
	CHECK(strncmp(t, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", 36) == 0);
	CHECK_HAS(t, "<title>示例&lt;学院&gt;&amp; 学生学籍卡</title>\n<style>\n");
	CHECK_HAS(t, "<section class=\"card\">\n<h1>学生学籍卡</h1>\n<p class=\"school\">示例&lt;学院&gt;"
	    "&amp;</p>\n<table>\n<tr><th>姓名</th><td>张玮</td><td class=\"photo\" rowspan=\"6\">"
	    "照片</td></tr>\n<tr><th>性别</th><td>男</td></tr>\n");
	CHECK_HAS(t, "<td>110101200703140012</td>");
	CHECK_HAS(t, "<td>信息工程系</td>");
	CHECK_HAS(t, "<td>2026-09-05</td>");
	/* the photo in the page, so the page stands alone */
	CHECK_HAS(t, "<img alt=\"照片\" src=\"data:image/png;base64,iVBORw0KGgphYmNk\">");
	CHECK_HAS(t, "<img alt=\"照片\" src=\"data:image/jpeg;base64,/9j/YWJj\">");
	CHECK(m.len > 16 && strcmp(t + m.len - 16, "</body>\n</html>\n") == 0);
	free(m.buf);
	/* a photo that cannot be read, or is no picture, is refused before
	 * its card is begun */
	{
		char gone[320], want[400];

		snprintf(gone, sizeof(gone), "%s/gone.jpg", dir);
		snprintf(want, sizeof(want), "cannot open %s: No such file or directory", gone);
		REFUSED(xj_card_photo_read(gone, &img, &mime, &err), XJ_EIO, want);
		snprintf(want, sizeof(want), "%s is not a JPEG or PNG picture", jpg);
		REFUSED(xj_card_photo_read(photo_file("p.jpg", "<svg onload=x>", jpg, sizeof(jpg)),
					   &img, &mime, &err), XJ_EDATA, want);
	}
	xj_sb_release(&img);
	unlink(jpg);
	unlink(png);
	xj_sb_release(&enrol);
	xj_student_release(&s);
}

/* A stream that takes nothing: the card says so. */
static void unwritable(void)
{
	FILE *fp = fopen("/dev/null", "r");

	if (!fp) {
		CHECK(!"opened");
		return;
	}
	REFUSED(xj_card_begin(fp, "x", &err), XJ_EIO, "write failed: Bad file descriptor");
	REFUSED(xj_card_end(fp, &err), XJ_EIO, "write failed: Bad file descriptor");
	fclose(fp);
}

int main(int argc, char **argv)
{
	(void)argc;
	snprintf(dir, sizeof(dir), "%s/xj-card.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	photos();
	odd_keys();
	fifo();
	no_folder();
	unwritable();
	st = fx_open(argv[0], NULL, &err);
	if (st) {
		view();
		page();
	}
	rmdir(dir);
	return fx_close("card");
}
