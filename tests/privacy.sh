#!/bin/sh
# privacy.sh BINDIR TOOLDIR: run the whole test suite with every program's
# standard error copied aside, then look in all of it for a resident ID
# number or a mobile number shown whole.  Diagnostics, summaries and
# refusals mask them (xj(7), PERSONAL DATA); only --reveal shows them, and
# only on standard output.  The suite's own results are not judged here
# (the copying changes the timing some tests look at): make check does that.
set -u
bin=$(cd "$1" && pwd)
tools=$(cd "$2" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-privacy.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/bin"
chmod 0777 "$dir"
: > "$dir/stderr.log"
chmod 0666 "$dir/stderr.log"
# exec: the program is the wrapper's process, so that a test that kills
# or pauses it (XJ_PAUSE) holds the program itself, none left behind
for p in "$bin"/*; do
	n=$(basename "$p")
	cat > "$dir/bin/$n" <<-WRAP
	#!/bin/bash
	exec "$p" "\$@" 2> >(tee -a "$dir/stderr.log" >&2)
	WRAP
	chmod 0755 "$dir/bin/$n"
done
# the catalogs beside the programs, as in the build tree
ln -s "$bin/../share" "$dir/share" 2>/dev/null || true
cd "$top"
XJ_BIN="$dir/bin" XJ_TOOLS="$tools" bats tests/ > "$dir/bats.log" 2>&1 || true
lines=$(wc -l < "$dir/stderr.log")
# an 18-character ID number whose check digit and birth date are right
# (GB 11643), and an 11-digit mobile number, standing alone
found=$(grep -oE '(^|[^0-9])[1-9][0-9]{16}[0-9Xx]([^0-9]|$)|(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' \
	"$dir/stderr.log" | grep -oE '[0-9]{10,17}[0-9Xx]' | sort -u | awk '
	function idok(s,   w, i, sum, c) {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		sum = 0
		for (i = 1; i <= 17; i++) sum += substr(s, i, 1) * w[i]
		c = substr("10X98765432", sum % 11 + 1, 1)
		return toupper(substr(s, 18, 1)) == c && dateok(substr(s, 7, 8))
	}
	# an ID number holds a birth date; a certificate number does not
	function dateok(d,   y, m, day) {
		y = substr(d, 1, 4) + 0; m = substr(d, 5, 2) + 0; day = substr(d, 7, 2) + 0
		return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31
	}
	length($0) == 11 || (length($0) == 18 && idok($0))')
echo "privacy: $lines lines of standard error from $(grep -c '^ok\|^not ok' "$dir/bats.log") tests"
if [ -n "$found" ]; then
	echo "privacy: personal numbers shown whole on standard error:"
	for n in $found; do grep -n -- "$n" "$dir/stderr.log" | head -3; done
	exit 1
fi
echo "privacy: no ID or phone number shown whole"
