/* test_restore.c: who may put a copy of the store in place (xj restore):
 * an admin proven by their key, never a name typed or another role; and
 * what the store put in place records of it: the copy, its digest and
 * head, the store kept aside by its full name, and the head it replaced. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "xj/restore.h"

#define MAY(proven, roles, want_msg) do { \
	struct xj_error e_; \
	int rc_; \
	xj_error_clear(&e_); \
	rc_ = xj_restore_admin(proven, roles, "zhao", "the store in place", &e_); \
	if (*(want_msg)) { \
		CHECK(rc_ < 0 && e_.code == XJ_EUSAGE); \
		CHECK_STR(e_.msg, want_msg); \
	} else { \
		CHECK(rc_ == 0); \
	} \
} while (0)

static const char no_key[] = "'xj restore' needs the key of an admin: --key FILE, $XJ_KEY"
	" or ~/.config/xj/key (see xj-key(1))";
static const char not_admin[] = "'xj restore' is work for the admin: zhao is none in the"
	" store in place";

static void who(void)
{
	MAY(1, "admin", "");
	MAY(1, "registrar,admin", "");
	MAY(1, "admin,leader", "");
	/* another role, or none, or no staff member at all */
	MAY(1, "registrar", not_admin);
	MAY(1, "reviewer,dept-head,leader,registrar", not_admin);
	MAY(1, "", not_admin);
	MAY(1, NULL, not_admin);
	MAY(1, "administrator", not_admin);
	/* without a key, even an admin's name is no one's */
	MAY(0, "admin", no_key);
	MAY(0, NULL, no_key);
}

#define ENTRY(aside, before, want) do { \
	struct xj_jw j_ = XJ_JW_INIT; \
	xj_restore_entry("bak/xj-20261128-131500.db", &info, aside, before, &j_); \
	CHECK_STR(j_.json.buf, want); \
	xj_jsonw_release(&j_); \
} while (0)

static void entry(void)
{
	struct xj_copy_info info;
	char dir[256], aside[320], full[PATH_MAX], want[PATH_MAX + 256];
	FILE *fp;

	memset(&info, 0, sizeof(info));
	snprintf(info.sha256, sizeof(info.sha256), "%s", "5e2d");
	snprintf(info.head, sizeof(info.head), "%s", "12:ab34");
	/* a restore where there was no store: nothing replaced */
	ENTRY("", "", "{\"from\":\"bak/xj-20261128-131500.db\",\"sha256\":\"5e2d\","
	      "\"head\":\"12:ab34\",\"replaced\":\"\"}");
	/* a name that cannot be made whole stays as it was given */
	ENTRY("no/such/xj.db.before-restore-1", "40:cd56",
	      "{\"from\":\"bak/xj-20261128-131500.db\",\"sha256\":\"5e2d\","
	      "\"head\":\"12:ab34\",\"replaced\":\"no/such/xj.db.before-restore-1\","
	      "\"replaced_head\":\"40:cd56\"}");
	/* the store kept aside, by its full name */
	snprintf(dir, sizeof(dir), "%s/xj-restore.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(aside, sizeof(aside), "%s/./xj.db.before-restore", dir);
	if ((fp = fopen(aside, "wb")) != NULL)
		fclose(fp);
	if (realpath(aside, full) == NULL) {
		CHECK(!"realpath");
	} else {
		snprintf(want, sizeof(want), "{\"from\":\"bak/xj-20261128-131500.db\","
			 "\"sha256\":\"5e2d\",\"head\":\"12:ab34\",\"replaced\":\"%s\","
			 "\"replaced_head\":\"40:cd56\"}", full);
		ENTRY(aside, "40:cd56", want);
	}
	unlink(aside);
	rmdir(dir);
}

/* A stand-in for the command's check of a store's config: each store it
 * is asked about, in order, and how it is shown; refuses the one named
 * no. */
struct asked {
	char paths[128];
	const char *no;
};

static int asked_of(void *ctx, const char *path, const char *what, struct xj_error *err)
{
	struct asked *a = ctx;
	size_t len = strlen(a->paths);

	snprintf(a->paths + len, sizeof(a->paths) - len, "%s%s=%s", len ? ";" : "",
		 strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
		 strcmp(what, path) == 0 ? "its name" : what);
	if (a->no && strcmp(path, a->no) == 0)
		return xj_error_set(err, XJ_EUSAGE, "no");
	return 0;
}

#define REPLACE(db, no_, want_rc, want_asked) do { \
	struct asked a_ = { "", no_ }; \
	struct xj_error e_; \
	xj_error_clear(&e_); \
	CHECK(xj_restore_may_replace(db, copy, "in place", asked_of, &a_, &e_) == (want_rc)); \
	CHECK_STR(a_.paths, want_asked); \
} while (0)

static void may_replace(void)
{
	char dir[256], db[320], copy[320], under[400];
	struct xj_error e;
	struct asked a = { "", NULL };
	FILE *fp;

	snprintf(dir, sizeof(dir), "%s/xj-replace.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(db, sizeof(db), "%s/xj.db", dir);
	snprintf(copy, sizeof(copy), "%s/copy.db", dir);
	/* no store in place: only the copy's admin is asked */
	REPLACE(db, NULL, 0, "copy.db=its name");
	if ((fp = fopen(db, "wb")) != NULL)
		fclose(fp);
	/* a store in place: its admin first, then the copy's */
	REPLACE(db, NULL, 1, "xj.db=in place;copy.db=its name");
	/* a refusal by the store in place asks the copy nothing */
	REPLACE(db, db, -1, "xj.db=in place");
	REPLACE(db, copy, -1, "xj.db=in place;copy.db=its name");
	/* a place that cannot be looked at is not taken for no store: a
	 * store under a file is refused, and no one is asked (P2) */
	snprintf(under, sizeof(under), "%s/xj.db", db);
	xj_error_clear(&e);
	CHECK(xj_restore_may_replace(under, copy, "in place", asked_of, &a, &e) < 0);
	CHECK(e.code == XJ_EIO);
	CHECK(strstr(e.msg, "cannot tell whether a store is at ") == e.msg);
	CHECK_STR(a.paths, "");
	unlink(db);
	rmdir(dir);
}

int main(void)
{
	who();
	entry();
	may_replace();
	return unit_done("restore");
}
