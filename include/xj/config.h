/* config.h: the school's configuration (xj-config(5)), parsed from YAML.
 * A struct xj_config owns all its strings; xj_config_release frees them. */
#ifndef XJ_CONFIG_H
#define XJ_CONFIG_H

#include <stddef.h>
#include "xj/error.h"
#include "xj/strbuf.h"

/* Staff roles, as bits. */
enum {
	XJ_ROLE_REVIEWER = 1 << 0,   /* 审查人员 */
	XJ_ROLE_DEPT_HEAD = 1 << 1,  /* 部门负责人 */
	XJ_ROLE_LEADER = 1 << 2,     /* 分管院领导 */
	XJ_ROLE_REGISTRAR = 1 << 3,  /* 学籍管理员 */
	XJ_ROLE_ARCHIVIST = 1 << 4,  /* 档案管理员 */
	XJ_ROLE_ADMIN = 1 << 5
};

struct xj_dept { char *code, *name; };
/* A major (专业): its code, name and department, and its ordinal, the
 * digits student numbers may carry for it ({major_no}). */
struct xj_major { char *code, *name, *dept, *ordinal; };
struct xj_staff { char *name, *full_name, *dept, *key; unsigned roles; };
struct xj_term { int year; char first_term_start[11]; };
struct xj_cohort_cfg { int cohort; char enrol_date[11]; };

struct xj_config {
	char *school_name;
	char school_code[6];
	struct xj_dept *depts;
	size_t ndepts;
	struct xj_major *majors;
	size_t nmajors;
	struct xj_staff *staff;
	size_t nstaff;
	struct xj_term *terms;
	size_t nterms;
	struct xj_cohort_cfg *cohorts;
	size_t ncohorts;
	int recheck_months;          /* P7, default 3 */
	int annual_months;           /* P11, default 1 */
	char **archive_items;
	size_t narchive;
	/* key-data changes (P12): evidence kinds and approving roles, each a
	 * comma-joined list; name and ID number changed apart */
	char change_evidence[128];
	char change_levels[64];
	char status_levels[64];
	int change_apart;
	/* student numbers (学号): a pattern of xj/stuno.h */
	char number_pattern[64];
	/* certificates (P13-P15): the current principal, the 办学类型 and
	 * 培养层次 digits of the certificate number, and the pattern of the
	 * numbers of certificates of academic credentials */
	char *principal;
	char cert_type[2], cert_level[3];
	char proof_pattern[64];
	/* the archive (P18-P20): where electronic copies are kept, how long a
	 * paper file may be lent, and the kinds of item of each stage as
	 * "stage:kind,kind;stage:kind" */
	char *archive_root;
	int lend_days;
	struct xj_sb *archive_kinds;
};

/* Parse text (named file in errors) into cfg.  On error err names the
 * line and the setting ("staff[2].roles"). */
int xj_config_parse(const char *file, const char *text, size_t len,
		    struct xj_config *cfg, struct xj_error *err);
void xj_config_release(struct xj_config *cfg);
/* The major of code in cfg's list, or NULL. */
const struct xj_major *xj_config_major(const struct xj_config *cfg, const char *code);

/* Role bit of a role name ("reviewer", "dept-head", ...), 0 if unknown;
 * the name of one bit. */
unsigned xj_config_role_parse(const char *name);
/* The stages of the archive, in order, and the default kinds of item of
 * stage i (comma-joined). */
extern const char *const xj_config_archive_stages[4];
const char *xj_config_archive_default_kinds(int i);
/* Is kind a kind of evidence of a change request ("application",
 * "household-register", "id-card", "police-certificate")? */
int xj_config_evidence_known(const char *kind);
const char *xj_config_role_name(unsigned bit);
/* Does a comma-joined list of levels hold reviewer, then dept-head, then
 * leader (P1, P12)?  More levels are stricter and allowed. */
int xj_config_levels_ok(const char *list);
/* The role bits of a comma-joined list of names ("registrar,admin"),
 * unknown names left out. */
unsigned xj_config_role_bits(const char *list);

/* The SHA-256 of a config's text, as 64 hex digits: the log names the
 * config in force by it. */
void xj_config_sha256(const char *text, size_t len, char hex[65]);

/* A config staged until a second admin approves it (xj_trust_*): the
 * load it was made on (base_config) and the one in force now (in_force),
 * who made it and when (at), why it needs approval ("adds qian"), and,
 * once approved, the approving command and person.  Owns its buffers. */
struct xj_config_proposal {
	long long id, base_config, in_force, approved_command;
	struct xj_sb file, text, sha256, proposed_by, why, approved_by, at;
};
void xj_config_proposal_release(struct xj_config_proposal *p);

#endif
