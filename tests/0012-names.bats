#!/usr/bin/env bats
# Names as people have them (民委发〔2016〕33号): the legal name in full
# Unicode, with what converters get wrong put right and said so.

load test_helper

@test "look-alike dots in a name become U+00B7, with a warning" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,阿里\xe3\x83\xbb木,11010519491231002X\n26110101000012,买买提\xef\xbd\xa5艾力,34010219800101001X\n' > n.csv
	run --separate-stderr xj-import n.csv
	assert_success
	assert_equal "$stderr" 'xj-import: warning: n.csv:2: name: "・" (U+30FB) read as "·" (U+00B7)
xj-import: warning: n.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: n.csv: gender: no such column: taken from id_number in every row
xj-import: warning: n.csv:3: name: "･" (U+FF65) read as "·" (U+00B7)
xj-import: 2 read, 2 imported, 0 updated, 0 unchanged, 0 refused'
	assert_equal "$(sql 'SELECT group_concat(hex(name)) FROM student')" "E998BFE9878CC2B7E69CA8,E4B9B0E4B9B0E68F90C2B7E889BEE58A9B"
}

@test "GB18030-2005 private-use code points become the standard characters" {
	new_store
	# U+E855 and U+E816, as Python's GB18030 codec writes FE91 and FE51
	printf 'exam_no,name,id_number\n26110101000011,王\xee\xa1\x95,11010519491231002X\n26110101000012,\xee\xa0\x96明,34010219800101001X\n' > p.csv
	run --separate-stderr xj-import p.csv
	assert_success
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王𤇾,𠂇明"
	assert_equal "$(echo "$stderr" | grep -c 'private-use code')" 2
}

@test "rare characters beyond GBK are kept whole, through GB18030 files too" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,李䶮,11010519491231002X\n26110101000012,𠈌㛃,34010219800101001X\n' > rare.csv
	iconv -f UTF-8 -t GB18030 rare.csv > rare-gb.csv
	xj init -q -d gb.db
	xj config load -q -d gb.db "$EX/xj.yaml"
	xj-import -q rare.csv
	xj-import -q -d gb.db rare-gb.csv
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "李䶮,𠈌㛃"
	assert_equal "$(sqlite3 gb.db 'SELECT group_concat(name) FROM student')" "李䶮,𠈌㛃"
	xj query --fields name --encoding gb18030 > out.csv
	assert_equal "$(iconv -f GB18030 -t UTF-8 out.csv)" "name
李䶮
𠈌㛃"
}

rare_store() {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,李䶮,11010519491231002X\n26110101000012,王芳,34010219800101001X\n' > rare.csv
	xj-import -q rare.csv
}

@test "a list in GBK refuses a name it cannot write, naming the character, never '?'" {
	rare_store
	run --separate-stderr xj query --fields exam_no,name --encoding gbk
	assert_failure 1
	assert_equal "$stderr" 'xj: 26110101000011: name: "䶮" (U+4DAE) cannot be written in GBK (--for uses a reported name)'
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8)" "exam_no,name
26110101000012,王芳"
}

@test "any listing in GBK refuses the student whose name it cannot write, and lists the rest" {
	rare_store
	run --separate-stderr xj-register card -f csv --encoding gbk 26110101000011 26110101000012
	assert_failure 1
	assert_equal "$stderr" 'xj-register: 26110101000011: name: "䶮" (U+4DAE) cannot be written in GBK'
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8 | cut -d, -f1,8)" "name,exam_no
王芳,26110101000012"
}

@test "a reported name form, with its proof, is what an outside system gets" {
	rare_store
	run --separate-stderr xj query --for chsi --fields exam_no,name --encoding gbk
	assert_failure 1
	assert_equal "$stderr" 'xj: 26110101000011: name: "䶮" (U+4DAE) cannot be written in GBK and 26110101000011 has no reported name for chsi'
	printf 'exam_no,system,reported_name,proof\n26110101000011,chsi,李岩,公安户籍证明 2026-017\n' > forms.csv
	run --separate-stderr xj-import -u chen --source forms forms.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	run --separate-stderr xj query --for chsi --fields exam_no,name --encoding gbk
	assert_success
	assert_equal "$(echo "$output" | iconv -f GBK -t UTF-8)" "exam_no,name
26110101000011,李岩
26110101000012,王芳"
	# the legal name is untouched, and the form is on record
	assert_equal "$(sql "SELECT name FROM student WHERE exam_no = '26110101000011'")" 李䶮
	assert_equal "$(sql "SELECT new FROM audit WHERE action = 'name-form'")" '{"system":"chsi","name":"李岩","proof":"公安户籍证明 2026-017"}'
	# UTF-8 writes the legal name even for chsi
	run xj query --for chsi --fields name --student 26110101000011
	assert_output "name
李䶮"
}

@test "a reported form needs a known system, a proof, and to be writable itself" {
	rare_store
	printf 'exam_no,system,reported_name,proof\n26110101000011,moe,李岩,证明\n26110101000011,chsi,李岩,\n26110101000011,chsi,李𠈌,证明\n' > forms.csv
	run --separate-stderr xj-import --source forms forms.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: forms.csv:2: system: want chsi or admission, not "moe"
xj-import: forms.csv:3: reported_name: a reported name needs its proof document
xj-import: forms.csv:4: reported_name: "𠈌" (U+2020C) cannot be written in GBK either
xj-import: 3 read, 0 imported, 0 updated, 0 unchanged, 3 refused (nothing changed)'
}
