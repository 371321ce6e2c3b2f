/* test_mask.c: personal data shown only in part (xj/mask.h), in listings,
 * messages and the log's JSON (P2). */
#include "unit.h"
#include "xj/mask.h"
#include "xj/strbuf.h"

static char buf[128];

static void fields(void)
{
	xj_mask("id_number", "110101200703140012", buf, sizeof(buf));
	CHECK_STR(buf, "110101********0012");
	xj_mask("phone", "13812345678", buf, sizeof(buf));
	CHECK_STR(buf, "138****5678");
	xj_mask("name", "张伟", buf, sizeof(buf));
	CHECK_STR(buf, "张伟");
	/* too short to show any of it: all stars */
	xj_mask("id_number", "1234", buf, sizeof(buf));
	CHECK_STR(buf, "****");
	xj_mask("phone", "", buf, sizeof(buf));
	CHECK_STR(buf, "");
	xj_mask("phone", "13812345678", buf, 5);
	CHECK_STR(buf, "138*");
	CHECK(xj_mask_wanted("id_number") && xj_mask_wanted("phone"));
	CHECK(!xj_mask_wanted("name"));
}

static void keys(void)
{
	xj_mask_key("26110101000001", buf, sizeof(buf));
	CHECK_STR(buf, "26110101000001");
	xj_mask_key("110101200703140012", buf, sizeof(buf));
	CHECK_STR(buf, "110101********0012");
	xj_mask_key("2026001", buf, sizeof(buf));
	CHECK_STR(buf, "2026001");
	xj_mask_key("2026510201001", buf, sizeof(buf));
	CHECK_STR(buf, "202651***1001");
}

static void json(void)
{
	struct xj_sb out = XJ_SB_INIT;

	CHECK_STR(xj_mask_json("{\"id_number\":\"110101200703140012\",\"name\":\"张伟\"}", &out),
		  "{\"id_number\":\"110101********0012\",\"name\":\"张伟\"}");
	CHECK_STR(xj_mask_json("{\"old\":{\"phone\":\"13812345678\"},\"new\":{\"phone\":"
			       "\"13900001111\"}}", &out),
		  "{\"old\":{\"phone\":\"138****5678\"},\"new\":{\"phone\":\"139****1111\"}}");
	CHECK_STR(xj_mask_json("{\"schema\":5}", &out), "{\"schema\":5}");
	CHECK_STR(xj_mask_json("", &out), "");
	/* a value cut off is left as it is, never read past */
	CHECK_STR(xj_mask_json("{\"phone\":\"1381234", &out), "{\"phone\":\"1381234");
	xj_sb_release(&out);
}

int main(void)
{
	fields();
	keys();
	json();
	return unit_done("mask");
}
