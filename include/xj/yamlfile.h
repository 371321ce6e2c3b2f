/* yamlfile.h: YAML read whole into a libyaml document, its syntax errors
 * named by file and line.  The caller deletes the document.  Nesting is
 * bounded (XJ_YAML_DEPTH) and checked first, in time linear in the text,
 * since libyaml's scanner slows down with every level; a template's values
 * pass xj_text_flaw. */
#ifndef XJ_YAMLFILE_H
#define XJ_YAMLFILE_H

#include <stddef.h>
#include <yaml.h>

#include "xj/error.h"

#define XJ_YAML_DEPTH 64
/* A template or sheet file is small: larger is refused, not read. */
#define XJ_YAML_FILE_MAX (4L << 20)

/* Refuse text (named path in errors) nested deeper than XJ_YAML_DEPTH. */
int xj_yamlfile_depth_check(const char *path, const char *text, size_t len,
			struct xj_error *err);
int xj_yamlfile_load(const char *path, yaml_document_t *doc, struct xj_error *err);
/* A template's refusal (XJ_EDATA, the text msg as it is) at node n of
 * path (line 0 when n is NULL), in field where; -1. */
int xj_yamlfile_bad(const char *path, const yaml_node_t *n, const char *where,
		const char *msg, struct xj_error *err);

#endif
