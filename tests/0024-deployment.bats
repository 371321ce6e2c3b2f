#!/usr/bin/env bats
# Deployment with several staff (xj(7) DEPLOYMENT; DESIGN "Deployment and
# scale"): one store on a local disk shared by a Unix group (xj init
# --group), each person with their own login and their own key in their
# home, each command signed by its doer (P2).  The staff's logins are real
# Unix users, so most of this runs only as root (as CI does).

load test_helper

# Run "$@" as Unix user $1 of group xjt, with that user's own home.
as() {
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --init-groups \
		env HOME="$D/home/$u" XDG_CONFIG_HOME="$D/home/$u/.config" "$@"
}

# Users xjt-a and xjt-b (each with a group of their own) in group xjt, and
# a directory all of them can reach: $D/srv for the store, $D/home/USER.
# Made if missing, so a run that stopped half-way does not get in the way.
deploy() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to make Unix users"
	getent group xjt > /dev/null || groupadd xjt
	for u in xjt-a xjt-b; do
		id -u "$u" > /dev/null 2>&1 || useradd -M -U -G xjt -s /usr/sbin/nologin "$u"
	done
	D=$(mktemp -d /tmp/xjt.XXXXXX)
	chmod 755 "$D"
	mkdir -p "$D/srv" "$D/keys"
	for u in xjt-a xjt-b; do
		mkdir -p "$D/home/$u"
		chown "$u:$u" "$D/home/$u"
		chmod 700 "$D/home/$u"
	done
	cd "$D"
	export XJ_DB="$D/srv/xj.db"
}

teardown() {
	[ "$(id -u)" -eq 0 ] || return 0
	if [ -n "${HOLDER:-}" ]; then
		exec 7>&-
		kill "$HOLDER" 2> /dev/null || true
		wait "$HOLDER" || true
	fi
	if [ -n "${D:-}" ]; then rm -rf "$D"; fi
	for u in xjt-a xjt-b; do
		if id -u "$u" > /dev/null 2>&1; then userdel "$u"; fi
		if getent group "$u" > /dev/null; then groupdel "$u"; fi
	done
	if getent group xjt > /dev/null; then groupdel xjt; fi
}

# "mode owner:group" of each file named.
perms() {
	stat -c '%a %U:%G' "$@"
}

# The example staff with keys: chen (admin, registrar) is xjt-a, li
# (reviewer) is xjt-b, each key made by its holder in their own home; the
# others' keys lie in $D/keys, unused here.
staff_config() {
	local n
	cp "$DATA/keyed.yaml" keyed.yaml
	sed -i "s|@chen@|$(as xjt-a xj-key new -q)|; s|@li@|$(as xjt-b xj-key new -q)|" keyed.yaml
	for n in $(grep -o '@[a-z]*@' keyed.yaml | tr -d @); do
		sed -i "s|@$n@|$(xj-key new -q --key "keys/$n.key")|" keyed.yaml
	done
	chmod 644 keyed.yaml
	AKEY=$D/home/xjt-a/.config/xj/key
	BKEY=$D/home/xjt-b/.config/xj/key
}

@test "a plain xj init keeps the store private: 0600, no group recorded" {
	xj init -q
	assert_equal "$(stat -c %a "$XJ_DB")" 600
	# the group a store is for is the store's own setting: no command prints it
	assert_equal "$(sql "SELECT count(*) FROM meta WHERE key = 'group'")" 0
}

@test "xj init --group with a group the machine does not have is exit 2" {
	run --separate-stderr xj init --group nosuchgroup
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj: no such group: nosuchgroup"
	[ ! -e "$XJ_DB" ]
}

@test "each person's key is in their own home, unreadable by the others" {
	deploy
	run --separate-stderr as xjt-a xj-key new -q
	assert_success
	assert_output --regexp '^ed25519:'
	assert_equal "$stderr" ""
	assert_equal "$(perms "$D/home/xjt-a/.config/xj/key")" "600 xjt-a:xjt-a"
	run --separate-stderr as xjt-b cat "$D/home/xjt-a/.config/xj/key"
	assert_failure
	assert_output ""
	assert_equal "$stderr" "cat: $D/home/xjt-a/.config/xj/key: Permission denied"
}

@test "xj init --group: the directory setgid of the group, the store 0660 of it" {
	deploy
	chmod 700 srv
	run --separate-stderr xj init --group xjt
	assert_success
	assert_output ""
	assert_equal "$stderr" "xj: created store $XJ_DB"
	assert_equal "$(perms srv)" "2770 root:xjt"
	assert_equal "$(perms srv/xj.db)" "660 root:xjt"
	# the store's own setting, which its later copies and restores follow
	assert_equal "$(sql "SELECT value FROM meta WHERE key = 'group'")" xjt
	# the -wal and -shm are gone with the last connection
	[ ! -e srv/xj.db-wal ]
	[ ! -e srv/xj.db-shm ]
}

@test "a directory not the caller's and not ready for the group is refused" {
	deploy
	chmod 777 srv
	run --separate-stderr as xjt-a xj init --group xjt
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "xj: directory $D/srv is not yours to give to group xjt: have its owner run 'chgrp xjt $D/srv && chmod g+rwxs $D/srv'"
	[ ! -e srv/xj.db ]
	assert_equal "$(perms srv)" "777 root:root"
}

@test "a directory its owner made ready for the group: a member makes the store there" {
	deploy
	chgrp xjt srv
	chmod 2770 srv
	run --separate-stderr as xjt-a xj init -q --group xjt
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(perms srv/xj.db)" "660 xjt-a:xjt"
}

# A group store with the example roster in it, loaded and imported by A
# with the key in A's home.
group_store() {
	deploy
	staff_config
	xj init -q --group xjt
	as xjt-a xj config load -q keyed.yaml
	as xjt-a xj-import -q --key "$AKEY" "$EX/roster.csv"
}

@test "two staff work on one group store, each with their own key, each entry under its signer's name (P2)" {
	deploy
	staff_config
	xj init -q --group xjt
	# the admin loads the config with the key in their home
	run --separate-stderr as xjt-a xj config load -q keyed.yaml
	assert_success
	assert_equal "$stderr" ""
	as xjt-a xj-import -q --key "$AKEY" "$EX/roster.csv"
	run --separate-stderr as xjt-b xj-verify review -q --key "$BKEY" $RECHECK 26110101000001
	assert_success
	assert_equal "$output$stderr" ""
	run xj-verify status --stage recheck 26110101000001
	assert_output - <<'EOF'
exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000001,张伟,recheck,pass,reviewed,li,,,,
EOF
	# who did what: the staff member whose key signed, and the login
	run xj log -f tsv
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f4-6,8)" "$(cat <<'EOF'
user	login	program	action
	root	xj init	init
	root	xj init	rows
chen	xjt-a	xj config	config
chen	xjt-a	xj config	rows
chen	xjt-a	xj-import	import
chen	xjt-a	xj-import	rows
li	xjt-b	xj-verify	review
li	xjt-b	xj-verify	rows
EOF
)"
	for u in xjt-a xjt-b; do
		run --separate-stderr as "$u" xj query --fields exam_no 26110101000001
		assert_success
		assert_output "exam_no
26110101000001"
		assert_equal "$stderr" ""
		run --separate-stderr as "$u" xj log --verify
		assert_success
	done
	assert_equal "$(perms srv/xj.db)" "660 root:xjt"
}

@test "one of the staff cannot act with another's key: it is not theirs to read (P2)" {
	group_store
	run --separate-stderr as xjt-b xj-import --key "$AKEY" "$EX/roster.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "xj-import: cannot read key $AKEY: Permission denied"
}

# User $1 keeps the store open through sqlite3, reading from the fifo hold
# until hold_close; it says it has the store open by making the file open
# in its home.
hold_open() {
	local sig="$D/home/$1/open"
	[ -p hold ] || { mkfifo hold; chmod 666 hold; }
	rm -f "$sig"
	as "$1" sqlite3 "$XJ_DB" < hold > /dev/null 3>&- &
	HOLDER=$!
	exec 7> hold
	printf 'SELECT count(*) FROM meta;\n.shell touch %s\n' "$sig" >&7
	signalled "$sig"
}

hold_close() {
	exec 7>&-
	wait "$HOLDER"
	HOLDER=
}

# The -wal and -shm of a group store: made by whoever opens it first, with
# the store's mode and the directory's group, so the others can write them;
# removed by the last one out and made again by the next.
@test "the -wal and -shm one member makes are 0660 of the group, and another writes into them" {
	group_store
	# A holds the store open (reading) while B writes
	hold_open xjt-a
	assert_equal "$(perms srv/xj.db-wal srv/xj.db-shm)" "660 xjt-a:xjt
660 xjt-a:xjt"
	run --separate-stderr as xjt-b xj-verify review -q --key "$BKEY" $RECHECK 26110101000001
	assert_success
	assert_equal "$output$stderr" ""
	[ -s srv/xj.db-wal ]
	hold_close
	run xj-verify status --stage recheck 26110101000001
	assert_line --index 1 "26110101000001,张伟,recheck,pass,reviewed,li,,,,"
	as xjt-b xj log --verify
}

@test "the last one out removes the -wal and -shm; the next one makes them again, 0660 of the group" {
	group_store
	hold_open xjt-a
	as xjt-b xj-verify review -q --key "$BKEY" $RECHECK 26110101000001
	hold_close
	# the last one out checkpointed and removed both
	[ ! -e srv/xj.db-wal ]
	[ ! -e srv/xj.db-shm ]
	# made again, by B this time, and A writes into them
	hold_open xjt-b
	assert_equal "$(perms srv/xj.db-wal srv/xj.db-shm)" "660 xjt-b:xjt
660 xjt-b:xjt"
	sed 's/,13812345678$/,13812345679/' "$EX/roster.csv" > phone.csv
	run --separate-stderr as xjt-a xj-import -q --update --key "$AKEY" phone.csv
	assert_success
	assert_equal "$output$stderr" ""
	[ -s srv/xj.db-wal ]
	hold_close
	[ ! -e srv/xj.db-wal ]
	[ ! -e srv/xj.db-shm ]
	run xj query --fields exam_no,phone 26110101000001
	assert_output "exam_no,phone
26110101000001,138****5679"
	as xjt-b xj log --verify
}

# group_store, and a directory of the group for copies.
group_copies() {
	group_store
	mkdir -m 2770 srv/copies
	chgrp xjt srv/copies
}

@test "a writer that died leaves its note; the next member replaces it, and the note is the group's" {
	group_store
	# A died holding the lock: its note, private to A, names a gone process
	as xjt-a sh -c 'printf "xj-import\tchen\t999999999\t2026-09-10T09:00:00+08:00\n" > "$XJ_DB-holder"; chmod 600 "$XJ_DB-holder"'
	assert_equal "$(perms srv/xj.db-holder)" "600 xjt-a:xjt"
	# B writes, held with its write not ended
	as xjt-b sh -c "cd \$HOME && XJ_PAUSE=item xj-verify review -q --key '$BKEY' $RECHECK 26110101000001" &
	pid=$!
	signalled "$D/home/xjt-b/item.paused"
	assert_equal "$(perms srv/xj.db-holder)" "660 xjt-b:xjt"
	run as xjt-a cat srv/xj.db-holder
	assert_output --regexp $'^xj-verify\tli\t[0-9]+\t'
	touch "$D/home/xjt-b/item.go"
	wait $pid
	[ ! -e srv/xj.db-holder ]
	run xj-verify status --stage recheck 26110101000001
	assert_line --index 1 "26110101000001,张伟,recheck,pass,reviewed,li,,,,"
}

@test "a copy of a group store in the group's directory is the group's, 0660" {
	group_copies
	run --separate-stderr as xjt-a xj backup -q srv/copies/one.db
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(perms srv/copies/one.db)" "660 xjt-a:xjt"
}

@test "a copy of a group store in a directory not of the group is given the group, 0660" {
	group_copies
	run --separate-stderr as xjt-a xj backup -q "$D/home/xjt-a/two.db"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(perms "$D/home/xjt-a/two.db")" "660 xjt-a:xjt"
}

@test "the dated copies of xj backup --keep of a group store are the group's, 0660" {
	group_copies
	run --separate-stderr as xjt-a xj backup -q --keep 2 srv/copies
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(perms srv/copies/xj-*.db)" "660 xjt-a:xjt"
}

@test "a copy of a private store stays private, 0600" {
	deploy
	staff_config
	xj init -q -d private.db
	XJ_KEY=$AKEY xj config load -q -d private.db keyed.yaml
	run --separate-stderr env XJ_KEY="$AKEY" xj backup -q -d private.db private-copy.db
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(perms private-copy.db)" "600 root:root"
}

@test "a group store put back by xj restore is the group's, 0660" {
	group_copies
	as xjt-a xj backup -q srv/copies/one.db
	run --separate-stderr as xjt-a xj restore -q srv/copies/one.db
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(perms srv/xj.db)" "660 xjt-a:xjt"
	# the store's own setting: the copy put back is still the group's
	assert_equal "$(sql "SELECT value FROM meta WHERE key = 'group'")" xjt
	run --separate-stderr as xjt-b xj log --verify
	assert_success
}
