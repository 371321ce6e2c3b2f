/* fixture.c: the store made by the programs, and a command acted in it
 * by a staff member's key, for the unit tests that need them. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "unit.h"
#include "xj/key.h"

int unit_pass, unit_fail;

/* What fx_open made, for the helpers that act in it: the program's own
 * statics, so that its cases and the helpers share one store and error. */
static struct {
	struct xj_store *st;
	const char *dir;
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

/* The key signs the command until it ends: the store borrows it, so it
 * lives here, as the frame's identity lives for a program's run. */
static struct xj_key key;
static char signer[64];

int fx_begin(struct xj_store *st, const char *dir, const char *name, struct xj_error *err)
{
	const struct xj_actor who = { "unit", name, "unit", "" };
	char path[PATH_MAX + 64];
	int sealed = 0;

	if (!name)   /* a command nobody signs */
		return xj_store_begin(st, &who, err);
	snprintf(path, sizeof(path), "%s/keys/%s.key", dir, name);
	snprintf(signer, sizeof(signer), "%s", name);
	if (xj_key_load(path, NULL, &key, &sealed, err) < 0 || xj_store_begin(st, &who, err) < 0)
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

int fx_read(struct xj_store *st, const char *const *keys, struct xj_student *s, size_t n,
	    struct xj_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		if (fx_student(st, keys[i], &s[i], err) != 1)
			rc = -1;
	return rc;
}

void fx_release(struct xj_student *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		xj_student_release(&s[i]);
}

int fx_reread(struct xj_store *st, struct fx_cast *c, struct xj_error *err)
{
	fx_release(c->s, c->n);
	return fx_read(st, c->keys, c->s, c->n, err);
}

int fx_act(struct xj_store *st, const char *dir, const char *who, struct fx_cast *c,
	   struct xj_error *err)
{
	memset(c->s, 0, c->n * sizeof(*c->s));
	if (fx_begin(st, dir, who, err) < 0)
		return -1;
	return fx_reread(st, c, err);
}

void fx_undo(struct xj_store *st, struct fx_cast *c)
{
	fx_release(c->s, c->n);
	memset(c->s, 0, c->n * sizeof(*c->s));
	fx_rollback(st);
}

struct xj_store *fx_open(const char *argv0, const char *now, char *dir, struct xj_error *err)
{
	/* set before anything reads the clock: every case's dates follow */
	if (now)
		setenv("XJ_NOW", now, 1);
	xj_error_clear(err);
	run.dir = dir;
	run.err = err;
	run.st = fx_store(argv0, dir, err);
	CHECK(run.st != NULL);
	return run.st;
}

int fx_close(const char *name)
{
	if (run.err->code != XJ_OK)
		fprintf(stderr, "test_%s: %s\n", name, run.err->msg);
	xj_store_close(run.st);
	run.st = NULL;
	if (fx_remove(run.dir) < 0)
		CHECK(!"removed");
	return unit_done(name);
}
