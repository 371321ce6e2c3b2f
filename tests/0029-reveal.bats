#!/usr/bin/env bats
# Personal data shown whole is on record before it is shown (P2): --reveal,
# the printed card and CHSI's upload files write their "reveal" entry
# first, and a store that cannot take it (read-only, locked by another
# writer) shows nothing.  A log that does not verify gives no head to keep.

load test_helper

A=26110101000001
T="$EX/templates"

# The latest reveal entry, as xj log shows it: who, the program, and what
# the entry says.
last_reveal() {
	xj log "$@" -f tsv | awk -F'\t' '$8 == "reveal" { r = $4 " " $6 " " $10 } END { print r }'
}

# How many reveal entries the log holds; nothing at all if the log cannot
# be read, so a count compared with it fails.
reveals() {
	run xj log "$@" -f tsv
	assert_success || return
	printf '%s\n' "$output" | awk -F'\t' '$8 == "reveal"' | wc -l
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

# Program $1 (with its arguments) run on the read-only store shows
# nothing, exit 3, and says why; no reveal is on record.
refused_readonly() {
	local db="$RO/xj.db"
	run --separate-stderr $AS env XJ_DB="$db" "$@"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "$1: store $db: write: attempt to write a readonly database"
	run $AS env XJ_DB="$db" xj log -f tsv
	assert_success
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$8 == "reveal"' | wc -l)" 0
}

teardown() {
	[ -z "${RO:-}" ] || [ "$RO" = "$BATS_TEST_TMPDIR/ro" ] || rm -rf "$RO"
}

@test "xj query --reveal is on record before its first row: the entry names the verb and the fields (P2)" {
	keyed_store
	run --separate-stderr xj query --reveal --key keys/li.key --fields exam_no,id_number,phone $A
	assert_success
	assert_output "exam_no,id_number,phone
$A,110101200703140012,13812345678"
	assert_equal "$stderr" ""
	assert_equal "$(last_reveal)" 'li xj query {"verb":"query","fields":["id_number","phone"]}'
}

@test "a reveal's filters and keys are the command's own, on record with it (P2)" {
	keyed_store
	xj query --reveal --key keys/li.key --fields exam_no,id_number,phone $A > /dev/null
	# a command's arguments are the store's record: xj log does not print them
	assert_equal "$(sql "SELECT c.args FROM audit a JOIN command c ON c.id = a.command_id
			     WHERE a.action = 'reveal'")" "query --reveal --key keys/li.key --fields exam_no,id_number,phone $A"
}

@test "xj log --reveal shows its own reveal: written before the log was read (P2)" {
	keyed_store
	run --separate-stderr xj log --reveal --key keys/chen.key -f tsv
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(echo "$output" | tail -n 1 | cut -f4,6,8,10)" \
		"$(printf 'chen\txj log\treveal\t{"verb":"log","fields":["id_number","phone"]}')"
}

@test "xj-change list --reveal is on record (P2, P12)" {
	keyed_store
	run --separate-stderr xj-change list --reveal --key keys/li.key
	assert_success
	assert_output "id,exam_no,name,kind,field,old,new,evidence,files,missing,requested_by,requested_on,approved_by,next,state,filing"
	assert_equal "$stderr" ""
	assert_equal "$(last_reveal)" 'li xj-change {"verb":"list","fields":["id_number","phone"]}'
}

@test "xj-verify check --reveal is on record, when the check then fails too (P2, P4)" {
	keyed_store
	run --separate-stderr xj-verify check --reveal --key keys/li.key $A
	assert_failure 1
	assert_output "exam_no,name,field,source,roster,value,where"
	# the sources not taken in yet: said
	assert_equal "$stderr" "xj-verify: no application rows were ever imported for cohort 2026: not compared (xj-import --source application)
xj-verify: no admission rows were ever imported for cohort 2026: not compared (xj-import --source admission)
xj-verify: no onsite rows were ever imported for cohort 2026: not compared (xj-import --source onsite)"
	assert_equal "$(last_reveal)" 'li xj-verify {"verb":"check","fields":["id_number"]}'
}

@test "the printed record card is a reveal (P2, P9)" {
	keyed_store
	run --separate-stderr xj-register card --key keys/chen.key -o card.html $A
	assert_success
	assert_equal "$output$stderr" ""
	[ -s card.html ]
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"card","fields":["id_number"]}'
	run xj log --verify
	assert_success
}

@test "a read-only store is still read masked (P2)" {
	keyed_store
	readonly_store
	run --separate-stderr $AS env XJ_DB="$RO/xj.db" xj query --fields exam_no,id_number $A
	assert_success
	assert_output "exam_no,id_number
$A,110101********0012"
	assert_equal "$stderr" ""
}

@test "a read-only store: xj query --reveal shows nothing, exit 3 (P2)" {
	keyed_store
	readonly_store
	refused_readonly xj query --reveal --key "$RO/chen.key" --fields exam_no,id_number $A
}

@test "a read-only store: xj log --reveal shows nothing, exit 3 (P2)" {
	keyed_store
	readonly_store
	refused_readonly xj log --reveal --key "$RO/chen.key"
}

@test "a read-only store: xj-change list --reveal shows nothing, exit 3 (P2)" {
	keyed_store
	readonly_store
	refused_readonly xj-change list --reveal --key "$RO/li.key"
}

@test "a read-only store: xj-verify check --reveal shows nothing, exit 3 (P2)" {
	keyed_store
	readonly_store
	refused_readonly xj-verify check --reveal --key "$RO/li.key" $A
}

@test "a read-only store: no record card is printed, exit 3 (P2)" {
	keyed_store
	readonly_store
	refused_readonly xj-register card --key "$RO/chen.key" $A
}

@test "a read-only store: no CHSI upload file is written, exit 3 (P2, P9)" {
	keyed_store
	approved
	readonly_store
	refused_readonly xj-register new --template "$RO/chsi-new.yaml" --key "$RO/chen.key"
}

@test "a store another writer holds is still read masked, without waiting (P2)" {
	keyed_store
	hold_lock
	run --separate-stderr xj query --wait 0 --fields exam_no,id_number $A
	assert_success
	assert_output "exam_no,id_number
$A,110101********0012"
	assert_equal "$stderr" ""
	release_lock
}

@test "a store another writer holds reveals nothing once the wait is over: exit 3 (P2)" {
	keyed_store
	hold_lock
	run --separate-stderr xj query --wait 1 --reveal --key keys/chen.key --fields exam_no,id_number $A
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj: store $XJ_DB is busy: another command holds it, and 1 s were not enough (--wait SECONDS)"
	release_lock
	assert_equal "$(reveals)" 0
}

@test "CHSI's upload file to standard output, without --commit, is a reveal and no submission (P2, P9)" {
	keyed_store
	approved
	run --separate-stderr xj-register new --template "$T/chsi-new.yaml" --key keys/chen.key $A
	assert_success
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8 | tr -d '\r' | tail -n 1 | cut -d, -f1,6)" \
		"$A,110101200703140012"
	assert_equal "$stderr" "xj-register: 1 on the approved list, 0 left out"
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"-","rows":1}'
	# no submission: no register entry
	run xj log --program xj-register -f tsv
	assert_equal "$(printf '%s\n' "$output" | cut -f8)" "action
reveal"
}

@test "CHSI's upload file of a dry run is made, its reveal on record and said to be the one thing recorded; no submission (P2, P9)" {
	keyed_store
	approved
	run --separate-stderr xj-register new -n --template "$T/chsi-new.yaml" -o dry.csv --commit \
		--key keys/chen.key $A
	assert_success
	assert_output ""
	assert_equal "$stderr" "xj-register: 1 on the approved list, 0 left out (dry run: nothing was recorded but the file's reveal)"
	[ -s dry.csv ]
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"dry.csv","rows":1}'
	run xj log --program xj-register -f tsv
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f8)" "action
reveal"
}

@test "CHSI's upload file submitted: the file, its students and the reveal in one command (P2, P9)" {
	keyed_store
	approved
	run --separate-stderr xj-register new -q --template "$T/chsi-new.yaml" -o new.csv --commit \
		--key keys/chen.key $A
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"new.csv","rows":1}'
	run xj log --program xj-register -f tsv
	assert_equal "$(printf '%s\n' "$output" | cut -f8,10 | sed '/^rows/s/\t.*//')" "$(cat <<'EOF'
action	new
register	{"kind":"new","state":"submitted"}
reveal	{"verb":"new","output":"new.csv","rows":1}
rows
EOF
)"
	# which command an entry is of is the store's record: xj log does not print it
	assert_equal "$(sql "SELECT group_concat(action, ' ') FROM audit WHERE command_id =
			     (SELECT max(command_id) FROM audit)")" "register reveal rows"
	run xj log --verify
	assert_success
}

# Student A studied, the diploma issued; it is 2029-06-20.
issued() {
	keyed_store
	studied $A
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key $A > /dev/null
}

@test "the diploma upload file to standard output is a reveal (P2, P14)" {
	issued
	run --separate-stderr xj-diploma register --template "$T/chsi-diploma.yaml" --key keys/chen.key
	assert_success
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8 | tr -d '\r' | tail -n 1 | cut -d, -f1,5)" \
		"$A,110101200703140012"
	assert_equal "$stderr" "xj-diploma: 1 certificate in the file, 0 left out"
	assert_equal "$(last_reveal)" 'chen xj-diploma {"verb":"register","output":"-","rows":1}'
}

@test "the diploma upload file submitted is a reveal (P2, P14)" {
	issued
	run --separate-stderr xj-diploma register -q --template "$T/chsi-diploma.yaml" -o reg.csv \
		--commit --key keys/chen.key
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(last_reveal)" 'chen xj-diploma {"verb":"register","output":"reg.csv","rows":1}'
}

@test "a dry run's diploma upload file is never put in place: nothing is shown, nothing on record (P2, P14)" {
	issued
	run xj log -f tsv
	assert_success
	before=$output
	run --separate-stderr xj-diploma register -q -n --template "$T/chsi-diploma.yaml" \
		-o none.csv --commit --key keys/chen.key
	assert_success
	assert_equal "$output$stderr" ""
	[ ! -e none.csv ]
	run xj log -f tsv
	assert_success
	assert_equal "$output" "$before"
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

@test "--head of a log that verifies is its last entry and hash (P2)" {
	keyed_store
	run --separate-stderr xj log --head
	assert_success
	[[ "$output" =~ ^[0-9]+:[0-9a-f]{64}$ ]]
	assert_equal "$stderr" ""
}

@test "--head of a log that does not verify: exit 1, no head (P2)" {
	keyed_store
	tamper "UPDATE audit SET new = replace(new, '\"read\":8', '\"read\":9') WHERE id = 5"
	run --separate-stderr xj log --head
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: entry 5 was changed after it was written (hash mismatch)"
}

@test "a dry run of CHSI's upload file to standard output, without --commit, says its reveal is recorded (P2, P9)" {
	keyed_store
	approved
	run --separate-stderr xj-register new -n --template "$T/chsi-new.yaml" --key keys/chen.key $A
	assert_success
	assert_equal "$stderr" "xj-register: 1 on the approved list, 0 left out (dry run: nothing was recorded but the file's reveal)"
	assert_equal "$(last_reveal)" 'chen xj-register {"verb":"new","output":"-","rows":1}'
}

@test "a dry run of the diploma upload file to standard output says its reveal is recorded (P2, P14)" {
	issued
	run --separate-stderr xj-diploma register -n --template "$T/chsi-diploma.yaml" --key keys/chen.key
	assert_success
	assert_equal "$stderr" "xj-diploma: 1 certificate in the file, 0 left out (dry run: nothing was recorded but the file's reveal)"
	assert_equal "$(last_reveal)" 'chen xj-diploma {"verb":"register","output":"-","rows":1}'
	# to -o FILE a dry run's file is never put in place: no reveal, and none said
	n=$(reveals)
	run --separate-stderr xj-diploma register -n --template "$T/chsi-diploma.yaml" -o reg.csv \
		--key keys/chen.key
	assert_success
	assert_equal "$stderr" "xj-diploma: 1 certificate in the file, 0 left out"
	assert_equal "$(reveals)" "$n"
}
