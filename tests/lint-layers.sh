#!/bin/sh
# lint-layers.sh BUILD: the library's layers hold.  Each module of lib/
# (a file, or foo_*.c with foo.c) has a layer in doc/layers; a module may
# call its own layer and those below, never one above, and the modules'
# calls form no cycle.  The calls are read from the objects (nm), so a
# call through any header counts.  Run by make check.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
layers="$top/doc/layers"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# module of a file: the split files belong to the module they extend
module() {
	case $1 in
	store_*) echo store ;; change_*) echo change ;; diploma_*) echo diploma ;;
	archive_*) echo archive ;; bagit_*) echo bagit ;; xlsx_*) echo xlsx ;;
	import_*) echo import ;;
	*) echo "$1" ;;
	esac
}

for o in "$build"/lib/*.o; do
	f=$(basename "$o" .o)
	m=$(module "$f")
	nm "$o" | awk -v m="$m" -v f="$f" '
		NF == 3 && $2 ~ /^[TDRB]$/ && $3 ~ /^xj_/ { print "D", $3, m, f }
		NF == 2 && $1 == "U" && $2 ~ /^xj_/ { print "U", $2, m, f }'
done > "$tmp/syms"
# the headers each source includes: rows.h is the store's (its row log)
for f in "$top"/lib/*.c; do
	b=$(basename "$f" .c)
	m=$(module "$b")
	sed -n 's/^#include "xj\/\([a-z0-9_]*\)\.h".*/\1/p' "$f" | while read -r h; do
		[ "$h" = rows ] && h=store
		echo "I $h $m $b"
	done
done >> "$tmp/syms"

awk -v layers="$layers" '
	BEGIN {
		n = 0
		while ((getline line < layers) > 0) {
			if (line ~ /^#/ || line !~ /:/) continue
			split(line, kv, ":")
			name[n] = kv[1]
			k = split(kv[2], mods, " ")
			for (i = 1; i <= k; i++) rank[mods[i]] = n
			n++
		}
	}
	$1 == "D" { def[$2] = $3 }
	$1 == "U" { use[++u] = $2 " " $3 " " $4 }
	$1 == "I" { inc[++ni] = $2 " " $3 " " $4 }
	END {
		bad = 0
		for (i = 1; i <= u; i++) {
			split(use[i], x, " ")
			to = def[x[1]]; from = x[2]
			if (to == "" || to == from) continue
			if (!(from in rank)) { missing[from] = 1; continue }
			if (!(to in rank)) { missing[to] = 1; continue }
			if (rank[to] > rank[from]) {
				printf "lint-layers: lib/%s.c (%s) calls %s of %s (%s), a layer above\n",
					x[3], name[rank[from]], x[1], to, name[rank[to]] > "/dev/stderr"
				bad = 1
			}
			edge[from " " to] = 1
		}
		for (i = 1; i <= ni; i++) {
			split(inc[i], x, " ")
			if (!(x[1] in rank) || !(x[2] in rank)) continue
			if (rank[x[1]] > rank[x[2]]) {
				printf "lint-layers: lib/%s.c (%s) includes xj/%s.h of %s, a layer above\n",
					x[3], name[rank[x[2]]], x[1], name[rank[x[1]]] > "/dev/stderr"
				bad = 1
			}
		}
		for (m in missing) {
			printf "lint-layers: module %s has no layer in doc/layers\n", m > "/dev/stderr"
			bad = 1
		}
		for (e in edge) print e > "'"$tmp/edges"'"
		exit bad
	}' "$tmp/syms" || exit 1

# no cycle among the modules: tsort names one when there is
[ -s "$tmp/edges" ] || exit 0
if tsort "$tmp/edges" 2>"$tmp/cycle" >/dev/null && [ ! -s "$tmp/cycle" ]; then
	exit 0
fi
sed 's/^tsort: /lint-layers: a cycle of calls: /' "$tmp/cycle" >&2
exit 1
