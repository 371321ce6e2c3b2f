/* intemplate.c: column templates of files that come back from outside. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "xj/fields.h"
#include "xj/i18n.h"
#include "xj/intemplate.h"
#include "xj/validate.h"
#include "xj/yamlfile.h"

/* A mapping of text to text into p. */
static int text_map(yaml_document_t *doc, yaml_node_t *map, const char *path,
		    const char *where, struct xj_pairs *p, struct xj_error *err)
{
	yaml_node_pair_t *q;

	if (!map || map->type != YAML_MAPPING_NODE)
		return xj_yamlfile_bad(path, map, where, _("want a mapping of names"), err);
	for (q = map->data.mapping.pairs.start; q < map->data.mapping.pairs.top; q++) {
		yaml_node_t *k = yaml_document_get_node(doc, q->key);
		yaml_node_t *v = yaml_document_get_node(doc, q->value);

		if (!k || !v || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE)
			return xj_yamlfile_bad(path, k, where, _("want name: name"), err);
		xj_pairs_add(p, (const char *)k->data.scalar.value,
			     (const char *)v->data.scalar.value);
	}
	return 0;
}

static int section_index(const struct xj_intemplate *t, const char *name)
{
	int i;

	for (i = 0; t->names[i] && i < XJ_INTEMPLATE_MAX; i++)
		if (strcmp(t->names[i], name) == 0)
			return i;
	return -1;
}

static int read_template(yaml_document_t *doc, const char *path, struct xj_intemplate *t,
			 struct xj_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	yaml_node_pair_t *q;

	if (!root || root->type != YAML_MAPPING_NODE)
		return xj_yamlfile_bad(path, root, "", _("a template is a mapping"), err);
	for (q = root->data.mapping.pairs.start; q < root->data.mapping.pairs.top; q++) {
		yaml_node_t *k = yaml_document_get_node(doc, q->key);
		yaml_node_t *v = yaml_document_get_node(doc, q->value);
		const char *key = k && k->type == YAML_SCALAR_NODE ?
			(const char *)k->data.scalar.value : "";
		int i = section_index(t, key);

		if (i < 0) {
			struct xj_sb list = XJ_SB_INIT, msg = XJ_SB_INIT;
			int j;

			for (j = 0; t->names[j]; j++)
				xj_sb_addf(&list, "%s%s", j ? ", " : "", t->names[j]);
			xj_sb_addf(&msg, _("unknown setting (want %s)"), list.buf ? list.buf : "");
			xj_yamlfile_bad(path, k, key, msg.buf, err);
			xj_sb_release(&list);
			xj_sb_release(&msg);
			return -1;
		}
		if (text_map(doc, v, path, key, &t->sec[i], err) < 0)
			return -1;
	}
	return 0;
}

struct xj_intemplate *xj_intemplate_load(const char *path, const char *const *names,
					 struct xj_error *err)
{
	struct xj_intemplate *t;
	yaml_document_t doc;
	int rc;

	if (xj_yamlfile_load(path, &doc, err) < 0)
		return NULL;
	t = xj_xcalloc(1, sizeof(*t));
	t->names = names;
	rc = read_template(&doc, path, t, err);
	yaml_document_delete(&doc);
	if (rc < 0) {
		xj_intemplate_free(t);
		return NULL;
	}
	return t;
}

void xj_intemplate_free(struct xj_intemplate *t)
{
	int i;

	if (!t)
		return;
	for (i = 0; i < XJ_INTEMPLATE_MAX; i++)
		xj_pairs_release(&t->sec[i]);
	free(t);
}

const char *xj_intemplate_value(const struct xj_intemplate *t, const struct xj_record *rec,
				const char *ours, struct xj_sb *out)
{
	int i = t ? section_index(t, "columns") : -1;
	const char *col = i >= 0 && xj_pairs_has(&t->sec[i], ours) ?
		xj_pairs_get(&t->sec[i], ours) : ours;
	const struct xj_field_def *f = xj_fields_lookup(col);
	const char *v = xj_reader_get(rec, f ? f->name : col);

	xj_sb_reset(out);
	xj_sb_adds(out, v ? v : "");
	xj_validate_trim(out->buf);
	return out->buf;
}

const char *xj_intemplate_word(const struct xj_intemplate *t, const char *section,
			       const char *v)
{
	int i = t ? section_index(t, section) : -1;

	return i >= 0 && xj_pairs_has(&t->sec[i], v) ? xj_pairs_get(&t->sec[i], v) : v;
}
