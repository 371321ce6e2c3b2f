/* vocab.c: the Chinese of xj's listings, for --lang zh: their own columns'
 * headers and the words of their vocabularies.  Values that are data
 * (names, numbers, dates, free text) are never translated; only columns
 * that hold vocabulary words are, and only the words the tables know. */
#include <string.h>

#include "xj/fields.h"
#include "xj/vocab.h"

/* The listings' own columns.  No header here is also a record field's
 * Chinese header or alias (fields.c): a listing read back in must not
 * have a column taken for a field it is not (a unit test holds to it). */
static const char *const columns[][2] = {
	{ "action", "操作" }, { "applied_on", "执行日期" }, { "approved_by", "批准人" },
	{ "at", "记录时间" }, { "business", "业务时间" }, { "by", "经办人" },
	{ "chsi", "学信网" }, { "conclusion", "结论" }, { "confirmed_by", "复核人" },
	{ "content", "内容" }, { "days_left", "剩余天数" }, { "deadline", "期限" },
	{ "deferred", "暂缓注册" }, { "dept_head", "院系负责人" }, { "distance", "差异位数" },
	{ "doc_no", "文号" }, { "due", "应还日期" }, { "eligible", "是否符合" },
	{ "enrolled", "报到日期" }, { "files", "附件文件" }, { "filing", "报备" },
	{ "finding", "调查结论" }, { "grounds", "依据" }, { "how", "方式" },
	{ "id", "编号" }, { "issued_on", "发证日期" }, { "key", "学生" },
	{ "last", "最近" }, { "leader", "校领导" }, { "lent_to", "借阅人" },
	{ "login", "登录名" }, { "match", "比对" }, { "message", "消息" },
	{ "missing", "缺少" }, { "new", "新值" }, { "next", "下一审批" },
	{ "note", "说明" }, { "number", "证书编号" }, { "old", "原值" },
	{ "on", "日期" }, { "opened", "立案日期" }, { "opened_by", "立案人" },
	{ "original", "原件" }, { "other_file", "另一文件" }, { "other_key", "另一学生" },
	{ "other_name", "另一姓名" }, { "ours", "本校" }, { "overdue", "逾期" },
	{ "passed", "所历阶段" }, { "photos", "照片比对" }, { "program", "程序" },
	{ "proposed_by", "提议人" }, { "public_key", "公钥" }, { "referred", "已移交" },
	{ "refused", "不予注册" }, { "registered", "已注册" }, { "requested_by", "申请人" },
	{ "requested_on", "申请日期" }, { "result", "结果" }, { "reviewer", "审核人" },
	{ "roster", "花名册值" }, { "since", "起始时间" }, { "size", "大小" },
	{ "source", "来源" }, { "staff", "工作人员" }, { "stage", "环节" },
	{ "state", "进度" }, { "step", "步骤" }, { "student", "考生" },
	{ "text", "文字" }, { "transferred_to", "移交至" }, { "unchecked", "未检查" },
	{ "user", "用户" }, { "value", "值" }, { "where", "出处" },
	{ "why", "缘由" }, { "year", "学年" },
};

/* A vocabulary: English word, Chinese. */
struct word {
	const char *en, *zh;
};

static const struct word statuses[] = {
	{ "admitted", "已录取" }, { "registered", "在籍" }, { "resumed", "复学" },
	{ "transferred-major", "转专业" }, { "demoted", "降级" }, { "suspended", "休学" },
	{ "retained", "保留学籍" }, { "withdrawn", "退学" }, { "deceased", "死亡" },
	{ "admission-cancelled", "取消入学资格" }, { "status-cancelled", "取消学籍" },
	{ "graduated", "毕业" }, { "completed", "结业" }, { "incomplete", "肄业" },
	{ NULL, NULL },
};

static const struct word findings[] = {
	{ "open", "调查中" }, { "cleared", "排除" }, { "confirmed", "属实" }, { NULL, NULL },
};

/* kinds of evidence for a change (config.c), beside the source of the
 * same name */
static const struct word evidence[] = {
	{ "application", "申请表" }, { "household-register", "户口簿" }, { "id-card", "身份证" },
	{ "police-certificate", "公安机关证明" }, { NULL, NULL },
};

/* the archive's stages, beside the review's of the same name */
static const struct word archive[] = {
	{ "arrival", "入学" }, { NULL, NULL },
};

static const struct word filings[] = {
	{ "pending", "待报备" }, { "filed", "已报备" }, { NULL, NULL },
};

/* The rest: one meaning whatever the column. */
static const struct word words[] = {
	/* stages of the review and of the archive */
	{ "arrival", "入学初查" }, { "recheck", "入学复查" }, { "change", "学籍异动" },
	{ "cancel", "取消资格" }, { "registration", "注册" }, { "study", "在校" },
	{ "graduation", "毕业" },
	/* results */
	{ "pass", "通过" }, { "fail", "不通过" }, { "match", "一致" }, { "mismatch", "不一致" },
	{ "unclear", "无法判断" }, { "success", "成功" }, { "failure", "失败" },
	{ "identical", "相同" }, { "similar", "相似" }, { "yes", "是" }, { "no", "否" },
	{ "missing", "缺失" },
	/* states of a review, a request, a registration, a certificate */
	{ "none", "未审核" }, { "reviewed", "已审核" }, { "confirmed", "已复核" },
	{ "dept-signed", "院系已签" }, { "complete", "已完成" }, { "pending", "待审批" },
	{ "approved", "已批准" }, { "applied", "已生效" }, { "rejected", "已驳回" },
	{ "registered", "已注册" }, { "not-registered", "未注册" }, { "deferred", "暂缓注册" },
	{ "refused", "不予注册" }, { "cleared", "解除" }, { "failed", "失败" },
	{ "issued", "已发放" }, { "submitted", "已上报" }, { "revoked", "已撤销" },
	{ "lost", "遗失" }, { "damaged", "损坏" }, { "proof", "学历证明书" },
	/* conclusions and kinds */
	{ "graduate", "毕业" }, { "completion", "结业" }, { "incomplete", "肄业" },
	{ "diploma", "毕业证书" }, { "key", "关键信息" }, { "field", "一般信息" },
	{ "status", "学籍异动" }, { "errata", "勘误" }, { "new", "新生注册" },
	{ "annual", "年度注册" },
	/* approval levels */
	{ "reviewer", "审核人" }, { "dept-head", "院系负责人" }, { "dept", "院系负责人" },
	{ "leader", "校领导" }, { "registrar", "学籍管理员" },
	/* sources */
	{ "roster", "新生名册" }, { "application", "报名信息" }, { "admission", "录取信息" },
	{ "onsite", "现场确认" }, { "results", "学业成绩" },
	/* photo comparisons */
	{ "arrival-admission", "入学-录取照片" }, { "arrival-idcard", "入学-身份证照片" },
	{ "graduation-admission", "毕业-录取照片" }, { "graduation-enrolment", "毕业-入学照片" },
	{ "graduation-idcard", "毕业-身份证照片" },
	/* the archive's default items (config.c) */
	{ "admission-notice", "录取通知书" }, { "exam-file", "考生档案" },
	{ "id-card-copy", "身份证复印件" }, { "photo", "照片" }, { "record-card", "学籍卡" },
	{ "recheck-record", "复查记录" }, { "status-change", "学籍异动材料" },
	{ "key-data-change", "关键信息变更材料" }, { "graduate-form", "毕业生登记表" },
	{ "transcript", "成绩单" }, { "certificate-copy", "证书复印件" },
	{ NULL, NULL },
};

/* The columns that hold vocabulary words, and the table each looks in
 * before the common one. */
static const struct {
	const char *column;
	const struct word *own, *own2;   /* looked in first, in this order */
} vocab_columns[] = {
	{ "field", NULL, NULL }, { "status", statuses, NULL },
	{ "finding", findings, NULL }, { "filing", filings, NULL },
	{ "stage", NULL, NULL }, { "result", NULL, NULL }, { "state", NULL, NULL },
	{ "conclusion", NULL, NULL }, { "kind", NULL, NULL }, { "eligible", NULL, NULL },
	{ "referred", NULL, NULL }, { "next", NULL, NULL }, { "original", NULL, NULL },
	{ "source", NULL, NULL }, { "match", NULL, NULL }, { "photos", NULL, NULL },
	{ "step", NULL, NULL }, { "evidence", evidence, NULL },
	{ "passed", archive, NULL }, { "unchecked", archive, NULL },
	/* the missing evidence of a request, the missing items of an archive */
	{ "missing", evidence, archive },
};

const char *xj_vocab_column_zh(const char *name)
{
	size_t i;
	const char *f = xj_fields_zh(name);

	if (f != name)
		return f;
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strcmp(columns[i][0], name) == 0)
			return columns[i][1];
	return name;
}

const char *const (*xj_vocab_columns_zh(size_t *n))[2]
{
	*n = sizeof(columns) / sizeof(columns[0]);
	return columns;
}

static const char *lookup(const struct word *t, const char *w, size_t n)
{
	for (; t && t->en; t++)
		if (strlen(t->en) == n && strncmp(t->en, w, n) == 0)
			return t->zh;
	return NULL;
}

/* A value's words are runs of letters, digits and '-'; what lies between
 * them (", ", "; ", " ", "=") is kept. */
static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* A word of a column: its own table's, the common one's, or for the field
 * column a field's Chinese header. */
static const char *word_zh(const char *column, const struct word *const own[2],
			   const char *w, size_t n)
{
	const char *zh = lookup(own[0], w, n);
	char name[64];

	zh = zh ? zh : lookup(own[1], w, n);
	if (zh || strcmp(column, "field") != 0)
		return zh ? zh : lookup(words, w, n);
	if (n >= sizeof(name))
		return NULL;
	memcpy(name, w, n);
	name[n] = '\0';
	zh = xj_fields_zh(name);
	return zh != name ? zh : NULL;
}

static const char *translate(const char *column, const struct word *const own[2],
			     const char *value,
			     char *buf, size_t size)
{
	size_t len = 0;
	const char *p = value;
	int changed = 0;

	while (*p) {
		size_t n = 0;
		const char *zh;

		while (p[n] && word_char(p[n]))
			n++;
		zh = n ? word_zh(column, own, p, n) : NULL;
		if (!n)
			n = 1;
		if (!zh && len + n >= size)
			return value;
		if (zh && len + strlen(zh) >= size)
			return value;
		memcpy(buf + len, zh ? zh : p, zh ? strlen(zh) : n);
		len += zh ? strlen(zh) : n;
		changed |= zh != NULL;
		p += n;
	}
	buf[len] = '\0';
	return changed ? buf : value;
}

const char *xj_vocab_value_zh(const char *column, const char *value, char *buf, size_t size)
{
	size_t i;

	if (!value || !*value || !size)
		return value;
	for (i = 0; i < sizeof(vocab_columns) / sizeof(vocab_columns[0]); i++)
		if (strcmp(vocab_columns[i].column, column) == 0) {
			const struct word *const own[2] = { vocab_columns[i].own,
							    vocab_columns[i].own2 };

			return translate(column, own, value, buf, size);
		}
	return value;
}
