/* student.h: a student's record as the store keeps it.  A struct read from
 * the store owns its strings (released with xj_student_release); one filled
 * by a caller for an insert only borrows them. */
#ifndef XJ_STUDENT_H
#define XJ_STUDENT_H

enum xj_sfield {
	XJ_S_EXAM_NO, XJ_S_STUDENT_NO, XJ_S_ID_NUMBER, XJ_S_NAME, XJ_S_GENDER,
	XJ_S_BIRTH_DATE, XJ_S_ETHNICITY, XJ_S_ETHNICITY_CODE, XJ_S_POLITICAL,
	XJ_S_MAJOR_CODE, XJ_S_MAJOR_NAME, XJ_S_LEVEL, XJ_S_DURATION,
	XJ_S_STUDY_MODE, XJ_S_ENROL_DATE, XJ_S_DEPT, XJ_S_CLASS, XJ_S_BATCH,
	XJ_S_ADMISSION_TYPE, XJ_S_ORIGIN, XJ_S_PHONE, XJ_S_ADDRESS,
	XJ_S_NOTICE_NO, XJ_S_ID_TYPE, XJ_S_ID_ORIGINAL,
	XJ_S_COUNT
};

/* Statuses, as dated rows: the newest is the current one. */
#define XJ_STATUS_ADMITTED "admitted"

struct xj_student {
	long long id;
	int cohort;                 /* 年级: the year of the class the student is in */
	const char *v[XJ_S_COUNT];  /* NULL or "" when not known */
	const char *status;         /* current status, when read from the store */
	char *mem;                  /* owns the strings of a student read back */
};

/* The field name of index i ("exam_no"), and back (-1 when unknown). */
const char *xj_student_field(int i);
int xj_student_field_index(const char *name);
/* The year the student entered (入学年份): the year of the exam number's
 * first two digits, which an import makes agree with the cohort; a
 * repeated year (降级) moves the cohort on, never this.  The cohort when
 * the exam number has no year. */
int xj_student_entry_year(const struct xj_student *s);
/* Key data (P12): name, gender, ID number, ethnicity, birth date. */
int xj_student_field_is_key(int i);
void xj_student_release(struct xj_student *s);

#endif
