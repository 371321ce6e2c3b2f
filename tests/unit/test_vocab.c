/* test_vocab.c: the Chinese of the listings (xj/vocab.h): headers that a
 * listing read back in cannot mistake for another field's, and the words
 * of the vocabularies translated by column, data left alone. */
#include <string.h>

#include "unit.h"
#include "xj/fields.h"
#include "xj/status.h"
#include "xj/vocab.h"

static char buf[512];

#define ZH(col, v) xj_vocab_value_zh(col, v, buf, sizeof(buf))

/* No listing's own Chinese header is also a record field's header or
 * alias: a reject file or a listing imported again keeps its meaning. */
static void headers_apart(void)
{
	size_t n, i, j;
	const char *const (*cols)[2] = xj_vocab_columns_zh(&n);

	for (i = 0; i < n; i++) {
		CHECK(xj_fields_lookup(cols[i][1]) == NULL);
		CHECK(xj_fields_lookup(cols[i][0]) == NULL);
		CHECK_STR(xj_vocab_column_zh(cols[i][0]), cols[i][1]);
		for (j = i + 1; j < n; j++)
			CHECK(strcmp(cols[i][1], cols[j][1]) != 0);
	}
	CHECK_STR(xj_vocab_column_zh("exam_no"), "考生号");
	CHECK_STR(xj_vocab_column_zh("state"), "进度");
	CHECK_STR(xj_vocab_column_zh("no_such_column"), "no_such_column");
}

/* Every status the state machine knows has its Chinese (P9-P13). */
static void statuses(void)
{
	static const char *const all[] = {
		"admitted", "registered", "suspended", "resumed", "retained",
		"transferred-major", "withdrawn", "deceased", "admission-cancelled",
		"status-cancelled", "graduated", "completed", "incomplete", "demoted",
	};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		CHECK(xj_status_known(all[i]));
		CHECK((unsigned char)*ZH("status", all[i]) >= 0x80);
	}
	CHECK_STR(ZH("status", "registered"), "在籍");
	CHECK_STR(ZH("state", "registered"), "已注册");
	CHECK_STR(ZH("status", "status-cancelled"), "取消学籍");
}

static void words(void)
{
	CHECK_STR(ZH("stage", "recheck"), "入学复查");
	CHECK_STR(ZH("passed", "arrival,registration"), "入学,注册");
	CHECK_STR(ZH("stage", "arrival"), "入学初查");
	CHECK_STR(ZH("finding", "confirmed"), "属实");
	CHECK_STR(ZH("state", "confirmed"), "已复核");
	CHECK_STR(ZH("filing", "filed 2026-12"), "已报备 2026-12");
	CHECK_STR(ZH("filing", "pending"), "待报备");
	CHECK_STR(ZH("evidence", "application,id-card"), "申请表,身份证");
	CHECK_STR(ZH("source", "application"), "报名信息");
	CHECK_STR(ZH("field", "id_number; birth_date"), "身份证号; 出生日期");
	CHECK_STR(ZH("photos", "arrival-admission match; arrival-idcard unclear"),
		  "入学-录取照片 一致; 入学-身份证照片 无法判断");
	CHECK_STR(ZH("eligible", "no"), "否");
	/* an archive's missing items by stage, a request's missing evidence */
	CHECK_STR(ZH("missing", "arrival: photo; registration: record-card"),
		  "入学: 照片; 注册: 学籍卡");
	CHECK_STR(ZH("missing", "application,id-card"), "申请表,身份证");
	/* data is never translated: a name, a number, a word the table
	 * does not know, a column that holds no vocabulary */
	CHECK_STR(ZH("name", "pass"), "pass");
	CHECK_STR(ZH("state", "2026-09-10"), "2026-09-10");
	CHECK_STR(ZH("state", "passing"), "passing");
	CHECK_STR(ZH("reason", "no"), "no");
	CHECK(ZH("state", NULL) == NULL);
	CHECK_STR(ZH("state", ""), "");
}

/* A value too long for the buffer is written as it is, never cut. */
static void too_long(void)
{
	char small[8];
	const char *v = "pass,pass,pass";

	CHECK(xj_vocab_value_zh("result", v, small, sizeof(small)) == v);
}

int main(void)
{
	headers_apart();
	statuses();
	words();
	too_long();
	return unit_done("vocab");
}
