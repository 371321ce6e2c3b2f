/* photos.c: photo-comparison results in through a column template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xj/fields.h"
#include "xj/pairs.h"
#include "xj/photos.h"
#include "xj/strbuf.h"
#include "xj/validate.h"

struct xj_photo_template {
	struct xj_pairs columns, pairs, results;
};

static const char *const pairs_known[] = {
	"onsite-exam", "onsite-idcard", "graduation-admission", "graduation-enrolment",
	"graduation-idcard", "chsi-identity",
};

int xj_photo_pair_known(const char *pair)
{
	size_t i;

	for (i = 0; i < sizeof(pairs_known) / sizeof(pairs_known[0]); i++)
		if (strcmp(pair, pairs_known[i]) == 0)
			return 1;
	return 0;
}

static int bad(const char *path, const yaml_node_t *n, const char *where,
	       const char *msg, struct xj_error *err)
{
	xj_error_where(err, path, n ? (long)n->start_mark.line + 1 : 0, where);
	return xj_error_set(err, XJ_EDATA, "%s", msg);
}

/* A mapping of text to text into p. */
static int text_map(yaml_document_t *doc, yaml_node_t *map, const char *path,
		    const char *where, struct xj_pairs *p, struct xj_error *err)
{
	yaml_node_pair_t *q;

	if (!map || map->type != YAML_MAPPING_NODE)
		return bad(path, map, where, "want a mapping of names", err);
	for (q = map->data.mapping.pairs.start; q < map->data.mapping.pairs.top; q++) {
		yaml_node_t *k = yaml_document_get_node(doc, q->key);
		yaml_node_t *v = yaml_document_get_node(doc, q->value);

		if (!k || !v || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)
			return bad(path, k, where, "want name: name", err);
		xj_pairs_add(p, (const char *)k->data.scalar.value,
			     (const char *)v->data.scalar.value);
	}
	return 0;
}

static int read_template(yaml_document_t *doc, const char *path,
			 struct xj_photo_template *t, struct xj_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	yaml_node_pair_t *q;

	if (!root || root->type != YAML_MAPPING_NODE)
		return bad(path, root, "", "a template is a mapping", err);
	for (q = root->data.mapping.pairs.start; q < root->data.mapping.pairs.top; q++) {
		yaml_node_t *k = yaml_document_get_node(doc, q->key);
		yaml_node_t *v = yaml_document_get_node(doc, q->value);
		const char *key = k && k->type == YAML_SCALAR_NODE ?
			(const char *)k->data.scalar.value : "";
		struct xj_pairs *p = !strcmp(key, "columns") ? &t->columns :
				     !strcmp(key, "pair") ? &t->pairs :
				     !strcmp(key, "result") ? &t->results : NULL;

		if (!p)
			return bad(path, k, key, "unknown setting (want columns, pair, result)", err);
		if (text_map(doc, v, path, key, p, err) < 0)
			return -1;
	}
	return 0;
}

struct xj_photo_template *xj_photo_template_load(const char *path,
						 struct xj_error *err)
{
	struct xj_photo_template *t;
	yaml_parser_t parser;
	yaml_document_t doc;
	FILE *fp = fopen(path, "rb");
	int rc;

	if (!fp) {
		xj_error_set(err, XJ_EIO, "cannot open %s", path);
		return NULL;
	}
	t = xj_xcalloc(1, sizeof(*t));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	if (!yaml_parser_load(&parser, &doc)) {
		xj_error_where(err, path, (long)parser.problem_mark.line + 1, NULL);
		xj_error_set(err, XJ_EDATA, "not valid YAML: %s",
			     parser.problem ? parser.problem : "parse error");
		rc = -1;
	} else {
		rc = read_template(&doc, path, t, err);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	if (rc < 0) {
		xj_photo_template_free(t);
		return NULL;
	}
	return t;
}

void xj_photo_template_free(struct xj_photo_template *t)
{
	if (!t)
		return;
	xj_pairs_release(&t->columns);
	xj_pairs_release(&t->pairs);
	xj_pairs_release(&t->results);
	free(t);
}

/* Our field's value in the row, through the template's column name. */
static const char *value(const struct xj_photo_template *t, const struct xj_record *rec,
			 const char *ours, struct xj_sb *out)
{
	const char *col = t && xj_pairs_has(&t->columns, ours) ?
		xj_pairs_get(&t->columns, ours) : ours;
	const struct xj_field_def *f = xj_field_lookup(col);
	const char *v = xj_record_get(rec, f ? f->name : col);

	xj_sb_reset(out);
	xj_sb_adds(out, v ? v : "");
	xj_trim(out->buf);
	return out->buf;
}

/* Their word for a pair or a result, in ours. */
static const char *word(const struct xj_pairs *map, const char *v)
{
	return map && xj_pairs_has(map, v) ? xj_pairs_get(map, v) : v;
}

struct row {
	struct xj_sb key, pair, result, score, date;
	const char *key_field;
};

static int read_row(const struct xj_photo_template *t, const struct xj_record *rec,
		    struct row *r, struct xj_error *err)
{
	static const char *const keys[] = { "exam_no", "id_number", "student_no" };
	char date[11];
	size_t i;

	for (i = 0; i < 3 && !r->key.len; i++)
		if (*value(t, rec, keys[i], &r->key))
			r->key_field = keys[i];
	if (!r->key_field)
		return xj_error_where(err, NULL, 0, "exam_no"),
		       xj_error_set(err, XJ_EDATA, "a row needs exam_no, id_number or student_no");
	value(t, rec, "pair", &r->pair);
	value(t, rec, "result", &r->result);
	value(t, rec, "score", &r->score);
	value(t, rec, "date", &r->date);
	if (!xj_photo_pair_known(word(t ? &t->pairs : NULL, r->pair.buf)))
		return xj_error_where(err, NULL, 0, "pair"),
		       xj_error_set(err, XJ_EDATA, "unknown pair \"%s\"", r->pair.buf);
	if (strspn(r->score.buf, "0123456789.") != r->score.len)
		return xj_error_where(err, NULL, 0, "score"),
		       xj_error_set(err, XJ_EDATA, "not a score: \"%s\"", r->score.buf);
	if (r->date.len && xj_check_date(r->date.buf, date, sizeof(date), err) < 0)
		return xj_error_where(err, NULL, 0, "date"), -1;
	if (r->date.len) {
		xj_sb_reset(&r->date);
		xj_sb_adds(&r->date, date);
	}
	return 0;
}

static void row_release(struct row *r)
{
	xj_sb_release(&r->key);
	xj_sb_release(&r->pair);
	xj_sb_release(&r->result);
	xj_sb_release(&r->score);
	xj_sb_release(&r->date);
}

static int record(struct xj_store *st, long long sid, const char *pair,
		  const char *result, const struct row *r, struct xj_error *err)
{
	struct xj_sb json = XJ_SB_INIT;
	int rc;

	if (r->date.len && (rc = xj_store_photo_known(st, sid, pair, result, r->date.buf, err)))
		return rc;
	xj_sb_addf(&json, "{\"pair\":\"%s\",\"result\":\"%s\"", pair, result);
	if (r->score.len)
		xj_sb_addf(&json, ",\"score\":\"%s\"", r->score.buf);
	if (r->date.len)
		xj_sb_addf(&json, ",\"date\":\"%s\"", r->date.buf);
	xj_sb_addc(&json, '}');
	rc = xj_store_photo_add(st, sid, pair, result, r->score.len ? r->score.buf : NULL,
				"photos", r->date.buf, err);
	if (rc == 0)
		rc = xj_store_audit(st, sid, "photo-check", NULL, json.buf, err);
	xj_sb_release(&json);
	return rc;
}

int xj_photo_row(struct xj_store *st, const struct xj_photo_template *t,
		 const struct xj_record *rec, struct xj_error *err)
{
	struct row r;
	struct xj_student s;
	const char *result;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	rc = read_row(t, rec, &r, err);
	result = word(t ? &t->results : NULL, r.result.buf);
	if (rc == 0 && strcmp(result, "match") && strcmp(result, "mismatch") &&
	    strcmp(result, "unclear")) {
		xj_error_where(err, NULL, 0, "result");
		rc = xj_error_set(err, XJ_EDATA, "unknown result \"%s\" (want match, mismatch"
				  " or unclear, or map it in the template)", r.result.buf);
	}
	if (rc == 0) {
		rc = xj_store_student_find(st, !strcmp(r.key_field, "exam_no") ? XJ_S_EXAM_NO :
					   !strcmp(r.key_field, "id_number") ? XJ_S_ID_NUMBER :
					   XJ_S_STUDENT_NO, r.key.buf, &s, err);
		if (rc == 0) {
			xj_error_where(err, NULL, 0, r.key_field);
			rc = xj_error_set(err, XJ_EDATA, "no student with %s %s", r.key_field,
					  r.key.buf);
		} else if (rc > 0) {
			rc = record(st, s.id, word(t ? &t->pairs : NULL, r.pair.buf), result, &r, err);
		}
	}
	xj_student_release(&s);
	row_release(&r);
	return rc;
}
