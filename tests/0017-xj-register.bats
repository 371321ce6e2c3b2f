#!/usr/bin/env bats
# xj-register: new students from the approved list go to CHSI (P9), its
# feedback makes them registered; student numbers; the record card; the
# annual registration by the facts within its window (P11, P21).

load test_helper

T="$EX/templates"
# The re-check of these students complete at all levels.
recheck_done() {
	xj-verify review -q --key keys/li.key $RECHECK "$@"
	xj-verify confirm -q --key keys/zhou.key "$@"
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept "$@"
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader "$@"
}

# New students handed to CHSI (the approved list's file, on record).
submitted() {
	xj-register new -q --template "$T/chsi-new.yaml" -o new.csv --commit \
		--key keys/chen.key "$@"
}

# New students registered through CHSI's feedback.
registered() {
	recheck_done "$@"
	submitted "$@"
	printf 'exam_no,result,message\n' > fb.csv
	for k in "$@"; do printf '%s,success,\n' "$k" >> fb.csv; done
	xj-register result -q --key keys/chen.key fb.csv
}

@test "the approved list: the re-check complete at three levels, nobody cancelled (P9)" {
	keyed_store
	recheck_done 26110101000001
	xj-verify review -q --key keys/li.key $RECHECK 26110101000002
	run --separate-stderr xj-register new --dept CS --key keys/chen.key
	assert_failure 1
	assert_output "exam_no,name,dept,major_code,class,last
26110101000001,张伟,CS,510201,计应2601,"
	assert_equal "$stderr" "xj-register: 26110101000002: the re-check is reviewed, not signed at all three levels (P1)
xj-register: 26110101000008: no re-check review yet (P7)
xj-register: 26320102000003: no re-check review yet (P7)
xj-register: 1 on the approved list, 3 left out"
}

@test "a passed re-check does not outweigh a failed arrival check, a photo that does not match or an open case (P4, P5, P8, P9)" {
	keyed_store
	recheck_done 26110101000001 26110101000002 26110101000008 26320102000003
	xj-verify review -q --key keys/li.key --stage arrival --result fail --item idcard=problem 26110101000002
	printf 'exam_no,pair,result\n26320102000003,onsite-idcard,mismatch\n' > p.csv
	xj-verify photos -q --key keys/chen.key p.csv
	xj-verify case open -q --key keys/li.key --reason 疑似冒名 26110101000008
	run --separate-stderr xj-register new --key keys/chen.key 26110101000001 26110101000002 \
		26110101000008 26320102000003
	assert_failure 1
	assert_output "exam_no,name,dept,major_code,class,last
26110101000001,张伟,CS,510201,计应2601,"
	assert_equal "$stderr" "xj-register: 26110101000002: the arrival check failed (P4)
xj-register: 26110101000008: an investigation case is open since 2026-09-10 (P8)
xj-register: 26320102000003: a photo comparison does not match: onsite-idcard mismatch (P5)
xj-register: 1 on the approved list, 3 left out"
}

@test "CHSI's upload file: GBK, CRLF, YYYYMMDD, FY by the department's name, and recorded with its SHA-256 (P9)" {
	keyed_store
	recheck_done 26110101000001
	run --separate-stderr xj-register new --template "$T/chsi-new.yaml" -o new.csv --commit \
		--key keys/chen.key 26110101000001
	assert_success
	assert_equal "$(iconv -f GBK -t UTF-8 new.csv | tr -d '\r')" "KSH,XH,XM,XB,CSRQ,SFZH,ZZMM,MZ,ZYDM,ZYMC,CC,XZ,XXXS,RXRQ,FY,BH
26110101000001,,张伟,男,20070314,110101200703140012,共青团员,汉族,510201,计算机应用技术,,,,,信息工程系,计应2601"
	assert_equal "$(head -n 1 new.csv | od -An -tx1 | tr -d ' \n' | tail -c 4)" "0d0a"
	assert_equal "$(sql 'SELECT file, sha256, rows FROM submission')" "new.csv|$(sha256sum new.csv | cut -d' ' -f1)|1"
	assert_equal "$(stat -c %a new.csv)" 600
	assert_equal "$(sql 'SELECT state FROM registration')" "submitted"
	run --separate-stderr xj-register new --key keys/chen.key 26110101000001
	assert_line --index 1 "26110101000001,张伟,CS,510201,计应2601,submitted 2026-09-10"
}

@test "a value wider than its column refuses the student, never truncated" {
	keyed_store
	recheck_done 26110101000001 26110101000002
	sed 's/field: name, width: 40/field: name, width: 4/' "$T/chsi-new.yaml" > narrow.yaml
	xj-change request -q --key keys/li.key --field name --to 王芳芳 \
		--evidence application,household-register,id-card 26110101000002
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	run --separate-stderr xj-register new --template narrow.yaml -o new.csv --key keys/chen.key \
		26110101000001 26110101000002
	assert_failure 1
	assert_equal "$stderr" 'xj-register: 26110101000002: XM: "王芳芳" is 6 bytes in GBK, the column takes 4
xj-register: 1 on the approved list, 1 left out'
	assert_equal "$(iconv -f GBK -t UTF-8 new.csv | tr -d '\r' | cut -d, -f1 | tail -n +2)" "26110101000001"
}

@test "a template's encoding gb18030-2005 writes 𠂇 and U+FE10 at GB 18030-2005's codes, gb18030 at 2022's" {
	keyed_store
	recheck_done 26110101000001
	xj-change request -q --key keys/li.key --field name --to 𠂇明 \
		--evidence application,household-register,id-card 26110101000001
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	for enc in gb18030-2005 gb18030; do
		printf 'encoding: %s\nline_end: lf\ncolumns:\n  - {header: KSH, field: exam_no}\n  - {header: XM, field: name, width: 6}\n  - {header: "︐", value: "︐"}\n' \
			$enc > $enc.yaml
		xj-register new -q --template $enc.yaml -o $enc.csv --key keys/chen.key 26110101000001
	done
	# 𠂇 95 32 90 31 in 2005's codes, FE 51 in 2022's; 明 C3 F7; ︐ 84 31 82 36 or A6 D9
	printf 'KSH,XM,\x84\x31\x82\x36\n26110101000001,\x95\x32\x90\x31\xc3\xf7,\x84\x31\x82\x36\n' > want-2005.csv
	cmp gb18030-2005.csv want-2005.csv
	printf 'KSH,XM,\xa6\xd9\n26110101000001,\xfe\x51\xc3\xf7,\xa6\xd9\n' > want-2022.csv
	cmp gb18030.csv want-2022.csv
	# a column's width counts the bytes of the encoding: 𠂇明 is 6 in 2005's
	sed -i 's/width: 6/width: 5/' gb18030-2005.yaml gb18030.yaml
	run --separate-stderr xj-register new --template gb18030-2005.yaml -o x.csv --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" 'xj-register: 26110101000001: XM: "𠂇明" is 6 bytes in GB18030-2005, the column takes 5
xj-register: 0 on the approved list, 1 left out'
	xj-register new -q --template gb18030.yaml -o x.csv --key keys/chen.key 26110101000001
	printf 'encoding: gb18030-2006\ncolumns:\n  - {header: KSH, field: exam_no}\n' > bad.yaml
	run --separate-stderr xj-register new --template bad.yaml --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-register: bad.yaml:1: encoding: not a value this setting takes (encoding: gbk, gb18030, gb18030-2005 or utf-8; line_end: crlf or lf; header: true or false)"
}

@test "CHSI's feedback: successes registered and dated, failures listed with the message (P9)" {
	keyed_store
	recheck_done 26110101000001 26110101000002
	submitted 26110101000001 26110101000002
	printf 'KSH,JG,YY\n26110101000001,成功,\n26110101000002,失败,照片不合格\n99,成功,\n' | iconv -t GBK > fb.csv
	run --separate-stderr xj-register result --template "$T/chsi-result.yaml" --key keys/chen.key fb.csv
	assert_failure 1
	assert_output "exam_no,message
26110101000002,照片不合格"
	assert_equal "$stderr" "xj-register: fb.csv:4: exam_no: no student with exam_no 99
xj-register: 1 registered, 1 failed, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "registered"
	assert_equal "$(sql "SELECT since FROM status WHERE status = 'registered'")" "2026-09-10"
	run --separate-stderr xj-register result --template "$T/chsi-result.yaml" --key keys/chen.key fb.csv
	# the same file again: the failure is on record, the success answered already
	assert_failure 1
	assert_equal "$stderr" "xj-register: fb.csv:2: registered already
xj-register: fb.csv:4: exam_no: no student with exam_no 99
xj-register: 0 registered, 0 failed, 1 unchanged, 2 refused"
	run --separate-stderr xj-register new --key keys/chen.key 26110101000001 26110101000002
	assert_failure 1
	assert_output "exam_no,name,dept,major_code,class,last
26110101000002,王芳,CS,510201,计应2601,failed 2026-09-10: 照片不合格"
	assert_equal "$stderr" "xj-register: 26110101000001: registered already
xj-register: 1 on the approved list, 1 left out"
}

@test "student numbers: by the pattern, unique, gap-free, never given twice" {
	keyed_store
	registered 26110101000001 26110101000002 26110101000008
	run --separate-stderr xj-register number --key keys/chen.key
	assert_success
	assert_output "exam_no,student_no
26110101000001,2026510201001
26110101000002,2026510201002
26110101000008,2026510201003"
	run --separate-stderr xj-register number --key keys/chen.key 26110101000001 26320102000003
	assert_failure 1
	assert_equal "$stderr" "xj-register: 26110101000001: has student number 2026510201001 already
xj-register: 26320102000003: not registered yet (P9)
xj-register: 0 numbered, 2 refused"
	run --separate-stderr xj-register number -n --key keys/chen.key
	assert_output "exam_no,student_no"
	assert_equal "$(sql 'SELECT last FROM number_seq')" 3
	run sql "UPDATE number_seq SET last = 1"
	assert_failure
	assert_output --partial "a student number is never given twice"
}

@test "student numbers by major ordinal, class and seat, seated in exam-number order (P9)" {
	mkdir -p keys
	cp "$DATA/keyed.yaml" keyed.yaml
	for n in li zhou wang ma zhao chen qian; do
		sed -i "s|@$n@|$(xj-key new -q --key "keys/$n.key")|" keyed.yaml
	done
	cat >> keyed.yaml <<'EOF2'
majors:
  - {code: "510201", name: 计算机应用技术, dept: CS, ordinal: "04"}
  - {code: "530302", name: 大数据与会计, dept: EC, ordinal: "12"}
student_numbers:
  pattern: "{year}{major_no}{class:2}{seat:2}"
EOF2
	xj init -q
	xj config load -q --key keys/chen.key keyed.yaml
	# imported out of exam-number order
	{ head -n 1 "$EX/roster.csv"; sed -n '9p;3p;2p;4p' "$EX/roster.csv"; } > r.csv
	sed -i 's/,计应2601,13912345678/,计应2607,13912345678/' r.csv
	xj-import -q --key keys/chen.key r.csv
	registered 26110101000008 26110101000002 26110101000001 26320102000003
	run --separate-stderr xj-register number --key keys/chen.key
	assert_failure 1
	assert_output "exam_no,student_no
26110101000001,2026040101
26110101000002,2026040701
26110101000008,2026040102"
	assert_equal "$stderr" "xj-register: 26320102000003: major 510202 is not in the config's majors, which {major_no} needs
xj-register: 3 numbered, 1 refused"
}

@test "the record card: one page per student, the photo inside, the printing on record (P9)" {
	keyed_store
	mkdir ph
	xj-genphoto 3 96 128 80 ph/26110101000001.jpg
	run --separate-stderr xj-register card --photos ph -o cards.html --key keys/chen.key \
		26110101000001 26110101000002
	assert_success
	assert_equal "$(grep -c '<section class="card">' cards.html)" 2
	assert_equal "$(grep -c 'src="data:image/jpeg;base64,' cards.html)" 1
	grep -q '<td>110101200703140012</td>' cards.html
	# the department by its name, the enrolment date of the cohort, both
	# from the config
	grep -q '<tr><th>院系</th><td>信息工程系</td></tr>' cards.html
	grep -q '<tr><th>入学日期</th><td>2026-09-05</td></tr>' cards.html
	assert_equal "$(xj log -f tsv | tail -n 1 | cut -f8,10)" "$(printf 'reveal\t{"verb":"card","fields":["id_number"]}')"
	run xj-register card -f yaml --key keys/chen.key 26110101000001
	assert_line "  id_number: \"110101********0012\""
	# a record keeps the code, which scripts join on
	assert_line "  dept: CS"
	assert_line "  enrol_date: \"2026-09-05\""
}

@test "a photo that is no picture refuses that student's card, whole; a PNG named .jpg is shown as a PNG (P9)" {
	keyed_store
	mkdir ph
	# named by the ID number, which the message masks as it masks the key
	printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' > ph/110101200703140012.jpg
	printf '\211PNG\r\n\032\n0000' > ph/26110101000002.jpg
	run --separate-stderr xj-register card --photos ph -o cards.html --key keys/chen.key \
		26110101000001 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-register: 26110101000001: ph/110101********0012.jpg is not a JPEG or PNG picture"
	# one card, the other's not begun
	assert_equal "$(grep -c '<section class="card">' cards.html)" 1
	assert_equal "$(grep -c 'src="data:image/png;base64,' cards.html)" 1
	run grep -c svg cards.html
	assert_output 0
}

@test "the card prints as two A4 pages in a real browser" {
	browser=$(command -v chromium || command -v chromium-browser || true)
	if [ -z "$browser" ] || ! command -v pdftotext > /dev/null; then
		skip "chromium or pdftotext not installed (Debian: chromium, poppler-utils)"
	fi
	keyed_store
	xj-register card -q -o cards.html --key keys/chen.key 26110101000001 26110101000002
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$PWD/cards.pdf" "file://$PWD/cards.html" 2> /dev/null
	assert_equal "$(pdfinfo cards.pdf | awk '/^Pages:/ { print $2 }')" 2
	run pdftotext cards.pdf -
	assert_output --partial "26110101000001"
	assert_output --partial "26110101000002"
}

@test "annual registration by the facts: in school, deferred, suspended, never registered (P11)" {
	keyed_store
	registered 26110101000001 26110101000002 26110101000008
	xj-change status -q --key keys/li.key --to suspended --from 2026-09-10 --reason 因病 26110101000008
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	printf 'exam_no,kind,reason\n26110101000002,暂缓注册,未缴学费\n' > hold.csv
	xj-register hold -q --year 2027 --key keys/chen.key hold.csv
	export XJ_NOW=2027-09-10T09:00:00+08:00
	run --separate-stderr xj-register annual --year 2027 --dept CS --key keys/chen.key \
		--template "$T/chsi-annual.yaml" -o annual.csv
	assert_success
	assert_output "exam_no,name,year,state,reason
26110101000001,张伟,2027,registered,
26110101000002,王芳,2027,deferred,未缴学费
26110101000008,黄磊,2027,not-registered,suspended
26320102000003,李娜,2027,not-registered,no student status: the new-student registration is missing (P9)"
	assert_equal "$stderr" "xj-register: 2027: 4 new (1 registered, 1 deferred, 0 refused, 2 not registered), 0 unchanged"
	assert_equal "$(iconv -f GBK -t UTF-8 annual.csv | tr -d '\r' | cut -d, -f1,5-)" "KSH,XN,ZCZT,BZ
26110101000001,2027,注册,
26110101000002,2027,暂缓注册,未缴学费"
	run --separate-stderr xj-register annual --year 2027 --dept CS --key keys/chen.key
	assert_equal "$stderr" "xj-register: 2027: 0 new (0 registered, 0 deferred, 0 refused, 0 not registered), 4 unchanged"
	printf 'exam_no,kind,reason\n26110101000002,cleared,已缴费\n' > paid.csv
	xj-register hold -q --year 2027 --key keys/chen.key paid.csv
	run --separate-stderr xj-register annual --year 2027 --dept CS --key keys/chen.key
	assert_output "exam_no,name,year,state,reason
26110101000002,王芳,2027,registered,"
	assert_equal "$(sql "SELECT count(*) FROM registration WHERE kind = 'annual' AND state = 'registered'")" 2
}

@test "outside the window annual refuses, unless late with a reason on record (P11, P21)" {
	keyed_store
	registered 26110101000001
	XJ_NOW=2027-08-20T09:00:00+08:00 run --separate-stderr xj-register annual --year 2027 --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: the registration of 2027 opens on 2027-09-06"
	export XJ_NOW=2027-10-20T09:00:00+08:00
	run --separate-stderr xj-register annual --year 2027 --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: the registration window of 2027 closed on 2027-10-06: register late with --late --reason (P11, P21)"
	# counting from a day inside the window does not make the run itself on time
	run --separate-stderr xj-register annual --year 2027 --as-of 2027-09-10 --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: the registration window of 2027 closed on 2027-10-06: register late with --late --reason (P11, P21)"
	run --separate-stderr xj-register annual --year 2027 --late --key keys/chen.key
	assert_failure 2
	run --separate-stderr xj-register annual --year 2027 --late --reason "系统故障" --key keys/chen.key --dept CS
	assert_success
	assert_equal "$(sql "SELECT state, reason, late FROM registration WHERE kind = 'annual' AND student_id = 1")" "registered|系统故障|1"
	# the listing says the reason on record
	assert_line "26110101000001,张伟,2027,registered,系统故障"
	run --separate-stderr xj-register annual --year 2029 --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: the calendar of the config has no first-term start for 2029 (xj-config(5), calendar)"
}

@test "due lists who is still to register, and fails once the window has closed (P21)" {
	keyed_store
	registered 26110101000001 26110101000002
	export XJ_NOW=2027-09-10T09:00:00+08:00
	run --separate-stderr xj-register due --as-of 2027-09-20
	assert_success
	assert_output "exam_no,name,dept,year,deadline,days_left
26110101000001,张伟,CS,2027,2027-10-06,16
26110101000002,王芳,CS,2027,2027-10-06,16"
	xj-register annual -q --year 2027 --key keys/chen.key
	run --separate-stderr xj-register due --as-of 2027-10-07
	assert_success
	assert_output "exam_no,name,dept,year,deadline,days_left"
	registered 26110101000008
	run --separate-stderr xj-register due --as-of 2027-10-07
	assert_failure 1
	assert_output "exam_no,name,dept,year,deadline,days_left
26110101000008,黄磊,CS,2027,2027-10-06,-1"
}

@test "a registration without a key is refused before anything is read (P1, P2)" {
	keyed_store
	recheck_done 26110101000001
	printf 'exam_no,result\n26110101000001,success\n' > fb.csv
	before=$(sql 'SELECT count(*) FROM command')
	run --separate-stderr xj-register result fb.csv
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register result' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$output" ""
	printf 'exam_no,kind,reason\n26110101000001,deferred,未缴学费\n' > hold.csv
	run --separate-stderr xj-register hold --year 2027 hold.csv
	assert_failure 2
	# the approved list, the upload file and the record card are the registrar's too
	run --separate-stderr xj-register new --template "$T/chsi-new.yaml" -o new.csv --commit
	assert_failure 2
	[ ! -e new.csv ]
	run --separate-stderr xj-register card -o cards.html 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register card' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	[ ! -e cards.html ]
	assert_equal "$(sql 'SELECT count(*) FROM command')" "$before"
	assert_equal "$(sql 'SELECT count(*) FROM registration') $(sql 'SELECT count(*) FROM reg_hold')" "0 0"
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "admitted"
}

@test "registration is the registrar's: other roles' keys are refused (P1)" {
	keyed_store
	recheck_done 26110101000001
	printf 'exam_no,result\n26110101000001,success\n' > fb.csv
	run --separate-stderr xj-register result --key keys/li.key fb.csv
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register result' is work for the registrar; li does not hold that role"
	run --separate-stderr xj-register new --key keys/wang.key --template "$T/chsi-new.yaml" \
		-o new.csv --commit
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register new' is work for the registrar; wang does not hold that role"
	[ ! -e new.csv ]
	XJ_NOW=2027-09-10T09:00:00+08:00 run --separate-stderr xj-register annual --year 2027 \
		--key keys/zhao.key
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register annual' is work for the registrar; zhao does not hold that role"
	run --separate-stderr xj-register card -f yaml --key keys/zhou.key 26110101000001
	assert_failure 2
	assert_equal "$output" ""
	run --separate-stderr xj-register number --key keys/evil.key
	assert_failure 2
	assert_equal "$(sql 'SELECT count(*) FROM registration') $(sql 'SELECT count(*) FROM submission')" "0 0"
	# what is still to register is anyone's to read
	run --separate-stderr xj-register due --as-of 2026-09-20 --key keys/li.key
	assert_success
}

@test "-u names the key's holder, or the registration is refused (P1, P2)" {
	keyed_store
	recheck_done 26110101000001
	submitted 26110101000001
	printf 'exam_no,result\n26110101000001,success\n' > fb.csv
	run --separate-stderr xj-register result -u li --key keys/chen.key fb.csv
	assert_failure 2
	assert_equal "$stderr" "xj-register: the key in use is chen's, not li's"
	assert_equal "$(sql "SELECT group_concat(state) FROM registration")" submitted
	run --separate-stderr xj-register result -q -u chen --key keys/chen.key fb.csv
	assert_success
	# the registration on record as chen's, by xj-register
	assert_equal "$(xj log -f tsv | awk -F '\t' '$8 == "register" && $10 ~ /"registered"/ { print $4, $6 }')" "chen xj-register"
}

@test "an option a verb does not take is bad usage, named" {
	keyed_store
	run --separate-stderr xj-register due --commit
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register due' does not take --commit
Try 'xj-register --help' for more information."
	run --separate-stderr xj-register hold --year 2027 --dept CS --key keys/chen.key
	assert_failure 2
	assert_equal "$stderr" "xj-register: 'xj-register hold' does not take --dept
Try 'xj-register --help' for more information."
	run --separate-stderr xj-register due -n
	assert_failure 2
	run --separate-stderr xj-register result --as-of 2026-09-01 --key keys/chen.key
	assert_failure 2
	assert_equal "$(sql 'SELECT count(*) FROM reg_hold')" 0
}

@test "hold rows are checked; a registered student is not held afterwards" {
	keyed_store
	registered 26110101000001
	printf 'exam_no,kind,reason\n26110101000001,maybe,x\n26110101000001,refused,\n' > bad.csv
	run --separate-stderr xj-register hold --year 2027 --key keys/chen.key bad.csv
	assert_failure 1
	assert_equal "$stderr" 'xj-register: bad.csv:2: kind: unknown kind "maybe" (want deferred, refused or cleared)
xj-register: bad.csv:3: reason: a hold needs its reason
xj-register: 0 held, 2 refused'
	XJ_NOW=2027-09-10T09:00:00+08:00 xj-register annual -q --year 2027 --key keys/chen.key
	printf 'exam_no,kind,reason\n26110101000001,refused,欠费\n' > late.csv
	run --separate-stderr xj-register hold --year 2027 --key keys/chen.key late.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: late.csv:2: registered for 2027 already
xj-register: 0 held, 1 refused"
	assert_equal "$(sql 'SELECT count(*) FROM reg_hold')" 0
	# a column missing is named as missing
	printf '考生号,备注\n26110101000001,欠费\n' > nokind.csv
	run --separate-stderr xj-register hold --year 2028 --key keys/chen.key nokind.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: nokind.csv:2: kind: no kind column (类型): each row says deferred, refused or cleared
xj-register: 0 held, 1 refused"
	printf '考生号,类型\n26110101000001,暂缓注册\n' > noreason.csv
	run --separate-stderr xj-register hold --year 2028 --key keys/chen.key noreason.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: noreason.csv:2: reason: no reason column (原因): a hold needs its reason
xj-register: 0 held, 1 refused"
	# the Chinese headers are read
	printf '考生号,类型,原因\n26110101000001,暂缓注册,欠费\n' > zh.csv
	run --separate-stderr xj-register hold --year 2028 --key keys/chen.key zh.csv
	assert_success
	assert_equal "$(sql 'SELECT kind, reason FROM reg_hold')" "deferred|欠费"
}

@test "a template names its own mistakes: a setting given twice, a field unknown" {
	keyed_store
	printf 'columns:\n  - {header: KSH, field: exam_no, field: name}\n' > twice.yaml
	run --separate-stderr xj-register new --template twice.yaml --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: twice.yaml:2: columns[1]: a setting given twice"
	printf 'columns:\n  - {header: KSH, field: exam_no}\ncolumns:\n  - {header: XM, field: name}\n' > cols.yaml
	run --separate-stderr xj-register new --template cols.yaml --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: cols.yaml:3: columns: a setting given twice"
	printf 'columns:\n  - {header: KSH, field: shoe_size}\n' > field.yaml
	run --separate-stderr xj-register new --template field.yaml --key keys/chen.key
	assert_failure 1
	assert_equal "$stderr" "xj-register: field.yaml:2: columns[1]: not a field of the record"
}

@test "a refusal of CHSI's file names an ID number masked" {
	keyed_store
	recheck_done 26110101000001
	sed 's/field: id_number, width: 18/field: id_number, width: 16/' "$T/chsi-new.yaml" > short.yaml
	run --separate-stderr xj-register new --template short.yaml -o new.csv --key keys/chen.key \
		26110101000001
	assert_failure 1
	assert_equal "$stderr" 'xj-register: 26110101000001: SFZH: "110101********0012" is 18 bytes in GBK, the column takes 16
xj-register: 0 on the approved list, 1 left out'
}

@test "feedback naming an unknown ID number names it masked" {
	keyed_store
	printf 'id_number,result\n110101200703150018,success\n' > fb.csv
	run --separate-stderr xj-register result --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: fb.csv:2: id_number: no student with id_number 110101********0018
xj-register: 0 registered, 0 failed, 0 unchanged, 1 refused"
}

# --- the feedback and the state machine of a status (P9, P8, P11) ---------

@test "feedback for a student never submitted is refused, nothing registered; the rest kept (P9)" {
	keyed_store
	recheck_done 26110101000001 26110101000002
	submitted 26110101000001
	# 000002 passed the re-check but was not in the file; 000008 never reviewed
	printf 'exam_no,result\n26110101000001,success\n26110101000002,success\n26110101000008,failure\n' > fb.csv
	run --separate-stderr xj-register result --key keys/chen.key - < fb.csv
	assert_failure 1
	assert_output "exam_no,message"
	assert_equal "$stderr" "xj-register: stdin:3: not submitted for registration
xj-register: stdin:4: not submitted for registration
xj-register: 1 registered, 0 failed, 0 unchanged, 2 refused"
	assert_equal "$(xj query --fields exam_no,status 26110101000001 26110101000002 26110101000008 | tail -n +2)" \
		"26110101000001,registered
26110101000002,admitted
26110101000008,admitted"
	assert_equal "$(sql "SELECT group_concat(s.exam_no || ':' || r.state || ':' || r.submission_id) FROM registration r JOIN student s ON s.id = r.student_id")" \
		"26110101000001:submitted:1,26110101000001:registered:1"
	# and nothing follows from it: no number, no annual registration
	run --separate-stderr xj-register number --key keys/chen.key 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-register: 26110101000002: not registered yet (P9)
xj-register: 0 numbered, 1 refused"
	# a dry-run file is no submission
	xj-register new -q -n --template "$T/chsi-new.yaml" -o dry.csv --commit --key keys/chen.key 26110101000002
	printf 'exam_no,result\n26110101000002,success\n' > fb.csv
	run --separate-stderr xj-register result --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: fb.csv:2: not submitted for registration
xj-register: 0 registered, 0 failed, 0 unchanged, 1 refused"
}

@test "feedback for a student cancelled for impersonation after submission is refused; cancelled stays (P8, P9)" {
	keyed_store
	recheck_done 26110101000001
	submitted 26110101000001
	xj-verify case open -q --key keys/li.key --reason "疑似冒名" 26110101000001
	xj-verify case close -q --key keys/li.key --finding confirmed 26110101000001
	xj-verify cancel -q --key keys/li.key --what status --grounds impersonation --reason "冒名顶替" 26110101000001
	xj-verify sign -q --key keys/wang.key --stage cancel --level dept 26110101000001
	xj-verify sign -q --key keys/zhao.key --stage cancel --level leader 26110101000001
	printf 'exam_no,result,message\n26110101000001,success,\n' > fb.csv
	run --separate-stderr xj-register result --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: fb.csv:2: status status-cancelled cannot become registered
xj-register: 0 registered, 0 failed, 0 unchanged, 1 refused"
	printf 'exam_no,result,message\n26110101000001,failure,照片不合格\n' > fail.csv
	run --separate-stderr xj-register result --key keys/chen.key fail.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: fail.csv:2: status status-cancelled cannot become registered
xj-register: 0 registered, 0 failed, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields status 26110101000001 | tail -n 1)" "status-cancelled"
	assert_equal "$(sql "SELECT group_concat(status) FROM status WHERE student_id = 1")" "admitted,status-cancelled"
	assert_equal "$(sql "SELECT group_concat(state) FROM registration")" "submitted"
}

@test "--rest success: a feedback file of failures only registers the submitted students it does not name (P9)" {
	keyed_store
	recheck_done 26110101000001 26110101000002 26110101000008
	submitted 26110101000001 26110101000002 26110101000008
	# one withdrawn after it was submitted: the rest never registers it
	xj-change status -q --key keys/li.key --to withdrawn --from 2026-09-09 --reason 退学 26110101000008
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	printf 'exam_no,result,message\n26110101000002,failure,照片不合格\n' > fb.csv
	run --separate-stderr xj-register result --rest failure --key keys/chen.key fb.csv
	assert_failure 2
	assert_equal "$stderr" "xj-register: --rest wants success, not 'failure'
Try 'xj-register --help' for more information."
	run --separate-stderr xj-register result --rest success --key keys/chen.key fb.csv
	assert_failure 1
	assert_output "exam_no,message
26110101000002,照片不合格"
	assert_equal "$stderr" "xj-register: 26110101000008: status withdrawn cannot become registered
xj-register: 1 not named in the feedback registered (--rest success), 1 refused
xj-register: 1 registered, 1 failed, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields exam_no,status --cohort 2026 | grep -E '^2611010100000[128],')" "26110101000001,registered
26110101000002,admitted
26110101000008,withdrawn"
	# the same again: nobody is awaiting an answer any more but the withdrawn
	run --separate-stderr xj-register result --rest success --key keys/chen.key fb.csv
	assert_equal "$stderr" "xj-register: 26110101000008: status withdrawn cannot become registered
xj-register: 0 not named in the feedback registered (--rest success), 1 refused
xj-register: 0 registered, 0 failed, 1 unchanged, 1 refused"
	run xj log --verify
	assert_success
}

@test "a withdrawn student never becomes registered: terminal for every writer (P9, P11)" {
	keyed_store
	recheck_done 26110101000002
	submitted 26110101000002
	xj-change status -q --key keys/li.key --to withdrawn --from 2026-09-09 --reason 退学 26110101000002
	for k in zhou wang zhao; do xj-change approve -q --key keys/$k.key 1; done
	printf 'exam_no,result\n26110101000002,success\n' > fb.csv
	run --separate-stderr xj-register result --key keys/chen.key fb.csv
	assert_failure 1
	assert_equal "$stderr" "xj-register: fb.csv:2: status withdrawn cannot become registered
xj-register: 0 registered, 0 failed, 0 unchanged, 1 refused"
	assert_equal "$(xj query --fields status 26110101000002 | tail -n 1)" "withdrawn"
	run --separate-stderr xj-register new --key keys/chen.key 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-register: 26110101000002: withdrawn
xj-register: 0 on the approved list, 1 left out"
	# terminal for every writer: a cancellation is refused when proposed
	run --separate-stderr xj-verify cancel --key keys/li.key --what admission --grounds fraud \
		--reason x 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000002: status withdrawn cannot become admission-cancelled
xj-verify: 0 decided, 1 refused"
	export XJ_NOW=2027-09-10T09:00:00+08:00
	run --separate-stderr xj-register annual -n --year 2027 --dept CS --key keys/chen.key
	assert_line "26110101000002,王芳,2027,not-registered,withdrawn"
	assert_equal "$(sql "SELECT group_concat(status) FROM status WHERE student_id = 2")" "admitted,withdrawn"
}

@test "an admission is cancelled before registration only; then it is the status, on a confirmed case (P6, P8)" {
	keyed_store
	registered 26110101000001
	run --separate-stderr xj-verify cancel --key keys/li.key --what admission --grounds fraud \
		--reason "伪造录取通知书" 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: status registered cannot become admission-cancelled
xj-verify: 0 decided, 1 refused"
	assert_equal "$(sql "SELECT count(*) FROM review WHERE stage = 'cancel'")" 0
}

@test "CHSI's credential feedback is taken for certificates submitted only; after it the study is over (P14, P16)" {
	keyed_store
	studied 26110101000001 26110101000002
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	printf 'exam_no,result\n26110101000001,success\n' > chsi.csv
	run --separate-stderr xj-diploma result --key keys/chen.key chsi.csv
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: chsi.csv:2: not submitted for registration
xj-diploma: 0 registered, 0 failed, 0 unchanged, 1 refused"
	assert_equal "$(sql 'SELECT count(*) FROM freeze')" 0
	xj-diploma register -q --template "$T/chsi-diploma.yaml" -o diploma.csv --commit --key keys/chen.key
	run --separate-stderr xj-diploma result --key keys/chen.key chsi.csv
	assert_success
	run --separate-stderr xj-diploma result --key keys/chen.key chsi.csv
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: chsi.csv:2: registered already
xj-diploma: 0 registered, 0 failed, 0 unchanged, 1 refused"
	# a graduate's study is over: no suspension, even before the freeze
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000002 > /dev/null
	run --separate-stderr xj-change status --key keys/li.key --to suspended --from 2029-06-20 \
		--reason 因病 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000002: status graduated cannot become suspended
xj-change: 0 done, 1 refused"
}

@test "annual registration of every student goes on past each batch of the walk: each once, in exam-number order (P11)" {
	BIN=$(dirname "$(command -v xj)")
	. "$BATS_TEST_DIRNAME/bulk.sh"
	mkdir k
	bulk_keys k chen li zhou wang ma wu zhao
	bulk_config k > c.yaml
	xj init -q
	xj config load -q --key k/chen.key c.yaml
	xj-genroster --rows 600 --seed 4 --cohort 2026 > r.csv
	xj-import -q --key k/chen.key r.csv
	bulk_recheck "$XJ_DB" r.csv k .
	xj-register new -q --template "$T/chsi-new.yaml" -o new.csv --commit --key k/chen.key
	# CHSI registers all but every 7th line's student
	awk -F, 'NR == 1 { print "exam_no,result"; next } NR % 7 { print $1 ",success" }' r.csv > fb.csv
	xj-register result -q --key k/chen.key fb.csv
	XJ_NOW=2027-09-10T09:00:00+08:00 run --separate-stderr xj-register annual --year 2027 \
		--key k/chen.key
	assert_success
	assert_equal "$stderr" "xj-register: 2027: 600 new (515 registered, 0 deferred, 0 refused, 85 not registered), 0 unchanged"
	sed 1d <<< "$output" | cut -d, -f1 > walked
	sed 1d r.csv | cut -d, -f1 | LC_ALL=C sort > all
	# every student once, in the order of their exam numbers
	assert_equal "$(cat walked)" "$(cat all)"
	assert_equal "$(sql "SELECT state, count(*) FROM registration WHERE kind = 'annual'
		GROUP BY state ORDER BY state")" "not-registered|85
registered|515"
	XJ_NOW=2027-09-10T09:00:00+08:00 run --separate-stderr xj-register annual --year 2027 \
		--key k/chen.key
	assert_equal "$stderr" "xj-register: 2027: 0 new (0 registered, 0 deferred, 0 refused, 0 not registered), 600 unchanged"
}
