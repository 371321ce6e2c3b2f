# the state the EXAMPLES of xj(1) start from: chen, the registrar and
# admin, with her key in its default place (under the test's own
# XDG_CONFIG_HOME), so the examples need no --key
mkdir -p "${XDG_CONFIG_HOME:?}/xj"
install -m 600 examples/keys/chen.key "$XDG_CONFIG_HOME/xj/key"
