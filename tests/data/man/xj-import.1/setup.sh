# the state the EXAMPLES of xj-import(1) start from: chen, the registrar,
# with her key in its default place (under the test's own
# XDG_CONFIG_HOME), so the examples need no --key
mkdir -p "${XDG_CONFIG_HOME:?}/xj"
install -m 600 examples/keys/chen.key "$XDG_CONFIG_HOME/xj/key"
xj init -q
xj config load -q -u chen examples/xj.yaml
xj-import -q -u chen examples/roster.csv
