/* restore.c: who may restore a copy of the store, and what the store put
 * in place records of it.  A restore replaces every record at once, so it
 * is an admin's, by the config of the store it replaces and of the copy
 * whose log it is signed into; and it is history, not a rewrite, to those
 * who saw the head it replaced (witness.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xj/config.h"
#include "xj/restore.h"

int xj_restore_admin(int proven, const char *roles, const char *user, const char *what,
		     struct xj_error *err)
{
	/* a name typed is no one's proof: the key says who acts */
	if (!proven)
		return xj_error_set(err, XJ_EUSAGE, "'xj restore' needs the key of an admin:"
				    " --key FILE, $XJ_KEY or ~/.config/xj/key (see xj-key(1))");
	if (!roles || !(xj_config_role_bits(roles) & XJ_ROLE_ADMIN))
		return xj_error_set(err, XJ_EUSAGE, "'xj restore' is work for the admin: %s"
				    " is none in %s", user, what);
	return 0;
}

int xj_restore_may(struct xj_store *st, const char *user, int proven, const char *what,
		   struct xj_error *err)
{
	struct xj_sb roles = XJ_SB_INIT, dept = XJ_SB_INIT;
	int rc = proven ? xj_store_staff_info(st, user, &roles, &dept, err) : 0;

	if (rc >= 0)
		rc = xj_restore_admin(proven, rc > 0 ? roles.buf : NULL, user, what, err);
	xj_sb_release(&roles);
	xj_sb_release(&dept);
	return rc < 0 ? -1 : 0;
}

int xj_restore_may_replace(const char *db, const char *copy, const char *in_place,
			   xj_restore_admin_fn admin_of, void *ctx, struct xj_error *err)
{
	int there = access(db, F_OK) == 0, e = errno;

	/* only a store surely not there is no one's to ask: one that cannot
	 * be looked at (EACCES, a file where a directory should be) may be
	 * a store all the same, and is not replaced unasked */
	if (!there && e != ENOENT)
		return xj_error_set(err, XJ_EIO, "cannot tell whether a store is at %s: %s", db,
				    strerror(e));
	if (there && admin_of(ctx, db, in_place, err) < 0)
		return -1;
	if (admin_of(ctx, copy, copy, err) < 0)
		return -1;
	return there;
}

/* name's full path, its folder's links followed: written before the file
 * is there (the store is kept aside under it only as the copy is put in
 * place), so the folder is what is resolved.  name itself when it cannot
 * be. */
static void full_name(const char *name, struct xj_sb *out)
{
	const char *slash = strrchr(name, '/');
	struct xj_sb dir = XJ_SB_INIT;
	char full[PATH_MAX];

	xj_sb_reset(out);
	if (slash)
		xj_sb_addf(&dir, "%.*s", (int)(slash - name), name);
	if (realpath(slash ? (slash == name ? "/" : dir.buf) : ".", full))
		xj_sb_addf(out, "%s/%s", strcmp(full, "/") ? full : "", slash ? slash + 1 : name);
	else
		xj_sb_adds(out, name);
	xj_sb_release(&dir);
}

void xj_restore_entry(const char *from, const struct xj_copy_info *info, const char *aside,
		      const char *before, struct xj_jw *out)
{
	struct xj_sb full = XJ_SB_INIT;

	if (*aside)
		full_name(aside, &full);
	xj_jsonw_object_begin(out);
	xj_jsonw_object_string(out, "from", from);
	xj_jsonw_object_string(out, "sha256", info->sha256);
	xj_jsonw_object_string(out, "head", info->head);
	/* by its full name: a witness looks there from anywhere (witness.h) */
	xj_jsonw_object_string(out, "replaced", full.buf);
	/* the head it replaced is history, not a rewrite, to those who saw it */
	if (*before)
		xj_jsonw_object_string(out, "replaced_head", before);
	xj_jsonw_end(out);
	xj_sb_release(&full);
}

int xj_restore_record(struct xj_store *st, const struct xj_actor *who, const char *from,
		      const struct xj_copy_info *info, const char *aside, const char *before,
		      struct xj_witness *w, struct xj_error *err)
{
	struct xj_jw entry = XJ_JW_INIT;
	struct xj_sb id = XJ_SB_INIT;
	struct xj_error e;
	int rc;

	xj_restore_entry(from, info, aside, before, &entry);
	rc = xj_store_begin(st, who, err);
	if (rc == 0)
		rc = xj_store_audit(st, 0, "restore", NULL, entry.json.buf, err);
	if (rc == 0)
		rc = xj_store_commit(st, err);
	/* the admin who restored saw the log as it is now: their head is
	 * this one, not the one the copy replaced; a store with no id yet is
	 * given one by xj_witness_record */
	memset(w, 0, sizeof(*w));
	w->checked = w->wrote = 1;
	xj_error_clear(&e);
	if (rc == 0 && xj_store_id(st, 0, &id, &e) > 0)
		snprintf(w->store, sizeof(w->store), "%s", id.buf);
	xj_jsonw_release(&entry);
	xj_sb_release(&id);
	return rc;
}
