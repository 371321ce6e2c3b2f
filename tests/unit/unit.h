/* unit.h: the smallest test harness that does the job.  Each test file is
 * one program; CHECK counts, reports the failing expression with file:line,
 * and carries on; unit_done() prints "NAME: N passed, N failed" and gives
 * the exit code. */
#ifndef XJ_UNIT_H
#define XJ_UNIT_H

#include <stdio.h>
#include <string.h>

/* The program's counts, defined in fixture.c, which every unit program
 * links: the checks the fixture makes on a program's behalf (a case begun,
 * its store removed) count with the program's own. */
extern int unit_pass, unit_fail;

#define CHECK(cond) do { \
	if (cond) { unit_pass++; } else { unit_fail++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) { unit_pass++; } else { unit_fail++; \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

/* text holds part somewhere (a page or a file whose whole is not the
 * point). */
#define CHECK_HAS(text, part) do { \
	if (!strstr(text, part)) { \
		unit_fail++; \
		fprintf(stderr, "%s:%d: no \"%s\" in the text\n", __FILE__, __LINE__, part); \
	} else { \
		unit_pass++; \
	} \
} while (0)

/* What a writer to a FILE wrote: unit_mem_open, write to m->fp, then
 * unit_mem_text closes it and gives the text (m->buf, the caller's to
 * free). */
struct unit_mem {
	char *buf;
	size_t len;
	FILE *fp;
};

static inline int unit_mem_open(struct unit_mem *m)
{
	memset(m, 0, sizeof(*m));
	m->fp = open_memstream(&m->buf, &m->len);
	return m->fp ? 0 : -1;
}

static inline const char *unit_mem_text(struct unit_mem *m)
{
	fclose(m->fp);
	m->fp = NULL;
	return m->buf ? m->buf : "";
}

static inline int unit_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, unit_pass, unit_fail);
	return unit_fail ? 1 : 0;
}

#endif
