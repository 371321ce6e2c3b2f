/* test_schema.c: the store check's reference (lib/schema_ref.h) is the
 * schema this program makes: a store made by the programs, with a year's
 * rows in it, is as xj made it.  When this fails after a change of the
 * schema, run `make schema-ref`. */
#include "unit.h"
#include "fixture.h"
#include "xj/store.h"

int main(int argc, char **argv)
{
	struct xj_error err;
	struct xj_store *st;
	struct xj_sb now = XJ_SB_INIT;
	char why[256] = "";

	(void)argc;
	xj_error_clear(&err);
	st = fx_open(argv[0], NULL, &err);
	CHECK(xj_store_schema_reference(&now, &err) == 0);
	CHECK(now.len > 0);
	if (st) {
		int rc = xj_store_schema_differs(st, why, sizeof(why), &err);

		CHECK(rc == 0);
		if (rc)
			fprintf(stderr, "test_schema: %s: run make schema-ref\n", why);
	}
	xj_sb_release(&now);
	return fx_close("schema");
}
