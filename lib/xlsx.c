/* xlsx.c: a worksheet of an .xlsx workbook as rows of text.  The zip is read
 * through libzip and its XML parts through expat; the worksheet is streamed
 * a row at a time (the parser is suspended at each </row>), so memory grows
 * with the shared strings only, never with the number of rows. */
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "xj/i18n.h"
#include "xj/xlsx.h"

#define MAX_COLS 16384UL     /* XFD, Excel's last column */
#define MAX_ROWS 1048576UL
#define MAX_INDEX 0x7fffffffUL   /* of a shared string or a style */
#define CHUNK 65536
/* A part expands to at most this much ($XJ_XLSX_MAX_MB), and past the
 * first RATIO_FROM bytes to at most RATIO times its compressed size: a
 * zip bomb is refused by name before it fills memory.  Real sheets
 * compress 5 to 50 times. */
#define PART_MAX_MB 512L
#define RATIO 200
#define RATIO_FROM (16L << 20)
/* Excel holds at most 32,767 characters in a cell: UTF-8 four bytes each. */
#define CELL_MAX (32767L * 4)
#define NS_SEP ' '           /* between namespace and local name: never in a name */

/* One XML part of the archive, being parsed. */
struct part {
	zip_file_t *zf;
	XML_Parser p;
	const char *name;
	int eof, suspended;
	long long out, packed;   /* bytes expanded so far; compressed size */
};

struct sheet_ref {
	char *name, *rid;
};

struct numfmt {
	unsigned long id;
	int date;
};

struct xj_xlsx {
	zip_t *zip;
	char *file;
	char why[256];            /* why a handler stopped the parse */
	struct xj_sb text;        /* character data of the element collected */
	XML_Parser parser;        /* of the part being parsed, to stop it */
	int collect;
	int in_si, in_is, in_rph, in_c;

	/* xl/workbook.xml and its relationships */
	int date1904;
	struct sheet_ref *sheets;
	size_t nsheets;
	const char *rid;          /* of the sheet to read */
	char *sheet_path, *sst_path, *styles_path;

	/* xl/styles.xml: which cell formats are dates */
	struct numfmt *fmts;
	size_t nfmts;
	unsigned long *xf_fmt;
	size_t nxf;
	int in_cellxfs;
	unsigned char *xf_date;

	/* xl/sharedStrings.xml, whole */
	struct xj_sb sst;
	size_t *sst_off;
	size_t nsst;

	/* the worksheet, streamed */
	struct part sheet;
	unsigned long row_no;
	size_t next_col, col;
	char ctype[16];
	unsigned long cstyle;
	struct xj_sb arena, tmp;  /* the row's values; one converted value */
	size_t *cell_col, *cell_off, ncells, acells;
	const char **vals;
	size_t avals;
	int row_ready, row_bad;
	size_t bad_col;
	char row_why[200];
};

static const char *local(const char *name)
{
	const char *s = strrchr(name, NS_SEP);

	return s ? s + 1 : name;
}

/* An attribute with no namespace. */
static const char *attr(const XML_Char **atts, const char *name)
{
	for (; *atts; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* An attribute in some namespace, such as r:id. */
static const char *ns_attr(const XML_Char **atts, const char *lname)
{
	for (; *atts; atts += 2)
		if (strchr(atts[0], NS_SEP) && strcmp(local(atts[0]), lname) == 0)
			return atts[1];
	return NULL;
}

/* Digits only, at most max: no sign, no space, nothing after. */
static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!s || !isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return *s ? -1 : 0;
}

/* Stop the parse for good, saying why. */
static void stop(struct xj_xlsx *x, XML_Parser p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stop(struct xj_xlsx *x, XML_Parser p, const char *fmt, ...)
{
	va_list ap;

	if (x->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
	XML_StopParser(p, XML_FALSE);
}

/* The library's messages begin in upper case; ours do not. */
static void lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
}

/* The workbook is broken: a whole-file error. */
static int broken(struct xj_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int broken(struct xj_error *err, const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	lower_first(why);
	return xj_error_set(err, XJ_EFORMAT, "broken .xlsx file: %s", why);
}

static void on_text(void *data, const XML_Char *s, int len)
{
	struct xj_xlsx *x = data;

	if (!x->collect)
		return;
	if ((long)(x->text.len + (size_t)len) > CELL_MAX) {
		snprintf(x->why, sizeof(x->why), "%s", _("a cell longer than Excel allows"
			 " (32,767 characters)"));
		XML_StopParser(x->parser, XML_FALSE);
		x->collect = 0;
		return;
	}
	xj_sb_add(&x->text, s, (size_t)len);
}

static long long part_max(void)
{
	const char *v = getenv("XJ_XLSX_MAX_MB");
	char *end = NULL;
	long mb = v && *v ? strtol(v, &end, 10) : 0;

	/* not a number of megabytes, or past 1 TiB: the default */
	if ((end && *end) || mb > (1L << 20))
		mb = 0;

	return (long long)(mb > 0 ? mb : PART_MAX_MB) << 20;
}

/* The part's size as declared, then as it expands. */
static int part_bounded(const struct part *pt, long long size, struct xj_error *err)
{
	long long max = part_max();

	if (size > max)
		return broken(err, _("%s expands to more than %lld MB (XJ_XLSX_MAX_MB)"),
			      pt->name, max >> 20);
	if (size > RATIO_FROM && size / (pt->packed ? pt->packed : 1) > RATIO)
		return broken(err, _("%s expands more than %d times (a zip bomb?)"),
			      pt->name, RATIO);
	return 0;
}

/* Text runs: <t> of a string item, not the phonetic guide in <rPh>. */
static void text_start(struct xj_xlsx *x, const char *el)
{
	if (strcmp(el, "rPh") == 0)
		x->in_rph++;
	else if (strcmp(el, "t") == 0 && (x->in_si || x->in_is) && !x->in_rph)
		x->collect = 1;
}

static void text_end(struct xj_xlsx *x, const char *el)
{
	if (strcmp(el, "rPh") == 0 && x->in_rph)
		x->in_rph--;
	else if (strcmp(el, "t") == 0)
		x->collect = 0;
}

/* ---- parts ---- */

static int part_open(struct xj_xlsx *x, struct part *pt, const char *name,
		     XML_StartElementHandler start, XML_EndElementHandler end,
		     struct xj_error *err)
{
	zip_stat_t zs;

	pt->name = name;
	zip_stat_init(&zs);
	if (zip_stat(x->zip, name, ZIP_FL_NOCASE, &zs) < 0)
		return broken(err, _("no %s in it"), name);
	pt->packed = (zs.valid & ZIP_STAT_COMP_SIZE) ? (long long)zs.comp_size : 0;
	if ((zs.valid & ZIP_STAT_SIZE) && part_bounded(pt, (long long)zs.size, err) < 0)
		return -1;
	pt->zf = zip_fopen(x->zip, name, ZIP_FL_NOCASE);
	if (!pt->zf)
		return broken(err, _("no %s in it"), name);
	pt->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!pt->p)   /* expat's memory, not ours: the workbook is not read */
		return xj_error_set(err, XJ_EIO, "out of memory");
	XML_SetUserData(pt->p, x);
	XML_SetElementHandler(pt->p, start, end);
	XML_SetCharacterDataHandler(pt->p, on_text);
	return 0;
}

static void part_close(struct part *pt)
{
	if (pt->p)
		XML_ParserFree(pt->p);
	if (pt->zf)
		zip_fclose(pt->zf);
	memset(pt, 0, sizeof(*pt));
}

static int part_fail(struct xj_xlsx *x, struct part *pt, struct xj_error *err)
{
	if (x->why[0])
		return broken(err, "%s: %s", pt->name, x->why);
	return broken(err, "%s:%lu: %s", pt->name,
		      (unsigned long)XML_GetCurrentLineNumber(pt->p),
		      XML_ErrorString(XML_GetErrorCode(pt->p)));
}

static int part_status(struct xj_xlsx *x, struct part *pt, enum XML_Status st,
		       struct xj_error *err)
{
	if (st == XML_STATUS_SUSPENDED) {
		pt->suspended = 1;
		return 1;
	}
	if (st == XML_STATUS_ERROR)
		return part_fail(x, pt, err);
	return 0;
}

/* Parse on until the part ends (0) or a handler suspends the parse (1). */
static int part_pump(struct xj_xlsx *x, struct part *pt, struct xj_error *err)
{
	int rc;

	if (pt->suspended) {
		pt->suspended = 0;
		x->parser = pt->p;
		rc = part_status(x, pt, XML_ResumeParser(pt->p), err);
		if (rc != 0)
			return rc;
	}
	while (!pt->eof) {
		void *buf = XML_GetBuffer(pt->p, CHUNK);
		zip_int64_t n;

		if (!buf)   /* expat's memory, not ours: the workbook is not read */
			return xj_error_set(err, XJ_EIO, "out of memory");
		n = zip_fread(pt->zf, buf, CHUNK);
		if (n < 0) {
			char why[200];

			snprintf(why, sizeof(why), "%s", zip_file_strerror(pt->zf));
			lower_first(why);
			return broken(err, "%s: %s", pt->name, why);
		}
		pt->eof = n == 0;
		pt->out += n;
		if (part_bounded(pt, pt->out, err) < 0)
			return -1;
		x->parser = pt->p;
		rc = part_status(x, pt, XML_ParseBuffer(pt->p, (int)n, pt->eof), err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Parse a whole part with the given handlers. */
static int part_load(struct xj_xlsx *x, const char *name,
		     XML_StartElementHandler start, XML_EndElementHandler end,
		     struct xj_error *err)
{
	struct part pt;
	int rc;

	memset(&pt, 0, sizeof(pt));
	rc = part_open(x, &pt, name, start, end, err);
	if (rc == 0)
		rc = part_pump(x, &pt, err);
	part_close(&pt);
	return rc < 0 ? -1 : 0;
}

/* ---- xl/workbook.xml: the sheets and the date system ---- */

static void wb_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");

		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		const char *sn = attr(atts, "name"), *rid = ns_attr(atts, "id");
		struct sheet_ref *s;

		if (!sn || !rid)
			return;
		x->sheets = xj_xreallocarray(x->sheets, x->nsheets + 1, sizeof(*x->sheets));
		s = &x->sheets[x->nsheets++];
		s->name = xj_xstrdup(sn);
		s->rid = xj_xstrdup(rid);
	}
}

static void no_end(void *data, const XML_Char *name)
{
	(void)data;
	(void)name;
}

static int pick_sheet(struct xj_xlsx *x, const char *want, struct xj_error *err)
{
	struct xj_sb list = XJ_SB_INIT;
	size_t i;

	if (x->nsheets == 0)
		return broken(err, _("xl/workbook.xml names no sheet"));
	for (i = 0; i < x->nsheets; i++) {
		if (!want || strcmp(x->sheets[i].name, want) == 0) {
			x->rid = x->sheets[i].rid;
			xj_sb_release(&list);
			return 0;
		}
		xj_sb_adds(&list, i ? ", " : "");
		xj_sb_adds(&list, x->sheets[i].name);
	}
	xj_error_set(err, XJ_EFORMAT, "no sheet named %s (sheets: %s)", want, list.buf);
	xj_sb_release(&list);
	return -1;
}

const char *xj_xlsx_sheet(const struct xj_xlsx *x, size_t i, int *current)
{
	if (i >= x->nsheets)
		return NULL;
	*current = x->rid && strcmp(x->sheets[i].rid, x->rid) == 0;
	return x->sheets[i].name;
}

/* ---- xl/_rels/workbook.xml.rels: where the parts are ---- */

/* A relationship's target, relative to xl/ unless it starts with a slash. */
static char *resolve(const char *target)
{
	struct xj_sb sb = XJ_SB_INIT;
	const char *seg = target;

	if (*target == '/')
		return xj_xstrdup(target + 1);
	xj_sb_adds(&sb, "xl");
	while (*seg) {
		const char *slash = strchr(seg, '/');
		size_t len = slash ? (size_t)(slash - seg) : strlen(seg);

		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			char *up = strrchr(sb.buf, '/');

			sb.len = up ? (size_t)(up - sb.buf) : 0;
			sb.buf[sb.len] = '\0';
		} else if (len && !(len == 1 && seg[0] == '.')) {
			xj_sb_addc(&sb, '/');
			xj_sb_add(&sb, seg, len);
		}
		seg += len + (slash != NULL);
	}
	if (sb.len && sb.buf[0] == '/') {   /* climbed out of xl/ */
		memmove(sb.buf, sb.buf + 1, sb.len);
		sb.len--;
	}
	return xj_sb_detach(&sb);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void set_path(char **slot, const char *target)
{
	if (!*slot)
		*slot = resolve(target);
}

static void rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xj_xlsx *x = data;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type");
	const char *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");

	if (strcmp(local(name), "Relationship") != 0 || !id || !type || !target ||
	    (mode && strcmp(mode, "External") == 0))
		return;
	if (strcmp(id, x->rid) == 0)
		set_path(&x->sheet_path, target);
	else if (ends_with(type, "/sharedStrings"))
		set_path(&x->sst_path, target);
	else if (ends_with(type, "/styles"))
		set_path(&x->styles_path, target);
}

/* ---- xl/styles.xml: which cell formats show dates ---- */

/* A format code shows a date when it has y, d or (without h or s, which
 * make m the minutes) m outside quotes, brackets and escapes.  A time of
 * day alone is not a date. */
static int date_code(const char *f)
{
	int date = 0, month = 0, time = 0;

	for (; *f; f++) {
		const char *close = NULL;

		if (*f == '"')
			close = strchr(f + 1, '"');
		else if (*f == '[')
			close = strchr(f + 1, ']');
		if (*f == '"' || *f == '[') {
			if (!close)
				break;
			f = close;
		} else if ((*f == '\\' || *f == '_' || *f == '*') && f[1]) {
			f++;
		} else if (strchr("yYdD", *f)) {
			date = 1;
		} else if (strchr("mM", *f)) {
			month = 1;
		} else if (strchr("hHsS", *f)) {
			time = 1;
		}
	}
	return date || (month && !time);
}

/* Excel's built-in date formats, with those of Chinese Excel (27-58). */
static int date_builtin(unsigned long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	       id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58;
}

static void styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);
	unsigned long id = 0;

	if (strcmp(el, "numFmt") == 0) {
		const char *code = attr(atts, "formatCode");

		if (parse_ulong(attr(atts, "numFmtId"), 100000, &id) < 0 || !code)
			return;
		x->fmts = xj_xreallocarray(x->fmts, x->nfmts + 1, sizeof(*x->fmts));
		x->fmts[x->nfmts].id = id;
		x->fmts[x->nfmts++].date = date_code(code);
	} else if (strcmp(el, "cellXfs") == 0) {
		x->in_cellxfs = 1;
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (parse_ulong(attr(atts, "numFmtId"), 100000, &id) < 0)
			id = 0;
		x->xf_fmt = xj_xreallocarray(x->xf_fmt, x->nxf + 1, sizeof(*x->xf_fmt));
		x->xf_fmt[x->nxf++] = id;
	}
}

static void styles_end(void *data, const XML_Char *name)
{
	struct xj_xlsx *x = data;

	if (strcmp(local(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* A format the workbook defines wins over the built-in one of that id. */
static int fmt_is_date(const struct xj_xlsx *x, unsigned long id)
{
	size_t i;

	for (i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return x->fmts[i].date;
	return date_builtin(id);
}

static void mark_dates(struct xj_xlsx *x)
{
	size_t i;

	x->xf_date = xj_xcalloc(x->nxf ? x->nxf : 1, 1);
	for (i = 0; i < x->nxf; i++)
		x->xf_date[i] = (unsigned char)fmt_is_date(x, x->xf_fmt[i]);
}

/* ---- xl/sharedStrings.xml ---- */

static void sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);

	(void)atts;
	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		xj_sb_reset(&x->text);
	} else {
		text_start(x, el);
	}
}

static void sst_end(void *data, const XML_Char *name)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "si") == 0 && x->in_si) {
		if ((x->nsst & (x->nsst - 1)) == 0)   /* at 0, 1, 2, 4, 8, ...: double */
			x->sst_off = xj_xreallocarray(x->sst_off, x->nsst ? 2 * x->nsst : 1,
						      sizeof(size_t));
		x->sst_off[x->nsst++] = x->sst.len;
		xj_sb_add(&x->sst, x->text.buf ? x->text.buf : "", x->text.len);
		xj_sb_addc(&x->sst, '\0');
		x->in_si = 0;
	} else {
		text_end(x, el);
	}
}

/* ---- values ---- */

/* A number as decimal parts: its digits with no point, and the point after
 * the first `point` of them (which may be beyond either end). */
struct decimal {
	int neg, plain;
	char digits[1024];
	size_t n;
	long point;
};

static int parse_exponent(const char *p, long *e)
{
	int sign = 1;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (*e = 0; isdigit((unsigned char)*p); p++)
		if ((*e = *e * 10 + (*p - '0')) > 1000)
			return -1;
	*e *= sign;
	return *p ? -1 : 0;
}

static int parse_decimal(const char *v, struct decimal *dec)
{
	const char *p = v + (*v == '-' || *v == '+');
	int dot = 0;
	long e = 0;

	dec->neg = *v == '-';
	dec->n = 0;
	dec->point = 0;
	for (; isdigit((unsigned char)*p) || (*p == '.' && !dot); p++) {
		if (*p == '.') {
			dot = 1;
			continue;
		}
		if (dec->n == sizeof(dec->digits))
			return -1;
		dec->digits[dec->n++] = *p;
		dec->point += !dot;
	}
	if (dec->n == 0)
		return -1;
	dec->plain = !dot && !*p && *v != '+';
	if ((*p == 'e' || *p == 'E') && parse_exponent(p + 1, &e) < 0)
		return -1;
	if (*p && *p != 'e' && *p != 'E')
		return -1;
	dec->point += e;
	return 0;
}

static void add_zeros(struct xj_sb *out, long n)
{
	for (; n > 0; n--)
		xj_sb_addc(out, '0');
}

/* The digits with the point placed, no zeros before or after it that
 * do not count. */
static void put_decimal(const struct decimal *dec, struct xj_sb *out)
{
	const char *d = dec->digits;
	size_t nd = dec->n;
	long point = dec->point;

	for (; nd && *d == '0'; d++, nd--)
		point--;
	while (nd && d[nd - 1] == '0')
		nd--;
	if (nd == 0) {
		xj_sb_addc(out, '0');
		return;
	}
	if (dec->neg)
		xj_sb_addc(out, '-');
	if (point <= 0) {
		xj_sb_adds(out, "0.");
		add_zeros(out, -point);
		xj_sb_add(out, d, nd);
	} else if ((size_t)point >= nd) {
		xj_sb_add(out, d, nd);
		add_zeros(out, point - (long)nd);
	} else {
		xj_sb_add(out, d, (size_t)point);
		xj_sb_addc(out, '.');
		xj_sb_add(out, d + point, nd - (size_t)point);
	}
}

/* Decimal text in, decimal text out: a double would keep only 15 to 17 of
 * an ID number's digits. */
int xj_xlsx_number(const char *v, struct xj_sb *out)
{
	struct decimal dec;

	if (parse_decimal(v, &dec) < 0)
		return -1;
	if (dec.plain)   /* the text as written */
		xj_sb_adds(out, v);
	else
		put_decimal(&dec, out);
	return 0;
}

/* The civil date of a day count from 1970-01-01 (H. Hinnant's algorithm). */
static void civil(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int xj_xlsx_date(const char *v, int date1904, struct xj_sb *out)
{
	char *end;
	double serial;
	long s, days, y;
	int m, d;

	if (!*v || strspn(v, "0123456789.eE+-") != strlen(v))
		return -1;   /* no hex, inf or nan from strtod */
	errno = 0;
	serial = strtod(v, &end);
	if (*end || errno || !(serial >= 0) || serial >= 2958466.0)
		return -1;
	s = (long)serial;   /* the day; the time of day is dropped */
	if (date1904) {
		if (s > 2957003)
			return -1;
		days = s - 24107;          /* 1904-01-01 is day 0 */
	} else if (s == 60) {
		/* Lotus 1-2-3's leap day, which Excel keeps: it shows this */
		xj_sb_adds(out, "1900-02-29");
		return 0;
	} else {
		if (s < 1)
			return -1;
		days = (s < 60 ? s + 1 : s) - 25569;   /* 1 is 1900-01-01 */
	}
	civil(days, &y, &m, &d);
	xj_sb_addf(out, "%04ld-%02d-%02d", y, m, d);
	return 0;
}

void xj_xlsx_cell_name(size_t col, long line, char buf[24])
{
	char letters[8];
	size_t n = 0, i;

	col++;
	while (col && n < sizeof(letters)) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = letters[n - 1 - i];
	snprintf(buf + n, 24 - n, "%ld", line);
}

/* ---- the worksheet ---- */

static void row_problem(struct xj_xlsx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A cell the row is refused for; the first one is named. */
static void row_problem(struct xj_xlsx *x, const char *fmt, ...)
{
	char cell[24];
	char why[160];
	va_list ap;

	if (x->row_bad)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	xj_xlsx_cell_name(x->col, (long)x->row_no, cell);
	snprintf(x->row_why, sizeof(x->row_why), _("cell %s: %s"), cell, why);
	x->row_bad = 1;
	x->bad_col = x->col;
}

static void shared_string(struct xj_xlsx *x, const char *v)
{
	unsigned long i;

	if (parse_ulong(v, MAX_INDEX, &i) < 0 || i >= x->nsst)
		row_problem(x, _("no shared string %s"), v);
	else
		xj_sb_adds(&x->tmp, x->sst.buf + x->sst_off[i]);
}

static void numeric(struct xj_xlsx *x, const char *v)
{
	int date = x->cstyle < x->nxf && x->xf_date[x->cstyle];

	if (!*v)
		return;
	if (date && xj_xlsx_date(v, x->date1904, &x->tmp) == 0)
		return;
	if (xj_xlsx_number(v, &x->tmp) < 0)
		xj_sb_adds(&x->tmp, v);
}

/* A cell's value as text, by its type, into x->tmp. */
static void cell_value(struct xj_xlsx *x)
{
	const char *v = x->text.buf ? x->text.buf : "";
	const char *t = x->ctype;

	xj_sb_reset(&x->tmp);
	if (strcmp(t, "s") == 0)
		shared_string(x, v);
	else if (strcmp(t, "b") == 0)
		xj_sb_adds(&x->tmp, strcmp(v, "1") == 0 ? "TRUE" :
				    strcmp(v, "0") == 0 ? "FALSE" : v);
	else if (strcmp(t, "e") == 0) {   /* #N/A, #REF!, ...: kept for the reject file */
		row_problem(x, "%s", v);
		xj_sb_adds(&x->tmp, v);
	} else if (strcmp(t, "d") == 0)   /* an ISO 8601 date: the date part */
		xj_sb_add(&x->tmp, v, strlen(v) > 10 && v[10] == 'T' ? 10 : strlen(v));
	else if (*t && strcmp(t, "n") != 0)   /* str, inlineStr */
		xj_sb_adds(&x->tmp, v);
	else
		numeric(x, v);
}

/* Column letters, then the row digits: "AB12" is column 27. */
static int parse_ref(const char *r, size_t *col)
{
	size_t c = 0;

	if (!isupper((unsigned char)*r))
		return -1;
	for (; isupper((unsigned char)*r); r++)
		if ((c = c * 26 + (size_t)(*r - 'A' + 1)) > MAX_COLS)
			return -1;
	if (!isdigit((unsigned char)*r))
		return -1;
	*col = c - 1;
	return 0;
}

static void cell_start(struct xj_xlsx *x, const XML_Char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t");

	x->col = x->next_col;
	if (r && parse_ref(r, &x->col) < 0) {
		stop(x, x->sheet.p, _("a cell named '%s'"), r);
		return;
	}
	if (x->col >= MAX_COLS) {
		stop(x, x->sheet.p, _("a cell beyond column XFD in row %lu"), x->row_no);
		return;
	}
	x->next_col = x->col + 1;
	snprintf(x->ctype, sizeof(x->ctype), "%s", t ? t : "");
	if (parse_ulong(attr(atts, "s"), MAX_INDEX, &x->cstyle) < 0)
		x->cstyle = 0;
	xj_sb_reset(&x->text);
	x->in_c = 1;
}

static void cell_end(struct xj_xlsx *x)
{
	x->in_c = x->in_is = x->collect = 0;
	cell_value(x);
	if (x->tmp.len == 0)
		return;   /* empty: a gap, filled with "" */
	if (x->ncells == x->acells) {
		x->acells = x->acells ? 2 * x->acells : 64;
		x->cell_col = xj_xreallocarray(x->cell_col, x->acells, sizeof(size_t));
		x->cell_off = xj_xreallocarray(x->cell_off, x->acells, sizeof(size_t));
	}
	x->cell_col[x->ncells] = x->col;
	x->cell_off[x->ncells++] = x->arena.len;
	xj_sb_add(&x->arena, x->tmp.buf, x->tmp.len);
	xj_sb_addc(&x->arena, '\0');
}

static void row_start(struct xj_xlsx *x, const XML_Char **atts)
{
	const char *r = attr(atts, "r");
	unsigned long n = x->row_no + 1;

	if (r && parse_ulong(r, MAX_ROWS, &n) < 0)
		stop(x, x->sheet.p, _("a row numbered '%s'"), r);
	x->row_no = n;
	x->next_col = 0;
}

static void sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "row") == 0) {
		row_start(x, atts);
	} else if (strcmp(el, "c") == 0) {
		cell_start(x, atts);
	} else if (x->in_c && strcmp(el, "v") == 0) {
		x->collect = 1;
	} else if (x->in_c && strcmp(el, "is") == 0) {
		x->in_is = 1;
	} else if (x->in_c) {
		text_start(x, el);
	}
}

static void sheet_end(void *data, const XML_Char *name)
{
	struct xj_xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "row") == 0) {
		/* the row is whole: hand it out, go on from here next time */
		x->row_ready = 1;
		if (!x->why[0])   /* not when the parse is already stopped for good */
			XML_StopParser(x->sheet.p, XML_TRUE);
	} else if (strcmp(el, "c") == 0 && x->in_c) {
		cell_end(x);
	} else if (strcmp(el, "v") == 0) {
		x->collect = 0;
	} else if (strcmp(el, "is") == 0) {
		x->in_is = 0;
	} else {
		text_end(x, el);
	}
}

/* The row's cells by column, gaps as "". */
static void row_build(struct xj_xlsx *x, struct xj_xlsx_row *row)
{
	size_t i, n = 0;

	for (i = 0; i < x->ncells; i++)
		if (x->cell_col[i] + 1 > n)
			n = x->cell_col[i] + 1;
	if (x->row_bad && x->bad_col + 1 > n)
		n = x->bad_col + 1;
	if (n > x->avals) {
		x->avals = n;
		x->vals = xj_xreallocarray(x->vals, n, sizeof(char *));
	}
	for (i = 0; i < n; i++)
		x->vals[i] = "";
	for (i = 0; i < x->ncells; i++)
		x->vals[x->cell_col[i]] = x->arena.buf + x->cell_off[i];
	row->line = (long)x->row_no;
	row->n = n;
	row->values = x->vals;
	row->bad_col = x->bad_col;
}

static void row_clear(struct xj_xlsx *x)
{
	xj_sb_reset(&x->arena);
	x->ncells = 0;
	x->row_ready = x->row_bad = 0;
	x->bad_col = 0;
	x->row_why[0] = '\0';
}

int xj_xlsx_next(struct xj_xlsx *x, struct xj_xlsx_row *row,
		 struct xj_error *err)
{
	for (;;) {
		int rc;

		row_clear(x);
		rc = part_pump(x, &x->sheet, err);
		if (rc < 0)
			xj_error_where(err, x->file, 0, NULL);
		if (rc <= 0)
			return rc;
		if (!x->row_ready)
			continue;
		row_build(x, row);
		if (x->row_bad) {
			xj_error_where(err, x->file, row->line, NULL);
			return xj_error_set(err, XJ_EDATA, "%s", x->row_why);
		}
		if (row->n)
			return 1;
	}
}

/* ---- opening and closing ---- */

static int open_zip(struct xj_xlsx *x, int fd, struct xj_error *err)
{
	int code = 0;
	zip_error_t ze;
	char why[200];

	x->zip = zip_fdopen(fd, 0, &code);
	if (x->zip)
		return 0;
	close(fd);
	zip_error_init_with_code(&ze, code);
	snprintf(why, sizeof(why), "%s", zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return broken(err, "%s", why);
}

/* The sheet wanted, and the parts it needs, found and read. */
static int load_parts(struct xj_xlsx *x, const char *sheet, struct xj_error *err)
{
	if (part_load(x, "xl/workbook.xml", wb_start, no_end, err) < 0 ||
	    pick_sheet(x, sheet, err) < 0 ||
	    part_load(x, "xl/_rels/workbook.xml.rels", rels_start, no_end, err) < 0)
		return -1;
	if (!x->sheet_path)
		return broken(err, _("no part for sheet %s"), sheet ? sheet : x->sheets[0].name);
	if (x->sst_path && part_load(x, x->sst_path, sst_start, sst_end, err) < 0)
		return -1;
	if (x->styles_path && part_load(x, x->styles_path, styles_start, styles_end,
					err) < 0)
		return -1;
	mark_dates(x);
	return part_open(x, &x->sheet, x->sheet_path, sheet_start, sheet_end, err);
}

struct xj_xlsx *xj_xlsx_open(int fd, const char *name, const char *sheet,
			     struct xj_error *err)
{
	struct xj_xlsx *x = xj_xcalloc(1, sizeof(*x));

	x->file = xj_xstrdup(name);
	if (open_zip(x, fd, err) == 0 && load_parts(x, sheet, err) == 0)
		return x;
	xj_error_where(err, name, 0, NULL);
	xj_xlsx_free(x);
	return NULL;
}

void xj_xlsx_free(struct xj_xlsx *x)
{
	size_t i;

	if (!x)
		return;
	part_close(&x->sheet);
	if (x->zip)
		zip_discard(x->zip);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	free(x->sheet_path);
	free(x->sst_path);
	free(x->styles_path);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_date);
	free(x->sst_off);
	free(x->cell_col);
	free(x->cell_off);
	free(x->vals);
	xj_sb_release(&x->sst);
	xj_sb_release(&x->text);
	xj_sb_release(&x->arena);
	xj_sb_release(&x->tmp);
	free(x->file);
	free(x);
}
