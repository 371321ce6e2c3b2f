/* vocab.h: the Chinese of what xj writes: the headers of its listings'
 * own columns (the record fields' are in fields.h) and the words of its
 * vocabularies (statuses, stages, results, states, conclusions, kinds),
 * for --lang zh.  The tables are static and owned by the library. */
#ifndef XJ_VOCAB_H
#define XJ_VOCAB_H

#include <stddef.h>

/* The Chinese header of a column a listing writes: a record field's
 * (fields.h) or a listing's own; the name itself when it has none. */
const char *xj_vocab_column_zh(const char *name);

/* The Chinese of a value in a column, when the column holds words of a
 * vocabulary and value is one (or one such word, a space and more: "filed
 * 2026-1" -> "已报备 2026-1"); else value itself.  A list of words (a,b)
 * is translated word by word into buf; values beyond it are left as they
 * are. */
const char *xj_vocab_value_zh(const char *column, const char *value, char *buf, size_t size);

/* The listings' own columns, for tests: n pairs of name and Chinese. */
const char *const (*xj_vocab_columns_zh(size_t *n))[2];

#endif
