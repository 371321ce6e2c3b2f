# Shared set-up for the bats tests: a fresh directory and store per test,
# locale, time zone and clock pinned, the built programs first on PATH.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
EX="$TOP/examples"
DATA="$BATS_TEST_DIRNAME/data"

setup() {
	export LC_ALL=C.UTF-8 TZ=Asia/Shanghai
	export XJ_NOW=2026-09-10T09:00:00+08:00
	export PATH="${XJ_BIN:-$TOP/build/bin}:${XJ_TOOLS:-$TOP/build/tools}:$PATH"
	cd "$BATS_TEST_TMPDIR"
	export XJ_DB="$BATS_TEST_TMPDIR/xj.db"
	unset XJ_USER XJ_KEY
	# never a real key of whoever runs the tests
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
}

# A store with the example config loaded.
new_store() {
	xj init -q
	xj config load -q "$EX/xj.yaml"
}

# The store, asked directly.
sql() {
	sqlite3 -batch -noheader "$XJ_DB" "$1"
}

# A roster CSV from here-doc lines after the English header.
roster() {
	{
		echo "exam_no,name,gender,birth_date,id_number,ethnicity,dept"
		cat
	} > "${1:-roster.csv}"
}

# A store whose staff have keys (keys/NAME.key), the example roster in it.
keyed_store() {
	local n
	mkdir -p keys
	cp "$DATA/keyed.yaml" keyed.yaml
	for n in li zhou wang ma zhao chen; do
		sed -i "s|@$n@|$(xj-key new -q --key "keys/$n.key")|" keyed.yaml
	done
	xj-key new -q --key keys/evil.key > /dev/null
	xj init -q
	xj config load -q keyed.yaml
	xj-import -q --key keys/chen.key "$EX/roster.csv"
}
