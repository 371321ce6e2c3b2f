/* diploma_state.c: where a certificate stands, as xj-diploma list shows it
 * and CHSI's e-registration takes it (P14, P15): which certificates go
 * into the registration file, and the file handed over recorded (each
 * certificate's step "submitted" is diploma_after.c's). */
#include <string.h>

#include "xj/diploma.h"
#include "xj/sha256.h"

const char *xj_diploma_status_of(const char *conclusion)
{
	return !strcmp(conclusion, "graduate") ? "graduated" :
	       !strcmp(conclusion, "completion") ? "completed" : "incomplete";
}

const char *xj_diploma_state(const struct xj_cert *c)
{
	if (c->revoked)
		return "revoked";
	if (!strcmp(c->kind.buf, "proof"))
		return "proof";
	return c->registered ? "registered" : "issued";
}

const char *xj_diploma_list_state(const struct xj_cert *c)
{
	const char *state = xj_diploma_state(c);

	/* an original replaced by a proof says so, registered or not */
	if (!c->revoked && (!strcmp(c->state.buf, "lost") || !strcmp(c->state.buf, "damaged")))
		return c->state.buf;
	/* an issued one not yet registered says how far its registration went */
	return !strcmp(state, "issued") && strcmp(c->state.buf, "issued") ? c->state.buf : state;
}

int xj_diploma_to_register(const struct xj_cert *c)
{
	/* 肄业 certificates have no number: CHSI never registers them */
	return !strcmp(c->kind.buf, "diploma") && c->number.len && !c->registered &&
	       !c->revoked;
}

int xj_diploma_submit(struct xj_store *st, int cohort, const char *name, const char *path,
		      long rows, struct xj_error *err)
{
	char hex[65];
	long long sub;

	/* the row binds the submission to the very file CHSI was given */
	if (xj_sha256_file(path, hex, err) < 0)
		return -1;
	return xj_store_submission_add(st, "diploma", cohort, name, hex, rows, &sub, err);
}
