/* clock.h: the time a command acts at.  XJ_NOW (ISO 8601, e.g.
 * 2026-09-01T10:00:00+08:00) pins it, so tests and replays do not depend
 * on the clock; otherwise the local time. */
#ifndef XJ_CLOCK_H
#define XJ_CLOCK_H

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" into buf (at least 32 bytes). */
void xj_clock_now(char *buf, unsigned size);
/* "YYYY-MM-DD" of the same moment (at least 11 bytes). */
void xj_clock_today(char *buf, unsigned size);

#endif
