#!/bin/sh
# man-synopsis.sh PROGRAM...: each program's --help and the SYNOPSIS of
# its page man/man1/PROGRAM.1 name the same verbs and the same options.
# A verb is the word after the program's name at the start of a usage
# line (two words when the second is followed by an option: "config
# load"); an option is every -x and --word shown, a long option that
# --help pairs with a short one ("-d, --db") counted as the short one.
# Prints each verb or option one has and the other lacks; exits 1 if any.
# The programs are found on PATH.  Run by tests/0032-man-synopsis.bats.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0

# The verbs of a usage text: PROG at the start of a line (after
# "usage:" or blanks), then one word, or two when the second is
# followed by an option or an optional part.
verbs() {
	awk -v prog="$1" '{
		sub(/^usage:/, "")
		if ($1 != prog || $2 !~ /^[a-z][a-z-]*$/) next
		v = $2
		if ($3 ~ /^[a-z][a-z-]*$/ && $4 ~ /^[-[]/) v = v " " $3
		print v
	}' | sort -u
}

# The options a text names: -x (-xyz is -x -y -z) and --word, each
# after a blank or one of [ ( | , so that xj-key or re-check are not.
options() {
	grep -o -E -e '(^|[][ (|,])--?[A-Za-z][A-Za-z0-9-]*' |
	sed 's/^[][ (|,]//' |
	awk '/^--/ { print; next }
	     { for (i = 2; i <= length($0); i++) print "-" substr($0, i, 1) }' |
	sort -u
}

# "-d, --db" in the help: --db is -d.
aliases() {
	grep -o -E -e '(^|[ (,])-[A-Za-z], --[a-z][a-z0-9-]*' |
	sed 's/^[ (,]//; s/, / /'
}

# The SYNOPSIS as a reader sees it, on lines wide enough not to wrap:
# bold (an option, a verb) plain, underlined (an argument) in capitals
# as --help writes a placeholder (xj NAME).
synopsis() {
	bs=$(printf '\b')
	mandoc -Tascii -O width=250 "$1" 2>/dev/null |
	sed -e "s/_$bs\(.\)/\u\1/g" -e "s/.$bs//g" |
	awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on'
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-syn.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

for prog in "$@"; do
	page=$top/man/man1/$prog.1
	if ! "$prog" --help > "$tmp/help" 2>&1; then
		echo "$prog: --help failed"
		fail=1
		continue
	fi
	synopsis "$page" > "$tmp/syn"
	if [ ! -s "$tmp/syn" ]; then
		echo "$page: no SYNOPSIS"
		fail=1
		continue
	fi
	aliases < "$tmp/help" > "$tmp/alias"
	norm() {
		awk 'NR == FNR { long[$2] = $1; next }
		     { print ($0 in long) ? long[$0] : $0 }' "$tmp/alias" - | sort -u
	}
	options < "$tmp/help" | norm > "$tmp/help.opt"
	options < "$tmp/syn" | norm > "$tmp/syn.opt"
	verbs "$prog" < "$tmp/help" > "$tmp/help.verb"
	verbs "$prog" < "$tmp/syn" > "$tmp/syn.verb"
	for what in verb opt; do
		case $what in verb) name=verb ;; *) name=option ;; esac
		comm -23 "$tmp/help.$what" "$tmp/syn.$what" | while read -r x; do
			echo "$prog: $name $x is in --help, not in the SYNOPSIS of $prog(1)"
		done
		comm -13 "$tmp/help.$what" "$tmp/syn.$what" | while read -r x; do
			echo "$prog: $name $x is in the SYNOPSIS of $prog(1), not in --help"
		done
	done > "$tmp/out"
	if [ -s "$tmp/out" ]; then
		cat "$tmp/out"
		fail=1
	fi
done
exit $fail
