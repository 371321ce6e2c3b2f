#!/bin/sh
# deps-locale.sh LOCALE: make the locale the tests of translated messages
# run in (zh_CN.UTF-8); as root it is compiled, otherwise they are skipped.
want=$(echo "$1" | sed 's/UTF-8$/utf8/')
locale -a 2>/dev/null | grep -qx "$want" && exit 0
[ "$(id -u)" -ne 0 ] && exit 0
lang=${1%%.*}
echo "xj: making the $1 locale" >&2
localedef -i "$lang" -c -f UTF-8 "$1" >&2 || true
