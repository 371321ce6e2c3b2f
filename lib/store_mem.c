/* store_mem.c: SQLite's allocations, through the C library's but for one
 * size, whose freed blocks are kept for the next.  A write within a
 * savepoint copies each page it first touches to the statement journal;
 * held in memory (temp_store), the journal is a list of 1 KiB blocks
 * (SQLite's memjournal.c), all freed when the savepoint ends.  A command
 * of thousands of items, a savepoint each, made and freed some 150 blocks
 * an item, most of them past the C library's small per-size cache: 7% of
 * the instructions of a certificates' issue.  Nothing here is owned by a
 * caller; xj_store_mem_trim gives the kept blocks back. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>   /* and with it features.h, which says __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "store_impl.h"

/* memjournal's block: its 16-byte header and 1008 bytes of journal */
#define BLOCK 1024
/* enough for the pages an item's savepoint copies (at 16 KiB a page),
 * and at most 512 KiB kept */
#define KEEP 512

static sqlite3_mem_methods sys;   /* the C library's, as SQLite has them */
static void *kept[KEEP];
static int nkept;
/* The blocks are kept for the thread that set SQLite up, without a lock:
 * SQLite's own threads (a sort's, PRAGMA threads) allocate and free
 * through the C library alone. */
static pthread_t owner;

static int mine(void)
{
	return pthread_equal(pthread_self(), owner);
}

static void *mem_malloc(int n)
{
	if (n == BLOCK && mine() && nkept > 0)
		return kept[--nkept];
	return sys.xMalloc(n);
}

static void mem_free(void *p)
{
	if (p && mine() && nkept < KEEP && sys.xSize(p) == BLOCK)
		kept[nkept++] = p;
	else
		sys.xFree(p);
}

static void mem_shutdown(void *app)
{
	xj_store_mem_trim();
	sys.xShutdown(app);
}

void xj_store_mem_trim(void)
{
	while (nkept > 0)
		sys.xFree(kept[--nkept]);
}

void xj_store_mem_give_back(void)
{
	xj_store_mem_trim();
#ifdef __GLIBC__
	/* free() keeps what it can for the next malloc(); a page cache of
	 * many megabytes freed at once is not wanted again soon */
	malloc_trim(0);
#endif
}

/* Before SQLite starts (its first connection): after, SQLite refuses a
 * change of allocator, and keeps its own. */
void xj_store_mem_setup(void)
{
	static int done;
	sqlite3_mem_methods m;

	if (done || sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sys) != SQLITE_OK)
		return;
	done = 1;
	owner = pthread_self();
	m = sys;
	m.xMalloc = mem_malloc;
	m.xFree = mem_free;
	m.xShutdown = mem_shutdown;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}
