#!/usr/bin/env bats
# CHSI's student list (在校生名单) as the reference (P10): kept whole as a
# source, its identity verdicts recorded as photo-comparison results (P5,
# P13), and the store compared with it field by field.

load test_helper

setup_lists() {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	cp "$DATA/chsi-list.csv" list.csv
}

@test "the list is kept whole, rows for unknown students too" {
	setup_lists
	run --separate-stderr xj-import --source chsi list.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: list.csv:9: exam_no: no such student in the store (kept for the comparison)
xj-import: 8 read, 8 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT count(*), count(student_id) FROM source_row WHERE source = 'chsi'")" "8|7"
}

@test "the same list again changes nothing; a new list is a new snapshot" {
	setup_lists
	xj-import -q --source chsi list.csv
	run --separate-stderr xj-import -q --source chsi list.csv
	assert_success
	assert_equal "$(sql "SELECT count(*) FROM import WHERE source = 'chsi'")" 1
	sed -i 's/2026-10-08/2026-10-09/' list.csv
	xj-import -q --source chsi list.csv
	assert_equal "$(sql "SELECT count(*) FROM source_row WHERE source = 'chsi'")" 16
}

@test "BZ identity verdicts become photo-comparison results, once each" {
	setup_lists
	xj-import -q --source chsi list.csv
	assert_equal "$(sql "SELECT s.exam_no, p.pair, p.result FROM photo_check p JOIN student s ON s.id = p.student_id ORDER BY p.id")" "26320102000003|chsi-identity|mismatch
26110101000007|chsi-identity|unclear"
	sed -i 's/2026-10-08/2026-10-09/' list.csv
	xj-import -q --source chsi list.csv
	assert_equal "$(sql 'SELECT count(*) FROM photo_check')" 2
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE action = 'photo-check'")" 2
}

@test "query --diff chsi lists every disagreement and who is on one side only" {
	setup_lists
	xj-import -q --source chsi list.csv
	run --separate-stderr xj query --diff chsi --ignore status
	assert_failure 1
	assert_output "exam_no,name,field,ours,chsi
26110101000002,王芳,ethnicity,汉族,回族
26370203000004,刘洋,(student),present,missing
26110101000099,钱多,(student),missing,present"
}

@test "dates and codes in CHSI's forms are not differences; ID numbers are masked" {
	setup_lists
	sed -i 's/^26110101000008,,黄磊,男,20070228,110101200702280072/26110101000008,,黄磊,男,20070228,110101200702280099/' list.csv
	xj-import -q --source chsi list.csv
	run --separate-stderr xj query --diff chsi --dept CS --ignore status
	assert_failure 1
	assert_output "exam_no,name,field,ours,chsi
26110101000002,王芳,ethnicity,汉族,回族
26110101000008,黄磊,id_number,110101********0072,110101********0099"
	run xj query --diff chsi --dept CS --ignore status --reveal -f tsv
	assert_line "26110101000008	黄磊	id_number	110101200702280072	110101200702280099"
}

@test "query --diff chsi compares the class (BH) and the status (ZCZT); ours not in school are not missing from CHSI (P10)" {
	setup_lists
	# the class differs for one; one student is left off the list and his
	# admission cancelled: he is no longer expected on it
	sed -i -e 's/^\(26110101000001,.*\),计应2601,/\1,计应2602,/' -e '/^26110101000008,/d' list.csv
	xj-import -q --source chsi list.csv
	xj-verify cancel -q --key ekeys/li.key --what admission --grounds fraud --reason "伪造录取通知书" 26110101000008
	xj-verify sign -q --key ekeys/wang.key --stage cancel --level dept 26110101000008
	xj-verify sign -q --key ekeys/zhao.key --stage cancel --level leader 26110101000008
	run --separate-stderr xj query --diff chsi --dept CS
	assert_failure 1
	# the store still awaits CHSI's feedback (admitted, 待注册) where CHSI
	# registered them already (注册学籍)
	assert_output "exam_no,name,field,ours,chsi
26110101000001,张伟,class,计应2601,计应2602
26110101000001,张伟,status,待注册,注册学籍
26110101000002,王芳,ethnicity,汉族,回族
26110101000002,王芳,status,待注册,注册学籍
26320102000003,李娜,status,待注册,注册学籍"
	# fields left out by name
	run --separate-stderr xj query --diff chsi --dept CS --ignore status,ethnicity,class
	assert_success
	assert_output "exam_no,name,field,ours,chsi"
	run --separate-stderr xj query --diff chsi --ignore colour
	assert_failure 2
	assert_equal "$stderr" "xj: --ignore wants fields of the record, not 'colour'
Try 'xj --help' for more information."
}

@test "no list yet is bad usage of --diff" {
	setup_lists
	run --separate-stderr xj query --diff chsi
	assert_failure 2
	assert_equal "$stderr" "xj: no CHSI list imported (import one with 'xj-import --source chsi')"
	run --separate-stderr xj query --diff moe
	assert_failure 2
}
