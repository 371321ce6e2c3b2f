/* readahead.h: a file's rows read and normalised by a second thread while
 * the caller stores the rows before them.  A row comes back whole, in the
 * file's order: the record (copied, since the reader reuses its buffers),
 * what xj_normalize made of it, and what normalising it reported, kept so
 * that the caller says it where it would have said it reading the row
 * itself.  Only a regular file is read ahead: a read of a pipe may wait
 * for ever, and the caller must be able to stop the thread. */
#ifndef XJ_READAHEAD_H
#define XJ_READAHEAD_H

#include "xj/error.h"
#include "xj/normalize.h"
#include "xj/reader.h"
#include "xj/rowdigest.h"
#include "xj/store.h"
#include "xj/strbuf.h"

struct xj_ahead_said {
	struct xj_error e;
	int warning;
};

struct xj_ahead_row {
	int rc;                 /* xj_reader_next's answer */
	struct xj_error err;    /* its error when rc < 0; xj_normalize's when
				   norm < 0 */
	struct xj_record rec;   /* when rc == 1, or rc < 0 with XJ_EDATA */
	int norm;               /* xj_normalize's answer for a row (rc == 1) */
	struct xj_norm *n;      /* the caller may swap it with its own (the
				   row frees it with xj_normalize_release
				   and free) */
	struct xj_ahead_said *said;   /* what normalising reported, in order */
	size_t nsaid;
	/* with a key: the row's digest, and its entry in the set (-1 none:
	 * a row found is not normalised) */
	unsigned char digest[XJ_ROWDIGEST_BYTES];
	long found;
	int more;               /* the last row handed over, and the file goes
				   on: the caller reads the rest itself (a
				   row too long to read ahead of) */
	/* the row's own: */
	size_t saidcap;
	struct xj_sb text;      /* the record's names, then its values */
	size_t values_at;       /* where in text its values begin */
	const char **ptrs;      /* rec.names, then rec.values */
	size_t *offs;           /* where each is in text, as it is copied */
	size_t nptrs;
};

struct xj_readahead;

/* Read r's rows ahead, each normalised with o (its report and ctx unused)
 * when normalise is set, noted being the whole-file remarks already made
 * (xj_norm's).  With a key, each row's digest is taken, and a row whose
 * digest is in set (which may be NULL) is not normalised.  r and the
 * store's config (xj_normalize_ready) are the thread's until
 * xj_readahead_stop: the caller does not read r,
 * and calls the store only from its own thread.  NULL when r is not a
 * regular file or no thread could start: the caller reads r itself. */
struct xj_readahead *xj_readahead_start(struct xj_reader *r, struct xj_store *st,
					const struct xj_norm_opts *o, int normalise,
					unsigned noted, const struct xj_rowdigest_key *key,
					const struct xj_rowdigest_set *set);
/* The next row, in the file's order, valid until the next call.  The
 * last row has rc <= 0 (the end, or an error that ends the stream), or
 * more set; after it, NULL.  Only a few hundred rows, and a few MiB of
 * them, are held ahead. */
struct xj_ahead_row *xj_readahead_next(struct xj_readahead *a);
/* The thread stopped and everything freed (NULL is nothing). */
void xj_readahead_stop(struct xj_readahead *a);

#endif
