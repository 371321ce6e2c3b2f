# the state the EXAMPLES of xj-archive(1) start from: the example college
# and roster, a scan of one student's admission notice, and the folder
# bags are made in
. "$MAN_DATA/college.sh"
xj-import -q examples/roster.csv
mkdir -p scans out
printf '%%PDF-1.4\n%% 录取通知书\n%%%%EOF\n' > scans/26110101000001-notice.pdf
