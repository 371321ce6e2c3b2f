# the state the EXAMPLES of xj-register(1) start from: the example college
# and the students of its roster in CS (the department it has staff for),
# every one's re-check signed at its three levels; CHSI's feedback
# (KSH, JG, YY); the admission photos; the students whose fees are not paid
. "$MAN_DATA/college.sh"
. "$MAN_DATA/students.sh"
grep -e '^考生号' -e ',CS,' examples/roster.csv > roster.csv
xj-import -q roster.csv
set -- $(cut -d, -f1 roster.csv | tail -n +2)
rechecked "$@"
{
	echo KSH,JG,YY
	for k; do echo "$k,成功,"; done
} > 反馈.csv
mkdir -p photos/2026
i=0
for k; do i=$((i + 1)); xj-genphoto $i 480 640 90 photos/2026/$k.jpg; done
printf '考生号,姓名,类型,原因\n26110101000002,王芳,暂缓注册,欠费\n' > 欠费名单.csv
