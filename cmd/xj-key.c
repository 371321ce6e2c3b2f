/* xj-key: make a staff member's key pair, and say whose a key is. */
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xj/cli.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-key new [-q] [--key file] [--passphrase]\n"
"       xj-key show [-d db] [--key file]\n"
"\n"
"  new          make a key pair: the private key into the key file (mode 0600),\n"
"               the public key on standard output, for the config\n"
"  show         the key in use, and the staff member the config gives it to\n"
"\n"
"  -d, --db PATH     the store (default $XJ_DB, else ./xj.db)\n"
"      --key FILE    the key file (default $XJ_KEY, else ~/.config/xj/key)\n"
"      --passphrase  seal the new key with a passphrase ($XJ_PASSPHRASE, else\n"
"                    asked for twice on the terminal)\n"
"  -q, --quiet       no advice on standard error\n"
"  -h, --help        show this help\n"
"  -V, --version     show the version\n");

struct opts {
	const char *db, *key;
	int quiet, passphrase;
};

static int parse(int argc, char **argv, struct opts *o)
{
	enum { O_KEY = 256, O_PASS };
	static const struct option longs[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, O_KEY },
		{ "passphrase", no_argument, NULL, O_PASS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:hqV", longs, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'q': o->quiet = 1; break;
		case O_KEY: o->key = optarg; break;
		case O_PASS: o->passphrase = 1; break;
		case 'h': fputs(_(usage_text), stdout); return -1;
		case 'V': puts("xj-key " XJ_VERSION); return -1;
		default: return xj_diag_bad_option(c, optopt, argv[optind - 1]);
		}
	}
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

static int key_new(const struct opts *o)
{
	struct xj_sb dflt = XJ_SB_INIT;
	struct xj_key k;
	struct xj_error err;
	char pass[256] = "";
	int is_default, rc;
	const char *path = xj_key_path(o->key, &dflt, &is_default);

	memset(&k, 0, sizeof(k));
	xj_error_clear(&err);
	if (!path)
		path = dflt.buf;
	if (is_default)
		make_dir(path);
	rc = o->passphrase ? new_passphrase(pass, sizeof(pass), &err) : 0;
	if (rc == 0)
		rc = xj_key_generate(&k, &err);
	if (rc == 0)
		rc = xj_key_save(&k, path, o->passphrase ? pass : NULL, &err);
	sodium_memzero(pass, sizeof(pass));
	if (rc == 0) {
		puts(k.pub);
		if (!o->quiet)
			xj_diag("wrote %s; put the public key above into your staff entry of"
				" the config (key: ...)", path);
	}
	xj_key_wipe(&k);
	xj_sb_release(&dflt);
	if (rc < 0) {
		xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	}
	return XJ_EXIT_OK;
}

/* public_key,staff: whose the key in use is, by the config in force. */
static int key_show(const struct opts *o)
{
	static const char *const cols[] = { "public_key", "staff" };
	struct xj_sb dflt = XJ_SB_INIT, name = XJ_SB_INIT;
	struct xj_writer_opts wo = { XJ_FMT_CSV, NULL, 0, 0 };
	struct xj_key k;
	struct xj_error err;
	struct xj_store *st = NULL;
	struct xj_writer *w = NULL;
	const char *vals[2];
	int is_default, rc = -1, found = 0;
	const char *path = xj_key_path(o->key, &dflt, &is_default);

	xj_error_clear(&err);
	if (!path)
		xj_error_set(&err, XJ_EUSAGE, "no key: make one with 'xj key new'");
	else if (xj_cli_load_key(path, &k, &err) == 0 &&
		 (st = xj_store_open(xj_cli_db(o->db), 0, &err)) != NULL &&
		 (found = xj_store_staff_by_key(st, k.pub, 0, &name, &err)) >= 0 &&
		 (w = xj_writer_new(stdout, &wo, &err)) != NULL) {
		xj_writer_columns(w, 2, cols);
		vals[0] = k.pub;
		vals[1] = found ? name.buf : "";
		rc = xj_writer_row(w, vals, &err);
		if (rc == 0)
			rc = xj_writer_end(w, &err);
	}
	if (path)
		xj_key_wipe(&k);
	xj_writer_free(w);
	xj_store_close(st);
	xj_sb_release(&dflt);
	xj_sb_release(&name);
	if (rc < 0) {
		xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : XJ_EXIT_FAIL;
	}
	if (!found)
		xj_diag("the key is no staff member's in the config");
	return found ? XJ_EXIT_OK : XJ_EXIT_REFUSED;
}

int main(int argc, char **argv)
{
	struct opts o;
	const char *verb;
	int rc;

	memset(&o, 0, sizeof(o));
	xj_cli_start(&argc, argv);
	rc = parse(argc, argv, &o);
	if (rc != 0)
		return xj_diag_close_stdout(rc < 0 ? XJ_EXIT_OK : rc);
	verb = optind < argc ? argv[optind] : NULL;
	if (!verb || optind + 1 != argc)
		return xj_diag_usage("want 'new' or 'show'");
	if (strcmp(verb, "new") == 0)
		rc = key_new(&o);
	else if (strcmp(verb, "show") == 0)
		rc = key_show(&o);
	else
		return xj_diag_usage("unknown command '%s' (want new or show)", verb);
	return xj_diag_close_stdout(rc);
}
