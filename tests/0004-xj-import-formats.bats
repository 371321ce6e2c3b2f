#!/usr/bin/env bats
# Record streams as colleges really have them (xj-records(5)): Excel's CSV
# in UTF-8 with a BOM or in GB18030, CRLF, quoted commas and newlines,
# YAML, standard input; broken files named by line.

load test_helper

one_row() {
	printf '考生号,姓名,身份证号\r\n26110101000011,"甲,乙",11010519491231002X\r\n'
}

@test "UTF-8 with a BOM and CRLF line ends" {
	new_store
	{ printf '\357\273\277'; one_row; } > r.csv
	run --separate-stderr xj-import -q r.csv
	assert_success
	assert_equal "$(sql 'SELECT name FROM student')" "甲,乙"
	assert_equal "$(sql 'SELECT encoding FROM import')" utf-8
}

@test "GB18030 is detected, or named with --encoding" {
	new_store
	one_row | iconv -f UTF-8 -t GB18030 > gb.csv
	run --separate-stderr xj-import -q gb.csv
	assert_success
	assert_equal "$(sql 'SELECT name || encoding FROM student, import')" "甲,乙gb18030"
	printf '考生号,姓名,身份证号\n26110101000012,乙,34010219800101001X\n' | iconv -t GBK > gbk.csv
	run --separate-stderr xj-import -q --encoding gbk gbk.csv
	assert_success
	run --separate-stderr xj-import -q --encoding latin1 gbk.csv
	assert_failure 2
}

@test "GB18030 with its byte-order mark (84 31 95 33): the mark is dropped, the encoding taken from it" {
	new_store
	{ printf '\204\061\225\063'; one_row | iconv -f UTF-8 -t GB18030; } > gbbom.csv
	run --separate-stderr xj-import -q gbbom.csv
	assert_success
	assert_equal "$(sql 'SELECT exam_no || name || encoding FROM student, import')" "26110101000011甲,乙gb18030"
}

@test "the name dot of GB18030 A1A4 reads as U+00B7, not U+30FB" {
	new_store
	{ printf '考生号,姓名,身份证号\n26110101000011,' | iconv -t GB18030
	  printf '\xb0\xa2\xc0\xef\xa1\xa4\xc4\xbe,11010519491231002X\n'; } > dot.csv
	run --separate-stderr xj-import -q dot.csv
	assert_success
	assert_equal "$(sql 'SELECT hex(name) FROM student')" "E998BFE9878CC2B7E69CA8"
}

@test "a row with bytes that are not text is refused by name, the rest kept" {
	new_store
	printf '考生号,姓名,身份证号\n26110101000011,甲,11010519491231002X\n26110101000012,\xff\xfe,34010219800101001X\n' > mixed.csv
	run --separate-stderr xj-import -q --encoding utf-8 mixed.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: mixed.csv:3: name: bytes that are not UTF-8 text (for GB18030 files give --encoding gb18030)"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 1
}

@test "a quoted newline keeps the row whole, and line numbers stay physical" {
	new_store
	printf 'exam_no,name,id_number,address\n26110101000011,甲,11010519491231002X,"北京市\n东城区"\n26110101000012,乙,340102198001010013,x\n' > nl.csv
	run --separate-stderr xj-import -q nl.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: nl.csv:4: id_number: check digit should be X, not 3"
	assert_equal "$(sql 'SELECT address FROM student')" "北京市
东城区"
}

@test "a CRLF inside a quoted field is kept as CRLF; a CRLF that ends a row ends it (RFC 4180)" {
	new_store
	printf 'exam_no,name,id_number,address\r\n26110101000011,甲,11010519491231002X,"北京市\r\n东城区 ""一号"""\r\n26110101000012,乙,34010219800101001X,x\r\n' > crlf.csv
	run --separate-stderr xj-import -q crlf.csv
	assert_success
	assert_equal "$(sql "SELECT hex(address) FROM student WHERE exam_no = '26110101000011'")" "$(printf '北京市\r\n东城区 "一号"' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
	assert_equal "$(sql "SELECT address FROM student WHERE exam_no = '26110101000012'")" x
}

@test "a ragged row is refused with both counts; its extra value is kept in the reject file" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,甲,11010519491231002X,surplus\n26110101000012,乙\n' > rag.csv
	run --separate-stderr xj-import --reject bad.csv rag.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: rag.csv:2: row has 4 fields, the header has 3
xj-import: rag.csv:3: row has 2 fields, the header has 3
xj-import: 2 read, 0 imported, 0 updated, 0 unchanged, 2 refused (nothing changed)"
	assert_equal "$(sed -n 2p bad.csv)" '26110101000011,甲,11010519491231002X,2,,"row has 4 fields, the header has 3; extra value: surplus"'
}

@test "an unclosed quote is named at the row it starts" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,甲,11010519491231002X\n26110101000012,"乙,34010219800101001X\n' > q.csv
	run --separate-stderr xj-import -q q.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: q.csv:3: quoted field not closed at the end of the file"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 1
}

@test "a stray quote refuses its row only" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,a"b,11010519491231002X\n26110101000012,乙,34010219800101001X\n' > q.csv
	run --separate-stderr xj-import -q q.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: q.csv:2: a quote inside an unquoted field, or text after a closing quote"
	assert_equal "$(sql 'SELECT name FROM student')" 乙
}

@test "a row refused for its quoting comes back whole in the reject file, each field as typed (P4)" {
	new_store
	printf 'exam_no,name,id_number,phone\n26110101000011,a"b,11010519491231002X,13812345678\n26110101000012,"乙"二,34052419800101001X,"139, 1"\n26110101000013,"丙,360426199101010071,1\n' > q.csv
	run --separate-stderr xj-import -q --reject rej.csv q.csv
	assert_failure 1
	assert_equal "$(cat rej.csv)" 'exam_no,name,id_number,phone,line,field,reason
26110101000011,"a""b",11010519491231002X,13812345678,2,,"a quote inside an unquoted field, or text after a closing quote"
26110101000012,"""乙""二",34052419800101001X,"139, 1",3,,"a quote inside an unquoted field, or text after a closing quote"
26110101000013,"""丙",360426199101010071,1,4,,quoted field not closed at the end of the file'
	assert_equal "$(xj query --fields exam_no)" exam_no
}

@test "two columns naming one field refuse the file" {
	new_store
	printf '考生号,KSH,姓名\n1,2,3\n' > dup.csv
	run --separate-stderr xj-import dup.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: dup.csv:1: exam_no: columns 1 (考生号) and 2 (KSH) are the same field
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
}

@test "YAML record streams, by name or by content on stdin" {
	new_store
	cat > r.yaml <<'EOF2'
# a roster as YAML
- exam_no: "26110101000011"
  name: 甲
  id_number: 11010519491231002X
- 考生号: 26110101000012
  姓名: 乙
  身份证号: 34010219800101001X
- exam_no: [1, 2]
  name: 丙
EOF2
	run --separate-stderr xj-import r.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-import: warning: r.yaml: birth_date: no such column: taken from id_number in every row
xj-import: warning: r.yaml: gender: no such column: taken from id_number in every row
xj-import: r.yaml:8: a value must be a single text, not a list, mapping or alias
xj-import: 3 read, 2 imported, 0 updated, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 2
	printf -- '- exam_no: "26110101000013"\n  name: 丙\n  id_number: "360426199101010071"\n' |
		xj-import -q -
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 3
}

@test "CSV on standard input; TSV by its header" {
	new_store
	xj-import -q < "$EX/roster.csv"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 8
	printf 'exam_no\tname\tid_number\n26110101000011\t甲\t11010519491231002X\n' | xj-import -q
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 9
}

@test "a missing input file stops the command and changes nothing" {
	new_store
	run --separate-stderr xj-import "$EX/roster.csv" nosuch.csv
	assert_failure 3
	assert_equal "$stderr" "xj-import: cannot open nosuch.csv: No such file or directory
xj-import: nothing was changed"
	assert_equal "$(xj query --fields exam_no)" exam_no
}

@test "UTF-16 (Excel's Unicode text) is refused by name; other files go on" {
	new_store
	printf '\xff\xfee\x00x\x00' > u16.txt
	run --separate-stderr xj-import u16.txt "$EX/roster.csv"
	assert_failure 1
	assert_equal "$stderr" "xj-import: u16.txt: UTF-16 text; save it as CSV in UTF-8 or GB18030
xj-import: 9 read, 8 imported, 0 updated, 0 unchanged, 1 refused"
}

@test "TSV written by xj reads back with its escapes undone" {
	new_store
	printf 'exam_no,name,id_number,address\n26110101000011,甲,11010519491231002X,"a\tb\\\\c\nd"\n' > r.csv
	xj-import -q r.csv
	xj query --fields exam_no,name,id_number,address --reveal -f tsv > out.tsv
	xj init -q -d two.db
	xj config load -q -d two.db "$EX/xj.yaml"
	run --separate-stderr xj-import -q -d two.db out.tsv
	assert_success
	assert_equal "$(sqlite3 two.db 'SELECT hex(address) FROM student')" "$(sql 'SELECT hex(address) FROM student')"
}

@test "title rows above the header are skipped with a warning, in CSV and .xlsx alike" {
	new_store
	printf '2026级新生名册,,\n制表：教务处,,\n\nexam_no,name,id_number\n26110101000011,甲,11010519491231002X\n' > t.csv
	run --separate-stderr xj-import t.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: t.csv:2: 2 rows above the header taken as its title and skipped, the last: 制表：教务处
xj-import: warning: t.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: t.csv: gender: no such column: taken from id_number in every row
xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql 'SELECT name FROM student')" 甲
	/usr/bin/python3 -c "
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(['学生名册']); ws.append(['考生号', '姓名', '身份证号'])
ws.append(['26110101000012', '乙', '34052419800101001X'])
wb.save('t.xlsx')"
	run --separate-stderr xj-import t.xlsx
	assert_success
	assert_equal "$stderr" "xj-import: warning: t.xlsx:1: taken as a title above the header and skipped: 学生名册
xj-import: warning: t.xlsx:3: id_number: address code 340524 is not in GB/T 2260 (200212-202306), which begins in 2002: kept, as a code retired before then
xj-import: warning: t.xlsx: birth_date: no such column: taken from id_number in every row
xj-import: warning: t.xlsx: gender: no such column: taken from id_number in every row
xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	# a one-column file whose header names a field is no title
	printf 'exam_no\n26110101000011\n' | xj query - > one.csv
	assert_equal "$(wc -l < one.csv)" 2
}

@test "an ID or exam number Excel turned into a number is refused with the way to fix it" {
	new_store
	printf 'exam_no,name,id_number\n2.61101E+13,甲,1.10105E+17\n26110101000012,乙,110105194912310000\n' > e.csv
	run --separate-stderr xj-import e.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: e.csv:2: id_number: Excel stored this as a number (1.10105E+17): format the column as text and enter the digits again
xj-import: e.csv:2: exam_no: Excel stored this as a number (2.61101E+13): format the column as text and enter the digits again
xj-import: e.csv:3: id_number: check digit should be 3, not 0: ending in 000, it was likely stored by Excel as a number; format the column as text and enter the digits again
xj-import: 2 read, 0 imported, 0 updated, 0 unchanged, 2 refused (nothing changed)"
}

@test "--encoding gb18030-2005 reads GB 18030-2005's codes of 𠂇 (95329031) and U+FE10 (84318236); gb18030 is 2022's, which has no 84318236" {
	new_store
	# 𠂇明 and 北京︐ in GB 18030-2005's codes, then the two-byte codes that
	# 2022 gives 𠂇 and ︐ (FE51, A6D9; 2005's private-use U+E816, U+E78D)
	printf 'exam_no,name,id_number,address\n26110101000011,\x95\x32\x90\x31\xc3\xf7,11010519491231002X,\xb1\xb1\xbe\xa9\x84\x31\x82\x36\n26110101000012,\xfe\x51,34010219800101001X,\xa6\xd9\n' > gb2005.csv
	run --separate-stderr xj-import -q --encoding gb18030-2005 gb2005.csv
	assert_success
	assert_equal "$(sql 'SELECT group_concat(name || address) FROM student')" "𠂇明北京︐,𠂇︐"
	assert_equal "$(sql 'SELECT encoding FROM import')" gb18030-2005
	# in 2022's mapping the first row's 84318236 is no text: refused, named
	xj init -q -d b.db
	xj config load -q -d b.db "$EX/xj.yaml"
	run --separate-stderr xj-import -q -d b.db --encoding gb18030-2022 gb2005.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: gb2005.csv:2: address: bytes that are not GB18030 text (the file has codes of GB 18030-2005: give --encoding gb18030-2005)"
	assert_equal "$(sqlite3 b.db 'SELECT name || address FROM student')" "𠂇︐"
	# GB18030's byte-order mark: --encoding says which mapping
	{ printf '\204\061\225\063'; printf 'exam_no,name,id_number\n26110101000013,\x95\x32\x90\x31,110101200703140012\n'; } > bom.csv
	run --separate-stderr xj-import -q --encoding gb18030-2005 bom.csv
	assert_success
	assert_equal "$(sql "SELECT name || encoding FROM student, import WHERE exam_no = '26110101000013' AND file = 'bom.csv'")" "𠂇gb18030-2005"
}

@test "--encoding gb18030-2005 writes 𠂇 and U+FE10 at GB 18030-2005's codes; gb18030 (2022's) at FE51 and A6D9" {
	new_store
	printf 'exam_no,name,id_number,address\n26110101000011,𠂇明,11010519491231002X,北京︐\n' > r.csv
	xj-import -q r.csv
	xj query --fields name,address --encoding gb18030-2005 > got-2005.csv
	printf 'name,address\n\x95\x32\x90\x31\xc3\xf7,\xb1\xb1\xbe\xa9\x84\x31\x82\x36\n' > want-2005.csv
	cmp got-2005.csv want-2005.csv
	for enc in gb18030 gb18030-2022; do
		xj query --fields name,address --encoding $enc > got.csv
		printf 'name,address\n\xfe\x51\xc3\xf7,\xb1\xb1\xbe\xa9\xa6\xd9\n' > want.csv
		cmp got.csv want.csv
	done
	# and 2005's bytes read back as they were written
	xj init -q -d b.db
	xj config load -q -d b.db "$EX/xj.yaml"
	xj query --fields exam_no,name,id_number,address --reveal --encoding gb18030-2005 > back.csv
	xj-import -q -d b.db --encoding gb18030-2005 back.csv
	assert_equal "$(sqlite3 b.db 'SELECT name || address FROM student')" "𠂇明北京︐"
	run --separate-stderr xj query --encoding gb18030-2006
	assert_failure 2
	assert_equal "$stderr" "xj: unknown encoding 'gb18030-2006' (want utf-8, gb18030, gb18030-2005 or gbk)"
}

@test "a YAML record that names a field twice, or is a bare value, is refused, and the reject file keeps every value (P4)" {
	new_store
	printf -- '- exam_no: "26110101000004"\n  name: 赵\n  name: 钱\n  id_number: "110101200701010046"\n- 26110101000007\n' > d.yaml
	run --separate-stderr xj-import -q --reject rej.csv d.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-import: d.yaml:1: name: field given twice
xj-import: d.yaml:5: a record must be a mapping of fields"
	assert_equal "$(cat rej.csv)" "exam_no,name,id_number,line,field,reason
26110101000004,赵,110101200701010046,1,name,field given twice; name: 钱
,,,5,,a record must be a mapping of fields; extra value: 26110101000007"
}

@test "GBK that reads as valid UTF-8 by chance is not guessed: refused, then read as asked (P4)" {
	new_store
	printf 'exam_no,name,id_number\n26110101000001,叶伟,110101200703140012\n26110101000002,石强,110101200711020029\n' |
		iconv -f UTF-8 -t GBK > g.csv
	run --separate-stderr xj-import -q g.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: g.csv: it reads as UTF-8 with no Chinese in it, only letters such as Cyrillic or Greek, which is how GBK text can read: give --encoding gb18030 if it is GBK, or --encoding utf-8 if it is not"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	xj-import -q --encoding gbk g.csv
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "叶伟,石强"
}
