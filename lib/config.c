/* config.c: parsing the school's YAML configuration (xj-config(5)). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <yaml.h>

#include "xj/config.h"
#include "xj/i18n.h"
#include "xj/key.h"
#include "xj/stuno.h"
#include "xj/strbuf.h"
#include "xj/text.h"
#include "xj/validate.h"
#include "xj/yamlfile.h"
#include "xj/sha256.h"

static const char *const role_names[] = {
	"reviewer", "dept-head", "leader", "registrar", "archivist", "admin",
};
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

unsigned xj_config_role_parse(const char *name)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (strcmp(name, role_names[i]) == 0)
			return 1u << i;
	return 0;
}

const char *xj_config_role_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (bit == 1u << i)
			return role_names[i];
	return "?";
}

/* The place of word w in the comma-joined list, or -1. */
static int list_pos(const char *list, const char *w)
{
	size_t n = strlen(w);
	int i = 0;
	const char *p;

	for (p = list; p; i++) {
		if (strncmp(p, w, n) == 0 && (p[n] == ',' || !p[n]))
			return i;
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return -1;
}

unsigned xj_config_role_bits(const char *list)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (list_pos(list, role_names[i]) >= 0)
			bits |= 1u << i;
	return bits;
}

static const char *const evidence_kinds[] = {
	"application", "household-register", "id-card", "police-certificate",
};

int xj_config_evidence_known(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(evidence_kinds) / sizeof(evidence_kinds[0]); i++)
		if (strcmp(kind, evidence_kinds[i]) == 0)
			return 1;
	return 0;
}

const char *const xj_config_archive_stages[4] = { "arrival", "registration", "study",
					    "graduation" };
static const char *const default_kinds[4] = {
	"admission-notice,exam-file,id-card-copy,photo",
	"record-card,recheck-record",
	"status-change,key-data-change",
	"graduate-form,transcript,certificate-copy",
};

const char *xj_config_archive_default_kinds(int i)
{
	return i >= 0 && i < 4 ? default_kinds[i] : "";
}

/* The settings the policy sets a floor to, and the line each was given
 * on (0: not given, the default holds). */
enum { F_LEVELS, F_STATUS_LEVELS, F_EVIDENCE, F_RECHECK, F_ANNUAL, NFLOORS };

struct cp {
	yaml_document_t *doc;
	const char *file;
	struct xj_error *err;
	long floor_line[NFLOORS];
};

/* fmt is translated by xj_error_set: a literal one is marked N_(), a
 * literal arg _(). */
static int fail(struct cp *c, yaml_node_t *n, const char *where, const char *fmt,
		const char *arg)
{
	xj_error_where(c->err, c->file, n ? (long)n->start_mark.line + 1 : 0, where);
	return xj_error_set(c->err, XJ_EDATA, fmt, arg);
}

static yaml_node_t *node(struct cp *c, int id)
{
	return yaml_document_get_node(c->doc, id);
}

/* A scalar's text, or NULL (with err set) when n is not a scalar or its
 * text shows as something else (a name with a bidirectional control). */
static const char *scalar(struct cp *c, yaml_node_t *n, const char *where)
{
	char buf[96];
	const char *why;

	if (!n || n->type != YAML_SCALAR_NODE) {
		fail(c, n, where, "%s", _("want a single value"));
		return NULL;
	}
	why = xj_text_flaw((const char *)n->data.scalar.value, 0, buf, sizeof(buf));
	if (why) {
		fail(c, n, where, "%s", why);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static int want(struct cp *c, yaml_node_t *n, yaml_node_type_t t, const char *where)
{
	if (n && n->type == t)
		return 0;
	return fail(c, n, where, "%s", t == YAML_MAPPING_NODE ? _("want a mapping") :
		    _("want a list"));
}

static int number(struct cp *c, yaml_node_t *n, const char *where, int lo, int hi,
		  int *out)
{
	const char *s = scalar(c, n, where);
	char *end;
	long v;

	if (!s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return fail(c, n, where, N_("not a number in range: \"%s\""), s);
	*out = (int)v;
	return 0;
}

static int date(struct cp *c, yaml_node_t *n, const char *where, char out[11])
{
	const char *s = scalar(c, n, where);
	struct xj_error e;

	if (!s)
		return -1;
	xj_error_clear(&e);
	if (xj_validate_date(s, out, 11, &e) < 0)
		return fail(c, n, where, "%s", e.msg);
	return 0;
}

/* Call fn for each key of a mapping node. */
typedef int (*pair_fn)(struct cp *, const char *key, yaml_node_t *val,
		       void *obj, const char *where);

static int each_pair(struct cp *c, yaml_node_t *map, const char *where,
		     pair_fn fn, void *obj)
{
	yaml_node_pair_t *p;

	if (want(c, map, YAML_MAPPING_NODE, where) < 0)
		return -1;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(c, p->key);
		const char *key = scalar(c, k, where);
		struct xj_sb w = XJ_SB_INIT;
		yaml_node_pair_t *q;
		int rc;

		if (!key)
			return -1;
		for (q = map->data.mapping.pairs.start; q < p; q++)
			if (strcmp((const char *)node(c, q->key)->data.scalar.value, key) == 0)
				return fail(c, k, where, N_("setting %s given twice"), key);
		xj_sb_addf(&w, "%s%s%s", where, *where ? "." : "", key);
		rc = fn(c, key, node(c, p->value), obj, w.buf);
		if (rc == 1)
			rc = fail(c, k, w.buf, "%s", _("unknown setting"));
		xj_sb_release(&w);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static char *text(struct cp *c, yaml_node_t *n, const char *where)
{
	const char *s = scalar(c, n, where);

	return s ? xj_xstrdup(s) : NULL;
}

static int school_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		       const char *where)
{
	struct xj_config *cfg = obj;
	const char *s;

	if (strcmp(k, "name") == 0)
		return (cfg->school_name = text(c, v, where)) ? 0 : -1;
	if (strcmp(k, "code") != 0)
		return 1;
	if (!(s = scalar(c, v, where)))
		return -1;
	if (strlen(s) != 5 || strspn(s, "0123456789") != 5)
		return fail(c, v, where, N_("school code must be 5 digits, not \"%s\""), s);
	memcpy(cfg->school_code, s, 6);
	return 0;
}

static int dept_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		     const char *where)
{
	struct xj_dept *d = obj;

	if (strcmp(k, "code") == 0)
		return (d->code = text(c, v, where)) ? 0 : -1;
	if (strcmp(k, "name") == 0)
		return (d->name = text(c, v, where)) ? 0 : -1;
	return 1;
}

static int major_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		      const char *where)
{
	struct xj_major *m = obj;
	char **slot = !strcmp(k, "code") ? &m->code : !strcmp(k, "name") ? &m->name :
		      !strcmp(k, "dept") ? &m->dept : !strcmp(k, "ordinal") ? &m->ordinal : NULL;

	if (!slot)
		return 1;
	return (*slot = text(c, v, where)) ? 0 : -1;
}

/* One role, refused when unknown or given before in the same list. */
static int role_add(struct cp *c, yaml_node_t *v, const char *where, unsigned *out)
{
	const char *s = scalar(c, v, where);
	unsigned r;

	if (!s)
		return -1;
	if (!(r = xj_config_role_parse(s)))
		return fail(c, v, where, N_("unknown role \"%s\" (want reviewer,"
			    " dept-head, leader, registrar, archivist or admin)"), s);
	if (*out & r)
		return fail(c, v, where, N_("\"%s\" given twice"), s);
	*out |= r;
	return 0;
}

static int roles(struct cp *c, yaml_node_t *v, const char *where, unsigned *out)
{
	yaml_node_item_t *it;

	if (v && v->type == YAML_SCALAR_NODE)
		return role_add(c, v, where, out);
	if (want(c, v, YAML_SEQUENCE_NODE, where) < 0)
		return -1;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
		if (role_add(c, node(c, *it), where, out) < 0)
			return -1;
	return 0;
}

static int staff_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		      const char *where)
{
	struct xj_staff *s = obj;

	if (strcmp(k, "name") == 0)
		return (s->name = text(c, v, where)) ? 0 : -1;
	if (strcmp(k, "full_name") == 0)
		return (s->full_name = text(c, v, where)) ? 0 : -1;
	if (strcmp(k, "dept") == 0)
		return (s->dept = text(c, v, where)) ? 0 : -1;
	if (strcmp(k, "key") == 0) {
		if (!(s->key = text(c, v, where)))
			return -1;
		if (!xj_key_public_valid(s->key))
			return fail(c, v, where, N_("not a public key: \"%s\" (want ed25519:..."
				    " as 'xj key new' prints it)"), s->key);
		return 0;
	}
	if (strcmp(k, "roles") == 0)
		return roles(c, v, where, &s->roles);
	return 1;
}

static int term_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		     const char *where)
{
	struct xj_term *t = obj;

	if (strcmp(k, "year") == 0)
		return number(c, v, where, 2000, 2100, &t->year);
	if (strcmp(k, "first_term_start") == 0)
		return date(c, v, where, t->first_term_start);
	return 1;
}

static int cohort_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		       const char *where)
{
	struct xj_cohort_cfg *t = obj;

	if (strcmp(k, "cohort") == 0)
		return number(c, v, where, 2000, 2100, &t->cohort);
	if (strcmp(k, "enrol_date") == 0)
		return date(c, v, where, t->enrol_date);
	return 1;
}

static long line_of(const yaml_node_t *n)
{
	return n ? (long)n->start_mark.line + 1 : 0;
}

static int window_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		       const char *where)
{
	struct xj_config *cfg = obj;

	if (strcmp(k, "recheck_months") == 0) {
		c->floor_line[F_RECHECK] = line_of(v);
		return number(c, v, where, 1, 12, &cfg->recheck_months);
	}
	if (strcmp(k, "annual_registration_months") == 0) {
		c->floor_line[F_ANNUAL] = line_of(v);
		return number(c, v, where, 1, 12, &cfg->annual_months);
	}
	return 1;
}

/* Is w one of the items of v before it (each already a scalar)? */
static int given_before(struct cp *c, yaml_node_t *v, yaml_node_item_t *it, const char *w)
{
	yaml_node_item_t *p;

	for (p = v->data.sequence.items.start; p < it; p++)
		if (strcmp((const char *)node(c, *p)->data.scalar.value, w) == 0)
			return 1;
	return 0;
}

/* A list of words, each passing known() and each once, comma-joined into
 * out; bad is the format of the refusal of one (marked N_()). */
static int word_list(struct cp *c, yaml_node_t *v, const char *where,
		     int (*known)(const char *), const char *bad, char *out, size_t size)
{
	yaml_node_item_t *it;
	struct xj_sb sb = XJ_SB_INIT;
	int rc = want(c, v, YAML_SEQUENCE_NODE, where);

	for (it = rc ? NULL : v->data.sequence.items.start;
	     it && it < v->data.sequence.items.top && rc == 0; it++) {
		const char *w = scalar(c, node(c, *it), where);

		if (!w || !known(w))
			rc = w ? fail(c, node(c, *it), where, bad, w) : -1;
		else if (given_before(c, v, it, w))
			rc = fail(c, node(c, *it), where, N_("\"%s\" given twice"), w);
		else
			xj_sb_addf(&sb, "%s%s", sb.len ? "," : "", w);
	}
	if (rc == 0 && (!sb.len || sb.len >= size))
		rc = fail(c, v, where, "%s", sb.len ? _("too many entries") :
			  _("the list is empty"));
	if (rc == 0)
		memcpy(out, sb.buf, sb.len + 1);
	xj_sb_release(&sb);
	return rc;
}

static int approving_role(const char *name)
{
	unsigned r = xj_config_role_parse(name);

	return r == XJ_ROLE_REVIEWER || r == XJ_ROLE_DEPT_HEAD || r == XJ_ROLE_LEADER ||
	       r == XJ_ROLE_REGISTRAR;
}

#define APPROVER N_("not a role that approves: \"%s\" (want reviewer, dept-head," \
	" leader or registrar)")

static int change_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		       const char *where)
{
	struct xj_config *cfg = obj;
	const char *s;

	if (strcmp(k, "evidence") == 0) {
		c->floor_line[F_EVIDENCE] = line_of(v);
		return word_list(c, v, where, xj_config_evidence_known, N_("not a kind of evidence:"
				 " \"%s\" (want application, household-register, id-card or"
				 " police-certificate)"), cfg->change_evidence,
				 sizeof(cfg->change_evidence));
	}
	if (strcmp(k, "levels") == 0) {
		c->floor_line[F_LEVELS] = line_of(v);
		return word_list(c, v, where, approving_role, APPROVER, cfg->change_levels,
				 sizeof(cfg->change_levels));
	}
	if (strcmp(k, "status_levels") == 0) {
		c->floor_line[F_STATUS_LEVELS] = line_of(v);
		return word_list(c, v, where, approving_role, APPROVER, cfg->status_levels,
				 sizeof(cfg->status_levels));
	}
	if (strcmp(k, "name_and_id_apart") != 0)
		return 1;
	if (!(s = scalar(c, v, where)))
		return -1;
	if (strcmp(s, "true") && strcmp(s, "false"))
		return fail(c, v, where, N_("want true or false, not \"%s\""), s);
	cfg->change_apart = strcmp(s, "true") == 0;
	return 0;
}

static int kind_word(const char *w)
{
	return *w && strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(w) &&
	       strlen(w) < 40;
}

static int checklist_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
			  const char *where)
{
	struct xj_config *cfg = obj;
	char list[512];
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(k, xj_config_archive_stages[i]) == 0)
			break;
	if (i == 4)
		return fail(c, v, where, "%s", _("not a stage (want arrival, registration, study,"
			    " graduation)"));
	if (word_list(c, v, where, kind_word, N_("not a kind of item: \"%s\" (want lowercase"
		      " letters, digits and -)"), list, sizeof(list)) < 0)
		return -1;
	xj_sb_addf(cfg->archive_kinds, "%s%s:%s", cfg->archive_kinds->len ? ";" : "", k, list);
	return 0;
}

static int archive_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
			const char *where)
{
	struct xj_config *cfg = obj;
	const char *s;

	if (strcmp(k, "checklist") == 0) {
		xj_sb_reset(cfg->archive_kinds);
		return each_pair(c, v, where, checklist_pair, cfg);
	}
	if (strcmp(k, "lend_days") == 0)
		return number(c, v, where, 1, 365, &cfg->lend_days);
	if (strcmp(k, "root") != 0)
		return 1;
	if (!(s = scalar(c, v, where)))
		return -1;
	if (*s != '/')
		return fail(c, v, where, N_("want an absolute path, not \"%s\""), s);
	free(cfg->archive_root);
	cfg->archive_root = xj_xstrdup(s);
	return 0;
}

static int number_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		       const char *where)
{
	struct xj_config *cfg = obj;
	const char *s;
	struct xj_error e;

	if (strcmp(k, "pattern") != 0)
		return 1;
	if (!(s = scalar(c, v, where)))
		return -1;
	xj_error_clear(&e);
	if (strlen(s) >= sizeof(cfg->number_pattern) || xj_stuno_pattern_check(s, &e) < 0)
		return fail(c, v, where, "%s", *e.msg ? e.msg : _("pattern too long"));
	snprintf(cfg->number_pattern, sizeof(cfg->number_pattern), "%s", s);
	return 0;
}

static int diploma_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
			const char *where)
{
	struct xj_config *cfg = obj;
	const char *s = scalar(c, v, where);
	struct xj_error e;

	if (!s)
		return -1;
	if (strcmp(k, "principal") == 0) {
		free(cfg->principal);
		cfg->principal = xj_xstrdup(s);
	} else if (strcmp(k, "school_type") == 0) {
		if (strlen(s) != 1 || !strchr("15678", *s))
			return fail(c, v, where, N_("want one digit of 办学类型 (1 普通, 5 成人,"
				    " 6 自考, 7 网络), not \"%s\""), s);
		snprintf(cfg->cert_type, sizeof(cfg->cert_type), "%s", s);
	} else if (strcmp(k, "level") == 0) {
		if (strlen(s) != 2 || strspn(s, "0123456789") != 2)
			return fail(c, v, where, N_("want the two digits of 培养层次 (06 专科, 05"
				    " 本科), not \"%s\""), s);
		snprintf(cfg->cert_level, sizeof(cfg->cert_level), "%s", s);
	} else if (strcmp(k, "proof_pattern") == 0) {
		xj_error_clear(&e);
		if (strlen(s) >= sizeof(cfg->proof_pattern) || xj_stuno_pattern_check(s, &e) < 0)
			return fail(c, v, where, "%s", *e.msg ? e.msg : _("pattern too long"));
		snprintf(cfg->proof_pattern, sizeof(cfg->proof_pattern), "%s", s);
	} else {
		return 1;
	}
	return 0;
}

/* A list of mappings into an array of structs of size sz. */
static int list(struct cp *c, yaml_node_t *v, const char *where, size_t sz,
		void **arr, size_t *n, pair_fn fn)
{
	yaml_node_item_t *it;
	size_t i = 0;

	if (want(c, v, YAML_SEQUENCE_NODE, where) < 0)
		return -1;
	*n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	*arr = xj_xcalloc(*n + 1, sz);
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++, i++) {
		struct xj_sb w = XJ_SB_INIT;
		int rc;

		xj_sb_addf(&w, "%s[%zu]", where, i + 1);
		rc = each_pair(c, node(c, *it), w.buf, fn, (char *)*arr + i * sz);
		xj_sb_release(&w);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int archive_list(struct cp *c, yaml_node_t *v, const char *where,
			struct xj_config *cfg)
{
	yaml_node_item_t *it;

	if (want(c, v, YAML_SEQUENCE_NODE, where) < 0)
		return -1;
	cfg->archive_items = xj_xcalloc((size_t)(v->data.sequence.items.top -
				v->data.sequence.items.start) + 1, sizeof(char *));
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
		if (!(cfg->archive_items[cfg->narchive++] = text(c, node(c, *it), where)))
			return -1;
	return 0;
}

static int top_pair(struct cp *c, const char *k, yaml_node_t *v, void *obj,
		    const char *where)
{
	struct xj_config *cfg = obj;

	if (strcmp(k, "school") == 0)
		return each_pair(c, v, where, school_pair, cfg);
	if (strcmp(k, "departments") == 0)
		return list(c, v, where, sizeof(struct xj_dept), (void **)&cfg->depts,
			    &cfg->ndepts, dept_pair);
	if (strcmp(k, "majors") == 0)
		return list(c, v, where, sizeof(struct xj_major), (void **)&cfg->majors,
			    &cfg->nmajors, major_pair);
	if (strcmp(k, "staff") == 0)
		return list(c, v, where, sizeof(struct xj_staff), (void **)&cfg->staff,
			    &cfg->nstaff, staff_pair);
	if (strcmp(k, "calendar") == 0)
		return list(c, v, where, sizeof(struct xj_term), (void **)&cfg->terms,
			    &cfg->nterms, term_pair);
	if (strcmp(k, "cohorts") == 0)
		return list(c, v, where, sizeof(struct xj_cohort_cfg), (void **)&cfg->cohorts,
			    &cfg->ncohorts, cohort_pair);
	if (strcmp(k, "windows") == 0)
		return each_pair(c, v, where, window_pair, cfg);
	if (strcmp(k, "archive_checklist") == 0)
		return archive_list(c, v, where, cfg);
	if (strcmp(k, "changes") == 0)
		return each_pair(c, v, where, change_pair, cfg);
	if (strcmp(k, "student_numbers") == 0)
		return each_pair(c, v, where, number_pair, cfg);
	if (strcmp(k, "diplomas") == 0)
		return each_pair(c, v, where, diploma_pair, cfg);
	if (strcmp(k, "archive") == 0)
		return each_pair(c, v, where, archive_pair, cfg);
	return 1;
}

static int dept_known(const struct xj_config *cfg, const char *code)
{
	size_t i;

	for (i = 0; i < cfg->ndepts; i++)
		if (strcmp(cfg->depts[i].code, code) == 0)
			return 1;
	return 0;
}

/* msg is translated by xj_error_set, like fail()'s fmt. */
static int check_one(struct xj_error *err, const char *file, const char *where,
		     size_t i, const char *msg, const char *arg)
{
	char w[64];

	snprintf(w, sizeof(w), "%s[%zu]", where, i + 1);
	xj_error_where(err, file, 0, w);
	return xj_error_set(err, XJ_EDATA, msg, arg);
}

static int check_depts(const struct xj_config *cfg, const char *file,
		       struct xj_error *err)
{
	size_t i, j;

	for (i = 0; i < cfg->ndepts; i++) {
		if (!cfg->depts[i].code || !cfg->depts[i].name)
			return check_one(err, file, "departments", i, "%s",
					 _("a department needs a code and a name"));
		for (j = 0; j < i; j++) {
			if (strcmp(cfg->depts[i].code, cfg->depts[j].code) == 0)
				return check_one(err, file, "departments", i,
						 N_("department code %s given twice"),
						 cfg->depts[i].code);
			if (strcmp(cfg->depts[i].name, cfg->depts[j].name) == 0)
				return check_one(err, file, "departments", i,
						 N_("department name %s given twice"),
						 cfg->depts[i].name);
		}
	}
	return 0;
}

/* A major's code is six digits, its department one of the config's, its
 * ordinal 1 to 4 digits; code and ordinal are each the major's own. */
static int check_major(const struct xj_config *cfg, size_t i, const char *file,
		       struct xj_error *err)
{
	const struct xj_major *m = &cfg->majors[i];
	char code[8];
	struct xj_error e;
	size_t j, n;

	if (!m->code || !m->name || !m->dept || !m->ordinal)
		return check_one(err, file, "majors", i, "%s",
				 _("a major needs a code, a name, a dept and an ordinal"));
	xj_error_clear(&e);
	if (xj_validate_major_code(m->code, code, sizeof(code), &e) < 0)
		return check_one(err, file, "majors", i, N_("code %s: must be 6 digits"),
				 m->code);
	if (!dept_known(cfg, m->dept))
		return check_one(err, file, "majors", i, N_("unknown dept %s"), m->dept);
	n = strlen(m->ordinal);
	if (n < 1 || n > 4 || strspn(m->ordinal, "0123456789") != n)
		return check_one(err, file, "majors", i,
				 N_("ordinal %s: want 1 to 4 digits"), m->ordinal);
	for (j = 0; j < i; j++) {
		if (strcmp(m->code, cfg->majors[j].code) == 0)
			return check_one(err, file, "majors", i, N_("major code %s given twice"),
					 m->code);
		if (strcmp(m->ordinal, cfg->majors[j].ordinal) == 0)
			return check_one(err, file, "majors", i,
					 N_("ordinal %s given twice"), m->ordinal);
	}
	return 0;
}

const struct xj_major *xj_config_major(const struct xj_config *cfg, const char *code)
{
	size_t i;

	for (i = 0; code && i < cfg->nmajors; i++)
		if (strcmp(cfg->majors[i].code, code) == 0)
			return &cfg->majors[i];
	return NULL;
}

static int check_staff(const struct xj_config *cfg, const char *file,
		       struct xj_error *err)
{
	size_t i, j;

	for (i = 0; i < cfg->nstaff; i++) {
		const struct xj_staff *s = &cfg->staff[i];

		if (!s->name || !s->roles)
			return check_one(err, file, "staff", i, "%s",
					 _("a staff member needs a name and roles"));
		if (s->dept && !dept_known(cfg, s->dept))
			return check_one(err, file, "staff", i,
					 N_("dept %s is not a department code"), s->dept);
		if ((s->roles & XJ_ROLE_DEPT_HEAD) && !s->dept)
			return check_one(err, file, "staff", i, "%s",
					 _("a dept-head needs a dept"));
		for (j = 0; j < i; j++) {
			if (strcmp(s->name, cfg->staff[j].name) == 0)
				return check_one(err, file, "staff", i,
						 N_("staff name %s given twice"), s->name);
			if (s->key && cfg->staff[j].key && strcmp(s->key, cfg->staff[j].key) == 0)
				return check_one(err, file, "staff", i,
						 N_("key of %s given twice"), s->name);
		}
	}
	return 0;
}

/* Calendar years and cohorts: each once, each with its date. */
static int check_dates(const struct xj_config *cfg, const char *file,
		       struct xj_error *err)
{
	size_t i, j;

	for (i = 0; i < cfg->nterms; i++) {
		if (!cfg->terms[i].year || !cfg->terms[i].first_term_start[0])
			return check_one(err, file, "calendar", i, "%s",
					 _("a calendar entry needs a year and a first_term_start"));
		for (j = 0; j < i; j++)
			if (cfg->terms[i].year == cfg->terms[j].year)
				return check_one(err, file, "calendar", i, "%s",
						 _("year given twice"));
	}
	for (i = 0; i < cfg->ncohorts; i++) {
		if (!cfg->cohorts[i].cohort || !cfg->cohorts[i].enrol_date[0])
			return check_one(err, file, "cohorts", i, "%s",
					 _("a cohort needs a cohort year and an enrol_date"));
		for (j = 0; j < i; j++)
			if (cfg->cohorts[i].cohort == cfg->cohorts[j].cohort)
				return check_one(err, file, "cohorts", i, "%s",
						 _("cohort given twice"));
	}
	return 0;
}

/* reviewer, then dept-head, then leader: three levels, more allowed. */
int xj_config_levels_ok(const char *list)
{
	int a = list_pos(list, "reviewer"), b = list_pos(list, "dept-head"),
	    c = list_pos(list, "leader");

	return a >= 0 && a < b && b < c;
}

/* msg is marked N_() and translated here. */
static int below(const struct cp *c, int which, const char *where, const char *msg)
{
	xj_error_where(c->err, c->file, c->floor_line[which], where);
	return xj_error_set(c->err, XJ_EDATA, "%s", _(msg));
}

/* The policy's floors: a config may make the rules stricter, never looser
 * (P1, P7, P11, P12). */
static int floors(const struct xj_config *cfg, const struct cp *c)
{
	if (!xj_config_levels_ok(cfg->change_levels))
		return below(c, F_LEVELS, "changes.levels", N_("below the policy (P12): key"
			     " data is approved by reviewer, dept-head and leader, in that order"));
	if (!xj_config_levels_ok(cfg->status_levels))
		return below(c, F_STATUS_LEVELS, "changes.status_levels", N_("below the policy"
			     " (P1): a status change is approved by reviewer, dept-head and leader,"
			     " in that order"));
	if (list_pos(cfg->change_evidence, "application") < 0 ||
	    list_pos(cfg->change_evidence, "household-register") < 0 ||
	    list_pos(cfg->change_evidence, "id-card") < 0)
		return below(c, F_EVIDENCE, "changes.evidence", N_("below the policy (P12): a"
			     " change of key data needs application, household-register and"
			     " id-card"));
	if (cfg->recheck_months > 3)
		return below(c, F_RECHECK, "windows.recheck_months", N_("below the policy (P7):"
			     " the re-check is due within 3 months of enrolment at the latest"));
	if (cfg->annual_months > 1)
		return below(c, F_ANNUAL, "windows.annual_registration_months", N_("below the"
			     " policy (P11): the annual registration is due within 1 month of the"
			     " first term at the latest"));
	return 0;
}

/* What the YAML shape cannot say: required values, unique names, links,
 * the policy's floors. */
static int check(const struct xj_config *cfg, const struct cp *c)
{
	if (!cfg->school_name || !cfg->school_code[0]) {
		xj_error_where(c->err, c->file, 0, "school");
		return xj_error_set(c->err, XJ_EDATA, "school name and code are required");
	}
	size_t i;

	if (check_depts(cfg, c->file, c->err) < 0)
		return -1;
	for (i = 0; i < cfg->nmajors; i++)
		if (check_major(cfg, i, c->file, c->err) < 0)
			return -1;
	if (check_staff(cfg, c->file, c->err) < 0 ||
	    check_dates(cfg, c->file, c->err) < 0)
		return -1;
	return floors(cfg, c);
}

int xj_config_parse(const char *file, const char *text_, size_t len,
		    struct xj_config *cfg, struct xj_error *err)
{
	yaml_parser_t p;
	yaml_document_t doc;
	struct cp c;
	int rc;

	memset(cfg, 0, sizeof(*cfg));
	cfg->recheck_months = 3;
	cfg->annual_months = 1;
	snprintf(cfg->change_evidence, sizeof(cfg->change_evidence), "%s", "application,household-register,id-card");
	snprintf(cfg->change_levels, sizeof(cfg->change_levels), "%s", "reviewer,dept-head,leader");
	snprintf(cfg->status_levels, sizeof(cfg->status_levels), "%s", "reviewer,dept-head,leader");
	cfg->change_apart = 1;
	snprintf(cfg->number_pattern, sizeof(cfg->number_pattern), "%s", "{year}{major}{seq:3}");
	snprintf(cfg->cert_type, sizeof(cfg->cert_type), "%s", "1");
	snprintf(cfg->cert_level, sizeof(cfg->cert_level), "%s", "06");
	snprintf(cfg->proof_pattern, sizeof(cfg->proof_pattern), "%s", "{school}ZM{issued}{seq:4}");
	cfg->lend_days = 14;
	cfg->archive_kinds = xj_xcalloc(1, sizeof(struct xj_sb));
	if (xj_yamlfile_depth_check(file, text_, len, err) < 0) {
		xj_config_release(cfg);
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text_, len);
	if (!yaml_parser_load(&p, &doc)) {
		xj_error_where(err, file, (long)p.problem_mark.line + 1, NULL);
		xj_error_set(err, XJ_EDATA, "not valid YAML: %s",
			     p.problem ? p.problem : _("parse error"));
		yaml_parser_delete(&p);
		xj_config_release(cfg);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.doc = &doc;
	c.file = file;
	c.err = err;
	rc = yaml_document_get_root_node(&doc) ?
		each_pair(&c, yaml_document_get_root_node(&doc), "", top_pair, cfg) :
		(xj_error_where(err, file, 1, NULL),
		 xj_error_set(err, XJ_EDATA, "the config is empty"));
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	if (rc == 0)
		rc = check(cfg, &c);
	if (rc < 0)
		xj_config_release(cfg);
	return rc;
}

void xj_config_release(struct xj_config *cfg)
{
	size_t i;

	free(cfg->school_name);
	for (i = 0; i < cfg->ndepts; i++)
		free(cfg->depts[i].code), free(cfg->depts[i].name);
	for (i = 0; i < cfg->nmajors; i++)
		free(cfg->majors[i].code), free(cfg->majors[i].name),
			free(cfg->majors[i].dept), free(cfg->majors[i].ordinal);
	free(cfg->majors);
	for (i = 0; i < cfg->nstaff; i++)
		free(cfg->staff[i].name), free(cfg->staff[i].full_name),
			free(cfg->staff[i].dept), free(cfg->staff[i].key);
	for (i = 0; i < cfg->narchive; i++)
		free(cfg->archive_items[i]);
	free(cfg->depts);
	free(cfg->staff);
	free(cfg->terms);
	free(cfg->cohorts);
	free(cfg->archive_items);
	free(cfg->principal);
	free(cfg->archive_root);
	if (cfg->archive_kinds)
		xj_sb_release(cfg->archive_kinds);
	free(cfg->archive_kinds);
	memset(cfg, 0, sizeof(*cfg));
}

void xj_config_sha256(const char *text, size_t len, char hex[65])
{
	xj_sha256_hex(text, len, hex);
}

void xj_config_proposal_release(struct xj_config_proposal *p)
{
	xj_sb_release(&p->file);
	xj_sb_release(&p->text);
	xj_sb_release(&p->sha256);
	xj_sb_release(&p->proposed_by);
	xj_sb_release(&p->why);
	xj_sb_release(&p->approved_by);
	xj_sb_release(&p->at);
}
