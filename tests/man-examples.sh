#!/bin/sh
# man-examples.sh PAGE...: run the commands of each page's examples in a
# fresh directory, in order, and compare what they print (stdout and
# stderr) with the lines that follow them in the page.  A command shown
# with no output must succeed.
#
# What is run: every line "$ COMMAND" of a literal display (.Bd -literal)
# in the section EXAMPLES, or in the sections a comment
#	.\" examples: SECTION...
# near the top of the page names instead (xj(7): its WORKFLOW).  A line
# ending in "|" or "\" goes on to the next.  Lines without "$ " (crontab
# entries, configuration, root's "# " prompts) are never run.
#
# A hash the page shows cut short ("73510bcb...") stands for any hash:
# those that name the store (made at random) differ in every run.
#
# Standard output is line-buffered (stdbuf -oL), as on a terminal, so
# that it comes in order with standard error.  stdbuf preloads its own
# library, which AddressSanitizer's build would refuse to follow: it is
# told not to (the library only sets the buffering).
#
# Who runs it: chen, the registrar, unless the command's comment names
# another staff member ("# wang, the department head"): it then runs
# with XJ_KEY=keys/NAME.key, as at NAME's own computer, their key in its
# default place.
#
# When: the test's clock (XJ_NOW), until a comment
#	.\" now: 2027-09-10T09:00:00+08:00
# moves it on for the displays after it (a later year's registration).
#
# Not run: a display right after a comment
#	.\" not run: REASON
# is left out, for a reason the comment gives (mail, a server's paths,
# root).  Keep these rare.
#
# State: files a page's examples need, and a setup.sh that makes the
# state they start from, are in tests/data/man/PAGE/; setup.sh may use
# the shared steps in $MAN_DATA (tests/data/man): college.sh, the example
# college and its store; students.sh, students registered on CHSI, through
# their years of study, graduated.  Run by tests/0009-man-examples.bats.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0

cases() {
	awk -v dir="$2" '
	function flush() {
		if (n && !written[n]) {
			printf "%s\n", now > (dir "/" n ".now")
			printf "%s\n", cmd > (dir "/" n ".cmd")
			printf "%s", out > (dir "/" n ".out")
			close(dir "/" n ".cmd"); close(dir "/" n ".out"); close(dir "/" n ".now")
			written[n] = 1
		}
	}
	BEGIN { want["EXAMPLES"] = 1 }
	/^\.\\" examples: / {
		delete want
		s = substr($0, 15)
		k = split(s, w, / /)
		for (i = 1; i <= k; i++) if (w[i] != "") want[w[i]] = 1
		next
	}
	/^\.Sh / { s = substr($0, 5); gsub(/"/, "", s); ex = (s in want); next }
	!ex { next }
	/^\.\\" not run: / { skip = 1; next }
	/^\.\\" now: / { now = substr($0, 10); next }
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; skip = 0; flush(); next }
	!lit { skip = 0; next }
	skip { next }
	{ gsub(/\\e/, "\\"); gsub(/\\&/, "") }
	/^\$ / { flush(); n++; cmd = substr($0, 3); out = ""; cont = (cmd ~ /[|\\]$/); next }
	cont { cmd = cmd "\n" $0; cont = ($0 ~ /[|\\]$/); next }
	n { out = out $0 "\n" }
	END { flush() }' "$1"
}

# same SHOWN GOT: what a command printed is what the page shows
same() {
	cmp -s "$1" "$2" && return 0
	grep -q '[0-9a-f]\.\.\.' "$1" || return 1
	awk 'NR == FNR { e[FNR] = $0; ne = FNR; next }
	{ g[FNR] = $0; ng = FNR }
	END {
		if (ne != ng) exit 1
		for (i = 1; i <= ne; i++) {
			if (e[i] == g[i]) continue
			re = e[i]
			gsub(/[0-9a-f]+\.\.\./, "\001", re)
			gsub(/[][\\.^$*+?(){}|\/]/, "\\\\&", re)
			gsub(/\001/, "[0-9a-f]+", re)
			if (g[i] !~ ("^" re "$")) exit 1
		}
	}' "$1" "$2"
}

export MAN_DATA="$top/tests/data/man"
for page in "$@"; do
	dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-man.XXXXXX")
	cases "$page" "$dir"
	mkdir "$dir/run"
	ln -s "$top/examples" "$dir/run/examples"
	printf 'exam_no\n26110101000001\n' > "$dir/run/wanted.csv"
	fixtures="$MAN_DATA/$(basename "$page")"
	if [ -d "$fixtures" ]; then
		cp -r "$fixtures"/* "$dir/run/"
		(cd "$dir/run" && sh ./setup.sh) || { echo "$page: setup failed"; fail=1; }
	fi
	n=1
	rc=0
	while [ -f "$dir/$n.cmd" ]; do
		# the staff member a comment names ("# wang, at home")
		who=$(sed -n 's/.*[[:space:]]#[[:space:]]*\([a-z][a-z]*\).*/\1/p' "$dir/$n.cmd" | head -n 1)
		key=
		if [ -n "$who" ] && [ -f "$dir/run/keys/$who.key" ]; then
			key="XJ_KEY=keys/$who.key; export XJ_KEY; "
		fi
		now=$(cat "$dir/$n.now")
		[ -z "$now" ] || key="${key}XJ_NOW=$now; export XJ_NOW; "
		# "(exit $rc)" first, so an example may show the last one's $?
		(cd "$dir/run" &&
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			stdbuf -oL sh -c "$key(exit $rc); $(cat "$dir/$n.cmd")") > "$dir/$n.got" 2>&1
		rc=$?
		if [ -s "$dir/$n.out" ]; then
			if ! same "$dir/$n.out" "$dir/$n.got"; then
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
