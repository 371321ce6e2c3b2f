/* cmdrun.c: the frame of a command over students or rows. */
#include <stdio.h>
#include <string.h>

#include "xj/cmdrun.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"

int xj_run_open(struct xj_run *r, const struct xj_run_opts *o, int argc, char **argv,
		int writes)
{
	memset(r, 0, sizeof(*r));
	r->program = o->program;
	r->dry_run = o->dry_run;
	r->q = o->q;
	r->argc = argc;
	r->argv = argv;
	xj_error_clear(&r->err);
	r->st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &r->id, &r->err);
	if (!r->st)
		return -1;
	xj_cli_actor(&r->who, &r->args, o->program, argc, argv, r->id.user);
	return writes ? xj_store_begin(r->st, &r->who, &r->err) : 0;
}

int xj_run_commit(struct xj_run *r)
{
	r->committed = 1;
	if (r->dry_run || !xj_store_changes(r->st))
		return 0;
	return xj_store_commit(r->st, &r->err);
}

int xj_run_close(struct xj_run *r, int rc)
{
	if (rc == 0 && r->st && !r->committed)
		rc = xj_run_commit(r);
	xj_store_close(r->st);
	if (r->st)
		xj_cli_identity_release(&r->id);
	xj_sb_release(&r->args);
	if (rc < 0) {
		xj_diag_error(&r->err);
		return r->err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : xj_error_exit(&r->err);
	}
	return r->refused || r->failed ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

void xj_run_say_results(const struct xj_run *r)
{
	if (r->dry_run)
		xj_diag("%ld registered, %ld failed, %ld unchanged, %ld refused"
			" (dry run: nothing was recorded)", r->done, r->failed, r->unchanged,
			r->refused);
	else
		xj_diag("%ld registered, %ld failed, %ld unchanged, %ld refused", r->done,
			r->failed, r->unchanged, r->refused);
}

void xj_run_refuse(struct xj_run *r, const char *key, const char *why)
{
	char shown[64];

	xj_mask(strlen(key) == 18 ? "id_number" : "exam_no", key, shown, sizeof(shown));
	xj_diag("%s: %s", shown, why);
	r->refused++;
}

struct each {
	struct xj_run *r;
	xj_run_student_fn fn;
	void *ctx;
};

static int each_key(void *ctx, const char *key, struct xj_error *err)
{
	struct each *e = ctx;
	struct xj_student s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = xj_cli_find_student(e->r->st, key, &s, err);
	if (rc == 0)
		xj_run_refuse(e->r, key, _("no such student"));
	else if (rc > 0)
		rc = e->fn(e->r, &s, e->ctx);
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

static void each_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct each *)ctx)->r->refused++;
}

int xj_run_each_queried(struct xj_run *r, xj_run_student_fn fn, void *ctx)
{
	struct xj_query all;
	struct xj_student s;
	int rc;

	memset(&all, 0, sizeof(all));
	if (xj_store_query_begin(r->st, r->q ? r->q : &all, &r->err) < 0)
		return -1;
	while ((rc = xj_store_query_next(r->st, &s, &r->err)) == 1) {
		rc = fn(r, &s, ctx);
		xj_student_release(&s);
		if (rc < 0)
			return -1;
	}
	return rc;
}

static int collect(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct xj_sb *keys = ctx;

	(void)r;
	xj_sb_adds(keys, s->v[XJ_S_EXAM_NO]);
	xj_sb_addc(keys, '\n');
	return 0;
}

int xj_run_each_student(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
			void *ctx)
{
	struct each e = { r, fn, ctx };
	struct xj_sb all = XJ_SB_INIT;
	char *p, *nl;
	int rc;

	if (nkeys)
		return xj_cli_keys(nkeys, keys, each_key, each_bad, &e, &r->err);
	xj_sb_adds(&all, "");
	rc = xj_run_each_queried(r, collect, &all);
	for (p = all.buf; rc == 0 && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		rc = each_key(&e, p, &r->err);
	}
	xj_sb_release(&all);
	return rc;
}

int xj_run_each_row(struct xj_run *r, const char *path,
		    int (*fn)(struct xj_run *, const struct xj_record *, void *), void *ctx)
{
	struct xj_reader_opts ro = { NULL, NULL };
	struct xj_reader *rd = xj_reader_open(path, &ro, &r->err);
	struct xj_record rec;
	int rc, called;

	if (!rd)
		return -1;
	while ((rc = xj_reader_next(rd, &rec, &r->err)) != 0) {
		called = rc > 0;
		if (called)
			rc = fn(r, &rec, ctx);
		if (rc >= 0)
			continue;
		if (r->err.code != XJ_EDATA)
			break;
		snprintf(r->err.file, sizeof(r->err.file), "%s", xj_reader_name(rd));
		if (!r->err.line)
			r->err.line = rec.line;
		xj_diag_error(&r->err);
		r->refused++;
		xj_error_clear(&r->err);
		if (called && xj_store_savepoint(r->st, "row", XJ_SP_ROLLBACK, &r->err) < 0)
			break;
		rc = 1;
	}
	xj_reader_free(rd);
	return rc < 0 ? -1 : 0;
}
