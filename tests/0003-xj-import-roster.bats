#!/usr/bin/env bats
# xj-import of the admission roster (P4, P9): every row checked, bad rows
# named by file, line and field, good rows kept, every change audited (P2).

load test_helper

@test "the example roster imports whole, each student admitted with the roster's values (P4)" {
	new_store
	run --separate-stderr xj-import -u chen "$EX/roster.csv"
	assert_success
	assert_output ""
	assert_equal "$stderr" "xj-import: 8 read, 8 imported, 0 updated, 0 unchanged, 0 refused"
	run xj query --fields exam_no,name,gender,ethnicity,ethnicity_code,cohort,dept,status
	assert_output - <<'EOF'
exam_no,name,gender,ethnicity,ethnicity_code,cohort,dept,status
26110101000001,张伟,男,汉族,01,2026,CS,admitted
26110101000002,王芳,女,汉族,01,2026,CS,admitted
26110101000007,赵敏,女,满族,11,2026,EC,admitted
26110101000008,黄磊,男,汉族,01,2026,CS,admitted
26320102000003,李娜,女,回族,03,2026,CS,admitted
26370203000004,刘洋,男,汉族,01,2026,ME,admitted
26440104000005,陈静,女,壮族,08,2026,EC,admitted
26510105000006,杨帆,男,彝族,07,2026,ME,admitted
EOF
}

@test "one entry for the roster stands for the students it created: no entry of each (P2)" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run xj log -f tsv
	assert_equal "$(printf '%s\n' "$output" | cut -f4,6-8)" "$(cat <<'EOF'
user	program	student	action
	xj init		init
	xj init		rows
chen	xj config		config
chen	xj config		rows
chen	xj-import		import
chen	xj-import		rows
EOF
)"
}

@test "the roster's entry commits to its source rows: their count, digest and ids, and the day they were admitted (P2)" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run xj log --program xj-import -f tsv
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$8 == "import" { print $10 }' |
		sed 's/,"digests".*/}/; s/,"/,\n"/g')" "$(cat <<EOF
{"import":1,
"source":"roster",
"file":"$EX/roster.csv",
"encoding":"utf-8",
"sha256":"$(sha256sum "$EX/roster.csv" | cut -d' ' -f1)",
"read":8,
"imported":8,
"updated":0,
"unchanged":0,
"refused":0,
"source_rows":9,
"source_sha256":"a2881e9b038eecd78eddc1e37ea0fdb812cbe89878cff608bc9dc10a35687d62",
"source_ids":[1,9],
"students":[1,8],
"statuses":[1,8],
"since":"2026-09-10",
"cohort":0,
"accept_15":0,
"made_by":1}
EOF
)"
	# and to the digests of its rows, kept for the next import to know
	# them: how many, their SHA-256 and parts, and what they hold under
	assert_equal "$(sql "SELECT json_extract(new, '\$.digests') || ' ' ||
		json_extract(new, '\$.digest_ids') || ' ' || json_extract(new, '\$.digests_config') ||
		' ' || json_extract(new, '\$.digests_on') FROM audit WHERE action = 'import'")" \
		"8 [1,1] 1 2026-09-10"
	assert_equal "$(sql "SELECT json_extract(new, '\$.digests_sha256') FROM audit WHERE action = 'import'")" \
		"$(sql "SELECT writefile('$BATS_TEST_TMPDIR/parts', digests) FROM import_digest" >/dev/null
		   sha256sum "$BATS_TEST_TMPDIR/parts" | cut -d' ' -f1)"
	assert_equal "$(sql 'SELECT length(digests) FROM import_digest')" 128
}

@test "each student keeps the roster row it was made from, file and line (P2, P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# the store's own link, which no program prints: what xj log --verify
	# makes the student again from
	assert_equal "$(sql "SELECT i.file || ':' || r.line FROM source_row r JOIN import i ON i.id = r.import_id
		JOIN student s ON s.id = r.student_id WHERE s.exam_no = '26440104000005'")" "$EX/roster.csv:6"
}

@test "the same file again changes nothing and says so" {
	new_store
	xj-import -q "$EX/roster.csv"
	before=$(sql 'SELECT count(*) FROM audit')
	run --separate-stderr xj-import "$EX/roster.csv"
	assert_success
	assert_equal "$stderr" "xj-import: 8 read, 0 imported, 0 updated, 8 unchanged, 0 refused (nothing changed)"
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
	assert_equal "$(sql 'SELECT count(*) FROM import')" 1
	assert_equal "$(sql 'SELECT count(*) FROM command')" 3
}

@test "the last file of a source again, with --update too, is known by its SHA-256 and not read (P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# the file holds nothing the store has not taken
	run --separate-stderr xj-import --update "$EX/roster.csv"
	assert_success
	assert_equal "$stderr" "xj-import: 8 read, 0 imported, 0 updated, 8 unchanged, 0 refused (nothing changed)"
}

@test "an older file of a source again is read, its values compared and each difference named (P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# another roster, then the first again
	sed 's/计应2601/计应2602/' "$EX/roster.csv" > b.csv
	xj-import -q --update b.csv
	run --separate-stderr xj-import "$EX/roster.csv"
	assert_failure 1
	assert_equal "$stderr" "$(cat <<EOF
xj-import: $EX/roster.csv:2: class: the store has "计应2602", this row has "计应2601" (give --update to change it)
xj-import: $EX/roster.csv:3: class: the store has "计应2602", this row has "计应2601" (give --update to change it)
xj-import: $EX/roster.csv:9: class: the store has "计应2602", this row has "计应2601" (give --update to change it)
xj-import: 8 read, 0 imported, 0 updated, 5 unchanged, 3 refused (nothing changed)
EOF
)"
}

@test "a file that had a row refused is read again each time (P4)" {
	new_store
	roster bad.csv <<-'EOF2'
	26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
	26110101000012,乙,男,1980-01-01,340102198001010014,汉族,CS
	EOF2
	run --separate-stderr xj-import bad.csv
	assert_failure 1
	run --separate-stderr xj-import bad.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: bad.csv:3: id_number: check digit should be X, not 4
xj-import: 2 read, 0 imported, 0 updated, 1 unchanged, 1 refused (nothing changed)"
}

@test "a bad row is refused by file, line and field; the good rows are kept" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000012,乙,男,1980-01-01,340102198001010013,汉族,CS
26110101000013,丙,男,1991-01-01,360426199101010071,火星族,CS
2611010100001,丁,男,1999-01-10,440308199901101512,汉族,CS
26110101000015,戊,女,1999-01-10,440308199901101512,汉族,CS
26110101000016,己,男,2005-03-12,440308200503120019,汉族,XX
EOF2
	run --separate-stderr xj-import roster.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: roster.csv:3: id_number: check digit should be X, not 3
xj-import: roster.csv:4: ethnicity: unknown ethnicity "火星族"
xj-import: roster.csv:5: exam_no: must be 14 digits
xj-import: roster.csv:6: gender: 女 does not agree with id_number (男)
xj-import: roster.csv:7: dept: unknown department "XX" (not in the config)
xj-import: 6 read, 1 imported, 0 updated, 0 unchanged, 5 refused'
	assert_equal "$(sql 'SELECT exam_no FROM student')" 26110101000011
}

@test "--reject writes the refused rows as they came, with line, field and reason" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000012,"乙, 二",男,1980-01-01,340102198001010013,汉族,CS
26110101000013,丙,女,1991-01-01,360426199101010071,回,CS
EOF2
	run --separate-stderr xj-import --reject bad.csv roster.csv
	assert_failure 1
	assert_equal "$(cat bad.csv)" 'exam_no,name,gender,birth_date,id_number,ethnicity,dept,line,field,reason
26110101000012,"乙, 二",男,1980-01-01,340102198001010013,汉族,CS,3,id_number,"check digit should be X, not 3"
26110101000013,丙,女,1991-01-01,360426199101010071,回,CS,4,gender,女 does not agree with id_number (男)'
	assert_equal "$(stat -c %a bad.csv)" 600
	# fixed, the reject file imports as it is
	sed -i 's/340102198001010013/34010219800101001X/; s/,女,1991/,男,1991/' bad.csv
	run --separate-stderr xj-import bad.csv
	assert_success
	assert_equal "$(sql 'SELECT count(*) FROM student')" 3
}

@test "the reject loop: a reject file imports as it is, its line, field and reason replaced; no formula guard (P4)" {
	new_store
	printf '考生号,姓名,身份证号,联系电话\n26110101000013,丙,1,+8613812345678\n26110101000014,丁,2,=1+2\n' > r.csv
	run --separate-stderr xj-import -u chen --reject rej1.csv r.csv
	assert_failure 1
	# the rows as read, to be fixed: no ' before + or =; under the
	# input's Chinese headers
	assert_equal "$(head -n 1 rej1.csv)" "考生号,姓名,身份证号,联系电话,行号,字段,原因"
	assert_equal "$(sed -n 2p rej1.csv)" "26110101000013,丙,1,+8613812345678,2,身份证号,\"must be 18 characters, not 1\""
	assert_equal "$(sed -n 3p rej1.csv | cut -d, -f4)" "=1+2"
	# imported again as it is: one line, field and reason, the new ones
	run --separate-stderr xj-import -u chen --reject rej2.csv rej1.csv
	assert_failure 1
	assert_equal "$(head -n 1 rej2.csv)" "考生号,姓名,身份证号,联系电话,行号,字段,原因"
	assert_equal "$(sed -n 2p rej2.csv)" "26110101000013,丙,1,+8613812345678,2,身份证号,\"must be 18 characters, not 1\""
	# fixed, the second reject file imports
	sed -e 's/,丙,1,/,丙,11010519491231002X,/' -e '/丁/d' rej2.csv > fixed.csv
	run --separate-stderr xj-import -u chen --reject rej3.csv fixed.csv
	assert_success
	assert_equal "$(sql "SELECT name, phone FROM student")" "丙|13812345678"
	assert_equal "$(wc -c < rej3.csv)" 0
}

@test "a row refused for several reasons names them all" {
	new_store
	roster <<'EOF2'
26110101000012,,女,1980-13-01,340102198001010013,汉族,CS
EOF2
	run --separate-stderr xj-import --reject bad.csv roster.csv
	assert_failure 1
	assert_equal "$(tail -n 1 bad.csv)" '26110101000012,,女,1980-13-01,340102198001010013,汉族,CS,2,id_number; birth_date; name,"check digit should be X, not 3; 1980-13-01 is not a real date; required for the roster"'
}

@test "a changed value on re-import is a conflict naming both values" {
	new_store
	xj-import -q "$EX/roster.csv"
	sed 's/张伟/张玮/' "$EX/roster.csv" > changed.csv
	run --separate-stderr xj-import changed.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: changed.csv:2: name: the store has "张伟", this row has "张玮" (give --update to change it)
xj-import: 8 read, 0 imported, 0 updated, 7 unchanged, 1 refused (nothing changed)'
	assert_equal "$(sql "SELECT name FROM student WHERE exam_no = '26110101000001'")" 张伟
}

@test "a file read again in another order finds each student all the same (P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# the rows backwards, one changed, and a new student among them
	{ head -n 1 "$EX/roster.csv"; tail -n +2 "$EX/roster.csv" | tac | sed 's/张伟/张玮/'
	  echo "26110101000099,新生,女,2007-01-01,110105200701010025,汉族,共青团员,510201,计算机应用技术,CS,计应2601,13800000000"
	} > backwards.csv
	run --separate-stderr xj-import backwards.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: backwards.csv:9: name: the store has "张伟", this row has "张玮" (give --update to change it)
xj-import: 9 read, 1 imported, 0 updated, 7 unchanged, 1 refused'
}

@test "a document or phone number refused is masked in its message, as everywhere (P2)" {
	new_store
	printf 'exam_no,name,id_type,id_number,phone\n%s\n%s\n' \
		"26110101000001,张伟,护照,110101200703140012,13812345678" \
		"26110101000002,王芳,,110101200711020029,tel 13912345678" > p.csv
	run --separate-stderr xj-import -q p.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-import: p.csv:2: id_number: "110101********0012" is not a 护照 number
xj-import: p.csv:3: phone: not a mobile or landline number: "tel********5678"'
}

@test "--update applies a changed value and audits old and new" {
	new_store
	xj-import -q "$EX/roster.csv"
	sed 's/张伟/张玮/' "$EX/roster.csv" > changed.csv
	run --separate-stderr xj-import -u chen --update changed.csv
	assert_success
	assert_equal "$stderr" "xj-import: 8 read, 0 imported, 1 updated, 7 unchanged, 0 refused"
	assert_equal "$(sql "SELECT name FROM student WHERE exam_no = '26110101000001'")" 张玮
	assert_equal "$(sql "SELECT old || ' ' || new FROM audit WHERE action = 'update'")" '{"name":"张伟"} {"name":"张玮"}'
	# each import's names once, the first file's 8 rows, the changed one
	assert_equal "$(sql "SELECT count(*) FROM source_row")" 11
	assert_equal "$(sql "SELECT count(*) FROM source_named")" 9
}

@test "an exam number given twice in a file names the other line" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run --separate-stderr xj-import roster.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: roster.csv:3: exam_no: 26110101000011 given twice: also at line 2
xj-import: 2 read, 1 imported, 0 updated, 0 unchanged, 1 refused"
	# and again in a second run: still refused, still named
	run --separate-stderr xj-import roster.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: roster.csv:3: exam_no: 26110101000011 given twice: also at line 2
xj-import: 2 read, 0 imported, 0 updated, 1 unchanged, 1 refused (nothing changed)"
}

@test "an ID number under another exam number names that student and where it came from" {
	new_store
	xj-import -q "$EX/roster.csv"
	roster <<'EOF2'
26110101000099,张伟,男,2007-03-14,110101200703140012,汉族,CS
EOF2
	run --separate-stderr xj-import roster.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: roster.csv:2: id_number: 110101********0012 already belongs to exam_no 26110101000001 ($EX/roster.csv:2)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
}

@test "rows of students in the store and of new ones, mixed, are each judged as alone (P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# known, new with a known ID number, new, known and changed, the same again
	roster <<'EOF2'
26110101000001,张伟,男,2007-03-14,110101200703140012,汉族,CS
26110101000099,张伟,男,2007-03-14,110101200703140012,汉族,CS
26110101000098,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000002,王芳芳,女,2007-11-02,110101200711020029,汉族,CS
26110101000002,王芳芳,女,2007-11-02,110101200711020029,汉族,CS
EOF2
	run --separate-stderr xj-import roster.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: roster.csv:3: id_number: 110101********0012 already belongs to exam_no 26110101000001 ($EX/roster.csv:2)
xj-import: roster.csv:5: name: the store has \"王芳\", this row has \"王芳芳\" (give --update to change it)
xj-import: roster.csv:6: exam_no: 26110101000002 given twice: also at line 5
xj-import: 5 read, 1 imported, 0 updated, 1 unchanged, 3 refused"
	run xj query --student 26110101000098 --fields name
	assert_output "name
甲"
}

@test "--strict refuses the whole file for one bad row" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000012,乙,男,1980-01-01,340102198001010013,汉族,CS
EOF2
	run --separate-stderr xj-import --strict roster.csv
	assert_failure 1
	assert_equal "$(echo "$stderr" | tail -n 1)" "xj-import: 2 read, 0 imported, 0 updated, 0 unchanged, 2 refused (nothing changed)"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
}

@test "--dry-run reports everything and changes nothing" {
	new_store
	before=$(sql 'SELECT count(*) FROM command')
	run --separate-stderr xj-import -n "$EX/roster.csv"
	assert_success
	assert_equal "$stderr" "xj-import: 8 read, 8 imported, 0 updated, 0 unchanged, 0 refused (dry run: nothing was changed)"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	assert_equal "$(sql 'SELECT count(*) FROM command')" "$before"
}

@test "white space, U+3000 and U+00A0 are trimmed with a warning; -q hides warnings" {
	new_store
	roster <<'EOF2'
26110101000011,　甲 ,女,1949-12-31, 11010519491231002X,汉族,CS
EOF2
	run --separate-stderr xj-import roster.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: roster.csv:2: name: white space trimmed
xj-import: warning: roster.csv:2: id_number: white space trimmed
xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql 'SELECT name FROM student')" 甲
}

@test "birth date and gender come from the ID number when the roster lacks them" {
	new_store
	printf '考生号,姓名,身份证号\n26110101000011,甲,11010519491231002X\n26110101000012,乙,34010219800101001X\n' > r.csv
	run --separate-stderr xj-import r.csv
	assert_success
	assert_equal "$stderr" "xj-import: warning: r.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: r.csv: gender: no such column: taken from id_number in every row
xj-import: 2 read, 2 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(sql "SELECT birth_date || gender FROM student ORDER BY exam_no")" "1949-12-31女
1980-01-01男"
}

@test "Chinese and CHSI headers map to the field names; unknown columns are kept" {
	new_store
	printf 'KSH,XM,XB,SFZH,MZ,民族代码,FY,宿舍\n26110101000011,甲,女,11010519491231002X,回族,03,信息工程系,3-201\n' > r.csv
	run --separate-stderr xj-import -q r.csv
	assert_success
	assert_equal "$(sql 'SELECT ethnicity, ethnicity_code, dept FROM student')" "回族|03|CS"
	assert_equal "$(sql 'SELECT json_extract(data, "$.宿舍") FROM source_named')" "3-201"
	# kept as the values under the import's names, kept once at line 0
	assert_equal "$(sql 'SELECT line, student_id, data FROM source_row ORDER BY id')" \
'0||["exam_no","name","gender","id_number","ethnicity","ethnicity_code","dept","宿舍"]
2|1|["26110101000011","甲","女","11010519491231002X","回族","03","信息工程系","3-201"]'
}

@test "ethnicity code and name must agree; old names are mapped with a warning" {
	new_store
	printf '考生号,姓名,身份证号,民族,民族代码\n26110101000011,甲,11010519491231002X,回族,01\n26110101000012,乙,34010219800101001X,毛难族,\n' > r.csv
	run --separate-stderr xj-import -q r.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.csv:2: ethnicity_code: code 01 is 汉族, not 回族"
	assert_equal "$(sql 'SELECT ethnicity FROM student')" 毛南族
}

@test "the cohort comes from --cohort, else from the exam number" {
	new_store
	xj-import -q "$EX/roster.csv"
	assert_equal "$(sql 'SELECT DISTINCT cohort FROM student')" 2026
	printf '考生号,姓名,身份证号\n25110101000011,甲,11010519491231002X\n' > r.csv
	run --separate-stderr xj-import -q --cohort 2026 r.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.csv:2: exam_no: year digits 25 do not match cohort 2026"
	run --separate-stderr xj-import -q --cohort 26 r.csv
	assert_failure 2
	assert_equal "$stderr" "xj-import: --cohort wants a year, not '26'
Try 'xj-import --help' for more information."
}

@test "a cohort column must agree with the exam number's year" {
	new_store
	printf '考生号,姓名,身份证号,年级\n26110101000011,甲,11010519491231002X,2025\n' > r.csv
	run --separate-stderr xj-import -q r.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: r.csv:2: exam_no: year digits 26 do not match cohort 2025"
}

@test "an import without a key is refused before anything is read (P1, P2)" {
	new_store
	unset XJ_KEY
	before=$(sql 'SELECT count(*) FROM command')
	run --separate-stderr xj-import "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: 'xj-import' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	assert_equal "$(sql 'SELECT count(*) FROM command')" "$before"
}

@test "imports are the registrar's: a reviewer's key is refused (P1)" {
	keyed_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run --separate-stderr xj-import --key keys/li.key roster.csv
	assert_failure 2
	assert_equal "$stderr" "xj-import: 'xj-import' is work for the registrar; li does not hold that role"
	assert_equal "$(sql "SELECT count(*) FROM student WHERE exam_no = '26110101000011'")" 0
	run --separate-stderr xj-import --key keys/evil.key roster.csv
	assert_failure 2
	assert_equal "$(sql "SELECT count(*) FROM student WHERE exam_no = '26110101000011'")" 0
}

@test "-u names the key's holder, or the import is refused (P1, P2)" {
	keyed_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run --separate-stderr xj-import -u li --key keys/chen.key roster.csv
	assert_failure 2
	assert_equal "$stderr" "xj-import: the key in use is chen's, not li's"
	assert_equal "$(sql "SELECT count(*) FROM student WHERE exam_no = '26110101000011'")" 0
	run --separate-stderr xj-import -q -u chen --key keys/chen.key roster.csv
	assert_success
	# the import's entry, which stands for the student's creation
	run xj log --student 26110101000011 -f tsv
	assert_equal "$(echo "${lines[1]}" | cut -f 4,6,8)" "chen	xj-import	import"
}

@test "an option xj-import does not take is bad usage, named" {
	new_store
	run --separate-stderr xj-import -o out.csv "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: 'xj-import' does not take --output
Try 'xj-import --help' for more information."
	run --separate-stderr xj-import --as-of 2026-09-01 "$EX/roster.csv"
	assert_failure 2
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	# options may follow the files, as the frame reads them
	run --separate-stderr xj-import "$EX/roster.csv" -q
	assert_success
	assert_equal "$stderr" ""
}

@test "a student number twice in a load into an empty store is refused on its row, the rest kept (P4, P5)" {
	new_store
	{ echo "exam_no,name,gender,birth_date,id_number,ethnicity,dept,student_no"
	  echo "26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS,S001"
	  echo "26110101000012,乙,女,2007-11-02,110101200711020029,汉族,CS,S002"
	  echo "26110101000013,丙,男,2007-03-14,110101200703140012,汉族,CS,S001"; } > sno.csv
	run --separate-stderr xj-import -u chen sno.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: sno.csv:4: student_no: S001 already belongs to exam_no 26110101000011 (sno.csv:2)
xj-import: 3 read, 2 imported, 0 updated, 0 unchanged, 1 refused"
	assert_equal "$(sql "SELECT group_concat(exam_no || ':' || student_no, ' ') FROM student")" "26110101000011:S001 26110101000012:S002"
	assert_equal "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('student_exam_no', 'student_id_number', 'student_student_no')")" 3
	run xj log --verify
	assert_success
	# met in the middle of a long file, rows stored a few dozen at a time:
	# row 90 repeats row 5's number, row 120 is bad in itself
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	xj-genroster --rows 150 --seed 9 |
		awk -F, -v OFS=, 'NR == 1 { print $0, "student_no"; next }
			NR == 91 { print $0, "N0005"; next }
			NR == 121 { $4 = "2007-13-14" }
			{ print $0, sprintf("N%04d", NR) }' > long.csv
	run --separate-stderr xj-import -u chen long.csv
	assert_failure 1
	# the row bad in itself said by the first reading, which goes on to
	# the end; the repeat by the second, row by row
	assert_equal "${#stderr_lines[@]}" 3
	assert_equal "${stderr_lines[0]}" "xj-import: long.csv:121: birth_date: 2007-13-14 is not a real date"
	assert_equal "$(echo "${stderr_lines[1]}" | grep -c '^xj-import: long.csv:91: student_no: N0005 already belongs to exam_no [0-9]* (long.csv:5)$')" 1
	assert_equal "${stderr_lines[2]}" "xj-import: 150 read, 148 imported, 0 updated, 0 unchanged, 2 refused"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 148
	run xj log --verify
	assert_success
}

@test "a load into an empty store builds the student keys after its rows; a key twice reads the file again and names each repeat (P4, P5)" {
	new_store
	# rows 5 and 6 repeat an exam number and an ID number of rows 2 and 3;
	# row 7 is bad in itself
	{ sed -n 1,4p "$EX/roster.csv"
	  sed -n 2p "$EX/roster.csv" | sed 's/张伟/张三/'
	  sed -n 3p "$EX/roster.csv" | sed 's/^26110101000002/26110101000077/'
	  echo "26110101000088,坏,男,2007-13-14,110101200703140099,汉族,共青团员,510201,计算机应用技术,CS,计应2601,13812345678"
	  sed -n 5,9p "$EX/roster.csv"; } > dup.csv
	said() {
		printf '%s\n' \
			"xj-import: dup.csv:5: exam_no: 26110101000001 given twice: also at line 2" \
			"xj-import: dup.csv:6: id_number: 110101********0029 already belongs to exam_no 26110101000002 (dup.csv:3)" \
			"xj-import: dup.csv:7: id_number: check digit should be 8, not 9" \
			"xj-import: dup.csv:7: birth_date: 2007-13-14 is not a real date"
	}
	run --separate-stderr xj-import -u chen --reject rej.csv dup.csv
	assert_failure 1
	# each said once; the repeats after the rows bad in themselves
	assert_equal "$(printf '%s\n' "${stderr_lines[@]:0:4}" | sort)" "$(said | sort)"
	assert_equal "${stderr_lines[4]}" "xj-import: 11 read, 8 imported, 0 updated, 0 unchanged, 3 refused"
	assert_equal "$(cut -d, -f1 rej.csv | sort | tr '\n' ' ')" "26110101000001 26110101000077 26110101000088 考生号 "
	assert_equal "$(sql 'SELECT count(*) FROM student')" 8
	assert_equal "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('student_exam_no', 'student_id_number', 'student_student_no')")" 3
	run xj log --verify
	assert_success
	# the same file from standard input (it cannot be read twice) goes row
	# by row, and says the same in the file's order
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	run --separate-stderr xj-import -u chen - < dup.csv
	assert_failure 1
	assert_equal "$(printf '%s\n' "${stderr_lines[@]:0:4}" | sed 's/stdin:/dup.csv:/g' | sort)" "$(said | sort)"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 8
	# a file without a key twice: one reading, the keys built after it
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	run --separate-stderr xj-import -u chen "$EX/roster.csv"
	assert_success
	run sql "INSERT INTO student(exam_no, name, id_type, cohort) VALUES('26110101000001', '甲', 'resident', 2026)"
	assert_failure
	assert_output --partial "UNIQUE constraint failed: student.exam_no"
}

@test "a load into an empty store goes through a rollback journal, its references whole, and ends in WAL mode; a kill midway leaves nothing (P2)" {
	new_store
	xj-genroster --rows 20000 --seed 9 > big.csv
	xj-import -q big.csv
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
	assert_equal "$(sql 'SELECT count(*) FROM student')" 20000
	# loaded without checking each reference: each still holds
	assert_equal "$(sql 'PRAGMA foreign_key_check')" ""
	run xj log --verify
	assert_success
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	# killed while its rollback journal is there, that is inside the load:
	# held at its 60,000th row, when the cache has spilled and the
	# journal's header is written (before that it starts with zeros, is
	# not hot, and would stay)
	xj-genroster --rows 70000 --seed 9 > bigger.csv
	XJ_PAUSE=row:60000 xj-import -q bigger.csv & pid=$!
	signalled row.paused
	assert_equal "$(od -An -tx1 -N4 "$XJ_DB-journal" | tr -d ' ')" d9d505f9
	kill -9 $pid
	wait $pid || true
	[ -e "$XJ_DB-journal" ]
	# the next program to open the store rolls the load back
	run xj log --verify
	assert_success
	[ ! -e "$XJ_DB-journal" ]
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	# the rest into a store that holds students, which stays in WAL mode
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	head -n 10001 big.csv > half.csv
	xj-import -q half.csv
	xj-import -q big.csv
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
	assert_equal "$(sql 'SELECT count(*) FROM student')" 20000
	run xj log --verify
	assert_success
}

@test "a command opened while a load into an empty store holds its rollback journal waits for it, and is not refused as locked (P2)" {
	new_store
	xj-genroster --rows 3000 --seed 9 > some.csv
	XJ_PAUSE=row:2000 xj-import -q some.csv & pid=$!
	signalled row.paused
	xj query --fields exam_no > listed.csv 2> query.err & q=$!
	# refused as locked it would be gone at once; waiting, it is there
	# until the load ends (no guess of how long: the check is one way)
	sleep 0.2
	kill -0 $q
	touch row.go
	wait $pid
	wait $q
	assert_equal "$(tail -n +2 listed.csv | wc -l)" 3000
	assert_equal "$(cat query.err)" ""
}

@test "a file read ahead says, refuses and stores what the same rows from a pipe do, in the file's order, a long row and all (P4, P9)" {
	# thousands of rows, some faulty, some with a remark: the file is
	# read and normalised by a second thread, standard input row by row
	# (into stores that hold students, so that neither is a bulk load,
	# which says a key given twice after the rest)
	xj-genroster --rows 3000 --seed 11 --defects 0.04 > f.csv 2> /dev/null
	sed -i '500s/,男,/, 男 ,/; 2900s/,女,/, 女,/' f.csv
	# and a row of 2 MiB, after which the file is read row by row
	{ head -n 1499 f.csv
	  printf '26110100999999,'; head -c 2097152 /dev/zero | tr '\0' a
	  printf ',男,2006-01-01,110101200601010014,汉族,共青团员,530302,大数据与会计,EC,会计2603,15363712864\n'
	  tail -n +1500 f.csv; } > long.csv
	mv long.csv f.csv
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run --separate-stderr xj-import -u chen --reject file.rej f.csv
	assert_failure 1
	from_file=$stderr
	xj query --reveal --fields exam_no,name,id_number,dept,status > file.rows
	[ "$(grep -c 'white space trimmed' <<< "$from_file")" -ge 2 ]
	assert_equal "$(grep -c 'f.csv:1500: name: value too long' <<< "$from_file")" 1
	[ "$(wc -l < file.rows)" -gt 2500 ]
	rm -f "$XJ_DB" "$XJ_DB"-*
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run --separate-stderr xj-import -u chen --reject pipe.rej - < f.csv
	assert_failure 1
	assert_equal "${stderr//stdin:/f.csv:}" "$from_file"
	cmp file.rej pipe.rej
	xj query --reveal --fields exam_no,name,id_number,dept,status > pipe.rows
	cmp file.rows pipe.rows
}
