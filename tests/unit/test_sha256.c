/* test_sha256.c: SHA-256 fed piece by piece, against FIPS 180-2's vectors,
 * whole, split, and from a copy taken half way. */
#include <string.h>

#include "unit.h"
#include "xj/sha256.h"

static void hex_of(const char *s, size_t split, char out[65])
{
	struct xj_sha256 h;

	CHECK(xj_sha256_init(&h, NULL) == 0);
	xj_sha256_update(&h, s, split);
	xj_sha256_update(&h, s + split, strlen(s) - split);
	xj_sha256_final(&h, out);
}

int main(void)
{
	static const char abc[] = "abc";
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct xj_sha256 h, copy;
	char out[65], half[65];
	size_t i;

	hex_of("", 0, out);
	CHECK_STR(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of(abc, 0, out);
	CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	for (i = 0; i <= strlen(two); i++) {
		hex_of(two, i, out);
		CHECK_STR(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}
	/* a text hashed at once: the same digest from the first text of a
	 * process (libsodium's) to the thousandth (OpenSSL's) */
	for (i = 0; i < 1000; i++) {
		xj_sha256_hex(two, strlen(two), out);
		if (i == 0 || i == 255 || i == 256 || i == 999)
			CHECK_STR(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}
	xj_sha256_hex("", 0, out);
	CHECK_STR(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* a copy goes on alone: the original is not moved by it */
	CHECK(xj_sha256_init(&h, NULL) == 0);
	xj_sha256_update(&h, "ab", 2);
	CHECK(xj_sha256_copy(&copy, &h, NULL) == 0);
	xj_sha256_update(&copy, "c", 1);
	xj_sha256_final(&copy, half);
	CHECK_STR(half, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	xj_sha256_update(&h, "c", 1);
	xj_sha256_final(&h, out);
	CHECK_STR(out, half);
	/* a digest dropped unfinished frees what it held */
	CHECK(xj_sha256_init(&h, NULL) == 0);
	xj_sha256_update(&h, abc, 3);
	xj_sha256_drop(&h);
	CHECK(h.ctx == NULL);
	return unit_done("sha256");
}
