/* dates.h: calendar arithmetic on ISO dates (YYYY-MM-DD), for deadlines
 * (P21), and the one strict reading of the dates and times that options
 * (--since, --until, --as-of) and $XJ_NOW take.  Results go into the
 * caller's buffers. */
#ifndef XJ_DATES_H
#define XJ_DATES_H

/* Days since 1970-01-01 of a valid ISO date; -1 on error (*ok = 0). */
long xj_dates_days(const char *iso, int *ok);
/* iso plus months, the day kept or cut to the month's last (out: 11). */
int xj_dates_add_months(const char *iso, int months, char out[11]);
/* iso plus days (may be negative). */
int xj_dates_add_days(const char *iso, int days, char out[11]);
/* y-m-d written "YYYY-MM-DD" into out, by hand: y from 0 to 9999, m and
 * d from 0 to 99 (the caller checks).  It runs for every date of every
 * row read, where printf would cost more than the rest of the check. */
void xj_dates_put(int y, int m, int d, char out[11]);

/* A strict ISO 8601 date, "YYYY-MM-DD", of a day the calendar has (no
 * 2026-02-30, no 2026/12/04, no "yesterday"): copied into out; 0 or -1. */
int xj_dates_parse(const char *s, char out[11]);
/* A strict ISO 8601 date or date and time: "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" then nothing (local time), "Z" or "+HH:MM"/"-HH:MM".
 * The moment into *t (seconds since the epoch; t may be NULL to only
 * check), so times written with different offsets compare as times.  A
 * date alone is that local day's first second, or with end != 0 its last
 * (so --until DATE takes in the whole day).  0 or -1. */
int xj_dates_time_parse(const char *s, int end, long long *t);

#endif
