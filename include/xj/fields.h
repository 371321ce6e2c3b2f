/* fields.h: the catalogue of record field names.  Every field has a stable
 * English snake_case name (used in output and in the store) and the Chinese
 * headers and CHSI column codes that rosters use for it.  The table is
 * static and owned by the library. */
#ifndef XJ_FIELDS_H
#define XJ_FIELDS_H

#include <stddef.h>

struct xj_field_def {
	const char *name;     /* exam_no */
	const char *zh;       /* 考生号: the header written by --lang zh */
	const char *aliases;  /* other accepted headers, '|'-separated */
};

/* Find a field by English name, Chinese header or alias (ASCII letters
 * compared without case).  NULL for an unknown column, which then passes
 * through under its own name. */
const struct xj_field_def *xj_fields_lookup(const char *header);
/* The Chinese header of a field name, or the name itself when it has none. */
const char *xj_fields_zh(const char *name);
/* The whole table, for documentation and tests. */
const struct xj_field_def *xj_fields(size_t *n);

#endif
