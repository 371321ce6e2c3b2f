/* proofpage.c: the certificate of academic credentials, for printing. */
#include <errno.h>
#include <string.h>

#include "xj/html.h"
#include "xj/proofpage.h"

static const char *word(const char *conclusion)
{
	return !strcmp(conclusion, "graduate") ? "毕业" :
	       !strcmp(conclusion, "completion") ? "结业" : "肄业";
}

/* "2026年09月05日" from an ISO date. */
static void chinese_date(FILE *fp, const char *iso)
{
	if (iso && strlen(iso) >= 10)
		fprintf(fp, "%.4s年%.2s月%.2s日", iso, iso + 5, iso + 8);
}

int xj_proofpage_write(FILE *fp, const char *school, const struct xj_student *s,
		  const struct xj_cert *proof, const struct xj_cert *original,
		  struct xj_error *err)
{
	const char *w = word(original->conclusion.buf);

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<title>高等学校%s证明书 %s</title>\n<style>\n"
		"@page { size: A4; margin: 25mm; }\n"
		"body { font-family: \"Noto Serif CJK SC\", \"WenQuanYi Micro Hei\", serif;"
		" font-size: 14pt; line-height: 2; }\n"
		"h1 { text-align: center; letter-spacing: 0.3em; }\n"
		".no { text-align: right; }\n.sign { text-align: right; margin-top: 3em; }\n"
		"</style>\n</head>\n<body>\n", w, proof->number.buf);
	fprintf(fp, "<h1>高等学校%s证明书</h1>\n<p class=\"no\">证明书编号：", w);
	xj_html_escape(fp, proof->number.buf);
	fputs("</p>\n<p>学生 ", fp);
	xj_html_escape(fp, s->v[XJ_S_NAME]);
	fputs("，性别", fp);
	xj_html_escape(fp, s->v[XJ_S_GENDER]);
	fputs("，", fp);
	chinese_date(fp, s->v[XJ_S_BIRTH_DATE]);
	fputs("生，", fp);
	if (s->v[XJ_S_ENROL_DATE] && strlen(s->v[XJ_S_ENROL_DATE]) >= 10) {
		fputs("于", fp);   /* no "于" without the date it goes with */
		chinese_date(fp, s->v[XJ_S_ENROL_DATE]);
	}
	fputs("至", fp);
	chinese_date(fp, original->issued_on.buf);
	fputs("在本校", fp);
	xj_html_escape(fp, s->v[XJ_S_MAJOR_NAME]);
	fputs("专业", fp);
	if (s->v[XJ_S_DURATION]) {
		xj_html_escape(fp, s->v[XJ_S_DURATION]);
		fputs("年制", fp);
	}
	xj_html_escape(fp, s->v[XJ_S_LEVEL]);
	fprintf(fp, "学习，准予%s。</p>\n<p>原%s证书编号：", w, w);
	xj_html_escape(fp, original->number.len ? original->number.buf : "（无）");
	fprintf(fp, "</p>\n<p>因证书%s，特补此证，以兹证明。</p>\n<p class=\"sign\">",
		!strcmp(proof->reason.buf, "damaged") ? "损坏" : "遗失");
	xj_html_escape(fp, school);
	fputs("<br>校长：", fp);
	xj_html_escape(fp, proof->principal.buf);
	fputs("<br>", fp);
	chinese_date(fp, proof->issued_on.buf);
	if (fputs("</p>\n</body>\n</html>\n", fp) == EOF)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}
