#!/usr/bin/env bats
# Outputs for Chinese Excel: every listing and the reject file take --lang
# zh, --encoding gb18030 and --excel; a reject file follows its input's
# encoding and header language; --lang zh translates the vocabularies'
# words as well as the headers, never the data.

load test_helper

# A GBK roster with Chinese headers: two good rows, one bad.
gbk_roster() {
	{
		head -3 "$EX/roster.csv"
		echo '26110101000009,李四,男,2007-13-14,110101200703140013,汉族,共青团员,510201,计算机应用技术,CS,计应2601,1381234'
	} | iconv -f utf-8 -t gbk > gbk.csv
}

@test "a GBK roster with Chinese headers gets a GB 18030 reject file with Chinese headers (P4)" {
	new_store
	gbk_roster
	run --separate-stderr xj-import -q --reject rej.csv gbk.csv
	assert_failure 1
	run iconv -f gb18030 -t utf-8 rej.csv
	assert_success
	assert_line --index 0 "考生号,姓名,性别,出生日期,身份证号,民族,政治面貌,专业代码,专业名称,院系,班级,联系电话,行号,字段,原因"
	assert_line --index 1 --partial "26110101000009,李四,男,2007-13-14,110101200703140013,"
	assert_line --index 1 --partial ",4,身份证号; 出生日期; 联系电话,"
	# not UTF-8: a Chinese Excel opens it as it opened the roster
	run ! iconv -f utf-8 -t utf-8 rej.csv
}

@test "a reject file in Chinese gives its rows back as they came: only headers and field names are translated" {
	new_store
	printf '考生号,姓名,身份证号,学籍状态\n26110101000013,丙,1,registered\n' > r.csv
	run -1 xj-import -q --reject rej.csv r.csv
	run cat rej.csv
	assert_output '考生号,姓名,身份证号,学籍状态,行号,字段,原因
26110101000013,丙,1,registered,2,身份证号,"must be 18 characters, not 1"'
}

@test "the GB 18030 reject file, fixed, is imported as it is (P4)" {
	new_store
	gbk_roster
	run -1 xj-import -q --reject rej.csv gbk.csv
	iconv -f gb18030 -t utf-8 rej.csv |
		sed 's/2007-13-14,110101200703140013/2007-03-14,110101200703140039/; s/1381234/13812345679/' |
		iconv -f utf-8 -t gb18030 > fixed.csv
	run --separate-stderr xj-import --reject rej2.csv fixed.csv
	assert_success
	assert_equal "$stderr" "xj-import: 1 read, 1 imported, 0 updated, 0 unchanged, 0 refused"
	assert_equal "$(wc -c < rej2.csv)" 0
	run xj query --fields exam_no,name 26110101000009
	assert_output "exam_no,name
26110101000009,李四"
}

@test "an English UTF-8 roster keeps an English UTF-8 reject file; --lang zh and --excel change it" {
	new_store
	roster <<-'EOF'
	26110101000009,李四,男,2007-13-14,110101200703140013,汉族,CS
	EOF
	run -1 xj-import -q --reject en.csv roster.csv
	run head -1 en.csv
	assert_output "exam_no,name,gender,birth_date,id_number,ethnicity,dept,line,field,reason"
	run -1 xj-import -q --lang zh --excel --reject zh.csv roster.csv
	run cat zh.csv
	assert_line --index 0 "考生号,姓名,性别,出生日期,身份证号,民族,院系,行号,字段,原因"
	assert_line --index 1 --partial '"=""26110101000009""",李四,男,2007-13-14,"=""110101200703140013""",汉族,CS,2,身份证号; 出生日期,'
	# the ="..." text is read back as the digits
	run --separate-stderr xj-import -n zh.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: zh.csv:2: id_number: check digit should be 2, not 3
xj-import: zh.csv:2: birth_date: 2007-13-14 is not a real date
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (dry run: nothing was changed)"
}

@test "a GB 18030 roster's reject file in Chinese headers given --lang en is in English, still GB 18030" {
	new_store
	gbk_roster
	run -1 xj-import -q --lang en --reject rej.csv gbk.csv
	run iconv -f gb18030 -t utf-8 rej.csv
	assert_line --index 0 "exam_no,name,gender,birth_date,id_number,ethnicity,political,major_code,major_name,dept,class,phone,line,field,reason"
	assert_line --index 1 --partial ",李四,"
}

@test "a reject file named .xlsx, .tsv or .yaml is written so, and each is read back" {
	new_store
	gbk_roster
	run -1 xj-import -q --reject rej.xlsx gbk.csv
	run file -b rej.xlsx
	assert_output --partial "Excel 2007"
	run -1 xj-import -q --reject rej.tsv rej.xlsx
	run head -1 rej.tsv
	assert_output "$(printf '考生号\t姓名\t性别\t出生日期\t身份证号\t民族\t政治面貌\t专业代码\t专业名称\t院系\t班级\t联系电话\t行号\t字段\t原因')"
	run -1 xj-import -q --reject rej.yaml rej.tsv
	run grep -c '^- exam_no: "26110101000009"$' rej.yaml
	assert_output 1
	run --separate-stderr xj-import -n rej.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-import: rej.yaml:1: id_number: check digit should be 2, not 3
xj-import: rej.yaml:1: birth_date: 2007-13-14 is not a real date
xj-import: rej.yaml:1: phone: not a mobile or landline number: \"*******\"
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (dry run: nothing was changed)"
	run --separate-stderr xj-import --lang fr --reject r.csv rej.yaml
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-import: --lang wants zh or en, not 'fr'
Try 'xj-import --help' for more information."
}

# The listings of a store a year on: reviewed, registered, a credential, a
# change pending, a case open, an archive item.
year_store() {
	keyed_store
	credential_registered 26110101000001
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card 26110101000002 > /dev/null
	xj-verify case open -q --key keys/li.key --reason "疑似冒名" 26110101000001
	xj-archive collect -q --key keys/zhou.key --item photo --paper --location A1 26110101000002
}

LISTINGS=(
	"xj query"
	"xj log --student 26110101000002"
	"xj-verify status"
	"xj-verify due"
	"xj-verify cases"
	"xj-register due --as-of 2027-10-10"
	"xj-change list"
	"xj-change history 26110101000002"
	"xj-change filings"
	"xj-diploma check"
	"xj-diploma list"
	"xj-archive status"
)

@test "--lang zh: every listing's header is Chinese, with no English column name left" {
	year_store
	local c
	for c in "${LISTINGS[@]}"; do
		run --separate-stderr $c --lang zh
		[ "$status" -le 1 ] || fail "$c: exit $status: $stderr"
		[[ ! "${lines[0]}" =~ [a-z] ]] || fail "$c: English in the header: ${lines[0]}"
	done
	XJ_NOW=2027-09-10T09:00:00+08:00 run --separate-stderr xj-register annual -n --year 2027 \
		--key keys/chen.key --lang zh
	assert_success
	assert_output "考生号,姓名,学年,进度,原因"
}

@test "--lang zh translates statuses, stages, results, states and kinds, never the data" {
	year_store
	run xj query --lang zh --fields exam_no,name,status 26110101000001 26110101000002
	assert_output "考生号,姓名,学籍状态
26110101000001,张伟,毕业
26110101000002,王芳,已录取"
	run xj-verify status --lang zh 26110101000001
	assert_output "考生号,姓名,环节,结果,进度,审核人,复核人,院系负责人,校领导,照片比对
26110101000001,张伟,入学初查,,未审核,,,,,
26110101000001,张伟,入学复查,通过,已完成,li,zhou,wang,zhao,"
	run xj-change list --lang zh
	assert_output "编号,考生号,姓名,类型,字段,原值,新值,材料,附件文件,缺少,申请人,申请日期,批准人,下一审批,进度,报备
1,26110101000002,王芳,关键信息,姓名,王芳,张玮,\"申请表,户口簿,身份证\",,,li,2026-09-10,,审核人,待审批,"
	run xj-verify cases --lang zh
	assert_output "考生号,姓名,立案日期,立案人,原因,调查结论,已移交
26110101000001,张伟,2026-09-10,li,疑似冒名,调查中,否"
	run xj-diploma list --lang zh
	assert_output "考生号,姓名,类型,结论,证书编号,发证日期,进度,原件
26110101000001,张伟,毕业证书,毕业,140011202906000001,2029-06-20,已注册,"
	# a machine's formats keep their keys; the words are translated as asked
	run xj query -f json --lang zh --fields exam_no,status 26110101000002
	assert_output '[
{"exam_no":"26110101000002","status":"已录取"}
]'
	# and without --lang nothing changes
	run xj-diploma list
	assert_line --index 1 "26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,registered,"
}

@test "--encoding gb18030 and --excel on listings: GB 18030 bytes, long digits as text" {
	year_store
	xj-verify due --lang zh --encoding gb18030 --excel > due.csv
	run iconv -f gb18030 -t utf-8 due.csv
	assert_line --index 0 "考生号,姓名,院系,报到日期,期限,剩余天数,进度"
	assert_line --index 1 '"=""26110101000002""",王芳,CS,2026-09-05,2026-12-05,86,未审核'
	run ! iconv -f utf-8 -t utf-8 due.csv
	xj-diploma check --lang zh --encoding gb18030 --excel > check.csv || true
	run iconv -f gb18030 -t utf-8 check.csv
	assert_line --index 0 "考生号,姓名,结论,是否符合,原因"
	assert_line --index 1 --partial '"=""26110101000001""",张伟,毕业,否,'
}

@test "a refused row the reject file cannot hold fails the import whole: nothing is lost (P4)" {
	new_store
	python3 -c "
print('exam_no,name,gender,birth_date,id_number,ethnicity,dept')
print('26110101000019,' + '长' * 40000 + ',男,2007-03-14,110101200703140039,汉族,CS')
print('26110101000001,张伟,男,2007-03-14,110101200703140012,汉族,CS')" > long.csv
	# a workbook's cell holds at most 32,767 characters
	run --separate-stderr xj-import -q --reject long.xlsx long.csv
	assert_failure 3
	assert_equal "$stderr" "xj-import: long.csv:2: name: value too long
xj-import: row 2, column 2: a value longer than a cell of Excel holds (32,767 characters)
xj-import: long.xlsx: a refused row could not be written
xj-import: nothing was changed"
	[ ! -e long.xlsx ]
	run xj query --fields exam_no
	assert_output "exam_no"
	# as CSV the same row is kept, and the good one imported
	run --separate-stderr xj-import -q --reject long.csv.rej long.csv
	assert_failure 1
	assert_equal "$(xj query --fields exam_no | tail -n 1)" 26110101000001
	assert_equal "$(wc -l < long.csv.rej)" 2
}
