/* yamlfile.c: a YAML file into a document, its depth and text checked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/infile.h"
#include "xj/strbuf.h"
#include "xj/text.h"
#include "xj/yamlfile.h"

static int syntax(const char *path, const yaml_parser_t *p, struct xj_error *err)
{
	xj_error_where(err, path, (long)p->problem_mark.line + 1, NULL);
	return xj_error_set(err, XJ_EDATA, "not valid YAML: %s",
			    p->problem ? p->problem : _("parse error"));
}

/* The events alone, stopped at the first level too deep: libyaml scans
 * ahead at most a simple key's length (1024), so this ends in time linear
 * in the text however deep it goes. */
int xj_yamlfile_depth_check(const char *path, const char *text, size_t len,
			struct xj_error *err)
{
	yaml_parser_t p;
	int depth = 0, rc = 0, done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (rc == 0 && !done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&p, &ev)) {
			rc = syntax(path, &p, err);
			break;
		}
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > XJ_YAML_DEPTH) {
			xj_error_where(err, path, (long)ev.start_mark.line + 1, NULL);
			rc = xj_error_set(err, XJ_EDATA, "nested deeper than %d levels",
					  XJ_YAML_DEPTH);
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/* Every value of the document, as a name would be checked. */
static int text_check(const char *path, yaml_document_t *doc, struct xj_error *err)
{
	yaml_node_t *n;

	for (n = doc->nodes.start; n < doc->nodes.top; n++) {
		char buf[96];
		const char *why;

		if (n->type != YAML_SCALAR_NODE)
			continue;
		why = xj_text_flaw((const char *)n->data.scalar.value, 0, buf, sizeof(buf));
		if (why) {
			xj_error_where(err, path, (long)n->start_mark.line + 1, NULL);
			return xj_error_set(err, XJ_EDATA, "%s", why);
		}
	}
	return 0;
}

int xj_yamlfile_load(const char *path, yaml_document_t *doc, struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT;
	yaml_parser_t parser;
	int rc = xj_infile_read(path, XJ_YAML_FILE_MAX, 0, &text, err);

	if (rc == 0)
		rc = xj_yamlfile_depth_check(path, text.buf, text.len, err);
	if (rc < 0) {
		xj_sb_release(&text);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text.buf, text.len);
	if (!yaml_parser_load(&parser, doc))
		rc = syntax(path, &parser, err);
	else if (text_check(path, doc, err) < 0) {
		yaml_document_delete(doc);
		rc = -1;
	}
	yaml_parser_delete(&parser);
	xj_sb_release(&text);
	return rc;
}

int xj_yamlfile_bad(const char *path, const yaml_node_t *n, const char *where,
		const char *msg, struct xj_error *err)
{
	xj_error_where(err, path, n ? (long)n->start_mark.line + 1 : 0, where);
	return xj_error_set(err, XJ_EDATA, "%s", msg);
}
