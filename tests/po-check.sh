#!/bin/sh
# po-check.sh XGETTEXT-OPTION...: every message in the code is in each
# catalog in po/, translated (not fuzzy), and each catalog compiles with
# msgfmt --check (the formats of a message and its translation agree).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
xgettext "$@" -o "$tmp/xj.pot" cmd/*.c lib/*.c
rc=0
for po in po/*.po; do
	msgfmt --check -o /dev/null "$po"
	msgmerge -q --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/xj.pot"
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
	case $stats in
	*untranslated* | *fuzzy*)
		echo "po-check: $po: $stats; run 'make pot' and translate them" >&2
		msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null | head -20 >&2 || true
		msgattrib --untranslated "$tmp/merged.po" | grep '^msgid' | head -20 >&2
		rc=1 ;;
	esac
done
exit $rc
