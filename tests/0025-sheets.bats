#!/usr/bin/env bats
# Signers who never log in sign a prepared sheet (P1, P2): xj-verify sign
# --prepare lists the sign-offs one person may make now, xj-key sign signs
# each decision's statement on that person's own machine with no store,
# and xj-verify sign --apply records them under the signer's name, each
# checked against the signer's key and the store; xj log --verify checks
# them later.

load test_helper

# Two students of CS reviewed and confirmed (P7), a third only reviewed.
reviewed() {
	keyed_store
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001 26110101000002 26320102000003
	xj-verify confirm -q --key keys/zhou.key 26110101000001 26110101000002
}

# The students whose re-check a department head has signed, as
# xj-verify status shows them.
dept_signed() {
	xj-verify status --stage recheck -f tsv | awk -F '\t' 'NR > 1 && $8 != "" { print $1 }'
}

# wang's sheet of the department sign-offs of the re-check.
prepare_wang() {
	xj-verify sign -q --prepare --stage recheck --level dept -u wang \
		-o sheet.yaml 26110101000001 26110101000002
}

# Sign a sheet where no store is: another directory, XJ_DB unset.
sign_away() {
	local key=$1 sheet=$2
	mkdir -p away
	cp "$sheet" away/sheet.yaml
	install -m 600 "keys/$key.key" away/own.key
	(cd away && env -u XJ_DB xj-key sign -q --key own.key sheet.yaml > /dev/null)
	cp away/sheet.yaml "$sheet"
}

@test "prepare: only the sign-offs wang may make now go on the sheet, the others named (P1)" {
	reviewed
	run --separate-stderr xj-verify sign --prepare --stage recheck --level dept -u wang \
		-o sheet.yaml 26110101000001 26110101000002 26320102000003 26370203000004
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26320102000003: the re-check is not confirmed yet (P7)
xj-verify: 26370203000004: no recheck review yet
xj-verify: sheet.yaml: 2 decisions for wang to sign, 2 left off; sheet.html to print"
	assert_equal "$(grep -c '^- exam_no:' sheet.yaml)" 2
	assert_equal "$(sed -n 's/^signer: //p' sheet.yaml)" wang
	run grep -c 'signature: ""' sheet.yaml
	assert_output 2
	# the store's id, made on first use, is on the sheet
	assert_equal "$(sed -n 's/^store: //p' sheet.yaml)" "$(sql "SELECT value FROM meta WHERE key = 'store_id'")"
	# a hash of the ID number, never the number (P2, personal data)
	run grep -c 110101200703140012 sheet.yaml sheet.html
	assert_failure
	assert_equal "$(sed -n '/26110101000001/,/content/s/^  id_sha256: //p' sheet.yaml)" \
		"$(printf %s 110101200703140012 | sha256sum | cut -d' ' -f1)"
	# nothing was decided
	assert_equal "$(dept_signed)" ""
}

@test "prepare: a signer without the role or of another department gets nothing to sign (P1, P3)" {
	reviewed
	run --separate-stderr xj-verify sign --prepare --stage recheck --level dept -u ma \
		-o ma.yaml 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: ma is ME's dept-head; this student is CS's (P3)
xj-verify: ma.yaml: no sheet made: no decision for ma to sign, 1 left off"
	[ ! -e ma.yaml ] && [ ! -e ma.html ]
	run --separate-stderr xj-verify sign --prepare --stage recheck --level dept -u zhou \
		-o zhou.yaml 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-verify: 26110101000001: zhou confirmed this; each level is a different person (P1)
xj-verify: zhou.yaml: no sheet made: no decision for zhou to sign, 1 left off"
	[ ! -e zhou.yaml ] && [ ! -e zhou.html ]
	run --separate-stderr xj-verify sign --prepare --stage recheck --level dept -o x.yaml 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: sign --prepare needs --stage, --level, -u NAME (the signer) and -o FILE (the sheet)
Try 'xj-verify --help' for more information."
}

@test "prepare needs no key and changes nothing; -u names the signer, whoever's key is in use (P1, P2)" {
	reviewed
	before=$(sql 'SELECT count(*) FROM audit'):$(sql 'SELECT count(*) FROM command')
	# chen prepares wang's sheet with her own key at hand: -u is not chen
	run --separate-stderr env XJ_KEY=keys/chen.key xj-verify sign --prepare --stage recheck \
		--level dept -u wang -o sheet.yaml 26110101000001
	assert_success
	assert_equal "$stderr" "xj-verify: sheet.yaml: 1 decisions for wang to sign, 0 left off; sheet.html to print"
	assert_equal "$(sed -n 's/^signer: //p' sheet.yaml)" wang
	assert_equal "$(sql 'SELECT count(*) FROM audit'):$(sql 'SELECT count(*) FROM command')" "$before"
	run --separate-stderr xj-verify sign --prepare --stage recheck --level dept -u nobody \
		-o x.yaml 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-verify: unknown staff member 'nobody' (not in the config)"
	[ ! -e x.yaml ]
}

@test "signed by wang away from the store, applied by chen: the sign-offs are wang's and verify (P1, P2)" {
	reviewed
	prepare_wang
	mkdir away
	cp sheet.yaml away/
	install -m 600 keys/wang.key away/wang.key
	cd away
	unset XJ_DB
	run --separate-stderr xj-key sign --key wang.key sheet.yaml
	assert_success
	assert_line --index 0 "exam_no,name,stage,level,result,content"
	assert_line --index 1 --regexp '^26110101000001,张伟,recheck,dept,pass,[0-9a-f]{64}$'
	assert_equal "$stderr" "xj-key: sheet.yaml: 2 decisions signed for wang; hand the sheet back to be applied"
	[ ! -e xj.db ]
	assert_equal "$(sed -n 's/^public_key: //p' sheet.yaml)" "$(sed -n 's/^public //p' wang.key)"
	run grep -c 'signature: ""' sheet.yaml
	assert_output 0
	cd ..
	export XJ_DB="$BATS_TEST_TMPDIR/xj.db"
	cp away/sheet.yaml signed.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key signed.yaml
	assert_success
	assert_equal "$stderr" "xj-verify: 2 recorded, 0 unchanged, 0 refused"
	run xj-verify status --stage recheck 26110101000001 26110101000002
	assert_output "exam_no,name,stage,result,state,reviewer,confirmed_by,dept_head,leader,photos
26110101000001,张伟,recheck,pass,dept-signed,li,zhou,wang,,
26110101000002,王芳,recheck,pass,dept-signed,li,zhou,wang,,"
	# the sign-off is wang's, the command that recorded it chen's
	assert_equal "$(sql "SELECT group_concat(signer) FROM decision_sig WHERE statement NOT LIKE '%head: %'")" "wang,wang"
	assert_equal "$(xj log -f tsv | awk -F '\t' '$8 == "sign" { print $4 }' | sort -u)" chen
	run --separate-stderr xj log --verify
	assert_success
	# the leader signs online after it, as ever
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader 26110101000001
	run xj log --verify
	assert_success
}

@test "a sheet edited after signing is refused, decision by decision (P2)" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	# the result changed
	sed 's/result: pass/result: fail/' sheet.yaml > result.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key result.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: result.yaml: 26110101000001: the sheet was edited: the decision does not match its content hash
xj-verify: result.yaml: 26110101000002: the sheet was edited: the decision does not match its content hash
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	# another student swapped in under the first one's signature
	sed '0,/26110101000001/s//26320102000003/' sheet.yaml > student.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key student.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: student.yaml: 26320102000003: the sheet was edited: the decision does not match its content hash
xj-verify: 1 recorded, 0 unchanged, 1 refused"
	assert_equal "$(dept_signed)" 26110101000002
	# whole decisions kept, their signatures swapped
	s1=$(sed -n 's/^  signature: //p' sheet.yaml | head -n 1)
	s2=$(sed -n 's/^  signature: //p' sheet.yaml | tail -n 1)
	sed "s|$s1|@1@|; s|$s2|$s1|; s|@1@|$s2|" sheet.yaml > swapped.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key swapped.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: swapped.yaml: 26110101000001: the signature does not match the decision: it was changed after it was signed
xj-verify: swapped.yaml: 26110101000002: the signature does not match the decision: it was changed after it was signed
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	assert_equal "$(dept_signed | wc -l)" 1
	# the sheet as signed still goes in
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_success
	assert_equal "$stderr" "xj-verify: 1 recorded, 1 unchanged, 0 refused"
}

@test "xj-key sign refuses a sheet edited before signing" {
	reviewed
	prepare_wang
	sed -i 's/result: pass/result: fail/' sheet.yaml
	cp sheet.yaml before.yaml
	run --separate-stderr xj-key sign --key keys/wang.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-key: decision 1 (26110101000001) does not match its content hash: the sheet was edited; ask for a new one"
	cmp sheet.yaml before.yaml
}

@test "a sheet signed with another person's key is refused (P1)" {
	reviewed
	prepare_wang
	cp sheet.yaml li.yaml
	sign_away li li.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key li.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: li.yaml: 26110101000001: signed with li's key, not wang's
xj-verify: li.yaml: 26110101000002: signed with li's key, not wang's
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	cp sheet.yaml evil.yaml
	sign_away evil evil.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key evil.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: evil.yaml: 26110101000001: signed with a key that is no staff member's in the config
xj-verify: evil.yaml: 26110101000002: signed with a key that is no staff member's in the config
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	# an unsigned sheet, and one applied without a key of the applier
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: sheet.yaml: 26110101000001: not signed: the signer signs the sheet with xj-key sign
xj-verify: sheet.yaml: 26110101000002: not signed: the signer signs the sheet with xj-key sign
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	sign_away wang sheet.yaml
	run --separate-stderr xj-verify sign --apply sheet.yaml
	assert_failure 2
	assert_equal "$stderr" "xj-verify: 'xj-verify sign' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	assert_equal "$(dept_signed)" ""
}

@test "applied twice, a sheet records each sign-off once; a dry run records none" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	run --separate-stderr xj-verify sign -n --apply --key keys/chen.key sheet.yaml
	assert_success
	assert_equal "$stderr" "xj-verify: 2 recorded, 0 unchanged, 0 refused (dry run: nothing was recorded)"
	assert_equal "$(dept_signed)" ""
	xj-verify sign -q --apply --key keys/chen.key sheet.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_success
	assert_equal "$stderr" "xj-verify: 0 recorded, 2 unchanged, 0 refused"
	assert_equal "$(dept_signed)" "26110101000001
26110101000002"
	assert_equal "$(sql "SELECT count(*) FROM decision_sig WHERE statement NOT LIKE '%head: %'")" 2
}

@test "a decision no longer possible when applied is refused; the others are recorded (P1, P7)" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	# the first student was reviewed again meanwhile: the new review is
	# not confirmed, and wang signed the old one
	xj-verify review -q --key keys/li.key $RECHECK --note "复查补充" 26110101000001
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: sheet.yaml: 26110101000001: the re-check is not confirmed yet (P7)
xj-verify: 1 recorded, 0 unchanged, 1 refused"
	assert_equal "$(dept_signed)" 26110101000002
	# confirmed again, the old sheet still does not sign the new review
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: sheet.yaml: 26110101000001: the student was reviewed again since the sheet was prepared
xj-verify: 0 recorded, 1 unchanged, 1 refused"
}

@test "a sheet prepared under another config is refused once the config changed" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	sed 's/王校长/李校长/' keyed.yaml > keyed2.yaml
	xj config load -q --key keys/chen.key keyed2.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: sheet.yaml: 26110101000001: the config changed since the sheet was prepared
xj-verify: sheet.yaml: 26110101000002: the config changed since the sheet was prepared
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	# nor is a sheet applied to another store than its own
	sql "UPDATE meta SET value = '00000000000000000000000000000000' WHERE key = 'store_id'"
	run --separate-stderr xj-verify sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: sheet.yaml: 26110101000001: the sheet is of another store
xj-verify: sheet.yaml: 26110101000002: the sheet is of another store
xj-verify: 0 recorded, 0 unchanged, 2 refused"
	assert_equal "$(dept_signed)" ""
}

@test "the printable page holds each decision's content hash and a place to sign" {
	reviewed
	xj-verify sign -q --prepare --stage recheck --level dept -u wang -o sheet.yaml \
		--page print.html 26110101000001 26110101000002
	[ ! -e sheet.html ]
	for h in $(sed -n 's/^  content: //p' sheet.yaml); do
		grep -q "$h" print.html
	done
	assert_equal "$(sed -n 's/^  content: //p' sheet.yaml | wc -l)" 2
	grep -q '审签人（签字）' print.html
	grep -q '王芳（wang，部门负责人）' print.html
	grep -q "$(sed -n 's/^store: //p' sheet.yaml)" print.html
}

@test "xj log --verify checks a sheet's sign-off against its statement" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	xj-verify sign -q --apply --key keys/chen.key sheet.yaml
	run xj log --verify
	assert_success
	id=$(sql "SELECT min(audit_id) FROM decision_sig WHERE statement NOT LIKE '%head: %'")
	unguarded "DROP TRIGGER review_no_update; UPDATE review SET result = 'fail' WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $id: its signed statement is not the sign-off recorded (result differs)"
	unguarded "DROP TRIGGER review_no_update; UPDATE review SET result = 'pass' WHERE id = 1; DROP TRIGGER decision_sig_no_update; UPDATE decision_sig SET statement = replace(statement, 'level: dept', 'level: leader') WHERE audit_id = $id"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $id: the signature does not verify (forged)"
}

@test "a file that is not a sheet is refused whole; the other sheets go on" {
	reviewed
	prepare_wang
	sign_away wang sheet.yaml
	printf 'sheet: [\n' > broken.yaml
	printf 'a: b\n' > other.yaml
	run --separate-stderr xj-verify sign --apply --key keys/chen.key broken.yaml other.yaml sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-verify: broken.yaml:2: not valid YAML: did not find expected node content
xj-verify: other.yaml: not a sign-off sheet (no 'sheet: xj-signoff-1')
xj-verify: 2 recorded, 0 unchanged, 2 refused"
	run --separate-stderr xj-verify sign --apply --key keys/chen.key missing.yaml
	assert_failure 3
	assert_equal "$(dept_signed)" "26110101000001
26110101000002"
}

# --- change approvals on a sheet (xj-change approve --prepare/--apply) ----------

# A key-data change (P12) li asked for, approved by zhou at its first
# level: the department head's level is next.
requested() {
	keyed_store
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card 26110101000001 > /dev/null
	xj-change approve -q --key keys/zhou.key 1
}

# wang's sheet of the approvals of request 1, signed away from the store.
wang_signed() {
	xj-change approve -q --prepare -u wang -o sheet.yaml 1
	sign_away wang sheet.yaml
}

@test "a change approval signed by wang away from the store, applied by qian: it is wang's (P1, P12)" {
	requested
	xj-change request -q --key keys/li.key --field id_number --to 110101200711030024 \
		--field birth_date --to 2007-11-03 --evidence application,household-register,id-card \
		26110101000002 > /dev/null
	xj-change approve -q --key keys/zhou.key 2
	xj-change request -q --key keys/li.key --field ethnicity --to 汉族 \
		--evidence application,household-register,id-card 26320102000003 > /dev/null
	before=$(sql 'SELECT count(*) FROM audit'):$(sql 'SELECT count(*) FROM command')
	# the prepared sheet holds what wang may approve now, the others named;
	# chen prepares it with her own key at hand: -u is the signer
	run --separate-stderr env XJ_KEY=keys/chen.key xj-change approve --prepare -u wang \
		-o sheet.yaml 1 2 3 9
	assert_failure 1
	assert_equal "$stderr" "xj-change: 3: level 1 of request #3 is the reviewer's: wang is not a reviewer
xj-change: 9: no change request #9
xj-change: sheet.yaml: 2 decisions for wang to sign, 2 left off; sheet.html to print"
	assert_equal "$(sql 'SELECT count(*) FROM audit'):$(sql 'SELECT count(*) FROM command')" "$before"
	assert_equal "$(sed -n 's/^sheet: //p' sheet.yaml)" xj-approve-1
	assert_equal "$(sed -n '/^- request: 1$/,/signature/s/^  new: //p' sheet.yaml)" 'name="张玮"'
	assert_equal "$(sed -n '/^- request: 1$/,/signature/s/^  role: //p' sheet.yaml)" dept-head
	# a new ID number is on the sheet masked, with its hash: never whole (P2)
	run grep -c 110101200711030024 sheet.yaml sheet.html
	assert_failure
	grep -q "new: id_number=\"110101\*\*\*\*\*\*\*\*0024\" sha256:$(printf %s 110101200711030024 | sha256sum | cut -d' ' -f1); birth_date=\"2007-11-03\"" sheet.yaml
	grep -q '学籍信息变更审批单' sheet.html
	grep -q '第2级（部门负责人）' sheet.html
	# signed where no store is, the signer reads the new values
	mkdir away
	cp sheet.yaml away/
	install -m 600 keys/wang.key away/wang.key
	(cd away && env -u XJ_DB xj-key sign -q --key wang.key sheet.yaml > summary.csv)
	assert_equal "$(sed -n 2p away/summary.csv)" "26110101000001,张伟,change,dept-head,\"name=\"\"张玮\"\"\",$(sed -n '/^- request: 1$/,/signature/s/^  content: //p' sheet.yaml)"
	[ ! -e away/xj.db ]
	# qian holds no approving role: applying needs a key, the roles are wang's
	run --separate-stderr xj-change approve --apply --key keys/qian.key away/sheet.yaml
	assert_success
	assert_equal "$stderr" "xj-change: 2 recorded, 0 unchanged, 0 refused"
	assert_equal "$(xj-change list -f tsv | cut -f1,13,14,15 | sed -n 2,3p)" "$(printf '1\tzhou,wang\tleader\tpending\n2\tzhou,wang\tleader\tpending')"
	assert_equal "$(sql "SELECT group_concat(signer) FROM decision_sig WHERE statement NOT LIKE '%head: %'")" "wang,wang"
	assert_equal "$(sql "SELECT DISTINCT c.user FROM audit a JOIN command c ON c.id = a.command_id WHERE a.action = 'change-approve' AND a.id IN (SELECT audit_id FROM decision_sig WHERE statement NOT LIKE '%head: %')")" qian
	run --separate-stderr xj log --verify
	assert_success
	# the leader approves online after it, as ever, and the change applies
	xj-change approve -q --key keys/zhao.key 1
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张玮"
	run xj log --verify
	assert_success
}

@test "the last level's approval from a sheet applies the change once; applied twice it does not double (P1, P12)" {
	requested
	xj-change approve -q --key keys/wang.key 1
	xj-change approve -q --prepare -u zhao -o zhao.yaml 1
	sign_away zhao zhao.yaml
	run --separate-stderr xj-change approve -n --apply --key keys/chen.key zhao.yaml
	assert_success
	assert_equal "$stderr" "xj-change: 1 recorded (1 applied), 0 unchanged, 0 refused (dry run: nothing was recorded)"
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张伟"
	run --separate-stderr xj-change approve --apply --key keys/chen.key zhao.yaml
	assert_success
	assert_equal "$stderr" "xj-change: 1 recorded (1 applied), 0 unchanged, 0 refused"
	assert_equal "$(xj query --fields name 26110101000001 | tail -n 1)" "张玮"
	run --separate-stderr xj-change approve --apply --key keys/chen.key zhao.yaml
	assert_success
	assert_equal "$stderr" "xj-change: 0 recorded, 1 unchanged, 0 refused"
	assert_equal "$(sql "SELECT kind, count(*) FROM change_event GROUP BY kind ORDER BY kind")" "apply|1
approve|3"
	assert_equal "$(sql "SELECT count(*) FROM decision_sig WHERE statement NOT LIKE '%head: %'")" 1
	assert_equal "$(xj-change list -f tsv | cut -f13,15 | tail -n 1)" "$(printf 'zhou,wang,zhao\tapplied')"
	run xj log --verify
	assert_success
}

@test "an approval whose new value was edited, on the sheet or in the store after signing, is refused (P12)" {
	requested
	wang_signed
	sed 's/name="张玮"/name="张三"/' sheet.yaml > edited.yaml
	run --separate-stderr xj-change approve --apply --key keys/chen.key edited.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-change: edited.yaml: #1: the sheet was edited: the decision does not match its content hash
xj-change: 0 recorded, 0 unchanged, 1 refused"
	# the request's new value changed behind the programs after wang signed
	unguarded "DROP TRIGGER change_no_update; UPDATE change_request SET new = replace(new, '张玮', '张三') WHERE id = 1"
	run --separate-stderr xj-change approve --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-change: sheet.yaml: #1: the request is not what was signed: its values changed since the sheet was prepared
xj-change: 0 recorded, 0 unchanged, 1 refused"
	assert_equal "$(sql "SELECT count(*) FROM change_event WHERE kind = 'approve'")" 1
}

@test "an approval sheet signed with another's key, unsigned, applied without a key or by another program is refused (P1, P12)" {
	requested
	xj-change approve -q --prepare -u wang -o sheet.yaml 1
	cp sheet.yaml li.yaml
	sign_away li li.yaml
	run --separate-stderr xj-change approve --apply --key keys/chen.key li.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-change: li.yaml: #1: signed with li's key, not wang's
xj-change: 0 recorded, 0 unchanged, 1 refused"
	cp sheet.yaml evil.yaml
	sign_away evil evil.yaml
	run --separate-stderr xj-change approve --apply --key keys/chen.key evil.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-change: evil.yaml: #1: signed with a key that is no staff member's in the config
xj-change: 0 recorded, 0 unchanged, 1 refused"
	run --separate-stderr xj-change approve --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-change: sheet.yaml: #1: not signed: the signer signs the sheet with xj-key sign
xj-change: 0 recorded, 0 unchanged, 1 refused"
	sign_away wang sheet.yaml
	run --separate-stderr xj-change approve --apply sheet.yaml
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change approve' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	# a sheet is applied by the program of its kind
	run --separate-stderr xj-diploma sign --apply --key keys/chen.key sheet.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: sheet.yaml: a sheet of change approvals, not of sign-offs
xj-diploma: 0 recorded, 0 unchanged, 1 refused"
	# zhou's approval alone, from before the sheet
	assert_equal "$(xj-change list -f tsv | cut -f1,13,14 | tail -n +2)" "$(printf '1\tzhou\tdept-head')"
}

@test "the roles are the signer's: the leader's sheet holds no department head's level (P1)" {
	requested
	run --separate-stderr xj-change approve --prepare -u zhao -o zhao.yaml 1
	assert_failure 1
	assert_equal "$stderr" "xj-change: 1: level 2 of request #1 is the dept-head's: zhao is not a dept-head
xj-change: zhao.yaml: no sheet made: no decision for zhao to sign, 1 left off"
	[ ! -e zhao.yaml ] && [ ! -e zhao.html ]
}

@test "approve --prepare wants the signer and the sheet, and never goes with --apply" {
	requested
	run --separate-stderr xj-change approve --prepare -u wang 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: approve --prepare needs -u NAME (the signer) and -o FILE (the sheet)
Try 'xj-change --help' for more information."
	run --separate-stderr xj-change approve --prepare --apply -u wang -o x.yaml 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: approve takes --prepare or --apply, not both
Try 'xj-change --help' for more information."
}

@test "online, approving is still a decider's work, with a key (P1)" {
	requested
	run --separate-stderr xj-change approve --key keys/qian.key 1
	assert_failure 2
	assert_equal "$stderr" "xj-change: 'xj-change approve' is work for the reviewer, dept-head, leader or registrar; qian does not hold that role"
}

@test "xj log --verify checks a sheet's approval against the request: an edited new value breaks it (P12)" {
	requested
	wang_signed
	xj-change approve -q --apply --key keys/chen.key sheet.yaml
	run xj log --verify
	assert_success
	id=$(sql "SELECT audit_id FROM decision_sig WHERE statement NOT LIKE '%head: %'")
	behind "DROP TRIGGER change_no_update; UPDATE change_request SET new = replace(new, '张玮', '张三') WHERE id = 1"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $id: its signed statement is not the approval recorded (new differs)"
	behind "DROP TRIGGER change_no_update; UPDATE change_request SET new = replace(new, '张三', '张玮') WHERE id = 1"
	run xj log --verify
	assert_success
	behind "DROP TRIGGER change_event_no_update; UPDATE change_event SET text = 'leader' WHERE audit_id = $id"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: decision $id: its signed statement is not the approval recorded (role differs)"
}

# --- revocation sign-offs on a sheet (xj-diploma sign --prepare/--apply) --------

@test "a revocation's sign-offs on sheets: prepared, signed away, applied, revoked (P1)" {
	keyed_store
	studied 26110101000001
	export XJ_NOW=2029-06-20T09:00:00+08:00
	xj-diploma issue -q --conclusion graduate --key keys/chen.key 26110101000001 > /dev/null
	xj-diploma revoke -q --key keys/li.key --reason 冒名顶替 --doc-no "教学〔2030〕5号" 26110101000001
	run --separate-stderr xj-diploma sign --prepare --level leader -u zhao -o early.yaml 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000001: the department head has not signed yet (P1)
xj-diploma: early.yaml: no sheet made: no decision for zhao to sign, 1 left off"
	[ ! -e early.yaml ] && [ ! -e early.html ]
	run --separate-stderr xj-diploma sign --prepare --level dept -u wang -o dept.yaml \
		26110101000001 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: 26110101000002: no revoke review yet
xj-diploma: dept.yaml: 1 decisions for wang to sign, 1 left off; dept.html to print"
	assert_equal "$(sed -n 's/^  stage: //p' dept.yaml)" revoke
	grep -q '撤销学历证书' dept.html
	sign_away wang dept.yaml
	run --separate-stderr xj-diploma sign --apply --key keys/chen.key dept.yaml
	assert_success
	assert_equal "$stderr" "xj-diploma: 1 recorded, 0 unchanged, 0 refused"
	xj-diploma sign -q --prepare --level leader -u zhao -o leader.yaml 26110101000001
	sign_away zhao leader.yaml
	# another's key is refused, the sheet as signed goes in, once
	cp leader.yaml li.yaml
	sign_away li li.yaml
	run --separate-stderr xj-diploma sign --apply --key keys/chen.key li.yaml leader.yaml leader.yaml
	assert_failure 1
	assert_equal "$stderr" "xj-diploma: li.yaml: 26110101000001: signed with li's key, not zhao's
xj-diploma: 1 recorded, 1 unchanged, 1 refused"
	run xj-diploma list --status revoked
	assert_output "exam_no,name,kind,conclusion,number,issued_on,state,original
26110101000001,张伟,diploma,graduate,140011202906000001,2029-06-20,revoked,"
	assert_equal "$(sql "SELECT group_concat(g.level || ':' || g.signer) FROM signoff g JOIN review r ON r.id = g.review_id WHERE r.stage = 'revoke'")" "dept:wang,leader:zhao"
	run xj log --verify
	assert_success
	# online, signing is still a department head's or the leader's, with a key
	run --separate-stderr xj-diploma sign --level dept --key keys/zhou.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: 'xj-diploma sign' is work for the dept-head or leader; zhou does not hold that role"
	run --separate-stderr xj-diploma sign --prepare -u wang -o x.yaml 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-diploma: sign --prepare needs --level, -u NAME (the signer) and -o FILE (the sheet)
Try 'xj-diploma --help' for more information."
}
