#!/bin/sh
# demo.sh BINDIR: a college's year on the bundled example, in a fresh store
# that is removed at the end (nothing is left in $TMPDIR): the roster in,
# the entrance check, the re-check reviewed and signed off, the new student
# registered on CHSI with CHSI's answer, the annual registration, a change
# of name on evidence at three levels, an archive item, the diploma, and
# the audit log verified.  The example staff's keys (examples/keys) are
# copied aside, private, as a key must be: every change is made by a person
# proven by a key, in a role that may make it (examples/xj.yaml).  XJ_NOW
# sets the day each step is done on, so that each falls in its window.
set -eu
bin=$(cd "$1" && pwd)
ex=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export XJ_DB="$dir/xj.db"
# the heads each person saw (xj(7), Witnessed heads): the demo's own
export XDG_STATE_HOME="$dir/state"
PATH="$bin:$PATH"
cd "$dir"
for n in chen li wang zhao sun; do
	install -m 600 "$ex/keys/$n.key" "$n.key"
done
export XJ_KEY=chen.key   # chen: the registrar and admin
export XJ_NOW=2026-09-10T09:00:00+08:00
s=26110101000001                # the student followed through the year

step() { printf '\n$ %s\n' "$*"; }

# The re-check is four people's (P7): the example staff and a second
# reviewer of CS, zhou, who makes her key; the admin puts its public half
# in the configuration before its first load.
step "xj-key new --key zhou.key                 # zhou, a second reviewer of CS"
pub=$(xj-key new -q --key zhou.key)
echo "$pub"
sed "s|^staff:.*|&\n  - {name: zhou, full_name: 周洁, dept: CS, roles: [reviewer], key: \"$pub\"}|" \
	"$ex/xj.yaml" > xj.yaml
step xj init
xj init
step "xj config load xj.yaml                    # examples/xj.yaml and zhou, signed by chen, its admin"
xj config load xj.yaml
step xj-import examples/roster.csv
xj-import "$ex/roster.csv"
step xj query --dept CS
xj query --dept CS
step "xj-import --key li.key examples/roster.csv   # li is a reviewer, not the registrar"
xj-import --key li.key "$ex/roster.csv" || true

# The ID cards read at arrival, one of them differing from the roster.
awk -F, 'NR == 1 { print "考生号,姓名,身份证号,民族"; next }
	$10 == "CS" { print $1 "," $2 "," $5 "," ($1 == "26110101000002" ? "回族" : $6) }' \
	"$ex/roster.csv" > idcards.csv
step "xj-import --source onsite idcards.csv     # the ID cards read at arrival"
xj-import --source onsite idcards.csv
step "xj-verify check --source onsite --dept CS   # the entrance check: exit 1, a mismatch (P4)"
xj-verify check --source onsite --dept CS || true
step "xj-verify review --key li.key --stage recheck --result pass --item ... $s"
xj-verify review --key li.key --stage recheck --result pass --item registration=ok \
	--item health=ok --item procedure=ok --item eligibility=ok "$s"
step "xj-verify confirm --key zhou.key $s      # four eyes"
xj-verify confirm --key zhou.key "$s"
step "xj-verify sign --key wang.key --stage recheck --level dept $s"
xj-verify sign --key wang.key --stage recheck --level dept "$s"
step "xj-verify sign --key zhao.key --stage recheck --level leader $s"
xj-verify sign --key zhao.key --stage recheck --level leader "$s"
step "xj-verify status --stage recheck $s"
xj-verify status --stage recheck "$s"

step "xj-register new --template examples/templates/chsi-new.yaml -o new.csv --commit $s"
xj-register new --template "$ex/templates/chsi-new.yaml" -o new.csv --commit "$s"
printf 'exam_no,result\n%s,success\n' "$s" > feedback.csv
step "xj-register result feedback.csv           # CHSI's answer: registered"
xj-register result feedback.csv
step "xj-register number --dept CS              # the student numbers"
xj-register number --dept CS

step "XJ_NOW=2027-09-10 xj-register annual --year 2027 --dept CS"
XJ_NOW=2027-09-10T09:00:00+08:00 xj-register annual --year 2027 --dept CS

echo "户口簿扫描件" > hukou.pdf
step "xj-change request --key li.key --field name --to 张玮 --evidence ... --file hukou.pdf $s"
xj-change request --key li.key --field name --to 张玮 \
	--evidence application,household-register,id-card --file hukou.pdf "$s"
step "xj-change approve --key zhou.key 1; ... wang.key 1; ... zhao.key 1   # three levels"
xj-change approve --key zhou.key 1
xj-change approve --key wang.key 1
xj-change approve --key zhao.key 1
step "xj query --fields exam_no,name $s"
xj query --fields exam_no,name "$s"

step "xj-archive collect --key sun.key --item admission-notice --paper --location 柜A-3 $s"
xj-archive collect --key sun.key --item admission-notice --paper --location 柜A-3 "$s"

step "xj-diploma check $s                      # every reason not to graduate yet: exit 1"
xj-diploma check "$s" || true
# three years on: each year's results, and the graduation photo compared
# with those of admission, enrolment and the ID card (P13)
printf 'exam_no,year,credits,credits_required\n%s,2026,40,\n%s,2027,80,\n%s,2028,120,120\n' \
	"$s" "$s" "$s" > results.csv
printf 'exam_no,pair,result\n%s,graduation-admission,match\n%s,graduation-enrolment,match\n%s,graduation-idcard,match\n' \
	"$s" "$s" "$s" > photos.csv
step "xj-import --source results results.csv    # 2026 to 2028"
xj-import --source results results.csv
step "xj-verify photos photos.csv               # the graduation photo compared"
xj-verify photos photos.csv
step "XJ_NOW=2029-06-20 xj-diploma issue --conclusion graduate $s"
XJ_NOW=2029-06-20T09:00:00+08:00 xj-diploma issue --conclusion graduate "$s"

step "xj log -f tsv | cut -f1,4,6,7,8 | head -5"
xj log -f tsv | cut -f1,4,6,7,8 | head -5
step xj log --verify
xj log --verify
