#!/usr/bin/env bats
# Faults: a store that cannot grow, an output file that cannot be written,
# a store that cannot be written.  A clear error, exit 3, nothing changed.

load test_helper

@test "a store that cannot grow (a full disk): exit 3, nothing changed" {
	new_store
	xj-genroster --rows 5000 > r.csv
	# the file-size limit stands in for a full disk: writes fail with EFBIG
	run --separate-stderr sh -c 'trap "" XFSZ; ulimit -f 300; exec xj-import -q r.csv'
	assert_failure 3
	assert_equal "$(echo "$stderr" | tail -n 1)" "xj-import: nothing was changed"
	[[ "$stderr" == *"disk I/O error"* ]]
	assert_equal "$(sql 'PRAGMA integrity_check')" ok
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
	run xj log --verify
	assert_success
	run xj-import -q r.csv
	assert_success
	assert_equal "$(sql 'SELECT count(*) FROM student')" 5000
}

@test "an output file that cannot be written: exit 3, and the store not told it was" {
	keyed_store
	run --separate-stderr xj-register new --template "$EX/templates/chsi-new.yaml" \
		-o /nonexistent/new.csv --commit --key keys/chen.key
	assert_failure 3
	assert_equal "$stderr" "xj-register: cannot write /nonexistent/new.csv: No such file or directory"
	assert_equal "$(sql 'SELECT count(*) FROM submission')" 0
}

@test "a store that cannot be written: exit 3, nothing changed" {
	[ "$(id -u)" -ne 0 ] || skip "root writes a read-only file: run as another user to test this"
	new_store
	chmod 0400 "$XJ_DB"
	run --separate-stderr xj-import -q "$EX/roster.csv"
	assert_failure 3
	chmod 0600 "$XJ_DB"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 0
}
