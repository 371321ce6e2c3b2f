/* Unit tests of the temporary files a signal removes (xj_tmp_keep): each
 * case in a child of its own, ended by a signal or not, the files looked
 * for after. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "xj/tmpfiles.h"

static char dir[4096];

static void make(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (fp)
		fclose(fp);
}

static int there(const char *path)
{
	return access(path, F_OK) == 0;
}

/* In a child: keep "a" (with SQLite's files, sqlite), "b" kept then
 * forgotten, "c" never kept; then sig, ignored first when ignored.  The
 * signal the child ended by, 0 when it exited. */
static int run(int sig, int sqlite, int ignored)
{
	pid_t pid;
	int status;

	make("a");
	make("a-journal");
	make("a-wal");
	make("b");
	make("c");
	pid = fork();
	if (pid == 0) {
		signal(sig, ignored ? SIG_IGN : SIG_DFL);
		xj_tmp_keep("a", sqlite);
		xj_tmp_keep("b", 0);
		xj_tmp_forget("b");
		raise(sig);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char longname[5000];

	snprintf(dir, sizeof(dir), "%s/xj-tmpfiles.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir) || chdir(dir) < 0) {
		perror(dir);
		return 1;
	}
	/* ended by the signal, as it would have been, the kept file gone */
	CHECK(run(SIGTERM, 0, 0) == SIGTERM);
	CHECK(!there("a"));
	CHECK(there("a-journal"));   /* not a store's copy: only the file */
	CHECK(there("b"));           /* renamed into place: not the signal's */
	CHECK(there("c"));
	/* a store's copy goes with SQLite's files beside it */
	CHECK(run(SIGINT, 1, 0) == SIGINT);
	CHECK(!there("a") && !there("a-journal") && !there("a-wal"));
	CHECK(run(SIGHUP, 1, 0) == SIGHUP);
	CHECK(run(SIGPIPE, 1, 0) == SIGPIPE);
	CHECK(!there("a"));
	/* a signal ignored from the start stays ignored: nothing removed */
	CHECK(run(SIGHUP, 1, 1) == 0);
	CHECK(there("a") && there("a-journal"));
	/* a name too long to keep whole is refused, not cut */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK(xj_tmp_keep(longname, 0) == -1);
	unlink("a");
	unlink("a-journal");
	unlink("a-wal");
	unlink("b");
	unlink("c");
	if (chdir("/") == 0)
		rmdir(dir);
	return unit_done("tmpfiles");
}
