/* pairs.c: a small list of key and value strings. */
#include <stdlib.h>
#include <string.h>

#include "xj/pairs.h"
#include "xj/strbuf.h"

void xj_pairs_add(void *ctx, const char *k, const char *v)
{
	struct xj_pairs *p = ctx;

	p->k = xj_xreallocarray(p->k, p->n + 1, sizeof(char *));
	p->v = xj_xreallocarray(p->v, p->n + 1, sizeof(char *));
	p->k[p->n] = xj_xstrdup(k);
	p->v[p->n++] = xj_xstrdup(v);
}

int xj_pairs_has(const struct xj_pairs *p, const char *k)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->k[i], k) == 0)
			return 1;
	return 0;
}

const char *xj_pairs_get(const struct xj_pairs *p, const char *k)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->k[i], k) == 0)
			return p->v[i];
	return "";
}

void xj_pairs_release(struct xj_pairs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->k[i]);
		free(p->v[i]);
	}
	free(p->k);
	free(p->v);
	memset(p, 0, sizeof(*p));
}
