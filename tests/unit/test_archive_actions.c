/* test_archive_actions.c: the student archive acted on a real store made
 * by the programs (rules-store.sh), each case rolled back after: items of
 * the checklist collected, checked by a second person who is an archivist
 * (P18, P19), the paper file lent, returned and at the end transferred,
 * where it is always said (P19), what the archive still lacks (P18), and
 * the kept files hashed again (P20). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "unit.h"
#include "xj/archive.h"
#include "xj/media.h"
#include "xj/change.h"
#include "xj/fixity.h"

static struct xj_error err;
static struct xj_store *st;

/* An item of a kind on paper, kept at location: the config names no
 * archive root, so no electronic copy is kept. */
static struct xj_archive_in paper(const char *kind, const char *location)
{
	struct xj_archive_in in;

	memset(&in, 0, sizeof(in));
	in.kind = kind;
	in.paper = 1;
	in.location = location;
	return in;
}

/* Where the paper file is, as "lent_to due moved_to". */
static const char *custody_of(const struct xj_student *s, char *buf, size_t size)
{
	struct xj_custody c;

	memset(&c, 0, sizeof(c));
	if (xj_store_custody(st, s->id, &c, &err) < 0)
		snprintf(buf, size, "%s", err.msg);
	else
		snprintf(buf, size, "%s|%s|%s", c.lent_to.buf, c.due.buf, c.moved_to.buf);
	xj_store_custody_release(&c);
	return buf;
}

/* Items of the checklist, paper or electronic, by a staff member. */
static void collect(void)
{
	static const char *file[] = { "photo.jpg" };
	struct xj_archive_in in = paper("admission-notice", "A-01-03");

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_archive_collect(st, &fx_done, &in, NULL, &err), XJ_EUSAGE,
		"the archive's steps are taken by a staff member: give -u NAME or a key");
	REFUSED(xj_archive_collect(st, &fx_done, &in, "nobody", &err), XJ_EUSAGE,
		"the archive's steps are taken by a staff member: give -u NAME or a key");
	in.kind = "diary";
	REFUSED(xj_archive_collect(st, &fx_done, &in, "zhou", &err), XJ_EUSAGE,
		"not a kind of item of the checklist: diary (xj-config(5), archive)");
	/* a kind is whole, not the start of one */
	in.kind = "phot";
	REFUSED(xj_archive_collect(st, &fx_done, &in, "zhou", &err), XJ_EUSAGE,
		"not a kind of item of the checklist: phot (xj-config(5), archive)");
	in.kind = "photo";
	in.paper = 0;
	REFUSED(xj_archive_collect(st, &fx_done, &in, "zhou", &err), XJ_EUSAGE,
		"collect what? --paper, --file or both");
	in.files = file;
	in.nfiles = 1;
	REFUSED(xj_archive_collect(st, &fx_done, &in, "zhou", &err), XJ_EUSAGE,
		"the config names no archive root for electronic copies (archive: root)");
	CHECK(xj_store_changes(st) == 0);
	in = paper("admission-notice", "A-01-03");
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "zhou", &err));
	CHECK(xj_store_changes(st) == 1);
	/* every kind of every stage is one of the checklist's */
	in = paper("graduate-form", "A-01-03");
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "chen", &err));
	fx_undo();
}

/* A second person checks, an archivist (P18, P19). */
static void check(void)
{
	struct xj_archive_in in = paper("admission-notice", "A-01-03");

	if (fx_as("zhou") < 0)
		return;
	REFUSED(xj_archive_check(st, &fx_done, NULL, "chen", &err), XJ_EDATA, "nothing to check");
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "zhou", &err));
	REFUSED(xj_archive_check(st, &fx_done, NULL, "zhou", &err), XJ_EDATA,
		"zhou collected these items: a second person checks them (P19)");
	REFUSED(xj_archive_check(st, &fx_done, NULL, "li", &err), XJ_EUSAGE,
		"li is not an archivist");
	REFUSED(xj_archive_file(st, &fx_done, "A-01-03", "chen", &err), XJ_EDATA,
		"the items are not checked yet (P18)");
	in = paper("photo", "A-01-03");
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "zhou", &err));
	/* of a kind: that kind's only */
	xj_error_clear(&err);
	CHECK(xj_archive_check(st, &fx_done, "photo", "chen", &err) == 1);
	CHECK(xj_archive_check(st, &fx_done, NULL, "chen", &err) == 1);
	REFUSED(xj_archive_check(st, &fx_done, NULL, "chen", &err), XJ_EDATA, "nothing to check");
	/* the items of one student are not another's */
	REFUSED(xj_archive_check(st, &fx_fresh, NULL, "chen", &err), XJ_EDATA, "nothing to check");
	ALLOWED(xj_archive_file(st, &fx_done, "A-01-03", "chen", &err));
	REFUSED(xj_archive_file(st, &fx_done, "A-01-03", "chen", &err), XJ_EDATA,
		"nothing to file");
	fx_undo();
}

/* The paper file lent, returned, transferred: where it is, always said;
 * never lent or sent twice (P19). */
static void custody(void)
{
	char got[FX_TEXT];

	if (fx_as("chen") < 0)
		return;
	REFUSED(xj_archive_lend(st, &fx_done, "王老师", "review", 30, "nobody", &err), XJ_EUSAGE,
		"the archive's steps are taken by a staff member: give -u NAME or a key");
	REFUSED(xj_archive_return(st, &fx_done, "chen", &err), XJ_EDATA,
		"the paper file is not lent out");
	CHECK_STR(custody_of(&fx_done, got, sizeof(got)), "||");
	/* nothing on paper is nothing to lend */
	REFUSED(xj_archive_lend(st, &fx_done, "王老师", "review", 30, "chen", &err), XJ_EDATA,
		"no paper item of the file is collected: there is nothing to lend");
	{
		struct xj_archive_in in = paper("admission-notice", "A-01-03");

		ALLOWED(xj_archive_collect(st, &fx_done, &in, "chen", &err));
	}
	ALLOWED(xj_archive_lend(st, &fx_done, "王老师", "review", 30, "chen", &err));
	CHECK_STR(custody_of(&fx_done, got, sizeof(got)), "王老师|2026-10-20|");
	REFUSED(xj_archive_lend(st, &fx_done, "李老师", "audit", 30, "chen", &err), XJ_EDATA,
		"the paper file is lent to 王老师 until 2026-10-20");
	REFUSED(xj_archive_transfer(st, &fx_done, "省档案馆", "post", "EMS1", "chen", &err), XJ_EDATA,
		"the paper file is lent to 王老师 until 2026-10-20");
	ALLOWED(xj_archive_return(st, &fx_done, "zhou", &err));
	CHECK_STR(custody_of(&fx_done, got, sizeof(got)), "||");
	REFUSED(xj_archive_return(st, &fx_done, "chen", &err), XJ_EDATA,
		"the paper file is not lent out");
	/* no days: the config's (14 by default) */
	ALLOWED(xj_archive_lend(st, &fx_done, "李老师", "audit", 0, "chen", &err));
	CHECK_STR(custody_of(&fx_done, got, sizeof(got)), "李老师|2026-10-04|");
	ALLOWED(xj_archive_return(st, &fx_done, "chen", &err));
	ALLOWED(xj_archive_transfer(st, &fx_done, "省档案馆", "post", "EMS1", "chen", &err));
	CHECK_STR(custody_of(&fx_done, got, sizeof(got)), "||省档案馆 (2026-09-20)");
	REFUSED(xj_archive_lend(st, &fx_done, "王老师", "review", 30, "chen", &err), XJ_EDATA,
		"the paper file was transferred to 省档案馆 (2026-09-20)");
	REFUSED(xj_archive_transfer(st, &fx_done, "市人才中心", "hand", NULL, "chen", &err),
		XJ_EDATA, "the paper file was transferred to 省档案馆 (2026-09-20)");
	{   /* no paper goes into a file that has gone */
		struct xj_archive_in in = paper("admission-notice", "A-01-04");

		REFUSED(xj_archive_collect(st, &fx_done, &in, "chen", &err), XJ_EDATA,
			"the paper file was transferred to 省档案馆 (2026-09-20)");
	}
	REFUSED(xj_archive_return(st, &fx_done, "chen", &err), XJ_EDATA,
		"the paper file is not lent out");
	fx_undo();
}

/* What the archive lacks of the stages passed, and a loan overdue (P18,
 * P19). */
static void status(void)
{
	struct xj_archive_state a;
	struct xj_archive_in in = paper("admission-notice", "A-01-03");
	struct xj_sb passed = XJ_SB_INIT;

	memset(&a, 0, sizeof(a));
	if (fx_as("zhou") < 0)
		return;
	/* an imported student has passed no stage and lacks nothing yet */
	ALLOWED(xj_archive_status(st, &fx_fresh, "2026-09-20", &a, &err));
	xj_archive_passed(&a, &passed);
	CHECK_STR(passed.buf ? passed.buf : "", "");
	CHECK_STR(a.missing.buf ? a.missing.buf : "", "");
	CHECK(!xj_archive_wanting(&a));
	/* registered: arrival, registration and study passed; the re-check's
	 * review and the change of key data are kept by their programs */
	ALLOWED(xj_archive_status(st, &fx_done, "2026-09-20", &a, &err));
	xj_archive_passed(&a, &passed);
	CHECK_STR(passed.buf, "arrival,registration,study");
	CHECK_STR(a.missing.buf, "arrival: admission-notice,exam-file,id-card-copy,photo;"
		  " registration: record-card");
	CHECK(strstr(a.kept.buf, "recheck-record") != NULL);
	CHECK(strstr(a.kept.buf, "key-data-change") != NULL);
	CHECK(xj_archive_wanting(&a));
	ALLOWED(xj_archive_collect(st, &fx_done, &in, "zhou", &err));
	ALLOWED(xj_archive_status(st, &fx_done, "2026-09-20", &a, &err));
	CHECK_STR(a.missing.buf, "arrival: exam-file,id-card-copy,photo; registration:"
		  " record-card");
	/* a loan past its day is wanting, even with nothing missing */
	ALLOWED(xj_archive_lend(st, &fx_done, "王老师", "review", 10, "zhou", &err));
	ALLOWED(xj_archive_status(st, &fx_done, "2026-09-30", &a, &err));
	CHECK(!a.overdue);
	ALLOWED(xj_archive_status(st, &fx_done, "2026-10-01", &a, &err));
	CHECK(a.overdue);
	CHECK_STR(a.custody.lent_to.buf, "王老师");
	xj_archive_state_release(&a);
	xj_sb_release(&passed);
	fx_undo();
}

#define SNIFF(bytes, n, want, want_ext) do { \
	const char *ext_ = "none"; \
	const char *media_ = xj_media_sniff((const unsigned char *)(bytes), n, &ext_); \
	CHECK_STR(media_ ? media_ : "none", want); \
	CHECK_STR(ext_, want_ext); \
} while (0)

/* An electronic copy is kept in a form that stays readable: PDF, JPEG,
 * PNG or TIFF, known by its content, never by its name (P20). */
static void media(void)
{
	SNIFF("%PDF-1.7\n", 9, "application/pdf", "pdf");
	SNIFF("\xff\xd8\xff\xe0", 4, "image/jpeg", "jpg");
	SNIFF("\x89PNG\r\n\x1a\n", 8, "image/png", "png");
	SNIFF("II*\0", 4, "image/tiff", "tif");
	SNIFF("MM\0*", 4, "image/tiff", "tif");
	/* too short to be what it begins like */
	SNIFF("%PDF", 4, "none", "none");
	SNIFF("\x89PNG\r\n\x1a", 7, "none", "none");
	SNIFF("\xff\xd8", 2, "none", "none");
	/* a Word file, a text, nothing */
	SNIFF("PK\x03\x04", 4, "none", "none");
	SNIFF("hello", 5, "none", "none");
	SNIFF("", 0, "none", "none");
}

static struct xj_kept kept(long long id, long long request, const char *sha, const char *logged)
{
	struct xj_kept k;

	memset(&k, 0, sizeof(k));
	k.id = id;
	k.request = request;
	k.kind = "photo";
	k.exam_no = FX_DONE;
	k.sha256 = sha;
	k.logged_sha256 = logged;
	k.size = k.logged_size = 3;
	k.logged = 1;
	return k;
}

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_ABD "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9"

/* The problems of a kept file, each said by its item or request (P20). */
static void fixity_problems(void)
{
	struct xj_kept k = kept(7, 0, SHA_ABC, SHA_ABC);

	REFUSED(xj_fixity_altered(&k, &err), XJ_EDATA, "archive item 7 (photo): the archived"
		" copy no longer matches its SHA-256 (altered since it was collected)");
	REFUSED(xj_fixity_missing(&k, "/srv/archive/ba/7816", &err), XJ_EDATA, "archive item 7"
		" (photo): the archived copy is missing (/srv/archive/ba/7816)");
	k = kept(2, 5, SHA_ABC, SHA_ABC);
	REFUSED(xj_fixity_altered(&k, &err), XJ_EDATA, "change request #5, evidence file 2: the"
		" file no longer matches its SHA-256 (altered since it was kept)");
	/* an evidence file's bytes are the store's own */
	k.data = "abc";
	k.len = 3;
	ALLOWED(xj_fixity_bytes(&k, "", &err));
	k.data = "abd";
	REFUSED(xj_fixity_bytes(&k, "", &err), XJ_EDATA, "change request #5, evidence file 2:"
		" the file no longer matches its SHA-256 (altered since it was kept)");
	/* a copy needs the root it sits under, and a hash to be found by */
	k = kept(7, 0, SHA_ABC, SHA_ABC);
	REFUSED(xj_fixity_bytes(&k, "", &err), XJ_EDATA, "the config names no archive root");
	k.sha256 = "../../etc/passwd";
	REFUSED(xj_fixity_bytes(&k, fx_dir, &err), XJ_EDATA, "archive item 7 (photo): the archived"
		" copy no longer matches its SHA-256 (altered since it was collected)");
	k = kept(7, 0, SHA_ABD, SHA_ABC);
	CHECK(xj_fixity_logged(&k, &err) < 0);
	CHECK_STR(err.msg, "archive item 7 (photo): its SHA-256 is a52d159f262b2c6d in the store,"
		  " the log recorded ba7816bf8f01cfea (changed behind the log)");
	xj_error_clear(&err);
}

static void problem(void *ctx, const char *text)
{
	struct xj_sb *all = ctx;

	xj_sb_addf(all, "%s\n", text);
}

/* Every file the store keeps, hashed again: an evidence file kept with
 * a request is whole (P20). */
static void fixity_store(void)
{
	struct xj_fixity_count n;
	struct xj_sb all = XJ_SB_INIT, text = XJ_SB_INIT;
	char path[PATH_MAX + 16];
	const char *files[1];
	FILE *f;

	memset(&n, 0, sizeof(n));
	if (fx_as("li") < 0)
		return;
	CHECK(xj_fixity_verify(st, problem, &all, &n, &err) == 0);
	CHECK(n.copies == 0 && n.evidence == 0 && n.problems == 0);
	snprintf(path, sizeof(path), "%s/register.pdf", fx_dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("%PDF-1.4 the household register\n", f);
		fclose(f);
	}
	files[0] = path;
	ALLOWED(xj_change_evidence(st, 2, "application", files, 1, "li", &err));
	memset(&n, 0, sizeof(n));
	CHECK(xj_fixity_verify(st, problem, &all, &n, &err) == 0);
	CHECK(n.copies == 0 && n.evidence == 1 && n.problems == 0);
	CHECK_STR(all.buf ? all.buf : "", "");
	/* the file kept is named with its size and hash */
	ALLOWED(xj_change_files_text(st, 2, &text, &err));
	CHECK_STR(text.buf, "register.pdf (32 bytes, sha256 7c31744752eeaa29)");
	xj_sb_release(&text);
	xj_sb_release(&all);
	fx_undo();
}

int main(int argc, char **argv)
{
	(void)argc;
	st = fx_open(argv[0], "2026-09-20T10:00:00+08:00", &err);
	fixity_problems();
	media();
	if (st) {
		collect();
		check();
		custody();
		status();
		fixity_store();
	}
	return fx_close("archive_actions");
}
