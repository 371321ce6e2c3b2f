#!/usr/bin/env bats
# examples/cron as cron runs it: each job line through /bin/sh -c in an
# environment of cron's own (HOME, LOGNAME, SHELL, PATH=/usr/bin:/bin) and
# the crontab's settings, \% undone.  The store, the key and /srv/xj are
# the test's; rsync and mail are stubs that record what they were given,
# and date(1) says the year of the test's clock (XJ_NOW).  A job prints
# nothing when there is nothing to do, and mails only when something is due.

load test_helper

# The crontab with this test's paths: the programs and the stubs first on
# its PATH, the store and the key here.
crontab_here() {
	sed -e "s|^PATH=/usr/local/bin:|PATH=$STUBS:$XJ_BINDIR:|" \
		-e "s|/srv/xj|$BATS_TEST_TMPDIR/srv|g" \
		-e "s|^XJ_KEY=.*|XJ_KEY=$BATS_TEST_TMPDIR/keys/chen.key|" "$EX/cron"
}

# The command of the one job line that contains $1, as cron gives it to
# the shell: the five time fields dropped, \% made %.  An unescaped % would
# end the command (cron feeds the rest to its standard input): none is.
job() {
	local line
	line=$(crontab_here | grep -v '^#' | grep -E '^[0-9*]' | grep -F -- "$1")
	[ "$(printf '%s\n' "$line" | wc -l)" -eq 1 ] || { echo "not one job line: $1" >&2; return 1; }
	line=$(printf '%s\n' "$line" | sed -E 's/^([^ ]+ +){5}//')
	if printf '%s' "$line" | sed 's/\\%//g' | grep -q %; then
		echo "an unescaped % in: $line" >&2
		return 1
	fi
	printf '%s\n' "$line" | sed 's/\\%/%/g'
}

# Run the job as cron would: env -i, cron's variables, the crontab's.
cronrun() {
	local cmd vars
	cmd=$(job "$1") || return 1
	mapfile -t vars < <(crontab_here | grep -E '^[A-Za-z_][A-Za-z0-9_]*=')
	env -i HOME="$BATS_TEST_TMPDIR/home" LOGNAME=chen SHELL=/bin/sh PATH=/usr/bin:/bin \
		XJ_NOW="$XJ_NOW" "${vars[@]}" /bin/sh -c "$cmd"
}

# test_helper's setup with the store in srv/, then the stubs
setup() {
	export LC_ALL=C.UTF-8 TZ=CST-8
	export XJ_NOW=2027-09-10T09:00:00+08:00
	XJ_BINDIR=$(cd "${XJ_BIN:-$TOP/build/bin}" && pwd)
	export PATH="$XJ_BINDIR:${XJ_TOOLS:-$TOP/build/tools}:$PATH"
	cd "$BATS_TEST_TMPDIR"
	export XJ_DB="$BATS_TEST_TMPDIR/srv/xj.db"
	unset XJ_USER XJ_KEY LANGUAGE XJ_ALLOW_NETWORK_FS XJ_LOCALEDIR XJ_TZ
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
	export XDG_STATE_HOME="$BATS_TEST_TMPDIR/home/.local/state"
	mkdir -p srv/backup srv/in home
	STUBS=$BATS_TEST_TMPDIR/stubs
	mkdir -p "$STUBS"
	# mail: its arguments and its message, one file a call
	cat > "$STUBS/mail" <<-EOF
	#!/bin/sh
	n=\$(ls "$BATS_TEST_TMPDIR"/mailed.* 2>/dev/null | wc -l)
	{ echo "mail \$*"; cat; } > "$BATS_TEST_TMPDIR/mailed.\$((n + 1))"
	EOF
	printf '#!/bin/sh\necho "rsync $*" >> "%s/rsynced"\n' "$BATS_TEST_TMPDIR" > "$STUBS/rsync"
	# date +%%Y: the year of the programs' clock, not of the machine's
	printf '#!/bin/sh\n[ "$1" = +%%Y ] && echo "${XJ_NOW%%%%-*}" || exec /bin/date "$@"\n' \
		> "$STUBS/date"
	chmod +x "$STUBS/mail" "$STUBS/rsync" "$STUBS/date"
}

mails() {
	ls mailed.* 2>/dev/null | wc -l
}

@test "examples/cron: PATH set once, for the programs" {
	run grep -c '^PATH=/usr/local/bin:' "$EX/cron"
	assert_output 1
}

@test "examples/cron: every % escaped, \\% undone for the shell" {
	local m h dom mon dow cmd n=0
	while read -r m h dom mon dow cmd; do
		run job "$cmd"
		assert_success
		n=$((n + 1))
	done < <(crontab_here | grep -E '^[0-9*]')
	assert_equal "$n" 7
	run job "xj-register annual"
	assert_output 'xj-register annual -q --year "$(date +%Y)"'
}

@test "examples/cron: a student due for the annual registration while the window is open is mailed, the job silent (P11, P21)" {
	keyed_store
	chsi_registered 26110101000001
	run --separate-stderr cronrun "xj-register due"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 1
	assert_equal "$(cat mailed.1)" "mail -s xj registration due xj@example.edu.cn
exam_no,name,dept,year,deadline,days_left
26110101000001,张伟,CS,2027,2027-10-06,26"
}

@test "examples/cron: the annual registration prints what it did, for cron to mail (P11)" {
	keyed_store
	chsi_registered 26110101000001
	run --separate-stderr cronrun "xj-register annual"
	assert_success
	# the rest not registered: no student status
	assert_output - <<'EOF'
exam_no,name,year,state,reason
26110101000001,张伟,2027,registered,
26110101000002,王芳,2027,not-registered,no student status: the new-student registration is missing (P9)
26110101000007,赵敏,2027,not-registered,no student status: the new-student registration is missing (P9)
26110101000008,黄磊,2027,not-registered,no student status: the new-student registration is missing (P9)
26320102000003,李娜,2027,not-registered,no student status: the new-student registration is missing (P9)
26370203000004,刘洋,2027,not-registered,no student status: the new-student registration is missing (P9)
26440104000005,陈静,2027,not-registered,no student status: the new-student registration is missing (P9)
26510105000006,杨帆,2027,not-registered,no student status: the new-student registration is missing (P9)
EOF
	assert_equal "$stderr" ""
	assert_equal "$(mails)" 0
}

@test "examples/cron: the day after the annual registration each job is silent and nothing is mailed (P11, P21)" {
	keyed_store
	chsi_registered 26110101000001
	cp "$EX/roster.csv" srv/in/adm.csv
	cronrun "xj-register annual" > /dev/null
	export XJ_NOW=2027-09-11T09:00:00+08:00
	for j in "xj backup" "xj-import" "xj log --verify" "xj-register annual" \
		"xj-register due"; do
		run --separate-stderr cronrun "$j"
		assert_success
		assert_equal "$output$stderr" ""
	done
	assert_equal "$(mails)" 0
}

@test "examples/cron: the nightly backup keeps a dated copy and hands the directory to rsync" {
	keyed_store
	export XJ_NOW=2027-09-11T09:00:00+08:00
	run --separate-stderr cronrun "xj backup"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(cat rsynced)" "rsync -a $BATS_TEST_TMPDIR/srv/backup/ backup.example.edu.cn:xj/"
	run ls srv/backup
	assert_output --regexp '^xj-20270911-[0-9]+\.db$'
}

@test "examples/cron: the head of the log is mailed each day, to an address off the server (P2)" {
	keyed_store
	run --separate-stderr cronrun "xj log --head"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 1
	assert_equal "$(cat mailed.1)" "mail -s xj head $(hostname) audit@example.edu.cn
$(xj log --head)"
}

@test "examples/cron: due after the window has closed exits 1 and is mailed (P21)" {
	keyed_store
	chsi_registered 26110101000001
	export XJ_NOW=2027-10-07T09:00:00+08:00
	run --separate-stderr cronrun "xj-register due"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 1
	assert_equal "$(cat mailed.1)" "mail -s xj registration due xj@example.edu.cn
exam_no,name,dept,year,deadline,days_left
26110101000001,张伟,CS,2027,2027-10-06,-1"
}

@test "examples/cron: re-checks not due within two weeks are not mailed (P7)" {
	keyed_store
	export XJ_NOW=2026-09-10T09:00:00+08:00
	run --separate-stderr cronrun "xj-verify due"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 0
}

@test "examples/cron: re-checks due within two weeks are mailed (P7)" {
	keyed_store
	export XJ_NOW=2026-11-25T09:00:00+08:00
	run --separate-stderr cronrun "xj-verify due"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 1
	assert_equal "$(cat mailed.1)" "$(cat <<'EOF'
mail -s xj re-checks due xj@example.edu.cn
exam_no,name,dept,enrolled,deadline,days_left,state
26110101000001,张伟,CS,2026-09-05,2026-12-05,10,none
26110101000002,王芳,CS,2026-09-05,2026-12-05,10,none
26110101000007,赵敏,EC,2026-09-05,2026-12-05,10,none
26110101000008,黄磊,CS,2026-09-05,2026-12-05,10,none
26320102000003,李娜,CS,2026-09-05,2026-12-05,10,none
26370203000004,刘洋,ME,2026-09-05,2026-12-05,10,none
26440104000005,陈静,EC,2026-09-05,2026-12-05,10,none
26510105000006,杨帆,ME,2026-09-05,2026-12-05,10,none
EOF
)"
}

@test "examples/cron: re-checks overdue (exit 1) are mailed the same way (P7, P21)" {
	keyed_store
	export XJ_NOW=2026-12-06T09:00:00+08:00
	run --separate-stderr cronrun "xj-verify due"
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(mails)" 1
	assert_equal "$(cat mailed.1)" "$(cat <<'EOF'
mail -s xj re-checks due xj@example.edu.cn
exam_no,name,dept,enrolled,deadline,days_left,state
26110101000001,张伟,CS,2026-09-05,2026-12-05,-1,none
26110101000002,王芳,CS,2026-09-05,2026-12-05,-1,none
26110101000007,赵敏,EC,2026-09-05,2026-12-05,-1,none
26110101000008,黄磊,CS,2026-09-05,2026-12-05,-1,none
26320102000003,李娜,CS,2026-09-05,2026-12-05,-1,none
26370203000004,刘洋,ME,2026-09-05,2026-12-05,-1,none
26440104000005,陈静,EC,2026-09-05,2026-12-05,-1,none
26510105000006,杨帆,ME,2026-09-05,2026-12-05,-1,none
EOF
)"
}

@test "-q: a CSV or TSV listing with no rows prints nothing" {
	new_store
	xj-import -q "$EX/roster.csv"
	for f in csv tsv; do
		run --separate-stderr xj-diploma check -q -f "$f" --cohort 2025
		assert_success
		assert_equal "$output$stderr" ""
		run --separate-stderr xj-register due -q -f "$f"
		assert_success
		assert_equal "$output$stderr" ""
	done
}

@test "-q: a JSON or YAML listing with no rows prints its empty list, which a parser needs" {
	new_store
	xj-import -q "$EX/roster.csv"
	for f in yaml json; do
		run --separate-stderr xj-register due -q -f "$f"
		assert_success
		assert_equal "$output" "[]"
		assert_equal "$stderr" ""
	done
}

@test "without -q, a listing with no rows prints its header" {
	new_store
	xj-import -q "$EX/roster.csv"
	run --separate-stderr xj-register due
	assert_success
	assert_output "exam_no,name,dept,year,deadline,days_left"
	assert_equal "$stderr" ""
}

@test "-q: a workbook with no rows is still a whole workbook" {
	new_store
	xj-import -q "$EX/roster.csv"
	# no re-check due within two weeks of the day of enrolment
	export XJ_NOW=2026-09-10T09:00:00+08:00
	run --separate-stderr xj-verify due -q --within 14 -o due.xlsx -f xlsx
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(head -c 2 due.xlsx)" "PK"
	run unzip -tq due.xlsx
	assert_output "No errors detected in compressed data of due.xlsx."
}

@test "-q: rows are printed as ever (the re-checks long overdue: exit 1) (P7, P21)" {
	new_store
	xj-import -q "$EX/roster.csv"
	export XJ_NOW=2027-09-10T09:00:00+08:00
	run --separate-stderr xj-verify due -q
	assert_failure 1
	assert_output - <<'EOF'
exam_no,name,dept,enrolled,deadline,days_left,state
26110101000001,张伟,CS,2026-09-05,2026-12-05,-279,none
26110101000002,王芳,CS,2026-09-05,2026-12-05,-279,none
26110101000007,赵敏,EC,2026-09-05,2026-12-05,-279,none
26110101000008,黄磊,CS,2026-09-05,2026-12-05,-279,none
26320102000003,李娜,CS,2026-09-05,2026-12-05,-279,none
26370203000004,刘洋,ME,2026-09-05,2026-12-05,-279,none
26440104000005,陈静,EC,2026-09-05,2026-12-05,-279,none
26510105000006,杨帆,ME,2026-09-05,2026-12-05,-279,none
EOF
	assert_equal "$stderr" ""
}
