/* photos.c: photo-comparison results in through a column template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/intemplate.h"
#include "xj/jsonw.h"
#include "xj/photos.h"
#include "xj/rowstudent.h"
#include "xj/strbuf.h"
#include "xj/validate.h"

static const char *const sections[] = { "columns", "pair", "result", NULL };

static const char *const pairs_known[] = {
	"onsite-exam", "onsite-idcard", "graduation-admission", "graduation-enrolment",
	"graduation-idcard", "chsi-identity",
};

int xj_photos_pair_known(const char *pair)
{
	size_t i;

	for (i = 0; i < sizeof(pairs_known) / sizeof(pairs_known[0]); i++)
		if (strcmp(pair, pairs_known[i]) == 0)
			return 1;
	return 0;
}

struct xj_intemplate *xj_photos_template_load(const char *path, struct xj_error *err)
{
	return xj_intemplate_load(path, sections, err);
}

struct row {
	struct xj_sb pair, result, score, date;
};

static int read_row(const struct xj_intemplate *t, const struct xj_record *rec,
		    struct row *r, struct xj_error *err)
{
	char date[11];

	xj_intemplate_value(t, rec, "pair", &r->pair);
	xj_intemplate_value(t, rec, "result", &r->result);
	xj_intemplate_value(t, rec, "score", &r->score);
	xj_intemplate_value(t, rec, "date", &r->date);
	if (!xj_photos_pair_known(xj_intemplate_word(t, "pair", r->pair.buf)))
		return xj_error_where(err, NULL, 0, "pair"),
		       xj_error_set(err, XJ_EDATA, "unknown pair \"%s\"", r->pair.buf);
	if (strspn(r->score.buf, "0123456789.") != r->score.len)
		return xj_error_where(err, NULL, 0, "score"),
		       xj_error_set(err, XJ_EDATA, "not a score: \"%s\"", r->score.buf);
	if (r->date.len && xj_validate_date(r->date.buf, date, sizeof(date), err) < 0)
		return xj_error_where(err, NULL, 0, "date"), -1;
	if (r->date.len) {
		xj_sb_reset(&r->date);
		xj_sb_adds(&r->date, date);
	}
	return 0;
}

static void row_release(struct row *r)
{
	xj_sb_release(&r->pair);
	xj_sb_release(&r->result);
	xj_sb_release(&r->score);
	xj_sb_release(&r->date);
}

static int record(struct xj_store *st, long long sid, const char *pair,
		  const char *result, const struct row *r, struct xj_error *err)
{
	struct xj_jw json = XJ_JW_INIT;
	int rc;

	if (r->date.len && (rc = xj_store_photo_known(st, sid, pair, result, r->date.buf, err)))
		return rc;
	xj_jsonw_object_begin(&json);
	xj_jsonw_object_string(&json, "pair", pair);
	xj_jsonw_object_string(&json, "result", result);
	if (r->score.len)
		xj_jsonw_object_string(&json, "score", r->score.buf);
	if (r->date.len)
		xj_jsonw_object_string(&json, "date", r->date.buf);
	xj_jsonw_end(&json);
	rc = xj_store_photo_add(st, sid, pair, result, r->score.len ? r->score.buf : NULL,
				"photos", r->date.buf, err);
	if (rc == 0)
		rc = xj_store_audit(st, sid, "photo-check", NULL, json.json.buf, err);
	xj_jsonw_release(&json);
	return rc;
}

int xj_photos_row(struct xj_store *st, const struct xj_intemplate *t,
		 const struct xj_record *rec, struct xj_error *err)
{
	struct row r;
	struct xj_student s;
	const char *result;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	rc = read_row(t, rec, &r, err);
	result = xj_intemplate_word(t, "result", r.result.buf);
	if (rc == 0 && strcmp(result, "match") && strcmp(result, "mismatch") &&
	    strcmp(result, "unclear")) {
		xj_error_where(err, NULL, 0, "result");
		rc = xj_error_set(err, XJ_EDATA, "unknown result \"%s\" (want match, mismatch"
				  " or unclear, or map it in the template)", r.result.buf);
	}
	if (rc == 0)
		rc = xj_rowstudent_find(st, t, rec, &s, err);
	if (rc == 0)
		rc = record(st, s.id, xj_intemplate_word(t, "pair", r.pair.buf), result, &r, err);
	xj_student_release(&s);
	row_release(&r);
	return rc;
}
