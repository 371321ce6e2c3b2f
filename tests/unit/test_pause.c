/* Unit tests of the points a test holds a program at (xj_pause_point):
 * the count after NAME: in $XJ_PAUSE, and one that is no count, which is
 * taken as 1 rather than never reached.  $XJ_PAUSE is read once per
 * process, so each case runs in a child of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "xj/pause.h"

static char dir[4096];

/* In a child with XJ_PAUSE=want, the point "p" passed times times (p.go
 * made first, so a hold ends at once): was it held? */
static int held(const char *want, int times)
{
	pid_t pid;
	int status, i;

	unlink("p.paused");
	pid = fork();
	if (pid == 0) {
		setenv("XJ_PAUSE", want, 1);
		for (i = 0; i < times; i++)
			xj_pause_point("p");
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return access("p.paused", F_OK) == 0;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	FILE *fp;

	snprintf(dir, sizeof(dir), "%s/xj-pause.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || chdir(dir) < 0) {
		perror(dir);
		return 1;
	}
	fp = fopen("p.go", "w");
	CHECK(fp != NULL);
	if (fp)
		fclose(fp);
	CHECK(held("p", 1) == 1);
	CHECK(held("q", 3) == 0);      /* another point */
	CHECK(held("pp", 3) == 0);     /* a name is whole, not a prefix */
	CHECK(held("p:3", 2) == 0);    /* the third time, not before */
	CHECK(held("p:3", 3) == 1);
	/* no count: taken as 1, held the first time, never skipped */
	CHECK(held("p:x", 1) == 1);
	CHECK(held("p:", 1) == 1);
	CHECK(held("p:0", 1) == 1);
	CHECK(held("p:-2", 1) == 1);
	CHECK(held("p: 2", 1) == 1);
	CHECK(held("p:2x", 1) == 1);
	CHECK(held("p:99999999999999999999", 1) == 1);
	unlink("p.paused");
	unlink("p.go");
	if (chdir("/") == 0)
		rmdir(dir);
	return unit_done("pause");
}
