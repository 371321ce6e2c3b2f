/* xj-schemaref: lib/schema_ref.h, the schema xj makes as the store check
 * holds a store against it (store_schema.c), written to standard output.
 * `make schema-ref` runs it after a change of the schema; the unit test
 * test_schema fails until it has been run. */
#include <stdio.h>
#include <string.h>

#include "xj/error.h"
#include "xj/store.h"
#include "xj/strbuf.h"

/* One line as a C string, quoted: the schema's text is ASCII and UTF-8. */
static void put_line(const char *p, size_t n)
{
	size_t i;

	fputs("\t\"", stdout);
	for (i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			putchar('\\');
		if (p[i] == '\t')
			fputs("\\t", stdout);
		else
			putchar(p[i]);
		/* long lines in pieces, which the compiler joins again */
		if (i && i % 96 == 0 && i + 1 < n)
			fputs("\"\n\t\"", stdout);
	}
	fputs("\",\n", stdout);
}

int main(void)
{
	struct xj_sb dump = XJ_SB_INIT;
	struct xj_error err;
	const char *p, *nl;

	xj_error_clear(&err);
	if (xj_store_schema_reference(&dump, &err) < 0) {
		fprintf(stderr, "xj-schemaref: %s\n", err.msg);
		return 1;
	}
	puts("/* schema_ref.h: the schema xj makes, one object a line (store_schema.c).\n"
	     " * Made by `make schema-ref` (tests/tools/xj-schemaref.c): do not edit. */\n"
	     "static const char *const xj_schema_ref[] = {");
	for (p = dump.buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		put_line(p, (size_t)(nl - p));
	}
	puts("\tNULL\n};");
	xj_sb_release(&dump);
	return ferror(stdout) ? 1 : 0;
}
