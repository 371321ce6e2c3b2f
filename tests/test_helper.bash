# Shared set-up for the bats tests: a fresh directory and store per test,
# locale, time zone and clock pinned, the built programs first on PATH.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
EX="$TOP/examples"
DATA="$BATS_TEST_DIRNAME/data"

setup() {
	export LC_ALL=C.UTF-8 TZ=CST-8
	export XJ_NOW=2026-09-10T09:00:00+08:00
	export PATH="${XJ_BIN:-$TOP/build/bin}:${XJ_TOOLS:-$TOP/build/tools}:$PATH"
	cd "$BATS_TEST_TMPDIR"
	export XJ_DB="$BATS_TEST_TMPDIR/xj.db"
	unset XJ_USER XJ_KEY LANGUAGE XJ_ALLOW_NETWORK_FS XJ_LOCALEDIR XJ_TZ
	# never a real key of whoever runs the tests
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
	# nor their heads witnessed (P2): each test's own state
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
}

# The example staff's keys (examples/keys), private as a key must be.
example_keys() {
	local n
	mkdir -p ekeys
	for n in li wang zhao chen sun; do
		install -m 600 "$EX/keys/$n.key" "ekeys/$n.key"
	done
}

# A store with the example config loaded by its admin, chen, whose key is
# then the one in use unless a command names another.
new_store() {
	example_keys
	export XJ_KEY="$BATS_TEST_TMPDIR/ekeys/chen.key"
	xj init -q
	xj config load -q "$EX/xj.yaml"
}

# The store, asked directly.
sql() {
	sqlite3 -batch -noheader "$XJ_DB" "$1"
}

# Edit the store as an attacker with sqlite3 would: the triggers that log
# every row (xj_row_*) dropped for the edit and put back after it, so that
# the row log holds nothing of it and xj works on as before.
behind() {
	local q="FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'xj\_row\_%' ESCAPE '\'"
	local drop put
	drop=$(sql "SELECT group_concat('DROP TRIGGER ' || name || ';', ' ') $q")
	put=$(sql "SELECT group_concat(sql || ';', char(10)) $q")
	unguarded "$drop $1; $put"
}

# Edit the store with sqlite3, the guards the edit drops (DROP TRIGGER
# x_no_update) put back after it as they were: a store whose schema is
# not xj's is refused by every program and named by xj log --verify
# (0031), and the attacker who means to pass unseen knows it.
unguarded() {
	local snap="$BATS_TEST_TMPDIR/guards-$RANDOM.db" put
	rm -f "$snap"
	sql "ATTACH '$snap' AS g; CREATE TABLE g.kept AS SELECT name, sql FROM main.sqlite_master
	     WHERE type = 'trigger'"
	sql "$1"
	put=$(sql "ATTACH '$snap' AS g; SELECT group_concat(sql || ';', char(10)) FROM g.kept
		   WHERE name NOT IN (SELECT name FROM main.sqlite_master WHERE type = 'trigger')")
	[ -z "$put" ] || sql "$put"
	rm -f "$snap"
}

# Edit the store as an attacker who means to be found no sooner: every
# trigger dropped (the guards and the row log's), the edit, and every
# trigger put back as it was.
tamper() {
	unguarded "$(sql "SELECT group_concat('DROP TRIGGER ' || name || ';', ' ') FROM sqlite_master
		    WHERE type = 'trigger'"); $1"
}

# A roster CSV from here-doc lines after the English header.
roster() {
	{
		echo "exam_no,name,gender,birth_date,id_number,ethnicity,dept"
		cat
	} > "${1:-roster.csv}"
}

# A store whose staff have keys (keys/NAME.key), the example roster in it.
keyed_store() {
	keyed_store_empty
	xj-import -q --key keys/chen.key "$EX/roster.csv"
}

# The same, before any student is imported.
keyed_store_empty() {
	local n
	mkdir -p keys
	cp "$DATA/keyed.yaml" keyed.yaml
	for n in li zhou wang ma zhao chen qian; do
		sed -i "s|@$n@|$(xj-key new -q --key "keys/$n.key")|" keyed.yaml
	done
	xj-key new -q --key keys/evil.key > /dev/null
	xj init -q
	xj config load -q --key keys/chen.key keyed.yaml
}

RECHECK="--stage recheck --result pass --item registration=ok --item health=ok --item procedure=ok --item eligibility=ok"

# Students registered on CHSI (P9): the re-check signed at all three levels,
# the approved list handed to CHSI, its feedback taken in.
chsi_registered() {
	local k
	xj-verify review -q --key keys/li.key $RECHECK "$@"
	xj-verify confirm -q --key keys/zhou.key "$@"
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept "$@"
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader "$@"
	xj-register new -q --template "$EX/templates/chsi-new.yaml" -o new.csv --commit \
		--key keys/chen.key "$@"
	printf 'exam_no,result\n' > fb.csv
	for k in "$@"; do printf '%s,success\n' "$k" >> fb.csv; done
	xj-register result -q --key keys/chen.key fb.csv
}

# Students of the 2026 cohort taken through three years of study: re-check
# and registration (chsi_registered), two annual registrations, results
# each year, photos.
studied() {
	local k
	chsi_registered "$@"
	for y in 2026 2027 2028; do printf 'exam_no,year,credits,credits_required\n' > r$y.csv; done
	printf 'exam_no,pair,result\n' > photos.csv
	for k in "$@"; do
		printf '%s,2026,40,\n' "$k" >> r2026.csv
		printf '%s,2027,80,\n' "$k" >> r2027.csv
		printf '%s,2028,120,120\n' "$k" >> r2028.csv
		printf '%s,graduation-admission,match\n%s,graduation-enrolment,match\n%s,graduation-idcard,match\n' \
			"$k" "$k" "$k" >> photos.csv
	done
	XJ_NOW=2027-09-10T09:00:00+08:00 xj-register annual -q --year 2027 --key keys/chen.key > /dev/null
	XJ_NOW=2028-09-10T09:00:00+08:00 xj-register annual -q --year 2028 --key keys/chen.key > /dev/null
	# CUMULATIVE=1: no yearly results, the credits once at the end
	if [ -z "${CUMULATIVE:-}" ]; then
		for y in 2026 2027 2028; do xj-import -q --key keys/chen.key --source results r$y.csv; done
	fi
	xj-verify photos -q --key keys/chen.key photos.csv
}

# A student's credential issued (2029-06-20) and registered on CHSI: from
# then on the record is frozen (P16).
credential_registered() {
	studied "$@"
	XJ_NOW=2029-06-20T09:00:00+08:00 xj-diploma issue -q --conclusion graduate \
		--key keys/chen.key "$@" > /dev/null
	XJ_NOW=2029-06-20T09:00:00+08:00 xj-diploma register -q \
		--template "$EX/templates/chsi-diploma.yaml" -o diploma.csv --commit \
		--key keys/chen.key > /dev/null
	printf 'exam_no,result\n' > chsi.csv
	for k in "$@"; do printf '%s,success\n' "$k" >> chsi.csv; done
	XJ_NOW=2029-06-20T09:00:00+08:00 xj-diploma result -q --key keys/chen.key chsi.csv > /dev/null
}

# Until another process says, by making file $1, that it has got where the
# test needs it (holds the lock, has the store open, waits for the lock):
# a signal, not a guess at how long it takes.  With $2, until the file
# holds that text too (a program that says it waits).  At most 60 s, so
# that one that died fails the test instead of hanging it.
signalled() {
	local i=0
	until [ -e "$1" ] && { [ -z "${2:-}" ] || grep -qF -- "$2" "$1"; }; do
		if [ $i -ge 1200 ]; then
			echo "no signal $1${2:+ saying '$2'} after 60 s" >&2
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
}

# Another writer holds the store's write lock for as long as the test
# wants: a sqlite3 in a transaction, fed through the FIFO lock.in, which
# says it holds the lock by making the file locked.  release_lock lets go.
hold_lock() {
	rm -f lock.in locked
	mkfifo lock.in
	sqlite3 "$XJ_DB" < lock.in > /dev/null 2>&1 3>&- &
	LOCK_HOLDER=$!
	exec 4> lock.in
	printf 'BEGIN IMMEDIATE;\n.shell touch locked\n' >&4
	signalled locked
}

release_lock() {
	exec 4>&-
	wait "$LOCK_HOLDER"
	LOCK_HOLDER=
	rm -f lock.in locked
}

# A program run in the background on a terminal (script(1)), as a person
# runs it, so that it says when it waits for the lock; what it prints goes
# to the file $1.  Its pid is BG.
on_terminal() {
	local out=$1 cmd
	shift
	printf -v cmd '%q ' "$@"
	script -qefc "$cmd" /dev/null < /dev/null > "$out" 2>&1 4>&- &
	BG=$!
}
