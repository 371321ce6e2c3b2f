/* archive.c: the student archive's items and custody. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "xj/infile.h"
#include "xj/archive.h"
#include "xj/media.h"
#include "xj/config.h"
#include "xj/dates.h"
#include "xj/jsonw.h"
#include "xj/review.h"
#include "xj/sha256.h"
#include "xj/tmpfiles.h"

void xj_archive_path(const char *root, const char *sha256, struct xj_sb *path)
{
	xj_sb_reset(path);
	xj_sb_addf(path, "%s/%.2s/%s", root, sha256, sha256 + 2);
}

/* --- electronic copies: content-addressed, never overwritten -------------- */

struct copy {
	char sha[65];
	long size;
	const char *media, *ext;
};

/* Read src into a temporary file under root, hashing and sniffing it. */
static int copy_in(const char *src, const char *tmp, int fd, struct copy *c,
		   struct xj_error *err)
{
	FILE *in = xj_infile_fopen(src, err);
	struct xj_sha256 md = { NULL };
	unsigned char buf[65536];
	size_t n, first = 1;
	int rc = 0;

	if (!in)
		rc = -1;
	else if (xj_sha256_init(&md, err) < 0)
		rc = -1;
	c->size = 0;
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (first && !(c->media = xj_media_sniff(buf, n, &c->ext)))
			rc = xj_error_set(err, XJ_EDATA, "%s: not a PDF, JPEG, PNG or TIFF file"
					  " (by its content)", src);
		first = 0;
		xj_sha256_update(&md, buf, n);
		if (rc == 0 && write(fd, buf, n) != (ssize_t)n)
			rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", tmp, strerror(errno));
		c->size += (long)n;
	}
	if (rc == 0 && first)
		rc = xj_error_set(err, XJ_EDATA, "%s: empty", src);
	else if (rc == 0 && ferror(in))
		rc = xj_error_set(err, XJ_EDATA, "%s: read error", src);
	if (rc == 0 && (fsync(fd) < 0 || !md.ctx))
		rc = xj_error_set(err, XJ_EIO, "cannot write %s: %s", tmp, strerror(errno));
	if (rc == 0)
		xj_sha256_final(&md, c->sha);
	xj_sha256_drop(&md);
	if (in)
		fclose(in);
	return rc;
}

/* The file under its content address: linked into place, so a copy
 * already there is never written over. */
static int store_file(const char *root, const char *src, struct copy *c, struct xj_error *err)
{
	struct xj_sb tmp = XJ_SB_INIT, path = XJ_SB_INIT, dir = XJ_SB_INIT;
	int fd, rc;

	xj_sb_addf(&tmp, "%s/.incoming-XXXXXX", root);
	fd = mkstemp(tmp.buf);
	if (fd < 0 && errno == ENOENT) {
		/* not made here: the archive belongs on the volume that is backed up */
		rc = xj_error_set(err, XJ_EUSAGE, "the archive %s does not exist: make it (the"
				  " config's archive: root) and run again", root);
		goto out;
	}
	if (fd < 0) {
		rc = xj_error_set(err, XJ_EIO, "cannot write in the archive %s: %s", root,
				  strerror(errno));
		goto out;
	}
	xj_tmp_keep(tmp.buf, 0);   /* a copy cut short by a signal is not left */
	rc = copy_in(src, tmp.buf, fd, c, err);
	/* a kept copy is read-only: fixity, not permissions, is the guard,
	 * but nobody should write one by accident */
	if (rc == 0 && fchmod(fd, 0400) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot protect %s: %s", tmp.buf, strerror(errno));
	close(fd);
	if (rc == 0) {
		xj_archive_path(root, c->sha, &path);
		xj_sb_addf(&dir, "%s/%.2s", root, c->sha);
		if (mkdir(dir.buf, 0700) < 0 && errno != EEXIST)
			rc = xj_error_set(err, XJ_EIO, "cannot make %s: %s", dir.buf, strerror(errno));
		if (rc == 0 && link(tmp.buf, path.buf) < 0 && errno != EEXIST)
			rc = xj_error_set(err, XJ_EIO, "cannot keep %s: %s", path.buf, strerror(errno));
	}
	unlink(tmp.buf);
	xj_tmp_forget(tmp.buf);
out:
	xj_sb_release(&tmp);
	xj_sb_release(&path);
	xj_sb_release(&dir);
	return rc;
}

/* --- the steps --------------------------------------------------------------- */

static int kind_known(const char *kinds, const char *kind)
{
	const char *p;
	size_t n = strlen(kind);
	int i;

	if (!*kinds) {
		for (i = 0; i < 4; i++)
			for (p = xj_config_archive_default_kinds(i); p && *p;
			     p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
				if (!strncmp(p, kind, n) && (p[n] == ',' || !p[n]))
					return 1;
		return 0;
	}
	for (p = kinds; (p = strstr(p, kind)) != NULL; p += n)
		if ((p[-1] == ':' || p[-1] == ',') && (p[n] == ',' || p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

static int on_staff(struct xj_store *st, const char *who, struct xj_error *err)
{
	int rc = who ? xj_store_staff_find(st, who, err) : 0;

	if (rc == 0)
		return xj_error_set(err, XJ_EUSAGE, "the archive's steps are taken by a staff"
				    " member: give -u NAME or a key");
	return rc < 0 ? -1 : 0;
}

static int audit(struct xj_store *st, const struct xj_student *s, const char *action,
		 const char *json, struct xj_error *err)
{
	return xj_store_audit(st, s->id, action, NULL, json, err);
}

/* The paper file is here: not lent out, not transferred. */
static int at_hand(struct xj_store *st, const struct xj_student *s, struct xj_error *err)
{
	struct xj_custody c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = xj_store_custody(st, s->id, &c, err);
	if (rc == 0 && *c.moved_to.buf)
		rc = xj_error_set(err, XJ_EDATA, "the paper file was transferred to %s",
				  c.moved_to.buf);
	else if (rc == 0 && *c.lent_to.buf)
		rc = xj_error_set(err, XJ_EDATA, "the paper file is lent to %s until %s",
				  c.lent_to.buf, c.due.buf);
	xj_store_custody_release(&c);
	return rc;
}

int xj_archive_collect(struct xj_store *st, const struct xj_student *s,
		       const struct xj_archive_in *in, const char *who, struct xj_error *err)
{
	struct xj_archive_rules r;
	struct xj_holding h;
	struct xj_jw json = XJ_JW_INIT;
	long long id = 0;
	size_t i;
	int rc = on_staff(st, who, err);

	if (rc == 0)
		rc = xj_store_archive_rules(st, &r, err);
	if (rc == 0 && !kind_known(r.kinds, in->kind))
		rc = xj_error_set(err, XJ_EUSAGE, "not a kind of item of the checklist: %s"
				  " (xj-config(5), archive)", in->kind);
	if (rc == 0 && in->nfiles && !*r.root)
		rc = xj_error_set(err, XJ_EUSAGE, "the config names no archive root for"
				  " electronic copies (archive: root)");
	if (rc == 0 && !in->paper && !in->nfiles)
		rc = xj_error_set(err, XJ_EUSAGE, "collect what? --paper, --file or both");
	/* a paper item goes into the file where the file is: not one gone */
	if (rc == 0 && in->paper)
		rc = at_hand(st, s, err);
	memset(&h, 0, sizeof(h));
	h.kind = in->kind;
	h.by = who;
	if (rc == 0 && in->paper) {
		h.paper = 1;
		h.location = in->location;
		rc = xj_store_holding_add(st, s->id, &h, &id, err);
	}
	for (i = 0; rc == 0 && i < in->nfiles; i++) {
		struct copy c;
		const char *base = strrchr(in->files[i], '/');

		memset(&c, 0, sizeof(c));
		rc = store_file(r.root, in->files[i], &c, err);
		h.paper = 0;
		h.location = NULL;
		h.sha256 = c.sha;
		h.size = c.size;
		h.media = c.media;
		h.name = base ? base + 1 : in->files[i];
		if (rc == 0)
			rc = xj_store_holding_add(st, s->id, &h, &id, err);
		/* the log binds the copy, its SHA-256 and size, and names the
		 * item: xj log --verify --files holds the row to it (P20) */
		xj_jsonw_release(&json);
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "kind", in->kind);
		xj_jsonw_object_int(&json, "item", id);
		xj_jsonw_object_string(&json, "sha256", c.sha);
		xj_jsonw_object_int(&json, "size", c.size);
		xj_jsonw_end(&json);
		if (rc == 0)
			rc = audit(st, s, "archive-collect", json.json.buf, err);
	}
	if (rc == 0 && in->paper) {
		xj_jsonw_release(&json);
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "kind", in->kind);
		xj_jsonw_object_bool(&json, "paper", 1);
		xj_jsonw_object_string(&json, "location", in->location ? in->location : "");
		xj_jsonw_end(&json);
		rc = audit(st, s, "archive-collect", json.json.buf, err);
	}
	xj_jsonw_release(&json);
	return rc;
}

struct checking {
	struct xj_store *st;
	const struct xj_student *s;
	const char *kind, *who;
	long long ids[256];
	int n, own;
};

static int unchecked(void *ctx, const struct xj_holding *h)
{
	struct checking *c = ctx;

	if (*h->checked_by || (c->kind && strcmp(c->kind, h->kind)))
		return 0;
	if (!strcmp(h->by, c->who)) {
		c->own++;
		return 0;
	}
	if (c->n < 256)
		c->ids[c->n++] = h->id;
	return 0;
}

long xj_archive_check(struct xj_store *st, const struct xj_student *s, const char *kind,
		      const char *who, struct xj_error *err)
{
	struct checking c;
	int i, rc;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.s = s;
	c.kind = kind;
	c.who = who;
	rc = xj_review_has_role(st, s, who, XJ_ROLE_ARCHIVIST, 0, err);
	if (rc == 0)
		rc = xj_store_holding_each(st, s->id, unchecked, &c, err);
	if (rc == 0 && !c.n && c.own)
		rc = xj_error_set(err, XJ_EDATA, "%s collected these items: a second person"
				  " checks them (P19)", who);
	else if (rc == 0 && !c.n)
		rc = xj_error_set(err, XJ_EDATA, "nothing to check");
	if (rc == 0) {
		/* the decision names the items it checks: its signature covers them */
		struct xj_jw held = XJ_JW_INIT;

		xj_jsonw_members_begin(&held);
		xj_jsonw_object_array_begin(&held, "holdings");
		for (i = 0; i < c.n; i++)
			xj_jsonw_array_int(&held, c.ids[i]);
		xj_jsonw_end(&held);
		xj_jsonw_end(&held);
		rc = xj_review_decide(st, s->id, "archive-check", "archive", held.json.buf, err);
		xj_jsonw_release(&held);
	}
	for (i = 0; rc == 0 && i < c.n; i++)
		rc = xj_store_holding_event(st, s->id, c.ids[i], "check", NULL, NULL, NULL, who,
					    err);
	return rc < 0 ? -1 : c.n;
}

struct filing {
	long long ids[256];
	int n, unchecked;
};

static int fileable(void *ctx, const struct xj_holding *h)
{
	struct filing *f = ctx;

	if (*h->filed_at)
		return 0;
	if (!*h->checked_by)
		f->unchecked++;
	else if (f->n < 256)
		f->ids[f->n++] = h->id;
	return 0;
}

int xj_archive_file(struct xj_store *st, const struct xj_student *s, const char *location,
		    const char *who, struct xj_error *err)
{
	struct filing f;
	struct xj_jw json = XJ_JW_INIT;
	int i, rc = on_staff(st, who, err);

	memset(&f, 0, sizeof(f));
	if (rc == 0)
		rc = xj_store_holding_each(st, s->id, fileable, &f, err);
	if (rc == 0 && !f.n && f.unchecked)
		rc = xj_error_set(err, XJ_EDATA, "the items are not checked yet (P18)");
	else if (rc == 0 && !f.n)
		rc = xj_error_set(err, XJ_EDATA, "nothing to file");
	for (i = 0; rc == 0 && i < f.n; i++)
		rc = xj_store_holding_event(st, s->id, f.ids[i], "file", NULL, location, NULL, who,
					    err);
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "filed", location);
	xj_jsonw_end(&json);
	if (rc == 0)
		rc = audit(st, s, "archive-file", json.json.buf, err);
	xj_jsonw_release(&json);
	return rc;
}

int xj_archive_lend(struct xj_store *st, const struct xj_student *s, const char *to,
		    const char *reason, int days, const char *who, struct xj_error *err)
{
	struct xj_archive_rules r;
	struct xj_jw json = XJ_JW_INIT;
	char due[11];
	int rc = on_staff(st, who, err);

	if (rc == 0)
		rc = at_hand(st, s, err);
	/* a file is lent that is there to lend: one paper item at least */
	if (rc == 0 && (rc = xj_store_paper_held(st, s->id, err)) == 0)
		rc = xj_error_set(err, XJ_EDATA, "no paper item of the file is collected: there is"
				  " nothing to lend");
	else if (rc > 0)
		rc = 0;
	if (rc == 0)
		rc = xj_store_archive_rules(st, &r, err);
	if (rc == 0) {
		char today[11];

		snprintf(today, sizeof(today), "%.10s", xj_store_business(st));
		xj_dates_add_days(today, days > 0 ? days : r.lend_days, due);
		rc = xj_store_holding_event(st, s->id, 0, "lend", to, reason, due, who, err);
	}
	if (rc == 0) {
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "lent_to", to);
		xj_jsonw_object_string(&json, "reason", reason);
		xj_jsonw_object_string(&json, "due", due);
		xj_jsonw_end(&json);
		rc = audit(st, s, "archive-lend", json.json.buf, err);
	}
	xj_jsonw_release(&json);
	return rc;
}

int xj_archive_return(struct xj_store *st, const struct xj_student *s, const char *who,
		      struct xj_error *err)
{
	struct xj_custody c;
	int rc = on_staff(st, who, err);

	memset(&c, 0, sizeof(c));
	if (rc == 0)
		rc = xj_store_custody(st, s->id, &c, err);
	if (rc == 0 && !*c.lent_to.buf)
		rc = xj_error_set(err, XJ_EDATA, "the paper file is not lent out");
	if (rc == 0)
		rc = xj_store_holding_event(st, s->id, 0, "return", c.lent_to.buf, NULL, NULL, who,
					    err);
	if (rc == 0)
		rc = audit(st, s, "archive-return", "{\"returned\":true}", err);
	xj_store_custody_release(&c);
	return rc;
}

int xj_archive_transfer(struct xj_store *st, const struct xj_student *s, const char *to,
			const char *how, const char *tracking, const char *who,
			struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT;
	struct xj_jw json = XJ_JW_INIT;
	int rc = on_staff(st, who, err);

	if (rc == 0)
		rc = at_hand(st, s, err);
	xj_sb_addf(&text, "%s%s%s", how, tracking ? " " : "", tracking ? tracking : "");
	if (rc == 0)
		rc = xj_store_holding_event(st, s->id, 0, "transfer", to, text.buf, NULL, who, err);
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "transferred_to", to);
	xj_jsonw_object_string(&json, "how", text.buf);
	xj_jsonw_end(&json);
	if (rc == 0)
		rc = audit(st, s, "archive-transfer", json.json.buf, err);
	xj_sb_release(&text);
	xj_jsonw_release(&json);
	return rc;
}
