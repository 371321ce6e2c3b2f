/* writeback.c: a file's written pages sent to the disk behind the writer
 * (writeback.h).  sync_file_range only starts the writing: it waits to
 * hand the pages to the device, not for the device, and that wait is the
 * thread's, not the writer's. */
#define _GNU_SOURCE   /* sync_file_range */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "xj/writeback.h"

/* how often the pages written since are sent */
#define EVERY_MS 200

struct xj_writeback {
	int fd;
	int stop;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
};

#ifdef SYNC_FILE_RANGE_WRITE
static void *sending(void *arg)
{
	struct xj_writeback *w = arg;
	struct timespec until;
	int stop = 0;

	while (!stop) {
		/* the whole file: the kernel sends only what is not yet sent */
		sync_file_range(w->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += EVERY_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		pthread_mutex_lock(&w->lock);
		while (!w->stop && pthread_cond_timedwait(&w->changed, &w->lock, &until) == 0)
			;
		stop = w->stop;
		pthread_mutex_unlock(&w->lock);
	}
	return NULL;
}

struct xj_writeback *xj_writeback_start(int fd)
{
	struct xj_writeback *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->fd = fd;
	if (pthread_mutex_init(&w->lock, NULL) != 0) {
		free(w);
		return NULL;
	}
	if (pthread_cond_init(&w->changed, NULL) != 0 ||
	    pthread_create(&w->thread, NULL, sending, w) != 0) {
		pthread_cond_destroy(&w->changed);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

void xj_writeback_stop(struct xj_writeback *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->changed);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->changed);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
#else
struct xj_writeback *xj_writeback_start(int fd)
{
	(void)fd;
	return NULL;
}

void xj_writeback_stop(struct xj_writeback *w)
{
	(void)w;
}
#endif
