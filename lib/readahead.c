/* readahead.c: a file's rows read and normalised by a second thread, in
 * batches handed over in a ring.  Reading and normalising a row costs
 * about what storing it does, so with the two at once a large file goes
 * in in little more than the time of the store's half.  The rows keep
 * what they reported; the caller says it in order (readahead.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "xj/readahead.h"

/* rows a batch; batches in the ring: a lock taken per batch, not per
 * row, and a few hundred rows' buffers held at most */
#define BATCH 128
#define NBATCH 3
/* What the ring may hold however long the rows (a CSV row may have 64
 * MiB): a batch ends once its rows' bytes pass BATCH_BYTES; a row's
 * buffers past ROW_KEEP are freed, not kept for the next row in its
 * place; a row past ROW_BIG ends the reading ahead, and the caller
 * reads the rest itself, so that no more than one such row is held, as
 * when it reads row by row. */
#define BATCH_BYTES (256 << 10)
#define ROW_KEEP (64 << 10)
#define ROW_BIG (1 << 20)

enum { FREE, READY };

struct batch {
	int state;
	size_t n;
	struct xj_ahead_row rows[BATCH];
};

struct xj_readahead {
	struct xj_reader *r;
	struct xj_store *st;
	struct xj_norm_opts o;
	int normalise;
	unsigned noted;   /* xj_norm's whole-file remarks, for all the rows */
	const struct xj_rowdigest_key *key;
	const struct xj_rowdigest_set *set;
	struct xj_rowdigest_names names;   /* the key of the rows' names */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	atomic_int stop;
	struct batch b[NBATCH];
	int cur;          /* the caller's batch, -1 before the first */
	size_t at;        /* its next row */
	int ended;        /* the last row was handed over */
};

static void keep(void *ctx, const struct xj_error *e, int warning)
{
	struct xj_ahead_row *row = ctx;

	if (row->nsaid == row->saidcap) {
		row->saidcap = row->saidcap ? 2 * row->saidcap : 4;
		row->said = xj_xreallocarray(row->said, row->saidcap, sizeof(*row->said));
	}
	row->said[row->nsaid].e = *e;
	row->said[row->nsaid++].warning = warning;
}

/* The record copied into the row: its names, then its values, each
 * ended by a NUL, in text (the values are then the text a digest is of),
 * then pointed at (text no longer moves once all are in).  Each string's
 * length is taken once: the copy is a tenth of the reading. */
static void copy_record(struct xj_ahead_row *row, const struct xj_record *rec)
{
	size_t i;

	xj_sb_reset(&row->text);
	if (row->nptrs < 2 * rec->n) {
		row->nptrs = 2 * rec->n;
		row->ptrs = xj_xreallocarray(row->ptrs, row->nptrs, sizeof(*row->ptrs));
		row->offs = xj_xreallocarray(row->offs, row->nptrs, sizeof(*row->offs));
	}
	for (i = 0; i < rec->n; i++) {
		row->offs[i] = row->text.len;
		xj_sb_add(&row->text, rec->names[i], strlen(rec->names[i]) + 1);
	}
	row->values_at = row->text.len;
	for (i = 0; i < rec->n; i++) {
		row->offs[rec->n + i] = row->text.len;
		xj_sb_add(&row->text, rec->values[i], strlen(rec->values[i]) + 1);
	}
	for (i = 0; i < 2 * rec->n; i++)
		row->ptrs[i] = row->text.buf + row->offs[i];
	row->rec = *rec;
	row->rec.names = row->ptrs;
	row->rec.values = row->ptrs + rec->n;
}

static size_t norm_bytes(const struct xj_norm *n)
{
	size_t sum = n->data.alloc + n->fields.alloc + n->reasons.alloc + n->tmp.alloc +
		     n->fix.alloc;
	int f;

	for (f = 0; f < XJ_S_COUNT; f++)
		sum += n->val[f].alloc;
	return sum;
}

/* A long row's buffers are not kept for the row after it in its place. */
static void trim(struct xj_ahead_row *row)
{
	if (row->text.alloc > ROW_KEEP)
		xj_sb_release(&row->text);
	if (row->n && norm_bytes(row->n) > ROW_KEEP)
		xj_normalize_release(row->n);
}

/* A row read and copied, its digest taken: what it needs of the set is
 * asked of memory (step 0) while the batch's other rows are read. */
static void read_one(struct xj_readahead *a, struct xj_ahead_row *row)
{
	struct xj_record rec;

	trim(row);
	memset(&rec, 0, sizeof(rec));
	xj_error_clear(&row->err);
	row->nsaid = 0;
	row->norm = 0;
	row->found = -1;
	row->rc = xj_reader_next(a->r, &rec, &row->err);
	if (row->rc > 0 || (row->rc < 0 && row->err.code == XJ_EDATA))
		copy_record(row, &rec);
	/* the file goes on after a row this long: read by the caller */
	row->more = row->text.len > ROW_BIG && (row->rc > 0 || row->err.code == XJ_EDATA);
	if (row->rc < 0)
		row->rec.file = xj_reader_name(a->r);
	if (row->rc > 0 && a->key) {
		const char *t = row->text.buf ? row->text.buf : "";

		xj_rowdigest_row(a->key, &a->names, t, row->values_at, t + row->values_at,
				 row->text.len - row->values_at, row->digest);
		xj_rowdigest_set_prefetch(a->set, row->digest, 0);
	}
}

/* The row looked for in the set, and normalised unless found there. */
static void finish_one(struct xj_readahead *a, struct xj_ahead_row *row)
{
	if (row->rc > 0 && a->key)
		row->found = xj_rowdigest_set_find(a->set, row->digest);
	if (row->rc <= 0 || !a->normalise || row->found >= 0)
		return;
	a->o.ctx = row;
	if (!row->n)
		row->n = xj_xcalloc(1, sizeof(*row->n));
	row->n->noted = a->noted;
	row->norm = xj_normalize(a->st, &row->rec, &a->o, row->n, &row->err);
	a->noted = row->n->noted;
}

/* A row that ends the stream (the end, or an error other than a bad
 * row), or the reading ahead. */
static int last(const struct xj_ahead_row *row)
{
	return row->rc == 0 || (row->rc < 0 && row->err.code != XJ_EDATA) || row->norm < 0 ||
	       row->more;
}

static void *produce(void *arg)
{
	struct xj_readahead *a = arg;
	struct batch *b;
	size_t bytes, i;
	int k = 0, end = 0;

	while (!end) {
		b = &a->b[k];
		pthread_mutex_lock(&a->lock);
		while (b->state != FREE && !atomic_load(&a->stop))
			pthread_cond_wait(&a->changed, &a->lock);
		pthread_mutex_unlock(&a->lock);
		if (atomic_load(&a->stop))
			break;
		/* the batch read, then its rows finished: a row's wait for
		 * the set's memory overlaps the reading of the others */
		bytes = 0;
		for (b->n = 0; b->n < BATCH && bytes < BATCH_BYTES && !end &&
		     !atomic_load(&a->stop); b->n++) {
			read_one(a, &b->rows[b->n]);
			end = last(&b->rows[b->n]);
			bytes += b->rows[b->n].text.len;
		}
		for (i = 0; a->set && i < b->n; i++)
			if (b->rows[i].rc > 0)
				xj_rowdigest_set_prefetch(a->set, b->rows[i].digest, 1);
		for (i = 0; i < b->n; i++) {
			finish_one(a, &b->rows[i]);
			end |= last(&b->rows[i]);
		}
		pthread_mutex_lock(&a->lock);
		b->state = READY;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
		k = (k + 1) % NBATCH;
	}
	return NULL;
}

struct xj_readahead *xj_readahead_start(struct xj_reader *r, struct xj_store *st,
					const struct xj_norm_opts *o, int normalise,
					unsigned noted, const struct xj_rowdigest_key *key,
					const struct xj_rowdigest_set *set)
{
	struct xj_readahead *a;

	if (!xj_reader_regular(r))
		return NULL;
	a = xj_xcalloc(1, sizeof(*a));
	a->r = r;
	a->st = st;
	a->o = *o;
	a->o.report = keep;
	a->normalise = normalise;
	a->noted = noted;
	a->key = key;
	a->set = set;
	a->cur = -1;
	atomic_init(&a->stop, 0);
	if (pthread_mutex_init(&a->lock, NULL) != 0) {
		free(a);
		return NULL;
	}
	if (pthread_cond_init(&a->changed, NULL) != 0 ||
	    pthread_create(&a->thread, NULL, produce, a) != 0) {
		pthread_cond_destroy(&a->changed);
		pthread_mutex_destroy(&a->lock);
		free(a);
		return NULL;
	}
	return a;
}

struct xj_ahead_row *xj_readahead_next(struct xj_readahead *a)
{
	struct batch *b;

	if (a->ended)
		return NULL;
	if (a->cur < 0 || a->at == a->b[a->cur].n) {
		pthread_mutex_lock(&a->lock);
		if (a->cur >= 0) {   /* the caller is done with it */
			a->b[a->cur].state = FREE;
			pthread_cond_broadcast(&a->changed);
		}
		a->cur = (a->cur + 1) % NBATCH;
		while (a->b[a->cur].state != READY)
			pthread_cond_wait(&a->changed, &a->lock);
		pthread_mutex_unlock(&a->lock);
		a->at = 0;
	}
	b = &a->b[a->cur];
	if (last(&b->rows[a->at]))
		a->ended = 1;
	return &b->rows[a->at++];
}

static void row_release(struct xj_ahead_row *row)
{
	if (row->n)
		xj_normalize_release(row->n);
	free(row->n);
	xj_sb_release(&row->text);
	free(row->said);
	free(row->ptrs);
	free(row->offs);
}

void xj_readahead_stop(struct xj_readahead *a)
{
	int k;
	size_t i;

	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	atomic_store(&a->stop, 1);
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	pthread_cond_destroy(&a->changed);
	pthread_mutex_destroy(&a->lock);
	for (k = 0; k < NBATCH; k++)
		for (i = 0; i < BATCH; i++)
			row_release(&a->b[k].rows[i]);
	xj_rowdigest_names_release(&a->names);
	free(a);
}
