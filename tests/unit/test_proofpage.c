/* test_proofpage.c: the certificate of academic credentials (学历证明书,
 * P15) as a printable page: the original's content and number, the
 * proof's own number, why it was issued, the principal and date of the
 * proof; a certificate is never reissued, so the page says it stands for
 * the original. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "xj/proofpage.h"

static struct xj_error err;

static struct xj_student student(void)
{
	struct xj_student s;

	memset(&s, 0, sizeof(s));
	s.v[XJ_S_NAME] = "张<伟>";
	s.v[XJ_S_GENDER] = "男";
	s.v[XJ_S_BIRTH_DATE] = "2007-03-14";
	s.v[XJ_S_ENROL_DATE] = "2026-09-05";
	s.v[XJ_S_MAJOR_NAME] = "计算机应用技术";
	s.v[XJ_S_DURATION] = "3";
	s.v[XJ_S_LEVEL] = "专科";
	return s;
}

static void cert(struct xj_cert *c, const char *conclusion, const char *number,
		 const char *issued, const char *reason, const char *principal)
{
	memset(c, 0, sizeof(*c));
	xj_sb_adds(&c->conclusion, conclusion);
	xj_sb_adds(&c->number, number);
	xj_sb_adds(&c->issued_on, issued);
	xj_sb_adds(&c->reason, reason);
	xj_sb_adds(&c->principal, principal);
}

/* The page of s's proof for original into a memory stream: its text
 * (the caller frees it), or NULL when it was refused. */
static char *page_of(const struct xj_student *s, const struct xj_cert *proof,
		     const struct xj_cert *original)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int rc;

	if (!fp)
		return NULL;
	xj_error_clear(&err);
	rc = xj_proofpage_write(fp, "示例职业技术学院", s, proof, original, &err);
	fclose(fp);
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A graduate's lost diploma: the page of its proof (P15). */
static void lost(void)
{
	struct xj_student s = student();
	struct xj_cert proof, orig;
	char *t;

	cert(&orig, "graduate", "140011202906000001", "2029-06-20", "", "王校长");
	cert(&proof, "graduate", "14001ZM20310001", "2031-03-02", "lost", "李校长");
	t = page_of(&s, &proof, &orig);
	CHECK(t != NULL);
	if (t) {
		CHECK(strncmp(t, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", 36) == 0);
		CHECK_HAS(t, "<title>高等学校毕业证明书 14001ZM20310001</title>");
		CHECK_HAS(t, "<h1>高等学校毕业证明书</h1>\n<p class=\"no\">证明书编号：14001ZM20310001</p>");
		/* the student's name escaped, the dates in Chinese */
		CHECK_HAS(t, "<p>学生 张&lt;伟&gt;，性别男，2007年03月14日生，于2026年09月05日至2029年06月20日"
		    "在本校计算机应用技术专业3年制专科学习，准予毕业。</p>");
		CHECK_HAS(t, "<p>原毕业证书编号：140011202906000001</p>");
		CHECK_HAS(t, "<p>因证书遗失，特补此证，以兹证明。</p>");
		/* signed by the principal of the proof's day, not the original's */
		CHECK_HAS(t, "示例职业技术学院<br>校长：李校长<br>2031年03月02日</p>");
		CHECK(strstr(t, "王校长") == NULL);
		CHECK(strcmp(t + strlen(t) - 16, "</body>\n</html>\n") == 0);
	}
	free(t);
	xj_store_cert_release(&proof);
	xj_store_cert_release(&orig);
}

/* A 结业 certificate damaged, and a 肄业 one with no number; a student
 * with no duration of study, and one with no enrolment date. */
static void other_kinds(void)
{
	struct xj_student s = student();
	struct xj_cert proof, orig;
	char *t;

	cert(&orig, "completion", "140011202906000002", "2029-06-20", "", "王校长");
	cert(&proof, "completion", "14001ZM20310002", "2031-03-02", "damaged", "李校长");
	s.v[XJ_S_DURATION] = NULL;
	t = page_of(&s, &proof, &orig);
	CHECK(t != NULL);
	if (t) {
		CHECK_HAS(t, "<h1>高等学校结业证明书</h1>");
		CHECK_HAS(t, "在本校计算机应用技术专业专科学习，准予结业。</p>");
		CHECK_HAS(t, "<p>原结业证书编号：140011202906000002</p>");
		CHECK_HAS(t, "<p>因证书损坏，特补此证，以兹证明。</p>");
	}
	free(t);
	xj_store_cert_release(&proof);
	xj_store_cert_release(&orig);
	cert(&orig, "incomplete", "", "2028-01-10", "", "王校长");
	cert(&proof, "incomplete", "14001ZM20310003", "2031-03-02", "lost", "李校长");
	s.v[XJ_S_ENROL_DATE] = NULL;
	t = page_of(&s, &proof, &orig);
	CHECK(t != NULL);
	if (t) {
		CHECK_HAS(t, "<h1>高等学校肄业证明书</h1>");
		CHECK_HAS(t, "<p>原肄业证书编号：（无）</p>");
		/* no enrolment date, of the student's or the cohort's: no "于"
		 * left without it (xj-diploma proof gives the cohort's) */
		CHECK(strstr(t, "于至") == NULL);
		CHECK_HAS(t, "生，至2028年01月10日在本校");
	}
	free(t);
	xj_store_cert_release(&proof);
	xj_store_cert_release(&orig);
}

/* A stream that takes nothing: the page says so. */
static void unwritable(void)
{
	struct xj_student s = student();
	struct xj_cert proof, orig;
	FILE *fp = fopen("/dev/null", "r");

	cert(&orig, "graduate", "1", "2029-06-20", "", "王校长");
	cert(&proof, "graduate", "2", "2031-03-02", "lost", "李校长");
	if (fp) {
		xj_error_clear(&err);
		CHECK(xj_proofpage_write(fp, "x", &s, &proof, &orig, &err) < 0);
		CHECK(err.code == XJ_EIO);
		CHECK_STR(err.msg, "write failed: Bad file descriptor");
		fclose(fp);
	}
	xj_store_cert_release(&proof);
	xj_store_cert_release(&orig);
}

int main(void)
{
	lost();
	other_kinds();
	unwritable();
	return unit_done("proofpage");
}
