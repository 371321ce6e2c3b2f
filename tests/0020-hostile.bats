#!/usr/bin/env bats
# Hostile input: each gets a clear error or a safe result, never a crash,
# and the good rows are never lost.

load test_helper

HDR="exam_no,name,id_number,dept"
GOOD="26110101000002,王芳,110101200711020029,CS"

@test "a NUL byte refuses its row instead of cutting the value" {
	new_store
	{ echo "$HDR"; printf '26110101000001,张\0伟,110101200703140012,CS\n'; echo "$GOOD"; } > nul.csv
	run --separate-stderr xj-import -q nul.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: nul.csv:2: name: a NUL byte in the value"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "a NUL byte at a value's start refuses its row too, never passes it over; the reject file keeps the rest of the value (P4)" {
	new_store
	{ echo "$HDR"; printf '\0%s,\0%s,\0%s,CS\n' 26110101000005 钱 110101200701010054
	  printf '26110101000001,张\0伟,110101200703140012,CS\n'; echo "$GOOD"; } > nul.csv
	run --separate-stderr xj-import -q --reject rej.csv nul.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: nul.csv:2: exam_no: a NUL byte in the value
xj-import: nul.csv:3: name: a NUL byte in the value"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
	# each NUL shown as U+2400, the bytes after it kept
	assert_equal "$(cut -d, -f1-3 rej.csv)" "exam_no,name,id_number
␀26110101000005,␀钱,␀110101200701010054
26110101000001,张␀伟,110101200703140012"
}

@test "in TSV, which quotes nothing, a NUL byte is no quote: its row is refused, the field named (P4)" {
	new_store
	printf 'exam_no\tname\tid_number\tremark\n26110101000001\t\0张伟\0\t110101200703140012\t\0a\tb\0\n26110101000002\t王芳\t110101200711020029\tx\n' > nul.tsv
	run --separate-stderr xj-import -q nul.tsv
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-import: nul.tsv:2: name: a NUL byte in the value"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "a row of nothing but white space is skipped, however long its blanks (P4)" {
	new_store
	{ echo "$HDR"; printf '        ,　　　,\t\t\t\t\t\t\t\t, \n'; echo "$GOOD"; } > blank.csv
	run --separate-stderr xj-import -q blank.csv
	assert_success
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "a 10 MB field, 100,000 fields in a row and a million empty lines are read" {
	new_store
	{ echo "$HDR"; printf '26110101000001,'; head -c 10485760 /dev/zero | tr '\0' a
	  printf ',110101200703140012,CS\n'; echo "$GOOD"; } > big.csv
	run --separate-stderr xj-import -q big.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: big.csv:2: name: value too long"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 1
	/usr/bin/python3 -c "
print(','.join(['exam_no','name','id_number','dept'] + ['c%d' % i for i in range(99996)]))
print(','.join(['26320102000003','李娜','320102200801200045','CS'] + ['x'] * 99996))" > wide.csv
	run --separate-stderr xj-import -q wide.csv
	assert_success
	/usr/bin/python3 -c "print('\n' * 1000000 + '$HDR\n26370203000004,刘洋,370203200706300030,ME')" > empty.csv
	run --separate-stderr xj-import -q empty.csv
	assert_success
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 3
}

@test "an unterminated quote and a field given twice are named" {
	new_store
	printf '%s\n26110101000001,"张伟,110101200703140012,CS\n' "$HDR" > quote.csv
	run --separate-stderr xj-import -q quote.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: quote.csv:2: quoted field not closed at the end of the file"
	printf 'exam_no,name,姓名\n1,2,3\n' > dup.csv
	run --separate-stderr xj-import -q dup.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: dup.csv:1: name: columns 2 (name) and 3 (姓名) are the same field"
}

@test "UTF-8 and GB18030 mixed in one file is refused, never read as other characters" {
	new_store
	{ echo "$HDR"; echo "$GOOD"; printf '26110101000001,'; printf '张伟' | iconv -t GB18030
	  printf ',110101200703140012,CS\n'; } > mixed.csv
	run --separate-stderr xj-import -q mixed.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: mixed.csv:2: a line in UTF-8 in a file in GB18030: save the file in one encoding, or give --encoding"
	assert_equal "$(xj query --fields exam_no)" exam_no
	run --separate-stderr xj-import -q --encoding utf-8 mixed.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: mixed.csv:3: name: bytes that are not UTF-8 text (for GB18030 files give --encoding gb18030)"
	assert_equal "$(sql 'SELECT group_concat(name) FROM student')" "王芳"
}

@test "control characters are refused in fields and escaped in diagnostics" {
	new_store
	printf '%s\n26110101000001,\033[31mEVIL\a,110101200703140012,CS\n26110101000002,王芳,110101200711020029,X\033[0m\n' "$HDR" > ctl.csv
	run --separate-stderr xj-import -q ctl.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: ctl.csv:2: name: a control character (U+001B) in the value
xj-import: ctl.csv:3: dept: a control character (U+001B) in the value"
	[[ "$stderr" != *$'\033'* ]]
	assert_equal "$(echo "$stderr" | grep -c 'ctl.csv:3: dept: a control character (U+001B)')" 1
	assert_equal "$(xj query --fields exam_no)" exam_no
}

@test "SQL in a field is only data" {
	new_store
	printf "%s\n26110101000001,张伟'); DROP TABLE student; --,110101200703140012,CS\n" "$HDR" > sql.csv
	xj-import -q sql.csv
	run xj query --fields name 26110101000001
	assert_output "name
张伟'); DROP TABLE student; --"
	run xj query --fields exam_no "26110101000001' OR '1'='1"
	assert_failure 1
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 1
}

@test "a bag with a link inside, or a path out of it, is refused by verify" {
	mkdir -p bag/data
	printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > bag/bagit.txt
	ln -s /etc/passwd bag/data/passwd
	printf '%s  data/passwd\n' "$(sha256sum /etc/passwd | cut -d' ' -f1)" > bag/manifest-sha256.txt
	run --separate-stderr xj-archive verify bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data/passwd: a symbolic link to /etc/passwd: links are never followed"
	printf '%s  /etc/passwd\n' "$(sha256sum /etc/passwd | cut -d' ' -f1)" > bag/manifest-sha256.txt
	rm bag/data/passwd
	run --separate-stderr xj-archive verify bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha256.txt:1: /etc/passwd: an absolute path: a bag names its files from its own folder"
}

@test "a FIFO, a directory or a device where a file is expected is refused by kind, never read for ever" {
	keyed_store
	mkfifo ff
	mkdir dd
	for f in ff dd /dev/null; do
		run --separate-stderr timeout 10 xj-import --key keys/chen.key "$f"
		assert_failure 3
		assert_equal "$stderr" "xj-import: $f is $(case $f in ff) echo a FIFO;; dd) echo a directory;; *) echo a character device;; esac), not a regular file
xj-import: nothing was changed"
	done
	run --separate-stderr timeout 10 xj config load -n ff
	assert_failure
	assert_equal "$stderr" "xj: ff is a FIFO, not a regular file"
	run --separate-stderr timeout 10 xj-change request --key keys/li.key --field name --to 张卫 \
		--evidence application,household-register,id-card --file ff 26110101000001
	assert_failure
	assert_equal "$stderr" "xj-change: ff is a FIFO, not a regular file"
	run --separate-stderr timeout 10 xj-verify photos --key keys/chen.key --template "$EX/chsi-photos.yaml" ff
	assert_failure
	assert_equal "$stderr" "xj-verify: ff is a FIFO, not a regular file"
	# a link the user names is followed to the file it names
	ln -s "$EX/roster.csv" link.csv
	run --separate-stderr xj-import -q --key keys/chen.key link.csv
	assert_success
}

@test "photos --dup follows no link and reads no FIFO inside the folder" {
	new_store
	mkdir ph
	xj-genphoto 1 96 128 80 ph/26110101000001.jpg
	mkfifo ph/26110101000002.jpg
	run --separate-stderr timeout 10 xj-verify photos --dup ph
	assert_failure
	assert_equal "$stderr" "xj-verify: ph/26110101000002.jpg is a FIFO, not a regular file"
	rm ph/26110101000002.jpg
	ln -s /etc ph/26110101000002
	run --separate-stderr timeout 10 xj-verify photos --dup ph
	assert_failure
	assert_equal "$stderr" "xj-verify: ph/26110101000002 is a symbolic link, not a regular file"
}

@test "a slow writer on standard input holds up no other writer; standard input is read whole first" {
	keyed_store_empty
	# the slow writer's input comes only when the test says so
	{ until [ -e go ]; do sleep 0.05; done; cat "$EX/roster.csv"; } |
		xj-import -q --key keys/chen.key - &
	slow=$!
	# the slow one has not begun: the store is free for the others
	head -n 4 "$EX/roster.csv" > part.csv
	run --separate-stderr xj-import -q --key keys/chen.key part.csv
	assert_success
	kill -0 "$slow"
	touch go
	wait "$slow"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 8
	assert_equal "$(sql "SELECT group_concat(file) FROM import ORDER BY id")" "part.csv,stdin"
}

@test "a writer waits for the lock up to --wait seconds, then names who holds it" {
	new_store
	# a writer that holds the lock and says so, as every xj writer does
	printf 'xj-import\tchen\t1\t2026-09-10T09:00:05+08:00\n' > "$XJ_DB-holder"
	hold_lock
	run --separate-stderr xj-import -q --wait 1 "$EX/roster.csv"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj-import: store $XJ_DB is busy: xj-import by chen, pid 1, since 2026-09-10T09:00:05+08:00 holds it, and 1 s were not enough (--wait SECONDS)"
	release_lock
}

@test "by default a writer waits for the lock, saying so to a person, until the holder lets go" {
	new_store
	hold_lock
	on_terminal import.out xj-import -q "$EX/roster.csv"
	signalled import.out "waiting for the store"
	release_lock
	wait "$BG"
	assert_equal "$(tr -d '\r' < import.out)" "xj-import: waiting for the store: another command holds it (up to 600 s; --wait)"
	assert_equal "$(xj query --fields exam_no | tail -n +2 | wc -l)" 8
}

@test "a writer leaves no note of itself behind" {
	new_store
	xj-import -q "$EX/roster.csv"
	[ ! -e "$XJ_DB-holder" ]
}

@test "--wait wants a number of seconds: anything else is a usage error" {
	new_store
	run --separate-stderr xj-import -q --wait soon "$EX/roster.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-import: --wait wants seconds from 0 to 86400, not 'soon'
Try 'xj-import --help' for more information."
}

@test "names with a refused character class are refused wherever they come in (P4)" {
	keyed_store
	local c what
	for c in $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x80\x8b' $'\xef\xbb\xbf' $'\x1b' $'\xc2\x85' $'\xe2\x80\xa8'; do
		case $c in
		$'\xe2\x80\xae') what="a bidirectional control (U+202E)" ;;
		$'\xe2\x81\xa6') what="a bidirectional control (U+2066)" ;;
		$'\xe2\x80\x8b') what="an invisible character (U+200B)" ;;
		$'\xef\xbb\xbf') what="an invisible character (U+FEFF)" ;;
		$'\x1b') what="a control character (U+001B)" ;;
		$'\xc2\x85') what="a line break (U+0085)" ;;
		$'\xe2\x80\xa8') what="a line break (U+2028)" ;;
		esac
		printf 'exam_no,name,id_number,dept\n26370203000099,刘%s洋,370203200706300030,ME\n' "$c" > n.csv
		run --separate-stderr xj-import --key keys/chen.key n.csv
		assert_failure 1
		assert_equal "$stderr" "xj-import: n.csv:2: name: $what in the value
xj-import: warning: n.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: n.csv: gender: no such column: taken from id_number in every row
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
	done
	run --separate-stderr xj-change request --key keys/li.key --field name --to $'\xe5\xbc' \
		--evidence application 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-change: 26110101000001: name: bytes that are not UTF-8 text
xj-change: 0 done, 1 refused"
	run --separate-stderr xj-change request --key keys/li.key --field name --to $'张\xe2\x80\x8d卫' \
		--evidence application 26110101000001
	assert_equal "$stderr" "xj-change: 26110101000001: name: an invisible character (U+200D) in the value
xj-change: 0 done, 1 refused"
	assert_equal "$(sql 'SELECT count(*) FROM change_request')" 0
	sed 's/信息工程系/信息\\u202e工程系/; s/{code: CS, name: 信息\\u202e工程系}/{code: CS, name: "信息\\u202e工程系"}/' keyed.yaml > bidi.yaml
	run --separate-stderr xj config load -n bidi.yaml
	assert_failure
	assert_equal "$stderr" "xj: bidi.yaml:4: departments[1].name: a bidirectional control (U+202E) in the value"
	printf 'columns:\n  exam_no: "KSH\\u200b"\n' > t.yaml
	printf 'KSH,BDLX\n' > r.csv
	run --separate-stderr xj-verify photos --key keys/chen.key --template t.yaml r.csv
	assert_failure
	assert_equal "$stderr" "xj-verify: t.yaml:2: an invisible character (U+200B) in the value"
}

@test "YAML nested 100,000 deep is refused at once, with file and line" {
	new_store
	python3 -c "print('school: ' + '[' * 100000)" > deep.yaml
	run --separate-stderr timeout 20 xj config load -n deep.yaml
	assert_failure
	assert_equal "$stderr" "xj: deep.yaml:1: nested deeper than 64 levels"
	cp deep.yaml t.yaml
	run --separate-stderr timeout 20 xj-verify photos --template t.yaml deep.yaml
	assert_failure
	assert_equal "$stderr" "xj-verify: t.yaml:1: nested deeper than 64 levels"
	python3 -c "print('- exam_no: ' + '[' * 100000)" > deep.yml
	run --separate-stderr timeout 20 xj-import -q deep.yml
	assert_failure
	assert_equal "$stderr" "xj-import: deep.yml:1: nested deeper than 64 levels"
}

@test "an .xlsx part that expands too far, or too many times over, or a cell past Excel's limit, is refused by name" {
	new_store
	python3 "$BATS_TEST_DIRNAME/tools/xlsx-bomb.py" ratio.xlsx 300
	run --separate-stderr xj-import ratio.xlsx
	assert_failure 1
	assert_equal "$stderr" "xj-import: ratio.xlsx: broken .xlsx file: xl/sharedStrings.xml expands more than 200 times (a zip bomb?)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
	python3 "$BATS_TEST_DIRNAME/tools/xlsx-bomb.py" cell.xlsx 1
	run --separate-stderr xj-import cell.xlsx
	assert_equal "$stderr" "xj-import: cell.xlsx: broken .xlsx file: xl/sharedStrings.xml: a cell longer than Excel allows (32,767 characters)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
	python3 "$BATS_TEST_DIRNAME/tools/xlsx-bomb.py" big.xlsx 20
	XJ_XLSX_MAX_MB=16 run --separate-stderr xj-import big.xlsx
	assert_equal "$stderr" "xj-import: big.xlsx: broken .xlsx file: xl/sharedStrings.xml expands to more than 16 MB (XJ_XLSX_MAX_MB)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
}

@test "a CSV row past 100,000 fields or 64 MiB, or a YAML record past 64 MiB, refuses the file, named at its line" {
	new_store
	python3 -c "
print(','.join(['exam_no','name','id_number','dept'] + ['c%d' % i for i in range(99997)]))
print(','.join(['26320102000003','李娜','320102200801200045','CS'] + ['x'] * 99997))" > wide.csv
	run --separate-stderr xj-import -q wide.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: wide.csv:1: a row of more than 100000 fields"
	{ echo 'exam_no,name'; printf '26110101000001,'; head -c 67108865 /dev/zero | tr '\0' a; echo; } > long.csv
	run --separate-stderr xj-import -q long.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: long.csv:2: a row longer than 64 MiB"
	# a quoted field of 1025 lines of 64 KiB
	{ echo 'exam_no,name'; printf '26110101000001,"'
	  python3 -c "import sys; sys.stdout.write(('a' * 65535 + '\\n') * 1025)"; echo '"'; } > lines.csv
	run --separate-stderr xj-import -q lines.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: lines.csv:2: a row longer than 64 MiB"
	{ printf -- '- exam_no: "'; head -c 67108865 /dev/zero | tr '\0' a; echo '"'; } > long.yml
	run --separate-stderr xj-import -q long.yml
	assert_failure 1
	assert_equal "$stderr" "xj-import: long.yml:1: a row longer than 64 MiB"
	assert_equal "$(xj query --fields exam_no)" exam_no
}

@test "evidence files are read before the lock is waited for (P12)" {
	keyed_store
	printf '%%PDF-1.4\n%% an application\n' > app.pdf
	sha=$(sha256sum app.pdf | cut -d' ' -f1)
	hold_lock
	on_terminal request.out xj-change request -q --key keys/li.key --field phone --to 13900001111 \
		--evidence application --file app.pdf 26110101000001
	signalled request.out "waiting for the store"
	# gone while the request waits its turn: it was read already
	rm app.pdf
	release_lock
	wait "$BG"
	# what a person sees: the wait, then the request's number
	assert_equal "$(tr -d '\r' < request.out)" "xj-change: waiting for the store: another command holds it (up to 600 s; --wait)
1"
	run xj log --program xj-change -f json
	assert_output --partial "\"sha256\":\"$sha\""
	run xj log --verify --files
	assert_success
}

@test "archive files are read before the lock is waited for (P20)" {
	keyed_store
	mkdir -p archive
	printf 'archive: {root: %s/archive, lend_days: 10}\n' "$PWD" >> keyed.yaml
	xj config load -q --key keys/chen.key keyed.yaml
	printf '%%PDF-1.4\n%% an admission notice\n' > notice.pdf
	sha=$(sha256sum notice.pdf | cut -d' ' -f1)
	hold_lock
	on_terminal collect.out xj-archive collect -q --key keys/chen.key --item admission-notice \
		--file notice.pdf 26110101000001
	signalled collect.out "waiting for the store"
	# gone while the collection waits its turn: it was read already
	rm notice.pdf
	release_lock
	wait "$BG"
	assert_equal "$(tr -d '\r' < collect.out)" "xj-archive: waiting for the store: another command holds it (up to 600 s; --wait)"
	run xj log --program xj-archive -f json
	assert_output --partial "\"sha256\":\"$sha\""
	run --separate-stderr xj log --verify --files
	assert_success
	assert_equal "$stderr" ""
}

@test "a small picture file that claims a huge picture is not decoded" {
	new_store
	mkdir ph
	python3 "$BATS_TEST_DIRNAME/tools/png-bomb.py" ph/26110101000001.png 20000
	xj-genphoto 1 96 128 80 ph/26110101000002.jpg
	xj-import -q "$EX/roster.csv"
	run --separate-stderr xj-verify photos --dup ph
	assert_failure 1
	assert_equal "$stderr" "xj-verify: ph/26110101000001.png: a picture of 20000x20000 pixels: more than a photo has (at most 24 megapixels)"
}

@test "a FIFO planted as the lock-holder note holds up no writer" {
	new_store
	mkfifo "$XJ_DB-holder"
	run --separate-stderr timeout 10 xj-import -q "$EX/roster.csv"
	assert_success
	assert_equal "$output$stderr" ""
}

@test "a FIFO planted as the lock-holder note holds up no writer that waits in vain: the holder is not named" {
	new_store
	xj-import -q "$EX/roster.csv"
	mkfifo "$XJ_DB-holder"
	hold_lock
	run --separate-stderr timeout 10 xj-import -q --wait 1 "$EX/roster.csv"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj-import: store $XJ_DB is busy: another command holds it, and 1 s were not enough (--wait SECONDS)"
	release_lock
}
