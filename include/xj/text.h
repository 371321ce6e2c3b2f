/* text.h: the one check of a value that names something (a name, an ID
 * number, a department) wherever it comes in: import, change requests,
 * the config, templates.  Text that looks like something else when shown
 * is refused: bytes that are not UTF-8, control characters, line breaks,
 * bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
 * U+061C) and invisible characters (U+200B-U+200D, U+2060, U+FEFF). */
#ifndef XJ_TEXT_H
#define XJ_TEXT_H

#include <stddef.h>

#include "xj/error.h"

/* Is s[0..n) well-formed UTF-8?  With partial_ok, a sequence cut off at
 * the end is accepted. */
int xj_text_utf8_valid(const char *s, size_t n, int partial_ok);
/* What is wrong with s (translated, into buf), or NULL when nothing is.
 * lines_ok lets line breaks and tabs pass (an address, a reason). */
const char *xj_text_flaw(const char *s, int lines_ok, char *buf, size_t bufsz);
/* The same as an XJ_EDATA error. */
int xj_text_check(const char *s, int lines_ok, struct xj_error *err);

#endif
