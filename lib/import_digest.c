/* import_digest.c: a roster import's rows known from the last import, and
 * its own kept for the next (import_digest.h).  What is kept is a set of
 * entries, a row's digest with its student: the rows of the last import
 * passed over again are kept by a bit each (their entries are written
 * again at the end), the rows read in full in parts as they come. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_digest.h"
#include "xj/gb2260.h"
#include "xj/jsonw.h"
#include "xj/normalize.h"
#include "xj/sha256.h"

#define PART 4096   /* entries to a part: 64 KiB */

struct xj_import_known {
	struct xj_store *st;
	struct xj_reader *r;
	long long import_id;
	struct xj_rowdigest_key key;
	struct xj_rowdigest_set *set;     /* the last import's rows, or NULL */
	/* of the set's students lo..hi: met in a row passed over, met in a
	 * row read in full; and the set's entries passed over */
	long long lo, hi;
	unsigned char *passed, *met, *carried;
	/* a stream that cannot be read again (standard input, a pipe): the
	 * line each entry was passed over at */
	uint32_t *pass_line;
	/* this import's rows read in full, not yet stored */
	struct xj_rowdigest_entry part[PART];
	size_t held;
	/* the parts stored: how many entries, the first and last one's ids
	 * (when any), their SHA-256 */
	long long n, ids[2];
	struct xj_sha256 h;
	int hashing;
	long long passed_n;   /* rows passed over */
	long long untrusted;  /* the last import, whose digests are not its entry's */
	struct xj_digest_prior prior;   /* the import whose rows may be known */
	int pending;          /* its rows not yet looked at */
};

static int bit(const unsigned char *b, size_t i)
{
	return b[i >> 3] >> (i & 7) & 1;
}

static void set_bit(unsigned char *b, size_t i)
{
	b[i >> 3] |= (unsigned char)(1u << (i & 7));
}

static int in_range(const struct xj_import_known *k, long long sid)
{
	return k->set && sid >= k->lo && sid <= k->hi;
}

/* What decides what a row makes, besides the row: the key's material. */
static int make_key(struct xj_import_known *k, int cohort, int accept_15, struct xj_error *err)
{
	const char *version = "", *path;
	char what[256];
	int n;

	if (xj_gb2260_load(&version, &path, err) < 0)
		return -1;
	n = snprintf(what, sizeof(what), "xj rows 1\n%d\n%d\n%d\n%s\n%s", XJ_NORMALIZE_VERSION,
		     cohort, accept_15 ? 1 : 0, xj_reader_encoding(k->r), version);
	xj_rowdigest_key_make(&k->key, what, (size_t)n < sizeof(what) ? (size_t)n : sizeof(what));
	return 0;
}

static void exclude(void *ctx, long long id)
{
	struct xj_import_known *k = ctx;

	if (id >= k->lo && id <= k->hi)
		set_bit(k->passed, (size_t)(id - k->lo));
}

/* The students of e lo..hi, and those the row log changed since the
 * mark made never found (their id 0). */
static int students_of(struct xj_import_known *k, struct xj_rowdigest_entry *e, size_t n,
		       long long mark, struct xj_error *err)
{
	size_t i, bytes;
	uint32_t sid;

	k->lo = UINT32_MAX;
	k->hi = 0;
	for (i = 0; i < n; i++) {
		sid = xj_rowdigest_sid(&e[i]);
		if (sid && sid < k->lo)
			k->lo = sid;
		if (sid > k->hi)
			k->hi = sid;
	}
	if (k->hi < k->lo)
		return 0;
	bytes = (size_t)(k->hi - k->lo) / 8 + 1;
	k->passed = xj_xcalloc(bytes, 1);
	k->met = xj_xcalloc(bytes, 1);
	if (xj_store_digest_changed(k->st, mark, exclude, k, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		sid = xj_rowdigest_sid(&e[i]);
		if (sid && bit(k->passed, sid - (size_t)k->lo))
			xj_rowdigest_entry_set(&e[i], e[i].d, 0);
	}
	memset(k->passed, 0, bytes);
	return 0;
}

/* The roster import whose rows this one may know, when they hold for it:
 * into k->prior, to be read once the first row is known to be among them
 * (xj_import_known_first). */
static int prior(struct xj_import_known *k, struct xj_error *err)
{
	long long mark, config;
	char today[16];
	int rc = xj_store_digest_prior(k->st, xj_reader_name(k->r), k->import_id, &k->prior, err);

	if (rc <= 0)
		return rc;
	snprintf(today, sizeof(today), "%.10s", xj_store_business(k->st));
	if (xj_store_digest_marks(k->st, &mark, &config, err) < 0)
		return -1;
	/* another config may read a department otherwise; a business date
	 * before the last import's may find a date after it in the future */
	k->pending = config == k->prior.config && strcmp(today, k->prior.on) >= 0;
	return 0;
}

/* Its rows read into the set. */
static int load(struct xj_import_known *k, struct xj_error *err)
{
	struct xj_rowdigest_entry *e = NULL;
	size_t n = (size_t)k->prior.n;
	int rc = xj_store_digest_read(k->st, &k->prior, &e, err);

	if (rc == 0)
		k->untrusted = k->prior.import_id;
	if (rc <= 0)
		return rc;
	if (students_of(k, e, n, k->prior.mark, err) < 0) {
		free(e);
		return -1;
	}
	if (k->hi < k->lo) {   /* no student it could pass over */
		free(e);
		return 0;
	}
	k->set = xj_rowdigest_set_make(e, n);
	k->carried = xj_xcalloc(n / 8 + 1, 1);
	if (!xj_reader_regular(k->r))
		k->pass_line = xj_xcalloc(n, sizeof(*k->pass_line));
	return 0;
}

int xj_import_known_first(struct xj_import_known *k, const unsigned char *d,
			  struct xj_error *err)
{
	int rc;

	if (!k || !k->pending)
		return 0;
	k->pending = 0;
	rc = xj_store_digest_has(k->st, &k->prior, d, err);
	if (rc > 0)
		rc = load(k, err);
	if (rc < 0)
		return -1;
	return k->untrusted != 0;
}

struct xj_import_known *xj_import_known_start(struct xj_store *st, struct xj_reader *r,
					      long long import_id, int cohort, int accept_15,
					      int use, struct xj_error *err)
{
	struct xj_import_known *k = xj_xcalloc(1, sizeof(*k));

	k->st = st;
	k->r = r;
	k->import_id = import_id;
	if (make_key(k, cohort, accept_15, err) < 0) {
		xj_error_clear(err);   /* said by the first row it would check */
		free(k);
		return NULL;
	}
	if (use && prior(k, err) < 0) {
		xj_import_known_free(k);
		return NULL;
	}
	return k;
}

void xj_import_known_reset(struct xj_import_known *k)
{
	size_t bytes;

	if (!k)
		return;
	if (k->set) {
		bytes = (size_t)(k->hi - k->lo) / 8 + 1;
		memset(k->passed, 0, bytes);
		memset(k->met, 0, bytes);
		memset(k->carried, 0, xj_rowdigest_set_size(k->set) / 8 + 1);
		if (k->pass_line)
			memset(k->pass_line, 0,
			       xj_rowdigest_set_size(k->set) * sizeof(*k->pass_line));
	}
	if (k->hashing)
		xj_sha256_drop(&k->h);
	k->hashing = 0;
	k->held = 0;
	k->passed_n = 0;
	k->n = 0;
}

void xj_import_known_free(struct xj_import_known *k)
{
	if (!k)
		return;
	xj_import_known_reset(k);
	xj_rowdigest_set_free(k->set);
	free(k->passed);
	free(k->met);
	free(k->carried);
	free(k->pass_line);
	free(k);
}

long long xj_import_known_untrusted(const struct xj_import_known *k)
{
	return k ? k->untrusted : 0;
}

const struct xj_rowdigest_key *xj_import_known_key(const struct xj_import_known *k)
{
	return &k->key;
}

const struct xj_rowdigest_set *xj_import_known_set(const struct xj_import_known *k)
{
	return k->set;
}

long long xj_import_known_pass(struct xj_import_known *k, long i, long line)
{
	uint32_t sid = xj_rowdigest_sid(xj_rowdigest_set_at(k->set, (size_t)i));
	size_t at = (size_t)(sid - k->lo);

	if (bit(k->passed, at) || bit(k->met, at))
		return 0;
	set_bit(k->passed, at);
	set_bit(k->carried, (size_t)i);
	if (k->pass_line)
		k->pass_line[i] = line > 0 && line < (long)UINT32_MAX ? (uint32_t)line : UINT32_MAX;
	k->passed_n++;
	return sid;
}

/* The line of the row passed over for sid: kept, for a stream read
 * once, else the file read again up to the first row of its digest
 * (rare: a student named twice). */
static int line_passed(struct xj_import_known *k, long long sid, long *line,
		       struct xj_error *err)
{
	const struct xj_rowdigest_entry *e = NULL;
	struct xj_reader *again;
	struct xj_record rec;
	struct xj_sb text = XJ_SB_INIT;
	struct xj_rowdigest_names names = XJ_ROWDIGEST_NAMES_INIT;
	unsigned char d[XJ_ROWDIGEST_BYTES];
	size_t i, n = xj_rowdigest_set_size(k->set);
	int rc;

	for (i = 0; i < n && !e; i++)
		if (bit(k->carried, i) && xj_rowdigest_sid(xj_rowdigest_set_at(k->set, i)) == sid)
			e = xj_rowdigest_set_at(k->set, i);
	*line = 0;
	if (!e)
		return 0;
	if (k->pass_line) {
		*line = (long)k->pass_line[i - 1];
		return 0;
	}
	if (!(again = xj_reader_again(k->r, err)))
		return -1;
	for (;;) {
		memset(&rec, 0, sizeof(rec));
		rc = xj_reader_next(again, &rec, err);
		if (rc == 0 || (rc < 0 && err->code != XJ_EDATA))
			break;
		xj_error_clear(err);
		if (rc < 0)
			continue;
		xj_rowdigest_record(&k->key, &names, &rec, &text, d);
		if (memcmp(d, e->d, sizeof(d)) == 0) {
			*line = rec.line;
			break;
		}
	}
	xj_sb_release(&text);
	xj_rowdigest_names_release(&names);
	xj_reader_free(again);
	return rc < 0 && err->code != XJ_EDATA ? -1 : 0;
}

int xj_import_known_passed(struct xj_import_known *k, long long sid, long *line,
			   struct xj_error *err)
{
	size_t at;

	if (!k || !in_range(k, sid))
		return 0;
	at = (size_t)(sid - k->lo);
	if (!bit(k->passed, at)) {
		set_bit(k->met, at);
		return 0;
	}
	return line_passed(k, sid, line, err) < 0 ? -1 : 1;
}

/* n entries at e stored as a part, into the digest of all. */
static int store_part(struct xj_import_known *k, const struct xj_rowdigest_entry *e, size_t n,
		      struct xj_error *err)
{
	long long id;

	if (!n)
		return 0;
	if (!k->hashing && xj_sha256_init(&k->h, err) < 0)
		return -1;
	k->hashing = 1;
	if (xj_store_digest_part(k->st, k->import_id, e, n, &id, err) < 0)
		return -1;
	xj_sha256_update(&k->h, e, n * sizeof(*e));
	if (!k->n)
		k->ids[0] = id;
	k->ids[1] = id;
	k->n += (long long)n;
	return 0;
}

int xj_import_known_keep(struct xj_import_known *k, const unsigned char *d, long long sid,
			 int may_write, struct xj_error *err)
{
	int rc = 0;

	if (!k || sid <= 0 || sid > UINT32_MAX)
		return 0;
	/* before the store has changed, a full part is forgotten: the entry
	 * that would vouch for it may never be written */
	if (k->held == PART) {
		if (may_write)
			rc = store_part(k, k->part, k->held, err);
		k->held = 0;
	}
	xj_rowdigest_entry_set(&k->part[k->held++], d, (uint32_t)sid);
	return rc;
}

/* The set's entries passed over again, stored as parts. */
static int store_carried(struct xj_import_known *k, struct xj_error *err)
{
	struct xj_rowdigest_entry *buf;
	size_t i, n = xj_rowdigest_set_size(k->set), m = 0;
	int rc = 0;

	if (!n)
		return 0;
	if (xj_store_digest_bulk(k->st, 1, err) < 0)
		return -1;
	buf = xj_xreallocarray(NULL, PART, sizeof(*buf));
	for (i = 0; rc == 0 && i < n; i++) {
		if (!bit(k->carried, i))
			continue;
		buf[m++] = *xj_rowdigest_set_at(k->set, i);
		if (m == PART) {
			rc = store_part(k, buf, m, err);
			m = 0;
		}
	}
	if (rc == 0)
		rc = store_part(k, buf, m, err);
	free(buf);
	return rc < 0 ? -1 : xj_store_digest_bulk(k->st, 0, err);
}

int xj_import_known_end(struct xj_import_known *k, struct xj_jw *j, struct xj_error *err)
{
	long long mark, config;
	char hex[65];
	int rc;

	if (!k)
		return 0;
	rc = store_carried(k, err);
	if (rc == 0)
		rc = store_part(k, k->part, k->held, err);
	k->held = 0;
	if (rc == 0)
		rc = xj_store_digest_marks(k->st, &mark, &config, err);
	if (rc < 0)
		return -1;
	if (k->n) {
		xj_sha256_final(&k->h, hex);
		k->hashing = 0;
		xj_jsonw_object_int(j, "digests", k->n);
		xj_jsonw_object_string(j, "digests_sha256", hex);
		xj_jsonw_object_array_begin(j, "digest_ids");
		xj_jsonw_array_int(j, k->ids[0]);
		xj_jsonw_array_int(j, k->ids[1]);
		xj_jsonw_end(j);
		xj_jsonw_object_int(j, "digests_mark", mark);
		xj_jsonw_object_int(j, "digests_config", config);
		xj_jsonw_object_stringf(j, "digests_on", "%.10s", xj_store_business(k->st));
	}
	xj_jsonw_object_int(j, "passed_over", k->passed_n);
	return 0;
}
