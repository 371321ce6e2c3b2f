#!/usr/bin/env bats
# Personal data shown whole is on record before it is shown (P2): --reveal,
# the printed card and CHSI's upload files write their "reveal" entry
# first, and a store that cannot take it (read-only, locked by another
# writer) shows nothing.  A log that does not verify gives no head to keep.

load test_helper

A=26110101000001
T="$EX/templates"

# The latest reveal entry: who, and what it says.
last_reveal() {
	sql "SELECT c.user || ' ' || c.program || ' ' || a.new FROM audit a JOIN command c
	     ON c.id = a.command_id WHERE a.action = 'reveal' ORDER BY a.id DESC LIMIT 1"
}

# Student A's re-check signed at every level: on CHSI's approved list (P9).
approved() {
	xj-verify review -q --key keys/li.key $RECHECK $A
	xj-verify confirm -q --key keys/zhou.key $A
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept $A
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader $A
}

# The store copied where it can be read but not written: $RO/xj.db, with
# chen's and li's keys beside it, and $AS the prefix that runs a program as
# a user the file's mode holds (root writes any file, so the tests run as
# nobody then, in a folder of nobody's, as tests/0021-faults.bats does).
readonly_store() {
	AS=
	RO=$BATS_TEST_TMPDIR/ro
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv > /dev/null || skip "setpriv is needed to run as another user"
		AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
		$AS xj --version > /dev/null 2>&1 || skip "nobody cannot run the programs from this checkout"
		RO=$(mktemp -d /tmp/xj-reveal.XXXXXX)
	fi
	mkdir -p "$RO"
	cp "$XJ_DB" keys/chen.key keys/li.key "$T/chsi-new.yaml" "$RO/"
	[ -z "$AS" ] || chown -R nobody "$RO"
	chmod 0444 "$RO/xj.db"
}

teardown() {
	[ -z "${RO:-}" ] || [ "$RO" = "$BATS_TEST_TMPDIR/ro" ] || rm -rf "$RO"
	[ -z "${HOLDER:-}" ] || { exec 4>&-; wait "$HOLDER" || true; }
}

@test "a reveal is on record before its first row: the entry names the verb and the fields (P2)" {
	keyed_store
	run --separate-stderr xj query --reveal --key keys/li.key --fields exam_no,id_number,phone $A
	assert_success
	assert_output "exam_no,id_number,phone
$A,110101200703140012,13812345678"
	assert_equal "$(last_reveal)" 'li xj query {"verb":"query","fields":["id_number","phone"]}'
	# the filters and keys are the command's own, on record with it
	assert_equal "$(sql "SELECT c.args FROM audit a JOIN command c ON c.id = a.command_id
			     WHERE a.action = 'reveal'")" "query --reveal --key keys/li.key --fields exam_no,id_number,phone $A"
	# the log shows its own reveal: written before the log was read
	run --separate-stderr xj log --reveal --key keys/chen.key -f tsv
	assert_success
	assert_equal "$(echo "$output" | tail -n 1 | cut -f4,6,8,10)" \
		"$(printf 'chen\txj log\treveal\t{"verb":"log","fields":["id_number","phone"]}')"
	run --separate-stderr xj-change list --reveal --key keys/li.key
	assert_success
	assert_equal "$(last_reveal)" 'li xj-change {"verb":"list","fields":["id_number","phone"]}'
	run --separate-stderr xj-verify check --reveal --key keys/li.key $A
	assert_failure 1   # the sources not taken in yet: said
	assert_equal "$(last_reveal)" 'li xj-verify {"verb":"check","fields":["id_number"]}'
	run --separate-stderr xj-register card --key keys/chen.key -o card.html $A
	assert_success
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"card","fields":["id_number"]}'
	run xj log --verify
	assert_success
}

@test "a read-only store reveals nothing: exit 3, no row shown (P2)" {
	keyed_store
	readonly_store
	db="$RO/xj.db"
	# reading it masked works; showing it whole cannot go on record
	run --separate-stderr $AS env XJ_DB="$db" xj query --fields exam_no,id_number $A
	assert_success
	assert_output "exam_no,id_number
$A,110101********0012"
	run --separate-stderr $AS env XJ_DB="$db" xj query --reveal --key "$RO/chen.key" \
		--fields exam_no,id_number $A
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj: store $db: write: attempt to write a readonly database"
	run --separate-stderr $AS env XJ_DB="$db" xj log --reveal --key "$RO/chen.key"
	assert_failure 3
	assert_output ""
	run --separate-stderr $AS env XJ_DB="$db" xj-change list --reveal --key "$RO/li.key"
	assert_failure 3
	assert_output ""
	run --separate-stderr $AS env XJ_DB="$db" xj-verify check --reveal --key "$RO/li.key" $A
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj-verify: store $db: write: attempt to write a readonly database"
	run --separate-stderr $AS env XJ_DB="$db" xj-register card --key "$RO/chen.key" $A
	assert_failure 3
	assert_output ""
	run --separate-stderr $AS env XJ_DB="$db" xj-register new --template "$RO/chsi-new.yaml" \
		--key "$RO/chen.key"
	assert_failure 3
	assert_output ""
	assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'reveal'")" 0
}

@test "a store another writer holds reveals nothing once the wait is over: exit 3 (P2)" {
	keyed_store
	mkfifo lock.in
	sqlite3 "$XJ_DB" < lock.in > /dev/null 2>&1 3>&- &
	HOLDER=$!
	exec 4> lock.in
	# the holder waits its turn: the probe below may hold the lock a moment
	printf '.timeout 10000\nBEGIN IMMEDIATE;\n' >&4
	until ! sqlite3 "$XJ_DB" 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;' 2> /dev/null; do
		sleep 0.1
	done
	# a masked read does not wait for the writer
	run --separate-stderr xj query --fields exam_no,id_number $A
	assert_success
	run --separate-stderr xj query --wait 1 --reveal --key keys/chen.key --fields exam_no,id_number $A
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj: store $XJ_DB is busy: another command holds it, and 1 s were not enough (--wait SECONDS)"
	exec 4>&-
	wait "$HOLDER"
	HOLDER=
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE action = 'reveal'")" 0
}

@test "CHSI's upload file is a reveal, without --commit too: where it went and its rows (P2, P9)" {
	keyed_store
	approved
	run --separate-stderr xj-register new --template "$T/chsi-new.yaml" --key keys/chen.key $A
	assert_success
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8 | tr -d '\r' | tail -n 1 | cut -d, -f1,6)" \
		"$A,110101200703140012"
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"-","rows":1}'
	assert_equal "$(sql 'SELECT count(*) FROM submission')" 0
	# a dry run records no submission, but the file is made: the reveal is
	xj-register new -q -n --template "$T/chsi-new.yaml" -o dry.csv --commit --key keys/chen.key $A
	[ -s dry.csv ]
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"dry.csv","rows":1}'
	assert_equal "$(sql 'SELECT count(*) FROM submission')" 0
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE action = 'register'")" 0
	# submitted: the file, its students and the reveal in one command
	xj-register new -q --template "$T/chsi-new.yaml" -o new.csv --commit --key keys/chen.key $A
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"new.csv","rows":1}'
	assert_equal "$(sql "SELECT group_concat(action, ' ') FROM audit WHERE command_id =
			     (SELECT max(command_id) FROM audit)")" "register reveal rows"
	assert_equal "$(sql 'SELECT count(*) FROM submission')" 1
	run xj log --verify
	assert_success
}

@test "the diploma upload file is a reveal, to standard output too (P2, P14)" {
	keyed_store
	studied $A
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key $A > /dev/null
	run --separate-stderr xj-diploma register --template "$T/chsi-diploma.yaml" --key keys/chen.key
	assert_success
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8 | tr -d '\r' | tail -n 1 | cut -d, -f1,5)" \
		"$A,110101200703140012"
	assert_equal "$(last_reveal)" 'chen xj-diploma {"verb":"register","output":"-","rows":1}'
	xj-diploma register -q --template "$T/chsi-diploma.yaml" -o reg.csv --commit --key keys/chen.key
	assert_equal "$(last_reveal)" 'chen xj-diploma {"verb":"register","output":"reg.csv","rows":1}'
	# a dry run's file is never put in place: nothing is shown, nothing on record
	before=$(sql 'SELECT count(*) FROM audit')
	XJ_NOW=2029-06-21T09:00:00+08:00 xj-diploma register -q -n --template "$T/chsi-diploma.yaml" \
		-o none.csv --commit --key keys/chen.key
	[ ! -e none.csv ]
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "the annual upload file is a reveal with its rows (P2, P11)" {
	keyed_store
	approved
	xj-register new -q --template "$T/chsi-new.yaml" -o new.csv --commit --key keys/chen.key $A
	printf 'exam_no,result\n%s,success\n' $A > fb.csv
	xj-register result -q --key keys/chen.key fb.csv
	export XJ_NOW=2027-09-10T09:00:00+08:00
	xj-register annual -q --year 2027 --template "$T/chsi-annual.yaml" -o annual.csv \
		--key keys/chen.key > /dev/null
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"annual","output":"annual.csv","rows":1}'
}

@test "--head of a log that does not verify: exit 1, no head (P2)" {
	keyed_store
	run --separate-stderr xj log --head
	assert_success
	[[ "$output" =~ ^[0-9]+:[0-9a-f]{64}$ ]]
	sql "DROP TRIGGER audit_no_update; UPDATE audit SET new = replace(new, '\"read\":8', '\"read\":9') WHERE id = 5"
	run --separate-stderr xj log --head
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: entry 5 was changed after it was written (hash mismatch)"
}
