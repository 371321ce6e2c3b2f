/* witness.c: the heads of the log each person has seen, kept in their own
 * state file and checked before each command (witness.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xj/infile.h"
#include "xj/audit.h"
#include "xj/i18n.h"
#include "xj/witness.h"

/* One line of a heads file or of a witness's file. */
struct head {
	char store[65];   /* "" for a bare N:HASH */
	long long seq;
	char hash[65];
};

void xj_witness_short(const char *hash, char out[16])
{
	size_t n = strlen(hash);

	if (n <= 8)
		snprintf(out, 16, "%s", hash);
	else
		snprintf(out, 16, "%.4s\xe2\x80\xa6%s", hash, hash + n - 4);
}

/* --- where the file is --------------------------------------------- */

/* The nearest folder of path that exists: is it the person's own?  A
 * folder of someone else's (a $XDG_STATE_HOME or $HOME handed on by su
 * or setpriv) would mix two people's heads, or fail them. */
static int ours(const char *path)
{
	char buf[PATH_MAX];
	struct stat sb;
	char *slash;

	if (path[0] != '/' || strlen(path) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", path);
	for (;;) {
		if (stat(buf, &sb) == 0)
			return S_ISDIR(sb.st_mode) && sb.st_uid == geteuid();
		if (errno != ENOENT)
			return 0;
		slash = strrchr(buf, '/');
		if (!slash || slash == buf)
			return 0;
		*slash = '\0';
	}
}

int xj_witness_file(struct xj_sb *path, struct xj_error *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct passwd *pw = getpwuid(geteuid());
	struct xj_sb base = XJ_SB_INIT;
	int i;

	xj_sb_reset(path);
	for (i = 0; i < 3; i++) {
		xj_sb_reset(&base);
		if (i == 0 && state && state[0] == '/')
			xj_sb_adds(&base, state);
		else if (i == 1 && home && home[0] == '/')
			xj_sb_addf(&base, "%s/.local/state", home);
		else if (i == 2 && pw && pw->pw_dir && pw->pw_dir[0] == '/')
			xj_sb_addf(&base, "%s/.local/state", pw->pw_dir);
		if (base.len && ours(base.buf))
			break;
	}
	if (i == 3) {
		xj_sb_release(&base);
		return xj_error_set(err, XJ_EIO, "no folder of yours to keep the heads you"
				    " saw in: set XDG_STATE_HOME or HOME");
	}
	xj_sb_addf(path, "%s/xj/heads", base.buf);
	xj_sb_release(&base);
	return 0;
}

/* The folders down to path's, each made 0700 (the XDG base directory
 * rule); xj's own folder made 0700 if it was opened wider. */
static int make_folders(const char *path, struct xj_error *err)
{
	char buf[PATH_MAX];
	struct stat sb;
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	p = strrchr(buf, '/');
	if (!p)
		return 0;
	*p = '\0';
	for (p = buf + 1; ; p++) {
		char c = *p;

		if (c && c != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return xj_error_set(err, XJ_EIO, "cannot make %s: %s", buf,
					    strerror(errno));
		*p = c;
		if (!c)
			break;
	}
	if (stat(buf, &sb) == 0 && (sb.st_mode & 077) && sb.st_uid == geteuid())
		chmod(buf, 0700);
	return 0;
}

/* --- reading heads --------------------------------------------------- */

static int hex_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return n > 0;
}

static int number(const char *s, size_t n, long long *out)
{
	long long v = 0;
	size_t i;

	if (n == 0 || n > 18)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* The words of a line, at most four (a fourth is one too many). */
static int words(const char *s, size_t n, const char *w[4], size_t len[4])
{
	size_t i = 0;
	int k = 0;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == n)
			break;
		if (k == 4)
			return 5;
		w[k] = s + i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			i++;
		len[k] = (size_t)(s + i - w[k]);
		k++;
	}
	return k;
}

/* 1 a head (h filled), 0 a blank line or comment, -1 not a head. */
static int parse(const char *s, size_t n, struct head *h)
{
	const char *w[4], *colon;
	size_t len[4];
	int k = words(s, n, w, len);

	memset(h, 0, sizeof(*h));
	if (k == 0 || w[0][0] == '#')
		return 0;
	if (k == 1 && (colon = memchr(w[0], ':', len[0])) != NULL) {
		size_t hl = len[0] - (size_t)(colon + 1 - w[0]);

		if (!number(w[0], (size_t)(colon - w[0]), &h->seq) || hl != 64 ||
		    !hex_only(colon + 1, 64))
			return -1;
		memcpy(h->hash, colon + 1, 64);
		return 1;
	}
	if (k != 3 || len[0] > 64 || !hex_only(w[0], len[0]) ||
	    !number(w[1], len[1], &h->seq) || len[2] != 64 || !hex_only(w[2], 64))
		return -1;
	memcpy(h->store, w[0], len[0]);
	memcpy(h->hash, w[2], 64);
	return 1;
}

/* A heads file holds a line for each store a person works on, some 140
 * bytes each: one of 1 MiB or more is no heads file. */
#define HEADS_FILE_MAX ((1L << 20) - 1)

/* The whole file ("-": standard input); a missing one is empty when
 * missing_ok. */
static int slurp(const char *path, int missing_ok, struct xj_sb *out, struct xj_error *err)
{
	unsigned how = XJ_INFILE_DASH_STDIN | (missing_ok ? XJ_INFILE_MISSING_EMPTY : 0);
	int rc = xj_infile_read(path, HEADS_FILE_MAX, how, out, err);

	if (rc == XJ_INFILE_ELONG)
		return xj_error_set(err, XJ_EIO, "cannot read %s: %s", path,
				    _("larger than 1 MiB"));
	return rc < 0 ? -1 : 0;
}

/* The line of store in the heads file text: 1 (h, its line number), 0
 * none, -1 a line of it that is no head. */
static int find(const char *text, const char *path, const char *store, struct head *h,
		struct xj_error *err)
{
	const char *p, *nl;
	long line = 0;
	size_t idn = strlen(store);

	for (p = text; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		line++;
		if (strncmp(p, store, idn) != 0 || (p[idn] != ' ' && p[idn] != '\t'))
			continue;
		if (parse(p, nl ? (size_t)(nl - p) : strlen(p), h) != 1)
			return xj_error_set(err, XJ_EIO, "%s:%ld: not a head (want STORE_ID SEQ"
					    " HASH)", path, line);
		return 1;
	}
	return 0;
}

/* --- the log's side -------------------------------------------------- */

struct got {
	int found;
	long long id;
	char stored[65], computed[65];
};

static int take(void *ctx, const struct xj_log_entry *e)
{
	struct got *g = ctx;

	g->found = 1;
	g->id = e->id;
	snprintf(g->stored, sizeof(g->stored), "%s", e->hash);
	xj_audit_hash(e, g->computed);
	return 0;
}

/* Is entry seq of st's log the one of hash, its content as hashed then?
 * 1, 0, -1. */
static int entry_is(struct xj_store *st, long long seq, const char *hash,
		    struct xj_error *err)
{
	struct got g;

	if (seq == 0)
		return strcmp(hash, XJ_AUDIT_GENESIS) == 0;
	memset(&g, 0, sizeof(g));
	if (xj_store_log_entry(st, seq, take, &g, err) < 0)
		return -1;
	return g.found && strcmp(g.stored, hash) == 0 && strcmp(g.computed, hash) == 0;
}

int xj_witness_head(struct xj_store *st, long long *seq, char hash[65],
		    struct xj_error *err)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	if (xj_store_log_entry(st, 0, take, &g, err) < 0)
		return -1;
	*seq = g.found ? g.id : 0;
	snprintf(hash, 65, "%s", g.found ? g.stored : XJ_AUDIT_GENESIS);
	return 0;
}

struct hist {
	const char *store;
	long long seq;
	const char *hash;
	long long restore;
	int rc;
};

/* The store a restore kept aside, of the same id, with the head the
 * restore names: does it hold h's head below that one? */
static int aside_holds(struct hist *h, long long rseq, const char *rhash, const char *aside)
{
	struct xj_error e;
	struct xj_sb id = XJ_SB_INIT;
	struct xj_store *old;
	struct stat sb;
	int rc = 0;

	if (!*aside || stat(aside, &sb) < 0 || !S_ISREG(sb.st_mode))
		return 0;
	xj_error_clear(&e);
	old = xj_store_open_as(aside, XJ_STORE_COPY, &e);
	if (old && xj_store_id(old, 0, &id, &e) > 0 && strcmp(id.buf, h->store) == 0)
		rc = entry_is(old, rseq, rhash, &e) == 1 && entry_is(old, h->seq, h->hash, &e) == 1;
	xj_store_close(old);
	xj_sb_release(&id);
	return rc;
}

static int each_restore(void *ctx, long long id, const char *head, const char *aside)
{
	struct hist *h = ctx;
	struct head r;

	if (parse(head, strlen(head), &r) != 1 || r.store[0])
		return 0;
	if ((r.seq == h->seq && strcmp(r.hash, h->hash) == 0) ||
	    (r.seq > h->seq && *h->store && aside_holds(h, r.seq, r.hash, aside))) {
		h->restore = id;
		h->rc = 2;
		return 1;
	}
	return 0;
}

static int holds_in(struct xj_store *st, const char *store, long long seq, const char *hash,
		    long long *restore, struct xj_error *err)
{
	struct hist h = { store, seq, hash, 0, 0 };
	int rc = entry_is(st, seq, hash, err);

	if (rc != 0)
		return rc;
	if (xj_store_restore_each(st, each_restore, &h, err) < 0)
		return -1;
	if (restore)
		*restore = h.restore;
	return h.rc;
}

int xj_witness_holds(struct xj_store *st, long long seq, const char *hash,
		     long long *restore, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT;
	int rc = xj_store_id(st, 0, &id, err);

	if (rc >= 0)
		rc = holds_in(st, rc > 0 ? id.buf : "", seq, hash, restore, err);
	xj_sb_release(&id);
	return rc;
}

/* --- before and after a command -------------------------------------- */

static int refuse(struct xj_error *err, long long seq, const char *hash)
{
	char shown[16];

	xj_witness_short(hash, shown);
	xj_error_set(err, XJ_ESTORE, "the store's log does not extend the head you last saw"
		     " (entry %lld, %s): entry %lld is gone or changed (the log was rewritten)",
		     seq, shown, seq);
	return 1;
}

int xj_witness_check(struct xj_store *st, struct xj_witness *w, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT, path = XJ_SB_INIT, text = XJ_SB_INIT;
	struct xj_error e;
	struct head h;
	int rc;

	memset(w, 0, sizeof(*w));
	xj_error_clear(&e);
	rc = xj_store_id(st, 0, &id, err);
	if (rc > 0)
		snprintf(w->store, sizeof(w->store), "%s", id.buf);
	xj_sb_release(&id);
	if (rc < 0)
		return -1;
	/* no place of the person's own: nothing to check, nothing to record */
	if (xj_witness_file(&path, &e) < 0) {
		xj_sb_release(&path);
		return 0;
	}
	rc = rc > 0 ? slurp(path.buf, 1, &text, err) : 0;
	if (rc == 0 && *w->store)
		rc = find(text.buf, path.buf, w->store, &h, err);
	if (rc > 0) {
		w->seq = h.seq;
		memcpy(w->hash, h.hash, sizeof(w->hash));
		rc = holds_in(st, w->store, h.seq, h.hash, &w->restore, err);
		if (rc == 0)
			rc = refuse(err, h.seq, h.hash);
		else if (rc > 0) {
			w->history = rc == 2;
			rc = 0;
		}
	}
	w->checked = rc == 0;
	xj_sb_release(&path);
	xj_sb_release(&text);
	return rc;
}

/* The heads file's text with store's line as head (replaced or added). */
static void rewrite(const char *text, const char *store, long long seq, const char *hash,
		    struct xj_sb *out)
{
	const char *p, *nl;
	size_t idn = strlen(store), n;
	int done = 0;

	xj_sb_reset(out);
	for (p = text; *p; p = nl ? nl + 1 : p + n) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, store, idn) == 0 && (p[idn] == ' ' || p[idn] == '\t')) {
			if (!done)
				xj_sb_addf(out, "%s %lld %s\n", store, seq, hash);
			done = 1;
			continue;
		}
		xj_sb_add(out, p, n);
		xj_sb_addc(out, '\n');
	}
	if (!done)
		xj_sb_addf(out, "%s %lld %s\n", store, seq, hash);
}

/* text into path: a file beside it, 0600, synced, renamed into place. */
static int put(const char *path, const struct xj_sb *text, struct xj_error *err)
{
	struct xj_sb tmp = XJ_SB_INIT;
	int fd, e = 0;
	ssize_t n;

	xj_sb_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0)
		e = errno;
	else if (fchmod(fd, 0600) < 0 || (n = write(fd, text->buf, text->len)) < 0 ||
		 (size_t)n != text->len || fsync(fd) < 0)
		e = errno ? errno : EIO;
	if (fd >= 0 && close(fd) < 0 && !e)
		e = errno;
	if (!e && rename(tmp.buf, path) < 0)
		e = errno;
	if (e && fd >= 0)
		unlink(tmp.buf);
	xj_sb_release(&tmp);
	if (e)
		return xj_error_set(err, XJ_EIO, "cannot write %s: %s", path, strerror(e));
	return 0;
}

/* Should head seq:hash replace what the file says of w's store? */
static int newer(struct xj_store *st, const struct xj_witness *w, int how, int have,
		 const struct head *h, long long seq, struct xj_error *err)
{
	int rc;

	if (how == XJ_WITNESS_REPLACE || !have)
		return 1;
	if (h->seq == seq)
		return 0;
	/* the head the check found to be history, not yet replaced */
	if (w->history && h->seq == w->seq && strcmp(h->hash, w->hash) == 0)
		return 1;
	/* another command may have recorded a later head meanwhile, or the
	 * log been put back since the check: only a head that extends */
	rc = entry_is(st, h->seq, h->hash, err);
	return rc < 0 ? -1 : rc && seq > h->seq;
}

static int record_in(struct xj_store *st, const struct xj_witness *w, int how,
		     const char *path, struct xj_error *err)
{
	struct xj_sb text = XJ_SB_INIT, out = XJ_SB_INIT, dir = XJ_SB_INIT;
	char hash[65];
	long long seq = 0;
	struct head h;
	int fd, rc, have = 0;

	if (make_folders(path, err) < 0)
		return -1;
	xj_sb_add(&dir, path, (size_t)(strrchr(path, '/') - path));
	/* two commands of the person's at once: one at a time here */
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) < 0)
		rc = xj_error_set(err, XJ_EIO, "cannot lock %s: %s", dir.buf, strerror(errno));
	else
		rc = xj_witness_head(st, &seq, hash, err);
	if (rc == 0)
		rc = slurp(path, 1, &text, err);
	if (rc == 0)
		rc = have = find(text.buf, path, w->store, &h, err);
	if (rc >= 0)
		rc = newer(st, w, how, have, &h, seq, err);
	if (rc > 0) {
		rewrite(text.buf, w->store, seq, hash, &out);
		rc = put(path, &out, err);
		/* the rename lasts once its folder is synced */
		if (rc == 0 && fsync(fd) < 0)
			rc = xj_error_set(err, XJ_EIO, "cannot sync directory %s: %s",
					  dir.buf, strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	xj_sb_release(&text);
	xj_sb_release(&out);
	xj_sb_release(&dir);
	return rc < 0 ? -1 : 0;
}

int xj_witness_record(struct xj_store *st, const struct xj_witness *w, int how,
		      struct xj_error *err)
{
	struct xj_witness mine = *w;
	struct xj_sb id = XJ_SB_INIT, path = XJ_SB_INIT;
	int rc = 0;

	if (!w->checked)
		return 0;
	if (!*mine.store && w->wrote) {
		rc = xj_store_id(st, 1, &id, err);
		if (rc > 0)
			snprintf(mine.store, sizeof(mine.store), "%s", id.buf);
	}
	if (rc >= 0 && *mine.store)
		rc = xj_witness_file(&path, err) < 0 ? -1 : record_in(st, &mine, how, path.buf, err);
	xj_sb_release(&id);
	xj_sb_release(&path);
	return rc < 0 ? -1 : 0;
}

/* --- xj log --verify --witness --------------------------------------- */

int xj_witness_verify_file(struct xj_store *st, const char *path, char *why,
			   unsigned whysize, long *count, struct xj_error *err)
{
	struct xj_sb id = XJ_SB_INIT, text = XJ_SB_INIT;
	const char *p, *nl, *store;
	char shown[16];
	long line = 0, mine = 0;
	struct head h;
	size_t n;
	int rc = xj_store_id(st, 0, &id, err);

	store = rc > 0 ? id.buf : "";
	if (rc >= 0)
		rc = slurp(path, 0, &text, err);
	for (p = text.buf; rc == 0 && p && *p; p = nl ? nl + 1 : p + n) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		rc = parse(p, n, &h);
		if (rc < 0) {
			xj_error_set(err, XJ_EUSAGE, "%s:%ld: not a head: '%.*s' (want STORE_ID SEQ"
				     " HASH, or N:HASH as 'xj log --head' prints it)", path, line,
				     (int)(n > 80 ? 80 : n), p);
			break;
		}
		if (rc == 0 || (h.store[0] && strcmp(h.store, store) != 0)) {
			rc = 0;
			continue;
		}
		mine++;
		rc = holds_in(st, store, h.seq, h.hash, NULL, err);
		if (rc == 0) {
			xj_witness_short(h.hash, shown);
			snprintf(why, whysize, _("%s:%ld: the log does not extend this head (entry"
				 " %lld, %s): entry %lld is gone or changed (the log was"
				 " rewritten)"), path, line, h.seq, shown, h.seq);
			rc = 1;
		} else if (rc > 0) {
			rc = 0;
		}
	}
	if (rc == 0 && !mine) {
		if (*store)
			snprintf(why, whysize, _("%s: no head of this store (its id is %s)"), path,
				 store);
		else
			snprintf(why, whysize, _("%s: no head of this store"), path);
		rc = 1;
	}
	if (rc == 0)
		*count += mine;
	xj_sb_release(&id);
	xj_sb_release(&text);
	return rc;
}
