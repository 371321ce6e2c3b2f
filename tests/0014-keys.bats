#!/usr/bin/env bats
# Who acted is proven, not claimed (P1, P2, P7): staff keys, commands
# signed by their holder, signatures and a saved head checked by
# xj log --verify.

load test_helper

# The store with keys for every staff member (keyed_store), and one for an
# impostor: LI, CHEN are the public keys of li (reviewer) and chen
# (registrar and admin).
setup_keys() {
	keyed_store_empty
	LI=$(sed -n 's/^public //p' keys/li.key)
	CHEN=$(sed -n 's/^public //p' keys/chen.key)
}

@test "xj-key new writes a private key of mode 0600 and prints the public key" {
	run --separate-stderr xj-key new
	assert_success
	assert_output --regexp '^ed25519:[A-Za-z0-9+/]{43}=$'
	assert_equal "$stderr" "xj-key: wrote $XDG_CONFIG_HOME/xj/key; put the public key above into your staff entry of the config (key: ...)"
	assert_equal "$(stat -c %a "$XDG_CONFIG_HOME/xj/key")" 600
	run --separate-stderr xj key new
	assert_failure 2
	assert_equal "$stderr" "xj-key: $XDG_CONFIG_HOME/xj/key exists; a key is never overwritten"
	# a directory that is not there is named, not made
	run --separate-stderr xj-key new --key nodir/sub/k.key
	assert_failure 2
	assert_equal "$stderr" "xj-key: cannot create nodir/sub/k.key: its directory does not exist (make it, mode 0700, and run again)"
	[ ! -e nodir ]
}

@test "xj-key show says whose the key in use is" {
	setup_keys
	run --separate-stderr xj-key show --key keys/li.key
	assert_success
	assert_output "public_key,staff
$LI,li"
	run --separate-stderr xj-key show --key keys/evil.key
	assert_failure 1
	assert_equal "$stderr" "xj-key: the key is no staff member's in the config"
}

@test "-u must name the key's holder; a stranger's key is refused" {
	setup_keys
	run --separate-stderr xj-import --key keys/chen.key -u wang "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: the key in use is chen's, not wang's"
	run --separate-stderr env XJ_KEY=keys/evil.key xj-import "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: the key in use ($(sed -n 's/^public //p' keys/evil.key), from XJ_KEY) is no staff member's in the config"
	assert_equal "$(xj query --fields exam_no)" exam_no
}

@test "a refused key says where it came from: --key, XJ_KEY or the default file" {
	setup_keys
	unset XJ_KEY
	# xj-key new puts one in the default place, which every program then picks up
	xj-key new -q > mine.pub
	run --separate-stderr xj-import "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: the key in use ($(cat mine.pub), from $XDG_CONFIG_HOME/xj/key) is no staff member's in the config"
	run --separate-stderr xj config load -n "$EX/xj.yaml"
	assert_equal "$stderr" "xj: config is valid (dry run), but this load would be refused: loading the config needs an admin's key: the key in use ($(cat mine.pub), from $XDG_CONFIG_HOME/xj/key) is no staff member's in the config in force"
}

@test "a key others can read is refused" {
	setup_keys
	chmod 644 keys/chen.key
	run --separate-stderr xj-import --key keys/chen.key "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: key keys/chen.key can be read by others: make it mode 0600"
}

@test "a command run with a key is signed by its holder and verifies" {
	setup_keys
	run --separate-stderr xj-import --key keys/chen.key "$EX/roster.csv"
	assert_success
	assert_equal "$(sql 'SELECT signer, last_entry FROM command_sig WHERE command_id = 3')" "chen|6"
	assert_equal "$(sql "SELECT DISTINCT c.user FROM audit a JOIN command c ON c.id = a.command_id WHERE a.action = 'import'")" chen
	run xj log --verify
	assert_success
	assert_output "audit log ok: 6 entries, every row as the log says"
}

@test "a signature forged by someone without the key is found" {
	setup_keys
	xj-import -q --key keys/chen.key "$EX/roster.csv"
	unguarded "DROP TRIGGER sig_no_update; UPDATE command_sig SET signature = replace(signature, substr(signature, 1, 4), 'AAAA') WHERE command_id = 3"
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: command 3: the signature does not verify (forged)"
}

@test "a chain rewritten from an edited entry on fails its signature and the saved head" {
	setup_keys
	xj-import -q --key keys/chen.key "$EX/roster.csv"
	head=$(xj log --head)
	assert_equal "${head%%:*}" 6
	/usr/bin/python3 "$DATA/rewrite-chain.py" "$XJ_DB" 5 '{"name":"forged"}'
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: command 3: its signature covers entry 6, which was changed or removed"
	run --separate-stderr xj log --verify --since "$head"
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: entry 6 is not the saved head: the log was rewritten since"
}

@test "the saved head catches entries cut from the end" {
	new_store
	xj-import -q "$EX/roster.csv"
	head=$(xj log --head)
	unguarded "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > 4"
	# the chain that is left is whole, but the import's signature covers
	# the entries cut away
	run --separate-stderr xj log --verify
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: command 3: its signature covers entry 6, which was changed or removed"
	run --separate-stderr xj log --verify --since "$head"
	assert_failure 1
	assert_equal "$stderr" "xj: audit log broken: the log has 4 entries, fewer than the saved head's 6: entries were removed"
	run --separate-stderr xj log --verify --since nonsense
	assert_failure 2
}

@test "a revoked key is refused from then on; what it signed before stays valid" {
	setup_keys
	xj-import -q --key keys/chen.key "$EX/roster.csv"
	xj-verify review -q --key keys/li.key --stage arrival --result pass 26110101000001
	# taking a key away is a change to the trust root: a second admin approves (P1)
	sed "s|, key: \"$LI\"||" keyed.yaml > revoked.yaml
	xj config load -q --key keys/chen.key revoked.yaml
	xj config approve -q --key keys/qian.key 1
	run --separate-stderr xj-verify review --key keys/li.key --stage arrival --result pass 26110101000002
	assert_failure 2
	assert_equal "$stderr" "xj-verify: the key in use ($LI, from --key) is no staff member's in the config"
	run xj log --verify
	assert_success
	assert_equal "$(sql 'SELECT group_concat(signer) FROM command_sig WHERE command_id > 2')" "chen,li,chen,qian"
}

@test "a key sealed with a passphrase opens only with it" {
	setup_keys
	PUB=$(XJ_PASSPHRASE=sesame xj-key new -q --passphrase --key keys/sealed.key)
	grep -q '^sealed argon2id13 ' keys/sealed.key
	run ! grep -q '^secret ' keys/sealed.key
	# chen's own new key: a rotation, signed with the old one (P2)
	sed "s|$CHEN|$PUB|" keyed.yaml > sealed.yaml
	xj config load -q --key keys/chen.key sealed.yaml
	run --separate-stderr env XJ_PASSPHRASE=sesame xj-key show --key keys/sealed.key
	assert_success
	assert_output "public_key,staff
$PUB,chen"
	run --separate-stderr env XJ_PASSPHRASE=wrong xj-import --key keys/sealed.key "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: wrong passphrase for key keys/sealed.key"
	# no passphrase and no terminal to ask on
	run --separate-stderr setsid -w xj-import --key keys/sealed.key "$EX/roster.csv"
	assert_failure 2
	assert_equal "$stderr" "xj-import: key keys/sealed.key is sealed with a passphrase: set XJ_PASSPHRASE or run on a terminal"
	XJ_PASSPHRASE=sesame xj-import -q --key keys/sealed.key "$EX/roster.csv"
	assert_equal "$(sql 'SELECT signer FROM command_sig ORDER BY command_id DESC LIMIT 1')" chen
}
