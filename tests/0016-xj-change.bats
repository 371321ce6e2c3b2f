#!/usr/bin/env bats
# xj-change: key data changes only on a written application with the
# household register and ID card, or the police certificate (P12), approved
# at three levels by different people (P1), the old value kept (P2); what
# students reported on CHSI becomes requests (P10); status changes, one by
# one or a stream of them, 降级 to a later cohort among them; approvals of a
# list on standard input; the freeze after registration and errata with
# their filing (P16, P17).

load test_helper

EVIDENCE="--evidence application,household-register,id-card"

approve_all() {
	xj-change approve -q --key keys/zhou.key "$1"
	xj-change approve -q --key keys/wang.key "$1"
	xj-change approve -q --key keys/zhao.key "$1"
}

@test "a name changes on evidence, at three levels, and its old value stays (P12, P1, P2)" {
	keyed_store
	echo "申请书扫描件" > application.pdf
	run --separate-stderr xj-change request --key keys/li.key --field name --to 张玮 $EVIDENCE \
		--file application.pdf --note "户籍更名" 26110101000001
	assert_success
	assert_output "1"
	assert_equal "$stderr" "xj-change: 1 done, 0 refused"
	# the file kept with its whole SHA-256, as the log recorded the request
	assert_equal "$(xj log -f tsv --program xj-change | cut -f8,10 | grep '^change-request')" \
		"$(printf 'change-request\t{"stage":"change","kind":"key","old":{"name":"张伟"},"new":{"name":"张玮"},"evidence":"application,household-register,id-card","files":[{"sha256":"%s","size":19}]}' \
			"$(sha256sum application.pdf | cut -d' ' -f1)")"
	xj-change approve -q --key keys/zhou.key 1
	xj-change approve -q --key keys/wang.key 1
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张伟"
	run --separate-stderr xj-change approve --key keys/zhao.key 1
	assert_success
	assert_equal "$stderr" "xj-change: 1 done (1 applied), 0 refused"
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张玮"
	sum=$(sha256sum application.pdf | cut -c1-16)
	run xj-change list -f tsv
	# the columns, | for a tab
	assert_output "$(tr '|' '\t' <<EOF
id|exam_no|name|kind|field|old|new|evidence|files|missing|requested_by|requested_on|approved_by|next|state|filing
1|26110101000001|张玮|key|name|张伟|张玮|application,household-register,id-card|application.pdf (19 bytes, sha256 $sum)||li|2026-09-10|zhou,wang,zhao||applied|
EOF
)"
	run xj-change history --field name 26110101000001
	assert_line --index 1 --partial "name,张伟,2026-09-10T09:00:00+08:00,chen,xj-import create,"
	assert_line --index 2 "name,张玮,2026-09-10T09:00:00+08:00,zhao,xj-change change #1,\"evidence application,household-register,id-card; application.pdf (19 bytes, sha256 $sum); requested by li, approved by zhou,wang,zhao\""
	run xj log --verify
	assert_success
}

@test "insufficient evidence is refused; the police certificate where the register cannot show it (P12)" {
	keyed_store
	run --separate-stderr xj-change request --key keys/li.key --field ethnicity --to 回族 \
		--evidence application,id-card 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: insufficient evidence: household-register missing (P12)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field ethnicity --to 回族 \
		--register-shows no $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: insufficient evidence: police-certificate missing (P12)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field ethnicity --to 回 \
		--register-shows no --evidence application,id-card,police-certificate 26110101000001
	assert_success
	assert_equal "$(xj-change list -f tsv | cut -f5-7 | tail -n 1)" "$(printf 'ethnicity; ethnicity_code\t汉族; 01\t回族; 03')"
	assert_equal "$(xj-change list -f tsv | tail -n +2 | wc -l)" 1
}

@test "a new ID number agrees with birth date and gender, and is nobody else's (P12)" {
	keyed_store
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200703150018 $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: birth_date: 2007-03-14 does not agree with id_number (2007-03-15) (change it in the same request)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200703140020 $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: gender: 男 does not agree with id_number (女) (change it in the same request)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200711020029 --field birth_date --to 2007-11-02 --field gender --to 女 \
		$EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: id_number 110101********0029 is another student's (26110101000002)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200703150018 --field birth_date --to 20070315 $EVIDENCE 26110101000001
	assert_success
	approve_all 1
	assert_equal "$(xj query --fields id_number,birth_date --reveal -u chen --key keys/chen.key 26110101000001 | tail -n 1)" "110101200703150018,2007-03-15"
}

@test "name and ID number are never changed together, nor one while the other is open (P12)" {
	keyed_store
	run --separate-stderr xj-change request --key keys/li.key --field name --to 张玮 \
		--field id_number --to 110101200703140039 $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: name and id_number are not changed in one request (P12)
xj-change: 0 done, 1 refused"
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200703140039 $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: the id_number does not change while request #1 for the name is pending (P12)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field name --to 张维 $EVIDENCE 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: request #1 for name is pending
xj-change: 0 done, 1 refused"
}

@test "each level is another person holding its role; the asker never approves (P1, P12)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	run --separate-stderr xj-change approve --key keys/li.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: li asked for request #1; each level is another person (P1, P12)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: level 1 of request #1 is the reviewer's: wang is not a reviewer
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change approve -u wang --key keys/zhou.key 1
	assert_failure 2
	xj-change approve -q --key keys/zhou.key 1
	run --separate-stderr xj-change approve --key keys/zhou.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: zhou approved request #1; each level is another person (P1, P12)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change approve -u zhou 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change approve' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(xj-change list -f tsv | cut -f13 | tail -n +2)" "zhou"
}

@test "a request suspected of fraud is rejected and a case opened (P12, P8)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	run --separate-stderr xj-change reject --key keys/zhou.key --suspect --reason "户口簿有涂改" 1
	assert_success
	run xj-verify cases 26110101000001
	assert_output "exam_no,name,opened,opened_by,reason,finding,referred
26110101000001,张伟,2026-09-10,zhou,change request #1 suspected of fraud: 户口簿有涂改,open,no"
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: request #1 is rejected already
xj-change: 0 done, 1 refused"
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张伟"
}

@test "status changes are dated rows: suspended, resumed, a new major; withdrawn is final (学籍异动)" {
	keyed_store
	# one only admitted may withdraw, nothing else: no way into school
	# around CHSI's registration (P9)
	run --separate-stderr xj-change status --key keys/li.key --to suspended --from 2026-09-05 --reason 因病 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: the student is admitted, not registered: a status change is for a student CHSI registered (P9)
xj-change: 0 done, 1 refused"
	chsi_registered 26110101000002
	run --separate-stderr xj-change status --key keys/li.key --to resumed --from 2026-09-01 --reason 复学 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: the student is registered; only a suspended or retained student resumes
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to suspended --from 2026-10-01 --reason 因病 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: 2026-10-01 is still to come: a status change is recorded once it has happened
xj-change: 0 done, 1 refused"
	xj-change status -q --key keys/li.key --to suspended --from 2026-09-05 --until 2027-09-01 --reason 因病 26110101000002
	approve_all 1
	assert_equal "$(xj query --fields status 26110101000002 | tail -n 1)" "suspended"
	xj-change status -q --key keys/li.key --to resumed --from 2026-09-10 --reason 复学 26110101000002
	approve_all 2
	xj-change status -q --key keys/li.key --to transferred-major --to-major 510202 --major-name 软件技术 \
		--from 2026-09-10 --reason 转专业 26110101000002
	approve_all 3
	assert_equal "$(xj query --fields status,major_code,major_name 26110101000002 | tail -n 1)" "transferred-major,510202,软件技术"
	assert_equal "$(sql 'SELECT group_concat(status || "@" || since) FROM (SELECT status, since FROM status WHERE student_id = 2 ORDER BY id)')" \
		"admitted@2026-09-10,registered@2026-09-10,suspended@2026-09-05,resumed@2026-09-10,transferred-major@2026-09-10"
	xj-change status -q --key keys/li.key --to withdrawn --from 2026-09-10 --reason 退学 26110101000002
	approve_all 4
	run --separate-stderr xj-change status --key keys/li.key --to resumed --from 2026-09-10 --reason x 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: the student is withdrawn: the status does not change any more
xj-change: 0 done, 1 refused"
}

@test "what students found wrong on CHSI becomes requests that wait for their evidence (P10)" {
	keyed_store
	printf '考生号,字段,正确值,说明\n26110101000001,民族,回族,学信网显示汉族\n26110101000002,手机号,13900001111,\n99,姓名,某,\n26320102000003,身份证号,320102200801200046,\n' > selfcheck.csv
	run --separate-stderr xj-change import-selfcheck --key keys/chen.key selfcheck.csv
	assert_failure 1
	assert_output "1
2"
	assert_equal "$stderr" "xj-change: selfcheck.csv:4: no student with key 99
xj-change: selfcheck.csv:5: id_number: check digit should be 5, not 6
xj-change: 2 done, 2 refused"
	assert_equal "$(xj-change list -f tsv | cut -f1,5,10 | tail -n 2)" "$(printf '1\tethnicity; ethnicity_code\tapplication,household-register,id-card\n2\tphone\tapplication')"
	run --separate-stderr xj-change approve --key keys/zhou.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: insufficient evidence: application,household-register,id-card missing (P12)
xj-change: 0 done, 1 refused"
	xj-change evidence -q --key keys/chen.key $EVIDENCE 1
	approve_all 1
	assert_equal "$(xj query --fields ethnicity 26110101000001 | tail -n 1)" "回族"
	assert_equal "$(sql 'SELECT origin FROM change_request WHERE id = 1')" "selfcheck.csv:2"
}

@test "after registration the record is frozen; only errata (P16, P17)" {
	keyed_store
	# the freeze as xj-diploma sets it, with CHSI's confirmation
	credential_registered 26110101000001
	run --separate-stderr xj-change request --key keys/li.key --field phone --to 13900001111 \
		--evidence application 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: the credential is registered since 2029-06-20 (credential 140011202906000001 registered): the record is frozen, only an erratum of the college's own error is accepted (--errata, P16, P17)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to withdrawn --from 2026-09-09 --reason x 26110101000001
	assert_failure 1
	run --separate-stderr xj-change request --key keys/li.key --errata --field phone --to 13900001111 \
		--evidence application 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: an erratum corrects a registered credential; this student's is not registered: ask for a change (P17)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --errata --field major_name \
		--to 计算机应用 --evidence application 26110101000001
	assert_success
	assert_equal "$(sql 'SELECT kind, filing FROM change_request')" "errata|1"
}

@test "a frozen record is changed by no other program: an import with --update, a student number (P16)" {
	keyed_store
	credential_registered 26110101000001
	sed 's/计应2601/计应2602/' "$EX/roster.csv" > moved.csv
	run --separate-stderr xj-import --update --key keys/chen.key moved.csv
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-import: moved.csv:2: class: the credential is registered since 2029-06-20 (credential 140011202906000001 registered): the record is frozen, only an erratum of the college's own error is accepted (xj-change --errata, P16, P17)"
	assert_equal "$(sql "SELECT class FROM student WHERE exam_no = '26110101000001'")" 计应2601
	assert_equal "$(sql "SELECT class FROM student WHERE exam_no = '26110101000002'")" 计应2602
	run --separate-stderr xj-register number --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-register: 26110101000001: the credential is registered since 2029-06-20 (credential 140011202906000001 registered): the record is frozen (P16)"
	assert_equal "$(sql "SELECT student_no IS NULL FROM student WHERE exam_no = '26110101000001'")" 1
}

@test "an erratum of a filed field is listed for the province until its document number comes (P17)" {
	keyed_store
	credential_registered 26110101000001
	xj-change request -q --key keys/li.key --errata --field name --to 张玮 --evidence application 26110101000001
	run --separate-stderr xj-change filed --key keys/chen.key --doc-no "教学〔2026〕12号" 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: request #1 is pending: an erratum is filed once applied
xj-change: 0 done, 1 refused"
	approve_all 1
	assert_equal "$(xj query --fields name,filing 26110101000001 | tail -n 1)" "张玮,pending"
	run xj-change filings --pending -f yaml
	assert_success
	assert_output --partial 'id_number: "110101********0012"'
	assert_output --partial "old: 张伟"
	assert_output --partial "approved_by: zhou,wang,zhao"
	run --separate-stderr xj-change filed --key keys/li.key --doc-no "教学〔2026〕12号" 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change filed' is work for the registrar; li does not hold that role"
	xj-change filed -q --key keys/chen.key --doc-no "教学〔2026〕12号" 1
	assert_equal "$(xj query --fields name,filing 26110101000001 | tail -n 1)" "张玮,"
	assert_equal "$(xj-change filings --pending | wc -l)" 1
	assert_equal "$(xj-change filings -f tsv | cut -f13 | tail -n 1)" "教学〔2026〕12号"
}

@test "the graduation conclusion is corrected by an erratum, filed, the number kept (P17)" {
	keyed_store
	credential_registered 26110101000001
	number=$(sql "SELECT number FROM certificate")
	# not an ordinary request, not a conclusion with no number, not with other fields
	run --separate-stderr xj-change request --key keys/li.key --field conclusion --to completion \
		--evidence application 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-change: 26110101000001: the credential is registered since 2029-06-20 (credential $number registered): the record is frozen, only an erratum of the college's own error is accepted (--errata, P16, P17)"
	run --separate-stderr xj-change request --key keys/li.key --errata --field conclusion \
		--to incomplete --evidence application 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" 'xj-change: 26110101000001: conclusion: "incomplete": an erratum makes it graduate or completion'
	run --separate-stderr xj-change request --key keys/li.key --errata --field conclusion \
		--to graduate --evidence application 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-change: 26110101000001: conclusion is that already"
	run --separate-stderr xj-change request --key keys/li.key --errata --field conclusion \
		--to completion --field name --to 张玮 --evidence application 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-change: 26110101000001: conclusion: corrected alone, in a request of its own"
	assert_equal "$(sql 'SELECT count(*) FROM change_request')" 0
	# the erratum, at the key levels, after the certificate
	export XJ_NOW=2029-07-01T09:00:00+08:00
	run --separate-stderr xj-change request --key keys/li.key --errata --field conclusion \
		--to completion --evidence application 26110101000001
	assert_success
	assert_equal "$(sql 'SELECT kind, filing FROM change_request')" "errata|1"
	approve_all 1
	assert_equal "$(xj-diploma list -f tsv | cut -f3-5 | tail -n 1)" \
		"$(printf 'diploma\tcompletion\t%s' "$number")"
	assert_equal "$(xj query --fields status,filing 26110101000001 | tail -n 1)" "completed,pending"
	assert_equal "$(xj-change filings --pending -f tsv | cut -f5-7 | tail -n 1)" "$(printf 'conclusion\tgraduate\tcompletion')"
	run xj log --verify
	assert_success
	assert_equal "$(sql "SELECT status, since FROM status ORDER BY id DESC LIMIT 1")" "completed|2029-07-01"
	run xj-change history --field conclusion 26110101000001
	assert_output 'field,value,since,by,how,grounds
conclusion,graduate,2029-06-20T09:00:00+08:00,chen,xj-diploma diploma-issue,
conclusion,completion,2029-07-01T09:00:00+08:00,zhao,xj-change change #1,"evidence application; requested by li, approved by zhou,wang,zhao"'
	# corrected back: the status follows; a request made before a change
	# of the certificate is refused at its approval
	xj-change request -q --key keys/li.key --errata --field conclusion --to graduate \
		--evidence application 26110101000001
	approve_all 2
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "graduated"
	xj-change request -q --key keys/li.key --errata --field conclusion --to completion \
		--evidence application 26110101000001
	sql "INSERT INTO cert_event(cert_id, kind, text, by_whom, on_date, command_id)
	     VALUES(1, 'conclusion', 'completion', 'chen', '2029-07-02', 1)"
	xj-change approve -q --key keys/zhou.key 3
	xj-change approve -q --key keys/wang.key 3
	run --separate-stderr xj-change approve --key keys/zhao.key 3
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-change: 3: conclusion changed since request #3 was made: reject it and ask again"
}

@test "an approval written around the program is found by xj log --verify (P2)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	sql "INSERT INTO change_event(request_id, kind, by_whom, text, on_date, command_id, audit_id)
	     VALUES(1, 'approve', 'zhou', 'reviewer', '2026-09-10', 1, 1)"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: change approve 1 by zhou has no decision signed by zhou (forged)"
}

@test "a dry run records nothing; bad usage is exit 2" {
	keyed_store
	run --separate-stderr xj-change request -n --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	assert_success
	assert_equal "$(xj-change list | tail -n +2)" ""
	run --separate-stderr xj-change request --key keys/li.key --field name $EVIDENCE 26110101000001
	assert_failure 2
	run --separate-stderr xj-change request --key keys/li.key --field name --to 张玮 --evidence photo 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: not a kind of evidence: \"photo\" (want application, household-register, id-card or police-certificate)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field exam_no --to 26110101000009 --evidence application 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: exam_no: not changed by a request
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change frobnicate
	assert_failure 2
}

@test "the levels are the config's: a fourth, the registrar, after the three of P1 (P1, P12)" {
	keyed_store
	sed 's/^cohorts:/changes:\n  levels: [reviewer, dept-head, leader, registrar]\ncohorts:/' keyed.yaml > four.yaml
	xj config load -q --key keys/chen.key four.yaml
	xj-change request -q --key keys/li.key --field gender --to 女 --field id_number \
		--to 110101200703140020 $EVIDENCE 26110101000001
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: level 1 of request #1 is the reviewer's: wang is not a reviewer
xj-change: 0 done, 1 refused"
	approve_all 1
	assert_equal "$(xj query --fields gender 26110101000001 | tail -n 1)" "男"
	run --separate-stderr xj-change approve --key keys/chen.key 1
	assert_success
	assert_equal "$stderr" "xj-change: 1 done (1 applied), 0 refused"
	assert_equal "$(xj query --fields gender 26110101000001 | tail -n 1)" "女"
}

# keyed_store, with zhou holding the role of every level of P1.
one_holds_all() {
	mkdir -p alt
	sed 's/roles: \[reviewer, archivist\]/roles: [reviewer, dept-head, leader, archivist]/' \
		"$DATA/keyed.yaml" > alt/keyed.yaml
	DATA="$BATS_TEST_TMPDIR/alt" keyed_store
}

@test "attack: one person holding every level's role approves at one level only (P12, P1)" {
	one_holds_all
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	# all three levels in one command
	run --separate-stderr xj-change approve --key keys/zhou.key 1 1 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: zhou approved request #1; each level is another person (P1, P12)
xj-change: 1: zhou approved request #1; each level is another person (P1, P12)
xj-change: 1 done, 2 refused"
	# and in another
	run --separate-stderr xj-change approve --key keys/zhou.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: zhou approved request #1; each level is another person (P1, P12)
xj-change: 0 done, 1 refused"
	# nor as someone else, with the same key
	run --separate-stderr xj-change approve -u wang --key keys/zhou.key 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: the key in use is zhou's, not wang's"
	assert_equal "$(xj-change list -f tsv | cut -f13,15 | tail -n +2)" "$(printf 'zhou\tpending')"
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张伟"
}

@test "attack: a request or decision by someone outside the roles is refused (P12, P1, P3)" {
	keyed_store
	run --separate-stderr xj-change request --key keys/wang.key --field name --to 张玮 $EVIDENCE 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change request' is work for the reviewer or registrar; wang does not hold that role"
	run --separate-stderr xj-change status --key keys/zhao.key --to suspended --from 2026-09-05 --reason x 26110101000002
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change status' is work for the reviewer or registrar; zhao does not hold that role"
	printf 'exam_no,field,value\n26110101000001,phone,13900001111\n' > selfcheck.csv
	run --separate-stderr xj-change import-selfcheck --key keys/ma.key selfcheck.csv
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change import-selfcheck' is work for the reviewer or registrar; ma does not hold that role"
	# a reviewer of another department (P3): that student refused, the others go on
	run --separate-stderr xj-change request --key keys/li.key --field name --to 刘阳 $EVIDENCE \
		26370203000004 26110101000002
	assert_failure 1
	assert_output "1"
	assert_equal "$stderr" "xj-change: 26370203000004: li is neither the registrar nor a reviewer of this student's department
xj-change: 1 done, 1 refused"
	assert_equal "$(xj-change list -f tsv | cut -f11 | tail -n +2)" "li"
	# a key that is no staff member's
	run --separate-stderr xj-change approve --key keys/evil.key 1
	assert_failure 2
	assert_output ""
	assert_equal "$(xj-change list -f tsv | cut -f1,13 | tail -n +2)" "$(printf '1\t')"
}

@test "attack: a write without a key is refused, nothing written (P12, P2)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	head=$(xj log --head)
	run --separate-stderr xj-change request --field phone --to 13900001111 --evidence application 26110101000002
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-change: 'xj-change request' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-change approve -u zhou 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change approve' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-change reject --reason x 1
	assert_failure 2
	run --separate-stderr xj-change evidence --evidence police-certificate 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change evidence' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	# showing ID numbers whole is on record: it needs a key too
	run --separate-stderr xj-change list --reveal
	assert_failure 2
	assert_equal "$stderr" "xj-change: --reveal needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(xj log --head)" "$head"
	# the one request as it was: no evidence added, nobody's decision on it
	assert_equal "$(xj-change list -f tsv | cut -f1,8,13,15 | tail -n +2)" \
		"$(printf '1\tapplication,household-register,id-card\t\tpending')"
}

@test "a student not found is named with the ID number masked, in every verb" {
	keyed_store
	run --separate-stderr xj-change request --key keys/li.key --field name --to 张玮 $EVIDENCE 110101200703149999
	assert_failure 1
	assert_equal "$stderr" "xj-change: 110101********9999: no such student
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change list 110101200703149999
	assert_failure 1
	assert_equal "$stderr" "xj-change: 110101********9999: no such student"
	run --separate-stderr xj-change history 110101200703149999
	assert_failure 1
	assert_equal "$stderr" "xj-change: 110101********9999: no such student"
	printf 'id_number,field,value\n110101200703149999,phone,13900001111\n' > selfcheck.csv
	run --separate-stderr xj-change import-selfcheck --key keys/chen.key selfcheck.csv
	assert_failure 1
	assert_equal "$stderr" "xj-change: selfcheck.csv:2: no student with key 110101********9999
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change approve --key keys/zhou.key 12345678901234567
	assert_failure 1
	assert_equal "$stderr" "xj-change: 123456*******4567: not a request number
xj-change: 0 done, 1 refused"
}

@test "history fails when the grounds cannot be read, rather than show them short (P2)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	approve_all 1
	sql 'ALTER TABLE change_file RENAME TO hidden'
	run --separate-stderr xj-change history --field name 26110101000001
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj-change: store $XJ_DB: read the evidence files: no such table: change_file"
}

@test "options are the verb's own; the listings write through -o (P2)" {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 $EVIDENCE 26110101000001
	run --separate-stderr xj-change approve --key keys/zhou.key --reason x 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change approve' does not take --reason
Try 'xj-change --help' for more information."
	run --separate-stderr xj-change list -n
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change list' does not take --dry-run
Try 'xj-change --help' for more information."
	run --separate-stderr xj-change list --pending -f tsv -o pending.tsv
	assert_success
	assert_output ""
	assert_equal "$(cut -f1,2,15 pending.tsv)" "$(printf 'id\texam_no\tstate\n1\t26110101000001\tpending')"
	run --separate-stderr xj-change filings 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-change: filings lists them all: no students
Try 'xj-change --help' for more information."
	run --separate-stderr xj-change filings --reveal --key keys/chen.key
	assert_success
	assert_equal "$(xj log -f tsv | cut -f8 | grep -c '^reveal$')" 1
}

# --- status changes in bulk, approvals from a list, 降级 -------------------

@test "status changes in bulk: one request a row, as the options make it; a bad row named by line and field (学籍异动, P2, P3)" {
	keyed_store
	chsi_registered 26110101000001 26110101000002 26110101000008
	# a college's changes of a term, under the headers a 学籍科 writes
	cat > events.csv <<-'CSV'
	考生号,类型,生效日期,截止日期,原因,转入年级,转入班级
	26110101000001,休学,2026-09-05,2027-09-01,因病,,
	26110101000002,降级,2026-09-08,,成绩不合格,2027,计应2701
	99,退学,2026-09-01,,本人申请,,
	26110101000008,飞升,2026-09-01,,本人申请,,
	26110101000008,退学,2026-09-31,,本人申请,,
	26110101000008,复学,2026-09-09,,复学,,
	26110101000008,withdrawn,2026-09-09,,,,
	26440104000005,退学,2026-09-09,,本人申请,,
	26110101000008,withdrawn,2026-09-09,,本人申请,,
	CSV
	# the dry run says what the run then does, line for line
	refused="xj-change: events.csv:4: exam_no: no student with exam_no 99
xj-change: events.csv:5: kind: unknown kind \"飞升\" (want suspended, resumed, withdrawn, retained, transferred-major, demoted, deceased, or 休学, 复学, 退学, 保留学籍, 转专业, 降级, 死亡)
xj-change: events.csv:6: from: 2026-09-31 is not a real date
xj-change: events.csv:7: kind: the student is registered; only a suspended or retained student resumes
xj-change: events.csv:8: reason: a status change needs its reason
xj-change: events.csv:9: li is neither the registrar nor a reviewer of this student's department"
	run --separate-stderr xj-change status -n --events --key keys/li.key events.csv
	assert_failure 1
	assert_output "1
2
3"
	assert_equal "$stderr" "$refused
xj-change: 3 done, 6 refused (dry run: nothing was recorded)"
	assert_equal "$(xj-change list | tail -n +2)" ""
	run --separate-stderr xj-change status --events --key keys/li.key events.csv
	assert_failure 1
	assert_output "1
2
3"
	assert_equal "$stderr" "$refused
xj-change: 3 done, 6 refused"
	assert_equal "$(xj-change list -f tsv | cut -f2,4-7 | tail -n 3)" "$(printf '%s\n' \
		"26110101000001	status	status; since; until	registered; ; 	suspended; 2026-09-05; 2027-09-01" \
		"26110101000002	status	status; since; cohort; class	registered; ; 2026; 计应2601	demoted; 2026-09-08; 2027; 计应2701" \
		"26110101000008	status	status; since	registered; 	withdrawn; 2026-09-09")"
	# a row's request is the one the options make: the same values,
	# levels, evidence and note
	xj-change reject -q --key keys/zhou.key --reason 重报 2
	xj-change status -q --key keys/li.key --to demoted --from 2026-09-08 --to-cohort 2027 \
		--to-class 计应2701 --reason 成绩不合格 26110101000002
	q='SELECT kind, old, new, evidence, required, register_shows, levels, filing, note, origin, requested_by FROM change_request'
	assert_equal "$(sql "$q WHERE id = 2")" "$(sql "$q WHERE id = 4")"
	# YAML on standard input, English names
	approve_all 1
	run --separate-stderr sh -c "printf -- '- {exam_no: \"26110101000001\", kind: resumed, from: 2026-09-10, reason: 复学, evidence: application}\n' |
		xj-change status --events --key keys/li.key -"
	assert_success
	assert_output "5"
	assert_equal "$(sql 'SELECT evidence, note FROM change_request WHERE id = 5')" "application|复学"
	run xj log --verify
	assert_success
}

@test "status --events: the rows say it all, and a failure inside the command keeps nothing (P2)" {
	keyed_store
	chsi_registered 26110101000001
	printf 'exam_no,kind,from,reason\n26110101000001,suspended,2026-09-05,因病\n' > good.csv
	run --separate-stderr xj-change status --events --key keys/li.key --reason x good.csv
	assert_failure 2
	assert_equal "$stderr" "xj-change: status --events takes each change from its row: no --to, --from, --until, --to-major, --major-name, --to-cohort, --to-class, --reason, --evidence or --file
Try 'xj-change --help' for more information."
	printf 'exam_no,from,reason\n26110101000001,2026-09-05,因病\n' > nokind.csv
	run --separate-stderr xj-change status --events --key keys/li.key nokind.csv
	assert_failure 1
	assert_equal "$stderr" "xj-change: nokind.csv:2: kind: no kind column (类型): each row says the status it changes to
xj-change: 0 done, 1 refused"
	# the first file's request is not kept when the second cannot be read
	run --separate-stderr xj-change status --events --key keys/li.key good.csv missing.csv
	assert_failure 3
	assert_output "1"
	assert_equal "$(xj-change list | tail -n +2)" ""
	run --separate-stderr xj-change status --events --key keys/wang.key good.csv
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change status' is work for the reviewer or registrar; wang does not hold that role"
}

@test "approvals and rejections take request numbers on standard input: a list, or the id column of a listing (P1, P12)" {
	keyed_store
	for k in 26110101000001 26110101000002 26110101000008; do
		xj-change request -q --key keys/li.key --field phone --to 13900001111 --evidence application $k
	done
	run --separate-stderr sh -c "xj-change list --pending -f csv | xj-change approve --key keys/zhou.key -"
	assert_success
	assert_equal "$stderr" "xj-change: 3 done, 0 refused"
	run --separate-stderr sh -c "printf '1\n\n#2\nabc\n1\n' | xj-change approve --key keys/wang.key -"
	assert_failure 1
	assert_equal "$stderr" "xj-change: stdin:4: id: not a request number
xj-change: stdin:5: id: wang approved request #1; each level is another person (P1, P12)
xj-change: 2 done, 2 refused"
	run --separate-stderr sh -c "xj-change list --pending -f tsv | xj-change reject --key keys/wang.key --reason 材料不全 -"
	assert_failure 1
	assert_equal "$stderr" "xj-change: stdin:2: id: wang approved request #1; each level is another person (P1, P12)
xj-change: stdin:3: id: wang approved request #2; each level is another person (P1, P12)
xj-change: 1 done, 2 refused"
	assert_equal "$(xj-change list -f tsv | cut -f1,15 | tail -n 3)" "$(printf '1\tpending\n2\tpending\n3\trejected')"
	# a sheet of them for the leader, from the same list
	run --separate-stderr sh -c "xj-change list --pending -f csv | xj-change approve --prepare -u zhao -o zhao.yaml -"
	assert_success
	assert_equal "$stderr" "xj-change: zhao.yaml: 2 decisions for zhao to sign, 0 left off; zhao.html to print"
	# a stream that names no request is refused, not read as none
	run --separate-stderr sh -c "xj query --fields exam_no,name | xj-change approve --key keys/zhao.key -"
	assert_failure 1
	assert_equal "$stderr" "xj-change: stdin: no id column: give a header that names one, or one request number a line with no header"
	assert_equal "$(xj-change list -f tsv | cut -f13 | tail -n +2 | tr ',' '\n' | grep -c .)" 5
}

@test "降级 wants a later cohort within a year; a new class goes with it or a new major; the cohort is no field of a request (P11)" {
	keyed_store
	chsi_registered 26110101000001 26110101000002
	export XJ_NOW=2027-07-10T09:00:00+08:00
	run --separate-stderr xj-change status --key keys/li.key --to demoted --from 2027-07-01 \
		--reason 成绩不合格 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: a new cohort goes with demoted, and demoted with a new cohort
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to demoted --to-cohort 2026 \
		--from 2027-07-01 --reason 成绩不合格 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: the student is of cohort 2026: a repeated year (降级) moves to a later cohort, not 2026
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to demoted --to-cohort 2029 \
		--from 2027-07-01 --reason 成绩不合格 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: cohort 2029 begins more than a year after the change (2027-07-01)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to suspended --to-class 计应2701 \
		--from 2027-07-01 --reason 因病 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: a new class goes with demoted or transferred-major
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change status --key keys/li.key --to demoted --to-cohort next \
		--from 2027-07-01 --reason 成绩不合格 26110101000002
	assert_failure 2
	# the cohort moves by an approved status change only, no other way
	run --separate-stderr xj-change request --key keys/li.key --field cohort --to 2027 \
		--evidence application 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: cohort: not a field of the record
xj-change: 0 done, 1 refused"
}

@test "降级 is approved at the status levels and moves the student to the later cohort and class (P1, P11)" {
	keyed_store
	chsi_registered 26110101000001 26110101000002
	export XJ_NOW=2027-07-10T09:00:00+08:00
	echo "降级审批表" > application.pdf
	xj-change status -q --key keys/li.key --to 降级 --to-cohort 2027 --to-class 计应2701 \
		--from 2027-07-01 --reason 成绩不合格 --file application.pdf 26110101000002
	# the levels of any status change: reviewer, department head, leader
	run --separate-stderr xj-change approve --key keys/wang.key 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: level 1 of request #1 is the reviewer's: wang is not a reviewer
xj-change: 0 done, 1 refused"
	xj-change approve -q --key keys/zhou.key 1
	xj-change approve -q --key keys/wang.key 1
	assert_equal "$(xj query --fields status,cohort,class 26110101000002 | tail -n 1)" "registered,2026,计应2601"
	xj-change approve -q --key keys/zhao.key 1
	assert_equal "$(xj query --fields status,cohort,class 26110101000002 | tail -n 1)" "demoted,2027,计应2701"
	assert_equal "$(xj query --cohort 2027 --fields exam_no | tail -n +2)" "26110101000002"
	run xj-change history --field cohort 26110101000002
	assert_line --index 1 --partial "cohort,2026,2026-09-10T09:00:00+08:00,chen,xj-import create,"
	assert_line --index 2 --partial "cohort,2027,2027-07-10T09:00:00+08:00,zhao,xj-change status #1,\"evidence none; application.pdf"
	run xj log --verify
	assert_success
}

# 26110101000002 registered, then repeating a year (降级) into cohort 2027,
# class 计应2701, approved at every level on 2027-07-10.
demoted_2027() {
	chsi_registered 26110101000001 26110101000002
	echo "降级审批表" > application.pdf
	XJ_NOW=2027-07-10T09:00:00+08:00 xj-change status -q --key keys/li.key --to 降级 --to-cohort 2027 \
		--to-class 计应2701 --from 2027-07-01 --reason 成绩不合格 --file application.pdf 26110101000002
	XJ_NOW=2027-07-10T09:00:00+08:00 approve_all 1
}

@test "after 降级 the year's registration counts the student as going on, not new (P11)" {
	keyed_store
	demoted_2027
	# in school, entered in 2026: registered for 2027 as a student going on,
	# not a new one; a new student's year is still the year entered
	XJ_NOW=2027-09-10T09:00:00+08:00 run --separate-stderr xj-register annual --year 2027 \
		--dept CS --key keys/chen.key
	assert_success
	assert_output - <<'EOF'
exam_no,name,year,state,reason
26110101000001,张伟,2027,registered,
26110101000002,王芳,2027,registered,
26110101000008,黄磊,2027,not-registered,no student status: the new-student registration is missing (P9)
26320102000003,李娜,2027,not-registered,no student status: the new-student registration is missing (P9)
EOF
	assert_equal "$stderr" "xj-register: 2027: 4 new (2 registered, 0 deferred, 0 refused, 2 not registered), 0 unchanged"
}

@test "after 降级 the roster read again agrees: its cohort is the year of entry (P4, P11)" {
	keyed_store
	demoted_2027
	export XJ_NOW=2027-07-10T09:00:00+08:00
	run --separate-stderr xj-import --key keys/chen.key "$EX/roster.csv"
	assert_success
	assert_equal "$stderr" "xj-import: 8 read, 0 imported, 0 updated, 8 unchanged, 0 refused (nothing changed)"
}

@test "after 降级 a later change checks the exam number against the year of entry (P12)" {
	keyed_store
	demoted_2027
	export XJ_NOW=2027-07-10T09:00:00+08:00
	run --separate-stderr xj-change request --key keys/li.key --field phone --to 13900001111 \
		--evidence application 26110101000002
	assert_success
	assert_output 2
	assert_equal "$stderr" "xj-change: 1 done, 0 refused"
	run xj log --verify
	assert_success
}

@test "after 降级 graduation's years of study are the later cohort's (P13)" {
	keyed_store
	demoted_2027
	XJ_NOW=2030-06-20T09:00:00+08:00 run --separate-stderr xj-diploma check 26110101000002
	assert_failure 1
	# 2027 to 2029, not 2026 to 2028
	assert_output - <<'EOF'
exam_no,name,conclusion,eligible,reason
26110101000002,王芳,graduate,no,"no annual registration for 2028 (空挂学籍, P11, P13)"
26110101000002,王芳,graduate,no,"no academic results for 2027 (空挂学籍, P13)"
26110101000002,王芳,graduate,no,"no academic results for 2028 (空挂学籍, P13)"
26110101000002,王芳,graduate,no,"no academic results for 2029 (空挂学籍, P13)"
26110101000002,王芳,graduate,no,no credits to judge the graduation requirements by (P13)
26110101000002,王芳,graduate,no,photo comparison graduation-admission missing (P13)
26110101000002,王芳,graduate,no,photo comparison graduation-enrolment missing (P13)
26110101000002,王芳,graduate,no,photo comparison graduation-idcard missing (P13)
EOF
	assert_equal "$stderr" "xj-diploma: 0 eligible, 1 not"
}
