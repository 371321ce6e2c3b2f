/* yamlfile.c: a YAML file into a document. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/yamlfile.h"

int xj_yaml_load(const char *path, yaml_document_t *doc, struct xj_error *err)
{
	yaml_parser_t parser;
	FILE *fp = fopen(path, "rb");
	int rc = 0;

	if (!fp)
		return xj_error_set(err, XJ_EIO, "cannot open %s: %s", path, strerror(errno));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	if (!yaml_parser_load(&parser, doc)) {
		xj_error_where(err, path, (long)parser.problem_mark.line + 1, NULL);
		rc = xj_error_set(err, XJ_EDATA, "not valid YAML: %s",
				  parser.problem ? parser.problem : _("parse error"));
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	return rc;
}
