/* rowstudent.c: the student a returned row names, and what CHSI's
 * feedback row says of it. */
#include <string.h>

#include "xj/mask.h"
#include "xj/rowstudent.h"

int xj_rowstudent_find(struct xj_store *st, const struct xj_intemplate *t,
		   const struct xj_record *rec, struct xj_student *s, struct xj_error *err)
{
	static const char *const keys[] = { "exam_no", "id_number", "student_no" };
	static const int fields[] = { XJ_S_EXAM_NO, XJ_S_ID_NUMBER, XJ_S_STUDENT_NO };
	struct xj_sb v = XJ_SB_INIT;
	int i, rc = 0;

	for (i = 0; i < 3 && rc == 0; i++) {
		if (!*xj_intemplate_value(t, rec, keys[i], &v))
			continue;
		rc = xj_store_student_find(st, fields[i], v.buf, s, err);
		if (rc == 0) {
			char shown[64];

			xj_mask(keys[i], v.buf, shown, sizeof(shown));
			xj_error_where(err, NULL, 0, keys[i]);
			rc = xj_error_set(err, XJ_EDATA, "no student with %s %s", keys[i], shown);
		}
	}
	xj_sb_release(&v);
	if (rc == 0) {
		xj_error_where(err, NULL, 0, "exam_no");
		return xj_error_set(err, XJ_EDATA, "a row needs exam_no, id_number or student_no");
	}
	return rc < 0 ? -1 : 0;
}

int xj_rowstudent_result(struct xj_store *st, const struct xj_intemplate *t,
		  const struct xj_record *rec, struct xj_student *s, struct xj_sb *msg,
		  struct xj_error *err)
{
	struct xj_sb result = XJ_SB_INIT;
	const char *word;
	int rc = xj_rowstudent_find(st, t, rec, s, err);

	xj_intemplate_value(t, rec, "result", &result);
	xj_intemplate_value(t, rec, "message", msg);
	word = xj_intemplate_word(t, "result", result.buf);
	if (rc == 0 && strcmp(word, "success") && strcmp(word, "failure")) {
		xj_error_where(err, NULL, 0, "result");
		rc = xj_error_set(err, XJ_EDATA, "unknown result \"%s\" (want success or failure,"
				  " or map it in the template)", result.buf);
	}
	if (rc == 0)
		rc = strcmp(word, "success") == 0;
	xj_sb_release(&result);
	return rc;
}
