#!/bin/sh
# demo.sh BINDIR: the main job on the bundled example, in a fresh store
# that is removed at the end.  The example staff's keys (examples/keys)
# are copied aside, private, as a key must be: every change is made by a
# person proven by a key.
set -eu
bin=$(cd "$1" && pwd)
ex=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export XJ_DB="$dir/xj.db"
PATH="$bin:$PATH"
for n in chen li wang zhao sun; do
	install -m 600 "$ex/keys/$n.key" "$dir/$n.key"
done
export XJ_KEY="$dir/chen.key"   # chen: the registrar and admin

step() { printf '\n$ %s\n' "$*"; }

step xj init
xj init
step "xj config load examples/xj.yaml          # signed by chen, its admin"
xj config load "$ex/xj.yaml"
step xj-import examples/roster.csv
xj-import "$ex/roster.csv"
step xj query --dept CS
xj query --dept CS
step xj query --student 26110101000001 -f yaml
xj query --student 26110101000001 -f yaml
step "xj-import --key li.key examples/roster.csv   # li is a reviewer, not the registrar"
xj-import --key "$dir/li.key" "$ex/roster.csv" || true
step "xj log -f tsv | cut -f1,4,6,7,8 | head -5"
xj log -f tsv | cut -f1,4,6,7,8 | head -5
step xj log --verify
xj log --verify
