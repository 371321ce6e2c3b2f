/* validate.h: checks of single values against the national standards
 * (GB 11643 ID numbers, GB/T 3304 ethnicity, GB/T 4762 political status,
 * GB/T 2261.1 gender, exam numbers, major codes, phones, dates).
 *
 * Every checker takes the value as read (already trimmed), writes the
 * normalised form into the caller's buffer `out` of size `outsz`, and returns
 * 0; or returns -1 with code XJ_EDATA and a lowercase reason in err->msg
 * (e.g. "check digit should be 3, not X").  The caller names file, line and
 * field.  Nothing here allocates; tables are static and owned by the library.
 * A non-fatal remark (an old name mapped, say) goes into `note` when note is
 * not NULL (size XJ_NOTE_MAX, "" when there is none). */
#ifndef XJ_VALIDATE_H
#define XJ_VALIDATE_H

#include <stddef.h>
#include "xj/error.h"

#define XJ_NOTE_MAX 128

/* Resident ID number, 18 characters: 17 digits and a MOD 11-2 check digit
 * (lowercase x accepted, stored as X), a real birth date, a valid province
 * prefix (11-65, 71, 81, 82, 83).  out: 19 bytes at least. */
int xj_validate_id_number(const char *in, char *out, size_t outsz,
		       struct xj_error *err);
/* From a valid ID number: birth date as YYYY-MM-DD (out: 11 bytes), and
 * gender as "男" or "女" (the 17th digit odd = 男). */
void xj_validate_id_number_birth(const char *id, char out[11]);
const char *xj_validate_id_number_gender(const char *id);
/* The check digit ('0' to '9' or 'X') of the first 17 digits of id: ISO
 * 7064 MOD 11-2, as GB 11643 has it; '?' when one of them is no digit
 * (or id is shorter).  Test rosters make theirs with it. */
char xj_validate_id_check_digit(const char *id);

/* Exam number (考生号): 14 digits, the first two the exam year (must equal
 * cohort % 100 when cohort > 0), digits 3-4 a valid province code. */
int xj_validate_exam_no(const char *in, int cohort, char *out, size_t outsz,
		     struct xj_error *err);

/* Ethnicity by code ("01", "1") or name ("汉族", "汉"); out gets the
 * standard name.  Old names (毛难族, 崩龙族) and known misspellings are
 * mapped with a note.  code_out (3 bytes) gets the two-digit code. */
int xj_codes_check_ethnicity(const char *in, char *out, size_t outsz,
		       char code_out[3], char *note, struct xj_error *err);
/* Both a code and a name given: they must name the same group. */
int xj_codes_check_ethnicity_pair(const char *code, const char *name,
			    struct xj_error *err);

/* Gender: 男/女, also 男性/女性 and GB/T 2261.1 codes 1/2; out: 男 or 女. */
int xj_validate_gender(const char *in, char *out, size_t outsz,
		    struct xj_error *err);

/* Political status (政治面貌) by GB/T 4762 code or name; out: the name. */
int xj_codes_check_political(const char *in, char *out, size_t outsz,
		       struct xj_error *err);

/* Major code: 6 digits. */
int xj_validate_major_code(const char *in, char *out, size_t outsz,
			struct xj_error *err);

/* Phone: mobile (1[3-9] and 9 more digits, optional +86 or 86 prefix,
 * stored without it) or landline (0 + 2-3 digit area code, optional -,
 * 7-8 digits, optional -extension). */
int xj_validate_phone(const char *in, char *out, size_t outsz,
		   struct xj_error *err);

/* Date: YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD (also YYYY/M/D), a real calendar
 * date between 1900 and 2100; out (11 bytes): YYYY-MM-DD. */
int xj_validate_date(const char *in, char *out, size_t outsz,
		  struct xj_error *err);
/* A birth date, in the same forms: from 1800 (GB 11643's own example was
 * born in 1880) to today, the business date (clock.h) -- the range the
 * birth date in an ID number is held to as well. */
int xj_validate_birth_date(const char *in, char *out, size_t outsz,
			struct xj_error *err);

/* Is s nothing but the white space xj_validate_trim takes away ("" too)? */
int xj_validate_blank(const char *s);
/* Trim ASCII white space, U+3000 and U+00A0 from both ends, in place.
 * Returns 1 when something was trimmed, else 0. */
int xj_validate_trim(char *s);
/* The same of s, *len bytes long, which becomes the trimmed length. */
int xj_validate_trim_n(char *s, size_t *len);
/* 0 when s (len bytes) has nothing to trim; 1 when it may have: its first
 * or last byte may be part of a blank. */
int xj_validate_may_trim(const char *s, size_t len);

/* Whether a two-digit GB/T 2260 province code may begin an ID number or an
 * exam number: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82, 83.
 * Returns 1 or 0. */
int xj_validate_province(int code);

#endif
