#!/usr/bin/env bats
# make demo (examples/demo.sh): the year's main steps on the example, each
# program at work, and nothing left behind in $TMPDIR.

load test_helper

@test "the demo runs each program through the year and leaves nothing behind" {
	mkdir tmp
	TMPDIR=$BATS_TEST_TMPDIR/tmp run sh "$EX/demo.sh" "${XJ_BIN:-$TOP/build/bin}"
	assert_success
	for step in 'xj init' 'xj config load' 'xj-import examples/roster.csv' 'xj query --dept CS' \
		'xj-key new' 'xj-import --source onsite' 'xj-verify check' 'xj-verify review' \
		'xj-verify confirm' 'xj-verify sign --key wang.key' 'xj-verify sign --key zhao.key' \
		'xj-register new' 'xj-register result' 'xj-register number' 'XJ_NOW=2027-09-10 xj-register annual' \
		'xj-change request' 'xj-change approve' 'xj-archive collect' 'xj-diploma check' \
		'XJ_NOW=2029-06-20 xj-diploma issue' 'xj log --verify'; do
		assert_line --partial "\$ $step"
	done
	# what each step shows
	assert_line "26110101000002,王芳,ethnicity,onsite,汉族,回族,idcards.csv:3"
	assert_line "26110101000001,张伟,recheck,pass,complete,li,zhou,wang,zhao,"
	assert_line "xj-register: 1 registered, 0 failed, 0 unchanged, 0 refused"
	assert_line "26110101000001,张伟,2027,registered,"
	assert_line "xj-change: 1 done (1 applied), 0 refused"
	assert_line "26110101000001,张玮"
	assert_line "xj-archive: 1 done, 0 refused"
	assert_line "xj-diploma: 1 issued, 0 refused"
	assert_line --regexp '^audit log ok: [0-9]+ entries, every row as the log says$'
	# the li.key import is refused, as it should be, and the demo goes on
	assert_line "xj-import: 'xj-import' is work for the registrar; li does not hold that role"
	run ls -A tmp
	assert_output ""
}
