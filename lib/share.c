/* share.c: the programs' data beside them, or where it was installed. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/share.h"

static int put(char *out, size_t size, const char *dir, const char *file)
{
	int n = file ? snprintf(out, size, "%s/%s", dir, file) : snprintf(out, size, "%s", dir);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* BIN/../share/dir for a program in BIN, when it has the file: the build
 * tree and an installed tree both do, so the data is found without
 * setup. */
static int beside_program(const char *dir, const char *file, char *out, size_t size)
{
	char self[PATH_MAX], share[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;
	struct stat sb;

	if (n <= 0)
		return 0;
	self[n] = '\0';
	if (!(slash = strrchr(self, '/')))
		return 0;
	*slash = '\0';
	if ((size_t)snprintf(share, sizeof(share), "%s/../share/%s", self, dir) >= sizeof(share))
		return 0;
	return put(out, size, share, file) == 0 && stat(out, &sb) == 0;
}

int xj_share_path(const char *dir, const char *file, const char *env,
		  const char *installed, char *out, size_t size)
{
	const char *e = getenv(env);

	if (e && *e)
		return put(out, size, e, file);
	if (beside_program(dir, file, out, size))
		return 0;
	return put(out, size, installed, file);
}
