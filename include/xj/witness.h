/* witness.h: the heads of the log each person has seen (DESIGN: witnessed
 * heads).  Someone who can write the store file can rewrite the whole
 * chain and sign it again after swapping the keys in every configuration;
 * nothing inside the store catches that, but the head each person's own
 * programs saw last, kept in their own state file, does: a store whose log
 * no longer holds it is refused.  The file, $XDG_STATE_HOME/xj/heads, has
 * one line per store, "STORE_ID SEQ HASH" (the store's id, the number and
 * hash of the log's last entry).  The caller owns every struct it passes;
 * nothing here prints. */
#ifndef XJ_WITNESS_H
#define XJ_WITNESS_H

#include "xj/error.h"
#include "xj/store.h"
#include "xj/strbuf.h"

/* What xj_witness_check found, for xj_witness_record at the command's end. */
struct xj_witness {
	int checked;          /* the head recorded holds (or none is): record */
	int history;          /* it is history: a restore put an older copy back */
	long long restore;    /* the restore's entry, when history */
	long long seq;        /* the head recorded for this store, 0: none */
	char hash[65];
	char store[65];       /* the store's id, "" when it has none yet */
	int wrote;            /* set by the caller when the command committed a
			       * change: the store can be written, so one with
			       * no id yet is given one */
};

/* The person's heads file: $XDG_STATE_HOME/xj/heads when $XDG_STATE_HOME
 * is absolute and a folder of the person's own (or would be made in one),
 * else ~/.local/state/xj/heads.  0, or -1 (XJ_EIO) when there is no such
 * place: another person's folder is never used. */
int xj_witness_file(struct xj_sb *path, struct xj_error *err);

/* Before a command works on the store: does its log still hold the head
 * this person saw last?  0 when it does, is history a restore replaced,
 * or none is recorded (w filled either way); 1 when it does not (err
 * XJ_ESTORE, naming the entry); -1 when it cannot be told. */
int xj_witness_check(struct xj_store *st, struct xj_witness *w, struct xj_error *err);

/* After the command, with no transaction open (a head read inside one
 * may never be): the log's head now into the heads file, written
 * aside and renamed into place (file 0600, folder 0700), when it extends
 * the head recorded (the log still holds that one, or w says it is
 * history) or how is XJ_WITNESS_REPLACE (a restore, by the admin who made
 * it).  A store with no id yet gets one when w->wrote says it can be
 * written; else nothing is recorded, as when w was not checked. */
enum { XJ_WITNESS_EXTEND = 0, XJ_WITNESS_REPLACE = 1 };
int xj_witness_record(struct xj_store *st, const struct xj_witness *w, int how,
		      struct xj_error *err);

/* Does the log hold head seq:hash?  1 as its entry seq (whose hash is
 * right for its content), 2 as history: a later restore names it as the
 * head it replaced, or the store that restore kept aside holds it below
 * the head it names (*restore: that restore's entry); 0 not; -1. */
int xj_witness_holds(struct xj_store *st, long long seq, const char *hash,
		     long long *restore, struct xj_error *err);

/* The head a person witnesses: the number and hash of the log's last
 * entry (0 and the genesis hash when the log is empty). */
int xj_witness_head(struct xj_store *st, long long *seq, char hash[65],
		    struct xj_error *err);

/* xj log --verify --witness: the heads in the file at path ("-": standard
 * input), lines "STORE_ID SEQ HASH" (those of other stores passed over)
 * or "N:HASH" as xj log --head prints; blank lines and # comments skipped.
 * 0 when the log holds each (*count adds them), 1 with why naming the
 * first it does not, or the file holding none of this store's; -1 (a line
 * that is no head: XJ_EUSAGE). */
int xj_witness_verify_file(struct xj_store *st, const char *path, char *why,
			   unsigned whysize, long *count, struct xj_error *err);

/* "3f9a…e01c": a hash as a message shows it. */
void xj_witness_short(const char *hash, char out[16]);

#endif
