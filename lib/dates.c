/* dates.c: days and months on the proleptic Gregorian calendar, and the
 * strict ISO 8601 dates and times that options and $XJ_NOW take. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "xj/dates.h"

static int strict_ymd(const char *s, int *y, int *m, int *d);

/* A stored date: YYYY-MM-DD, alone or at the head of a time. */
static int parse(const char *iso, int *y, int *m, int *d)
{
	if (!iso || strlen(iso) < 10 || (iso[10] && iso[10] != 'T'))
		return -1;
	return strict_ymd(iso, y, m, d);
}

/* Howard Hinnant's days_from_civil. */
static long civil_days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long xj_dates_days(const char *iso, int *ok)
{
	int y, m, d;

	*ok = parse(iso, &y, &m, &d) == 0;
	return *ok ? civil_days(y, m, d) : -1;
}

static int month_days(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

static int put(int y, int m, int d, char out[11]);

/* Exactly n ASCII digits at s. */
static int digits_at(const char *s, int n, int *v)
{
	int i;

	for (*v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" at the start of s, a day the calendar has. */
static int strict_ymd(const char *s, int *y, int *m, int *d)
{
	if (digits_at(s, 4, y) < 0 || s[4] != '-' || digits_at(s + 5, 2, m) < 0 ||
	    s[7] != '-' || digits_at(s + 8, 2, d) < 0)
		return -1;
	if (*y < 1000 || *m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
		return -1;
	return 0;
}

int xj_dates_parse(const char *s, char out[11])
{
	int y, m, d;

	if (!s || strlen(s) != 10 || strict_ymd(s, &y, &m, &d) < 0)
		return -1;
	return put(y, m, d, out);
}

/* "HH:MM:SS" at s, and what follows: nothing (local time, *local = 1),
 * "Z", or "+HH:MM" / "-HH:MM" (into *offset, seconds east of UTC). */
static int strict_hms(const char *s, int *h, int *mi, int *sec, int *local, long *offset)
{
	int oh, om;

	if (digits_at(s, 2, h) < 0 || s[2] != ':' || digits_at(s + 3, 2, mi) < 0 ||
	    s[5] != ':' || digits_at(s + 6, 2, sec) < 0 || *h > 23 || *mi > 59 || *sec > 59)
		return -1;
	s += 8;
	*local = *s == '\0';
	*offset = 0;
	if (*local || strcmp(s, "Z") == 0)
		return 0;
	if ((*s != '+' && *s != '-') || strlen(s) != 6 || digits_at(s + 1, 2, &oh) < 0 ||
	    s[3] != ':' || digits_at(s + 4, 2, &om) < 0 || oh > 23 || om > 59)
		return -1;
	*offset = (*s == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
	return 0;
}

/* Seconds since the epoch of a local wall-clock time (the day may run
 * past the month's end: mktime carries it over). */
static long long local_time(int y, int m, int d, int h, int mi, int sec)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;   /* whatever daylight saving says on that day */
	return (long long)mktime(&tm);
}

int xj_dates_time_parse(const char *s, int end, long long *t)
{
	int y, m, d, h, mi, sec, local;
	long offset;
	long long v;

	if (!s || strict_ymd(s, &y, &m, &d) < 0)
		return -1;
	if (s[10] == '\0') {
		/* a whole day: its first second, or its last */
		v = end ? local_time(y, m, d + 1, 0, 0, 0) - 1 : local_time(y, m, d, 0, 0, 0);
	} else {
		if (s[10] != 'T' || strict_hms(s + 11, &h, &mi, &sec, &local, &offset) < 0)
			return -1;
		if (local) {
			v = local_time(y, m, d, h, mi, sec);
		} else {
			v = (long long)civil_days(y, m, d) * 86400 + h * 3600L + mi * 60L + sec -
			    offset;
		}
	}
	if (t)
		*t = v;
	return 0;
}

int xj_dates_add_months(const char *iso, int months, char out[11])
{
	int y, m, d, total;

	if (parse(iso, &y, &m, &d) < 0)
		return -1;
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return put(y, m, d, out);
}

int xj_dates_add_days(const char *iso, int days, char out[11])
{
	int y, m, d;

	if (parse(iso, &y, &m, &d) < 0)
		return -1;
	for (d += days; d > month_days(y, m); ) {
		d -= month_days(y, m);
		if (++m > 12)
			m = 1, y++;
	}
	for (; d < 1; ) {
		if (--m < 1)
			m = 12, y--;
		d += month_days(y, m);
	}
	return put(y, m, d, out);
}

static int put(int y, int m, int d, char out[11])
{
	if (y < 1000 || y > 9999)
		return -1;
	xj_dates_put(y, m, d, out);
	return 0;
}

void xj_dates_put(int y, int m, int d, char out[11])
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}
