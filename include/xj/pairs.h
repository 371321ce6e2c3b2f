/* pairs.h: a small list of key and value strings, such as the fields of a
 * stored JSON row read back with xj_store_json_each.  The list owns its
 * copies; xj_pairs_release frees them. */
#ifndef XJ_PAIRS_H
#define XJ_PAIRS_H

#include <stddef.h>

struct xj_pairs {
	size_t n;
	char **k, **v;
};

#define XJ_PAIRS_INIT { 0, NULL, NULL }

/* Append a copy of k and v; ctx is the list (fits xj_store_json_each). */
void xj_pairs_add(void *ctx, const char *k, const char *v);
/* Does the list have k? */
int xj_pairs_has(const struct xj_pairs *p, const char *k);
/* The value of k, or "" when the list has none. */
const char *xj_pairs_get(const struct xj_pairs *p, const char *k);
void xj_pairs_release(struct xj_pairs *p);
/* The members of a flat JSON object of strings (as xj_sb_add_json writes
 * them) appended to p: 0, or -1 for any other JSON (or a string holding
 * NUL), p then holding what came before the fault. */
int xj_pairs_from_json(struct xj_pairs *p, const char *json);
/* The names of one flat JSON array of strings with the values of another,
 * one for one, appended to p: 0, or -1 when either is any other JSON or
 * they differ in length (a roster row kept under its import's names). */
int xj_pairs_from_arrays(struct xj_pairs *p, const char *names, const char *values);
/* The same in two steps, for many rows under one set of names: the names
 * of a flat JSON array of strings appended to names as keys (0, or -1),
 * then the values of each row under them. */
int xj_pairs_names(struct xj_pairs *names, const char *json);
int xj_pairs_named(struct xj_pairs *p, const struct xj_pairs *names, const char *values);
/* p as a JSON object, appended to out. */
struct xj_sb;
void xj_pairs_json(const struct xj_pairs *p, struct xj_sb *out);

#endif
