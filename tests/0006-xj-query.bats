#!/usr/bin/env bats
# xj query: students selected and printed as a record stream, personal data
# masked unless revealed, and a reveal audited (P2).

load test_helper

setup_roster() {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
}

@test "query prints every student in exam-number order, ID numbers masked" {
	setup_roster
	run --separate-stderr xj query --fields exam_no,name,id_number,status
	assert_success
	assert_line --index 0 "exam_no,name,id_number,status"
	assert_line --index 1 "26110101000001,张伟,110101********0012,admitted"
	assert_equal "${#lines[@]}" 9
}

@test "filters: cohort, department (code or name), major, class, status" {
	setup_roster
	run xj query --dept CS --fields exam_no
	assert_equal "${#lines[@]}" 5
	run xj query --dept 机电工程系 --fields exam_no
	assert_output "exam_no
26370203000004
26510105000006"
	run xj query --major 530302 --class 会计2601 --fields name
	assert_output "name
赵敏
陈静"
	run xj query --cohort 2025 --fields exam_no
	assert_output "exam_no"
	run xj query --status admitted --fields exam_no
	assert_equal "${#lines[@]}" 9
}

@test "a key is an exam number, student number or ID number" {
	setup_roster
	run xj query --student 110101200703140012 --fields exam_no,name
	assert_output "exam_no,name
26110101000001,张伟"
	run xj query 26110101000002 26320102000003 --fields name
	assert_output "name
王芳
李娜"
}

@test "an unknown key is reported and exits 1" {
	setup_roster
	run --separate-stderr xj query 26110101000001 26999999999999 --fields name
	assert_failure 1
	assert_output "name
张伟"
	assert_equal "$stderr" "xj: no student with key 26999999999999"
	# --student names a student as a key does: none is exit 1, not an
	# empty answer that cron reads as nothing wrong
	run --separate-stderr xj query --student 26999999999999 --fields name
	assert_failure 1
	assert_output "name"
	assert_equal "$stderr" "xj: no student with key 26999999999999"
}

@test "keys from a record stream on stdin: one program's output is the next one's input" {
	setup_roster
	run sh -c 'xj query --dept EC --fields exam_no | xj query - --fields name,dept'
	assert_success
	assert_output "name,dept
赵敏,EC
陈静,EC"
}

@test "--reveal shows ID and phone numbers and is itself audited, the fields named (P2)" {
	setup_roster
	run xj query --student 26110101000001 --fields id_number,phone
	assert_output "id_number,phone
110101********0012,138****5678"
	run xj query --student 26110101000001 --fields id_number,phone --reveal -u chen
	assert_output "id_number,phone
110101200703140012,13812345678"
	# the log's last entry: chen's reveal, naming the fields
	assert_equal "$(xj log -f tsv | tail -n 1 | cut -f4,6,8,10)" \
		"$(printf 'chen\txj query\treveal\t{"verb":"query","fields":["id_number","phone"]}')"
}

@test "formats: tsv, yaml, json; Chinese headers; GB18030 for Excel" {
	setup_roster
	run xj query --student 26110101000001 --fields exam_no,name -f tsv
	assert_output "exam_no	name
26110101000001	张伟"
	run xj query --student 26110101000001 --fields exam_no,name -f yaml
	assert_output '- exam_no: "26110101000001"
  name: 张伟'
	run xj query --student 26110101000001 --fields exam_no,name -f json
	assert_output '[
{"exam_no":"26110101000001","name":"张伟"}
]'
	run xj query --cohort 2031 -f json
	assert_output "[]"
	run xj query --student 26110101000001 --fields exam_no,name --lang zh
	assert_line --index 0 "考生号,姓名"
	xj query --student 26110101000001 --fields name --lang zh --encoding gb18030 > gb.csv
	assert_equal "$(iconv -f GB18030 -t UTF-8 gb.csv)" "姓名
张伟"
}

@test "a revealed query's output imports into another store unchanged" {
	setup_roster
	xj query -f yaml --reveal > all.yaml
	xj init -q -d second.db
	xj config load -q -d second.db "$EX/xj.yaml"
	run --separate-stderr xj-import -q -d second.db all.yaml
	assert_success
	assert_equal "$(xj query -d second.db --reveal -f yaml)" "$(cat all.yaml)"
	# masked ID numbers are not ID numbers: refused, never stored
	xj query > masked.csv
	xj init -q -d third.db
	xj config load -q -d third.db "$EX/xj.yaml"
	run --separate-stderr xj-import -q -d third.db masked.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: masked.csv:2: id_number: must be 17 digits and a check digit
xj-import: masked.csv:3: id_number: must be 17 digits and a check digit
xj-import: masked.csv:4: id_number: must be 17 digits and a check digit
xj-import: masked.csv:5: id_number: must be 17 digits and a check digit
xj-import: masked.csv:6: id_number: must be 17 digits and a check digit
xj-import: masked.csv:7: id_number: must be 17 digits and a check digit
xj-import: masked.csv:8: id_number: must be 17 digits and a check digit
xj-import: masked.csv:9: id_number: must be 17 digits and a check digit"
}

@test "bad query options are usage errors" {
	setup_roster
	run --separate-stderr xj query --fields exam_no,shoe_size
	assert_failure 2
	assert_equal "$stderr" "xj: unknown field 'shoe_size' in --fields
Try 'xj --help' for more information."
	run --separate-stderr xj query -f xml
	assert_failure 2
	assert_equal "$stderr" "xj: unknown format 'xml' (want csv, tsv, yaml, json or xlsx)"
	run --separate-stderr xj query --cohort twenty
	assert_failure 2
}

@test "--excel keeps long digit strings as text for Excel, and reads back" {
	setup_roster
	run xj query --excel --reveal --fields exam_no,name,id_number,phone --student 26110101000001
	assert_output 'exam_no,name,id_number,phone
"=""26110101000001""",张伟,"=""110101200703140012""",13812345678'
	xj query --excel --reveal > excel.csv
	xj init -q -d two.db
	xj config load -q -d two.db "$EX/xj.yaml"
	run --separate-stderr xj-import -q -d two.db excel.csv
	assert_success
	assert_equal "$(sqlite3 two.db "SELECT id_number FROM student WHERE exam_no = '26110101000001'")" 110101200703140012
}

@test "values a spreadsheet would run as formulas are written as text, unless --raw" {
	new_store
	printf 'exam_no,name,id_number,dept,class,address\n26110101000001,张伟,110101200703140012,CS,-2+3,"=HYPERLINK(""http://x"")"\n26110101000002,王芳,110101200711020029,CS,-1,@SUM(A1)\n' > r.csv
	xj-import -q r.csv
	run xj query --fields exam_no,class,address
	assert_output "exam_no,class,address
26110101000001,'-2+3,\"'=HYPERLINK(\"\"http://x\"\")\"
26110101000002,-1,'@SUM(A1)"
	run xj query --fields exam_no,class,address -f tsv 26110101000002
	assert_output "$(printf "exam_no\tclass\taddress\n26110101000002\t-1\t'@SUM(A1)")"
	run xj query --raw --fields exam_no,class 26110101000001
	assert_output "exam_no,class
26110101000001,-2+3"
	run xj query -f json --fields exam_no,class 26110101000001
	assert_output '[
{"exam_no":"26110101000001","class":"-2+3"}
]'
}

@test "a typo in a filter is a usage error naming what is known, never an empty answer" {
	new_store
	xj-import -q "$EX/roster.csv"
	run --separate-stderr xj query --dept xx
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj: --dept: no department 'xx' (known: CS 信息工程系, EC 经济管理系, ME 机电工程系)"
	run --separate-stderr xj-verify check --dept NOPE
	assert_failure 2
	run --separate-stderr xj query --class 计应2602
	assert_failure 2
	assert_equal "$stderr" "xj: --class: no class '计应2602' (known: 会计2601, 机制2601, 网络2601, 计应2601)"
	run --separate-stderr xj query --major 510299
	assert_failure 2
	assert_equal "$stderr" "xj: --major: no major '510299' (known: 460301 机械制造及自动化, 510201 计算机应用技术, 510202 计算机网络技术, 530302 大数据与会计)"
	run --separate-stderr xj query --status registred
	assert_failure 2
	assert_equal "$stderr" "xj: --status: no status 'registred' (known: admitted, registered, admission-cancelled, status-cancelled, withdrawn, deceased, suspended, retained, transferred-major, demoted, resumed, graduated, completed, incomplete)"
	run --separate-stderr xj-register annual --year 2026 --dept xx
	assert_failure 2
	# names known ones are answered, by code or by name
	assert_equal "$(xj query --dept 信息工程系 -f tsv | wc -l)" 5
	assert_equal "$(xj query --major 计算机应用技术 --class 计应2601 -f tsv | wc -l)" 4
}

@test "-f xlsx refuses to write to a terminal" {
	new_store
	run script -qec "xj query -f xlsx" /dev/null
	assert_failure 2
	# all a person sees on the terminal (its line ends in \r\n there)
	assert_equal "$(printf '%s' "$output" | tr -d '\r')" \
		"xj: -f xlsx does not write to a terminal: give -o FILE, or send it to a file or a pipe"
	xj query -f xlsx > out.xlsx
	assert_equal "$(head -c 2 out.xlsx)" PK
}
