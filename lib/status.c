/* status.c: the state machine of a student's status.  One table says every
 * move a status may make and which act makes it; the store adds no status
 * row the table does not permit, whichever program asks. */
#include <stdio.h>
#include <string.h>

#include "xj/status.h"

/* A rule: from any status of from (space-separated; "" is a new student)
 * to any of to, by an act of kind by. */
struct move {
	const char *from, *to, *by;
};

#define IN_SCHOOL "registered resumed transferred-major demoted"

static const struct move moves[] = {
	/* a student enters the store admitted (P4) */
	{ "", "admitted", XJ_BY_IMPORT },
	/* and has a student status once CHSI registered it (P9) */
	{ "admitted", "registered", XJ_BY_REGISTER },
	/* the admission is cancelled on arrival, before registration (P6) */
	{ "admitted", "admission-cancelled", XJ_BY_CANCEL },
	/* a status is cancelled on a confirmed case, even after graduation (P8) */
	{ "admitted " IN_SCHOOL " suspended retained graduated completed incomplete",
	  "status-cancelled", XJ_BY_CANCEL },
	/* 学籍异动 are for students with a status (P9): one admitted but not
	 * registered may only leave, or the way back through "resumed" would
	 * put in school a student CHSI never registered */
	{ "admitted", "withdrawn deceased", XJ_BY_CHANGE },
	/* 降级: a student in school goes on in a later cohort, still in it */
	{ IN_SCHOOL, "suspended retained withdrawn transferred-major demoted deceased",
	  XJ_BY_CHANGE },
	{ "suspended retained", "resumed withdrawn deceased", XJ_BY_CHANGE },
	/* a certificate of conclusion ends the study (P13) */
	{ IN_SCHOOL, "graduated completed incomplete", XJ_BY_DIPLOMA },
	/* 结业 then 毕业 under the same number */
	{ "completed", "graduated", XJ_BY_DIPLOMA },
	/* the college's error in the conclusion corrected (勘误, P17) */
	{ "graduated completed", "graduated completed", XJ_BY_ERRATA },
	/* 肄业: the one rule that moves a terminal status */
	{ "withdrawn", "incomplete", XJ_BY_DIPLOMA },
};

static const char terminal[] = "withdrawn deceased admission-cancelled status-cancelled";

/* Is word one of the space-separated list?  "" is in a list only when the
 * list is "" itself; a word with a space in it never is. */
static int in_words(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (!n)
		return !*list;
	if (strchr(word, ' '))
		return 0;
	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

int xj_status_known(const char *s)
{
	size_t i;

	for (i = 0; s && *s && i < sizeof(moves) / sizeof(moves[0]); i++)
		if (in_words(moves[i].to, s))
			return 1;
	return 0;
}

int xj_status_in_school(const char *s)
{
	return s && *s && in_words(IN_SCHOOL, s);
}

int xj_status_terminal(const char *s)
{
	return s && *s && in_words(terminal, s);
}

int xj_status_reached_by(const char *s, const char *by)
{
	size_t i;

	for (i = 0; s && *s && i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i].by, by) == 0 && in_words(moves[i].to, s))
			return 1;
	return 0;
}

/* A rule of kind by from from to to?  A status the table does not know
 * (an older store's, or a forged one) goes nowhere. */
static int permitted(const char *from, const char *to, const char *by)
{
	size_t i;

	if (*from && !xj_status_known(from))
		return 0;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i].by, by) == 0 && in_words(moves[i].from, from) &&
		    in_words(moves[i].to, to))
			return 1;
	return 0;
}

int xj_status_allow(const char *from, const char *to, const char *by,
		    struct xj_error *err)
{
	if (!from)
		from = "";
	if (!to || !xj_status_known(to))
		return xj_error_set(err, XJ_EDATA, "not a status: \"%s\"", to ? to : "");
	if (by && permitted(from, to, by))
		return 0;
	if (!*from)
		return xj_error_set(err, XJ_EDATA, "a new student's first status is admitted,"
				    " by an import");
	return xj_error_set(err, XJ_EDATA, "status %s cannot become %s", from, to);
}

/* Is w among the to-statuses of the rules before rule i? */
static int said_before(size_t i, const char *w)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (in_words(moves[j].to, w))
			return 1;
	return 0;
}

void xj_status_names(struct xj_sb *out)
{
	size_t i;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		const char *p = moves[i].to;

		while (*p) {
			size_t n = strcspn(p, " ");
			char w[32];

			snprintf(w, sizeof(w), "%.*s", (int)n, p);
			if (!said_before(i, w))
				xj_sb_addf(out, "%s%s", out->len ? ", " : "", w);
			p += n + (p[n] == ' ');
		}
	}
}
