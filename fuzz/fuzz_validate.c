/* fuzz_validate.c: the checks of single values. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "xj/iddoc.h"
#include "xj/names.h"
#include "xj/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[256], code[3], note[XJ_NOTE_MAX];
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_error err;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	xj_error_clear(&err);
	xj_validate_id_number(s, out, sizeof(out), &err);
	xj_validate_exam_no(s, 2026, out, sizeof(out), &err);
	xj_codes_check_ethnicity(s, out, sizeof(out), code, note, &err);
	xj_validate_gender(s, out, sizeof(out), &err);
	xj_codes_check_political(s, out, sizeof(out), &err);
	xj_validate_major_code(s, out, sizeof(out), &err);
	xj_validate_phone(s, out, sizeof(out), &err);
	xj_validate_date(s, out, sizeof(out), &err);
	xj_iddoc_check_document("港澳居民来往内地通行证", s, out, sizeof(out), &err);
	xj_names_repair(s, 1, &sb, note, sizeof(note));
	xj_validate_trim(s);
	xj_sb_release(&sb);
	free(s);
	return 0;
}
