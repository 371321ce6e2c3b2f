#!/usr/bin/env bats
# The manual's EXAMPLES are run as written: what a page shows a command
# printing is what it prints.

load test_helper

@test "xj(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj.1"
	assert_success
	assert_output ""
}

@test "xj-import(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-import.1"
	assert_success
	assert_output ""
}

@test "xj-config(5) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man5/xj-config.5"
	assert_success
	assert_output ""
}

@test "xj-records(5) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man5/xj-records.5"
	assert_success
	assert_output ""
}

@test "xj-key(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-key.1"
	assert_success
	assert_output ""
}

@test "xj-verify(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-verify.1"
	assert_success
	assert_output ""
}

@test "xj-register(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-register.1"
	assert_success
	assert_output ""
}

@test "xj-archive(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-archive.1"
	assert_success
	assert_output ""
}

@test "xj-change(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-change.1"
	assert_success
	assert_output ""
}

@test "xj-diploma(1) EXAMPLES" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man1/xj-diploma.1"
	assert_success
	assert_output ""
}

@test "xj(7) WORKFLOW" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/man7/xj.7"
	assert_success
	assert_output ""
}

@test "xj(7) in Chinese: 工作流程" {
	export XJ_DB=xj.db
	run sh "$TOP/tests/man-examples.sh" "$TOP/man/zh_CN/man7/xj.7"
	assert_success
	assert_output ""
}
