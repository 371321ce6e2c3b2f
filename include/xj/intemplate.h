/* intemplate.h: a column template for files that come back from outside
 * (CHSI's photo comparisons, its registration feedback): YAML sections,
 * each a mapping of names, such as columns (our field: their column) and
 * the words of a column mapped to ours (result: {通过: match}).  Without a
 * template a file uses our own names and words.  The template owns its
 * strings (xj_intemplate_free). */
#ifndef XJ_INTEMPLATE_H
#define XJ_INTEMPLATE_H

#include "xj/error.h"
#include "xj/pairs.h"
#include "xj/reader.h"
#include "xj/strbuf.h"

#define XJ_INTEMPLATE_MAX 4

struct xj_intemplate {
	const char *const *names;              /* the sections, NULL-terminated */
	struct xj_pairs sec[XJ_INTEMPLATE_MAX];
};

/* Load path; a section not among names is an error naming its line. */
struct xj_intemplate *xj_intemplate_load(const char *path, const char *const *names,
					 struct xj_error *err);
void xj_intemplate_free(struct xj_intemplate *t);

/* Our field's value in the row, through the columns section (trimmed,
 * into out). */
const char *xj_intemplate_value(const struct xj_intemplate *t, const struct xj_record *rec,
				const char *ours, struct xj_sb *out);
/* Their word v in ours, through a section (v itself when not mapped). */
const char *xj_intemplate_word(const struct xj_intemplate *t, const char *section,
			       const char *v);

#endif
