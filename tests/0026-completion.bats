#!/usr/bin/env bats
# bash completion (contrib/xj.bash) is built from the programs' own verb and
# option tables: every verb and every option of every program completes,
# and the tables say what --help says.

load test_helper

PROGS="xj xj-import xj-key xj-verify xj-change xj-register xj-diploma xj-archive"

comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	_xj
	printf '%s\n' "${COMPREPLY[@]}"
}

# Each verb, and each sub-verb as "verb sub", one a line; a program
# without verbs (xj-import) lists its options, and has one empty verb.
verbs_of() {
	local v s
	if "$1" --completion-helper | grep -q '^-'; then
		echo ""
		return
	fi
	for v in $("$1" --completion-helper); do
		s=$("$1" --completion-helper "$v" | grep -v '^-' || true)
		if [ -n "$s" ]; then
			for w in $s; do echo "$v $w"; done
		else
			echo "$v"
		fi
	done
}

@test "every verb of every program completes from its first letters" {
	source "$TOP/contrib/xj.bash"
	for p in $PROGS; do
		for v in $("$p" --completion-helper | grep -v '^-'); do
			comp "$p" "${v:0:2}" | grep -qxF -- "$v" || fail "$p: verb $v does not complete"
		done
	done
	# xj NAME runs xj-NAME: the programs complete after xj too
	comp xj "" | grep -qx archive
	comp xj archive "" | grep -qx collect
}

@test "every option of every verb completes, after the verb" {
	source "$TOP/contrib/xj.bash"
	local n=0
	for p in $PROGS; do
		while read -r v s; do
			want=$("$p" --completion-helper $v $s | grep '^-' || true)
			got=$(comp "$p" $v $s -- | sort)
			for o in $want; do
				printf '%s\n' "$got" | grep -qxF -- "$o" || fail "$p $v $s: $o does not complete"
				n=$((n + 1))
			done
		done < <(verbs_of "$p")
	done
	[ "$n" -gt 100 ]
}

@test "the option tables and --help name the same long options" {
	for p in $PROGS; do
		tables=$( (verbs_of "$p" | while read -r v s; do
			"$p" --completion-helper $v $s | grep '^-' || true; done) | sort -u)
		help=$("$p" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u |
			grep -vx -e --help -e --version -e --allow-network-fs || true)
		assert_equal "$p: $(comm -3 <(echo "$tables") <(echo "$help") | tr -d '\t' | tr '\n' ' ')" "$p: "
	done
}
