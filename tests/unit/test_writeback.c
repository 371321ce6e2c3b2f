/* test_writeback.c: a file's pages sent to the disk behind its writer
 * (writeback.h) change nothing in the file: what is written while the
 * thread runs, and after, reads back the same; a stop at once, a stop of
 * nothing and a file descriptor that is no file all end cleanly. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "xj/writeback.h"

#define CHUNK 65536
#define CHUNKS 96   /* 6 MiB: past what one turn of the thread sends */

static void fill(char *buf, int k)
{
	int i;

	for (i = 0; i < CHUNK; i++)
		buf[i] = (char)(k * 31 + i % 251);
}

/* Writes the chunks with the thread running, pausing past one of its
 * turns halfway; 0 when every chunk reads back as written. */
static int written_while_sent(const char *path)
{
	static char buf[CHUNK], got[CHUNK];
	struct timespec turn = { 0, 300000000L };
	struct xj_writeback *w;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), k, bad = 0;

	if (fd < 0)
		return -1;
	w = xj_writeback_start(fd);
#ifdef __linux__
	CHECK(w != NULL);
#endif
	for (k = 0; k < CHUNKS; k++) {
		fill(buf, k);
		bad |= write(fd, buf, CHUNK) != CHUNK;
		if (k == CHUNKS / 2)
			nanosleep(&turn, NULL);
	}
	xj_writeback_stop(w);
	for (k = 0; k < CHUNKS / 2; k++) {   /* written over after it was sent */
		fill(buf, k + 7);
		bad |= pwrite(fd, buf, CHUNK, (off_t)k * CHUNK) != CHUNK;
	}
	for (k = 0; k < CHUNKS; k++) {
		fill(buf, k < CHUNKS / 2 ? k + 7 : k);
		bad |= pread(fd, got, CHUNK, (off_t)k * CHUNK) != CHUNK || memcmp(buf, got, CHUNK);
	}
	close(fd);
	return bad ? -1 : 0;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int i, fd;

	snprintf(path, sizeof(path), "%s/xj-writeback-%ld", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid());
	CHECK(written_while_sent(path) == 0);
	/* started and stopped at once, again and again: no thread is left */
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	for (i = 0; i < 50; i++)
		xj_writeback_stop(xj_writeback_start(fd));
	close(fd);
	unlink(path);
	/* a descriptor of no file: the thread's calls fail, and it stops */
	xj_writeback_stop(xj_writeback_start(-1));
	xj_writeback_stop(NULL);
	CHECK(1);
	return unit_done("writeback");
}
