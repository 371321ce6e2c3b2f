#!/usr/bin/env bats
# make install and make uninstall into a DESTDIR: the programs, the manual
# pages, the completion under every program's name, the catalogs and the
# examples; and everything gone again after uninstall.  The build is the
# one under test (the directory of $XJ_BIN), so nothing is compiled here.

load test_helper

BUILD_DIR=$(cd "${XJ_BIN:-$TOP/build/bin}/.." && pwd)

install_here() {
	make -s -C "$TOP" BUILD="$BUILD_DIR" DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr "$@"
}

@test "make install: programs, completion for each, examples; make uninstall removes them" {
	local c p f root=$BATS_TEST_TMPDIR/root comp
	comp=$root/usr/share/bash-completion/completions
	[ -f "$BUILD_DIR/libxj.a" ] || skip "$BUILD_DIR is not a build directory of this tree"
	run install_here install
	assert_success
	for c in "$TOP"/cmd/*.c; do
		p=$(basename "$c" .c)
		[ -x "$root/usr/bin/$p" ]
		[ -f "$root/usr/share/man/man1/$p.1" ]
		# bash-completion finds a completion by the command's name
		[ -e "$comp/$p" ]
		run bash -c '. "$1/$2" && complete -p "$2"' sh "$comp" "$p"
		assert_output --partial "-F _xj"
	done
	for p in xj xj-import xj-verify xj-register xj-change xj-diploma xj-archive xj-key; do
		[ -e "$comp/$p" ]
	done
	[ "$(readlink "$comp/xj-register")" = xj ]
	(cd "$TOP" && find examples -type f) > examples.list
	[ "$(wc -l < examples.list)" -gt 10 ]
	while read -r f; do
		cmp "$TOP/$f" "$root/usr/share/doc/xj/$f"
	done < examples.list
	[ -f "$root/usr/share/xj/gb2260.tsv" ]
	[ -f "$root/usr/share/locale/zh_CN/LC_MESSAGES/xj.mo" ]
	[ -f "$root/usr/share/man/zh_CN/man7/xj.7" ]
	run install_here uninstall
	assert_success
	run find "$root" -type f -o -type l
	assert_output ""
	[ ! -e "$root/usr/share/doc/xj" ]
}
