/* cmdrun.c: the frame every program runs in: the common options, the
 * verb table, who acts and in which role, the walk over students or
 * rows, the commit and the exit code. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/dates.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/pause.h"
#include "xj/infile.h"
#include "xj/jsonw.h"
#include "xj/mask.h"

/* The common options; a program's own take codes from 256 up. */
enum { C_KEY = 200, C_LANG, C_ENCODING, C_EXCEL, C_AS_OF, C_COMPLETE, C_WAIT };

static const struct xj_opt common_opts[] = {
	{ "db", 1, 'd' }, { "key", 1, C_KEY }, { "user", 1, 'u' },
	{ "dry-run", 0, 'n' }, { "quiet", 0, 'q' },
	{ "format", 1, 'f' }, { "output", 1, 'o' }, { "lang", 1, C_LANG },
	{ "encoding", 1, C_ENCODING }, { "excel", 0, C_EXCEL }, { "as-of", 1, C_AS_OF },
	{ "wait", 1, C_WAIT }, { "help", 0, 'h' }, { "version", 0, 'V' }, { NULL, 0, 0 },
};

/* An option as given, kept until the verb is known. */
struct given {
	int code;
	const char *arg;
};

static size_t count_opts(const struct xj_opt *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

static void add_long(struct option *l, const struct xj_opt *o)
{
	l->name = o->name;
	l->has_arg = o->has_arg ? required_argument : no_argument;
	l->flag = NULL;
	l->val = o->code;
}

/* getopt_long's tables: the common options, then the program's. */
static struct option *long_table(const struct xj_program *p, int posix,
				 struct xj_sb *shorts)
{
	size_t nc = count_opts(common_opts), np = count_opts(p->opts), i;
	struct option *l = xj_xcalloc(nc + np + 2, sizeof(*l));
	static const struct xj_opt complete = { .name = "completion-helper",
		.code = C_COMPLETE };

	xj_sb_adds(shorts, posix ? "+:d:f:hno:qu:V" : ":d:f:hno:qu:V");
	for (i = 0; i < nc; i++)
		add_long(&l[i], &common_opts[i]);
	for (i = 0; i < np; i++) {
		add_long(&l[nc + i], &p->opts[i]);
		if (p->opts[i].code < 128) {
			xj_sb_addc(shorts, (char)p->opts[i].code);
			if (p->opts[i].has_arg)
				xj_sb_addc(shorts, ':');
		}
	}
	add_long(&l[nc + np], &complete);
	return l;
}

static const char *opt_name(const struct xj_program *p, int code)
{
	size_t i;

	for (i = 0; common_opts[i].name; i++)
		if (common_opts[i].code == code)
			return common_opts[i].name;
	for (i = 0; p->opts && p->opts[i].name; i++)
		if (p->opts[i].code == code)
			return p->opts[i].name;
	return "?";
}

/* Is word one of the space-separated names in list? */
static int listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	for (s = list; s && (s = strstr(s, word)) != NULL; s += n)
		if ((s == list || s[-1] == ' ') && (s[n] == ' ' || s[n] == '\0'))
			return 1;
	return 0;
}

/* Does the verb take this option?  The common ones by its flags. */
static int takes(const struct xj_program *p, const struct xj_verb *v, int code)
{
	unsigned f = v->flags;

	switch (code) {
	/* or by name, for a verb that opens the store itself (xj_cmdrun_open_as)
	 * or takes --key as a file of its own (xj-key new --key FILE) */
	case 'd': case C_KEY: case 'u':
		return (f & XJ_V_STORE) != 0 || listed(v->opts, opt_name(p, code));
	case 'n': return (f & XJ_V_WRITES) != 0 || listed(v->opts, "dry-run");
	case C_WAIT: return (f & XJ_V_STORE) != 0 || listed(v->opts, "db");
	case 'q': return (f & (XJ_V_WRITES | XJ_V_QUIET)) != 0;
	case 'f': case 'o': case C_LANG: case C_ENCODING: case C_EXCEL:
		return (f & XJ_V_LIST) != 0 || listed(v->opts, opt_name(p, code));
	case C_AS_OF: return (f & XJ_V_ASOF) != 0;
	default: return listed(v->opts, opt_name(p, code));
	}
}

static const struct xj_verb *find_verb(const struct xj_verb *t, const char *name)
{
	for (; t && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* A program without verbs (xj-import FILE ...) has one, named "": it
 * always runs, and every operand is its own. */
static int verbless(const struct xj_program *p)
{
	return p->verbs && p->verbs[0].name && !*p->verbs[0].name;
}

/* The command as the user typed it, quoted: 'xj-archive status', or
 * 'xj-import' for a program without verbs. */
static void quoted_name(const struct xj_run *r, struct xj_sb *out)
{
	xj_sb_addf(out, *r->verb_name ? "'%s %s'" : "'%s'", r->program, r->verb_name);
}

static int set_common(struct xj_common *c, int code, const char *arg)
{
	long secs;

	switch (code) {
	case 'd': c->db = arg; break;
	case C_KEY: c->key = arg; break;
	case 'u': c->user = arg; break;
	case 'n': c->dry_run = 1; break;
	case 'q': c->quiet = 1; break;
	case 'f': c->format = arg; break;
	case 'o': c->output = arg; break;
	case C_ENCODING: c->encoding = arg; break;
	case C_EXCEL: c->excel = 1; break;
	case C_LANG:
		if (strcmp(arg, "zh") && strcmp(arg, "en"))
			return xj_diag_usage("--lang wants zh or en, not '%s'", arg);
		c->lang_zh = strcmp(arg, "zh") == 0;
		c->lang_given = 1;
		break;
	case C_WAIT:   /* for the store, as $XJ_WAIT is */
		if (xj_cli_number(arg, 0, 86400, &secs) < 0)
			return xj_diag_usage("--wait wants seconds from 0 to 86400, not '%s'", arg);
		setenv("XJ_WAIT", arg, 1);
		break;
	case C_AS_OF:
		if (xj_cli_date("--as-of", arg) != 0)
			return XJ_EXIT_USAGE;
		snprintf(c->as_of, sizeof(c->as_of), "%s", arg);
		c->has_as_of = 1;
		break;
	default: return -2;
	}
	return 0;
}

/* The roles of bits as "reviewer or dept-head". */
/* "reviewer", "reviewer or leader", "reviewer, dept-head or leader". */
static void role_words(unsigned bits, struct xj_sb *out)
{
	unsigned b;
	int n = 0, left = -1;   /* the separators still to come */

	for (b = 1; b <= XJ_ROLE_ADMIN; b <<= 1)
		left += (bits & b) != 0;
	for (b = 1; b <= XJ_ROLE_ADMIN; b <<= 1)
		if (bits & b)
			xj_sb_addf(out, "%s%s", !n++ ? "" : --left > 0 ? _(", ") : _(" or "),
				   xj_config_role_name(b));
}

int xj_cmdrun_has_role(struct xj_run *r, unsigned roles)
{
	struct xj_sb have = XJ_SB_INIT, dept = XJ_SB_INIT;
	unsigned bits = 0;
	char *p, *comma;
	int rc = r->id.user ? xj_store_staff_info(r->st, r->id.user, &have, &dept, &r->err) : 0;

	for (p = have.buf; rc > 0 && p && *p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		bits |= xj_config_role_parse(p);
	}
	xj_sb_release(&have);
	xj_sb_release(&dept);
	return rc < 0 ? -1 : (bits & roles) != 0;
}

int xj_cmdrun_need_key(struct xj_run *r, const char *what)
{
	if (r->id.proven)
		return 0;
	return xj_error_set(&r->err, XJ_EUSAGE, "%s needs the key of the staff member who"
			    " runs it: --key FILE, $XJ_KEY or ~/.config/xj/key (see xj-key(1))",
			    what);
}

/* The reveal is committed here, before anything is shown: a transaction
 * of its own, or in_tx an entry of the verb's.  The frame must not commit
 * (and sign) again at the close: committed says so. */
static int reveal_entry(struct xj_run *r, int in_tx, const char *json)
{
	int rc = xj_cmdrun_need_key(r, "--reveal");

	if (rc == 0 && !in_tx)
		rc = xj_store_begin(r->st, &r->who, &r->err);
	if (rc == 0)
		rc = xj_store_audit(r->st, 0, "reveal", NULL, json, &r->err);
	if (rc == 0)
		rc = xj_store_commit(r->st, &r->err);
	else
		xj_store_rollback(r->st);
	r->committed = 1;
	return rc;
}

/* {"verb":"list","fields":["id_number","phone"]}: what the command line
 * does not say by itself. */
int xj_cmdrun_reveal_begin(struct xj_run *r, const char *fields)
{
	struct xj_jw jw = XJ_JW_INIT;
	struct xj_sb one = XJ_SB_INIT;
	const char *p = fields, *comma;
	int rc;

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_string(&jw, "verb", r->verb_name);
	xj_jsonw_object_array_begin(&jw, "fields");
	for (; p && *p; p = comma ? comma + 1 : "") {
		comma = strchr(p, ',');
		xj_sb_reset(&one);
		xj_sb_add(&one, p, comma ? (size_t)(comma - p) : strlen(p));
		xj_jsonw_array_string(&jw, one.buf);
	}
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);
	rc = reveal_entry(r, 0, jw.json.buf);
	xj_jsonw_release(&jw);
	xj_sb_release(&one);
	return rc;
}

FILE *xj_cmdrun_hold_stdout(struct xj_run *r)
{
	/* the C library's stream, not an allocation of ours: said, not aborted */
	if (!r->held && !(r->held = open_memstream(&r->held_buf, &r->held_len)))
		xj_error_set(&r->err, XJ_EIO, "out of memory");
	return r->held;
}

/* Standard output held back: let out once on record, or dropped unseen. */
static void held_end(struct xj_run *r, int let_out)
{
	if (!r->held)
		return;
	fclose(r->held);
	if (let_out)
		fwrite(r->held_buf, 1, r->held_len, stdout);
	free(r->held_buf);
	r->held = NULL;
	r->held_buf = NULL;
	r->held_len = 0;
}

int xj_cmdrun_reveal_file(struct xj_run *r, const char *path, long rows)
{
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "verb", r->verb_name);
	xj_jsonw_object_string(&json, "output", path ? path : "-");
	xj_jsonw_object_int(&json, "rows", rows);
	xj_jsonw_end(&json);
	/* -n: the verb's changes are not made, but the file is shown */
	if (r->dry_run)
		xj_store_rollback(r->st);
	rc = reveal_entry(r, (r->verb->flags & XJ_V_WRITES) && !r->dry_run, json.json.buf);
	r->dry_revealed = r->dry_run && rc == 0;
	xj_jsonw_release(&json);
	held_end(r, rc == 0);
	return rc;
}

const char *xj_cmdrun_dry_reveal_note(const struct xj_run *r)
{
	return r->dry_revealed ? _(" (dry run: nothing was recorded but the file's reveal)") : "";
}

/* A change is made by a person proven by a key, in one of the verb's
 * roles: settled before anything is read or written. */
static int authorise(struct xj_run *r)
{
	const struct xj_verb *v = r->verb;
	struct xj_sb want = XJ_SB_INIT;
	int rc = 0, has;

	if ((v->flags & XJ_V_GENESIS) && !r->id.proven && xj_store_has_config(r->st, &r->err) == 0)
		return 0;   /* the first config names the first keys; the verb checks */
	if ((v->flags & (XJ_V_WRITES | XJ_V_PROVEN)) && !r->id.proven) {
		struct xj_sb what = XJ_SB_INIT;

		quoted_name(r, &what);
		rc = xj_cmdrun_need_key(r, what.buf);
		xj_sb_release(&what);
		return rc;
	}
	if (!v->roles || !r->id.proven)
		return 0;
	has = xj_cmdrun_has_role(r, v->roles);
	if (has == 0) {
		role_words(v->roles, &want);
		if (!*r->verb_name)   /* a program without verbs */
			rc = xj_error_set(&r->err, XJ_EUSAGE, "'%s' is work for the %s; %s does"
					  " not hold that role", r->program, want.buf, r->id.user);
		else
			rc = xj_error_set(&r->err, XJ_EUSAGE, "'%s %s' is work for the %s; %s"
					  " does not hold that role", r->program, r->verb_name,
					  want.buf, r->id.user);
	}
	xj_sb_release(&want);
	return has < 0 ? -1 : rc;
}

/* The log must still hold the head this person saw last: a chain
 * rewritten whole, and signed again, is caught here (witness.h).  A
 * restore that put an older copy back is said, once. */
static int witness_check(struct xj_run *r)
{
	int rc = xj_witness_check(r->st, &r->wit, &r->err);

	if (rc == 0 && r->wit.history)
		xj_diag("the store was put back to an older copy since you last saw it (entry"
			" %lld): the restore is entry %lld of the log", r->wit.seq,
			r->wit.restore);
	return rc == 0 ? 0 : -1;
}

/* The head the command leaves (or saw) into the person's heads file; a
 * failure there is said, but the command is done. */
static void witness_record(struct xj_run *r)
{
	struct xj_error e;

	/* what is committed is: a dry run's entries, never to be, go first */
	xj_store_rollback(r->st);
	xj_error_clear(&e);
	if (xj_witness_record(r->st, &r->wit, XJ_WITNESS_EXTEND, &e) < 0)
		xj_diag_warning(&e);
}

/* Said once while waiting for another writer, to a person only: a cron
 * job's log needs no running commentary, its exit status says it all. */
static void say_waiting(void *ctx, const char *holder, double max)
{
	(void)ctx;
	if (*holder)
		xj_diag("waiting for the store: %s holds it (up to %.0f s; --wait)", holder, max);
	else
		xj_diag("waiting for the store: another command holds it (up to %.0f s; --wait)",
			max);
}

static int run_open_store(struct xj_run *r)
{
	const struct xj_common *c = r->c;
	/* XJ_V_FOR_USER: -u names whom the work is for, so no key is read */
	struct xj_identity *id = (r->verb->flags & XJ_V_FOR_USER) ? NULL : &r->id;

	r->st = xj_cli_open(xj_cli_db(c->db), c->key, c->user, id, &r->err);
	if (!r->st)
		return -1;
	if (isatty(STDERR_FILENO))
		xj_store_on_wait(r->st, say_waiting, NULL);
	if (!r->witness_later && witness_check(r) < 0)
		return -1;
	/* xj's own commands are on record as "xj query", "xj backup": the
	 * word alone would not say which */
	snprintf(r->recorded, sizeof(r->recorded), "%s%s%.*s", r->program,
		 r->p && r->p->no_verb ? " " : "",
		 (int)strcspn(r->verb_name, " "), r->p && r->p->no_verb ? r->verb_name : "");
	xj_cli_actor(&r->who, &r->args, r->recorded, r->argc, r->argv, r->id.user);
	if (authorise(r) < 0)
		return -1;
	if (r->verb->flags & XJ_V_BULK)
		xj_store_bulk_load(r->st);
	return (r->verb->flags & XJ_V_WRITES) ? xj_store_begin(r->st, &r->who, &r->err) : 0;
}

/* The verb's options decide what it is, so its table entry cannot say:
 * opened here as an entry with these flags and roles would be.  One verb
 * runs in a process, so one entry stands in for it. */
int xj_cmdrun_open_as(struct xj_run *r, unsigned flags, unsigned roles)
{
	static struct xj_verb as;

	as = *r->verb;
	as.flags = flags | XJ_V_STORE;
	as.roles = roles;
	r->verb = &as;
	return run_open_store(r);
}

struct xj_writer *xj_cmdrun_writer(struct xj_run *r, size_t ncols, const char *const *cols)
{
	const struct xj_common *c = r->c;
	struct xj_writer_opts wo = { .format = XJ_FMT_CSV, .encoding = c->encoding,
		.lang_zh = c->lang_zh, .excel = c->excel };
	FILE *fp = stdout;

	if (c->format && xj_writer_format_parse(c->format, &wo.format) < 0) {
		xj_error_set(&r->err, XJ_EUSAGE, "unknown format '%s' (want csv, tsv, yaml,"
			     " json or xlsx)", c->format);
		return NULL;
	}
	if (c->output && strcmp(c->output, "-") != 0) {
		if (xj_outfile_open(&r->out, c->output, &r->err) < 0)
			return NULL;
		fp = r->out.fp;
	} else if (wo.format == XJ_FMT_XLSX && isatty(STDOUT_FILENO)) {
		/* a workbook's bytes on a screen are noise, and can upset it */
		xj_error_set(&r->err, XJ_EUSAGE, "-f xlsx does not write to a terminal: give"
			     " -o FILE, or send it to a file or a pipe");
		return NULL;
	}
	r->w = xj_writer_new(fp, &wo, &r->err);
	if (r->w && ncols)
		xj_writer_columns(r->w, ncols, cols);
	/* -q: a listing with no rows prints nothing, not a bare header, so a
	 * cron job is silent when there is nothing to do */
	if (r->w && c->quiet)
		xj_writer_quiet_empty(r->w);
	return r->w;
}

/* Output that is no record stream (CHSI's upload file by a template, the
 * printed record card) goes where -o says as the records would: a file
 * written aside and put in place only after the commit. */
FILE *xj_cmdrun_output(struct xj_run *r)
{
	const char *path = r->c->output;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	if (!r->out.fp && xj_outfile_open(&r->out, path, &r->err) < 0)
		return NULL;
	return r->out.fp;
}

int xj_cmdrun_commit(struct xj_run *r)
{
	r->committed = 1;
	if (!r->st || r->dry_run || !xj_store_changes(r->st))
		return 0;
	if (xj_store_commit(r->st, &r->err) < 0)
		return -1;
	r->wit.wrote = 1;
	return 0;
}

/* The records are written and the store committed before the output file
 * is put in place: a reader never sees a file for a change not made. */
static int finish_output(struct xj_run *r, int rc)
{
	if (r->w) {
		if (rc == 0)
			rc = xj_writer_end(r->w, &r->err);
		xj_writer_free(r->w);
		r->w = NULL;
	}
	if (rc == 0 && r->st && !r->committed)
		rc = xj_cmdrun_commit(r);
	if (r->out.fp) {
		if (rc == 0)
			rc = xj_outfile_commit(&r->out, &r->err);
		else
			xj_outfile_abort(&r->out);
	}
	return rc;
}

int xj_cmdrun_close(struct xj_run *r, int rc)
{
	held_end(r, 0);   /* not on record: never shown */
	rc = finish_output(r, rc);
	if (rc == 0 && r->st)
		witness_record(r);
	xj_store_close(r->st);
	r->st = NULL;
	/* a verb may have closed the store early (xj restore): the key is
	 * wiped all the same */
	xj_cli_identity_release(&r->id);
	xj_sb_release(&r->args);
	if (rc < 0) {
		xj_diag_error(&r->err);
		return r->err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : xj_error_exit(&r->err);
	}
	if (rc > 0)
		return rc;
	return r->refused || r->failed ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

void xj_cmdrun_say_results(const struct xj_run *r)
{
	if (r->c && r->c->quiet)
		return;
	if (r->dry_run)
		xj_diag("%ld registered, %ld failed, %ld unchanged, %ld refused"
			" (dry run: nothing was recorded)", r->done, r->failed, r->unchanged,
			r->refused);
	else
		xj_diag("%ld registered, %ld failed, %ld unchanged, %ld refused", r->done,
			r->failed, r->unchanged, r->refused);
}

void xj_cmdrun_say_done(const struct xj_run *r, const char *done_word)
{
	if (r->c && r->c->quiet)
		return;
	if (r->dry_run)
		xj_diag("%ld %s, %ld refused (dry run: nothing was recorded)", r->done,
			gettext(done_word), r->refused);
	else
		xj_diag("%ld %s, %ld refused", r->done, gettext(done_word), r->refused);
}

void xj_cmdrun_refuse(struct xj_run *r, const char *key, const char *why)
{
	char shown[64];

	xj_mask_key(key, shown, sizeof(shown));
	xj_diag("%s: %s", shown, why);
	r->refused++;
}

/* A student refused for many reasons (P13) gets a line for each, all under
 * the same masked key, and one count with the refusal. */
void xj_cmdrun_refuse_reason(const struct xj_run *r, const char *why)
{
	char shown[64];

	xj_mask_key(r->key ? r->key : "", shown, sizeof(shown));
	xj_diag("%s: %s", shown, why);
}

/* How a walk takes each student's change: as it comes (a walk that only
 * reads), in a savepoint of its own, or without one by a fn that refuses
 * before it writes (xj_cmdrun_each_change_checked). */
enum walk_kind { WALK_PLAIN, WALK_SAVEPOINT, WALK_CHECKED };

struct each {
	struct xj_run *r;
	xj_run_student_fn fn;
	void *ctx;
	enum walk_kind kind;
};

/* One student's change, in a savepoint of its own or (WALK_CHECKED)
 * none. */
static int one_change(struct each *e, const char *key, const struct xj_student *s)
{
	struct xj_run *r = e->r;
	int sp = e->kind == WALK_SAVEPOINT;
	long long before = xj_store_total_changes(r->st);
	int rc = sp ? xj_store_savepoint(r->st, "item", XJ_SP_BEGIN, &r->err) : 0;

	if (rc == 0)
		rc = e->fn(r, s, e->ctx);
	if (rc == 0) {
		r->done++;
		if (sp)
			rc = xj_store_savepoint(r->st, "item", XJ_SP_RELEASE, &r->err);
		xj_pause_point("item");   /* an item written, the command not ended */
		return rc;
	}
	if (r->err.code != XJ_EDATA && r->err.code != XJ_EUSAGE)
		return -1;
	if (!sp && xj_store_total_changes(r->st) != before) {
		char shown[64], why[sizeof(r->err.msg)];

		xj_mask_key(key, shown, sizeof(shown));
		memcpy(why, r->err.msg, sizeof(why));
		/* exit 3: the command could not run, nothing was changed */
		return xj_error_set(&r->err, XJ_ESTORE, _("%s: %s; refused after its rows"
				    " were written, so nothing of this command is kept"), shown, why);
	}
	xj_cmdrun_refuse(r, key, r->err.msg);
	xj_error_clear(&r->err);
	return sp ? xj_store_savepoint(r->st, "item", XJ_SP_ROLLBACK, &r->err) : 0;
}

/* A student a plain walk's fn could not take: a row its output cannot
 * carry (a name GBK lacks), or another fault of the student's data.
 * Refused by its key, and the walk goes on, when fn wrote nothing to
 * the store; otherwise the command stops, as it did. */
static int plain_one(struct each *e, const char *key, const struct xj_student *s)
{
	struct xj_run *r = e->r;
	long long before = xj_store_total_changes(r->st);
	int rc = e->fn(r, s, e->ctx);

	if (rc < 0 && r->err.code == XJ_EDATA && xj_store_total_changes(r->st) == before) {
		xj_cmdrun_refuse(r, key, r->err.msg);
		xj_error_clear(&r->err);
		rc = 0;
	}
	return rc;
}

/* The student found, under the key it is named by, to fn. */
static int each_found(struct each *e, const char *key, int rc, struct xj_student *s)
{
	e->r->key = key;   /* for xj_cmdrun_refuse_reason, while fn runs */
	if (rc == 0)
		xj_cmdrun_refuse(e->r, key, _("no such student"));
	else if (rc > 0 && e->kind != WALK_PLAIN)
		rc = one_change(e, key, s);
	else if (rc > 0)
		rc = plain_one(e, key, s);
	e->r->key = NULL;
	xj_student_release(s);
	return rc < 0 ? -1 : 0;
}

static int each_key(void *ctx, const char *key, struct xj_error *err)
{
	struct each *e = ctx;
	struct xj_student s;

	memset(&s, 0, sizeof(s));
	return each_found(e, key, xj_cli_find_student(e->r->st, key, &s, err), &s);
}

static void each_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct each *)ctx)->r->refused++;
}

int xj_cmdrun_each_queried(struct xj_run *r, xj_run_student_fn fn, void *ctx)
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

/* The students the query picks, a batch at a time in the query's order
 * (by exam number): each batch read whole, its statement reset, before
 * fn sees any of it, so that fn may write, and roll back to a savepoint,
 * while none of the query's rows is open.  The next batch starts after
 * the last exam number of this one.  The students are those in the store
 * when the walk began, each once: one whose exam number fn changed to a
 * later one, or whom fn added, is not taken again.  fn changes the
 * student it is given, not others: a student is handed on as its batch
 * read it.  Each student is read once, which a list of keys read first
 * and each student read again by it did not. */
#define WALK_BATCH 256
/* The bitmap of the ids a walk took stays under 16 MiB: a store of more
 * than 2^27 students, or whose ids run past it, is no college's and no
 * store xj made (its ids follow one another). */
#define WALK_MAX_ID (1LL << 27)

struct batch {
	struct xj_student s[WALK_BATCH];
	size_t n;
	long long top;         /* the last student's id when the walk began */
	unsigned char *seen;   /* a bit for each id up to top */
};

static int batch_next(struct xj_run *r, const char *after, struct batch *b)
{
	struct xj_query q;
	int rc = 0;

	q = r->q ? *r->q : (struct xj_query){ 0 };
	q.after = after;
	b->n = 0;
	if (xj_store_query_begin(r->st, &q, &r->err) < 0)
		return -1;
	while (b->n < WALK_BATCH && (rc = xj_store_query_next(r->st, &b->s[b->n], &r->err)) == 1)
		b->n++;
	xj_store_query_end(r->st);
	if (rc < 0) {
		while (b->n > 0)
			xj_student_release(&b->s[--b->n]);
		return -1;
	}
	return 0;
}

static int walk_begin(struct xj_run *r, struct batch *b)
{
	if (xj_store_student_last(r->st, &b->top, &r->err) < 0)
		return -1;
	if (b->top > WALK_MAX_ID)
		return xj_error_set(&r->err, XJ_ESTORE, "a student's id in the store is %lld,"
				    " past any xj makes: see 'xj log --verify'", b->top);
	b->seen = xj_xcalloc((size_t)(b->top / 8) + 1, 1);
	return 0;
}

/* Is s one of the walk's, not taken yet?  Marked taken. */
static int first_time(struct batch *b, const struct xj_student *s)
{
	unsigned char bit;

	if (s->id < 1 || s->id > b->top)
		return 0;
	bit = (unsigned char)(1u << (s->id % 8));
	if (b->seen[s->id / 8] & bit)
		return 0;
	b->seen[s->id / 8] |= bit;
	return 1;
}

static int walk_batch(struct each *e, struct batch *b, struct xj_sb *last)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < b->n; i++) {
		const char *key = b->s[i].v[XJ_S_EXAM_NO] ? b->s[i].v[XJ_S_EXAM_NO] : "";

		if (i + 1 == b->n) {
			xj_sb_reset(last);
			xj_sb_adds(last, key);
		}
		if (rc == 0 && first_time(b, &b->s[i]))
			rc = each_found(e, key, 1, &b->s[i]);
		else
			xj_student_release(&b->s[i]);
	}
	return rc;
}

static int walk(struct each *e, int nkeys, char **keys)
{
	struct xj_run *r = e->r;
	struct batch *b;
	struct xj_sb last = XJ_SB_INIT;
	int rc, first;

	if (nkeys)
		return xj_cli_keys(nkeys, keys, each_key, each_bad, e, &r->err);
	b = xj_xcalloc(1, sizeof(*b));
	rc = walk_begin(r, b);
	/* after the first batch, always after its last exam number, even an
	 * empty one: the next batch never starts again from the first */
	for (first = 1; rc == 0; first = 0) {
		rc = batch_next(r, first ? NULL : last.buf ? last.buf : "", b);
		if (rc == 0)
			rc = walk_batch(e, b, &last);
		if (b->n < WALK_BATCH)
			break;
	}
	free(b->seen);
	free(b);
	xj_sb_release(&last);
	return rc;
}

int xj_cmdrun_each_student(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
			void *ctx)
{
	struct each e = { r, fn, ctx, WALK_PLAIN };
	int rc, i, piped = 0;

	for (i = 0; i < nkeys; i++)
		piped |= strcmp(keys[i], "-") == 0;
	/* Outside a write, one snapshot for the walk: every student read as
	 * the store stood at its start, and no read transaction begun and
	 * ended for each statement.  A write that follows ends it first.
	 * Not when keys come from standard input: a pipe may be slow for
	 * hours, and a snapshot held as long would keep the WAL from being
	 * checkpointed and answer its later keys from old rows. */
	if (piped)
		return walk(&e, nkeys, keys);
	if (xj_store_read_begin(r->st, &r->err) < 0)
		return -1;
	rc = walk(&e, nkeys, keys);
	xj_store_read_end(r->st);
	return rc;
}

int xj_cmdrun_each_change(struct xj_run *r, int nkeys, char **keys, xj_run_student_fn fn,
		       void *ctx)
{
	struct each e = { r, fn, ctx, WALK_SAVEPOINT };

	return walk(&e, nkeys, keys);
}

int xj_cmdrun_each_change_checked(struct xj_run *r, int nkeys, char **keys,
				  xj_run_student_fn fn, void *ctx)
{
	struct each e = { r, fn, ctx, WALK_CHECKED };

	return walk(&e, nkeys, keys);
}

/* Items that are not students (xj-change's request numbers): as
 * one_change does for a student, so their refusals are named, masked and
 * counted the same way; one read from standard input is named by its
 * line, as a row is.  A verb that writes nothing (a sheet prepared) has
 * no transaction to keep savepoints in. */
struct items {
	struct xj_run *r;
	xj_run_item_fn fn;
	void *ctx;
	const char *col;
};

static int one_item(void *ctx, const struct xj_cli_item *it, struct xj_error *err)
{
	struct items *e = ctx;
	struct xj_run *r = e->r;
	int sp = (r->verb->flags & XJ_V_WRITES) != 0;
	int rc;

	(void)err;   /* r->err */
	if (sp && xj_store_savepoint(r->st, "item", XJ_SP_BEGIN, &r->err) < 0)
		return -1;
	if (e->fn(r, it->value, e->ctx) == 0) {
		r->done++;
		if (!sp)
			return 0;
		rc = xj_store_savepoint(r->st, "item", XJ_SP_RELEASE, &r->err);
		xj_pause_point("item");   /* an item written, the command not ended */
		return rc;
	}
	if (r->err.code != XJ_EDATA && r->err.code != XJ_EUSAGE)
		return -1;
	if (it->file) {
		xj_error_where(&r->err, it->file, it->line, e->col);
		xj_diag_error(&r->err);
		r->refused++;
	} else {
		xj_cmdrun_refuse(r, it->value, r->err.msg);
	}
	xj_error_clear(&r->err);
	return sp ? xj_store_savepoint(r->st, "item", XJ_SP_ROLLBACK, &r->err) : 0;
}

static void item_bad(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct items *)ctx)->r->refused++;
}

int xj_cmdrun_each_item(struct xj_run *r, int nitems, char **items,
		     const struct xj_cli_list *list, xj_run_item_fn fn, void *ctx)
{
	struct items e = { r, fn, ctx, list ? list->cols[0] : NULL };

	return xj_cli_items(nitems, items, list, one_item, item_bad, &e, &r->err);
}

int xj_cmdrun_each_row(struct xj_run *r, const char *path,
		    int (*fn)(struct xj_run *, const struct xj_record *, void *), void *ctx)
{
	struct xj_reader_opts ro = { 0 };
	struct xj_reader *rd = xj_reader_open(path, &ro, &r->err);
	struct xj_record rec;
	int rc, called;

	if (!rd)
		return -1;
	while ((rc = xj_reader_next(rd, &rec, &r->err)) != 0) {
		called = rc > 0;
		if (called && xj_store_savepoint(r->st, "row", XJ_SP_BEGIN, &r->err) < 0)
			break;
		if (called)
			rc = fn(r, &rec, ctx);
		if (called && rc >= 0 &&
		    xj_store_savepoint(r->st, "row", XJ_SP_RELEASE, &r->err) < 0) {
			rc = -1;
			break;
		}
		if (rc >= 0)
			continue;
		if (r->err.code != XJ_EDATA)
			break;
		xj_error_file(&r->err, xj_reader_name(rd));
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

/* --- the dispatcher ----------------------------------------------------- */

static void complete_opts(const struct xj_program *p, const struct xj_verb *v)
{
	size_t i;

	for (i = 0; common_opts[i].name; i++)
		if (common_opts[i].code != 'h' && common_opts[i].code != 'V' &&
		    takes(p, v, common_opts[i].code))
			printf("--%s\n", common_opts[i].name);
	for (i = 0; p->opts && p->opts[i].name; i++)
		if (takes(p, v, p->opts[i].code))
			printf("--%s\n", p->opts[i].name);
}

void xj_cmdrun_complete(const struct xj_program *p, int n, char **words)
{
	const struct xj_verb *v = n ? find_verb(p->verbs, words[0]) : NULL;
	const struct xj_verb *t;

	if (verbless(p)) {   /* its options only: every operand is a file */
		complete_opts(p, p->verbs);
		return;
	}
	if (!n) {
		for (t = p->verbs; t && t->name; t++)
			puts(t->name);
		return;
	}
	if (v && v->subs && n > 1)
		v = find_verb(v->subs, words[1]);
	if (!v)
		return;
	for (t = v->subs; t && t->name; t++)
		puts(t->name);
	if (!v->subs)
		complete_opts(p, v);
}

struct parsed {
	struct given *g;
	size_t n;
	int help, version, complete;
};

/* All options first (they may come before or after the verb, as git's);
 * posix: only those before the first operand. */
static int gather(const struct xj_program *p, int argc, char **argv, int posix,
		  struct parsed *ps)
{
	struct xj_sb shorts = XJ_SB_INIT;
	struct option *longs = long_table(p, posix, &shorts);
	int c, rc = 0;

	opterr = 0;
	optind = 0;   /* 0, not 1: glibc starts over, forgetting a "+" scan before */
	while (rc == 0 && (c = getopt_long(argc, argv, shorts.buf, longs, NULL)) != -1) {
		if (c == '?' || c == ':')
			rc = xj_diag_bad_option(c, optopt, argv[optind - 1]);
		else if (c == 'h')
			ps->help = 1;
		else if (c == 'V')
			ps->version = 1;
		else if (c == C_COMPLETE)
			ps->complete = 1;
		else {
			ps->g = xj_xreallocarray(ps->g, ps->n + 1, sizeof(*ps->g));
			ps->g[ps->n].code = c;
			ps->g[ps->n++].arg = optarg;
		}
	}
	free(longs);
	xj_sb_release(&shorts);
	return rc;
}

/* The verb (and sub-verb) the operands name; their count is taken off. */
static const struct xj_verb *pick(const struct xj_program *p, int *argc, char ***argv,
				  char *name, size_t size, int *rc)
{
	const struct xj_verb *v;

	if (verbless(p)) {
		*name = '\0';
		return p->verbs;
	}
	if (*argc == 0) {
		*rc = xj_diag_usage("no command given");
		return NULL;
	}
	v = find_verb(p->verbs, (*argv)[0]);
	if (!v) {
		*rc = xj_diag_usage("unknown command '%s'", (*argv)[0]);
		return NULL;
	}
	snprintf(name, size, "%s", v->name);
	(*argc)--, (*argv)++;
	if (!v->subs)
		return v;
	if (*argc == 0 || !find_verb(v->subs, (*argv)[0])) {
		*rc = *argc ? xj_diag_usage("unknown command '%s %s'", name, (*argv)[0]) :
			xj_diag_usage("'%s' wants one of its commands (see --help)", name);
		return NULL;
	}
	v = find_verb(v->subs, (*argv)[0]);
	snprintf(name + strlen(name), size - strlen(name), " %s", v->name);
	(*argc)--, (*argv)++;
	return v;
}

static int apply(const struct xj_program *p, struct xj_run *r, struct xj_common *c,
		 const struct parsed *ps)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ps->n; i++) {
		const struct given *g = &ps->g[i];

		if (!takes(p, r->verb, g->code) && !*r->verb_name)   /* no verbs */
			return xj_diag_usage("'%s' does not take --%s", r->program,
					     opt_name(p, g->code));
		if (!takes(p, r->verb, g->code))
			return xj_diag_usage("'%s %s' does not take --%s", r->program,
					     r->verb_name, opt_name(p, g->code));
		rc = set_common(c, g->code, g->arg);
		if (rc == -2)
			rc = p->option(g->code, g->arg, p->ctx);
	}
	return rc;
}

/* Standard input a writer will read is read whole first, before the
 * write lock, so a slow pipe holds up no one else.  Implicit input from a
 * terminal is left alone: a program run at the prompt for other work
 * would otherwise wait for an end of input no one means to give. */
static int spool_stdin(const struct xj_run *r, int argc, char **argv, struct xj_error *err)
{
	unsigned f = r->verb->flags;
	int i, named = 0;

	/* a verb that opens the store to write itself (xj_cmdrun_open_as) is
	 * known by its decisions or its -q; a listing streams on */
	if (!(f & (XJ_V_WRITES | XJ_V_STDIN | XJ_V_DECISION | XJ_V_QUIET)))
		return 0;
	for (i = 0; i < argc && !named; i++)
		named = strcmp(argv[i], "-") == 0;
	if (!named && !(argc == 0 && (f & XJ_V_STDIN) && !isatty(STDIN_FILENO)))
		return 0;
	return xj_infile_spool_stdin(err);
}

static int run_verb(const struct xj_program *p, struct xj_run *r, int argc, char **argv)
{
	int rc = spool_stdin(r, argc, argv, &r->err);

	if (rc == 0 && (r->verb->flags & XJ_V_STORE))
		rc = run_open_store(r);
	if (rc == 0)
		rc = r->verb->fn(r, argc, argv);
	(void)p;
	return xj_cmdrun_close(r, rc);
}

/* "xj [options] NAME args": NAME is not a verb of the table, so xj-NAME
 * runs, with the options given before NAME put after it.  -1 when the
 * first operand is a verb (or there is none). */
static int other_program(const struct xj_program *p, int argc, char **argv)
{
	struct parsed ps;
	char **v;
	int k, i, n = 0, rc;

	memset(&ps, 0, sizeof(ps));
	rc = gather(p, argc, argv, 1, &ps);
	k = optind;
	free(ps.g);
	if (rc != 0 || ps.help || ps.version || ps.complete || k >= argc ||
	    find_verb(p->verbs, argv[k]))
		return -1;
	v = xj_xcalloc((size_t)argc + 1, sizeof(*v));
	v[n++] = argv[k];
	for (i = 1; i < k; i++)
		v[n++] = argv[i];
	for (i = k + 1; i < argc; i++)
		v[n++] = argv[i];
	rc = p->no_verb(n, v);
	free(v);
	return rc;
}

int xj_cmdrun_main(const struct xj_program *p, int argc, char **argv)
{
	struct parsed ps;
	struct xj_common c;
	struct xj_run r;
	int rc, nargs;
	char **args, **given;

	memset(&ps, 0, sizeof(ps));
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	xj_cli_start(&argc, argv);
	if (p->no_verb && (rc = other_program(p, argc, argv)) >= 0)
		return xj_diag_close_stdout(rc);
	/* the command line as typed, for the log: getopt reorders argv */
	given = xj_xcalloc((size_t)argc + 1, sizeof(*given));
	memcpy(given, argv, (size_t)argc * sizeof(*given));
	rc = gather(p, argc, argv, 0, &ps);
	nargs = argc - optind;
	args = argv + optind;
	if (rc == 0 && ps.complete) {
		xj_cmdrun_complete(p, nargs, args);
	} else if (rc == 0 && ps.help) {
		fputs(gettext(p->usage), stdout);
	} else if (rc == 0 && ps.version) {
		xj_cli_version(p->name);
	} else if (rc == 0) {
		r.program = p->name;
		r.p = p;
		r.c = &c;
		r.ctx = p->ctx;
		r.argc = argc;
		r.argv = given;
		xj_error_clear(&r.err);
		r.verb = pick(p, &nargs, &args, r.verb_name, sizeof(r.verb_name), &rc);
		if (r.verb)
			rc = apply(p, &r, &c, &ps);
		r.dry_run = c.dry_run;
		if (r.verb && rc == 0)
			rc = run_verb(p, &r, nargs, args);
	}
	free(ps.g);
	free(given);
	return xj_diag_close_stdout(rc);
}
