/* audit.c: hashing and checking the audit chain. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "xj/audit.h"

/* Each field as "length:bytes," so no two different entries hash alike. */
static void put(EVP_MD_CTX *md, const char *s)
{
	char len[24];

	if (!s)
		s = "";
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	EVP_DigestUpdate(md, len, strlen(len));
	EVP_DigestUpdate(md, s, strlen(s));
	EVP_DigestUpdate(md, ",", 1);
}

static void put_num(EVP_MD_CTX *md, long long n)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", n);
	put(md, buf);
}

void xj_audit_hash(const struct xj_log_entry *e, char out[65])
{
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	out[0] = '\0';
	if (!md)
		return;
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	put(md, "xj-audit-1");
	put_num(md, e->id);
	put(md, e->at);
	put(md, e->login);
	put(md, e->user);
	put(md, e->program);
	put(md, e->args);
	put_num(md, e->student_id);
	put(md, e->action);
	put(md, e->old_json);
	put(md, e->new_json);
	put(md, e->prev_hash);
	EVP_DigestFinal_ex(md, h, &len);
	EVP_MD_CTX_free(md);
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
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
