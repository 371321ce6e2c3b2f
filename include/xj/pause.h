/* pause.h: named points where a test can hold a running program still,
 * to act on the store at a moment it chooses (a copy taken, or the
 * program killed, with a write half done).  Owns nothing.  Without
 * $XJ_PAUSE a point costs one getenv. */
#ifndef XJ_PAUSE_H
#define XJ_PAUSE_H

/* With XJ_PAUSE=NAME or NAME:N, the N-th time (default the first) the
 * program reaches the point NAME it makes the file NAME.paused in its
 * working directory and waits until NAME.go is there. */
void xj_pause_point(const char *name);

#endif
