#!/usr/bin/env bats
# xj log: who did what, when, to which student (P2).  The log is
# append-only and hash-chained: an edited, deleted or reordered entry is
# found by --verify.  Nothing is ever deleted from the store.

load test_helper

setup_roster() {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
}

# $1 is a time of the real clock, just now: ISO 8601 with the offset
# (TZ is Asia/Shanghai in the tests), in the last two minutes (P2).
real_time() {
	local t now
	[[ "$1" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$ ]] ||
		{ echo "not a real time: '$1'" >&2; return 1; }
	t=$(date -d "$1" +%s) now=$(date +%s)
	((t <= now && t >= now - 120)) || { echo "not the clock's time now: '$1'" >&2; return 1; }
}

@test "every change is in the log with who, when (the real time), which program and student (P2)" {
	setup_roster
	run --separate-stderr xj log -f tsv
	assert_success
	assert_equal "$stderr" ""
	local l
	for l in 1 2 3 4 5 6; do
		real_time "$(echo "${lines[$l]}" | cut -f 2)"
	done
	# XJ_NOW (the tests pin it) is the business time beside it; each
	# command's rows summed up after its entries (xj(7) INTEGRITY); one
	# entry for the file stands for the eight students it created
	assert_equal "$(printf '%s\n' "$output" | cut -f 1,3-8)" "$(cat <<EOF
id	business	user	login	program	student	action
1	2026-09-10T09:00:00+08:00		$(id -un)	xj init		init
2	2026-09-10T09:00:00+08:00		$(id -un)	xj init		rows
3	2026-09-10T09:00:00+08:00	chen	$(id -un)	xj config		config
4	2026-09-10T09:00:00+08:00	chen	$(id -un)	xj config		rows
5	2026-09-10T09:00:00+08:00	chen	$(id -un)	xj-import		import
6	2026-09-10T09:00:00+08:00	chen	$(id -un)	xj-import		rows
EOF
)"
	# the schema the store was made with, as the store says it
	assert_equal "$(echo "${lines[1]}" | cut -f 9-)" "	{\"schema\":$(sql 'PRAGMA user_version')}"
	# (the import's entry, member by member: tests/0003-xj-import-roster.bats)
}

@test "xj log -f json: the id a number, old and new the JSON they are, an empty one null (P2)" {
	setup_roster
	run --separate-stderr xj log -f json
	assert_success
	run python3 -c '
import json, sys
log = json.loads(sys.argv[1])
assert all(type(e["id"]) is int for e in log), "id"
imp = [e for e in log if e["action"] == "import"][0]
assert imp["old"] is None, imp["old"]
assert imp["new"]["read"] == 8 and imp["new"]["source"] == "roster", imp["new"]
assert all(e["new"] is None or type(e["new"]) is dict for e in log), "new"
print(len(log), "entries")' "$output"
	assert_success
	# YAML too gives the id as a number
	run xj log -f yaml --program xj-import
	assert_line --index 0 --regexp '^- id: [0-9]+$'
	# and CSV is as it was: the JSON as text
	run xj log --program xj-import
	assert_line --index 1 --partial ',import,,"{""import"":1,'
}

@test "log filters: student, user, program, times (as moments, on the real clock)" {
	setup_roster
	run xj log --student 110101200703140012 -f tsv
	assert_equal "${#lines[@]}" 2
	assert_equal "$(echo "${lines[1]}" | cut -f 8)" import
	run xj log --by chen -f tsv   # the config load by chen's key too
	assert_equal "${#lines[@]}" 5
	run xj log --program xj-import -f tsv
	assert_equal "${#lines[@]}" 3
	# a business date in the past files nothing into the past
	XJ_NOW=2020-01-02T10:00:00+08:00 xj config load -q "$EX/xj.yaml"
	run xj log --since "$(date -d '-10 minutes' +%FT%T)" -f tsv
	assert_equal "${#lines[@]}" 9
	run xj log --since "$(date -d '+10 minutes' +%FT%T%:z)" -f tsv
	assert_equal "${#lines[@]}" 1
	run xj log --until 2020-01-02 -f tsv
	assert_equal "${#lines[@]}" 1
	run xj log --since "$(date -d yesterday +%F)" --until "$(date -d tomorrow +%F)" -f tsv
	assert_equal "${#lines[@]}" 9
	# the same moment in UTC: as strings it would sort before every entry
	run xj log --until "$(date -u -d '+1 minute' +%FT%TZ)" -f tsv
	assert_equal "${#lines[@]}" 9
	run xj log --until "$(date -u -d '-10 minutes' +%FT%TZ)" -f tsv
	assert_equal "${#lines[@]}" 1
}

@test "--since and --until refuse what is not an ISO 8601 date or time (P21)" {
	setup_roster
	for bad in yesterday 2026/12/04 2026-02-30 12/04/2026 "2026-12-04 10:00:00" 2026-12-04T10:00; do
		run --separate-stderr xj log --since "$bad"
		assert_failure 2
		assert_output ""
		assert_equal "$stderr" \
			"xj: --since wants an ISO 8601 date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS), not '$bad'
Try 'xj --help' for more information."
	done
	run --separate-stderr xj log --since 2026-09-01 --until 2026-13-01
	assert_failure 2
	assert_equal "$stderr" \
		"xj: --until wants an ISO 8601 date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS), not '2026-13-01'
Try 'xj --help' for more information."
}

@test "an XJ_NOW that is not an ISO 8601 date or time is refused by every program, nothing written (P2, P21)" {
	keyed_store
	before=$(sql 'SELECT count(*) || "," || (SELECT count(*) FROM audit) FROM command')
	for bad in yesterday 2026/12/04 2026-02-30 "2026-09-10 09:00:00" 2026-09-10T25:00:00 \
		2026-09-10T09:00:00+8 20260910 "2026-09-10T09:00:00+08:00 "; do
		XJ_NOW=$bad run --separate-stderr xj-import -q --key keys/chen.key "$EX/roster.csv"
		assert_failure 2
		assert_output ""
		assert_equal "$stderr" "xj-import: XJ_NOW: not an ISO 8601 date or time: '$bad'"
	done
	XJ_NOW=yesterday run --separate-stderr xj config load -q --key keys/chen.key keyed.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: XJ_NOW: not an ISO 8601 date or time: 'yesterday'"
	XJ_NOW=yesterday run --separate-stderr xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: XJ_NOW: not an ISO 8601 date or time: 'yesterday'"
	XJ_NOW=yesterday run --separate-stderr xj-register annual -q --year 2027 --key keys/chen.key
	assert_failure 2
	assert_equal "$stderr" "xj-register: XJ_NOW: not an ISO 8601 date or time: 'yesterday'"
	for p in xj-change xj-diploma xj-archive xj-key; do
		XJ_NOW=2026/12/04 run --separate-stderr "$p" --version
		assert_failure 2
		assert_output ""
		assert_equal "$stderr" "$p: XJ_NOW: not an ISO 8601 date or time: '2026/12/04'"
	done
	assert_equal "$(sql 'SELECT count(*) || "," || (SELECT count(*) FROM audit) FROM command')" "$before"
	# the forms it takes
	for good in 2026-09-11 2026-09-11T10:00:00 2026-09-11T02:00:00Z 2026-09-11T10:00:00+08:00; do
		XJ_NOW=$good run --separate-stderr xj log --head
		assert_success
	done
}

@test "the log keeps the real time; XJ_NOW is the business date beside it, and dates the facts (P2)" {
	keyed_store
	# the roster came in under the tests' XJ_NOW: dated by it, logged at the real time
	real_time "$(sql 'SELECT at FROM command WHERE id = 3')"
	assert_equal "$(sql 'SELECT business FROM command WHERE id = 3')" 2026-09-10T09:00:00+08:00
	assert_equal "$(sql "SELECT DISTINCT since FROM status")" 2026-09-10
	# a business date alone, for work of a past day entered late
	XJ_NOW=2026-09-08 xj-verify case open -q --key keys/li.key --reason "照片与身份证不符" 26110101000001
	assert_equal "$(sql 'SELECT opened_on FROM case_file')" 2026-09-08
	row=$(sql 'SELECT at || "|" || business FROM command ORDER BY id DESC LIMIT 1')
	real_time "${row%%|*}"
	assert_equal "${row#*|}" 2026-09-08
	run --separate-stderr xj log -f tsv --program xj-verify
	assert_success
	real_time "$(echo "${lines[1]}" | cut -f 2)"
	assert_equal "$(echo "${lines[1]}" | cut -f 3)" 2026-09-08
	run xj log -f json --program xj-verify
	assert_output --partial '"business":"2026-09-08"'
	# without XJ_NOW the business time is the real one: nothing beside it
	env -u XJ_NOW xj-verify case note -q --key keys/li.key --note "已约谈" 26110101000001
	assert_equal "$(sql 'SELECT business IS NULL FROM command ORDER BY id DESC LIMIT 1')" 1
	assert_equal "$(sql 'SELECT on_date FROM case_event ORDER BY id DESC LIMIT 1')" "$(date +%F)"
	run xj log -f tsv --program xj-verify
	assert_equal "$(echo "${lines[3]}" | cut -f 3)" ""
	real_time "$(echo "${lines[3]}" | cut -f 2)"
	# a business date of the real day is recorded, but not shown again
	XJ_NOW=$(date +%F) xj-verify case note -q --key keys/li.key --note "已复核" 26110101000001
	assert_equal "$(sql 'SELECT business FROM command ORDER BY id DESC LIMIT 1')" "$(date +%F)"
	run xj log -f tsv --program xj-verify
	assert_equal "$(echo "${lines[3]}" | cut -f 3)" ""
	run xj log --verify
	assert_success
}

@test "--verify names an entry whose time goes backwards (P2)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	cmd=$(sql 'SELECT max(id) FROM command')
	first=$(sql "SELECT min(id) FROM audit WHERE command_id = $cmd")
	before=$(sql "SELECT c.at FROM audit a JOIN command c ON c.id = a.command_id WHERE a.id = $((first - 1))")
	# the entry's time set back, the chain rewritten to link again and
	# signed again with the staff's keys: only the order of the times is
	# wrong, and it gives it away
	/usr/bin/python3 "$DATA/backdate-command.py" "$XJ_DB" "$cmd" 2026-09-01T08:00:00+08:00 keys
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_output ""
	# said first, and the walk goes on: the decision's statement, signed
	# with its time, no longer verifies either
	assert_equal "$stderr" "xj: audit log broken: entry $first: its time 2026-09-01T08:00:00+08:00 is before entry $((first - 1))'s, $before (a clock was set back at the one, or forward at the other, or an entry was forged); decision $first: the signature does not verify (forged)"
	# a copy of such a store is not a good one
	run --separate-stderr xj backup copy.db
	assert_failure
	[ ! -e copy.db ]
}

@test "an entry written under a clock set forward stops the next command, naming it; --verify names it (P2)" {
	# a clock a year ahead, for one process: time(2) shifted by LD_PRELOAD,
	# as anyone may run a program
	if ! command -v cc > /dev/null || ldd "$(command -v xj)" | grep -q libasan; then
		skip "needs cc, and a build without AddressSanitizer (which must be preloaded first)"
	fi
	printf '%s\n' '#include <stdlib.h>' '#include <time.h>' \
		'time_t time(time_t *t) { struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts);' \
		'ts.tv_sec += 366L * 86400; if (t) *t = ts.tv_sec; return ts.tv_sec; }' > ahead.c
	cc -shared -fPIC -o ahead.so ahead.c
	keyed_store
	LD_PRELOAD=$PWD/ahead.so xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	cmd=$(sql 'SELECT max(id) FROM command')
	first=$(sql "SELECT min(id) FROM audit WHERE command_id = $cmd")
	last=$(sql 'SELECT max(id) FROM audit')
	ahead=$(sql "SELECT at FROM command WHERE id = $cmd")
	[[ "$ahead" == "$(TZ=Asia/Shanghai date -d '+366 days' +%Y-%m-%d)T"* ]]
	entries=$(sql 'SELECT count(*) FROM audit')
	# the next person's command writes nothing, and says whose entry is ahead
	run --separate-stderr xj query --key keys/chen.key --reveal 26110101000002
	assert_failure 3
	[[ "$stderr" == "xj: store $XJ_DB: this machine's clock reads "*", before the log's last entry, $last, written at $ahead by li; nothing is written (if the clock was set back, wait until then; if not, that entry was written under a clock set forward: see 'xj log --verify')" ]]
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$entries"
	# verify names it, and looks at everything else as well
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry $first: its time $ahead is after this machine's clock (written under a clock set forward, or forged)"
	# an edit behind the log does not hide behind the times
	behind "UPDATE student SET name = '张大伟' WHERE exam_no = '26110101000001'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj: audit log broken: entry $first: its time $ahead is after this machine's clock (written under a clock set forward, or forged)"
	[[ "$stderr" == *'name is "张大伟" in the store'* ]]
}

@test "times an older xj wrote (XJ_NOW as the time) are not held to the clock's order; new ones are (P2)" {
	# schema 2, as xj made it before the business time: each entry's time
	# was what XJ_NOW said (09-10, then 09-08, then 'yesterday')
	sqlite3 "$XJ_DB" < "$DATA/schema2-xjnow.sql"
	chmod 600 "$XJ_DB"
	run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$(sql 'SELECT from_version || "-" || to_version FROM migration')" "2-$(sql 'PRAGMA user_version')"
	# the migration itself on record at the real time, no business time
	cmd=$(sql 'SELECT command_id FROM migration')
	real_time "$(sql "SELECT at FROM command WHERE id = $cmd")"
	assert_equal "$(sql "SELECT business IS NULL FROM command WHERE id = $cmd")" 1
	run --separate-stderr xj log --verify
	assert_success
	# from the migration on, the real clock's order holds
	mkdir -p keys
	install -m 600 "$EX/keys/li.key" keys/li.key
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	cmd=$(sql 'SELECT max(id) FROM command')
	first=$(sql "SELECT min(id) FROM audit WHERE command_id = $cmd")
	/usr/bin/python3 "$DATA/backdate-command.py" "$XJ_DB" "$cmd" 2026-09-11T09:00:00+08:00 "$EX/keys"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "$stderr" == "xj: audit log broken: entry $first: its time 2026-09-11T09:00:00+08:00 is before entry $((first - 1))'s, "*" (a clock was set back at the one, or forward at the other, or an entry was forged)"* ]]
}

@test "the log masks ID and phone numbers unless --reveal" {
	setup_roster
	sed 's/13812345678/13812340000/' "$EX/roster.csv" > changed.csv
	xj-import -q -u chen --update changed.csv
	run xj log --student 110101200703140012 -f tsv
	assert_output --partial '"phone":"138****5678"'
	refute_output --partial 13812345678
	refute_output --partial 13812340000
	run xj log --student 26110101000001 -f tsv --reveal
	assert_output --partial '"phone":"13812345678"'
	assert_output --partial '"phone":"13812340000"'
}

@test "--verify passes on an untouched log" {
	setup_roster
	run --separate-stderr xj log --verify
	assert_success
	assert_output "audit log ok: 6 entries, every row as the log says"
}

@test "the store refuses deletes and edits of the log" {
	setup_roster
	run sql "DELETE FROM student WHERE id = 1"
	assert_failure
	assert_output --partial "nothing is deleted from the store"
	run sql "UPDATE audit SET new = '{}' WHERE id = 3"
	assert_failure
	assert_output --partial "audit entries are never changed"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 8
}

@test "--verify names an entry edited behind the store's back" {
	setup_roster
	unguarded "DROP TRIGGER audit_no_update; UPDATE audit SET new = replace(new, '\"read\":8', '\"read\":9') WHERE id = 5"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: entry 5 was changed after it was written (hash mismatch)"
}

@test "--verify names a deleted entry and a reordered one" {
	setup_roster
	unguarded "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 5 is missing (next is 6)"
	new_store_dir=$BATS_TEST_TMPDIR/b; mkdir -p "$new_store_dir"; cd "$new_store_dir"
	export XJ_DB=$new_store_dir/xj.db
	setup_roster
	unguarded "DROP TRIGGER audit_no_update; UPDATE audit SET id = 100 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = 100"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 4 does not follow entry 3 (chain broken)"
}

@test "a refused --strict file leaves the chain whole" {
	setup_roster
	printf '考生号,姓名,身份证号\n26110101000011,甲,11010519491231002X\n26110101000012,乙,1\n' > r.csv
	run xj-import -q --strict r.csv
	assert_failure 1
	xj-import -q --source application "$EX/roster.csv"
	run xj log --verify
	assert_success
	assert_output "audit log ok: 16 entries, every row as the log says"
}

@test "a student row changed behind the log's back is named, field by field (P2)" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run xj log --verify
	assert_success
	# with the triggers that log rows in place, the edit lands in the row
	# log too, beyond what its command signed: set aside, and named
	sql "UPDATE student SET name = '张玮', phone = '13900000000' WHERE exam_no = '26110101000001'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" 'xj: command 3: 1 row in the row log beyond the 3 its signed entry sums up, set aside (added behind the log)
xj: student 26110101000001: name is "张玮" in the store, the log says "张伟" (changed behind the log)
xj: student 26110101000001: phone is "139****0000" in the store, the log says "138****5678" (changed behind the log)
xj: audit log ok, but 3 things in the tables differ from it'
	# and with them dropped first, as an attacker would, the same
	behind "UPDATE student SET name = '张三' WHERE exam_no = '26110101000002'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "${stderr_lines[3]}" 'xj: student 26110101000002: name is "张三" in the store, the log says "王芳" (changed behind the log)'
}

@test "the college's day, not the server's: times are in China Standard Time unless XJ_TZ says (P2)" {
	new_store
	unset XJ_NOW
	# a server on UTC: an import between 00:00 and 08:00 Beijing time is
	# still dated that Beijing day
	TZ=UTC xj-import -q "$EX/roster.csv"
	assert_equal "$(sql "SELECT DISTINCT since FROM status")" "$(TZ=CST-8 date +%F)"
	assert_equal "$(sql "SELECT substr(at, 20) FROM command ORDER BY id DESC LIMIT 1")" "+08:00"
	XJ_TZ=UTC0 xj config load -q "$EX/xj.yaml"
	assert_equal "$(sql "SELECT substr(at, 20) FROM command ORDER BY id DESC LIMIT 1")" "+00:00"
}

@test "an XJ_TZ the log's times cannot be written in, or a name the zone database lacks, is refused before anything is written (P2)" {
	new_store
	entries=$(sql 'SELECT count(*) FROM audit')
	for z in UTC+24 XYZ+99 UTC+12:30:15 Asia/Shangai garbage :/etc/passwd; do
		XJ_TZ=$z run --separate-stderr xj-import -q "$EX/roster.csv"
		assert_failure 2
		assert_equal "$stderr" "xj-import: XJ_TZ: not a time zone xj can date by: '$z' (a POSIX rule such as CST-8, or a name of the time zone database such as Asia/Shanghai)"
	done
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$entries"
	XJ_TZ=UTC-14 xj-import -q "$EX/roster.csv"
	run xj log --verify
	assert_success
}

@test "an XJ_NOW with another zone's offset dates the facts by the college's day (P2)" {
	new_store
	# 20:00 UTC on the 10th is 04:00 on the 11th in Beijing
	TZ=UTC XJ_NOW=2026-09-10T20:00:00Z xj-import -q "$EX/roster.csv"
	assert_equal "$(sql "SELECT DISTINCT since FROM status")" 2026-09-11
	assert_equal "$(sql "SELECT business FROM command ORDER BY id DESC LIMIT 1")" \
		2026-09-11T04:00:00+08:00
	# the same moment in a college kept on UTC is its own day, as given
	XJ_TZ=UTC0 XJ_NOW=2026-09-10T20:00:00Z xj config load -q "$EX/xj.yaml"
	assert_equal "$(sql "SELECT business FROM command ORDER BY id DESC LIMIT 1")" \
		2026-09-10T20:00:00Z
	# a time with the college's own offset, and a local time, stay as given
	XJ_NOW=2026-09-10T23:30:00+08:00 xj config load -q "$EX/xj.yaml"
	assert_equal "$(sql "SELECT business FROM command ORDER BY id DESC LIMIT 1")" \
		2026-09-10T23:30:00+08:00
	XJ_NOW=2026-09-10T23:30:00 xj config load -q "$EX/xj.yaml"
	assert_equal "$(sql "SELECT business FROM command ORDER BY id DESC LIMIT 1")" \
		2026-09-10T23:30:00
}
