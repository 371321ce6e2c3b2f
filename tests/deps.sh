#!/bin/sh
# deps.sh PKG...: install the Debian packages the build and the tests need.
# As root it runs apt-get; otherwise it prints the one line to run.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "xj: missing packages:$missing (install them with your package manager)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "xj: missing packages; run:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
echo "xj: installing$missing" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing >&2
