/* test_gb2260.c: the GB/T 2260 table beside the programs, and the address
 * code of a resident ID number against it. */
#include "unit.h"
#include "xj/gb2260.h"

static void table(void)
{
	const char *version = NULL, *path = NULL;
	struct xj_error e;
	int code, first, last;

	xj_error_clear(&e);
	CHECK(xj_gb2260_load(&version, &path, &e) == 0);
	CHECK_STR(version, "200212-202306");
	CHECK(path && strstr(path, "/share/xj/gb2260.tsv") != NULL);
	CHECK(xj_gb2260_entry(0, &code, &first, &last) == 0);
	CHECK(code == 110000 && first == 200212 && last == 202306);
	CHECK(xj_gb2260_entry(1u << 20, &code, &first, &last) == -1);
}

#define ID(s) xj_gb2260_check_id(s, note, sizeof(note), &e)

static void address(void)
{
	char note[256];
	struct xj_error e;

	xj_error_clear(&e);
	/* the first and the last code of the table, a county, a prefecture */
	CHECK(ID("110000200703140012") == 0 && !*note);
	CHECK(ID("820000200703140012") == 0 && !*note);
	CHECK(ID("110101200703140012") == 0 && !*note);
	CHECK(ID("440300200703140012") == 0 && !*note);
	/* retired in 2010 (崇文区), and one of the 2023 codes only (永年区) */
	CHECK(ID("110103200506010027") == 0 && !*note);
	CHECK(ID("130408200701010032") == 0 && !*note);
	/* no code: refused from the table's first month on */
	CHECK(ID("110110200212010068") == -1 && e.code == XJ_EDATA);
	CHECK_STR(e.msg, "address code 110110 is not in GB/T 2260 (200212-202306)");
	CHECK(ID("109999200703140012") == -1);
	CHECK(ID("829999200703140012") == -1);
	/* before it, a code retired before 2002 may stand: a remark */
	CHECK(ID("110110200211300055") == 0);
	CHECK_STR(note, "address code 110110 is not in GB/T 2260 (200212-202306), which"
		  " begins in 2002: kept, as a code retired before then");
	CHECK(ID("440524188001010014") == 0 && *note);
}

int main(void)
{
	table();
	address();
	return unit_done("test_gb2260");
}
