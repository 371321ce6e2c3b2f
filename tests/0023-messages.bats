#!/usr/bin/env bats
# Messages in the user's language: Chinese under zh_CN.UTF-8, in the
# rules' own terms, English otherwise; what scripts read never changes.

load test_helper

# The Chinese locale, as a member of staff has it.
zh() {
	locale -a 2>/dev/null | grep -qx 'zh_CN.utf8' ||
		skip "the zh_CN.UTF-8 locale is not made here (make deps makes it as root)"
	unset LC_ALL LANGUAGE
	export LANG=zh_CN.UTF-8
}

@test "diagnostics and summaries are Chinese under zh_CN.UTF-8" {
	zh
	run --separate-stderr xj query
	assert_failure 3
	assert_equal "$stderr" "xj: $XJ_DB 处没有数据库（来自 XJ_DB；请用 'xj init' 创建）"
	run --separate-stderr xj init
	assert_equal "$stderr" "xj: 已创建数据库 $XJ_DB"
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	xj config load -q "$EX/xj.yaml"
	roster r.csv <<-'EOF'
	26110101000001,张三,男,2008-01-01,110101200801010011,汉族,CS
	EOF
	run --separate-stderr xj-import -u chen r.csv
	assert_failure 1
	# where the fault is stays as it was: file, line, field
	assert_equal "$stderr" "xj-import: r.csv:2: id_number: 校验码应为 9，而不是 1
xj-import: 读取 1，导入 0，更新 0，未变 0，拒绝 1（没有任何变化）"
	run --separate-stderr xj-import -u chen "$EX/roster.csv"
	assert_success
	run xj log --verify
	assert_output "审计日志完好：6 个条目，每一行均与日志一致"
}

@test "usage errors and --help are Chinese too; the exit codes are the same" {
	zh
	run --separate-stderr xj nosuch
	assert_failure 2
	assert_equal "$stderr" "xj: 'nosuch' 不是 xj 的命令
请用 'xj --help' 查看更多信息。"
	run --separate-stderr xj-import --bogus
	assert_failure 2
	assert_equal "$stderr" "xj-import: 未知选项 '--bogus'
请用 'xj-import --help' 查看更多信息。"
	run xj --help
	assert_success
	assert_line --index 0 "用法：xj [-hV] command [args]"
	for p in xj-import xj-verify xj-register xj-change xj-diploma xj-archive xj-key; do
		run "$p" --help
		assert_success
		[[ "${lines[0]}" == 用法：* ]]
	done
}

@test "the policy's own terms: 入学资格复查, 学年电子注册, 学历证明书" {
	zh
	run xj-verify --help
	assert_output --partial "录取资格复查"
	run xj-register --help
	assert_output --partial "学年电子注册"
	run xj-diploma --help
	assert_output --partial "学历证明书"
}

@test "record streams are the same in every locale: field names, values, codes" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	en=$(xj query -f yaml; xj log -f tsv | cut -f 1,5,7)
	zh
	assert_equal "$(xj query -f yaml; xj log -f tsv | cut -f 1,5,7)" "$en"
	# Chinese headers are asked for, not given by the locale
	run xj query --lang zh --fields exam_no,name
	assert_line --index 0 "考生号,姓名"
}

@test "English without a Chinese locale" {
	unset LANGUAGE
	export LC_ALL=C.UTF-8
	run --separate-stderr xj query
	assert_equal "$stderr" "xj: no store at $XJ_DB (from XJ_DB; create one with 'xj init')"
	export LC_ALL=C
	run --separate-stderr xj nosuch
	assert_equal "$stderr" "xj: 'nosuch' is not an xj command
Try 'xj --help' for more information."
}

@test "a hint that depends on the kind of problem survives translation (P12)" {
	keyed_store
	zh
	run --separate-stderr xj-change request --key keys/li.key --field id_number \
		--to 110101200703150018 --evidence application,household-register,id-card \
		--file "$EX/roster.csv" 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: birth_date: 2007-03-14 与 id_number 不符（2007-03-15）（请在同一变更申请中一并修改）
xj-change: 已办理 0，拒绝 1"
}

@test "a message about a very long path keeps its start and its reason; only the path's middle gives way" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	long=$BATS_TEST_TMPDIR
	for i in 1 2 3; do
		long="$long/$(printf '目录%.0s' $(seq 40))"
	done
	mkdir -p "$long"
	run --separate-stderr xj backup "$long/missing/copy.db"
	assert_failure 3
	start="xj: cannot create a file beside $BATS_TEST_TMPDIR"
	assert_equal "${stderr:0:${#start}}" "$start"
	assert_equal "${stderr: -27}" ": No such file or directory"
	[[ "$stderr" == *…* ]]
	# whole characters only: the line is valid UTF-8
	printf '%s' "$stderr" | iconv -f UTF-8 -t UTF-8 > /dev/null
	# the file of a row is kept the same way: the line and field after it
	cp "$EX/roster.csv" "$long/r.csv"
	printf '26110101000099,王五,男,2008-13-01,,汉族,CS\n' >> "$long/r.csv"
	run --separate-stderr xj-import -u chen "$long/r.csv"
	assert_failure 1
	[[ "${stderr_lines[0]}" == "xj-import: $BATS_TEST_TMPDIR"*…*"r.csv:10: row has 7 fields, the header has 12" ]]
	printf '%s' "$stderr" | iconv -f UTF-8 -t UTF-8 > /dev/null
}
