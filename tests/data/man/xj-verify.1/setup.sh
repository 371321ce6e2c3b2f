# the state the EXAMPLES of xj-verify(1) start from: the example college
# and roster; the re-checks of two more students reviewed by li, one of
# them confirmed by zhou; the admission photos, one used twice
. "$MAN_DATA/college.sh"
xj-import -q examples/roster.csv
xj-verify review -q --key keys/li.key --stage recheck --result pass \
	--item registration=ok --item health=ok --item procedure=ok \
	--item eligibility=ok 26110101000002 26320102000003
xj-verify confirm -q --key keys/zhou.key 26110101000002
mkdir -p photos/2026
xj-genphoto 1 480 640 90 photos/2026/26110101000001.jpg
xj-genphoto 2 480 640 90 photos/2026/26110101000002.jpg
xj-genphoto 1 480 640 90 photos/2026/26320102000003.jpg
# the other sources, each agreeing with the roster
cut -d, -f1,2,5 examples/roster.csv > application.csv
cut -d, -f1,2,5 examples/roster.csv > admission.csv
cut -d, -f2,5 examples/roster.csv > onsite.csv
for s in application admission onsite; do
	xj-import -q --source $s $s.csv
done
