/* test_dates.c: the strict ISO 8601 dates and times of options and
 * $XJ_NOW, the two clocks (P2, P21), and the calendar arithmetic the
 * deadlines are counted with: days since the epoch, days and months added
 * (P7's three months, P11's one month, P21), and a date written. */
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

/* Days since 1970-01-01 (P21: how late a deadline is), of a stored date
 * alone or at the head of a time. */
#define DAYS(iso, want) do { \
	int ok_ = -1; \
	CHECK(xj_dates_days(iso, &ok_) == (want)); \
	CHECK(ok_ == 1); \
} while (0)
#define NO_DAYS(iso) do { \
	int ok_ = -1; \
	CHECK(xj_dates_days(iso, &ok_) == -1); \
	CHECK(ok_ == 0); \
} while (0)

static void days(void)
{
	DAYS("1970-01-01", 0);
	DAYS("1970-01-02", 1);
	/* -1 is a day as well as the error: ok tells them apart */
	DAYS("1969-12-31", -1);
	DAYS("2000-03-01", 11017);
	DAYS("2026-09-05", 20701);
	DAYS("2028-02-29", 21243);
	DAYS("1000-01-01", -354285);
	DAYS("9999-12-31", 2932896);
	/* a time's date: what the log's times are compared by */
	DAYS("2026-09-05T09:00:00+08:00", 20701);
	DAYS("2026-09-05T", 20701);
	NO_DAYS(NULL);
	NO_DAYS("");
	NO_DAYS("2026-09-0");
	NO_DAYS("2026-09-05 09:00");
	NO_DAYS("2026-09-05Z");
	NO_DAYS("2026-02-29");
	NO_DAYS("2100-02-29");
	NO_DAYS("2026-13-01");
	NO_DAYS("2026-00-01");
	NO_DAYS("2026-09-00");
	NO_DAYS("0999-12-31");
	NO_DAYS("2026/09/05");
	NO_DAYS("+026-09-05");
}

#define ADD(fn, iso, n, want) do { \
	char out_[11] = "unchanged"; \
	CHECK(fn(iso, n, out_) == 0); \
	CHECK_STR(out_, want); \
} while (0)
#define NO_ADD(fn, iso, n) do { \
	char out_[11] = "unchanged"; \
	CHECK(fn(iso, n, out_) < 0); \
} while (0)

/* Months: the day kept, or cut to the month's last (P7: the re-check
 * within three months of enrolment; P21). */
static void add_months(void)
{
	ADD(xj_dates_add_months, "2026-09-05", 3, "2026-12-05");
	ADD(xj_dates_add_months, "2026-09-05", 0, "2026-09-05");
	ADD(xj_dates_add_months, "2026-11-05", 3, "2027-02-05");
	/* month ends, leap years */
	ADD(xj_dates_add_months, "2026-01-31", 1, "2026-02-28");
	ADD(xj_dates_add_months, "2028-01-31", 1, "2028-02-29");
	ADD(xj_dates_add_months, "2100-01-31", 1, "2100-02-28");
	ADD(xj_dates_add_months, "2000-01-31", 1, "2000-02-29");
	ADD(xj_dates_add_months, "2026-11-30", 3, "2027-02-28");
	ADD(xj_dates_add_months, "2026-08-31", 1, "2026-09-30");
	ADD(xj_dates_add_months, "2028-02-29", 12, "2029-02-28");
	ADD(xj_dates_add_months, "2028-02-29", 48, "2032-02-29");
	/* back across a year's end */
	ADD(xj_dates_add_months, "2026-03-31", -1, "2026-02-28");
	ADD(xj_dates_add_months, "2027-01-15", -1, "2026-12-15");
	ADD(xj_dates_add_months, "2027-01-15", -13, "2025-12-15");
	ADD(xj_dates_add_months, "2026-12-31", 1, "2027-01-31");
	/* a time's date, the time dropped */
	ADD(xj_dates_add_months, "2026-09-05T09:00:00+08:00", 3, "2026-12-05");
	/* out of the four-digit years, and dates that are none */
	NO_ADD(xj_dates_add_months, "9999-12-01", 1);
	NO_ADD(xj_dates_add_months, "1000-01-01", -1);
	NO_ADD(xj_dates_add_months, "2026-02-30", 1);
	NO_ADD(xj_dates_add_months, "2026-9-5", 1);
	NO_ADD(xj_dates_add_months, NULL, 1);
	NO_ADD(xj_dates_add_months, "", 1);
	NO_ADD(xj_dates_add_months, "2026-09-05 ", 1);
}

/* Days, either way (P11: within one month of the term's start, P21). */
static void add_days(void)
{
	char out[11];
	int ok = 0, i;

	ADD(xj_dates_add_days, "2026-09-05", 0, "2026-09-05");
	ADD(xj_dates_add_days, "2026-09-01", 30, "2026-10-01");
	ADD(xj_dates_add_days, "2026-12-31", 1, "2027-01-01");
	ADD(xj_dates_add_days, "2027-01-01", -1, "2026-12-31");
	ADD(xj_dates_add_days, "2028-02-28", 1, "2028-02-29");
	ADD(xj_dates_add_days, "2028-02-29", 1, "2028-03-01");
	ADD(xj_dates_add_days, "2026-02-28", 1, "2026-03-01");
	ADD(xj_dates_add_days, "2100-02-28", 1, "2100-03-01");
	ADD(xj_dates_add_days, "2000-02-28", 1, "2000-02-29");
	ADD(xj_dates_add_days, "2026-03-01", -1, "2026-02-28");
	ADD(xj_dates_add_days, "2028-03-01", -1, "2028-02-29");
	ADD(xj_dates_add_days, "2026-01-01", 365, "2027-01-01");
	ADD(xj_dates_add_days, "2028-01-01", 365, "2028-12-31");
	ADD(xj_dates_add_days, "2026-09-05", -3650, "2016-09-07");
	ADD(xj_dates_add_days, "2026-09-05T23:59:59Z", 1, "2026-09-06");
	ADD(xj_dates_add_days, "9999-12-30", 1, "9999-12-31");
	NO_ADD(xj_dates_add_days, "9999-12-31", 1);
	NO_ADD(xj_dates_add_days, "1000-01-01", -1);
	NO_ADD(xj_dates_add_days, "2026-04-31", 1);
	NO_ADD(xj_dates_add_days, "yesterday", 1);
	NO_ADD(xj_dates_add_days, NULL, 0);
	/* days added are the days between, over four years and back */
	for (i = -1500; i <= 1500; i += 7) {
		CHECK(xj_dates_add_days("2026-09-05", i, out) == 0);
		CHECK(xj_dates_days(out, &ok) - 20701 == i && ok);
	}
}

/* A date written by hand, as given: the caller checks the ranges. */
static void put(void)
{
	char out[11];

	xj_dates_put(2026, 9, 5, out);
	CHECK_STR(out, "2026-09-05");
	xj_dates_put(1999, 12, 31, out);
	CHECK_STR(out, "1999-12-31");
	xj_dates_put(1, 1, 1, out);
	CHECK_STR(out, "0001-01-01");
	xj_dates_put(0, 0, 0, out);
	CHECK_STR(out, "0000-00-00");
	/* not a day, but written as asked: the check is the caller's */
	xj_dates_put(9999, 99, 99, out);
	CHECK_STR(out, "9999-99-99");
}

int main(void)
{
	date_parse();
	days();
	add_months();
	add_days();
	put();
	time_parse();
	clocks();
	return unit_done("dates");
}
