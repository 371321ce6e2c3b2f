/* iddoc.c: identity document types and the check each type's number gets. */
#include <stdio.h>
#include <string.h>

#include "xj/iddoc.h"
#include "xj/mask.h"
#include "xj/validate.h"
#include "validate_impl.h"

struct alias {
	const char *name;
	const char *type;
};

/* Names seen in rosters and CHSI lists for the six types. */
static const struct alias types[] = {
	{ XJ_IDTYPE_RESIDENT, XJ_IDTYPE_RESIDENT }, { "身份证", XJ_IDTYPE_RESIDENT },
	{ "二代身份证", XJ_IDTYPE_RESIDENT }, { "居民身份证号码", XJ_IDTYPE_RESIDENT },
	{ XJ_IDTYPE_PERMIT, XJ_IDTYPE_PERMIT }, { "居住证", XJ_IDTYPE_PERMIT },
	{ XJ_IDTYPE_HKMO, XJ_IDTYPE_HKMO }, { "港澳通行证", XJ_IDTYPE_HKMO },
	{ "回乡证", XJ_IDTYPE_HKMO }, { "港澳居民居住证", XJ_IDTYPE_PERMIT },
	{ XJ_IDTYPE_TW, XJ_IDTYPE_TW }, { "台胞证", XJ_IDTYPE_TW },
	{ XJ_IDTYPE_PASSPORT, XJ_IDTYPE_PASSPORT }, { "外国护照", XJ_IDTYPE_PASSPORT },
	{ XJ_IDTYPE_OTHER, XJ_IDTYPE_OTHER }, { "其它", XJ_IDTYPE_OTHER },
};

int xj_iddoc_check_id_type(const char *in, char *out, size_t outsz,
		     struct xj_error *err)
{
	size_t i;

	in = xj_validate_value_nz(in);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(in, types[i].name) == 0)
			return xj_validate_value_put(out, outsz, types[i].type, err);
	return xj_error_set(err, XJ_EDATA, "unknown document type \"%s\" (want %s, %s,"
			    " %s, %s, %s or %s)", in, XJ_IDTYPE_RESIDENT, XJ_IDTYPE_PERMIT,
			    XJ_IDTYPE_HKMO, XJ_IDTYPE_TW, XJ_IDTYPE_PASSPORT, XJ_IDTYPE_OTHER);
}

int xj_iddoc_type_is_gb11643(const char *type)
{
	return strcmp(type, XJ_IDTYPE_RESIDENT) == 0 || strcmp(type, XJ_IDTYPE_PERMIT) == 0;
}

static int all(const char *s, size_t from, size_t to, const char *set)
{
	size_t i;

	for (i = from; i < to; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return 1;
}

#define DIGITS "0123456789"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* Hong Kong identity card: one or two letters, six digits, a check
 * character (0-9 or A), weights 9..2 with a missing first letter as 36. */
static int hkid(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s), letters = all(s, 0, 2, UPPER) ? 2 : 1;
	char body[12], check;
	long sum = 0;
	size_t i;
	int want;

	if (!all(s, 0, letters, UPPER) || !all(s, letters, letters + 6, DIGITS))
		return 0;
	if (n == letters + 9 && s[letters + 6] == '(' && s[letters + 8] == ')')
		check = s[letters + 7];
	else if (n == letters + 7)
		check = s[letters + 6];
	else
		return 0;
	snprintf(body, sizeof(body), "%s%.*s", letters == 1 ? " " : "", (int)(letters + 6), s);
	for (i = 0; i < 8; i++)
		sum += (long)(9 - i) * (body[i] == ' ' ? 36 : body[i] >= 'A' ?
					body[i] - 'A' + 10 : body[i] - '0');
	want = (int)(11 - sum % 11) % 11;
	if (check != (want == 10 ? 'A' : '0' + want))
		return 0;
	snprintf(out, outsz, "%.*s(%c)", (int)(letters + 6), s, check);
	return 1;
}

/* Macao identity card: 1, 5, 7 or 8, six digits, a check digit. */
static int macao(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s);

	if (!strchr("1578", s[0]) || !all(s, 0, 7, DIGITS))
		return 0;
	if (n == 10 && s[7] == '(' && all(s, 8, 9, DIGITS) && s[9] == ')')
		return snprintf(out, outsz, "%s", s), 1;
	if (n == 8 && all(s, 7, 8, DIGITS))
		return snprintf(out, outsz, "%.7s(%c)", s, s[7]), 1;
	return 0;
}

static int hkmo(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s);

	if ((s[0] == 'H' || s[0] == 'M') && (n == 9 || n == 11) && all(s, 1, n, DIGITS))
		return snprintf(out, outsz, "%s", s), 1;
	return hkid(s, out, outsz) || macao(s, out, outsz);
}

static int taiwan(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s);

	if (((n == 8 || n == 10) && all(s, 0, n, DIGITS)) ||
	    (n == 10 && all(s, 0, 1, UPPER) && all(s, 1, 10, DIGITS)))
		return snprintf(out, outsz, "%s", s), 1;
	return 0;
}

static int passport(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s);

	if (n >= 5 && n <= 17 && all(s, 0, n, UPPER DIGITS))
		return snprintf(out, outsz, "%s", s), 1;
	return 0;
}

static int other(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return 0;
	return snprintf(out, outsz, "%s", s), 1;
}

int xj_iddoc_check_document(const char *type, const char *in, char *out,
		      size_t outsz, struct xj_error *err)
{
	char up[64], tmp[64];
	size_t i;

	in = xj_validate_value_nz(in);
	if (xj_iddoc_type_is_gb11643(type)) {
		if (xj_validate_id_number(in, tmp, sizeof(tmp), err) < 0)
			return -1;
		/* 81, 82 and 83 are the "provinces" of the residence permits
		 * of Hong Kong, Macao and Taiwan residents; 71 (Taiwan) is on
		 * no card the mainland issues */
		if (strcmp(type, XJ_IDTYPE_RESIDENT) == 0 && (!strncmp(tmp, "71", 2) ||
		    !strncmp(tmp, "81", 2) || !strncmp(tmp, "82", 2) || !strncmp(tmp, "83", 2)))
			return xj_error_set(err, XJ_EDATA, "a %s number does not start with"
					    " %.2s (81, 82 and 83 are of a %s)", XJ_IDTYPE_RESIDENT,
					    tmp, XJ_IDTYPE_PERMIT);
		if (strcmp(type, XJ_IDTYPE_PERMIT) == 0 && strncmp(tmp, "81", 2) &&
		    strncmp(tmp, "82", 2) && strncmp(tmp, "83", 2))
			return xj_error_set(err, XJ_EDATA, "a residence permit number starts"
					    " with 81, 82 or 83");
		return xj_validate_value_put(out, outsz, tmp, err);
	}
	if (strlen(in) >= sizeof(up))
		return xj_error_set(err, XJ_EDATA, "value too long");
	for (i = 0; in[i]; i++)
		up[i] = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 32) : in[i];
	up[i] = '\0';
	if ((strcmp(type, XJ_IDTYPE_HKMO) == 0 && hkmo(up, tmp, sizeof(tmp))) ||
	    (strcmp(type, XJ_IDTYPE_TW) == 0 && taiwan(up, tmp, sizeof(tmp))) ||
	    (strcmp(type, XJ_IDTYPE_PASSPORT) == 0 && passport(up, tmp, sizeof(tmp))) ||
	    (strcmp(type, XJ_IDTYPE_OTHER) == 0 && (hkid(up, tmp, sizeof(tmp)) ||
						    other(in, tmp, sizeof(tmp)))))
		return xj_validate_value_put(out, outsz, tmp, err);
	/* masked, as an ID number in a message always is: it may be one */
	xj_mask("id_number", in, tmp, sizeof(tmp));
	return xj_error_set(err, XJ_EDATA, "\"%s\" is not a %s number", tmp, type);
}

int xj_iddoc_upgrade15(const char *in, char *out, size_t outsz, struct xj_error *err)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	char id[19];
	int i, sum = 0;

	in = xj_validate_value_nz(in);
	if (strlen(in) != 15 || !all(in, 0, 15, DIGITS))
		return xj_error_set(err, XJ_EDATA, "a 15-digit number must be 15 digits");
	snprintf(id, sizeof(id), "%.6s19%.9s", in, in + 6);
	for (i = 0; i < 17; i++)
		sum += (id[i] - '0') * w[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
	/* the result must pass the 18-digit check: a real date, a province */
	if (xj_validate_id_number(id, out, outsz, err) < 0)
		return -1;
	return 0;
}
