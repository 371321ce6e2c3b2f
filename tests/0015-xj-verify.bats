#!/usr/bin/env bats
# xj-verify: the entrance review.  Sources cross-checked (P4); reviews by
# the student's department (P3); the re-check confirmed by a second person
# (P7); the department head and the leader sign in that order, each a
# different person holding the role (P1); every decision signed (P2); what
# is due before the deadline (P21).

load test_helper

# The students whose re-check has been reviewed, with their reviewer, as
# xj-verify status shows them.
rechecked() {
	xj-verify status --stage recheck -f tsv | awk -F '\t' 'NR > 1 && $6 != "" { print $1, $6 }'
}

@test "check names each mismatch by field, source and where it came from (P4)" {
	keyed_store
	printf '考生号,姓名,身份证号,性别\n26110101000001,张玮,110101200703140012,1\n' > app.csv
	printf '身份证号,姓名,民族\n110101200703140012,张伟,回族\n' > card.csv
	xj-import -q --key keys/chen.key --source application app.csv
	xj-import -q --key keys/chen.key --source onsite card.csv
	run --separate-stderr xj-verify check 26110101000001
	assert_failure 1
	assert_output "exam_no,name,field,source,roster,value,where
26110101000001,张伟,name,application,张伟,张玮,app.csv:2
26110101000001,张伟,ethnicity,onsite,汉族,回族,card.csv:2"
	# a source never imported for the cohort is said once, not missing for each
	assert_equal "$stderr" "xj-verify: no admission rows were ever imported for cohort 2026: not compared (xj-import --source admission)"
	run --separate-stderr xj-verify check --cohort 2026
	assert_equal "$(printf '%s\n' "${stderr_lines[@]}" | grep -c 'no admission rows')" 1
	# a student lacking a row of a source that was imported: missing
	assert_line "26110101000002,王芳,(source),application,,missing,"
	# --source chooses the sources compared
	run --separate-stderr xj-verify check --source onsite 26110101000001
	assert_failure 1
	assert_output "exam_no,name,field,source,roster,value,where
26110101000001,张伟,ethnicity,onsite,汉族,回族,card.csv:2"
	assert_equal "$stderr" ""
	run --separate-stderr xj-verify check --source application,admission 26110101000001
	assert_output "exam_no,name,field,source,roster,value,where
26110101000001,张伟,name,application,张伟,张玮,app.csv:2"
	run --separate-stderr xj-verify check --source results 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: --source wants application, admission or onsite, not 'results'
Try 'xj-verify --help' for more information."
}

@test "a decision needs its maker's key; -u alone is a claim, refused (P1, P2)" {
	keyed_store
	run --separate-stderr xj-verify review -u li $RECHECK 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify review' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-verify review --key keys/evil.key $RECHECK 26110101000001
	assert_failure 2
	assert_equal "$(rechecked)" ""
}

@test "no write without a key, in any verb: refused, nothing written (P1, P2)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	xj-verify sign -q --prepare --stage recheck --level dept -u wang -o sheet.yaml 26110101000001
	printf 'exam_no,pair,result\n26110101000001,onsite-exam,match\n' > results.csv
	head=$(xj log --head)
	unset XJ_KEY
	for cmd in "review $RECHECK" "confirm" "sign --stage recheck --level dept" \
		   "case open --reason x" "case note --note x" "case close --finding cleared" \
		   "cancel --what admission --grounds fraud --reason x"; do
		run --separate-stderr xj-verify $cmd -u wang 26110101000001
		assert_failure 2
		assert_equal "$stderr" "xj-verify: 'xj-verify ${cmd%% -*}' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	done
	run --separate-stderr xj-verify sign --apply -u chen sheet.yaml
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify sign' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-verify photos -u chen results.csv
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify photos' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(xj log --head)" "$head"
	assert_equal "$(sql 'SELECT count(*) FROM photo_check')" 0
}

@test "each verb is its role's: a department head does not review, a reviewer does not sign (P1, P7)" {
	keyed_store
	run --separate-stderr xj-verify review --key keys/wang.key $RECHECK 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify review' is work for the reviewer; wang does not hold that role"
	for cmd in confirm "case open --reason x" "cancel --what admission --grounds fraud --reason x"; do
		run --separate-stderr xj-verify $cmd --key keys/zhao.key 26110101000001
		assert_failure 2
		assert_equal "$stderr" "xj-verify: 'xj-verify ${cmd%% -*}' is work for the reviewer; zhao does not hold that role"
	done
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	run --separate-stderr xj-verify sign --key keys/li.key --stage recheck --level dept 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify sign' is work for the dept-head or leader; li does not hold that role"
	printf 'exam_no,pair,result\n26110101000001,onsite-exam,match\n' > results.csv
	run --separate-stderr xj-verify photos --key keys/li.key results.csv
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify photos' is work for the registrar; li does not hold that role"
	assert_equal "$(sql "SELECT count(*) FROM signoff WHERE level = 'dept'")" 0
	assert_equal "$(sql 'SELECT count(*) FROM photo_check')" 0
}

@test "one person holding two levels' roles still signs at one level only (P1)" {
	keyed_store
	sed '/name: wang,/s/roles: \[dept-head\]/roles: [dept-head, leader]/' keyed.yaml > two.yaml
	xj config load -q --key keys/chen.key two.yaml
	xj config approve -q --key keys/qian.key 1
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept 26110101000001
	run --separate-stderr xj-verify sign --key keys/wang.key --stage recheck --level leader 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: wang signed this as department head; each level is a different person (P1)
xj-verify: 0 decided, 1 refused"
	assert_equal "$(sql "SELECT count(*) FROM signoff WHERE level = 'leader'")" 0
}

@test "a reviewer reviews the students of their own department (P3)" {
	keyed_store
	run --separate-stderr xj-verify review --key keys/li.key $RECHECK 26110101000001 26370203000004
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26370203000004: li is CS's reviewer; this student is ME's (P3)
xj-verify: 1 decided, 1 refused"
	assert_equal "$(rechecked)" "26110101000001 li"
}

@test "a re-check cannot pass with an item missing or a problem found (P7)" {
	keyed_store
	run --separate-stderr xj-verify review --key keys/li.key --stage recheck --result pass --item health=ok 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: a re-check cannot pass with the item registration missing (P7)
xj-verify: 0 decided, 1 refused"
	run --separate-stderr xj-verify review --key keys/li.key $RECHECK --item health=problem 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: a pass with a problem (health)
xj-verify: 0 decided, 1 refused"
	run --separate-stderr xj-verify review --key keys/li.key --stage recheck --result fail --item health=problem --note "体检复查" 26110101000001
	assert_success
}

@test "the same person cannot review and confirm, even claiming another name (P7)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	run --separate-stderr xj-verify confirm --key keys/li.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: li reviewed this; a second person confirms (P7)
xj-verify: 0 decided, 1 refused"
	run --separate-stderr xj-verify confirm --key keys/li.key -u zhou 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: the key in use is li's, not zhou's"
	run --separate-stderr xj-verify confirm --key keys/zhou.key 26110101000001
	assert_success
}

@test "three levels in order, each by a holder of the role (P1)" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	run --separate-stderr xj-verify sign --key keys/wang.key --stage recheck --level dept 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: the re-check is not confirmed yet (P7)
xj-verify: 0 decided, 1 refused"
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	run --separate-stderr xj-verify sign --key keys/zhao.key --stage recheck --level leader 26110101000001
	assert_equal "$stderr" "xj-verify: 26110101000001: the department head has not signed yet (P1)
xj-verify: 0 decided, 1 refused"
	run --separate-stderr xj-verify sign --key keys/ma.key --stage recheck --level dept 26110101000001
	assert_equal "$stderr" "xj-verify: 26110101000001: ma is ME's dept-head; this student is CS's (P3)
xj-verify: 0 decided, 1 refused"
	# zhou confirmed; a reviewer does not sign at all (P1)
	run --separate-stderr xj-verify sign --key keys/zhou.key --stage recheck --level dept 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify sign' is work for the dept-head or leader; zhou does not hold that role"
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept 26110101000001
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader 26110101000001
	run xj-verify status --stage recheck 26110101000001
	assert_output "exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000001,张伟,recheck,pass,complete,li,zhou,wang,zhao,"
}

@test "keys on standard input: a bare list is taken; a stream without a key column is refused, not read as nobody (P2)" {
	keyed_store
	run --separate-stderr sh -c "printf '26110101000001\n26110101000002\n' | xj-verify review --key keys/li.key --stage arrival --result pass -"
	assert_success
	assert_equal "$stderr" "xj-verify: 2 decided, 0 refused"
	run --separate-stderr sh -c "printf 'name\n张伟\n' | xj-verify review --key keys/li.key --stage arrival --result pass -"
	assert_failure 1
	assert_equal "$stderr" "xj-verify: stdin: no exam_no, student_no or id_number column: give a header that names one, or one key a line with no header"
	run --separate-stderr sh -c "printf 'exam_no,name\n26110101000008,黄磊\n,王芳\n' | xj-verify review --key keys/li.key --stage arrival --result pass -"
	assert_failure 1
	assert_equal "$stderr" "xj-verify: stdin:3: exam_no: no exam_no, student_no or id_number in this row
xj-verify: 1 decided, 1 refused"
	assert_equal "$stderr" "xj-verify: stdin:3: exam_no: no exam_no, student_no or id_number in this row
xj-verify: 1 decided, 1 refused"
	# every program that takes keys reads them the same way
	run --separate-stderr sh -c "printf '26110101000002\n' | xj query --fields exam_no,name -"
	assert_output "exam_no,name
26110101000002,王芳"
}

@test "a whole class goes through a pipe; each decision is signed and verifies" {
	keyed_store
	run --separate-stderr sh -c "xj query --class 计应2601 --fields exam_no | xj-verify review --key keys/li.key --stage arrival --result pass -"
	assert_success
	assert_equal "$stderr" "xj-verify: 3 decided, 0 refused"
	assert_equal "$(sql 'SELECT count(*) FROM decision_sig')" 3
	run xj log --verify
	assert_success
	unguarded "DROP TRIGGER decision_sig_no_update; UPDATE decision_sig SET signer = 'zhou' WHERE audit_id = (SELECT max(audit_id) FROM decision_sig)"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $(sql 'SELECT max(audit_id) FROM decision_sig'): signed with a key that was not zhou's in the config then"
}

@test "due lists the re-checks not complete, with deadline and days left (P21)" {
	keyed_store
	run --separate-stderr xj-verify due --as-of 2026-11-20 --dept EC
	assert_success
	assert_output "exam_no,name,dept,enrolled,deadline,days_left,state
26110101000007,赵敏,EC,2026-09-05,2026-12-05,15,none
26440104000005,陈静,EC,2026-09-05,2026-12-05,15,none"
	run xj-verify due --as-of 2026-11-20 --within 7
	assert_output "exam_no,name,dept,enrolled,deadline,days_left,state"
	run --separate-stderr xj-verify due --as-of 2026-12-06 --dept EC
	assert_failure 1
	assert_line "26440104000005,陈静,EC,2026-09-05,2026-12-05,-1,none"
	# a student who has left is never due: the daily job would say
	# "overdue" for ever
	run xj-verify due --as-of 2026-12-06 --dept CS
	assert_line --partial "26110101000002,王芳,CS,"
	xj-verify cancel -q --key keys/li.key --what admission --grounds fraud --reason "伪造录取通知书" 26110101000002
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000002
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000002
	run xj-verify due --as-of 2026-12-06 --dept CS
	refute_line --partial "26110101000002,"
	assert_line --index 0 "exam_no,name,dept,enrolled,deadline,days_left,state"
}

@test "a dry run decides nothing" {
	keyed_store
	run --separate-stderr xj-verify review -n --key keys/li.key $RECHECK 26110101000001
	assert_success
	assert_equal "$stderr" "xj-verify: 1 decided, 0 refused (dry run: nothing was recorded)"
	assert_equal "$(rechecked)" ""
}

@test "a sign-off written around the programs is found by xj log --verify" {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	sql "INSERT INTO signoff(review_id, level, signer, command_id, audit_id) VALUES(1, 'dept', 'wang', 1, 1)"
	run xj-verify status --stage recheck 26110101000001
	assert_line --partial "dept-signed,li,zhou,wang"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: sign-off 2 by wang has no decision signed by wang (forged)"
}

@test "a doubtful case: opened, noted, closed with a finding (P8)" {
	keyed_store
	run --separate-stderr xj-verify case open --key keys/li.key --reason "照片与身份证不符" 26110101000001
	assert_success
	run --separate-stderr xj-verify case open --key keys/li.key --reason "again" 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: a case is open already (since 2026-09-10: 照片与身份证不符)
xj-verify: 0 decided, 1 refused"
	xj-verify case note -q --key keys/li.key --note "省考试院复函: 冒名顶替属实" 26110101000001
	xj-verify case close -q --key keys/zhou.key --finding confirmed 26110101000001
	run xj-verify cases
	assert_output "exam_no,name,opened,opened_by,reason,finding,referred
26110101000001,张伟,2026-09-10,li,照片与身份证不符,confirmed,no"
	assert_equal "$(xj log -f tsv | cut -f8 | grep '^case-' | paste -sd,)" "case-open,case-note,case-close"
}

@test "cancelling takes three levels, then it is a dated status; nothing is deleted (P6, P8)" {
	keyed_store
	run --separate-stderr xj-verify cancel --key keys/li.key --what status --grounds impersonation --reason "冒名顶替" 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: cancelling a status needs a confirmed case (P8)
xj-verify: 0 decided, 1 refused"
	xj-verify case open -q --key keys/li.key --reason "疑似冒名" 26110101000001
	xj-verify case close -q --key keys/li.key --finding confirmed 26110101000001
	xj-verify cancel -q --key keys/li.key --what status --grounds impersonation --reason "冒名顶替" --refer 26110101000001
	assert_equal "$(xj query --student 26110101000001 --fields status)" "status
admitted"
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000001
	run --separate-stderr xj-verify sign --key keys/wang.key --stage cancel --level leader 26110101000001
	assert_failure 1
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000001
	assert_equal "$(xj query --student 26110101000001 --fields status)" "status
status-cancelled"
	assert_equal "$(sql "SELECT group_concat(status) FROM status WHERE student_id = 1")" "admitted,status-cancelled"
	run xj-verify cases --referred
	assert_output "exam_no,name,opened,opened_by,reason,finding,referred
26110101000001,张伟,2026-09-10,li,疑似冒名,confirmed,yes"
	run --separate-stderr xj-verify cancel --key keys/li.key --what admission --grounds fraud --reason x 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: already status-cancelled
xj-verify: 0 decided, 1 refused"
	run xj log --verify
	assert_success
}

@test "an admission is cancelled without a case, by three people (P6)" {
	keyed_store
	xj-verify cancel -q --key keys/li.key --what admission --grounds fraud --reason "伪造录取通知书" 26110101000002
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000002
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000002
	assert_equal "$(xj query --student 26110101000002 --fields status)" "status
admission-cancelled"
	run xj-verify status --stage cancel 26110101000002
	assert_output "exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000002,王芳,cancel,pass,complete,li,,wang,zhao,"
}

# CHSI's photo results, in its columns and words: two that can be taken
# in, a student the store does not have, and a pair CHSI does not name.
chsi_photo_results() {
	{
		echo 'KSH,BDLX,BDJG,XSD,BDRQ'
		echo '26110101000001,新生照片-高考照片,通过,92.5,20260912'
		echo '26110101000002,新生照片-身份证照片,不通过,41,20260912'
		echo '26110101000003,新生照片-高考照片,通过,90,20260912'
		echo '26110101000008,合影,通过,90,20260912'
	} > results.csv
}

# A keyed store that has taken in chsi_photo_results: two recorded, and
# the two rows it cannot take refused (exit 1).
photos_taken() {
	keyed_store
	chsi_photo_results
	run --separate-stderr xj-verify photos -q --key keys/chen.key --template "$EX/chsi-photos.yaml" results.csv
	assert_failure 1
	assert_output ""
}

# The photo checks on record, as xj log shows them.
photo_checks() {
	xj log --program xj-verify -f tsv | awk -F'\t' '$8 == "photo-check" { print $7 "\t" $10 }'
}

@test "photo results come in through a column template, as dated facts; the rows it cannot take are named (P5)" {
	keyed_store
	chsi_photo_results
	run --separate-stderr xj-verify photos --key keys/chen.key --template "$EX/chsi-photos.yaml" results.csv
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj-verify: results.csv:4: exam_no: no student with exam_no 26110101000003
xj-verify: results.csv:5: pair: unknown pair \"合影\"
xj-verify: 4 read, 2 recorded, 0 unchanged, 2 refused"
	run photo_checks
	assert_output - <<'EOF'
26110101000001	{"pair":"onsite-exam","result":"match","score":"92.5","date":"2026-09-12"}
26110101000002	{"pair":"onsite-idcard","result":"mismatch","score":"41","date":"2026-09-12"}
EOF
}

@test "photo results taken in again are unchanged, not recorded twice (P5)" {
	photos_taken
	run --separate-stderr xj-verify photos --key keys/chen.key --template "$EX/chsi-photos.yaml" results.csv
	assert_failure 1
	assert_equal "$stderr" "xj-verify: results.csv:4: exam_no: no student with exam_no 26110101000003
xj-verify: results.csv:5: pair: unknown pair \"合影\"
xj-verify: 4 read, 0 recorded, 2 unchanged, 2 refused"
	assert_equal "$(photo_checks | wc -l)" 2
}

@test "a photo mismatch blocks the arrival pass; a fail is still decided (P5)" {
	photos_taken
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result pass 26110101000002
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj-verify: 26110101000002: the photo comparison onsite-idcard is mismatch: the arrival passes once a re-comparison or a recorded manual check clears it (P5)
xj-verify: 0 decided, 1 refused"
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result fail 26110101000002
	assert_success
	assert_equal "$stderr" "xj-verify: 1 decided, 0 refused"
}

@test "a newer comparison that matches clears the arrival pass (P5)" {
	photos_taken
	# compared again the day after CHSI's mismatch: the newer stands
	printf 'exam_no,pair,result,date\n26110101000002,onsite-idcard,match,2026-09-13\n' > again.csv
	xj-verify photos -q --key keys/chen.key again.csv
	run photo_checks
	assert_line --index 2 $'26110101000002\t{"pair":"onsite-idcard","result":"match","date":"2026-09-13"}'
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result pass 26110101000002
	assert_success
	assert_equal "$stderr" "xj-verify: 1 decided, 0 refused"
}

@test "CHSI's 无法判断 (unclear) blocks the arrival pass too (P5)" {
	photos_taken
	printf 'KSH,BDLX,BDJG,XSD,BDRQ\n26110101000001,新生照片-身份证照片,无法判断,60,20260913\n' > unclear.csv
	xj-verify photos -q --key keys/chen.key --template "$EX/chsi-photos.yaml" unclear.csv
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result pass 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: the photo comparison onsite-idcard is unclear: the arrival passes once a re-comparison or a recorded manual check clears it (P5)
xj-verify: 0 decided, 1 refused"
}

@test "status shows what stands: the newest result of each arrival pair (P5)" {
	photos_taken
	printf 'exam_no,pair,result,date\n26110101000002,onsite-idcard,match,2026-09-13\n' > again.csv
	xj-verify photos -q --key keys/chen.key again.csv
	xj-verify review -q --key keys/li.key --stage arrival --result pass 26110101000002
	printf 'KSH,BDLX,BDJG,XSD,BDRQ\n26110101000001,新生照片-身份证照片,无法判断,60,20260913\n' > unclear.csv
	xj-verify photos -q --key keys/chen.key --template "$EX/chsi-photos.yaml" unclear.csv
	run xj-verify status --stage arrival 26110101000001 26110101000002
	assert_output "exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000001,张伟,arrival,,none,,,,,onsite-exam match; onsite-idcard unclear
26110101000002,王芳,arrival,pass,reviewed,li,,,,onsite-idcard match"
}

@test "a template names its own mistakes" {
	keyed_store
	printf 'columns: [KSH]\n' > bad.yaml
	run --separate-stderr xj-verify photos --key keys/chen.key --template bad.yaml /dev/null
	assert_failure 1
	assert_equal "$stderr" "xj-verify: bad.yaml:1: columns: want a mapping of names"
}

@test "one picture used for two students is found, copied or re-encoded (P5)" {
	keyed_store
	mkdir -p ph/26110101000002
	xj-genphoto 1 480 640 90 ph/26110101000001.jpg
	cp ph/26110101000001.jpg ph/26370203000004.JPG
	xj-genphoto 1 240 320 40 ph/26110101000002/onsite.jpg
	xj-genphoto 2 480 640 90 ph/26110101000002/exam.png
	xj-genphoto 2 300 400 60 ph/26110101000002/idcard.jpg
	xj-genphoto 3 480 640 90 ph/26320102000003.jpg
	run --separate-stderr xj-verify photos --dup ph
	assert_failure 1
	assert_equal "$stderr" ""
	assert_output "key,name,file,other_key,other_name,other_file,match,distance
26110101000001,张伟,ph/26110101000001.jpg,26110101000002,王芳,ph/26110101000002/onsite.jpg,similar,0
26110101000001,张伟,ph/26110101000001.jpg,26370203000004,刘洋,ph/26370203000004.JPG,identical,0
26110101000002,王芳,ph/26110101000002/onsite.jpg,26370203000004,刘洋,ph/26370203000004.JPG,similar,0"
	rm ph/26370203000004.JPG ph/26110101000002/onsite.jpg
	run --separate-stderr xj-verify photos --dup ph
	assert_success
	assert_output "key,name,file,other_key,other_name,other_file,match,distance"
}

@test "photos --dup names a file of no student, or not a picture, and goes on" {
	keyed_store
	mkdir ph
	xj-genphoto 1 480 640 90 ph/26110101000001.jpg
	xj-genphoto 1 480 640 90 ph/99999.jpg
	echo junk > ph/26320102000003.jpg
	echo junk > ph/26440104000005.jpeg
	echo notes > ph/README.txt
	run --separate-stderr xj-verify photos --dup ph -f tsv
	assert_failure 1
	assert_equal "$stderr" "xj-verify: ph/26320102000003.jpg: not a picture that can be read (unknown image type)
xj-verify: ph/26440104000005.jpeg: not a picture that can be read (unknown image type)
xj-verify: 99999: no such student"
	assert_output "$(printf 'key\tname\tfile\tother_key\tother_name\tother_file\tmatch\tdistance\n26320102000003\t李娜\tph/26320102000003.jpg\t26440104000005\t陈静\tph/26440104000005.jpeg\tidentical\t0')"
	run --separate-stderr xj-verify photos --dup ph --distance 65
	assert_failure 2
	run --separate-stderr xj-verify photos --dup missing
	assert_failure 3
	assert_equal "$stderr" "xj-verify: cannot open missing: No such file or directory"
}

@test "a key of no student is named masked, and the others go on (P2)" {
	keyed_store
	run --separate-stderr xj-verify status --stage recheck 110101200703149999 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 110101********9999: no such student"
	assert_output "exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000001,张伟,recheck,,none,,,,,"
	run --separate-stderr xj-verify review --key keys/li.key $RECHECK 110101200703149999 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 110101********9999: no such student
xj-verify: 1 decided, 1 refused"
	run --separate-stderr xj-verify check 110101200703149999
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 110101********9999: no such student"
}

@test "check --reveal shows ID numbers whole only with a key, and is on record (P2)" {
	keyed_store
	printf '考生号,姓名,身份证号\n26110101000001,张伟,110101200703140039\n' > app.csv
	xj-import -q --key keys/chen.key --source application app.csv
	run --separate-stderr xj-verify check 26110101000001
	assert_failure 1
	assert_line "26110101000001,张伟,id_number,application,110101********0012,110101********0039,app.csv:2"
	head=$(xj log --head)
	run --separate-stderr xj-verify check --reveal 26110101000001
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-verify: --reveal needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(xj log --head)" "$head"
	run --separate-stderr xj-verify check --reveal --key keys/li.key 26110101000001
	assert_failure 1
	assert_line "26110101000001,张伟,id_number,application,110101200703140012,110101200703140039,app.csv:2"
	assert_equal "$(xj log -f tsv | tail -n 1 | cut -f4,8)" "$(printf 'li\treveal')"
}

@test "every date option is YYYY-MM-DD, whatever a roster's cells may hold (P12)" {
	keyed_store
	run --separate-stderr xj-verify due --as-of banana
	assert_failure 2
	assert_equal "$stderr" "xj-verify: --as-of wants a date as YYYY-MM-DD, not 'banana'
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-verify due --as-of 2026/12/01
	assert_failure 2
	assert_equal "$stderr" "xj-verify: --as-of wants a date as YYYY-MM-DD, not '2026/12/01'
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-change status --to suspended --from 20261001 --key keys/li.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-change: --from wants a date as YYYY-MM-DD, not '20261001'
Try 'xj-change --help' for more information."
	run --separate-stderr xj-change status --to suspended --from 2026-10-01 --until 2027-02-30 --key keys/li.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-change: --until wants a date as YYYY-MM-DD, not '2027-02-30'
Try 'xj-change --help' for more information."
	run --separate-stderr xj-diploma issue --date 2029/6/20 --key keys/chen.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: --date wants a date as YYYY-MM-DD, not '2029/6/20'
Try 'xj-diploma --help' for more information."
	run --separate-stderr xj-diploma proof --reason lost --applied yesterday --key keys/chen.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: --applied wants a date as YYYY-MM-DD, not 'yesterday'
Try 'xj-diploma --help' for more information."
}

@test "an option a verb does not take is refused, nothing recorded" {
	keyed_store
	head=$(xj log --head)
	run --separate-stderr xj-verify status --as-of 2026-11-20
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify status' does not take --as-of
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-verify review --key keys/li.key $RECHECK --reason x 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify review' does not take --reason
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-verify case close --key keys/li.key --reason x 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify case close' does not take --reason
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-verify sign --key keys/wang.key --stage recheck --level dept -o x.yaml 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: -o and --page go with sign --prepare
Try 'xj-verify --help' for more information."
	run --separate-stderr xj-verify photos --key keys/chen.key -f tsv results.csv
	assert_failure 2
	assert_equal "$stderr" "xj-verify: -f, -o and --distance go with photos --dup
Try 'xj-verify --help' for more information."
	assert_equal "$(xj log --head)" "$head"
	[ ! -e x.yaml ]
}
