#!/usr/bin/env bats
# Each program's --help and the SYNOPSIS of its page agree: the same
# verbs, the same options, both ways (tests/man-synopsis.sh).

load test_helper

@test "--help and SYNOPSIS name the same verbs and options" {
	run sh "$TOP/tests/man-synopsis.sh" xj xj-import xj-verify xj-register \
		xj-change xj-diploma xj-archive xj-key
	assert_success
	assert_output ""
}

@test "a program's cmd/*.c is in the list above" {
	local src prog
	for src in "$TOP"/cmd/*.c; do
		prog=$(basename "$src" .c)
		grep -q -w -e "$prog" "$BATS_TEST_FILENAME" || {
			echo "$prog is not checked against its SYNOPSIS"
			return 1
		}
	done
}

@test "man-synopsis.sh finds a verb or an option missing either way" {
	mkdir -p man/man1 tests
	cp "$TOP/tests/man-synopsis.sh" tests/
	# --strict gone from the page, --upgrade and a verb added to it
	sed -e '/^\.Op Fl -strict$/d' -e 's/^\.Op Fl -update$/&\
.Op Fl -upgrade/' "$TOP/man/man1/xj-import.1" > man/man1/xj-import.1
	sed 's/^\.Sh DESCRIPTION$/.Nm\
.Cm rotate\
&/' "$TOP/man/man1/xj-key.1" > man/man1/xj-key.1
	run sh tests/man-synopsis.sh xj-import xj-key
	assert_failure
	assert_output - <<'OUT'
xj-import: option --strict is in --help, not in the SYNOPSIS of xj-import(1)
xj-import: option --upgrade is in the SYNOPSIS of xj-import(1), not in --help
xj-key: verb rotate is in the SYNOPSIS of xj-key(1), not in --help
OUT
}
