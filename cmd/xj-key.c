/* xj-key: make a staff member's key pair, and say whose a key is. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xj/cli.h"
#include "xj/cmdrun.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/sheet.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-key new [-q] [--key file] [--passphrase]\n"
"       xj-key show [-d db] [--key file]\n"
"       xj-key sign [-nq] [--key file] sheet\n"
"\n"
"  new          make a key pair: the private key into the key file (mode 0600),\n"
"               the public key on standard output, for the config\n"
"  show         the key in use, and the staff member the config gives it to\n"
"  sign         sign a sheet of sign-offs prepared by xj-verify sign, on your\n"
"               own machine, no store needed: each decision's statement\n"
"\n"
"  -d, --db PATH     the store (default $XJ_DB, else ./xj.db)\n"
"      --wait N      wait that long for another writer (default 600)\n"
"      --key FILE    the key file (default $XJ_KEY, else ~/.config/xj/key)\n"
"      --passphrase  seal the new key with a passphrase ($XJ_PASSPHRASE, else\n"
"                    asked for twice on the terminal)\n"
"  -n, --dry-run     sign: show the decisions, sign nothing\n"
"  -q, --quiet       no advice on standard error\n"
"  -h, --help        show this help\n"
"  -V, --version     show the version\n");

/* The program's own option; -d, --key, -n, -q are the frame's (xj(1)). */
static int passphrase;

enum { O_PASS = 256 };

static const struct xj_opt own_opts[] = {
	{ "passphrase", 0, O_PASS }, { NULL, 0, 0 },
};

static int own_option(int c, const char *arg, void *ctx)
{
	(void)arg;
	(void)ctx;
	if (c == O_PASS)
		passphrase = 1;
	return 0;
}

/* The default key file's folder, private to its owner. */
static void make_dir(const char *path)
{
	char dir[4096];
	char *p;

	snprintf(dir, sizeof(dir), "%s", path);
	for (p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
}

/* The passphrase for a new key: $XJ_PASSPHRASE, else asked twice. */
static int new_passphrase(char *buf, size_t size, struct xj_error *err)
{
	const char *env = getenv("XJ_PASSPHRASE");
	char again[256];
	int same;

	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return 0;
	}
	if (xj_diag_passphrase(_("passphrase for the new key: "), buf, size) < 0 ||
	    xj_diag_passphrase(_("the same again: "), again, sizeof(again)) < 0)
		return xj_error_set(err, XJ_EUSAGE, "no terminal to ask for a passphrase on:"
				    " set XJ_PASSPHRASE");
	same = strcmp(buf, again) == 0 && *buf;
	sodium_memzero(again, sizeof(again));
	return same ? 0 : xj_error_set(err, XJ_EUSAGE, "the passphrases differ or are empty");
}

/* The verbs take no operands but sign's sheet. */
static int no_operands(int nargs)
{
	return nargs ? xj_diag_usage("want 'new', 'show' or 'sign'") : 0;
}

static int key_new(struct xj_run *r, int nargs, char **args)
{
	struct xj_sb dflt = XJ_SB_INIT;
	struct xj_key k;
	char pass[256] = "";
	int is_default, rc = no_operands(nargs);
	const char *path = xj_key_path(r->c->key, &dflt, &is_default);

	(void)args;
	memset(&k, 0, sizeof(k));
	if (!path)
		path = dflt.buf;
	if (rc == 0 && is_default)
		make_dir(path);
	if (rc == 0 && passphrase)
		rc = new_passphrase(pass, sizeof(pass), &r->err);
	if (rc == 0)
		rc = xj_key_generate(&k, &r->err);
	if (rc == 0)
		rc = xj_key_save(&k, path, passphrase ? pass : NULL, &r->err);
	sodium_memzero(pass, sizeof(pass));
	if (rc == 0) {
		puts(k.pub);
		if (!r->c->quiet)
			xj_diag("wrote %s; put the public key above into your staff entry of"
				" the config (key: ...)", path);
	}
	xj_key_wipe(&k);
	xj_sb_release(&dflt);
	return rc;
}

/* public_key,staff: whose the key in use is, by the config in force.  The
 * key is what is asked about, not who asks: the store is opened without
 * it (XJ_V_FOR_USER), and a key of no staff member is an answer. */
static int key_show(struct xj_run *r, int nargs, char **args)
{
	static const char *const cols[] = { "public_key", "staff" };
	struct xj_sb dflt = XJ_SB_INIT, name = XJ_SB_INIT;
	struct xj_writer *w;
	struct xj_key k;
	const char *vals[2];
	int is_default, rc = no_operands(nargs), found = 0;
	const char *path = xj_key_path(r->c->key, &dflt, &is_default);

	(void)args;
	memset(&k, 0, sizeof(k));
	if (rc == 0 && !path)
		rc = xj_error_set(&r->err, XJ_EUSAGE, "no key: make one with 'xj key new'");
	if (rc == 0)
		rc = xj_cli_load_key(path, &k, &r->err);
	if (rc == 0)
		rc = xj_cmdrun_open_as(r, XJ_V_FOR_USER, 0);
	if (rc == 0 && (found = xj_store_staff_by_key(r->st, k.pub, 0, &name, &r->err)) < 0)
		rc = -1;
	if (rc == 0 && !(w = xj_cmdrun_writer(r, 2, cols)))
		rc = -1;
	if (rc == 0) {
		vals[0] = k.pub;
		vals[1] = found ? name.buf : "";
		rc = xj_writer_row(w, vals, &r->err);
	}
	if (rc == 0 && !found) {
		xj_diag("the key is no staff member's in the config");
		r->failed++;
	}
	xj_key_wipe(&k);
	xj_sb_release(&dflt);
	xj_sb_release(&name);
	return rc;
}

/* The decisions of a sheet, one row each, for the signer to read before
 * (or, with -n, instead of) signing. */
static int sheet_summary(const struct xj_sheet *sh, struct xj_error *err)
{
	static const char *const cols[] = { "exam_no", "name", "stage", "level", "result",
					    "content" };
	struct xj_writer_opts wo = { .format = XJ_FMT_CSV };
	struct xj_writer *w = xj_writer_new(stdout, &wo, err);
	const char *vals[6];
	size_t i;
	int rc = w ? 0 : -1;

	if (w)
		xj_writer_columns(w, 6, cols);
	for (i = 0; rc == 0 && i < sh->n; i++) {
		vals[0] = sh->v[i].exam_no;
		vals[1] = sh->v[i].name;
		vals[2] = sh->v[i].stage;
		vals[3] = sh->v[i].level;
		vals[4] = sh->v[i].result;
		vals[5] = sh->v[i].content;
		rc = xj_writer_row(w, vals, err);
	}
	if (rc == 0 && w)
		rc = xj_writer_end(w, err);
	xj_writer_free(w);
	return rc;
}

/* Sign a sheet with the key, away from any store: the signatures go into
 * the sheet, written aside and renamed over it. */
static int key_sign(struct xj_run *r, int nargs, char **args)
{
	const struct xj_common *c = r->c;
	struct xj_sb dflt = XJ_SB_INIT;
	struct xj_error *err = &r->err;
	struct xj_sheet sh;
	struct xj_outfile f;
	struct xj_key k;
	int is_default, rc = -1;
	const char *kp = xj_key_path(c->key, &dflt, &is_default), *path;

	if (nargs != 1)
		return xj_diag_usage("sign takes one sheet");
	path = args[0];
	xj_sheet_init(&sh);
	if (!kp)
		xj_error_set(err, XJ_EUSAGE, "no key: make one with 'xj key new'");
	else if (xj_cli_load_key(kp, &k, err) == 0) {
		rc = xj_sheet_read(path, &sh, err);
		if (rc == 0)
			rc = xj_sheet_sign(&sh, &k, err);
		if (rc == 0)
			rc = sheet_summary(&sh, err);
		if (rc == 0 && !c->dry_run && (rc = xj_outfile_open(&f, path, err)) == 0) {
			rc = xj_sheet_write(f.fp, &sh, err);
			if (rc == 0)
				rc = xj_outfile_commit(&f, err);
			else
				xj_outfile_abort(&f);
		}
		xj_key_wipe(&k);
	}
	if (rc == 0 && !c->quiet && c->dry_run)
		xj_diag("%s: %zu decisions for %s to sign (dry run: nothing was signed)", path,
			sh.n, sh.signer);
	else if (rc == 0 && !c->quiet)
		xj_diag("%s: %zu decisions signed for %s; hand the sheet back to be applied",
			path, sh.n, sh.signer);
	xj_sheet_release(&sh);
	xj_sb_release(&dflt);
	return rc;
}

/* new and sign need no store: --key names the key file they make or sign
 * with, by name in their opts; show opens the store itself (key_show). */
static const struct xj_verb verbs[] = {
	{ "new", key_new, XJ_V_QUIET, 0, "key passphrase", NULL },
	{ "show", key_show, 0, 0, "db key", NULL },
	{ "sign", key_sign, XJ_V_QUIET, 0, "key dry-run", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-key", usage_text, verbs, own_opts, own_option, NULL, NULL
	};

	return xj_cmdrun_main(&prog, argc, argv);
}
