/* html.h: text put into the printed pages (the record card, the
 * certificate of academic credentials, the signing sheet's page).  The
 * caller owns the stream. */
#ifndef XJ_HTML_H
#define XJ_HTML_H

#include <stdio.h>

/* s onto fp with <, >, & and " escaped, so data never becomes markup. */
void xj_html_escape(FILE *fp, const char *s);

#endif
