/* dates.h: calendar arithmetic on ISO dates (YYYY-MM-DD), for deadlines
 * (P21).  Results go into the caller's buffers. */
#ifndef XJ_DATES_H
#define XJ_DATES_H

/* Days since 1970-01-01 of a valid ISO date; -1 on error (*ok = 0). */
long xj_date_days(const char *iso, int *ok);
/* iso plus months, the day kept or cut to the month's last (out: 11). */
int xj_date_add_months(const char *iso, int months, char out[11]);
/* iso plus days (may be negative). */
int xj_date_add_days(const char *iso, int days, char out[11]);

#endif
