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
	assert_output ""
	# the step that met the full disk is named, whichever it was
	[[ "${stderr_lines[0]}" =~ ^xj-import:\ store\ $XJ_DB:\ [a-z\ ]+:\ disk\ I/O\ error$ ]]
	assert_equal "${stderr_lines[1]}" "xj-import: nothing was changed"
	assert_equal "${#stderr_lines[@]}" 2
	# the file itself whole: what this test is about
	assert_equal "$(sql 'PRAGMA integrity_check')" ok
	assert_equal "$(xj query --fields exam_no)" exam_no
	run xj log --verify
	assert_success
	run xj-import -q r.csv
	assert_success
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 5000
}

@test "an output file that cannot be written: exit 3, and the store not told it was" {
	keyed_store
	run --separate-stderr xj-register new --template "$EX/templates/chsi-new.yaml" \
		-o /nonexistent/new.csv --commit --key keys/chen.key
	assert_failure 3
	assert_equal "$stderr" "xj-register: cannot write /nonexistent/new.csv: No such file or directory"
	assert_output ""
	# no submission on record: the log holds no register entry
	run xj log -f tsv
	assert_success
	assert_equal "$(printf '%s\n' "$output" | awk -F'\t' '$8 == "register"' | wc -l)" 0
}

@test "a store that cannot be written: exit 3, nothing changed" {
	new_store
	cp "$EX/roster.csv" roster.csv
	dir=$BATS_TEST_TMPDIR
	as=
	if [ "$(id -u)" -eq 0 ]; then
		# root writes any file: the import runs as nobody instead, who
		# owns a read-only store in a directory of its own
		command -v setpriv > /dev/null || skip "setpriv is needed to run as another user"
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
		$as xj --version > /dev/null 2>&1 || skip "nobody cannot run the programs from this checkout"
		dir=$(mktemp -d /tmp/xj-ro.XXXXXX)
		cp "$XJ_DB" roster.csv "$XJ_KEY" "$dir/"
		chmod 0755 "$dir"
		chown -R nobody "$dir"
	else
		cp "$XJ_KEY" "$dir/"
	fi
	chmod 0400 "$dir/xj.db"
	run --separate-stderr $as env XJ_DB="$dir/xj.db" xj-import -q -u chen --key "$dir/chen.key" \
		"$dir/roster.csv"
	assert_failure 3
	assert_output ""
	# refused as the command's transaction begins, before a row is read
	assert_equal "$stderr" "xj-import: store $dir/xj.db: write: attempt to write a readonly database"
	chmod 0600 "$dir/xj.db"
	assert_equal "$(XJ_DB="$dir/xj.db" xj query --fields exam_no)" exam_no
	# the file itself whole: what this test is about
	assert_equal "$(sqlite3 "$dir/xj.db" 'PRAGMA integrity_check')" ok
	[ "$dir" = "$BATS_TEST_TMPDIR" ] || rm -rf "$dir"
}
