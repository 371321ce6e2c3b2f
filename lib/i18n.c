/* i18n.c: setting up gettext for the programs. */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/i18n.h"

#ifndef XJ_LOCALEDIR
#define XJ_LOCALEDIR "/usr/local/share/locale"
#endif

/* BIN/../share/locale for a program in BIN: the build tree and an
 * installed tree both have it, so the catalog is found without setup. */
static int beside_program(char *dir, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;
	struct stat sb;

	if (n <= 0)
		return 0;
	self[n] = '\0';
	if (!(slash = strrchr(self, '/')))
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(dir, size, "%s/../share/locale", self) >= size)
		return 0;
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

void xj_i18n_init(void)
{
	char dir[PATH_MAX + 32];
	const char *env = getenv("XJ_LOCALEDIR");

	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (env && *env)
		bindtextdomain("xj", env);
	else if (beside_program(dir, sizeof(dir)))
		bindtextdomain("xj", dir);
	else
		bindtextdomain("xj", XJ_LOCALEDIR);
	bind_textdomain_codeset("xj", "UTF-8");
	textdomain("xj");
}
