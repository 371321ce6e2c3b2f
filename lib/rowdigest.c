/* rowdigest.c: rows known by their digests.  A digest is SipHash-128
 * (libsodium's) of the row's values under a key of the file's and its
 * names (BLAKE2b, made once for a file with a header): a row costs a few
 * hundredths of a microsecond, on the thread that reads the file.  The set
 * sorts its entries into buckets by their first bits, about four to a
 * bucket: a row is found in one or two cache lines, and the set costs
 * little more than its entries. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "xj/rowdigest.h"

struct xj_rowdigest_set {
	struct xj_rowdigest_entry *e;
	size_t n;
	unsigned bits;       /* a bucket is the digest's first bits */
	uint32_t *start;     /* bucket b is e[start[b]] .. e[start[b + 1] - 1] */
};

void xj_rowdigest_key_make(struct xj_rowdigest_key *key, const void *what, size_t len)
{
	crypto_generichash(key->k, sizeof(key->k), what, len, NULL, 0);
}

void xj_rowdigest_text(const struct xj_rowdigest_key *key, const char *text, size_t len,
		       unsigned char out[XJ_ROWDIGEST_BYTES])
{
	unsigned char h[crypto_shorthash_siphashx24_BYTES];

	crypto_shorthash_siphashx24(h, (const unsigned char *)text, len, key->k);
	memcpy(out, h, XJ_ROWDIGEST_BYTES);
}

void xj_rowdigest_row(const struct xj_rowdigest_key *key, struct xj_rowdigest_names *cache,
		      const char *names, size_t nlen, const char *values, size_t vlen,
		      unsigned char out[XJ_ROWDIGEST_BYTES])
{
	if (!cache->made || cache->names.len != nlen || memcmp(cache->names.buf, names, nlen) ||
	    memcmp(cache->of.k, key->k, sizeof(key->k))) {
		cache->of = *key;
		xj_sb_reset(&cache->names);
		xj_sb_add(&cache->names, names, nlen);
		crypto_generichash(cache->key.k, sizeof(cache->key.k), (const unsigned char *)names,
				   nlen, key->k, sizeof(key->k));
		cache->made = 1;
	}
	xj_rowdigest_text(&cache->key, values, vlen, out);
}

void xj_rowdigest_record(const struct xj_rowdigest_key *key, struct xj_rowdigest_names *cache,
			 const struct xj_record *rec, struct xj_sb *scratch,
			 unsigned char out[XJ_ROWDIGEST_BYTES])
{
	size_t i, nlen;

	xj_sb_reset(scratch);
	for (i = 0; i < rec->n; i++)
		xj_sb_add(scratch, rec->names[i], strlen(rec->names[i]) + 1);
	nlen = scratch->len;
	for (i = 0; i < rec->n; i++)
		xj_sb_add(scratch, rec->values[i], strlen(rec->values[i]) + 1);
	xj_rowdigest_row(key, cache, scratch->buf ? scratch->buf : "", nlen,
			 scratch->buf ? scratch->buf + nlen : "", scratch->len - nlen, out);
}

void xj_rowdigest_names_release(struct xj_rowdigest_names *cache)
{
	xj_sb_release(&cache->names);
	cache->made = 0;
}

uint32_t xj_rowdigest_sid(const struct xj_rowdigest_entry *e)
{
	return (uint32_t)e->sid[0] | (uint32_t)e->sid[1] << 8 | (uint32_t)e->sid[2] << 16 |
	       (uint32_t)e->sid[3] << 24;
}

void xj_rowdigest_entry_set(struct xj_rowdigest_entry *e, const unsigned char *d,
			    uint32_t sid)
{
	memcpy(e->d, d, XJ_ROWDIGEST_BYTES);
	e->sid[0] = (unsigned char)sid;
	e->sid[1] = (unsigned char)(sid >> 8);
	e->sid[2] = (unsigned char)(sid >> 16);
	e->sid[3] = (unsigned char)(sid >> 24);
}

static uint32_t bucket(const struct xj_rowdigest_set *s, const unsigned char d[])
{
	uint32_t top = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];

	return top >> (32 - s->bits);
}

/* The entries moved into their buckets in place: each swap puts one
 * where it belongs (an American flag sort, one pass). */
static void into_buckets(struct xj_rowdigest_set *s)
{
	uint32_t nb = (uint32_t)1 << s->bits, b, t;
	uint32_t *next = xj_xreallocarray(NULL, nb, sizeof(*next));
	struct xj_rowdigest_entry tmp;
	size_t i;

	for (i = 0; i < s->n; i++)
		s->start[bucket(s, s->e[i].d) + 1]++;
	for (b = 0; b < nb; b++)
		s->start[b + 1] += s->start[b];
	memcpy(next, s->start, nb * sizeof(*next));
	for (b = 0; b < nb; b++)
		while (next[b] < s->start[b + 1]) {
			t = bucket(s, s->e[next[b]].d);
			if (t == b) {
				next[b]++;
				continue;
			}
			tmp = s->e[next[b]];
			s->e[next[b]] = s->e[next[t]];
			s->e[next[t]++] = tmp;
		}
	free(next);
}

struct xj_rowdigest_set *xj_rowdigest_set_make(struct xj_rowdigest_entry *e, size_t n)
{
	struct xj_rowdigest_set *s;

	if (!n || n > UINT32_MAX) {
		free(e);
		return NULL;
	}
	s = xj_xcalloc(1, sizeof(*s));
	s->e = e;
	s->n = n;
	for (s->bits = 4; s->bits < 30 && ((size_t)4 << s->bits) < n; s->bits++)
		;
	s->start = xj_xcalloc(((size_t)1 << s->bits) + 1, sizeof(*s->start));
	into_buckets(s);
	return s;
}

long xj_rowdigest_set_find(const struct xj_rowdigest_set *s, const unsigned char *d)
{
	uint32_t b, i;

	if (!s)
		return -1;
	b = bucket(s, d);
	for (i = s->start[b]; i < s->start[b + 1]; i++)
		if (memcmp(s->e[i].d, d, XJ_ROWDIGEST_BYTES) == 0 && xj_rowdigest_sid(&s->e[i]))
			return (long)i;
	return -1;
}

void xj_rowdigest_set_prefetch(const struct xj_rowdigest_set *s, const unsigned char *d,
			       int step)
{
	uint32_t b;

	if (!s)
		return;
	b = bucket(s, d);
	if (step == 0)
		__builtin_prefetch(&s->start[b]);
	else
		__builtin_prefetch(&s->e[s->start[b]]);
}

size_t xj_rowdigest_set_size(const struct xj_rowdigest_set *s)
{
	return s ? s->n : 0;
}

const struct xj_rowdigest_entry *xj_rowdigest_set_at(const struct xj_rowdigest_set *s, size_t i)
{
	return &s->e[i];
}

void xj_rowdigest_set_free(struct xj_rowdigest_set *s)
{
	if (!s)
		return;
	free(s->e);
	free(s->start);
	free(s);
}
