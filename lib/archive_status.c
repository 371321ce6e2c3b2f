/* archive_status.c: what a student's archive lacks at each stage passed. */
#include <stdio.h>
#include <string.h>

#include "xj/archive.h"
#include "xj/config.h"
#include "xj/register.h"
#include "xj/review.h"

/* Kinds the other programs keep, held when what they stand for exists;
 * status-change and key-data-change are needed only when there was one. */
static int conditional(const char *kind, size_t n)
{
	return (n == 13 && !strncmp(kind, "status-change", n)) ||
	       (n == 15 && !strncmp(kind, "key-data-change", n));
}

static int held(const struct xj_sb *kept, const char *kind, size_t n)
{
	const char *p = kept->buf;

	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, kind, n) && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static void add_kind(struct xj_sb *list, const char *kind, size_t n)
{
	if (!held(list, kind, n))
		xj_sb_addf(list, "%s%.*s", list->len ? "," : "", (int)n, kind);
}

static int holding_seen(void *ctx, const struct xj_holding *h)
{
	struct xj_archive_state *a = ctx;

	add_kind(&a->kept, h->kind, strlen(h->kind));
	if (!*h->checked_by)
		add_kind(&a->unchecked, h->kind, strlen(h->kind));
	return 0;
}

static int change_seen(void *ctx, const struct xj_change_req *r)
{
	struct xj_archive_state *a = ctx;

	if (strcmp(r->state.buf, "applied") != 0)
		return 0;
	if (!strcmp(r->kind.buf, "status"))
		add_kind(&a->kept, "status-change", 13);
	else if (!strcmp(r->kind.buf, "key") || !strcmp(r->kind.buf, "errata"))
		add_kind(&a->kept, "key-data-change", 15);
	return 0;
}

/* The items the other programs keep, and the stages passed. */
static int linked(struct xj_store *st, const struct xj_student *s,
		  struct xj_archive_state *a, struct xj_error *err)
{
	struct xj_review r;
	struct xj_cert c;
	int rc, arrival;

	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	arrival = xj_store_review_latest(st, s->id, "arrival", &r, err);
	xj_store_review_release(&r);
	memset(&r, 0, sizeof(r));
	rc = arrival < 0 ? -1 : xj_store_review_latest(st, s->id, "recheck", &r, err);
	if (rc > 0 && !strcmp(xj_review_state(&r, 1, "recheck"), "complete"))
		add_kind(&a->kept, "recheck-record", 14);
	xj_store_review_release(&r);
	if (rc >= 0)
		rc = xj_store_change_each(st, s->id, change_seen, a, err);
	a->passed[1] = a->passed[2] = xj_register_is_registered(s);
	a->passed[0] = arrival > 0 || a->passed[1];
	if (rc >= 0 && (rc = xj_store_cert_of(st, s->id, "diploma", &c, err)) > 0)
		a->passed[3] = !c.revoked;
	xj_store_cert_release(&c);
	return rc < 0 ? -1 : 0;
}

/* The kinds of stage i of the rules ("" when the defaults apply). */
static void stage_kinds(const char *rules, int i, struct xj_sb *out)
{
	const char *p;
	char key[32];

	xj_sb_reset(out);
	if (!*rules) {
		xj_sb_adds(out, xj_config_archive_default_kinds(i));
		return;
	}
	snprintf(key, sizeof(key), "%s:", xj_config_archive_stages[i]);
	for (p = rules; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
		if (!strncmp(p, key, strlen(key))) {
			p += strlen(key);
			xj_sb_addf(out, "%.*s", (int)strcspn(p, ";"), p);
			return;
		}
}

static void missing_of(struct xj_archive_state *a, const struct xj_archive_rules *r)
{
	struct xj_sb kinds = XJ_SB_INIT, lack = XJ_SB_INIT;
	int i;

	for (i = 0; i < 4; i++) {
		const char *p;

		if (!a->passed[i])
			continue;
		stage_kinds(r->kinds, i, &kinds);
		xj_sb_reset(&lack);
		for (p = kinds.buf; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			size_t n = strcspn(p, ",");

			if (!held(&a->kept, p, n) && !conditional(p, n))
				xj_sb_addf(&lack, "%s%.*s", lack.len ? "," : "", (int)n, p);
		}
		if (lack.len)
			xj_sb_addf(&a->missing, "%s%s: %s", a->missing.len ? "; " : "",
				   xj_config_archive_stages[i], lack.buf);
	}
	xj_sb_release(&kinds);
	xj_sb_release(&lack);
}

int xj_archive_status(struct xj_store *st, const struct xj_student *s, const char *today,
		      struct xj_archive_state *a, struct xj_error *err)
{
	struct xj_archive_rules r;
	int rc;

	memset(a->passed, 0, sizeof(a->passed));
	xj_sb_reset(&a->missing);
	xj_sb_reset(&a->unchecked);
	xj_sb_reset(&a->kept);
	a->overdue = 0;
	rc = xj_store_archive_rules(st, &r, err);
	if (rc == 0)
		rc = xj_store_holding_each(st, s->id, holding_seen, a, err);
	if (rc == 0)
		rc = linked(st, s, a, err);
	if (rc == 0)
		rc = xj_store_custody(st, s->id, &a->custody, err);
	if (rc == 0) {
		missing_of(a, &r);
		a->overdue = *a->custody.lent_to.buf && strcmp(a->custody.due.buf, today) < 0;
	}
	return rc;
}

void xj_archive_state_release(struct xj_archive_state *a)
{
	xj_sb_release(&a->missing);
	xj_sb_release(&a->unchecked);
	xj_sb_release(&a->kept);
	xj_store_custody_release(&a->custody);
}

void xj_archive_passed(const struct xj_archive_state *a, struct xj_sb *out)
{
	int i;

	xj_sb_reset(out);
	for (i = 0; i < 4; i++)
		if (a->passed[i])
			xj_sb_addf(out, "%s%s", out->len ? "," : "", xj_config_archive_stages[i]);
}

int xj_archive_wanting(const struct xj_archive_state *a)
{
	return a->missing.len || a->overdue;
}
