/* test_json.c: the JSON checker (xj/json.h) that decides whether a log
 * entry's old and new values are written as JSON or as text. */
#include "unit.h"
#include "xj/json.h"

static void valid(void)
{
	static const char *const yes[] = {
		"{}", "[]", "0", "-1", "3.25", "1e3", "-0.5E-2", "true", "false", "null",
		"\"\"", "\"a\\\"b\\\\c\\/\\n\\u4e2D\"", "{\"a\":1,\"b\":[1,2,{\"c\":null}]}",
		" { \"a\" : \"学\" } ", "{\"schema\":5}", "[[[]]]",
	};
	static const char *const no[] = {
		"", " ", "{", "}", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "01", "1.", ".5",
		"1e", "+1", "tru", "nul", "\"abc", "\"a\\x\"", "\"\\u12\"", "\"tab\there\"",
		"{} {}", "[1 2]", "{\"a\":1,}", "'a'", "NaN", "Infinity",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		CHECK(xj_json_valid(yes[i]));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!xj_json_valid(no[i]));
	CHECK(!xj_json_valid(NULL));
}

/* Nested past 64 levels is refused, not followed down the stack. */
static void deep(void)
{
	char s[300];
	size_t i;

	for (i = 0; i < 64; i++)
		s[i] = '[';
	for (i = 64; i < 128; i++)
		s[i] = ']';
	s[128] = '\0';
	CHECK(xj_json_valid(s));
	for (i = 0; i < 140; i++)
		s[i] = '[';
	for (i = 140; i < 280; i++)
		s[i] = ']';
	s[280] = '\0';
	CHECK(!xj_json_valid(s));
}

static void numbers(void)
{
	CHECK(xj_json_number("5"));
	CHECK(xj_json_number("-12.5e3"));
	CHECK(!xj_json_number(""));
	CHECK(!xj_json_number("26110101000001x"));
	CHECK(!xj_json_number("007"));
	CHECK(!xj_json_number(" 5"));
	CHECK(!xj_json_number(NULL));
}

int main(void)
{
	valid();
	deep();
	numbers();
	return unit_done("json");
}
