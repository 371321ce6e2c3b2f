/* nameform.c: reported name forms for outside systems, and choosing the
 * name an export writes. */
#include <stdio.h>
#include <string.h>

#include "xj/i18n.h"
#include "xj/jsonw.h"
#include "xj/names.h"
#include "xj/nameform.h"

int xj_nameform_system(const char *system)
{
	return strcmp(system, "chsi") == 0 || strcmp(system, "admission") == 0;
}

int xj_nameform_add(struct xj_store *st, long long student_id, const char *system,
		    const char *name, const char *proof, struct xj_error *err)
{
	struct xj_sb was = XJ_SB_INIT, was_proof = XJ_SB_INIT;
	struct xj_jw audit = XJ_JW_INIT;
	char bad[64];
	int rc;

	if (!*name)
		return xj_error_set(err, XJ_EDATA, "a reported name is required");
	if (!*proof)
		return xj_error_set(err, XJ_EDATA, "a reported name needs its proof document");
	if (xj_names_encodable(name, "GBK", bad, sizeof(bad)) == 0)
		return xj_error_set(err, XJ_EDATA, "%s cannot be written in GBK either", bad);
	rc = xj_store_form_latest(st, student_id, system, &was, &was_proof, err);
	if (rc > 0 && strcmp(was.buf, name) == 0 && strcmp(was_proof.buf, proof) == 0)
		rc = 1;
	else if (rc >= 0)
		rc = xj_store_form_add(st, student_id, system, name, proof, err);
	if (rc == 0) {
		xj_jsonw_object_begin(&audit);
		xj_jsonw_object_string(&audit, "system", system);
		xj_jsonw_object_string(&audit, "name", name);
		xj_jsonw_object_string(&audit, "proof", proof);
		xj_jsonw_end(&audit);
		rc = xj_store_audit(st, student_id, "name-form", NULL, audit.json.buf, err);
	}
	xj_sb_release(&was);
	xj_sb_release(&was_proof);
	xj_jsonw_release(&audit);
	return rc;
}

int xj_nameform_export_name(struct xj_store *st, const struct xj_student *s,
		   const char *system, const char *encoding, struct xj_sb *out,
		   struct xj_error *err)
{
	struct xj_sb proof = XJ_SB_INIT;
	char bad[64];
	const char *legal = s->v[XJ_S_NAME] ? s->v[XJ_S_NAME] : "";
	int rc = xj_names_encodable(legal, encoding, bad, sizeof(bad));

	if (rc < 0)
		return xj_error_set(err, XJ_EUSAGE, "unknown encoding '%s'", encoding);
	xj_sb_reset(out);
	if (rc == 1) {
		xj_sb_adds(out, legal);
		return 0;
	}
	rc = xj_store_form_latest(st, s->id, system, out, &proof, err);
	xj_sb_release(&proof);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return xj_error_set(err, XJ_EDATA, "%s cannot be written in %s and %s has no"
				    " reported name for %s", bad, encoding,
				    s->v[XJ_S_EXAM_NO] ? s->v[XJ_S_EXAM_NO] : _("the student"),
				    system);
	return 0;
}
