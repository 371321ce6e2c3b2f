# the state the EXAMPLES of xj-change(1) start from: the example college
# and roster, and two more students of CS; 黄磊 graduated, his credential
# registered (2029), so only an erratum changes his record; the other
# students of CS registered on CHSI, as a status change needs; the scans
# handed in with the requests; what students reported after checking
# their data on CHSI; the term's status changes from the 学籍科
. "$MAN_DATA/college.sh"
. "$MAN_DATA/students.sh"
xj-import -q examples/roster.csv
printf '%s\n' 考生号,姓名,性别,出生日期,身份证号,民族,专业代码,院系,班级 \
	26110101000009,孙浩,男,2007-04-12,110101200704120013,汉族,510201,CS,计应2601 \
	26110101000010,周琳,女,2007-10-18,110101200710180020,汉族,510201,CS,计应2601 \
	> more.csv
xj-import -q more.csv
graduated 26110101000008
registered 26110101000001 26110101000002 26320102000003 \
	26110101000009 26110101000010
printf '%%PDF-1.4\n%% 申请书\n%%%%EOF\n' > 申请书.pdf
printf '%%PDF-1.4\n%% 休学审批表\n%%%%EOF\n' > 休学审批表.pdf
xj-genphoto 1 480 640 90 户口簿.jpg
printf '%s\n' 考生号,字段,正确值,说明 \
	26110101000002,手机号,13900001111, \
	26440104000005,民族,汉族,学信网显示壮族 > 学信网核对问题.csv
printf '%s\n' 考生号,类型,生效日期,截止日期,原因 \
	26110101000009,休学,2027-03-01,2028-03-01,因病 \
	26110101000010,退学,2027-06-30,,本人申请 > 学籍异动.csv
