# the state the WORKFLOW of xj(7) starts from: no store yet; the example
# college's staff with their keys in keys/, chen's also in its default
# place, and zhou, a second reviewer of CS and an archivist, with a key
# made here; examples/ as in the source but for its xj.yaml, which has
# zhou and keeps the archive in ./archive (college.sh); xj.yaml, the
# same with the calendar of 2028 added.  The students are those of CS in
# the example roster.  The files the workflow reads: the exam
# registration (bm.csv), the admission data (lq.csv, and lq.txt as a
# spreadsheet saves it as Unicode text), the ID-card reads at arrival
# (reader-*.csv), CHSI's feedback (fb.csv), a term's status changes
# (学籍异动.csv), each year's results (results-*.csv), CHSI's photo
# comparison (photos.csv), its feedback on a credential (fb-diploma.csv),
# a student's photo; bags are made in out/.
mkdir -p keys archive out "${XDG_CONFIG_HOME:?}/xj"
for n in li wang zhao chen sun; do
	install -m 600 "examples/keys/$n.key" "keys/$n.key"
done
install -m 600 keys/chen.key "$XDG_CONFIG_HOME/xj/key"
zhou=$(xj-key new -q --key keys/zhou.key)
src=$(readlink examples)
rm examples
mkdir examples
cp -r "$src"/* examples/
sed -i -e "s|root: /srv/xj/archive|root: $PWD/archive|" \
    -e "/^staff:/a\\
  - {name: zhou, full_name: 周洁, dept: CS, roles: [reviewer, archivist], key: \"$zhou\"}" \
    examples/xj.yaml
sed '/first_term_start: 2027-09-06/a\
  - year: 2028\
    first_term_start: 2028-09-04' examples/xj.yaml > xj.yaml
grep -e '^考生号' -e ',CS,' examples/roster.csv > roster.csv
cut -d, -f1,2,5 roster.csv > bm.csv
cut -d, -f1,2,5 roster.csv > lq.csv
iconv -f UTF-8 -t UTF-16 lq.csv > lq.txt
head -n 3 roster.csv | cut -d, -f2,5 > reader-1.csv
{ head -n 1 roster.csv; tail -n +4 roster.csv; } | cut -d, -f2,5 > reader-2.csv
set -- $(tail -n +2 roster.csv | cut -d, -f1)
echo KSH,JG,YY > fb.csv
echo exam_no,pair,result > photos.csv
for y in 2026 2027 2028; do
	echo exam_no,year,credits,credits_required > results-$y.csv
done
for k; do
	echo "$k,成功," >> fb.csv
	for p in admission enrolment idcard; do
		echo "$k,graduation-$p,match" >> photos.csv
	done
	echo "$k,2026,40," >> results-2026.csv
	echo "$k,2027,80," >> results-2027.csv
	echo "$k,2028,120,120" >> results-2028.csv
done
printf '%s\n' 考生号,类型,生效日期,原因,转入专业代码,专业名称 \
	26320102000003,转专业,2027-03-01,本人申请,510201,计算机应用技术 \
	> 学籍异动.csv
xj-genphoto 1 480 640 90 26110101000001.jpg
printf '%s\n' KSH,JG,YY 26110101000001,成功, > fb-diploma.csv
