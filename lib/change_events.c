/* change_events.c: status changes (学籍异动) a record stream asks for, one
 * request a row, each the request the options would make for that
 * student: a college's changes of a term or a year from one file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xj/change.h"
#include "xj/i18n.h"
#include "xj/intemplate.h"
#include "xj/reader.h"
#include "xj/rowstudent.h"
#include "xj/validate.h"

/* The values of a row, trimmed; "" for a column the row has not. */
struct row {
	struct xj_sb kind, from, until, reason, to_major, major_name, to_cohort,
		to_class, evidence, file;
};

static void row_release(struct row *w)
{
	xj_sb_release(&w->kind);
	xj_sb_release(&w->from);
	xj_sb_release(&w->until);
	xj_sb_release(&w->reason);
	xj_sb_release(&w->to_major);
	xj_sb_release(&w->major_name);
	xj_sb_release(&w->to_cohort);
	xj_sb_release(&w->to_class);
	xj_sb_release(&w->evidence);
	xj_sb_release(&w->file);
}

/* msg: an N_() text */
static int refuse(struct xj_error *err, const char *field, const char *msg)
{
	xj_error_where(err, NULL, 0, field);
	return xj_error_set(err, XJ_EDATA, "%s", gettext(msg));
}

/* A date column, checked, into out (11 bytes); "" stays "". */
static int date_column(const struct xj_sb *v, const char *field, char *out,
		       struct xj_error *err)
{
	*out = '\0';
	if (!v->len || xj_validate_date(v->buf, out, 11, err) == 0)
		return 0;
	xj_error_where(err, NULL, 0, field);
	return -1;
}

/* The row read into w and in (which borrows w's strings and from,
 * until, major), each column at fault refused by its name. */
static int read_row(const struct xj_record *rec, struct row *w, struct xj_change_in *in,
		    char from[11], char until[11], char major[16], struct xj_error *err)
{
	char *end;
	long y;

	xj_intemplate_value(NULL, rec, "kind", &w->kind);
	xj_intemplate_value(NULL, rec, "from", &w->from);
	xj_intemplate_value(NULL, rec, "until", &w->until);
	xj_intemplate_value(NULL, rec, "reason", &w->reason);
	xj_intemplate_value(NULL, rec, "to_major", &w->to_major);
	xj_intemplate_value(NULL, rec, "major_name", &w->major_name);
	xj_intemplate_value(NULL, rec, "to_cohort", &w->to_cohort);
	xj_intemplate_value(NULL, rec, "to_class", &w->to_class);
	xj_intemplate_value(NULL, rec, "evidence", &w->evidence);
	xj_intemplate_value(NULL, rec, "file", &w->file);
	/* a column missing is named as missing, not as a value of "" */
	if (!xj_reader_get(rec, "kind"))
		return refuse(err, "kind", N_("no kind column (类型): each row says the status it"
			      " changes to"));
	if (!xj_reader_get(rec, "from"))
		return refuse(err, "from", N_("no from column (生效日期): each row says the date"
			      " the change takes effect"));
	if (!xj_reader_get(rec, "reason"))
		return refuse(err, "reason", N_("no reason column (原因): a status change needs"
			      " its reason"));
	in->status = xj_change_status_name(w->kind.buf);
	if (!in->status) {
		xj_error_where(err, NULL, 0, "kind");
		return xj_error_set(err, XJ_EDATA, "unknown kind \"%s\" (want suspended, resumed,"
				    " withdrawn, retained, transferred-major, demoted, deceased,"
				    " or 休学, 复学, 退学, 保留学籍, 转专业, 降级, 死亡)",
				    w->kind.buf);
	}
	if (!w->from.len)
		return refuse(err, "from", N_("a status change needs the date it takes effect"));
	if (date_column(&w->from, "from", from, err) < 0 ||
	    date_column(&w->until, "until", until, err) < 0)
		return -1;
	if (!w->reason.len)
		return refuse(err, "reason", N_("a status change needs its reason"));
	if (w->to_major.len && xj_validate_major_code(w->to_major.buf, major, 16, err) < 0) {
		xj_error_where(err, NULL, 0, "to_major");
		return -1;
	}
	if (w->to_cohort.len) {
		errno = 0;
		y = strtol(w->to_cohort.buf, &end, 10);
		if (errno || end == w->to_cohort.buf || *end || y < 2000 || y > 2100)
			return refuse(err, "to_cohort", N_("not a year between 2000 and 2100"));
		in->to_cohort = (int)y;
	}
	in->from = from;
	in->until = *until ? until : NULL;
	in->to_major = w->to_major.len ? major : NULL;
	in->major_name = in->to_major && w->major_name.len ? w->major_name.buf : NULL;
	in->to_class = w->to_class.len ? w->to_class.buf : NULL;
	in->note = w->reason.buf;
	in->evidence = w->evidence.len ? w->evidence.buf : NULL;
	in->register_shows = 1;
	return 0;
}

int xj_change_status_row(struct xj_store *st, const struct xj_record *rec,
			 const char *who, long long *id, struct xj_error *err)
{
	struct xj_student s;
	struct xj_change_in in;
	struct row w;
	const char *file;
	char from[11], until[11], major[16];
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&in, 0, sizeof(in));
	memset(&w, 0, sizeof(w));
	rc = xj_rowstudent_find(st, NULL, rec, &s, err);
	if (rc == 0)
		rc = read_row(rec, &w, &in, from, until, major, err);
	if (rc == 0 && w.file.len) {
		file = w.file.buf;
		in.files = &file;
		in.nfiles = 1;
	}
	if (rc == 0)
		rc = xj_change_request(st, &s, &in, who, id, err);
	/* what the library calls a wrong ask is, in a row, that row's fault */
	if (rc < 0 && err->code == XJ_EUSAGE)
		err->code = XJ_EDATA;
	xj_student_release(&s);
	row_release(&w);
	return rc;
}
