/* fuzz_bagit.c: a bag's manifest, bag-info and fetch.txt, read by verify. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "xj/bagit.h"

static char dir[] = "/tmp/xj-fuzz-bag-XXXXXX";

static void put(const char *name, const void *data, size_t size)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) != NULL) {
		fwrite(data, 1, size, fp);
		fclose(fp);
	}
}

static void ignore(void *ctx, int warning, const char *text)
{
	(void)ctx;
	(void)warning;
	(void)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const uint8_t *cut = memchr(data, '\f', size);
	size_t n = cut ? (size_t)(cut - data) : size;
	struct xj_error err;
	char path[256];
	long files;

	if (!ready) {
		if (!mkdtemp(dir))
			return 0;
		snprintf(path, sizeof(path), "%s/data", dir);
		mkdir(path, 0700);
		put("data/hello.txt", "hello\n", 6);
		put("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", 55);
		ready = 1;
	}
	/* the manifest, then after a form feed the bag-info, and after
	 * another fetch.txt */
	put("manifest-sha256.txt", data, n);
	data = cut ? cut + 1 : data + size;
	size = cut ? size - n - 1 : 0;
	cut = memchr(data, '\f', size);
	n = cut ? (size_t)(cut - data) : size;
	put("bag-info.txt", data, n);
	put("fetch.txt", cut ? cut + 1 : data + size, cut ? size - n - 1 : 0);
	xj_error_clear(&err);
	xj_bagit_verify(dir, ignore, NULL, &files, &err);
	return 0;
}
