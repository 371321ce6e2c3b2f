/* clock.c: the two times a command has.  The real time is when a thing
 * was done: the log records it, and nothing but the system clock sets it,
 * so no one can write an entry into the past (P2).  The business time is
 * the day the facts are dated by (a status since, a registration's date, a
 * certificate's issue, a deadline); $XJ_NOW sets it, for the work of a
 * past day entered late, a replay, or a test, and it is recorded beside
 * the real time, never instead of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xj/clock.h"
#include "xj/dates.h"

void xj_clock_zone(void)
{
	const char *z = getenv("XJ_TZ");

	setenv("TZ", z && *z ? z : "CST-8", 1);
	tzset();
}

/* Is path (a name under the time zone database, or one from '/') a time
 * zone file?  glibc reads any other as UTC, and says nothing. */
static int zone_file(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[512], magic[4];
	FILE *fp;
	int ok;

	if (*name == ':')
		name++;
	if (*name == '/')
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
			 name);
	if (strstr(name, "..") || !(fp = fopen(path, "rb")))
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

const char *xj_clock_bad_zone(void)
{
	const char *z = getenv("XJ_TZ");
	time_t t = time(NULL);
	struct tm tm;

	if (!z || !*z)
		return NULL;
	/* a name, not a POSIX rule (which has its offset in digits) */
	if ((*z == ':' || strchr(z, '/') || !strpbrk(z, "0123456789")) && !zone_file(z))
		return z;
	/* an offset the log's times can carry: whole minutes, within a day */
	localtime_r(&t, &tm);
	if (tm.tm_gmtoff % 60 || tm.tm_gmtoff > 14 * 3600 || tm.tm_gmtoff < -14 * 3600)
		return z;
	return NULL;
}

/* The moment t as the college's wall clock, with its offset. */
static void local_text(time_t t, char *buf, unsigned size)
{
	struct tm tm;
	char zone[8];

	localtime_r(&t, &tm);
	strftime(zone, sizeof(zone), "%z", &tm);   /* +0800 */
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strlen(zone) == 5 && strlen(buf) + 7 <= size)
		snprintf(buf + strlen(buf), size - strlen(buf), "%.3s:%s", zone, zone + 3);
}

void xj_clock_real(char *buf, unsigned size)
{
	local_text(time(NULL), buf, size);
}

/* $XJ_NOW when set and a valid ISO 8601 date or time, else NULL. */
static const char *pin(void)
{
	const char *p = getenv("XJ_NOW");

	return p && *p && xj_dates_time_parse(p, 0, NULL) == 0 ? p : NULL;
}

const char *xj_clock_bad_pin(void)
{
	const char *p = getenv("XJ_NOW");

	return p && *p && !pin() ? p : NULL;
}

/* A pinned time written with another zone's offset (2026-09-10T20:00:00Z)
 * is that moment on the college's clock (2026-09-11T04:00:00+08:00): the
 * date of the facts is the first 10 characters, and the college's day is
 * the one they are dated by.  A date, a local time, or a time whose
 * offset is the college's own, stays as given. */
static void college_day(const char *p, char *buf, unsigned size)
{
	char local[40];
	long long t;

	if (strlen(p) <= 19 || xj_dates_time_parse(p, 0, &t) < 0)
		return;
	local_text((time_t)t, local, sizeof(local));
	if (strncmp(local, p, 19) != 0)
		snprintf(buf, size, "%s", local);
}

int xj_clock_business(char *buf, unsigned size)
{
	const char *p = pin();

	/* a bad $XJ_NOW is refused at start (xj_cli_start); here, where no
	 * one can be told, it is as if unset rather than a date of nonsense */
	if (!p) {
		xj_clock_real(buf, size);
		return 0;
	}
	snprintf(buf, size, "%s", p);
	college_day(p, buf, size);
	return 1;
}

void xj_clock_now(char *buf, unsigned size)
{
	xj_clock_business(buf, size);
}

void xj_clock_today(char *buf, unsigned size)
{
	char now[40];

	xj_clock_business(now, sizeof(now));
	snprintf(buf, size, "%.10s", now);
}
