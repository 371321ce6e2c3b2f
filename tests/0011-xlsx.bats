#!/usr/bin/env bats
# .xlsx workbooks as record streams (xj-records(5)): the first sheet or
# --sheet NAME, every cell read as text, so that exam and ID numbers keep
# their digits and date cells come out as YYYY-MM-DD.  The workbooks are
# written here by openpyxl, a writer independent of xj.

load test_helper

# xlsx OUT [--shared] [--1904] < SPEC: a workbook; see tests/data/xlsx/make.py.
xlsx() {
	/usr/bin/python3 "$DATA/xlsx/make.py" "$@"
}

# part FILE NAME: one part of a workbook, as it is in the zip.
part() {
	/usr/bin/python3 -c 'import sys, zipfile
sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"
}

@test "a roster with Chinese headers in shared strings imports exactly" {
	new_store
	xlsx r.xlsx --shared <<'EOF2'
考生号|姓名|性别|出生日期|身份证号|民族|院系
26110101000001|张~伟|男|d:2007-03-14|110101200703140012|汉族|CS
n:26110101000002|王芳|女|d14:2007-11-02|110101200711020029|汉族|CS
v:2.6320102000003E+13|李娜|女|dz:2008-01-20|320102200801200045|回族|CS
EOF2
	run --separate-stderr xj-import r.xlsx
	assert_success
	assert_equal "$stderr" "xj-import: 3 read, 3 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql 'SELECT exam_no, name, birth_date, id_number FROM student ORDER BY exam_no')" \
"26110101000001|张伟|2007-03-14|110101200703140012
26110101000002|王芳|2007-11-02|110101200711020029
26320102000003|李娜|2008-01-20|320102200801200045"
	assert_equal "$(sql 'SELECT file, encoding, sha256 FROM import')" \
		"r.xlsx|xlsx|$(sha256sum r.xlsx | cut -d ' ' -f 1)"
	assert_equal "$(sql "SELECT line FROM source_named ORDER BY line")" "2
3
4"
}

@test "an 18-digit ID number stored as a number has lost digits and is refused by its check" {
	new_store
	xlsx r.xlsx <<'EOF2'
exam_no|name|id_number|birth_date
n:26110101000001|张伟|110101200703140012|d:2007-03-14
n:26110101000002|王芳|n:110101200711020029
EOF2
	# what openpyxl keeps of the number, as Excel would: 16 digits at most
	part r.xlsx xl/worksheets/sheet1.xml | grep -q '<v>1.1010120071102e+17</v>'
	run --separate-stderr xj-import -q r.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx:3: id_number: check digit should be 2, not 0: ending in 000, it was likely stored by Excel as a number; format the column as text and enter the digits again"
	assert_equal "$(sql 'SELECT exam_no, birth_date FROM student')" "26110101000001|2007-03-14"
}

@test "empty rows are skipped; messages and reject files give the spreadsheet's row" {
	new_store
	xlsx r.xlsx <<'EOF2'

exam_no|name|class|id_number

26110101000001|张伟||110101200703140012
26110101000002|王芳|计应2601|110101200711020028
EOF2
	run --separate-stderr xj-import -q --reject bad.csv r.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx:5: id_number: check digit should be 9, not 8"
	assert_equal "$(sql "SELECT exam_no, class IS NULL OR class = '', id_number FROM student")" \
		"26110101000001|1|110101200703140012"
	assert_equal "$(cat bad.csv)" "exam_no,name,class,id_number,line,field,reason
26110101000002,王芳,计应2601,110101200711020028,5,id_number,\"check digit should be 9, not 8\""
}

@test "an error cell, or a value right of the header, refuses its row" {
	new_store
	xlsx r.xlsx <<'EOF2'
exam_no|name|id_number
26110101000001|张伟|110101200703140012|surplus
26110101000002|王芳|#N/A
26110101000007|赵~敏|110101200705050088
EOF2
	run --separate-stderr xj-import --reject bad.csv r.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx:2: cell D2: beyond the last column of the header
xj-import: r.xlsx:3: id_number: cell C3: #N/A
xj-import: warning: r.xlsx: birth_date: no such column: taken from id_number in every row
xj-import: warning: r.xlsx: gender: no such column: taken from id_number in every row
xj-import: 3 read, 1 imported, 0 updated, 0 unchanged, 2 refused"
	assert_equal "$(sed -n 2p bad.csv)" '26110101000001,张伟,110101200703140012,2,,cell D2: beyond the last column of the header; extra value: surplus'
	assert_equal "$(sed -n 3p bad.csv)" '26110101000002,王芳,#N/A,3,id_number,cell C3: #N/A'
	assert_equal "$(sql 'SELECT name FROM student')" 赵敏
}

@test "a first sheet without the roster's columns is refused once, naming the sheets that have them; its rows kept in the reject file (P4)" {
	new_store
	xlsx r.xlsx --shared <<'EOF2'
sheet 统计
院系|人数
CS|120
EC|80
sheet 名册一
考生号|姓名|身份证号
26110101000001|张伟|110101200703140012
sheet 名册二
考生号|姓名|身份证号|院系
26110101000002|王芳|110101200711020029|CS
EOF2
	run --separate-stderr xj-import --reject rej.csv r.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx:1: sheet 统计: no column exam_no, name, id_number (a roster needs exam_no, name and id_number); sheets 名册一, 名册二 have them: give --sheet and one
xj-import: 2 read, 0 imported, 0 updated, 0 unchanged, 2 refused (nothing changed)"
	run cat rej.csv
	assert_output "院系,人数,行号,字段,原因
CS,120,2,考生号; 姓名; 身份证号,\"no column exam_no, name, id_number (a roster needs exam_no, name and id_number); sheets 名册一, 名册二 have them: give --sheet and one\"
EC,80,3,考生号; 姓名; 身份证号,\"no column exam_no, name, id_number (a roster needs exam_no, name and id_number); sheets 名册一, 名册二 have them: give --sheet and one\""
	# a source needs only a key; no sheet has one
	xlsx s.xlsx --shared <<'EOF2'
sheet 统计
院系|人数
CS|120
EOF2
	run --separate-stderr xj-import --source application s.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: s.xlsx:1: sheet 统计: no column exam_no, student_no, id_number (a row needs one of them to find its student); no sheet has them (sheets: 统计)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
}

@test "--sheet reads the sheet named; an unknown name refuses the file, naming the sheets" {
	new_store
	xlsx r.xlsx --shared <<'EOF2'
sheet 说明
本表为2026级录取名册
sheet 名册
考生号|姓名|身份证号
26110101000001|张伟|110101200703140012
EOF2
	# the first sheet, a note, holds no roster: the sheet that does is named
	run --separate-stderr xj-import r.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx: sheet 说明: no column exam_no, name, id_number (a roster needs exam_no, name and id_number); sheet 名册 has them: give --sheet 名册
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
	run --separate-stderr xj-import --sheet 其他 r.xlsx "$EX/roster.csv"
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.xlsx: no sheet named 其他 (sheets: 说明, 名册)
xj-import: 9 read, 8 imported, 0 updated, 0 unchanged, 1 refused"
	run --separate-stderr xj-import -q --sheet 名册 r.xlsx
	assert_success
	assert_equal "$(sql "SELECT count(*) FROM student WHERE name = '张伟'")" 1
}

@test "a broken workbook is refused by name; the other files are imported" {
	new_store
	xlsx r.xlsx <<'EOF2'
exam_no|name|id_number
26110101000011|甲|11010519491231002X
EOF2
	head -c 1000 r.xlsx > cut.xlsx
	run --separate-stderr xj-import cut.xlsx "$EX/roster.csv"
	assert_failure 1
	assert_equal "$stderr" "xj-import: cut.xlsx: broken .xlsx file: not a zip archive
xj-import: 9 read, 8 imported, 0 updated, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 8
}

@test "an .xlsx on standard input is read through a temporary file that does not stay" {
	new_store
	xlsx r.xlsx <<'EOF2'
exam_no|name|id_number
26110101000011|甲|11010519491231002X
26110101000012|乙|340102198001010013
EOF2
	mkdir tmp
	run --separate-stderr env TMPDIR="$PWD/tmp" sh -c 'cat r.xlsx | xj-import -q'
	assert_failure 1
	assert_equal "$stderr" "xj-import: stdin:3: id_number: check digit should be X, not 3"
	assert_equal "$(sql 'SELECT file, encoding, sha256 FROM import')" \
		"stdin|xlsx|$(sha256sum r.xlsx | cut -d ' ' -f 1)"
	assert_equal "$(ls -A tmp)" ""
}

@test "date-times, the 1904 date system, booleans and decimals read as text" {
	new_store
	xlsx r.xlsx --1904 <<'EOF2'
exam_no|name|id_number|birth_date|enrol_date|remark|credits
26110101000001|张伟|110101200703140012|d:2007-03-14|dt:2026-09-01T08:30|b:TRUE|n:1.5
EOF2
	run --separate-stderr xj-import -q r.xlsx
	assert_success
	assert_equal "$(sql 'SELECT birth_date, enrol_date FROM student')" "2007-03-14|2026-09-01"
	run sql 'SELECT data FROM source_named'
	assert_output --partial '"remark":"TRUE"'
	assert_output --partial '"credits":"1.5"'
}

@test "xj query -f xlsx writes every cell as text, read by an independent reader" {
	new_store
	xj-import -q "$EX/roster.csv"
	xj query -f xlsx --reveal --lang zh --fields exam_no,name,id_number > out.xlsx
	run /usr/bin/python3 -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
for row in list(ws.iter_rows())[:2]:
    print("|".join("%s:%s:%s" % (c.value, type(c.value).__name__, c.number_format) for c in row))' out.xlsx
	assert_success
	assert_output "考生号:str:@|姓名:str:@|身份证号:str:@
26110101000001:str:@|张伟:str:@|110101200703140012:str:@"
	# and it reads back as it was written
	xj init -q -d two.db
	xj config load -q -d two.db "$EX/xj.yaml"
	xj-import -q -d two.db out.xlsx
	assert_equal "$(sqlite3 two.db "SELECT count(*), min(id_number) FROM student")" "8|110101200702280072"
}

@test "an .xlsx is always Unicode: --encoding is refused with it" {
	new_store
	run --separate-stderr xj query -f xlsx --encoding gbk
	assert_failure 2
	assert_equal "$stderr" "xj: an .xlsx workbook is always Unicode: --encoding does not apply"
}
