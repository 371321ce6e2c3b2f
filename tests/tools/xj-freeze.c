/* xj-freeze: marks a student's credential as registered through the
 * library's own state change (xj_store_freeze_add), the step xj-diploma
 * takes when CHSI confirms the e-registration.  For the tests of the
 * freeze (P16) until that program exists.
 *
 *   xj-freeze DB KEY DATE REASON */
#include <stdio.h>
#include <string.h>

#include "xj/cli.h"
#include "xj/store.h"

int main(int argc, char **argv)
{
	struct xj_error err;
	struct xj_store *st;
	struct xj_student s;
	struct xj_actor who = { "test", NULL, "xj-freeze", "" };
	int rc = -1;

	if (argc != 5) {
		fputs("usage: xj-freeze DB KEY DATE REASON\n", stderr);
		return 2;
	}
	xj_error_clear(&err);
	memset(&s, 0, sizeof(s));
	st = xj_store_open(argv[1], 0, &err);
	if (st && xj_cli_find_student(st, argv[2], &s, &err) > 0 &&
	    xj_store_begin(st, &who, &err) == 0 &&
	    xj_store_freeze_add(st, s.id, argv[3], argv[4], &err) == 0 &&
	    xj_store_audit(st, s.id, "freeze", NULL, "{\"test\":true}", &err) == 0)
		rc = xj_store_commit(st, &err);
	xj_student_release(&s);
	xj_store_close(st);
	if (rc < 0)
		fprintf(stderr, "xj-freeze: %s\n", *err.msg ? err.msg : "no such student");
	return rc < 0 ? 1 : 0;
}
