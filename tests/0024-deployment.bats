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
	assert_equal "$stderr" "xj: created store $XJ_DB"
	assert_equal "$(perms srv)" "2770 root:xjt"
	assert_equal "$(perms srv/xj.db)" "660 root:xjt"
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
	assert_equal "$stderr" "xj: directory $D/srv is not yours to give to group xjt: have its owner run 'chgrp xjt $D/srv && chmod g+rwxs $D/srv'"
	[ ! -e srv/xj.db ]
	assert_equal "$(perms srv)" "777 root:root"
	# once its owner made it ready, a member may make the store there
	chgrp xjt srv
	chmod 2770 srv
	as xjt-a xj init -q --group xjt
	assert_equal "$(perms srv/xj.db)" "660 xjt-a:xjt"
}

@test "two staff work on one group store, each with their own key (P2)" {
	deploy
	staff_config
	xj init -q --group xjt
	# the admin loads the config with the key in their home
	run --separate-stderr as xjt-a xj config load -q keyed.yaml
	assert_success
	as xjt-a xj-import -q --key "$AKEY" "$EX/roster.csv"
	run --separate-stderr as xjt-b xj-verify review -q --key "$BKEY" $RECHECK 26110101000001
	assert_success
	assert_equal "$(sql "SELECT reviewer FROM review")" li
	assert_equal "$(sql "SELECT signer FROM command_sig ORDER BY command_id" | sort -u)" "chen
li"
	for u in xjt-a xjt-b; do
		run --separate-stderr as "$u" xj query --fields exam_no 26110101000001
		assert_success
		assert_output "exam_no
26110101000001"
		run --separate-stderr as "$u" xj log --verify
		assert_success
	done
	assert_equal "$(perms srv/xj.db)" "660 root:xjt"
	# B cannot act with A's key: it is not B's to read
	run --separate-stderr as xjt-b xj-import --key "$AKEY" "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: cannot read key $AKEY: Permission denied"
}

# The -wal and -shm of a group store: made by whoever opens it first, with
# the store's mode and the directory's group, so the others can write them;
# removed by the last one out and made again by the next.
@test "the -wal and -shm files come out 0660 of the group, each time they are made" {
	deploy
	staff_config
	xj init -q --group xjt
	as xjt-a xj config load -q keyed.yaml
	as xjt-a xj-import -q --key "$AKEY" "$EX/roster.csv"
	mkfifo hold
	chmod 666 hold
	# A holds the store open (reading) while B writes
	hold_open xjt-a
	assert_equal "$(perms srv/xj.db-wal srv/xj.db-shm)" "660 xjt-a:xjt
660 xjt-a:xjt"
	as xjt-b xj-verify review -q --key "$BKEY" $RECHECK 26110101000001
	[ -s srv/xj.db-wal ]
	hold_close
	# the last one out checkpointed and removed both
	[ ! -e srv/xj.db-wal ]
	[ ! -e srv/xj.db-shm ]
	# made again, by B this time, and A writes into them
	hold_open xjt-b
	assert_equal "$(perms srv/xj.db-wal srv/xj.db-shm)" "660 xjt-b:xjt
660 xjt-b:xjt"
	sed 's/,13812345678$/,13812345679/' "$EX/roster.csv" > phone.csv
	as xjt-a xj-import -q --update --key "$AKEY" phone.csv
	[ -s srv/xj.db-wal ]
	hold_close
	[ ! -e srv/xj.db-wal ]
	assert_equal "$(sql "SELECT count(*) FROM review")" 1
	assert_equal "$(sql "SELECT phone FROM student WHERE exam_no = '26110101000001'")" 13812345679
	as xjt-b xj log --verify
}

# User $1 keeps the store open through sqlite3, reading from the fifo hold
# until hold_close.
hold_open() {
	local i=0
	as "$1" sqlite3 "$XJ_DB" < hold > /dev/null 3>&- &
	HOLDER=$!
	exec 7> hold
	echo "SELECT count(*) FROM meta;" >&7
	while [ ! -e srv/xj.db-shm ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

hold_close() {
	exec 7>&-
	wait "$HOLDER"
	HOLDER=
}

# A group store with the example roster in it, and a directory for copies.
group_store() {
	deploy
	staff_config
	xj init -q --group xjt
	as xjt-a xj config load -q keyed.yaml
	as xjt-a xj-import -q --key "$AKEY" "$EX/roster.csv"
	mkdir -m 2770 srv/copies
	chgrp xjt srv/copies
}

@test "a copy of a group store stays the group's, 0660; a private one's stays 0600" {
	group_store
	run --separate-stderr as xjt-a xj backup -q srv/copies/one.db
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(perms srv/copies/one.db)" "660 xjt-a:xjt"
	# into a directory not of the group, the copy is given the group
	as xjt-a xj backup -q "$D/home/xjt-a/two.db"
	assert_equal "$(perms "$D/home/xjt-a/two.db")" "660 xjt-a:xjt"
	# the dated copies of --keep too
	as xjt-a xj backup -q --keep 2 srv/copies
	assert_equal "$(perms srv/copies/xj-*.db)" "660 xjt-a:xjt"
	# a private store's copy stays private
	xj init -q -d private.db
	XJ_KEY=$AKEY xj config load -q -d private.db keyed.yaml
	XJ_KEY=$AKEY xj backup -q -d private.db private-copy.db
	assert_equal "$(perms private-copy.db)" "600 root:root"
}

@test "a group store put back by xj restore is the group's, 0660" {
	group_store
	as xjt-a xj backup -q srv/copies/one.db
	run --separate-stderr as xjt-a xj restore -q srv/copies/one.db
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(perms srv/xj.db)" "660 xjt-a:xjt"
	assert_equal "$(sql "SELECT value FROM meta WHERE key = 'group'")" xjt
	run --separate-stderr as xjt-b xj log --verify
	assert_success
}
