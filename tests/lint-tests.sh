#!/bin/sh
# lint-tests.sh: checks of the bats tests themselves, run by make check.
# 1. A line of a test that begins with '!' negates a command, and bash's
#    errexit ignores a negated command: in the middle of a test it can
#    never fail it.  'run ! cmd' (or run -N) is the form that checks.
set -u
cd "$(dirname "$0")"
bad=$(grep -nE '^[[:space:]]*![[:space:]]' ./*.bats)
if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/lint-tests: /; s/$/: a negated command never fails a test; write run ! .../' >&2
	exit 1
fi
