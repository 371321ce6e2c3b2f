/* test_names.c: name repairs, the encodability check, identity documents. */
#include "unit.h"
#include "xj/iddoc.h"
#include "xj/names.h"

static void repairs(void)
{
	struct xj_sb out = XJ_SB_INIT;
	char note[160];

	CHECK(xj_names_repair("阿里\xe3\x83\xbb木", 1, &out, note, sizeof(note)) == 1);
	CHECK_STR(out.buf, "阿里·木");
	CHECK_STR(note, "\"・\" (U+30FB) read as \"·\" (U+00B7)");
	/* dots are a name's business only */
	CHECK(xj_names_repair("a\xe3\x83\xbb" "b", 0, &out, note, sizeof(note)) == 0);
	CHECK_STR(out.buf, "a\xe3\x83\xbb" "b");
	CHECK(xj_names_repair("\xee\xa1\x95\xee\xa0\x96", 0, &out, note, sizeof(note)) == 2);
	CHECK_STR(out.buf, "𤇾𠂇");
	CHECK_STR(note, "U+E855 (a private-use code) read as \"𤇾\" (U+241FE)");
	/* past the common characters, and a character cut short, to the one
	 * repaired */
	CHECK(xj_names_repair("王\xe4\xb8" "李\xe3\x83\xbb" "张", 1, &out, note, sizeof(note)) == 1);
	CHECK_STR(out.buf, "王\xe4\xb8" "李·张");
	CHECK(xj_names_repair("\xed\x9f\xbf\xee\x80\x80", 0, &out, note, sizeof(note)) == 0);
	CHECK(xj_names_repair("", 1, &out, note, sizeof(note)) == 0);
	CHECK_STR(out.buf, "");
	xj_sb_release(&out);
}

static void encodable(void)
{
	char what[64] = "";

	CHECK(xj_names_encodable("张伟", "GBK", what, sizeof(what)) == 1);
	CHECK(xj_names_encodable("阿里·木", "GBK", what, sizeof(what)) == 1);
	CHECK(xj_names_encodable("李䶮", "GBK", what, sizeof(what)) == 0);
	CHECK_STR(what, "\"䶮\" (U+4DAE)");
	CHECK(xj_names_encodable("𠈌", "GBK", what, sizeof(what)) == 0);
	CHECK_STR(what, "\"𠈌\" (U+2020C)");
	CHECK(xj_names_encodable("李䶮𠈌㛃", "GB18030", what, sizeof(what)) == 1);
	CHECK(xj_names_encodable("䶮", "utf-8", what, sizeof(what)) == 1);
	CHECK(xj_names_encodable("x", "no-such-charset", what, sizeof(what)) == -1);
}

static void documents(void)
{
	struct xj_error e;
	char out[64];

	xj_error_clear(&e);
	CHECK(xj_iddoc_check_id_type("回乡证", out, sizeof(out), &e) == 0);
	CHECK_STR(out, XJ_IDTYPE_HKMO);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_HKMO, "M427772(A)", out, sizeof(out), &e) == 0);
	CHECK_STR(out, "M427772(A)");
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_HKMO, "m427772a", out, sizeof(out), &e) == 0);
	CHECK_STR(out, "M427772(A)");
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_HKMO, "M427772(3)", out, sizeof(out), &e) == -1);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_HKMO, "1234567(8)", out, sizeof(out), &e) == 0);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_TW, "F229619072", out, sizeof(out), &e) == 0);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_TW, "1234567", out, sizeof(out), &e) == -1);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_PASSPORT, "e12345678", out, sizeof(out), &e) == 0);
	CHECK_STR(out, "E12345678");
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_PERMIT, "830000199201300022", out, sizeof(out), &e) == 0);
	/* a 居民身份证 never has a permit's province code, nor Taiwan's */
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_RESIDENT, "830000199201300022", out, sizeof(out), &e) == -1);
	CHECK_STR(e.msg, "a 居民身份证 number does not start with 83 (81, 82 and 83 are of a"
		  " 港澳台居民居住证)");
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_RESIDENT, "810000199408230021", out, sizeof(out), &e) == -1);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_RESIDENT, "11010519491231002X", out, sizeof(out), &e) == 0);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_PERMIT, "11010519491231002X", out, sizeof(out), &e) == -1);
	CHECK(xj_iddoc_check_document(XJ_IDTYPE_OTHER, "", out, sizeof(out), &e) == -1);
	/* GB 11643-1989 example from standards.md */
	CHECK(xj_iddoc_upgrade15("610104620927690", out, sizeof(out), &e) == 0);
	CHECK_STR(out, "610104196209276908");
	CHECK(xj_iddoc_upgrade15("61010462092769", out, sizeof(out), &e) == -1);
}

int main(void)
{
	repairs();
	encodable();
	documents();
	return unit_done("names");
}
