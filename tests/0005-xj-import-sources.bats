#!/usr/bin/env bats
# The other entrance sources (P4): exam registration data, admission data,
# on-site ID-card reads and results are kept beside the student, matched by
# key, and never change the roster's values.

load test_helper

setup_roster() {
	new_store
	xj-import -q "$EX/roster.csv"
}

@test "admission data rows attach to the student by exam number" {
	setup_roster
	printf '考生号,姓名,录取通知书号,专业代码\n26110101000001,张伟,TZ2026-0001,510201\n' > adm.csv
	run --separate-stderr xj-import --source admission adm.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT s.exam_no, r.source, json_extract(r.data, '\$.notice_no') FROM source_row r JOIN student s ON s.id = r.student_id WHERE r.source = 'admission'")" "26110101000001|admission|TZ2026-0001"
	assert_equal "$(sql "SELECT action FROM audit WHERE action NOT IN ('rows', 'import') ORDER BY id DESC LIMIT 1")" add-source
	# the roster's own values stay as they were
	assert_equal "$(sql "SELECT notice_no IS NULL FROM student WHERE exam_no = '26110101000001'")" 1
}

@test "an on-site ID-card read attaches by ID number; its name may differ (for xj-verify)" {
	setup_roster
	printf '身份证号,姓名,性别,民族,住址\n110101200703140012,张玮,男,汉族,北京市东城区\n' > onsite.csv
	run --separate-stderr xj-import -q --source onsite onsite.csv
	assert_success
	assert_equal "$(sql "SELECT json_extract(data, '\$.name') FROM source_row WHERE source = 'onsite'")" 张玮
	assert_equal "$(sql "SELECT name FROM student WHERE exam_no = '26110101000001'")" 张伟
}

@test "a row for a student not in the store is refused: the roster comes first" {
	setup_roster
	printf '考生号,姓名\n26110101000099,无名\n' > app.csv
	run --separate-stderr xj-import --source application app.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: app.csv:2: exam_no: no student with exam_no 26110101000099 (import the roster first)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
}

@test "a source row needs a key" {
	setup_roster
	printf '姓名\n张伟\n' > app.csv
	run --separate-stderr xj-import -q --source application app.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: app.csv:1: no column exam_no, student_no, id_number (a row needs one of them to find its student)"
	# a header with a key, a row without one
	printf '考生号,姓名\n,张伟\n' > app.csv
	run --separate-stderr xj-import -q --source application app.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: app.csv:2: exam_no: a row needs exam_no, id_number or student_no"
}

@test "the same source row again is unchanged; a changed one needs --update" {
	setup_roster
	printf '考生号,姓名\n26110101000001,张伟\n' > app.csv
	xj-import -q --source application app.csv
	run --separate-stderr xj-import --source application app.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 0 imported, 0 updated, 1 unchanged, 0 refused (nothing changed)"
	printf '考生号,姓名\n26110101000001,张玮\n' > app2.csv
	run --separate-stderr xj-import --source application app2.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: app2.csv:2: name: the store has "张伟", this row has "张玮" (give --update to change it)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)'
	run --separate-stderr xj-import -q --update --source application app2.csv
	assert_success
	assert_equal "$(sql "SELECT count(*) FROM source_row WHERE source = 'application'")" 2
	assert_equal "$(sql "SELECT action FROM audit WHERE action NOT IN ('rows', 'import') ORDER BY id DESC LIMIT 1")" update-source
}

@test "results rows carry credits for later programs" {
	setup_roster
	printf 'exam_no,credits,credits_required,requirements_met\n26110101000002,120,118,yes\n' > res.csv
	run --separate-stderr xj-import -q --source results res.csv
	assert_success
	assert_equal "$(sql "SELECT json_extract(data, '\$.credits') FROM source_row WHERE source = 'results'")" 120
}

@test "an unknown source is bad usage" {
	xj init -q
	run --separate-stderr xj-import --source gossip x.csv
	assert_failure 2
	assert_equal "$stderr" "xj-import: unknown source 'gossip' (want roster, application, admission, onsite, results, chsi or forms)
Try 'xj-import --help' for more information."
}

@test "a value the earlier row lacked is added without --update" {
	setup_roster
	printf '考生号,姓名\n26110101000001,张伟\n' > app.csv
	xj-import -q --source application app.csv
	printf '考生号,姓名,联系电话\n26110101000001,张伟,13812345678\n' > app2.csv
	run --separate-stderr xj-import --source application app2.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 0 imported, 1 updated, 0 unchanged, 0 refused"
}

@test "other sources keep their values as given: no birth date is made up for them" {
	setup_roster
	printf '身份证号,姓名\n110101200703140012,张伟\n' > onsite.csv
	run --separate-stderr xj-import --source onsite onsite.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT json_extract(data, '\$.birth_date') IS NULL FROM source_row WHERE source = 'onsite'")" 1
}

@test "results: 已修学分, 要求学分 and 毕业要求 are the credits, the credits required and the requirements met (P13)" {
	setup_roster
	printf '考生号,学年,已修学分,要求学分,毕业要求\n26110101000001,2026,118,120,否\n' > res.csv
	run --separate-stderr xj-import -q --source results res.csv
	assert_success
	assert_equal "$(sql "SELECT json_extract(data, '\$.credits') || ',' || json_extract(data, '\$.credits_required') || ',' || json_extract(data, '\$.requirements_met') FROM source_row WHERE source = 'results'")" "118,120,否"
}

@test "results: a column no field answers to is a warning, said once, and kept with the rows (P13)" {
	setup_roster
	printf '考生号,学年,已修学分,补考成绩\n26110101000001,2026,118,60\n26110101000002,2026,118,61\n' > res.csv
	run --separate-stderr xj-import --source results res.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: res.csv: 补考成绩: not a column of results: kept with each row as given, never read
xj-import: 2 read, 2 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT group_concat(json_extract(data, '\$.补考成绩')) FROM source_row WHERE source = 'results'")" "60,61"
}

@test "results: one file may hold several years of a student; the same student and year twice is refused (P13)" {
	setup_roster
	printf 'exam_no,year,credits,credits_required\n26110101000001,2026,40,120\n26110101000001,2027,80,120\n26110101000001,2027,81,120\n' > years.csv
	run --separate-stderr xj-import --source results years.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: years.csv:4: exam_no: 26110101000001 for 2027 given twice: also at line 3
xj-import: 3 read, 2 imported, 0 updated, 0 unchanged, 1 refused"
	# 学年 is the year too
	printf '考生号,学年,已修学分\n26110101000002,2026,40\n26110101000002,2027,80\n' > y2.csv
	run --separate-stderr xj-import -q --source results y2.csv
	assert_success
	assert_equal "$(sql "SELECT count(*) FROM source_row WHERE source = 'results'")" 4
}
