#!/usr/bin/env bats
# Names as people have them (民委发〔2016〕33号): the legal name in full
# Unicode, with what converters get wrong put right and said so.

load test_helper

@test "look-alike dots in a name become U+00B7, with a warning" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,阿里\xe3\x83\xbb木,11010519491231002X\n26110101000012,买买提\xef\xbd\xa5艾力,34052419800101001X\n' > n.csv
	run --separate-stderr xj-import n.csv
	assert_success
	assert_equal "$(echo "$stderr" | grep name:)" 'xj-import: warning: n.csv:2: name: "・" (U+30FB) read as "·" (U+00B7)
xj-import: warning: n.csv:3: name: "･" (U+FF65) read as "·" (U+00B7)'
	assert_equal "$(sql 'SELECT group_concat(hex(name)) FROM student')" "E998BFE9878CC2B7E69CA8,E4B9B0E4B9B0E68F90C2B7E889BEE58A9B"
}

@test "GB18030-2005 private-use code points become the standard characters" {
	new_store
	# U+E855 and U+E816, as Python's GB18030 codec writes FE91 and FE51
	printf 'exam_no,name,id_number\n26110101000011,王\xee\xa1\x95,11010519491231002X\n26110101000012,\xee\xa0\x96明,34052419800101001X\n' > p.csv
	run --separate-stderr xj-import -q p.csv
	assert_success
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王𤇾,𠂇明"
	run --separate-stderr xj-import p.csv
	assert_equal "$(echo "$stderr" | grep -c 'private-use code')" 2
}

@test "rare characters beyond GBK are kept whole, through GB18030 files too" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,李䶮,11010519491231002X\n26110101000012,𠈌㛃,34052419800101001X\n' > rare.csv
	iconv -f UTF-8 -t GB18030 rare.csv > rare-gb.csv
	xj init -q -d gb.db
	xj-import -q rare.csv
	xj-import -q -d gb.db rare-gb.csv
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "李䶮,𠈌㛃"
	assert_equal "$(sqlite3 gb.db 'SELECT group_concat(name) FROM student')" "李䶮,𠈌㛃"
	xj query --fields name --encoding gb18030 > out.csv
	assert_equal "$(iconv -f GB18030 -t UTF-8 out.csv)" "name
李䶮
𠈌㛃"
}
