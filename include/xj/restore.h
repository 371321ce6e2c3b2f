/* restore.h: putting a copy made by xj backup in place of the store (xj
 * restore): who may do it, and what the log of the store put in place
 * records of it.  The copy is checked and moved by the store module
 * (xj_store_restore); nothing here prints, and every string is the
 * caller's. */
#ifndef XJ_RESTORE_H
#define XJ_RESTORE_H

#include "xj/error.h"
#include "xj/jsonw.h"
#include "xj/store.h"
#include "xj/witness.h"

/* May user, proven by their key or not, restore by the config of a store
 * (shown as what: the store in place, or the copy)?  roles: user's roles
 * there, comma-joined, NULL when it names no such staff member.  Only a
 * proven admin may: 0, or -1 (XJ_EUSAGE) saying why not. */
int xj_restore_admin(int proven, const char *roles, const char *user, const char *what,
		     struct xj_error *err);
/* The same by the config of the store st. */
int xj_restore_may(struct xj_store *st, const char *user, int proven, const char *what,
		   struct xj_error *err);

/* Asks admin_of(ctx, path, what, err), which answers as xj_restore_may
 * does, by the config of each store a restore of copy onto db must be
 * an admin's: the store in place first (shown as in_place), when there
 * is one, then the copy (shown by its name).  1: both agreed, a store in
 * place; 0: the copy agreed, no store at db; -1 (admin_of's refusal, or
 * XJ_EIO when whether a store is at db cannot be told). */
typedef int (*xj_restore_admin_fn)(void *ctx, const char *path, const char *what,
				   struct xj_error *err);
int xj_restore_may_replace(const char *db, const char *copy, const char *in_place,
			   xj_restore_admin_fn admin_of, void *ctx, struct xj_error *err);

/* The restore's entry into out (begun empty): the copy restored from, its
 * SHA-256 and head (info), the store it replaced as kept aside (by its
 * full name, its folder's links followed; "" for none), and that store's
 * head before ("N:HASH", "" for none). */
void xj_restore_entry(const char *from, const struct xj_copy_info *info, const char *aside,
		      const char *before, struct xj_jw *out);
/* The restore on record in st, the store put in place, as one command of
 * who (signed at the commit, as every command is), entry as
 * xj_restore_entry makes it; w set for xj_witness_record with
 * XJ_WITNESS_REPLACE: the one who restored saw the log as it is now.
 * 0, or -1. */
int xj_restore_record(struct xj_store *st, const struct xj_actor *who, const char *from,
		      const struct xj_copy_info *info, const char *aside, const char *before,
		      struct xj_witness *w, struct xj_error *err);

#endif
