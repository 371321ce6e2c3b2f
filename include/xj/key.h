/* key.h: staff members' Ed25519 keys (libsodium).  The private key proves
 * who acted; its public half ("ed25519:BASE64") goes into the config.  A
 * struct xj_key is the caller's and holds secret bytes: wipe it with
 * xj_key_wipe.  Nothing is allocated; xj_key_path returns opt, $XJ_KEY's
 * string or path's buffer. */
#ifndef XJ_KEY_H
#define XJ_KEY_H

#include <stddef.h>
#include "xj/error.h"
#include "xj/strbuf.h"

#define XJ_PUBKEY_MAX 64    /* "ed25519:" and 44 base64 characters, and NUL */
#define XJ_SIG_MAX 96       /* 64 bytes in base64, and NUL */

struct xj_key {
	unsigned char pk[32];
	unsigned char sk[64];
	char pub[XJ_PUBKEY_MAX];
};

int xj_key_generate(struct xj_key *k, struct xj_error *err);
/* Write k to a new file, mode 0600; an existing file is never replaced.
 * With a passphrase, the secret is sealed with a key derived from it
 * (Argon2id, libsodium's crypto_pwhash). */
int xj_key_save(const struct xj_key *k, const char *path, const char *passphrase,
		struct xj_error *err);
/* Read a key file, refused when others can read it (like ssh).  A sealed
 * key needs its passphrase: without one, -1 with *sealed set. */
int xj_key_load(const char *path, const char *passphrase, struct xj_key *k,
		int *sealed, struct xj_error *err);
void xj_key_wipe(struct xj_key *k);

/* Is text a public key as the config writes it? */
int xj_key_public_valid(const char *text);
/* Sign msg; sig gets base64 (XJ_SIG_MAX bytes). */
void xj_key_sign(const struct xj_key *k, const char *msg, size_t len, char *sig);
/* 1 when sig is pub's signature of msg, else 0. */
int xj_key_verify(const char *pub, const char *msg, size_t len, const char *sig);

/* The key file a command uses: --key, else $XJ_KEY, else the default
 * ($XDG_CONFIG_HOME/xj/key or ~/.config/xj/key) when it exists; NULL when
 * there is none.  The default's name goes into path either way. */
const char *xj_key_path(const char *opt, struct xj_sb *path, int *is_default);
/* Where the key of xj_key_path came from, for a person to read: "--key",
 * "XJ_KEY", or the default file's path. */
void xj_key_from(const char *opt, const char *path, struct xj_sb *out);

#endif
