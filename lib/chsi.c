/* chsi.c: CHSI's student list kept as a source, its verdicts, and the
 * comparison of the store with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/pairs.h"
#include "xj/chsi.h"
#include "xj/jsonw.h"
#include "xj/compare.h"
#include "xj/validate.h"

const char *xj_chsi_verdict(const char *remark)
{
	if (!remark)
		return NULL;
	if (strstr(remark, "身份核验未通过"))
		return "mismatch";
	if (strstr(remark, "身份核验不确定"))
		return "unclear";
	if (strstr(remark, "身份核验异常"))
		return "abnormal";
	return NULL;
}

static int find(struct xj_store *st, const struct xj_norm *n, struct xj_student *s,
		struct xj_error *err)
{
	static const int keys[] = { XJ_S_EXAM_NO, XJ_S_ID_NUMBER, XJ_S_STUDENT_NO };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int rc;

		if (!n->s.v[keys[i]])
			continue;
		rc = xj_store_student_find(st, keys[i], n->s.v[keys[i]], s, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* A verdict is a fact once: the same verdict again adds nothing. */
static int record_verdict(struct xj_store *st, long long sid, const char *verdict,
			  struct xj_error *err)
{
	struct xj_sb last = XJ_SB_INIT;
	struct xj_jw audit = XJ_JW_INIT;
	int rc = xj_store_photo_latest(st, sid, XJ_PAIR_CHSI, &last, err);

	if (rc == 0 || (rc > 0 && strcmp(last.buf, verdict) != 0)) {
		xj_jsonw_object_begin(&audit);
		xj_jsonw_object_string(&audit, "pair", XJ_PAIR_CHSI);
		xj_jsonw_object_string(&audit, "result", verdict);
		xj_jsonw_object_string(&audit, "source", "chsi");
		xj_jsonw_end(&audit);
		rc = xj_store_photo_add(st, sid, XJ_PAIR_CHSI, verdict, NULL, "chsi", NULL, err);
		if (rc == 0)
			rc = xj_store_audit(st, sid, "photo-check", NULL, audit.json.buf, err);
	}
	xj_sb_release(&last);
	xj_jsonw_release(&audit);
	return rc < 0 ? -1 : 0;
}

int xj_chsi_row(struct xj_store *st, long long import_id,
		const struct xj_record *rec, const struct xj_norm *n,
		struct xj_error *err)
{
	struct xj_student s;
	const char *verdict;
	int rc;

	memset(&s, 0, sizeof(s));
	rc = find(st, n, &s, err);
	if (rc >= 0 && (xj_store_source_add(st, import_id, rec->line, "chsi", s.id,
					    &n->data, err) < 0 ||
			xj_store_audit(st, s.id, "add-source", NULL, n->data.buf, err) < 0))
		rc = -1;
	verdict = xj_chsi_verdict(xj_reader_get(rec, "remark"));
	if (rc > 0 && verdict && record_verdict(st, s.id, verdict, err) < 0)
		rc = -1;
	xj_student_release(&s);
	return rc;
}

/* The fields compared with CHSI's list. */
static const int compared[] = {
	XJ_S_STUDENT_NO, XJ_S_NAME, XJ_S_GENDER, XJ_S_BIRTH_DATE, XJ_S_ID_NUMBER,
	XJ_S_POLITICAL, XJ_S_MAJOR_CODE, XJ_S_MAJOR_NAME, XJ_S_LEVEL, XJ_S_DURATION,
	XJ_S_STUDY_MODE, XJ_S_ENROL_DATE, XJ_S_ETHNICITY, XJ_S_CLASS,
};

struct diff {
	struct xj_store *st;
	xj_diff_fn fn;
	void *ctx;
	long count;
	unsigned long ignore;
};

const char *xj_chsi_status(const char *status)
{
	static const struct { const char *ours, *chsi; } words[] = {
		{ "admitted", "待注册" }, { "registered", "注册学籍" }, { "resumed", "注册学籍" },
		{ "transferred-major", "注册学籍" }, { "demoted", "注册学籍" },
		{ "suspended", "休学" }, { "retained", "保留学籍" },
	};
	size_t i;

	for (i = 0; status && i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(status, words[i].ours))
			return words[i].chsi;
	return NULL;
}

static void emit(struct diff *d, const char *exam, const char *name,
		 const char *field, const char *ours, const char *theirs)
{
	d->fn(d->ctx, exam ? exam : "", name ? name : "", field, ours, theirs);
	d->count++;
}

/* ZCZT against our status: 暂缓注册 is a year's registration deferred, the
 * status staying in school. */
static void compare_status(struct diff *d, const struct xj_student *s,
			   const struct xj_pairs *p)
{
	const char *ours = xj_chsi_status(s->status), *theirs;

	if (!ours || !xj_pairs_has(p, "status"))
		return;
	theirs = xj_pairs_get(p, "status");
	if (!strcmp(ours, theirs) || (!strcmp(theirs, "暂缓注册") && !strcmp(ours, "注册学籍")))
		return;
	emit(d, s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], "status", ours, theirs);
}

static void compare(struct diff *d, const struct xj_student *s, const struct xj_pairs *p)
{
	char a[256], b[256];
	size_t i;

	/* a column the list does not have says nothing; an empty value in a
	 * column it has is a difference */
	for (i = 0; i < sizeof(compared) / sizeof(compared[0]); i++) {
		int f = compared[i];

		if (!xj_pairs_has(p, xj_student_field(f)) || (d->ignore & (1ul << f)))
			continue;
		xj_compare_canon(f, s->v[f], a, sizeof(a));
		xj_compare_canon(f, xj_pairs_get(p, xj_student_field(f)), b, sizeof(b));
		if (strcmp(a, b) != 0)
			emit(d, s->v[XJ_S_EXAM_NO], s->v[XJ_S_NAME], xj_student_field(f), a, b);
	}
	if (!(d->ignore & (1ul << XJ_S_COUNT)))
		compare_status(d, s, p);
}

static void unmatched(void *ctx, long line, const char *json)
{
	struct diff *d = ctx;
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_error e;

	(void)line;
	xj_error_clear(&e);
	if (xj_store_json_each(d->st, json, xj_pairs_add, &p, &e) == 0)
		emit(d, xj_pairs_get(&p, "exam_no"), xj_pairs_get(&p, "name"), "(student)",
		     "missing", "present");
	xj_pairs_release(&p);
}

int xj_chsi_diff(struct xj_store *st, const struct xj_query *q, unsigned long ignore,
		 xj_diff_fn fn, void *ctx, long *count, struct xj_error *err)
{
	struct diff d = { st, fn, ctx, 0, ignore };
	struct xj_sb sha = XJ_SB_INIT, data = XJ_SB_INIT;
	struct xj_student s;
	long long list = 0;
	int rc = xj_store_import_prev(st, "chsi", 0, &list, &sha, err);

	xj_sb_release(&sha);
	if (rc <= 0)
		return rc < 0 ? -1 : xj_error_set(err, XJ_EUSAGE, "no CHSI list imported"
			" (import one with 'xj-import --source chsi')");
	if (xj_store_query_begin(st, q, err) < 0)
		return -1;
	while ((rc = xj_store_query_next(st, &s, err)) == 1) {
		struct xj_pairs p = XJ_PAIRS_INIT;

		rc = xj_store_import_row(st, list, s.id, &data, err);
		/* only ours in school belong on CHSI's list: one withdrawn,
		 * cancelled or graduated is not missing from it */
		if (rc == 0 && xj_chsi_status(s.status))
			emit(&d, s.v[XJ_S_EXAM_NO], s.v[XJ_S_NAME], "(student)", "present", "missing");
		else if (rc > 0 && xj_store_json_each(st, data.buf, xj_pairs_add, &p, err) == 0)
			compare(&d, &s, &p);
		xj_pairs_release(&p);
		xj_student_release(&s);
		if (rc < 0)
			break;
	}
	xj_sb_release(&data);
	if (rc == 0 && !q->cohort && !q->dept && !q->major && !q->klass && !q->status &&
	    !q->key)
		rc = xj_store_import_unmatched(st, list, unmatched, &d, err);
	*count = d.count;
	return rc < 0 ? -1 : 0;
}
