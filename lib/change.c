/* change.c: a change request checked and recorded with its evidence.  The
 * new values are checked the way an import checks a roster row: the
 * student's record with the new values laid over it goes through the same
 * normalisation, so a new ID number must agree with the birth date and
 * gender, and an ethnicity gets its code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "xj/infile.h"
#include "xj/change.h"
#include "xj/config.h"
#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/mask.h"
#include "xj/normalize.h"
#include "xj/pairs.h"
#include "xj/review.h"
#include "xj/status.h"
#include "xj/validate.h"
#include "xj/sha256.h"

/* An evidence file (a scanned certificate, a letter as PDF) is kept whole
 * in the store: 64 MiB holds a long scan at a printer's resolution and
 * keeps one file from swelling the store and every backup of it. */
#define MAX_EVIDENCE_FILE (64L << 20)

/* err's message behind a prefix ("id_number: ..."), code kept or given. */
static int prefixed(struct xj_error *err, enum xj_code code, const char *prefix)
{
	char why[sizeof(err->msg)];

	snprintf(why, sizeof(why), "%s", err->msg);
	return xj_error_set(err, code, "%s%s", prefix, why);
}

/* The statuses a change goes to are those of the state machine's change
 * rules (xj/status.h). */
int xj_change_status_known(const char *status)
{
	return xj_status_reached_by(status, XJ_BY_CHANGE);
}

int xj_change_files_field(const char *f)
{
	return !strcmp(f, "name") || !strcmp(f, "birth_date") || !strcmp(f, "id_number") ||
	       !strcmp(f, "major_code") || !strcmp(f, "major_name") ||
	       !strcmp(f, "ethnicity") || !strcmp(f, "ethnicity_code") ||
	       xj_change_is_conclusion(f);
}

/* Does the request name the graduation conclusion among its fields? */
static int names_conclusion(const struct xj_change_in *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (xj_change_is_conclusion(in->fields[i]))
			return 1;
	return 0;
}

/* Is word one of the comma-joined list? */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

void xj_change_missing(const struct xj_change_req *r, struct xj_sb *out)
{
	const char *p = r->required.buf;

	xj_sb_reset(out);
	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strchr(p, ',') ? (size_t)(strchr(p, ',') - p) : strlen(p);
		char kind[64];

		snprintf(kind, sizeof(kind), "%.*s", (int)n, p);
		if (!in_list(r->evidence.buf, kind))
			xj_sb_addf(out, "%s%s", out->len ? "," : "", kind);
	}
}

/* The evidence the rule asks for: for key data the configured kinds, the
 * household register replaced by the police certificate where it cannot
 * show the change (P12); for anything else the written application. */
static void required_evidence(const char *kind, const char *rule, int register_shows,
			      struct xj_sb *out)
{
	const char *p = rule;

	if (strcmp(kind, "key") != 0) {
		xj_sb_adds(out, strcmp(kind, "status") == 0 ? "" : "application");
		return;
	}
	xj_sb_adds(out, "");
	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strchr(p, ',') ? (size_t)(strchr(p, ',') - p) : strlen(p);

		if (!register_shows && n == 18 && strncmp(p, "household-register", 18) == 0)
			xj_sb_addf(out, "%spolice-certificate", out->len ? "," : "");
		else
			xj_sb_addf(out, "%s%.*s", out->len ? "," : "", (int)n, p);
	}
}

static int check_evidence_words(const char *list, struct xj_error *err)
{
	const char *p = list;

	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		size_t n = strchr(p, ',') ? (size_t)(strchr(p, ',') - p) : strlen(p);
		char kind[64];

		snprintf(kind, sizeof(kind), "%.*s", (int)n, p);
		if (!xj_config_evidence_known(kind)) {
			xj_error_where(err, NULL, 0, "evidence");
			return xj_error_set(err, XJ_EUSAGE, "not a kind of evidence: \"%s\" (want"
					    " application, household-register, id-card or"
					    " police-certificate)", kind);
		}
	}
	return 0;
}

/* Who may ask: the registrar, or a reviewer of the student's department. */
static int may_request(struct xj_store *st, const struct xj_student *s, const char *who,
		       struct xj_error *err)
{
	if (xj_review_has_role(st, s, who, XJ_ROLE_REGISTRAR, 0, err) == 0)
		return 0;
	if (err->code != XJ_EUSAGE)
		return -1;
	xj_error_clear(err);
	if (xj_review_has_role(st, s, who, XJ_ROLE_REVIEWER, 1, err) == 0)
		return 0;
	if (err->code == XJ_EUSAGE)
		xj_error_set(err, XJ_EUSAGE, "%s is neither the registrar nor a reviewer of"
			     " this student's department", who);
	return -1;
}

/* Frozen students take errata only; errata are for frozen students. */
static int check_freeze(struct xj_store *st, const struct xj_student *s, int errata,
			struct xj_error *err)
{
	struct xj_sb since = XJ_SB_INIT;
	int rc = xj_store_frozen(st, s->id, &since, err);

	if (rc > 0 && !errata)
		xj_error_set(err, XJ_EDATA, "the credential is registered since %s: the record is"
			     " frozen, only an erratum of the college's own error is accepted"
			     " (--errata, P16, P17)", since.buf);
	else if (rc == 0 && errata)
		xj_error_set(err, XJ_EDATA, "an erratum corrects a registered credential; this"
			     " student's is not registered: ask for a change (P17)");
	xj_sb_release(&since);
	return rc < 0 || (rc > 0) != !!errata ? -1 : 0;
}

struct problems {
	struct xj_sb msg;
	int disagrees;   /* the first problem: a value the ID number contradicts */
};

static void first_problem(void *ctx, const struct xj_error *e, int warning)
{
	struct problems *p = ctx;

	if (warning || p->msg.len)
		return;
	xj_sb_addf(&p->msg, "%s: %s", e->field, e->msg);
	p->disagrees = e->code == XJ_ECONFLICT;
}

/* Which fields a request may name. */
static int field_allowed(int f, int errata, struct xj_error *err)
{
	if (f < 0)
		return xj_error_set(err, XJ_EUSAGE, "not a field of the record");
	if (errata)
		return f == XJ_S_ID_TYPE ? xj_error_set(err, XJ_EUSAGE,
			"the type of identity document is not corrected by an erratum") : 0;
	if (f == XJ_S_EXAM_NO || f == XJ_S_ID_TYPE || f == XJ_S_ID_ORIGINAL)
		return xj_error_set(err, XJ_EUSAGE, "not changed by a request");
	if (f == XJ_S_MAJOR_CODE || f == XJ_S_MAJOR_NAME || f == XJ_S_DEPT)
		return xj_error_set(err, XJ_EUSAGE, "a change of major is a status change:"
				    " --status transferred-major");
	return 0;
}

static const char *value_of(const struct xj_student *s, int f)
{
	return s->v[f] ? s->v[f] : "";
}

/* A new ID number must not be another student's. */
static int id_free(struct xj_store *st, const struct xj_student *s, const char *id,
		   struct xj_error *err)
{
	struct xj_student other;
	char shown[64];
	int rc;

	memset(&other, 0, sizeof(other));
	rc = xj_store_student_find(st, XJ_S_ID_NUMBER, id, &other, err);
	if (rc > 0 && other.id != s->id) {
		xj_mask("id_number", id, shown, sizeof(shown));
		xj_error_set(err, XJ_EDATA, "id_number %s is another student's (%s)", shown,
			     other.v[XJ_S_EXAM_NO]);
		rc = -1;
	}
	xj_student_release(&other);
	return rc < 0 ? -1 : 0;
}

/* The record with the new values over it, normalised like a roster row;
 * new_ and old_ get the changed fields as JSON objects. */
static int check_values(struct xj_store *st, const struct xj_student *s,
			const struct xj_change_in *in, struct xj_jw *old_,
			struct xj_jw *new_, int *key, int *filing, struct xj_error *err)
{
	const char *names[XJ_S_COUNT], *values[XJ_S_COUNT];
	struct xj_record rec = { .file = "request", .n = XJ_S_COUNT, .names = names,
		.values = values };
	struct problems p = { XJ_SB_INIT, 0 };
	struct xj_norm_opts o;
	struct xj_norm n;
	int want[XJ_S_COUNT] = { 0 };
	size_t i;
	int f, rc = 0;

	for (f = 0; f < XJ_S_COUNT; f++)
		names[f] = xj_student_field(f), values[f] = value_of(s, f);
	for (i = 0; i < in->n && rc == 0; i++) {
		f = xj_student_field_index(in->fields[i]);
		if (field_allowed(f, in->errata, err) < 0) {
			char prefix[80];

			snprintf(prefix, sizeof(prefix), "%s: ", in->fields[i]);
			return prefixed(err, err->code, prefix);
		}
		if (want[f])
			return xj_error_set(err, XJ_EUSAGE, "%s named twice", in->fields[i]);
		want[f] = 1;
		values[f] = in->values[i];
		if (f == XJ_S_ETHNICITY && !want[XJ_S_ETHNICITY_CODE])
			values[XJ_S_ETHNICITY_CODE] = "";
		if (f == XJ_S_ETHNICITY_CODE && !want[XJ_S_ETHNICITY])
			values[XJ_S_ETHNICITY] = "";
	}
	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	/* the exam number's year is the year of entry, the cohort moved on
	 * or not (降级) */
	o.cohort = xj_student_entry_year(s);
	o.roster = 1;
	o.report = first_problem;
	o.ctx = &p;
	rc = xj_normalize(st, &rec, &o, &n, err);
	if (rc > 0 && want[XJ_S_ID_NUMBER] && p.disagrees)
		rc = xj_error_set(err, XJ_EDATA, "%s (change it in the same request)", p.msg.buf);
	else if (rc > 0)
		rc = xj_error_set(err, XJ_EDATA, "%s", p.msg.buf);
	xj_jsonw_object_begin(old_);
	xj_jsonw_object_begin(new_);
	for (f = 0; rc == 0 && f < XJ_S_COUNT; f++) {
		const char *nv = n.s.v[f] ? n.s.v[f] : "";

		if (!want[f] && !(f == XJ_S_ETHNICITY_CODE && want[XJ_S_ETHNICITY]) &&
		    !(f == XJ_S_ETHNICITY && want[XJ_S_ETHNICITY_CODE]))
			continue;
		if (strcmp(nv, value_of(s, f)) == 0) {
			if (want[f])
				rc = xj_error_set(err, XJ_EDATA, "%s is that already", names[f]);
			continue;
		}
		xj_jsonw_object_string(old_, names[f], value_of(s, f));
		xj_jsonw_object_string(new_, names[f], nv);
		if (xj_student_field_is_key(f))
			*key = 1;
		if (xj_change_files_field(names[f]))
			*filing = 1;
	}
	xj_jsonw_end(old_);
	xj_jsonw_end(new_);
	if (rc == 0 && want[XJ_S_ID_NUMBER])
		rc = id_free(st, s, n.s.v[XJ_S_ID_NUMBER], err);
	xj_normalize_release(&n);
	xj_sb_release(&p.msg);
	return rc;
}

/* The fields a request's JSON names, read back as pairs. */
static int fields_of(struct xj_store *st, const char *json, struct xj_pairs *p,
		     struct xj_error *err)
{
	return xj_store_json_each(st, *json ? json : "{}", xj_pairs_add, p, err);
}

struct open_scan {
	struct xj_store *st;
	struct xj_error *err;
	int failed, status;
	long long field_req[XJ_S_COUNT];
};

static int scan_open(void *ctx, const struct xj_change_req *r)
{
	struct open_scan *o = ctx;
	struct xj_pairs p = XJ_PAIRS_INIT;
	int f;

	if (strcmp(r->state.buf, "pending") != 0)
		return 0;
	if (strcmp(r->kind.buf, "status") == 0) {
		o->status = (int)r->id;
		return 0;
	}
	if (fields_of(o->st, r->new_.buf, &p, o->err) < 0)
		return o->failed = 1;
	for (f = 0; f < XJ_S_COUNT; f++)
		if (xj_pairs_has(&p, xj_student_field(f)))
			o->field_req[f] = r->id;
	xj_pairs_release(&p);
	return 0;
}

/* The pending requests' fields against new_'s: no two open requests for
 * one field (P12). */
static int check_open_fields(const struct open_scan *o, const struct xj_pairs *p,
			     struct xj_error *err)
{
	int f;

	for (f = 0; f < XJ_S_COUNT; f++)
		if (o->field_req[f] && xj_pairs_has(p, xj_student_field(f)))
			return xj_error_set(err, XJ_EDATA, "request #%lld for %s is pending",
					    o->field_req[f], xj_student_field(f));
	return 0;
}

/* No two open requests for one field; name and ID number apart (P12). */
static int check_open(struct xj_store *st, const struct xj_student *s, const char *new_,
		      int apart, int status, struct xj_error *err)
{
	struct open_scan o;
	struct xj_pairs p = XJ_PAIRS_INIT;
	int name, id, rc;

	memset(&o, 0, sizeof(o));
	o.st = st;
	o.err = err;
	if (xj_store_change_each(st, s->id, scan_open, &o, err) < 0 || o.failed)
		return -1;
	if (status)
		return o.status ? xj_error_set(err, XJ_EDATA, "status change #%d is pending",
					       o.status) : 0;
	if (fields_of(st, new_, &p, err) < 0)
		return -1;
	rc = check_open_fields(&o, &p, err);
	name = xj_pairs_has(&p, "name");
	id = xj_pairs_has(&p, "id_number");
	xj_pairs_release(&p);
	if (rc < 0)
		return -1;
	if (apart && name && id)
		return xj_error_set(err, XJ_EDATA, "name and id_number are not changed in one"
				    " request (P12)");
	if (apart && name && o.field_req[XJ_S_ID_NUMBER])
		return xj_error_set(err, XJ_EDATA, "the name does not change while request #%lld"
				    " for id_number is pending (P12)", o.field_req[XJ_S_ID_NUMBER]);
	if (apart && id && o.field_req[XJ_S_NAME])
		return xj_error_set(err, XJ_EDATA, "the id_number does not change while request"
				    " #%lld for the name is pending (P12)", o.field_req[XJ_S_NAME]);
	return 0;
}

const char *xj_change_status_name(const char *word)
{
	static const struct { const char *zh, *en; } names[] = {
		{ "休学", "suspended" }, { "复学", "resumed" }, { "退学", "withdrawn" },
		{ "保留学籍", "retained" }, { "转专业", "transferred-major" },
		{ "降级", "demoted" }, { "留级", "demoted" }, { "死亡", "deceased" },
	};
	size_t i;

	if (!word)
		return NULL;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(word, names[i].zh) || !strcmp(word, names[i].en))
			return names[i].en;
	return NULL;
}

/* A refusal rc of a status change, its field at fault named in err as a
 * row's column (the options' messages name their own). */
static int at(struct xj_error *err, const char *field, int rc)
{
	xj_error_where(err, NULL, 0, field);
	return rc;
}

/* What a status moves with it: the major (transferred-major), the cohort
 * (demoted: a later one, begun by the year after the change) and the
 * class (either). */
static int check_moves(const struct xj_student *s, const struct xj_change_in *in,
		       const char *to, const char *from, char major[16], struct xj_error *err)
{
	int demoted = !strcmp(to, "demoted");

	if (!strcmp(to, "transferred-major") != !!in->to_major)
		return at(err, "to_major", xj_error_set(err, XJ_EUSAGE, "a new major goes"
			" with transferred-major, and transferred-major with a new major"));
	if (in->to_major && xj_validate_major_code(in->to_major, major, 16, err) < 0)
		return at(err, "to_major", prefixed(err, XJ_EDATA, "--to-major: "));
	if (demoted != !!in->to_cohort)
		return at(err, "to_cohort", xj_error_set(err, XJ_EUSAGE, "a new cohort goes"
			" with demoted, and demoted with a new cohort"));
	if (in->to_class && !demoted && strcmp(to, "transferred-major"))
		return at(err, "to_class", xj_error_set(err, XJ_EUSAGE, "a new class goes"
			" with demoted or transferred-major"));
	if (in->to_cohort && (in->to_cohort < 2000 || in->to_cohort > 2100))
		return at(err, "to_cohort", xj_error_set(err, XJ_EUSAGE, "cohort %d is not a"
			" year between 2000 and 2100", in->to_cohort));
	if (in->to_cohort && in->to_cohort <= s->cohort)
		return at(err, "to_cohort", xj_error_set(err, XJ_EDATA, "the student is of"
			" cohort %d: a repeated year (降级) moves to a later cohort, not %d",
			s->cohort, in->to_cohort));
	if (in->to_cohort && in->to_cohort > strtol(from, NULL, 10) + 1)
		return at(err, "to_cohort", xj_error_set(err, XJ_EDATA, "cohort %d begins"
			" more than a year after the change (%s)", in->to_cohort, from));
	return 0;
}

/* The old and new values of what the status moves with it. */
static void moved_values(const struct xj_student *s, const struct xj_change_in *in,
			 const char *major, struct xj_jw *old_, struct xj_jw *new_)
{
	if (in->to_major) {
		xj_jsonw_object_string(old_, "major_code", value_of(s, XJ_S_MAJOR_CODE));
		xj_jsonw_object_string(new_, "major_code", major);
		if (in->major_name) {
			xj_jsonw_object_string(old_, "major_name", value_of(s, XJ_S_MAJOR_NAME));
			xj_jsonw_object_string(new_, "major_name", in->major_name);
		}
	}
	/* the cohort as the string a student field is */
	if (in->to_cohort) {
		xj_jsonw_object_stringf(old_, "cohort", "%d", s->cohort);
		xj_jsonw_object_stringf(new_, "cohort", "%d", in->to_cohort);
	}
	if (in->to_class && strcmp(in->to_class, value_of(s, XJ_S_CLASS)) != 0) {
		xj_jsonw_object_string(old_, "class", value_of(s, XJ_S_CLASS));
		xj_jsonw_object_string(new_, "class", in->to_class);
	}
}

/* A status change: from a date that has come, to a status the current
 * one allows.  A refusal names its field (err->field) as a row's column. */
static int check_status(struct xj_store *st, const struct xj_student *s,
			const struct xj_change_in *in, struct xj_jw *old_,
			struct xj_jw *new_, struct xj_error *err)
{
	char from[11], until[11], major[16];
	const char *cur = s->status ? s->status : "";
	const char *to = xj_change_status_name(in->status);

	if (!to || !xj_change_status_known(to))
		return at(err, "kind", xj_error_set(err, XJ_EUSAGE, "not a status to change"
						      " to: \"%s\"", in->status));
	if (!in->from)
		return at(err, "from", xj_error_set(err, XJ_EUSAGE, "--from wants the date it"
						      " takes effect"));
	if (xj_validate_date(in->from, from, sizeof(from), err) < 0)
		return at(err, "from", prefixed(err, XJ_EUSAGE, "--from: "));
	if (strncmp(from, xj_store_business(st), 10) > 0)
		return at(err, "from", xj_error_set(err, XJ_EDATA, "%s is still to come: a"
			" status change is recorded once it has happened", from));
	if (in->until && (strcmp(to, "suspended") ||
			  xj_validate_date(in->until, until, sizeof(until), err) < 0 ||
			  strcmp(until, from) <= 0))
		return at(err, "until", xj_error_set(err, XJ_EUSAGE, "the end of a"
			" suspension is a date after its start"));
	if (check_moves(s, in, to, from, major, err) < 0)
		return -1;
	if (xj_status_terminal(cur))
		return at(err, "kind", xj_error_set(err, XJ_EDATA, "the student is %s: the"
			" status does not change any more", cur));
	if (!strcmp(to, "resumed") && strcmp(cur, "suspended") && strcmp(cur, "retained"))
		return at(err, "kind", xj_error_set(err, XJ_EDATA, "the student is %s; only"
			" a suspended or retained student resumes", cur));
	if (!strcmp(cur, "admitted") && strcmp(to, "withdrawn") && strcmp(to, "deceased"))
		return at(err, "kind", xj_error_set(err, XJ_EDATA, "the student is admitted,"
			" not registered: a status change is for a student CHSI registered"
			" (P9)"));
	/* asked at the request, as the store asks again when it is applied */
	if (xj_status_allow(cur, to, XJ_BY_CHANGE, err) < 0)
		return at(err, "kind", -1);
	xj_jsonw_object_begin(old_);
	xj_jsonw_object_string(old_, "status", cur);
	xj_jsonw_object_begin(new_);
	xj_jsonw_object_string(new_, "status", to);
	xj_jsonw_object_string(new_, "since", from);
	if (in->until)
		xj_jsonw_object_string(new_, "until", until);
	moved_values(s, in, major, old_, new_);
	xj_jsonw_end(old_);
	xj_jsonw_end(new_);
	return 0;
}

/* An evidence file whole, for its hash and to be kept in the store.  One
 * too large says so; one that is no regular file, or cannot be read, is
 * refused in xj_infile_read's own words. */
static int read_file(const char *path, struct xj_sb *buf, struct xj_error *err)
{
	int rc = xj_infile_read(path, MAX_EVIDENCE_FILE, 0, buf, err);

	if (rc == XJ_INFILE_ELONG)
		return xj_error_set(err, XJ_EUSAGE, "%s is larger than 64 MiB, the most an"
				    " evidence file may be", path);
	return rc < 0 ? -1 : 0;
}

/* The files' SHA-256 and size, read before the decision so that its entry
 * lists them ("files":[{"sha256":...,"size":N}], a member of the decision's
 * extra): the log binds each file kept, and one swapped later, hash column
 * and all, shows (P20).  sums: the hashes, 64 digits each, for keep_files. */
static int files_json(const char **files, size_t n, struct xj_jw *json, struct xj_sb *sums,
		      struct xj_error *err)
{
	size_t i;

	xj_jsonw_members_begin(json);
	xj_jsonw_object_array_begin(json, "files");
	xj_sb_adds(sums, "");
	for (i = 0; i < n; i++) {
		struct xj_sb buf = XJ_SB_INIT;
		char hex[65];

		if (read_file(files[i], &buf, err) < 0) {
			xj_sb_release(&buf);
			return -1;
		}
		xj_sha256_hex(buf.buf, buf.len, hex);
		xj_sb_adds(sums, hex);
		xj_jsonw_array_object_begin(json);
		xj_jsonw_object_string(json, "sha256", hex);
		xj_jsonw_object_int(json, "size", (long)buf.len);
		xj_sb_release(&buf);
		xj_jsonw_end(json);
	}
	xj_jsonw_end(json);
	xj_jsonw_end(json);
	return 0;
}

/* Each file kept whole in the store with its SHA-256: the one its entry
 * recorded, or the file changed on disk meanwhile and is refused. */
static int keep_files(struct xj_store *st, long long id, const char **files, size_t n,
		      const struct xj_sb *sums, struct xj_error *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct xj_sb buf = XJ_SB_INIT;
		char hex[65];
		const char *base = strrchr(files[i], '/');
		int rc;

		if (read_file(files[i], &buf, err) < 0) {
			xj_sb_release(&buf);
			return -1;
		}
		xj_sha256_hex(buf.buf, buf.len, hex);
		if (sums->len < 64 * (i + 1) || strncmp(hex, sums->buf + 64 * i, 64) != 0)
			rc = xj_error_set(err, XJ_EDATA, "%s changed while it was being read: give"
					  " it again", files[i]);
		else
			rc = xj_store_change_file(st, id, base ? base + 1 : files[i], hex, buf.buf,
						  (long)buf.len, err);
		xj_sb_release(&buf);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int check_complete(const struct xj_change_req *r, struct xj_error *err)
{
	struct xj_sb missing = XJ_SB_INIT;
	int rc = 0;

	xj_change_missing(r, &missing);
	if (missing.len)
		rc = xj_error_set(err, XJ_EDATA, "insufficient evidence: %s missing (P12)",
				  missing.buf);
	xj_sb_release(&missing);
	return rc;
}

static int decide_request(struct xj_store *st, const struct xj_student *s,
			  const struct xj_change_req *r, const char *files, struct xj_error *err)
{
	struct xj_jw extra = XJ_JW_INIT;
	int rc;

	xj_jsonw_members_begin(&extra);
	xj_jsonw_object_string(&extra, "kind", r->kind.buf);
	xj_jsonw_object_raw(&extra, "old", r->old.buf);
	xj_jsonw_object_raw(&extra, "new", r->new_.buf);
	xj_jsonw_object_string(&extra, "evidence", r->evidence.buf);
	xj_jsonw_object_members(&extra, files);
	xj_jsonw_end(&extra);
	rc = xj_review_decide(st, s->id, "change-request", "change", extra.json.buf, err);
	xj_jsonw_release(&extra);
	return rc;
}

int xj_change_request(struct xj_store *st, const struct xj_student *s,
		      const struct xj_change_in *in, const char *who, long long *id,
		      struct xj_error *err)
{
	struct xj_change_rules rules;
	struct xj_change_req r;
	struct xj_jw old_ = XJ_JW_INIT, new_ = XJ_JW_INIT, files = XJ_JW_INIT;
	struct xj_sb sums = XJ_SB_INIT;
	int key = 0, rc;

	memset(&r, 0, sizeof(r));
	rc = may_request(st, s, who, err);
	if (rc == 0)
		rc = check_freeze(st, s, in->errata, err);
	if (rc == 0 && in->evidence)
		rc = check_evidence_words(in->evidence, err);
	if (rc == 0)
		rc = xj_store_change_rules(st, &rules, err);
	if (rc == 0 && in->status) {
		rc = check_status(st, s, in, &old_, &new_, err);
	} else if (rc == 0 && names_conclusion(in)) {
		rc = xj_change_conclusion_check(st, s, in, &old_, &new_, err);
		key = r.filing = 1;
	} else if (rc == 0) {
		rc = check_values(st, s, in, &old_, &new_, &key, &r.filing, err);
	}
	xj_sb_adds(&r.old, old_.json.buf);
	xj_sb_adds(&r.new_, new_.json.buf);
	if (rc == 0)
		rc = check_open(st, s, r.new_.buf, rules.apart, in->status != NULL, err);
	if (rc == 0) {
		xj_sb_adds(&r.kind, in->errata ? "errata" : in->status ? "status" :
			   key ? "key" : "field");
		r.filing = in->errata && r.filing;
		required_evidence(r.kind.buf, rules.evidence, in->register_shows, &r.required);
		xj_sb_adds(&r.evidence, in->evidence ? in->evidence : "");
		xj_sb_adds(&r.levels, in->status || !key ? rules.status_levels : rules.levels);
		r.register_shows = in->register_shows;
		xj_sb_adds(&r.requested_by, who);
		if (in->note)
			xj_sb_adds(&r.note, in->note);
		if (in->origin)
			xj_sb_adds(&r.origin, in->origin);
		/* a student's own report comes first; its evidence may follow */
		if (!in->origin)
			rc = check_complete(&r, err);
	}
	if (rc == 0)
		rc = files_json(in->files, in->nfiles, &files, &sums, err);
	if (rc == 0)
		rc = decide_request(st, s, &r, files.json.buf, err);
	if (rc == 0)
		rc = xj_store_change_add(st, s->id, &r, id, err);
	if (rc == 0)
		rc = keep_files(st, *id, in->files, in->nfiles, &sums, err);
	xj_store_change_req_release(&r);
	xj_jsonw_release(&old_);
	xj_jsonw_release(&new_);
	xj_jsonw_release(&files);
	xj_sb_release(&sums);
	return rc;
}

int xj_change_evidence(struct xj_store *st, long long id, const char *evidence,
		       const char **files, size_t nfiles, const char *who,
		       struct xj_error *err)
{
	struct xj_change_req r;
	struct xj_student s;
	struct xj_jw extra = XJ_JW_INIT, file_list = XJ_JW_INIT;
	struct xj_sb sums = XJ_SB_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	rc = xj_store_change_get(st, id, &r, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EUSAGE, "no change request #%lld", id);
	else if (rc > 0 && strcmp(r.state.buf, "pending") != 0)
		rc = xj_error_set(err, XJ_EDATA, "request #%lld is %s", id, r.state.buf);
	if (rc > 0 && evidence)
		rc = check_evidence_words(evidence, err) < 0 ? -1 : 1;
	if (rc > 0)
		rc = xj_store_student_find(st, XJ_S_EXAM_NO, r.exam_no.buf, &s, err);
	if (rc > 0)
		rc = may_request(st, &s, who, err) < 0 ? -1 : 1;
	if (rc > 0) {
		rc = files_json(files, nfiles, &file_list, &sums, err);
		xj_jsonw_members_begin(&extra);
		xj_jsonw_object_int(&extra, "request", id);
		xj_jsonw_object_string(&extra, "evidence", evidence ? evidence : "");
		xj_jsonw_object_members(&extra, file_list.json.buf);
		xj_jsonw_end(&extra);
		if (rc == 0)
			rc = xj_review_decide(st, s.id, "change-evidence", "change",
					      extra.json.buf, err);
	}
	if (rc == 0)
		rc = xj_store_change_event(st, id, "evidence", who, evidence ? evidence : "", err);
	if (rc == 0)
		rc = keep_files(st, id, files, nfiles, &sums, err);
	xj_jsonw_release(&extra);
	xj_jsonw_release(&file_list);
	xj_sb_release(&sums);
	xj_student_release(&s);
	xj_store_change_req_release(&r);
	return rc < 0 ? -1 : 0;
}

/* The level whose approval a pending request waits for: the first of its
 * levels past those that approved. */
const char *xj_change_next_level(const struct xj_change_req *r, char *out, size_t size)
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

struct pairs {
	struct xj_sb olds, key, was;   /* olds: "\nfield=value\n" lines */
	void (*fn)(void *, const char *, const char *, const char *);
	void *ctx;
};

static void old_line(void *ctx, const char *field, const char *value)
{
	struct pairs *w = ctx;

	xj_sb_addf(&w->olds, "%s=%s\n", field, value);
}

static void new_value(void *ctx, const char *field, const char *value)
{
	struct pairs *w = ctx;
	const char *p;

	if (strcmp(field, "request") == 0)
		return;
	xj_sb_reset(&w->key);
	xj_sb_addf(&w->key, "\n%s=", field);
	xj_sb_reset(&w->was);
	if ((p = strstr(w->olds.buf, w->key.buf)) != NULL) {
		p += w->key.len;
		xj_sb_addf(&w->was, "%.*s", (int)strcspn(p, "\n"), p);
	}
	w->fn(w->ctx, field, w->was.buf, value);
}

int xj_change_pairs(struct xj_store *st, const struct xj_change_req *r,
		    void (*fn)(void *ctx, const char *field, const char *was, const char *to),
		    void *ctx, struct xj_error *err)
{
	struct pairs w = { XJ_SB_INIT, XJ_SB_INIT, XJ_SB_INIT, fn, ctx };
	int rc;

	xj_sb_adds(&w.olds, "\n");
	rc = xj_store_json_each(st, r->old.buf, old_line, &w, err);
	if (rc == 0)
		rc = xj_store_json_each(st, r->new_.buf, new_value, &w, err);
	xj_sb_release(&w.olds);
	xj_sb_release(&w.key);
	xj_sb_release(&w.was);
	return rc < 0 ? -1 : 0;
}

int xj_change_listed(const struct xj_change_req *r, int pending_only)
{
	return !pending_only || strcmp(r->state.buf, "pending") == 0;
}

/* By whole names: --field name is not name_pinyin. */
int xj_change_field_listed(const char *fields, const char *field)
{
	size_t n = strlen(field);
	const char *p = fields;

	for (; p; p = strstr(p, "; ") ? strstr(p, "; ") + 2 : NULL)
		if (strncmp(p, field, n) == 0 && (p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

int xj_change_is_filing(const struct xj_change_req *r, int pending_only)
{
	return r->filing && strcmp(r->state.buf, "applied") == 0 &&
	       !(pending_only && *r->filed.buf);
}

const char *xj_change_filing_state(const struct xj_change_req *r, struct xj_sb *out)
{
	xj_sb_reset(out);
	if (r->filing && *r->filed.buf)
		xj_sb_addf(out, "filed %s", r->filed.buf);
	else if (r->filing && strcmp(r->state.buf, "rejected") != 0)
		xj_sb_adds(out, "pending");
	return out->buf;
}
