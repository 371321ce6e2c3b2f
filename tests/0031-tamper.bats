#!/usr/bin/env bats
# The kinds of tampering in xj(7) INTEGRITY, each tried as an attacker who
# can write the store file would: the guard triggers dropped first, the
# tables edited with sqlite3.  Each is found by xj log --verify (or, for a
# rewrite of everything, by the heads people witnessed), and named: table,
# key, field (P2, P16, P20).

load test_helper

# One store of a college year, made once: students re-checked, registered,
# a credential issued and registered (the record frozen), photos checked,
# a change request half approved with an evidence file, a case, a hold,
# an archived copy.  Each test works on its own copy.
setup_file() {
	export LC_ALL=C.UTF-8 TZ=Asia/Shanghai XJ_NOW=2026-09-10T09:00:00+08:00
	export PATH="${XJ_BIN:-$TOP/build/bin}:${XJ_TOOLS:-$TOP/build/tools}:$PATH"
	export XDG_CONFIG_HOME="$BATS_FILE_TMPDIR/config" XDG_STATE_HOME="$BATS_FILE_TMPDIR/state"
	export XJ_DB="$BATS_FILE_TMPDIR/xj.db"
	unset XJ_USER XJ_KEY LANGUAGE
	cd "$BATS_FILE_TMPDIR"
	keyed_store
	mkdir -p archive
	printf 'archive: {root: %s/archive, lend_days: 10}\n' "$PWD" >> keyed.yaml
	xj config load -q --key keys/chen.key keyed.yaml
	credential_registered 26110101000001
	xj-verify review -q --key keys/li.key --stage arrival --result pass \
		--item notice=ok --item photo=ok 26110101000002
	printf '%%PDF-1.4\n%% an application\n' > application.pdf
	XJ_NOW=2029-07-01 xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file application.pdf 26320102000003
	XJ_NOW=2029-07-01 xj-change approve -q --key keys/zhou.key 1
	xj-verify case open -q --key keys/li.key --reason "照片与身份证不符" 26110101000008
	printf 'exam_no,kind,reason\n26110101000002,deferred,未缴学费\n' > hold.csv
	xj-register hold -q --year 2027 --key keys/chen.key hold.csv
	printf '%%PDF-1.4\n%% an admission notice\n' > notice.pdf
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper --file notice.pdf 26110101000001
	xj-archive check -q --key keys/zhou.key 26110101000001
	xj-archive lend -q --key keys/zhou.key --to 王老师 --reason 查阅 26110101000001
	xj log --verify > /dev/null
	sqlite3 "$XJ_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
}

setup() {
	export LC_ALL=C.UTF-8 TZ=Asia/Shanghai XJ_NOW=2026-09-10T09:00:00+08:00
	export PATH="${XJ_BIN:-$TOP/build/bin}:${XJ_TOOLS:-$TOP/build/tools}:$PATH"
	unset XJ_USER XJ_KEY LANGUAGE
	cd "$BATS_TEST_TMPDIR"
	cp -r "$BATS_FILE_TMPDIR/keys" "$BATS_FILE_TMPDIR/state" .
	mkdir -p config
	cp "$BATS_FILE_TMPDIR/xj.db" .
	chmod 600 keys/*.key
	export XJ_DB="$BATS_TEST_TMPDIR/xj.db"
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config" XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
}

# xj log --verify fails, and says this line among others.
finds() {
	run --separate-stderr xj log --verify
	assert_failure 1
	printf '%s\n' "$stderr" | grep -qxF -- "$1" || {
		echo "not said: $1"; echo "said: $stderr"; return 1; }
}

# xj log --verify fails, and its first line says this (in part).
first_says() {
	run --separate-stderr xj log --verify "${@:2}"
	assert_failure 1
	[[ "${stderr_lines[0]}" == *"$1"* ]] || {
		echo "first line not: $1"; echo "said: $stderr"; return 1; }
}

# A fresh copy of the store, for the next attack.
fresh() {
	cp "$BATS_FILE_TMPDIR/xj.db" "$XJ_DB"
}

id_of() {
	sql "SELECT id FROM student WHERE exam_no = '$1'"
}

@test "the untouched store verifies, every row as the log says" {
	run xj log --verify
	assert_success
	assert_output --regexp '^audit log ok: [0-9]+ entries, every row as the log says$'
}

@test "decisions: a re-check copied onto a second student with its signatures (P1, P7)" {
	s2=$(id_of 26110101000002)
	tamper "INSERT INTO review(student_id, stage, result, items, note, reviewer, command_id, audit_id)
		  SELECT $s2, stage, result, items, note, reviewer, command_id, audit_id FROM review
		  WHERE stage = 'recheck';
		INSERT INTO signoff(review_id, level, signer, command_id, audit_id)
		  SELECT (SELECT max(id) FROM review), level, signer, command_id, audit_id FROM signoff
		  WHERE review_id = (SELECT id FROM review WHERE stage = 'recheck' ORDER BY id LIMIT 1)"
	r=$(sql "SELECT max(id) FROM review")
	finds "xj: audit log broken: review $r: not what decision $(sql "SELECT audit_id FROM review WHERE id = $r") signed (student differs)"
	# the sign-offs alone, onto student 2's own review
	fresh
	tamper "INSERT INTO signoff(review_id, level, signer, command_id, audit_id)
		  SELECT (SELECT id FROM review WHERE student_id = $s2), level, signer, command_id, audit_id
		  FROM signoff WHERE level = 'dept'"
	first_says "signoff"
}

@test "decisions: a leader's approval copied onto another request (P1, P12)" {
	tamper "INSERT INTO change_request(student_id, kind, old, new, evidence, required, register_shows,
		  levels, filing, note, origin, requested_by, requested_on, command_id, audit_id)
		  SELECT student_id, kind, old, replace(new, '张玮', '张三'), evidence, required,
		  register_shows, levels, filing, note, origin, requested_by, requested_on, command_id,
		  audit_id FROM change_request WHERE id = 1;
		INSERT INTO change_event(request_id, kind, by_whom, text, on_date, command_id, audit_id)
		  SELECT 2, kind, by_whom, text, on_date, command_id, audit_id FROM change_event
		  WHERE request_id = 1"
	finds "xj: audit log broken: change_request 2: not what decision $(sql "SELECT audit_id FROM change_request WHERE id = 1") signed (new differs)"
}

@test "approvals: a pending request's new value edited between approvals (P12)" {
	tamper "UPDATE change_request SET new = replace(new, '张玮', '张三丰') WHERE id = 1"
	finds "xj: audit log broken: change_request 1: not what decision $(sql "SELECT audit_id FROM change_request WHERE id = 1") signed (new differs)"
	# and the next approval is refused, the request named
	run --separate-stderr xj-change approve -q --key keys/wang.key 1
	assert_failure
}

@test "statuses: a status row deleted, another inserted (P5, P10)" {
	s1=$(id_of 26110101000001)
	st=$(sql "SELECT max(id) FROM status WHERE student_id = $s1")
	tamper "DELETE FROM status WHERE id = $st"
	finds "xj: status $st (student 26110101000001): in the log, not in the store (deleted behind the log)"
	fresh
	tamper "INSERT INTO status(student_id, status, since, command_id)
		  VALUES($(id_of 26440104000005), 'withdrawn', '2026-10-01', 3)"
	n=$(sql "SELECT max(id) FROM status")
	finds "xj: status $n (student 26440104000005): in the store, not in the log (added behind the log)"
}

@test "registrations: a registration row edited; a hold deleted (P9, P11)" {
	r=$(sql "SELECT min(id) FROM registration")
	tamper "UPDATE registration SET state = 'registered', year = 2030 WHERE id = $r"
	finds "xj: registration $r (student 26110101000001): year is \"2030\" in the store, the log says \"2026\" (changed behind the log)"
	h=$(sql "SELECT id FROM reg_hold")
	tamper "DELETE FROM reg_hold"
	finds "xj: reg_hold $h (student 26110101000002): in the log, not in the store (deleted behind the log)"
}

@test "freezes: a freeze row deleted (P16)" {
	f=$(sql "SELECT id FROM freeze")
	tamper "DELETE FROM freeze"
	finds "xj: freeze $f (student 26110101000001): in the log, not in the store (deleted behind the log)"
}

@test "certificates: a number changed, a certificate inserted (P14, P15)" {
	c=$(sql "SELECT id FROM certificate")
	num=$(sql "SELECT number FROM certificate")
	tamper "UPDATE certificate SET number = '14001120290599999' WHERE id = $c"
	finds "xj: certificate $c (student 26110101000001): number is \"14001120290599999\" in the store, the log says \"$num\" (changed behind the log)"
	tamper "INSERT INTO certificate(student_id, kind, conclusion, number, issued_on, command_id)
		  VALUES($(id_of 26110101000002), 'diploma', 'graduate', '14001120290500002', '2029-06-20', 3)"
	n=$(sql "SELECT max(id) FROM certificate")
	finds "xj: certificate $n (student 26110101000002): in the store, not in the log (added behind the log)"
}

@test "evidence: a photo check and a source row edited (P4, P5)" {
	p=$(sql "SELECT min(id) FROM photo_check")
	tamper "UPDATE photo_check SET result = 'match' WHERE id = $p; UPDATE photo_check SET result = 'mismatch' WHERE id = $p"
	s=$(sql "SELECT min(id) FROM source_row WHERE source = 'results'")
	tamper "UPDATE source_row SET data = json_set(data, '\$.credits', '200') WHERE id = $s"
	first_says "xj: photo_check $p (student 26110101000001): result is"
	[[ "${stderr_lines[1]}" == "xj: source_row $s (student 26110101000001): data is"* ]]
}

@test "evidence: an evidence file's hash edited, its bytes swapped with the hash (P12, P20)" {
	tamper "UPDATE change_file SET sha256 = '$(printf x | sha256sum | cut -d' ' -f1)' WHERE id = 1"
	first_says "xj: change_file 1 (student 26320102000003): sha256 is"
	fresh
	printf '%%PDF-1.4\n%% a forged application!\n' > forged.pdf
	tamper "UPDATE change_file SET data = readfile('forged.pdf'),
		  sha256 = '$(sha256sum forged.pdf | cut -d' ' -f1)' WHERE id = 1"
	first_says "xj: change_file 1 (student 26320102000003): sha256 is"
	# the bytes alone, the same length: --files hashes them again
	fresh
	sed 's/application/applicatiom/' "$BATS_FILE_TMPDIR/application.pdf" > same.pdf
	tamper "UPDATE change_file SET data = readfile('same.pdf') WHERE id = 1"
	run --separate-stderr xj log --verify --files
	assert_failure 1
	assert_equal "$stderr" "xj: student 26320102000003: change request #1, evidence file 1: the file no longer matches its SHA-256 (altered since it was kept)
xj: 1 problem with the files kept"
}

@test "archive: a copy swapped together with its holding row (P20)" {
	printf '%%PDF-1.4\n%% a forged notice\n' > forged.pdf
	h=$(sql "SELECT id FROM holding WHERE sha256 IS NOT NULL")
	tamper "UPDATE holding SET sha256 = '$(sha256sum forged.pdf | cut -d' ' -f1)',
		  size = $(stat -c %s forged.pdf) WHERE id = $h"
	first_says "xj: holding $h (student 26110101000001): sha256 is"
}

@test "staff and configuration: roles and keys edited with one UPDATE; the config text (P1, P2)" {
	c=$(sql "SELECT max(id) FROM config_load")
	tamper "UPDATE staff SET roles = 'reviewer,admin' WHERE name = 'li'"
	finds "xj: staff [$c,\"li\"]: roles is \"reviewer,admin\" in the store, the log says \"reviewer\" (changed behind the log)"
	fresh
	tamper "UPDATE staff SET public_key = (SELECT public_key FROM staff WHERE name = 'chen' AND config_id = $c) WHERE name = 'li'"
	# li's key swapped for chen's: li's signatures no longer verify
	first_says "xj: audit log broken: command"
	fresh
	tamper "UPDATE config_load SET recheck_months = 12, text = replace(text, 'lend_days: 10', 'lend_days: 99') WHERE id = $c"
	finds "xj: config_load $c: recheck_months is \"12\" in the store, the log says \"3\" (changed behind the log)"
}

@test "erasure: a review with its sign-offs and signatures; a request with its events and files (P1, P12)" {
	r=$(sql "SELECT id FROM review WHERE stage = 'recheck'")
	tamper "DELETE FROM decision_sig WHERE audit_id IN (SELECT audit_id FROM signoff WHERE review_id = $r
		  UNION SELECT audit_id FROM review WHERE id = $r);
		DELETE FROM signoff WHERE review_id = $r; DELETE FROM review WHERE id = $r"
	finds "xj: review $r (student 26110101000001): in the log, not in the store (deleted behind the log)"
	fresh
	tamper "DELETE FROM decision_sig WHERE audit_id IN (SELECT audit_id FROM change_event
		  WHERE request_id = 1 UNION SELECT audit_id FROM change_request WHERE id = 1);
		DELETE FROM change_file WHERE request_id = 1; DELETE FROM change_event WHERE request_id = 1;
		DELETE FROM change_request WHERE id = 1"
	finds "xj: change_request 1 (student 26320102000003): in the log, not in the store (deleted behind the log)"
	finds "xj: change_file 1: in the log, not in the store (deleted behind the log)"
}

@test "cases, custody, numbers, names and the store's id: each edited (P8, P19, P9)" {
	tamper "INSERT INTO case_event(case_id, kind, text, by_whom, on_date, command_id)
		  VALUES(1, 'close', 'cleared', 'li', '2026-09-11', 3)"
	finds "xj: audit log broken: case close 1 by li has no decision signed by li (forged)"
	fresh
	e=$(sql "SELECT id FROM holding_event WHERE kind = 'lend'")
	tamper "UPDATE holding_event SET to_whom = '李老师' WHERE id = $e"
	finds "xj: holding_event $e (student 26110101000001): to_whom is \"李老师\" in the store, the log says \"王老师\" (changed behind the log)"
	fresh
	p=$(sql "SELECT prefix FROM number_seq LIMIT 1")
	tamper "UPDATE number_seq SET last = 0"
	first_says "xj: number_seq [\"$p\"]: last is \"0\""
	fresh
	tamper "UPDATE meta SET value = 'feedfeedfeedfeedfeedfeedfeedfeed' WHERE key = 'store_id'"
	first_says "xj: meta [\"store_id\"]: value is \"feedfeedfeedfeedfeedfeedfeedfeed\""
}

@test "the student row: a field edited, a student inserted (P2, P4)" {
	tamper "UPDATE student SET birth_date = '2000-01-01' WHERE exam_no = '26440104000005'"
	finds "xj: student 26440104000005: birth_date is \"2000-01-01\" in the store, the log says \"$(grep ^26440104000005 "$EX/roster.csv" | cut -d, -f4)\" (changed behind the log)"
	tamper "INSERT INTO student(exam_no, name, id_type, cohort) VALUES('26110101009999', '假人', 'resident', 2026)"
	finds "xj: student 26110101009999: in the store, not in the log (added behind the log)"
}

@test "the row log itself: edited to match, or its rows moved to another command (P2)" {
	p=$(sql "SELECT min(id) FROM photo_check")
	tamper "UPDATE photo_check SET result = 'x' || result WHERE id = $p;
		UPDATE row_log SET row = json_set(row, '\$.result', 'x' || json_extract(row, '\$.result'))
		  WHERE id = (SELECT max(id) FROM row_log WHERE tbl = 'photo_check' AND rid = $p)"
	first_says "the rows the row log holds for it"
	[[ "${stderr_lines[0]}" =~ ^xj:\ command\ [0-9]+:\ the\ rows\ the\ row\ log\ holds\ for\ it\ \([0-9]+:[0-9a-f]{64}\)\ are\ not\ those\ its\ signed\ entry\ sums\ up\ \([0-9]+:[0-9a-f]{64}\)\ \(changed\ behind\ the\ log\)$ ]]
	fresh
	tamper "UPDATE row_log SET command_id = command_id + 1 WHERE id = (SELECT max(id) FROM row_log
		  WHERE tbl = 'status')"
	first_says "are not those its signed entry sums up"
}

@test "the triggers that log rows dropped: no program writes to the store (P2)" {
	sql "DROP TRIGGER xj_row_student_u"
	run --separate-stderr xj-import -q --key keys/chen.key --update "$EX/roster.csv"
	assert_failure 3
	n=$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'xj\_row\_%' ESCAPE '\'")
	assert_equal "$stderr" "xj-import: store $XJ_DB: its schema was changed behind xj's back ($n of the $((n + 1)) triggers that log its rows are there); nothing is written to it: see 'xj log --verify'"
}

@test "a trigger of one's own, to ride on a colleague's next command: no program writes to the store, and verify names it (P2, P12, P16)" {
	# the name and ID number of a frozen student, changed by whoever writes next
	sql "CREATE TRIGGER zz_helper AFTER INSERT ON audit WHEN NEW.action <> 'rows' BEGIN
		UPDATE student SET name = '张大伟' WHERE exam_no = '26110101000001'; END"
	entries=$(sql "SELECT count(*) FROM audit")
	run --separate-stderr xj query --key keys/zhao.key --reveal 26110101000008
	assert_failure 3
	assert_equal "$stderr" "xj: store $XJ_DB: its schema was changed behind xj's back (trigger zz_helper is not xj's); nothing is written to it: see 'xj log --verify'"
	assert_equal "$(sql "SELECT name FROM student WHERE exam_no = '26110101000001'")" 张伟
	assert_equal "$(sql "SELECT count(*) FROM audit")" "$entries"
	first_says "the store's schema was changed behind xj's back: trigger zz_helper is not xj's"
}

@test "one of xj's own triggers rewritten, or a key's index dropped: no program writes to the store (P2, P4)" {
	q="SELECT sql FROM sqlite_master WHERE name = 'xj_row_import_i'"
	body=$(sql "$q")
	sql "DROP TRIGGER xj_row_import_i; ${body% END} UPDATE student SET phone = '13000000000'; END"
	run --separate-stderr xj-import -q --key keys/chen.key "$EX/roster.csv"
	assert_failure 3
	assert_equal "$stderr" "xj-import: store $XJ_DB: its schema was changed behind xj's back (trigger xj_row_import_i is not as xj made it); nothing is written to it: see 'xj log --verify'"
	fresh
	# without the index an ID number could be given to a second student
	sql "DROP INDEX student_id_number"
	run --separate-stderr xj-import -q --key keys/chen.key "$EX/roster.csv"
	assert_failure 3
	assert_equal "$stderr" "xj-import: store $XJ_DB: its schema was changed behind xj's back (index student_id_number is gone); nothing is written to it: see 'xj log --verify'"
	first_says "the store's schema was changed behind xj's back: index student_id_number is gone"
}

@test "rewrites: an unsigned entry appended under a staff name (P2)" {
	c=$(sql "SELECT max(id) FROM command")
	python3 "$DATA/append-entry.py" "$XJ_DB" li 26440104000005 '{"name":"张三"}'
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: command $((c + 1)): entry $(sql 'SELECT max(id) FROM audit') (update) was written by a command no one signed (forged)"
}

@test "rewrites: a chain rewritten from an entry on is caught by the heads people saw (P2; re-signed with swapped keys: 0028)" {
	xj query --fields exam_no > /dev/null   # chen's state has the head
	python3 "$DATA/rewrite-chain.py" "$XJ_DB" 5 '{"name":"forged"}'
	run --separate-stderr xj query --fields exam_no
	assert_failure 3
	[[ "${stderr_lines[0]}" == *"does not extend the head you last saw"* ]]
}

@test "rewrites: a migration faked to log an edited row anew is found: only the first rows entry is unsigned (P2)" {
	python3 "$DATA/fake-migration.py" "$XJ_DB" 26440104000005 张三
	c=$(sql "SELECT max(id) FROM command")
	finds "xj: command $c: 1 row in the row log that no signed entry sums up, set aside (added behind the log)"
	finds "xj: student 26440104000005: name is \"张三\" in the store, the log says \"陈静\" (changed behind the log)"
}

@test "commands: a business date or an argument edited on a command that wrote rows (P2)" {
	c=$(sql "SELECT max(command_id) FROM status")
	tamper "UPDATE command SET business = '2020-01-01' WHERE id = $c"
	finds "xj: command $c: business is \"2020-01-01\" in the store, the log says \"$(sqlite3 "$BATS_FILE_TMPDIR/xj.db" "SELECT business FROM command WHERE id = $c")\" (changed behind the log)"
}
