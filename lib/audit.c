/* audit.c: hashing and checking the audit chain. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/strbuf.h"

/* The decimal digits of n, into the end of buf; returns where they start. */
static char *digits(unsigned long long n, char *end)
{
	*--end = '\0';
	do
		*--end = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	return end;
}

/* Each field as "length:bytes," so no two different entries hash alike.
 * Built by hand: this runs once for every change of every import. */
static void put(struct xj_sb *m, const char *s)
{
	char buf[24];
	size_t n;

	if (!s)
		s = "";
	n = strlen(s);
	xj_sb_adds(m, digits(n, buf + sizeof(buf)));
	xj_sb_addc(m, ':');
	xj_sb_add(m, s, n);
	xj_sb_addc(m, ',');
}

static void put_num(struct xj_sb *m, long long n)
{
	char buf[24], *p = digits(n < 0 ? 0ULL - (unsigned long long)n :
				  (unsigned long long)n, buf + sizeof(buf));

	if (n < 0)
		*--p = '-';
	put(m, p);
}

/* One fetched digest and context for the life of the process: fetching
 * SHA-256 anew for each entry costs more than hashing it. */
static int sha256(const void *data, size_t n, unsigned char *h, unsigned int *len)
{
	static EVP_MD *md;
	static EVP_MD_CTX *ctx;

	if (!md && !(md = EVP_MD_fetch(NULL, "SHA256", NULL)))
		return 0;
	if (!ctx && !(ctx = EVP_MD_CTX_new()))
		return 0;
	return EVP_DigestInit_ex(ctx, md, NULL) && EVP_DigestUpdate(ctx, data, n) &&
	       EVP_DigestFinal_ex(ctx, h, len);
}

void xj_audit_hash(const struct xj_log_entry *e, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	struct xj_sb m = XJ_SB_INIT;

	put(&m, "xj-audit-1");
	put_num(&m, e->id);
	put(&m, e->at);
	put(&m, e->login);
	put(&m, e->user);
	put(&m, e->program);
	put(&m, e->args);
	put_num(&m, e->student_id);
	put(&m, e->action);
	put(&m, e->old_json);
	put(&m, e->new_json);
	put(&m, e->prev_hash);
	if (!sha256(m.buf, m.len, h, &len))
		len = 0;
	xj_sb_release(&m);
	for (i = 0; i < len && i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[2 * i] = '\0';
}

struct walk {
	char prev[65];
	long long expect_id;
	long long count;
	long long bad_id;
	char *why;
	unsigned whysize;
};

static int check_entry(void *ctx, const struct xj_log_entry *e)
{
	struct walk *w = ctx;
	char h[65];

	w->count++;
	if (e->id != w->expect_id) {
		w->bad_id = e->id;
		snprintf(w->why, w->whysize, "entry %lld is missing (next is %lld)",
			 w->expect_id, e->id);
		return 1;
	}
	if (strcmp(e->prev_hash, w->prev) != 0) {
		w->bad_id = e->id;
		snprintf(w->why, w->whysize,
			 "entry %lld does not follow entry %lld (chain broken)",
			 e->id, e->id - 1);
		return 1;
	}
	xj_audit_hash(e, h);
	if (strcmp(h, e->hash) != 0) {
		w->bad_id = e->id;
		snprintf(w->why, w->whysize,
			 "entry %lld was changed after it was written (hash mismatch)", e->id);
		return 1;
	}
	snprintf(w->prev, sizeof(w->prev), "%s", e->hash);
	w->expect_id++;
	return 0;
}

int xj_audit_verify(struct xj_store *st, long long *bad_id, char *why,
		    unsigned whysize, long long *count, struct xj_error *err)
{
	struct walk w;
	struct xj_log_filter all = { 0 };

	memset(&w, 0, sizeof(w));
	snprintf(w.prev, sizeof(w.prev), "%s", XJ_AUDIT_GENESIS);
	w.expect_id = 1;
	w.why = why;
	w.whysize = whysize;
	why[0] = '\0';
	if (xj_store_log_each(st, &all, check_entry, &w, err) < 0)
		return -1;
	*count = w.count;
	*bad_id = w.bad_id;
	return w.bad_id ? 1 : 0;
}
