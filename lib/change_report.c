/* change_report.c: what students found wrong in their record on CHSI
 * (学信网自查, P10), read from the rows of the office's export of it: one
 * request a row, of the field it names, the evidence to follow. */
#include <stdio.h>
#include <string.h>

#include "xj/change.h"
#include "xj/fields.h"
#include "xj/mask.h"
#include "xj/reader.h"

/* The first of names that the row has with a value. */
static const char *column(const struct xj_record *rec, const char *const *names)
{
	const char *v;

	for (; *names; names++)
		if ((v = xj_reader_get(rec, *names)) != NULL && *v)
			return v;
	return NULL;
}

/* The reports come as CHSI's pages and the office's sheets word them. */
static const char *const key_cols[] = { "exam_no", "student_no", "id_number", NULL };
static const char *const field_cols[] = { "field", "字段", "项目", "错误项", NULL };
static const char *const value_cols[] = { "value", "正确值", "应为", "正确信息", NULL };
static const char *const note_cols[] = { "note", "说明", "备注", NULL };

int xj_change_report_read(const struct xj_record *rec, struct xj_change_report *out,
			  struct xj_error *err)
{
	const struct xj_field_def *def;

	out->key = column(rec, key_cols);
	out->field = column(rec, field_cols);
	out->value = column(rec, value_cols);
	out->note = column(rec, note_cols);
	if (!out->key || !out->field || !out->value)
		return xj_error_set(err, XJ_EDATA, "a row needs the student (exam_no,"
				    " student_no or id_number), the field and the value said"
				    " to be right");
	/* a field by its Chinese header is asked for by its own name */
	if ((def = xj_fields_lookup(out->field)) != NULL)
		out->field = def->name;
	return 0;
}

static int report_request(struct xj_store *st, const struct xj_record *rec,
			  const struct xj_change_report *rep, const char *who, long long *id,
			  struct xj_error *err)
{
	struct xj_change_in in;
	struct xj_student s;
	struct xj_sb origin = XJ_SB_INIT;
	const char *field = rep->field, *value = rep->value;
	char shown[64];
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&in, 0, sizeof(in));
	rc = xj_store_student_by_key(st, rep->key, &s, err);
	if (rc == 0) {
		/* the key may be an ID number: never named whole */
		xj_mask_key(rep->key, shown, sizeof(shown));
		rc = xj_error_set(err, XJ_EDATA, "no student with key %s", shown);
	}
	if (rc > 0) {
		xj_sb_addf(&origin, "%s:%ld", rec->file, rec->line);
		in.fields = &field;
		in.values = &value;
		in.n = 1;
		in.register_shows = 1;
		in.note = rep->note;
		in.origin = origin.buf;
		rc = xj_change_request(st, &s, &in, who, id, err);
	}
	xj_sb_release(&origin);
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

int xj_change_report_row(struct xj_store *st, const struct xj_record *rec, const char *who,
			 long long *id, struct xj_error *err)
{
	struct xj_change_report rep;
	int rc = xj_change_report_read(rec, &rep, err);

	if (rc == 0)
		rc = report_request(st, rec, &rep, who, id, err);
	/* what the library calls a wrong ask is, in a row, that row's fault */
	if (rc < 0 && err->code == XJ_EUSAGE)
		err->code = XJ_EDATA;
	return rc;
}
