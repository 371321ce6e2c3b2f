/* i18n.c: setting up gettext for the programs. */
#include <limits.h>
#include <locale.h>

#include "xj/i18n.h"
#include "xj/share.h"

#ifndef XJ_LOCALEDIR
#define XJ_LOCALEDIR "/usr/local/share/locale"
#endif

void xj_i18n_init(void)
{
	char dir[PATH_MAX + 32];

	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* $XJ_LOCALEDIR, else ../share/locale beside the program, else where
	 * it was installed */
	if (xj_share_path("locale", NULL, "XJ_LOCALEDIR", XJ_LOCALEDIR, dir, sizeof(dir)) == 0)
		bindtextdomain("xj", dir);
	else
		bindtextdomain("xj", XJ_LOCALEDIR);
	bind_textdomain_codeset("xj", "UTF-8");
	textdomain("xj");
}
