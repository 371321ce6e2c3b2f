/* signer.c: statements signed by a second thread (signer.h).  A ring of
 * XJ_SIGNER_AHEAD slots: the caller puts at `put`, the thread signs up
 * to `put` and advances `done`, the caller takes up to `done`.  Only the
 * counters are shared, under the mutex; a slot in [done, put) is the
 * thread's, any other the caller's.  The thread, once woken, signs all
 * there is before it sleeps again. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xj/signer.h"
#include "xj/strbuf.h"

#define SIGNER_BATCH 32

struct xj_signer {
	const struct xj_key *key;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work;    /* a statement put, or stop */
	pthread_cond_t ready;   /* a statement signed */
	size_t put, done, taken;
	int stop;
	struct xj_signed ring[XJ_SIGNER_AHEAD];
};

static void *sign_loop(void *arg)
{
	struct xj_signer *g = arg;
	struct xj_signed *job;

	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!g->stop && g->done == g->put)
			pthread_cond_wait(&g->work, &g->mu);
		if (g->stop)
			break;
		job = &g->ring[g->done % XJ_SIGNER_AHEAD];
		pthread_mutex_unlock(&g->mu);
		xj_key_sign(g->key, job->msg, job->len, job->sig);
		pthread_mutex_lock(&g->mu);
		g->done++;
		pthread_cond_signal(&g->ready);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

struct xj_signer *xj_signer_new(const struct xj_key *k)
{
	struct xj_signer *g = xj_xcalloc(1, sizeof(*g));

	g->key = k;
	if (pthread_mutex_init(&g->mu, NULL) != 0) {
		free(g);
		return NULL;
	}
	if (pthread_cond_init(&g->work, NULL) != 0)
		goto no_work;
	if (pthread_cond_init(&g->ready, NULL) != 0)
		goto no_ready;
	if (pthread_create(&g->thread, NULL, sign_loop, g) == 0)
		return g;
	pthread_cond_destroy(&g->ready);
no_ready:
	pthread_cond_destroy(&g->work);
no_work:
	pthread_mutex_destroy(&g->mu);
	free(g);
	return NULL;
}

void xj_signer_put(struct xj_signer *g, long long tag, char *msg, size_t len)
{
	struct xj_signed *job;

	/* the slot at put is the caller's until put moves past it; the
	 * caller has taken enough to have one (signer.h) */
	job = &g->ring[g->put % XJ_SIGNER_AHEAD];
	job->tag = tag;
	job->msg = msg;
	job->len = len;
	pthread_mutex_lock(&g->mu);
	g->put++;
	/* woken for a batch, not for each: a wake is a system call, and
	 * costs the caller more than half of what the signature saves */
	if (g->put - g->done >= SIGNER_BATCH)
		pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
}

int xj_signer_take(struct xj_signer *g, int wait, struct xj_signed *out)
{
	int got;

	pthread_mutex_lock(&g->mu);
	if (wait && g->done != g->put)   /* what is left of a batch, now */
		pthread_cond_signal(&g->work);
	while (wait && g->taken == g->done && g->done != g->put)
		pthread_cond_wait(&g->ready, &g->mu);
	got = g->taken != g->done;
	pthread_mutex_unlock(&g->mu);
	if (!got)
		return 0;
	*out = g->ring[g->taken % XJ_SIGNER_AHEAD];
	pthread_mutex_lock(&g->mu);
	g->taken++;
	pthread_mutex_unlock(&g->mu);
	return 1;
}

size_t xj_signer_pending(const struct xj_signer *g)
{
	/* read by the caller only, who alone moves put and taken */
	return g->put - g->taken;
}

void xj_signer_free(struct xj_signer *g)
{
	size_t i;

	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stop = 1;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->thread, NULL);
	for (i = g->taken; i != g->put; i++)
		free(g->ring[i % XJ_SIGNER_AHEAD].msg);
	pthread_cond_destroy(&g->ready);
	pthread_cond_destroy(&g->work);
	pthread_mutex_destroy(&g->mu);
	free(g);
}
