/* test_rowdigest.c: rows known by their digests (rowdigest.h).  A row's
 * digest is of its names and values with their bounds, under its file's
 * key; a set finds each of its entries and nothing else, whatever their
 * order, however many share a bucket, and never an entry of student 0. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "xj/rowdigest.h"

static void digest_of(const struct xj_rowdigest_key *k, const char *text, size_t len,
		      unsigned char d[XJ_ROWDIGEST_BYTES])
{
	xj_rowdigest_text(k, text, len, d);
}

/* The values of the record in digests(), as a row's text has them. */
#define V "2611\0张伟\0"
#define VLEN (5 + strlen("张伟") + 1)

static void digests(void)
{
	struct xj_rowdigest_key k1, k2;
	struct xj_rowdigest_names c1 = XJ_ROWDIGEST_NAMES_INIT, c2 = XJ_ROWDIGEST_NAMES_INIT;
	unsigned char a[XJ_ROWDIGEST_BYTES], b[XJ_ROWDIGEST_BYTES];
	const char *names[] = { "exam_no", "name" }, *values[] = { "2611", "张伟" };
	struct xj_record rec = { .file = "r.csv", .line = 2, .n = 2, .names = names,
		.values = values };
	struct xj_sb scratch = XJ_SB_INIT;

	xj_rowdigest_key_make(&k1, "utf-8", 5);
	xj_rowdigest_key_make(&k2, "gb18030", 7);
	digest_of(&k1, "a\0bc\0", 5, a);
	digest_of(&k1, "a\0bc\0", 5, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	/* the bounds are part of it: a value's end is not the next's start */
	digest_of(&k1, "ab\0c\0", 5, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	/* another key, another digest of the same text */
	digest_of(&k2, "a\0bc\0", 5, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	/* a record's is that of its names and values, however many rows
	 * before it had the same names, or others */
	xj_rowdigest_record(&k1, &c1, &rec, &scratch, a);
	xj_rowdigest_row(&k1, &c2, "exam_no\0name\0", 13, V, VLEN, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	xj_rowdigest_row(&k1, &c2, "exam_no\0name\0", 13, V, VLEN, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	/* the same values under other names, or names bounded otherwise */
	xj_rowdigest_row(&k1, &c2, "exam_no\0nam\0", 12, V, VLEN, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	xj_rowdigest_row(&k1, &c2, "exam_noname\0\0", 13, V, VLEN, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	xj_rowdigest_record(&k1, &c1, &rec, &scratch, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	/* the file's key is in it, the names' key made again for another */
	xj_rowdigest_record(&k2, &c1, &rec, &scratch, b);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	xj_rowdigest_record(&k1, &c1, &rec, &scratch, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	rec.n = 0;
	xj_rowdigest_record(&k1, &c1, &rec, &scratch, a);
	xj_rowdigest_row(&k1, &c2, "", 0, "", 0, b);
	CHECK(memcmp(a, b, sizeof(a)) == 0);
	xj_sb_release(&scratch);
	xj_rowdigest_names_release(&c1);
	xj_rowdigest_names_release(&c2);
}

/* n entries: digest of i under k, student i + 1 (0 for those of
 * zero_every, when set). */
static struct xj_rowdigest_entry *entries(const struct xj_rowdigest_key *k, size_t n,
					  size_t zero_every)
{
	struct xj_rowdigest_entry *e = xj_xreallocarray(NULL, n, sizeof(*e));
	unsigned char d[XJ_ROWDIGEST_BYTES];
	char text[32];
	size_t i;

	for (i = 0; i < n; i++) {
		int len = snprintf(text, sizeof(text), "row\t%zu", i);

		digest_of(k, text, (size_t)len, d);
		xj_rowdigest_entry_set(&e[i], d,
				       zero_every && i % zero_every == 0 ? 0 : (uint32_t)(i + 1));
	}
	return e;
}

static void sets(size_t n)
{
	struct xj_rowdigest_key k;
	struct xj_rowdigest_entry *want;
	struct xj_rowdigest_set *s;
	unsigned char d[XJ_ROWDIGEST_BYTES];
	char text[32];
	size_t i, found = 0, right = 0, none = 0, zero = 0;
	long at;

	xj_rowdigest_key_make(&k, "key", 3);
	want = entries(&k, n, 7);
	s = xj_rowdigest_set_make(entries(&k, n, 7), n);
	CHECK(xj_rowdigest_set_size(s) == n);
	for (i = 0; i < n; i++) {
		at = xj_rowdigest_set_find(s, want[i].d);
		if (xj_rowdigest_sid(&want[i]) == 0) {
			zero += at < 0;
			continue;
		}
		found += at >= 0;
		right += at >= 0 && xj_rowdigest_sid(xj_rowdigest_set_at(s, (size_t)at)) ==
					    xj_rowdigest_sid(&want[i]);
	}
	for (i = 0; i < n; i++) {
		int len = snprintf(text, sizeof(text), "other\t%zu", i);

		digest_of(&k, text, (size_t)len, d);
		none += xj_rowdigest_set_find(s, d) < 0;
	}
	CHECK(found == n - (n + 6) / 7);
	CHECK(right == found);
	CHECK(zero == (n + 6) / 7);
	CHECK(none == n);
	xj_rowdigest_set_free(s);
	free(want);
}

/* Entries all in one bucket (the same first bits) are each found. */
static void one_bucket(void)
{
	size_t n = 200, i, found = 0;
	struct xj_rowdigest_entry *e = xj_xcalloc(n, sizeof(*e)), *copy;
	struct xj_rowdigest_set *s;
	unsigned char d[XJ_ROWDIGEST_BYTES];

	for (i = 0; i < n; i++) {
		memset(d, 0, sizeof(d));
		d[XJ_ROWDIGEST_BYTES - 1] = (unsigned char)i;
		d[XJ_ROWDIGEST_BYTES - 2] = (unsigned char)(i >> 8);
		xj_rowdigest_entry_set(&e[i], d, (uint32_t)(i + 1));
	}
	copy = xj_xreallocarray(NULL, n, sizeof(*copy));
	memcpy(copy, e, n * sizeof(*e));
	s = xj_rowdigest_set_make(e, n);
	for (i = 0; i < n; i++) {
		long at = xj_rowdigest_set_find(s, copy[i].d);

		found += at >= 0 && xj_rowdigest_sid(xj_rowdigest_set_at(s, (size_t)at)) == i + 1;
	}
	CHECK(found == n);
	xj_rowdigest_set_free(s);
	free(copy);
}

int main(void)
{
	struct xj_rowdigest_entry e;
	unsigned char d[XJ_ROWDIGEST_BYTES] = { 1, 2, 3 };

	digests();
	/* the student's id stored little-endian, whole */
	xj_rowdigest_entry_set(&e, d, 0xA1B2C3D4u);
	CHECK(xj_rowdigest_sid(&e) == 0xA1B2C3D4u);
	CHECK(e.sid[0] == 0xD4 && e.sid[3] == 0xA1);
	CHECK(sizeof(e) == 16);
	/* none, one, a few, many: every bucket size */
	CHECK(xj_rowdigest_set_make(NULL, 0) == NULL);
	CHECK(xj_rowdigest_set_find(NULL, d) == -1);
	CHECK(xj_rowdigest_set_size(NULL) == 0);
	xj_rowdigest_set_free(NULL);
	sets(1);
	sets(3);
	sets(64);
	sets(1000);
	sets(100000);
	one_bucket();
	return unit_done("rowdigest");
}
