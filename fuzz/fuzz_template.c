/* fuzz_template.c: the column templates, of files out and files back. */
#include "fuzz.h"
#include "xj/intemplate.h"
#include "xj/outtemplate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sections[] = { "columns", "pair", "result", NULL };
	struct xj_error err;
	char path[64];
	int fd = fuzz_file(data, size, path);

	if (fd < 0)
		return 0;
	xj_error_clear(&err);
	xj_outtemplate_free(xj_outtemplate_load(path, &err));
	xj_error_clear(&err);
	xj_intemplate_free(xj_intemplate_load(path, sections, &err));
	close(fd);
	return 0;
}
