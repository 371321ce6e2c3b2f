#!/bin/sh
# stress.sh BINDIR TOOLSDIR: crash safety.  Kills xj-import, xj-register
# annual and xj-diploma issue with SIGKILL at random moments (XJ_KILLS per
# program, default 50) and checks after each kill that the store is whole
# (PRAGMA integrity_check), the audit log verifies (xj log --verify), the
# store is in WAL mode again, and
# the command's effect is all or nothing; then runs the command again and
# checks that it completes.  Then it runs annual registrations, imports and
# queries at once.  Run by `make check-stress`; prints a line per part and
# fails on the first broken promise.
#
# Every change is made by a staff member proven by a key, in a role that
# may run the verb.  The script makes its own staff (a registrar who is
# also the admin, two reviewers, a head for each department, a leader),
# the first config load signed by the admin, and takes the students the
# way the policy does: the re-check reviewed, audited and signed at both
# levels (P1, P7), the approved list handed to CHSI (xj-register new
# --commit) and CHSI's feedback taken for it (P9), then the annual
# registrations (P11), results, photo comparisons and certificates.
set -u

BIN=$(cd "${1:-build/bin}" && pwd) || exit 1
TOOLS=$(cd "${2:-build/tools}" && pwd) || exit 1
TOP=$(cd "$(dirname "$0")/.." && pwd) || exit 1
. "$TOP/tests/bulk.sh"
KILLS=${XJ_KILLS:-50}
ROWS=${XJ_STRESS_ROWS:-30000}
PATH="$BIN:$TOOLS:$PATH"
export PATH LC_ALL=C.UTF-8 TZ=Asia/Shanghai

die() { echo "stress: $*" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-stress.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
# never the key or the state of whoever runs the script
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/config XDG_STATE_HOME=$tmp/home/state
export HOME XDG_CONFIG_HOME XDG_STATE_HOME
unset XJ_DB XJ_USER XJ_KEY XJ_NOW XJ_PASSPHRASE LANGUAGE XJ_LOCALEDIR XJ_ALLOW_NETWORK_FS

# A store as it stood before the command: copied with its WAL files.  What
# the staff's programs remember of the store (their own state) is of the
# store before the copy was put back, and goes with it.
reset_home() { rm -rf "$HOME"; mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"; }
restore() {
	rm -f run.db run.db-*
	for f in "$1"*; do cp "$f" "run.db${f#"$1"}"; done
	reset_home
}
count() { sqlite3 -batch -noheader run.db "$1"; }

# The store after a kill: whole, the log verifying, the effect all or none.
check() {	# check LABEL EXPECT-SQL ALLOWED-VALUES
	[ "$(count 'PRAGMA integrity_check')" = ok ] || die "$1: integrity_check failed"
	XJ_DB=run.db xj log --verify >/dev/null 2>log.err ||
		die "$1: xj log --verify failed: $(head -n 3 log.err)"
	# a kill inside a bulk load leaves the store out of WAL mode until a
	# program opens it again
	[ "$(count 'PRAGMA journal_mode')" = wal ] || die "$1: the store is not in WAL mode"
	got=$(count "$2")
	case " $3 " in
	*" $got "*) ;;
	*) die "$1: $2 gave $got, want one of: $3" ;;
	esac
}

# Kill a command at a random moment within its usual run time.
kill_at_random() {	# kill_at_random SECONDS COMMAND...
	max=$1
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$max" -v r="$(od -An -N2 -tu2 /dev/urandom)" \
		'BEGIN { printf "%.3f", m * r / 65536 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# How long a command takes, to aim the kills inside it.
duration() {
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; if (d < 0.05) d = 0.05; printf "%.3f", d }'
}

# The staff and their keys.  The heads' departments are those xj-genroster
# gives its students.
reset_home
mkdir keys
bulk_keys keys chen li zhou wang ma wu zhao || die "making the staff's keys failed"
bulk_config keys >xj.yaml
# chen's key is the one in use unless a command names another: the
# registrar's for the imports, registrations and certificates, the admin's
# for the first config load
XJ_KEY=$tmp/keys/chen.key
export XJ_KEY
# the roster arrives, and is re-checked, in September 2026 (P7)
XJ_NOW=2026-09-10T09:00:00+08:00
export XJ_NOW
xj-genroster --rows "$ROWS" --seed 5 --cohort 2026 >roster.csv || die "xj-genroster failed"
{ XJ_DB=empty.db xj init -q && XJ_DB=empty.db xj config load -q xj.yaml; } || die "set-up failed"

# 1. xj-import: all the roster's students or none.
restore empty.db
secs=$(duration env XJ_DB=run.db xj-import -q roster.csv)
i=0
while [ "$i" -lt "$KILLS" ]; do
	restore empty.db
	kill_at_random "$secs" env XJ_DB=run.db xj-import -q roster.csv
	check "xj-import kill $i" "SELECT count(*) FROM student" "0 $ROWS"
	XJ_DB=run.db xj-import -q roster.csv >/dev/null 2>&1 || die "xj-import after kill $i failed"
	check "xj-import again after kill $i" "SELECT count(*) FROM student" "$ROWS"
	i=$((i + 1))
done
echo "xj-import: $KILLS kills of a $ROWS-row import ($secs s), store whole, all or nothing"

# 2. xj-register annual: the year's registrations all or none.  First the
# students are registered on CHSI: the re-check reviewed by li, audited by
# zhou, signed by each department's head and by the leader; the approved
# list handed to CHSI; CHSI's feedback on it taken in.
restore empty.db
XJ_DB=run.db xj-import -q roster.csv || die "import failed"
awk -F, 'NR == 1 { print "exam_no"; next } { print $1 }' roster.csv >keys.csv
bulk_recheck run.db roster.csv keys . || die "the re-check failed"
XJ_DB=run.db xj-register new -q --template "$TOP/examples/templates/chsi-new.yaml" \
	-o new.csv --commit || die "xj-register new --commit failed"
n=$(($(wc -l <new.csv) - 1))
[ "$n" -eq "$ROWS" ] || die "xj-register new --commit: $n students handed to CHSI, not $ROWS"
awk -F, 'NR == 1 { print "exam_no,result"; next } { print $1 ",success" }' roster.csv >fb.csv
XJ_DB=run.db xj-register result -q fb.csv >/dev/null || die "result failed"
check "registered on CHSI" \
	"SELECT count(*) FROM registration WHERE kind = 'new' AND state = 'registered'" "$ROWS"
rm -f registered.db registered.db-*
for f in run.db*; do cp "$f" "registered.db${f#run.db}"; done
export XJ_NOW=2027-09-10T09:00:00+08:00
secs=$(duration env XJ_DB=run.db xj-register annual -q --year 2027)
i=0
while [ "$i" -lt "$KILLS" ]; do
	restore registered.db
	kill_at_random "$secs" env XJ_DB=run.db xj-register annual -q --year 2027
	check "annual kill $i" "SELECT count(*) FROM registration WHERE kind = 'annual'" "0 $ROWS"
	XJ_DB=run.db xj-register annual -q --year 2027 >/dev/null 2>&1 ||
		die "annual after kill $i failed"
	check "annual again after kill $i" \
		"SELECT count(*) FROM registration WHERE kind = 'annual'" "$ROWS"
	i=$((i + 1))
done
echo "xj-register annual: $KILLS kills of $ROWS registrations ($secs s), all or nothing"

# 3. xj-diploma issue: certificates all or none, numbers without gaps.
restore registered.db
XJ_NOW=2028-09-10T09:00:00+08:00 XJ_DB=run.db xj-register annual -q --year 2028 >/dev/null ||
	die "annual 2028 failed"
XJ_DB=run.db xj-register annual -q --year 2027 >/dev/null || die "annual 2027 failed"
for y in 2026 2027 2028; do
	awk -F, -v y=$y 'NR == 1 { print "exam_no,year,credits,credits_required"; next }
		{ print $1 "," y ",120,120" }' roster.csv >r$y.csv
	XJ_DB=run.db xj-import -q --source results r$y.csv || die "results failed"
done
awk -F, 'NR == 1 { print "exam_no,pair,result"; next } { print $1 ",graduation-admission,match";
	print $1 ",graduation-enrolment,match"; print $1 ",graduation-idcard,match" }' roster.csv >ph.csv
XJ_DB=run.db xj-verify photos -q ph.csv || die "photos failed"
rm -f eligible.db eligible.db-*
for f in run.db*; do cp "$f" "eligible.db${f#run.db}"; done
export XJ_NOW=2029-06-20T09:00:00+08:00
secs=$(duration sh -c "XJ_DB=run.db xj-diploma issue -q --conclusion graduate - <keys.csv")
gapless="SELECT count(*) = ifnull(max(CAST(substr(number, 13) AS INTEGER)), 0) FROM certificate"
i=0
while [ "$i" -lt "$KILLS" ]; do
	restore eligible.db
	kill_at_random "$secs" sh -c "XJ_DB=run.db exec xj-diploma issue -q --conclusion graduate - <keys.csv"
	check "issue kill $i" "SELECT count(*) FROM certificate" "0 $ROWS"
	check "issue kill $i, numbers" "$gapless" "1"
	# those issued before the kill are refused now: exit 1 is expected
	XJ_DB=run.db xj-diploma issue -q --conclusion graduate - <keys.csv >/dev/null 2>&1
	check "issue again after kill $i" "SELECT count(*) FROM certificate" "$ROWS"
	check "issue again after kill $i, numbers" "$gapless" "1"
	i=$((i + 1))
done
echo "xj-diploma issue: $KILLS kills of $ROWS certificates ($secs s), no gap, no repeat"

# 4. Concurrency: a cron-like annual registration, imports and queries at
# once, each writer with the registrar's key; nothing reaches the user as
# "database is locked", nothing is lost or doubled, the log verifies.
restore registered.db
unset XJ_NOW
xj-genroster --rows 1000 --seed 6 --cohort 2027 >more.csv || die "xj-genroster failed"
i=0
while [ "$i" -lt 100 ]; do
	{ head -n 1 more.csv; sed -n "$((i * 10 + 2)),$((i * 10 + 11))p" more.csv; } >part-$i.csv
	i=$((i + 1))
done
( for i in $(seq 1 30); do
	XJ_NOW=2027-09-10T09:00:00+08:00 XJ_DB=run.db xj-register annual -q --year 2027 \
		>/dev/null 2>>errors || echo "annual $i: exit $?" >>errors
  done ) &
( for i in $(seq 0 99); do
	XJ_DB=run.db xj-import -q "part-$i.csv" 2>>errors || echo "import $i: exit $?" >>errors
  done ) &
( for i in $(seq 1 200); do
	XJ_DB=run.db xj query --cohort 2026 --fields exam_no >/dev/null 2>>errors ||
		echo "query $i: exit $?" >>errors
  done ) &
( for i in $(seq 1 100); do
	XJ_DB=run.db xj log --head >/dev/null 2>>errors || echo "head $i: exit $?" >>errors
  done ) &
wait
[ ! -s errors ] || die "concurrency: $(head -n 5 errors)"
check "concurrency" "SELECT count(*) FROM student" "$((ROWS + 1000))"
check "concurrency, registrations" \
	"SELECT count(*) FROM registration WHERE kind = 'annual' AND state = 'registered'" "$ROWS"
echo "concurrency: 30 annual runs, 100 imports, 200 queries and 100 log heads at once," \
	"nothing locked out, nothing lost"
