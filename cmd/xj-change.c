/* xj-change: changes of a student's record after admission: key data on
 * evidence (P12), what students found wrong on CHSI (P10), status changes
 * (学籍异动), errata after the credential is registered and their filing
 * with the province (P16, P17).  Each is a request, approved level by
 * level, applied with the last. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/change.h"
#include "xj/cli.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/fields.h"
#include "xj/mask.h"
#include "xj/reader.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-change request --field f --to value [--field f --to value]...\n"
"                 --evidence kinds [--file path]... [--register-shows no]\n"
"                 [--note text] [--errata] [-nq] [-d db] [--key file] key ... | -\n"
"       xj-change status --to status --from date [--until date]\n"
"                 [--to-major code [--major-name name]] --reason text\n"
"                 [--evidence kinds] [--file path]... [-nq] [-d db] [--key file] key ... | -\n"
"       xj-change evidence --evidence kinds [--file path]... [-nq] [-d db] id\n"
"       xj-change approve [-nq] [-d db] [--key file] id ...\n"
"       xj-change reject --reason text [--suspect] [-nq] [-d db] [--key file] id ...\n"
"       xj-change import-selfcheck [-nq] [-d db] [--key file] [file ...]\n"
"       xj-change list [--pending] [--field f] [-d db] [-f fmt] [--reveal] [key ...]\n"
"       xj-change history [--field f] [-d db] [-f fmt] [--reveal] key\n"
"       xj-change filings [--pending] [-d db] [-f fmt] [--reveal]\n"
"       xj-change filed --doc-no text [-nq] [-d db] [--key file] id\n"
"\n"
"  request          ask for a change of fields, with its evidence (P12, P17)\n"
"  status           ask for a status change: suspended, resumed, withdrawn,\n"
"                   retained, transferred-major, deceased\n"
"  evidence         add evidence to a pending request\n"
"  approve          the next level's approval; the last applies the change (P1)\n"
"  reject           refuse a request; --suspect: as suspected fraud, with a case\n"
"  import-selfcheck the problems students reported on CHSI, as requests (P10)\n"
"  list             the requests and where they stand\n"
"  history          every value a field of a student has had, and on what grounds\n"
"  filings          applied errata the province must be told of (P17)\n"
"  filed            the document number of a filing\n"
"\n"
"  -d, --db PATH          the store (default $XJ_DB, else ./xj.db)\n"
"  -u, --user NAME        the staff member acting (the key's holder)\n"
"      --key FILE         the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run          check everything, record nothing\n"
"  -q, --quiet            no summary\n"
"  -f, --format FMT       csv (default), tsv, yaml, json, xlsx\n"
"      --field F          a field to change; list, history: only this field\n"
"      --to V             its new value; status: the new status\n"
"      --evidence KINDS   application, household-register, id-card,\n"
"                         police-certificate (comma-separated, repeatable)\n"
"      --file PATH        an evidence file, kept in the store with its SHA-256\n"
"      --register-shows no  the household register cannot show the change:\n"
"                         the police certificate is needed instead (P12)\n"
"      --note TEXT        a note to the request\n"
"      --errata           a correction of the college's own error, after the\n"
"                         credential is registered (P17)\n"
"      --from DATE        status: the date it takes effect\n"
"      --until DATE       status suspended: the date the suspension ends\n"
"      --to-major CODE    status transferred-major: the new major\n"
"      --major-name NAME  status transferred-major: its name\n"
"      --reason TEXT      why (status, reject)\n"
"      --suspect          reject: as suspected fraud, and open a case\n"
"      --pending          list, filings: only those still open\n"
"      --doc-no TEXT      filed: the official document number\n"
"      --reveal           show ID and phone numbers unmasked (audited)\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n");

struct opts {
	const char *db, *user, *key, *format, *register_shows, *note, *from, *until;
	const char *to_major, *major_name, *reason, *doc_no, *only_field;
	const char **fields, **values, **files;
	size_t nfields, nvalues, nfiles;
	struct xj_sb evidence;
	int dry_run, quiet, reveal, errata, suspect, pending;
};

enum {
	O_KEY = 256, O_FIELD, O_TO, O_EVIDENCE, O_FILE, O_REGISTER, O_NOTE, O_ERRATA,
	O_FROM, O_UNTIL, O_TO_MAJOR, O_MAJOR_NAME, O_REASON, O_SUSPECT, O_PENDING,
	O_DOC_NO, O_REVEAL
};

static const char **push(const char **list, size_t *n, const char *v)
{
	list = xj_xreallocarray(list, *n + 1, sizeof(char *));
	list[(*n)++] = v;
	return list;
}

static int parse_opt(int c, void *ctx)
{
	struct opts *o = ctx;

	switch (c) {
	case 'd': o->db = optarg; break;
	case 'u': o->user = optarg; break;
	case 'n': o->dry_run = 1; break;
	case 'q': o->quiet = 1; break;
	case 'f': o->format = optarg; break;
	case O_KEY: o->key = optarg; break;
	case O_FIELD: o->fields = push(o->fields, &o->nfields, optarg); break;
	case O_TO: o->values = push(o->values, &o->nvalues, optarg); break;
	case O_FILE: o->files = push(o->files, &o->nfiles, optarg); break;
	case O_EVIDENCE:
		xj_sb_addf(&o->evidence, "%s%s", o->evidence.len ? "," : "", optarg);
		break;
	case O_REGISTER:
		if (strcmp(optarg, "yes") && strcmp(optarg, "no"))
			return xj_diag_usage("--register-shows wants yes or no, not '%s'", optarg);
		o->register_shows = optarg;
		break;
	case O_NOTE: o->note = optarg; break;
	case O_ERRATA: o->errata = 1; break;
	case O_FROM: o->from = optarg; break;
	case O_UNTIL: o->until = optarg; break;
	case O_TO_MAJOR: o->to_major = optarg; break;
	case O_MAJOR_NAME: o->major_name = optarg; break;
	case O_REASON: o->reason = optarg; break;
	case O_SUSPECT: o->suspect = 1; break;
	case O_PENDING: o->pending = 1; break;
	case O_DOC_NO: o->doc_no = optarg; break;
	case O_REVEAL: o->reveal = 1; break;
	default: return -2;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "doc-no", required_argument, NULL, O_DOC_NO },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "errata", no_argument, NULL, O_ERRATA },
		{ "evidence", required_argument, NULL, O_EVIDENCE },
		{ "field", required_argument, NULL, O_FIELD },
		{ "file", required_argument, NULL, O_FILE },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, O_FROM },
		{ "help", no_argument, NULL, 'h' },
		{ "key", required_argument, NULL, O_KEY },
		{ "major-name", required_argument, NULL, O_MAJOR_NAME },
		{ "note", required_argument, NULL, O_NOTE },
		{ "pending", no_argument, NULL, O_PENDING },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reason", required_argument, NULL, O_REASON },
		{ "register-shows", required_argument, NULL, O_REGISTER },
		{ "reveal", no_argument, NULL, O_REVEAL },
		{ "suspect", no_argument, NULL, O_SUSPECT },
		{ "to", required_argument, NULL, O_TO },
		{ "to-major", required_argument, NULL, O_TO_MAJOR },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "user", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	return xj_cli_options(argc, argv, ":d:f:hnqu:V", longs, "xj-change", usage_text, parse_opt, o);
}

/* --- decisions ------------------------------------------------------------ */

struct run {
	const char *verb;
	const struct opts *o;
	struct xj_store *st;
	const char *who;
	long done, applied, refused;
};

static void refuse(struct run *r, const char *what, const struct xj_error *e)
{
	xj_diag("%s: %s", what, e->msg);
	r->refused++;
}

static void fill_in(const struct opts *o, struct xj_change_in *in)
{
	memset(in, 0, sizeof(*in));
	in->evidence = o->evidence.len ? o->evidence.buf : NULL;
	in->register_shows = !(o->register_shows && strcmp(o->register_shows, "no") == 0);
	in->files = o->files;
	in->nfiles = o->nfiles;
	in->note = o->note;
	in->errata = o->errata;
}

static int one_request(struct run *r, const struct xj_student *s, struct xj_error *err)
{
	const struct opts *o = r->o;
	struct xj_change_in in;
	long long id = 0;
	int rc;

	fill_in(o, &in);
	if (strcmp(r->verb, "status") == 0) {
		in.status = o->values[0];
		in.from = o->from;
		in.until = o->until;
		in.to_major = o->to_major;
		in.major_name = o->major_name;
		in.note = o->reason;
	} else {
		in.fields = o->fields;
		in.values = o->values;
		in.n = o->nfields;
	}
	rc = xj_change_request(r->st, s, &in, r->who, &id, err);
	if (rc == 0)
		printf("%lld\n", id);
	return rc;
}

/* One student's request, all or nothing; a refusal leaves the others be. */
static int request_key(void *ctx, const char *key, struct xj_error *err)
{
	struct run *r = ctx;
	struct xj_student s;
	char shown[64];
	int rc;

	memset(&s, 0, sizeof(s));
	if (xj_store_savepoint(r->st, "request", XJ_SP_BEGIN, err) < 0)
		return -1;
	rc = xj_cli_find_student(r->st, key, &s, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "no such student");
	else if (rc > 0)
		rc = one_request(r, &s, err);
	xj_student_release(&s);
	if (rc == 0) {
		r->done++;
		return xj_store_savepoint(r->st, "request", XJ_SP_RELEASE, err);
	}
	if (err->code != XJ_EDATA && err->code != XJ_EUSAGE)
		return -1;
	xj_mask(strlen(key) == 18 ? "id_number" : "exam_no", key, shown, sizeof(shown));
	refuse(r, shown, err);
	xj_error_clear(err);
	return xj_store_savepoint(r->st, "request", XJ_SP_ROLLBACK, err);
}

static void bad_key(void *ctx, const struct xj_error *e)
{
	xj_diag_error(e);
	((struct run *)ctx)->refused++;
}

static int parse_id(const char *arg, long long *id)
{
	long v;

	if (*arg == '#')
		arg++;
	if (xj_cli_number(arg, 1, 2000000000L, &v) < 0)
		return -1;
	*id = v;
	return 0;
}

static int one_id(struct run *r, long long id, struct xj_error *err)
{
	const struct opts *o = r->o;
	int applied = 0, rc;

	if (strcmp(r->verb, "approve") == 0) {
		rc = xj_change_approve(r->st, id, r->who, &applied, err);
		r->applied += applied;
		return rc;
	}
	if (strcmp(r->verb, "reject") == 0)
		return xj_change_reject(r->st, id, o->reason, o->suspect, r->who, err);
	if (strcmp(r->verb, "filed") == 0)
		return xj_change_filed(r->st, id, o->doc_no, r->who, err);
	return xj_change_evidence(r->st, id, o->evidence.len ? o->evidence.buf : NULL,
				  o->files, o->nfiles, r->who, err);
}

static int decide_id(struct run *r, const char *arg, struct xj_error *err)
{
	long long id;
	int rc;

	if (parse_id(arg, &id) < 0) {
		xj_error_set(err, XJ_EUSAGE, "not a request number");
		refuse(r, arg, err);
		xj_error_clear(err);
		return 0;
	}
	if (xj_store_savepoint(r->st, "decision", XJ_SP_BEGIN, err) < 0)
		return -1;
	rc = one_id(r, id, err);
	if (rc == 0) {
		r->done++;
		return xj_store_savepoint(r->st, "decision", XJ_SP_RELEASE, err);
	}
	if (err->code != XJ_EDATA && err->code != XJ_EUSAGE)
		return -1;
	refuse(r, arg, err);
	xj_error_clear(err);
	return xj_store_savepoint(r->st, "decision", XJ_SP_ROLLBACK, err);
}

/* --- import-selfcheck: what students reported, as requests (P10) --------- */

static const char *pick(const struct xj_record *rec, const char *const *names)
{
	const char *v;

	for (; *names; names++)
		if ((v = xj_record_get(rec, *names)) != NULL && *v)
			return v;
	return NULL;
}

static const char *const key_cols[] = { "exam_no", "student_no", "id_number", NULL };
static const char *const field_cols[] = { "field", "字段", "项目", "错误项", NULL };
static const char *const value_cols[] = { "value", "正确值", "应为", "正确信息", NULL };
static const char *const note_cols[] = { "note", "说明", "备注", NULL };

static int selfcheck_row(struct run *r, const struct xj_record *rec, struct xj_error *err)
{
	const char *key = pick(rec, key_cols), *field = pick(rec, field_cols);
	const char *value = pick(rec, value_cols);
	const struct xj_field_def *def = field ? xj_field_lookup(field) : NULL;
	struct xj_change_in in;
	struct xj_student s;
	struct xj_sb origin = XJ_SB_INIT;
	const char *fname;
	long long id = 0;
	int rc;

	if (!key || !field || !value)
		return xj_error_set(err, XJ_EDATA, "a row needs the student (exam_no, student_no"
				    " or id_number), the field and the value said to be right");
	fname = def ? def->name : field;
	memset(&s, 0, sizeof(s));
	memset(&in, 0, sizeof(in));
	rc = xj_cli_find_student(r->st, key, &s, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "no student with key %s", key);
	if (rc > 0) {
		xj_sb_addf(&origin, "%s:%ld", rec->file, rec->line);
		in.fields = &fname;
		in.values = &value;
		in.n = 1;
		in.register_shows = 1;
		in.note = pick(rec, note_cols);
		in.origin = origin.buf;
		rc = xj_change_request(r->st, &s, &in, r->who, &id, err);
	}
	if (rc == 0)
		printf("%lld\n", id);
	xj_sb_release(&origin);
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

static int selfcheck_file(struct run *r, const char *path, struct xj_error *err)
{
	struct xj_reader_opts ro = { NULL, NULL };
	struct xj_reader *rd = xj_reader_open(path, &ro, err);
	struct xj_record rec;
	int rc;

	if (!rd)
		return -1;
	while ((rc = xj_reader_next(rd, &rec, err)) != 0) {
		if (rc < 0 && err->code != XJ_EDATA)
			break;
		if (rc > 0 && (rc = xj_store_savepoint(r->st, "row", XJ_SP_BEGIN, err)) == 0)
			rc = selfcheck_row(r, &rec, err);
		if (rc == 0) {
			r->done++;
			if (xj_store_savepoint(r->st, "row", XJ_SP_RELEASE, err) < 0)
				break;
			continue;
		}
		if (err->code != XJ_EDATA && err->code != XJ_EUSAGE)
			break;
		snprintf(err->file, sizeof(err->file), "%s", xj_reader_name(rd));
		if (!err->line)
			err->line = rec.line;
		xj_diag_error(err);
		r->refused++;
		xj_error_clear(err);
		if (xj_store_savepoint(r->st, "row", XJ_SP_ROLLBACK, err) < 0)
			break;
		rc = 0;
	}
	xj_reader_free(rd);
	return rc < 0 ? -1 : 0;
}

static int need(const struct opts *o, const char *verb, int nargs)
{
	if (strcmp(verb, "request") == 0 && (!o->nfields || o->nfields != o->nvalues))
		return xj_diag_usage("request needs --field F --to VALUE, in pairs");
	if (strcmp(verb, "status") == 0 && (o->nvalues != 1 || !o->from || !o->reason))
		return xj_diag_usage("status needs --to STATUS, --from DATE and --reason");
	if (strcmp(verb, "reject") == 0 && !o->reason)
		return xj_diag_usage("reject needs --reason");
	if (strcmp(verb, "filed") == 0 && (!o->doc_no || nargs != 1))
		return xj_diag_usage("filed needs one request and --doc-no");
	if (strcmp(verb, "evidence") == 0 && (nargs != 1 || (!o->evidence.len && !o->nfiles)))
		return xj_diag_usage("evidence needs one request and --evidence or --file");
	if (strcmp(verb, "import-selfcheck") && !nargs)
		return strcmp(verb, "request") && strcmp(verb, "status") ?
		       xj_diag_usage("which requests? give them as arguments") :
		       xj_diag_usage("which students? give them as arguments");
	return 0;
}

static int run_all(struct run *r, int nargs, char **args, struct xj_error *err)
{
	int i, rc = 0;

	if (!strcmp(r->verb, "request") || !strcmp(r->verb, "status"))
		return xj_cli_keys(nargs, args, request_key, bad_key, r, err);
	if (strcmp(r->verb, "import-selfcheck") == 0) {
		for (i = 0; rc == 0 && i < (nargs ? nargs : 1); i++)
			rc = selfcheck_file(r, nargs ? args[i] : "-", err);
		return rc;
	}
	for (i = 0; rc == 0 && i < nargs; i++)
		rc = decide_id(r, args[i], err);
	return rc;
}

static int run_decisions(const struct opts *o, const char *verb, int argc, char **argv,
			 int nargs, char **args)
{
	struct run r = { verb, o, NULL, NULL, 0, 0, 0 };
	struct xj_identity id;
	struct xj_actor who;
	struct xj_sb cmdline = XJ_SB_INIT;
	struct xj_error err;
	int rc = -1;

	xj_error_clear(&err);
	if (need(o, verb, nargs))
		return XJ_EXIT_USAGE;
	r.st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, &id, &err);
	if (r.st && !id.proven)
		xj_error_set(&err, XJ_EUSAGE, "a change is a decision: it needs the key of the"
			     " staff member who makes it (see xj-key(1))");
	else if (r.st) {
		r.who = id.user;
		xj_cli_actor(&who, &cmdline, "xj-change", argc, argv, id.user);
		rc = xj_store_begin(r.st, &who, &err);
		if (rc == 0)
			rc = run_all(&r, nargs, args, &err);
		if (rc == 0 && !o->dry_run && xj_store_changes(r.st))
			rc = xj_store_commit(r.st, &err);
	}
	xj_store_close(r.st);
	if (r.st)
		xj_cli_identity_release(&id);
	xj_sb_release(&cmdline);
	if (rc < 0) {
		xj_diag_error(&err);
		return err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : xj_error_exit(&err);
	}
	if (!o->quiet) {
		if (r.applied && o->dry_run)
			xj_diag("%ld done (%ld applied), %ld refused (dry run: nothing was"
				" recorded)", r.done, r.applied, r.refused);
		else if (r.applied)
			xj_diag("%ld done (%ld applied), %ld refused", r.done, r.applied,
				r.refused);
		else if (o->dry_run)
			xj_diag("%ld done, %ld refused (dry run: nothing was recorded)", r.done,
				r.refused);
		else
			xj_diag("%ld done, %ld refused", r.done, r.refused);
	}
	return r.refused ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

/* --- listings ------------------------------------------------------------- */

struct listing {
	const struct opts *o;
	const char *verb;
	struct xj_store *st;
	struct xj_writer *w;
	long rows, failed;
	struct xj_sb fields, old, new_, files, tmp;
	struct xj_error err;
};

static void add_value(struct listing *l, struct xj_sb *to, int first, const char *field,
		      const char *v)
{
	char shown[128];

	if (!l->o->reveal && xj_mask_wanted(field)) {
		xj_mask(field, v, shown, sizeof(shown));
		v = shown;
	}
	xj_sb_addf(to, "%s%s", first ? "" : "; ", v);
}

/* The old values, kept as "field=value\n" lines to be found by field. */
static void old_pair(void *ctx, const char *field, const char *value)
{
	struct listing *l = ctx;

	xj_sb_addf(&l->tmp, "%s=%s\n", field, value);
}

static void new_pair(void *ctx, const char *field, const char *value)
{
	struct listing *l = ctx;
	struct xj_sb key = XJ_SB_INIT, was = XJ_SB_INIT;
	const char *p;

	if (strcmp(field, "request") == 0)
		return;
	xj_sb_addf(&key, "\n%s=", field);
	xj_sb_adds(&was, "");
	p = strstr(l->tmp.buf, key.buf);
	if (p) {
		p += key.len;
		xj_sb_addf(&was, "%.*s", (int)strcspn(p, "\n"), p);
	}
	add_value(l, &l->old, !l->fields.len, field, was.buf);
	add_value(l, &l->new_, !l->fields.len, field, value);
	xj_sb_addf(&l->fields, "%s%s", l->fields.len ? "; " : "", field);
	xj_sb_release(&key);
	xj_sb_release(&was);
}

static int split_change(struct listing *l, const struct xj_change_req *r)
{
	xj_sb_reset(&l->fields);
	xj_sb_reset(&l->old);
	xj_sb_reset(&l->new_);
	xj_sb_reset(&l->tmp);
	xj_sb_adds(&l->fields, "");
	xj_sb_adds(&l->old, "");
	xj_sb_adds(&l->new_, "");
	xj_sb_adds(&l->tmp, "\n");
	if (xj_store_json_each(l->st, r->old.buf, old_pair, l, &l->err) < 0 ||
	    xj_store_json_each(l->st, r->new_.buf, new_pair, l, &l->err) < 0)
		return -1;
	return 0;
}

static void file_item(void *ctx, const char *name, const char *sha, long size)
{
	struct xj_sb *sb = ctx;

	xj_sb_addf(sb, "%s%s (%ld bytes, sha256 %.16s)", sb->len ? "; " : "", name, size, sha);
}

static const char *next_role(const struct xj_change_req *r, char *out, size_t size)
{
	const char *p = r->levels.buf, *a = r->approvers.buf;

	*out = '\0';
	if (strcmp(r->state.buf, "pending") != 0)
		return out;
	for (; *a && p; a = strchr(a, ',') ? strchr(a, ',') + 1 : "")
		p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
	if (p)
		snprintf(out, size, "%.*s", (int)(strchr(p, ',') ? strchr(p, ',') - p :
						  (long)strlen(p)), p);
	return out;
}

static const char *filing_state(const struct xj_change_req *r, struct xj_sb *out)
{
	xj_sb_reset(out);
	xj_sb_adds(out, "");
	if (r->filing && *r->filed.buf)
		xj_sb_addf(out, "filed %s", r->filed.buf);
	else if (r->filing && strcmp(r->state.buf, "rejected") != 0)
		xj_sb_adds(out, "pending");
	return out->buf;
}

static int write_row(struct listing *l, const char **vals)
{
	if (xj_writer_row(l->w, vals, &l->err) < 0) {
		l->failed = 1;
		return 1;
	}
	l->rows++;
	return 0;
}

static int field_listed(const char *fields, const char *field)
{
	size_t n = strlen(field);
	const char *p = fields;

	for (; p; p = strstr(p, "; ") ? strstr(p, "; ") + 2 : NULL)
		if (strncmp(p, field, n) == 0 && (p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

static int list_row(void *ctx, const struct xj_change_req *r)
{
	struct listing *l = ctx;
	struct xj_sb missing = XJ_SB_INIT;
	char id[24], next[32];
	const char *vals[16];
	int rc;

	if (l->o->pending && strcmp(r->state.buf, "pending") != 0)
		return 0;
	xj_sb_reset(&l->files);
	xj_sb_adds(&l->files, "");
	if (split_change(l, r) < 0 ||
	    xj_store_change_files(l->st, r->id, file_item, &l->files, &l->err) < 0)
		return l->failed = 1;
	if (l->o->only_field && !field_listed(l->fields.buf, l->o->only_field))
		return 0;
	xj_change_missing(r, &missing);
	snprintf(id, sizeof(id), "%lld", r->id);
	vals[0] = id;
	vals[1] = r->exam_no.buf;
	vals[2] = r->name.buf;
	vals[3] = r->kind.buf;
	vals[4] = l->fields.buf;
	vals[5] = l->old.buf;
	vals[6] = l->new_.buf;
	vals[7] = r->evidence.buf;
	vals[8] = l->files.buf;
	vals[9] = missing.buf;
	vals[10] = r->requested_by.buf;
	vals[11] = r->requested_on.buf;
	vals[12] = r->approvers.buf;
	vals[13] = next_role(r, next, sizeof(next));
	vals[14] = r->state.buf;
	vals[15] = filing_state(r, &l->tmp);
	rc = write_row(l, vals);
	xj_sb_release(&missing);
	return rc;
}

static void id_shown(const struct listing *l, const char *id, char *out, size_t size)
{
	if (l->o->reveal)
		snprintf(out, size, "%s", id);
	else
		xj_mask("id_number", id, out, size);
}

static int filing_row(void *ctx, const struct xj_change_req *r)
{
	struct listing *l = ctx;
	struct xj_student s;
	char id[24], idno[64];
	const char *vals[13];
	int rc;

	if (!r->filing || strcmp(r->state.buf, "applied") != 0 ||
	    (l->o->pending && *r->filed.buf))
		return 0;
	memset(&s, 0, sizeof(s));
	xj_sb_reset(&l->files);
	xj_sb_adds(&l->files, "");
	if (split_change(l, r) < 0 ||
	    xj_store_change_files(l->st, r->id, file_item, &l->files, &l->err) < 0 ||
	    xj_store_student_find(l->st, XJ_S_EXAM_NO, r->exam_no.buf, &s, &l->err) < 0)
		return l->failed = 1;
	id_shown(l, s.v[XJ_S_ID_NUMBER] ? s.v[XJ_S_ID_NUMBER] : "", idno, sizeof(idno));
	snprintf(id, sizeof(id), "%lld", r->id);
	vals[0] = id;
	vals[1] = r->exam_no.buf;
	vals[2] = r->name.buf;
	vals[3] = idno;
	vals[4] = l->fields.buf;
	vals[5] = l->old.buf;
	vals[6] = l->new_.buf;
	vals[7] = r->evidence.buf;
	vals[8] = l->files.buf;
	vals[9] = r->requested_by.buf;
	vals[10] = r->approvers.buf;
	vals[11] = r->decided_on.buf;
	vals[12] = r->filed.buf;
	rc = write_row(l, vals);
	xj_student_release(&s);
	return rc;
}

/* --- history: every value a field has had ---------------------------------- */

struct hrow {
	char *field, *value, *since, *by, *how, *grounds;
};

struct history {
	struct listing *l;
	struct hrow *v;
	size_t n;
	unsigned changed;               /* fields changed after creation, as bits */
	const struct xj_log_entry *e;
	struct xj_sb how, grounds;
};

/* The grounds of an applied request: its evidence, files and approvers. */
static void request_grounds(struct history *h, const char *json)
{
	const char *p = strstr(json, "\"request\":");
	struct xj_change_req r;
	long long id;

	xj_sb_reset(&h->grounds);
	xj_sb_adds(&h->grounds, "");
	if (!p)
		return;
	id = strtoll(p + 10, NULL, 10);
	memset(&r, 0, sizeof(r));
	if (xj_store_change_get(h->l->st, id, &r, &h->l->err) > 0) {
		xj_sb_addf(&h->how, " #%lld", id);
		xj_sb_addf(&h->grounds, _("evidence %s"), *r.evidence.buf ? r.evidence.buf :
			   _("none"));
		xj_store_change_files(h->l->st, id, file_item, &h->grounds, &h->l->err);
		xj_sb_addf(&h->grounds, _("; requested by %s, approved by %s"),
			   r.requested_by.buf, r.approvers.buf);
	}
	xj_change_req_release(&r);
}

static void history_pair(void *ctx, const char *field, const char *value)
{
	struct history *h = ctx;
	struct hrow *r;
	int f = xj_student_field_index(field);

	if (f < 0 && strcmp(field, "status") != 0)
		return;
	if (f >= 0 && strcmp(h->e->action, "create") != 0)
		h->changed |= 1u << f;
	h->v = xj_xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	r = &h->v[h->n++];
	r->field = xj_xstrdup(field);
	r->value = xj_xstrdup(value);
	r->since = xj_xstrdup(h->e->at);
	r->by = xj_xstrdup(*h->e->user ? h->e->user : h->e->login);
	r->how = xj_xstrdup(h->how.buf);
	r->grounds = xj_xstrdup(h->grounds.buf);
}

static int history_entry(void *ctx, const struct xj_log_entry *e)
{
	struct history *h = ctx;
	const char *a = e->action;

	if (strcmp(a, "create") && strcmp(a, "update") && strcmp(a, "change") &&
	    strcmp(a, "status"))
		return 0;
	h->e = e;
	xj_sb_reset(&h->how);
	xj_sb_addf(&h->how, "%s %s", e->program, a);
	request_grounds(h, e->new_json);
	if (!h->grounds.len && strcmp(e->program, "xj-import") == 0) {
		xj_sb_adds(&h->grounds, e->args);
	}
	return xj_store_json_each(h->l->st, e->new_json, history_pair, h, &h->l->err) < 0;
}

static int history_wanted(const struct history *h, const char *field)
{
	int f = xj_student_field_index(field);

	if (h->l->o->only_field)
		return strcmp(field, h->l->o->only_field) == 0;
	return f < 0 || xj_student_field_is_key(f) || (h->changed & (1u << f));
}

static int history_write(struct history *h)
{
	size_t i;
	char shown[128];

	for (i = 0; i < h->n && !h->l->failed; i++) {
		struct hrow *r = &h->v[i];
		const char *vals[6] = { r->field, r->value, r->since, r->by, r->how, r->grounds };

		if (!history_wanted(h, r->field))
			continue;
		if (!h->l->o->reveal && xj_mask_wanted(r->field)) {
			xj_mask(r->field, r->value, shown, sizeof(shown));
			vals[1] = shown;
		}
		write_row(h->l, vals);
	}
	return h->l->failed ? -1 : 0;
}

static void history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].field);
		free(h->v[i].value);
		free(h->v[i].since);
		free(h->v[i].by);
		free(h->v[i].how);
		free(h->v[i].grounds);
	}
	free(h->v);
	xj_sb_release(&h->how);
	xj_sb_release(&h->grounds);
}

static int run_history(struct listing *l, const char *key)
{
	struct history h;
	struct xj_log_filter f;
	int rc;

	memset(&h, 0, sizeof(h));
	memset(&f, 0, sizeof(f));
	h.l = l;
	f.student = key;
	rc = xj_store_log_each(l->st, &f, history_entry, &h, &l->err);
	if (rc == 0)
		rc = history_write(&h);
	history_release(&h);
	return rc;
}

static const char *const list_cols[] = { "id", "exam_no", "name", "kind", "field", "old",
	"new", "evidence", "files", "missing", "requested_by", "requested_on", "approved_by",
	"next", "state", "filing" };
static const char *const filing_cols[] = { "id", "exam_no", "name", "id_number", "field",
	"old", "new", "evidence", "files", "requested_by", "approved_by", "applied_on",
	"doc_no" };
static const char *const history_cols[] = { "field", "value", "since", "by", "how",
	"grounds" };

static int list_key(struct listing *l, const char *key)
{
	struct xj_student s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = xj_cli_find_student(l->st, key, &s, &l->err);
	if (rc == 0) {
		xj_diag("no student with key %s", key);
		l->failed = 2;
	} else if (rc > 0) {
		rc = xj_store_change_each(l->st, s.id, list_row, l, &l->err);
	}
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

static int listing_body(struct listing *l, int nargs, char **args)
{
	int i, rc = 0;

	if (strcmp(l->verb, "history") == 0) {
		struct xj_student s;

		xj_writer_columns(l->w, 6, history_cols);
		if (nargs != 1)
			return xj_error_set(&l->err, XJ_EUSAGE, "history takes one student");
		memset(&s, 0, sizeof(s));
		rc = xj_cli_find_student(l->st, args[0], &s, &l->err);
		if (rc == 0)
			rc = xj_error_set(&l->err, XJ_EDATA, "no student with key %s", args[0]);
		if (rc > 0)
			rc = run_history(l, s.v[XJ_S_EXAM_NO]);
		xj_student_release(&s);
		return rc;
	}
	if (strcmp(l->verb, "filings") == 0) {
		xj_writer_columns(l->w, 13, filing_cols);
		return xj_store_change_each(l->st, 0, filing_row, l, &l->err);
	}
	xj_writer_columns(l->w, 16, list_cols);
	if (!nargs)
		return xj_store_change_each(l->st, 0, list_row, l, &l->err);
	for (i = 0; rc == 0 && i < nargs; i++)
		rc = list_key(l, args[i]);
	return rc;
}

static int run_listing(const struct opts *o, const char *verb, int argc, char **argv,
		       int nargs, char **args)
{
	struct listing l;
	struct xj_identity id;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	l.o = o;
	l.verb = verb;
	xj_error_clear(&l.err);
	l.w = xj_cli_writer(o->format, NULL, 0, 0, &l.err);
	if (l.w)
		l.st = xj_cli_open(xj_cli_db(o->db), o->key, o->user, o->reveal ? &id : NULL,
				   &l.err);
	if (l.st) {
		rc = listing_body(&l, nargs, args);
		if (rc == 0 && l.failed == 1)
			rc = -1;
		if (rc == 0)
			rc = xj_writer_end(l.w, &l.err);
		if (rc == 0 && o->reveal)
			rc = xj_cli_reveal_audit(l.st, id.user, "xj-change", argc, argv, l.rows,
						 &l.err);
	}
	if (l.st && o->reveal)
		xj_cli_identity_release(&id);
	xj_writer_free(l.w);
	xj_store_close(l.st);
	xj_sb_release(&l.fields);
	xj_sb_release(&l.old);
	xj_sb_release(&l.new_);
	xj_sb_release(&l.files);
	xj_sb_release(&l.tmp);
	if (rc < 0) {
		xj_diag_error(&l.err);
		return l.err.code == XJ_EUSAGE ? XJ_EXIT_USAGE : xj_error_exit(&l.err);
	}
	return l.failed ? XJ_EXIT_REFUSED : XJ_EXIT_OK;
}

static const char *const decision_verbs[] = { "request", "status", "evidence", "approve",
	"reject", "import-selfcheck", "filed", NULL };
static const char *const listing_verbs[] = { "list", "history", "filings", NULL };

static int one_of(const char *verb, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(verb, *list) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o;
	const char *verb;
	int rc;

	memset(&o, 0, sizeof(o));
	xj_cli_start(&argc, argv);
	rc = parse(argc, argv, &o);
	verb = optind < argc ? argv[optind] : NULL;
	if (rc == 0 && !verb)
		rc = xj_diag_usage("no command given");
	if (rc == 0 && !one_of(verb, decision_verbs) && !one_of(verb, listing_verbs))
		rc = xj_diag_usage("unknown command '%s'", verb);
	if (rc == 0 && one_of(verb, listing_verbs))
		o.only_field = o.nfields ? o.fields[0] : NULL;
	if (rc == 0 && one_of(verb, decision_verbs))
		rc = run_decisions(&o, verb, argc, argv, argc - optind - 1, argv + optind + 1);
	else if (rc == 0)
		rc = run_listing(&o, verb, argc, argv, argc - optind - 1, argv + optind + 1);
	else if (rc < 0)
		rc = XJ_EXIT_OK;
	free(o.fields);
	free(o.values);
	free(o.files);
	xj_sb_release(&o.evidence);
	return xj_diag_close_stdout(rc);
}
