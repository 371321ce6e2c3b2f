/* tmpfiles.c: temporary files removed when a signal ends the program
 * (tmpfiles.h).  The handler may only call what is safe in a signal
 * handler, so every name it unlinks is made in full when the file is
 * kept, in a fixed table, and a place is marked in use only once its
 * names are written. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xj/tmpfiles.h"

#define PLACES 8
#define NAMES 4          /* the file, and SQLite's three beside it */
#define NAME_MAX_LEN 4096

static struct place {
	char name[NAMES][NAME_MAX_LEN];
	volatile sig_atomic_t used;
} places[PLACES];

/* the signals that end a program by default and can be caught */
static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };

static void on_fatal(int sig)
{
	int i, j;

	for (i = 0; i < PLACES; i++) {
		if (!places[i].used)
			continue;
		for (j = 0; j < NAMES && places[i].name[j][0]; j++)
			unlink(places[i].name[j]);
	}
	/* SA_RESETHAND put the default back: the signal ends the program as
	 * it would have, with its status */
	raise(sig);
}

/* Catch each fatal signal the program has left at its default: one the
 * caller ignores (nohup's SIGHUP) stays ignored. */
static void install(void)
{
	static int done;
	struct sigaction sa, old;
	size_t i;

	if (done)
		return;
	done = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			sigaction(fatal[i], &sa, NULL);
}

int xj_tmp_keep(const char *path, int sqlite)
{
	static const char *const ext[NAMES] = { "", "-journal", "-wal", "-shm" };
	int i, j, n = sqlite ? NAMES : 1;

	if (strlen(path) + sizeof("-journal") > NAME_MAX_LEN)
		return -1;
	for (i = 0; i < PLACES && places[i].used; i++)
		;
	if (i == PLACES)
		return -1;
	for (j = 0; j < NAMES; j++)
		places[i].name[j][0] = '\0';
	for (j = 0; j < n; j++)
		snprintf(places[i].name[j], NAME_MAX_LEN, "%s%s", path, ext[j]);
	install();
	places[i].used = 1;
	return 0;
}

void xj_tmp_forget(const char *path)
{
	int i;

	for (i = 0; i < PLACES; i++)
		if (places[i].used && strcmp(places[i].name[0], path) == 0) {
			places[i].used = 0;
			return;
		}
}
