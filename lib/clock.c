/* clock.c: one source of "now" for every program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xj/clock.h"

void xj_clock_now(char *buf, unsigned size)
{
	const char *pin = getenv("XJ_NOW");
	time_t t;
	struct tm tm;
	char zone[8];

	if (pin && *pin) {
		snprintf(buf, size, "%s", pin);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(zone, sizeof(zone), "%z", &tm);   /* +0800 */
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strlen(zone) == 5 && strlen(buf) + 7 <= size)
		snprintf(buf + strlen(buf), size - strlen(buf), "%.3s:%s", zone, zone + 3);
}

void xj_clock_today(char *buf, unsigned size)
{
	char now[40];

	xj_clock_now(now, sizeof(now));
	snprintf(buf, size, "%.10s", now);
}
