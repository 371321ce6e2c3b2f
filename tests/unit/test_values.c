/* test_values.c: the small pieces the value checks stand on: the GB 11643
 * check digit (P4, P12), a missing value read as an empty one and a value
 * copied whole or refused, the document types that carry a GB 11643 number
 * (P4), the key a number's sequence is counted in (学号 P9, a certificate
 * of academic credentials' number P15), and the statuses the state machine
 * knows (P9, P11). */
#include <string.h>

#include "unit.h"
#include "xj/iddoc.h"
#include "xj/status.h"
#include "xj/stuno.h"
#include "xj/validate.h"
/* the helpers validate.c and codes.c share, not installed */
#include "../../lib/validate_impl.h"

static struct xj_error err;

/* ISO 7064 MOD 11-2 over the first 17 digits; what follows them is not
 * read (P4: an ID card checked against the exam data; P12: key data). */
static void check_digit(void)
{
	/* GB 11643's own example */
	CHECK(xj_validate_id_check_digit("11010519491231002X") == 'X');
	CHECK(xj_validate_id_check_digit("11010519491231002") == 'X');
	CHECK(xj_validate_id_check_digit("440524188001010014") == '4');
	CHECK(xj_validate_id_check_digit("320102200801200061") == '1');
	CHECK(xj_validate_id_check_digit("110101200711020061") == '1');
	/* no digit, no sum: never a read outside the table, nor past the end */
	CHECK(xj_validate_id_check_digit("1101052007110 002") == '?');
	CHECK(xj_validate_id_check_digit("11010520") == '?');
	CHECK(xj_validate_id_check_digit("") == '?');
	CHECK(xj_validate_id_check_digit("510108199003078995") == '5');
	/* the 18th character, right or wrong, is never read */
	CHECK(xj_validate_id_check_digit("320102200801200069") == '1');
	/* sums of 0 and of the most: each end of the table */
	CHECK(xj_validate_id_check_digit("00000000000000000") == '1');
	CHECK(xj_validate_id_check_digit("99999999999999999") == '3');
	/* a number made with it passes the whole check */
	{
		char id[19] = "11010120000101123", out[19];

		id[17] = xj_validate_id_check_digit(id);
		id[18] = '\0';
		CHECK_STR(id, "110101200001011232");
		xj_error_clear(&err);
		CHECK(xj_validate_id_number(id, out, sizeof(out), &err) == 0);
		CHECK_STR(out, id);
	}
}

/* A missing value is checked as an empty one; every checker's result is
 * copied whole into the caller's buffer, or refused, never cut short. */
static void value_helpers(void)
{
	char out[8] = "xxxxxxx";
	const char *s = "abc";

	CHECK(xj_validate_value_nz(s) == s);
	CHECK_STR(xj_validate_value_nz(NULL), "");
	CHECK_STR(xj_validate_value_nz(""), "");
	xj_error_clear(&err);
	CHECK(xj_validate_value_put(out, sizeof(out), "1234567", &err) == 0);
	CHECK_STR(out, "1234567");
	CHECK(err.code == XJ_OK);
	CHECK(xj_validate_value_put(out, sizeof(out), "", &err) == 0);
	CHECK_STR(out, "");
	/* one byte too many for the terminator: refused, the buffer as it was */
	memcpy(out, "kept", 5);
	CHECK(xj_validate_value_put(out, sizeof(out), "12345678", &err) == -1);
	CHECK(err.code == XJ_EDATA);
	CHECK_STR(err.msg, "value too long");
	CHECK_STR(out, "kept");
	xj_error_clear(&err);
	CHECK(xj_validate_value_put(out, 1, "a", &err) == -1);
	CHECK_STR(err.msg, "value too long");
	/* no buffer: only the check was asked for */
	xj_error_clear(&err);
	CHECK(xj_validate_value_put(NULL, 0, "anything at all", &err) == 0);
	CHECK(err.code == XJ_OK);
}

/* Which standard names carry a GB 11643 number, with birth date and
 * gender in it (P4): the resident ID card and the residence permit of
 * Hong Kong, Macao and Taiwan residents; aliases are mapped first by
 * xj_iddoc_check_id_type, so only the standard names are. */
static void gb11643_types(void)
{
	char type[64];

	CHECK(xj_iddoc_type_is_gb11643(XJ_IDTYPE_RESIDENT));
	CHECK(xj_iddoc_type_is_gb11643(XJ_IDTYPE_PERMIT));
	CHECK(!xj_iddoc_type_is_gb11643(XJ_IDTYPE_HKMO));
	CHECK(!xj_iddoc_type_is_gb11643(XJ_IDTYPE_TW));
	CHECK(!xj_iddoc_type_is_gb11643(XJ_IDTYPE_PASSPORT));
	CHECK(!xj_iddoc_type_is_gb11643(XJ_IDTYPE_OTHER));
	CHECK(!xj_iddoc_type_is_gb11643(""));
	CHECK(!xj_iddoc_type_is_gb11643("身份证"));
	CHECK(!xj_iddoc_type_is_gb11643("居民身份证 "));
	/* an alias is one once it is mapped */
	xj_error_clear(&err);
	CHECK(xj_iddoc_check_id_type("身份证", type, sizeof(type), &err) == 0);
	CHECK(xj_iddoc_type_is_gb11643(type));
	CHECK(xj_iddoc_check_id_type("港澳居民居住证", type, sizeof(type), &err) == 0);
	CHECK(xj_iddoc_type_is_gb11643(type));
	CHECK(xj_iddoc_check_id_type("回乡证", type, sizeof(type), &err) == 0);
	CHECK(!xj_iddoc_type_is_gb11643(type));
}

/* The key of a pattern for c: the sequence's place written '#', and its
 * digits; or the refusal. */
static const char *key_of(const char *pattern, const struct xj_number_ctx *c, int *digits,
			  struct xj_sb *key)
{
	xj_error_clear(&err);
	*digits = 0;
	if (xj_stuno_key(pattern, c, key, digits, &err) < 0)
		return err.msg;
	return key->buf ? key->buf : "";
}

/* The key a number's sequence is counted within: a student number (学号,
 * P9) within its cohort and major, say; a proof's number (P15) within its
 * year of issue. */
static void stuno_keys(void)
{
	struct xj_student s;
	struct xj_number_ctx c = { &s, "14001", "2029-06-30", "04" };
	struct xj_sb key = XJ_SB_INIT;
	int digits = 0;

	memset(&s, 0, sizeof(s));
	s.cohort = 2026;
	s.v[XJ_S_DEPT] = "CS";
	s.v[XJ_S_MAJOR_CODE] = "510201";
	s.v[XJ_S_CLASS] = "计应2607";
	CHECK_STR(key_of("{year}{major}{seq:3}", &c, &digits, &key), "2026510201#");
	CHECK(digits == 3);
	CHECK_STR(key_of("{yy}{dept}-{seq:4}", &c, &digits, &key), "26CS-#");
	CHECK(digits == 4);
	CHECK_STR(key_of("{year}{major_no}{class:2}{seat:2}", &c, &digits, &key), "20260407#");
	CHECK(digits == 2);
	/* the sequence may stand first or in the middle */
	CHECK_STR(key_of("{seq:9}{school}", &c, &digits, &key), "#14001");
	CHECK(digits == 9);
	CHECK_STR(key_of("{school}ZM{issued}{seq:4}", &c, &digits, &key), "14001ZM2029#");
	/* a key read before is replaced, not added to */
	CHECK_STR(key_of("A{seq:1}", &c, &digits, &key), "A#");
	/* the pattern's faults */
	CHECK_STR(key_of("{year}{major}", &c, &digits, &key),
		  "number pattern: no {seq:N} or {seat:N}");
	CHECK_STR(key_of("{seq:3}{seat:2}", &c, &digits, &key),
		  "number pattern: want one {seq:N} or {seat:N}, N from 1 to 9");
	CHECK_STR(key_of("{seq:0}", &c, &digits, &key),
		  "number pattern: want one {seq:N} or {seat:N}, N from 1 to 9");
	CHECK_STR(key_of("{seq:10}", &c, &digits, &key),
		  "number pattern: want one {seq:N} or {seat:N}, N from 1 to 9");
	CHECK_STR(key_of("{year{seq:3}", &c, &digits, &key),
		  "number pattern: unknown {year{seq:3} (want year, yy, dept, major, major_no,"
		  " class:N, school, issued, seq:N or seat:N)");
	CHECK_STR(key_of("{year", &c, &digits, &key), "number pattern: an unclosed {");
	CHECK_STR(key_of("{cohort}{seq:3}", &c, &digits, &key),
		  "number pattern: unknown {cohort} (want year, yy, dept, major, major_no,"
		  " class:N, school, issued, seq:N or seat:N)");
	CHECK_STR(key_of("{year}_{seq:3}", &c, &digits, &key),
		  "number pattern: '_' is not a letter, digit or -");
	CHECK_STR(key_of("{class:0}{seq:3}", &c, &digits, &key),
		  "number pattern: want {class:N}, N from 1 to 9");
	/* what the student or the context lacks */
	c.major_no = NULL;
	CHECK_STR(key_of("{major_no}{seq:3}", &c, &digits, &key),
		  "major 510201 is not in the config's majors, which {major_no} needs");
	c.school = NULL;
	CHECK_STR(key_of("{school}{seq:3}", &c, &digits, &key),
		  "no school code to make the number of");
	c.issued = NULL;
	CHECK_STR(key_of("{issued}{seq:3}", &c, &digits, &key),
		  "no date of issue to make the number of");
	s.v[XJ_S_DEPT] = NULL;
	CHECK_STR(key_of("{dept}{seq:3}", &c, &digits, &key), "no dept to make the number of");
	s.v[XJ_S_MAJOR_CODE] = "";
	CHECK_STR(key_of("{major}{seq:3}", &c, &digits, &key),
		  "no major_code to make the number of");
	s.v[XJ_S_CLASS] = "计应班";
	CHECK_STR(key_of("{class:2}{seq:3}", &c, &digits, &key),
		  "class 计应班 has no 2-digit number for {class:2}");
	/* without a context, the pattern alone: each token's place left out */
	CHECK_STR(key_of("{year}{dept}{seq:3}", NULL, &digits, &key), "#");
	CHECK(digits == 3);
	xj_sb_release(&key);
}

/* Every status of the state machine once, in the order its rules first
 * reach it: what a refusal of an unknown status lists (P9, P11). */
static void status_names(void)
{
	static const char want[] = "admitted, registered, admission-cancelled, status-cancelled,"
		" withdrawn, deceased, suspended, retained, transferred-major, demoted, resumed,"
		" graduated, completed, incomplete";
	struct xj_sb names = XJ_SB_INIT;
	const char *p;
	int n = 0;

	xj_status_names(&names);
	CHECK_STR(names.buf, want);
	/* each a status of the table */
	for (p = names.buf; p && *p; n++) {
		size_t len = strcspn(p, ",");
		char w[32];

		snprintf(w, sizeof(w), "%.*s", (int)len, p);
		CHECK(xj_status_known(w));
		p += len;
		p += strspn(p, ", ");
	}
	CHECK(n == 14);
	/* added to what the buffer holds, after a comma */
	xj_sb_reset(&names);
	xj_sb_adds(&names, "known");
	xj_status_names(&names);
	CHECK(strncmp(names.buf, "known, admitted, registered", 27) == 0);
	xj_sb_release(&names);
}

int main(void)
{
	check_digit();
	value_helpers();
	gb11643_types();
	stuno_keys();
	status_names();
	return unit_done("values");
}
