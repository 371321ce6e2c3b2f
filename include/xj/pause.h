/* pause.h: named points where a test can hold a running program still,
 * to act on the store at a moment it chooses (a copy taken, or the
 * program killed, with a write half done).  Owns nothing.  $XJ_PAUSE is
 * read once per process, at the first point reached; without it a point
 * then costs the test of a pointer. */
#ifndef XJ_PAUSE_H
#define XJ_PAUSE_H

/* With XJ_PAUSE=NAME or NAME:N, the N-th time (default the first) the
 * program reaches the point NAME it makes the file NAME.paused in its
 * working directory and waits until NAME.go is there.  An N that is not a
 * whole number from 1 up is taken as 1. */
void xj_pause_point(const char *name);

#endif
