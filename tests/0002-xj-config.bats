#!/usr/bin/env bats
# xj config: the school, departments (P3), staff and roles (P1), calendar
# and windows (P7, P11, P21), loaded as history and shown back; the config
# as a signed decision: loaded by an admin's key, the policy's floors
# (P1, P7, P11, P12), four eyes on the staff and their keys (P1, P2).

load test_helper

# The keyed school of tests/data/keyed.yaml: keys/NAME.key and keys/NAME.pub
# for each staff member and for evil, who is none; a new store, no config.
keys_made() {
	local n
	mkdir -p keys
	cp "$DATA/keyed.yaml" keyed.yaml
	for n in li zhou wang ma zhao chen qian evil; do
		xj-key new -q --key "keys/$n.key" > "keys/$n.pub"
		sed -i "s|@$n@|$(cat "keys/$n.pub")|" keyed.yaml
	done
	xj init -q
}

# ... with that config loaded by chen, its admin: the genesis.
keyed_config() {
	keys_made
	xj config load -q --key keys/chen.key keyed.yaml
}

# keyed.yaml with NAME's key replaced by the public key in file PUB.
swap_key() {
	sed "s|$(cat "keys/$1.pub")|$(cat "$2")|" keyed.yaml
}

@test "config load keeps departments, staff and roles in the store" {
	keys_made
	run --separate-stderr xj config load --key keys/chen.key keyed.yaml
	assert_success
	assert_equal "$stderr" "xj: loaded config keyed.yaml"
	assert_equal "$(sql 'SELECT group_concat(code) FROM (SELECT code FROM department ORDER BY rowid)')" "CS,ME,EC"
	assert_equal "$(sql "SELECT roles FROM staff WHERE name = 'chen'")" "registrar,archivist,admin"
	assert_equal "$(sql "SELECT public_key FROM staff WHERE name = 'qian'")" "$(cat keys/qian.pub)"
	assert_equal "$(sql 'SELECT school_code, recheck_months, annual_months FROM config_load')" "14001|3|1"
	assert_equal "$(sql "SELECT enrol_date FROM cohort WHERE cohort = 2026")" "2026-09-05"
	assert_equal "$(sql "SELECT action FROM audit ORDER BY id DESC LIMIT 2")" "rows
config"
}

@test "config show prints the config in force, with who loaded it" {
	keyed_config
	run --separate-stderr xj config show
	assert_success
	assert_line --index 0 "# keyed.yaml, loaded 2026-09-10T09:00:00+08:00 by chen"
	assert_line --index 1 "# the example school with a key for each staff member (tests only)"
}

@test "config show without a config is exit 1" {
	xj init -q
	run --separate-stderr xj config show
	assert_failure 1
	assert_equal "$stderr" "xj: no config loaded (load one with 'xj config load FILE')"
}

@test "a second load is history: the newest is in force, the old stays" {
	keyed_config
	sed 's/name: 信息工程系/name: 信息技术系/' keyed.yaml > new.yaml
	xj config load -q --key keys/chen.key new.yaml
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 2
	assert_equal "$(sql "SELECT name FROM department WHERE code = 'CS' ORDER BY config_id")" "信息工程系
信息技术系"
	run xj config show
	assert_line --index 0 --partial "# new.yaml, loaded"
}

@test "config mistakes name the file, line and setting" {
	xj init -q
	printf 'school:\n  name: X\n  code: "1400"\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:3: school.code: school code must be 5 digits, not "1400"'
	printf 'school:\n  name: X\n  code: "14001"\nstaff:\n  - name: li\n    roles: [boss]\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:6: staff[1].roles: unknown role "boss" (want reviewer, dept-head, leader, registrar, archivist or admin)'
	printf 'school:\n  name: X\n  code: "14001"\nschool_year: 2026\n' > bad3.yaml
	run --separate-stderr xj config load bad3.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: bad3.yaml:4: school_year: unknown setting"
	printf 'school: [\n' > bad4.yaml
	run --separate-stderr xj config load bad4.yaml
	assert_failure 1
	assert_output ""
	[[ "$stderr" == "xj: bad4.yaml:2: not valid YAML: "* ]]
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
}

@test "a role unknown or given twice is refused in any place of the list, with its line (P1)" {
	xj init -q
	school='school:\n  name: X\n  code: "14001"\ndepartments: [{code: CS, name: A}]\nstaff:\n'
	printf "$school"'  - name: li\n    roles: [leader, boss]\n' > r1.yaml
	run --separate-stderr xj config load r1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: r1.yaml:7: staff[1].roles: unknown role "boss" (want reviewer, dept-head, leader, registrar, archivist or admin)'
	printf "$school"'  - name: li\n    dept: CS\n    roles: [reviewer, dept_head]\n' > r2.yaml
	run --separate-stderr xj config load r2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: r2.yaml:8: staff[1].roles: unknown role "dept_head" (want reviewer, dept-head, leader, registrar, archivist or admin)'
	printf "$school"'  - name: li\n    roles:\n      - reviewer\n      - leader\n      - reviewer\n' > r3.yaml
	run --separate-stderr xj config load r3.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: r3.yaml:10: staff[1].roles: "reviewer" given twice'
	printf "$school"'  - {name: li, roles: [reviewer, reviewer]}\n' > r4.yaml
	run --separate-stderr xj config load -n r4.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: r4.yaml:6: staff[1].roles: "reviewer" given twice'
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
}

@test "a word given twice in the rules of changes is refused (P1, P12)" {
	xj init -q
	printf 'school: {name: X, code: "14001"}\nchanges:\n  levels: [reviewer, dept-head, leader, leader]\n' > w1.yaml
	run --separate-stderr xj config load w1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: w1.yaml:3: changes.levels: "leader" given twice'
	printf 'school: {name: X, code: "14001"}\nchanges:\n  evidence:\n    - application\n    - id-card\n    - household-register\n    - id-card\n' > w2.yaml
	run --separate-stderr xj config load w2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: w2.yaml:7: changes.evidence: "id-card" given twice'
	printf 'school: {name: X, code: "14001"}\nchanges:\n  status_levels: [reviewer, reviewer, dept-head, leader]\n' > w3.yaml
	run --separate-stderr xj config load w3.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: w3.yaml:3: changes.status_levels: "reviewer" given twice'
}

@test "a config looser than the policy is refused, the rule named (P1, P7, P11, P12)" {
	xj init -q
	head='# a school\nschool: {name: X, code: "14001"}\n'
	printf "$head"'changes:\n  levels: [reviewer, leader]\n' > f1.yaml
	run --separate-stderr xj config load f1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: f1.yaml:4: changes.levels: below the policy (P12): key data is approved by reviewer, dept-head and leader, in that order'
	printf "$head"'changes:\n  levels: [dept-head, reviewer, leader]\n' > f2.yaml
	run --separate-stderr xj config load f2.yaml
	assert_equal "$stderr" 'xj: f2.yaml:4: changes.levels: below the policy (P12): key data is approved by reviewer, dept-head and leader, in that order'
	printf "$head"'changes:\n  status_levels:\n    - reviewer\n    - dept-head\n' > f3.yaml
	run --separate-stderr xj config load f3.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: f3.yaml:5: changes.status_levels: below the policy (P1): a status change is approved by reviewer, dept-head and leader, in that order'
	printf "$head"'changes:\n  evidence: [application, id-card]\n' > f4.yaml
	run --separate-stderr xj config load f4.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: f4.yaml:4: changes.evidence: below the policy (P12): a change of key data needs application, household-register and id-card'
	printf "$head"'windows:\n  recheck_months: 6\n' > f5.yaml
	run --separate-stderr xj config load f5.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: f5.yaml:4: windows.recheck_months: below the policy (P7): the re-check is due within 3 months of enrolment at the latest'
	printf "$head"'windows: {annual_registration_months: 2}\n' > f6.yaml
	run --separate-stderr xj config load -n f6.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: f6.yaml:3: windows.annual_registration_months: below the policy (P11): the annual registration is due within 1 month of the first term at the latest'
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
}

@test "a config stricter than the policy is loaded (P1, P7, P12)" {
	keyed_config
	cp keyed.yaml strict.yaml
	printf 'changes:\n  levels: [registrar, reviewer, dept-head, leader]\n  evidence: [application, household-register, id-card, police-certificate]\nwindows: {recheck_months: 2}\n' >> strict.yaml
	run --separate-stderr xj config load --key keys/chen.key strict.yaml
	assert_success
	assert_equal "$(sql 'SELECT change_levels, change_evidence, recheck_months FROM config_load WHERE id = 2')" \
		"registrar,reviewer,dept-head,leader|application,household-register,id-card,police-certificate|2"
}

@test "config checks what YAML cannot: links and uniqueness" {
	xj init -q
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}]\nstaff:\n  - {name: li, roles: dept-head}\n' > c1.yaml
	run --separate-stderr xj config load c1.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: c1.yaml: staff[1]: a dept-head needs a dept"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}]\nstaff:\n  - {name: li, dept: ME, roles: reviewer}\n' > c2.yaml
	run --separate-stderr xj config load c2.yaml
	assert_equal "$stderr" "xj: c2.yaml: staff[1]: dept ME is not a department code"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: CS, name: A}, {code: CS, name: B}]\n' > c3.yaml
	run --separate-stderr xj config load c3.yaml
	assert_equal "$stderr" "xj: c3.yaml: departments[2]: department code CS given twice"
}

@test "the first config without a key is refused, and one without an admin's key (P2)" {
	keys_made
	run --separate-stderr xj config load keyed.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: the first config is loaded with the key of an admin it names: no key in use (see xj-key(1))"
	run --separate-stderr xj config load --key keys/li.key keyed.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: the first config is loaded with the key of an admin it names: the key in use ($(cat keys/li.pub), from --key) is no admin's in keyed.yaml"
	run --separate-stderr xj config load --key keys/evil.key keyed.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: the first config is loaded with the key of an admin it names: the key in use ($(cat keys/evil.pub), from --key) is no admin's in keyed.yaml"
	printf 'school: {name: X, code: "14001"}\nstaff:\n  - {name: chen, roles: [admin]}\n' > nokey.yaml
	run --separate-stderr xj config load --key keys/chen.key nokey.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: the first config needs an admin with a key: nokey.yaml names none"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
	assert_equal "$(sql "SELECT count(*) FROM audit WHERE action = 'config'")" 0
}

@test "the first config is signed by its admin; its SHA-256 is in the log (P2)" {
	keyed_config
	assert_equal "$(sql "SELECT c.user, s.signer, s.public_key FROM command c JOIN command_sig s ON s.command_id = c.id")" \
		"chen|chen|$(cat keys/chen.pub)"
	assert_equal "$(sql "SELECT json_extract(new, '\$.sha256') FROM audit WHERE action = 'config'")" \
		"$(sha256sum keyed.yaml | cut -d' ' -f1)"
	run xj log --verify
	assert_success
}

@test "a reviewer cannot load a config, not even one that swaps keys (P1, P2)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	run --separate-stderr xj config load --key keys/li.key evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: li is not an admin"
	run --separate-stderr xj config load evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: no key in use (see xj-key(1))"
	run --separate-stderr xj config load --key keys/evil.key evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: the key in use ($(cat keys/evil.pub), from --key) is no staff member's in the config in force"
	run --separate-stderr xj config load -u chen --key keys/li.key evil.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: the key in use is li's, not chen's"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 1
	assert_equal "$(sql "SELECT public_key FROM staff WHERE name = 'li'")" "$(cat keys/li.pub)"
	assert_equal "$(sql 'SELECT count(*) FROM config_proposal')" 0
}

@test "one admin giving someone else a key is staged, not applied (P1, P2)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	run --separate-stderr xj config load -q --key keys/chen.key evil.yaml
	assert_success
	assert_equal "$stderr" "xj: config staged as proposal 1 (changes li's key): a second admin approves it with 'xj config approve 1'"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 1
	assert_equal "$(sql "SELECT public_key FROM staff WHERE name = 'li'")" "$(cat keys/li.pub)"
	assert_equal "$(sql 'SELECT base_config, file, proposed_by, why, sha256, approved_command IS NULL FROM config_proposal')" \
		"1|evil.yaml|chen|changes li's key|$(sha256sum evil.yaml | cut -d' ' -f1)|1"
	assert_equal "$(sql "SELECT json_extract(new, '\$.proposal') || ' ' || json_extract(new, '\$.sha256') FROM audit WHERE action = 'config-propose'")" \
		"1 $(sha256sum evil.yaml | cut -d' ' -f1)"
	assert_equal "$(sql "SELECT s.signer FROM command_sig s JOIN audit a ON a.command_id = s.command_id WHERE a.action = 'config-propose'")" chen
	# the key staged is nobody's yet
	run --separate-stderr xj config load -n --key keys/evil.key keyed.yaml
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run), but this load would be refused: loading the config needs an admin's key: the key in use ($(cat keys/evil.pub), from --key) is no staff member's in the config in force"
	run --separate-stderr xj config proposals
	assert_success
	assert_line --index 0 "id,proposed_by,at,why"
	assert_line --index 1 "1,chen,2026-09-10T09:00:00+08:00,changes li's key"
}

@test "adding or removing staff and changing one's own roles are staged too (P1)" {
	keyed_config
	sed -e '/name: zhou,/d' -e 's/roles: \[registrar, admin, archivist\]/roles: [registrar, admin]/' keyed.yaml > staff.yaml
	echo "  - {name: sun, full_name: 孙丽, roles: [archivist], key: \"$(cat keys/evil.pub)\"}" > sun.txt
	sed -i '/name: qian,/r sun.txt' staff.yaml
	run --separate-stderr xj config load --key keys/chen.key staff.yaml
	assert_success
	assert_equal "$stderr" "xj: config staged as proposal 1 (changes chen's roles; adds sun; removes zhou): a second admin approves it with 'xj config approve 1'"
	assert_equal "$(sql "SELECT count(*) FROM staff WHERE name = 'sun'")" 0
	# names, departments and other settings are one admin's to change
	sed 's/full_name: 李明/full_name: 李明明/' keyed.yaml > name.yaml
	run --separate-stderr xj config load --key keys/chen.key name.yaml
	assert_success
	assert_equal "$stderr" "xj: loaded config name.yaml"
}

@test "a proposal is approved by a second admin with a key, by its number, or stays a proposal (P1)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	xj config load -q --key keys/chen.key evil.yaml
	run --separate-stderr xj config approve --key keys/chen.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: config proposal 1 is chen's own: a second admin approves it"
	run --separate-stderr xj config approve --key keys/li.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: approving a config needs an admin's key: li is not an admin"
	run --separate-stderr xj config approve 1
	assert_failure 2
	assert_equal "$stderr" "xj: approving a config needs an admin's key: no key in use (see xj-key(1))"
	run --separate-stderr xj config approve --key keys/qian.key 9
	assert_failure 2
	assert_equal "$stderr" "xj: no config proposal 9"
	run --separate-stderr xj config approve --key keys/qian.key one
	assert_failure 2
	assert_equal "$stderr" "xj: 'xj config approve' wants a proposal number, not 'one'
Try 'xj --help' for more information."
	# the config in force is still the first
	run xj config show
	assert_line --index 0 "# keyed.yaml, loaded 2026-09-10T09:00:00+08:00 by chen"
}

@test "a second admin's approval puts the proposal in force, on record (P1, P2)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	xj config load -q --key keys/chen.key evil.yaml
	run --separate-stderr xj config approve --key keys/qian.key 1
	assert_success
	assert_equal "$stderr" "xj: approved config proposal 1: it is the config in force"
	run xj config show
	assert_line --index 0 "# evil.yaml, loaded 2026-09-10T09:00:00+08:00 by qian"
	assert_line "  - {name: li, full_name: 李明, dept: CS, roles: [reviewer], key: \"$(cat keys/evil.pub)\"}"
	# the approving command's entries: the config, its approval, the rows,
	# all by qian; the file's SHA-256 in the first two
	sum=$(sha256sum evil.yaml | cut -d' ' -f1)
	assert_equal "$(xj log -f tsv | tail -n 3 | cut -f4,8 | tr '\t' ' ')" "qian config
qian config-approve
qian rows"
	assert_equal "$(xj log -f tsv | tail -n 3 | head -n 2 | cut -f10)" \
		"{\"file\":\"evil.yaml\",\"school_code\":\"14001\",\"departments\":3,\"staff\":7,\"sha256\":\"$sum\"}
{\"proposal\":1,\"proposed_by\":\"chen\",\"sha256\":\"$sum\"}"
	run --separate-stderr xj config approve --key keys/qian.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: config proposal 1 was approved already, by qian"
	run --separate-stderr xj config proposals
	assert_output "id,proposed_by,at,why"
	run xj log --verify
	assert_success
}

@test "a proposal made before another load cannot be approved (P1)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	xj config load -q --key keys/chen.key evil.yaml
	sed 's/name: 信息工程系/name: 信息技术系/' keyed.yaml > dept.yaml
	xj config load -q --key keys/chen.key dept.yaml
	run --separate-stderr xj config approve --key keys/qian.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: the config has changed since proposal 1 was made; propose it again"
	assert_equal "$(sql "SELECT public_key FROM staff WHERE name = 'li' AND config_id = 2")" "$(cat keys/li.pub)"
	run --separate-stderr xj config proposals
	assert_output "id,proposed_by,at,why"
}

@test "a proposal is checked again when approved (P12)" {
	keyed_config
	swap_key li keys/evil.pub > evil.yaml
	xj config load -q --key keys/chen.key evil.yaml
	# written behind xj's back: the staged text no longer matches its hash
	unguarded "DROP TRIGGER config_proposal_once; UPDATE config_proposal SET text = replace(text, '14001', '14002')"
	run --separate-stderr xj config approve --key keys/qian.key 1
	assert_failure 2
	assert_equal "$stderr" "xj: config proposal 1: its text does not match its sha256 (changed behind xj)"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 1
}

@test "dry run says what a load would do, with any key or none" {
	keys_made
	run --separate-stderr xj config load -n --key keys/chen.key keyed.yaml
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run): would load keyed.yaml"
	run --separate-stderr xj config load -n keyed.yaml
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run), but this load would be refused: the first config is loaded with the key of an admin it names: no key in use (see xj-key(1))"
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 0
	xj config load -q --key keys/chen.key keyed.yaml
	swap_key li keys/evil.pub > evil.yaml
	# a key the config in force does not list (once refused outright)
	run --separate-stderr xj config load -n --key keys/evil.key keyed.yaml
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run), but this load would be refused: loading the config needs an admin's key: the key in use ($(cat keys/evil.pub), from --key) is no staff member's in the config in force"
	run --separate-stderr xj config load -n --key keys/chen.key evil.yaml
	assert_success
	assert_equal "$stderr" "xj: config is valid (dry run): would stage a proposal (changes li's key)"
	run --separate-stderr xj config load -nq --key keys/chen.key evil.yaml
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(sql 'SELECT count(*) FROM config_load')" 1
	assert_equal "$(sql 'SELECT count(*) FROM config_proposal')" 0
	assert_equal "$(sql 'SELECT count(*) FROM audit')" 4
}

@test "an admin's own new key needs no second admin; the old one then fails (P2)" {
	keyed_config
	xj-key new -q --key keys/chen2.key > keys/chen2.pub
	swap_key chen keys/chen2.pub > rotated.yaml
	run --separate-stderr xj config load --key keys/chen.key rotated.yaml
	assert_success
	assert_equal "$stderr" "xj: loaded config rotated.yaml"
	assert_equal "$(sql "SELECT public_key FROM staff WHERE name = 'chen' AND config_id = 2")" "$(cat keys/chen2.pub)"
	# signed with the old key, which the config in force before held
	assert_equal "$(sql 'SELECT public_key FROM command_sig ORDER BY command_id DESC LIMIT 1')" "$(cat keys/chen.pub)"
	run --separate-stderr xj config load --key keys/chen.key rotated.yaml
	assert_failure 2
	assert_equal "$stderr" "xj: loading the config needs an admin's key: the key in use ($(cat keys/chen.pub), from --key) is no staff member's in the config in force"
	run --separate-stderr xj config load --key keys/chen2.key rotated.yaml
	assert_success
	run xj log --verify
	assert_success
}

@test "-u must name a configured staff member" {
	keyed_config
	run --separate-stderr xj query -u nobody
	assert_failure 2
	assert_equal "$stderr" "xj: unknown staff member 'nobody' (not in the config)"
}

@test "calendar years, cohorts, department names and settings come once each" {
	xj init -q
	printf 'school: {name: X, code: "14001"}\ncalendar:\n  - {year: 2026, first_term_start: 2026-09-01}\n  - {year: 2026, first_term_start: 2026-09-02}\n' > d1.yaml
	run --separate-stderr xj config load d1.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: d1.yaml: calendar[2]: year given twice"
	printf 'school: {name: X, code: "14001"}\ncohorts:\n  - {cohort: 2026}\n' > d2.yaml
	run --separate-stderr xj config load d2.yaml
	assert_equal "$stderr" "xj: d2.yaml: cohorts[1]: a cohort needs a cohort year and an enrol_date"
	printf 'school: {name: X, code: "14001"}\ndepartments: [{code: A, name: N}, {code: B, name: N}]\n' > d3.yaml
	run --separate-stderr xj config load d3.yaml
	assert_equal "$stderr" "xj: d3.yaml: departments[2]: department name N given twice"
	printf 'school: {name: X, code: "14001"}\nschool: {name: Y, code: "14002"}\n' > d4.yaml
	run --separate-stderr xj config load d4.yaml
	assert_failure 1
	assert_equal "$stderr" "xj: d4.yaml:2: setting school given twice"
}

@test "the rules of changes: evidence, levels, apart; mistakes named (P12)" {
	keyed_config
	assert_equal "$(sql 'SELECT change_evidence, change_levels, change_apart FROM config_load')" \
		"application,household-register,id-card|reviewer,dept-head,leader|1"
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  evidence: [application, photo]\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: changes.evidence: not a kind of evidence: "photo" (want application, household-register, id-card or police-certificate)'
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  levels: [reviewer, archivist]\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: changes.levels: not a role that approves: "archivist" (want reviewer, dept-head, leader or registrar)'
	printf 'school:\n  name: X\n  code: "14001"\nchanges:\n  name_and_id_apart: maybe\n' > bad3.yaml
	run --separate-stderr xj config load bad3.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad3.yaml:5: changes.name_and_id_apart: want true or false, not "maybe"'
}

@test "the student-number pattern is checked when loaded" {
	keyed_config
	printf 'school:\n  name: X\n  code: "14001"\nstudent_numbers:\n  pattern: "{year}{major}"\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: student_numbers.pattern: number pattern: no {seq:N} or {seat:N}'
	printf 'school:\n  name: X\n  code: "14001"\nstudent_numbers:\n  pattern: "{year}{room}{seq:3}"\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: student_numbers.pattern: number pattern: unknown {room} (want year, yy, dept, major, major_no, class:N, school, issued, seq:N or seat:N)'
	{ cat keyed.yaml; printf 'student_numbers:\n  pattern: "{yy}{dept}{seq:4}"\n'; } > good.yaml
	xj config load -q --key keys/chen.key good.yaml
	assert_equal "$(sql 'SELECT number_pattern FROM config_load WHERE id = 2')" "{yy}{dept}{seq:4}"
}

@test "the rules of certificates are checked when loaded (P14, P15)" {
	keyed_config
	printf 'school:\n  name: X\n  code: "14001"\ndiplomas:\n  school_type: 3\n' > bad1.yaml
	run --separate-stderr xj config load bad1.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad1.yaml:5: diplomas.school_type: want one digit of 办学类型 (1 普通, 5 成人, 6 自考, 7 网络), not "3"'
	printf 'school:\n  name: X\n  code: "14001"\ndiplomas:\n  level: 6\n' > bad2.yaml
	run --separate-stderr xj config load bad2.yaml
	assert_failure 1
	assert_equal "$stderr" 'xj: bad2.yaml:5: diplomas.level: want the two digits of 培养层次 (06 专科, 05 本科), not "6"'
	assert_equal "$(sql 'SELECT principal, cert_type, cert_level, proof_pattern FROM config_load')" \
		"王校长|1|06|{school}ZM{issued}{seq:4}"
}

@test "majors: code, name, dept and ordinal, each checked when loaded" {
	new_store
	sed 's/"510201", name: 计算机应用技术, dept: CS/"510201", name: 计算机应用技术, dept: XX/' "$EX/xj.yaml" > m.yaml
	run --separate-stderr xj config load -n m.yaml
	assert_failure
	assert_equal "$stderr" "xj: m.yaml: majors[1]: unknown dept XX"
	sed 's/ordinal: "02"/ordinal: "01"/' "$EX/xj.yaml" > m.yaml
	run --separate-stderr xj config load -n m.yaml
	assert_equal "$stderr" "xj: m.yaml: majors[2]: ordinal 01 given twice"
	sed 's/"510202"/"51020"/' "$EX/xj.yaml" > m.yaml
	run --separate-stderr xj config load -n m.yaml
	assert_equal "$stderr" "xj: m.yaml: majors[2]: code 51020: must be 6 digits"
	sed 's/, ordinal: "03"//' "$EX/xj.yaml" > m.yaml
	run --separate-stderr xj config load -n m.yaml
	assert_equal "$stderr" "xj: m.yaml: majors[3]: a major needs a code, a name, a dept and an ordinal"
	sed 's/{year}{major}{seq:3}/{year}{major_no}{class:2}{seat:2}/' "$EX/xj.yaml" > p.yaml
	run --separate-stderr xj config load -n p.yaml
	assert_success
	sed 's/{year}{major}{seq:3}/{year}{class:0}{seat:2}/' "$EX/xj.yaml" > p.yaml
	run --separate-stderr xj config load -n p.yaml
	assert_failure
	assert_equal "$stderr" "xj: p.yaml:75: student_numbers.pattern: number pattern: want {class:N}, N from 1 to 9"
}
