#!/usr/bin/env bats
# A roster read again: the rows its last import took whole are passed over
# by their digests, unchanged, without being read in full; what the import
# says and what the store holds are what reading every row would give
# (--every-row), and the digests are vouched for by the import's entry
# (P2, P4, P16).

load test_helper

ROWS=300

# The store, and a second one as its twin for --every-row (twin.db), each
# with the same roster imported (r.csv: the first ROWS rows of all.csv,
# whose last ten are students the store has not seen).
two_stores() {
	xj-genroster --rows $((ROWS + 10)) --seed 7 --cohort 2026 > all.csv
	head -n $((ROWS + 1)) all.csv > r.csv
	(export XJ_DB="$BATS_TEST_TMPDIR/twin.db"; new_store; xj-import -q -u chen r.csv)
	new_store
	xj-import -q -u chen r.csv
}

# Row n of the roster (1: the first after the header) with field f set to v.
changed() {
	awk -F, -v OFS=, -v n="$1" -v f="$2" -v v="$3" 'NR == n + 1 { $f = v } 1' r.csv
}

# Row n of all.csv past the roster's (1: the first new student).
new_student() {
	sed -n "$((ROWS + 1 + $1))p" all.csv
}

# The same import into both stores, one with --every-row: the same exit,
# the same words, and the same students, statuses and source rows; the
# words are then the output asserted on.
same_both_ways() {
	local a b t
	run --separate-stderr xj-import -u chen "$@"
	a="$status|$stderr"
	XJ_DB="$BATS_TEST_TMPDIR/twin.db" run --separate-stderr xj-import -u chen --every-row "$@"
	b="$status|$stderr"
	assert_equal "$a" "$b"
	for t in student status source_row; do
		assert_equal "$(sql "SELECT * FROM $t")" \
			"$(sqlite3 "$BATS_TEST_TMPDIR/twin.db" "SELECT * FROM $t")"
	done
	output=$stderr
	lines=("${stderr_lines[@]}")
}

# How many rows the last import's entry says it passed over.
passed_over() {
	sql "SELECT json_extract(new, '\$.passed_over') FROM audit WHERE action = 'import'
	     ORDER BY id DESC LIMIT 1"
}

@test "rows the last import took whole are passed over; the import says and stores what reading every row would (P4)" {
	two_stores
	# a phone changed, a birth date that is no date, a new student, and a
	# row given twice
	{ changed 10 12 13900000000 | changed_from_stdin 20 4 2006-13-45; sed -n 31p r.csv
	  new_student 1; } > r2.csv
	same_both_ways --update r2.csv
	assert_failure 1
	assert_line --index 0 --partial "r2.csv:21: birth_date:"
	assert_line --index 1 "xj-import: r2.csv:302: exam_no: $(sed -n 31p r.csv | cut -d, -f1) given twice: also at line 31"
	assert_line --index 2 "xj-import: 302 read, 1 imported, 1 updated, 298 unchanged, 2 refused"
	assert_equal "$(passed_over)" $((ROWS - 2))
	assert_equal "$(XJ_DB="$BATS_TEST_TMPDIR/twin.db" passed_over)" 0
	# the next file finds the rows this one took, the changed one too;
	# not the one it refused, which it did not take
	changed 10 12 13900000000 | changed_from_stdin 40 12 13700000000 > r3.csv
	same_both_ways --update r3.csv
	assert_success
	assert_equal "$(passed_over)" $((ROWS - 2))
	run xj log --verify
	assert_success
}

# The roster on standard input with row n's field f set to v.
changed_from_stdin() {
	awk -F, -v OFS=, -v n="$1" -v f="$2" -v v="$3" 'NR == n + 1 { $f = v } 1'
}

@test "a corrected copy under another name, after another file, knows the rows of the roster most like it (P4)" {
	two_stores
	{ head -n 1 all.csv; new_student 1; new_student 2; } > supplement.csv
	xj-import -q -u chen supplement.csv
	XJ_DB="$BATS_TEST_TMPDIR/twin.db" xj-import -q -u chen supplement.csv
	changed 10 12 13900000000 > corrected.csv
	same_both_ways --update corrected.csv
	assert_success
	assert_equal "$(passed_over)" $((ROWS - 1))
	# and the supplement again under its own name knows its own rows
	{ cat supplement.csv; new_student 3; } > more.csv
	mv more.csv supplement.csv
	same_both_ways supplement.csv
	assert_equal "$(passed_over)" 2
}

@test "a workbook read again passes over its rows too, cell by cell as read (P4)" {
	local sheet
	sheet='考生号|姓名|性别|出生日期|身份证号|民族|院系
26110101000001|张伟|男|d:2007-03-14|110101200703140012|汉族|CS
n:26110101000002|王芳|女|d14:2007-11-02|110101200711020029|汉族|CS
26320102000003|李娜|女|dz:2008-01-20|320102200801200045|回族|CS'
	new_store
	(export XJ_DB="$BATS_TEST_TMPDIR/twin.db"; new_store)
	echo "$sheet" | /usr/bin/python3 "$DATA/xlsx/make.py" r.xlsx --shared
	xj-import -q -u chen r.xlsx
	XJ_DB="$BATS_TEST_TMPDIR/twin.db" xj-import -q -u chen r.xlsx
	{ echo "$sheet" | sed 's/王芳|女/王芳|男/'; echo '26110101000004|赵强|男|d:2007-03-14|110101200703140039|汉族|CS'; } |
		/usr/bin/python3 "$DATA/xlsx/make.py" r2.xlsx
	same_both_ways r2.xlsx
	assert_failure 1
	assert_line --index 0 --partial "r2.xlsx:3: gender:"
	assert_equal "$(passed_over)" 2
}

@test "a student named twice is found whether its rows are passed over or read (P4)" {
	two_stores
	local five="$(sed -n 6p r.csv)" other
	other=$(echo "$five" | cut -d, -f1-11),13911112222
	# the same row again at the end; the student changed first and as it
	# was after; as it was first and changed after
	{ cat r.csv; echo "$five"; } > a.csv
	{ head -n 1 r.csv; echo "$other"; tail -n +2 r.csv; } > b.csv
	{ cat r.csv; echo "$other"; } > c.csv
	same_both_ways a.csv
	assert_line --index 0 "xj-import: a.csv:$((ROWS + 2)): exam_no: $(echo "$five" | cut -d, -f1) given twice: also at line 6"
	same_both_ways --update b.csv
	assert_line --index 0 "xj-import: b.csv:7: exam_no: $(echo "$five" | cut -d, -f1) given twice: also at line 2"
	same_both_ways --update c.csv
	assert_line --index 0 "xj-import: c.csv:$((ROWS + 2)): exam_no: $(echo "$five" | cut -d, -f1) given twice: also at line 6"
}

@test "read once from standard input, the line a row was passed over at is kept for a student named twice (P4)" {
	two_stores
	local five="$(sed -n 6p r.csv)"
	{ cat r.csv; echo "$(echo "$five" | cut -d, -f1-11),13911112222"; } > c.csv
	run --separate-stderr xj-import -u chen --update - < c.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: stdin:$((ROWS + 2)): exam_no: $(echo "$five" | cut -d, -f1) given twice: also at line 6
xj-import: $((ROWS + 1)) read, 0 imported, 0 updated, $ROWS unchanged, 1 refused (nothing changed)"
}

@test "a student changed since the last import has its row read in full, and the difference named (P4, P12)" {
	two_stores
	changed 5 12 13900000000 > u.csv
	xj-import -q -u chen --update u.csv
	XJ_DB="$BATS_TEST_TMPDIR/twin.db" xj-import -q -u chen --update u.csv
	# r.csv's own import is the one its rows are known from; its row of
	# that student is not the student now
	same_both_ways r.csv
	assert_failure 1
	assert_line --index 0 --partial "r.csv:6: phone: the store has \"139****0000\", this row has"
	assert_line --index 1 "xj-import: $ROWS read, 0 imported, 0 updated, $((ROWS - 1)) unchanged, 1 refused (nothing changed)"
}

@test "another config, an earlier business date, or --every-row: every row is read in full (P4)" {
	two_stores
	# each file the roster and one student more: an entry each time
	one_more() {
		{ cat r.csv; new_student "$1"; } > more.csv
	}
	one_more 1
	xj-import -q -u chen more.csv
	assert_equal "$(passed_over)" $ROWS
	sed 's/信息工程系/信息工程学院/' "$EX/xj.yaml" > xj.yaml
	xj config load -q xj.yaml
	one_more 2
	xj-import -q -u chen more.csv
	assert_equal "$(passed_over)" 0
	one_more 3
	XJ_NOW=2026-09-09T09:00:00+08:00 xj-import -q -u chen more.csv
	assert_equal "$(passed_over)" 0
	one_more 4
	xj-import -q -u chen --every-row more.csv
	assert_equal "$(passed_over)" 0
	one_more 5
	xj-import -q -u chen more.csv
	assert_equal "$(passed_over)" $ROWS
	run xj log --verify
	assert_success
}

@test "row digests changed behind the log are found by xj log --verify, and the next import reads every row (P2, P16)" {
	two_stores
	cp "$XJ_DB" clean.db
	tamper "UPDATE import_digest SET digests = zeroblob(length(digests))"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ row\ digests\ \($ROWS:[0-9a-f]{64}\)\ are\ not\ those\ its\ signed\ entry\ vouches\ for\ \($ROWS:[0-9a-f]{64}\)\ \(changed\ behind\ the\ log\)$ ]]
	# its first row is not among them: they are not read
	changed 5 12 13900000000 > u.csv
	run --separate-stderr xj-import -u chen --update u.csv
	assert_success
	assert_equal "$stderr" "xj-import: 300 read, 0 imported, 1 updated, 299 unchanged, 0 refused"
	assert_equal "$(passed_over)" 0
	# its first row among them, the last one changed: read, and not used
	# (the copy put back is older than the head this user saw: forgotten)
	cp clean.db "$XJ_DB"
	rm -rf "$XDG_STATE_HOME"
	tamper "UPDATE import_digest SET digests = substr(digests, 1, length(digests) - 16) ||
		zeroblob(16) WHERE id = (SELECT max(id) FROM import_digest)"
	run --separate-stderr xj-import -u chen --update u.csv
	assert_success
	assert_equal "${stderr_lines[0]}" "xj-import: warning: u.csv: the row digests of import 1 are not those its entry vouches for (changed behind the log: xj log --verify): every row is read in full"
	assert_equal "$(passed_over)" 0
	# taken away, or one added under no entry
	cp clean.db "$XJ_DB"
	tamper "DELETE FROM import_digest"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "${stderr_lines[0]}" =~ ^xj:\ import\ 1\ \(command\ 3\):\ its\ row\ digests\ \(0: ]]
	cp clean.db "$XJ_DB"
	tamper "INSERT INTO import_digest(import_id, digests) VALUES(1, zeroblob(16))"
	run --separate-stderr xj log --verify
	assert_failure 1
	[[ "$stderr" == *"import_digest 2: in the store, not in the log (added behind the log)"* ]]
}

@test "a store of schema 6 gains import_digest; its next roster keeps its rows' digests (P2)" {
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	sqlite3 "$XJ_DB" < "$DATA/schema6.sql"
	chmod 600 "$XJ_DB"
	XJ_NOW=2026-11-28T08:00:00+08:00 run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(sql 'SELECT from_version, to_version FROM migration')" "6|7"
	run xj log --verify
	assert_success
	# the import before has none: every row is read, and its own are kept
	{ cat "$EX/roster.csv"; printf '26110101000099,甲,男,2007-03-14,110101200703140039,汉族,共青团员,510201,计算机应用技术,CS,计应2601,13812345679\n'; } > more.csv
	run --separate-stderr xj-import -u chen more.csv
	assert_equal "$stderr" "xj-import: 9 read, 1 imported, 0 updated, 8 unchanged, 0 refused"
	assert_success
	assert_equal "$(passed_over)" 0
	assert_equal "$(sql "SELECT json_extract(new, '\$.digests') FROM audit WHERE action = 'import' ORDER BY id DESC LIMIT 1")" 9
	run xj log --verify
	assert_success
}
