/* json.h: checking JSON text (RFC 8259) without building it, for values
 * xj writes through as JSON rather than as strings of JSON.  Nothing is
 * allocated. */
#ifndef XJ_JSON_H
#define XJ_JSON_H

#include <stddef.h>

/* Is s one whole JSON value (object, array, string, number, true, false
 * or null), nested at most 64 deep? */
int xj_json_valid(const char *s);
/* Is s a JSON number (-12, 3.5, 1e3)? */
int xj_json_number(const char *s);

#endif
