/* xj-genroster: a deterministic generator of synthetic admission rosters
 * (CSV on stdout) for the tests and the benchmark (tests/bench.sh).
 *
 * The same arguments always give byte-identical output: the numbers come
 * from our own splitmix64 generator seeded by --seed, never from rand() or
 * the clock.  Memory use does not grow with --rows: rows are built in a
 * fixed buffer and written through a large stdio buffer.
 *
 * Uniqueness, for up to MAX_ROWS rows:
 *   exam_no   = YY PP CC + 8-digit sequence (row index + 1); the sequence
 *               alone never repeats within a file.
 *   id_number = area code, birth date and 3-digit sequence are an injective
 *               function of the row index i: area = perm(i % NAREA),
 *               the areas being the county codes of GB/T 2260 (the
 *               table the programs read, share/xj/gb2260.tsv) of eight
 *               provinces that are in every revision of it,
 *               j = i / NAREA, day = (j + off(area)) % ndays,
 *               k = (j / ndays + off(area, day)) % NSEQ; the 3-digit
 *               sequence is 2k+1 (男) or 2k+2 (女), so its parity matches the
 *               gender and k can be read back from it.
 *
 * --defects RATE marks floor(rows * RATE) rows, spread evenly; the m-th
 * marked row (m = 0, 1, ...) gets defect m % 8 from the list in defect_row().
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xj/gb2260.h"
#include "xj/validate.h"

#define MAX_ROWS 99999999LL	/* the 8-digit exam-number sequence */
#define MAX_DEPTS 64
#define NSEQ 499		/* k in 0..498 -> sequence 001..998 */

static const char usage_text[] =
"usage: xj-genroster [options]\n"
"Write a synthetic admission roster (CSV) to stdout, the same bytes for the\n"
"same arguments.\n"
"\n"
"  --rows N              data rows (default 10, at most 99999999)\n"
"  --seed S              seed of the generator (default 1)\n"
"  --cohort YEAR         enrolment year (default 2026, 1920-2099)\n"
"  --encoding ENC        utf-8 (default) or gb18030\n"
"  --bom                 begin with a UTF-8 byte-order mark (utf-8 only)\n"
"  --crlf                end lines with CRLF\n"
"  --zh                  Chinese column headers\n"
"  --defects RATE        fraction 0..1 of rows given one defect (default 0);\n"
"                        a summary line goes to stderr\n"
"  --dept-codes A,B,C    department codes (default CS,ME,EC)\n"
"  -h, --help            print this help\n";

static const char *const hdr_en =
	"exam_no,name,gender,birth_date,id_number,ethnicity,political,"
	"major_code,major_name,dept,class,phone";
static const char *const hdr_zh =
	"考生号,姓名,性别,出生日期,身份证号,民族,政治面貌,"
	"专业代码,专业名称,院系,班级,联系电话";

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
	"勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
	"刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "辉", "宇",
	"浩", "欣", "怡", "婷", "佳", "子", "梓", "晨", "雨", "轩",
};
static const char *const minorities[] = {
	"壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族",
};
static const struct {
	const char *code, *name, *abbr;
	int dept;		/* slot in the department list, modulo its length */
} majors[] = {
	{ "510201", "计算机应用技术", "计应", 0 },
	{ "510202", "计算机网络技术", "网络", 0 },
	{ "530302", "大数据与会计", "会计", 2 },
	{ "460301", "机械制造及自动化", "机制", 1 },
	{ "540101", "建筑设计", "建设", 1 },
	{ "520801", "护理", "护理", 2 },
};
static const int provinces[] = { 11, 13, 32, 37, 41, 44, 51, 61 };
#define NPROV (int)(sizeof(provinces) / sizeof(provinces[0]))
#define AREA_MUL 7919		/* prime, above NAREA so coprime to it: a bijection */
#define AREA_MIN 138		/* NAREA * 4 * 365 * NSEQ > MAX_ROWS */
static int areas[AREA_MUL - 1];
static unsigned NAREA;

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum { D_CHECK, D_MONTH13, D_GENDER, D_EXAM13, D_ETHNIC, D_DUPEXAM,
       D_IDEOSPACE, D_EMPTYNAME, D_COUNT };

struct opts {
	long long rows;
	uint64_t seed;
	int cohort, gb18030, bom, crlf, zh;
	double defects;
	char deptbuf[512];
	const char *dept[MAX_DEPTS];
	int ndept;
};

/* --- generator --------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned rng_below(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

/* A fixed hash of a few integers, for offsets that must not depend on the
 * stream position. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xFF51AFD7ED558CCDULL;
	x ^= x >> 33;
	x *= 0xC4CEB9FE1A85EC53ULL;
	return x ^ (x >> 33);
}

/* --- birth dates ------------------------------------------------------- */

struct ymd { short y; signed char m, d; };
static struct ymd days[4 * 366];
static int ndays;

static int leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void fill_days(int cohort)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n;

	ndays = 0;
	for (y = cohort - 20; y <= cohort - 17; y++)
		for (m = 1; m <= 12; m++) {
			n = mdays[m - 1] + (m == 2 && leap_year(y));
			for (d = 1; d <= n; d++) {
				days[ndays].y = (short)y;
				days[ndays].m = (signed char)m;
				days[ndays].d = (signed char)d;
				ndays++;
			}
		}
}

/* --- row building ------------------------------------------------------ */

struct buf { char *p; };

static void put_s(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	memcpy(b->p, s, n);
	b->p += n;
}

static void put_c(struct buf *b, char c)
{
	*b->p++ = c;
}

/* n as exactly w decimal digits, zero-padded. */
static void put_num(struct buf *b, unsigned long n, int w)
{
	int i;

	for (i = w - 1; i >= 0; i--) {
		b->p[i] = (char)('0' + n % 10);
		n /= 10;
	}
	b->p += w;
}

struct row {
	char exam[16], id[20], birth[12], name[32];
	const char *gender, *ethnic, *political;
	int major, classno;
	char phone[12];
};

static void make_row(const struct opts *o, long long i, struct row *r)
{
	unsigned a = (unsigned)(((unsigned long long)(i % NAREA) * AREA_MUL) % NAREA);
	long long j = i / NAREA;
	int prov = areas[a] / 10000, city = areas[a] / 100 % 100, county = areas[a] % 100;
	int day = (int)((j + (long long)(mix(a) % (uint64_t)ndays)) % ndays);
	int k = (int)((j / ndays + (long long)(mix((uint64_t)a << 16 | (unsigned)day) % NSEQ))
		      % NSEQ);
	int male = (int)rng_below(2), seq = 2 * k + (male ? 1 : 2);
	struct buf b;
	unsigned n, p;

	/* exam_no: YY PP CC + 8-digit sequence */
	b.p = r->exam;
	put_num(&b, (unsigned long)(o->cohort % 100), 2);
	put_num(&b, (unsigned long)prov, 2);
	put_num(&b, (unsigned long)city, 2);
	put_num(&b, (unsigned long)(i + 1), 8);
	*b.p = '\0';

	/* id_number */
	b.p = r->id;
	put_num(&b, (unsigned long)prov, 2);
	put_num(&b, (unsigned long)city, 2);
	put_num(&b, (unsigned long)county, 2);
	put_num(&b, (unsigned long)days[day].y, 4);
	put_num(&b, (unsigned long)days[day].m, 2);
	put_num(&b, (unsigned long)days[day].d, 2);
	put_num(&b, (unsigned long)seq, 3);
	r->id[17] = xj_validate_id_check_digit(r->id);
	r->id[18] = '\0';

	b.p = r->birth;
	put_num(&b, (unsigned long)days[day].y, 4);
	put_c(&b, '-');
	put_num(&b, (unsigned long)days[day].m, 2);
	put_c(&b, '-');
	put_num(&b, (unsigned long)days[day].d, 2);
	*b.p = '\0';

	r->gender = male ? "男" : "女";

	b.p = r->name;
	put_s(&b, surnames[rng_below(NELEM(surnames))]);
	put_s(&b, given[rng_below(NELEM(given))]);
	if (rng_below(3) != 0)
		put_s(&b, given[rng_below(NELEM(given))]);
	*b.p = '\0';

	n = rng_below(100);
	r->ethnic = n < 90 ? "汉族" : minorities[n % NELEM(minorities)];
	r->political = rng_below(100) < 85 ? "共青团员" : "群众";
	r->major = (int)rng_below(NELEM(majors));
	r->classno = (int)rng_below(4) + 1;

	/* mobile: 13x 15x 17x 18x 19x and 8 more digits */
	b.p = r->phone;
	put_c(&b, '1');
	put_c(&b, "35789"[rng_below(5)]);
	p = rng_below(1000000000u);
	put_num(&b, p, 9);
	*b.p = '\0';
}

static void defect_row(struct row *r, int kind)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static char name[64];
	int i, s = 0;

	switch (kind) {
	case D_CHECK:		/* a check digit that is not the right one */
		for (i = 0; i < 17; i++)
			s += (r->id[i] - '0') * w[i];
		r->id[17] = "10X98765432"[(s + 1) % 11];
		break;
	case D_MONTH13:		/* month 13, with a check digit that fits */
		r->id[10] = '1';
		r->id[11] = '3';
		r->id[17] = xj_validate_id_check_digit(r->id);
		break;
	case D_GENDER:
		r->gender = strcmp(r->gender, "男") == 0 ? "女" : "男";
		break;
	case D_EXAM13:		/* drop the sequence's first digit: 13 digits */
		memmove(r->exam + 6, r->exam + 7, strlen(r->exam + 7) + 1);
		break;
	case D_ETHNIC:
		r->ethnic = "火星族";
		break;
	case D_DUPEXAM:		/* handled by the caller: it knows the previous row */
		break;
	case D_IDEOSPACE:	/* a warning, not an error */
		snprintf(name, sizeof(name), "\xe3\x80\x80%s\xe3\x80\x80", r->name);
		memcpy(r->name, name, strlen(name) + 1);
		break;
	case D_EMPTYNAME:
		r->name[0] = '\0';
		break;
	}
}

static void format_row(const struct opts *o, const struct row *r, struct buf *b)
{
	put_s(b, r->exam); put_c(b, ',');
	put_s(b, r->name); put_c(b, ',');
	put_s(b, r->gender); put_c(b, ',');
	put_s(b, r->birth); put_c(b, ',');
	put_s(b, r->id); put_c(b, ',');
	put_s(b, r->ethnic); put_c(b, ',');
	put_s(b, r->political); put_c(b, ',');
	put_s(b, majors[r->major].code); put_c(b, ',');
	put_s(b, majors[r->major].name); put_c(b, ',');
	put_s(b, o->dept[majors[r->major].dept % o->ndept]); put_c(b, ',');
	put_s(b, majors[r->major].abbr);
	put_num(b, (unsigned long)(o->cohort % 100), 2);
	put_num(b, (unsigned long)r->classno, 2);
	put_c(b, ',');
	put_s(b, r->phone);
	if (o->crlf)
		put_c(b, '\r');
	put_c(b, '\n');
}

/* --- output ------------------------------------------------------------ */

static iconv_t cd = (iconv_t)-1;

static int emit(const char *s, size_t n)
{
	char out[4096], *in = (char *)s, *op;
	size_t il = n, ol;

	if (cd == (iconv_t)-1)
		return fwrite(s, 1, n, stdout) == n ? 0 : -1;
	while (il > 0) {
		op = out;
		ol = sizeof(out);
		if (iconv(cd, &in, &il, &op, &ol) == (size_t)-1 && errno != E2BIG) {
			fprintf(stderr, "xj-genroster: iconv: %s\n", strerror(errno));
			return -1;
		}
		if (fwrite(out, 1, (size_t)(op - out), stdout) != (size_t)(op - out))
			return -1;
	}
	return 0;
}

/* --- arguments --------------------------------------------------------- */

static int bad(const char *fmt, const char *arg)
{
	fputs("xj-genroster: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'xj-genroster --help'\n", stderr);
	return 2;
}

static int parse_ll(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')	/* no sign, no white space */
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_depts(struct opts *o, const char *arg)
{
	char *p, *q;

	if (strlen(arg) >= sizeof(o->deptbuf))
		return -1;
	memcpy(o->deptbuf, arg, strlen(arg) + 1);
	o->ndept = 0;
	for (p = o->deptbuf;; p = q + 1) {
		q = strchr(p, ',');
		if (q)
			*q = '\0';
		if (!*p || strpbrk(p, "\"\r\n") || o->ndept == MAX_DEPTS)
			return -1;
		o->dept[o->ndept++] = p;
		if (!q)
			return 0;
	}
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(struct opts *o, int argc, char **argv)
{
	int i;
	long long v;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		char name[32];
		int takes;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strncmp(a, "--", 2) != 0)
			return bad("unexpected argument '%s'", a);
		eq = strchr(a, '=');
		if (eq && (size_t)(eq - a) < sizeof(name)) {
			memcpy(name, a, (size_t)(eq - a));
			name[eq - a] = '\0';
			val = eq + 1;
		} else if (eq) {
			return bad("unknown option '%s'", a);
		} else {
			snprintf(name, sizeof(name), "%s", a);
			if (strlen(a) >= sizeof(name))
				return bad("unknown option '%s'", a);
		}
		takes = strcmp(name, "--rows") == 0 || strcmp(name, "--seed") == 0 ||
			strcmp(name, "--cohort") == 0 || strcmp(name, "--encoding") == 0 ||
			strcmp(name, "--defects") == 0 || strcmp(name, "--dept-codes") == 0;
		if (!takes && strcmp(name, "--bom") != 0 && strcmp(name, "--crlf") != 0 &&
		    strcmp(name, "--zh") != 0)
			return bad("unknown option '%s'", a);
		if (!takes && val)
			return bad("option '%s' takes no value", name);
		if (takes && !val) {
			if (i + 1 >= argc)
				return bad("option '%s' needs a value", name);
			val = argv[++i];
		}

		if (strcmp(name, "--rows") == 0) {
			if (parse_ll(val, 0, MAX_ROWS, &v))
				return bad("--rows wants a number 0-99999999, not '%s'", val);
			o->rows = v;
		} else if (strcmp(name, "--seed") == 0) {
			char *end;
			unsigned long long s;

			errno = 0;
			if (*val < '0' || *val > '9')
				return bad("--seed wants a non-negative integer, not '%s'", val);
			s = strtoull(val, &end, 10);
			if (errno || *end)
				return bad("--seed wants a non-negative integer, not '%s'", val);
			o->seed = (uint64_t)s;
		} else if (strcmp(name, "--cohort") == 0) {
			if (parse_ll(val, 1920, 2099, &v))
				return bad("--cohort wants a year 1920-2099, not '%s'", val);
			o->cohort = (int)v;
		} else if (strcmp(name, "--encoding") == 0) {
			if (strcmp(val, "utf-8") == 0 || strcmp(val, "UTF-8") == 0 ||
			    strcmp(val, "utf8") == 0)
				o->gb18030 = 0;
			else if (strcmp(val, "gb18030") == 0 || strcmp(val, "GB18030") == 0)
				o->gb18030 = 1;
			else
				return bad("unknown encoding '%s' (want utf-8 or gb18030)", val);
		} else if (strcmp(name, "--defects") == 0) {
			char *end;
			double d;

			errno = 0;
			if (!((*val >= '0' && *val <= '9') || *val == '.'))
				return bad("--defects wants a rate 0..1, not '%s'", val);
			d = strtod(val, &end);
			if (errno || *end || !(d >= 0.0 && d <= 1.0))
				return bad("--defects wants a rate 0..1, not '%s'", val);
			o->defects = d;
		} else if (strcmp(name, "--dept-codes") == 0) {
			if (parse_depts(o, val))
				return bad("--dept-codes wants codes like CS,ME,EC, not '%s'", val);
		} else if (strcmp(name, "--bom") == 0) {
			o->bom = 1;
		} else if (strcmp(name, "--crlf") == 0) {
			o->crlf = 1;
		} else {
			o->zh = 1;
		}
	}
	if (o->bom && o->gb18030)
		return bad("%s", "--bom goes with --encoding utf-8 only");
	return -1;
}

/* --- areas ------------------------------------------------------------- */

/* The county codes of the eight provinces that every revision of the
 * table has, in the table's order: the same for the same table. */
static int load_areas(void)
{
	const char *version, *path;
	struct xj_error e;
	int code, first, last, lo = 999999, hi = 0;
	size_t i, k;

	xj_error_clear(&e);
	if (xj_gb2260_load(&version, &path, &e) < 0) {
		fprintf(stderr, "xj-genroster: %s\n", e.msg);
		return -1;
	}
	for (i = 0; xj_gb2260_entry(i, &code, &first, &last) == 0; i++) {
		lo = first < lo ? first : lo;
		hi = last > hi ? last : hi;
	}
	for (i = 0; xj_gb2260_entry(i, &code, &first, &last) == 0; i++)
		for (k = 0; k < NPROV && code % 100 && first == lo && last == hi; k++)
			if (code / 10000 == provinces[k] && NAREA < NELEM(areas))
				areas[NAREA++] = code;
	if (NAREA < AREA_MIN) {
		fprintf(stderr, "xj-genroster: %s: %u county codes, fewer than %d\n", path,
			NAREA, AREA_MIN);
		return -1;
	}
	return 0;
}

/* --- main -------------------------------------------------------------- */

static char outbuf[1 << 20];

int main(int argc, char **argv)
{
	struct opts o;
	struct row r;
	char line[1024], prev_exam[16] = "";
	struct buf b;
	long long i, ndefects = 0, want;
	int rc;

	memset(&o, 0, sizeof(o));
	o.rows = 10;
	o.seed = 1;
	o.cohort = 2026;
	o.dept[0] = "CS";
	o.dept[1] = "ME";
	o.dept[2] = "EC";
	o.ndept = 3;
	rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;

	rng_state = o.seed;
	fill_days(o.cohort);
	if (load_areas() < 0)
		return 1;
	if (setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf)) != 0)
		return 1;
	if (o.gb18030) {
		cd = iconv_open("GB18030", "UTF-8");
		if (cd == (iconv_t)-1) {
			fprintf(stderr, "xj-genroster: iconv_open GB18030: %s\n", strerror(errno));
			return 1;
		}
	}

	b.p = line;
	if (o.bom)
		put_s(&b, "\xef\xbb\xbf");
	put_s(&b, o.zh ? hdr_zh : hdr_en);
	if (o.crlf)
		put_c(&b, '\r');
	put_c(&b, '\n');
	if (emit(line, (size_t)(b.p - line)))
		goto fail;

	for (i = 0; i < o.rows; i++) {
		make_row(&o, i, &r);
		/* floor((i+1)*rate) > floor(i*rate): rows * rate defects in all,
		 * spread evenly; the rounding of the products is the same on
		 * every IEEE machine. */
		want = o.defects > 0 ? (long long)((double)(i + 1) * o.defects) : 0;
		if (want > ndefects) {
			int kind = (int)(ndefects % D_COUNT);

			if (kind == D_DUPEXAM && i == 0)
				kind = D_CHECK;
			if (kind == D_DUPEXAM)
				memcpy(r.exam, prev_exam, sizeof(r.exam));
			else
				defect_row(&r, kind);
			ndefects++;
		}
		memcpy(prev_exam, r.exam, sizeof(prev_exam));
		b.p = line;
		format_row(&o, &r, &b);
		if (emit(line, (size_t)(b.p - line)))
			goto fail;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		goto fail;
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (o.defects > 0)
		fprintf(stderr, "xj-genroster: %lld rows, %lld defects\n", o.rows, ndefects);
	return 0;
fail:
	fprintf(stderr, "xj-genroster: write error: %s\n", strerror(errno));
	return 1;
}
