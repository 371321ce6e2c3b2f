/* test_diploma.c: where a certificate stands, as xj-diploma list shows it
 * (--status keeps one state), and which certificates go into CHSI's
 * e-registration file: diplomas with their number, neither registered
 * nor revoked (P14, P15). */
#include <string.h>

#include "unit.h"
#include "xj/diploma.h"

static struct xj_cert cert(const char *kind, const char *number, const char *state,
			   int registered, int revoked)
{
	struct xj_cert c;

	memset(&c, 0, sizeof(c));
	xj_sb_adds(&c.kind, kind);
	xj_sb_adds(&c.number, number);
	xj_sb_adds(&c.state, state);
	c.registered = registered;
	c.revoked = revoked;
	return c;
}

#define STATE(kind, number, state, registered, revoked, want, want_list) do { \
	struct xj_cert c_ = cert(kind, number, state, registered, revoked); \
	CHECK_STR(xj_diploma_state(&c_), want); \
	CHECK_STR(xj_diploma_list_state(&c_), want_list); \
	xj_store_cert_release(&c_); \
} while (0)

static void states(void)
{
	STATE("diploma", "130001202605000001", "issued", 0, 0, "issued", "issued");
	STATE("diploma", "130001202605000001", "issued", 1, 0, "registered", "registered");
	/* on its way to CHSI: the step it reached */
	STATE("diploma", "130001202605000001", "submitted", 0, 0, "issued", "submitted");
	STATE("diploma", "130001202605000001", "failed", 0, 0, "issued", "failed");
	/* registered, the step is history */
	STATE("diploma", "130001202605000001", "submitted", 1, 0, "registered", "registered");
	/* an original a proof replaced, registered with CHSI or not */
	STATE("diploma", "130001202605000001", "lost", 1, 0, "registered", "lost");
	STATE("diploma", "130001202605000001", "damaged", 0, 0, "issued", "damaged");
	STATE("proof", "130001202605000101", "issued", 0, 0, "proof", "proof");
	/* revoked is revoked, whatever else it was */
	STATE("diploma", "130001202605000001", "lost", 1, 1, "revoked", "revoked");
	STATE("diploma", "130001202605000001", "issued", 0, 1, "revoked", "revoked");
	STATE("proof", "130001202605000101", "issued", 0, 1, "revoked", "revoked");
	/* 肄业: no number, never registered */
	STATE("diploma", "", "issued", 0, 0, "issued", "issued");
}

#define TO_CHSI(kind, number, registered, revoked, want) do { \
	struct xj_cert c_ = cert(kind, number, "issued", registered, revoked); \
	CHECK(xj_diploma_to_register(&c_) == (want)); \
	xj_store_cert_release(&c_); \
} while (0)

static void to_register(void)
{
	TO_CHSI("diploma", "130001202605000001", 0, 0, 1);
	TO_CHSI("diploma", "130001202605000001", 1, 0, 0);
	TO_CHSI("diploma", "130001202605000001", 0, 1, 0);
	TO_CHSI("diploma", "", 0, 0, 0);
	/* a certificate of academic credentials is no credential of its own */
	TO_CHSI("proof", "130001202605000101", 0, 0, 0);
}

int main(void)
{
	states();
	to_register();
	return unit_done("diploma");
}
