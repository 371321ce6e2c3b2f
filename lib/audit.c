/* audit.c: the audit chain's hashes and the statements decisions are
 * signed over: below the store, which writes them (logcheck.c checks
 * the log). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/audit.h"
#include "xj/dates.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/mask.h"
#include "xj/sha256.h"
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

void xj_audit_hash(const struct xj_log_entry *e, char out[65])
{
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
	xj_sha256_hex(m.buf, m.len, out);
	xj_sb_release(&m);
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

void xj_audit_signoff_statement(struct xj_sb *out, const struct xj_signoff_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-signoff-1\nstore: %s\nreview: %lld\nstudent: %s\nname: %s\n"
		   "id_sha256: %s\nstage: %s\nlevel: %s\nresult: %s\nconfig_sha256: %s\n"
		   "signer: %s\n", s->store, s->review, s->student, s->name, s->id_sha256,
		   s->stage, s->level, s->result, s->config_sha256, s->signer);
}

static void approve_lines(struct xj_sb *out, const char *kind,
			  const struct xj_approve_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "%s\nstore: %s\nrequest: %lld\nstudent: %s\nname: %s\n"
		   "id_sha256: %s\nkind: %s\nfields: %s\nold: %s\nnew: %s\nlevel: %d\n"
		   "role: %s\nconfig_sha256: %s\nsigner: %s\n", kind, s->store, s->request,
		   s->student, s->name, s->id_sha256, s->kind, s->fields, s->old, s->new_,
		   s->level, s->role, s->config_sha256, s->signer);
}

void xj_audit_approve_statement(struct xj_sb *out, const struct xj_approve_stmt *s)
{
	approve_lines(out, "xj-approve-1", s);
}

void xj_audit_reject_statement(struct xj_sb *out, const struct xj_approve_stmt *s,
			       const char *reason, int suspect)
{
	approve_lines(out, "xj-reject-1", s);
	xj_sb_adds(out, "reason: ");
	xj_sb_add_json(out, reason ? reason : "");
	xj_sb_addf(out, "\nsuspect: %s\n", suspect ? "yes" : "no");
}

void xj_audit_review_statement(struct xj_sb *out, const struct xj_review_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-review-1\nstore: %s\nstudent: %s\nname: %s\nid_sha256: %s\n"
		   "stage: %s\nresult: %s\nitems: %s\nnote: %s\nconfig_sha256: %s\n"
		   "signer: %s\n", s->store, s->student, s->name, s->id_sha256, s->stage,
		   s->result, s->items, s->note, s->config_sha256, s->signer);
}

void xj_audit_case_statement(struct xj_sb *out, const struct xj_case_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-case-1\nstore: %s\naction: %s\ncase: ", s->store, s->action);
	if (s->case_id)
		xj_sb_addf(out, "%lld", s->case_id);
	xj_sb_addf(out, "\nstudent: %s\nname: %s\nid_sha256: %s\ntext: %s\n"
		   "config_sha256: %s\nsigner: %s\n", s->student, s->name, s->id_sha256,
		   s->text, s->config_sha256, s->signer);
}

void xj_audit_decision_statement(struct xj_sb *out, const struct xj_decision_stmt *s)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "xj-decision-1\nstore: %s\naction: %s\nstudent: %s\nname: %s\n"
		   "id_sha256: %s\nstage: %s\ndecision: %s\nconfig_sha256: %s\n"
		   "signer: %s\n", s->store, s->action, s->student, s->name, s->id_sha256,
		   s->stage, s->decision, s->config_sha256, s->signer);
}

void xj_audit_statement_head(struct xj_sb *out, long long id, const char *hash)
{
	xj_sb_addf(out, "head: %lld:%s\n", id, hash);
}

int xj_audit_statement_online(const char *statement)
{
	return statement && strstr(statement, "\nhead: ") != NULL;
}

/* The kinds of statement, by their first line. */
static const char *const kinds[] = {
	"xj-signoff-1", "xj-approve-1", "xj-reject-1", "xj-review-1", "xj-case-1",
	"xj-decision-1",
};

/* The statement's kind (its first line, from kinds[]), or NULL. */
static const char *kind_of(const char *statement)
{
	size_t i, n;

	for (i = 0; statement && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = strlen(kinds[i]);
		if (strncmp(statement, kinds[i], n) == 0 && statement[n] == '\n')
			return kinds[i];
	}
	return NULL;
}

int xj_audit_statement_get(const char *statement, const char *name, struct xj_sb *out)
{
	const char *p = statement, *kind = kind_of(statement);
	size_t n = strlen(name);

	xj_sb_reset(out);
	if (!kind)
		return 0;
	for (p += strlen(kind) + 1; *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ') {
			p += n + 2;
			xj_sb_add(out, p, strcspn(p, "\n"));
			return 1;
		}
	}
	return 0;
}
