/* fixture.c: the store made by the programs, a command acted in it by a
 * staff member's key, and a test program's run on it with the students a
 * case reads, for the unit tests that need them; and unit.h's counts. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "unit.h"
#include "xj/sha256.h"

int unit_pass, unit_fail;

char fx_dir[PATH_MAX];

/* What fx_open made, for the helpers that act in it: the program's error
 * is its own static, so that its cases and the helpers share it. */
static struct {
	struct xj_store *st;
	struct xj_error *err;
} run;

struct xj_store *fx_store(const char *argv0, char *dir, struct xj_error *err)
{
	char exe[PATH_MAX], bin[PATH_MAX + 8], cmd[4 * PATH_MAX], db[PATH_MAX + 8];
	const char *tmp = getenv("TMPDIR");

	*dir = '\0';
	if (!realpath(argv0, exe))
		return NULL;
	snprintf(bin, sizeof(bin), "%s/../bin", dirname(exe));
	snprintf(dir, PATH_MAX, "%s/xj-rules.XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return NULL;
	snprintf(cmd, sizeof(cmd), "sh tests/unit/rules-store.sh '%s' '%s' > '%s/out' 2>&1",
		 dir, bin, dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof(cmd), "cat '%s/out' >&2", dir);
		(void)system(cmd);
		return NULL;
	}
	snprintf(db, sizeof(db), "%s/xj.db", dir);
	return xj_store_open(db, 0, err);
}

int fx_remove(const char *dir)
{
	char cmd[PATH_MAX + 16];

	/* only a directory fx_store made: an absolute path it filled */
	if (strncmp(dir, "/", 1) != 0)
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int fx_student(struct xj_store *st, const char *exam_no, struct xj_student *s,
	       struct xj_error *err)
{
	memset(s, 0, sizeof(*s));
	return xj_store_student_find(st, XJ_S_EXAM_NO, exam_no, s, err);
}

/* The key of staff member who, kept under dir/keys as rules-store.sh
 * made it: 0, or -1. */
static int key_load(const char *dir, const char *who, struct xj_key *k, struct xj_error *err)
{
	char path[PATH_MAX + 64];
	int sealed = 0;

	snprintf(path, sizeof(path), "%s/keys/%s.key", dir, who);
	return xj_key_load(path, NULL, k, &sealed, err);
}

/* The key signs the command until it ends: the store borrows it, so it
 * lives here, as the frame's identity lives for a program's run. */
static struct xj_key key;
static char signer[64];

int fx_begin(struct xj_store *st, const char *dir, const char *name, struct xj_error *err)
{
	const struct xj_actor who = { "unit", name, "unit", "" };

	if (!name)   /* a command nobody signs */
		return xj_store_begin(st, &who, err);
	snprintf(signer, sizeof(signer), "%s", name);
	if (key_load(dir, name, &key, err) < 0 || xj_store_begin(st, &who, err) < 0)
		return -1;
	xj_store_sign_with(st, &key, signer);
	return 0;
}

void fx_rollback(struct xj_store *st)
{
	xj_store_rollback(st);
	/* the store keeps the key it was given past the command's end: a
	 * program ends with it, a test goes on to the next case */
	xj_store_sign_with(st, NULL, NULL);
	xj_key_wipe(&key);
}

struct xj_student fx_done, fx_fresh, fx_third, fx_other;

/* The four, by exam number, read and let go together. */
static const char *const cast_keys[] = { FX_DONE, FX_FRESH, FX_THIRD, FX_OTHER };
static struct xj_student *const cast[] = { &fx_done, &fx_fresh, &fx_third, &fx_other };
#define CAST (sizeof(cast) / sizeof(cast[0]))

/* Each read, as it is now: 0, or -1 when one is not found. */
static int read_cast(void)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < CAST; i++)
		if (fx_student(run.st, cast_keys[i], cast[i], run.err) != 1)
			rc = -1;
	return rc;
}

/* Each let go, and emptied: a case that failed to begin is let go too. */
static void release_cast(void)
{
	size_t i;

	for (i = 0; i < CAST; i++) {
		xj_student_release(cast[i]);
		memset(cast[i], 0, sizeof(*cast[i]));
	}
}

int fx_as(const char *who)
{
	int rc = fx_begin(run.st, fx_dir, who, run.err);

	/* a case that cannot read its students ends here, so that the next
	 * one begins a command of its own */
	if (rc == 0 && read_cast() < 0) {
		fx_undo();
		rc = -1;
	}
	CHECK(rc == 0);
	return rc;
}

void fx_reread(void)
{
	release_cast();
	CHECK(read_cast() == 0);
}

void fx_undo(void)
{
	release_cast();
	fx_rollback(run.st);
}

int fx_key(const char *who, struct xj_key *k)
{
	return key_load(fx_dir, who, k, run.err);
}

void fx_prove(struct xj_proof *p, const struct xj_key *k, const char *statement,
	      char sig[XJ_SIG_MAX], char content[65])
{
	xj_key_sign(k, statement, strlen(statement), sig);
	xj_sha256_hex(statement, strlen(statement), content);
	p->statement = statement;
	p->content = content;
	p->public_key = k->pub;
	p->signature = sig;
}

int fx_found(int rc, char *buf, size_t size)
{
	if (rc <= 0)
		snprintf(buf, size, "%s", rc == 0 ? "none" : run.err->msg);
	return rc > 0;
}

const char *fx_status_of(const char *exam_no, int field, char *buf, size_t size)
{
	struct xj_student s;

	if (fx_student(run.st, exam_no, &s, run.err) != 1)
		snprintf(buf, size, "?");
	else if (field < 0)
		snprintf(buf, size, "%s", s.status ? s.status : "");
	else
		snprintf(buf, size, "%s %s", s.status ? s.status : "",
			 s.v[field] && *s.v[field] ? s.v[field] : "-");
	xj_student_release(&s);
	return buf;
}

const char *fx_case_of(const struct xj_student *s, char *buf, size_t size)
{
	struct xj_case c;

	memset(&c, 0, sizeof(c));
	if (fx_found(xj_store_case_latest(run.st, s->id, &c, run.err), buf, size))
		snprintf(buf, size, "%s %s %s %d", c.reason.buf, c.opened_by.buf,
			 c.finding.buf ? c.finding.buf : "", c.referred);
	xj_store_case_release(&c);
	return buf;
}

const struct xj_record *fx_row(struct fx_row *w, const char *file, const char *const *cells)
{
	size_t n;

	for (n = 0; n < FX_COLUMNS && cells[2 * n]; n++) {
		w->names[n] = cells[2 * n];
		w->values[n] = cells[2 * n + 1];
	}
	w->rec.file = file;
	w->rec.line = 2;
	w->rec.n = n;
	w->rec.names = w->names;
	w->rec.values = w->values;
	return &w->rec;
}

const struct xj_record *fx_feedback(struct fx_row *w, const char *exam_no, const char *result,
				    const char *message)
{
	const char *const cells[] = { "exam_no", exam_no, "result", result, "message", message,
				      NULL };

	/* fx_row copies the pointers, so cells may end here */
	return fx_row(w, "fb.csv", cells);
}

struct xj_store *fx_open(const char *argv0, const char *now, struct xj_error *err)
{
	/* set before anything reads the clock: every case's dates follow */
	if (now)
		setenv("XJ_NOW", now, 1);
	xj_error_clear(err);
	run.err = err;
	run.st = fx_store(argv0, fx_dir, err);
	CHECK(run.st != NULL);
	return run.st;
}

int fx_close(const char *name)
{
	if (run.err->code != XJ_OK)
		fprintf(stderr, "test_%s: %s\n", name, run.err->msg);
	xj_store_close(run.st);
	run.st = NULL;
	if (fx_remove(fx_dir) < 0)
		CHECK(!"removed");
	return unit_done(name);
}

struct last {
	char action[32], json[PATH_MAX + 128];
};

static int last_entry(void *ctx, const struct xj_log_entry *e)
{
	struct last *l = ctx;

	snprintf(l->action, sizeof(l->action), "%s", e->action);
	snprintf(l->json, sizeof(l->json), "%s", e->new_json ? e->new_json : "");
	return 0;
}

const char *fx_entry_of(const char *exam_no, char *buf, size_t size)
{
	struct xj_log_filter f;
	struct last l;

	memset(&f, 0, sizeof(f));
	memset(&l, 0, sizeof(l));
	f.student = exam_no;
	if (xj_store_log_each(run.st, &f, last_entry, &l, run.err) < 0)
		snprintf(buf, size, "%s", run.err->msg);
	else
		snprintf(buf, size, "%s %s", l.action, l.json);
	return buf;
}

const char *fx_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", fx_dir, name);
	return buf;
}

const char *fx_file(const char *name, const char *text, char *path, size_t size)
{
	FILE *fp = fopen(fx_path(name, path, size), "w");

	if (!fp || fputs(text, fp) == EOF)
		CHECK(!"written");
	if (fp)
		fclose(fp);
	return path;
}
