/* test_backup.c: the names of the store's dated copies (xj backup --keep):
 * what a copy of a store is called, stamped by the business time, and
 * which names in the folder its rotation takes for its copies. */
#include <stdlib.h>
#include <time.h>

#include "unit.h"
#include "xj/store.h"

#define NAME(db, dir, want_base, want_path) do { \
	struct xj_sb b_ = XJ_SB_INIT, p_ = XJ_SB_INIT; \
	xj_store_copy_name(db, dir, &b_, &p_); \
	CHECK_STR(b_.buf, want_base); \
	CHECK_STR(p_.buf, want_path); \
	xj_sb_release(&b_); \
	xj_sb_release(&p_); \
} while (0)

static void names(void)
{
	/* the college's clock, as every program sets it (xj_cli_start): a
	 * business time is stamped as that clock reads it */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	setenv("XJ_NOW", "2026-11-28T13:15:00+08:00", 1);
	NAME("xj.db", "bak", "xj", "bak/xj-20261128-131500.db");
	NAME("/srv/xj/office.db", "/b", "office", "/b/office-20261128-131500.db");
	/* the last extension only, and only in the file's own name */
	NAME("a.b.db", "d", "a.b", "d/a.b-20261128-131500.db");
	NAME("dir.d/store", "d", "store", "d/store-20261128-131500.db");
	/* a hidden file's dot starts its name, not an extension */
	NAME("/x/.xj", "d", ".xj", "d/.xj-20261128-131500.db");
	NAME("plain", "d", "plain", "d/plain-20261128-131500.db");
	/* a business date alone keeps the real time of day: only the day is
	 * sure */
	setenv("XJ_NOW", "2027-03-01", 1);
	{
		struct xj_sb b = XJ_SB_INIT, p = XJ_SB_INIT;

		xj_store_copy_name("xj.db", "d", &b, &p);
		CHECK(strncmp(p.buf, "d/xj-20270301-", 14) == 0);
		CHECK(xj_store_is_copy_name(p.buf + 2, "xj"));
		xj_sb_release(&b);
		xj_sb_release(&p);
	}
	unsetenv("XJ_NOW");
}

static void copies(void)
{
	CHECK(xj_store_is_copy_name("xj-20261128-131500.db", "xj"));
	CHECK(xj_store_is_copy_name("a.b-20261128-131500.db", "a.b"));
	/* another store's copies, and anything else, are never touched */
	CHECK(!xj_store_is_copy_name("xj-20261128-131500.db", "office"));
	CHECK(!xj_store_is_copy_name("xjx-20261128-131500.db", "xj"));
	CHECK(!xj_store_is_copy_name("xj.db", "xj"));
	CHECK(!xj_store_is_copy_name("xj-20261128-131500.db.tmp", "xj"));
	CHECK(!xj_store_is_copy_name("xj-2026112-131500.db", "xj"));
	CHECK(!xj_store_is_copy_name("xj-2026112a-131500.db", "xj"));
	CHECK(!xj_store_is_copy_name("xj-20261128_131500.db", "xj"));
	CHECK(!xj_store_is_copy_name("xj-20261128-131500.sq", "xj"));
}

int main(void)
{
	names();
	copies();
	return unit_done("backup");
}
