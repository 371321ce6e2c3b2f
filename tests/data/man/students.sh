# Steps that take students of the 2026 cohort on (sourced by a page's
# setup.sh after college.sh), each on its day.
#
# rechecked K...: the re-check reviewed, confirmed and signed at its
# three levels.  registered K...: that, and the students registered on
# CHSI (2026-09-10).
rechecked() {
	xj-verify review -q --key keys/li.key --stage recheck --result pass \
		--item registration=ok --item health=ok --item procedure=ok \
		--item eligibility=ok "$@"
	xj-verify confirm -q --key keys/zhou.key "$@"
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept "$@"
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader "$@"
}

registered() {
	rechecked "$@"
	xj-register new -q --template examples/templates/chsi-new.yaml \
		-o chsi-new.csv --commit "$@"
	printf 'exam_no,result\n' > chsi-fb.csv
	for k; do printf '%s,success\n' "$k" >> chsi-fb.csv; done
	xj-register result -q chsi-fb.csv
}

# studied K...: registered, then three years of study: two annual
# registrations, each year's results, CHSI's photo comparison for the
# diploma.  The calendar of xj.yaml gets its year 2028.
studied() {
	if ! grep -q 'year: 2028' xj.yaml; then
		sed -i '/first_term_start: 2027-09-06/a\
  - year: 2028\
    first_term_start: 2028-09-04' xj.yaml
		xj config load -q xj.yaml
	fi
	registered "$@"
	printf 'exam_no,pair,result\n' > chsi-photos.csv
	for y in 2026 2027 2028; do
		printf 'exam_no,year,credits,credits_required\n' > results-$y.csv
	done
	for k; do
		printf '%s,2026,40,\n' "$k" >> results-2026.csv
		printf '%s,2027,80,\n' "$k" >> results-2027.csv
		printf '%s,2028,120,120\n' "$k" >> results-2028.csv
		for p in admission enrolment idcard; do
			printf '%s,graduation-%s,match\n' "$k" $p >> chsi-photos.csv
		done
	done
	XJ_NOW=2027-09-10T09:00:00+08:00 xj-register annual -q --year 2027 > /dev/null
	XJ_NOW=2028-09-10T09:00:00+08:00 xj-register annual -q --year 2028 > /dev/null
	for y in 2026 2027 2028; do
		xj-import -q --source results results-$y.csv
	done
	xj-verify photos -q chsi-photos.csv
}

# graduated K...: studied, then the credentials issued (2029-06-20) and
# registered on CHSI, which freezes the records.
graduated() {
	studied "$@"
	(
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate "$@" > /dev/null
	xj-diploma register -q --template examples/templates/chsi-diploma.yaml \
		-o chsi-diploma.csv --commit > /dev/null
	printf 'exam_no,result\n' > chsi-result.csv
	for k; do printf '%s,success\n' "$k" >> chsi-result.csv; done
	xj-diploma result -q chsi-result.csv > /dev/null
	)
}
