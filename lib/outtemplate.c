/* outtemplate.c: CHSI upload files through a template. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xj/conv.h"
#include "xj/i18n.h"
#include "xj/mask.h"
#include "xj/nameform.h"
#include "xj/outtemplate.h"
#include "xj/writer.h"
#include "xj/yamlfile.h"

struct column {
	char *header, *field, *value, *format;
	struct xj_pairs map;
	int width, required;
};

struct xj_outtemplate {
	struct column *cols;
	size_t n;
	char charset[16];
	int crlf, header;
	struct xj_conv *cd;
	struct xj_sb row, conv;
};

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A column's width: 1 to 9999 written in digits, else 0. */
static int width_of(const char *s)
{
	char *end;
	long n;

	if (!*s || strspn(s, "0123456789") != strlen(s))
		return 0;
	n = strtol(s, &end, 10);
	return n > 0 && n < 10000 ? (int)n : 0;
}

static int column_pair(yaml_document_t *doc, const char *path, const char *where,
		       const char *k, yaml_node_t *v, struct column *c, struct xj_error *err)
{
	const char *s = scalar(v);
	yaml_node_pair_t *q;

	if (strcmp(k, "map") == 0) {
		if (!v || v->type != YAML_MAPPING_NODE)
			return xj_yamlfile_bad(path, v, where, _("map: want a mapping of words"), err);
		for (q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++)
			if (!scalar(yaml_document_get_node(doc, q->key)) ||
			    !scalar(yaml_document_get_node(doc, q->value)))
				return xj_yamlfile_bad(path, v, where, _("map: want word: word"), err);
			else
				xj_pairs_add(&c->map, scalar(yaml_document_get_node(doc, q->key)),
					     scalar(yaml_document_get_node(doc, q->value)));
		return 0;
	}
	if (!s)
		return xj_yamlfile_bad(path, v, where, _("want a single value"), err);
	if ((!strcmp(k, "header") && c->header) || (!strcmp(k, "field") && c->field) ||
	    (!strcmp(k, "value") && c->value) || (!strcmp(k, "format") && c->format))
		return xj_yamlfile_bad(path, v, where, _("a setting given twice"), err);
	if (strcmp(k, "header") == 0)
		c->header = xj_xstrdup(s);
	else if (strcmp(k, "field") == 0)
		c->field = xj_xstrdup(s);
	else if (strcmp(k, "value") == 0)
		c->value = xj_xstrdup(s);
	else if (strcmp(k, "format") == 0 && (!strcmp(s, "yyyymmdd") || !strcmp(s, "code") ||
					      !strcmp(s, "name") || !strcmp(s, "text")))
		c->format = xj_xstrdup(s);
	else if (strcmp(k, "width") == 0 && width_of(s) > 0)
		c->width = width_of(s);
	else if (strcmp(k, "required") == 0 && (!strcmp(s, "true") || !strcmp(s, "false")))
		c->required = strcmp(s, "true") == 0;
	else
		return xj_yamlfile_bad(path, v, where, strcmp(k, "format") && strcmp(k, "width") &&
				   strcmp(k, "required") ? _("unknown setting (want header,"
				   " field, value, format, width, required, map)") :
				   _("not a value this setting takes"), err);
	return 0;
}

static int known_field(const char *f)
{
	static const char *const more[] = { "cohort", "state", "year", "reason", "status",
		"certificate_no", "conclusion", "graduation_date", "principal", "school_code",
		"school_name" };
	size_t i;

	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		if (strcmp(f, more[i]) == 0)
			return 1;
	return xj_student_field_index(f) >= 0;
}

static int read_columns(yaml_document_t *doc, yaml_node_t *seq, const char *path,
			struct xj_outtemplate *t, struct xj_error *err)
{
	yaml_node_item_t *it;

	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return xj_yamlfile_bad(path, seq, "columns", _("want a list of columns"), err);
	t->cols = xj_xcalloc((size_t)(seq->data.sequence.items.top -
				      seq->data.sequence.items.start) + 1, sizeof(*t->cols));
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *m = yaml_document_get_node(doc, *it);
		struct column *c = &t->cols[t->n++];
		char where[32];
		yaml_node_pair_t *q;

		snprintf(where, sizeof(where), "columns[%zu]", t->n);
		if (!m || m->type != YAML_MAPPING_NODE)
			return xj_yamlfile_bad(path, m, where,
					   _("want a mapping: header, field or value, ..."), err);
		for (q = m->data.mapping.pairs.start; q < m->data.mapping.pairs.top; q++) {
			const char *k = scalar(yaml_document_get_node(doc, q->key));

			if (!k || column_pair(doc, path, where, k, yaml_document_get_node(doc,
					      q->value), c, err) < 0)
				return k ? -1 : xj_yamlfile_bad(path, m, where, _("want name: value"),
							    err);
		}
		if (!c->header || !c->field == !c->value)
			return xj_yamlfile_bad(path, m, where, _("a column wants a header, and a"
					   " field or a value"), err);
		if (c->field && !known_field(c->field))
			return xj_yamlfile_bad(path, m, where, _("not a field of the record"), err);
	}
	return 0;
}

static int read_top(yaml_document_t *doc, const char *path, struct xj_outtemplate *t,
		    struct xj_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	yaml_node_pair_t *q;

	if (!root || root->type != YAML_MAPPING_NODE)
		return xj_yamlfile_bad(path, root, "", _("a template is a mapping"), err);
	for (q = root->data.mapping.pairs.start; q < root->data.mapping.pairs.top; q++) {
		yaml_node_t *kn = yaml_document_get_node(doc, q->key);
		yaml_node_t *v = yaml_document_get_node(doc, q->value);
		const char *k = scalar(kn), *s = scalar(v);

		if (k && strcmp(k, "columns") == 0) {
			if (t->cols)
				return xj_yamlfile_bad(path, kn, k, _("a setting given twice"), err);
			if (read_columns(doc, v, path, t, err) < 0)
				return -1;
		} else if (k && strcmp(k, "encoding") == 0 && s && xj_writer_output_charset(s)) {
			snprintf(t->charset, sizeof(t->charset), "%s", xj_writer_output_charset(s));
		} else if (k && strcmp(k, "line_end") == 0 && s &&
			   (!strcmp(s, "crlf") || !strcmp(s, "lf"))) {
			t->crlf = strcmp(s, "crlf") == 0;
		} else if (k && strcmp(k, "header") == 0 && s &&
			   (!strcmp(s, "true") || !strcmp(s, "false"))) {
			t->header = strcmp(s, "true") == 0;
		} else if (k && (!strcmp(k, "name") || !strcmp(k, "description"))) {
			continue;
		} else {
			return xj_yamlfile_bad(path, kn, k ? k : "", k && (!strcmp(k, "encoding") ||
					   !strcmp(k, "line_end") || !strcmp(k, "header")) ?
					   _("not a value this setting takes (encoding: gbk, gb18030,"
					   " gb18030-2005 or utf-8; line_end: crlf or lf; header: true"
					   " or false)") :
					   _("unknown setting (want name, encoding, line_end, header,"
					   " columns)"), err);
		}
	}
	if (!t->n)
		return xj_yamlfile_bad(path, root, "columns", _("a template needs its columns"), err);
	return 0;
}

struct xj_outtemplate *xj_outtemplate_load(const char *path, struct xj_error *err)
{
	struct xj_outtemplate *t;
	yaml_document_t doc;
	int rc;

	if (xj_yamlfile_load(path, &doc, err) < 0)
		return NULL;
	t = xj_xcalloc(1, sizeof(*t));
	snprintf(t->charset, sizeof(t->charset), "GBK");
	t->crlf = 1;
	t->header = 1;
	rc = read_top(&doc, path, t, err);
	yaml_document_delete(&doc);
	if (rc == 0 && strcmp(t->charset, "UTF-8") &&
	    !(t->cd = xj_conv_open(t->charset, "UTF-8")))
		rc = xj_error_set(err, XJ_EIO, "cannot convert to %s", t->charset);
	if (rc < 0) {
		xj_outtemplate_free(t);
		return NULL;
	}
	return t;
}

void xj_outtemplate_free(struct xj_outtemplate *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->cols[i].header);
		free(t->cols[i].field);
		free(t->cols[i].value);
		free(t->cols[i].format);
		xj_pairs_release(&t->cols[i].map);
	}
	free(t->cols);
	xj_conv_close(t->cd);
	xj_sb_release(&t->row);
	xj_sb_release(&t->conv);
	free(t);
}

/* s in the file's encoding, appended to out; 1 when a character cannot
 * be written. */
static int convert(struct xj_outtemplate *t, const char *s, struct xj_sb *out)
{
	char buf[256];
	char *src = (char *)s;
	size_t left = strlen(s);

	if (!t->cd) {
		xj_sb_adds(out, s);
		return 0;
	}
	xj_conv(t->cd, NULL, NULL, NULL, NULL);
	while (left) {
		char *dst = buf;
		size_t room = sizeof(buf) - 1;

		if (xj_conv(t->cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG)
			return 1;
		*dst = '\0';
		xj_sb_addf(out, "%.*s", (int)(dst - buf), buf);
	}
	return 0;
}

/* CSV: a value with a comma, quote or line break goes in quotes. */
static void add_csv(struct xj_sb *row, const char *v, int first)
{
	if (!first)
		xj_sb_addc(row, ',');
	if (!strpbrk(v, ",\"\r\n")) {
		xj_sb_adds(row, v);
		return;
	}
	xj_sb_add_csv_quoted(row, v);
}

static void end_line(struct xj_outtemplate *t, struct xj_sb *row)
{
	xj_sb_adds(row, t->crlf ? "\r\n" : "\n");
}

int xj_outtemplate_header(struct xj_outtemplate *t, FILE *fp, struct xj_error *err)
{
	size_t i;

	if (!t->header)
		return 0;
	xj_sb_reset(&t->row);
	for (i = 0; i < t->n; i++) {
		xj_sb_reset(&t->conv);
		if (convert(t, t->cols[i].header, &t->conv))
			return xj_error_set(err, XJ_EDATA, "header %s cannot be written in %s",
					    t->cols[i].header, t->charset);
		add_csv(&t->row, t->conv.buf, i == 0);
	}
	end_line(t, &t->row);
	if (fwrite(t->row.buf, 1, t->row.len, fp) != t->row.len)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}

/* The UTF-8 value of column c for s, into v. */
/* CHSI's code of a gender: 1 男, 2 女. */
static void code_gender(struct xj_sb *v)
{
	int male = strcmp(v->buf, "男") == 0;

	xj_sb_reset(v);
	xj_sb_adds(v, male ? "1" : "2");
}

static int value_of(struct xj_outtemplate *t, struct xj_store *st, const struct column *c,
		    const struct xj_student *s, const struct xj_pairs *extra, struct xj_sb *v,
		    struct xj_error *err)
{
	int f = c->field ? xj_student_field_index(c->field) : -1;
	int code = c->format && strcmp(c->format, "code") == 0;
	const char *raw = c->value;

	xj_sb_reset(v);
	if (f == XJ_S_NAME)
		return xj_nameform_export_name(st, s, "chsi", t->charset, v, err);
	if (f == XJ_S_ETHNICITY && code)
		f = XJ_S_ETHNICITY_CODE;
	/* CHSI's FY wants the department's name; the record keeps its code */
	if (f == XJ_S_DEPT && c->format && !strcmp(c->format, "name") && s->v[f]) {
		const char *name = NULL;
		int rc = xj_store_dept_name(st, s->v[f], &name, err);

		if (rc < 0)
			return -1;
		xj_sb_adds(v, rc ? name : s->v[f]);
		return 0;
	}
	if (f >= 0)
		raw = s->v[f];
	else if (c->field && !strcmp(c->field, "cohort"))
		xj_sb_addf(v, "%d", s->cohort);
	else if (c->field && !strcmp(c->field, "status"))
		raw = s->status;
	else if (c->field && extra && xj_pairs_has(extra, c->field))
		raw = xj_pairs_get(extra, c->field);
	if (raw)
		xj_sb_adds(v, raw);
	if (f == XJ_S_GENDER && code && v->len)
		code_gender(v);
	if (c->format && !strcmp(c->format, "yyyymmdd") && v->len == 10 && v->buf[4] == '-') {
		memmove(v->buf + 4, v->buf + 5, 2);
		memmove(v->buf + 6, v->buf + 8, 3);
		v->len = 8;
	}
	if (c->map.n && xj_pairs_has(&c->map, v->buf)) {
		char *w = xj_xstrdup(xj_pairs_get(&c->map, v->buf));

		xj_sb_reset(v);
		xj_sb_adds(v, w);
		free(w);
	}
	return 0;
}

int xj_outtemplate_row(struct xj_outtemplate *t, struct xj_store *st,
		       const struct xj_student *s, const struct xj_pairs *extra, FILE *fp,
		       struct xj_error *err)
{
	struct xj_sb v = XJ_SB_INIT;
	size_t i;
	int rc = 0;

	xj_sb_reset(&t->row);
	for (i = 0; rc == 0 && i < t->n; i++) {
		const struct column *c = &t->cols[i];
		char shown[128];

		rc = value_of(t, st, c, s, extra, &v, err);
		if (rc < 0 && err->code == XJ_EDATA)
			xj_error_where(err, NULL, 0, c->header);
		if (rc < 0)
			break;
		xj_sb_reset(&t->conv);
		/* a refusal names the value, masked where it is personal data */
		if (c->field && xj_mask_wanted(c->field))
			xj_mask(c->field, v.buf, shown, sizeof(shown));
		else
			snprintf(shown, sizeof(shown), "%s", v.buf);
		if (c->required && !v.len)
			rc = xj_error_set(err, XJ_EDATA, "%s: empty, and the column is required",
					  c->header);
		else if (convert(t, v.buf, &t->conv))
			rc = xj_error_set(err, XJ_EDATA, "%s: \"%s\" cannot be written in %s",
					  c->header, shown, t->charset);
		else if (c->width && t->conv.len > (size_t)c->width)
			rc = xj_error_set(err, XJ_EDATA, "%s: \"%s\" is %zu bytes in %s, the column"
					  " takes %d", c->header, shown, t->conv.len, t->charset,
					  c->width);
		if (rc == 0)
			add_csv(&t->row, t->conv.buf, i == 0);
		else
			xj_error_where(err, NULL, 0, c->header);
	}
	xj_sb_release(&v);
	if (rc < 0)
		return -1;
	end_line(t, &t->row);
	if (fwrite(t->row.buf, 1, t->row.len, fp) != t->row.len)
		return xj_error_set(err, XJ_EIO, "write failed: %s", strerror(errno));
	return 0;
}
