#!/bin/sh
# man-examples.sh PAGE...: run the commands of each page's EXAMPLES in a
# fresh directory, in order, and compare what they print (stdout and
# stderr) with the lines that follow them in the page.  A command shown
# with no output must succeed.  Files a page's examples need, and a
# setup.sh that makes the state they start from, are in
# tests/data/man/PAGE/.  Run by tests/0009-man-examples.bats.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0

cases() {
	awk -v dir="$2" '
	function flush() {
		if (n && !written[n]) {
			printf "%s\n", cmd > (dir "/" n ".cmd")
			printf "%s", out > (dir "/" n ".out")
			close(dir "/" n ".cmd"); close(dir "/" n ".out")
			written[n] = 1
		}
	}
	/^\.Sh EXAMPLES/ { ex = 1; next }
	/^\.Sh / { ex = 0 }
	!ex { next }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; flush(); next }
	!lit { next }
	{ gsub(/\\e/, "\\"); gsub(/\\&/, "") }
	/^\$ / { flush(); n++; cmd = substr($0, 3); out = ""; cont = (cmd ~ /\|$/); next }
	cont { cmd = cmd "\n" $0; cont = ($0 ~ /\|$/); next }
	n { out = out $0 "\n" }
	END { flush() }' "$1"
}

for page in "$@"; do
	dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-man.XXXXXX")
	cases "$page" "$dir"
	mkdir "$dir/run"
	ln -s "$top/examples" "$dir/run/examples"
	printf 'exam_no\n26110101000001\n' > "$dir/run/wanted.csv"
	fixtures="$top/tests/data/man/$(basename "$page")"
	if [ -d "$fixtures" ]; then
		cp "$fixtures"/* "$dir/run/"
		(cd "$dir/run" && sh ./setup.sh) || { echo "$page: setup failed"; fail=1; }
	fi
	n=1
	rc=0
	while [ -f "$dir/$n.cmd" ]; do
		# "(exit $rc)" first, so an example may show the last one's $?
		(cd "$dir/run" && sh -c "(exit $rc); $(cat "$dir/$n.cmd")") > "$dir/$n.got" 2>&1
		rc=$?
		if [ -s "$dir/$n.out" ]; then
			if ! cmp -s "$dir/$n.out" "$dir/$n.got"; then
				echo "$page: example $n differs: $(head -n 1 "$dir/$n.cmd")"
				diff "$dir/$n.out" "$dir/$n.got" | head -n 20
				fail=1
			fi
		elif [ $rc -ne 0 ]; then
			echo "$page: example $n failed ($rc): $(head -n 1 "$dir/$n.cmd")"
			head -n 5 "$dir/$n.got"
			fail=1
		fi
		n=$((n + 1))
	done
	rm -rf "$dir"
done
exit $fail
