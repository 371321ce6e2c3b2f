/* fixity.c: the files the store keeps, hashed again and held against their
 * rows and the audit log (P20). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "xj/infile.h"
#include "xj/archive.h"
#include "xj/audit.h"
#include "xj/fixity.h"
#include "xj/jsonw.h"
#include "xj/sha256.h"
#include "xj/i18n.h"

/* An archive item's copy, or an evidence file: one message each, whole,
 * for the translations. */
#define COPY(k) (k)->id, (k)->kind
#define FILE_OF(k) (k)->request, (k)->id

int xj_fixity_logged(const struct xj_kept *k, struct xj_error *err)
{
	int copy = !k->request;

	if (k->logged < 0)
		return 0;
	if (!k->logged)
		return copy ? xj_error_set(err, XJ_EDATA, "archive item %lld (%s): no audit entry"
					   " records its copy (added behind the log)", COPY(k))
			    : xj_error_set(err, XJ_EDATA, "change request #%lld, evidence file"
					   " %lld: no audit entry records it (added behind the log)",
					   FILE_OF(k));
	if (strcmp(k->sha256, k->logged_sha256) != 0)
		return copy ? xj_error_set(err, XJ_EDATA, "archive item %lld (%s): its SHA-256 is"
					   " %.16s in the store, the log recorded %.16s (changed"
					   " behind the log)", COPY(k), k->sha256, k->logged_sha256)
			    : xj_error_set(err, XJ_EDATA, "change request #%lld, evidence file"
					   " %lld: its SHA-256 is %.16s in the store, the log recorded"
					   " %.16s (changed behind the log)", FILE_OF(k), k->sha256,
					   k->logged_sha256);
	if (k->size != k->logged_size)
		return copy ? xj_error_set(err, XJ_EDATA, "archive item %lld (%s): its size is %ld"
					   " in the store, the log recorded %ld (changed behind the"
					   " log)", COPY(k), k->size, k->logged_size)
			    : xj_error_set(err, XJ_EDATA, "change request #%lld, evidence file"
					   " %lld: its size is %ld in the store, the log recorded %ld"
					   " (changed behind the log)", FILE_OF(k), k->size,
					   k->logged_size);
	return 0;
}

int xj_fixity_altered(const struct xj_kept *k, struct xj_error *err)
{
	if (!k->request)
		return xj_error_set(err, XJ_EDATA, "archive item %lld (%s): the archived copy no"
				    " longer matches its SHA-256 (altered since it was collected)",
				    COPY(k));
	return xj_error_set(err, XJ_EDATA, "change request #%lld, evidence file %lld: the file"
			    " no longer matches its SHA-256 (altered since it was kept)",
			    FILE_OF(k));
}

int xj_fixity_missing(const struct xj_kept *k, const char *path, struct xj_error *err)
{
	return xj_error_set(err, XJ_EDATA, "archive item %lld (%s): the archived copy is"
			    " missing (%s)", COPY(k), path);
}

int xj_fixity_is_sha256(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

int xj_fixity_bytes(const struct xj_kept *k, const char *root, struct xj_error *err)
{
	struct xj_sb path = XJ_SB_INIT;
	struct xj_error e;
	char hex[65];
	int rc = 0;

	if (k->request) {
		xj_sha256_hex(k->len ? k->data : "", (size_t)k->len, hex);
		return strcmp(hex, k->sha256) ? xj_fixity_altered(k, err) : 0;
	}
	if (!*root)
		return xj_error_set(err, XJ_EDATA, "the config names no archive root");
	/* a column changed to no hash at all is no address to read */
	if (!xj_fixity_is_sha256(k->sha256))
		return xj_fixity_altered(k, err);
	xj_archive_path(root, k->sha256, &path);
	if (xj_sha256_file(path.buf, hex, &e) < 0)
		rc = errno == ENOENT ? xj_fixity_missing(k, path.buf, err)
		     : xj_error_set(err, XJ_EDATA, "archive item %lld (%s): cannot read the"
				    " archived copy %s: %s", COPY(k), path.buf, strerror(errno));
	else if (strcmp(hex, k->sha256) != 0)
		rc = xj_fixity_altered(k, err);
	xj_sb_release(&path);
	return rc;
}

/* --- the whole store ----------------------------------------------------------- */

struct walk {
	void (*fn)(void *, const char *);
	void *ctx;
	const char *root;
	struct xj_fixity_count *n;
	struct xj_sb line;
	int no_root;
};

/* A problem found, under the student's exam number; the error cleared. */
static void found(struct walk *w, const char *exam_no, struct xj_error *e)
{
	xj_sb_reset(&w->line);
	xj_sb_addf(&w->line, _("student %s: %s"), exam_no, e->msg);
	w->fn(w->ctx, w->line.buf);
	w->n->problems++;
	xj_error_clear(e);
}

static int one_kept(void *ctx, const struct xj_kept *k)
{
	struct walk *w = ctx;
	struct xj_error e;

	memset(&e, 0, sizeof(e));
	*(k->request ? &w->n->evidence : &w->n->copies) += 1;
	if (xj_fixity_logged(k, &e) < 0)
		found(w, k->exam_no, &e);
	/* no root: said once, not for every copy */
	if (!k->request && !*w->root && w->no_root++)
		return 0;
	if (xj_fixity_bytes(k, w->root, &e) < 0)
		found(w, k->exam_no, &e);
	return 0;
}

static int one_lost(void *ctx, const struct xj_kept *k)
{
	struct walk *w = ctx;
	struct xj_error e;

	memset(&e, 0, sizeof(e));
	if (!k->request)
		xj_error_set(&e, XJ_EDATA, "the log records a copy of %s (SHA-256 %.16s) that"
			     " the store does not hold (removed behind the log)", k->kind,
			     k->logged_sha256);
	else
		xj_error_set(&e, XJ_EDATA, "the log records an evidence file of change request"
			     " #%lld (SHA-256 %.16s) that the store does not hold (removed behind"
			     " the log)", k->request, k->logged_sha256);
	found(w, k->exam_no, &e);
	return 0;
}

long xj_fixity_verify(struct xj_store *st, void (*fn)(void *ctx, const char *problem),
		      void *ctx, struct xj_fixity_count *n, struct xj_error *err)
{
	struct xj_archive_rules r;
	struct walk w;
	int rc;

	memset(n, 0, sizeof(*n));
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.ctx = ctx;
	w.n = n;
	rc = xj_store_archive_rules(st, &r, err);
	w.root = r.root;
	if (rc == 0)
		rc = xj_store_kept_copies(st, 0, one_kept, &w, err);
	if (rc == 0)
		rc = xj_store_kept_evidence(st, 0, one_kept, &w, err);
	if (rc == 0)
		rc = xj_store_kept_lost(st, one_lost, &w, err);
	xj_sb_release(&w.line);
	return rc < 0 ? -1 : n->problems;
}

/* --- the archive's copies, as xj-archive fixity checks them ---------------------- */

int xj_fixity_root(struct xj_store *st, struct xj_archive_rules *rules,
		   struct xj_error *err)
{
	if (xj_store_archive_rules(st, rules, err) < 0)
		return -1;
	if (!*rules->root)
		return xj_error_set(err, XJ_EUSAGE, "the config names no archive root");
	return 0;
}

const char *xj_fixity_copy(const char *root, const char *sha256, struct xj_sb *path)
{
	struct stat sb;
	struct xj_error e;
	char hex[65];

	xj_archive_path(root, sha256, path);
	if (stat(path->buf, &sb) < 0)
		return "missing";
	/* a copy there that cannot be read is as good as altered: its bytes
	 * are not known to be the ones collected */
	if (xj_sha256_file(path->buf, hex, &e) < 0 || strcmp(hex, sha256) != 0)
		return "altered";
	return "ok";
}

struct fixrun {
	struct xj_store *st;
	const char *root;
	const struct xj_fixity_cb *cb;
	struct xj_fixity_tally *t;
	struct xj_sb path;
	struct xj_error *err;
};

static int fixity_one(void *ctx, const char *sha, long size)
{
	struct fixrun *f = ctx;
	const char *result = xj_fixity_copy(f->root, sha, &f->path);

	if (xj_store_fixity_add(f->st, sha, result, f->err) < 0)
		return 1;
	if (!strcmp(result, "ok")) {
		f->t->ok++;
		return 0;
	}
	*(strcmp(result, "missing") ? &f->t->altered : &f->t->missing) += 1;
	return f->cb->bad(f->cb->ctx, sha, size, result) != 0;
}

int xj_fixity_archive(struct xj_store *st, const char *root, long sample,
		      const struct xj_fixity_cb *cb, struct xj_fixity_tally *t,
		      struct xj_error *err)
{
	struct fixrun f = { .st = st, .root = root, .cb = cb, .t = t, .err = err };
	struct xj_jw json = XJ_JW_INIT;
	int rc = xj_store_archived_files(st, sample, fixity_one, &f, err);

	/* the walk stops at a non-zero return without saying why: err does */
	if (rc == 0 && err->code)
		rc = -1;
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_int(&json, "checked", t->ok + t->missing + t->altered);
	xj_jsonw_object_int(&json, "ok", t->ok);
	xj_jsonw_object_int(&json, "missing", t->missing);
	xj_jsonw_object_int(&json, "altered", t->altered);
	xj_jsonw_end(&json);
	if (rc == 0)
		rc = xj_store_audit(st, 0, "archive-fixity", NULL, json.json.buf, err);
	xj_sb_release(&f.path);
	xj_jsonw_release(&json);
	return rc;
}
