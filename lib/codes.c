/* codes.c: the GB/T 3304 ethnicity and GB/T 4762 political-status code tables and their checks. */
#include <stdio.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/validate.h"
#include "validate_impl.h"

struct code_name {
	int code;
	const char *name;
};

/* A name that legacy rosters use for a standard one; why goes into the note
 * (translated there: marked N_).
 * code is always in the table the alias maps into (the unit test walks every
 * alias), so looking it up cannot fail. */
struct alias {
	const char *name;
	int code;
	const char *why;
};

/* GB/T 3304-1991, plus 97 and 98, which are not in the standard but are in
 * the code tables of ID-card readers and other student systems.  Some
 * systems use 57/58 or 99 for these; those are wrong and not accepted. */
static const struct code_name ethnicities[] = {
	{ 1, "汉族" }, { 2, "蒙古族" }, { 3, "回族" }, { 4, "藏族" },
	{ 5, "维吾尔族" }, { 6, "苗族" }, { 7, "彝族" }, { 8, "壮族" },
	{ 9, "布依族" }, { 10, "朝鲜族" }, { 11, "满族" }, { 12, "侗族" },
	{ 13, "瑶族" }, { 14, "白族" }, { 15, "土家族" }, { 16, "哈尼族" },
	{ 17, "哈萨克族" }, { 18, "傣族" }, { 19, "黎族" }, { 20, "傈僳族" },
	{ 21, "佤族" }, { 22, "畲族" }, { 23, "高山族" }, { 24, "拉祜族" },
	{ 25, "水族" }, { 26, "东乡族" }, { 27, "纳西族" }, { 28, "景颇族" },
	{ 29, "柯尔克孜族" }, { 30, "土族" }, { 31, "达斡尔族" }, { 32, "仫佬族" },
	{ 33, "羌族" }, { 34, "布朗族" }, { 35, "撒拉族" }, { 36, "毛南族" },
	{ 37, "仡佬族" }, { 38, "锡伯族" }, { 39, "阿昌族" }, { 40, "普米族" },
	{ 41, "塔吉克族" }, { 42, "怒族" }, { 43, "乌孜别克族" }, { 44, "俄罗斯族" },
	{ 45, "鄂温克族" }, { 46, "德昂族" }, { 47, "保安族" }, { 48, "裕固族" },
	{ 49, "京族" }, { 50, "塔塔尔族" }, { 51, "独龙族" }, { 52, "鄂伦春族" },
	{ 53, "赫哲族" }, { 54, "门巴族" }, { 55, "珞巴族" }, { 56, "基诺族" },
	{ 97, "其他" }, { 98, "外国血统中国籍人士" },
};

static const struct alias ethnicity_aliases[] = {
	{ "毛难族", 36, N_("old name") },
	{ "崩龙族", 46, N_("old name") },
	{ "僳僳族", 20, N_("misspelling") },
	{ "达翰尔族", 31, N_("misspelling") },
	{ "其它", 97, N_("variant character") },
};

/* GB/T 4762-1984; the name is the short form CHSI's ZZMM field takes. */
static const struct code_name politics[] = {
	{ 1, "中共党员" }, { 2, "中共预备党员" }, { 3, "共青团员" },
	{ 4, "民革党员" }, { 5, "民盟盟员" }, { 6, "民建会员" },
	{ 7, "民进会员" }, { 8, "农工党党员" }, { 9, "致公党党员" },
	{ 10, "九三学社社员" }, { 11, "台盟盟员" }, { 12, "无党派人士" },
	{ 13, "群众" },
};

/* The standard's own long forms, and the shorter words forms are filled in
 * with.  No note: these are usage, not errors. */
static const struct alias political_aliases[] = {
	{ "民革会员", 4, "" }, { "无党派民主人士", 12, "" },
	{ "党员", 1, "" }, { "预备党员", 2, "" }, { "团员", 3, "" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))



/* Not isdigit(): that depends on the locale and is undefined for the
 * negative chars of UTF-8 text. */
static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* "1".."9" and "00".."99" as a number, else -1: the codes here never have
 * more digits, and "001" is not a code. */
static int small_code(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 2 || !is_digits(s))
		return -1;
	return n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
}

static const struct code_name *by_code(const struct code_name *t, size_t n,
				       int code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return &t[i];
	return NULL;
}

/* Rosters write "汉" as often as "汉族"; 其他 and 外国血统中国籍人士 have no
 * 族 to drop. */
static int name_matches(const char *in, const char *name)
{
	static const char zu[] = "族";
	size_t n = strlen(name), z = sizeof(zu) - 1;

	if (strcmp(in, name) == 0)
		return 1;
	return n > z && strcmp(name + n - z, zu) == 0 && strlen(in) == n - z
	       && strncmp(in, name, n - z) == 0;
}

static const struct code_name *by_name(const struct code_name *t, size_t n,
				       const char *in)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name_matches(in, t[i].name))
			return &t[i];
	return NULL;
}

static const struct alias *by_alias(const struct alias *t, size_t n,
				    const char *in)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name_matches(in, t[i].name))
			return &t[i];
	return NULL;
}

static const struct code_name *ethnicity_by_code(const char *in,
						 struct xj_error *err)
{
	const struct code_name *e = by_code(ethnicities, COUNT(ethnicities),
					    small_code(in));

	if (e)
		return e;
	if (is_digits(in))
		xj_error_set(err, XJ_EDATA, "unknown ethnicity code %s", in);
	else
		xj_error_set(err, XJ_EDATA, "not an ethnicity code: \"%s\"", in);
	return NULL;
}

/* note, when not NULL, says which old name or misspelling was mapped. */
static const struct code_name *ethnicity_by_name(const char *in, char *note,
						 struct xj_error *err)
{
	const struct code_name *e = by_name(ethnicities, COUNT(ethnicities), in);
	const struct alias *a;

	if (e)
		return e;
	a = by_alias(ethnicity_aliases, COUNT(ethnicity_aliases), in);
	if (!a) {
		xj_error_set(err, XJ_EDATA, "unknown ethnicity \"%s\"", in);
		return NULL;
	}
	e = by_code(ethnicities, COUNT(ethnicities), a->code);
	if (note)
		snprintf(note, XJ_NOTE_MAX, _("%s read as %s (%s)"), in, e->name, _(a->why));
	return e;
}

int xj_codes_check_ethnicity(const char *in, char *out, size_t outsz,
		       char code_out[3], char *note, struct xj_error *err)
{
	const struct code_name *e;

	in = xj_validate_value_nz(in);
	if (note)
		note[0] = '\0';
	e = is_digits(in) ? ethnicity_by_code(in, err)
			  : ethnicity_by_name(in, note, err);
	if (!e || xj_validate_value_put(out, outsz, e->name, err))
		return -1;
	if (code_out) {
		code_out[0] = (char)('0' + e->code / 10);
		code_out[1] = (char)('0' + e->code % 10);
		code_out[2] = '\0';
	}
	return 0;
}

int xj_codes_check_ethnicity_pair(const char *code, const char *name,
			    struct xj_error *err)
{
	const struct code_name *c, *n;

	code = xj_validate_value_nz(code);
	name = xj_validate_value_nz(name);
	if (!(c = ethnicity_by_code(code, err)))
		return -1;
	if (!(n = ethnicity_by_name(name, NULL, err)))
		return -1;
	if (c != n)
		return xj_error_set(err, XJ_EDATA, "code %02d is %s, not %s",
				    c->code, c->name, name);
	return 0;
}

int xj_codes_check_political(const char *in, char *out, size_t outsz,
		       struct xj_error *err)
{
	const struct code_name *p;
	const struct alias *a;

	in = xj_validate_value_nz(in);
	if (is_digits(in)) {
		p = by_code(politics, COUNT(politics), small_code(in));
		if (!p)
			return xj_error_set(err, XJ_EDATA,
					    "unknown political status code %s", in);
	} else if (!(p = by_name(politics, COUNT(politics), in))) {
		a = by_alias(political_aliases, COUNT(political_aliases), in);
		if (!a)
			return xj_error_set(err, XJ_EDATA,
					    "unknown political status \"%s\"", in);
		p = by_code(politics, COUNT(politics), a->code);
	}
	return xj_validate_value_put(out, outsz, p->name, err);
}
