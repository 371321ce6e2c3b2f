/* test_records.c: the record stream reader and writer, masks and the audit
 * hash, through libxj's public API on real files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "xj/audit.h"
#include "xj/fields.h"
#include "xj/mask.h"
#include "xj/reader.h"
#include "xj/student.h"
#include "xj/writer.h"

static char dir[] = "/tmp/xj-unit.XXXXXX";

static const char *put_file(const char *name, const char *text, size_t len)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	fwrite(text, 1, len, fp);
	fclose(fp);
	return path;
}

static void reader_csv(void)
{
	static const char text[] = "\xef\xbb\xbf考生号,KSH2,\" 姓名 \"\r\n"
				   "1,\"a,b\",\"x\ny\"\r\n\r\n2,,z\n";
	struct xj_error err;
	struct xj_record rec;
	struct xj_reader *r;
	const char *path = put_file("a.csv", text, sizeof(text) - 1);

	xj_error_clear(&err);
	r = xj_reader_open(path, NULL, &err);
	CHECK(r != NULL);
	CHECK(xj_reader_next(r, &rec, &err) == 1);
	CHECK(rec.line == 2);
	CHECK(rec.n == 3);
	CHECK_STR(rec.names[0], "exam_no");
	CHECK_STR(rec.names[1], "KSH2");       /* unknown: kept as written */
	CHECK_STR(rec.names[2], "name");       /* header white space trimmed */
	CHECK_STR(rec.values[1], "a,b");
	CHECK_STR(rec.values[2], "x\ny");
	CHECK(xj_reader_next(r, &rec, &err) == 1);
	CHECK(rec.line == 5);                  /* after the quoted newline and a blank line */
	CHECK_STR(xj_reader_get(&rec, "name"), "z");
	CHECK(xj_reader_get(&rec, "nothing") == NULL);
	CHECK(xj_reader_next(r, &rec, &err) == 0);
	CHECK_STR(xj_reader_encoding(r), "utf-8");
	xj_reader_free(r);
}

/* Lines of no CR, space or tab are parsed by libcsv's own byte tests, the
 * others by ours: read one after another, each is read as the other would
 * read it.  A space is kept (the import says it trimmed it), a tab too,
 * and a CR alone is data, not the end of the row. */
static void reader_csv_mixed(void)
{
	static const char text[] = "exam_no,name,address\n"
				   "1,张三,北京\n"
				   "2, 李四 ,\t上海\t\n"
				   "3,王五,广\r州\r\n"
				   "4,赵六,深圳\r\n"
				   "5,\" 钱七\",a b\n";
	static const char *const want[][3] = {
		{ "1", "张三", "北京" }, { "2", " 李四 ", "\t上海\t" }, { "3", "王五", "广\r州" },
		{ "4", "赵六", "深圳" }, { "5", " 钱七", "a b" },
	};
	struct xj_error err;
	struct xj_record rec;
	struct xj_reader *r;
	size_t i, k;
	int same = 1;

	xj_error_clear(&err);
	r = xj_reader_open(put_file("mixed.csv", text, sizeof(text) - 1), NULL, &err);
	CHECK(r != NULL);
	for (i = 0; r && i < sizeof(want) / sizeof(want[0]); i++) {
		same &= xj_reader_next(r, &rec, &err) == 1 && rec.n == 3 && rec.line == (long)i + 2;
		for (k = 0; same && k < 3; k++)
			same &= strcmp(rec.values[k], want[i][k]) == 0;
	}
	CHECK(same);
	CHECK(r && xj_reader_next(r, &rec, &err) == 0);
	xj_reader_free(r);
}

static void reader_gb18030(void)
{
	/* 考生号,姓名 / 1,阿里·木 in GB18030 */
	static const char text[] = "\xbf\xbc\xc9\xfa\xba\xc5,\xd0\xd5\xc3\xfb\n"
				   "1,\xb0\xa2\xc0\xef\xa1\xa4\xc4\xbe\n";
	struct xj_error err;
	struct xj_record rec;
	struct xj_reader *r;

	xj_error_clear(&err);
	r = xj_reader_open(put_file("gb.csv", text, sizeof(text) - 1), NULL, &err);
	CHECK(r != NULL);
	CHECK(xj_reader_next(r, &rec, &err) == 1);
	CHECK_STR(rec.names[1], "name");
	CHECK_STR(rec.values[1], "阿里\xc2\xb7木");
	CHECK_STR(xj_reader_encoding(r), "gb18030");
	xj_reader_free(r);
}

static void reader_errors(void)
{
	static const char ragged[] = "a,b\n1,2,3\n4,5\n";
	static const char yaml[] = "- a: 1\n  b: [x]\n- a: 2\n";
	struct xj_error err;
	struct xj_record rec;
	struct xj_reader *r;

	xj_error_clear(&err);
	r = xj_reader_open(put_file("r.csv", ragged, sizeof(ragged) - 1), NULL, &err);
	CHECK(xj_reader_next(r, &rec, &err) == -1);
	CHECK(err.code == XJ_EDATA && err.line == 2);
	CHECK_STR(err.msg, "row has 3 fields, the header has 2");
	CHECK(xj_reader_next(r, &rec, &err) == 1);   /* and reading goes on */
	CHECK_STR(rec.values[1], "5");
	xj_reader_free(r);

	r = xj_reader_open(put_file("r.yaml", yaml, sizeof(yaml) - 1), NULL, &err);
	CHECK(xj_reader_next(r, &rec, &err) == -1);
	CHECK(err.code == XJ_EDATA && err.line == 1);
	CHECK(xj_reader_next(r, &rec, &err) == 1);
	CHECK(rec.line == 3);
	CHECK_STR(xj_reader_get(&rec, "a"), "2");
	CHECK(xj_reader_next(r, &rec, &err) == 0);
	xj_reader_free(r);

	CHECK(xj_reader_open("/nonexistent/x.csv", NULL, &err) == NULL);
	CHECK(err.code == XJ_EIO);
}

static char *write_all(enum xj_format f, int zh)
{
	static const char *const names[] = { "exam_no", "name", "remark" };
	static const char *const row[] = { "0123", "甲, \"乙\"", "a\tb\nc" };
	struct xj_writer_opts o = { .format = f, .lang_zh = zh };
	struct xj_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct xj_writer *w;

	xj_error_clear(&err);
	w = xj_writer_new(fp, &o, &err);
	xj_writer_columns(w, 3, names);
	xj_writer_row(w, row, &err);
	xj_writer_end(w, &err);
	xj_writer_free(w);
	fclose(fp);
	return buf;
}

static void writer(void)
{
	char *s;

	s = write_all(XJ_FMT_CSV, 0);
	CHECK_STR(s, "exam_no,name,remark\n0123,\"甲, \"\"乙\"\"\",\"a\tb\nc\"\n");
	free(s);
	s = write_all(XJ_FMT_CSV, 1);
	CHECK_STR(s, "考生号,姓名,备注\n0123,\"甲, \"\"乙\"\"\",\"a\tb\nc\"\n");
	free(s);
	s = write_all(XJ_FMT_TSV, 0);
	CHECK_STR(s, "exam_no\tname\tremark\n0123\t甲, \"乙\"\ta\\tb\\nc\n");
	free(s);
	s = write_all(XJ_FMT_YAML, 0);
	CHECK_STR(s, "- exam_no: \"0123\"\n  name: 甲, \"乙\"\n  remark: \"a\\tb\\nc\"\n");
	free(s);
	s = write_all(XJ_FMT_JSON, 0);
	CHECK_STR(s, "[\n{\"exam_no\":\"0123\",\"name\":\"甲, \\\"乙\\\"\",\"remark\":\"a\\tb\\nc\"}\n]\n");
	free(s);
}

/* GBK out: a row with a character GBK lacks is refused on its own, the
 * column and the character named; the header and the rows around it go
 * out whole, as UTF-8 would have them. */
static char *write_gbk(enum xj_format f, char msgs[2][512])
{
	static const char *const names[] = { "exam_no", "name" };
	static const char *const rows[3][2] = {
		{ "1", "吉\xf0\xa0\xae\xb7" }, { "2", "张伟" }, { "3", "\xe4\xb6\xae" } };
	struct xj_writer_opts o = { .format = f, .encoding = "gbk" };
	struct xj_error err;
	char *buf = NULL;
	size_t len = 0, i, k = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct xj_writer *w;

	xj_error_clear(&err);
	w = xj_writer_new(fp, &o, &err);
	xj_writer_columns(w, 2, names);
	for (i = 0; i < 3; i++)
		if (xj_writer_row(w, rows[i], &err) < 0) {
			CHECK(err.code == XJ_EDATA);
			snprintf(msgs[k++ % 2], 512, "%s", err.msg);
		}
	CHECK(k == 2);
	CHECK(xj_writer_end(w, &err) == 0);
	xj_writer_free(w);
	fclose(fp);
	return buf;
}

static void writer_refuses_a_row(void)
{
	char msgs[2][512], *s;

	s = write_gbk(XJ_FMT_CSV, msgs);
	/* 张伟 in GBK: d5 c5 ce b0 */
	CHECK_STR(s, "exam_no,name\n2,\xd5\xc5\xce\xb0\n");
	CHECK_STR(msgs[0], "name: \"\xf0\xa0\xae\xb7\" (U+20BB7) cannot be written in GBK");
	CHECK_STR(msgs[1], "name: \"\xe4\xb6\xae\" (U+4DAE) cannot be written in GBK");
	free(s);
	{
		/* a header GBK cannot carry is said as the header's, and dropped */
		static const char *const names[] = { "exam_no", "吉\xf0\xa0\xae\xb7" };
		static const char *const r1[] = { "1", "x" }, *const r2[] = { "2", "y" };
		struct xj_writer_opts o = { .format = XJ_FMT_CSV, .encoding = "gbk" };
		struct xj_error err;
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct xj_writer *w = xj_writer_new(fp, &o, &err);

		xj_writer_columns(w, 2, names);
		CHECK(xj_writer_row(w, r1, &err) < 0);
		CHECK_STR(err.msg, "header: \"\xf0\xa0\xae\xb7\" (U+20BB7) cannot be written in GBK");
		CHECK(xj_writer_row(w, r2, &err) == 0);
		CHECK(xj_writer_end(w, &err) == 0);
		xj_writer_free(w);
		fclose(fp);
		CHECK_STR(buf, "2,y\n");
		free(buf);
	}
	s = write_gbk(XJ_FMT_JSON, msgs);
	CHECK_STR(s, "[\n{\"exam_no\":\"2\",\"name\":\"\xd5\xc5\xce\xb0\"}\n]\n");
	free(s);
}

static void masks_and_fields(void)
{
	char out[64];

	xj_mask("id_number", "110101200703140012", out, sizeof(out));
	CHECK_STR(out, "110101********0012");
	xj_mask("phone", "13812345678", out, sizeof(out));
	CHECK_STR(out, "138****5678");
	xj_mask("phone", "123", out, sizeof(out));
	CHECK_STR(out, "***");
	xj_mask("name", "张伟", out, sizeof(out));
	CHECK_STR(out, "张伟");
	CHECK_STR(xj_fields_lookup("SFZH")->name, "id_number");
	CHECK_STR(xj_fields_lookup("ksh")->name, "exam_no");
	CHECK_STR(xj_fields_lookup("身份证号码")->name, "id_number");
	CHECK(xj_fields_lookup("身高") == NULL);
	CHECK_STR(xj_fields_zh("major_code"), "专业代码");
	CHECK_STR(xj_fields_zh("shoe"), "shoe");
	/* the columns of a status change (xj-change status --events) */
	CHECK_STR(xj_fields_lookup("类型")->name, "kind");
	CHECK_STR(xj_fields_lookup("生效日期")->name, "from");
	CHECK_STR(xj_fields_lookup("转入年级")->name, "to_cohort");
}

/* The year a student entered is the exam number's, the cohort moved on
 * by a repeated year (降级) or not. */
static void entry_year(void)
{
	struct xj_student s;

	memset(&s, 0, sizeof(s));
	s.v[XJ_S_EXAM_NO] = "26110101000001";
	s.cohort = 2026;
	CHECK(xj_student_entry_year(&s) == 2026);
	s.cohort = 2028;
	CHECK(xj_student_entry_year(&s) == 2026);
	s.v[XJ_S_EXAM_NO] = "99110101000001";
	s.cohort = 2101;
	CHECK(xj_student_entry_year(&s) == 2099);
	s.v[XJ_S_EXAM_NO] = NULL;
	CHECK(xj_student_entry_year(&s) == 2101);
}

static void audit_hash(void)
{
	struct xj_log_entry e;
	char a[65], b[65];

	memset(&e, 0, sizeof(e));
	e.id = 1;
	e.at = "2026-09-10T09:00:00+08:00";
	e.login = "root";
	e.program = "xj init";
	e.action = "init";
	e.new_json = "{}";
	e.prev_hash = XJ_AUDIT_GENESIS;
	xj_audit_hash(&e, a);
	CHECK(strlen(a) == 64);
	xj_audit_hash(&e, b);
	CHECK_STR(a, b);
	e.login = "roo";    /* a shifted boundary must not hash alike */
	e.user = "t";
	xj_audit_hash(&e, b);
	CHECK(strcmp(a, b) != 0);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	reader_csv();
	reader_csv_mixed();
	reader_gb18030();
	reader_errors();
	writer();
	writer_refuses_a_row();
	masks_and_fields();
	entry_year();
	audit_hash();
	{
		char cmd[64];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return unit_done("records");
}
