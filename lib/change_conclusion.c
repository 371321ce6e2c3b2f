/* change_conclusion.c: the graduation conclusion (毕/结业结论) corrected by an
 * erratum (P17).  The conclusion is the certificate's, not a field of the
 * record: the erratum notes the corrected one on the certificate, which
 * keeps its number, and moves the status with it.  Only the two
 * conclusions whose certificates are numbered are reached: a 肄业
 * certificate has no number to keep. */
#include <stdio.h>
#include <string.h>

#include "xj/change.h"
#include "xj/diploma.h"
#include "xj/jsonw.h"
#include "xj/status.h"

int xj_change_is_conclusion(const char *field)
{
	return strcmp(field, "conclusion") == 0;
}

/* The student's certificate an erratum corrects: 1 found (c filled, the
 * caller releases it), else -1 with the reason. */
static int corrected(struct xj_store *st, const struct xj_student *s, struct xj_cert *c,
		     struct xj_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	rc = xj_store_cert_of(st, s->id, "diploma", c, err);
	if (rc == 0 || (rc > 0 && c->revoked))
		return xj_error_set(err, XJ_EDATA, "conclusion: the student has no certificate"
				    " of conclusion to correct");
	if (rc > 0 && !c->number.len)
		return xj_error_set(err, XJ_EDATA, "conclusion: the %s certificate has no number"
				    " for the corrected one to keep (P14)", c->conclusion.buf);
	return rc;
}

int xj_change_conclusion_check(struct xj_store *st, const struct xj_student *s,
			       const struct xj_change_in *in, struct xj_jw *old_,
			       struct xj_jw *new_, struct xj_error *err)
{
	const char *to = in->values[0];
	struct xj_cert c;
	int rc;

	if (!in->errata)
		return xj_error_set(err, XJ_EUSAGE, "conclusion: corrected by an erratum only"
				    " (--errata, P17)");
	if (in->n != 1)
		return xj_error_set(err, XJ_EUSAGE, "conclusion: corrected alone, in a request"
				    " of its own");
	if (strcmp(to, "graduate") != 0 && strcmp(to, "completion") != 0)
		return xj_error_set(err, XJ_EUSAGE, "conclusion: \"%s\": an erratum makes it"
				    " graduate or completion", to);
	rc = corrected(st, s, &c, err);
	if (rc > 0 && strcmp(c.conclusion.buf, to) == 0)
		rc = xj_error_set(err, XJ_EDATA, "conclusion is that already");
	/* the status the certificate gave, not one a later act set */
	else if (rc > 0 && strcmp(s->status ? s->status : "",
				  xj_diploma_status_of(c.conclusion.buf)) != 0)
		rc = xj_error_set(err, XJ_EDATA, "conclusion: the status is %s, not the %s its"
				  " certificate %s gave", s->status ? s->status : "none",
				  xj_diploma_status_of(c.conclusion.buf), c.number.buf);
	if (rc > 0) {
		xj_jsonw_object_begin(old_);
		xj_jsonw_object_string(old_, "conclusion", c.conclusion.buf);
		xj_jsonw_end(old_);
		xj_jsonw_object_begin(new_);
		xj_jsonw_object_string(new_, "conclusion", to);
		xj_jsonw_end(new_);
		rc = 0;
	}
	xj_store_cert_release(&c);
	return rc;
}

int xj_change_conclusion_now(struct xj_store *st, const struct xj_student *s,
			     struct xj_sb *out, struct xj_error *err)
{
	struct xj_cert c;
	int rc = corrected(st, s, &c, err);

	xj_sb_reset(out);
	if (rc > 0)
		xj_sb_adds(out, c.conclusion.buf);
	xj_store_cert_release(&c);
	return rc > 0 ? 0 : -1;
}

int xj_change_conclusion_apply(struct xj_store *st, const struct xj_student *s,
			       const char *to, const char *who, struct xj_error *err)
{
	struct xj_cert c;
	char today[11];
	int rc = corrected(st, s, &c, err);

	snprintf(today, sizeof(today), "%.10s", xj_store_business(st));
	if (rc > 0)
		rc = xj_store_cert_event(st, c.id, "conclusion", to, who, err);
	if (rc == 0)
		rc = xj_store_status_add(st, s->id, xj_diploma_status_of(to),
					 today, XJ_BY_ERRATA, err);
	xj_store_cert_release(&c);
	return rc < 0 ? -1 : 0;
}
