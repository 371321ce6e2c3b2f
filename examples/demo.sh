#!/bin/sh
# demo.sh BINDIR: the main job on the bundled example, in a fresh store.
set -eu
bin=$(cd "$1" && pwd)
ex=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/xj-demo.XXXXXX")
export XJ_DB="$dir/xj.db"
PATH="$bin:$PATH"

step() { printf '\n$ %s\n' "$*"; }

step xj init
xj init
step xj config load examples/xj.yaml
xj config load "$ex/xj.yaml"
step xj-import -u chen examples/roster.csv
xj-import -u chen "$ex/roster.csv"
step xj query --dept CS
xj query --dept CS
step xj query --key 26110101000001 -f yaml
xj query --key 26110101000001 -f yaml
step "xj log -f tsv | cut -f1,3,5,6,7 | head -5"
xj log -f tsv | cut -f1,3,5,6,7 | head -5
step xj log --verify
xj log --verify
printf '\nThe store is %s; try: XJ_DB=%s xj query --lang zh\n' "$XJ_DB" "$XJ_DB"
