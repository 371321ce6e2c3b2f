/* import.c: rows of a record stream into students and source rows, every
 * change audited, conflicts refused by name. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_digest.h"
#include "xj/i18n.h"
#include "xj/pairs.h"
#include "xj/chsi.h"
#include "xj/fields.h"
#include "xj/import.h"
#include "xj/jsonw.h"
#include "xj/mask.h"
#include "xj/nameform.h"
#include "xj/normalize.h"
#include "xj/pause.h"
#include "xj/readahead.h"
#include "xj/status.h"
#include "xj/validate.h"
#include "xj/sha256.h"

static const char *const source_names[] = {
	"roster", "application", "admission", "onsite", "results", "chsi", "forms",
};

int xj_import_source_parse(const char *s, enum xj_source *out)
{
	size_t i;

	for (i = 0; i < sizeof(source_names) / sizeof(source_names[0]); i++)
		if (strcmp(s, source_names[i]) == 0) {
			*out = (enum xj_source)i;
			return 0;
		}
	return -1;
}

const char *xj_import_source_name(enum xj_source src)
{
	return source_names[src];
}

struct imp {
	struct xj_store *st;
	const struct xj_import_opts *o;
	const struct xj_import_cb *cb;
	struct xj_import_stats *stats;
	long long import_id;
	long long students_before;   /* the last student id before the file */
	/* the students the file made and their statuses: ids lo..hi (hi < lo
	 * when none), and the date the statuses are dated */
	long long students[2], statuses[2];
	char since[11];
	/* a bulk load: the file's rows go in without the student's unique
	 * keys (built after them); read again, row by row, when a key is
	 * there twice (quiet: the problems the first reading said are not
	 * said again, mute while they are found) */
	int bulk, quiet, mute;
	int known;   /* the last roster row was of a student in the store */
	long long last_found;   /* its row id: the next row is looked for after it */
	struct xj_reader *r;   /* the file being read */
	int header_seen;
	/* a roster's names (its first row's), and are they stored yet */
	struct xj_norm_names names;
	int names_stored;
	int again;   /* a bulk load met a key twice: read the file again */
	/* the header lacks columns the source needs: their names, and why
	 * (said once; each row is refused with it) */
	struct xj_sb lacking, lack_fields, lack_why;
	const struct xj_record *rec;
	struct xj_norm *n;   /* the row's, swapped with a row read ahead */
	struct xj_sb fields, reasons;   /* problems found after normalizing */
	struct xj_sb data, where, old;
	/* the last import's rows known, this one's kept (import_digest.h);
	 * the row's digest, the student it took whole (made, changed or
	 * found as it is; 0 for none) and what was said of it */
	struct xj_import_known *digests;
	struct xj_sb digest_text;
	struct xj_rowdigest_names digest_names;
	unsigned char digest[XJ_ROWDIGEST_BYTES];
	long long row_sid;
	long row_said;
	long changes;   /* the store's changes before the file */
};

static void report(void *ctx, const struct xj_error *e, int warning)
{
	struct imp *im = ctx;

	im->row_said++;
	if (warning)
		im->stats->warnings++;
	if (im->cb->report && !im->mute)
		im->cb->report(im->cb->ctx, e, warning);
}

/* A problem found while matching the row against the store. */
static void problem(struct imp *im, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct imp *im, const char *field, const char *fmt, ...)
{
	struct xj_error e;
	va_list ap;

	xj_error_clear(&e);
	xj_error_where(&e, im->rec->file, im->rec->line, field);
	e.code = XJ_ECONFLICT;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	report(im, &e, 0);
	if (im->fields.len) {
		xj_sb_adds(&im->fields, "; ");
		xj_sb_adds(&im->reasons, "; ");
	}
	xj_sb_adds(&im->fields, field);
	xj_sb_adds(&im->reasons, e.msg);
}

static void refuse(struct imp *im, const char *fields, const char *reasons)
{
	im->row_said++;
	im->stats->refused++;
	if (im->cb->reject && !im->mute)
		im->cb->reject(im->cb->ctx, im->rec, fields, reasons);
}

static const char *shown(const char *field, const char *v, char *buf, size_t size)
{
	xj_mask(field, v ? v : "", buf, size);
	return buf;
}

/* A row under the roster's names keeps its values alone; the names are
 * kept once, before the first such row, as the import's row 0 (no
 * student). */
static int roster_names(struct imp *im, struct xj_error *err)
{
	struct xj_sb names = XJ_SB_INIT;
	int rc = 0;

	if (im->n->data.buf[0] == '[' && !im->names_stored) {
		xj_norm_names_json(&im->names, &names);
		rc = xj_store_source_add(im->st, im->import_id, 0, "roster", 0, &names, err);
		im->names_stored = rc == 0;
		xj_sb_release(&names);
	}
	return rc;
}

/* The roster row's values kept for the student. */
static int roster_source(struct imp *im, long long student, struct xj_error *err)
{
	if (roster_names(im, err) < 0)
		return -1;
	return xj_store_source_add(im->st, im->import_id, im->rec->line, "roster", student,
				   &im->n->data, err);
}

/* rc of storing a bulk load's rows: a student number twice (XJ_ECONFLICT)
 * is no failure, but the file is to be read again, row by row. */
static int key_twice(struct imp *im, int rc, struct xj_error *err)
{
	if (rc == 0 || err->code != XJ_ECONFLICT)
		return rc;
	xj_error_clear(err);
	im->again = 1;
	return 0;
}

static int create_student(struct imp *im, struct xj_error *err)
{
	long long id;
	int rc = 0;

	/* A bulk load's rows are held and stored a few dozen at a time: it
	 * has the student numbers' key alone, and needs no id at once.  Once
	 * that key refuses a row the file will be read again, row by row, so
	 * the rest is only read, and what it says said once. */
	if (im->bulk && !im->again) {
		rc = key_twice(im, roster_names(im, err) < 0 ? -1 :
			       xj_store_bulk_student(im->st, &im->n->s, im->import_id,
						     im->rec->line, "roster", &im->n->data, err),
			       err);
	} else if (!im->bulk && (rc = xj_store_student_insert(im->st, &im->n->s, &id, err)) == 0) {
		rc = roster_source(im, id, err);
		im->row_sid = id;
	}
	if (rc < 0)
		return rc;
	/* a bulk load's students take the ids after the store's last, in
	 * the file's order (store_bulk.c) */
	if (im->bulk && !im->again)
		im->row_sid = im->students_before + im->stats->imported + 1;
	/* its status comes with the others' at the end of the file, and the
	 * import's one entry in the log stands for its creation; the row log
	 * has its values */
	im->stats->imported++;
	return 0;
}

/* The student was created by this very import: the file names it twice.
 * (Rows of students already in the store are remembered by their ids,
 * roster_existing.) */
static int made_here(struct imp *im, const struct xj_student *s, const char *exam,
		     struct xj_error *err)
{
	long long imp_id = 0;
	char buf[64];
	int rc;

	if (s->id <= im->students_before)   /* in the store before the file */
		return 0;
	rc = xj_store_source_latest(im->st, s->id, "roster", &im->data, &im->where,
				    &imp_id, err);
	if (rc <= 0 || imp_id != im->import_id)
		return rc < 0 ? -1 : 0;
	problem(im, "exam_no", _("%s given twice: also at line %s"),
		shown("exam_no", exam, buf, sizeof(buf)), strrchr(im->where.buf, ':') + 1);
	return 1;
}

/* The file names the same student twice: rc of xj_store_seen, said. */
static int said_twice(struct imp *im, int rc, long prev, const char *field,
		      const char *value)
{
	char buf[64];

	if (rc == 1)
		problem(im, field, _("%s given twice: also at line %ld"),
			shown(field, value, buf, sizeof(buf)), prev);
	return rc;
}

static int twice(struct imp *im, const char *key, const char *field,
		 const char *value, struct xj_error *err)
{
	long prev = 0;
	int rc = xj_store_seen(im->st, key, im->rec->line, &prev, err);

	return said_twice(im, rc, prev, field, value);
}

/* Compare the row with the stored student; list the differences. */
static int roster_diff(struct imp *im, const struct xj_student *old, int diff[])
{
	int f, n = 0;

	for (f = 0; f < XJ_S_COUNT; f++) {
		const char *v = im->n->s.v[f];

		diff[f] = v && strcmp(v, old->v[f] ? old->v[f] : "") != 0;
		n += diff[f];
	}
	/* a roster row's cohort is the year of entry: one repeated since
	 * (降级) moved the store's on, not that */
	if (im->n->s.cohort != xj_student_entry_year(old)) {
		problem(im, "cohort", _("the store has %d, this row has %d (the cohort"
			" never changes on import)"), xj_student_entry_year(old), im->n->s.cohort);
		n++;
	}
	return n;
}

static int apply_update(struct imp *im, const struct xj_student *old,
			const int diff[], struct xj_error *err)
{
	struct xj_jw was = XJ_JW_INIT, now = XJ_JW_INIT;
	int f, rc = 0;

	xj_jsonw_object_begin(&was);
	xj_jsonw_object_begin(&now);
	for (f = 0; rc == 0 && f < XJ_S_COUNT; f++) {
		if (!diff[f])
			continue;
		rc = xj_store_student_set(im->st, old->id, f, im->n->s.v[f], err);
		xj_jsonw_object_string(&was, xj_student_field(f), old->v[f] ? old->v[f] : "");
		xj_jsonw_object_string(&now, xj_student_field(f), im->n->s.v[f] ? im->n->s.v[f] : "");
	}
	xj_jsonw_end(&was);
	xj_jsonw_end(&now);
	if (rc == 0)
		rc = roster_source(im, old->id, err);
	if (rc == 0)
		rc = xj_store_audit(im->st, old->id, "update", was.json.buf, now.json.buf, err);
	xj_jsonw_release(&was);
	xj_jsonw_release(&now);
	if (rc == 0) {
		im->stats->updated++;
		im->row_sid = old->id;
	}
	return rc;
}

static int update_checked(struct imp *im, const struct xj_student *old,
			  const int diff[], struct xj_error *err)
{
	struct xj_sb since = XJ_SB_INIT;
	int f, rc = xj_store_frozen(im->st, old->id, &since, err);

	if (rc < 0) {
		xj_sb_release(&since);
		return -1;
	}
	/* once the credential is registered nothing changes but an erratum */
	for (f = 0; f < XJ_S_COUNT && rc > 0; f++)
		if (diff[f])
			problem(im, xj_student_field(f), _("the credential is registered since"
				" %s: the record is frozen, only an erratum of the college's own"
				" error is accepted (xj-change --errata, P16, P17)"), since.buf);
	xj_sb_release(&since);
	for (f = 0; f < XJ_S_COUNT; f++)
		if (!im->fields.len && diff[f] && xj_student_field_is_key(f) && old->status &&
		    strcmp(old->status, XJ_STATUS_ADMITTED) != 0)
			problem(im, xj_student_field(f), _("key data of a registered student"
				" changes only through xj-change (P12)"));
	if (im->fields.len)
		return 0;
	if (xj_store_savepoint(im->st, "import_row", XJ_SP_BEGIN, err) < 0)
		return -1;
	rc = apply_update(im, old, diff, err);
	if (rc < 0 && err->code == XJ_ECONFLICT) {
		char buf[64];

		problem(im, err->field, _("%s belongs to another student"),
			shown(err->field, im->n->s.v[xj_student_field_index(err->field)],
			      buf, sizeof(buf)));
		xj_error_clear(err);
		return xj_store_savepoint(im->st, "import_row", XJ_SP_ROLLBACK, err);
	}
	if (rc < 0)
		return -1;
	return xj_store_savepoint(im->st, "import_row", XJ_SP_RELEASE, err);
}

static void report_diffs(struct imp *im, const struct xj_student *old,
			 const int diff[])
{
	int f;

	for (f = 0; f < XJ_S_COUNT; f++) {
		char a[128], b[128];

		if (diff[f])
			problem(im, xj_student_field(f), _("the store has \"%s\", this row"
				" has \"%s\" (give --update to change it)"),
				shown(xj_student_field(f), old->v[f], a, sizeof(a)),
				shown(xj_student_field(f), im->n->s.v[f], b, sizeof(b)));
	}
}

/* A roster row for a student already in the store, old (released here). */
static int roster_existing(struct imp *im, struct xj_student *old, struct xj_error *err)
{
	int diff[XJ_S_COUNT], rc;
	const char *exam = im->n->s.v[XJ_S_EXAM_NO];
	long prev = 0;

	rc = made_here(im, old, exam, err);
	if (rc == 0) {
		/* a row passed over for the student is remembered apart */
		rc = xj_import_known_passed(im->digests, old->id, &prev, err);
		if (rc == 0)
			rc = xj_store_seen_student(im->st, old->id, im->rec->line, &prev, err);
		rc = said_twice(im, rc, prev, "exam_no", exam);
	}
	if (rc == 0) {
		if (roster_diff(im, old, diff) == 0 && !im->fields.len) {
			im->stats->unchanged++;
			im->row_sid = old->id;
		} else if (!im->o->update) {
			report_diffs(im, old, diff);
		} else if (!im->fields.len) {
			rc = update_checked(im, old, diff, err);
		}
	}
	xj_student_release(old);
	return rc < 0 ? -1 : 0;
}

/* Another student holds this ID number or student number. */
static int roster_taken(struct imp *im, const char *field, struct xj_error *err)
{
	struct xj_student other;
	int f = xj_student_field_index(field);
	char buf[64];
	long long imp_id = 0;
	int rc = f < 0 ? 0 : xj_store_student_find(im->st, f, im->n->s.v[f], &other, err);

	if (rc <= 0)
		return rc < 0 ? -1 : xj_error_set(err, XJ_ESTORE,
						  "unique %s: owner not found", field);
	rc = xj_store_source_latest(im->st, other.id, "roster", &im->data, &im->where,
				    &imp_id, err);
	if (rc >= 0)
		problem(im, field, _("%s already belongs to exam_no %s (%s)"),
			shown(field, im->n->s.v[f], buf, sizeof(buf)), other.v[XJ_S_EXAM_NO],
			rc ? im->where.buf : _("in the store"));
	xj_student_release(&other);
	return rc < 0 ? -1 : 0;
}

/* The student of the row's exam number: 1 found (old), 0 not, -1 err. */
static int known_exam(struct imp *im, struct xj_student *old, struct xj_error *err)
{
	int rc = xj_store_student_find_next(im->st, im->last_found, im->n->s.v[XJ_S_EXAM_NO],
					    old, err);

	im->known = rc > 0;
	if (rc > 0)
		im->last_found = old->id;
	return rc;
}

static int roster_row(struct imp *im, struct xj_error *err)
{
	struct xj_student old;
	char field[64] = "";
	int rc = 0, looked = im->known && !im->bulk;

	/* After a row of a known student, the next is looked up before it is
	 * tried: a file read again is known row after row, and a refused
	 * insert costs more than a lookup.  Never in a bulk load, which has
	 * no keys to look up by. */
	if (looked && (rc = known_exam(im, &old, err)) != 0)
		return rc < 0 ? -1 : roster_existing(im, &old, err);
	rc = create_student(im, err);
	if (rc == 0 || err->code != XJ_ECONFLICT)
		return rc;
	/* SQLite names the first unique key it trips on; a known exam number
	 * decides, whatever else also clashes (unless just looked up). */
	snprintf(field, sizeof(field), "%s", err->field);
	xj_error_clear(err);
	rc = looked ? 0 : known_exam(im, &old, err);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return roster_existing(im, &old, err);
	return roster_taken(im, field, err);
}


/* Fields whose value differs from the previous row of the same source. */
static int source_diff(struct imp *im, const char *old_json, int report_them,
		       struct xj_error *err)
{
	struct xj_pairs a = XJ_PAIRS_INIT, b = XJ_PAIRS_INIT;
	size_t i;
	int n = 0;

	if (xj_store_json_each(im->st, old_json, xj_pairs_add, &a, err) < 0 ||
	    xj_store_json_each(im->st, im->n->data.buf, xj_pairs_add, &b, err) < 0)
		n = -1;
	for (i = 0; n >= 0 && i < b.n; i++) {
		const char *was = xj_pairs_get(&a, b.k[i]);
		char x[128], y[128];

		if (!*b.v[i] || strcmp(was, b.v[i]) == 0)
			continue;
		n++;
		/* a value the old row lacked is news, not a conflict */
		if (report_them && *was)
			problem(im, b.k[i], _("the store has \"%s\", this row has \"%s\""
				" (give --update to change it)"),
				shown(b.k[i], was, x, sizeof(x)), shown(b.k[i], b.v[i], y, sizeof(y)));
	}
	xj_pairs_release(&a);
	xj_pairs_release(&b);
	return n;
}

static int find_student(struct imp *im, struct xj_student *s, struct xj_error *err)
{
	static const int keys[] = { XJ_S_EXAM_NO, XJ_S_ID_NUMBER, XJ_S_STUDENT_NO };
	size_t i;
	char buf[64];

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = im->n->s.v[keys[i]];
		const char *name = xj_student_field(keys[i]);

		if (!v)
			continue;
		switch (xj_store_student_find(im->st, keys[i], v, s, err)) {
		case 1:
			return 1;
		case -1:
			return -1;
		}
		problem(im, name, _("no student with %s %s (import the roster first)"), name,
			shown(name, v, buf, sizeof(buf)));
		return 0;
	}
	return 0;
}

/* A results row's academic year (year or 学年), NULL for other sources. */
static const char *row_year(const struct imp *im)
{
	const char *y;

	if (im->o->source != XJ_SRC_RESULTS)
		return NULL;
	y = xj_reader_get(im->rec, "year");
	return y && *y ? y : xj_reader_get(im->rec, "学年");
}

/* The file names the same student twice; for results, the same student
 * and year (one file may hold several years). */
static int source_twice(struct imp *im, const char *exam, struct xj_error *err)
{
	const char *year = row_year(im);
	struct xj_sb key = XJ_SB_INIT, shown = XJ_SB_INIT;
	int rc;

	if (!year || !*year)
		return twice(im, exam, "exam_no", exam, err);
	xj_sb_addf(&key, "%s\t%s", exam, year);
	xj_sb_addf(&shown, _("%s for %s"), exam, year);
	rc = twice(im, key.buf, "exam_no", shown.buf, err);
	xj_sb_release(&key);
	xj_sb_release(&shown);
	return rc;
}

static int source_row(struct imp *im, struct xj_error *err)
{
	const char *src = xj_import_source_name(im->o->source);
	struct xj_student s;
	long long imp_id = 0;
	int rc, had, diffs = 0;

	rc = find_student(im, &s, err);
	if (rc <= 0)
		return rc;
	rc = source_twice(im, s.v[XJ_S_EXAM_NO], err);
	/* results come a year at a time: a new year's row is news, not a change */
	had = rc ? 0 : xj_store_source_latest_year(im->st, s.id, src, row_year(im),
		&im->old, &im->where, &imp_id, err);
	if (rc < 0) {
		xj_student_release(&s);
		return -1;
	}
	if (had > 0)
		diffs = source_diff(im, im->old.buf, !im->o->update, err);
	rc = had < 0 || diffs < 0 ? -1 : 0;
	if (rc == 0 && !im->fields.len && had > 0 && diffs == 0)
		im->stats->unchanged++;
	else if (rc == 0 && !im->fields.len) {
		rc = xj_store_source_add(im->st, im->import_id, im->rec->line, src, s.id,
					 &im->n->data, err);
		if (rc == 0)
			rc = xj_store_audit(im->st, s.id, had ? "update-source" : "add-source",
					    had ? im->old.buf : NULL, im->n->data.buf, err);
		if (rc == 0 && had)
			im->stats->updated++;
		else if (rc == 0)
			im->stats->imported++;
	}
	xj_student_release(&s);
	return rc;
}

/* A row of CHSI's list is kept as it is, matched or not: the comparison
 * needs both kinds. */
static int chsi_row(struct imp *im, struct xj_error *err)
{
	int rc = xj_chsi_row(im->st, im->import_id, im->rec, im->n, err);

	if (rc == 0) {
		struct xj_error e;

		xj_error_clear(&e);
		xj_error_where(&e, im->rec->file, im->rec->line, "exam_no");
		xj_error_set(&e, XJ_EDATA, "no such student in the store (kept for the comparison)");
		report(im, &e, 1);
	}
	if (rc >= 0)
		im->stats->imported++;
	return rc < 0 ? -1 : 0;
}

/* A value of the row, trimmed, into sb ("" when the row has none). */
static const char *value(struct imp *im, const char *name, struct xj_sb *sb)
{
	const char *v = xj_reader_get(im->rec, name);

	xj_sb_reset(sb);
	xj_sb_adds(sb, v ? v : "");
	xj_validate_trim(sb->buf);
	return sb->buf;
}

static int add_form(struct imp *im, long long sid, const char *system,
		    struct xj_sb *name, struct xj_sb *proof, struct xj_error *err)
{
	int rc = xj_nameform_add(im->st, sid, system, value(im, "reported_name", name),
				 value(im, "proof", proof), err);

	if (rc < 0 && err->code == XJ_EDATA) {
		problem(im, "reported_name", "%s", err->msg);
		xj_error_clear(err);
		return 0;
	}
	if (rc == 0)
		im->stats->imported++;
	else if (rc == 1)
		im->stats->unchanged++;
	return rc < 0 ? -1 : 0;
}

/* A reported name form for an outside system, with its proof (names the
 * system cannot write, 生僻字). */
static int form_row(struct imp *im, struct xj_error *err)
{
	struct xj_student s;
	struct xj_sb sys = XJ_SB_INIT, name = XJ_SB_INIT, proof = XJ_SB_INIT;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = find_student(im, &s, err);
	if (rc > 0 && !xj_nameform_system(value(im, "system", &sys)))
		problem(im, "system", _("want chsi or admission, not \"%s\""), sys.buf);
	else if (rc > 0)
		rc = add_form(im, s.id, sys.buf, &name, &proof, err);
	if (rc >= 0 && im->fields.len)
		refuse(im, im->fields.buf, im->reasons.buf);
	xj_student_release(&s);
	xj_sb_release(&sys);
	xj_sb_release(&name);
	xj_sb_release(&proof);
	return rc < 0 ? -1 : 0;
}

/* A results file's columns that are no field xj knows (the year, 学年,
 * is one it reads): each said once, a warning, as they are kept with the
 * rows but never read (P13). */
static void results_header(struct imp *im, const struct xj_record *rec)
{
	const char *const *names, *const *raw;
	size_t n = xj_reader_header(im->r, &names, &raw), i;
	struct xj_error e;

	for (i = 0; i < n; i++) {
		if (xj_fields_lookup(names[i]) || !strcmp(names[i], "year") ||
		    !strcmp(names[i], "学年"))
			continue;
		xj_error_clear(&e);
		xj_error_where(&e, rec->file, 0, raw[i]);
		xj_error_set(&e, XJ_EDATA, _("not a column of results: kept with each row as"
					    " given, never read"));
		report(im, &e, 1);
	}
}

/* Titles above the header were skipped: said, so no row goes unseen. */
static void title_said(struct imp *im, const struct xj_record *rec)
{
	long line;
	int n;
	const char *t = xj_reader_title(im->r, &line, &n);
	struct xj_error e;

	if (!t)
		return;
	xj_error_clear(&e);
	xj_error_where(&e, rec->file, line, NULL);
	if (n > 1)
		xj_error_set(&e, XJ_EDATA, _("%d rows above the header taken as its title and"
					    " skipped, the last: %s"), n, t);
	else
		xj_error_set(&e, XJ_EDATA, _("taken as a title above the header and skipped:"
					    " %s"), t);
	report(im, &e, 1);
}

/* The columns a source cannot do without: every one of the roster's, one
 * of the others' (the key that finds the student). */
static const char *const roster_needs[] = { "exam_no", "name", "id_number" };
static const char *const key_needs[] = { "exam_no", "student_no", "id_number" };

/* Does the header lack what the source needs?  Then it is said once, for
 * the file, with the workbook's sheets that have it, and lacking holds the
 * columns.  A stream with no header (YAML) names its fields row by row. */
static void header_check(struct imp *im, const char *file, long line)
{
	int roster = im->o->source == XJ_SRC_ROSTER;
	const char *const *need = roster ? roster_needs : key_needs;
	const char *const *names;
	size_t n = xj_reader_header(im->r, &names, NULL), i, j, found = 0;
	int has[3];
	struct xj_sb with = XJ_SB_INIT, all = XJ_SB_INIT;
	const char *sheet = xj_reader_sheet(im->r);
	struct xj_error e;

	if (n == 0 && !sheet && line)
		return;
	for (i = 0; i < 3; i++) {
		for (j = 0; j < n && strcmp(names[j], need[i]) != 0; j++)
			;
		has[i] = j < n;
		found += has[i];
	}
	if (roster ? found == 3 : found > 0)
		return;
	/* the message names them with ", ", a reject file's field column
	 * with "; "; a source lacks all three of its keys */
	for (i = 0; i < 3; i++) {
		if (roster && has[i])
			continue;
		xj_sb_addf(&im->lacking, "%s%s", im->lacking.len ? ", " : "", need[i]);
		xj_sb_addf(&im->lack_fields, "%s%s", im->lack_fields.len ? "; " : "", need[i]);
	}
	xj_sb_addf(&im->lack_why, roster ? _("no column %s (a roster needs exam_no, name and"
					     " id_number)") :
		   _("no column %s (a row needs one of them to find its student)"),
		   im->lacking.buf);
	for (i = 0; i < n && !strchr(names[i], '\r'); i++)
		;
	if (i < n)   /* the header runs on into the rows: one line */
		xj_sb_adds(&im->lack_why, _("; its lines end in a CR alone (an old Mac CSV):"
					    " save it with CRLF or LF line ends"));
	xj_reader_sheets_with(im->r, need, 3, !roster, &with, &all);
	if (with.len && !strchr(with.buf, ','))
		xj_sb_addf(&im->lack_why, _("; sheet %s has them: give --sheet %s"), with.buf,
			   with.buf);
	else if (with.len)
		xj_sb_addf(&im->lack_why, _("; sheets %s have them: give --sheet and one"),
			   with.buf);
	else if (sheet)
		xj_sb_addf(&im->lack_why, _("; no sheet has them (sheets: %s)"), all.buf);
	xj_error_clear(&e);
	xj_error_where(&e, file, line, NULL);
	if (sheet)
		xj_error_set(&e, XJ_EDATA, _("sheet %s: %s"), sheet, im->lack_why.buf);
	else
		xj_error_set(&e, XJ_EDATA, "%s", im->lack_why.buf);
	report(im, &e, 0);
	xj_sb_release(&with);
	xj_sb_release(&all);
}

static void norm_opts(struct imp *im, struct xj_norm_opts *no)
{
	memset(no, 0, sizeof(*no));
	no->cohort = im->o->cohort;
	no->roster = im->o->source == XJ_SRC_ROSTER;
	no->accept_15 = im->o->accept_15;
	no->lenient = im->o->source == XJ_SRC_CHSI;
	no->names = no->roster ? &im->names : NULL;
	no->report = report;
	no->ctx = im;
}

/* A row taken: the file's header looked at with its first.  1 when the
 * header lacks what the source needs, and the row is refused for it. */
static int row_start(struct imp *im, const struct xj_record *rec)
{
	im->rec = rec;
	xj_sb_reset(&im->fields);
	xj_sb_reset(&im->reasons);
	im->mute = im->quiet;
	im->row_said = 0;
	im->row_sid = 0;
	if (im->o->source == XJ_SRC_ROSTER)
		xj_norm_names_take(&im->names, rec);
	if (!im->header_seen)
		title_said(im, rec);
	if (!im->header_seen && im->o->source == XJ_SRC_RESULTS)
		results_header(im, rec);
	if (!im->header_seen)
		header_check(im, rec->file, 1);
	im->header_seen = 1;
	if (!im->lacking.len)
		return 0;
	refuse(im, im->lack_fields.buf, im->lack_why.buf);   /* said for the file */
	im->mute = 0;
	return 1;
}

/* The row normalised into im->n (rc from xj_normalize), matched against
 * the store. */
static int row_normalised(struct imp *im, int rc, struct xj_error *err)
{
	if (rc > 0)
		refuse(im, im->n->fields.buf, im->n->reasons.buf);
	im->mute = 0;
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (im->o->source == XJ_SRC_CHSI)
		return chsi_row(im, err);
	if (im->o->source == XJ_SRC_FORMS)
		return form_row(im, err);
	rc = im->o->source == XJ_SRC_ROSTER ? roster_row(im, err) : source_row(im, err);
	if (rc == 0 && im->fields.len)
		refuse(im, im->fields.buf, im->reasons.buf);
	return rc;
}

/* A row the last import took whole, found by its digest as entry i:
 * unchanged, as reading it would find it (1), unless its student was met
 * already in the file: then it is read in full (0). */
static int pass_row(struct imp *im, long i)
{
	long long sid = i < 0 ? 0 : xj_import_known_pass(im->digests, i, im->rec->line);

	if (!sid)
		return 0;
	im->stats->unchanged++;
	im->known = 1;   /* the next row is looked for after it */
	im->last_found = sid;
	return 1;
}

static int normalised_here(struct imp *im, const struct xj_record *rec, struct xj_error *err)
{
	struct xj_norm_opts no;

	norm_opts(im, &no);
	return row_normalised(im, xj_normalize(im->st, rec, &no, im->n, err), err);
}

/* The earlier import's digests are not those its entry vouches for. */
static void untrusted_said(struct imp *im)
{
	struct xj_error e;
	long said;

	xj_error_clear(&e);
	xj_error_where(&e, im->rec->file, 0, "");
	e.code = XJ_ESTORE;
	snprintf(e.msg, sizeof(e.msg), _("the row digests of import %lld are not those its"
		 " entry vouches for (changed behind the log: xj log --verify): every"
		 " row is read in full"), xj_import_known_untrusted(im->digests));
	/* said of the file, not of the row it is said at */
	said = im->row_said;
	report(im, &e, 1);
	im->row_said = said;
}

static int one_row(struct imp *im, const struct xj_record *rec, struct xj_error *err)
{
	const struct xj_rowdigest_set *set;
	int rc;

	if (row_start(im, rec))
		return 0;
	if (im->digests) {
		xj_rowdigest_record(xj_import_known_key(im->digests), &im->digest_names, rec,
				    &im->digest_text, im->digest);
		rc = xj_import_known_first(im->digests, im->digest, err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			untrusted_said(im);
		set = xj_import_known_set(im->digests);
		if (set && pass_row(im, xj_rowdigest_set_find(set, im->digest)))
			return 0;
	}
	return normalised_here(im, rec, err);
}

/* A row read ahead: its normalisation taken over, what it reported said
 * now, in the file's order. */
static int ahead_row(struct imp *im, struct xj_ahead_row *row, struct xj_error *err)
{
	struct xj_norm *mine = im->n;
	size_t i;

	if (row_start(im, &row->rec))
		return 0;
	if (im->digests)
		memcpy(im->digest, row->digest, sizeof(im->digest));
	/* found by its digest, it was not normalised: passed over, or read
	 * in full here */
	if (row->found >= 0)
		return pass_row(im, row->found) ? 0 : normalised_here(im, &row->rec, err);
	im->n = row->n;   /* the row's normalisation for ours, which it reuses */
	row->n = mine;
	for (i = 0; i < row->nsaid; i++)
		report(im, &row->said[i].e, row->said[i].warning);
	return row_normalised(im, row->norm, err);
}

/* Has the file changed the store so far?  Then its entry will be logged. */
static int store_changed(const struct imp *im)
{
	return im->stats->imported || im->stats->updated ||
	       xj_store_changes(im->st) > im->changes;
}

/* A row read in full that the import took whole, with nothing to say of
 * it, kept for the next import to know.  Its parts are stored once the
 * import has changed the store (its entry will vouch for them). */
static int row_kept(struct imp *im, struct xj_error *err)
{
	if (!im->digests || !im->row_sid || im->row_said || im->n->wanted)
		return 0;
	return xj_import_known_keep(im->digests, im->digest, im->row_sid, store_changed(im), err);
}

/* A row the reader could not read whole. */
static void bad_row(struct imp *im, const struct xj_record *rec,
		    const struct xj_error *e)
{
	im->rec = rec;
	im->mute = im->quiet;
	report(im, e, 0);
	refuse(im, e->field[0] ? e->field : "", e->msg);
	im->mute = 0;
}

/* What the reader said of a row (rc, rec, e), done: 0 and on to the next;
 * 2 at the end; 1 when the file is not a record stream; -1. */
static int take_row(struct imp *im, int rc, const struct xj_record *rec,
		    struct xj_ahead_row *ahead, struct xj_error *err)
{
	if (rc == 0)
		return 2;
	if (rc < 0 && err->code == XJ_EFORMAT)
		return 1;
	if (rc < 0 && err->code != XJ_EDATA)
		return -1;
	im->stats->read++;
	if (rc < 0) {
		bad_row(im, rec, err);
	} else if ((ahead ? ahead_row(im, ahead, err) : one_row(im, rec, err)) < 0 ||
		   row_kept(im, err) < 0) {
		return -1;
	}
	xj_pause_point("row");   /* a row read, the file not ended */
	if (im->cb->progress && im->stats->read % 10000 == 0)
		im->cb->progress(im->cb->ctx, im->stats);
	return 0;
}

/* The rows after the header's, read and normalised ahead (readahead.h):
 * as read_rows; -2 when they cannot be, or the rest of the file is to be
 * read row by row. */
static int rows_ahead(struct imp *im, struct xj_reader *r, struct xj_error *err)
{
	struct xj_norm_opts no;
	struct xj_readahead *a;
	struct xj_ahead_row *row;
	int rc = 0, more = 0;

	if (xj_normalize_ready(im->st, err) < 0)
		return -1;
	norm_opts(im, &no);
	a = xj_readahead_start(r, im->st, &no, !im->lacking.len, im->n->noted,
			       im->digests ? xj_import_known_key(im->digests) : NULL,
			       im->digests ? xj_import_known_set(im->digests) : NULL);
	if (!a)
		return -2;
	while (rc == 0 && (row = xj_readahead_next(a))) {
		*err = row->err;   /* the reader's, or normalising's, as one_row has it */
		more = row->more;
		rc = take_row(im, row->rc, &row->rec, row, err);
	}
	xj_readahead_stop(a);
	if (rc == 0 && more)
		return -2;
	return rc == 2 ? 0 : rc;
}

static int read_rows(struct imp *im, struct xj_reader *r, struct xj_error *err)
{
	struct xj_record rec;
	int rc, tried = 0;

	for (;;) {
		/* the header known, the rest is read ahead where it can be */
		if (im->header_seen && !tried) {
			tried = 1;
			if ((rc = rows_ahead(im, r, err)) != -2)
				return rc;
		}
		memset(&rec, 0, sizeof(rec));
		xj_error_clear(err);
		rc = xj_reader_next(r, &rec, err);
		if (rc < 0)
			rec.file = xj_reader_name(r);
		rc = take_row(im, rc, &rec, NULL, err);
		if (rc != 0)
			return rc == 2 ? 0 : rc;
	}
}

static void imp_release(struct imp *im)
{
	xj_normalize_release(im->n);
	free(im->n);
	xj_norm_names_release(&im->names);
	xj_sb_release(&im->fields);
	xj_sb_release(&im->reasons);
	xj_sb_release(&im->data);
	xj_sb_release(&im->where);
	xj_sb_release(&im->old);
	xj_sb_release(&im->lacking);
	xj_sb_release(&im->lack_fields);
	xj_sb_release(&im->lack_why);
	xj_sb_release(&im->digest_text);
	xj_rowdigest_names_release(&im->digest_names);
	xj_import_known_free(im->digests);
}

/* A CHSI list is a snapshot, kept whole each time; the very same file as
 * the last one changes nothing.  sha gets the file's SHA-256. */
static int same_list(struct imp *im, struct xj_reader *r, char sha[65],
		     struct xj_error *err)
{
	struct xj_sb prev = XJ_SB_INIT;
	long long id = 0;
	int same;

	xj_reader_sha256(r, sha);
	if (im->o->source != XJ_SRC_CHSI)
		return 0;
	same = xj_store_import_prev(im->st, "chsi", im->import_id, &id, &prev, err) > 0 &&
	       strcmp(prev.buf, sha) == 0;
	xj_sb_release(&prev);
	return same;
}

/* The last import's rows for this file's, and its own to keep: none
 * passed over in a bulk load (there are none), nor with --every-row. */
static int known_start(struct imp *im, struct xj_reader *r, struct xj_error *err)
{
	xj_import_known_free(im->digests);
	xj_error_clear(err);
	im->digests = xj_import_known_start(im->st, r, im->import_id, im->o->cohort,
					    im->o->accept_15, !im->o->every_row && !im->bulk, err);
	return !im->digests && err->code ? -1 : 0;
}

/* The file read through in its savepoint: 0; 1 when it is not a record
 * stream; 2 when a bulk load found a key twice, its savepoint rolled back
 * (the file is to be read again row by row); -1. */
static int read_file(struct imp *im, struct xj_reader *r, struct xj_error *err)
{
	int rc = xj_store_savepoint(im->st, "import_file", XJ_SP_BEGIN, err);

	im->r = r;
	im->header_seen = 0;
	xj_norm_names_release(&im->names);
	im->names_stored = 0;
	if (rc == 0)
		rc = xj_store_import_begin(im->st, xj_import_source_name(im->o->source),
					   xj_reader_name(r), xj_reader_encoding(r),
					   &im->import_id, err);
	if (rc == 0 && im->o->source == XJ_SRC_ROSTER)
		rc = xj_store_chain_begin(im->st, im->import_id, err);
	if (rc == 0 && im->o->source == XJ_SRC_ROSTER)
		rc = known_start(im, r, err);
	if (rc == 0)
		rc = xj_store_seen_reset(im->st, err);
	if (rc == 0 && im->bulk)
		rc = xj_store_student_keys(im->st, 0, err);
	if (rc == 0)
		rc = read_rows(im, r, err);
	/* a file or sheet of titles, of nothing, or of a header alone that
	 * lacks what the source needs (another sheet may have the rows): one
	 * refused row, so that a cron job does not take it for an empty roster */
	if (rc == 0 && !im->header_seen && xj_reader_has_header(r)) {
		header_check(im, xj_reader_name(r), 0);
		im->stats->read += im->lacking.len != 0;   /* the sheet, as one */
		im->stats->refused += im->lacking.len != 0;
	}
	if (rc == 0 && im->bulk)
		rc = key_twice(im, xj_store_bulk_flush(im->st, err), err);
	if (rc == 0 && im->bulk && !im->again && (rc = xj_store_student_keys(im->st, 1, err)) == 1) {
		im->again = 1;
		rc = 0;
	}
	if (rc == 0 && im->again)
		rc = xj_store_savepoint(im->st, "import_file", XJ_SP_ROLLBACK, err) < 0 ? -1 : 2;
	return rc;
}

/* A key the bulk load found twice: the file read again from its start,
 * row by row with the keys in place, so that each row repeating a key is
 * refused and named with the line before it.  What the first reading
 * said is not said again. */
static int read_again(struct imp *im, struct xj_reader **r, struct xj_reader **again,
		      struct xj_error *err)
{
	*again = xj_reader_again(*r, err);
	if (!*again)
		return -1;
	*r = *again;
	memset(im->stats, 0, sizeof(*im->stats));
	im->bulk = 0;
	im->again = 0;
	im->quiet = 1;
	return read_file(im, *r, err);
}

/* The students the file added are admitted, as of the business date. */
static int admit(struct imp *im, struct xj_error *err)
{
	im->students[0] = im->statuses[0] = 1;
	im->students[1] = im->statuses[1] = 0;
	if (im->o->source != XJ_SRC_ROSTER || !im->stats->imported)
		return 0;
	snprintf(im->since, sizeof(im->since), "%.10s", xj_store_business(im->st));
	return xj_store_status_first(im->st, im->students_before, XJ_STATUS_ADMITTED, im->since,
				     XJ_BY_IMPORT, im->students, im->statuses, err);
}

/* "key":[lo,hi], a run of ids. */
static void ids_member(struct xj_jw *j, const char *key, const long long ids[2])
{
	xj_jsonw_object_array_begin(j, key);
	xj_jsonw_array_int(j, ids[0]);
	xj_jsonw_array_int(j, ids[1]);
	xj_jsonw_end(j);
}

/* What the entry vouches for besides the file: its source rows (their
 * count and digest), and the students it made with the options that made
 * them and the statuses it gave them, so that the check can make them
 * again (replay.c) instead of the row log copying them. */
static void log_vouched(struct imp *im, struct xj_jw *j)
{
	char hex[65];
	long long ids[2], n = xj_store_chain_end(im->st, hex, ids);

	if (n < 0)
		return;
	xj_jsonw_object_int(j, "source_rows", n);
	xj_jsonw_object_string(j, "source_sha256", hex);
	if (n > 0)
		ids_member(j, "source_ids", ids);
	if (im->students[1] < im->students[0])
		return;
	ids_member(j, "students", im->students);
	ids_member(j, "statuses", im->statuses);
	xj_jsonw_object_string(j, "since", im->since);
	xj_jsonw_object_int(j, "cohort", im->o->cohort);
	xj_jsonw_object_int(j, "accept_15", im->o->accept_15 ? 1 : 0);
	xj_jsonw_object_int(j, "made_by", XJ_NORMALIZE_VERSION);
}

/* The import's one entry in the log: the file, its hash and what came of
 * its rows.  The students it created have no entry of their own. */
static int log_import(struct imp *im, struct xj_reader *r, const char *sha,
		      struct xj_error *err)
{
	const struct xj_import_stats *n = im->stats;
	struct xj_jw j = XJ_JW_INIT;
	int rc;

	xj_jsonw_object_begin(&j);
	xj_jsonw_object_int(&j, "import", im->import_id);
	xj_jsonw_object_string(&j, "source", xj_import_source_name(im->o->source));
	xj_jsonw_object_string(&j, "file", xj_reader_name(r));
	xj_jsonw_object_string(&j, "encoding", xj_reader_encoding(r));
	xj_jsonw_object_string(&j, "sha256", sha);
	xj_jsonw_object_int(&j, "read", n->read);
	xj_jsonw_object_int(&j, "imported", n->imported);
	xj_jsonw_object_int(&j, "updated", n->updated);
	xj_jsonw_object_int(&j, "unchanged", n->unchanged);
	xj_jsonw_object_int(&j, "refused", n->refused);
	log_vouched(im, &j);
	rc = xj_import_known_end(im->digests, &j, err);
	xj_jsonw_end(&j);
	if (rc == 0)
		rc = xj_store_audit(im->st, 0, "import", NULL, j.json.buf, err);
	xj_jsonw_release(&j);
	return rc;
}

/* The whole file refused: what it did is undone, every row counts refused. */
static int refuse_file(struct imp *im, struct xj_error *err)
{
	im->stats->refused = im->stats->read;
	im->stats->imported = im->stats->updated = im->stats->unchanged = 0;
	return xj_store_savepoint(im->st, "import_file", XJ_SP_ROLLBACK, err);
}

/* The very file the last import of the source took whole: it changes
 * nothing, and is not read again (a file only: standard input cannot be
 * hashed before it is read).  An older file again is read: it may be
 * meant to put values back.  1 with its rows counted unchanged. */
static int seen_file(struct xj_store *st, struct xj_reader *r, const struct xj_import_opts *o,
		     struct xj_import_stats *stats, struct xj_error *err)
{
	const char *path = xj_reader_name(r);
	char last[65], sha[65];
	long rows = 0;
	struct xj_error e;
	int rc;

	if (!xj_reader_regular(r) || o->every_row)
		return 0;
	/* the file is hashed ahead of its reading only when it may be the last */
	rc = xj_store_import_whole(st, xj_import_source_name(o->source), last, &rows, err);
	if (rc != 1)
		return rc;
	if (xj_sha256_file(path, sha, &e) < 0 || strcmp(sha, last) != 0)
		return 0;
	stats->read = stats->unchanged = rows;
	return 1;
}

/* The rows a roster adds are not copied into the row log: the import's
 * entry vouches for them (log_vouched).  Other sources' rows, a few and
 * each with its own entry, are logged at the seal as they stand. */
static int hold_rows(struct xj_store *st, enum xj_source src, struct xj_error *err)
{
	static const char *const tables[] = { "student", "status", "source_row",
					      "import_digest" };
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if ((src == XJ_SRC_ROSTER ? xj_store_rows_vouched(st, tables[i], err) :
		     xj_store_rows_defer(st, tables[i], err)) < 0)
			return -1;
	return 0;
}

int xj_import_file(struct xj_store *st, struct xj_reader *r,
		   const struct xj_import_opts *o, const struct xj_import_cb *cb,
		   struct xj_import_stats *total, struct xj_error *err)
{
	struct xj_import_stats stats = { 0 };
	struct xj_reader *again = NULL;
	struct imp im;
	char sha[65];
	int rc;

	if ((rc = seen_file(st, r, o, &stats, err)) != 0) {
		total->read += stats.read;
		total->unchanged += stats.unchanged;
		return rc < 0 ? -1 : 0;
	}
	memset(&im, 0, sizeof(im));
	im.st = st;
	im.o = o;
	im.cb = cb;
	im.stats = &stats;
	im.changes = xj_store_changes(st);
	if (hold_rows(st, o->source, err) < 0)
		return -1;
	im.n = xj_xcalloc(1, sizeof(*im.n));
	rc = xj_store_student_last(st, &im.students_before, err);
	im.bulk = rc == 0 && o->source == XJ_SRC_ROSTER && !im.students_before &&
		  xj_reader_regular(r);
	if (rc == 0 && !im.bulk && im.students_before)
		rc = xj_store_cache_rows(st, err);
	if (rc == 0)
		rc = read_file(&im, r, err);
	if (rc == 2)
		rc = read_again(&im, &r, &again, err);
	if (rc == 1) {   /* not a record stream at all */
		report(&im, err, 0);
		stats.read++;
		rc = refuse_file(&im, err);
	} else if (rc == 0 && o->strict && stats.refused) {
		rc = refuse_file(&im, err);
	} else if (rc == 0 && same_list(&im, r, sha, err)) {
		stats.unchanged = stats.read - stats.refused;
		stats.imported = 0;
		rc = xj_store_savepoint(st, "import_file", XJ_SP_ROLLBACK, err);
	} else if (rc == 0) {
		rc = admit(&im, err);
		/* a file that changed nothing leaves no entry, and the command
		 * says so */
		if (rc == 0 && store_changed(&im))
			rc = log_import(&im, r, sha, err);
		if (rc == 0)
			rc = xj_store_import_end(st, im.import_id, sha, stats.read, stats.imported +
					 stats.updated, stats.unchanged, stats.refused, err);
		if (rc == 0)
			rc = xj_store_savepoint(st, "import_file", XJ_SP_RELEASE, err);
	}
	imp_release(&im);
	xj_reader_free(again);
	total->read += stats.read;
	total->imported += stats.imported;
	total->updated += stats.updated;
	total->unchanged += stats.unchanged;
	total->refused += stats.refused;
	total->warnings += stats.warnings;
	return rc;
}
