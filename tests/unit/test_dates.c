/* test_dates.c: the strict ISO 8601 dates and times of options and
 * $XJ_NOW, and the two clocks (P2, P21). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xj/clock.h"
#include "xj/dates.h"
#include "unit.h"

static void date_parse(void)
{
	static const char *const bad[] = {
		"yesterday", "2026/12/04", "2026-2-3", "2026-02-30", "2026-13-01",
		"2026-00-10", "2026-12-04T10:00:00", "20261204", " 2026-12-04", "2026-12-04 ",
		"２０２６-12-04", "", "0999-01-01",
	};
	char out[11];
	size_t i;

	CHECK(xj_dates_parse("2026-12-04", out) == 0);
	CHECK_STR(out, "2026-12-04");
	CHECK(xj_dates_parse("2028-02-29", out) == 0);
	CHECK(xj_dates_parse("2100-02-29", out) < 0);
	CHECK(xj_dates_parse(NULL, out) < 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(xj_dates_parse(bad[i], out) < 0);
}

static void time_parse(void)
{
	static const char *const bad[] = {
		"yesterday", "2026/12/04", "2026-02-30", "2026-12-04 10:00:00",
		"2026-12-04T10:00", "2026-12-04T24:00:00", "2026-12-04T10:60:00",
		"2026-12-04T10:00:00+8", "2026-12-04T10:00:00+0800", "2026-12-04T10:00:00z",
		"2026-12-04T10:00:00.5Z", "2026-12-04T", "2026-12-04T10:00:00+08:00 ",
	};
	long long a, b;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(xj_dates_time_parse(bad[i], 0, NULL) < 0);
	/* one moment, written with different offsets */
	CHECK(xj_dates_time_parse("2026-12-04T10:00:00+08:00", 0, &a) == 0);
	CHECK(xj_dates_time_parse("2026-12-04T02:00:00Z", 0, &b) == 0);
	CHECK(a == b);
	CHECK(xj_dates_time_parse("2026-12-03T21:00:00-05:00", 0, &b) == 0);
	CHECK(a == b);
	CHECK(a == 1796349600LL);
	/* a date, or a time without offset, is local time */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	CHECK(xj_dates_time_parse("2026-12-04T10:00:00", 0, &b) == 0);
	CHECK(a == b);
	CHECK(xj_dates_time_parse("2026-12-04", 0, &b) == 0);
	CHECK(b == a - 10 * 3600);
	CHECK(xj_dates_time_parse("2026-12-04", 1, &b) == 0);   /* its last second */
	CHECK(b == a + 14 * 3600 - 1);
	CHECK(xj_dates_time_parse("2026-12-31", 1, &b) == 0);   /* across the year's end */
	CHECK(xj_dates_time_parse("2027-01-01", 0, &a) == 0);
	CHECK(b == a - 1);
}

static void clocks(void)
{
	char real[40], business[40], today[11];

	unsetenv("XJ_NOW");
	xj_clock_real(real, sizeof(real));
	CHECK(xj_dates_time_parse(real, 0, NULL) == 0);
	CHECK(xj_clock_business(business, sizeof(business)) == 0);
	CHECK(strncmp(business, real, 10) == 0);
	CHECK(xj_clock_bad_pin() == NULL);
	setenv("XJ_NOW", "2026-09-10", 1);
	CHECK(xj_clock_business(business, sizeof(business)) == 1);
	CHECK_STR(business, "2026-09-10");
	xj_clock_today(today, sizeof(today));
	CHECK_STR(today, "2026-09-10");
	xj_clock_real(real, sizeof(real));   /* never the pinned one */
	CHECK(strcmp(real, "2026-09-10") != 0 && xj_dates_time_parse(real, 0, NULL) == 0);
	CHECK(xj_clock_bad_pin() == NULL);
	setenv("XJ_NOW", "2026-09-10T09:00:00+08:00", 1);
	CHECK(xj_clock_business(business, sizeof(business)) == 1);
	CHECK_STR(business, "2026-09-10T09:00:00+08:00");
	setenv("XJ_NOW", "yesterday", 1);
	CHECK_STR(xj_clock_bad_pin(), "yesterday");
	/* a bad one never dates anything: the real time stands */
	CHECK(xj_clock_business(business, sizeof(business)) == 0);
	unsetenv("XJ_NOW");
}

int main(void)
{
	date_parse();
	time_parse();
	clocks();
	return unit_done("dates");
}
