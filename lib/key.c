/* key.c: Ed25519 key files, signing and checking signatures. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/key.h"

#define PREFIX "ed25519:"

static int ready(struct xj_error *err)
{
	if (sodium_init() < 0)
		return xj_error_set(err, XJ_EIO, "cannot start libsodium");
	return 0;
}

static void public_text(struct xj_key *k)
{
	char b64[48];

	sodium_bin2base64(b64, sizeof(b64), k->pk, sizeof(k->pk),
			  sodium_base64_VARIANT_ORIGINAL);
	snprintf(k->pub, sizeof(k->pub), PREFIX "%s", b64);
}

int xj_key_generate(struct xj_key *k, struct xj_error *err)
{
	if (ready(err) < 0)
		return -1;
	crypto_sign_keypair(k->pk, k->sk);
	public_text(k);
	return 0;
}

int xj_key_save(const struct xj_key *k, const char *path, struct xj_error *err)
{
	char seed[48];
	FILE *fp;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), bad;

	if (fd < 0) {
		int e = errno;

		if (e == EEXIST)
			return xj_error_set(err, XJ_EUSAGE, "%s exists; a key is never overwritten",
					    path);
		return xj_error_set(err, XJ_EIO, "cannot create %s: %s", path, strerror(e));
	}
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		return xj_error_set(err, XJ_EIO, "cannot write %s", path);
	}
	/* the first 32 bytes of libsodium's secret key are the seed */
	sodium_bin2base64(seed, sizeof(seed), k->sk, 32, sodium_base64_VARIANT_ORIGINAL);
	fprintf(fp, "# xj private key: it proves who you are; keep it to yourself\n"
		"xj-key-1\npublic %s\nsecret %s\n", k->pub, seed);
	sodium_memzero(seed, sizeof(seed));
	bad = fflush(fp) != 0 || fsync(fd) != 0;
	if (fclose(fp) != 0 || bad) {
		unlink(path);
		return xj_error_set(err, XJ_EIO, "cannot write %s", path);
	}
	return 0;
}

static int read_seed(FILE *fp, unsigned char seed[32], const char *path,
		     struct xj_error *err)
{
	char line[256];
	int version = 0, got = 0;

	while (fgets(line, sizeof(line), fp)) {
		size_t len = 0;

		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "xj-key-1") == 0)
			version = 1;
		else if (strncmp(line, "secret ", 7) == 0 &&
			 sodium_base642bin(seed, 32, line + 7, strlen(line + 7), NULL, &len,
					   NULL, sodium_base64_VARIANT_ORIGINAL) == 0 && len == 32)
			got = 1;
	}
	sodium_memzero(line, sizeof(line));
	if (!version || !got)
		return xj_error_set(err, XJ_EUSAGE, "%s is not an xj key file", path);
	return 0;
}

int xj_key_load(const char *path, struct xj_key *k, struct xj_error *err)
{
	unsigned char seed[32];
	struct stat sb;
	FILE *fp;
	int rc;

	if (ready(err) < 0)
		return -1;
	fp = fopen(path, "r");
	if (!fp)
		return xj_error_set(err, XJ_EUSAGE, "cannot read key %s: %s", path,
				    strerror(errno));
	if (fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 077)) {
		fclose(fp);
		return xj_error_set(err, XJ_EUSAGE, "key %s can be read by others: make it"
				    " mode 0600", path);
	}
	rc = read_seed(fp, seed, path, err);
	fclose(fp);
	if (rc == 0) {
		crypto_sign_seed_keypair(k->pk, k->sk, seed);
		public_text(k);
	}
	sodium_memzero(seed, sizeof(seed));
	return rc;
}

void xj_key_wipe(struct xj_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

static int public_bin(const char *text, unsigned char pk[32])
{
	size_t len = 0;

	if (strncmp(text, PREFIX, strlen(PREFIX)) != 0)
		return -1;
	text += strlen(PREFIX);
	if (sodium_base642bin(pk, 32, text, strlen(text), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || len != 32)
		return -1;
	return 0;
}

int xj_key_public_valid(const char *text)
{
	unsigned char pk[32];

	return public_bin(text, pk) == 0;
}

void xj_key_sign(const struct xj_key *k, const char *msg, size_t len, char *sig)
{
	unsigned char s[crypto_sign_BYTES];

	crypto_sign_detached(s, NULL, (const unsigned char *)msg, len, k->sk);
	sodium_bin2base64(sig, XJ_SIG_MAX, s, sizeof(s), sodium_base64_VARIANT_ORIGINAL);
}

int xj_key_verify(const char *pub, const char *msg, size_t len, const char *sig)
{
	unsigned char pk[32], s[crypto_sign_BYTES];
	size_t n = 0;

	if (sodium_init() < 0 || public_bin(pub, pk) < 0 ||
	    sodium_base642bin(s, sizeof(s), sig, strlen(sig), NULL, &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || n != sizeof(s))
		return 0;
	return crypto_sign_verify_detached(s, (const unsigned char *)msg, len, pk) == 0;
}

const char *xj_key_path(const char *opt, struct xj_sb *path, int *is_default)
{
	const char *env = getenv("XJ_KEY"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	*is_default = 0;
	xj_sb_reset(path);
	if (opt && *opt)
		return opt;
	if (env && *env)
		return env;
	if (xdg && *xdg)
		xj_sb_addf(path, "%s/xj/key", xdg);
	else
		xj_sb_addf(path, "%s/.config/xj/key", home && *home ? home : ".");
	*is_default = 1;
	return access(path->buf, F_OK) == 0 ? path->buf : NULL;
}
