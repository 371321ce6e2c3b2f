# the state the EXAMPLES of xj-config(5) start from
xj init -q
cp examples/xj.yaml xj.yaml
