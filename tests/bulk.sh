# bulk.sh: sourced by bench.sh and stress.sh, which make large stores the
# way the policy does; not run on its own.  What both do alike is here, so
# that their staff and their re-check cannot drift apart.  The caller sets
# BIN (the programs' directory).

# bulk_keys DIR NAME...: a key for each staff member, DIR/NAME.key, its
# public half in DIR/NAME.pub.  1 (said on standard error) when one fails.
bulk_keys() {
	bk_dir=$1
	shift
	for bk_n in "$@"; do
		"$BIN/xj-key" new -q --key "$bk_dir/$bk_n.key" >"$bk_dir/$bk_n.pub" || {
			echo "xj-key new --key $bk_dir/$bk_n.key failed" >&2
			return 1
		}
	done
}

# bulk_config DIR: the config both scripts load (the example school, its
# three departments, the 2026 cohort and three years of its calendar), its
# staff last with their keys from DIR: a registrar who is also the admin,
# two reviewers, a head for each department xj-genroster gives its
# students, and a leader.  A caller adds staff members after it.
bulk_config() {
	cat <<EOS
school: {name: 示例职业技术学院, code: "14001"}
departments: [{code: CS, name: 信息工程系}, {code: ME, name: 机电工程系}, {code: EC, name: 经济管理系}]
cohorts: [{cohort: 2026, enrol_date: 2026-09-05}]
calendar: [{year: 2026, first_term_start: 2026-09-01}, {year: 2027, first_term_start: 2027-09-06},
  {year: 2028, first_term_start: 2028-09-04}]
diplomas: {principal: 王校长}
staff:
  - {name: chen, roles: [registrar, admin], key: "$(cat "$1/chen.pub")"}
  - {name: li, roles: [reviewer], key: "$(cat "$1/li.pub")"}
  - {name: zhou, roles: [reviewer], key: "$(cat "$1/zhou.pub")"}
  - {name: wang, dept: CS, roles: [dept-head], key: "$(cat "$1/wang.pub")"}
  - {name: ma, dept: ME, roles: [dept-head], key: "$(cat "$1/ma.pub")"}
  - {name: wu, dept: EC, roles: [dept-head], key: "$(cat "$1/wu.pub")"}
  - {name: zhao, roles: [leader], key: "$(cat "$1/zhao.pub")"}
EOS
}

# bulk_recheck DB ROSTER KEYS WORK: the roster's students re-checked (P1,
# P7): reviewed by li, audited by zhou, signed by the head of each
# department (the roster's 10th column) and by the leader, each with
# their key in KEYS; the lists go through WORK/recheck-*.csv.  1 (the
# step said on standard error) when a step fails.
bulk_recheck() {
	awk -F, 'NR == 1 { print "exam_no"; next } { print $1 }' "$2" >"$4/recheck-all.csv"
	XJ_DB=$1 "$BIN/xj-verify" review -q --key "$3/li.key" --stage recheck \
		--result pass --item registration=ok --item health=ok --item procedure=ok \
		--item eligibility=ok - <"$4/recheck-all.csv" || {
		echo "the re-check review failed" >&2
		return 1
	}
	XJ_DB=$1 "$BIN/xj-verify" confirm -q --key "$3/zhou.key" - <"$4/recheck-all.csv" || {
		echo "the re-check audit failed" >&2
		return 1
	}
	for br_d in CS:wang ME:ma EC:wu; do
		awk -F, -v d="${br_d%:*}" 'NR == 1 { print "exam_no"; next } $10 == d { print $1 }' \
			"$2" >"$4/recheck-dept.csv"
		[ "$(wc -l <"$4/recheck-dept.csv")" -gt 1 ] || continue
		XJ_DB=$1 "$BIN/xj-verify" sign -q --key "$3/${br_d#*:}.key" --stage recheck \
			--level dept - <"$4/recheck-dept.csv" || {
			echo "the ${br_d%:*} head's sign-off failed" >&2
			return 1
		}
	done
	XJ_DB=$1 "$BIN/xj-verify" sign -q --key "$3/zhao.key" --stage recheck \
		--level leader - <"$4/recheck-all.csv" || {
		echo "the leader's sign-off failed" >&2
		return 1
	}
}
