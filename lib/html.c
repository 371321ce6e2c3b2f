/* html.c: one escaper for the pages xj prints. */
#include "xj/html.h"

void xj_html_escape(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '"')
			fputs("&quot;", fp);
		else
			fputc(*s, fp);
	}
}
