/* mask.h: hiding personal data in listings and messages.  ID numbers keep
 * their first 6 and last 4 characters (210102********1234), phones their
 * first 3 and last 4 (138****5678).  Nothing is allocated: the masked form
 * goes into the caller's buffer (or string buffer, for JSON). */
#ifndef XJ_MASK_H
#define XJ_MASK_H

#include <stddef.h>

struct xj_sb;

/* Is this field personal data that listings mask? */
int xj_mask_wanted(const char *field);
/* The masked form of value into out (always NUL-terminated). */
void xj_mask(const char *field, const char *value, char *out, size_t size);
/* A student's key as messages show it: an exam or student number as it
 * is, anything that may be an ID number masked. */
void xj_mask_key(const char *key, char *out, size_t size);
/* A log entry's JSON with every "id_number" and "phone" value masked, in
 * out (the caller's), which is returned. */
const char *xj_mask_json(const char *json, struct xj_sb *out);

#endif
