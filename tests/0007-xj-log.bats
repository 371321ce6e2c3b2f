#!/usr/bin/env bats
# xj log: who did what, when, to which student (P2).  The log is
# append-only and hash-chained: an edited, deleted or reordered entry is
# found by --verify.  Nothing is ever deleted from the store.

load test_helper

setup_roster() {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
}

@test "every change is in the log with who, when, which program and student" {
	setup_roster
	run --separate-stderr xj log -f tsv
	assert_success
	assert_line --index 0 "id	at	user	login	program	student	action	old	new"
	assert_line --index 1 "1	2026-09-10T09:00:00+08:00		$(id -un)	xj init		init		{\"schema\":2}"
	assert_line --index 3 --partial "2026-09-10T09:00:00+08:00	chen	$(id -un)	xj-import	26110101000001	create		{\"cohort\":2026,\"exam_no\":\"26110101000001\",\"id_number\":\"110101********0012\""
	assert_equal "${#lines[@]}" 11
}

@test "log filters: student, user, program, dates" {
	setup_roster
	run xj log --student 110101200703140012 -f tsv
	assert_equal "${#lines[@]}" 2
	run xj log --user chen -f tsv
	assert_equal "${#lines[@]}" 9
	run xj log --program xj-import -f tsv
	assert_equal "${#lines[@]}" 9
	run xj log --since 2026-09-11 -f tsv
	assert_equal "${#lines[@]}" 1
	XJ_NOW=2026-09-12T10:00:00+08:00 xj config load -q "$EX/xj.yaml"
	run xj log --since 2026-09-11 --until 2026-09-12 -f tsv
	assert_equal "${#lines[@]}" 2
}

@test "the log masks ID and phone numbers unless --reveal" {
	setup_roster
	run xj log --student 26110101000001 -f tsv
	refute_output --partial 110101200703140012
	run xj log --student 26110101000001 -f tsv --reveal
	assert_output --partial '"id_number":"110101200703140012"'
	assert_output --partial '"phone":"13812345678"'
}

@test "--verify passes on an untouched log" {
	setup_roster
	run --separate-stderr xj log --verify
	assert_success
	assert_output "audit log ok: 10 entries, every student as the log says"
}

@test "the store refuses deletes and edits of the log" {
	setup_roster
	run sql "DELETE FROM student WHERE id = 1"
	assert_failure
	assert_output --partial "nothing is deleted from the store"
	run sql "UPDATE audit SET new = '{}' WHERE id = 3"
	assert_failure
	assert_output --partial "audit entries are never changed"
	assert_equal "$(sql 'SELECT count(*) FROM student')" 8
}

@test "--verify names an entry edited behind the store's back" {
	setup_roster
	sql "DROP TRIGGER audit_no_update; UPDATE audit SET new = replace(new, '张伟', '张三') WHERE id = 3"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: entry 3 was changed after it was written (hash mismatch)"
}

@test "--verify names a deleted entry and a reordered one" {
	setup_roster
	sql "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 5 is missing (next is 6)"
	new_store_dir=$BATS_TEST_TMPDIR/b; mkdir -p "$new_store_dir"; cd "$new_store_dir"
	export XJ_DB=$new_store_dir/xj.db
	setup_roster
	sql "DROP TRIGGER audit_no_update; UPDATE audit SET id = 100 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = 100"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 4 does not follow entry 3 (chain broken)"
}

@test "a refused --strict file leaves the chain whole" {
	setup_roster
	printf '考生号,姓名,身份证号\n26110101000011,甲,11010519491231002X\n26110101000012,乙,1\n' > r.csv
	run xj-import -q --strict r.csv
	assert_failure 1
	xj-import -q --source application "$EX/roster.csv"
	run xj log --verify
	assert_success
	assert_output "audit log ok: 18 entries, every student as the log says"
}

@test "a student row changed behind the log's back is found by replaying the log" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run xj log --verify
	assert_success
	sql "UPDATE student SET name = '张玮', phone = '13900000000' WHERE exam_no = '26110101000001'"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" 'xj: student 26110101000001: name is "张玮" in the store, the log says "张伟" (changed behind the log)
xj: student 26110101000001: phone is "139****0000" in the store, the log says "138****5678" (changed behind the log)
xj: audit log ok, but 2 values of the students differ from it'
}
