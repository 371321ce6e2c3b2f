#!/usr/bin/env bats
# Hostile input: each gets a clear error or a safe result, never a crash,
# and the good rows are never lost.

load test_helper

HDR="exam_no,name,id_number,dept"
GOOD="26110101000002,王芳,110101200711020029,CS"

@test "a NUL byte refuses its row instead of cutting the value" {
	new_store
	{ echo "$HDR"; printf '26110101000001,张\0伟,110101200703140012,CS\n'; echo "$GOOD"; } > nul.csv
	run --separate-stderr xj-import -q nul.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: nul.csv:2: name: a NUL byte in the value"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "a 10 MB field, 100,000 columns and a million empty lines are read" {
	new_store
	{ echo "$HDR"; printf '26110101000001,'; head -c 10485760 /dev/zero | tr '\0' a
	  printf ',110101200703140012,CS\n'; echo "$GOOD"; } > big.csv
	run --separate-stderr xj-import -q big.csv
	assert_failure 1
	assert_equal "$(echo "$stderr" | head -n 1)" "xj-import: big.csv:2: name: value too long"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 1
	/usr/bin/python3 -c "
print(','.join(['exam_no','name','id_number','dept'] + ['c%d' % i for i in range(100000)]))
print(','.join(['26320102000003','李娜','320102200801200045','CS'] + ['x'] * 100000))" > wide.csv
	run --separate-stderr xj-import -q wide.csv
	assert_success
	/usr/bin/python3 -c "print('\n' * 1000000 + '$HDR\n26370203000004,刘洋,370203200706300030,ME')" > empty.csv
	run --separate-stderr xj-import -q empty.csv
	assert_success
	assert_equal "$(sql 'SELECT count(*) FROM student')" 3
}

@test "an unterminated quote and a field given twice are named" {
	new_store
	printf '%s\n26110101000001,"张伟,110101200703140012,CS\n' "$HDR" > quote.csv
	run --separate-stderr xj-import -q quote.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: quote.csv:2: quoted field not closed at the end of the file"
	printf 'exam_no,name,姓名\n1,2,3\n' > dup.csv
	run --separate-stderr xj-import -q dup.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: dup.csv:1: name: columns 2 (name) and 3 (姓名) are the same field"
}

@test "UTF-8 and GB18030 mixed in one file is refused, never read as other characters" {
	new_store
	{ echo "$HDR"; echo "$GOOD"; printf '26110101000001,'; printf '张伟' | iconv -t GB18030
	  printf ',110101200703140012,CS\n'; } > mixed.csv
	run --separate-stderr xj-import -q mixed.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: mixed.csv:2: a line in UTF-8 in a file in GB18030: save the file in one encoding, or give --encoding"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	run --separate-stderr xj-import -q --encoding utf-8 mixed.csv
	assert_failure 1
	assert_equal "$(echo "$stderr" | head -n 1)" "xj-import: mixed.csv:3: name: bytes that are not UTF-8 text (for GB18030 files give --encoding gb18030)"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "control characters are refused in fields and escaped in diagnostics" {
	new_store
	printf '%s\n26110101000001,\033[31mEVIL\a,110101200703140012,CS\n26110101000002,王芳,110101200711020029,X\033[0m\n' "$HDR" > ctl.csv
	run --separate-stderr xj-import -q ctl.csv
	assert_failure 1
	assert_equal "$(echo "$stderr" | head -n 1)" "xj-import: ctl.csv:2: name: a control character (U+001B) in the value"
	[[ "$stderr" != *$'\033'* ]]
	assert_equal "$(echo "$stderr" | grep -c 'ctl.csv:3: dept: a control character (U+001B)')" 1
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
}

@test "SQL in a field is only data" {
	new_store
	printf "%s\n26110101000001,张伟'); DROP TABLE student; --,110101200703140012,CS\n" "$HDR" > sql.csv
	xj-import -q sql.csv
	run xj query --fields name 26110101000001
	assert_output "name
张伟'); DROP TABLE student; --"
	run xj query --fields exam_no "26110101000001' OR '1'='1"
	assert_failure 1
	assert_equal "$(sql 'SELECT count(*) FROM student')" 1
}

@test "a bag with a link inside, or a path out of it, is refused by verify" {
	mkdir -p bag/data
	printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > bag/bagit.txt
	ln -s /etc/passwd bag/data/passwd
	printf '%s  data/passwd\n' "$(sha256sum /etc/passwd | cut -d' ' -f1)" > bag/manifest-sha256.txt
	run --separate-stderr xj-archive verify bag
	assert_failure 1
	assert_equal "$(echo "$stderr" | head -n 1)" "xj-archive: bag: data/passwd: a symbolic link to /etc/passwd: links are never followed"
	printf '%s  /etc/passwd\n' "$(sha256sum /etc/passwd | cut -d' ' -f1)" > bag/manifest-sha256.txt
	rm bag/data/passwd
	run --separate-stderr xj-archive verify bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha256.txt:1: /etc/passwd: an absolute path: a bag names its files from its own folder"
}
