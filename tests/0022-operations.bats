#!/usr/bin/env bats
# Operations: checked backups taken while xj works, restores that lose
# nothing, the store's place, and stores of other schema versions (P2: a
# store is never lost or silently altered).

load test_helper

# The number of students in the store at $1.
students_in() {
	sqlite3 -batch -noheader "$1" 'SELECT count(*) FROM student'
}

# A store of the example roster backed up to copy.db, then given one more
# student (26110101000099) that the copy does not have.
backed_up() {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	xj backup -q copy.db
	roster more.csv <<-'EOF'
	26110101000099,新生甲,男,2008-01-01,110101200801010019,汉族,CS
	EOF
	xj-import -q -u chen more.csv
}

@test "xj backup: a checked copy, private, one file, the store's state" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	run --separate-stderr xj backup copy.db
	assert_success
	assert_output --regexp '^backup copy.db: 8 students, [0-9]+ log entries, head [0-9]+:[0-9a-f]{64}, checked$'
	assert_equal "$(stat -c %a copy.db)" 600
	[ ! -e copy.db-wal ]
	assert_equal "$(sqlite3 copy.db 'PRAGMA journal_mode')" delete
	assert_equal "$(students_in copy.db)" 8
	# the copy's log is the store's
	assert_equal "$(XJ_DB=copy.db xj log --head)" "$(xj log --head)"
	# -q says nothing; an older copy of the same name is replaced only
	# by a checked one
	run xj backup -q copy.db
	assert_success
	assert_output ""
	run --separate-stderr xj backup "$XJ_DB"
	assert_failure 2
	assert_equal "$stderr" "xj: $XJ_DB is the store itself"
	run --separate-stderr xj backup
	assert_failure 2
	run --separate-stderr xj backup /nonexistent/copy.db
	assert_failure 3
	assert_equal "$stderr" "xj: cannot create a file beside /nonexistent/copy.db: No such file or directory"
}

@test "xj backup --keep N DIR: dated copies, the N newest kept, nothing else touched" {
	new_store
	mkdir nightly
	echo "notes" > nightly/README
	touch nightly/xj-old.db nightly/other-20260101-000000.db
	for d in 01 02 03 04 05; do
		XJ_NOW=2026-11-${d}T02:30:00+08:00 run xj backup -q --keep 3 nightly
		assert_success
	done
	run ls nightly
	assert_output "$(printf '%s\n' README other-20260101-000000.db xj-20261103-023000.db \
		xj-20261104-023000.db xj-20261105-023000.db xj-old.db)"
	XJ_NOW=2026-11-06T02:30:00+08:00 run xj backup --keep 3 nightly
	assert_success
	assert_line --index 1 "removed 1 older copy from nightly"
	run --separate-stderr xj backup --keep 0 nightly
	assert_failure 2
	assert_equal "$stderr" "xj: --keep wants a number of copies, not '0'
Try 'xj --help' for more information."
}

@test "xj backup during a running import: the copy holds the store as it was before it, never half (P2)" {
	new_store
	xj-genroster --rows 2000 > big.csv
	xj-import -q -u chen "$EX/roster.csv"
	# held at its 1,000th row, the import's write not ended
	XJ_PAUSE=row:1000 xj-import -q -u chen big.csv & pid=$!
	signalled row.paused
	run --separate-stderr xj backup -q during.db
	assert_success
	touch row.go
	wait "$pid"
	xj backup -q after.db
	assert_equal "$(students_in during.db)" 8
	assert_equal "$(students_in after.db)" 2008
	for c in during after; do
		assert_equal "$(sqlite3 "$c.db" 'PRAGMA integrity_check')" ok
		XJ_DB="$c.db" run xj log --verify
		assert_success
	done
}

@test "xj restore: the copy in the store's place, the old store kept aside, on record" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	xj backup -q copy.db
	head=$(xj log --head)
	xj-import -q -u chen --update "$EX/roster.csv"
	roster more.csv <<-'EOF'
	26110101000099,新生甲,男,2008-01-01,110101200801010019,汉族,CS
	EOF
	xj-import -q -u chen more.csv
	assert_equal "$(students_in "$XJ_DB")" 9
	XJ_NOW=2026-11-28T10:00:00+08:00 run --separate-stderr xj restore -u chen copy.db
	assert_success
	assert_line --index 0 --regexp '^restored from copy.db: 8 students, [0-9]+ log entries, head '
	assert_line --index 1 "the store it replaced is kept as $XJ_DB.before-restore-20261128-100000"
	assert_equal "$(students_in "$XJ_DB")" 8
	# the store it replaced: every byte there, private
	aside="$XJ_DB.before-restore-20261128-100000"
	assert_equal "$(students_in "$aside")" 9
	assert_equal "$(stat -c %a "$aside")" 600
	assert_equal "$(stat -c %a "$XJ_DB")" 600
	# the restored log goes on from the copy's, the restore its next entry
	run xj log --verify --since "$head"
	assert_success
	run xj log -f tsv --program 'xj restore'
	assert_line --index 1 --partial "	chen	"
	assert_line --index 1 --partial "restore"
	assert_equal "$(sql "SELECT json_extract(new, '$.from') FROM audit ORDER BY id DESC LIMIT 1")" copy.db
	# a second restore the same second keeps both old stores
	XJ_NOW=2026-11-28T10:00:00+08:00 run xj restore -q copy.db
	assert_success
	[ -e "$aside-2" ]
	run ls
	refute_output --partial tmp-
}

@test "xj restore through a symbolic link puts the copy in the store's place, and the link stays" {
	backed_up
	mkdir data
	mv "$XJ_DB" data/xj.db
	ln -s data/xj.db link.db
	XJ_NOW=2026-11-28T10:00:00+08:00 run --separate-stderr xj restore -d link.db copy.db
	assert_success
	assert_line --index 1 "the store it replaced is kept as $BATS_TEST_TMPDIR/data/xj.db.before-restore-20261128-100000"
	[ -L link.db ]
	assert_equal "$(students_in data/xj.db)" 8
	assert_equal "$(students_in data/xj.db.before-restore-20261128-100000)" 9
	assert_equal "$(stat -c %a data/xj.db)" 600
	run ls data
	refute_output --partial tmp-
	run xj log --verify -d data/xj.db
	assert_success
	# a link to nothing is not made a store
	ln -s data/none.db gone.db
	run --separate-stderr xj restore -d gone.db copy.db
	assert_failure 3
	assert_equal "$stderr" "xj: cannot follow gone.db to the store: No such file or directory"
	[ -L gone.db ]
}

@test "a backup that fails for want of room leaves no temporary file behind" {
	new_store
	xj-genroster --rows 3000 --seed 9 > some.csv
	xj-import -q -u chen some.csv
	# the size limit of a full disk: writes past 200 KiB fail (EFBIG)
	run --separate-stderr bash -c "trap '' XFSZ; ulimit -f 200; xj backup -q copy.db"
	assert_failure 3
	[ ! -e copy.db ]
	run ls -a
	refute_output --partial tmp-
	run xj log --verify
	assert_success
}

# Run a command with SIGINT and SIGQUIT at their defaults, as a command
# typed at the prompt has them: the shell runs a command put in the
# background with both ignored.  The same process all through: its pid is
# the command's; so run it in the background only.
at_prompt() {
	exec python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGQUIT):
    signal.signal(s, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

@test "a backup, restore or output ended by a signal leaves no copy behind, and the store as it was (P2)" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	xj backup -q copy.db
	head=$(xj log --head)
	# Ctrl-C, cron's time limit, a hang-up: each while the copy is half done
	for sig in INT TERM HUP; do
		rm -f copy.paused
		XJ_PAUSE=copy at_prompt xj backup -q new.db & pid=$!
		signalled copy.paused
		[ -n "$(ls new.db.tmp-* 2>/dev/null)" ]
		kill -$sig $pid
		rc=0
		wait $pid || rc=$?
		assert_equal "$rc" $((128 + $(kill -l $sig)))
		[ ! -e new.db ]
		assert_equal "$(ls | grep -c tmp-)" 0
		rm -f copy.paused
		XJ_PAUSE=copy at_prompt xj restore -q copy.db & pid=$!
		signalled copy.paused
		kill -$sig $pid
		rc=0
		wait $pid || rc=$?
		assert_equal "$rc" $((128 + $(kill -l $sig)))
		assert_equal "$(ls | grep -c -e tmp- -e before-restore)" 0
	done
	# the restore on record in its copy, about to swap: all or nothing
	rm -f swap.paused
	XJ_PAUSE=swap at_prompt xj restore -q copy.db & pid=$!
	signalled swap.paused
	kill -TERM $pid
	rc=0
	wait $pid || rc=$?
	assert_equal "$rc" 143
	assert_equal "$(ls | grep -c -e tmp- -e before-restore)" 0
	assert_equal "$(xj log --head)" "$head"
	run xj log --verify
	assert_success
	# run under nohup, it keeps ignoring the hang-up, and ends its work
	rm -f copy.paused
	XJ_PAUSE=copy nohup xj backup -q new.db > /dev/null 2>&1 & pid=$!
	signalled copy.paused
	kill -HUP $pid
	touch copy.go
	wait $pid
	assert_equal "$(students_in new.db)" 8
	assert_equal "$(ls | grep -c tmp-)" 0
	# an output half written (an import's rejects) goes with the command
	xj-genroster --rows 2000 > big.csv
	XJ_PAUSE=row:1000 at_prompt xj-import -q -u chen --reject rej.csv big.csv & pid=$!
	signalled row.paused
	[ -n "$(ls rej.csv.tmp* 2>/dev/null)" ]
	kill -TERM $pid
	rc=0
	wait $pid || rc=$?
	assert_equal "$rc" 143
	assert_equal "$(ls | grep -c -e tmp -e rej.csv)" 0
	assert_equal "$(students_in "$XJ_DB")" 8
}

@test "a command that opens the store while a restore swaps it waits, then works in the copy put in place (P2)" {
	backed_up
	roster late.csv <<-'EOF'
	26110101000077,新生乙,女,2008-02-01,110101200802010029,汉族,CS
	EOF
	# the restore holds the store alone, about to swap
	XJ_NOW=2026-11-28T10:00:00+08:00 XJ_PAUSE=swap xj restore -q copy.db & rpid=$!
	signalled swap.paused
	# an import started now waits for it (it says so at its point "pin")
	touch pin.go
	XJ_PAUSE=pin xj-import -q -u chen late.csv & ipid=$!
	signalled pin.paused
	touch swap.go
	wait $rpid
	wait $ipid
	# the import is in the store now in place, the restored copy; the old
	# store kept aside is as the restore found it
	assert_equal "$(sql "SELECT group_concat(exam_no) FROM student WHERE exam_no IN
		('26110101000077', '26110101000099')")" 26110101000077
	aside="$XJ_DB.before-restore-20261128-100000"
	assert_equal "$(sqlite3 "$aside" "SELECT group_concat(exam_no) FROM student WHERE exam_no IN
		('26110101000077', '26110101000099')")" 26110101000099
	run xj log --verify
	assert_success
	XJ_DB=$aside run xj log --verify
	assert_success
}

@test "xj restore refuses a file that is not a good copy, and changes nothing" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	xj backup -q good.db
	echo "not a database" > text.db
	sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES(1)'
	cp good.db short.db
	truncate -s 300000 short.db
	cp good.db edited.db
	sqlite3 edited.db "DROP TRIGGER audit_no_update; UPDATE audit SET action = 'x' WHERE id = 3"
	cp good.db newer.db
	sqlite3 newer.db 'PRAGMA user_version = 99'
	# a name changed behind the log, the triggers put back: the chain is
	# whole, the tables are not what it says
	cp good.db altered.db
	XJ_DB=altered.db behind "UPDATE student SET name = '张玮' WHERE exam_no = '26110101000001'"
	sum=$(sha256sum "$XJ_DB")
	for f in text other short edited newer altered nonexistent; do
		run --separate-stderr xj restore "$f.db"
		assert_failure 3
		echo "$stderr" >> errors
	done
	run cat errors
	assert_line --index 0 "xj: text.db is not a good copy of an xj store: not an SQLite database"
	assert_line --index 1 "xj: other.db is not a good copy of an xj store: an SQLite database of something else"
	assert_line --index 2 --regexp "^xj: short.db is not a good copy of an xj store: .*malformed"
	assert_line --index 3 "xj: edited.db is not a good copy of an xj store: its audit log is broken: entry 3 was changed after it was written (hash mismatch)"
	assert_line --index 4 "xj: newer.db is not a good copy of an xj store: schema 99, newer than this xj knows (7)"
	assert_line --index 5 "xj: altered.db is not a good copy of an xj store: its audit log is broken: 1 thing in its tables differs from its log (student 26110101000001: name)"
	assert_line --index 6 "xj: cannot read nonexistent.db: No such file or directory"
	assert_equal "$(sha256sum "$XJ_DB")" "$sum"
	run ls
	refute_output --partial before-restore
	refute_output --partial tmp-
}

@test "xj restore refuses while another process has the store open" {
	new_store
	xj backup -q copy.db
	python3 -c "import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM student').fetchall()
open('ready', 'w').close(); time.sleep(20)" "$XJ_DB" &
	pid=$!
	while [ ! -e ready ]; do sleep 0.1; done
	run --separate-stderr xj restore copy.db
	kill "$pid"
	assert_failure 3
	assert_equal "$stderr" "xj: store $XJ_DB is in use by another process; stop the other xj commands (and cron's) first"
	run ls
	refute_output --partial before-restore
}

@test "xj restore on a machine without a store: the copy becomes the store" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	xj backup -q copy.db
	XJ_DB=$PWD/new.db run xj restore copy.db
	assert_success
	refute_output --partial "kept as"
	assert_equal "$(students_in new.db)" 8
	XJ_DB=$PWD/new.db run xj log --verify
	assert_success
}

# A store of schema 1, as xj 0.1 made it (tests/data/schema1.sql): no
# migration table (schema 2), business time, config proposals or signed
# statements (schema 3), row log (schema 4).
schema1_store() {
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	sqlite3 "$XJ_DB" < "$DATA/schema1.sql"
	chmod 600 "$XJ_DB"
}

@test "an older store is migrated, after a checked copy beside it" {
	schema1_store
	XJ_NOW=2026-11-28T08:00:00+08:00 run --separate-stderr xj query --fields exam_no
	assert_success
	assert_line --index 1 26110101000001
	copy="$XJ_DB.before-schema7-20261128-080000"
	assert_equal "$(sqlite3 "$copy" 'PRAGMA user_version')" 1
	assert_equal "$(stat -c %a "$copy")" 600
	assert_equal "$(students_in "$copy")" 8
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(sql 'SELECT from_version, to_version, backup FROM migration')" "1|7|$copy"
	assert_equal "$(sql 'SELECT backup_sha256 FROM migration')" "$(sha256sum "$copy" | cut -d' ' -f1)"
	# the rows the store held, on the row log from the migration on
	assert_equal "$(sql "SELECT group_concat(action) FROM audit WHERE command_id = (SELECT max(command_id) FROM audit)")" migrate,rows
	assert_equal "$(sql "SELECT count(*) FROM row_log WHERE tbl = 'student'")" 8
	run xj log --verify
	assert_success
	assert_output "audit log ok: 12 entries, every row as the log says"
	# once only
	run xj query --fields exam_no
	assert_equal "$(sql 'SELECT count(*) FROM migration')" 1
	[ "$(ls "$XJ_DB".before-schema7-* | wc -l)" = 1 ]
}

@test "a store of schema 4 is migrated to named student keys; its row log stands as it was (P2)" {
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	sqlite3 "$XJ_DB" < "$DATA/schema4.sql"
	chmod 600 "$XJ_DB"
	rows=$(sql 'SELECT count(*) FROM row_log')
	XJ_NOW=2026-11-28T08:00:00+08:00 run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "${#lines[@]}" 9
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(sql 'SELECT from_version, to_version FROM migration')" "4|7"
	assert_equal "$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'student' ORDER BY name)")" \
		"student student_exam_no student_id_number student_no_delete student_student_no xj_row_student_d xj_row_student_i xj_row_student_u"
	assert_equal "$(sql 'SELECT count(*) FROM pragma_foreign_key_check')" 0
	# the students' rows were not logged again: only the migration's own
	assert_equal "$(sql "SELECT group_concat(tbl) FROM row_log WHERE id > $rows")" migration,command
	run xj log --verify
	assert_success
	# the keys hold as before, and the guard
	run --separate-stderr xj-import -u chen "$EX/roster.csv"
	assert_success
	printf '考生号,姓名,身份证号\n26110101000099,甲,110101200703140012\n' > dup.csv
	run --separate-stderr xj-import -u chen dup.csv
	assert_failure 1
	# the first student's row as the old store recorded where it came from
	assert_equal "$stderr" "xj-import: warning: dup.csv: birth_date: no such column: taken from id_number in every row
xj-import: warning: dup.csv: gender: no such column: taken from id_number in every row
xj-import: dup.csv:2: id_number: 110101********0012 already belongs to exam_no 26110101000001 (/work/main/examples/roster.csv:2)
xj-import: 1 read, 0 imported, 0 updated, 0 unchanged, 1 refused (nothing changed)"
	run sql "DELETE FROM student WHERE id = 1"
	assert_failure
	run xj log --verify
	assert_success
}

@test "a store of schema 5 gains source_named; its source rows, objects, read as before beside new arrays (P2)" {
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	sqlite3 "$XJ_DB" < "$DATA/schema5.sql"
	chmod 600 "$XJ_DB"
	XJ_NOW=2026-11-28T08:00:00+08:00 run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(sql 'SELECT from_version, to_version FROM migration')" "5|7"
	assert_equal "$(sql "SELECT json_extract(data, '\$.name') FROM source_named WHERE student_id = 1")" 张伟
	run xj log --verify
	assert_success
	# a new roster's rows are arrays, under its names; the old ones still
	# say where a clashing ID number came from
	roster <<'EOF2'
26110101000099,甲,男,2007-03-14,110101200703140012,汉族,CS
26110101000098,乙,女,1949-12-31,11010519491231002X,汉族,CS
EOF2
	run --separate-stderr xj-import -q -u chen roster.csv
	assert_failure 1
	assert_equal "$stderr" "xj-import: roster.csv:2: id_number: 110101********0012 already belongs to exam_no 26110101000001 (/work/main/examples/roster.csv:2)"
	assert_equal "$(sql "SELECT data FROM source_row WHERE student_id = 9")" '["26110101000098","乙","女","1949-12-31","11010519491231002X","汉族","CS"]'
	assert_equal "$(sql "SELECT json_extract(data, '\$.name') FROM source_named WHERE student_id = 9")" 乙
	run xj log --verify
	assert_success
}

@test "a copy made by an older xj is restored, migrated in its place; the file given is not touched (P2)" {
	new_store
	xj-import -q -u chen "$EX/roster.csv"
	sqlite3 old.db < "$DATA/schema5.sql"
	chmod 600 old.db
	sum=$(sha256sum < old.db)
	# a copy of an earlier migration in the same second stays as it is
	echo earlier > "$XJ_DB.before-schema7-20261128-080000"
	XJ_NOW=2026-11-28T08:00:00+08:00 run --separate-stderr xj restore -q old.db
	assert_success
	assert_equal "$stderr" ""
	# the copy given is as it was: not migrated, not put in WAL mode
	assert_equal "$(sha256sum < old.db)" "$sum"
	assert_equal "$(ls | grep -c '^old\.db.')" 0
	# the store in place is of this schema, its migration and restore on record
	assert_equal "$(sql 'PRAGMA user_version')" 7
	assert_equal "$(xj log -f tsv | tail -n 3 | cut -f8)" "migrate
rows
restore"
	# the copy before the migration is named after the store, beside it
	assert_equal "$(sql 'SELECT backup FROM migration')" "$XJ_DB.before-schema7-20261128-080000-2"
	assert_equal "$(sqlite3 "$XJ_DB.before-schema7-20261128-080000-2" 'PRAGMA user_version')" 5
	assert_equal "$(cat "$XJ_DB.before-schema7-20261128-080000")" earlier
	assert_equal "$(ls | grep -c '\.tmp-')" 0
	run xj log --verify
	assert_success
}

@test "a store made by a newer xj is refused, never downgraded" {
	new_store
	sql 'PRAGMA user_version = 8'
	run --separate-stderr xj query
	assert_failure 3
	assert_equal "$stderr" "xj: store $XJ_DB has schema 8, newer than this xj knows (7): use a newer xj"
	run --separate-stderr xj-import -q -u chen "$EX/roster.csv"
	assert_failure 3
	assert_equal "$(sql 'PRAGMA user_version')" 8
	assert_equal "$(students_in "$XJ_DB")" 0
}

@test "--allow-network-fs is taken by every program and handed on" {
	new_store
	run xj --allow-network-fs query --fields exam_no
	assert_success
	run xj-import --allow-network-fs -q -u chen "$EX/roster.csv"
	assert_success
	run xj import -q --allow-network-fs -u chen --update "$EX/roster.csv"
	assert_success
	# a command that names it in the log still says exactly what was typed
	run xj-register due --allow-network-fs
	refute_output --partial "unknown option"
}

@test "a listing fed its keys through a slow pipe reads each key's student as it stands then, holding no old snapshot" {
	keyed_store
	mkfifo keys.in
	xj-verify status - < keys.in > listed.out 2> listed.err & pid=$!
	exec 7> keys.in
	# a first block of keys (standard input is read 64 KiB at a time),
	# all but its last line answered while the pipe is held open
	{ echo 26110101999999; for i in $(seq 4369); do echo 26110101000002; done; } >&7
	signalled listed.err "no such student"
	xj-verify review -q --key keys/li.key --stage arrival --result pass 26110101000001
	echo 26110101000001 >&7
	exec 7>&-
	wait $pid || true
	run grep -c "^26110101000001,[^,]*,arrival,pass," listed.out
	assert_output 1
}
