/* cli.c: shared command-line plumbing for the programs in cmd/. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "xj/infile.h"
#include "xj/cli.h"
#include "xj/clock.h"
#include "xj/dates.h"
#include "xj/diag.h"
#include "xj/gb2260.h"
#include "xj/i18n.h"
#include "xj/reader.h"
#include "xj/student.h"
#include "xj/writer.h"

const char *xj_cli_db(const char *opt)
{
	const char *env = getenv("XJ_DB");

	if (opt && *opt)
		return opt;
	return env && *env ? env : "xj.db";
}

void xj_cli_actor(struct xj_actor *who, struct xj_sb *args, const char *program,
		  int argc, char **argv, const char *user)
{
	struct passwd *pw = getpwuid(geteuid());
	int i;

	who->login = pw ? pw->pw_name : "unknown";
	who->user = user;
	who->program = program;
	xj_sb_reset(args);
	for (i = 1; i < argc; i++) {
		if (i > 1)
			xj_sb_addc(args, ' ');
		xj_sb_adds(args, argv[i]);
	}
	who->args = args->buf ? args->buf : "";
}

int xj_cli_load_key(const char *path, struct xj_key *k, struct xj_error *err)
{
	const char *env = getenv("XJ_PASSPHRASE");
	char pass[256];
	int sealed = 0, rc = xj_key_load(path, env, k, &sealed, err);

	if (rc == 0 || !sealed)
		return rc;
	if (xj_diag_passphrase(_("passphrase for the xj key: "), pass, sizeof(pass)) < 0)
		return xj_error_set(err, XJ_EUSAGE, "key %s is sealed with a passphrase: set"
				    " XJ_PASSPHRASE or run on a terminal", path);
	xj_error_clear(err);
	rc = xj_key_load(path, pass, k, &sealed, err);
	sodium_memzero(pass, sizeof(pass));
	return rc;
}

/* Without a key: a -u name must be a staff member once staff are known. */
static int claimed(struct xj_store *st, const char *user, struct xj_error *err)
{
	int rc;

	if (!user)
		return 0;
	rc = xj_store_has_config(st, err);
	if (rc > 0)
		rc = xj_store_staff_find(st, user, err);
	else if (rc == 0)
		return 0;
	if (rc == 0)
		return xj_error_set(err, XJ_EUSAGE,
				    "unknown staff member '%s' (not in the config)", user);
	return rc < 0 ? -1 : 0;
}

/* With a key: its holder, by the config in force now. */
static int proven(struct xj_store *st, const char *user, struct xj_identity *id,
		  struct xj_error *err)
{
	int rc = xj_store_staff_by_key(st, id->key.pub, 0, &id->name, err);

	if (rc < 0)
		return -1;
	if (rc == 0 && xj_store_has_config(st, err) > 0)
		return xj_error_set(err, XJ_EUSAGE, "the key in use (%s, from %s) is no staff"
				    " member's in the config", id->key.pub, id->from.buf);
	if (rc == 0) {   /* no config yet: nobody to prove, the name as claimed */
		id->user = user;
		return 0;
	}
	if (user && strcmp(user, id->name.buf) != 0)
		return xj_error_set(err, XJ_EUSAGE, "the key in use is %s's, not %s's",
				    id->name.buf, user);
	id->proven = 1;
	id->user = id->name.buf;
	xj_store_sign_with(st, &id->key, id->user);
	return 0;
}

static int identify(struct xj_store *st, const char *keyopt, const char *user,
		    struct xj_identity *id, struct xj_error *err)
{
	struct xj_sb dflt = XJ_SB_INIT;
	int is_default, rc;
	const char *path = xj_key_path(keyopt, &dflt, &is_default);

	id->user = user;
	rc = path ? xj_cli_load_key(path, &id->key, err) : 0;
	if (path)
		xj_key_from(keyopt, path, &id->from);
	xj_sb_release(&dflt);
	if (rc < 0 || !path)
		return rc < 0 ? -1 : claimed(st, user, err);
	id->has_key = 1;
	return proven(st, user, id, err);
}

struct xj_store *xj_cli_open(const char *path, const char *keyopt,
			     const char *user, struct xj_identity *id,
			     struct xj_error *err)
{
	return xj_cli_open_as(path, 0, keyopt, user, id, err);
}

struct xj_store *xj_cli_open_as(const char *path, int flags, const char *keyopt,
				const char *user, struct xj_identity *id,
				struct xj_error *err)
{
	struct xj_store *st = xj_store_open_as(path, flags, err);

	xj_outfile_guard_store(path);
	int rc;

	if (!st)
		return NULL;
	if (id) {
		memset(id, 0, sizeof(*id));
		rc = identify(st, keyopt, user, id, err);
	} else {
		rc = claimed(st, user, err);
	}
	if (rc < 0) {   /* nothing is left for the caller to release */
		if (id)
			xj_cli_identity_release(id);
		xj_store_close(st);
		return NULL;
	}
	return st;
}

void xj_cli_identity_release(struct xj_identity *id)
{
	xj_key_wipe(&id->key);
	xj_sb_release(&id->name);
	xj_sb_release(&id->from);
}

int xj_cli_number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* --since and --until take a time too; strict ISO 8601 all the same, so
 * a typo is refused rather than taken for a filter that matches nothing. */
int xj_cli_when(const char *opt, const char *arg)
{
	if (xj_dates_time_parse(arg, 0, NULL) < 0)
		return xj_diag_usage("%s wants an ISO 8601 date or time (YYYY-MM-DD or"
				     " YYYY-MM-DDTHH:MM:SS), not '%s'", opt, arg);
	return 0;
}

int xj_cli_date(const char *opt, const char *arg)
{
	char d[11];

	if (xj_dates_parse(arg, d) < 0)
		return xj_diag_usage("%s wants a date as YYYY-MM-DD, not '%s'", opt, arg);
	return 0;
}

struct xj_writer *xj_cli_writer(const char *format, const char *encoding,
				int lang_zh, int excel, struct xj_error *err)
{
	struct xj_writer_opts wo = { .format = XJ_FMT_CSV, .encoding = encoding,
		.lang_zh = lang_zh, .excel = excel };

	if (format && xj_writer_format_parse(format, &wo.format) < 0) {
		xj_error_set(err, XJ_EUSAGE, "unknown format '%s' (want csv, tsv, yaml, json"
			     " or xlsx)", format);
		return NULL;
	}
	return xj_writer_new(stdout, &wo, err);
}

/* A word that can only be a key, not a column's name: 6 to 20 ASCII
 * letters and digits, a digit among them (an exam number, an ID number,
 * a student number). */
static int key_like(const char *s)
{
	size_t n = strlen(s), i, digits = 0;

	if (n < 6 || n > 20)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return 0;
		digits += isdigit((unsigned char)s[i]) != 0;
	}
	return digits > 0;
}

static const char *const key_cols[] = { "exam_no", "student_no", "id_number" };

static const struct xj_cli_list keys = {
	key_cols, 3, key_like,
	N_("%s: no exam_no, student_no or id_number column: give a header that names one,"
	   " or one key a line with no header"),
	N_("no exam_no, student_no or id_number in this row"),
};

/* The stream's header, once read: a list with no header at all (*bare:
 * its one "column name" is the first item, at line 1), or one that names
 * a column of the list; anything else is refused, not read as an empty
 * list. */
static int list_header(struct xj_reader *rd, const struct xj_cli_list *l, int *bare,
		       const char **first, struct xj_error *err)
{
	const char *const *names, *const *raw;
	size_t n = xj_reader_header(rd, &names, &raw), i, k;

	*first = NULL;
	*bare = n == 1 && !strcmp(names[0], raw[0]) && l->like(raw[0]);
	if (*bare) {
		*first = raw[0];
		return 0;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < l->ncols; k++)
			if (!strcmp(names[i], l->cols[k]))
				return 0;
	if (!n)   /* YAML: each record names its fields */
		return 0;
	return xj_error_set(err, XJ_EDATA, l->no_column, xj_reader_name(rd));
}

/* A row's item: the value of the first of the list's columns it has; a
 * row with none is named to bad, not passed over. */
static const char *row_item(const struct xj_record *rec, const struct xj_cli_list *l,
			    int bare, void (*bad)(void *, const struct xj_error *), void *ctx)
{
	const char *k = NULL;
	struct xj_error e;
	size_t i;

	if (bare)
		return rec->n && *rec->values[0] ? rec->values[0] : NULL;
	for (i = 0; i < l->ncols && (!k || !*k); i++)
		k = xj_reader_get(rec, l->cols[i]);
	if (k && *k)
		return k;
	xj_error_clear(&e);
	xj_error_where(&e, rec->file, rec->line, l->cols[0]);
	xj_error_set(&e, XJ_EDATA, "%s", _(l->no_value));
	bad(ctx, &e);
	return NULL;
}

static int stdin_items(const struct xj_cli_list *l,
		       int (*fn)(void *, const struct xj_cli_item *, struct xj_error *),
		       void (*bad)(void *, const struct xj_error *), void *ctx,
		       struct xj_error *err)
{
	struct xj_reader_opts ro = { 0 };
	struct xj_reader *rd = xj_reader_open("-", &ro, err);
	struct xj_record rec;
	struct xj_cli_item it;
	int rc, bare = 0, started = 0;

	if (!rd)
		return -1;
	it.file = xj_reader_name(rd);
	for (;;) {
		rc = xj_reader_next(rd, &rec, err);
		if (rc < 0 && err->code != XJ_EDATA)
			break;
		if (!started++) {
			if (list_header(rd, l, &bare, &it.value, err) < 0) {
				rc = -1;
				break;
			}
			it.line = 1;
			if (it.value && fn(ctx, &it, err) < 0) {
				rc = -1;
				break;
			}
		}
		if (rc == 0)
			break;
		if (rc < 0) {
			bad(ctx, err);
			continue;
		}
		it.value = row_item(&rec, l, bare, bad, ctx);
		it.line = rec.line;
		if (it.value && fn(ctx, &it, err) < 0) {
			rc = -1;
			break;
		}
	}
	xj_reader_free(rd);
	return rc < 0 ? -1 : 0;
}

int xj_cli_items(int n, char **args, const struct xj_cli_list *l,
		 int (*fn)(void *ctx, const struct xj_cli_item *it, struct xj_error *err),
		 void (*bad)(void *ctx, const struct xj_error *e), void *ctx,
		 struct xj_error *err)
{
	struct xj_cli_item it = { 0 };
	int i;

	for (i = 0; i < n; i++) {
		it.value = args[i];
		if ((l && strcmp(args[i], "-") == 0 ? stdin_items(l, fn, bad, ctx, err) :
		     fn(ctx, &it, err)) < 0)
			return -1;
	}
	return 0;
}

struct key_list {
	int (*fn)(void *ctx, const char *key, struct xj_error *err);
	void (*bad)(void *ctx, const struct xj_error *e);
	void *ctx;
};

static int one_key(void *ctx, const struct xj_cli_item *it, struct xj_error *err)
{
	struct key_list *k = ctx;

	return k->fn(k->ctx, it->value, err);
}

static void bad_key(void *ctx, const struct xj_error *e)
{
	struct key_list *k = ctx;

	k->bad(k->ctx, e);
}

int xj_cli_keys(int n, char **args,
		int (*fn)(void *ctx, const char *key, struct xj_error *err),
		void (*bad)(void *ctx, const struct xj_error *e), void *ctx,
		struct xj_error *err)
{
	struct key_list k = { fn, bad, ctx };

	return xj_cli_items(n, args, &keys, one_key, bad_key, &k, err);
}

int xj_cli_find_student(struct xj_store *st, const char *key, struct xj_student *s,
			struct xj_error *err)
{
	return xj_store_student_by_key(st, key, s, err);
}

void xj_cli_start(int *argc, char **argv)
{
	const char *bad;
	int i, j;

	/* the college's day, not the server's: before any time is read */
	xj_clock_zone();
	bad = xj_clock_bad_pin();
	xj_diag_init(argv[0]);
	xj_i18n_init();
	/* $XJ_NOW dates every fact the program records: one that is not a
	 * date is refused before anything is read or written */
	if (bad) {
		xj_diag("XJ_NOW: not an ISO 8601 date or time: '%s'", bad);
		exit(XJ_EXIT_USAGE);
	}
	if ((bad = xj_clock_bad_zone()) != NULL) {
		xj_diag("XJ_TZ: not a time zone xj can date by: '%s' (a POSIX rule such as"
			" CST-8, or a name of the time zone database such as Asia/Shanghai)", bad);
		exit(XJ_EXIT_USAGE);
	}
	for (i = j = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		/* the environment carries it to the programs xj runs */
		if (strcmp(argv[i], "--allow-network-fs") == 0)
			setenv("XJ_ALLOW_NETWORK_FS", "1", 1);
		else
			argv[j++] = argv[i];
	}
	*argc = j;
	argv[j] = NULL;
}

void xj_cli_version(const char *name)
{
	const char *version, *path;
	struct xj_error e;

	printf("%s %s\n", name, XJ_VERSION);
	xj_error_clear(&e);
	if (xj_gb2260_load(&version, &path, &e) == 0)
		printf("GB/T 2260 %s (%s)\n", version, path);
	else
		printf("GB/T 2260: %s\n", e.msg);
}

int xj_cli_options(int argc, char **argv, const char *shorts, const struct option *longs,
		   const char *name, const char *usage, int (*fn)(int c, void *ctx), void *ctx)
{
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == 'h') {
			fputs(gettext(usage), stdout);
			return -1;
		}
		if (c == 'V') {
			xj_cli_version(name);
			return -1;
		}
		rc = c == '?' || c == ':' ? -2 : fn(c, ctx);
		if (rc == -2)
			return xj_diag_bad_option(c, optopt, argv[optind - 1]);
		if (rc)
			return rc;
	}
	return 0;
}

