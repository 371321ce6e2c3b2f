/* i18n.h: the programs' messages in the user's language (GNU gettext,
 * text domain "xj").  A translation is the catalog's, static for the life
 * of the program: never freed or changed.  Only what a person reads is
 * translated: field names, codes and record streams stay the same in every
 * locale, so scripts do not break when LANG changes. */
#ifndef XJ_I18N_H
#define XJ_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
/* A string marked for the catalog, translated where it is used. */
#define N_(s) s

/* Take the language from the environment (LC_MESSAGES and LC_CTYPE only:
 * numbers and dates in output stay as the formats define them) and find
 * the catalog in ../share/locale beside the program, else $XJ_LOCALEDIR,
 * else the directory it was installed to. */
void xj_i18n_init(void);

#endif
