#!/bin/sh
# lint-code.sh: the calls lib/, cmd/ and fuzz/ never make (HACKING, Traps):
# unbounded copies and formats, and number parsing that cannot fail.
# Run by make check.
set -u
cd "$(dirname "$0")/.."
banned='sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|atof|strtok'
# a comment line (" * ...") may name one in prose
bad=$(grep -nE "(^|[^_a-z0-9])($banned)[[:space:]]*\(" lib/*.c lib/*.h cmd/*.c include/xj/*.h \
	fuzz/*.c | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*)')
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/lint-code: /; s/$/: a banned call (HACKING, Traps)/' >&2
	exit 1
fi
