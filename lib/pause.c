/* pause.c: the points a test holds a program at (pause.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xj/pause.h"

/* The count after NAME: in $XJ_PAUSE.  One that is not a whole number
 * from 1 up (row:x, row:0, row:2x, one too large for a long) is taken as
 * 1, the default: the point is then held the first time, where a test
 * waiting for NAME.paused sees it, never skipped for ever.  It cannot be
 * refused with a message: this module is below the frame, which alone
 * prints (HACKING). */
static long count_of(const char *s)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return 1;
	errno = 0;
	n = strtol(s, &end, 10);
	return *end || errno || n < 1 ? 1 : n;
}

/* Is name the point $XJ_PAUSE names, reached for the time it names? */
static int wanted(const char *want, const char *name)
{
	static long reached;
	size_t len = strcspn(want, ":");
	long n = 1;

	if (strncmp(want, name, len) != 0 || name[len] != '\0')
		return 0;
	if (want[len] == ':')
		n = count_of(want + len + 1);
	return ++reached == n;
}

void xj_pause_point(const char *name)
{
	static const char *want;
	static int looked;   /* read once: a point may be passed for every row */
	struct timespec tick = { 0, 10000000L };
	char paused[128], go[128];
	int fd;

	if (!looked)
		want = getenv("XJ_PAUSE");
	looked = 1;
	if (!want || !wanted(want, name))
		return;
	snprintf(paused, sizeof(paused), "%s.paused", name);
	snprintf(go, sizeof(go), "%s.go", name);
	fd = open(paused, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	while (access(go, F_OK) != 0)
		nanosleep(&tick, NULL);
}
