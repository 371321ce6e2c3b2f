/* sha256.c: SHA-256 fed piece by piece (OpenSSL's EVP underneath). */
#include <openssl/evp.h>

#include "xj/sha256.h"

int xj_sha256_init(struct xj_sha256 *h)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (c && !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		c = NULL;
	}
	h->ctx = c;
	return c ? 0 : -1;
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
	static const char digit[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	if (h->ctx && !EVP_DigestFinal_ex(h->ctx, d, &len))
		len = 0;
	for (i = 0; i < len && i < 32; i++) {
		hex[2 * i] = digit[d[i] >> 4];
		hex[2 * i + 1] = digit[d[i] & 15];
	}
	hex[2 * i] = '\0';
	xj_sha256_drop(h);
}

void xj_sha256_drop(struct xj_sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

int xj_sha256_copy(struct xj_sha256 *to, const struct xj_sha256 *from)
{
	to->ctx = from->ctx ? EVP_MD_CTX_new() : NULL;
	if (to->ctx && !EVP_MD_CTX_copy_ex(to->ctx, from->ctx))
		xj_sha256_drop(to);
	return to->ctx ? 0 : -1;
}
