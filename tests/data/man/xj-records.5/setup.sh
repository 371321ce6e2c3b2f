# the state the EXAMPLES of xj-records(5) start from: the example
# roster imported by chen, the registrar
install -m 600 examples/keys/chen.key chen.key
xj init -q
xj config load -q --key chen.key examples/xj.yaml
xj-import -q --key chen.key examples/roster.csv
