/* compare.c: values of one field from two sources, in one form. */
#include <stdio.h>
#include <string.h>

#include "xj/compare.h"
#include "xj/student.h"
#include "xj/validate.h"

static int ethnicity(const char *in, char *out, size_t size, struct xj_error *err)
{
	char code[3];

	return xj_codes_check_ethnicity(in, out, size, code, NULL, err);
}

typedef int (*norm_fn)(const char *, char *, size_t, struct xj_error *);

static norm_fn normaliser(int f)
{
	switch (f) {
	case XJ_S_GENDER: return xj_validate_gender;
	case XJ_S_BIRTH_DATE: return xj_validate_birth_date;
	case XJ_S_ENROL_DATE: return xj_validate_date;
	case XJ_S_ID_NUMBER: return xj_validate_id_number;
	case XJ_S_POLITICAL: return xj_codes_check_political;
	case XJ_S_ETHNICITY: case XJ_S_ETHNICITY_CODE: return ethnicity;
	default: return NULL;
	}
}

void xj_compare_canon(int f, const char *v, char *out, size_t size)
{
	norm_fn fn = normaliser(f);
	struct xj_error e;
	char tmp[256];

	xj_error_clear(&e);
	if (!v)
		v = "";
	snprintf(tmp, sizeof(tmp), "%s", v);
	xj_validate_trim(tmp);
	if (!*tmp || !fn || fn(tmp, out, size, &e) < 0)
		snprintf(out, size, "%s", tmp);
}

int xj_compare_same(int f, const char *a, const char *b)
{
	char x[256], y[256];

	xj_compare_canon(f, a, x, sizeof(x));
	xj_compare_canon(f, b, y, sizeof(y));
	return strcmp(x, y) == 0;
}
