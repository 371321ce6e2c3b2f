#!/usr/bin/env bats
# Witnessed heads (P2, P20; DESIGN "Witnessed heads"): someone who can write
# the store file can rewrite the whole chain and sign it again, and nothing
# inside the store catches that.  Each person's own programs keep the head
# of the log they saw last in their own state file, $XDG_STATE_HOME/xj/heads,
# and refuse a store whose log no longer holds it.  Each person here is a
# state folder of their own: XDG_STATE_HOME=$PWD/NAME (the test helper's
# $BATS_TEST_TMPDIR/state is the one who set the store up).

load test_helper

store_id() {
	sql "SELECT value FROM meta WHERE key = 'store_id'"
}

# "STORE_ID SEQ HASH" of head N:HASH, as a heads file holds it.
head_line() {
	echo "$(store_id) ${1%%:*} ${1#*:}"
}

# "3f9a…e01c": a hash as the messages show it.
short() {
	echo "${1:0:4}…${1: -4}"
}

# "the store's log does not extend the head you last saw" for head N:HASH.
not_extended() {
	local n=${2%%:*} h=${2#*:}
	echo "$1: the store's log does not extend the head you last saw (entry $n, $(short "$h")): entry $n is gone or changed (the log was rewritten)"
}

@test "each signed command leaves the head of the log in its doer's own heads file, 0600 (P2)" {
	keyed_store
	# the store's id from xj init on
	[[ "$(store_id)" =~ ^[0-9a-f]{32}$ ]]
	head=$(xj log --head)
	assert_equal "$(cat state/xj/heads)" "$(head_line "$head")"
	assert_equal "$(stat -c %a state/xj/heads)" 600
	assert_equal "$(stat -c %a state/xj)" 700
	# a signed change moves it on; the file is put in place whole
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	new=$(xj log --head)
	[ "$new" != "$head" ]
	assert_equal "$(cat state/xj/heads)" "$(head_line "$new")"
	run ls -A state/xj
	assert_output heads
}

@test "a command that only reads records the head it saw, in that person's file alone (P2)" {
	keyed_store
	XDG_STATE_HOME=$PWD/li run --separate-stderr xj query --fields exam_no
	assert_success
	head=$(xj log --head)
	assert_equal "$(cat li/xj/heads)" "$(head_line "$head")"
	# another person's change is not li's to have seen
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	assert_equal "$(cat li/xj/heads)" "$(head_line "$head")"
	# until li looks again
	XDG_STATE_HOME=$PWD/li xj-verify status > /dev/null
	assert_equal "$(cat li/xj/heads)" "$(head_line "$(xj log --head)")"
	# a dry run's entries are never made: no head of them is kept
	head=$(xj log --head)
	roster more.csv <<-'EOF'
	26110101000099,新生甲,男,2008-01-01,110101200801010019,汉族,CS
	EOF
	run --separate-stderr xj-import -n -q --key keys/chen.key more.csv
	assert_success
	assert_equal "$(xj log --head)" "$head"
	assert_equal "$(cat state/xj/heads)" "$(head_line "$head")"
}

@test "a log cut short behind a person's back: their next command is refused, exit 3, the entry named (P2)" {
	keyed_store
	head=$(xj log --head)
	n=${head%%:*}
	# the last entries deleted, the triggers dropped, nothing computed again
	unguarded "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > $((n - 3))"
	run --separate-stderr xj query --fields exam_no
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "$(not_extended xj "$head")"
	# a change is refused the same, before anything is written
	entries=$(sql 'SELECT count(*) FROM audit')
	run --separate-stderr xj-verify review --key keys/li.key $RECHECK 26110101000001
	assert_failure 3
	assert_equal "$stderr" "$(not_extended xj-verify "$head")"
	run --separate-stderr xj config load -q --key keys/chen.key keyed.yaml
	assert_failure 3
	assert_equal "$stderr" "$(not_extended xj "$head")"
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$entries"
	# the head seen is kept, not the store's shorter one
	assert_equal "$(cat state/xj/heads)" "$(head_line "$head")"
	# someone who never worked on the store has nothing to go by
	XDG_STATE_HOME=$PWD/new run --separate-stderr xj query --fields exam_no
	assert_success
}

@test "a chain rewritten whole and signed again verifies, but whoever saw it before is refused (P2)" {
	keyed_store
	XDG_STATE_HOME=$PWD/li xj query --fields exam_no > /dev/null
	head=$(xj log --head)
	# what the key thief with the store file does: the last command (the
	# roster's import) made to say something else, every hash from there on
	# computed again and every signature made again with the keys
	cmd=$(sql 'SELECT max(id) FROM command')
	at=$(sql "SELECT at FROM command WHERE id = $cmd")
	guard=$(sql "SELECT sql FROM sqlite_master WHERE name = 'command_no_update'")
	unguarded "DROP TRIGGER command_no_update; UPDATE command SET args = args || ' -q' WHERE id = $cmd; $guard"
	/usr/bin/python3 "$DATA/backdate-command.py" "$XJ_DB" "$cmd" "$at" keys
	# from inside the store nothing is wrong
	XDG_STATE_HOME=$PWD/auditor run --separate-stderr xj log --verify
	assert_success
	[ "$(XDG_STATE_HOME=$PWD/auditor xj log --head)" != "$head" ]
	# everyone who saw the log before is refused
	run --separate-stderr xj query --fields exam_no
	assert_failure 3
	assert_equal "$stderr" "$(not_extended xj "$head")"
	XDG_STATE_HOME=$PWD/li run --separate-stderr xj-verify status
	assert_failure 3
	assert_equal "$stderr" "$(not_extended xj-verify "$head")"
	# xj log --verify looks at it (as at a backup, which is behind the head
	# its person saw), and with the person's heads file finds it
	run --separate-stderr xj log --verify
	assert_success
	run --separate-stderr xj log --verify --witness state/xj/heads
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: state/xj/heads:1: the log does not extend this head (entry ${head%%:*}, $(short "${head#*:}")): entry ${head%%:*} is gone or changed (the log was rewritten)"
	assert_equal "$(cat state/xj/heads)" "$(head_line "$head")"
}

@test "xj log --verify --witness: each head people saw held by the log, else the first that is not named (P2)" {
	keyed_store
	XDG_STATE_HOME=$PWD/li xj query --fields exam_no > /dev/null
	# the daily mail of the head (examples/cron)
	xj log --head > mailed
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	run --separate-stderr xj log --verify --witness li/xj/heads mailed state/xj/heads
	assert_success
	assert_line --index 0 --regexp '^audit log ok: [0-9]+ entries, every row as the log says$'
	assert_line --index 1 "witnessed heads ok: the log holds all 3 heads people saw"
	# a head the log does not hold: a mail of another day, edited
	head=$(cat mailed)
	n=${head%%:*}
	bad=$(printf 'a%.0s' $(seq 64))
	printf '# xj head, mailed 2026-09-11\n\n%s\n%s:%s\n' "$head" "$n" "$bad" > bad
	run --separate-stderr xj log --verify --witness mailed bad
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: audit log broken: bad:4: the log does not extend this head (entry $n, aaaa…aaaa): entry $n is gone or changed (the log was rewritten)"
	# a person's heads of other stores only witnessed nothing of this one
	echo "0123456789abcdef0123456789abcdef 5 $bad" > other
	run --separate-stderr xj log --verify --witness other
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: other: no head of this store (its id is $(store_id))"
	# a line that is no head is bad input
	printf '%s\nhello\n' "$head" > junk
	run --separate-stderr xj log --verify --witness junk
	assert_failure 2
	assert_equal "$stderr" "xj: junk:2: not a head: 'hello' (want STORE_ID SEQ HASH, or N:HASH as 'xj log --head' prints it)"
	# --witness is for --verify, with files
	run --separate-stderr xj log --witness mailed
	assert_failure 2
	assert_equal "$stderr" "xj: --witness goes with --verify and takes the files of heads people saw
Try 'xj --help' for more information."
	run --separate-stderr xj log --verify --witness
	assert_failure 2
}

@test "a new store at the same path is a store of its own: the old one's head is not held against it" {
	new_store
	old=$(store_id)
	rm -f xj.db xj.db-wal xj.db-shm
	new_store
	[ "$(store_id)" != "$old" ]
	run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$stderr" ""
	# one line for each store
	assert_equal "$(grep -c "^$old " state/xj/heads)" 1
	assert_equal "$(grep -c "^$(store_id) " state/xj/heads)" 1
}

@test "a restore of an older copy: the heads it replaced are history, said once; a head no copy vouches for is refused (P2, P20)" {
	new_store
	xj-import -q "$EX/roster.csv"
	xj backup -q copy.db
	roster one.csv <<-'EOF'
	26110101000099,新生甲,男,2008-01-01,110101200801010019,汉族,CS
	EOF
	xj-import -q one.csv
	# li and zhao saw the log after the copy was made, wang its last head
	XDG_STATE_HOME=$PWD/li xj query --fields exam_no > /dev/null
	cp -r li zhao
	between=$(xj log --head)
	roster two.csv <<-'EOF'
	26110101000098,新生乙,女,2008-02-02,110101200802020024,汉族,CS
	EOF
	xj-import -q two.csv
	XDG_STATE_HOME=$PWD/wang xj query --fields exam_no > /dev/null
	last=$(xj log --head)
	XJ_NOW=2026-11-28T10:00:00+08:00 xj restore -q copy.db
	aside="$XJ_DB.before-restore-20261128-100000"
	restore=$(sql "SELECT max(id) FROM audit")
	# the restore names the head it replaced; the admin's head is the new log's
	assert_equal "$(sql "SELECT json_extract(new, '$.replaced_head') FROM audit WHERE id = $restore")" "$last"
	assert_equal "$(cat state/xj/heads)" "$(head_line "$(xj log --head)")"
	# wang saw the head the restore replaced: history, said once
	XDG_STATE_HOME=$PWD/wang run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$stderr" "xj: the store was put back to an older copy since you last saw it (entry ${last%%:*}): the restore is entry $restore of the log"
	XDG_STATE_HOME=$PWD/wang run --separate-stderr xj query --fields exam_no
	assert_equal "$stderr" ""
	assert_equal "$(cat wang/xj/heads)" "$(head_line "$(xj log --head)")"
	# li saw a head in between: the store the restore kept aside holds it
	XDG_STATE_HOME=$PWD/li run --separate-stderr xj query --fields exam_no
	assert_success
	assert_equal "$stderr" "xj: the store was put back to an older copy since you last saw it (entry ${between%%:*}): the restore is entry $restore of the log"
	# without that store, nothing tells the head in between from a rewrite
	mv "$aside" elsewhere.db
	XDG_STATE_HOME=$PWD/zhao run --separate-stderr xj query --fields exam_no
	assert_failure 3
	assert_equal "$stderr" "$(not_extended xj "$between")"
	mv elsewhere.db "$aside"
	XDG_STATE_HOME=$PWD/zhao run --separate-stderr xj log --verify --witness li/xj/heads wang/xj/heads
	assert_success
}

@test "another person's state folder is never used: the heads go to one's own home" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to give a folder to another user"
	new_store
	mkdir other
	chown nobody other
	XDG_STATE_HOME=$PWD/other HOME=$PWD/home xj query --fields exam_no > /dev/null
	[ ! -e other/xj ]
	assert_equal "$(cat home/.local/state/xj/heads)" "$(head_line "$(xj log --head)")"
	assert_equal "$(stat -c %a home/.local/state home/.local/state/xj)" "700
700"
	# a relative XDG_STATE_HOME is no place either (the XDG rule)
	XDG_STATE_HOME=relative HOME=$PWD/home2 xj query --fields exam_no > /dev/null
	[ ! -e relative ]
	[ -s home2/.local/state/xj/heads ]
}
