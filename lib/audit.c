/* audit.c: hashing and checking the audit chain. */
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/dates.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/mask.h"
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

void xj_audit_sha256_hex(const void *data, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	if (!sha256(data, n, h, &len))
		len = 0;
	for (i = 0; i < len && i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[2 * i] = '\0';
}

void xj_audit_signoff_statement(struct xj_sb *out, const struct xj_signoff_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-signoff-1\nstore: %s\nreview: %lld\nstudent: %s\nname: %s\n"
		   "id_sha256: %s\nstage: %s\nlevel: %s\nresult: %s\nconfig_sha256: %s\n"
		   "signer: %s\n", s->store, s->review, s->student, s->name, s->id_sha256,
		   s->stage, s->level, s->result, s->config_sha256, s->signer);
}

void xj_audit_approve_statement(struct xj_sb *out, const struct xj_approve_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-approve-1\nstore: %s\nrequest: %lld\nstudent: %s\nname: %s\n"
		   "id_sha256: %s\nkind: %s\nfields: %s\nold: %s\nnew: %s\nlevel: %d\n"
		   "role: %s\nconfig_sha256: %s\nsigner: %s\n", s->store, s->request,
		   s->student, s->name, s->id_sha256, s->kind, s->fields, s->old, s->new_,
		   s->level, s->role, s->config_sha256, s->signer);
}

struct values {
	struct xj_sb *fields, *values;
};

/* A JSON string cannot hold a bare quote or line break, nor a field name
 * a space: the pairs read back one way only. */
static void value_pair(void *ctx, const char *field, const char *value)
{
	struct values *v = ctx;
	char shown[128], hex[65];

	if (strcmp(field, "request") == 0)
		return;
	xj_sb_addf(v->fields, "%s%s", v->fields->len ? "," : "", field);
	xj_sb_addf(v->values, "%s%s=", v->values->len ? "; " : "", field);
	if (!xj_mask_wanted(field) || !*value) {
		xj_sb_add_json(v->values, value);
		return;
	}
	xj_mask(field, value, shown, sizeof(shown));
	xj_audit_sha256_hex(value, strlen(value), hex);
	xj_sb_add_json(v->values, shown);
	xj_sb_addf(v->values, " sha256:%s", hex);
}

int xj_audit_change_values(struct xj_store *st, const char *json, struct xj_sb *fields,
			   struct xj_sb *values, struct xj_error *err)
{
	struct values v = { fields, values };

	xj_sb_reset(fields);
	xj_sb_reset(values);
	xj_sb_adds(fields, "");
	xj_sb_adds(values, "");
	return xj_store_json_each(st, json && *json ? json : "{}", value_pair, &v, err);
}

int xj_audit_statement_get(const char *statement, const char *name, struct xj_sb *out)
{
	const char *p = statement;
	size_t n = strlen(name);

	xj_sb_reset(out);
	if (strncmp(p, "xj-signoff-1\n", 13) != 0 && strncmp(p, "xj-approve-1\n", 13) != 0)
		return 0;
	for (p += 13; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
			p += n + 2;
			xj_sb_add(out, p, strcspn(p, "\n"));
			return 1;
		}
	}
	return 0;
}

struct walk {
	char prev[65];
	long long expect_id;
	long long count;
	long long head_id;
	const char *head_hash;
	long long clock_from;   /* entries from here on have real times; 0: unchecked */
	long long prev_time;    /* the entry before's, as a moment */
	char prev_at[40];
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

/* The real clock only goes forward, and entries are written under the
 * store's write lock in the order of their times: one earlier than the
 * entry before it was written with the clock set back, or forged. */
static int check_time(struct walk *w, const struct xj_log_entry *e)
{
	long long t;

	if (!w->clock_from || e->id < w->clock_from)
		return 0;
	if (xj_time_parse(e->at, 0, &t) < 0)
		return broken(w, _("entry %lld: its time '%s' is not a time (forged)"), e->id,
			      e->at);
	if (e->id > w->clock_from && t < w->prev_time)
		return broken(w, _("entry %lld: its time %s is before entry %lld's, %s (the"
				" clock was set back, or the entry was forged)"), e->id, e->at,
			      e->id - 1, w->prev_at);
	w->prev_time = t;
	snprintf(w->prev_at, sizeof(w->prev_at), "%s", e->at);
	return 0;
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
	if (check_time(w, e))
		return 1;
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

/* A decision signed over a statement (xj-key sign) must be the sign-off
 * its entry was recorded as: same signer, student, review, stage, level
 * and result.  The student's name and ID number may change later, by a
 * change request of their own; the rest never does. */
static int check_statement(struct walk *w, const struct xj_decision_row *d)
{
	static const char *const names[] = { "signer", "student", "review", "stage",
					     "level", "result" };
	struct xj_sb v = XJ_SB_INIT;
	char review[24];
	const char *want[6];
	size_t i;
	int rc = 0;

	if (!d->review_id)
		return broken(w, _("decision %lld: its signed statement stands for no"
				" sign-off"), d->audit_id);
	snprintf(review, sizeof(review), "%lld", d->review_id);
	want[0] = d->signer;
	want[1] = d->exam_no;
	want[2] = review;
	want[3] = d->stage;
	want[4] = d->level;
	want[5] = d->result;
	for (i = 0; i < 6 && rc == 0; i++)
		if (xj_audit_statement_get(d->statement, names[i], &v) != 1 ||
		    strcmp(v.buf, want[i]) != 0)
			rc = broken(w, _("decision %lld: its signed statement is not the sign-off"
				      " recorded (%s differs)"), d->audit_id, names[i]);
	xj_sb_release(&v);
	return rc;
}

/* The approval as the store records it, line by line as its statement
 * names it: signer, request, student, kind, level, role, and the
 * request's fields with their old and new values. */
static int approval_wants(struct walk *w, const struct xj_change_approval *a,
			  struct xj_sb want[9])
{
	struct xj_sb fields = XJ_SB_INIT;
	int rc;

	xj_sb_adds(&want[0], a->signer.buf);
	xj_sb_addf(&want[1], "%lld", a->request);
	xj_sb_adds(&want[2], a->exam_no.buf);
	xj_sb_adds(&want[3], a->kind.buf);
	xj_sb_addf(&want[4], "%d", a->level);
	xj_sb_adds(&want[5], a->role.buf);
	rc = xj_audit_change_values(w->st, a->old.buf, &fields, &want[7], w->err);
	if (rc == 0)
		rc = xj_audit_change_values(w->st, a->new_.buf, &want[6], &want[8], w->err);
	xj_sb_release(&fields);
	return rc;
}

/* A change approval signed over a statement (xj-key sign) must be the
 * approval its entry was recorded as, of the request as it stands: an
 * edited new value no longer is what was signed (P12). */
static int check_approval(struct walk *w, const struct xj_decision_row *d)
{
	static const char *const names[] = { "signer", "request", "student", "kind",
					     "level", "role", "fields", "old", "new" };
	struct xj_change_approval a;
	struct xj_sb want[9], v = XJ_SB_INIT;
	size_t i;
	int rc;

	memset(&a, 0, sizeof(a));
	memset(want, 0, sizeof(want));
	rc = xj_store_change_approval(w->st, d->audit_id, &a, w->err);
	if (rc > 0)
		rc = approval_wants(w, &a, want) < 0 ? -1 : 0;
	else if (rc == 0)
		rc = broken(w, _("decision %lld: its signed statement stands for no approval"),
			    d->audit_id);
	for (i = 0; i < 9 && rc == 0; i++)
		if (xj_audit_statement_get(d->statement, names[i], &v) != 1 ||
		    strcmp(v.buf, want[i].buf ? want[i].buf : "") != 0)
			rc = broken(w, _("decision %lld: its signed statement is not the approval"
				      " recorded (%s differs)"), d->audit_id, names[i]);
	for (i = 0; i < 9; i++)
		xj_sb_release(&want[i]);
	xj_sb_release(&v);
	xj_change_approval_release(&a);
	return rc < 0 ? (w->bad = -1, 1) : rc;
}

/* A decision's own signature: over its entry's hash, or over the
 * statement it was signed as away from the store, by its signer's key in
 * the config in force before the command. */
static int check_decision(void *ctx, const struct xj_decision_row *d)
{
	struct walk *w = ctx;
	struct xj_sb name = XJ_SB_INIT;
	const char *msg = *d->statement ? d->statement : d->hash;
	int rc;

	if (!*d->hash)
		return broken(w, _("decision %lld: its entry is missing"), d->audit_id);
	if (!xj_key_verify(d->public_key, msg, strlen(msg), d->signature))
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
	if (!*d->statement)
		return 0;
	if (strncmp(d->statement, "xj-approve-1\n", 13) == 0)
		return check_approval(w, d);
	return check_statement(w, d);
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
	if (xj_store_clock_since(st, &w.clock_from, err) < 0)
		return -1;
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
