#!/usr/bin/env bats
# The synthetic roster generator feeds tests and the benchmark: it must be
# deterministic, and every defect it injects must be refused by name (P4).

load test_helper

@test "the same arguments give the same bytes" {
	xj-genroster --rows 500 --seed 7 > a.csv
	xj-genroster --rows 500 --seed 7 > b.csv
	cmp a.csv b.csv
	xj-genroster --rows 500 --seed 8 > c.csv
	run ! cmp -s a.csv c.csv
}

@test "a clean generated roster imports whole, in UTF-8 and in GB18030 with CRLF" {
	new_store
	xj-genroster --rows 2000 --seed 3 > r.csv
	run --separate-stderr xj-import r.csv
	assert_success
	assert_equal "$stderr" "xj-import: 2000 read, 2000 imported, 0 updated, 0 unchanged, 0 refused"
	xj init -q -d gb.db
	xj config load -q -d gb.db "$EX/xj.yaml"
	xj-genroster --rows 2000 --seed 3 --zh --encoding gb18030 --crlf > gb.csv
	run --separate-stderr xj-import -q -d gb.db gb.csv
	assert_success
	assert_equal "$(sqlite3 gb.db 'SELECT group_concat(name) FROM student')" "$(sql 'SELECT group_concat(name) FROM student')"
}

@test "every injected defect is refused by line and field; warnings are not refusals" {
	new_store
	xj-genroster --rows 800 --seed 5 --defects 0.1 > r.csv 2> gen.err
	assert_equal "$(cat gen.err)" "xj-genroster: 800 rows, 80 defects"
	run --separate-stderr xj-import --reject bad.csv r.csv
	assert_failure 1
	# 8 kinds, 10 each: the U+3000 around a name is only a warning
	assert_equal "$(echo "$stderr" | tail -n 1)" "xj-import: 800 read, 730 imported, 0 updated, 0 unchanged, 70 refused"
	assert_equal "$(($(wc -l < bad.csv) - 1))" 70
	assert_equal "$(echo "$stderr" | grep -c 'name: white space trimmed')" 10
	run sh -c "cut -d, -f14 bad.csv | sort | uniq -c | awk '{print \$2}' | sort | tr '\n' ' '"
	assert_output "ethnicity exam_no field gender id_number name "
}
