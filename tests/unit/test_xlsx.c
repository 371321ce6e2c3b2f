/* test_xlsx.c: the text of numeric and date cells of .xlsx worksheets,
 * digit for digit; the workbooks themselves are tested in 0011-xlsx.bats. */
#include "unit.h"
#include "xj/xlsx.h"

static struct xj_sb out;   /* the text last made */

static const char *number(const char *v)
{
	xj_sb_reset(&out);
	if (xj_xlsx_number(v, &out) < 0)
		return "(not a number)";
	return out.buf;
}

static const char *date(const char *v, int date1904)
{
	xj_sb_reset(&out);
	if (xj_xlsx_date(v, date1904, &out) < 0)
		return "(not a date)";
	return out.buf;
}

static void numbers(void)
{
	CHECK_STR(number("26110101000001"), "26110101000001");
	CHECK_STR(number("2.6110101000001E+13"), "26110101000001");
	CHECK_STR(number("2.6110101000001e13"), "26110101000001");
	CHECK_STR(number("1.1010519491231e+17"), "110105194912310000");
	CHECK_STR(number("1.5"), "1.5");
	CHECK_STR(number("-1.50"), "-1.5");
	CHECK_STR(number("26110101000001.0"), "26110101000001");
	CHECK_STR(number("1E-3"), "0.001");
	CHECK_STR(number("0.000"), "0");
	CHECK_STR(number("123456789012345678901234567890"), "123456789012345678901234567890");
	CHECK_STR(number("007"), "007");
	CHECK_STR(number("1e1001"), "(not a number)");
	CHECK_STR(number("12a"), "(not a number)");
	CHECK_STR(number(""), "(not a number)");
	CHECK_STR(number("."), "(not a number)");
}

static void dates(void)
{
	CHECK_STR(date("39155", 0), "2007-03-14");
	CHECK_STR(date("39155.75", 0), "2007-03-14");
	CHECK_STR(date("1", 0), "1900-01-01");
	CHECK_STR(date("59", 0), "1900-02-28");
	CHECK_STR(date("60", 0), "1900-02-29");
	CHECK_STR(date("61", 0), "1900-03-01");
	CHECK_STR(date("2958465", 0), "9999-12-31");
	CHECK_STR(date("2958466", 0), "(not a date)");
	CHECK_STR(date("0", 0), "(not a date)");
	CHECK_STR(date("0", 1), "1904-01-01");
	CHECK_STR(date("37693", 1), "2007-03-14");
	CHECK_STR(date("-1", 0), "(not a date)");
	CHECK_STR(date("nan", 0), "(not a date)");
	CHECK_STR(date("0x10", 0), "(not a date)");
}

static void cell_names(void)
{
	char buf[24];

	xj_xlsx_cell_name(0, 5, buf);
	CHECK_STR(buf, "A5");
	xj_xlsx_cell_name(25, 1, buf);
	CHECK_STR(buf, "Z1");
	xj_xlsx_cell_name(26, 12, buf);
	CHECK_STR(buf, "AA12");
	xj_xlsx_cell_name(16383, 1048576, buf);
	CHECK_STR(buf, "XFD1048576");
}

int main(void)
{
	numbers();
	dates();
	cell_names();
	xj_sb_release(&out);
	return unit_done("xlsx");
}
