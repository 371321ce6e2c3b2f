/* sha256.c: SHA-256 of bytes, of a file, or fed piece by piece: OpenSSL's
 * EVP underneath, and libsodium's for a short command's first texts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "xj/infile.h"
#include "xj/sha256.h"

static void to_hex(const unsigned char *d, unsigned int len, char hex[65])
{
	static const char digit[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < len && i < 32; i++) {
		hex[2 * i] = digit[d[i] >> 4];
		hex[2 * i + 1] = digit[d[i] & 15];
	}
	hex[2 * i] = '\0';
}

/* OpenSSL started without reading its configuration file: a digest
 * needs none, and reading it is most of the start of a short command. */
static void start(void)
{
	static int started;

	if (!started)
		OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	started = 1;
}

/* A short text at once.  Every command hashes a few log entries as it
 * opens the store (the witness check), and starting OpenSSL's digests
 * costs more than a short command's own work: the first texts go through
 * libsodium's SHA-256.  A command that hashes many (a log verified, a
 * million entries) then goes on with OpenSSL's, faster per text once
 * started, its digest and context made once.  The digest is the same. */
void xj_sha256_hex(const void *data, size_t n, char hex[65])
{
	static unsigned long texts;
	static EVP_MD *md;
	static EVP_MD_CTX *ctx;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (texts < 256 && (texts || sodium_init() >= 0)) {
		texts++;
		crypto_hash_sha256(d, data, n);
		to_hex(d, crypto_hash_sha256_BYTES, hex);
		return;
	}
	start();
	if ((md || (md = EVP_MD_fetch(NULL, "SHA256", NULL))) &&
	    (ctx || (ctx = EVP_MD_CTX_new())) &&
	    !(EVP_DigestInit_ex(ctx, md, NULL) && EVP_DigestUpdate(ctx, data, n) &&
	      EVP_DigestFinal_ex(ctx, d, &len)))
		len = 0;
	to_hex(d, len, hex);
}

int xj_sha256_file(const char *path, char hex[65], struct xj_error *err)
{
	FILE *fp = xj_infile_fopen(path, err);
	struct xj_sha256 h;
	unsigned char buf[1 << 17];
	size_t n;
	int ok, saved;

	if (!fp)
		return -1;
	ok = xj_sha256_init(&h, NULL) == 0;
	if (!ok)
		errno = ENOMEM;
	while (ok && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		xj_sha256_update(&h, buf, n);
	saved = ok && !ferror(fp) && !h.ctx ? ENOMEM : errno;   /* the digest failed */
	ok = ok && !ferror(fp) && h.ctx;
	fclose(fp);
	if (ok)
		xj_sha256_final(&h, hex);
	else
		xj_sha256_drop(&h);
	if (!ok)
		xj_error_set(err, XJ_EIO, "cannot read %s: %s", path, strerror(saved));
	errno = saved;
	return ok ? 0 : -1;
}

static int cannot_start(struct xj_error *err)
{
	return xj_error_set(err, XJ_EIO, "cannot start SHA-256");
}

int xj_sha256_init(struct xj_sha256 *h, struct xj_error *err)
{
	EVP_MD_CTX *c;

	start();
	c = EVP_MD_CTX_new();

	if (c && !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		c = NULL;
	}
	h->ctx = c;
	return c ? 0 : cannot_start(err);
}

void xj_sha256_update(struct xj_sha256 *h, const void *data, size_t n)
{
	if (h->ctx && !EVP_DigestUpdate(h->ctx, data, n)) {
		EVP_MD_CTX_free(h->ctx);
		h->ctx = NULL;   /* final then gives "", which matches nothing */
	}
}

void xj_sha256_final(struct xj_sha256 *h, char hex[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (h->ctx && !EVP_DigestFinal_ex(h->ctx, d, &len))
		len = 0;
	to_hex(d, len, hex);
	xj_sha256_drop(h);
}

void xj_sha256_drop(struct xj_sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

int xj_sha256_copy(struct xj_sha256 *to, const struct xj_sha256 *from,
		   struct xj_error *err)
{
	to->ctx = from->ctx ? EVP_MD_CTX_new() : NULL;
	if (to->ctx && !EVP_MD_CTX_copy_ex(to->ctx, from->ctx))
		xj_sha256_drop(to);
	return to->ctx ? 0 : cannot_start(err);
}
