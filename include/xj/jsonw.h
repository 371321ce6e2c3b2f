/* jsonw.h: writing JSON text a member at a time (after git's
 * json-writer.h), for the audit log's old and new values.  The writer owns
 * its buffer: take the text from jw.json.buf, or hand it over with
 * xj_sb_detach(&jw.json); xj_jsonw_release frees what is left, and leaves a
 * writer that may begin again.
 *
 * The bytes are the log's: the audit chain hashes them, so the writer
 * adds no space and escapes strings exactly as xj_sb_add_json does.  The
 * writer trusts its caller for the shape (a member inside an object, an
 * item inside an array, every begin ended); it checks nothing. */
#ifndef XJ_JSONW_H
#define XJ_JSONW_H

#include "xj/strbuf.h"

struct xj_jw {
	struct xj_sb json;
	struct xj_sb open;   /* the closing bracket of each open level, innermost last */
	int need_comma;      /* something was written at the innermost level */
};

#define XJ_JW_INIT { XJ_SB_INIT, XJ_SB_INIT, 0 }

/* A whole value: an object ({...}) or an array ([...]). */
void xj_jsonw_object_begin(struct xj_jw *jw);
void xj_jsonw_array_begin(struct xj_jw *jw);
/* Members without their braces ("a":1,"b":2), for the 'extra' arguments
 * that the decisions take and set inside their own object: ended by
 * xj_jsonw_end, which closes nothing. */
void xj_jsonw_members_begin(struct xj_jw *jw);
/* Close the innermost open object or array. */
void xj_jsonw_end(struct xj_jw *jw);

/* Members of the innermost object.  The key is escaped as a value is. */
void xj_jsonw_object_string(struct xj_jw *jw, const char *key, const char *value);
void xj_jsonw_object_stringf(struct xj_jw *jw, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void xj_jsonw_object_int(struct xj_jw *jw, const char *key, long long value);
void xj_jsonw_object_bool(struct xj_jw *jw, const char *key, int value);
void xj_jsonw_object_null(struct xj_jw *jw, const char *key);
/* value is whole JSON already (an object, a number, true ...), written as it is. */
void xj_jsonw_object_raw(struct xj_jw *jw, const char *key, const char *value);
/* Members written elsewhere ("a":1,"b":2, or those of an object "{...}"),
 * set in as they are; NULL, "" or "{}" add nothing. */
void xj_jsonw_object_members(struct xj_jw *jw, const char *members);
/* A member whose value is an object or array, open until xj_jsonw_end. */
void xj_jsonw_object_object_begin(struct xj_jw *jw, const char *key);
void xj_jsonw_object_array_begin(struct xj_jw *jw, const char *key);

/* Items of the innermost array (xj_jsonw_object_begin and xj_jsonw_array_begin
 * inside one begin an item too). */
void xj_jsonw_array_string(struct xj_jw *jw, const char *value);
void xj_jsonw_array_int(struct xj_jw *jw, long long value);
void xj_jsonw_array_object_begin(struct xj_jw *jw);

void xj_jsonw_release(struct xj_jw *jw);

#endif
