/* test_pairs.c: key and value lists, and the flat JSON objects of strings
 * that an import's source rows are kept as (xj/pairs.h). */
#include "unit.h"
#include "xj/pairs.h"
#include "xj/strbuf.h"

/* A string written by the writer reads back the same. */
static void round_trip(const char *v)
{
	struct xj_sb sb = XJ_SB_INIT;
	struct xj_pairs p = XJ_PAIRS_INIT;

	xj_sb_adds(&sb, "{\"name\":");
	xj_sb_add_json(&sb, v);
	xj_sb_adds(&sb, "}");
	CHECK(xj_pairs_from_json(&p, sb.buf) == 0);
	CHECK(p.n == 1);
	CHECK_STR(xj_pairs_get(&p, "name"), v);
	xj_pairs_release(&p);
	xj_sb_release(&sb);
}

static void objects(void)
{
	struct xj_pairs p = XJ_PAIRS_INIT;

	CHECK(xj_pairs_from_json(&p, "{\"exam_no\":\"26110101000001\", \"name\" : \"张伟\"}") == 0);
	CHECK(p.n == 2);
	CHECK_STR(p.k[0], "exam_no");
	CHECK_STR(p.v[1], "张伟");
	xj_pairs_release(&p);
	CHECK(xj_pairs_from_json(&p, " { } ") == 0 && p.n == 0);
	CHECK(xj_pairs_from_json(&p, "{\"a\":\"\\u5f20\\ud83d\\ude00\\/\"}") == 0);
	CHECK_STR(xj_pairs_get(&p, "a"), "张\xf0\x9f\x98\x80/");
	xj_pairs_release(&p);
}

static void refused(void)
{
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":1}", "{\"a\":null}", "{\"a\":\"x\"",
		"{\"a\":\"x\",}", "{\"a\":\"x\"} x", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\x\"}",
		"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"line\nbreak\"}",
		"{\"a\":{\"b\":\"c\"}}", "{\"a\":\"\\u12\"}",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct xj_pairs p = XJ_PAIRS_INIT;

		CHECK(xj_pairs_from_json(&p, bad[i]) == -1);
		xj_pairs_release(&p);
	}
}

int main(void)
{
	objects();
	refused();
	round_trip("张伟");
	round_trip("a \"quoted\" \\ value\twith\nbreaks\r\x01\x1f");
	round_trip("");
	return unit_done("test_pairs");
}
