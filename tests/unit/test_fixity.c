/* test_fixity.c: is a kept file still what was collected (P20)?  A copy
 * under the archive root found, gone or altered; a file's row held
 * against the audit entry that brought it in; the bytes of an evidence
 * file against its hash. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "xj/archive.h"
#include "xj/fixity.h"
#include "xj/sha256.h"

static struct xj_error err;

/* text put under root at sha's address, as a copy is collected. */
static void put_at(const char *root, const char *sha, const char *text, const char *mode)
{
	struct xj_sb path = XJ_SB_INIT, dir = XJ_SB_INIT;
	FILE *fp;

	xj_sb_addf(&dir, "%s/%.2s", root, sha);
	mkdir(dir.buf, 0700);
	xj_archive_path(root, sha, &path);
	if ((fp = fopen(path.buf, mode)) != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	xj_sb_release(&path);
	xj_sb_release(&dir);
}

/* A copy of text, its SHA-256 into sha. */
static void put(const char *root, const char *text, char sha[65])
{
	xj_sha256_hex(text, strlen(text), sha);
	put_at(root, sha, text, "w");
}

static void copies(const char *root)
{
	struct xj_sb path = XJ_SB_INIT;
	char kept[65], other[65], gone[65];

	put(root, "the admission letter", kept);
	put(root, "a photo", other);
	CHECK_STR(xj_fixity_copy(root, kept, &path), "ok");
	CHECK(strncmp(path.buf, root, strlen(root)) == 0);
	/* the same bytes' hash, its copy never made */
	xj_sha256_hex("never collected", 15, gone);
	CHECK_STR(xj_fixity_copy(root, gone, &path), "missing");
	/* the file at a copy's address holds other bytes */
	put_at(root, gone, "x", "w");
	CHECK_STR(xj_fixity_copy(root, gone, &path), "altered");
	put_at(root, other, " and more", "a");
	CHECK_STR(xj_fixity_copy(root, other, &path), "altered");
	/* a folder where the copy should be is no copy */
	xj_sb_reset(&path);
	xj_archive_path(root, gone, &path);
	remove(path.buf);
	mkdir(path.buf, 0700);
	CHECK_STR(xj_fixity_copy(root, gone, &path), "altered");
	rmdir(path.buf);
	xj_sb_release(&path);
}

static void hashes(void)
{
	CHECK(xj_fixity_is_sha256("0123456789abcdef0123456789abcdef"
				  "0123456789abcdef0123456789abcdef"));
	CHECK(!xj_fixity_is_sha256("0123456789ABCDEF0123456789abcdef"
				   "0123456789abcdef0123456789abcdef"));
	CHECK(!xj_fixity_is_sha256("0123456789abcdef"));
	CHECK(!xj_fixity_is_sha256(""));
	CHECK(!xj_fixity_is_sha256("../../../../etc/passwd"));
}

static struct xj_kept copy(long size, const char *sha, int logged, const char *logged_sha,
			   long logged_size)
{
	struct xj_kept k;

	memset(&k, 0, sizeof(k));
	k.id = 7;
	k.kind = "photo";
	k.exam_no = "26110101000001";
	k.size = size;
	k.sha256 = sha;
	k.logged = logged;
	k.logged_sha256 = logged_sha;
	k.logged_size = logged_size;
	return k;
}

#define LOGGED(k, want) do { \
	struct xj_kept k_ = (k); \
	xj_error_clear(&err); \
	CHECK(xj_fixity_logged(&k_, &err) == ((want) ? -1 : 0)); \
	CHECK_STR(err.msg, (want) ? (want) : ""); \
} while (0)

static void logged(void)
{
	const char *a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	const char *b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
	struct xj_kept k;

	LOGGED(copy(10, a, 1, a, 10), NULL);
	/* an entry from before files were recorded: nothing to hold it to */
	LOGGED(copy(10, a, -1, "", 0), NULL);
	LOGGED(copy(10, a, 0, "", 0), "archive item 7 (photo): no audit entry records its"
	       " copy (added behind the log)");
	LOGGED(copy(10, b, 1, a, 10), "archive item 7 (photo): its SHA-256 is bbbbbbbbbbbbbbbb"
	       " in the store, the log recorded aaaaaaaaaaaaaaaa (changed behind the log)");
	LOGGED(copy(11, a, 1, a, 10), "archive item 7 (photo): its size is 11 in the store, the"
	       " log recorded 10 (changed behind the log)");
	k = copy(10, a, 0, "", 0);
	k.request = 3;
	LOGGED(k, "change request #3, evidence file 7: no audit entry records it (added"
	       " behind the log)");
}

/* An evidence file is hashed where the store keeps it, in the row. */
static void evidence(void)
{
	char sha[65];
	struct xj_kept k = copy(5, sha, 1, sha, 5);

	xj_sha256_hex("hello", 5, sha);
	k.request = 3;
	k.data = "hello";
	k.len = 5;
	xj_error_clear(&err);
	CHECK(xj_fixity_bytes(&k, "", &err) == 0);
	k.data = "hellO";
	CHECK(xj_fixity_bytes(&k, "", &err) < 0);
	CHECK_STR(err.msg, "change request #3, evidence file 7: the file no longer matches its"
		  " SHA-256 (altered since it was kept)");
	xj_error_clear(&err);
}

int main(void)
{
	char root[PATH_MAX], cmd[PATH_MAX + 16];

	snprintf(root, sizeof(root), "%s/xj-fixity.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(root) != NULL);
	copies(root);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
	hashes();
	logged();
	evidence();
	return unit_done("fixity");
}
