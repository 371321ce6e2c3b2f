/* normalize.c: an input row checked and made into a student record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/gb2260.h"
#include "xj/i18n.h"
#include "xj/iddoc.h"
#include "xj/names.h"
#include "xj/normalize.h"
#include "xj/text.h"
#include "xj/validate.h"

/* Longer values are refused: no roster field is near this long, and a huge
 * field is a sign of a broken file. */
#define VALUE_MAX 1024

typedef int (*check_fn)(const char *, char *, size_t, struct xj_error *);

struct ctx {
	struct xj_store *st;
	const struct xj_record *rec;
	const struct xj_norm_opts *o;
	struct xj_norm *n;
	unsigned bad;   /* fields already refused: no cross-checks on them */
};

/* A problem with a field; code is XJ_ECONFLICT when the row disagrees
 * with itself (a birth date the ID number does not have), so that a caller
 * can tell that from a bad value without reading the message. */
static void report(struct ctx *c, const char *field, const char *msg, int warning,
		   enum xj_code code)
{
	struct xj_error e;

	if (c->o->lenient)
		warning = 1;
	xj_error_clear(&e);
	xj_error_where(&e, c->rec->file, c->rec->line, field);
	xj_error_set(&e, code, "%s", msg);
	if (c->o->report)
		c->o->report(c->o->ctx, &e, warning);
	if (warning)
		return;
	if (c->n->problems++) {
		xj_sb_adds(&c->n->fields, "; ");
		xj_sb_adds(&c->n->reasons, "; ");
	}
	xj_sb_adds(&c->n->fields, field);
	xj_sb_adds(&c->n->reasons, msg);
}

static void problem(struct ctx *c, const char *field, const char *msg, int warning)
{
	report(c, field, msg, warning, XJ_EDATA);
}

static void set_n(struct ctx *c, int f, const char *v, size_t len)
{
	xj_sb_reset(&c->n->val[f]);
	xj_sb_add(&c->n->val[f], v, len);
}

static void set(struct ctx *c, int f, const char *v)
{
	set_n(c, f, v, strlen(v));
}

static const char *get(const struct ctx *c, int f)
{
	return c->n->val[f].len ? c->n->val[f].buf : NULL;
}

static void run_check(struct ctx *c, int f, check_fn fn)
{
	char out[VALUE_MAX];
	struct xj_error e;

	xj_error_clear(&e);
	if (fn(get(c, f), out, sizeof(out), &e) < 0) {
		problem(c, xj_student_field(f), e.msg, 0);
		c->bad |= 1u << f;
	} else
		set(c, f, out);
}

static int check_exam(struct ctx *c)
{
	char out[32];
	struct xj_error e;

	xj_error_clear(&e);
	/* the year digits must agree with --cohort or the row's own cohort */
	if (xj_validate_exam_no(get(c, XJ_S_EXAM_NO), c->n->s.cohort, out, sizeof(out), &e) < 0) {
		problem(c, "exam_no", e.msg, 0);
		return -1;
	}
	set(c, XJ_S_EXAM_NO, out);
	return 0;
}

/* Ethnicity by name, by code, or both (which must agree). */
static void check_ethnicity(struct ctx *c)
{
	const char *name = get(c, XJ_S_ETHNICITY), *code = get(c, XJ_S_ETHNICITY_CODE);
	char out[64], cd[3], note[XJ_NOTE_MAX] = "";
	struct xj_error e;
	int f = name ? XJ_S_ETHNICITY : XJ_S_ETHNICITY_CODE;

	xj_error_clear(&e);
	if (xj_codes_check_ethnicity(name ? name : code, out, sizeof(out), cd, note, &e) < 0) {
		problem(c, xj_student_field(f), e.msg, 0);
		return;
	}
	if (name && code && xj_codes_check_ethnicity_pair(code, out, &e) < 0) {
		problem(c, "ethnicity_code", e.msg, 0);
		return;
	}
	if (*note)
		problem(c, xj_student_field(f), note, 1);
	set(c, XJ_S_ETHNICITY, out);
	set(c, XJ_S_ETHNICITY_CODE, cd);
}

/* A legacy 15-digit resident number, accepted on request: upgraded, and
 * the number as given kept beside it. */
static int upgrade15(struct ctx *c, const char *id)
{
	char out[19], msg[96];
	struct xj_error e;

	xj_error_clear(&e);
	if (xj_iddoc_upgrade15(id, out, sizeof(out), &e) < 0)
		return -1;
	snprintf(msg, sizeof(msg), "%s", _("15-digit number upgraded to 18 digits"));
	set(c, XJ_S_ID_ORIGINAL, id);
	set(c, XJ_S_ID_NUMBER, out);
	problem(c, "id_number", msg, 1);
	return 0;
}

/* A resident ID number's address code is in GB/T 2260, or its holder was
 * born before the table begins (a warning); a table that cannot be read
 * stops the command (-1, err): no number goes in unchecked. */
static int check_address(struct ctx *c, struct xj_error *err)
{
	char note[256];
	struct xj_error e;

	if (strcmp(get(c, XJ_S_ID_TYPE), XJ_IDTYPE_RESIDENT) != 0)
		return 0;
	xj_error_clear(&e);
	if (xj_gb2260_check_id(get(c, XJ_S_ID_NUMBER), note, sizeof(note), &e) == 0) {
		if (*note)
			problem(c, "id_number", note, 1);
		return 0;
	}
	if (e.code != XJ_EDATA) {
		*err = e;
		return -1;
	}
	problem(c, "id_number", e.msg, 0);
	c->bad |= 1u << XJ_S_ID_NUMBER;
	return 0;
}

/* The document type (居民身份证 unless the row says otherwise) decides how
 * the number is checked; the type is never guessed from the number. */
static int check_document(struct ctx *c, struct xj_error *err)
{
	char type[64], out[64];
	const char *id = get(c, XJ_S_ID_NUMBER);
	struct xj_error e;

	xj_error_clear(&e);
	if (!get(c, XJ_S_ID_TYPE))
		set(c, XJ_S_ID_TYPE, XJ_IDTYPE_RESIDENT);
	else if (xj_iddoc_check_id_type(get(c, XJ_S_ID_TYPE), type, sizeof(type), &e) < 0) {
		problem(c, "id_type", e.msg, 0);
		c->bad |= 1u << XJ_S_ID_TYPE | 1u << XJ_S_ID_NUMBER;
		return 0;
	} else {
		set(c, XJ_S_ID_TYPE, type);
	}
	if (!id)
		return 0;
	if (c->o->accept_15 && strlen(id) == 15 &&
	    strcmp(get(c, XJ_S_ID_TYPE), XJ_IDTYPE_RESIDENT) == 0 && upgrade15(c, id) == 0)
		return check_address(c, err);
	if (xj_iddoc_check_document(get(c, XJ_S_ID_TYPE), id, out, sizeof(out), &e) < 0) {
		problem(c, "id_number", e.msg, 0);
		c->bad |= 1u << XJ_S_ID_NUMBER;
		return 0;
	}
	set(c, XJ_S_ID_NUMBER, out);
	return check_address(c, err);
}

/* A value taken from the ID number: said once per file when the file has
 * no such column, else for the row. */
static void derived(struct ctx *c, const char *field, unsigned bit)
{
	struct xj_error e;

	if (xj_reader_get(c->rec, field)) {
		problem(c, field, _("taken from id_number"), 1);
		return;
	}
	c->n->wanted |= bit;
	if (c->n->noted & bit)
		return;
	c->n->noted |= bit;
	xj_error_clear(&e);
	xj_error_where(&e, c->rec->file, 0, field);
	xj_error_set(&e, XJ_EDATA, "no such column: taken from id_number in every row");
	if (c->o->report)
		c->o->report(c->o->ctx, &e, 1);
}

/* Birth date and gender agree with the ID number, or come from it. */
static void check_identity(struct ctx *c)
{
	const char *id = get(c, XJ_S_ID_NUMBER);
	const char *g = get(c, XJ_S_GENDER), *b = get(c, XJ_S_BIRTH_DATE);
	char birth[11];
	char msg[160];

	if (!id || (c->bad & (1u << XJ_S_ID_NUMBER)) ||
	    !xj_iddoc_type_is_gb11643(get(c, XJ_S_ID_TYPE)))
		return;
	xj_validate_id_number_birth(id, birth);
	if (!b) {
		set(c, XJ_S_BIRTH_DATE, birth);
		derived(c, "birth_date", 1);
	} else if (!(c->bad & (1u << XJ_S_BIRTH_DATE)) && strcmp(b, birth) != 0) {
		snprintf(msg, sizeof(msg), _("%s does not agree with id_number (%s)"), b, birth);
		report(c, "birth_date", msg, 0, XJ_ECONFLICT);
	}
	if (!g) {
		set(c, XJ_S_GENDER, xj_validate_id_number_gender(id));
		derived(c, "gender", 2);
	} else if (!(c->bad & (1u << XJ_S_GENDER)) && strcmp(g, xj_validate_id_number_gender(id)) != 0) {
		snprintf(msg, sizeof(msg), _("%s does not agree with id_number (%s)"), g,
			 xj_validate_id_number_gender(id));
		report(c, "gender", msg, 0, XJ_ECONFLICT);
	}
}

static int check_dept(struct ctx *c, struct xj_error *err)
{
	const char *code = NULL;
	char msg[VALUE_MAX + 64];
	int rc = xj_store_has_config(c->st, err);

	if (rc > 0)
		rc = xj_store_dept_find(c->st, get(c, XJ_S_DEPT), &code, err);
	else if (rc == 0)
		return 0;   /* no config loaded: departments are not known yet */
	if (rc > 0)
		set(c, XJ_S_DEPT, code);
	if (rc == 0) {
		snprintf(msg, sizeof(msg), _("unknown department \"%s\" (not in the config)"),
			 get(c, XJ_S_DEPT));
		problem(c, "dept", msg, 0);
	}
	return rc < 0 ? -1 : 0;
}

static void take_cohort(struct ctx *c, const char *v)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(v, &end, 10);
	if (errno || end == v || *end || y < 2000 || y > 2100) {
		problem(c, "cohort", _("not a year"), 0);
		return;
	}
	if (c->o->cohort && y != c->o->cohort) {
		problem(c, "cohort", _("does not agree with --cohort"), 0);
		return;
	}
	c->n->s.cohort = (int)y;
}

/* Copy the row's values, trimmed, into the record and the JSON object. */
static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* What converters get wrong, put right with a warning: private-use code
 * points in any value, look-alike dots in a name. */
static const char *repair(struct ctx *c, const char *name, const char *buf, size_t *len)
{
	char note[160];

	if (!has_non_ascii(buf) ||
	    !xj_names_repair(buf, strcmp(name, "name") == 0, &c->n->fix, note, sizeof(note)))
		return buf;
	problem(c, name, note, 1);
	*len = c->n->fix.len;
	return c->n->fix.buf;
}
/* The value v (*len bytes) trimmed: v itself when it has nothing to trim,
 * which most values have not, else a copy. */
static const char *trimmed(struct ctx *c, const char *name, const char *v, size_t *len)
{
	if (!xj_validate_may_trim(v, *len))
		return v;
	xj_sb_reset(&c->n->tmp);
	xj_sb_add(&c->n->tmp, v, *len);
	if (xj_validate_trim_n(c->n->tmp.buf, len))
		problem(c, name, _("white space trimmed"), 1);
	return c->n->tmp.buf;
}

/* The field column i names: row after row of a file the columns are the
 * same, so the one found last time is tried first. */
static int column_field(struct xj_norm *n, size_t i, const char *name)
{
	size_t k = sizeof(n->colf) / sizeof(n->colf[0]);
	int f;

	if (i < k && n->colf[i] > 0 && strcmp(xj_student_field(n->colf[i] - 1), name) == 0)
		return n->colf[i] - 1;
	f = xj_student_field_index(name);
	if (i < k)
		n->colf[i] = f + 1;
	return f;
}

/* Is the record under the names h (a roster's first row's)? */
static int under_names(const struct xj_norm_names *h, const struct xj_record *rec)
{
	size_t i;

	if (!h || !h->taken || h->n != rec->n)
		return 0;
	for (i = 0; i < rec->n; i++)
		if (strcmp(h->v[i], rec->names[i]) != 0)
			return 0;
	return 1;
}

void xj_norm_names_take(struct xj_norm_names *h, const struct xj_record *rec)
{
	size_t i;

	if (h->taken)
		return;
	h->v = xj_xreallocarray(NULL, rec->n ? rec->n : 1, sizeof(*h->v));
	h->field = xj_xreallocarray(NULL, rec->n ? rec->n : 1, sizeof(*h->field));
	for (i = 0; i < rec->n; i++) {
		h->v[i] = xj_xstrdup(rec->names[i]);
		h->field[i] = xj_student_field_index(rec->names[i]);
	}
	h->n = rec->n;
	h->taken = 1;
}

void xj_norm_names_json(const struct xj_norm_names *h, struct xj_sb *out)
{
	size_t i;

	xj_sb_addc(out, '[');
	for (i = 0; i < h->n; i++) {
		if (i)
			xj_sb_addc(out, ',');
		xj_sb_add_json(out, h->v[i]);
	}
	xj_sb_addc(out, ']');
}

void xj_norm_names_release(struct xj_norm_names *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	free(h->field);
	memset(h, 0, sizeof(*h));
}

/* The first control character of a value, or 0: an escape or a bell
 * would reach a terminal or a spreadsheet.  Line breaks and tabs, which a
 * cell of Excel can hold, are data (and escaped where they are written). */
static void take_values(struct ctx *c)
{
	size_t i;
	char msg[96];
	const char *buf, *why;
	int object = !under_names(c->o->names, c->rec);

	xj_sb_adds(&c->n->data, object ? "{" : "[");
	for (i = 0; i < c->rec->n; i++) {
		const char *name = c->rec->names[i];
		size_t len = strlen(c->rec->values[i]), blen = len;
		/* under the roster's names, their fields are known */
		int f = object ? column_field(c->n, i, name) : c->o->names->field[i];

		buf = repair(c, name, trimmed(c, name, c->rec->values[i], &blen), &blen);
		if (i)
			xj_sb_addc(&c->n->data, ',');
		if (object) {
			xj_sb_add_json(&c->n->data, name);
			xj_sb_addc(&c->n->data, ':');
		}
		xj_sb_add_json(&c->n->data, buf);
		if (len > VALUE_MAX) {
			problem(c, name, _("value too long"), 0);
			if (f >= 0)
				c->bad |= 1u << f;
		}
		else if (f >= 0 && (why = xj_text_flaw(buf, f == XJ_S_ADDRESS, msg, sizeof(msg)))) {
			problem(c, name, why, 0);
			c->bad |= 1u << f;
		} else if (f >= 0)
			set_n(c, f, buf, blen);
		else if (strcmp(name, "cohort") == 0 && *buf)
			take_cohort(c, buf);
	}
	xj_sb_addc(&c->n->data, object ? '}' : ']');
}

static const struct { int f; check_fn fn; } checks[] = {
	{ XJ_S_GENDER, xj_validate_gender },
	{ XJ_S_BIRTH_DATE, xj_validate_birth_date },
	{ XJ_S_ENROL_DATE, xj_validate_date },
	{ XJ_S_POLITICAL, xj_codes_check_political },
	{ XJ_S_MAJOR_CODE, xj_validate_major_code },
	{ XJ_S_PHONE, xj_validate_phone },
};

static void require(struct ctx *c, int f)
{
	if (!get(c, f) && !(c->bad & (1u << f)))   /* not said twice */
		problem(c, xj_student_field(f), _("required for the roster"), 0);
}

int xj_normalize(struct xj_store *st, const struct xj_record *rec,
		 const struct xj_norm_opts *o, struct xj_norm *n,
		 struct xj_error *err)
{
	struct ctx c = { st, rec, o, n, 0 };
	size_t i;
	int f;

	for (f = 0; f < XJ_S_COUNT; f++)
		xj_sb_reset(&n->val[f]);
	xj_sb_reset(&n->data);
	xj_sb_reset(&n->fields);
	xj_sb_reset(&n->reasons);
	n->problems = 0;
	n->wanted = 0;
	memset(&n->s, 0, sizeof(n->s));
	take_values(&c);
	if (check_document(&c, err) < 0)
		return -1;
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		if (get(&c, checks[i].f))
			run_check(&c, checks[i].f, checks[i].fn);
	if (o->cohort)
		n->s.cohort = o->cohort;
	if (get(&c, XJ_S_EXAM_NO) && check_exam(&c) == 0 && !n->s.cohort)
		n->s.cohort = o->cohort ? o->cohort :
			2000 + (get(&c, XJ_S_EXAM_NO)[0] - '0') * 10 + get(&c, XJ_S_EXAM_NO)[1] - '0';
	if (get(&c, XJ_S_ETHNICITY) || get(&c, XJ_S_ETHNICITY_CODE))
		check_ethnicity(&c);
	if (o->roster)   /* other sources keep what they say, for comparison */
		check_identity(&c);
	if (get(&c, XJ_S_DEPT) && check_dept(&c, err) < 0)
		return -1;
	if (o->roster) {
		require(&c, XJ_S_EXAM_NO);
		require(&c, XJ_S_NAME);
		require(&c, XJ_S_ID_NUMBER);
	} else if (!get(&c, XJ_S_EXAM_NO) && !get(&c, XJ_S_ID_NUMBER) &&
		   !get(&c, XJ_S_STUDENT_NO)) {
		problem(&c, "exam_no", _("a row needs exam_no, id_number or student_no"), 0);
	}
	for (f = 0; f < XJ_S_COUNT; f++)
		n->s.v[f] = get(&c, f);
	return n->problems ? 1 : 0;
}

void xj_normalize_release(struct xj_norm *n)
{
	int f;

	for (f = 0; f < XJ_S_COUNT; f++)
		xj_sb_release(&n->val[f]);
	xj_sb_release(&n->data);
	xj_sb_release(&n->fields);
	xj_sb_release(&n->reasons);
	xj_sb_release(&n->tmp);
	xj_sb_release(&n->fix);
}

int xj_normalize_ready(struct xj_store *st, struct xj_error *err)
{
	const char *code, *version, *path;
	struct xj_error later;
	int rc = xj_store_has_config(st, err);

	/* a lookup of no code reads the departments into the store's cache,
	 * which the thread then only reads */
	if (rc > 0)
		rc = xj_store_dept_find(st, "", &code, err);
	/* a table that cannot be read is said by the first row it would check */
	xj_gb2260_load(&version, &path, &later);
	return rc < 0 ? -1 : 0;
}
