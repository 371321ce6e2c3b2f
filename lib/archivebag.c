/* archivebag.c: what goes into an archive's bag, and under what names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xj/archive.h"
#include "xj/media.h"
#include "xj/archivebag.h"
#include "xj/bagit.h"
#include "xj/clock.h"
#include "xj/fixity.h"
#include "xj/jsonw.h"

struct xj_archivebag {
	struct xj_bag *bag;
	struct xj_archive_rules rules;
	struct xj_diploma_rules d;
	struct xj_sb school, yaml, path, name;
	char day[11];
	const char *dir;
	const struct xj_student *s;
	struct xj_error *err;
	long students;
	int rc;
};

static void yaml_pair(struct xj_sb *y, const char *indent, const char *k, const char *v)
{
	xj_sb_addf(y, "%s%s: ", indent, k);
	xj_sb_add_json(y, v ? v : "");
	xj_sb_addc(y, '\n');
}

static const char *ext_of(const char *media)
{
	return !strcmp(media, "application/pdf") ? "pdf" : !strcmp(media, "image/png") ? "png" :
	       !strcmp(media, "image/tiff") ? "tif" : "jpg";
}

void xj_archivebag_copy_name(const char *exam_no, const char *kind, long long id,
			     const char *media, struct xj_sb *out)
{
	xj_sb_reset(out);
	xj_sb_addf(out, "%s/%s-%lld.%s", exam_no, kind, id, ext_of(media ? media : ""));
}

void xj_archivebag_id(const char *school, int cohort, const char *day, struct xj_sb *out)
{
	xj_sb_reset(out);
	if (cohort)
		xj_sb_addf(out, "xj:%s:cohort-%d:%s", school, cohort, day);
	else
		xj_sb_addf(out, "xj:%s:students:%s", school, day);
}

void xj_archivebag_record(const struct xj_student *s, struct xj_sb *yaml)
{
	int i;

	xj_sb_reset(yaml);
	xj_sb_adds(yaml, "# the student's record, archive items and history (xj-archive)\n");
	for (i = 0; i < XJ_S_COUNT; i++)
		if (s->v[i])
			yaml_pair(yaml, "", xj_student_field(i), s->v[i]);
	xj_sb_addf(yaml, "cohort: %d\n", s->cohort);
	yaml_pair(yaml, "", "status", s->status);
}

static int bag_holding(void *ctx, const struct xj_holding *h)
{
	struct xj_archivebag *b = ctx;

	xj_sb_addf(&b->yaml, "  - kind: %s\n", h->kind);
	yaml_pair(&b->yaml, "    ", "collected", h->on);
	yaml_pair(&b->yaml, "    ", "by", h->by);
	yaml_pair(&b->yaml, "    ", "checked_by", h->checked_by);
	yaml_pair(&b->yaml, "    ", "filed_at", h->filed_at);
	if (h->paper) {
		yaml_pair(&b->yaml, "    ", "paper_at", h->location);
		return 0;
	}
	xj_archivebag_copy_name(b->s->v[XJ_S_EXAM_NO], h->kind, h->id, h->media, &b->name);
	yaml_pair(&b->yaml, "    ", "file", b->name.buf);
	yaml_pair(&b->yaml, "    ", "sha256", h->sha256);
	return 0;
}

/* A copy goes in only as it was collected: its row as the log recorded
 * it, and its bytes, hashed as they are copied, those of its SHA-256.
 * Anything else refuses the student (P20). */
static int bag_copy(void *ctx, const struct xj_kept *k)
{
	struct xj_archivebag *b = ctx;
	struct stat sb;
	int rc;

	b->rc = xj_fixity_logged(k, b->err);
	if (b->rc == 0 && !*b->rules.root)
		b->rc = xj_error_set(b->err, XJ_EDATA, "the config names no archive root");
	if (b->rc == 0 && !xj_fixity_is_sha256(k->sha256))
		b->rc = xj_fixity_altered(k, b->err);
	if (b->rc == 0) {
		xj_archivebag_copy_name(b->s->v[XJ_S_EXAM_NO], k->kind, k->id, k->media,
					&b->name);
		xj_archive_path(b->rules.root, k->sha256, &b->path);
		if (stat(b->path.buf, &sb) < 0 && errno == ENOENT)
			b->rc = xj_fixity_missing(k, b->path.buf, b->err);
	}
	if (b->rc == 0) {
		rc = xj_bagit_add_copy(b->bag, b->name.buf, b->path.buf, k->sha256, b->err);
		b->rc = rc > 0 ? xj_fixity_altered(k, b->err) : rc;
	}
	return b->rc < 0;
}

/* The evidence of the student's change requests, kept in the store, as
 * it was kept: named by the request and the file's number, its type by
 * its content. */
static int bag_evidence(void *ctx, const struct xj_kept *k)
{
	struct xj_archivebag *b = ctx;
	const char *ext = "bin";

	b->rc = xj_fixity_logged(k, b->err);
	if (b->rc == 0)
		b->rc = xj_fixity_bytes(k, "", b->err);
	if (b->rc < 0)
		return 1;
	if (!xj_media_sniff(k->data, (size_t)k->len, &ext))
		ext = "bin";
	xj_sb_reset(&b->name);
	xj_sb_addf(&b->name, "%s/change-%lld-evidence-%lld.%s", b->s->v[XJ_S_EXAM_NO],
		   k->request, k->id, ext);
	b->rc = xj_bagit_add_bytes(b->bag, b->name.buf, k->len ? k->data : "", (size_t)k->len,
				 b->err);
	return b->rc < 0;
}

static int bag_history(void *ctx, const struct xj_log_entry *e)
{
	struct xj_archivebag *b = ctx;

	xj_sb_addf(&b->yaml, "  - at: %s\n", e->at);
	yaml_pair(&b->yaml, "    ", "by", *e->user ? e->user : e->login);
	yaml_pair(&b->yaml, "    ", "program", e->program);
	yaml_pair(&b->yaml, "    ", "action", e->action);
	if (*e->old_json)
		yaml_pair(&b->yaml, "    ", "old", e->old_json);
	if (*e->new_json)
		yaml_pair(&b->yaml, "    ", "new", e->new_json);
	return 0;
}

struct xj_archivebag *xj_archivebag_begin(struct xj_store *st, const char *dir,
					  struct xj_error *err)
{
	struct xj_archivebag *b = xj_xcalloc(1, sizeof(*b));
	int rc;

	b->dir = dir;
	rc = xj_store_archive_rules(st, &b->rules, err);
	/* the bag is dated by the day it is made, whatever the business date */
	xj_clock_today(b->day, sizeof(b->day));
	if (rc == 0)
		rc = xj_store_school(st, &b->school, err);
	if (rc == 0)
		rc = xj_store_diploma_rules(st, &b->d, err);
	if (rc == 0 && !(b->bag = xj_bagit_begin(dir, err)))
		rc = -1;
	if (rc < 0) {
		xj_archivebag_free(b);
		return NULL;
	}
	return b;
}

/* One student: the files, and data/KEY/record.yaml (the record, the items,
 * the history).  A student refused (a file not as it was kept) leaves
 * nothing in the bag: what was added for them is taken out again. */
int xj_archivebag_student(struct xj_archivebag *b, struct xj_store *st,
			  const struct xj_student *s, struct xj_error *err)
{
	struct xj_log_filter lf;
	struct xj_bagit_mark mark;
	int rc;

	b->s = s;
	b->rc = 0;
	b->err = err;
	xj_bagit_mark(b->bag, &mark);
	xj_archivebag_record(s, &b->yaml);
	xj_sb_adds(&b->yaml, "items:\n");
	rc = xj_store_holding_each(st, s->id, bag_holding, b, err);
	memset(&lf, 0, sizeof(lf));
	lf.student = s->v[XJ_S_EXAM_NO];
	xj_sb_adds(&b->yaml, "history:\n");
	if (rc == 0)
		rc = xj_store_log_each(st, &lf, bag_history, b, err);
	if (rc == 0)
		rc = xj_store_kept_copies(st, s->id, bag_copy, b, err);
	if (rc == 0 && b->rc == 0)
		rc = xj_store_kept_evidence(st, s->id, bag_evidence, b, err);
	if (rc == 0 && b->rc < 0)
		rc = -1;
	xj_sb_reset(&b->name);
	xj_sb_addf(&b->name, "%s/record.yaml", s->v[XJ_S_EXAM_NO]);
	if (rc == 0)
		rc = xj_bagit_add_bytes(b->bag, b->name.buf, b->yaml.buf, b->yaml.len, err);
	if (rc == 0)
		b->students++;
	else
		xj_bagit_drop(b->bag, &mark);
	return rc;
}

int xj_archivebag_finish(struct xj_archivebag *b, struct xj_store *st, int cohort,
			 long refused, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT;
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	xj_archivebag_id(b->d.school, cohort, b->day, &id);
	rc = xj_bagit_finish(b->bag, b->school.buf, b->day, id.buf, err);
	b->bag = NULL;
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "bag", b->dir);
	xj_jsonw_object_int(&json, "students", b->students);
	xj_jsonw_object_int(&json, "refused", refused);
	xj_jsonw_end(&json);
	if (rc == 0)
		rc = xj_store_audit(st, 0, "archive-export", NULL, json.json.buf, err);
	xj_sb_release(&id);
	xj_jsonw_release(&json);
	return rc;
}

long xj_archivebag_students(const struct xj_archivebag *b)
{
	return b->students;
}

void xj_archivebag_free(struct xj_archivebag *b)
{
	if (!b)
		return;
	xj_bagit_abort(b->bag);
	xj_sb_release(&b->school);
	xj_sb_release(&b->yaml);
	xj_sb_release(&b->path);
	xj_sb_release(&b->name);
	free(b);
}
