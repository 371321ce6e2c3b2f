/* nameform.h: the name an outside system gets.  The legal name when the
 * system's encoding can write it; else the reported form recorded for that
 * system (with its proof); else a refusal naming the character, never a
 * '?'.  Strings go into the caller's buffers. */
#ifndef XJ_NAMEFORM_H
#define XJ_NAMEFORM_H

#include "xj/store.h"

/* Is system one xj keeps reported forms for ("chsi", "admission")? */
int xj_nameform_system(const char *system);

/* Record a reported form: refused (XJ_EDATA) when it is empty, has no
 * proof, or cannot itself be written in GBK.  0: recorded; 1: the same
 * form was already in force; -1: err. */
int xj_nameform_add(struct xj_store *st, long long student_id, const char *system,
		    const char *name, const char *proof, struct xj_error *err);

/* The name to write for student s in system's files of encoding. */
int xj_nameform_export_name(struct xj_store *st, const struct xj_student *s,
		   const char *system, const char *encoding, struct xj_sb *out,
		   struct xj_error *err);

#endif
