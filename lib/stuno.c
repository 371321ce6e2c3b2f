/* stuno.c: student numbers from a pattern. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/stuno.h"

/* Expand pattern for s; {seq:N} becomes seq (or '#' when seq < 0). */
static int expand(const char *p, const struct xj_student *s, long seq, struct xj_sb *out,
		  int *digits, struct xj_error *err)
{
	int nseq = 0;

	for (; *p; p++) {
		const char *end;
		char tok[16];
		const char *v = NULL;

		if (*p != '{') {
			if (!isalnum((unsigned char)*p) && *p != '-')
				return xj_error_set(err, XJ_EDATA, "student number pattern: '%c' is"
						    " not a letter, digit or -", *p);
			xj_sb_addc(out, *p);
			continue;
		}
		end = strchr(p, '}');
		if (!end || end - p - 1 >= (long)sizeof(tok))
			return xj_error_set(err, XJ_EDATA, "student number pattern: an unclosed {");
		snprintf(tok, sizeof(tok), "%.*s", (int)(end - p - 1), p + 1);
		p = end;
		if (strncmp(tok, "seq:", 4) == 0) {
			int n = atoi(tok + 4);

			if (n < 1 || n > 9 || nseq++)
				return xj_error_set(err, XJ_EDATA, "student number pattern: want one"
						    " {seq:N}, N from 1 to 9");
			*digits = n;
			if (seq < 0)
				xj_sb_addc(out, '#');
			else
				xj_sb_addf(out, "%0*ld", n, seq);
			continue;
		}
		if (strcmp(tok, "year") && strcmp(tok, "yy") && strcmp(tok, "dept") &&
		    strcmp(tok, "major"))
			return xj_error_set(err, XJ_EDATA, "student number pattern: unknown {%s}"
					    " (want year, yy, dept, major or seq:N)", tok);
		if (!s)
			continue;
		if (strcmp(tok, "year") == 0 || strcmp(tok, "yy") == 0) {
			char y[8];

			snprintf(y, sizeof(y), "%04d", s->cohort);
			xj_sb_adds(out, strcmp(tok, "yy") == 0 ? y + 2 : y);
			continue;
		}
		v = strcmp(tok, "dept") == 0 ? s->v[XJ_S_DEPT] : s->v[XJ_S_MAJOR_CODE];
		if (!v || !*v)
			return xj_error_set(err, XJ_EDATA, "no %s to make the student number of",
					    strcmp(tok, "dept") ? "major_code" : "dept");
		xj_sb_adds(out, v);
	}
	if (!nseq)
		return xj_error_set(err, XJ_EDATA, "student number pattern: no {seq:N}");
	return 0;
}

int xj_number_pattern_check(const char *pattern, struct xj_error *err)
{
	struct xj_sb out = XJ_SB_INIT;
	int digits = 0, rc = expand(pattern, NULL, -1, &out, &digits, err);

	xj_sb_release(&out);
	return rc;
}

int xj_number_key(const char *pattern, const struct xj_student *s, struct xj_sb *key,
		  int *digits, struct xj_error *err)
{
	xj_sb_reset(key);
	return expand(pattern, s, -1, key, digits, err);
}

int xj_number_make(const char *pattern, const struct xj_student *s, long seq,
		   struct xj_sb *out, struct xj_error *err)
{
	int digits = 0;
	long max = 1;
	int i;

	xj_sb_reset(out);
	if (expand(pattern, s, seq, out, &digits, err) < 0)
		return -1;
	for (i = 0; i < digits; i++)
		max *= 10;
	if (seq >= max)
		return xj_error_set(err, XJ_EDATA, "the %d-digit sequence of student numbers is"
				    " full", digits);
	return 0;
}
