/* yamlfile.h: a YAML file read whole into a libyaml document, its syntax
 * errors named by file and line.  The caller deletes the document. */
#ifndef XJ_YAMLFILE_H
#define XJ_YAMLFILE_H

#include <yaml.h>

#include "xj/error.h"

int xj_yaml_load(const char *path, yaml_document_t *doc, struct xj_error *err);

#endif
