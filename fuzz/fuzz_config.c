/* fuzz_config.c: the school's configuration (YAML). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "xj/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xj_config cfg;
	struct xj_error err;

	xj_error_clear(&err);
	if (xj_config_parse("fuzz.yaml", (const char *)data, size, &cfg, &err) == 0)
		xj_config_release(&cfg);
	return 0;
}
