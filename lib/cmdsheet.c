/* cmdsheet.c: the frame's part of the signing sheets (xj-verify sign,
 * xj-change approve, xj-diploma sign): a prepared sheet written with its
 * page, and signed sheets applied decision by decision, each refusal said
 * with its sheet and its student or request. */
#include <stdio.h>

#include "xj/cmdrun.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/sheet.h"

int xj_cmdsheet_save(struct xj_run *r, const struct xj_sheet *sh, const char *page)
{
	struct xj_sb shown = XJ_SB_INIT;
	int rc;

	/* a sheet of nothing to sign is paper for nobody: none is written */
	if (!sh->n) {
		xj_diag(_("%s: no sheet made: no decision for %s to sign, %ld left off"),
			r->c->output, sh->signer, r->refused);
		r->failed++;
		return 0;
	}
	rc = xj_sheet_save(sh, r->c->output, page, &shown, &r->err);

	if (rc == 0 && !r->c->quiet)
		xj_diag("%s: %zu decisions for %s to sign, %ld left off; %s to print",
			r->c->output, sh->n, sh->signer, r->refused, shown.buf);
	xj_sb_release(&shown);
	return rc;
}

/* A decision refused: by the sheet, and the student (masked as any key)
 * or the request; a sheet that cannot be read, whole. */
static void refused(void *ctx, const char *path, const struct xj_sheet_item *it,
		    const struct xj_error *e)
{
	char shown[64];

	(void)ctx;
	if (!it) {
		xj_diag_error(e);
	} else if (it->request) {
		xj_diag("%s: #%lld: %s", path, it->request, e->msg);
	} else {
		xj_mask_key(it->exam_no, shown, sizeof(shown));
		xj_diag("%s: %s: %s", path, shown, e->msg);
	}
}

static void say_applied(const struct xj_run *r, const struct xj_sheet_tally *t)
{
	if (r->c->quiet)
		return;
	if (t->applied && r->dry_run)
		xj_diag("%ld recorded (%ld applied), %ld unchanged, %ld refused (dry run: nothing"
			" was recorded)", t->recorded, t->applied, t->unchanged, t->refused);
	else if (t->applied)
		xj_diag("%ld recorded (%ld applied), %ld unchanged, %ld refused", t->recorded,
			t->applied, t->unchanged, t->refused);
	else if (r->dry_run)
		xj_diag("%ld recorded, %ld unchanged, %ld refused (dry run: nothing was"
			" recorded)", t->recorded, t->unchanged, t->refused);
	else
		xj_diag("%ld recorded, %ld unchanged, %ld refused", t->recorded, t->unchanged,
			t->refused);
}

int xj_cmdsheet_apply(struct xj_run *r, int nargs, char **args, int kind)
{
	struct xj_sheet_tally t = { 0, 0, 0, 0 };
	int i, rc;

	if (!nargs)
		return xj_diag_usage("which sheets? give their files");
	/* whoever applies does so with their key; the roles are the signer's,
	 * checked decision by decision */
	rc = xj_cmdrun_open_as(r, XJ_V_WRITES | XJ_V_DECISION, 0);
	for (i = 0; rc == 0 && i < nargs; i++)
		rc = xj_sheet_apply_file(r->st, args[i], kind, refused, r, &t, &r->err);
	r->done = t.recorded;
	r->unchanged = t.unchanged;
	r->refused = t.refused;
	if (rc == 0)
		say_applied(r, &t);
	return rc;
}

struct prep {
	struct xj_sheet sh;
	const char *stage, *level;
};

/* A student onto the sheet when its signer may sign now, else named with
 * the reason and left off. */
static int prepare_one(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct prep *p = ctx;

	if (xj_sheet_add(r->st, &p->sh, s, p->stage, p->level, &r->err) == 0)
		return 0;
	if (r->err.code != XJ_EDATA && r->err.code != XJ_EUSAGE)
		return -1;
	xj_cmdrun_refuse(r, r->key, r->err.msg);
	xj_error_clear(&r->err);
	return 0;
}

int xj_cmdsheet_prepare_signoffs(struct xj_run *r, int nkeys, char **keys, const char *stage,
			    const char *level, const char *page)
{
	struct prep p;
	int rc;

	if (!nkeys)
		return xj_diag_usage("which students? give keys, or - for a record stream");
	p.stage = stage;
	p.level = level;
	xj_sheet_init(&p.sh);
	/* it changes nothing (the store's id, made on first use, is no one's
	 * work), so it needs no key; -u names the signer */
	rc = xj_cmdrun_open_as(r, XJ_V_FOR_USER, 0);
	if (rc == 0)
		rc = xj_sheet_begin(r->st, &p.sh, r->c->user, &r->err);
	if (rc == 0)
		rc = xj_cmdrun_each_student(r, nkeys, keys, prepare_one, &p);
	if (rc == 0)
		rc = xj_cmdsheet_save(r, &p.sh, page);
	xj_sheet_release(&p.sh);
	return rc;
}
