# the state the EXAMPLES of xj-import(1) start from
xj init -q
xj config load -q -u chen examples/xj.yaml
xj-import -q -u chen examples/roster.csv
