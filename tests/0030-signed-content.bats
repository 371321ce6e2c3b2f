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

# The statement decision $1 was signed over, as kept beside its signature:
# what this file is about, which no program prints.
statement() {
	sql "SELECT statement FROM decision_sig WHERE audit_id = $1"
}

# The kinds of the statements kept, in the order of their decisions.
kinds() {
	sql "SELECT group_concat(substr(statement, 1, instr(statement, char(10)) - 1), ' ')
		FROM (SELECT statement FROM decision_sig ORDER BY audit_id)"
}

# The log entry of the Nth ($2, default 1) decision of action $1, as xj log
# numbers it.
entry() {
	xj log -f tsv | awk -F'\t' -v a="$1" -v n="${2:-1}" '$8 == a && ++i == n { print $1 }'
}

# The store's id, as the heads file of the person testing keeps it.
store_id() {
	cut -d' ' -f1 "$XDG_STATE_HOME/xj/heads"
}

# The SHA-256 of the config in force, as the entry of its last load says.
config_sha256() {
	xj log -f tsv | awk -F'\t' '$8 == "config" { c = $10 } END { print c }' |
		sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/'
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

@test "every online decision of a re-check is signed over a statement of its kind (P1, P2)" {
	rechecked
	assert_equal "$(sql 'SELECT count(*) FROM decision_sig WHERE statement IS NULL')" 0
	assert_equal "$(kinds)" "xj-review-1 xj-signoff-1 xj-signoff-1 xj-signoff-1"
	run --separate-stderr xj log --verify
	assert_success
	assert_equal "$stderr" ""
}

@test "a review's statement: the student, the ID number's hash, what it decides, the config in force, the signer, the head before it (P1, P2, P7)" {
	keyed_store
	head=$(xj log --head)
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	# the review has no note: its line is there, empty
	none=
	assert_equal "$(statement "$(entry review)")" "$(cat <<EOF
xj-review-1
store: $(store_id)
student: 26110101000001
name: 张伟
id_sha256: $(printf %s 110101200703140012 | sha256sum | cut -d' ' -f1)
stage: recheck
result: pass
items: {"registration":"ok","health":"ok","procedure":"ok","eligibility":"ok"}
note: $none
config_sha256: $(config_sha256)
signer: li
head: $head
EOF
)"
}

@test "a sign-off's statement: the review it signs, the level and the signer (P1)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept 26110101000001
	head=$(xj log --head)
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader 26110101000001
	assert_equal "$(statement "$(entry sign 2)")" "$(cat <<EOF
xj-signoff-1
store: $(store_id)
review: 1
student: 26110101000001
name: 张伟
id_sha256: $(printf %s 110101200703140012 | sha256sum | cut -d' ' -f1)
stage: recheck
level: leader
result: pass
config_sha256: $(config_sha256)
signer: zhao
head: $head
EOF
)"
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
	assert_equal "$stderr" "xj: audit log broken: review 2: not what decision $(entry review) signed (student differs)"
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
	# the first copied: the department head's sign-off of 26110101000001
	assert_equal "$stderr" "xj: audit log broken: signoff 5: not what decision $(entry sign) signed (review differs)"
}

@test "a review's result edited after its sign-offs is named, the row and what differs (P1, P2)" {
	rechecked
	behind "DROP TRIGGER review_no_update; UPDATE review SET result = 'fail' WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: review 1: not what decision $(entry review) signed (result differs)"
}

@test "a review's items edited after its sign-offs are named, the row and what differs (P1, P2)" {
	rechecked
	behind "DROP TRIGGER review_no_update;
		UPDATE review SET items = replace(items, '\"health\":\"ok\"', '\"health\":\"problem\"') WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: review 1: not what decision $(entry review) signed (items differs)"
}

@test "a review edited and put back as it was verifies again (P2)" {
	rechecked
	behind "DROP TRIGGER review_no_update;
		UPDATE review SET items = replace(items, '\"health\":\"ok\"', '\"health\":\"problem\"') WHERE id = 1"
	behind "DROP TRIGGER review_no_update;
		UPDATE review SET items = replace(items, '\"health\":\"problem\"', '\"health\":\"ok\"') WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_success
	assert_equal "$stderr" ""
}

@test "a sign-off moved to another level is named (P1)" {
	rechecked
	behind "DROP TRIGGER signoff_no_update; UPDATE signoff SET level = 'dept2' WHERE level = 'dept'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: signoff 2: not what decision $(entry sign) signed (level differs)"
}

@test "a statement is where its entry is: one moved onto another decision is named (P2)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001 26110101000002
	a=$(entry review 1)
	b=$(entry review 2)
	# li's signature of the first review, put on the second: it verifies,
	# but its head is not where the second decision stands
	unguarded "DROP TRIGGER decision_sig_no_update;
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
	# the leader's approval of request 1: its third
	assert_equal "$stderr" "xj: audit log broken: change_event 7: not what decision $(entry change-approve 3) signed (request differs)"
}

# Request 1, 26110101000001's name to 张玮, approved by zhou; then the
# value zhou approved changed behind the programs to 张三丰.
edited_request() {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	xj-change approve -q --key keys/zhou.key 1
	unguarded "DROP TRIGGER change_no_update; UPDATE change_request SET new = replace(new, '张玮', '张三丰') WHERE id = 1"
}

@test "an approval's statement names the request, its old and new values and the level (P1, P12)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	head=$(xj log --head)
	xj-change approve -q --key keys/zhou.key 1
	assert_equal "$(statement "$(entry change-approve)")" "$(cat <<EOF
xj-approve-1
store: $(store_id)
request: 1
student: 26110101000001
name: 张伟
id_sha256: $(printf %s 110101200703140012 | sha256sum | cut -d' ' -f1)
kind: key
fields: name
old: name="张伟"
new: name="张玮"
level: 1
role: reviewer
config_sha256: $(config_sha256)
signer: zhou
head: $head
EOF
)"
}

@test "a request's new value edited between approvals is refused at the next one, nothing applied (P12)" {
	edited_request
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj-change: 1: request #1 is not what zhou approved (new differs): it was changed since; reject it (P12)
xj-change: 0 done, 1 refused"
	# still approved by zhou alone, the name as it was
	run xj-change list
	assert_output - <<'EOF'
id,exam_no,name,kind,field,old,new,evidence,files,missing,requested_by,requested_on,approved_by,next,state,filing
1,26110101000001,张伟,key,name,张伟,张三丰,"application,household-register,id-card",,,li,2026-09-10,zhou,dept-head,pending,
EOF
	run xj query --fields exam_no,name 26110101000001
	assert_output "exam_no,name
26110101000001,张伟"
}

@test "a request's new value edited between approvals is named by xj log --verify (P12)" {
	edited_request
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: change_request 1: not what decision $(entry change-request) signed (new differs)"
}

@test "a request refused for an edited value can still be rejected, as suspected fraud (P12)" {
	edited_request
	run --separate-stderr xj-change approve -q --key keys/wang.key 1
	assert_failure 1
	run --separate-stderr xj-change reject --key keys/wang.key --suspect --reason "值被改动" 1
	assert_success
	assert_output ""
	assert_equal "$stderr" "xj-change: 1 done, 0 refused"
	run xj-change list
	assert_output - <<'EOF'
id,exam_no,name,kind,field,old,new,evidence,files,missing,requested_by,requested_on,approved_by,next,state,filing
1,26110101000001,张伟,key,name,张伟,张三丰,"application,household-register,id-card",,,li,2026-09-10,zhou,,rejected,
EOF
	# rejected by wang, as suspected fraud: a case opened on the student
	run xj log --by wang -f tsv
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$8 != "rows" { print $7 "\t" $8 "\t" $10 }')" "$(cat <<'EOF'
student	action	new
26110101000001	change-reject	{"stage":"change","request":1,"suspect":true,"reason":"值被改动"}
26110101000001	case-open	{"stage":"case","reason":"change request #1 suspected of fraud: 值被改动"}
EOF
)"
}

# The usual flows of a year, each decision signed: a doubtful case opened,
# noted and closed (P8); a cancellation proposed and signed through (P6);
# a change applied, another rejected as suspected fraud (P12); an archive
# item collected by one, checked by another (P19).
usual_flows() {
	keyed_store
	xj-verify case open -q --key keys/li.key --reason "照片与身份证不符" 26110101000001
	xj-verify case note -q --key keys/li.key --note "省考试院复函" 26110101000001
	xj-verify case close -q --key keys/zhou.key --finding cleared 26110101000001
	xj-verify cancel -q --key keys/li.key --what admission --grounds fraud --reason "冒名" 26110101000002
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000002
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000002
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	for k in zhou wang zhao; do
		xj-change approve -q --key keys/$k.key 1
	done
	xj-change request -q --key keys/li.key --field ethnicity --to 汉族 $EVIDENCE 26320102000003
	REJECT_HEAD=$(xj log --head) REJECT_CONFIG=$(config_sha256)
	xj-change reject -q --key keys/zhou.key --suspect --reason "户口簿系伪造" 2
	mkdir -p archive
	printf 'archive: {root: %s/archive, lend_days: 10}\n' "$PWD" >> keyed.yaml
	xj config load -q --key keys/chen.key keyed.yaml
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper --location 柜A-3 26110101000001
	xj-archive check -q --key keys/zhou.key 26110101000001
}

@test "the usual flows verify, each decision signed over a statement of its kind (P1, P8, P12, P19)" {
	usual_flows
	assert_equal "$(sql 'SELECT count(*) FROM decision_sig WHERE statement IS NULL')" 0
	assert_equal "$(sql "SELECT group_concat(DISTINCT substr(statement, 1, instr(statement, char(10)) - 1))
		FROM (SELECT statement FROM decision_sig ORDER BY audit_id)")" \
		"xj-case-1,xj-review-1,xj-signoff-1,xj-decision-1,xj-approve-1,xj-reject-1"
	run --separate-stderr xj log --verify
	assert_success
	assert_equal "$stderr" ""
}

@test "a rejection's statement names what it refused, and why (P12)" {
	usual_flows
	assert_equal "$(statement "$(entry change-reject)")" "$(cat <<EOF
xj-reject-1
store: $(store_id)
request: 2
student: 26320102000003
name: 李娜
id_sha256: $(printf %s 320102200801200045 | sha256sum | cut -d' ' -f1)
kind: key
fields: ethnicity,ethnicity_code
old: ethnicity="回族"; ethnicity_code="03"
new: ethnicity="汉族"; ethnicity_code="01"
level: 1
role: reviewer
config_sha256: $REJECT_CONFIG
signer: zhou
reason: "户口簿系伪造"
suspect: yes
head: $REJECT_HEAD
EOF
)"
}

@test "a case copied onto another student is named: no decision of its signer for them (P8)" {
	usual_flows
	sql "INSERT INTO case_file(student_id, reason, opened_by, opened_on, command_id)
	       SELECT (SELECT id FROM student WHERE exam_no = '26110101000008'), reason,
	              opened_by, opened_on, command_id FROM case_file WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: case 3 by li has no decision signed by li (forged)"
}

@test "a case's note reworded is named (P8)" {
	usual_flows
	unguarded "DROP TRIGGER case_event_no_update; UPDATE case_event SET text = '查无问题' WHERE kind = 'note' AND case_id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: case_event 1: not what decision $(entry case-note) signed (text differs)"
}

@test "an archive check moved onto an item never checked is named (P19)" {
	usual_flows
	xj-archive collect -q --key keys/chen.key --item photo --paper --location 柜A-4 26110101000001
	unguarded "DROP TRIGGER holding_event_no_update; UPDATE holding_event SET holding_id = 2 WHERE kind = 'check'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: holding_event 1: not what decision $(entry archive-check) signed (holding differs)"
}

# Li's review of 26110101000001 as an older xj signed it: no statement, the
# signature over its entry's hash.  SIG the old signature, OLD_SIG the one
# this xj made; R the decision.
older_decision() {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	R=$(entry review)
	OLD_SIG=$(sql "SELECT signature FROM decision_sig WHERE audit_id = $R")
	SIG=$(sign_as li "$(sql "SELECT hash FROM audit WHERE id = $R")")
	behind "DROP TRIGGER decision_sig_no_update;
	     UPDATE decision_sig SET statement = NULL, signature = '$SIG' WHERE audit_id = $R"
}

@test "a decision signed over its entry's hash, before statements, is checked as it was signed (P2)" {
	older_decision
	# the decision itself verifies; that its row is not the one this xj
	# wrote is what the row log says, and nothing else
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: decision_sig $R (student 26110101000001): signature is \"${SIG:0:32}...\" in the store, the log says \"${OLD_SIG:0:32}...\" (changed behind the log)
xj: decision_sig $R (student 26110101000001): statement is \"\" in the store, the log says \"xj-review-1\\x0astore: $(store_id | cut -c1-13)...\" (changed behind the log)
xj: audit log ok, but 2 things in the tables differ from it"
}

@test "a decision signed over its entry's hash with its signer edited is named (P2)" {
	older_decision
	behind "DROP TRIGGER decision_sig_no_update; UPDATE decision_sig SET signer = 'zhou' WHERE audit_id = $R"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $R: signed with a key that was not zhou's in the config then"
}
