#!/bin/sh
# package.sh: build the Debian package from a copy of the working tree
# (dpkg-buildpackage -us -uc -b), check it with lintian (no errors), look
# in it for the programs, manual pages, completion, catalogs and examples,
# then unpack it into a scratch root (dpkg-deb -x, no root needed) and run
# the installed programs on the installed examples as examples/demo.sh
# does, each change made with an example staff member's key (the
# examples/keys of the package, copied aside with mode 0600), then the
# installed demo itself.  Prints what is wrong and exits 1; exits 0 when
# all is well.
# make check-package runs it.
set -u

top=$(cd "$(dirname "$0")/.." && pwd) || exit 1

# The packaging tools: installed as root, otherwise the line to run.
sh "$top/tests/deps.sh" dpkg-dev debhelper lintian fakeroot || exit 1
for t in dpkg-buildpackage dh lintian; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "package.sh: $t not found (Debian packages dpkg-dev, debhelper, lintian)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-package.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

status=0
fail() {
	echo "package.sh: $*" >&2
	status=1
}

# 1. The working tree, committed or not, without the build directories.
src="$tmp/xj"
mkdir "$src" "$tmp/root"
tar -C "$top" --exclude=./.git --exclude='./build*' --exclude=./debian/build \
	--exclude=./debian/xj --exclude=./debian/.debhelper -cf - . |
	tar -C "$src" -xf - || { echo "package.sh: cannot copy the tree" >&2; exit 1; }

# 2. The package.
version=$(cd "$src" && dpkg-parsechangelog -S Version) || exit 1
echo "package.sh: dpkg-buildpackage -us -uc -b (xj $version)"
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) > "$tmp/build.log" 2>&1; then
	tail -n 40 "$tmp/build.log" >&2
	echo "package.sh: dpkg-buildpackage failed" >&2
	exit 1
fi
deb=
for f in "$tmp"/xj_"$version"_*.deb; do
	[ -f "$f" ] && deb=$f
done
if [ -z "$deb" ]; then
	echo "package.sh: no xj_${version}_*.deb was built" >&2
	exit 1
fi
grep -i 'warning' "$tmp/build.log" | sed 's/^/package.sh: build: /' | head -n 20 >&2

# 3. lintian: errors fail, warnings are shown.
echo "package.sh: lintian $(basename "$deb")"
lintian --fail-on error "$deb" > "$tmp/lintian.log" 2>&1 || fail "lintian reports errors"
grep -v 'running with root privileges' "$tmp/lintian.log"

# 4. What is in it.
dpkg-deb -c "$deb" | awk '{ sub(/^\.\//, "", $6); print $6 }' > "$tmp/contents"
has() {
	grep -qxF "$1" "$tmp/contents" || fail "not in the package: /$1"
}
for c in "$src"/cmd/*.c; do
	p=$(basename "$c" .c)
	has "usr/bin/$p"
	[ "$p" = xj ] || has "usr/share/bash-completion/completions/$p"
done
for m in "$src"/man/man[0-9]/*.[0-9] "$src"/man/*/man[0-9]/*.[0-9]; do
	[ -f "$m" ] || continue
	has "usr/share/man/${m#"$src"/man/}.gz"
done
has usr/share/bash-completion/completions/xj
has usr/share/xj/gb2260.tsv
for po in "$src"/po/*.po; do
	[ -f "$po" ] || continue
	has "usr/share/locale/$(basename "$po" .po)/LC_MESSAGES/xj.mo"
done
(cd "$src" && find examples -type f) > "$tmp/examples"
while read -r f; do
	has "usr/share/doc/xj/$f"
done < "$tmp/examples"
has usr/share/doc/xj/copyright

# 5. The installed programs, run from the unpacked package.
root="$tmp/root"
dpkg-deb -x "$deb" "$root" || { echo "package.sh: dpkg-deb -x failed" >&2; exit 1; }
bin="$root/usr/bin"
ex="$root/usr/share/doc/xj/examples"
XJ_DB="$tmp/t.db"
LC_ALL=C.UTF-8
export XJ_DB LC_ALL
unset LANGUAGE XJ_LOCALEDIR || true

# run NAME CMD...: CMD's exit status must be 0; its output in $tmp/NAME.out, .err
run() {
	name=$1
	shift
	"$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "exit $rc: $*"
		cat "$tmp/$name.err" >&2
		return 1
	fi
}
# want NAME TEXT: the output (standard output and error) of NAME has TEXT
want() {
	cat "$tmp/$1.out" "$tmp/$1.err" | grep -qF -- "$2" ||
		fail "$1: no '$2' in: $(cat "$tmp/$1.out" "$tmp/$1.err" | head -n 5)"
}

if [ ! -f "$ex/roster.csv" ] || [ ! -f "$ex/xj.yaml" ]; then
	echo "package.sh: the examples are not in the package; the programs not run" >&2
	exit 1
fi
# The example staff's keys, shipped as examples: copied aside private
# (mode 0600), as xj takes no key that others can read.
keys="$tmp/keys"
mkdir "$keys"
for n in chen li wang zhao sun; do
	if [ -f "$ex/keys/$n.key" ]; then
		install -m 600 "$ex/keys/$n.key" "$keys/$n.key"
	else
		fail "not in the package: the example key $n.key"
	fi
done
# chen, the registrar and admin the config names, acts unless told otherwise
XJ_KEY="$keys/chen.key"
XDG_CONFIG_HOME="$tmp/config"
export XJ_KEY XDG_CONFIG_HOME
unset XJ_USER XJ_NOW XJ_PASSPHRASE || true

rows=$(($(wc -l < "$ex/roster.csv") - 1))
run version "$bin/xj" --version && want version "$version" &&
	want version "/usr/share/xj/gb2260.tsv)"
run init "$bin/xj" init && { [ -f "$XJ_DB" ] || fail "xj init made no $XJ_DB"; }
# the first load is signed by an admin the config names: chen
run config "$bin/xj" config load "$ex/xj.yaml"
run import "$bin/xj-import" --source roster "$ex/roster.csv" &&
	want import "$rows imported" && want import "0 refused"
# xj NAME runs xj-NAME from beside it: the same rows again, unchanged
run import2 "$bin/xj" import --key "$keys/chen.key" --source roster "$ex/roster.csv" &&
	want import2 "$rows unchanged"
# li is a reviewer, not the registrar: the import is refused
if XJ_KEY="$keys/li.key" "$bin/xj-import" "$ex/roster.csv" > "$tmp/li.out" 2> "$tmp/li.err"; then
	fail "xj-import with li's key (a reviewer) was not refused"
else
	want li "li does not hold that role"
fi
run query "$bin/xj" query --dept CS && want query 26110101000001 && want query 张伟
run count "$bin/xj" query --fields exam_no &&
	{ n=$(($(wc -l < "$tmp/count.out") - 1))
	  [ "$n" -eq "$rows" ] || fail "xj query: $n students, not $rows"; }
run yaml "$bin/xj" query --student 26110101000001 -f yaml && want yaml 'name: 张伟'
run log "$bin/xj" log -f tsv && want log chen
run verify "$bin/xj" log --verify
# the demo itself, as installed, on the installed programs
run demo sh "$ex/demo.sh" "$bin" && want demo "audit log ok"

# The completion: every program's name loads it, and it completes.  It
# asks the programs for their words, so the installed ones are on PATH, as
# /usr/bin is.
comp="$root/usr/share/bash-completion/completions"
if command -v bash >/dev/null 2>&1; then
	for c in "$src"/cmd/*.c; do
		p=$(basename "$c" .c)
		out=$(bash -c '. "$1/$2" && complete -p "$2"' sh "$comp" "$p" 2>&1)
		case $out in
		*"-F _xj"*) ;;
		*) fail "$comp/$p does not complete $p: $out" ;;
		esac
	done
	out=$(PATH="$bin:$PATH" bash -c '. "$1"; COMP_WORDS=(xj-import --sou); COMP_CWORD=1; _xj
		echo "${COMPREPLY[*]}"' sh "$comp/xj-import" 2>&1)
	[ "$out" = --source ] || fail "xj-import --sou<TAB>: '$out', not --source"
	out=$(PATH="$bin:$PATH" bash -c '. "$1"; COMP_WORDS=(xj-register ann); COMP_CWORD=1; _xj
		echo "${COMPREPLY[*]}"' sh "$comp/xj-register" 2>&1)
	[ "$out" = annual ] || fail "xj-register ann<TAB>: '$out', not annual"
fi

# The catalog: found in the package's share/locale beside bin/, when the
# zh_CN.UTF-8 locale is there and the message has its translation.
mo="$root/usr/share/locale/zh_CN/LC_MESSAGES/xj.mo"
if [ -f "$mo" ] && locale -a 2>/dev/null | grep -qx 'zh_CN.utf8' &&
	command -v msgunfmt >/dev/null 2>&1 &&
	msgunfmt "$mo" 2>/dev/null | grep -qF "is not an xj command"; then
	en=$("$bin/xj" no-such-command 2>&1)
	zh=$(LC_ALL=zh_CN.UTF-8 "$bin/xj" no-such-command 2>&1)
	[ "$en" != "$zh" ] || fail "LC_ALL=zh_CN.UTF-8 xj: not in Chinese: $zh"
else
	echo "package.sh: the messages in Chinese not tried (no zh_CN.UTF-8 locale or no translation yet)"
fi

if [ "$status" -eq 0 ]; then
	echo "package.sh: $(basename "$deb"): built, lintian without errors, the demo runs from it"
fi
exit "$status"
