#!/bin/sh
# lint-man.sh: the manual pages are clean under mandoc -Tlint, every program
# in cmd/ has its page in man/man1/, and every long option that a program's
# usage text shows is mentioned in that page; a translated page (man/LL/)
# keeps step with its English page and fits a terminal; a page with text
# other than ASCII says it is UTF-8 on its first line, and a translated
# page puts no space beside full-width punctuation.  Prints what is
# wrong and exits 1; exits 0 when all is well.  make check runs it.
set -u

top=$(cd "$(dirname "$0")/.." && pwd) || exit 1
cd "$top" || exit 1

if ! command -v mandoc >/dev/null 2>&1; then
	echo "lint-man.sh: mandoc not found (it is in the Debian package mandoc)" >&2
	exit 1
fi

status=0
bs=$(printf '\b')

# Every page: man/manN/ and the translations in man/LL/manN/.
pages='man/man*/*.* man/*/man*/*.*'

# 1. mandoc -Tlint at the warning level says nothing about any page.
npages=0
for page in $pages; do
	[ -f "$page" ] || continue
	npages=$((npages + 1))
	out=$(mandoc -Tlint -W warning "$page" 2>&1 | grep -v '^mandoc: .*: STYLE: ')
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		status=1
	fi
done
if [ "$npages" -eq 0 ]; then
	echo "lint-man.sh: no manual pages under man/" >&2
	exit 1
fi

# The usage text of a C program: from "usage_text[] =" to the line that
# ends the string with a semicolon.
usage_text() {
	awk '/usage_text\[\] *=/ { on = 1 }
	     on { print }
	     on && /;[ \t]*$/ { exit }' "$1"
}

# 2. Each program has its page, and the page names each of its long options.
for src in cmd/*.c; do
	[ -f "$src" ] || continue
	prog=$(basename "$src" .c)
	page=man/man1/$prog.1
	if [ ! -f "$page" ]; then
		echo "lint-man.sh: $src has no manual page $page"
		status=1
		continue
	fi
	opts=$(usage_text "$src" | grep -o -- '--[a-z][a-z-]*' | sort -u)
	if [ -z "$opts" ]; then
		echo "lint-man.sh: $src: no usage_text with long options found"
		status=1
		continue
	fi
	# The page as a reader sees it, overstriking removed.
	text=$(mandoc -Tascii "$page" 2>/dev/null | sed "s/.$bs//g")
	for opt in $opts; do
		if ! printf '%s\n' "$text" | grep -Eq -e "$opt([^a-z-]|\$)"; then
			echo "lint-man.sh: $page does not mention $opt (in the usage of $src)"
			status=1
		fi
	done
done

# 3. A backslash at the end of a line joins it to the next: a shell line
# continuation in an example has to be written \e.
for page in $pages; do
	[ -f "$page" ] || continue
	grep -n -e '[^\\]\\$' -e '^\\$' "$page" | while IFS=: read -r n _; do
		printf '%s\n' "lint-man.sh: $page:$n: a line ending in \\ is joined to the next (write \\e)"
	done | grep . && status=1
done

# What a page holds that a translation must hold too: its references, its
# requirement ids and its examples (without their # comments).
page_facts() {
	grep -o 'Xr [a-z0-9-]* [0-9]' "$1" | sort -u
	grep -o '^\.It P[0-9]*' "$1"
	awk '/^\.Bd -literal/ { on = 1; next } /^\.Ed/ { on = 0 }
	     on { sub(/[ \t]*#.*/, ""); print }' "$1"
}

# Neither groff nor mandoc breaks a line between two Chinese characters, so
# a line of running text in a translated page must fit by itself: at most
# 56 columns, a multibyte (CJK) character counted as two.
wide_lines() {
	LC_ALL=C awk '/^\.Bd -literal/ { lit = 1 } /^\.Ed/ { lit = 0 }
	    !lit && !/^\./ {
		n = gsub(/[^\001-\177]/, "&")
		w = length($0) - n + 2 * n / 3
		if (w > 56) printf "%s:%d: %d columns\n", FILENAME, NR, w
	    }' "$1"
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# 4. Each translated page has its English page and says the same things.
for page in man/*/man*/*.*; do
	[ -f "$page" ] || continue
	en=man/${page#man/*/}
	if [ ! -f "$en" ]; then
		echo "lint-man.sh: $page has no English page $en"
		status=1
		continue
	fi
	out=$(page_facts "$en" > "$tmp/en"; page_facts "$page" > "$tmp/tr";
		diff "$tmp/en" "$tmp/tr")
	if [ -n "$out" ]; then
		echo "lint-man.sh: $page differs from $en in references, requirements or examples:"
		printf '%s\n' "$out"
		status=1
	fi
	out=$(wide_lines "$page")
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | sed 's/^/lint-man.sh: too wide for a terminal: /'
		status=1
	fi
done

# 5. A page with any byte outside ASCII starts with the line that tells
# man-db it is UTF-8 (without it, man-db may keep a formatted copy in
# its cache with the Chinese stripped).
coding="'\\\" -*- coding: UTF-8 -*-"
for page in $pages; do
	[ -f "$page" ] || continue
	LC_ALL=C grep -q '[^[:print:][:space:]]' "$page" || continue
	if [ "$(head -n 1 "$page")" != "$coding" ]; then
		echo "lint-man.sh: $page: not ASCII, and its first line is not $coding"
		status=1
	fi
done

# 6. In a translated page no ASCII space stands after full-width
# punctuation, nor before it: in running text, and between a macro's
# arguments unless Ns joins them (".Li a Ns 、 Ns Li b").
fw='\(，\|。\|；\|：\|、\|（\|）\|！\|？\|《\|》\|“\|”\)'
for page in man/*/man*/*.*; do
	[ -f "$page" ] || continue
	sed -e "s/$fw Ns\( \|\$\)/\1/g" -e "s/\(^\| \)Ns $fw/\2/g" "$page" |
	grep -n "$fw \| $fw" | while IFS=: read -r n _; do
		echo "lint-man.sh: $page:$n: a space beside full-width punctuation"
	done | grep . && status=1
done

# 7. A crontab line in an example is whole: cron reads one line an entry,
# so none is broken across two.
for page in $pages; do
	[ -f "$page" ] || continue
	awk '/^\.Bd -literal/ { lit = 1; cron = 0; next } /^\.Ed/ { lit = 0 }
	    !lit { next }
	    cron && /^[ \t]/ { printf "%s:%d\n", FILENAME, NR }
	    { cron = /^(@[a-z]+|[0-9*][0-9*,\/-]*( +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]* +[0-9*][0-9*,\/-]*)) /
	      if (cron && /(&&|\|\||\||\\e)[ \t]*$/) printf "%s:%d\n", FILENAME, NR }' "$page" |
	while read -r at; do
		echo "lint-man.sh: $at: a crontab entry broken across lines"
	done | grep . && status=1
done

exit $status
