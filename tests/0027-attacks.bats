#!/usr/bin/env bats
# The policy's promises hold against a colleague with a shell: every change
# is made by a person proven by a key (P2), in a role the verb allows, in
# their own department (P3); the configuration is a signed decision that
# cannot go below the policy (P1, P7, P11, P12); CHSI's feedback moves only
# the students who were submitted (P9); time is the clock's.  Each test is
# one attack, tried as it would be, and the refusal it meets.

load test_helper

# exam numbers of the example roster: 01-03 CS, 04 ME, ...
A=26110101000001
B=26110101000002

pub() {
	sed -n 's/^public //p' "keys/$1.key"
}

@test "a reviewer cannot load a config that swaps others' keys for her own (P1, P2)" {
	keyed_store
	for n in wang zhao chen; do xj-key new -q --key "keys/li-as-$n.key" > "li-as-$n.pub"; done
	sed -e "s|$(pub wang)|$(cat li-as-wang.pub)|" -e "s|$(pub zhao)|$(cat li-as-zhao.pub)|" \
		-e "s|$(pub chen)|$(cat li-as-chen.pub)|" keyed.yaml > evil.yaml
	before=$(sql 'SELECT count(*) FROM audit')
	run --separate-stderr xj config load --key keys/li.key evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: li is not an admin"
	run --separate-stderr env -u XJ_KEY xj config load -u chen evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: no key in use (see xj-key(1))"
	# her own keys do not make her anyone else
	run --separate-stderr xj-verify sign --key keys/li-as-wang.key --stage arrival --level dept $A
	assert_failure 2
	assert_equal "$stderr" "xj-verify: the key in use ($(cat li-as-wang.pub), from --key) is no staff member's in the config"
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
	run xj log --verify
	assert_success
}

@test "even an admin cannot swap another person's key alone: a second admin approves (P1, P2)" {
	keyed_store
	xj-key new -q --key keys/chen-as-zhao.key > chen-as-zhao.pub
	sed "s|$(pub zhao)|$(cat chen-as-zhao.pub)|" keyed.yaml > swap.yaml
	run --separate-stderr xj config load --key keys/chen.key swap.yaml
	assert_success
	assert_equal "$stderr" "xj: config staged as proposal 1 (changes zhao's key): a second admin approves it with 'xj config approve 1'"
	run --separate-stderr xj config approve --key keys/chen.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: config proposal 1 is chen's own: a second admin approves it"
	run --separate-stderr xj-key show --key keys/chen-as-zhao.key
	assert_failure 1
}

@test "a config below the policy's floor is refused, the rule named (P12)" {
	keyed_store
	cp keyed.yaml loose.yaml
	printf 'changes: {levels: [reviewer], evidence: [application]}\n' >> loose.yaml
	run --separate-stderr xj config load --key keys/chen.key loose.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: loose.yaml:22: changes.levels: below the policy (P12): key data is approved by reviewer, dept-head and leader, in that order"
}

@test "a role unknown or given twice is refused wherever it stands in the list (P1)" {
	keyed_store
	sed 's/roles: \[leader\]/roles: [leader, boss]/' keyed.yaml > boss.yaml
	run --separate-stderr xj config load --key keys/chen.key boss.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: boss.yaml:12: staff[5].roles: unknown role \"boss\" (want reviewer, dept-head, leader, registrar, archivist or admin)"
	sed "s/roles: \[reviewer\], key/roles: [reviewer, dept_head], key/" keyed.yaml > typo.yaml
	run --separate-stderr xj config load --key keys/chen.key typo.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: typo.yaml:8: staff[1].roles: unknown role \"dept_head\" (want reviewer, dept-head, leader, registrar, archivist or admin)"
}

@test "CHSI feedback registers no one who was never reviewed and submitted (P9)" {
	keyed_store
	printf 'exam_no,result\n%s,success\n' $B > fb.csv
	# a reviewer: not her work
	run --separate-stderr xj-register result --key keys/li.key fb.csv
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register result' is work for the registrar; li does not hold that role"
	# no key at all
	run --separate-stderr env -u XJ_KEY xj-register result fb.csv
	assert_failure 2
	# the registrar: the student was never submitted
	run --separate-stderr xj-register result --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$(xj query --student $B --fields status | tail -n 1)" admitted
	assert_equal "$(sql "SELECT count(*) FROM registration")" 0
}

@test "an update without a key changes nothing: a name is no proof (P2, P12)" {
	keyed_store
	sed 's/,张伟,/,李四,/' "$EX/roster.csv" > changed.csv
	run --separate-stderr env -u XJ_KEY xj-import --update -u chen changed.csv
	assert_failure 2
	assert_equal "$(xj query --student $A --fields name | tail -n 1)" 张伟
	run --separate-stderr xj-import --update --key keys/li.key changed.csv
	assert_failure 2
	assert_equal "$(xj query --student $A --fields name | tail -n 1)" 张伟
}

@test "-u naming someone other than the key's holder is refused in every program (P2)" {
	keyed_store
	for cmd in "xj-import --source application $EX/roster.csv" \
		   "xj-verify review --stage arrival --result pass $A" \
		   "xj-change request --field name --to 张玮 --evidence application,household-register,id-card $A" \
		   "xj-register annual --year 2026" \
		   "xj-archive lend --to x --reason y $A"; do
		run --separate-stderr $cmd --key keys/chen.key -u zhao
		assert_failure 2
		assert_equal "$stderr" "${cmd%% *}: the key in use is chen's, not zhao's"
	done
}

@test "a reviewer decides for her own department only (P3)" {
	keyed_store
	# 26110101000004 is of ME; li reviews CS
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result pass 26110101000004
	assert_failure 1
	run --separate-stderr xj-verify sign --key keys/ma.key --stage arrival --level dept $A
	assert_failure 1
}

@test "XJ_NOW is a date or it is refused; the log keeps the real clock (P2)" {
	keyed_store
	run --separate-stderr env XJ_NOW=yesterday xj-register annual --key keys/chen.key --year 2026
	assert_failure 2
	assert_equal "$stderr" "xj-register: XJ_NOW: not an ISO 8601 date or time: 'yesterday'"
	now=$(date +%Y-%m-%d)
	assert_equal "$(sql 'SELECT substr(at, 1, 10) FROM command ORDER BY id DESC LIMIT 1')" "$now"
	assert_equal "$(sql 'SELECT business FROM command ORDER BY id DESC LIMIT 1')" "2026-09-10T09:00:00+08:00"
}

@test "no write without a key, in any program (P2)" {
	keyed_store
	unset XJ_KEY
	before=$(sql 'SELECT count(*) FROM audit')
	for cmd in "xj-import --source application $EX/roster.csv" \
		   "xj-verify review --stage arrival --result pass $A" \
		   "xj-change request --field name --to 张玮 --evidence application,household-register,id-card $A" \
		   "xj-register annual --year 2026" "xj-diploma issue --conclusion graduate $A" \
		   "xj-archive lend --to x --reason y $A"; do
		run --separate-stderr $cmd -u chen
		assert_failure 2
	done
	run --separate-stderr xj query --reveal --student $A
	assert_failure 2
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "no output lands on the store, its -wal or -shm, by any option (P2)" {
	keyed_store
	before=$(sha256sum "$XJ_DB" | cut -d' ' -f1)
	run --separate-stderr xj query -o "$XJ_DB"
	assert_failure 2
	assert_equal "$stderr" "xj: $XJ_DB is the store or one of its files: an output never lands there"
	run --separate-stderr xj-register card --key keys/chen.key -o "$XJ_DB-wal" $A
	assert_failure 2
	assert_equal "$stderr" "xj-register: $XJ_DB-wal is the store or one of its files: an output never lands there"
	# the same file by another way of writing its name
	run --separate-stderr xj-import --key keys/chen.key --reject "$(dirname "$XJ_DB")/./xj.db" \
		"$EX/roster.csv"
	assert_failure 2
	run --separate-stderr xj log -o "$XJ_DB-shm"
	assert_failure 2
	assert_equal "$(sha256sum "$XJ_DB" | cut -d' ' -f1)" "$before"
	run xj log --verify
	assert_success
}

@test "a store that is a device, a FIFO or a folder is refused before SQLite opens it" {
	run --separate-stderr env XJ_DB=/dev/null xj query
	assert_failure 3
	assert_equal "$stderr" "xj: /dev/null is not a store: not a regular file"
	[ ! -e /dev/null-journal ]
	mkfifo fifo.db
	run --separate-stderr env XJ_DB=fifo.db timeout 10 xj query
	assert_failure 3
	mkdir dir.db
	run --separate-stderr env XJ_DB=dir.db xj query
	assert_failure 3
	assert_equal "$stderr" "xj: dir.db is not a store: not a regular file"
}

@test "a request whose levels were cut behind xj's back is approved by nobody (P1, P12)" {
	keyed_store
	echo "申请书" > application.pdf
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file application.pdf $A > /dev/null
	# the guard put back after the edit: a store without it is written to
	# by no program (0031)
	guard=$(sql "SELECT sql FROM sqlite_master WHERE name = 'change_no_update'")
	sql "DROP TRIGGER change_no_update; UPDATE change_request SET levels = 'reviewer'; $guard"
	run --separate-stderr xj-change approve --key keys/zhou.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: request #1 asks for the levels reviewer, below the policy (P1, P12): reviewer, dept-head and leader
xj-change: 0 done, 1 refused"
	assert_equal "$(xj query --student $A --fields name | tail -n 1)" 张伟
}

@test "moving a department head to another department is a grant: a second admin approves (P3)" {
	keyed_store
	sed 's/{name: ma, full_name: 马强, dept: ME,/{name: ma, full_name: 马强, dept: CS,/' keyed.yaml > move.yaml
	run --separate-stderr xj config load --key keys/chen.key move.yaml
	assert_success
	assert_equal "$stderr" "xj: config staged as proposal 1 (changes ma's department): a second admin approves it with 'xj config approve 1'"
	# until then ma signs for ME only
	run --separate-stderr xj-verify sign --key keys/ma.key --stage arrival --level dept $A
	assert_failure 1
}

@test "a student's id edited far past the others stops a walk with its reason, not out of memory (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	behind "UPDATE student SET id = 4000000000 WHERE exam_no = '26110101000001'"
	XJ_NOW=2029-06-20T09:00:00+08:00 run --separate-stderr xj-diploma check
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj-diploma: a student's id in the store is 4000000000, past any xj makes: see 'xj log --verify'"
	# named by the log's check too
	run xj log --verify
	assert_failure 1
}
