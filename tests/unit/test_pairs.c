/* test_pairs.c: key and value lists, and the flat JSON objects and arrays
 * of strings that an import's source rows are kept as (xj/pairs.h). */
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

/* A roster row: its values under the import's names, and back to an
 * object as the readers of a source row take it. */
static void arrays(void)
{
	static const char *const bad[][2] = {
		{ "[\"a\",\"b\"]", "[\"1\"]" },           /* a value short */
		{ "[\"a\"]", "[\"1\",\"2\"]" },           /* one too many */
		{ "[\"a\"]", "[1]" },                     /* not a string */
		{ "[\"a\"]", "{\"a\":\"1\"}" },             /* an object */
		{ "{\"a\":\"b\"}", "[\"1\"]" },
		{ "[\"a\"]", "[\"1\"] x" },
		{ "[\"a\",]", "[\"1\"]" },
		{ "[\"a\"]", "[\"\\u0000\"]" },
	};
	struct xj_pairs p = XJ_PAIRS_INIT;
	struct xj_sb sb = XJ_SB_INIT;
	size_t i;

	CHECK(xj_pairs_from_arrays(&p, "[\"exam_no\", \"name\",\"宿舍\"]",
				   " [\"26110101000001\",\"张\\\"伟\" , \"\"]") == 0);
	CHECK(p.n == 3);
	CHECK_STR(xj_pairs_get(&p, "name"), "张\"伟");
	CHECK(xj_pairs_has(&p, "宿舍") && !*xj_pairs_get(&p, "宿舍"));
	xj_pairs_json(&p, &sb);
	CHECK_STR(sb.buf, "{\"exam_no\":\"26110101000001\",\"name\":\"张\\\"伟\",\"宿舍\":\"\"}");
	xj_pairs_release(&p);
	CHECK(xj_pairs_from_arrays(&p, "[]", "[ ]") == 0 && p.n == 0);
	/* many rows under names read once */
	{
		struct xj_pairs names = XJ_PAIRS_INIT;

		CHECK(xj_pairs_names(&names, "[\"exam_no\",\"name\"]") == 0 && names.n == 2);
		CHECK(xj_pairs_named(&p, &names, "[\"1\",\"甲\"]") == 0);
		CHECK_STR(xj_pairs_get(&p, "name"), "甲");
		xj_pairs_release(&p);
		CHECK(xj_pairs_named(&p, &names, "[\"2\",\"乙\"]") == 0);
		CHECK_STR(xj_pairs_get(&p, "exam_no"), "2");
		xj_pairs_release(&p);
		CHECK(xj_pairs_named(&p, &names, "[\"3\"]") == -1);
		xj_pairs_release(&p);
		CHECK(xj_pairs_names(&names, "[1]") == -1);
		xj_pairs_release(&names);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(xj_pairs_from_arrays(&p, bad[i][0], bad[i][1]) == -1);
		xj_pairs_release(&p);
	}
	xj_sb_release(&sb);
}

int main(void)
{
	objects();
	arrays();
	refused();
	round_trip("张伟");
	round_trip("a \"quoted\" \\ value\twith\nbreaks\r\x01\x1f");
	round_trip("");
	return unit_done("test_pairs");
}
