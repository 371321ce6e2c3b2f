# The example college of examples/xj.yaml, for the examples of the manual
# (sourced by a page's setup.sh, in its run directory): each staff member's
# key in keys/NAME.key, chen's also in its default place so that commands
# run as her need no --key; zhou, a second reviewer of CS who confirms
# re-checks and checks archive items (four eyes), with a key made here;
# the archive in ./archive.  xj.yaml is the configuration loaded.
mkdir -p keys archive "${XDG_CONFIG_HOME:?}/xj"
for n in li wang zhao chen sun; do
	install -m 600 "examples/keys/$n.key" "keys/$n.key"
done
install -m 600 keys/chen.key "$XDG_CONFIG_HOME/xj/key"
zhou=$(xj-key new -q --key keys/zhou.key)
sed -e "s|root: /srv/xj/archive|root: $PWD/archive|" \
    -e "/^staff:/a\\
  - {name: zhou, full_name: 周洁, dept: CS, roles: [reviewer, archivist], key: \"$zhou\"}" \
    examples/xj.yaml > xj.yaml
xj init -q
xj config load -q xj.yaml
