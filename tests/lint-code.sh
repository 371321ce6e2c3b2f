#!/bin/sh
# lint-code.sh: the calls lib/ and cmd/ never make (HACKING, Traps):
# unbounded copies and formats, and number parsing that cannot fail.
# Run by make check.
set -u
cd "$(dirname "$0")/.."
banned='sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|atof|strtok'
bad=$(grep -nE "(^|[^_a-z0-9])($banned)[[:space:]]*\(" lib/*.c cmd/*.c | grep -vE '//|^\S+:[0-9]+:\s*/?\*')
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/lint-code: /; s/$/: a banned call (HACKING, Traps)/' >&2
	exit 1
fi
