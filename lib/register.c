/* register.c: the rules of new-student and annual registration. */
#include <stdio.h>
#include <string.h>

#include "xj/dates.h"
#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/register.h"
#include "xj/rowstudent.h"
#include "xj/status.h"
#include "xj/review.h"
#include "xj/sha256.h"
#include "xj/stuno.h"

/* Statuses of students who have left with a credential: not concerned. */
static const char *const finished[] = { "graduated", "completed", "incomplete" };

static int one_of(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

int xj_register_is_registered(const struct xj_student *s)
{
	return s->status && strcmp(s->status, XJ_STATUS_ADMITTED) != 0 &&
	       !strstr(s->status, "cancelled");
}

/* The rest of the entrance review, which a passed re-check does not
 * outweigh: an arrival check that failed (P4), an arrival photo
 * comparison that stands at other than a match (P5), an investigation
 * open or confirmed (P8).  1 when none, 0 with why said, -1. */
static int entrance_stands(struct xj_store *st, const struct xj_student *s, struct xj_sb *why,
			   struct xj_error *err)
{
	struct xj_review a;
	struct xj_case k;
	struct xj_sb result = XJ_SB_INIT;
	const char *pair = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = xj_store_review_latest(st, s->id, "arrival", &a, err);
	if (rc > 0 && strcmp(a.result, "pass") != 0)
		xj_sb_adds(why, _("the arrival check failed (P4)"));
	xj_store_review_release(&a);
	if (rc >= 0 && !why->len &&
	    (rc = xj_review_photo_unmatched(st, s->id, &pair, &result, err)) > 0)
		xj_sb_addf(why, _("a photo comparison does not match: %s %s (P5)"), pair,
			   result.buf);
	xj_sb_release(&result);
	memset(&k, 0, sizeof(k));
	if (rc >= 0 && !why->len && (rc = xj_store_case_latest(st, s->id, &k, err)) > 0) {
		if (!*k.finding.buf)
			xj_sb_addf(why, _("an investigation case is open since %s (P8)"),
				   k.opened_on.buf);
		else if (!strcmp(k.finding.buf, "confirmed"))
			xj_sb_addf(why, _("a confirmed case: %s (P8)"), k.reason.buf);
	}
	xj_store_case_release(&k);
	return rc < 0 ? -1 : !why->len;
}

int xj_register_ready(struct xj_store *st, const struct xj_student *s, struct xj_sb *why,
		      struct xj_error *err)
{
	struct xj_review r;
	int found, ok = 0;

	xj_sb_reset(why);
	if (s->status && strstr(s->status, "cancelled")) {
		xj_sb_addf(why, "%s (P6, P8)", s->status);
		return 0;
	}
	/* withdrawn or deceased before registration: never registered */
	if (xj_status_terminal(s->status)) {
		xj_sb_adds(why, s->status);
		return 0;
	}
	if (xj_register_is_registered(s))
		return 0;
	memset(&r, 0, sizeof(r));
	found = xj_store_review_latest(st, s->id, "recheck", &r, err);
	if (found < 0)
		return -1;
	if (!found)
		xj_sb_adds(why, _("no re-check review yet (P7)"));
	else if (strcmp(r.result, "pass") != 0)
		xj_sb_adds(why, _("the re-check failed (P7)"));
	else if (strcmp(xj_review_state(&r, found, "recheck"), "complete") != 0)
		xj_sb_addf(why, _("the re-check is %s, not signed at all three levels (P1)"),
			   xj_review_state(&r, found, "recheck"));
	else
		ok = 1;
	xj_store_review_release(&r);
	return ok ? entrance_stands(st, s, why, err) : 0;
}

int xj_register_listed(struct xj_store *st, const struct xj_student *s, int named,
		       struct xj_sb *why, struct xj_error *err)
{
	int rc = xj_register_ready(st, s, why, err);

	if (rc == 0 && !why->len && named)
		xj_sb_adds(why, _("registered already"));
	return rc;
}

/* --- CHSI's feedback ------------------------------------------------------ */

/* Feedback is taken only for a student handed to CHSI in a recorded
 * submission (xj-register new --commit) and still awaiting its answer, who
 * may still become registered: a feedback file never makes a student
 * registered whom the approved list did not carry (P9).  XJ_EDATA refuses
 * the row; the submission answered into *sub. */
static int awaiting(struct xj_store *st, const struct xj_student *s, long long *sub,
		    struct xj_error *err)
{
	struct xj_reg r;
	int year = xj_student_entry_year(s), rc;

	memset(&r, 0, sizeof(r));
	rc = xj_store_reg_latest(st, s->id, "new", year, &r, err);
	if (rc > 0 && strcmp(r.state.buf, "registered") == 0)
		rc = xj_error_set(err, XJ_EDATA, "registered already");
	else if (rc >= 0)
		rc = xj_store_reg_submitted(st, s->id, "new", year, sub, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "not submitted for registration");
	/* cancelled, withdrawn or deceased since it was submitted */
	if (rc > 0)
		rc = xj_status_allow(s->status, "registered", XJ_BY_REGISTER, err);
	xj_store_reg_release(&r);
	return rc < 0 ? -1 : 0;
}

static int record_success(struct xj_store *st, const struct xj_student *s, long long sub,
			  struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	char today[11];
	int rc;

	snprintf(today, sizeof(today), "%.10s", xj_store_business(st));
	/* the entry binds the answer to the file it answers */
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "kind", "new");
	xj_jsonw_object_string(&json, "state", "registered");
	xj_jsonw_object_int(&json, "submission", sub);
	xj_jsonw_end(&json);
	rc = xj_store_reg_add(st, s->id, "new", xj_student_entry_year(s), "registered", NULL, 0,
			      sub, err);
	if (rc == 0)
		rc = xj_store_status_add(st, s->id, "registered", today, XJ_BY_REGISTER, err);
	if (rc == 0)
		rc = xj_store_audit(st, s->id, "register", NULL, json.json.buf, err);
	xj_jsonw_release(&json);
	return rc;
}

static int record_failure(struct xj_store *st, const struct xj_student *s, long long sub,
			  const char *msg, struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	struct xj_reg r;
	int year = xj_student_entry_year(s), rc;

	memset(&r, 0, sizeof(r));
	rc = xj_store_reg_latest(st, s->id, "new", year, &r, err);
	if (rc > 0 && !strcmp(r.state.buf, "failed") && !strcmp(r.reason.buf, msg))
		rc = 2;
	else if (rc >= 0) {
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "kind", "new");
		xj_jsonw_object_string(&json, "state", "failed");
		xj_jsonw_object_string(&json, "reason", msg);
		xj_jsonw_object_int(&json, "submission", sub);
		xj_jsonw_end(&json);
		rc = xj_store_reg_add(st, s->id, "new", year, "failed", msg, 0, sub, err);
		if (rc == 0)
			rc = xj_store_audit(st, s->id, "register", NULL, json.json.buf, err);
	}
	xj_store_reg_release(&r);
	xj_jsonw_release(&json);
	return rc;
}

int xj_register_result(struct xj_store *st, const struct xj_intemplate *t,
		       const struct xj_record *rec, struct xj_sb *key, struct xj_sb *msg,
		       struct xj_error *err)
{
	struct xj_student s;
	long long sub = 0;
	int rc, success;

	memset(&s, 0, sizeof(s));
	success = xj_rowstudent_result(st, t, rec, &s, msg, err);
	rc = success < 0 ? -1 : 0;
	if (rc == 0) {
		xj_sb_reset(key);
		xj_sb_adds(key, s.v[XJ_S_EXAM_NO]);
	}
	if (rc == 0)
		rc = awaiting(st, &s, &sub, err);
	if (rc == 0 && success)
		rc = record_success(st, &s, sub, err);
	else if (rc == 0)
		rc = record_failure(st, &s, sub, msg->len ? msg->buf : "refused", err) == 2 ? 2 :
			(err->code ? -1 : 1);
	xj_student_release(&s);
	return rc;
}

int xj_register_rest(struct xj_store *st, const char *exam_no, struct xj_error *err)
{
	struct xj_student s;
	long long sub = 0;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = xj_store_student_find(st, XJ_S_EXAM_NO, exam_no, &s, err);
	if (rc == 0)
		rc = xj_error_set(err, XJ_ESTORE, "student %s vanished", exam_no);
	if (rc > 0)
		rc = awaiting(st, &s, &sub, err);
	if (rc == 0)
		rc = record_success(st, &s, sub, err);
	xj_student_release(&s);
	return rc < 0 ? -1 : 0;
}

/* --- the submission of new students ------------------------------------- */

static int submitted(struct xj_store *st, const char *exam_no, long long sub,
		     struct xj_error *err)
{
	struct xj_student s;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = xj_store_student_find(st, XJ_S_EXAM_NO, exam_no, &s, err) < 0 ? -1 : 0;
	if (rc == 0)
		rc = xj_store_reg_add(st, s.id, "new", xj_student_entry_year(&s), "submitted",
				      NULL, 0, sub, err);
	if (rc == 0)
		rc = xj_store_audit(st, s.id, "register", NULL,
				    "{\"kind\":\"new\",\"state\":\"submitted\"}", err);
	xj_student_release(&s);
	return rc;
}

int xj_register_submit(struct xj_store *st, int cohort, const char *name, const char *path,
		       const char *keys, struct xj_error *err)
{
	struct xj_sb key = XJ_SB_INIT;
	const char *p, *nl;
	char hex[65];
	long long sub = 0;
	long rows = 0;
	int rc;

	for (p = keys; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		rows++;
	/* the row binds the students to the very file CHSI was given */
	rc = xj_sha256_file(path, hex, err);
	if (rc == 0)
		rc = xj_store_submission_add(st, "new", cohort, name, hex, rows, &sub, err);
	for (p = keys; rc == 0 && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		xj_sb_reset(&key);
		xj_sb_add(&key, p, (size_t)(nl - p));
		rc = submitted(st, key.buf, sub, err);
	}
	xj_sb_release(&key);
	return rc;
}

/* --- student numbers ------------------------------------------------------ */

int xj_register_needs_number(const struct xj_student *s)
{
	return !(s->v[XJ_S_STUDENT_NO] && *s->v[XJ_S_STUDENT_NO]) &&
	       xj_register_is_registered(s);
}

int xj_register_annual_begin(struct xj_store *st, struct xj_error *err)
{
	/* a registration a student: logged at once as the command ends, not
	 * by a trigger a row, each of which would also copy the pages it
	 * touches to a statement journal */
	return xj_store_rows_defer(st, "registration", err);
}

int xj_register_number_begin(struct xj_store *st, struct xj_error *err)
{
	/* a prefix's counter is updated for every student numbered: logged
	 * once, as it ends, not once a student */
	return xj_store_rows_defer_counter(st, "number_seq", err);
}

int xj_register_number(struct xj_store *st, const struct xj_student *s, const char *pattern,
		       const struct xj_config *cfg, struct xj_sb *number, struct xj_error *err)
{
	const struct xj_major *m = xj_config_major(cfg, s->v[XJ_S_MAJOR_CODE]);
	struct xj_sb key = XJ_SB_INIT, since = XJ_SB_INIT;
	struct xj_student other;
	struct xj_number_ctx c = { .s = s, .major_no = m ? m->ordinal : NULL };
	int digits = 0, rc, taken = 1;
	long seq = 0;

	if (s->v[XJ_S_STUDENT_NO] && *s->v[XJ_S_STUDENT_NO])
		return xj_error_set(err, XJ_EDATA, "has student number %s already",
				    s->v[XJ_S_STUDENT_NO]);
	if (!xj_register_is_registered(s))
		return xj_error_set(err, XJ_EDATA, "not registered yet (P9)");
	if ((rc = xj_store_frozen(st, s->id, &since, err)) > 0)
		xj_error_set(err, XJ_EDATA, "the credential is registered since %s: the record"
			     " is frozen (P16)", since.buf);
	xj_sb_release(&since);
	if (rc != 0)
		return -1;
	rc = xj_stuno_key(pattern, &c, &key, &digits, err);
	/* a number already given outside (an imported roster) is passed by */
	while (rc == 0 && taken) {
		memset(&other, 0, sizeof(other));
		rc = xj_store_number_next(st, key.buf, &seq, err);
		if (rc == 0)
			rc = xj_stuno_make(pattern, &c, seq, number, err);
		if (rc == 0)
			taken = xj_store_student_find(st, XJ_S_STUDENT_NO, number->buf, &other, err);
		if (taken < 0)
			rc = -1;
		xj_student_release(&other);
	}
	if (rc == 0)
		rc = xj_store_student_set(st, s->id, XJ_S_STUDENT_NO, number->buf, err);
	if (rc == 0) {
		struct xj_jw old_ = XJ_JW_INIT, new_ = XJ_JW_INIT;

		xj_jsonw_object_begin(&old_);
		xj_jsonw_object_string(&old_, "student_no", "");
		xj_jsonw_end(&old_);
		xj_jsonw_object_begin(&new_);
		xj_jsonw_object_string(&new_, "student_no", number->buf);
		xj_jsonw_end(&new_);
		rc = xj_store_audit(st, s->id, "update", old_.json.buf, new_.json.buf, err);
		xj_jsonw_release(&old_);
		xj_jsonw_release(&new_);
	}
	xj_sb_release(&key);
	return rc;
}

/* --- annual registration -------------------------------------------------- */

int xj_register_window(struct xj_store *st, int year, char start[11], char end[11],
		     struct xj_error *err)
{
	struct xj_sb date = XJ_SB_INIT;
	int recheck, annual, rc = xj_store_first_term(st, year, &date, err);

	if (rc == 0)
		rc = xj_error_set(err, XJ_EDATA, "the calendar of the config has no first-term"
				  " start for %d (xj-config(5), calendar)", year);
	if (rc > 0)
		rc = xj_store_windows(st, &recheck, &annual, err);
	if (rc == 0) {
		snprintf(start, 11, "%s", date.buf);
		xj_dates_add_months(start, annual, end);
	}
	xj_sb_release(&date);
	return rc;
}

int xj_register_when(int year, const char *start, const char *end, const char *day,
		   int late, int *is_late, struct xj_error *err)
{
	/* dates as YYYY-MM-DD compare as their text does */
	*is_late = strcmp(day, end) > 0;
	if (strcmp(day, start) < 0)
		return xj_error_set(err, XJ_EDATA, "the registration of %d opens on %s", year,
				    start);
	if (*is_late && !late)
		return xj_error_set(err, XJ_EDATA, "the registration window of %d closed on"
				    " %s: register late with --late --reason (P11, P21)",
				    year, end);
	/* a late registration is on record as late: never one made in time */
	if (!*is_late && late)
		return xj_error_set(err, XJ_EUSAGE, "the window of %d is open until %s:"
				    " --late is not needed", year, end);
	return 0;
}

int xj_register_open(struct xj_store *st, int year, const char *day, int late, int *is_late,
		   struct xj_error *err)
{
	char start[11], end[11];

	*is_late = 0;
	if (xj_register_window(st, year, start, end, err) < 0)
		return -1;
	return xj_register_when(year, start, end, day, late, is_late, err);
}

int xj_register_deadline(struct xj_store *st, const char *day, int *year, char end[11],
		       long *days_left, struct xj_error *err)
{
	char start[11];
	int ok = 1, rc = xj_store_current_year(st, day, year, err);

	if (rc == 0)
		return xj_error_set(err, XJ_EDATA, "no academic year has started by %s"
				    " (xj-config(5), calendar)", day);
	if (rc < 0 || xj_register_window(st, *year, start, end, err) < 0)
		return -1;
	*days_left = xj_dates_days(end, &ok) - xj_dates_days(day, &ok);
	return 0;
}

int xj_register_due(struct xj_store *st, const struct xj_student *s, int year,
		  struct xj_error *err)
{
	struct xj_sb state = XJ_SB_INIT, why = XJ_SB_INIT;
	struct xj_reg reg;
	int rc = xj_register_decide(st, s, year, &state, &why, err);

	/* only those the facts would register are due: the deferred, the
	 * refused and the not registered have their answer */
	memset(&reg, 0, sizeof(reg));
	if (rc == 0 && strcmp(state.buf, "registered") == 0) {
		rc = xj_store_reg_latest(st, s->id, "annual", year, &reg, err);
		if (rc >= 0)
			rc = !(rc > 0 && strcmp(reg.state.buf, "registered") == 0);
	}
	xj_store_reg_release(&reg);
	xj_sb_release(&state);
	xj_sb_release(&why);
	return rc;
}

int xj_register_decide(struct xj_store *st, const struct xj_student *s, int year,
		     struct xj_sb *state, struct xj_sb *reason, struct xj_error *err)
{
	const char *status = s->status ? s->status : "";
	int rc = 0;

	xj_sb_reset(state);
	xj_sb_reset(reason);
	/* a student of the year's intake is a new student (P9); one who
	 * repeats a year (降级) into it is not */
	if (xj_student_entry_year(s) >= year || one_of(status, finished, 3))
		return 0;
	if (xj_status_in_school(status)) {
		rc = xj_store_hold_latest(st, s->id, year, state, reason, err);
		if (rc == 0 || (rc > 0 && strcmp(state->buf, "cleared") == 0)) {
			xj_sb_reset(state);
			xj_sb_reset(reason);
			xj_sb_adds(state, "registered");
		}
		return rc < 0 ? -1 : 0;
	}
	xj_sb_reset(state);
	xj_sb_adds(state, "not-registered");
	if (strcmp(status, XJ_STATUS_ADMITTED) == 0 || !*status)
		xj_sb_adds(reason, "no student status: the new-student registration is missing"
			   " (P9)");
	else
		xj_sb_adds(reason, status);
	return 0;
}

const char *xj_register_reason(const char *why, int late, const char *late_reason)
{
	return late && (!why || !*why) ? late_reason : why;
}

int xj_register_overdue(long days_left, long due)
{
	/* on the last day the window is still open: the day after is late */
	return days_left < 0 && due > 0;
}

int xj_register_to_chsi(const char *state)
{
	/* a student not registered is the college's to follow up, not a
	 * registration CHSI records */
	return strcmp(state, "not-registered") != 0;
}

int xj_register_record(struct xj_store *st, const struct xj_student *s, int year,
		     const char *state, const char *reason, int late, struct xj_error *err)
{
	struct xj_reg r;
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = xj_store_reg_latest(st, s->id, "annual", year, &r, err);
	if (rc > 0 && (!strcmp(r.state.buf, "registered") ||
		       (!strcmp(r.state.buf, state) && !strcmp(r.reason.buf, reason))))
		rc = 1;
	else if (rc >= 0) {
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_string(&json, "kind", "annual");
		xj_jsonw_object_int(&json, "year", year);
		xj_jsonw_object_string(&json, "state", state);
		if (*reason)
			xj_jsonw_object_string(&json, "reason", reason);
		if (late)
			xj_jsonw_object_bool(&json, "late", 1);
		xj_jsonw_end(&json);
		rc = xj_store_reg_add(st, s->id, "annual", year, state, *reason ? reason : NULL,
				      late, 0, err);
		if (rc == 0)
			rc = xj_store_audit(st, s->id, "register", NULL, json.json.buf, err);
	}
	xj_store_reg_release(&r);
	xj_jsonw_release(&json);
	return rc;
}

/* --- holds ---------------------------------------------------------------- */

static const char *hold_kind(const char *v)
{
	if (!strcmp(v, "deferred") || !strcmp(v, "暂缓注册") || !strcmp(v, "暂缓"))
		return "deferred";
	if (!strcmp(v, "refused") || !strcmp(v, "不予注册"))
		return "refused";
	if (!strcmp(v, "cleared") || !strcmp(v, "解除"))
		return "cleared";
	return NULL;
}

int xj_register_hold(struct xj_store *st, const struct xj_record *rec, int year,
		     struct xj_error *err)
{
	struct xj_student s;
	struct xj_sb kind = XJ_SB_INIT, reason = XJ_SB_INIT;
	struct xj_jw json = XJ_JW_INIT;
	struct xj_reg r;
	const char *k;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	rc = xj_rowstudent_find(st, NULL, rec, &s, err);
	xj_intemplate_value(NULL, rec, "kind", &kind);
	xj_intemplate_value(NULL, rec, "reason", &reason);
	k = hold_kind(kind.buf);
	/* a column missing is named as missing, not as a kind of "" */
	if (rc == 0 && !xj_reader_get(rec, "kind")) {
		xj_error_where(err, NULL, 0, "kind");
		rc = xj_error_set(err, XJ_EDATA, "no kind column (类型): each row says deferred,"
				  " refused or cleared");
	} else if (rc == 0 && !k) {
		xj_error_where(err, NULL, 0, "kind");
		rc = xj_error_set(err, XJ_EDATA, "unknown kind \"%s\" (want deferred, refused or"
				  " cleared)", kind.buf);
	} else if (rc == 0 && !xj_reader_get(rec, "reason") && strcmp(k, "cleared")) {
		xj_error_where(err, NULL, 0, "reason");
		rc = xj_error_set(err, XJ_EDATA, "no reason column (原因): a hold needs its reason");
	} else if (rc == 0 && !reason.len && strcmp(k, "cleared")) {
		xj_error_where(err, NULL, 0, "reason");
		rc = xj_error_set(err, XJ_EDATA, "a hold needs its reason");
	}
	if (rc == 0 && xj_store_reg_latest(st, s.id, "annual", year, &r, err) > 0 &&
	    strcmp(r.state.buf, "registered") == 0)
		rc = xj_error_set(err, XJ_EDATA, "registered for %d already", year);
	if (rc == 0 && err->code)
		rc = -1;
	if (rc == 0) {
		xj_jsonw_object_begin(&json);
		xj_jsonw_object_int(&json, "year", year);
		xj_jsonw_object_string(&json, "hold", k);
		xj_jsonw_object_string(&json, "reason", reason.buf);
		xj_jsonw_end(&json);
		rc = xj_store_hold_add(st, s.id, year, k, reason.buf, err);
	}
	if (rc == 0)
		rc = xj_store_audit(st, s.id, "hold", NULL, json.json.buf, err);
	xj_student_release(&s);
	xj_store_reg_release(&r);
	xj_sb_release(&kind);
	xj_sb_release(&reason);
	xj_jsonw_release(&json);
	return rc;
}
