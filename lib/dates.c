/* dates.c: days and months on the proleptic Gregorian calendar. */
#include <stdio.h>

#include "xj/dates.h"
#include "xj/validate.h"

static int parse(const char *iso, int *y, int *m, int *d)
{
	char norm[11];
	struct xj_error e;

	xj_error_clear(&e);
	if (xj_check_date(iso, norm, sizeof(norm), &e) < 0)
		return -1;
	return sscanf(norm, "%4d-%2d-%2d", y, m, d) == 3 ? 0 : -1;
}

/* Howard Hinnant's days_from_civil. */
long xj_date_days(const char *iso, int *ok)
{
	int y, m, d;
	long era, yoe, doy, doe;

	*ok = parse(iso, &y, &m, &d) == 0;
	if (!*ok)
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int month_days(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

static int put(int y, int m, int d, char out[11]);

int xj_date_add_months(const char *iso, int months, char out[11])
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

int xj_date_add_days(const char *iso, int days, char out[11])
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
	return 0;
}
