/* signer.h: statements signed by a second thread while the caller goes
 * on writing.  A decision's signature is kept beside its audit entry, not
 * in the chain the next entry extends, so the caller may write the next
 * decision before the last one is signed, and store each signature when
 * it comes back.  Signatures come back in the order the statements went
 * in.  At most XJ_SIGNER_AHEAD statements may be in and not taken back:
 * a caller that has as many takes one, waiting, before it puts another.  Whoever made the signer frees it;
 * the key is borrowed until then. */
#ifndef XJ_SIGNER_H
#define XJ_SIGNER_H

#include <stddef.h>
#include "xj/key.h"

#define XJ_SIGNER_AHEAD 256

struct xj_signer;

/* A signed statement handed back: tag is what went in with it; msg is
 * the caller's to free. */
struct xj_signed {
	long long tag;
	char *msg;
	size_t len;
	char sig[XJ_SIG_MAX];
};

/* NULL when no thread can be started: the caller signs itself. */
struct xj_signer *xj_signer_new(const struct xj_key *k);
/* Sign msg (len bytes, malloc'd: the signer takes it); fewer than
 * XJ_SIGNER_AHEAD are pending. */
void xj_signer_put(struct xj_signer *g, long long tag, char *msg, size_t len);
/* The next signed statement into *out: 1; 0 when none is ready, or with
 * wait, when none is left to sign. */
int xj_signer_take(struct xj_signer *g, int wait, struct xj_signed *out);
/* How many went in and have not been taken. */
size_t xj_signer_pending(const struct xj_signer *g);
/* Stop the thread; what was not taken is dropped. */
void xj_signer_free(struct xj_signer *g);

#endif
