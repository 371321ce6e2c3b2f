/* key.c: Ed25519 key files, signing and checking signatures. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/infile.h"
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

/* The secret line: the seed as it is, or sealed under the passphrase. */
static void secret_line(FILE *fp, const unsigned char seed[32], const char *passphrase)
{
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[32 + crypto_secretbox_MACBYTES], key[crypto_secretbox_KEYBYTES];
	char a[64], b[64], c[96];

	if (!passphrase) {
		sodium_bin2base64(a, sizeof(a), seed, 32, sodium_base64_VARIANT_ORIGINAL);
		fprintf(fp, "secret %s\n", a);
		sodium_memzero(a, sizeof(a));
		return;
	}
	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(nonce, sizeof(nonce));
	if (crypto_pwhash(key, sizeof(key), passphrase, strlen(passphrase), salt,
			  crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return;
	crypto_secretbox_easy(box, seed, 32, nonce, key);
	sodium_memzero(key, sizeof(key));
	sodium_bin2base64(a, sizeof(a), salt, sizeof(salt), sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b, sizeof(b), nonce, sizeof(nonce), sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(c, sizeof(c), box, sizeof(box), sodium_base64_VARIANT_ORIGINAL);
	fprintf(fp, "sealed argon2id13 %llu %zu %s %s %s\n",
		(unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE,
		(size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE, a, b, c);
}

int xj_key_save(const struct xj_key *k, const char *path, const char *passphrase,
		struct xj_error *err)
{
	FILE *fp;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), bad;

	if (fd < 0) {
		int e = errno;

		if (e == EEXIST)
			return xj_error_set(err, XJ_EUSAGE, "%s exists; a key is never overwritten",
					    path);
		/* a key is not left in a directory made by accident */
		if (e == ENOENT)
			return xj_error_set(err, XJ_EUSAGE, "cannot create %s: its directory does"
					    " not exist (make it, mode 0700, and run again)", path);
		return xj_error_set(err, XJ_EIO, "cannot create %s: %s", path, strerror(e));
	}
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		return xj_error_set(err, XJ_EIO, "cannot write %s", path);
	}
	fprintf(fp, "# xj private key: it proves who you are; keep it to yourself\n"
		"xj-key-1\npublic %s\n", k->pub);
	/* the first 32 bytes of libsodium's secret key are the seed */
	secret_line(fp, k->sk, passphrase);
	bad = fflush(fp) != 0 || fsync(fd) != 0;
	if (fclose(fp) != 0 || bad) {
		unlink(path);
		return xj_error_set(err, XJ_EIO, "cannot write %s", path);
	}
	return 0;
}

static int b64(const char *text, unsigned char *out, size_t size)
{
	size_t len = 0;

	return sodium_base642bin(out, size, text, strlen(text), NULL, &len, NULL,
				 sodium_base64_VARIANT_ORIGINAL) == 0 ? (int)len : -1;
}

/* "sealed argon2id13 OPS MEM SALT NONCE BOX": open it with the passphrase. */
static int unseal(char *line, const char *passphrase, unsigned char seed[32])
{
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[32 + crypto_secretbox_MACBYTES], key[crypto_secretbox_KEYBYTES];
	char *f[7], *p = line;
	unsigned long long ops;
	size_t mem, n = 0;
	int rc;

	while (n < 7 && p) {
		f[n++] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = '\0';
	}
	if (n != 7 || strcmp(f[1], "argon2id13") != 0)
		return -1;
	ops = strtoull(f[2], NULL, 10);
	mem = (size_t)strtoull(f[3], NULL, 10);
	if (b64(f[4], salt, sizeof(salt)) != (int)sizeof(salt) ||
	    b64(f[5], nonce, sizeof(nonce)) != (int)sizeof(nonce) ||
	    b64(f[6], box, sizeof(box)) != (int)sizeof(box) ||
	    crypto_pwhash(key, sizeof(key), passphrase, strlen(passphrase), salt, ops, mem,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	rc = crypto_secretbox_open_easy(seed, box, sizeof(box), nonce, key);
	sodium_memzero(key, sizeof(key));
	return rc;
}

static int read_seed(FILE *fp, const char *passphrase, unsigned char seed[32],
		     int *sealed, const char *path, struct xj_error *err)
{
	char line[512];
	int version = 0, got = 0, bad_pass = 0;

	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "xj-key-1") == 0)
			version = 1;
		else if (strncmp(line, "secret ", 7) == 0 && b64(line + 7, seed, 32) == 32)
			got = 1;
		else if (strncmp(line, "sealed ", 7) == 0 && !passphrase)
			*sealed = 1;
		else if (strncmp(line, "sealed ", 7) == 0)
			got = !(bad_pass = unseal(line, passphrase, seed) != 0);
	}
	sodium_memzero(line, sizeof(line));
	if (*sealed)
		return xj_error_set(err, XJ_EUSAGE, "key %s is sealed with a passphrase", path);
	if (bad_pass)
		return xj_error_set(err, XJ_EUSAGE, "wrong passphrase for key %s", path);
	if (!version || !got)
		return xj_error_set(err, XJ_EUSAGE, "%s is not an xj key file", path);
	return 0;
}

int xj_key_load(const char *path, const char *passphrase, struct xj_key *k,
		int *sealed, struct xj_error *err)
{
	unsigned char seed[32];
	struct stat sb;
	int fd;
	FILE *fp;
	int rc;

	*sealed = 0;
	if (ready(err) < 0)
		return -1;
	/* a key is the user's to give: one that cannot be read, or a FIFO or a
	 * folder, is a usage error; opened without waiting on a FIFO */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return xj_error_set(err, XJ_EUSAGE, "cannot read key %s: %s", path,
				    strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return xj_error_set(err, XJ_EUSAGE, "key %s is %s, not a regular file", path,
				    xj_infile_kind(sb.st_mode));
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (!(fp = fdopen(fd, "r"))) {
		close(fd);
		return xj_error_set(err, XJ_EIO, "cannot read key %s", path);
	}
	if (fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 077)) {
		fclose(fp);
		return xj_error_set(err, XJ_EUSAGE, "key %s can be read by others: make it"
				    " mode 0600", path);
	}
	rc = read_seed(fp, passphrase, seed, sealed, path, err);
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

void xj_key_from(const char *opt, const char *path, struct xj_sb *out)
{
	const char *env = getenv("XJ_KEY");

	xj_sb_reset(out);
	xj_sb_adds(out, opt && *opt ? "--key" : env && *env ? "XJ_KEY" : path);
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
