#!/bin/sh
# rules-store.sh DIR BINDIR: the store the rules' unit tests read
# (test_rules.c), made by the programs themselves in DIR: the keyed
# example college (tests/data/keyed.yaml), the example roster, and
#   26110101000001  re-checked, registered, two annual registrations,
#                   three years of results, the graduation photos, its
#                   name changed on evidence at three levels (request 3),
#                   its admission data (the cohort's only entrance source);
#   26110101000002  imported only; a change of its name asked for by li
#                   (request 1), not yet approved; its ethnicity reported
#                   wrong on CHSI (request 2, from selfcheck.csv:2);
#   26320102000003  imported only; its on-site photo unlike the exam's
#                   (CHSI's comparison: mismatch), the arrival held (P5).
set -eu
dir=$1
PATH="$2:$PATH"
top=$(cd "$(dirname "$0")/../.." && pwd)
export LC_ALL=C.UTF-8 TZ=CST-8 XJ_DB="$dir/xj.db"
export XDG_CONFIG_HOME="$dir/config" XDG_STATE_HOME="$dir/state"
export XJ_NOW=2026-09-10T09:00:00+08:00
unset XJ_KEY XJ_USER
cd "$dir"
mkdir keys
cp "$top/tests/data/keyed.yaml" keyed.yaml
for n in li zhou wang ma zhao chen qian; do
	sed -i "s|@$n@|$(xj-key new -q --key "keys/$n.key")|" keyed.yaml
done
xj init -q
xj config load -q --key keys/chen.key keyed.yaml
xj-import -q --key keys/chen.key "$top/examples/roster.csv"
k=26110101000001
xj-verify review -q --key keys/li.key --stage recheck --result pass --item registration=ok \
	--item health=ok --item procedure=ok --item eligibility=ok $k
xj-verify confirm -q --key keys/zhou.key $k
xj-verify sign -q --key keys/wang.key --stage recheck --level dept $k
xj-verify sign -q --key keys/zhao.key --stage recheck --level leader $k
xj-register new -q --template "$top/examples/templates/chsi-new.yaml" -o new.csv --commit \
	--key keys/chen.key $k
printf 'exam_no,result\n%s,success\n' $k > fb.csv
xj-register result -q --key keys/chen.key fb.csv
for y in 2027 2028; do
	XJ_NOW=$y-09-10T09:00:00+08:00 xj-register annual -q --year $y --key keys/chen.key > /dev/null
done
printf 'exam_no,year,credits,credits_required\n%s,2026,40,\n%s,2027,80,\n%s,2028,120,120\n' \
	$k $k $k > results.csv
xj-import -q --key keys/chen.key --source results results.csv
printf 'exam_no,pair,result\n%s,graduation-admission,match\n%s,graduation-enrolment,match\n%s,graduation-idcard,match\n' \
	$k $k $k > photos.csv
xj-verify photos -q --key keys/chen.key photos.csv
printf 'exam_no,pair,result\n26320102000003,onsite-exam,mismatch\n' > arrival-photos.csv
xj-verify photos -q --key keys/chen.key arrival-photos.csv
# a change of key data asked for by li, not yet approved (request 1)
xj-change request -q --key keys/li.key --field name --to 王方 \
	--evidence application,household-register,id-card 26110101000002 > /dev/null
# what the student found wrong on CHSI, as the office exported it (request 2)
printf '考生号,字段,正确值,说明\n26110101000002,民族,回族,学信网显示汉族\n' > selfcheck.csv
xj-change import-selfcheck -q --key keys/li.key selfcheck.csv > /dev/null
# a change of key data applied at the last level (request 3)
xj-change request -q --key keys/li.key --field name --to 张玮 \
	--evidence application,household-register,id-card $k > /dev/null
for n in zhou wang zhao; do
	xj-change approve -q --key keys/$n.key 3
done
# the admission data of the first student: the only entrance source ever
# imported for the cohort
printf '考生号,姓名,录取通知书号,专业代码\n%s,张伟,TZ2026-0001,510201\n' $k > adm.csv
xj-import -q --key keys/chen.key --source admission adm.csv
