/* test_jsonw.c: the JSON writer (xj/jsonw.h).  The vectors are payloads
 * the audit log holds: the writer must give their bytes exactly, since
 * the chain hashes them. */
#include "unit.h"
#include "xj/json.h"
#include "xj/jsonw.h"

static void objects(void)
{
	struct xj_jw jw = XJ_JW_INIT;

	xj_jsonw_object_begin(&jw);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{}");
	xj_jsonw_release(&jw);

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_string(&jw, "kind", "new");
	xj_jsonw_object_string(&jw, "state", "registered");
	xj_jsonw_object_int(&jw, "submission", 12);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"kind\":\"new\",\"state\":\"registered\",\"submission\":12}");
	xj_jsonw_release(&jw);

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_int(&jw, "year", -2026);
	xj_jsonw_object_bool(&jw, "late", 1);
	xj_jsonw_object_bool(&jw, "paper", 0);
	xj_jsonw_object_null(&jw, "major_name");
	xj_jsonw_object_raw(&jw, "items", "{\"photo\":\"ok\"}");
	xj_jsonw_object_stringf(&jw, "cohort", "%d", 2025);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"year\":-2026,\"late\":true,\"paper\":false,"
		  "\"major_name\":null,\"items\":{\"photo\":\"ok\"},\"cohort\":\"2025\"}");
	CHECK(xj_json_valid(jw.json.buf));
	xj_jsonw_release(&jw);

	/* released, the writer begins again from nothing (one entry per file) */
	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_int(&jw, "item", 1);
	xj_jsonw_end(&jw);
	xj_jsonw_release(&jw);
	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_int(&jw, "item", 2);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"item\":2}");
	xj_jsonw_release(&jw);
}

/* {"verb":"list","fields":["id_number","phone"]} and the files of a
 * request: arrays, and objects inside them. */
static void arrays(void)
{
	struct xj_jw jw = XJ_JW_INIT;

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_string(&jw, "verb", "list");
	xj_jsonw_object_array_begin(&jw, "fields");
	xj_jsonw_array_string(&jw, "id_number");
	xj_jsonw_array_string(&jw, "phone");
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"verb\":\"list\",\"fields\":[\"id_number\",\"phone\"]}");
	xj_jsonw_release(&jw);

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_int(&jw, "request", 3);
	xj_jsonw_object_array_begin(&jw, "files");
	xj_jsonw_array_object_begin(&jw);
	xj_jsonw_object_string(&jw, "sha256", "ab");
	xj_jsonw_object_int(&jw, "size", 10);
	xj_jsonw_end(&jw);
	xj_jsonw_array_object_begin(&jw);
	xj_jsonw_object_object_begin(&jw, "in");
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);
	xj_jsonw_object_string(&jw, "after", "x");
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"request\":3,\"files\":[{\"sha256\":\"ab\",\"size\":10},"
		  "{\"in\":{}}],\"after\":\"x\"}");
	CHECK(xj_json_valid(jw.json.buf));
	xj_jsonw_release(&jw);

	xj_jsonw_array_begin(&jw);
	xj_jsonw_array_int(&jw, 1);
	xj_jsonw_array_int(&jw, -2);
	xj_jsonw_array_begin(&jw);
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);
	xj_jsonw_end(&jw);    /* one end too many closes nothing */
	CHECK_STR(jw.json.buf, "[1,-2,[]]");
	xj_jsonw_release(&jw);
}

/* The 'extra' members a decision sets inside its own object. */
static void members(void)
{
	struct xj_jw jw = XJ_JW_INIT, extra = XJ_JW_INIT;

	xj_jsonw_members_begin(&extra);
	xj_jsonw_object_string(&extra, "level", "dean");
	xj_jsonw_object_bool(&extra, "refer", 0);
	xj_jsonw_end(&extra);
	CHECK_STR(extra.json.buf, "\"level\":\"dean\",\"refer\":false");

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_string(&jw, "stage", "cancel");
	xj_jsonw_object_members(&jw, extra.json.buf);
	xj_jsonw_object_members(&jw, NULL);
	xj_jsonw_object_members(&jw, "");
	xj_jsonw_object_members(&jw, "{}");
	xj_jsonw_object_members(&jw, "{\"name\":\"李\"}");
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"stage\":\"cancel\",\"level\":\"dean\",\"refer\":false,"
		  "\"name\":\"李\"}");
	xj_jsonw_release(&jw);

	xj_jsonw_object_begin(&jw);
	xj_jsonw_object_members(&jw, "{\"a\":1}");
	xj_jsonw_object_int(&jw, "b", 2);
	xj_jsonw_end(&jw);
	CHECK_STR(jw.json.buf, "{\"a\":1,\"b\":2}");
	xj_jsonw_release(&jw);
	xj_jsonw_release(&extra);
}

/* Strings and keys escaped as xj_sb_add_json escapes them, byte for byte. */
static void escapes(void)
{
	static const char *const v[] = {
		"", "plain", "a\"b", "back\\slash", "line\nbreak\r\tend", "\x01\x1f",
		"学籍 2026", "/slash/ stays", "\x7f",
	};
	static const char *const want[] = {
		"{\"\":\"\"}", "{\"plain\":\"plain\"}", "{\"a\\\"b\":\"a\\\"b\"}",
		"{\"back\\\\slash\":\"back\\\\slash\"}",
		"{\"line\\nbreak\\r\\tend\":\"line\\nbreak\\r\\tend\"}",
		"{\"\\u0001\\u001f\":\"\\u0001\\u001f\"}", "{\"学籍 2026\":\"学籍 2026\"}",
		"{\"/slash/ stays\":\"/slash/ stays\"}", "{\"\x7f\":\"\x7f\"}",
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct xj_jw jw = XJ_JW_INIT;
		struct xj_sb by_hand = XJ_SB_INIT;

		xj_jsonw_object_begin(&jw);
		xj_jsonw_object_string(&jw, v[i], v[i]);
		xj_jsonw_end(&jw);
		CHECK_STR(jw.json.buf, want[i]);
		xj_sb_addc(&by_hand, '{');
		xj_sb_add_json(&by_hand, v[i]);
		xj_sb_addc(&by_hand, ':');
		xj_sb_add_json(&by_hand, v[i]);
		xj_sb_addc(&by_hand, '}');
		CHECK_STR(jw.json.buf, by_hand.buf);
		CHECK(xj_json_valid(jw.json.buf));
		xj_sb_release(&by_hand);
		xj_jsonw_release(&jw);
	}
}

int main(void)
{
	objects();
	arrays();
	members();
	escapes();
	return unit_done("jsonw");
}
