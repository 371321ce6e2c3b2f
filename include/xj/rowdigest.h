/* rowdigest.h: the rows a roster import took whole, known again.  Each row
 * an import took with nothing to say (a student made, changed, or found
 * as it is) is kept as a digest of its names and values, with its
 * student's id; the next import of the roster passes over a row whose
 * digest it holds, as unchanged, without normalising it or asking the
 * store (import_digest.c).  The digest is keyed by what else decides what
 * a row makes (the normalisation's version, the import's options, the
 * file's encoding, the region table's version), so that a row read under
 * others is never taken for one read before. */
#ifndef XJ_ROWDIGEST_H
#define XJ_ROWDIGEST_H

#include <stddef.h>
#include <stdint.h>

#include "xj/reader.h"
#include "xj/strbuf.h"

/* 96 bits: two rows of a million each meet by chance once in 10^16. */
#define XJ_ROWDIGEST_BYTES 12

/* One row kept, as it is stored (16 bytes): the digest, then the
 * student's id, little-endian. */
struct xj_rowdigest_entry {
	unsigned char d[XJ_ROWDIGEST_BYTES];
	unsigned char sid[4];
};

struct xj_rowdigest_key {
	unsigned char k[16];
};

/* The key of a file's rows, made from len bytes of what decides them. */
void xj_rowdigest_key_make(struct xj_rowdigest_key *key, const void *what, size_t len);
/* A digest of len bytes of text under key. */
void xj_rowdigest_text(const struct xj_rowdigest_key *key, const char *text, size_t len,
		       unsigned char out[XJ_ROWDIGEST_BYTES]);

/* The names a row's digest was last keyed by: the rows of a file with a
 * header all have the same, and the key made of them is made once. */
struct xj_rowdigest_names {
	struct xj_sb names;
	struct xj_rowdigest_key of, key;   /* the file's key, and the one made */
	int made;
};
#define XJ_ROWDIGEST_NAMES_INIT { XJ_SB_INIT, { { 0 } }, { { 0 } }, 0 }

/* A row's digest: its values, each followed by a NUL, in order, under a
 * key made of the file's key and its names, likewise (kept in cache for
 * the next row). */
void xj_rowdigest_row(const struct xj_rowdigest_key *key, struct xj_rowdigest_names *cache,
		      const char *names, size_t nlen, const char *values, size_t vlen,
		      unsigned char out[XJ_ROWDIGEST_BYTES]);
/* The same, of a record, its names and values gathered in scratch. */
void xj_rowdigest_record(const struct xj_rowdigest_key *key, struct xj_rowdigest_names *cache,
			 const struct xj_record *rec, struct xj_sb *scratch,
			 unsigned char out[XJ_ROWDIGEST_BYTES]);
void xj_rowdigest_names_release(struct xj_rowdigest_names *cache);

uint32_t xj_rowdigest_sid(const struct xj_rowdigest_entry *e);
void xj_rowdigest_entry_set(struct xj_rowdigest_entry *e, const unsigned char *d,
			    uint32_t sid);

/* A set of kept rows, found by digest. */
struct xj_rowdigest_set;

/* The set of n entries at e, which it takes (realloc'd memory, freed with
 * the set; NULL n == 0).  An entry of student 0 is never found. */
struct xj_rowdigest_set *xj_rowdigest_set_make(struct xj_rowdigest_entry *e, size_t n);
/* The index of the entry of digest d, or -1.  The set is not changed
 * after it is made, so another thread may look in it. */
long xj_rowdigest_set_find(const struct xj_rowdigest_set *s, const unsigned char *d);
/* Where finding d will look, asked of memory ahead: step 0 its bucket,
 * then (once that may have come) step 1 its entries.  Finding a row
 * costs two waits for memory; asked ahead for a batch of rows, they
 * overlap. */
void xj_rowdigest_set_prefetch(const struct xj_rowdigest_set *s, const unsigned char *d,
			       int step);
size_t xj_rowdigest_set_size(const struct xj_rowdigest_set *s);
const struct xj_rowdigest_entry *xj_rowdigest_set_at(const struct xj_rowdigest_set *s, size_t i);
void xj_rowdigest_set_free(struct xj_rowdigest_set *s);

#endif
