/* student.c: the fields of a student record. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xj/student.h"

static const char *const names[XJ_S_COUNT] = {
	"exam_no", "student_no", "id_number", "name", "gender",
	"birth_date", "ethnicity", "ethnicity_code", "political",
	"major_code", "major_name", "level", "duration",
	"study_mode", "enrol_date", "dept", "class", "batch",
	"admission_type", "origin", "phone", "address",
	"notice_no", "id_type", "id_number_original",
};

const char *xj_student_field(int i)
{
	return i >= 0 && i < XJ_S_COUNT ? names[i] : NULL;
}

int xj_student_field_index(const char *name)
{
	/* asked for each column of each imported row, in the same order row
	 * after row: the field after the last one found is tried first (a
	 * thread's own, as rows are normalised beside the store's work) */
	static _Thread_local int next;
	int i, k;

	for (k = 0; k < XJ_S_COUNT; k++) {
		i = (next + k) % XJ_S_COUNT;
		if (strcmp(names[i], name) == 0) {
			next = (i + 1) % XJ_S_COUNT;
			return i;
		}
	}
	return -1;
}

int xj_student_entry_year(const struct xj_student *s)
{
	const char *e = s->v[XJ_S_EXAM_NO];
	int y;

	if (s->cohort < 100 || !e || !isdigit((unsigned char)e[0]) ||
	    !isdigit((unsigned char)e[1]))
		return s->cohort;
	/* the latest year not after the cohort that ends in those digits */
	y = s->cohort - s->cohort % 100 + (e[0] - '0') * 10 + (e[1] - '0');
	return y > s->cohort ? y - 100 : y;
}

int xj_student_field_is_key(int i)
{
	return i == XJ_S_NAME || i == XJ_S_GENDER || i == XJ_S_ID_NUMBER || i == XJ_S_ID_TYPE ||
	       i == XJ_S_ETHNICITY || i == XJ_S_ETHNICITY_CODE || i == XJ_S_BIRTH_DATE;
}

void xj_student_release(struct xj_student *s)
{
	free(s->mem);
	memset(s, 0, sizeof(*s));
}
