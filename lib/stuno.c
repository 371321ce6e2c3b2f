/* stuno.c: numbers from a pattern. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/stuno.h"

static const char *const tokens[] = { "year", "yy", "dept", "major", "major_no", "school",
				      "issued" };

/* The last n digits of the class's name ("计应2507": {class:2} is 07). */
static int class_digits(const struct xj_number_ctx *c, int n, struct xj_sb *out,
			struct xj_error *err)
{
	const char *cls = c->s ? c->s->v[XJ_S_CLASS] : NULL;
	const char *end;
	int k = 0;

	if (!cls || !*cls)
		return xj_error_set(err, XJ_EDATA, "no class to make the number of");
	for (end = cls + strlen(cls); end > cls && !isdigit((unsigned char)end[-1]); end--)
		;
	while (k < n && end - k > cls && isdigit((unsigned char)end[-k - 1]))
		k++;
	if (k < n)
		return xj_error_set(err, XJ_EDATA, "class %s has no %d-digit number for {class:%d}",
				    cls, n, n);
	xj_sb_add(out, end - n, (size_t)n);
	return 0;
}

/* The value of a token for c, into out; XJ_EDATA when c lacks it. */
static int token(const char *tok, const struct xj_number_ctx *c, struct xj_sb *out,
		 struct xj_error *err)
{
	const char *v = NULL;
	char y[16];

	if (!strcmp(tok, "year") || !strcmp(tok, "yy")) {
		snprintf(y, sizeof(y), "%04d", c->s ? c->s->cohort : 0);
		v = strcmp(tok, "yy") == 0 ? y + 2 : y;
	} else if (!strcmp(tok, "dept")) {
		v = c->s ? c->s->v[XJ_S_DEPT] : NULL;
	} else if (!strcmp(tok, "major")) {
		v = c->s ? c->s->v[XJ_S_MAJOR_CODE] : NULL;
	} else if (!strcmp(tok, "major_no")) {
		if (c->s && !c->major_no)
			return xj_error_set(err, XJ_EDATA, "major %s is not in the config's majors,"
					    " which {major_no} needs", c->s->v[XJ_S_MAJOR_CODE] ?
					    c->s->v[XJ_S_MAJOR_CODE] : "");
		v = c->major_no;
	} else if (!strcmp(tok, "school")) {
		v = c->school;
	} else if (c->issued) {
		snprintf(y, sizeof(y), "%.4s", c->issued);
		v = y;
	}
	if (!v || !*v)
		return xj_error_set(err, XJ_EDATA, "no %s to make the number of",
				    !strcmp(tok, "dept") ? "dept" : !strcmp(tok, "major") ?
				    "major_code" : !strcmp(tok, "school") ? _("school code") :
				    _("date of issue"));
	xj_sb_adds(out, v);
	return 0;
}

/* N of {seq:N}: one digit from 1 to 9, else 0 (refused by the caller). */
static int digit_count(const char *s)
{
	return s[0] >= '1' && s[0] <= '9' && !s[1] ? s[0] - '0' : 0;
}

static int known(const char *tok)
{
	size_t i;

	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (strcmp(tok, tokens[i]) == 0)
			return 1;
	return 0;
}

/* Expand pattern for c (NULL: only check it); {seq:N} becomes seq, or
 * '#' when seq < 0. */
static int expand(const char *p, const struct xj_number_ctx *c, long seq, struct xj_sb *out,
		  int *digits, struct xj_error *err)
{
	int nseq = 0;

	for (; *p; p++) {
		const char *end;
		char tok[16];

		if (*p != '{') {
			if (!isalnum((unsigned char)*p) && *p != '-')
				return xj_error_set(err, XJ_EDATA, "number pattern: '%c' is not a"
						    " letter, digit or -", *p);
			xj_sb_addc(out, *p);
			continue;
		}
		end = strchr(p, '}');
		if (!end || end - p - 1 >= (long)sizeof(tok))
			return xj_error_set(err, XJ_EDATA, "number pattern: an unclosed {");
		snprintf(tok, sizeof(tok), "%.*s", (int)(end - p - 1), p + 1);
		p = end;
		if (strncmp(tok, "seq:", 4) == 0 || strncmp(tok, "seat:", 5) == 0) {
			int n = digit_count(strchr(tok, ':') + 1);

			if (n < 1 || n > 9 || nseq++)
				return xj_error_set(err, XJ_EDATA, "number pattern: want one"
						    " {seq:N} or {seat:N}, N from 1 to 9");
			*digits = n;
			if (seq < 0)
				xj_sb_addc(out, '#');
			else
				xj_sb_addf(out, "%0*ld", n, seq);
		} else if (strncmp(tok, "class:", 6) == 0) {
			int n = digit_count(tok + 6);

			if (n < 1 || n > 9)
				return xj_error_set(err, XJ_EDATA, "number pattern: want {class:N},"
						    " N from 1 to 9");
			if (c && class_digits(c, n, out, err) < 0)
				return -1;
		} else if (!known(tok)) {
			return xj_error_set(err, XJ_EDATA, "number pattern: unknown {%s} (want"
					    " year, yy, dept, major, major_no, class:N, school,"
					    " issued, seq:N or seat:N)", tok);
		} else if (c && token(tok, c, out, err) < 0) {
			return -1;
		}
	}
	if (!nseq)
		return xj_error_set(err, XJ_EDATA, "number pattern: no {seq:N} or {seat:N}");
	return 0;
}

int xj_stuno_pattern_check(const char *pattern, struct xj_error *err)
{
	struct xj_sb out = XJ_SB_INIT;
	int digits = 0, rc = expand(pattern, NULL, -1, &out, &digits, err);

	xj_sb_release(&out);
	return rc;
}

int xj_stuno_key(const char *pattern, const struct xj_number_ctx *c, struct xj_sb *key,
		  int *digits, struct xj_error *err)
{
	xj_sb_reset(key);
	return expand(pattern, c, -1, key, digits, err);
}

int xj_stuno_make(const char *pattern, const struct xj_number_ctx *c, long seq,
		   struct xj_sb *out, struct xj_error *err)
{
	int digits = 0;
	long max = 1;
	int i;

	xj_sb_reset(out);
	if (expand(pattern, c, seq, out, &digits, err) < 0)
		return -1;
	for (i = 0; i < digits; i++)
		max *= 10;
	if (seq >= max)
		return xj_error_set(err, XJ_EDATA, "the %d-digit sequence of numbers %s is full",
				    digits, pattern);
	return 0;
}
