/* fuzz_reader.c: the record reader (CSV, TSV, YAML, .xlsx, encodings). */
#include <string.h>

#include "fuzz.h"
#include "xj/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the encoding detected, then GB 18030-2005's mapping (conv.h) */
	static const char *const enc[] = { NULL, "gb18030-2005" };
	struct xj_reader_opts o = { NULL, NULL };
	struct xj_reader *r;
	struct xj_record rec;
	struct xj_error err;
	char path[64];
	long rows;
	int fd = fuzz_file(data, size, path), rc;
	size_t i;

	if (fd < 0)
		return 0;
	for (i = 0; i < sizeof(enc) / sizeof(enc[0]); i++) {
		o.encoding = enc[i];
		rows = 0;
		xj_error_clear(&err);
		r = xj_reader_open(path, &o, &err);
		while (r && rows++ < 100000 && (rc = xj_reader_next(r, &rec, &err)) != 0)
			if (rc < 0 && err.code != XJ_EDATA)
				break;
		xj_reader_free(r);
	}
	close(fd);
	return 0;
}
