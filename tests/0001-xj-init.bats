#!/usr/bin/env bats
# xj init and the programs' common contract: help, version, usage errors,
# exit codes (xj(7)), the store file kept private (P2, DESIGN "store").

load test_helper

@test "xj init creates a store private to its owner" {
	run --separate-stderr xj init
	assert_success
	assert_equal "$stderr" "xj: created store $XJ_DB"
	assert_equal "$(stat -c %a "$XJ_DB")" 600
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(sql 'PRAGMA journal_mode')" wal
}

@test "xj init never overwrites a store" {
	xj init -q
	run --separate-stderr xj init
	assert_failure 3
	assert_equal "$stderr" "xj: store $XJ_DB already exists; it is never overwritten"
	# the init entry, and the rows it made (the store's id) summed up
	assert_equal "$(sql 'SELECT group_concat(action) FROM audit')" "init,rows"
}

@test "-d names the store; XJ_DB is the default; ./xj.db without either" {
	xj init -q -d other.db
	[ -f other.db ]
	unset XJ_DB
	xj init -q
	[ -f xj.db ]
}

@test "a missing store is exit 3 with the way to make one" {
	run --separate-stderr xj query
	assert_failure 3
	assert_equal "$stderr" "xj: no store at $XJ_DB (from XJ_DB; create one with 'xj init')"
	cd "$BATS_TEST_TMPDIR" && unset XJ_DB
	run --separate-stderr xj query
	assert_equal "$stderr" "xj: no store at $PWD/xj.db (the default: XJ_DB is not set and -d not given; create one with 'xj init')"
}

@test "a file that is not an xj store is refused" {
	echo "hello" > notastore.db
	run --separate-stderr xj query -d notastore.db
	assert_failure 3
	assert_output ""
}

@test "--help goes to stdout with exit 0; --version too" {
	for p in xj xj-import; do
		run --separate-stderr $p --help
		assert_success
		assert_line --index 0 --partial "usage: $p"
		assert_equal "$stderr" ""
		run --separate-stderr $p --version
		assert_success
		assert_line --index 0 --regexp "^$p [0-9]+\.[0-9]+\.[0-9]+$"
		# and the GB/T 2260 table ID numbers are checked against
		assert_line --index 1 --regexp "^GB/T 2260 [0-9]{6}-[0-9]{6} \(/.*/gb2260\.tsv\)$"
		assert_equal "${#lines[@]}" 2
	done
}

@test "a bad option is one line and a hint, exit 2" {
	run --separate-stderr xj-import --bogus
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-import: unknown option '--bogus'
Try 'xj-import --help' for more information."
	run --separate-stderr xj-import --cohort
	assert_failure 2
	assert_equal "$stderr" "xj-import: option '--cohort' needs a value
Try 'xj-import --help' for more information."
	run --separate-stderr xj query --verify
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj: 'xj query' does not take --verify
Try 'xj --help' for more information."
}

@test "xj NAME runs xj-NAME; an unknown NAME is exit 2" {
	run --separate-stderr xj import --version
	assert_success
	assert_output --regexp "^xj-import "
	run --separate-stderr xj frobnicate
	assert_failure 2
	assert_equal "$stderr" "xj: 'frobnicate' is not an xj command
Try 'xj --help' for more information."
}

@test "a full disk on stdout is exit 3, a closed pipe is not an error" {
	new_store
	xj-import -q "$EX/roster.csv"
	# an output file is written beside its place and renamed into it:
	# never over a device (as root, that would be /dev/null itself)
	run --separate-stderr xj query -o /dev/null
	assert_failure 2
	assert_equal "$stderr" "xj: /dev/null is not a regular file: an output file is written beside its place and put there"
	[ -c /dev/null ]
	if [ -w /dev/full ]; then
		run --separate-stderr sh -c 'xj query > /dev/full'
		assert_failure 3
		assert_equal "$stderr" "xj: write error on standard output: No space left on device"
	fi
	run sh -c 'xj query | head -n 1'
	assert_success
}

@test "an option a command does not take is refused, never ignored" {
	run --separate-stderr xj init -n
	assert_failure 2
	assert_equal "$stderr" "xj: 'xj init' does not take --dry-run
Try 'xj --help' for more information."
	[ ! -e "$XJ_DB" ]
	xj init -q
	run --separate-stderr xj query -n
	assert_failure 2
	run --separate-stderr xj config show --reveal
	assert_failure 2
}
