#!/usr/bin/env bats
# xj-diploma: who may get a certificate, with every reason who may not
# (P13); numbered certificates without gaps (P14); CHSI's e-registration
# freezing the record (P16); a certificate of academic credentials once
# for a lost one (P15); revocation at three levels (P1).

load test_helper

T="$EX/templates"
@test "check names every reason a student may not graduate (P13)" {
	keyed_store
	studied 26110101000001 26110101000002
	printf 'exam_no,year,credits,credits_required\n26110101000002,2028,100,120\n' > low.csv
	xj-import -q --update --key keys/chen.key --source results low.csv
	printf 'exam_no,pair,result\n26110101000002,graduation-idcard,mismatch\n' > bad.csv
	xj-verify photos -q --key keys/chen.key bad.csv
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma check 26110101000001 26110101000002 26320102000003
	assert_failure 1
	assert_output "exam_no,name,conclusion,eligible,reason
26110101000001,张伟,graduate,yes,
26110101000002,王芳,graduate,no,graduation requirements not met: credits 100 of 120 (P13)
26110101000002,王芳,graduate,no,photo comparison graduation-idcard: mismatch (P13)
26320102000003,李娜,graduate,no,\"no student status: never registered (P9, P13)\"
26320102000003,李娜,graduate,no,\"no annual registration for 2027 (空挂学籍, P11, P13)\"
26320102000003,李娜,graduate,no,\"no annual registration for 2028 (空挂学籍, P11, P13)\"
26320102000003,李娜,graduate,no,\"no academic results for 2026 (空挂学籍, P13)\"
26320102000003,李娜,graduate,no,\"no academic results for 2027 (空挂学籍, P13)\"
26320102000003,李娜,graduate,no,\"no academic results for 2028 (空挂学籍, P13)\"
26320102000003,李娜,graduate,no,no credits to judge the graduation requirements by (P13)
26320102000003,李娜,graduate,no,photo comparison graduation-admission missing (P13)
26320102000003,李娜,graduate,no,photo comparison graduation-enrolment missing (P13)
26320102000003,李娜,graduate,no,photo comparison graduation-idcard missing (P13)"
	assert_equal "$stderr" "xj-diploma: 1 eligible, 2 not"
}

@test "an older photo result recorded later does not stand over a newer one (P5, P13)" {
	keyed_store
	studied 26110101000002
	printf 'exam_no,pair,result,date\n26110101000002,graduation-idcard,mismatch,2029-06-05\n' > new.csv
	xj-verify photos -q --key keys/chen.key new.csv
	printf 'exam_no,pair,result,date\n26110101000002,graduation-idcard,match,2029-05-01\n' > old.csv
	xj-verify photos -q --key keys/chen.key old.csv
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma check 26110101000002
	assert_failure 1
	assert_output "exam_no,name,conclusion,eligible,reason
26110101000002,王芳,graduate,no,photo comparison graduation-idcard: mismatch (P13)"
}

@test "a hollow status: a year without annual registration, a case open (P13, P8)" {
	keyed_store
	studied 26110101000001
	xj-verify case open -q --key keys/li.key --reason "核查" 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	sqlite3 "$XJ_DB" "INSERT INTO registration(student_id, kind, year, state, reason, on_date, command_id)
		VALUES(1, 'annual', 2028, 'not-registered', 'suspended', '2028-09-10', 1)"
	run --separate-stderr xj-diploma check 26110101000001
	assert_failure 1
	assert_output "exam_no,name,conclusion,eligible,reason
26110101000001,张伟,graduate,no,admission irregular: an investigation case is open since 2026-09-10 (P8)
26110101000001,张伟,graduate,no,\"no annual registration for 2028 (空挂学籍, P11, P13)\""
}

@test "cumulative credits: 已修学分 and 要求学分 once at the end, the years judged by annual registration; 毕业要求 否 is not met (P13, P11)" {
	keyed_store
	CUMULATIVE=1 studied 26110101000001 26110101000002 26110101000008
	printf '考生号,已修学分,要求学分,毕业要求\n26110101000001,121,120,是\n26110101000002,125,120,否\n' > total.csv
	XJ_NOW=2029-06-10T09:00:00+08:00 xj-import -q --key keys/chen.key --source results total.csv
	# 26110101000008 has no credits at all: each year is missing its results
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma check 26110101000001 26110101000002 26110101000008
	assert_failure 1
	assert_output "exam_no,name,conclusion,eligible,reason
26110101000001,张伟,graduate,yes,
26110101000002,王芳,graduate,no,graduation requirements not met: 毕业要求 否 (P13)
26110101000008,黄磊,graduate,no,\"no academic results for 2026 (空挂学籍, P13)\"
26110101000008,黄磊,graduate,no,\"no academic results for 2027 (空挂学籍, P13)\"
26110101000008,黄磊,graduate,no,\"no academic results for 2028 (空挂学籍, P13)\"
26110101000008,黄磊,graduate,no,no credits to judge the graduation requirements by (P13)"
}

@test "credits that are not numbers judge nothing; a 学年 written 2026-2027 is the year 2026 (P13)" {
	keyed_store
	CUMULATIVE=1 studied 26110101000001 26110101000002
	# 120分 is no number: the student is not passed on it, nor refused as short
	printf '考生号,已修学分,要求学分\n26110101000001,110,120分\n26110101000002,121,120\n' > total.csv
	XJ_NOW=2029-06-10T09:00:00+08:00 xj-import -q --key keys/chen.key --source results total.csv
	# a school's yearly results name the 学年 as 2026-2027
	printf '考生号,学年,已修学分,要求学分\n26110101000002,2026-2027,40,\n26110101000002,2027-2028,80,\n26110101000002,2028-2029,121,120\n' > years.csv
	XJ_NOW=2029-06-10T09:00:00+08:00 xj-import -q --key keys/chen.key --source results years.csv
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma check 26110101000001 26110101000002
	assert_failure 1
	assert_output "exam_no,name,conclusion,eligible,reason
26110101000001,张伟,graduate,no,graduation requirements cannot be judged: credits 110 of 120分 are not numbers (P13)
26110101000002,王芳,graduate,yes,"
}

@test "issue numbers graduates without gaps; refuses the others with the reasons (P13, P14)" {
	keyed_store
	studied 26110101000001 26110101000002 26110101000008
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key \
		26110101000001 26320102000003 26110101000002
	assert_failure 1
	assert_output "exam_no,name,conclusion,number
26110101000001,张伟,graduate,140011202906000001
26110101000002,王芳,graduate,140011202906000002"
	# every reason on its own line, then the refusal that counts the student
	assert_equal "$stderr" "xj-diploma: 26320102000003: no student status: never registered (P9, P13)
xj-diploma: 26320102000003: no annual registration for 2027 (空挂学籍, P11, P13)
xj-diploma: 26320102000003: no annual registration for 2028 (空挂学籍, P11, P13)
xj-diploma: 26320102000003: no academic results for 2026 (空挂学籍, P13)
xj-diploma: 26320102000003: no academic results for 2027 (空挂学籍, P13)
xj-diploma: 26320102000003: no academic results for 2028 (空挂学籍, P13)
xj-diploma: 26320102000003: no credits to judge the graduation requirements by (P13)
xj-diploma: 26320102000003: photo comparison graduation-admission missing (P13)
xj-diploma: 26320102000003: photo comparison graduation-enrolment missing (P13)
xj-diploma: 26320102000003: photo comparison graduation-idcard missing (P13)
xj-diploma: 26320102000003: may not get a graduate certificate (10 reasons)
xj-diploma: 2 issued, 1 refused"
	assert_equal "$(sql "SELECT count(*) FROM certificate c JOIN student s ON s.id = c.student_id
		WHERE s.exam_no = '26320102000003'")" 0
	run --separate-stderr xj-diploma issue -n --conclusion graduate --key keys/chen.key 26110101000008
	assert_success
	assert_output --partial "140011202906000003"
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000008
	assert_output --partial "140011202906000003"
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: has a graduate certificate already (140011202906000001)
xj-diploma: 0 issued, 1 refused"
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "graduated"
}

@test "a killed issue leaves no gap and no half: numbers follow the certificates" {
	keyed_store
	studied 26110101000001 26110101000002 26110101000008
	export XJ_NOW=2029-06-20T09:00:00+08:00
	# killed with two certificates written and numbered, the third not
	XJ_PAUSE=item:2 xj-diploma issue -q --conclusion graduate --key keys/chen.key \
		26110101000001 26110101000002 26110101000008 > /dev/null & pid=$!
	signalled item.paused
	kill -9 $pid
	wait $pid || true
	assert_equal "$(sql 'SELECT count(*) FROM certificate')" 0
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 26110101000002 \
		26110101000008 > /dev/null 2>&1 || true
	assert_equal "$(sql 'SELECT count(*), min(number), max(number) FROM certificate')" \
		"3|140011202906000001|140011202906000003"
	run xj log --verify
	assert_success
}

@test "numbers used up: the students after are refused, nothing of theirs written; those before keep theirs (P14)" {
	keyed_store
	studied 26110101000001 26110101000002 26110101000008
	export XJ_NOW=2029-06-20T09:00:00+08:00
	# a year that has given all but one of its numbers (set by hand here)
	sqlite3 "$XJ_DB" "INSERT INTO number_seq(prefix, last) VALUES('certificate:140011202906', 999998)"
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key \
		26110101000001 26110101000002 26110101000008
	assert_failure 1
	assert_output "exam_no,name,conclusion,number
26110101000001,张伟,graduate,140011202906999999"
	assert_equal "$stderr" "xj-diploma: 26110101000002: the certificate numbers of 2029 are used up
xj-diploma: 26110101000008: the certificate numbers of 2029 are used up
xj-diploma: 1 issued, 2 refused"
	assert_equal "$(sql "SELECT count(*), max(number) FROM certificate")" "1|140011202906999999"
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE action = 'diploma-issue'")" 1
	assert_equal "$(sql "SELECT last FROM number_seq WHERE prefix = 'certificate:140011202906'")" 999999
	assert_equal "$(xj query --fields status 26110101000002 | tail -n 1)" "registered"
}

@test "a name the output's encoding cannot carry refuses that student before anything of theirs is written (P13, P14)" {
	keyed_store
	# 𠮷 (CJK Extension B) is in GB18030, not in GBK
	printf '%s\n' "考生号,姓名,性别,出生日期,身份证号,民族,政治面貌,专业代码,专业名称,院系,班级,联系电话" \
		"26110101000009,吉𠮷,男,2007-02-28,110101200702280099,汉族,共青团员,510201,计算机应用技术,CS,计应2601,15212345679" \
		> rare.csv
	xj-import -q --key keys/chen.key rare.csv
	# CHSI gets the name reported for it (P9)
	printf 'exam_no,system,reported_name,proof\n26110101000009,chsi,吉吉,公安户籍证明 2026-031\n' > forms.csv
	xj-import -q --key keys/chen.key --source forms forms.csv
	studied 26110101000001 26110101000009 26110101000002
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma issue --encoding gbk -o issued.csv --conclusion graduate \
		--key keys/chen.key 26110101000001 26110101000009 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000009: name: \"𠮷\" (U+20BB7) cannot be written in GBK
xj-diploma: 2 issued, 1 refused"
	assert_equal "$(iconv -f gbk -t utf-8 issued.csv)" "exam_no,name,conclusion,number
26110101000001,张伟,graduate,140011202906000001
26110101000002,王芳,graduate,140011202906000002"
	# nothing of the refused student's: no certificate, no number, no entry
	assert_equal "$(sql "SELECT count(*), max(number) FROM certificate")" "2|140011202906000002"
	assert_equal "$(sql "SELECT count(*) FROM audit a JOIN student s ON s.id = a.student_id
		WHERE s.exam_no = '26110101000009' AND a.action = 'diploma-issue'")" 0
	# in GB18030 the name is written
	run --separate-stderr xj-diploma issue --encoding gb18030 --conclusion graduate \
		--key keys/chen.key 26110101000009
	assert_success
	assert_equal "$(printf '%s\n' "$output" | iconv -f gb18030 -t utf-8 | tail -n 1)" \
		"26110101000009,吉𠮷,graduate,140011202906000003"
	run xj log --verify
	assert_success
}

@test "each certificate's decision is signed, the refused leave no signature (P2, P13)" {
	keyed_store
	studied 26110101000001 26110101000002 26110101000008
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 \
		26320102000003 26110101000002 26110101000008
	assert_failure 1
	assert_equal "$(sql "SELECT count(*), count(d.audit_id), count(d.statement) FROM audit a
		LEFT JOIN decision_sig d ON d.audit_id = a.id WHERE a.action = 'diploma-issue'")" "3|3|3"
	assert_equal "$(sql "SELECT count(*) FROM decision_sig d LEFT JOIN audit a ON a.id = d.audit_id
		WHERE a.id IS NULL")" 0
	run xj log --verify
	assert_success
	# a signature changed is found
	sqlite3 "$XJ_DB" "DROP TRIGGER decision_sig_no_update; UPDATE decision_sig SET
		signature = (SELECT signature FROM decision_sig ORDER BY audit_id LIMIT 1)
		WHERE audit_id = (SELECT max(id) FROM audit WHERE action = 'diploma-issue')"
	run xj log --verify
	assert_failure
}

@test "the numbers' counter is on the row log once an issue, as the issue leaves it" {
	keyed_store
	studied 26110101000001 26110101000002 26110101000008
	export XJ_NOW=2029-06-20T09:00:00+08:00
	q="SELECT count(*), max(row) FROM row_log WHERE tbl = 'number_seq' AND rid LIKE '%certificate:%'"
	run xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 \
		26320102000003 26110101000002
	assert_failure 1
	assert_equal "$(sql "$q")" '1|{"prefix":"certificate:140011202906","last":2}'
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000008 > /dev/null
	assert_equal "$(sql "$q AND command_id = (SELECT max(id) FROM command)")" \
		'1|{"prefix":"certificate:140011202906","last":3}'
	run xj log --verify
	assert_success
}

@test "结业 then 毕业 keeps the number, the change noted; 肄业 has none (P13, P14)" {
	keyed_store
	studied 26110101000001 26110101000002
	printf 'exam_no,year,credits,credits_required\n26110101000001,2028,100,120\n' > low.csv
	xj-import -q --update --key keys/chen.key --source results low.csv
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma issue --conclusion completion --key keys/chen.key 26110101000001
	assert_output --partial "completion,140011202906000001"
	printf 'exam_no,year,credits,credits_required\n26110101000001,2028,120,120\n' > ok.csv
	XJ_NOW=2029-12-20T09:00:00+08:00 xj-import -q --update --key keys/chen.key --source results ok.csv
	export XJ_NOW=2029-12-20T09:00:00+08:00
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000001
	assert_success
	assert_output --partial "graduate,140011202906000001"
	run xj-diploma show 26110101000001
	assert_output "number,kind,conclusion,step,text,by,on
140011202906000001,diploma,graduate,issued,,,2029-06-20
140011202906000001,diploma,graduate,conclusion,graduate,chen,2029-12-20"
	xj-change status -q --key keys/li.key --to withdrawn --from 2029-12-01 --reason 退学 26110101000002
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	run --separate-stderr xj-diploma issue --conclusion incomplete --key keys/chen.key 26110101000002
	assert_success
	assert_output "exam_no,name,conclusion,number
26110101000002,王芳,incomplete,"
}

@test "a certificate is dated no later than today, and no earlier than the status it follows (P13, P14)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma issue --conclusion graduate --date 2031-06-20 --key keys/chen.key 26110101000001
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "xj-diploma: --date 2031-06-20 is still to come: a certificate is dated the day it is issued, or before"
	since=$(sql "SELECT since FROM status WHERE student_id = 1 ORDER BY id DESC LIMIT 1")
	run --separate-stderr xj-diploma issue --conclusion graduate --date 2019-06-20 --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-diploma: 26110101000001: a certificate dated 2019-06-20 is before the student's status registered, which holds from ${since:0:10}"
	assert_equal "$(sql 'SELECT count(*) FROM certificate')" 0
}

@test "no 肄业 for one who never had student status: withdrawn before registration (P9, P13)" {
	keyed_store
	xj-change status -q --key keys/li.key --to withdrawn --from 2026-09-10 --reason 退学 26110101000008
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	export XJ_NOW=2029-06-20T09:00:00+08:00
	run --separate-stderr xj-diploma check --conclusion incomplete 26110101000008
	assert_failure 1
	assert_line "26110101000008,黄磊,incomplete,no,\"no student status: never registered (P9, P13)\""
	run --separate-stderr xj-diploma issue --conclusion incomplete --key keys/chen.key 26110101000008
	assert_failure 1
	assert_equal "$(sql 'SELECT count(*) FROM certificate')" 0
}

@test "a 结业 certificate sent to or registered on CHSI is not turned into 毕业 behind it (P14, P16)" {
	keyed_store
	studied 26110101000001
	printf 'exam_no,year,credits,credits_required\n26110101000001,2028,100,120\n' > low.csv
	xj-import -q --update --key keys/chen.key --source results low.csv
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion completion --key keys/chen.key 26110101000001 > /dev/null
	xj-diploma register -q --template "$T/chsi-diploma.yaml" -o d.csv --commit --key keys/chen.key
	printf 'exam_no,year,credits,credits_required\n26110101000001,2028,120,120\n' > ok.csv
	xj-import -q --update --key keys/chen.key --source results ok.csv
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-diploma: 26110101000001: its completion certificate 140011202906000001 is sent to CHSI for registration: wait for CHSI's result (P14, P16)"
	printf 'exam_no,result\n26110101000001,success\n' > chsi.csv
	xj-diploma result -q --key keys/chen.key chsi.csv > /dev/null
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-diploma: 26110101000001: its completion certificate 140011202906000001 is registered on CHSI: a registered certificate does not change (P16)"
	assert_equal "$(sql "SELECT conclusion FROM certificate")" completion
}

@test "e-registration: only numbered certificates go to CHSI; a registered one freezes the record (P14, P16)" {
	keyed_store
	studied 26110101000001 26110101000002
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	run --separate-stderr xj-diploma register --template "$T/chsi-diploma.yaml" -o reg.csv --commit --key keys/chen.key
	assert_success
	assert_equal "$(iconv -f GBK -t UTF-8 reg.csv | tr -d '\r' | tail -n 1)" \
		"26110101000001,张伟,男,20070314,110101200703140012,14001,示例职业技术学院,510201,计算机应用技术,,,,,20290620,毕业,140011202906000001,王校长,"
	assert_equal "$(sql "SELECT kind, rows FROM submission WHERE kind = 'diploma'")" "diploma|1"
	printf 'KSH,JG,YY\n26110101000001,成功,\n26110101000002,成功,\n' | iconv -t GBK > fb.csv
	run --separate-stderr xj-diploma result --template "$T/chsi-result.yaml" --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: fb.csv:3: no certificate issued
xj-diploma: 1 registered, 0 failed, 0 unchanged, 1 refused"
	run xj-diploma list --status registered
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original
26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,registered,"
	# the freeze, set by the e-registration (P16): xj-change takes errata only
	run --separate-stderr xj-change request --key keys/li.key --field phone --to 13900001111 \
		--evidence application 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: the credential is registered since 2029-06-20 (credential 140011202906000001 registered): the record is frozen, only an erratum of the college's own error is accepted (--errata, P16, P17)
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --errata --field phone --to 13900001111 \
		--evidence application 26110101000001
	assert_success
	run --separate-stderr xj-diploma register --template "$T/chsi-diploma.yaml" --key keys/chen.key
	assert_success
	assert_equal "$(echo "$output" | wc -l)" 1
	# a registered original reported damaged is listed as such (P15)
	XJ_NOW=2031-03-02T09:00:00+08:00 xj-diploma proof -q --reason damaged --applied 2031-02-25 \
		--key keys/chen.key 26110101000001 > /dev/null
	run xj-diploma list --status damaged
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original
26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,damaged,"
}

@test "a certificate of academic credentials, once, for a lost original (P15)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	export XJ_NOW=2031-03-02T09:00:00+08:00
	# an application still to come is no application
	run --separate-stderr xj-diploma proof --reason lost --applied 2031-03-10 --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: the application of 2031-03-10 is still to come: a proof answers an application made"
	# nor one made before there was a certificate to lose
	run --separate-stderr xj-diploma proof --reason lost --applied 2028-02-18 --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: the application of 2028-02-18 is before the certificate 140011202906000001 was issued (2029-06-20)"
	run --separate-stderr xj-diploma proof --reason lost --applied 2031-02-20 --key keys/chen.key 26110101000001
	assert_success
	assert_output "exam_no,number
26110101000001,14001ZM20310001"
	run --separate-stderr xj-diploma proof --reason damaged --applied 2031-02-25 --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: a certificate of academic credentials was issued for it on 2031-03-02 (14001ZM20310001): once only (P15)"
	xj-diploma proof -q --marked --key keys/chen.key 26110101000001
	run xj-diploma list
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original
26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,lost,
26110101000001,张伟,proof,graduate,14001ZM20310001,2031-03-02,proof,140011202906000001"
	xj-diploma proof --print -o proof.html --key keys/chen.key 26110101000001
	grep -q '高等学校毕业证明书' proof.html
	grep -q '原毕业证书编号：140011202906000001' proof.html
	# the student has no enrolment date of their own: the cohort's (P15)
	grep -q '生，于2026年09月05日至2029年06月20日在本校' proof.html
	grep -q '因证书遗失，特补此证，以兹证明。' proof.html
	grep -q '校长：王校长' proof.html
}

@test "a credential resting on fraud is revoked at three levels, never deleted (P1)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	# the proposal is the reviewer's (P1): the registrar is refused before
	# anything is read or written
	run --separate-stderr xj-diploma revoke --key keys/chen.key --reason 冒名顶替 --doc-no "教学〔2030〕5号" 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma revoke' is work for the reviewer; chen does not hold that role"
	assert_equal "$(sql "SELECT count(*) FROM review WHERE stage = 'revoke'")" 0
	xj-diploma revoke -q --key keys/li.key --reason 冒名顶替 --doc-no "教学〔2030〕5号" 26110101000001
	run --separate-stderr xj-diploma sign --level leader --key keys/zhao.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: the department head has not signed yet (P1)
xj-diploma: 0 signed, 1 refused"
	xj-diploma sign -q --level dept --key keys/wang.key 26110101000001
	assert_equal "$(xj-diploma list --status revoked | wc -l)" 1
	xj-diploma sign -q --level leader --key keys/zhao.key 26110101000001
	run xj-diploma list --status revoked
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original
26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,revoked,"
	assert_equal "$(xj-diploma list | tail -n +2 | wc -l)" 1
	run xj log --verify
	assert_success
}

# --- who may act: a key, and the role of each verb (P1, P2, P13, P14) ---------

@test "issuing without a key is refused, nothing written: a name is no proof (P2, P13, P14)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	head=$(xj log --head)
	run --separate-stderr xj-diploma issue --conclusion graduate 26110101000001
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-diploma: 'xj-diploma issue' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-diploma issue --conclusion graduate -u chen 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma issue' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(xj-diploma list | tail -n +2)" ""
	assert_equal "$(xj log --head)" "$head"
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "registered"
}

@test "issuing is the registrar's: a reviewer, a leader, another's name are refused (P1, P2, P13, P14)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	head=$(xj log --head)
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/li.key 26110101000001
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-diploma: 'xj-diploma issue' is work for the registrar; li does not hold that role"
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/zhao.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma issue' is work for the registrar; zhao does not hold that role"
	# the registrar's name claimed with a reviewer's key
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/li.key -u chen 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: the key in use is li's, not chen's"
	# a key no staff member holds
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/evil.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: the key in use ($(xj-key show --key keys/evil.key 2> /dev/null | tail -n 1 | cut -d, -f1), from --key) is no staff member's in the config"
	assert_equal "$(xj-diploma list | tail -n +2)" ""
	assert_equal "$(xj log --head)" "$head"
	# the proof and CHSI's files are the registrar's too (P14, P15)
	run --separate-stderr xj-diploma proof --reason lost --applied 2031-02-20 --key keys/li.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma proof' is work for the registrar; li does not hold that role"
	run --separate-stderr xj-diploma register --template "$T/chsi-diploma.yaml" --key keys/wang.key
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma register' is work for the registrar; wang does not hold that role"
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 26110101000001
	assert_success
}

@test "a revocation's sign-off by a reviewer is refused; the levels stay unsigned (P1)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	xj-diploma revoke -q --key keys/li.key --reason 冒名顶替 --doc-no "教学〔2030〕5号" 26110101000001
	head=$(xj log --head)
	run --separate-stderr xj-diploma sign --level dept --key keys/zhou.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma sign' is work for the dept-head or leader; zhou does not hold that role"
	# the proposer cannot sign the next levels either
	run --separate-stderr xj-diploma sign --level leader --key keys/li.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma sign' is work for the dept-head or leader; li does not hold that role"
	run --separate-stderr xj-diploma sign --level dept 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma sign' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(sql "SELECT count(*) FROM signoff f JOIN review r ON r.id = f.review_id
		WHERE r.stage = 'revoke'")" 0
	assert_equal "$(xj log --head)" "$head"
	run xj-diploma list --status revoked
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original"
	# a department head of another department: the library's finer check (P3)
	run --separate-stderr xj-diploma sign --level dept --key keys/ma.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: ma is ME's dept-head; this student is CS's (P3)
xj-diploma: 0 signed, 1 refused"
}

@test "a refusal names the student by the key given, an ID number masked (P2)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	run --separate-stderr xj-diploma issue --conclusion graduate --key keys/chen.key 110101200703140012
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 110101********0012: has a graduate certificate already (140011202906000001)
xj-diploma: 0 issued, 1 refused"
	run --separate-stderr xj-diploma show 110101200703140099
	assert_failure 1
	assert_output "number,kind,conclusion,step,text,by,on"
	assert_equal "$stderr" "xj-diploma: 110101********0099: no such student"
	run --separate-stderr xj-diploma proof --print --key keys/chen.key 110101200703140012
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 110101********0012: no certificate of academic credentials issued"
	run --separate-stderr xj-diploma show --status revoked 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma show' does not take --status
Try 'xj-diploma --help' for more information."
}
