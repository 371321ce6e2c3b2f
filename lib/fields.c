/* fields.c: English field names and the Chinese and CHSI headers they answer to. */
#include <string.h>
#include <strings.h>

#include "xj/fields.h"

/* Aliases come from real rosters and CHSI layouts (standards.md §4.1,
 * practice.md §3); xj-records(5) lists them. */
static const struct xj_field_def fields[] = {
	{ "exam_no", "考生号", "KSH|考生号码|考号|高考报名号" },
	{ "student_no", "学号", "XH" },
	{ "id_number", "身份证号", "SFZH|身份证号码|身份证|证件号码|ZJHM|公民身份号码" },
	{ "id_type", "证件类型", "ZJLX|身份证件类型" },
	{ "id_number_original", "原证件号码", "原身份证号" },
	{ "name", "姓名", "XM|考生姓名|学生姓名" },
	{ "gender", "性别", "XB" },
	{ "birth_date", "出生日期", "CSRQ|出生年月日|生日" },
	{ "ethnicity", "民族", "MZ|民族名称" },
	{ "ethnicity_code", "民族代码", "MZDM" },
	{ "political", "政治面貌", "ZZMM" },
	{ "major_code", "专业代码", "ZYDM|录取专业代码" },
	{ "major_name", "专业名称", "ZYMC|专业|录取专业|录取专业名称" },
	{ "level", "层次", "CC|培养层次" },
	{ "duration", "学制", "XZ" },
	{ "study_mode", "学习形式", "XXXS" },
	{ "enrol_date", "入学日期", "RXRQ" },
	{ "dept", "院系", "FY|系部|分院|系别|教学系|所在院系" },
	{ "class", "班级", "BH|班号|班级名称" },
	{ "batch", "录取批次", "批次|PCMC" },
	{ "admission_type", "录取类型", "招生类型|考生类别|KSLB" },
	{ "origin", "生源地", "SYD|生源省份|生源地区" },
	{ "phone", "联系电话", "电话|手机|手机号|手机号码|LXDH" },
	{ "address", "住址", "家庭住址|家庭地址|通讯地址|地址" },
	{ "notice_no", "录取通知书号", "通知书编号|通知书号" },
	{ "cohort", "年级", "入学年份|NJ" },
	{ "status", "学籍状态", "ZCZT|状态" },
	{ "credits", "已获学分", "学分|总学分|已修学分" },
	{ "credits_required", "应获学分", "毕业学分|应修学分|要求学分" },
	{ "requirements_met", "达到毕业要求", "毕业要求" },
	{ "remark", "备注", "BZ" },
	{ "system", "上报系统", "系统" },
	{ "reported_name", "上报姓名", "替代姓名" },
	{ "proof", "证明材料", "证明文件" },
	{ "kind", "类型", "种类" },
	{ "line", "行号", NULL },
	{ "field", "字段", NULL },
	{ "reason", "原因", "异动原因|理由" },
	/* a status change (xj-change status --events) */
	{ "from", "生效日期", "异动日期|开始日期|起始日期" },
	{ "until", "截止日期", "结束日期" },
	{ "to_major", "转入专业代码", "新专业代码" },
	{ "to_cohort", "转入年级", "新年级" },
	{ "to_class", "转入班级", "新班级" },
	{ "evidence", "材料", "证据" },
	{ "file", "附件", "文件" },
};

const struct xj_field_def *xj_fields(size_t *n)
{
	*n = sizeof(fields) / sizeof(fields[0]);
	return fields;
}

static int alias_match(const char *aliases, const char *h)
{
	size_t hl = strlen(h);
	const char *p = aliases;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == hl && strncasecmp(p, h, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

const struct xj_field_def *xj_fields_lookup(const char *header)
{
	size_t i, n = sizeof(fields) / sizeof(fields[0]);

	for (i = 0; i < n; i++)
		if (strcasecmp(fields[i].name, header) == 0 ||
		    strcmp(fields[i].zh, header) == 0)
			return &fields[i];
	for (i = 0; i < n; i++)
		if (fields[i].aliases && alias_match(fields[i].aliases, header))
			return &fields[i];
	return NULL;
}

const char *xj_fields_zh(const char *name)
{
	const struct xj_field_def *f = xj_fields_lookup(name);

	return f && strcmp(f->name, name) == 0 ? f->zh : name;
}
