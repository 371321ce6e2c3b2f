#!/usr/bin/env bats
# xj config: the school, departments (P3), staff and roles (P1), calendar
# and windows (P7, P11, P21), loaded as history and shown back.

load test_helper

@test "config load keeps departments, staff and roles in the store" {
	xj init -q
	run --separate-stderr xj config load "$EX/xj.yaml"
	assert_success
	assert_equal "$stderr" "xj: loaded config $EX/xj.yaml"
	assert_equal "$(sql 'SELECT group_concat(code) FROM (SELECT code FROM department ORDER BY rowid)')" "CS,ME,EC"
	assert_equal "$(sql "SELECT roles FROM staff WHERE name = 'chen'")" "registrar,admin"
	assert_equal "$(sql 'SELECT school_code, recheck_months, annual_months FROM config_load')" "14001|3|1"
	assert_equal "$(sql "SELECT enrol_date FROM cohort WHERE cohort = 2026")" "2026-09-05"
	assert_equal "$(sql "SELECT action FROM audit ORDER BY id DESC LIMIT 1")" "config"
}

@test "config show prints the config in force, with where it came from" {
	new_store
	run --separate-stderr xj config show
	assert_success
	assert_line --index 0 "# $EX/xj.yaml, loaded 2026-09-10T09:00:00+08:00 by $(id -un)"
	assert_line --index 1 "# The school's configuration for xj (see xj-config(5))."
}

@test "config show without a config is exit 1" {
	xj init -q
	run --separate-stderr xj config show
	assert_failure 1
	assert_equal "$stderr" "xj: no config loaded (load one with 'xj config load FILE')"
}

@test "a second load is history: the newest is in force, the old stays" {
	new_store
	sed 's/name: 信息工程系/name: 信息技术系/' "$EX/xj.yaml" > new.yaml
	xj config load -q new.yaml
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 2
	assert_equal "$(sql "SELECT name FROM department WHERE code = 'CS' ORDER BY config_id")" "信息工程系
信息技术系"
	run xj config show
	assert_line --index 0 --partial "# new.yaml, loaded"
}

@test "config mistakes name the file, line and setting" {
	xj init -q
	printf 'school:\n  name: X\n  code: "1400"\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:3: school.code: school code must be 5 digits, not "1400"'
	printf 'school:\n  name: X\n  code: "14001"\nstaff:\n  - name: li\n    roles: [boss]\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:6: staff[1].roles: unknown role "boss" (want reviewer, dept-head, leader, registrar, archivist or admin)'
	printf 'school:\n  name: X\n  code: "14001"\nschool_year: 2026\n' > bad3.yaml
	run --separate-stderr xj config load bad3.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: bad3.yaml:4: school_year: unknown setting"
	printf 'school: [\n' > bad4.yaml
	run --separate-stderr xj config load bad4.yaml
	assert_failure 1
	assert_output ""
	[[ "$stderr" == "xj: bad4.yaml:2: not valid YAML: "* ]]
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
}

@test "config checks what YAML cannot: links and uniqueness" {
	xj init -q
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}]\nstaff:\n  - {name: li, roles: dept-head}\n' > c1.yaml
	run --separate-stderr xj config load c1.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: c1.yaml: staff[1]: a dept-head needs a dept"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}]\nstaff:\n  - {name: li, dept: ME, roles: reviewer}\n' > c2.yaml
	run --separate-stderr xj config load c2.yaml
	assert_equal "$stderr" "xj: c2.yaml: staff[1]: dept ME is not a department code"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}, {code: CS, name: B}]\n' > c3.yaml
	run --separate-stderr xj config load c3.yaml
	assert_equal "$stderr" "xj: c3.yaml: departments[2]: department code CS given twice"
}

@test "config load --dry-run checks without loading" {
	xj init -q
	run --separate-stderr xj config load -n "$EX/xj.yaml"
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run, not loaded): $EX/xj.yaml"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
}

@test "-u must name a configured staff member" {
	new_store
	run --separate-stderr xj-import -u nobody "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: unknown staff member 'nobody' (not in the config)"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
}

@test "calendar years, cohorts, department names and settings come once each" {
	xj init -q
	printf 'school: {name: X, code: "14001"}\ncalendar:\n  - {year: 2026, first_term_start: 2026-09-01}\n  - {year: 2026, first_term_start: 2026-09-02}\n' > d1.yaml
	run --separate-stderr xj config load d1.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: d1.yaml: calendar[2]: year given twice"
	printf 'school: {name: X, code: "14001"}\ncohorts:\n  - {cohort: 2026}\n' > d2.yaml
	run --separate-stderr xj config load d2.yaml
	assert_equal "$stderr" "xj: d2.yaml: cohorts[1]: a cohort needs a cohort year and an enrol_date"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: A, name: N}, {code: B, name: N}]\n' > d3.yaml
	run --separate-stderr xj config load d3.yaml
	assert_equal "$stderr" "xj: d3.yaml: departments[2]: department name N given twice"
	printf 'school: {name: X, code: "14001"}\nschool: {name: Y, code: "14002"}\n' > d4.yaml
	run --separate-stderr xj config load d4.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: d4.yaml:2: setting school given twice"
}

@test "the rules of changes: evidence, levels, apart; mistakes named (P12)" {
	xj init -q
	cp "$EX/xj.yaml" good.yaml
	xj config load -q good.yaml
	assert_equal "$(sql 'SELECT change_evidence, change_levels, change_apart FROM config_load')" \
		"application,household-register,id-card|reviewer,dept-head,leader|1"
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  evidence: [application, photo]\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: changes.evidence: not a kind of evidence: "photo" (want application, household-register, id-card or police-certificate)'
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  levels: [reviewer, archivist]\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: changes.levels: not a role that approves: "archivist" (want reviewer, dept-head, leader or registrar)'
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  name_and_id_apart: maybe\n' > bad3.yaml
	run --separate-stderr xj config load bad3.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad3.yaml:5: changes.name_and_id_apart: want true or false, not "maybe"'
}

@test "the student-number pattern is checked when loaded" {
	xj init -q
	printf 'school:\n  name: X\n  code: "14001"\nstudent_numbers:\n  pattern: "{year}{major}"\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: student_numbers.pattern: number pattern: no {seq:N}'
	printf 'school:\n  name: X\n  code: "14001"\nstudent_numbers:\n  pattern: "{year}{room}{seq:3}"\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: student_numbers.pattern: number pattern: unknown {room} (want year, yy, dept, major, school, issued or seq:N)'
	printf 'school:\n  name: X\n  code: "14001"\nstudent_numbers:\n  pattern: "{yy}{dept}{seq:4}"\n' > good.yaml
	xj config load -q good.yaml
	assert_equal "$(sql 'SELECT number_pattern FROM config_load')" "{yy}{dept}{seq:4}"
}

@test "the rules of certificates are checked when loaded (P14, P15)" {
	xj init -q
	printf 'school:\n  name: X\n  code: "14001"\ndiplomas:\n  school_type: 3\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: diplomas.school_type: want one digit of 办学类型 (1 普通, 5 成人, 6 自考, 7 网络), not "3"'
	printf 'school:\n  name: X\n  code: "14001"\ndiplomas:\n  level: 6\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: diplomas.level: want the two digits of 培养层次 (06 专科, 05 本科), not "6"'
	xj config load -q "$EX/xj.yaml"
	assert_equal "$(sql 'SELECT principal, cert_type, cert_level, proof_pattern FROM config_load')" \
		"王校长|1|06|{school}ZM{issued}{seq:4}"
}
