/* Unit tests of struct xj_error's filling: a message, a file or a field
 * too long for its place keeps its start and its end with "…" between,
 * never a character cut in two. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "xj/error.h"

/* Is s whole UTF-8 (no sequence cut short or begun in its middle)? */
static int whole_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int more = 0;

	for (; *p; p++) {
		if (more) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			more--;
		} else if ((*p & 0xC0) == 0x80) {
			return 0;
		} else {
			more = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC0 ? 1 : 0;
		}
	}
	return more == 0;
}

int main(void)
{
	struct xj_error e;
	char path[3000] = "/srv/";
	size_t i, n;

	/* 目 is three bytes: a cut lands in the middle of one unless it looks */
	for (i = 0; i < 900; i++)
		strcat(path, "目");
	strcat(path, "/copy.db");
	xj_error_clear(&e);
	CHECK(xj_error_set(&e, XJ_EIO, "cannot write %s: %s", path,
			   "No such file or directory") == -1);
	n = strlen(e.msg);
	CHECK(n < sizeof(e.msg));
	CHECK(n > sizeof(e.msg) - 8);   /* the room is used */
	CHECK(strncmp(e.msg, "cannot write /srv/目", strlen("cannot write /srv/目")) == 0);
	CHECK(strcmp(e.msg + n - strlen("目/copy.db: No such file or directory"),
		     "目/copy.db: No such file or directory") == 0);
	CHECK(strstr(e.msg, "…") != NULL);
	CHECK(whole_utf8(e.msg));
	/* what fits is as it was */
	xj_error_set(&e, XJ_EDATA, "%s is %d", "目录", 7);
	CHECK_STR(e.msg, "目录 is 7");
	/* the file and the field the same way */
	xj_error_where(&e, path, 12, path + 5);
	CHECK(strlen(e.file) < sizeof(e.file) && whole_utf8(e.file));
	CHECK(strncmp(e.file, "/srv/目", strlen("/srv/目")) == 0);
	CHECK(strcmp(e.file + strlen(e.file) - strlen("/copy.db"), "/copy.db") == 0);
	CHECK(strlen(e.field) < sizeof(e.field) && whole_utf8(e.field));
	CHECK(strstr(e.field, "…") != NULL);
	CHECK(e.line == 12);
	xj_error_file(&e, "r.csv");
	CHECK_STR(e.file, "r.csv");
	return unit_done("error");
}
