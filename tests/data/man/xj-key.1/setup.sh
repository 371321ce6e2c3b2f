# the state the EXAMPLES of xj-key(1) start from: the example college,
# li's key in its default place ("as li"); the re-check of two students
# reviewed by li and confirmed by zhou, and the sheet of wang's sign-offs
# the registrar prepared for her
. "$MAN_DATA/college.sh"
install -m 600 keys/li.key "$XDG_CONFIG_HOME/xj/key"
xj-import -q --key keys/chen.key examples/roster.csv
set -- 26110101000001 26110101000002
xj-verify review -q --key keys/li.key --stage recheck --result pass \
	--item registration=ok --item health=ok --item procedure=ok \
	--item eligibility=ok "$@"
xj-verify confirm -q --key keys/zhou.key "$@"
xj-verify sign -q --key keys/chen.key --prepare --stage recheck --level dept \
	-u wang -o wang-recheck.yaml "$@"
