/* store_schema.c: the store's schema is xj's, object for object.  A
 * trigger is code the store runs inside whatever command writes to it:
 * one added behind xj's back (or one of xj's rewritten) would make its
 * edits under that command, on the row log as that command's rows, and
 * signed by whoever ran it.  An index dropped would let a key be taken
 * twice.  So before a command writes, every table, index, trigger and
 * view of the store is held against those of a store made afresh by this
 * program, by its text as SQLite keeps it.  That reference is made once,
 * at build time (schema_ref.h, `make schema-ref`), and a unit test holds
 * it to the one made at run time from the schema's own steps. */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"
#include "xj/i18n.h"
#include "schema_ref.h"

/* One line an object, "type TAB name TAB sql", in type and name order;
 * the internal sqlite_ tables are SQLite's own. */
static const char dump_sql[] =
	"SELECT type || char(9) || name || char(9) || replace(coalesce(sql, ''), char(10), ' ')"
	" FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name";

static int dump_row(sqlite3_stmt *s, void *out)
{
	xj_sb_adds(out, xj_store_col(s, 0));
	xj_sb_addc(out, '\n');
	return 0;
}

static int dump(struct xj_store *st, struct xj_sb *out, struct xj_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	xj_sb_adds(out, "");
	if (sqlite3_prepare_v2(st->db, dump_sql, -1, &s, NULL) != SQLITE_OK)
		return xj_store_fail(st, err, "read the schema");
	rc = xj_store_each(st, s, dump_row, out, "read the schema", err);
	sqlite3_finalize(s);
	return rc;
}

int xj_store_schema_reference(struct xj_sb *out, struct xj_error *err)
{
	struct xj_store mem;
	int rc;

	memset(&mem, 0, sizeof(mem));
	mem.path = (char *)":memory:";
	if (sqlite3_open(":memory:", &mem.db) != SQLITE_OK) {
		sqlite3_close(mem.db);
		return xj_error_set(err, XJ_ESTORE, "cannot make a store in memory");
	}
	rc = xj_store_create_schema(&mem, err);
	if (rc == 0)
		rc = xj_store_rows_track(&mem, err);
	if (rc == 0)
		rc = dump(&mem, out, err);
	sqlite3_close(mem.db);
	return rc;
}

/* The length of a line's "type TAB name", its key. */
static size_t key_len(const char *line)
{
	const char *tab = strchr(line, '\t');

	tab = tab ? strchr(tab + 1, '\t') : NULL;
	return tab ? (size_t)(tab - line) : strcspn(line, "\n");
}

static size_t line_len(const char *line)
{
	return strcspn(line, "\n");
}

/* Which of two lines' objects comes first, as the dump orders them: by
 * type, then name; an empty line (the list ended) last. */
static int order(const char *have, const char *want)
{
	size_t hk = key_len(have), wk = key_len(want);
	int c;

	if (!*have || !*want)
		return !*have - !*want;
	c = strncmp(have, want, hk < wk ? hk : wk);
	return c ? c : (hk > wk) - (hk < wk);
}

static void say(const char *line, const char *what, char *why, size_t size)
{
	size_t n = key_len(line), t = strcspn(line, "\t");

	snprintf(why, size, "%.*s %.*s %s", (int)t, line, (int)(n - t - 1), line + t + 1,
		 gettext(what));
}

/* The first object that differs, said into why: one xj did not make,
 * one xj made that is gone, or one whose text is not xj's. */
static int first_difference(const char *have, const char *want, char *why, size_t size)
{
	while (*have || *want) {
		int c = order(have, want);

		if (c < 0) {
			say(have, N_("is not xj's"), why, size);
			return 1;
		}
		if (c > 0) {
			say(want, N_("is gone"), why, size);
			return 1;
		}
		if (line_len(have) != line_len(want) || strncmp(have, want, line_len(have))) {
			say(have, N_("is not as xj made it"), why, size);
			return 1;
		}
		have += line_len(have) + 1;
		want += line_len(want) + 1;
	}
	return 0;
}

/* Does the dump say, line for line, what the reference does? */
static int as_made(const char *have)
{
	size_t i, n;

	for (i = 0; xj_schema_ref[i]; i++) {
		n = strlen(xj_schema_ref[i]);
		if (strncmp(have, xj_schema_ref[i], n) != 0 || have[n] != '\n')
			return 0;
		have += n + 1;
	}
	return *have == '\0';
}

int xj_store_schema_differs(struct xj_store *st, char *why, size_t size,
			    struct xj_error *err)
{
	struct xj_sb have = XJ_SB_INIT, want = XJ_SB_INIT;
	size_t i;
	int rc = dump(st, &have, err);

	if (rc == 0 && !as_made(have.buf)) {
		xj_sb_adds(&want, "");
		for (i = 0; xj_schema_ref[i]; i++) {
			xj_sb_adds(&want, xj_schema_ref[i]);
			xj_sb_addc(&want, '\n');
		}
		rc = first_difference(have.buf, want.buf, why, size);
	}
	xj_sb_release(&have);
	xj_sb_release(&want);
	return rc;
}

int xj_store_schema_check(struct xj_store *st, struct xj_error *err)
{
	char why[256];
	int rc = xj_store_schema_differs(st, why, sizeof(why), err);

	if (rc > 0)
		return xj_error_set(err, XJ_ESTORE, "store %s: its schema was changed behind xj's"
				    " back (%s); nothing is written to it: see 'xj log --verify'",
				    st->path, why);
	return rc;
}
