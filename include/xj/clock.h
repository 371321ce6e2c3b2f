/* clock.h: the two times of a command.  Nothing is allocated: a time is
 * written into the caller's buffer, and xj_clock_bad_pin returns the
 * environment's own string.  The real time (the system clock, local, with
 * its offset) is when it was done: the log records it and it cannot be
 * set.  The business time is the day its facts are dated by: $XJ_NOW (ISO
 * 8601, a date or a date and time, e.g. 2026-09-01 or
 * 2026-09-01T10:00:00+08:00) pins it, for work of a past day entered late,
 * replays and tests; otherwise it is the real time.  The log keeps the
 * business time beside the real one, never instead of it. */
#ifndef XJ_CLOCK_H
#define XJ_CLOCK_H

/* Set the process's time zone to the college's: $XJ_TZ, else China
 * Standard Time ("CST-8", a rule that needs no time zone database).  The
 * real and business times, and local times given in options, are read in
 * it, whatever zone the server runs in. */
void xj_clock_zone(void);
/* $XJ_TZ when it is no zone the log's times can be written in (a name
 * the time zone database lacks, an offset of seconds or beyond 14 hours),
 * else NULL: a program refuses to run, rather than date a fact in UTC or
 * write a time no check can read. */
const char *xj_clock_bad_zone(void);
/* The real time, "YYYY-MM-DDTHH:MM:SS+HH:MM", into buf (at least 32
 * bytes).  For the log, the signatures and the order of entries. */
void xj_clock_real(char *buf, unsigned size);
/* The business time into buf (at least 32 bytes): $XJ_NOW as given, 1
 * (a time with another zone's offset as the same moment on the college's
 * clock, so that its day is the college's); or, when it is unset, the real
 * time, 0.  Its first 10 characters are the business date. */
int xj_clock_business(char *buf, unsigned size);
/* The old name of xj_clock_business, kept while code still says it: new
 * code names the time it means, real or business. */
void xj_clock_now(char *buf, unsigned size);
/* "YYYY-MM-DD" of the business time (at least 11 bytes): what dates
 * facts and deadlines. */
void xj_clock_today(char *buf, unsigned size);
/* $XJ_NOW when it is set but not a valid ISO 8601 date or time, so the
 * programs refuse it at start; NULL when it is unset or good. */
const char *xj_clock_bad_pin(void);

#endif
