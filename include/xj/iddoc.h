/* iddoc.h: identity documents (证件类型) and their numbers.  The type is
 * always said, never guessed from a number's length; each type has its
 * own check.  Tables are static, owned by the library; results go into the
 * caller's buffers. */
#ifndef XJ_IDDOC_H
#define XJ_IDDOC_H

#include <stddef.h>
#include "xj/error.h"

#define XJ_IDTYPE_RESIDENT "居民身份证"
#define XJ_IDTYPE_PERMIT "港澳台居民居住证"
#define XJ_IDTYPE_HKMO "港澳居民来往内地通行证"
#define XJ_IDTYPE_TW "台湾居民来往大陆通行证"
#define XJ_IDTYPE_PASSPORT "护照"
#define XJ_IDTYPE_OTHER "其他"

/* A type by its name or a common alias (身份证, 回乡证, 台胞证, ...); out
 * gets the standard name. */
int xj_iddoc_check_id_type(const char *in, char *out, size_t outsz,
		     struct xj_error *err);
/* Does this type carry a GB 11643 number (birth date and gender in it)? */
int xj_iddoc_type_is_gb11643(const char *type);
/* A document number of the given type, normalised into out (upper case;
 * a Hong Kong identity card number as M427772(A)). */
int xj_iddoc_check_document(const char *type, const char *in, char *out,
		      size_t outsz, struct xj_error *err);
/* A legacy 15-digit resident number (GB 11643-1989) upgraded to 18 digits:
 * "19" after the area code and a MOD 11-2 check digit.  out: 19 bytes. */
int xj_iddoc_upgrade15(const char *in, char *out, size_t outsz,
		    struct xj_error *err);

#endif
