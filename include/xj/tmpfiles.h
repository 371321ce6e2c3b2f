/* tmpfiles.h: temporary files removed when a signal ends the program.
 * A file written beside its place and renamed into it (an output, a copy
 * of the store) is half written while the program runs: killed by
 * Ctrl-C, by cron's time limit (SIGTERM), by a hang-up or a closed pipe,
 * the program would leave it behind, full of personal data.  Each file
 * kept here is unlinked on such a signal, before the signal takes its
 * course; SIGKILL cannot be caught, and leaves it.  Owns its own copies
 * of the names. */
#ifndef XJ_TMPFILES_H
#define XJ_TMPFILES_H

/* Keep path until forgotten; with sqlite, the files SQLite keeps beside
 * it too (-journal, -wal, -shm).  Best effort: 0, or -1 when every place
 * is taken or the name is too long (then a signal leaves it). */
int xj_tmp_keep(const char *path, int sqlite);
/* path renamed into place, or removed: no longer the program's to remove. */
void xj_tmp_forget(const char *path);

#endif
