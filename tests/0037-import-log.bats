#!/usr/bin/env bats
# A roster import's log entry commits to its rows instead of copying them:
# the source rows are summed (count and SHA-256) in the import's one
# entry, and xj log --verify makes the students again from them, through
# the same normalisation, with the options and departments the import had
# (P2, P16).  The row log holds none of those rows.

load test_helper

# xj log --verify fails with exactly this on standard error.
verify_says() {
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "$1"
}

verified() {
	run xj log --verify
	assert_success
	assert_output --partial "every row as the log says"
}

@test "a roster's students, statuses and source rows are not copied into the row log; its entry vouches for them (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	# the store's own tables: what this test is about
	assert_equal "$(sql "SELECT count(*) FROM row_log WHERE tbl IN ('student', 'status', 'source_row')")" 0
	run xj log --program xj-import -f json
	assert_success
	assert_output --partial '"source_rows":9,"source_sha256":"'
	assert_output --partial '"students":[1,8],"statuses":[1,8],"since":"2026-09-10","cohort":0,"accept_15":0,"made_by":1,"digests":8,'
	verified
}

@test "a student edited behind the log is named, field by field, from its source row (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "UPDATE student SET name = '张玮', phone = '13900000000', dept = 'ME'
		WHERE exam_no = '26110101000001'"
	verify_says 'xj: student 26110101000001: name is "张玮" in the store, the log says "张伟" (changed behind the log)
xj: student 26110101000001: dept is "ME" in the store, the log says "CS" (changed behind the log)
xj: student 26110101000001: phone is "139****0000" in the store, the log says "138****5678" (changed behind the log)
xj: audit log ok, but 3 things in the tables differ from it'
}

@test "a student inserted or a status edited behind the log is named (P2, P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "INSERT INTO student(exam_no, name, id_type, cohort)
		  VALUES('26110101009999', '假人', 'resident', 2026);
		UPDATE status SET status = 'enrolled' WHERE id = 3"
	verify_says 'xj: student 26110101009999: in the store, not in the log (added behind the log)
xj: status 3 (student 26320102000003): status is "enrolled" in the store, the log says "admitted" (changed behind the log)
xj: audit log ok, but 2 things in the tables differ from it'
}

@test "a source row edited with its student, or taken away, breaks the import's sum (P2, P16)" {
	new_store
	xj-import -q "$EX/roster.csv"
	cp "$XJ_DB" clean.db
	tamper "UPDATE source_row SET data = json_set(data, '\$[1]', '张玮') WHERE student_id = 1;
		UPDATE student SET name = '张玮' WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ source\ rows\ \(9:[0-9a-f]{64}\)\ are\ not\ those\ its\ signed\ entry\ vouches\ for\ \(9:[0-9a-f]{64}\)\ \(changed\ behind\ the\ log\)$ ]]
	assert_equal "${#stderr_lines[@]}" 2
	# a row taken away: its student has nothing to be made from
	cp clean.db "$XJ_DB"
	tamper "DELETE FROM source_row WHERE student_id = 2"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ source\ rows\ \(8: ]]
	assert_equal "${stderr_lines[1]}" "xj: student 26110101000002: in the store, not in the log (added behind the log)"
	# and one added under the import
	cp clean.db "$XJ_DB"
	tamper "INSERT INTO source_row(import_id, line, source, data) VALUES(1, 99, 'roster', '{}')"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ source\ rows\ \(10: ]]
}

@test "bytes hidden after a NUL in a source row, the row log, the audit log, a signature, a student or a status are found (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	cp "$XJ_DB" clean.db
	# what a reader that stops at the NUL sees is as it was; the row is not
	tamper "UPDATE source_row SET data = CAST(data || x'00' || CAST('tail' AS BLOB) AS TEXT)
		WHERE student_id = 1"
	assert_equal "$(sql 'SELECT length(CAST(data AS BLOB)) > length(data) FROM source_row WHERE student_id = 1')" 1
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ source\ rows\ \(9:[0-9a-f]{64}\)\ are\ not\ those ]]
	assert_equal "${#stderr_lines[@]}" 2
	cp clean.db "$XJ_DB"
	tamper "UPDATE row_log SET row = CAST(row || x'00' || CAST('tail' AS BLOB) AS TEXT)
		WHERE id = (SELECT max(id) FROM row_log WHERE tbl = 'command')"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ command\ [0-9]+:\ the\ rows\ the\ row\ log\ holds\ for\ it\ \([0-9]+:[0-9a-f]{64}\)\ are\ not\ those ]]
	# and in an entry of the audit log
	cp clean.db "$XJ_DB"
	tamper "UPDATE audit SET new = CAST(new || x'00' || CAST('tail' AS BLOB) AS TEXT)
		WHERE action = 'import'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 5 was changed after it was written (hash mismatch)"
	# and in a command's signature
	cp clean.db "$XJ_DB"
	tamper "UPDATE command_sig SET signature = CAST(signature || x'00' || CAST('tail' AS BLOB) AS TEXT)
		WHERE command_id = 3"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: command 3: the signature does not verify (forged)"
	# and in a student or a status the import made, shown where they are
	cp clean.db "$XJ_DB"
	tamper "UPDATE student SET name = CAST(name || x'00' || CAST('tail' AS BLOB) AS TEXT) WHERE id = 1;
		UPDATE status SET since = CAST(since || x'00' || CAST('tail' AS BLOB) AS TEXT) WHERE id = 2"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" 'xj: status 2 (student 26110101000002): since is "2026-09-10␀tail" in the store, the log says "2026-09-10" (changed behind the log)
xj: student 26110101000001: name is "张伟␀tail" in the store, the log says "张伟" (changed behind the log)
xj: audit log ok, but 2 things in the tables differ from it'
}

@test "the import's entry cannot be edited to match: the chain breaks (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "UPDATE audit SET new = json_set(new, '\$.students', json('[1,7]')) WHERE action = 'import'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 5 was changed after it was written (hash mismatch)"
}

@test "students stay as made after the config renames their department, and with --cohort and --accept-15 (P2)" {
	new_store
	roster <<'EOF'
26110101000011,赵强,,,110101200703140012,汉族,CS
26110101000012,钱多, 女 ,,110105491231002,汉族,信息工程系
EOF
	xj-import -q --cohort 2026 --accept-15 roster.csv
	# 钱多's department was given by its name, which the college then changes
	sed 's/信息工程系/信息学院/' "$EX/xj.yaml" > renamed.yaml
	xj config load -q renamed.yaml
	verified
	run xj log --program xj-import -f json
	assert_output --partial '"cohort":2026,"accept_15":1,"made_by":1,'
}

@test "an import into a store that has students: new ones vouched for, updated ones logged (P2)" {
	new_store
	head -5 "$EX/roster.csv" > first.csv
	xj-import -q first.csv
	sed 's/13812345678/13800000000/' "$EX/roster.csv" > all.csv
	xj-import -q --update all.csv
	verified
	tamper "UPDATE student SET phone = '13811111111' WHERE exam_no = '26110101000001';
		UPDATE student SET name = '某某' WHERE exam_no = '26440104000005'"
	# the one its --update changed (on the row log), then the one made by
	# the second import (vouched for)
	verify_says 'xj: student 26110101000001: phone is "138****1111" in the store, the log says "138****0000" (changed behind the log)
xj: student 26440104000005: name is "某某" in the store, the log says "陈静" (changed behind the log)
xj: audit log ok, but 2 things in the tables differ from it'
}

@test "a bulk load that meets a key twice, and several files in one command, verify (P2)" {
	new_store
	{ cat "$EX/roster.csv"; sed -n 2p "$EX/roster.csv"; } > twice.csv
	run xj-import -q twice.csv
	assert_failure 1
	verified
	roster a.csv <<'EOF'
26110101000021,孙一,,,11010519491231002X,汉族,CS
EOF
	roster b.csv <<'EOF'
26110101000022,孙二,,,110101200703140012,汉族,CS
26110101000023,孙三,,,110101200711020029,汉族,CS
EOF
	new_store_again() { rm -f "$XJ_DB"*; xj init -q; xj config load -q "$EX/xj.yaml"; }
	new_store_again
	xj-import -q a.csv b.csv
	verified
	assert_equal "$(xj query -f csv --status admitted | wc -l)" 4
}

@test "a student who changed after the import is held to the change, not the roster (P2, P12)" {
	new_store
	xj-import -q "$EX/roster.csv"
	sed 's/张伟/张伟伟/' "$EX/roster.csv" > renamed.csv
	xj-import -q --update renamed.csv
	verified
	tamper "UPDATE student SET name = '张伟' WHERE exam_no = '26110101000001'"
	verify_says 'xj: student 26110101000001: name is "张伟" in the store, the log says "张伟伟" (changed behind the log)
xj: audit log ok, but 1 thing in the tables differs from it'
}

@test "a source row that no longer makes its student is named with its import and line (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "UPDATE source_row SET data = json_set(data, '\$[4]', '110101200703140013')
		WHERE student_id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" == "xj: import 1 (command 3): its source rows (9:"* ]]
	assert_equal "${stderr_lines[1]}" "xj: student 26110101000001: the source row it was made from (import 1, line 2) no longer makes it: id_number: check digit should be 2, not 3 (changed behind the log)"
	assert_equal "${stderr_lines[2]}" "xj: audit log ok, but 2 things in the tables differ from it"
}

@test "a source row given a negative line or a long source name behind the log breaks the sum, and is named (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	long=$(printf 'r%.0s' $(seq 600))
	tamper "UPDATE source_row SET line = -9223372036854775808 WHERE student_id = 1;
		UPDATE source_row SET line = -7, source = '$long' WHERE student_id = 2"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ source\ rows\ \(9:([0-9a-f]{64})\) ]]
	# the sum found is of "line TAB source TAB student TAB data LF", row by row
	want=$(sql "SELECT group_concat(line || char(9) || source || char(9) || coalesce(student_id, '')
		    || char(9) || data || char(10), '') FROM (SELECT * FROM source_row ORDER BY id)" |
		head -c -1 | sha256sum)
	assert_equal "${BASH_REMATCH[1]}" "${want%% *}"
}

@test "a student or status an import made, deleted behind the log, is named (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "DELETE FROM status WHERE student_id = 8; DELETE FROM student WHERE id = 8"
	verify_says 'xj: status 8: in the log, not in the store (deleted behind the log)
xj: student 26110101000008: in the log, not in the store (deleted behind the log)
xj: audit log ok, but 2 things in the tables differ from it'
}

@test "a roster's rows keep their values under the import's names, kept once at line 0; source_named names them again (P2, P4)" {
	new_store
	xj-import -q "$EX/roster.csv"
	assert_equal "$(sql "SELECT line || '|' || coalesce(student_id, '-') || '|' || data FROM source_row
		WHERE id <= 2")" '0|-|["exam_no","name","gender","birth_date","id_number","ethnicity","political","major_code","major_name","dept","class","phone"]
2|1|["26110101000001","张伟","男","2007-03-14","110101200703140012","汉族","共青团员","510201","计算机应用技术","CS","计应2601","13812345678"]'
	assert_equal "$(sql "SELECT json_extract(data, '\$.name') || ':' || line FROM source_named WHERE student_id = 3")" "李娜:4"
	assert_equal "$(sql "SELECT count(*) FROM source_named")" 8
	verified
}

@test "a roster whose first row is refused still keeps the names once, before its first kept row (P2)" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,110105194912310021,汉族,CS
26110101000012,乙,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run xj-import -q roster.csv
	assert_failure 1
	assert_equal "$(sql "SELECT line || '|' || coalesce(student_id, '-') FROM source_row ORDER BY id")" "0|-
3|1"
	assert_equal "$(sql "SELECT json_extract(data, '\$.exam_no') FROM source_named")" 26110101000012
	verified
}

@test "YAML records under names of their own keep them with their values; the others the import's (P2)" {
	new_store
	cat > r.yaml <<'EOF2'
- exam_no: "26110101000011"
  name: 甲
  id_number: 11010519491231002X
  dept: CS
- exam_no: "26110101000012"
  name: 乙
  id_number: "110101200703140012"
  dept: CS
  宿舍: 3-201
- name: 丙
  exam_no: "26110101000013"
  id_number: "110101200711020029"
  dept: CS
EOF2
	run xj-import -q r.yaml
	assert_success
	assert_equal "$(sql "SELECT line || '|' || data FROM source_row ORDER BY id")" '0|["exam_no","name","id_number","dept"]
1|["26110101000011","甲","11010519491231002X","CS"]
5|{"exam_no":"26110101000012","name":"乙","id_number":"110101200703140012","dept":"CS","宿舍":"3-201"}
10|{"name":"丙","exam_no":"26110101000013","id_number":"110101200711020029","dept":"CS"}'
	assert_equal "$(sql "SELECT group_concat(json_extract(data, '\$.name'), ',') FROM source_named")" "甲,乙,丙"
	verified
}

@test "the import's names changed behind the log break its sum, and its students are made again under them (P2)" {
	new_store
	xj-import -q "$EX/roster.csv"
	tamper "UPDATE source_row SET data = json_replace(data, '\$[1]', 'phone', '\$[11]', 'name')
		WHERE line = 0 AND student_id IS NULL"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" == "xj: import 1 (command 3): its source rows (9:"* ]]
	# the first student's name, read as a phone number, makes no student
	assert_equal "${stderr_lines[1]}" "xj: student 26110101000001: the source row it was made from (import 1, line 2) no longer makes it: phone: not a mobile or landline number: \"******\" (changed behind the log)"
}

@test "a bulk load read again for a key given twice keeps the names once (P2)" {
	new_store
	roster <<'EOF2'
26110101000011,甲,女,1949-12-31,11010519491231002X,汉族,CS
26110101000012,乙,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run xj-import -q roster.csv
	assert_failure 1
	assert_equal "$(sql "SELECT line || '|' || coalesce(student_id, '-') FROM source_row ORDER BY id")" "0|-
2|1"
	verified
}
