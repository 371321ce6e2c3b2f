# the state the EXAMPLES of xj-diploma(1) start from: the example college
# and roster; the students of CS through three years of study, but 王芳,
# whose last year's credits fall short; CHSI's feedback on the
# registration of the credentials
. "$MAN_DATA/college.sh"
. "$MAN_DATA/students.sh"
xj-import -q examples/roster.csv
studied 26110101000001 26110101000002 26320102000003 26110101000008
printf 'exam_no,year,credits,credits_required\n26110101000002,2028,112,120\n' \
	> short.csv
xj-import -q --update --source results short.csv
printf '%s\n' KSH,JG,YY 26110101000001,成功, 26110101000008,成功, \
	26320102000003,成功, > 反馈.csv
