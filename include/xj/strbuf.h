/* strbuf.h: a growing NUL-terminated byte buffer.  The buffer owns its
 * memory; xj_sb_release frees it and leaves an empty buffer.  A buffer
 * made by XJ_SB_INIT, reset or released reads as "" (buf points to a
 * shared empty string, written by nobody), so callers need not add ""
 * first; one zeroed by memset has buf NULL until its first reset or add. */
#ifndef XJ_STRBUF_H
#define XJ_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct xj_sb {
	char *buf;
	size_t len;
	size_t alloc;
};

/* The empty string every unallocated buffer points to (git's slopbuf):
 * never written, since nothing is stored before the buffer allocates. */
extern char xj_sb_slop[1];
#define XJ_SB_INIT { xj_sb_slop, 0, 0 }

/* All adders abort the process on allocation failure: there is nothing
 * sensible a record tool can do without memory, and every caller checking
 * would hide the real logic. */
void xj_sb_grow(struct xj_sb *sb, size_t extra);
void xj_sb_add(struct xj_sb *sb, const void *data, size_t n);
void xj_sb_adds(struct xj_sb *sb, const char *s);
void xj_sb_addc(struct xj_sb *sb, char c);
void xj_sb_addf(struct xj_sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xj_sb_vaddf(struct xj_sb *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append s as a JSON string literal, quotes included. */
void xj_sb_add_json(struct xj_sb *sb, const char *s);
/* Append s as a quoted CSV field (RFC 4180): in double quotes, each quote
 * in it doubled.  Whether a field needs quotes is the writer's choice. */
void xj_sb_add_csv_quoted(struct xj_sb *sb, const char *s);
void xj_sb_reset(struct xj_sb *sb);
void xj_sb_release(struct xj_sb *sb);
/* Hand the buffer to the caller (who frees it); the strbuf is left empty. */
char *xj_sb_detach(struct xj_sb *sb);

/* Allocation helpers that never return NULL (see above). */
void *xj_xmalloc(size_t n);
void *xj_xcalloc(size_t n, size_t size);
void *xj_xreallocarray(void *p, size_t n, size_t size);
char *xj_xstrdup(const char *s);

/* len bytes of s, each NUL shown as U+2400 (the symbol for null), so that
 * the text after it is seen. */
void xj_sb_add_nul_shown(struct xj_sb *sb, const char *s, size_t len);

#endif
