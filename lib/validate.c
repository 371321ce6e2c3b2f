/* validate.c: checks of ID numbers, exam numbers, gender, major codes, phones, dates and blanks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/clock.h"
#include "xj/dates.h"
#include "xj/mask.h"
#include "xj/validate.h"
#include "validate_impl.h"

/* A missing value is checked as an empty one, so callers need no special case. */
const char *xj_validate_value_nz(const char *s)
{
	return s ? s : "";
}

/* Every checker ends here, so an undersized buffer is a data error and never
 * a value silently cut short. */
int xj_validate_value_put(char *out, size_t outsz, const char *s, struct xj_error *err)
{
	size_t n = strlen(s);

	if (!out)
		return 0;
	if (n >= outsz)
		return xj_error_set(err, XJ_EDATA, "value too long");
	memcpy(out, s, n + 1);
	return 0;
}

/* Not isdigit(): that depends on the locale and is undefined for the
 * negative chars of UTF-8 text. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Stops at the terminating NUL, so a short string is never read past. */
static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* The caller has checked that the n bytes are digits, and n is small. */
static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int real_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap_year(y));
}

/* Only the province level of GB/T 2260 is stable enough to hard-code: the
 * county codes change every year and an ID keeps the code it was issued
 * with.  71 is Taiwan; 81, 82, 83 begin the residence-permit numbers of
 * Hong Kong, Macao and Taiwan residents. */
int xj_validate_province(int code)
{
	static const struct { int lo, hi; } ranges[] = {
		{ 11, 15 }, { 21, 23 }, { 31, 37 }, { 41, 46 },
		{ 50, 54 }, { 61, 65 }, { 71, 71 }, { 81, 83 },
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (code >= ranges[i].lo && code <= ranges[i].hi)
			return 1;
	return 0;
}

/* ISO 7064 MOD 11-2 over the first 17 digits (GB 11643); the weights are
 * 2^(17-i) mod 11. */
char xj_validate_id_check_digit(const char *id)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, s = 0;

	for (i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')   /* no sum, and no read past a short one */
			return '?';
		s += (id[i] - '0') * w[i];
	}
	return "10X98765432"[s % 11];
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* 1.10105E+17: a long number Excel kept as a number and wrote in its
 * scientific form; the digits are lost, only the sheet can give them. */
static int excel_number(const char *s)
{
	if (!is_digit(*s++))
		return 0;
	if (*s == '.')
		for (s++; is_digit(*s); s++)
			;
	if (*s != 'E' && *s != 'e')
		return 0;
	s += s[1] == '+' ? 2 : 1;
	if (!is_digit(*s))
		return 0;
	while (is_digit(*s))
		s++;
	return *s == '\0';
}

static int excel_said(const char *in, struct xj_error *err)
{
	return xj_error_set(err, XJ_EDATA, "Excel stored this as a number (%s): format the"
			    " column as text and enter the digits again", in);
}

static int id_shape(const char *in, struct xj_error *err)
{
	size_t n = strlen(in);
	char last;

	if (excel_number(in))
		return excel_said(in, err);
	/* A full-width digit is three bytes; a byte count would puzzle the
	 * person who sees 18 characters, so name the shape instead. */
	if (has_non_ascii(in))
		return xj_error_set(err, XJ_EDATA, "must be 17 digits and a check digit");
	if (n != 18)
		return xj_error_set(err, XJ_EDATA, "must be 18 characters, not %zu", n);
	last = in[17];
	if (!all_digits(in, 17) || !(is_digit(last) || last == 'X' || last == 'x'))
		return xj_error_set(err, XJ_EDATA, "must be 17 digits and a check digit");
	return 0;
}

/* "YYYY-MM-DD" into buf when the parts have that many digits, else the
 * parts as they are: this runs for every date of every row, so printf
 * only for the odd ones, which go into messages. */
static void ymd_put(char buf[40], int y, int m, int d)
{
	if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
		snprintf(buf, 40, "%04d-%02d-%02d", y, m, d);
		return;
	}
	xj_dates_put(y, m, d, buf);
}

/* The one range of a birth date, in an ID number or a column of its own:
 * GB 11643's own example was born in 1880, so the 1800s are legal and
 * anything older is a typing error; a date after today (the business
 * date, read once) has not happened.  shown is the date as the user gave
 * it. */
static int birth_range(int y, int m, int d, const char *shown, struct xj_error *err)
{
	/* the college's date as YYYYMMDD, read once by each thread */
	static _Thread_local long today;

	if (y < 1800)
		return xj_error_set(err, XJ_EDATA, "birth date %s is before 1800", shown);
	if (!today) {
		char iso[11];

		xj_clock_today(iso, sizeof(iso));
		today = strtol(iso, NULL, 10) * 10000 + strtol(iso + 5, NULL, 10) * 100 +
			strtol(iso + 8, NULL, 10);
	}
	if ((long)y * 10000 + m * 100 + d > today)
		return xj_error_set(err, XJ_EDATA, "birth date %s is in the future", shown);
	return 0;
}

static int id_birth(const char *id, struct xj_error *err)
{
	int y = num(id + 6, 4), m = num(id + 10, 2), d = num(id + 12, 2);
	char shown[9];

	if (!real_date(y, m, d))
		return xj_error_set(err, XJ_EDATA, "birth date %.8s is not a real date", id + 6);
	memcpy(shown, id + 6, 8);
	shown[8] = '\0';
	return birth_range(y, m, d, shown, err);
}

int xj_validate_id_number(const char *in, char *out, size_t outsz,
		       struct xj_error *err)
{
	char id[19], want;

	in = xj_validate_value_nz(in);
	if (id_shape(in, err))
		return -1;
	memcpy(id, in, sizeof(id));
	if (id[17] == 'x')
		id[17] = 'X';
	if (!xj_validate_province(num(id, 2)))
		return xj_error_set(err, XJ_EDATA, "province code %.2s is not valid", id);
	if (id_birth(id, err))
		return -1;
	want = xj_validate_id_check_digit(id);
	/* Excel keeps 15 digits of a number: the last three come back 0 */
	if (id[17] != want && !strcmp(id + 15, "000"))
		return xj_error_set(err, XJ_EDATA, "check digit should be %c, not %c: ending"
				    " in 000, it was likely stored by Excel as a number; format the"
				    " column as text and enter the digits again", want, id[17]);
	if (id[17] != want)
		return xj_error_set(err, XJ_EDATA, "check digit should be %c, not %c",
				    want, id[17]);
	return xj_validate_value_put(out, outsz, id, err);
}

/* Callers pass a checked number; a short one gives "" rather than a read
 * past its end. */
void xj_validate_id_number_birth(const char *id, char out[11])
{
	if (!id || strlen(id) < 14 || !all_digits(id + 6, 8)) {
		out[0] = '\0';
		return;
	}
	memcpy(out, id + 6, 4);
	out[4] = '-';
	memcpy(out + 5, id + 10, 2);
	out[7] = '-';
	memcpy(out + 8, id + 12, 2);
	out[10] = '\0';
}

const char *xj_validate_id_number_gender(const char *id)
{
	if (!id || strlen(id) < 17 || !is_digit(id[16]))
		return "";
	return (id[16] - '0') % 2 ? "男" : "女";
}

int xj_validate_exam_no(const char *in, int cohort, char *out, size_t outsz,
		     struct xj_error *err)
{
	in = xj_validate_value_nz(in);
	if (excel_number(in))
		return excel_said(in, err);
	if (strlen(in) != 14 || !all_digits(in, 14))
		return xj_error_set(err, XJ_EDATA, "must be 14 digits");
	if (cohort > 0 && num(in, 2) != cohort % 100)
		return xj_error_set(err, XJ_EDATA, "year digits %.2s do not match cohort %d",
				    in, cohort);
	if (!xj_validate_province(num(in + 2, 2)))
		return xj_error_set(err, XJ_EDATA, "province code %.2s is not valid", in + 2);
	return xj_validate_value_put(out, outsz, in, err);
}

int xj_validate_gender(const char *in, char *out, size_t outsz,
		    struct xj_error *err)
{
	/* GB/T 2261.1 names 1 男性 and 2 女性; CHSI stores 男 or 女. */
	static const struct { const char *in, *out; } forms[] = {
		{ "男", "男" }, { "女", "女" }, { "男性", "男" }, { "女性", "女" },
		{ "1", "男" }, { "2", "女" },
	};
	size_t i;

	in = xj_validate_value_nz(in);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(in, forms[i].in) == 0)
			return xj_validate_value_put(out, outsz, forms[i].out, err);
	return xj_error_set(err, XJ_EDATA, "must be 男 or 女, not \"%s\"", in);
}

int xj_validate_major_code(const char *in, char *out, size_t outsz,
			struct xj_error *err)
{
	in = xj_validate_value_nz(in);
	if (strlen(in) != 6 || !all_digits(in, 6))
		return xj_error_set(err, XJ_EDATA, "must be 6 digits");
	return xj_validate_value_put(out, outsz, in, err);
}

/* Mobile numbers are often written 138 1234 5678 or 138-1234-5678; the
 * separators carry nothing, so they go.  Returns 0 when in is no mobile. */
static int mobile_digits(const char *in, char d[12])
{
	char buf[16];
	size_t n = 0;
	int plus = strncmp(in, "+86", 3) == 0;

	if (plus)
		in += 3;
	for (; *in; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (!is_digit(*in) || n + 1 >= sizeof(buf))
			return 0;
		buf[n++] = *in;
	}
	buf[n] = '\0';
	if (!plus && n == 13 && strncmp(buf, "86", 2) == 0)
		memmove(buf, buf + 2, (n -= 2) + 1);
	if (n != 11 || buf[0] != '1' || buf[1] < '3')
		return 0;
	memcpy(d, buf, 12);
	return 1;
}

/* Splits in at '-' or ' ' into at most three runs of digits. */
static size_t digit_groups(const char *in, char g[3][16])
{
	size_t k = 0, n = 0;

	for (;; in++) {
		if (is_digit(*in) && n + 1 < sizeof(g[0])) {
			g[k][n++] = *in;
			continue;
		}
		if (n == 0 || (*in != '\0' && *in != '-' && *in != ' '))
			return 0;
		g[k++][n] = '\0';
		n = 0;
		if (*in == '\0')
			return k;
		if (k == 3)
			return 0;
	}
}

/* Without a separator the area code is found the way the numbering plan
 * does it: 010 and 020-029 have three digits, every other one four. */
static size_t area_len(const char *digits)
{
	return digits[1] == '1' || digits[1] == '2' ? 3 : 4;
}

static int landline_ok(const char *area, const char *number, const char *ext)
{
	size_t a = strlen(area), n = strlen(number), e = strlen(ext);

	return area[0] == '0' && a >= 3 && a <= 4 && n >= 7 && n <= 8
	       && number[0] != '0' && e <= 6;
}

/* Normalises to AREA-NUMBER[-EXT] in d; returns 0 when in is no landline.
 * d holds three whole groups, so snprintf never cuts. */
static int landline(const char *in, char d[48])
{
	char g[3][16], area[16] = "", *num_part = g[0];
	const char *ext = "";
	size_t k = digit_groups(in, g), a;

	if (k == 0 || g[0][0] != '0')
		return 0;
	if (k >= 2 && strlen(g[0]) <= 4) {
		snprintf(area, sizeof(area), "%s", g[0]);
		num_part = g[1];
		ext = k == 3 ? g[2] : "";
	} else if (k <= 2) {
		a = area_len(g[0]);
		snprintf(area, sizeof(area), "%.*s", (int)a, g[0]);
		num_part = g[0] + (strlen(g[0]) >= a ? a : strlen(g[0]));
		ext = k == 2 ? g[1] : "";
	} else {
		return 0;
	}
	if (!landline_ok(area, num_part, ext))
		return 0;
	snprintf(d, 48, "%s-%s%s%s", area, num_part, *ext ? "-" : "", ext);
	return 1;
}

int xj_validate_phone(const char *in, char *out, size_t outsz,
		   struct xj_error *err)
{
	char d[48];

	in = xj_validate_value_nz(in);
	if (mobile_digits(in, d) || landline(in, d))
		return xj_validate_value_put(out, outsz, d, err);
	/* said masked, as every phone number in a message is (xj(7)) */
	xj_mask("phone", in, d, sizeof(d));
	return xj_error_set(err, XJ_EDATA, "not a mobile or landline number: \"%s\"", d);
}

/* YYYY, a separator, M or MM, the same separator, D or DD. */
static int split_date(const char *s, int *y, int *m, int *d)
{
	char sep;
	size_t ml, dl;

	/* all_digits() has seen four non-NUL bytes, so s[4] is readable; strchr
	 * would match the NUL, hence the explicit test. */
	if (!all_digits(s, 4) || s[4] == '\0' || !strchr("-/.", s[4]))
		return 0;
	sep = s[4];
	ml = strspn(s + 5, "0123456789");
	if (ml < 1 || ml > 2 || s[5 + ml] != sep)
		return 0;
	dl = strspn(s + 6 + ml, "0123456789");
	if (dl < 1 || dl > 2 || s[6 + ml + dl] != '\0')
		return 0;
	*y = num(s, 4);
	*m = num(s + 5, ml);
	*d = num(s + 6 + ml, dl);
	return 1;
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) == 8 && all_digits(s, 8)) {
		*y = num(s, 4);
		*m = num(s + 4, 2);
		*d = num(s + 6, 2);
		return 1;
	}
	return split_date(s, y, m, d);
}

/* A real calendar date in any of the forms, as YYYY-MM-DD into buf. */
static int real_date_in(const char *in, int *y, int *m, int *d, char buf[40],
			struct xj_error *err)
{
	if (!parse_date(in, y, m, d))
		return xj_error_set(err, XJ_EDATA, "not a date: \"%s\" (want YYYY-MM-DD)", in);
	ymd_put(buf, *y, *m, *d);
	if (!real_date(*y, *m, *d))
		return xj_error_set(err, XJ_EDATA, "%s is not a real date", buf);
	return 0;
}

int xj_validate_date(const char *in, char *out, size_t outsz,
		  struct xj_error *err)
{
	int y, m, d;
	char buf[40];	/* room for any three ints, so gcc -O2 sees no cut */

	in = xj_validate_value_nz(in);
	if (real_date_in(in, &y, &m, &d, buf, err) < 0)
		return -1;
	if (y < 1900 || y > 2100)
		return xj_error_set(err, XJ_EDATA, "%s is not between 1900 and 2100", buf);
	return xj_validate_value_put(out, outsz, buf, err);
}

int xj_validate_birth_date(const char *in, char *out, size_t outsz,
			struct xj_error *err)
{
	int y, m, d;
	char buf[40];

	in = xj_validate_value_nz(in);
	if (real_date_in(in, &y, &m, &d, buf, err) < 0 || birth_range(y, m, d, buf, err) < 0)
		return -1;
	return xj_validate_value_put(out, outsz, buf, err);
}

/* The blanks that spreadsheets and Chinese input methods leave around
 * values: ASCII white space, U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE.
 * Their lead bytes are never UTF-8 continuation bytes, so matching bytes at
 * either end cannot split a character. */
static const char *const blanks[] = {
	" ", "\t", "\r", "\n", "\v", "\f", "\xE3\x80\x80", "\xC2\xA0",
};

static size_t blank_at_start(const char *s, size_t n)
{
	size_t i, b;

	for (i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		b = strlen(blanks[i]);
		if (b <= n && memcmp(s, blanks[i], b) == 0)
			return b;
	}
	return 0;
}

static size_t blank_at_end(const char *s, size_t n)
{
	size_t i, b;

	for (i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++) {
		b = strlen(blanks[i]);
		if (b <= n && memcmp(s + n - b, blanks[i], b) == 0)
			return b;
	}
	return 0;
}

int xj_validate_blank(const char *s)
{
	size_t len = strlen(s), at = 0, k;

	while ((k = blank_at_start(s + at, len - at)) > 0)
		at += k;
	return at == len;
}

/* Can a blank begin with byte b, or end with it?  Most values neither
 * begin nor end so, and have nothing to trim. */
static int may_begin_blank(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r') || b == 0xE3 || b == 0xC2;
}

static int may_end_blank(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x80 || b == 0xA0;
}

int xj_validate_may_trim(const char *s, size_t len)
{
	return len && (may_begin_blank((unsigned char)s[0]) ||
		       may_end_blank((unsigned char)s[len - 1]));
}

int xj_validate_trim_n(char *s, size_t *len)
{
	size_t start = 0, end = *len, k;

	if (!xj_validate_may_trim(s, end))
		return 0;
	while ((k = blank_at_start(s + start, end - start)) > 0)
		start += k;
	while ((k = blank_at_end(s + start, end - start)) > 0)
		end -= k;
	if (start == 0 && end == *len)
		return 0;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	*len = end - start;
	return 1;
}

int xj_validate_trim(char *s)
{
	size_t len;

	if (!s)
		return 0;
	len = strlen(s);
	return xj_validate_trim_n(s, &len);
}
