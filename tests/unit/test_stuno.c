/* test_stuno.c: numbers made from a pattern (学号, certificate numbers):
 * every part, the sequence's key, and the refusals (P9, P13). */
#include <string.h>

#include "xj/stuno.h"
#include "unit.h"

static struct xj_sb made;

static const char *make(const char *pattern, const struct xj_number_ctx *c, long seq)
{
	static struct xj_error err;

	xj_error_clear(&err);
	if (xj_stuno_make(pattern, c, seq, &made, &err) < 0)
		return err.msg;
	return made.buf;
}

static void parts(void)
{
	struct xj_student s;
	struct xj_number_ctx c = { &s, "14001", "2029-06-30", "04" };

	memset(&s, 0, sizeof(s));
	s.cohort = 2025;
	s.v[XJ_S_DEPT] = "CS";
	s.v[XJ_S_MAJOR_CODE] = "510201";
	s.v[XJ_S_CLASS] = "计应2507";
	CHECK_STR(make("{year}{major}{seq:3}", &c, 1), "2025510201001");
	CHECK_STR(make("{yy}{dept}-{seq:4}", &c, 12), "25CS-0012");
	CHECK_STR(make("{year}{major_no}{class:2}{seat:2}", &c, 45), "2025040745");
	CHECK_STR(make("{school}ZM{issued}{seq:4}", &c, 7), "14001ZM20290007");
	/* the class's last digits, however the name ends */
	s.v[XJ_S_CLASS] = "计应25-7班";
	CHECK_STR(make("{class:1}{seat:2}", &c, 3), "703");
	CHECK_STR(make("{class:2}{seat:2}", &c, 3),
		  "class 计应25-7班 has no 2-digit number for {class:2}");
	s.v[XJ_S_CLASS] = "";
	CHECK_STR(make("{class:2}{seat:2}", &c, 3), "no class to make the number of");
	c.major_no = NULL;
	CHECK_STR(make("{major_no}{seq:2}", &c, 3),
		  "major 510201 is not in the config's majors, which {major_no} needs");
	CHECK_STR(make("{year}{seq:2}", &c, 100), "the 2-digit sequence of numbers"
		  " {year}{seq:2} is full");
}

static void patterns(void)
{
	static const char *const bad[] = {
		"{year}", "{seq:3}{seat:2}", "{seq:0}", "{class:10}{seq:2}", "{room}{seq:2}",
		"{year{seq:2}", "a b{seq:2}", "{class}{seq:2}",
	};
	struct xj_error err;
	size_t i;

	xj_error_clear(&err);
	CHECK(xj_stuno_pattern_check("{year}{major_no}{class:2}{seat:2}", &err) == 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xj_error_clear(&err);
		CHECK(xj_stuno_pattern_check(bad[i], &err) < 0);
	}
}

int main(void)
{
	parts();
	patterns();
	xj_sb_release(&made);
	return unit_done("stuno");
}
