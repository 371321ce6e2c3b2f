#!/usr/bin/env bats
# A signature covers what it approves (P1, P2, P12): every decision made
# online is signed over a statement of what it decides (the student, the
# stage, level and result, or the request with its values, the config in
# force and the head of the log before it), kept beside the signature.
# xj log --verify holds every row that stands on a decision to the
# statement signed: a row copied onto another student or request, or
# edited since, is named, table, id and what differs.

load test_helper

EVIDENCE="--evidence application,household-register,id-card"

# Student 26110101000001's re-check, signed at every level (P1, P7).
rechecked() {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept 26110101000001
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader 26110101000001
}

# Line NAME of the statement decision ID was signed over.
line() {
	sql "SELECT statement FROM decision_sig WHERE audit_id = $1" | sed -n "s/^$2: //p"
}

# The decision entry of a row (table, id).
decision_of() {
	sql "SELECT audit_id FROM $1 WHERE id = $2"
}

# Sign text as a staff member's key would, outside xj (openssl, Ed25519).
sign_as() {
	local who=$1 text=$2
	{ printf '302e020100300506032b657004220420' | xxd -r -p
	  sed -n 's/^secret //p' "keys/$who.key" | base64 -d; } > "$who.der"
	openssl pkey -inform DER -in "$who.der" -out "$who.pem"
	printf '%s' "$text" > "$who.msg"
	openssl pkeyutl -sign -rawin -inkey "$who.pem" -in "$who.msg" | base64 -w0
}

@test "every online decision is signed over a statement of what it decides (P1, P2)" {
	rechecked
	assert_equal "$(sql 'SELECT count(*) FROM decision_sig WHERE statement IS NULL')" 0
	assert_equal "$(sql "SELECT group_concat(substr(statement, 1, instr(statement, char(10)) - 1), ' ')
		FROM (SELECT statement FROM decision_sig ORDER BY audit_id)")" \
		"xj-review-1 xj-signoff-1 xj-signoff-1 xj-signoff-1"
	r=$(decision_of review 1)
	assert_equal "$(line "$r" student)" 26110101000001
	assert_equal "$(line "$r" id_sha256)" "$(printf %s 110101200703140012 | sha256sum | cut -d' ' -f1)"
	assert_equal "$(line "$r" stage)" recheck
	assert_equal "$(line "$r" result)" pass
	assert_equal "$(line "$r" items)" '{"registration":"ok","health":"ok","procedure":"ok","eligibility":"ok"}'
	assert_equal "$(line "$r" signer)" li
	# the config in force, as the entry of its load names it
	assert_equal "$(line "$r" config_sha256)" \
		"$(sql "SELECT json_extract(new, '\$.sha256') FROM audit WHERE action = 'config'")"
	# the head before it: the entry before the decision's own
	assert_equal "$(line "$r" head)" "$((r - 1)):$(sql "SELECT hash FROM audit WHERE id = $((r - 1))")"
	g=$(sql "SELECT audit_id FROM signoff WHERE level = 'leader'")
	assert_equal "$(line "$g" review)" 1
	assert_equal "$(line "$g" level)" leader
	assert_equal "$(line "$g" signer)" zhao
	run --separate-stderr xj log --verify
	assert_success
}

@test "a re-check copied onto a second student, signatures and all, is named by xj log --verify (P1)" {
	rechecked
	# someone with the store file copies the review and its sign-offs to
	# 26110101000002, each pointing at the real, signed decisions
	sql "INSERT INTO review(student_id, stage, result, items, note, reviewer, command_id, audit_id)
	       SELECT (SELECT id FROM student WHERE exam_no = '26110101000002'), stage, result,
	              items, note, reviewer, command_id, audit_id FROM review WHERE id = 1;
	     INSERT INTO signoff(review_id, level, signer, command_id, audit_id)
	       SELECT 2, level, signer, command_id, audit_id FROM signoff WHERE review_id = 1"
	run xj-verify status --stage recheck 26110101000002
	assert_line "26110101000002,王芳,recheck,pass,complete,li,zhou,wang,zhao,"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: review 2: not what decision $(decision_of review 1) signed (student differs)"
}

@test "sign-offs copied onto another student's own review are named (P1)" {
	rechecked
	xj-verify review -q --key keys/li.key $RECHECK 26110101000002
	xj-verify confirm -q --key keys/zhou.key 26110101000002
	# the department head and the leader never signed 26110101000002
	sql "INSERT INTO signoff(review_id, level, signer, command_id, audit_id)
	       SELECT 2, level, signer, command_id, audit_id FROM signoff
	       WHERE review_id = 1 AND level IN ('dept', 'leader')"
	run xj-verify status --stage recheck 26110101000002
	assert_line "26110101000002,王芳,recheck,pass,complete,li,zhou,wang,zhao,"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: signoff 5: not what decision $(decision_of signoff 2) signed (review differs)"
}

@test "a review edited after its sign-offs is named, the row and what differs (P1, P2)" {
	rechecked
	behind "DROP TRIGGER review_no_update; UPDATE review SET result = 'fail' WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: review 1: not what decision $(decision_of review 1) signed (result differs)"
	behind "UPDATE review SET result = 'pass', items = replace(items, '\"health\":\"ok\"', '\"health\":\"problem\"') WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: review 1: not what decision $(decision_of review 1) signed (items differs)"
	behind "UPDATE review SET items = replace(items, '\"health\":\"problem\"', '\"health\":\"ok\"') WHERE id = 1"
	run xj log --verify
	assert_success
	# a sign-off moved to the level above
	behind "DROP TRIGGER signoff_no_update; UPDATE signoff SET level = 'dept2' WHERE level = 'dept'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: signoff 2: not what decision $(decision_of signoff 2) signed (level differs)"
}

@test "a statement is where its entry is: one moved onto another decision is named (P2)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001 26110101000002
	a=$(decision_of review 1)
	b=$(decision_of review 2)
	# li's signature of the first review, put on the second: it verifies,
	# but its head is not where the second decision stands
	sql "DROP TRIGGER decision_sig_no_update;
	     UPDATE decision_sig SET (statement, signature) =
	       (SELECT statement, signature FROM decision_sig WHERE audit_id = $a) WHERE audit_id = $b"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $b: its signed statement is not its entry (head differs)"
}

@test "a leader's approval copied onto another request is named by xj log --verify (P1, P12)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	xj-change request -q --key keys/li.key --field name --to 王芳芳 $EVIDENCE 26110101000002
	for k in zhou wang zhao; do
		xj-change approve -q --key keys/$k.key 1
	done
	xj-change approve -q --key keys/zhou.key 2
	xj-change approve -q --key keys/wang.key 2
	run xj log --verify
	assert_success
	leader=$(sql "SELECT id FROM change_event WHERE request_id = 1 AND text = 'leader'")
	sql "INSERT INTO change_event(request_id, kind, by_whom, text, on_date, command_id, audit_id)
	       SELECT 2, kind, by_whom, text, on_date, command_id, audit_id FROM change_event
	       WHERE id = $leader"
	# the list shows it approved at every level
	run xj-change list --pending
	assert_line --partial ',王芳芳,"application,household-register,id-card",,,li,2026-09-10,"zhou,wang,zhao",,pending,'
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: change_event 7: not what decision $(decision_of change_event $leader) signed (request differs)"
}

@test "a request's new value edited between approvals is refused at the next one and named (P12)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	xj-change approve -q --key keys/zhou.key 1
	assert_equal "$(line "$(decision_of change_event 1)" new)" 'name="张玮"'
	# the value zhou approved, changed behind the programs
	sql "DROP TRIGGER change_no_update; UPDATE change_request SET new = replace(new, '张玮', '张三丰') WHERE id = 1"
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: request #1 is not what zhou approved (new differs): it was changed since; reject it (P12)
xj-change: 0 done, 1 refused"
	assert_equal "$(sql "SELECT count(*) FROM change_event WHERE kind = 'approve'")" 1
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" 张伟
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: change_request 1: not what decision $(decision_of change_request 1) signed (new differs)"
	# refused, it can still be rejected, as suspected fraud
	run --separate-stderr xj-change reject --key keys/wang.key --suspect --reason "值被改动" 1
	assert_success
}

@test "the usual flows verify; each row holds to its statement (P1, P8, P12, P19)" {
	keyed_store
	# a doubtful case, opened, noted and closed (P8)
	xj-verify case open -q --key keys/li.key --reason "照片与身份证不符" 26110101000001
	xj-verify case note -q --key keys/li.key --note "省考试院复函" 26110101000001
	xj-verify case close -q --key keys/zhou.key --finding cleared 26110101000001
	# a cancellation proposed and signed through (P6)
	xj-verify cancel -q --key keys/li.key --what admission --grounds fraud --reason "冒名" 26110101000002
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000002
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000002
	# a change applied, another rejected as suspected fraud (P12)
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	for k in zhou wang zhao; do
		xj-change approve -q --key keys/$k.key 1
	done
	xj-change request -q --key keys/li.key --field ethnicity --to 汉族 $EVIDENCE 26320102000003
	xj-change reject -q --key keys/zhou.key --suspect --reason "户口簿系伪造" 2
	# an archive item collected by one, checked by another (P19)
	mkdir -p archive
	printf 'archive: {root: %s/archive, lend_days: 10}\n' "$PWD" >> keyed.yaml
	xj config load -q --key keys/chen.key keyed.yaml
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper --location 柜A-3 26110101000001
	xj-archive check -q --key keys/zhou.key 26110101000001
	assert_equal "$(sql 'SELECT count(*) FROM decision_sig WHERE statement IS NULL')" 0
	assert_equal "$(sql "SELECT group_concat(DISTINCT substr(statement, 1, instr(statement, char(10)) - 1))
		FROM (SELECT statement FROM decision_sig ORDER BY audit_id)")" \
		"xj-case-1,xj-review-1,xj-signoff-1,xj-decision-1,xj-approve-1,xj-reject-1"
	run --separate-stderr xj log --verify
	assert_success
	# a rejection names what it refused, and why
	j=$(decision_of change_event "$(sql "SELECT id FROM change_event WHERE kind = 'reject'")")
	assert_equal "$(line "$j" new)" 'ethnicity="汉族"; ethnicity_code="01"'
	assert_equal "$(line "$j" reason)" '"户口簿系伪造"'
	assert_equal "$(line "$j" suspect)" yes
	cp "$XJ_DB" good.db
	# a case copied onto another student: no decision of its signer for them
	sql "INSERT INTO case_file(student_id, reason, opened_by, opened_on, command_id)
	       SELECT (SELECT id FROM student WHERE exam_no = '26110101000008'), reason,
	              opened_by, opened_on, command_id FROM case_file WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: case 3 by li has no decision signed by li (forged)"
	# a note reworded
	cp good.db "$XJ_DB"
	sql "DROP TRIGGER case_event_no_update; UPDATE case_event SET text = '查无问题' WHERE kind = 'note' AND case_id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: case_event 1: not what decision $(sql "SELECT id FROM audit WHERE action = 'case-note'") signed (text differs)"
	# a check moved onto an item never checked
	cp good.db "$XJ_DB"
	xj-archive collect -q --key keys/chen.key --item photo --paper --location 柜A-4 26110101000001
	sql "DROP TRIGGER holding_event_no_update; UPDATE holding_event SET holding_id = 2 WHERE kind = 'check'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: holding_event 1: not what decision $(sql "SELECT id FROM audit WHERE action = 'archive-check'") signed (holding differs)"
}

@test "a decision signed over its entry's hash, before statements, is checked as before (P2)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	r=$(decision_of review 1)
	# as an older xj signed it: no statement, the signature over the hash
	sig=$(sign_as li "$(sql "SELECT hash FROM audit WHERE id = $r")")
	behind "DROP TRIGGER decision_sig_no_update;
	     UPDATE decision_sig SET statement = NULL, signature = '$sig' WHERE audit_id = $r"
	# the decision itself verifies; that its row is not the one this xj
	# wrote is what the row log says, and nothing else
	run --separate-stderr xj log --verify
	assert_failure 1
	refute_output --partial "audit log broken"
	assert_equal "${#stderr_lines[@]}" 3
	assert_equal "${stderr_lines[0]%%:*}" "xj"
	assert_equal "$(echo "${stderr_lines[0]}" | cut -d: -f2)" " decision_sig $r (student 26110101000001)"
	assert_equal "$(echo "${stderr_lines[1]}" | cut -d' ' -f6-7)" "statement is"
	behind "UPDATE decision_sig SET signer = 'zhou' WHERE audit_id = $r"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $r: signed with a key that was not zhou's in the config then"
}
