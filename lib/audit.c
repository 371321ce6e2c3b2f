/* audit.c: hashing and checking the audit chain. */
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/i18n.h"
#include "xj/key.h"
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

void xj_audit_statement(struct xj_sb *out, long long command_id, const char *at,
			const char *signer, long long last_entry, const char *hash)
{
	xj_sb_reset(out);
	xj_sb_adds(out, "xj-command-1\n");
	put_num(out, command_id);
	put(out, at);
	put(out, signer);
	put_num(out, last_entry);
	put(out, hash);
}

struct walk {
	char prev[65];
	long long expect_id;
	long long count;
	long long head_id;
	const char *head_hash;
	int bad;
	char *why;
	unsigned whysize;
	struct xj_store *st;
	struct xj_error *err;
};

static int broken(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int broken(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	w->bad = 1;
	va_start(ap, fmt);
	vsnprintf(w->why, w->whysize, fmt, ap);
	va_end(ap);
	return 1;
}

static int check_entry(void *ctx, const struct xj_log_entry *e)
{
	struct walk *w = ctx;
	char h[65];

	w->count++;
	if (e->id != w->expect_id)
		return broken(w, _("entry %lld is missing (next is %lld)"), w->expect_id, e->id);
	if (strcmp(e->prev_hash, w->prev) != 0)
		return broken(w, _("entry %lld does not follow entry %lld (chain broken)"),
			      e->id, e->id - 1);
	xj_audit_hash(e, h);
	if (strcmp(h, e->hash) != 0)
		return broken(w, _("entry %lld was changed after it was written (hash mismatch)"),
			      e->id);
	if (e->id == w->head_id && strcmp(e->hash, w->head_hash) != 0)
		return broken(w, _("entry %lld is not the saved head: the log was rewritten"
				" since"), e->id);
	memcpy(w->prev, e->hash, sizeof(w->prev));
	w->expect_id++;
	return 0;
}

/* A command's signature: over the entry it ends with, by the key its
 * signer had in the config in force before it. */
static int check_sig(void *ctx, const struct xj_sig_row *g)
{
	struct walk *w = ctx;
	struct xj_sb msg = XJ_SB_INIT, name = XJ_SB_INIT;
	int rc;

	if (strcmp(g->entry_hash, g->hash) != 0)
		return broken(w, _("command %lld: its signature covers entry %lld, which was"
				" changed or removed"), g->command_id, g->last_entry);
	xj_audit_statement(&msg, g->command_id, g->at, g->signer, g->last_entry, g->hash);
	if (!xj_key_verify(g->public_key, msg.buf, msg.len, g->signature))
		rc = broken(w, _("command %lld: the signature does not verify (forged)"),
			    g->command_id);
	else if ((rc = xj_store_staff_by_key(w->st, g->public_key, g->command_id,
					     &name, w->err)) < 0)
		rc = -1;
	else if (rc == 0 || strcmp(name.buf, g->signer) != 0)
		rc = broken(w, _("command %lld: signed with a key that was not its signer's in"
			      " the config then"), g->command_id);
	else
		rc = 0;
	xj_sb_release(&msg);
	xj_sb_release(&name);
	return rc < 0 ? (w->bad = -1, 1) : rc;
}

/* A decision's own signature: over its entry's hash, by its signer's key
 * in the config in force before the command. */
static int check_decision(void *ctx, const struct xj_decision_row *d)
{
	struct walk *w = ctx;
	struct xj_sb name = XJ_SB_INIT;
	int rc;

	if (!*d->hash)
		return broken(w, _("decision %lld: its entry is missing"), d->audit_id);
	if (!xj_key_verify(d->public_key, d->hash, strlen(d->hash), d->signature))
		return broken(w, _("decision %lld: the signature does not verify (forged)"),
			      d->audit_id);
	rc = xj_store_staff_by_key(w->st, d->public_key, d->command_id, &name, w->err);
	if (rc > 0 && strcmp(name.buf, d->signer) != 0)
		rc = 0;
	xj_sb_release(&name);
	if (rc < 0) {
		w->bad = -1;
		return 1;
	}
	if (rc == 0)
		return broken(w, _("decision %lld: signed with a key that was not %s's in the"
				" config then"), d->audit_id, d->signer);
	return 0;
}

/* A review or sign-off row no signed decision of its person stands for;
 * what is the kind of row, as the store names it ("review", "sign-off",
 * "change request", "change approve", ...). */
static int check_unsigned(void *ctx, const char *what, long long id, const char *who)
{
	return broken(ctx, _("%s %lld by %s has no decision signed by %s (forged)"), what, id,
		      who, who);
}

static int parse_head(const char *head, long long *id, const char **hash)
{
	char *end;

	*id = strtoll(head, &end, 10);
	if (end == head || *end != ':' || *id < 0 || strlen(end + 1) != 64)
		return -1;
	*hash = end + 1;
	return 0;
}

int xj_audit_verify(struct xj_store *st, const char *head, char *why,
		    unsigned whysize, long long *count, struct xj_error *err)
{
	struct walk w;
	struct xj_log_filter all = { 0 };

	memset(&w, 0, sizeof(w));
	snprintf(w.prev, sizeof(w.prev), "%s", XJ_AUDIT_GENESIS);
	w.expect_id = 1;
	w.why = why;
	w.whysize = whysize;
	w.st = st;
	w.err = err;
	why[0] = '\0';
	if (head && parse_head(head, &w.head_id, &w.head_hash) < 0)
		return xj_error_set(err, XJ_EUSAGE, "not a log head: '%s' (want N:HASH as"
				    " 'xj log --head' prints it)", head);
	if (xj_store_log_each(st, &all, check_entry, &w, err) < 0)
		return -1;
	*count = w.count;
	if (!w.bad && w.head_id > w.count)
		broken(&w, _("the log has %lld entries, fewer than the saved head's %lld:"
			 " entries were removed"), w.count, w.head_id);
	if (!w.bad && xj_store_sig_each(st, check_sig, &w, err) < 0)
		return -1;
	if (!w.bad && xj_store_decision_each(st, check_decision, &w, err) < 0)
		return -1;
	if (!w.bad && xj_store_unsigned_each(st, check_unsigned, &w, err) < 0)
		return -1;
	return w.bad < 0 ? -1 : w.bad;
}

int xj_audit_head(struct xj_store *st, struct xj_sb *out, struct xj_error *err)
{
	char why[16];
	long long count = 0;
	struct walk w;
	struct xj_log_filter all = { 0 };

	memset(&w, 0, sizeof(w));
	snprintf(w.prev, sizeof(w.prev), "%s", XJ_AUDIT_GENESIS);
	w.expect_id = 1;
	w.why = why;
	w.whysize = sizeof(why);
	if (xj_store_log_each(st, &all, check_entry, &w, err) < 0)
		return -1;
	count = w.expect_id - 1;
	xj_sb_reset(out);
	xj_sb_addf(out, "%lld:%s", count, w.prev);
	return 0;
}
