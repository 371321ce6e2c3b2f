#!/bin/sh
# bench.sh BINDIR TOOLSDIR: time xj-import against sqlite3's own CSV import,
# and time lookups with xj query.  Run by `make bench`.
#
# For each roster size (XJ_BENCH_ROWS, default "200000 1000000") it generates
# a roster with xj-genroster, then times on a fresh database:
#   (a) sqlite3 DB ".import --csv FILE roster"
#   (b) xj init -q && xj config load -q CONFIG && xj-import -q --cohort 2026 FILE
# Into the largest store it then imports a tenth more students (against
# sqlite3 importing them into its table), the same file again, and the
# first roster again with ten rows changed, its other rows known from its
# first import (against the same read with --every-row).  On
# that store it times 200 single-key `xj query --student K` runs and one
# `xj query -` run with every 100th exam number (against sqlite3 doing the
# same lookups), and `xj log --verify` of the whole store.  Last it times the annual
# registration of XJ_BENCH_ANNUAL students (default 100000), twice, and the
# issue of XJ_BENCH_DIPLOMAS certificates (default 20000), and the archive's
# fixity check against sha256sum on XJ_BENCH_COPIES files of 1 MiB.  Targets are printed next to
# the figures, never asserted: the script fails only when a command fails.
#
# Every change is made with the key of a staff member whose role may make
# it: the bench makes its own staff and keys (a registrar who is also the
# admin, two reviewers, a head for each department, a leader, an
# archivist), and takes the students the way the policy does before the
# registrations and certificates: the re-check reviewed, audited and
# signed (P1, P7), the list handed to CHSI and its feedback taken (P9),
# status changes requested and approved at every level (P12).
set -u

BIN=${1:-build/bin}
TOOLS=${2:-build/tools}
SIZES=${XJ_BENCH_ROWS:-200000 1000000}
COHORT=2026
SINGLE=200		# single-key lookups timed one process each

die() { echo "bench: $*" >&2; exit 1; }

BIN=$(cd "$BIN" 2>/dev/null && pwd) || die "no directory $1"
TOOLS=$(cd "$TOOLS" 2>/dev/null && pwd) || die "no directory $2"
TOP=$(cd "$(dirname "$0")/.." && pwd) || die "no directory $(dirname "$0")/.."
. "$TOP/tests/bulk.sh"
for p in "$BIN/xj" "$BIN/xj-import" "$BIN/xj-key" "$TOOLS/xj-genroster"; do
	[ -x "$p" ] || die "$p is missing; run make first"
done
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is missing (apt-get install sqlite3)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# never the key or the state of whoever runs the bench
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/config XDG_STATE_HOME=$tmp/home/state
export HOME XDG_CONFIG_HOME XDG_STATE_HOME
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
unset XJ_DB XJ_USER XJ_KEY XJ_NOW XJ_PASSPHRASE LANGUAGE XJ_LOCALEDIR XJ_ALLOW_NETWORK_FS

# The staff and their keys.  The heads' departments are those xj-genroster
# gives its students; sun keeps the archive.
mkdir "$tmp/keys" "$tmp/archive"
bulk_keys "$tmp/keys" chen li zhou wang ma wu zhao sun || die "xj-key new failed"
config="$tmp/xj.yaml"
cat >"$config" <<EOF
$(bulk_config "$tmp/keys")
  - {name: sun, roles: [archivist], key: "$(cat "$tmp/keys/sun.pub")"}
archive: {root: $tmp/archive}
EOF
# chen's key unless a command names another: the admin's for the config,
# the registrar's for imports, registrations and certificates
XJ_KEY=$tmp/keys/chen.key
export XJ_KEY
# the rosters arrive, and are re-checked, in September 2026 (P7)
XJ_NOW=2026-09-10T09:00:00+08:00
export XJ_NOW

# new_store DB: a store with the config loaded by its admin.
new_store() {
	XJ_DB=$1 "$BIN/xj" init -q && XJ_DB=$1 "$BIN/xj" config load -q "$config"
}

# chsi_registered DB CSV FEEDBACK: the roster's students re-checked (li
# reviews, zhou audits, each department's head and the leader sign), the
# approved list handed to CHSI, and CHSI's feedback FEEDBACK taken in.
chsi_registered() {
	bulk_recheck "$1" "$2" "$tmp/keys" "$tmp" || return 1
	XJ_DB=$1 "$BIN/xj-register" new -q --template "$TOP/examples/templates/chsi-new.yaml" \
		-o "$tmp/rc-new.csv" --commit || return 1
	XJ_DB=$1 "$BIN/xj-register" result -q "$3" >/dev/null
}

# status_changed DB CSV STATUS REASON AWK-CONDITION: the roster's students
# the condition picks (on NR, the line) changed to STATUS on 2027-03-01:
# requested by the registrar, approved by li, their head, and the leader.
status_changed() {
	for d in CS:wang ME:ma EC:wu; do
		awk -F, -v d="${d%:*}" "NR == 1 { print \"exam_no\"; next } \$10 == d && ($5) { print \$1 }" \
			"$2" >"$tmp/st-keys.csv"
		[ "$(wc -l <"$tmp/st-keys.csv")" -gt 1 ] || continue
		XJ_DB=$1 XJ_NOW=2027-03-01T09:00:00+08:00 "$BIN/xj-change" status -q --to "$3" \
			--from 2027-03-01 --reason "$4" - <"$tmp/st-keys.csv" >"$tmp/st-ids" || return 1
		for k in li "${d#*:}" zhao; do
			XJ_DB=$1 XJ_NOW=2027-03-01T09:00:00+08:00 xargs "$BIN/xj-change" approve -q \
				--key "$tmp/keys/$k.key" <"$tmp/st-ids" || return 1
		done
	done
}

# GNU time gives the wall time and the peak RSS of the command (the largest
# of the processes it waited for); without it, date gives the time only.
if [ -x /usr/bin/time ] && /usr/bin/time -f '%e %M' -o "$tmp/t" true 2>/dev/null; then
	HAVE_TIME=1
else
	HAVE_TIME=0
	echo "bench: /usr/bin/time (package time) is missing: no memory figures" >&2
fi

now() {
	t=$(date +%s.%N)
	case $t in
	*N*) date +%s ;;
	*) echo "$t" ;;
	esac
}

# timed LABEL SHELL-COMMAND: run it, set SECS and PEAK_KB ("n/a" when not
# known); the command's output goes to $tmp/out, its errors to $tmp/err.
timed() {
	if [ "$HAVE_TIME" = 1 ]; then
		/usr/bin/time -f '%e %M' -o "$tmp/t" sh -c "$2" >"$tmp/out" 2>"$tmp/err"
		st=$?
		SECS=$(awk 'END { print $1 }' "$tmp/t")
		PEAK_KB=$(awk 'END { print $2 }' "$tmp/t")
	else
		t0=$(now)
		sh -c "$2" >"$tmp/out" 2>"$tmp/err"
		st=$?
		t1=$(now)
		SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
		PEAK_KB=n/a
	fi
	if [ "$st" -ne 0 ]; then
		echo "bench: $1 failed (exit $st): $2" >&2
		head -n 20 "$tmp/err" >&2
		exit 1
	fi
}

# Arithmetic on decimals goes through awk; a zero time counts as 0.01 s.
calc() { awk "BEGIN { $1 }" ; }
rate() { calc "s = $2 + 0; if (s < 0.01) s = 0.01; printf \"%.0f\", $1 / s"; }
mb() {
	case $1 in
	n/a) echo n/a ;;
	*) calc "printf \"%.1f\", $1 / 1024" ;;
	esac
}
verdict() {	# verdict VALUE OP LIMIT -> met / missed / n/a
	case $1 in
	n/a) echo n/a ;;
	*) calc "if ($1 $2 $3) print \"met\"; else print \"missed\"" ;;
	esac
}

line() { printf '%-9s %-26s %9s %10s %9s  %s\n' "$@"; }

echo "xj bench: xj-import against sqlite3 .import ($(sqlite3 -version | cut -d' ' -f1))"
echo "targets: ratio xj/sqlite3 <= 2.0 (aim 1.0); xj-import peak memory < 32 MB; lookup < 5 ms"
echo
line rows command seconds rows/s "peak MB" note
line ---- ------- ------- ------ ------- ----

last=
for n in $SIZES; do
	csv="$tmp/roster-$n.csv"
	# n rows to load, and a tenth more (other students) to come later
	"$TOOLS/xj-genroster" --rows $((n + n / 10)) --seed 1 --cohort "$COHORT" >"$tmp/gen.csv" ||
		die "xj-genroster --rows $n failed"
	head -n $((n + 1)) "$tmp/gen.csv" >"$csv"
	{ head -n 1 "$tmp/gen.csv"; tail -n +$((n + 2)) "$tmp/gen.csv"; } >"$tmp/more-$n.csv"
	rm -f "$tmp/gen.csv"

	timed "sqlite3 .import ($n rows)" \
		"sqlite3 '$tmp/sqlite-$n.db' '.import --csv \"$csv\" roster'"
	a_s=$SECS a_kb=$PEAK_KB
	line "$n" "sqlite3 .import" "$a_s" "$(rate "$n" "$a_s")" "$(mb "$a_kb")" ""

	db="$tmp/xj-$n.db"
	timed "xj-import ($n rows)" \
		"XJ_DB='$db' '$BIN/xj' init -q && XJ_DB='$db' '$BIN/xj' config load -q '$config' &&
		 XJ_DB='$db' '$BIN/xj-import' -q --cohort $COHORT '$csv'"
	b_s=$SECS b_kb=$PEAK_KB
	b_mb=$(mb "$b_kb")
	line "$n" "xj init, config, xj-import" "$b_s" "$(rate "$n" "$b_s")" "$b_mb" \
		"peak < 32 MB: $(verdict "$b_mb" '<' 32)"
	ratio=$(calc "a = $a_s + 0; if (a < 0.01) a = 0.01; printf \"%.2f\", $b_s / a")
	line "" "ratio xj/sqlite3" "$ratio" "" "" \
		"<= 2.0 (aim 1.0): $(verdict "$ratio" '<=' 2.0)"
	# what the store keeps of a student: its row, status, source row, log
	line "" "store bytes/student" "" "" "" "xj $(($(stat -c %s "$db") / n)), sqlite3 $(($(stat -c %s "$tmp/sqlite-$n.db") / n))"

	# Keep only the largest store, for the lookups.
	if [ -n "$last" ]; then
		rm -f "$tmp/xj-$last.db" "$tmp/xj-$last.db"-* "$tmp/roster-$last.csv" \
			"$tmp/sqlite-$last.db" "$tmp/more-$last.csv"
	fi
	last=$n
done
[ -n "$last" ] || die "no sizes in XJ_BENCH_ROWS"

# Into the largest store: a tenth more students, then the same file again.
n=$last
m=$((n / 10))
db="$tmp/xj-$n.db"
timed "sqlite3 .import ($m more rows)" \
	"sqlite3 '$tmp/sqlite-$n.db' '.import --csv --skip 1 \"$tmp/more-$n.csv\" roster'"
a_s=$SECS
line "+$m" "sqlite3 .import, into $n" "$a_s" "$(rate "$m" "$a_s")" "$(mb "$PEAK_KB")" ""
rm -f "$tmp/sqlite-$n.db"
timed "xj-import ($m more rows)" "XJ_DB='$db' '$BIN/xj-import' -q --cohort $COHORT '$tmp/more-$n.csv'"
b_s=$SECS
line "+$m" "xj-import, into $n" "$b_s" "$(rate "$m" "$b_s")" "$(mb "$PEAK_KB")" \
	"peak < 32 MB: $(verdict "$(mb "$PEAK_KB")" '<' 32)"
ratio=$(calc "a = $a_s + 0; if (a < 0.01) a = 0.01; printf \"%.2f\", $b_s / a")
line "" "ratio xj/sqlite3" "$ratio" "" "" "<= 5: $(verdict "$ratio" '<=' 5)"
timed "xj-import (the same file again)" \
	"XJ_DB='$db' '$BIN/xj-import' -q --cohort $COHORT '$tmp/more-$n.csv'"
line "$m" "xj-import, the same again" "$SECS" "" "$(mb "$PEAK_KB")" \
	"unchanged < 0.5 s: $(verdict "$SECS" '<' 0.5)"
# The roster again, a copy with ten phone numbers changed: its other rows
# are passed over as the first import's; and another such copy read in
# full (--every-row), for the cost of reading every row.
for k in 3 7; do
	awk -F, -v OFS=, -v s=$((n / 10)) -v k=$k \
		'NR > 1 && (NR - k) % s == 0 { $NF = "139" substr($NF, 4) } 1' \
		"$tmp/roster-$n.csv" >"$tmp/changed-$k.csv"
done
timed "xj-import --update (10 rows changed)" \
	"XJ_DB='$db' '$BIN/xj-import' -q --update --cohort $COHORT '$tmp/changed-3.csv'"
known_s=$SECS
line "$n" "xj-import, 10 rows changed" "$SECS" "$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" \
	"peak < 32 MB: $(verdict "$(mb "$PEAK_KB")" '<' 32)"
timed "xj-import --update --every-row (10 rows changed)" \
	"XJ_DB='$db' '$BIN/xj-import' -q --update --every-row --cohort $COHORT '$tmp/changed-7.csv'"
line "$n" "the same, --every-row" "$SECS" "$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" \
	"10 rows changed / every row: $(calc "a = $SECS + 0; if (a < 0.01) a = 0.01; printf \"%.2f\", $known_s / a")"
rm -f "$tmp/changed-3.csv" "$tmp/changed-7.csv"

# Lookups on the largest store: every 100th exam number.
n=$last
db="$tmp/xj-$n.db"
csv="$tmp/roster-$n.csv"
keys="$tmp/keys.csv"
awk -F, 'NR == 1 { print "exam_no"; next } (NR - 2) % 100 == 0 { print $1 }' "$csv" >"$keys"
nkeys=$(($(wc -l <"$keys") - 1))
[ "$nkeys" -gt 0 ] || die "no keys sampled"
tail -n +2 "$keys" | head -n "$SINGLE" >"$tmp/keys1"
nsingle=$(wc -l <"$tmp/keys1")

echo
echo "lookups in the $n-row store ($nkeys keys: every 100th exam number)"
printf '%-44s %9s %12s %9s  %s\n' command seconds "ms/lookup" "peak MB" note
printf '%-44s %9s %12s %9s  %s\n' ------- ------- --------- ------- ----

timed "xj query --student" \
	"while read -r k; do XJ_DB='$db' '$BIN/xj' query --student \"\$k\" --fields exam_no,name >/dev/null || exit 1; done <'$tmp/keys1'"
ms=$(calc "printf \"%.2f\", $SECS * 1000 / $nsingle")
printf '%-44s %9s %12s %9s  %s\n' "$nsingle x xj query --student K --fields exam_no,name" \
	"$SECS" "$ms" "$(mb "$PEAK_KB")" "< 5 ms: $(verdict "$ms" '<' 5)"

timed "xj query -" "XJ_DB='$db' '$BIN/xj' query --fields exam_no,name - <'$keys'"
ms=$(calc "printf \"%.3f\", $SECS * 1000 / $nkeys")
found=$(($(wc -l <"$tmp/out") - 1))
[ "$found" -lt 0 ] && found=0
printf '%-44s %9s %12s %9s  %s\n' "1 x xj query - < keys.csv ($nkeys keys)" \
	"$SECS" "$ms" "$(mb "$PEAK_KB")" "< 5 ms: $(verdict "$ms" '<' 5); $found rows out"
b_s=$SECS
# sqlite3 doing the same lookups, one SELECT per key
awk -F, -v q="'" 'NR > 1 { print "SELECT exam_no, name FROM student WHERE exam_no = " q $1 q ";" }' \
	"$keys" >"$tmp/lookups.sql"
timed "sqlite3 lookups" "sqlite3 -csv '$db' <'$tmp/lookups.sql'"
ratio=$(calc "a = $SECS + 0; if (a < 0.01) a = 0.01; printf \"%.2f\", $b_s / a")
printf '%-44s %9s %12s %9s  %s\n' "sqlite3 -csv, one SELECT per key ($nkeys keys)" \
	"$SECS" "$(calc "printf \"%.3f\", $SECS * 1000 / $nkeys")" "$(mb "$PEAK_KB")" \
	"xj query - / sqlite3: $ratio, <= 2: $(verdict "$ratio" '<=' 2)"

# The whole log checked on the largest store (P2): the chain, the
# signatures, every table against the row log, and every student the
# imports made, made again from its source row.
timed "xj log --verify" "XJ_DB='$db' '$BIN/xj' log --verify"
entries=$(sed -n 's/^audit log ok: \([0-9]*\) entries.*/\1/p' "$tmp/out")
rowlog=$(sqlite3 "$db" 'SELECT count(*) FROM row_log')
students=$(sqlite3 "$db" 'SELECT count(*) FROM student')
echo
echo "xj log --verify of the $n-row store ($entries entries, $rowlog rows in the row log, $students students made again; target < 30 s)"
printf '%-44s %9s %12s %9s  %s\n' command seconds "us/student" "peak MB" note
printf '%-44s %9s %12s %9s  %s\n' ------- ------- ---------- ------- ----
printf '%-44s %9s %12s %9s  %s\n' "xj log --verify" "$SECS" \
	"$(calc "r = $students + 0; if (r < 1) r = 1; printf \"%.2f\", $SECS * 1000000 / r")" \
	"$(mb "$PEAK_KB")" "< 30 s: $(verdict "$SECS" '<' 30)"

# Annual registration (P11) of XJ_BENCH_ANNUAL students (default 100000) of
# the 2026 cohort in 2027: all handed to CHSI, registered by its feedback
# but for 1%, then a mix of statuses (3% suspended, 1% withdrawn).
n=${XJ_BENCH_ANNUAL:-100000}
db="$tmp/annual.db"
csv="$tmp/annual.csv"
"$TOOLS/xj-genroster" --rows "$n" --seed 2 --cohort "$COHORT" >"$csv" || die "xj-genroster failed"
awk -F, 'NR == 1 { print "exam_no,result"; next } (NR % 100) != 7 { print $1 ",success" }' \
	"$csv" >"$tmp/feedback.csv"
{ new_store "$db" && XJ_DB=$db "$BIN/xj-import" -q "$csv" &&
	chsi_registered "$db" "$csv" "$tmp/feedback.csv"; } ||
	die "setting up the annual registration failed"
{ status_changed "$db" "$csv" suspended 病休 '(NR - 2) % 100 < 3' &&
	status_changed "$db" "$csv" withdrawn 退学 '(NR - 2) % 100 == 3'; } ||
	die "the status changes failed"

echo
echo "annual registration of $n students (target < 2 s, memory flat)"
printf '%-44s %9s %12s %9s  %s\n' command seconds students/s "peak MB" note
printf '%-44s %9s %12s %9s  %s\n' ------- ------- ---------- ------- ----
for run in first second; do
	timed "xj-register annual ($run run)" \
		"XJ_DB='$db' XJ_NOW=2027-09-10T09:00:00+08:00 '$BIN/xj-register' annual -q --year 2027 >/dev/null"
	printf '%-44s %9s %12s %9s  %s\n' "xj-register annual --year 2027 ($run run)" \
		"$SECS" "$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" "< 2 s: $(verdict "$SECS" '<' 2)"
done

# Issuing and numbering XJ_BENCH_DIPLOMAS certificates (default 20000): a
# store of that many students made eligible, results and photo comparisons
# imported as the programs take them; the eligibility checks are timed too.
n=${XJ_BENCH_DIPLOMAS:-20000}
db="$tmp/diploma.db"
csv="$tmp/diploma.csv"
"$TOOLS/xj-genroster" --rows "$n" --seed 3 --cohort 2026 >"$csv" || die "xj-genroster failed"
awk -F, 'NR == 1 { print "exam_no,result"; next } { print $1 ",success" }' "$csv" >"$tmp/fb.csv"
for y in 2026 2027 2028; do
	awk -F, -v y=$y 'NR == 1 { print "exam_no,year,credits,credits_required"; next }
		{ print $1 "," y ",120,120" }' "$csv" >"$tmp/r$y.csv"
done
awk -F, 'NR == 1 { print "exam_no,pair,result"; next }
	{ print $1 ",graduation-admission,match"; print $1 ",graduation-enrolment,match";
	  print $1 ",graduation-idcard,match" }' "$csv" >"$tmp/ph.csv"
awk -F, 'NR == 1 { print "exam_no"; next } { print $1 }' "$csv" >"$tmp/keys.csv"
( new_store "$db" && XJ_DB=$db "$BIN/xj-import" -q "$csv" &&
  chsi_registered "$db" "$csv" "$tmp/fb.csv" &&
  export XJ_DB="$db" &&
  XJ_NOW=2027-09-10T09:00:00+08:00 "$BIN/xj-register" annual -q --year 2027 >/dev/null &&
  XJ_NOW=2028-09-10T09:00:00+08:00 "$BIN/xj-register" annual -q --year 2028 >/dev/null &&
  for y in 2026 2027 2028; do "$BIN/xj-import" -q --source results "$tmp/r$y.csv" || exit 1; done &&
  "$BIN/xj-verify" photos -q "$tmp/ph.csv" ) || die "setting up the certificates failed"

echo
echo "certificates for $n students (target: issue and number < 1 s)"
printf '%-44s %9s %12s %9s  %s\n' command seconds students/s "peak MB" note
printf '%-44s %9s %12s %9s  %s\n' ------- ------- ---------- ------- ----
timed "xj-diploma check" \
	"XJ_DB='$db' XJ_NOW=2029-06-20T09:00:00+08:00 '$BIN/xj-diploma' check -q >/dev/null"
printf '%-44s %9s %12s %9s  %s\n' "xj-diploma check ($n students)" \
	"$SECS" "$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" ""
timed "xj-diploma issue" \
	"XJ_DB='$db' XJ_NOW=2029-06-20T09:00:00+08:00 '$BIN/xj-diploma' issue -q --conclusion graduate - <'$tmp/keys.csv' >'$tmp/issued.csv'"
printf '%-44s %9s %12s %9s  %s\n' "xj-diploma issue --conclusion graduate" \
	"$SECS" "$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" "< 1 s: $(verdict "$SECS" '<' 1)"
issued=$(($(wc -l <"$tmp/issued.csv") - 1))
[ "$issued" -eq "$n" ] || die "$issued of $n certificates issued"

# Fixity of the archive against sha256sum on the same files: XJ_BENCH_COPIES
# copies (default 200) of 1 MiB each, collected as one student's scans.
n=${XJ_BENCH_COPIES:-200}
mkdir -p "$tmp/scans"
i=0
while [ "$i" -lt "$n" ]; do
	{ printf '\377\330\377\340'; head -c 1048572 /dev/urandom; } >"$tmp/scans/$i.jpg"
	i=$((i + 1))
done
first=$(awk -F, 'NR == 2 { print $1 }' "$csv")
set --
for f in "$tmp"/scans/*.jpg; do set -- "$@" --file "$f"; done
# the archive is the archivist's: sun collects and checks it
XJ_DB=$db "$BIN/xj-archive" collect -q --key "$tmp/keys/sun.key" --item photo "$@" "$first" ||
	die "collecting the copies failed"
echo
echo "fixity of $n copies of 1 MiB (target: close to sha256sum)"
printf '%-44s %9s %12s %9s  %s\n' command seconds MiB/s "peak MB" note
printf '%-44s %9s %12s %9s  %s\n' ------- ------- ----- ------- ----
timed "sha256sum" "find '$tmp/archive' -type f ! -name '.*' -exec sha256sum {} + >/dev/null"
a_s=$SECS
printf '%-44s %9s %12s %9s  %s\n' "sha256sum (the same files)" "$SECS" \
	"$(rate "$n" "$SECS")" "$(mb "$PEAK_KB")" ""
timed "xj-archive fixity" \
	"XJ_DB='$db' '$BIN/xj-archive' fixity -q --key '$tmp/keys/sun.key' >/dev/null"
ratio=$(calc "a = $a_s + 0; if (a < 0.01) a = 0.01; printf \"%.2f\", $SECS / a")
printf '%-44s %9s %12s %9s  %s\n' "xj-archive fixity" "$SECS" "$(rate "$n" "$SECS")" \
	"$(mb "$PEAK_KB")" "ratio to sha256sum $ratio (aim 1.0)"
exit 0
