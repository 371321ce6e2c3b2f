/* xj-change: changes of a student's record after admission: key data on
 * evidence (P12), what students found wrong on CHSI (P10), status changes
 * (学籍异动), errata after the credential is registered and their filing
 * with the province (P16, P17).  Each is a request, approved level by
 * level, applied with the last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/infile.h"
#include "xj/change.h"
#include "xj/cli.h"
#include "xj/cmdrun.h"
#include "xj/config.h"
#include "xj/diag.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/reader.h"
#include "xj/sheet.h"
#include "xj/writer.h"

static const char usage_text[] = N_(
"usage: xj-change request --field f --to value [--field f --to value]...\n"
"                 --evidence kinds [--file path]... [--register-shows no]\n"
"                 [--note text] [--errata] [-nq] [-d db] [--key file] key ... | -\n"
"       xj-change status --to status --from date [--until date]\n"
"                 [--to-major code [--major-name name]] [--to-cohort year]\n"
"                 [--to-class class] --reason text [--evidence kinds]\n"
"                 [--file path]... [-nq] [-d db] [--key file] key ... | -\n"
"       xj-change status --events [-nq] [-d db] [--key file] [file ...]\n"
"       xj-change evidence --evidence kinds [--file path]... [-nq] [-d db] id\n"
"       xj-change approve [-nq] [-d db] [--key file] id ... | -\n"
"       xj-change approve --prepare -u name -o sheet [--page file] [-q] [-d db]\n"
"                 id ... | -\n"
"       xj-change approve --apply [-nq] [-d db] [--key file] sheet ...\n"
"       xj-change reject --reason text [--suspect] [-nq] [-d db] [--key file]\n"
"                 id ... | -\n"
"       xj-change import-selfcheck [-nq] [-d db] [--key file] [file ...]\n"
"       xj-change list [--pending] [--field f] [-d db] [-f fmt] [--reveal] [key ...]\n"
"       xj-change history [--field f] [-d db] [-f fmt] [--reveal] key\n"
"       xj-change filings [--pending] [-d db] [-f fmt] [--reveal]\n"
"       xj-change filed --doc-no text [-nq] [-d db] [--key file] id\n"
"\n"
"  request          ask for a change of fields, with its evidence (P12, P17)\n"
"  status           ask for a status change: suspended, resumed, withdrawn,\n"
"                   retained, transferred-major, demoted, deceased; --events:\n"
"                   one for each row of the files\n"
"  evidence         add evidence to a pending request\n"
"  approve          the next level's approval; the last applies the change (P1);\n"
"                   --prepare: a sheet of them for a signer who never logs in\n"
"                   (signed with xj-key sign), --apply: the signed sheet recorded\n"
"  reject           refuse a request; --suspect: as suspected fraud, with a case\n"
"  import-selfcheck the problems students reported on CHSI, as requests (P10)\n"
"  list             the requests and where they stand\n"
"  history          every value a field of a student has had, and on what grounds\n"
"  filings          applied errata the province must be told of (P17)\n"
"  filed            the document number of a filing\n"
"\n"
"  -d, --db PATH          the store (default $XJ_DB, else ./xj.db)\n"
"      --wait SECONDS     wait that long for another writer (default 600)\n"
"  -u, --user NAME        the staff member acting (the key's holder)\n"
"      --key FILE         the acting staff member's private key (default $XJ_KEY)\n"
"  -n, --dry-run          check everything, record nothing\n"
"  -q, --quiet            no summary\n"
"  -f, --format FMT       csv (default), tsv, yaml, json, xlsx\n"
"      --lang zh|en, --encoding ENC, --excel   (xj(1), COMMON OPTIONS)\n"
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
"      --to-cohort YEAR   status demoted: the later cohort the student joins\n"
"      --to-class CLASS   status demoted, transferred-major: the new class\n"
"      --events           status: the changes are the rows of the files\n"
"                         (student, kind, from, until, reason, ...), not options\n"
"      --reason TEXT      why (status, reject)\n"
"      --suspect          reject: as suspected fraud, and open a case\n"
"      --pending          list, filings: only those still open\n"
"      --doc-no TEXT      filed: the official document number\n"
"      --reveal           show ID and phone numbers unmasked (audited)\n"
"      --prepare          approve: write the sheet of the approvals -u NAME may\n"
"                         make now\n"
"  -o, --output FILE      write there, atomically; approve --prepare: the\n"
"                         sheet (YAML)\n"
"      --page FILE        --prepare: the page to print (default: the sheet's\n"
"                         name with .html)\n"
"      --apply            approve: record the signed sheets named\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n");

/* The program's own options; -d, --key, -u, -n, -q, -f, -o and the rest
 * that every program shares are the frame's (xj(1)).  Those that word a
 * request are the change module's ask (a.evidence: evidence's text). */
struct opts {
	struct xj_change_ask a;
	const char *doc_no, *page;
	struct xj_sb evidence;
	int reveal, suspect, pending, prepare, apply, events;
};

static struct opts opts;

#define ASK (XJ_V_STORE | XJ_V_WRITES | XJ_V_DECISION | XJ_V_DEPT)
/* any level's role may approve; the library checks the level is the next */
#define DECIDERS (XJ_ROLE_REVIEWER | XJ_ROLE_DEPT_HEAD | XJ_ROLE_LEADER | XJ_ROLE_REGISTRAR)

enum {
	O_FIELD = 256, O_TO, O_EVIDENCE, O_FILE, O_REGISTER, O_NOTE, O_ERRATA,
	O_FROM, O_UNTIL, O_TO_MAJOR, O_MAJOR_NAME, O_REASON, O_SUSPECT, O_PENDING,
	O_DOC_NO, O_REVEAL, O_PREPARE, O_APPLY, O_PAGE, O_TO_COHORT, O_TO_CLASS, O_EVENTS
};

static const struct xj_opt own_opts[] = {
	{ "field", 1, O_FIELD }, { "to", 1, O_TO }, { "evidence", 1, O_EVIDENCE },
	{ "file", 1, O_FILE }, { "register-shows", 1, O_REGISTER }, { "note", 1, O_NOTE },
	{ "errata", 0, O_ERRATA }, { "from", 1, O_FROM }, { "until", 1, O_UNTIL },
	{ "to-major", 1, O_TO_MAJOR }, { "major-name", 1, O_MAJOR_NAME },
	{ "reason", 1, O_REASON }, { "suspect", 0, O_SUSPECT }, { "pending", 0, O_PENDING },
	{ "doc-no", 1, O_DOC_NO }, { "reveal", 0, O_REVEAL }, { "prepare", 0, O_PREPARE },
	{ "apply", 0, O_APPLY }, { "page", 1, O_PAGE }, { "to-cohort", 1, O_TO_COHORT },
	{ "to-class", 1, O_TO_CLASS }, { "events", 0, O_EVENTS }, { NULL, 0, 0 },
};

static const char **push(const char **list, size_t *n, const char *v)
{
	list = xj_xreallocarray(list, *n + 1, sizeof(char *));
	list[(*n)++] = v;
	return list;
}

static int own_option(int c, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	long v;

	switch (c) {
	case O_FIELD: o->a.fields = push(o->a.fields, &o->a.nfields, arg); break;
	case O_TO: o->a.values = push(o->a.values, &o->a.nvalues, arg); break;
	case O_FILE:   /* evidence read before the lock */
		o->a.files = push(o->a.files, &o->a.nfiles, arg);
		xj_infile_ahead(arg);
		break;
	case O_EVIDENCE:
		xj_sb_addf(&o->evidence, "%s%s", o->evidence.len ? "," : "", arg);
		o->a.evidence = o->evidence.buf;
		break;
	case O_REGISTER:
		if (strcmp(arg, "yes") && strcmp(arg, "no"))
			return xj_diag_usage("--register-shows wants yes or no, not '%s'", arg);
		o->a.register_shows = arg;
		break;
	case O_NOTE: o->a.note = arg; break;
	case O_ERRATA: o->a.errata = 1; break;
	case O_FROM:
		if (xj_cli_date("--from", arg) != 0)
			return XJ_EXIT_USAGE;
		o->a.from = arg;
		break;
	case O_UNTIL:
		if (xj_cli_date("--until", arg) != 0)
			return XJ_EXIT_USAGE;
		o->a.until = arg;
		break;
	case O_TO_MAJOR: o->a.to_major = arg; break;
	case O_MAJOR_NAME: o->a.major_name = arg; break;
	case O_REASON: o->a.reason = arg; break;
	case O_SUSPECT: o->suspect = 1; break;
	case O_PENDING: o->pending = 1; break;
	case O_DOC_NO: o->doc_no = arg; break;
	case O_REVEAL: o->reveal = 1; break;
	case O_PREPARE: o->prepare = 1; break;
	case O_APPLY: o->apply = 1; break;
	case O_PAGE: o->page = arg; break;
	case O_TO_COHORT:
		if (xj_cli_number(arg, 2000, 2100, &v) < 0)
			return xj_diag_usage("--to-cohort wants a year, not '%s'", arg);
		o->a.to_cohort = (int)v;
		break;
	case O_TO_CLASS: o->a.to_class = arg; break;
	case O_EVENTS: o->events = 1; break;
	}
	return 0;
}

/* --- requests: one student each (P12) -------------------------------------- */

static int one_request(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct xj_change_in in;
	long long id = 0;

	(void)ctx;
	xj_change_asked(&opts.a, &in);
	if (xj_change_request(r->st, s, &in, r->id.user, &id, &r->err) < 0)
		return -1;
	printf("%lld\n", id);
	return 0;
}

/* How a verb whose rows are requests reads one: xj_change_status_row
 * (status --events) or xj_change_report_row (import-selfcheck). */
struct request_reader {
	int (*read)(struct xj_store *st, const struct xj_record *rec, const char *who,
		    long long *id, struct xj_error *err);
};

/* One row, one request, its number printed (the frame keeps each row
 * apart): a row at fault is refused, and the other rows go on. */
static int request_row(struct xj_run *r, const struct xj_record *rec, void *ctx)
{
	const struct request_reader *rr = ctx;
	long long id = 0;

	if (rr->read(r->st, rec, r->id.user, &id, &r->err) < 0)
		return -1;
	printf("%lld\n", id);
	r->done++;
	return 0;
}

/* --events: the rows say what the options would, so none of them is
 * given too; the files are rows, not students. */
static int run_events(struct xj_run *r, int nfiles, char **files)
{
	static struct request_reader events = { xj_change_status_row };
	const struct opts *o = &opts;
	int rc;

	if (o->a.nvalues || o->a.from || o->a.until || o->a.to_major || o->a.major_name ||
	    o->a.reason || o->a.to_cohort || o->a.to_class || o->evidence.len || o->a.nfiles)
		return xj_diag_usage("status --events takes each change from its row: no --to,"
				     " --from, --until, --to-major, --major-name, --to-cohort,"
				     " --to-class, --reason, --evidence or --file");
	rc = xj_cmdverbs_each_file_row(r, nfiles, files, request_row, &events);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("done"));
	return rc;
}

static int run_request(struct xj_run *r, int nargs, char **args)
{
	const struct opts *o = &opts;
	int rc;

	if (o->events)
		return run_events(r, nargs, args);
	if (!strcmp(r->verb->name, "request") && (!o->a.nfields || o->a.nfields != o->a.nvalues))
		return xj_diag_usage("request needs --field F --to VALUE, in pairs");
	if (!strcmp(r->verb->name, "status") && (o->a.nvalues != 1 || !o->a.from || !o->a.reason))
		return xj_diag_usage("status needs --to STATUS, --from DATE and --reason");
	/* a change names its students: never the whole store by default */
	if (!nargs)
		return xj_diag_usage("which students? give them as arguments");
	opts.a.status = strcmp(r->verb->name, "status") == 0;
	rc = xj_cmdrun_each_change(r, nargs, args, one_request, NULL);
	if (rc == 0)
		xj_cmdrun_say_done(r, N_("done"));
	return rc;
}

/* --- decisions on requests, by their numbers ------------------------------- */

static int parse_id(const char *arg, long long *id, struct xj_error *err)
{
	long v;

	if (*arg == '#')
		arg++;
	if (xj_cli_number(arg, 1, 2000000000L, &v) < 0)
		return xj_error_set(err, XJ_EUSAGE, "not a request number");
	*id = v;
	return 0;
}

/* Request numbers on standard input: one a line, or the id column of a
 * record stream (xj-change list --pending). */
static int id_like(const char *s)
{
	s += *s == '#';
	return *s && strspn(s, "0123456789") == strlen(s);
}

static const char *const id_cols[] = { "id" };
static const struct xj_cli_list ids = {
	id_cols, 1, id_like,
	N_("%s: no id column: give a header that names one, or one request number a"
	   " line with no header"),
	N_("no id in this row"),
};

/* One request: ctx counts the approvals that applied their change. */
static int one_id(struct xj_run *r, const char *arg, void *ctx)
{
	const struct opts *o = &opts;
	const char *v = r->verb->name, *who = r->id.user;
	long *applied = ctx;
	long long id = 0;
	int now = 0, rc;

	if (parse_id(arg, &id, &r->err) < 0)
		return -1;
	if (!strcmp(v, "approve")) {
		rc = xj_change_approve(r->st, id, who, &now, &r->err);
		*applied += rc == 0 && now;
		return rc;
	}
	if (!strcmp(v, "reject"))
		return xj_change_reject(r->st, id, o->a.reason, o->suspect, who, &r->err);
	if (!strcmp(v, "filed"))
		return xj_change_filed(r->st, id, o->doc_no, who, &r->err);
	return xj_change_evidence(r->st, id, o->evidence.len ? o->evidence.buf : NULL,
				  o->a.files, o->a.nfiles, who, &r->err);
}

/* The summary, with the changes applied by the last level when there are. */
static void say_decided(const struct xj_run *r, long applied)
{
	if (!applied)
		xj_cmdrun_say_done(r, N_("done"));
	else if (r->c->quiet)
		return;
	else if (r->dry_run)
		xj_diag("%ld done (%ld applied), %ld refused (dry run: nothing was recorded)",
			r->done, applied, r->refused);
	else
		xj_diag("%ld done (%ld applied), %ld refused", r->done, applied, r->refused);
}

static int run_decide(struct xj_run *r, int nargs, char **args)
{
	const struct opts *o = &opts;
	const char *v = r->verb->name;
	long applied = 0;
	int rc;

	if (!strcmp(v, "reject") && !o->a.reason)
		return xj_diag_usage("reject needs --reason");
	if (!strcmp(v, "filed") && (!o->doc_no || nargs != 1))
		return xj_diag_usage("filed needs one request and --doc-no");
	if (!strcmp(v, "evidence") && (nargs != 1 || (!o->evidence.len && !o->a.nfiles)))
		return xj_diag_usage("evidence needs one request and --evidence or --file");
	if (!nargs)
		return xj_diag_usage("which requests? give them as arguments");
	/* approvals and rejections of a list; evidence and filing, one */
	rc = xj_cmdrun_each_item(r, nargs, args, strcmp(v, "approve") && strcmp(v, "reject") ?
			      NULL : &ids, one_id, &applied);
	if (rc == 0)
		say_decided(r, applied);
	return rc;
}

/* --- approvals signed away from the store (xj-key sign, P1, P12) --------- */

/* One request on the sheet at its next level, if -u NAME may give it. */
static int prepare_one(struct xj_run *r, const char *arg, void *ctx)
{
	long long id = 0;

	if (parse_id(arg, &id, &r->err) < 0)
		return -1;
	return xj_sheet_add_approval(r->st, ctx, id, &r->err);
}

/* --prepare: the approvals -u NAME may make now go on the sheet; the
 * others are named with the reason, and left off.  It changes nothing (the
 * store's id, made on first use, is no one's work), so it needs no key;
 * -u names the signer, not who prepares it (XJ_V_FOR_USER). */
static int prepare_sheet(struct xj_run *r, int nargs, char **args)
{
	const char *out = r->c->output;
	struct xj_sheet sh;
	int rc;

	if (!r->c->user || !out || !strcmp(out, "-"))
		return xj_diag_usage("approve --prepare needs -u NAME (the signer) and -o FILE"
				     " (the sheet)");
	if (!nargs)
		return xj_diag_usage("which requests? give them as arguments");
	xj_sheet_init(&sh);
	rc = xj_cmdrun_open_as(r, XJ_V_FOR_USER, 0);
	if (rc == 0)
		rc = xj_sheet_begin_kind(r->st, &sh, XJ_SHEET_APPROVAL, r->c->user, &r->err);
	/* the others left off, named with the reason */
	if (rc == 0)
		rc = xj_cmdrun_each_item(r, nargs, args, &ids, prepare_one, &sh);
	if (rc == 0)
		rc = xj_cmdsheet_save(r, &sh, opts.page);
	xj_sheet_release(&sh);
	return rc;
}

/* --apply: each signed approval recorded as its signer's, in a command
 * of the one who applies it; the roles are the signer's, per decision. */
static int apply_sheets(struct xj_run *r, int nargs, char **args)
{
	return xj_cmdsheet_apply(r, nargs, args, XJ_SHEET_APPROVAL);
}

/* approve is three commands by its options, so its table entry opens
 * nothing: online it is a decider's (the library checks the level's own
 * role), --apply anyone's with a key, --prepare anyone's. */
static int run_approve(struct xj_run *r, int nargs, char **args)
{
	if (opts.prepare && opts.apply)
		return xj_diag_usage("approve takes --prepare or --apply, not both");
	if (opts.prepare)
		return prepare_sheet(r, nargs, args);
	if (r->c->output || opts.page)
		return xj_diag_usage("-o and --page go with approve --prepare");
	if (opts.apply)
		return apply_sheets(r, nargs, args);
	if (xj_cmdrun_open_as(r, ASK, DECIDERS) < 0)
		return -1;
	return run_decide(r, nargs, args);
}

/* --- import-selfcheck: what students reported, as requests (P10) --------- */

static int run_selfcheck(struct xj_run *r, int nargs, char **args)
{
	static struct request_reader reports = { xj_change_report_row };
	int rc = xj_cmdverbs_each_file_row(r, nargs, args, request_row, &reports);

	if (rc == 0)
		xj_cmdrun_say_done(r, N_("done"));
	return rc;
}

/* --- listings ------------------------------------------------------------- */

/* failed: a read or a write of a row failed (the walks of the store stop
 * at a non-zero return and do not say why: this does). */
struct listing {
	struct xj_run *r;
	const char *only_field;
	long rows;
	int failed;
	struct xj_sb fields, old, new_, files, tmp;
};

static void add_value(struct xj_sb *to, int first, const char *field, const char *v)
{
	char shown[128];

	if (!opts.reveal && xj_mask_wanted(field)) {
		xj_mask(field, v, shown, sizeof(shown));
		v = shown;
	}
	xj_sb_addf(to, "%s%s", first ? "" : "; ", v);
}

/* A field the request changes, its values before and after, shown. */
static void one_pair(void *ctx, const char *field, const char *was, const char *to)
{
	struct listing *l = ctx;

	add_value(&l->old, !l->fields.len, field, was);
	add_value(&l->new_, !l->fields.len, field, to);
	xj_sb_addf(&l->fields, "%s%s", l->fields.len ? "; " : "", field);
}

static int split_change(struct listing *l, const struct xj_change_req *r)
{
	xj_sb_reset(&l->fields);
	xj_sb_reset(&l->old);
	xj_sb_reset(&l->new_);
	return xj_change_pairs(l->r->st, r, one_pair, l, &l->r->err);
}

static int write_row(struct listing *l, const char **vals)
{
	if (xj_writer_row(l->r->w, vals, &l->r->err) < 0) {
		l->failed = 1;
		return 1;
	}
	l->rows++;
	return 0;
}

/* The request's fields and its evidence files, read; 1 (stop) on failure. */
static int read_request(struct listing *l, const struct xj_change_req *r)
{
	xj_sb_reset(&l->files);
	if (split_change(l, r) < 0 ||
	    xj_change_files_text(l->r->st, r->id, &l->files, &l->r->err) < 0)
		return l->failed = 1;
	return 0;
}

static int list_row(void *ctx, const struct xj_change_req *r)
{
	struct listing *l = ctx;
	struct xj_sb missing = XJ_SB_INIT;
	char id[24], next[32];
	const char *vals[16];
	int rc;

	if (!xj_change_listed(r, opts.pending))
		return 0;
	if (read_request(l, r))
		return 1;
	if (l->only_field && !xj_change_field_listed(l->fields.buf, l->only_field))
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
	vals[13] = xj_change_next_level(r, next, sizeof(next));
	vals[14] = r->state.buf;
	vals[15] = xj_change_filing_state(r, &l->tmp);
	rc = write_row(l, vals);
	xj_sb_release(&missing);
	return rc;
}

static void id_shown(const char *id, char *out, size_t size)
{
	if (opts.reveal)
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

	if (!xj_change_is_filing(r, opts.pending))
		return 0;
	memset(&s, 0, sizeof(s));
	if (read_request(l, r) ||
	    xj_store_student_find(l->r->st, XJ_S_EXAM_NO, r->exam_no.buf, &s, &l->r->err) < 0)
		return l->failed = 1;
	id_shown(s.v[XJ_S_ID_NUMBER] ? s.v[XJ_S_ID_NUMBER] : "", idno, sizeof(idno));
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

static int history_row(void *ctx, const struct xj_history_row *hr)
{
	struct listing *l = ctx;
	const char *vals[6] = { hr->field, hr->value, hr->since, hr->by, hr->how, hr->grounds };
	char shown[128];

	if (!opts.reveal && xj_mask_wanted(hr->field)) {
		xj_mask(hr->field, hr->value, shown, sizeof(shown));
		vals[1] = shown;
	}
	return write_row(l, vals);
}

static int history_student(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct listing *l = ctx;
	const struct xj_change_history_cb cb = { history_row, l };

	return xj_change_history(r->st, s, l->only_field, &cb, &r->err);
}

static int list_student(struct xj_run *r, const struct xj_student *s, void *ctx)
{
	struct listing *l = ctx;

	if (xj_store_change_each(r->st, s->id, list_row, l, &r->err) < 0 || l->failed)
		return -1;
	return 0;
}

static const char *const list_cols[] = { "id", "exam_no", "name", "kind", "field", "old",
	"new", "evidence", "files", "missing", "requested_by", "requested_on", "approved_by",
	"next", "state", "filing" };
static const char *const filing_cols[] = { "id", "exam_no", "name", "id_number", "field",
	"old", "new", "evidence", "files", "requested_by", "approved_by", "applied_on",
	"doc_no" };
static const char *const history_cols[] = { "field", "value", "since", "by", "how",
	"grounds" };

/* The listing's record stream; a --reveal on record once the output is
 * known good, before a row is shown (P2). */
static int list_writer(struct xj_run *r, size_t ncols, const char *const *cols)
{
	if (!xj_cmdrun_writer(r, ncols, cols))
		return -1;
	return opts.reveal ? xj_cmdrun_reveal_begin(r, "id_number,phone") : 0;
}

/* A student named and not found is refused by the walk, masked. */
static int listing_body(struct xj_run *r, struct listing *l, int nargs, char **args)
{
	const char *v = r->verb->name;
	int rc;

	if (!strcmp(v, "history")) {
		if (nargs != 1)
			return xj_diag_usage("history takes one student");
		if (list_writer(r, 6, history_cols) < 0)
			return -1;
		return xj_cmdrun_each_student(r, 1, args, history_student, l);
	}
	if (!strcmp(v, "filings")) {
		if (nargs)
			return xj_diag_usage("filings lists them all: no students");
		if (list_writer(r, 13, filing_cols) < 0)
			return -1;
		rc = xj_store_change_each(r->st, 0, filing_row, l, &r->err);
	} else if (list_writer(r, 16, list_cols) < 0) {
		return -1;
	} else if (nargs) {
		return xj_cmdrun_each_student(r, nargs, args, list_student, l);
	} else {
		rc = xj_store_change_each(r->st, 0, list_row, l, &r->err);
	}
	return rc == 0 && l->failed ? -1 : rc;
}

static int run_list(struct xj_run *r, int nargs, char **args)
{
	struct listing l;
	int rc;

	memset(&l, 0, sizeof(l));
	l.r = r;
	l.only_field = opts.a.nfields ? opts.a.fields[0] : NULL;
	/* personal data shown whole is on record, by a proven person (P2) */
	if (opts.reveal && xj_cmdrun_need_key(r, "--reveal") < 0)
		return -1;
	rc = listing_body(r, &l, nargs, args);
	xj_sb_release(&l.fields);
	xj_sb_release(&l.old);
	xj_sb_release(&l.new_);
	xj_sb_release(&l.files);
	xj_sb_release(&l.tmp);
	return rc;
}

/* --- the verbs --------------------------------------------------------------- */

#define ASKERS (XJ_ROLE_REGISTRAR | XJ_ROLE_REVIEWER)
#define LIST (XJ_V_STORE | XJ_V_LIST)
/* approve opens the store itself (xj_cmdrun_open_as): its options decide
 * what it is, so -d, --key, -u, -n go by name */
#define APPROVE (XJ_V_QUIET | XJ_V_DECISION | XJ_V_DEPT)

static const struct xj_verb verbs[] = {
	{ "request", run_request, ASK, ASKERS,
	  "field to evidence file register-shows note errata", NULL },
	{ "status", run_request, ASK | XJ_V_STDIN, ASKERS,
	  "to from until to-major major-name to-cohort to-class reason evidence file events",
	  NULL },
	{ "evidence", run_decide, ASK, ASKERS, "evidence file", NULL },
	{ "approve", run_approve, APPROVE, 0,
	  "db key user dry-run output prepare apply page", NULL },
	{ "reject", run_decide, ASK, DECIDERS, "reason suspect", NULL },
	{ "import-selfcheck", run_selfcheck, ASK | XJ_V_STDIN, ASKERS, "", NULL },
	{ "filed", run_decide, XJ_V_STORE | XJ_V_WRITES | XJ_V_DECISION, XJ_ROLE_REGISTRAR,
	  "doc-no", NULL },
	{ "list", run_list, LIST, 0, "pending field reveal", NULL },
	{ "history", run_list, LIST, 0, "field reveal", NULL },
	{ "filings", run_list, LIST, 0, "pending reveal", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	static const struct xj_program prog = {
		"xj-change", usage_text, verbs, own_opts, own_option, &opts, NULL
	};
	int rc;

	rc = xj_cmdrun_main(&prog, argc, argv);
	free(opts.a.fields);
	free(opts.a.values);
	free(opts.a.files);
	xj_sb_release(&opts.evidence);
	return rc;
}
