#!/usr/bin/env bats
# Identity documents (证件类型): the type is read, never guessed from the
# number; each type has its own check; legacy 15-digit numbers are
# upgraded only on request, the original kept (P4, P12).

load test_helper

docs() {
	{
		echo "exam_no,name,gender,birth_date,id_type,id_number"
		cat
	} > docs.csv
}

@test "each document type gets its own check" {
	new_store
	docs <<'EOF2'
26110101000011,陈大文,男,2000-01-01,港澳居民来往内地通行证,m427772(a)
26110101000012,黄小玲,女,2001-02-02,港澳居民来往内地通行证,H12345678
26110101000013,林志明,男,2000-03-03,台胞证,12345678
26110101000014,John Smith,男,2000-04-04,护照,e1234567x
26110101000015,何家怡,女,1994-08-23,港澳台居民居住证,810000199408230021
26110101000016,李四,女,1949-12-31,身份证,11010519491231002X
EOF2
	run --separate-stderr xj-import -q docs.csv
	assert_success
	assert_equal "$(sql 'SELECT id_type || ":" || id_number FROM student ORDER BY exam_no')" "港澳居民来往内地通行证:M427772(A)
港澳居民来往内地通行证:H12345678
台湾居民来往大陆通行证:12345678
护照:E1234567X
港澳台居民居住证:810000199408230021
居民身份证:11010519491231002X"
}

@test "a number that is not of its type is refused by name" {
	new_store
	docs <<'EOF2'
26110101000011,陈大文,男,2000-01-01,港澳居民来往内地通行证,M427772(B)
26110101000012,何家豪,男,1994-08-23,港澳台居民居住证,11010519491231002X
26110101000013,某,男,2000-01-01,军官证,123456
26110101000014,某,男,2000-01-01,护照,E1
EOF2
	run --separate-stderr xj-import -q docs.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: docs.csv:2: id_number: "**********" is not a 港澳居民来往内地通行证 number
xj-import: docs.csv:3: id_number: a residence permit number starts with 81, 82 or 83
xj-import: docs.csv:4: id_type: unknown document type "军官证" (want 居民身份证, 港澳台居民居住证, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照 or 其他)
xj-import: docs.csv:5: id_number: "**" is not a 护照 number'
}

@test "birth date and gender come only from a GB 11643 number" {
	new_store
	printf 'exam_no,name,id_type,id_number\n26110101000011,John Smith,护照,E1234567X\n26110101000012,甲,居民身份证,11010519491231002X\n' > r.csv
	run --separate-stderr xj-import -q r.csv
	assert_success
	assert_equal "$(sql "SELECT coalesce(birth_date, '-') || coalesce(gender, '-') FROM student ORDER BY exam_no")" "--
1949-12-31女"
}

@test "a 15-digit number is refused unless --accept-15, which upgrades it and keeps the original" {
	new_store
	printf 'exam_no,name,id_number\n26110101000011,甲,610104620927690\n' > old.csv
	run --separate-stderr xj-import -q old.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: old.csv:2: id_number: must be 18 characters, not 15"
	run --separate-stderr xj-import --accept-15 old.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: old.csv:2: id_number: 15-digit number upgraded to 18 digits
xj-import: warning: old.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: old.csv: gender: no such column: taken from id_number in every row
xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql 'SELECT id_number, id_number_original, birth_date FROM student')" "610104196209276908|610104620927690|1962-09-27"
}

@test "the type is never taken from the length: a 15-character passport stays a passport" {
	new_store
	printf 'exam_no,name,id_type,id_number\n26110101000011,Ann Lee,护照,610104620927690\n' > p.csv
	run --separate-stderr xj-import -q --accept-15 p.csv
	assert_success
	assert_equal "$(sql 'SELECT id_type, id_number, id_number_original IS NULL FROM student')" "护照|610104620927690|1"
}

@test "a 居民身份证 never starts 71, 81, 82 or 83; a birth date has one range, in its column or the ID number (P4)" {
	new_store
	docs <<'EOF2'
26110101000011,甲,男,1880-01-01,身份证,440524188001010014
26110101000012,乙,男,,身份证,440524188001010014
26110101000013,丙,女,1994-08-23,,810000199408230021
26110101000014,丁,女,1994-08-23,身份证,710000199408230028
26110101000015,戊,女,2027-01-01,身份证,11010519491231002X
26110101000016,己,男,,身份证,11010599991231001X
26110101000017,庚,男,1799-12-31,护照,E12345678
EOF2
	run --separate-stderr xj-import -q docs.csv
	assert_failure 1
	# (the ID number given twice is named after the rest: xj-import(1), Transactions)
	assert_equal "$stderr" 'xj-import: docs.csv:4: id_number: a 居民身份证 number does not start with 81 (81, 82 and 83 are of a 港澳台居民居住证)
xj-import: docs.csv:5: id_number: a 居民身份证 number does not start with 71 (81, 82 and 83 are of a 港澳台居民居住证)
xj-import: docs.csv:6: birth_date: birth date 2027-01-01 is in the future
xj-import: docs.csv:7: id_number: birth date 99991231 is in the future
xj-import: docs.csv:8: birth_date: birth date 1799-12-31 is before 1800
xj-import: docs.csv:3: id_number: 440524********0014 already belongs to exam_no 26110101000011 (docs.csv:2)'
	assert_equal "$(sql "SELECT birth_date FROM student WHERE exam_no = '26110101000011'")" 1880-01-01
}

@test "a resident ID number's address code is in GB/T 2260, a retired one too; before the table's first revision an unknown one is a warning" {
	new_store
	# 110110 is no code; 110103 (崇文区) was retired in 2010; 130408 (永年区)
	# is of 2016.  GB/T 2260's first revision here is 2002-12.
	docs <<'EOF2'
26110101000011,甲,男,2007-03-14,身份证,110110200703140019
26110101000012,乙,女,2005-06-01,身份证,110103200506010027
26110101000013,丙,男,2007-01-01,身份证,130408200701010032
26110101000014,丁,女,1990-01-01,身份证,110110199001010046
26110101000015,戊,男,2002-11-30,身份证,110110200211300055
26110101000016,己,女,2002-12-01,身份证,110110200212010068
EOF2
	run --separate-stderr xj-import docs.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: docs.csv:2: id_number: address code 110110 is not in GB/T 2260 (200212-202306)
xj-import: warning: docs.csv:5: id_number: address code 110110 is not in GB/T 2260 (200212-202306), which begins in 2002: kept, as a code retired before then
xj-import: warning: docs.csv:6: id_number: address code 110110 is not in GB/T 2260 (200212-202306), which begins in 2002: kept, as a code retired before then
xj-import: docs.csv:7: id_number: address code 110110 is not in GB/T 2260 (200212-202306)
xj-import: 6 read, 4 imported, 0 updated, 0 unchanged, 2 refused'
	assert_equal "$(sql 'SELECT group_concat(exam_no) FROM student')" "26110101000012,26110101000013,26110101000014,26110101000015"
	# a legacy 15-digit number is checked the same, once upgraded
	docs <<'EOF2'
26110101000017,庚,女,1990-01-01,身份证,110110900101008
EOF2
	run --separate-stderr xj-import --accept-15 docs.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: docs.csv:2: id_number: 15-digit number upgraded to 18 digits
xj-import: warning: docs.csv:2: id_number: address code 110110 is not in GB/T 2260 (200212-202306), which begins in 2002: kept, as a code retired before then
xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT id_number FROM student WHERE exam_no = '26110101000017'")" 110110199001010089
}

@test "a change of ID number is held to GB/T 2260 too (P12)" {
	keyed_store
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110110200703140019 --evidence application,household-register,id-card 26110101000001
	assert_failure 1
	assert_equal "$stderr" 'xj-change: 26110101000001: id_number: address code 110110 is not in GB/T 2260 (200212-202306)
xj-change: 0 done, 1 refused'
	assert_equal "$(sql 'SELECT count(*) FROM change_request')" 0
}

@test "without its GB/T 2260 table no ID number goes in: exit 3, nothing changed; another table is not read" {
	new_store
	docs <<'EOF2'
26110101000011,甲,男,2007-03-14,身份证,110101200703140012
EOF2
	XJ_DATADIR="$BATS_TEST_TMPDIR/none" run --separate-stderr xj-import docs.csv
	assert_failure 3
	assert_equal "$stderr" "xj-import: cannot read the GB/T 2260 table, against which resident ID numbers are checked: $BATS_TEST_TMPDIR/none/gb2260.tsv: No such file or directory
xj-import: nothing was changed"
	assert_equal "$(xj query --fields exam_no)" exam_no
	# the same table with one code more is not the table built in
	mkdir fake
	sed 's/^110109\t.*/&\n110110\t假区\t200212\t202306/' "$TOP/share/xj/gb2260.tsv" > fake/gb2260.tsv
	XJ_DATADIR="$BATS_TEST_TMPDIR/fake" run --separate-stderr xj-import docs.csv
	assert_failure 3
	assert_equal "$stderr" "xj-import: $BATS_TEST_TMPDIR/fake/gb2260.tsv is not the GB/T 2260 table the programs were built with
xj-import: nothing was changed"
	assert_equal "$(xj query --fields exam_no)" exam_no
	# --version says which table is read, and from where
	run --separate-stderr xj-import --version
	assert_success
	assert_line --index 1 --regexp '^GB/T 2260 200212-202306 \(/.*/share/xj/gb2260\.tsv\)$'
	XJ_DATADIR="$BATS_TEST_TMPDIR/none" run --separate-stderr xj --version
	assert_success
	assert_line --index 1 "GB/T 2260: cannot read the GB/T 2260 table, against which resident ID numbers are checked: $BATS_TEST_TMPDIR/none/gb2260.tsv: No such file or directory"
}
