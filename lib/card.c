/* card.c: the student record card as HTML for printing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "xj/infile.h"
#include "xj/html.h"
#include "xj/card.h"
#include "xj/fields.h"
#include "xj/mask.h"
#include "xj/media.h"

const int xj_card_fields[] = {
	XJ_S_NAME, XJ_S_GENDER, XJ_S_BIRTH_DATE, XJ_S_ETHNICITY, XJ_S_POLITICAL,
	XJ_S_ID_TYPE, XJ_S_ID_NUMBER, XJ_S_EXAM_NO, XJ_S_STUDENT_NO, XJ_S_ORIGIN,
	XJ_S_ADDRESS, XJ_S_DEPT, XJ_S_MAJOR_CODE, XJ_S_MAJOR_NAME, XJ_S_LEVEL,
	XJ_S_DURATION, XJ_S_STUDY_MODE, XJ_S_ENROL_DATE, XJ_S_CLASS,
};
const size_t xj_card_nfields = sizeof(xj_card_fields) / sizeof(xj_card_fields[0]);

/* A photo on a card is put into the page as base64, a third larger, and
 * the page is for printing: a registration photo is some tens of KiB, a
 * camera's own a few MiB, and 8 MiB is more than any card needs. */
#define MAX_PHOTO (8L << 20)

static const char style[] =
"<style>\n"
"@page { size: A4; margin: 15mm; }\n"
"body { font-family: \"Noto Sans CJK SC\", \"WenQuanYi Micro Hei\", sans-serif; }\n"
".card { break-after: page; page-break-after: always; }\n"
".card:last-child { break-after: auto; page-break-after: auto; }\n"
"h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; }\n"
"p.school { text-align: center; margin: 0 0 6mm; }\n"
"table { border-collapse: collapse; width: 100%; font-size: 11pt; }\n"
"th, td { border: 1px solid #000; padding: 2mm 3mm; text-align: left; }\n"
"th { width: 28mm; font-weight: normal; background: #eee; }\n"
"td.photo { width: 35mm; text-align: center; vertical-align: middle; }\n"
"td.photo img { width: 33mm; height: 44mm; object-fit: cover; }\n"
"</style>\n";

int xj_card_view(struct xj_store *st, const struct xj_student *s, struct xj_student *view,
		 struct xj_sb *enrol, struct xj_error *err)
{
	const char *dept = s->v[XJ_S_DEPT], *name = NULL;
	const char *date = s->v[XJ_S_ENROL_DATE];
	int rc = 0;

	*view = *s;
	view->mem = NULL;   /* s owns the strings */
	if (dept && *dept && (rc = xj_store_dept_name(st, dept, &name, err)) > 0 && name && *name)
		view->v[XJ_S_DEPT] = name;
	if (rc >= 0 && (!date || !*date) &&
	    (rc = xj_store_cohort_enrol(st, xj_student_entry_year(s), enrol, err)) > 0)
		view->v[XJ_S_ENROL_DATE] = enrol->buf;
	return rc < 0 ? -1 : 0;
}

/* The first that opens, by key, then by ending: a photo is named by
 * whichever key the office had at hand when it was taken.  A key that is
 * empty, or holds a '/', names no file in dir and is passed over. */
const char *xj_card_photo(const char *dir, const struct xj_student *s, struct xj_sb *path)
{
	static const char *const ext[] = { ".jpg", ".jpeg", ".png", ".JPG" };
	static const int keys[] = { XJ_S_EXAM_NO, XJ_S_STUDENT_NO, XJ_S_ID_NUMBER };
	size_t i, k;

	for (k = 0; dir && k < 3; k++) {
		const char *key = s->v[keys[k]];

		if (!key || !*key || strchr(key, '/'))
			continue;
		for (i = 0; i < 4; i++) {
			xj_sb_reset(path);
			xj_sb_addf(path, "%s/%s%s", dir, key, ext[i]);
			/* not opened here: a FIFO of that name would block; the
			 * read refuses what is no regular file, by name */
			if (access(path->buf, R_OK) == 0)
				return path->buf;
		}
	}
	return NULL;
}

static int put(FILE *fp, const char *s, struct xj_error *err)
{
	if (fputs(s, fp) == EOF)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}

int xj_card_begin(FILE *fp, const char *school, struct xj_error *err)
{
	if (put(fp, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<title>", err) < 0)
		return -1;
	xj_html_escape(fp, school);
	fputs(" 学生学籍卡</title>\n", fp);
	fputs(style, fp);
	return put(fp, "</head>\n<body>\n", err);
}

/* The photo's path as messages show it: a photo named by an ID number
 * keeps the number masked, as the key before the message is. */
static void shown_path(const char *path, struct xj_sb *out)
{
	const char *slash = strrchr(path, '/'), *stem = slash ? slash + 1 : path;
	const char *dot = strrchr(stem, '.');
	char key[128], masked[128];

	snprintf(key, sizeof(key), "%.*s", (int)(dot ? dot - stem : (long)strlen(stem)), stem);
	xj_mask_key(key, masked, sizeof(masked));
	xj_sb_reset(out);
	xj_sb_addf(out, "%.*s%s%s", (int)(stem - path), path, masked, dot ? dot : "");
}

/* Said in the card's own words, the path as shown_path has it. */
static int unreadable(int rc, int e, const char *path, struct xj_error *err)
{
	struct xj_sb shown = XJ_SB_INIT;
	struct stat sb;

	shown_path(path, &shown);
	if (rc == XJ_INFILE_ELONG)
		xj_error_set(err, XJ_EIO, "cannot read %s (a photo of at most 8 MiB)", shown.buf);
	else if (rc == XJ_INFILE_EKIND && stat(path, &sb) == 0)
		xj_error_set(err, XJ_EIO, "%s is %s, not a regular file", shown.buf,
			     xj_infile_kind(sb.st_mode));
	else if (rc == XJ_INFILE_EOPEN)
		xj_error_set(err, XJ_EIO, "cannot open %s: %s", shown.buf, strerror(e));
	else
		xj_error_set(err, XJ_EIO, "cannot read %s: %s", shown.buf, strerror(e));
	xj_sb_release(&shown);
	return -1;
}

int xj_card_photo_read(const char *path, struct xj_sb *img, const char **mime,
		       struct xj_error *err)
{
	int rc = xj_infile_read(path, MAX_PHOTO, 0, img, err), e = errno;
	struct xj_sb shown = XJ_SB_INIT;
	const char *ext;

	if (rc < 0)
		return unreadable(rc, e, path, err);
	/* the type from the bytes, never the name: a PNG saved as .jpg is
	 * still a PNG, and a file that is no picture at all is no photo */
	*mime = xj_media_sniff((const unsigned char *)img->buf, img->len, &ext);
	if (*mime && (!strcmp(*mime, "image/jpeg") || !strcmp(*mime, "image/png")))
		return 0;
	shown_path(path, &shown);
	xj_error_set(err, XJ_EDATA, "%s is not a JPEG or PNG picture", shown.buf);
	xj_sb_release(&shown);
	return -1;
}

/* The photo as a data: address, so the page stands alone. */
static void put_photo(FILE *fp, const struct xj_sb *img, const char *mime)
{
	size_t len = sodium_base64_ENCODED_LEN(img->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xj_xmalloc(len);

	sodium_bin2base64(b64, len, (const unsigned char *)img->buf, img->len,
			  sodium_base64_VARIANT_ORIGINAL);
	fprintf(fp, "<img alt=\"照片\" src=\"data:%s;base64,%s\">", mime, b64);
	free(b64);
}

int xj_card_write(FILE *fp, const char *school, const struct xj_student *s,
		  const struct xj_sb *photo, const char *mime, struct xj_error *err)
{
	size_t i;

	fputs("<section class=\"card\">\n<h1>学生学籍卡</h1>\n<p class=\"school\">", fp);
	xj_html_escape(fp, school);
	fputs("</p>\n<table>\n", fp);
	for (i = 0; i < xj_card_nfields; i++) {
		const char *name = xj_student_field(xj_card_fields[i]);

		fputs("<tr><th>", fp);
		xj_html_escape(fp, xj_fields_zh(name));
		fputs("</th><td>", fp);
		xj_html_escape(fp, s->v[xj_card_fields[i]]);
		fputs("</td>", fp);
		if (i == 0) {
			fprintf(fp, "<td class=\"photo\" rowspan=\"6\">");
			if (photo)
				put_photo(fp, photo, mime);
			else
				fputs("照片", fp);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	return put(fp, "</table>\n</section>\n", err);
}

int xj_card_end(FILE *fp, struct xj_error *err)
{
	return put(fp, "</body>\n</html>\n", err);
}
