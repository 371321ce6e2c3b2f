/* test_validate.c: the single-value checks of xj/validate.h, with passing and failing vectors. */
#include <string.h>

#include "unit.h"
#include "xj/text.h"
#include "xj/validate.h"

static struct xj_error err;
static char out[64];

/* Runs a checker's result through the harness: ok, and out as wanted. */
#define PASS(call, want) do { \
	xj_error_clear(&err); \
	CHECK((call) == 0); \
	CHECK_STR(out, want); \
} while (0)

/* A refusal with XJ_EDATA and exactly this message. */
#define FAIL(call, text) do { \
	xj_error_clear(&err); \
	CHECK((call) == -1); \
	CHECK(err.code == XJ_EDATA); \
	CHECK_STR(err.msg, text); \
} while (0)

#define ID(s) xj_validate_id_number(s, out, sizeof(out), &err)

/* P4 cross-checks the ID card against the exam data, and P12 guards the ID
 * number as key data: both rest on this check. */
static void test_id_number(void)
{
	static const char *const good[] = {
		"11010519491231002X", "440524188001010014", "34052419800101001X",
		"360426199101010071", "440308199901101512", "810000199408230021",
		"830000199201300022",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		PASS(ID(good[i]), good[i]);
	PASS(ID("11010519491231002x"), "11010519491231002X");
	PASS(ID("110105200002290013"), "110105200002290013");
	FAIL(ID("11010520000229001X"), "check digit should be 3, not X");
	FAIL(ID("110105194912310024"), "check digit should be X, not 4");
	FAIL(ID("11010519491231002"), "must be 18 characters, not 17");
	FAIL(ID(""), "must be 18 characters, not 0");
	FAIL(ID(NULL), "must be 18 characters, not 0");
	FAIL(ID("1101051949123100XX"), "must be 17 digits and a check digit");
	FAIL(ID("11010519491231002Y"), "must be 17 digits and a check digit");
	/* 17 digits and a full-width Ｘ: 20 bytes, but the shape is the news. */
	FAIL(ID("11010519491231002Ｘ"), "must be 17 digits and a check digit");
	FAIL(ID("110105199902300015"), "birth date 19990230 is not a real date");
	FAIL(ID("110105190002290013"), "birth date 19000229 is not a real date");
	FAIL(ID("110105179912310016"), "birth date 17991231 is before 1800");
	/* a birth date after today has not happened */
	FAIL(ID("11010599991231001X"), "birth date 99991231 is in the future");
	FAIL(ID("110105209912310010"), "birth date 20991231 is in the future");
	FAIL(ID("990105194912310023"), "province code 99 is not valid");
	FAIL(ID("160105194912310023"), "province code 16 is not valid");
	/* The result of a successful check needs 19 bytes. */
	xj_error_clear(&err);
	CHECK(xj_validate_id_number("11010519491231002X", out, 18, &err) == -1);
	CHECK_STR(err.msg, "value too long");
	CHECK(xj_validate_id_number("11010519491231002X", NULL, 0, &err) == 0);
}

static void test_id_parts(void)
{
	char birth[11];

	xj_validate_id_number_birth("11010519491231002X", birth);
	CHECK_STR(birth, "1949-12-31");
	xj_validate_id_number_birth("440524188001010014", birth);
	CHECK_STR(birth, "1880-01-01");
	xj_validate_id_number_birth("1101", birth);
	CHECK_STR(birth, "");
	CHECK_STR(xj_validate_id_number_gender("11010519491231002X"), "女");
	CHECK_STR(xj_validate_id_number_gender("440524188001010014"), "男");
	CHECK_STR(xj_validate_id_number_gender("440308199901101512"), "男");
	CHECK_STR(xj_validate_id_number_gender("short"), "");
}

static void test_province(void)
{
	static const int good[] = { 11, 15, 21, 23, 31, 37, 41, 46, 50, 54,
				    61, 65, 71, 81, 82, 83 };
	static const int bad[] = { 0, 10, 16, 20, 24, 30, 38, 40, 47, 49, 55,
				   60, 66, 70, 72, 80, 84, 99, -11, 111 };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(xj_validate_province(good[i]) == 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(xj_validate_province(bad[i]) == 0);
}

#define EXAM(s, c) xj_validate_exam_no(s, c, out, sizeof(out), &err)

/* P4: the exam number ties the student to the exam-registration data. */
static void test_exam_no(void)
{
	PASS(EXAM("26440101110001", 2026), "26440101110001");
	PASS(EXAM("25320102010123", 0), "25320102010123");
	PASS(EXAM("00110101110001", 2000), "00110101110001");
	FAIL(EXAM("25440101110001", 2026), "year digits 25 do not match cohort 2026");
	FAIL(EXAM("26990101110001", 2026), "province code 99 is not valid");
	FAIL(EXAM("2644010111000", 2026), "must be 14 digits");
	FAIL(EXAM("264401011100011", 2026), "must be 14 digits");
	FAIL(EXAM("2644010111000A", 2026), "must be 14 digits");
	FAIL(EXAM("", 2026), "must be 14 digits");
}

#define ETH(s) xj_codes_check_ethnicity(s, out, sizeof(out), code, note, &err)

/* P12: ethnicity is key data, so an old name is mapped but said aloud. */
static void test_ethnicity(void)
{
	char code[3], note[XJ_NOTE_MAX];

	PASS(ETH("01"), "汉族");
	CHECK_STR(code, "01");
	CHECK_STR(note, "");
	PASS(ETH("1"), "汉族");
	CHECK_STR(code, "01");
	PASS(ETH("9"), "布依族");
	CHECK_STR(code, "09");
	PASS(ETH("56"), "基诺族");
	PASS(ETH("97"), "其他");
	CHECK_STR(code, "97");
	PASS(ETH("98"), "外国血统中国籍人士");
	PASS(ETH("汉族"), "汉族");
	PASS(ETH("汉"), "汉族");
	CHECK_STR(code, "01");
	PASS(ETH("土"), "土族");
	CHECK_STR(code, "30");
	PASS(ETH("土家"), "土家族");
	CHECK_STR(code, "15");
	PASS(ETH("维吾尔"), "维吾尔族");
	PASS(ETH("其他"), "其他");
	CHECK_STR(note, "");
	PASS(ETH("其它"), "其他");
	CHECK_STR(note, "其它 read as 其他 (variant character)");
	PASS(ETH("毛难族"), "毛南族");
	CHECK_STR(code, "36");
	CHECK_STR(note, "毛难族 read as 毛南族 (old name)");
	PASS(ETH("崩龙族"), "德昂族");
	CHECK_STR(code, "46");
	PASS(ETH("僳僳族"), "傈僳族");
	CHECK_STR(note, "僳僳族 read as 傈僳族 (misspelling)");
	PASS(ETH("达翰尔族"), "达斡尔族");
	CHECK_STR(code, "31");
	/* The note is cleared by the next check. */
	PASS(ETH("回族"), "回族");
	CHECK_STR(note, "");
	CHECK(xj_codes_check_ethnicity("汉族", out, sizeof(out), NULL, NULL, &err) == 0);

	FAIL(ETH("57"), "unknown ethnicity code 57");
	FAIL(ETH("99"), "unknown ethnicity code 99");
	FAIL(ETH("0"), "unknown ethnicity code 0");
	FAIL(ETH("001"), "unknown ethnicity code 001");
	FAIL(ETH("其他族"), "unknown ethnicity \"其他族\"");
	FAIL(ETH("穿青人"), "unknown ethnicity \"穿青人\"");
	FAIL(ETH(""), "unknown ethnicity \"\"");
	FAIL(xj_codes_check_ethnicity("外国血统中国籍人士", out, 10, NULL, NULL, &err),
	     "value too long");
}

static void test_ethnicity_pair(void)
{
	xj_error_clear(&err);
	CHECK(xj_codes_check_ethnicity_pair("01", "汉族", &err) == 0);
	CHECK(xj_codes_check_ethnicity_pair("1", "汉", &err) == 0);
	CHECK(xj_codes_check_ethnicity_pair("36", "毛难族", &err) == 0);
	CHECK(xj_codes_check_ethnicity_pair("97", "其它", &err) == 0);
	FAIL(xj_codes_check_ethnicity_pair("01", "回族", &err), "code 01 is 汉族, not 回族");
	FAIL(xj_codes_check_ethnicity_pair("3", "汉", &err), "code 03 is 回族, not 汉");
	FAIL(xj_codes_check_ethnicity_pair("60", "汉族", &err), "unknown ethnicity code 60");
	FAIL(xj_codes_check_ethnicity_pair("汉族", "汉族", &err),
	     "not an ethnicity code: \"汉族\"");
	FAIL(xj_codes_check_ethnicity_pair("01", "01", &err), "unknown ethnicity \"01\"");
}

#define GENDER(s) xj_validate_gender(s, out, sizeof(out), &err)

/* P12: gender is key data; P4 compares it with the ID number's digit 17. */
static void test_gender(void)
{
	PASS(GENDER("男"), "男");
	PASS(GENDER("女"), "女");
	PASS(GENDER("男性"), "男");
	PASS(GENDER("女性"), "女");
	PASS(GENDER("1"), "男");
	PASS(GENDER("2"), "女");
	FAIL(GENDER("x"), "must be 男 or 女, not \"x\"");
	FAIL(GENDER("0"), "must be 男 or 女, not \"0\"");
	FAIL(GENDER("M"), "must be 男 or 女, not \"M\"");
	FAIL(GENDER(""), "must be 男 or 女, not \"\"");
	FAIL(xj_validate_gender("男", out, 3, &err), "value too long");
}

#define POL(s) xj_codes_check_political(s, out, sizeof(out), &err)

static void test_political(void)
{
	PASS(POL("01"), "中共党员");
	PASS(POL("1"), "中共党员");
	PASS(POL("3"), "共青团员");
	PASS(POL("10"), "九三学社社员");
	PASS(POL("13"), "群众");
	PASS(POL("中共党员"), "中共党员");
	PASS(POL("党员"), "中共党员");
	PASS(POL("预备党员"), "中共预备党员");
	PASS(POL("团员"), "共青团员");
	PASS(POL("民革会员"), "民革党员");
	PASS(POL("民革党员"), "民革党员");
	PASS(POL("无党派民主人士"), "无党派人士");
	PASS(POL("无党派人士"), "无党派人士");
	PASS(POL("群众"), "群众");
	FAIL(POL("14"), "unknown political status code 14");
	FAIL(POL("0"), "unknown political status code 0");
	FAIL(POL("团"), "unknown political status \"团\"");
	FAIL(POL(""), "unknown political status \"\"");
}

#define MAJOR(s) xj_validate_major_code(s, out, sizeof(out), &err)

static void test_major_code(void)
{
	PASS(MAJOR("510201"), "510201");
	FAIL(MAJOR("51020"), "must be 6 digits");
	FAIL(MAJOR("5102011"), "must be 6 digits");
	FAIL(MAJOR("51020A"), "must be 6 digits");
	FAIL(MAJOR("５１０２０１"), "must be 6 digits");
}

#define PHONE(s) xj_validate_phone(s, out, sizeof(out), &err)

static void test_phone(void)
{
	PASS(PHONE("13812345678"), "13812345678");
	PASS(PHONE("19912345678"), "19912345678");
	PASS(PHONE("+8613812345678"), "13812345678");
	PASS(PHONE("8613812345678"), "13812345678");
	PASS(PHONE("+86 138 1234 5678"), "13812345678");
	PASS(PHONE("138-1234-5678"), "13812345678");
	PASS(PHONE("010-12345678"), "010-12345678");
	PASS(PHONE("01012345678"), "010-12345678");
	PASS(PHONE("0755-1234567"), "0755-1234567");
	PASS(PHONE("075512345678"), "0755-12345678");
	PASS(PHONE("0755 12345678"), "0755-12345678");
	PASS(PHONE("021-12345678-123"), "021-12345678-123");
	PASS(PHONE("02112345678-123"), "021-12345678-123");
	FAIL(PHONE("12812345678"), "not a mobile or landline number: \"128****5678\"");
	FAIL(PHONE("1381234567"), "not a mobile or landline number: \"138***4567\"");
	FAIL(PHONE("+868613812345678"),
	     "not a mobile or landline number: \"+86*********5678\"");
	FAIL(PHONE("010-123456"), "not a mobile or landline number: \"010***3456\"");
	FAIL(PHONE("010-012345678"), "not a mobile or landline number: \"010******5678\"");
	FAIL(PHONE("010--12345678"), "not a mobile or landline number: \"010******5678\"");
	FAIL(PHONE("010-12345678-"), "not a mobile or landline number: \"010******678-\"");
	FAIL(PHONE("010-12345678-1234567"),
	     "not a mobile or landline number: \"010*************4567\"");
	FAIL(PHONE("(010)12345678"), "not a mobile or landline number: \"(01******5678\"");
	FAIL(PHONE(""), "not a mobile or landline number: \"\"");
	FAIL(PHONE("123456789012345678901234567890"),
	     "not a mobile or landline number: \"123***********************7890\"");
}

#define DATE(s) xj_validate_date(s, out, sizeof(out), &err)

static void test_date(void)
{
	PASS(DATE("2024-02-29"), "2024-02-29");
	PASS(DATE("20240229"), "2024-02-29");
	PASS(DATE("2024/02/29"), "2024-02-29");
	PASS(DATE("2024/2/9"), "2024-02-09");
	PASS(DATE("2024-2-9"), "2024-02-09");
	PASS(DATE("2024.02.29"), "2024-02-29");
	PASS(DATE("2000-02-29"), "2000-02-29");
	PASS(DATE("1900-01-01"), "1900-01-01");
	PASS(DATE("2100-12-31"), "2100-12-31");
	FAIL(DATE("2023-02-29"), "2023-02-29 is not a real date");
	FAIL(DATE("1900-02-29"), "1900-02-29 is not a real date");
	FAIL(DATE("2023-04-31"), "2023-04-31 is not a real date");
	FAIL(DATE("2023-13-01"), "2023-13-01 is not a real date");
	FAIL(DATE("20230001"), "2023-00-01 is not a real date");
	FAIL(DATE("1899-12-31"), "1899-12-31 is not between 1900 and 2100");
	/* a birth date has the one range of the birth date in an ID number */
	PASS(xj_validate_birth_date("1880-01-01", out, sizeof(out), &err), "1880-01-01");
	PASS(xj_validate_birth_date("18991231", out, sizeof(out), &err), "1899-12-31");
	FAIL(xj_validate_birth_date("1799-12-31", out, sizeof(out), &err),
	     "birth date 1799-12-31 is before 1800");
	FAIL(xj_validate_birth_date("9999-12-31", out, sizeof(out), &err),
	     "birth date 9999-12-31 is in the future");
	FAIL(xj_validate_birth_date("2099/1/1", out, sizeof(out), &err),
	     "birth date 2099-01-01 is in the future");
	FAIL(xj_validate_birth_date("2007-02-29", out, sizeof(out), &err),
	     "2007-02-29 is not a real date");
	FAIL(DATE("x"), "not a date: \"x\" (want YYYY-MM-DD)");
	FAIL(DATE(""), "not a date: \"\" (want YYYY-MM-DD)");
	FAIL(DATE("2023"), "not a date: \"2023\" (want YYYY-MM-DD)");
	FAIL(DATE("2023-01/02"), "not a date: \"2023-01/02\" (want YYYY-MM-DD)");
	FAIL(DATE("2023-001-02"), "not a date: \"2023-001-02\" (want YYYY-MM-DD)");
	FAIL(DATE("2023-01-02 "), "not a date: \"2023-01-02 \" (want YYYY-MM-DD)");
	FAIL(DATE("2023-01-"), "not a date: \"2023-01-\" (want YYYY-MM-DD)");
	FAIL(DATE("2023年1月2日"), "not a date: \"2023年1月2日\" (want YYYY-MM-DD)");
	FAIL(DATE("230102"), "not a date: \"230102\" (want YYYY-MM-DD)");
	FAIL(xj_validate_date("2024-02-29", out, 10, &err), "value too long");
}

static void test_trim(void)
{
	char s[64];
	size_t n;

	snprintf(s, sizeof(s), "%s", "  汉族\t\r\n");
	CHECK(xj_validate_trim(s) == 1);
	CHECK_STR(s, "汉族");
	snprintf(s, sizeof(s), "%s", "\xE3\x80\x80\xC2\xA0张 三\xC2\xA0\xE3\x80\x80");
	CHECK(xj_validate_trim(s) == 1);
	CHECK_STR(s, "张 三");
	snprintf(s, sizeof(s), "%s", "张三");
	CHECK(xj_validate_trim(s) == 0);
	CHECK_STR(s, "张三");
	snprintf(s, sizeof(s), "%s", " \xE3\x80\x80 ");
	CHECK(xj_validate_trim(s) == 1);
	CHECK_STR(s, "");
	snprintf(s, sizeof(s), "%s", "");
	CHECK(xj_validate_trim(s) == 0);
	CHECK_STR(s, "");
	/* A lone lead byte or a half blank is data, not blank. */
	snprintf(s, sizeof(s), "%s", "a\xE3\x80");
	CHECK(xj_validate_trim(s) == 0);
	CHECK(strcmp(s, "a\xE3\x80") == 0);
	CHECK(xj_validate_trim(NULL) == 0);
	/* by its length: the length follows the trim, and a blank byte past
	 * the length is not the value's */
	snprintf(s, sizeof(s), "%s", "\v李四\f\xC2\xA0");
	n = strlen(s);
	CHECK(xj_validate_trim_n(s, &n) == 1);
	CHECK_STR(s, "李四");
	CHECK(n == strlen("李四"));
	snprintf(s, sizeof(s), "%s", "王五 ");
	n = strlen("王五");
	CHECK(xj_validate_trim_n(s, &n) == 0);
	CHECK(n == strlen("王五"));
	n = 0;
	CHECK(xj_validate_trim_n(s, &n) == 0 && n == 0);
	/* what may be trimmed: a blank's first byte first, its last last */
	CHECK(!xj_validate_may_trim("张三", strlen("张三")));
	CHECK(!xj_validate_may_trim(" ", 0));
	CHECK(xj_validate_may_trim(" 张三", strlen(" 张三")));
	CHECK(xj_validate_may_trim("张三\xC2\xA0", strlen("张三\xC2\xA0")));
	CHECK(xj_validate_may_trim("\xE3\x80\x80张三", strlen("\xE3\x80\x80张三")));
}

/* What a value may not hold (P4: a name shows as what it is), around the
 * quick path for Chinese text: the three-byte characters from U+3000 on. */
static void test_text_flaw(void)
{
	char buf[96];
	const char *bad = "bytes that are not UTF-8 text";

	CHECK(xj_text_flaw("张伟 Zhang", 0, buf, sizeof(buf)) == NULL);
	CHECK(xj_text_flaw("\xe3\x80\x80\xed\x9f\xbf\xea\xb0\x80", 0, buf, sizeof(buf)) == NULL);
	/* a surrogate (ED A0..BF) and a cut character are not text */
	CHECK_STR(xj_text_flaw("张\xed\xa0\x80", 0, buf, sizeof(buf)), bad);
	CHECK_STR(xj_text_flaw("张\xe4\xbd", 0, buf, sizeof(buf)), bad);
	CHECK_STR(xj_text_flaw("\xe4", 0, buf, sizeof(buf)), bad);
	CHECK_STR(xj_text_flaw("张\xe2\x80\xae伟", 0, buf, sizeof(buf)),
		  "a bidirectional control (U+202E) in the value");
	CHECK_STR(xj_text_flaw("张\xe2\x80\x8b伟", 0, buf, sizeof(buf)),
		  "an invisible character (U+200B) in the value");
	CHECK_STR(xj_text_flaw("张\xef\xbb\xbf", 0, buf, sizeof(buf)),
		  "an invisible character (U+FEFF) in the value");
	CHECK_STR(xj_text_flaw("张\n伟", 0, buf, sizeof(buf)),
		  "a line break (U+000A) in the value");
	CHECK(xj_text_flaw("张\n伟", 1, buf, sizeof(buf)) == NULL);
	CHECK_STR(xj_text_flaw("\xc2\x85", 0, buf, sizeof(buf)),
		  "a line break (U+0085) in the value");
}

int main(void)
{
	test_id_number();
	test_id_parts();
	test_province();
	test_exam_no();
	test_ethnicity();
	test_ethnicity_pair();
	test_gender();
	test_political();
	test_major_code();
	test_phone();
	test_date();
	test_trim();
	test_text_flaw();
	return unit_done("validate");
}
