#!/usr/bin/env bats
# xj-archive: the student archive.  Items of each stage collected, checked
# by a second person, filed (P18); the paper file lent, returned and
# transferred by named people (P19); electronic copies kept by content,
# checked for fixity, exported and verified as BagIt bags (P20).

load test_helper

BAGS="$DATA/bags"
archive_store() {
	keyed_store
	mkdir -p archive
	printf 'archive: {root: %s/archive, lend_days: 10}\n' "$PWD" >> keyed.yaml
	xj config load -q --key keys/chen.key keyed.yaml
	xj-genphoto 1 96 128 80 photo.jpg
	printf '%%PDF-1.4\n%% an admission notice\n' > notice.pdf
}

@test "an electronic copy is kept by its content, read-only, never written over (P20)" {
	archive_store
	run --separate-stderr xj-archive collect --key keys/chen.key --item photo --file photo.jpg 26110101000001
	assert_success
	sha=$(sha256sum photo.jpg | cut -d' ' -f1)
	assert [ -f "archive/${sha:0:2}/${sha:2}" ]
	assert_equal "$(stat -c %a "archive/${sha:0:2}/${sha:2}")" 400
	assert_equal "$(sql 'SELECT kind, paper, sha256, size, media, by_whom FROM holding')" \
		"photo|0|$sha|$(stat -c %s photo.jpg)|image/jpeg|chen"
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000002
	assert_equal "$(find archive -type f | wc -l)" 1
	# an archive that is not there is named, not made on whatever disk
	mv archive gone
	run --separate-stderr xj-archive collect --key keys/chen.key --item photo --file photo.jpg 26110101000008
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000008: the archive $PWD/archive does not exist: make it (the config's archive: root) and run again
xj-archive: 0 done, 1 refused"
	[ ! -e archive ]
	mv gone archive
	echo "hello" > note.txt
	run --separate-stderr xj-archive collect --key keys/chen.key --item photo --file note.txt 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: note.txt: not a PDF, JPEG, PNG or TIFF file (by its content)
xj-archive: 0 done, 1 refused"
	run --separate-stderr xj-archive collect --key keys/chen.key --item diary --paper 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: not a kind of item of the checklist: diary (xj-config(5), archive)
xj-archive: 0 done, 1 refused"
	assert_equal "$(sql 'SELECT count(*) FROM holding')" 2
}

@test "a second person checks; then the items are filed (P18, P19)" {
	archive_store
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper --location 柜A-3 \
		--file notice.pdf 26110101000001
	run --separate-stderr xj-archive check --key keys/chen.key 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: chen collected these items: a second person checks them (P19)
xj-archive: 0 done, 1 refused"
	run --separate-stderr xj-archive file --key keys/chen.key --location 柜A-3 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: the items are not checked yet (P18)
xj-archive: 0 done, 1 refused"
	run --separate-stderr xj-archive check --key keys/li.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-archive: 'xj-archive check' is work for the archivist; li does not hold that role"
	# a name is a claim, not a proof: without zhou's key nothing is checked (P2)
	run --separate-stderr xj-archive check -u zhou 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-archive: 'xj-archive check' needs the key of the staff member who runs it: --key FILE, \$XJ_KEY or ~/.config/xj/key (see xj-key(1))"
	run --separate-stderr xj-archive check -u zhou --key keys/chen.key 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-archive: the key in use is chen's, not zhou's"
	xj-archive check -q --key keys/zhou.key 26110101000001
	xj-archive file -q --key keys/chen.key --location 柜A-3 26110101000001
	assert_equal "$(sql "SELECT group_concat(kind || ':' || by_whom) FROM holding_event")" \
		"check:zhou,check:zhou,file:chen,file:chen"
}

@test "status names what is missing at each stage passed (P18)" {
	archive_store
	xj-verify review -q --key keys/li.key --stage arrival --result pass 26110101000001
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper 26110101000001
	run --separate-stderr xj-archive status 26110101000001 26110101000002
	assert_failure 1
	assert_output 'exam_no,name,passed,missing,unchecked,transferred_to,lent_to,due,overdue
26110101000001,张伟,arrival,"arrival: exam-file,id-card-copy","photo,admission-notice",,,,
26110101000002,王芳,,,,,,,'
	xj-verify review -q --key keys/li.key $RECHECK 26110101000001
	xj-verify confirm -q --key keys/zhou.key 26110101000001
	xj-verify sign -q --key keys/wang.key --stage recheck --level dept 26110101000001
	xj-verify sign -q --key keys/zhao.key --stage recheck --level leader 26110101000001
	xj-register new -q --template "$EX/templates/chsi-new.yaml" -o new.csv --commit \
		--key keys/chen.key 26110101000001
	printf 'exam_no,result\n26110101000001,success\n' > fb.csv
	xj-register result -q --key keys/chen.key fb.csv
	run --separate-stderr xj-archive status 26110101000001
	assert_line --index 1 '26110101000001,张伟,"arrival,registration,study","arrival: exam-file,id-card-copy; registration: record-card","photo,admission-notice",,,,'
}

@test "the paper file is lent by name, overdue is shown, returned, transferred (P19)" {
	archive_store
	xj-archive collect -q --key keys/chen.key --item admission-notice --paper --location 柜A-3 26110101000001
	# nothing collected on paper is nothing to lend
	run --separate-stderr xj-archive lend --key keys/chen.key --to 辅导员王 --reason x 26110101000002
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-archive: 26110101000002: no paper item of the file is collected: there is nothing to lend"
	# a loan never overdue is none: at most a year, as the config's may be
	run --separate-stderr xj-archive lend --key keys/chen.key --days 36500 --to 辅导员王 --reason x 26110101000001
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "xj-archive: --days wants a number of days from 1 to 365, not '36500'"
	xj-archive lend -q --key keys/chen.key --to 辅导员王 --reason 评优审核 26110101000001
	run --separate-stderr xj-archive lend --key keys/chen.key --to 其他 --reason x 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: the paper file is lent to 辅导员王 until 2026-09-20
xj-archive: 0 done, 1 refused"
	XJ_NOW=2026-09-25T09:00:00+08:00 run --separate-stderr xj-archive status 26110101000001
	assert_failure 1
	assert_line --index 1 "26110101000001,张伟,,,admission-notice,,辅导员王,2026-09-20,yes"
	xj-archive return -q --key keys/chen.key 26110101000001
	run --separate-stderr xj-archive transfer --key keys/chen.key --to "某市人才交流中心" --how EMS --tracking EA123456789CN 26110101000001
	assert_success
	run --separate-stderr xj-archive lend --key keys/chen.key --to x --reason y 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: the paper file was transferred to 某市人才交流中心 (2026-09-10)
xj-archive: 0 done, 1 refused"
	run --separate-stderr xj-archive collect --key keys/chen.key --item admission-notice --paper 26110101000001
	assert_failure 1
	assert_equal "${stderr_lines[0]}" "xj-archive: 26110101000001: the paper file was transferred to 某市人才交流中心 (2026-09-10)"
	run xj-archive status 26110101000001
	assert_line --index 1 "26110101000001,张伟,,,admission-notice,某市人才交流中心 (2026-09-10),,,"
	run xj log --student 26110101000001 -f tsv
	assert_output --partial "archive-transfer"
}

@test "fixity finds a copy altered or gone, and logs every check (P20)" {
	archive_store
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --file notice.pdf 26110101000001
	run --separate-stderr xj-archive fixity --key keys/chen.key
	assert_success
	assert_equal "$stderr" "xj-archive: 2 files checked: 2 ok, 0 missing, 0 altered"
	p=$(sha256sum photo.jpg | cut -d' ' -f1); n=$(sha256sum notice.pdf | cut -d' ' -f1)
	chmod u+w "archive/${p:0:2}/${p:2}"
	echo x >> "archive/${p:0:2}/${p:2}"
	rm -f "archive/${n:0:2}/${n:2}"
	run --separate-stderr xj-archive fixity --key keys/chen.key -f tsv
	assert_failure 1
	assert_equal "$(echo "$output" | sort)" "$(printf '%s\t%s\taltered\n%s\t%s\tmissing\nsha256\tsize\tresult' "$p" "$(stat -c %s photo.jpg)" "$n" "$(stat -c %s notice.pdf)" | sort)"
	assert_equal "$(sql "SELECT count(*) FROM fixity")" 4
	run --separate-stderr xj-archive fixity --key keys/chen.key --sample 1
	assert_failure 1
	assert_equal "$(sql "SELECT count(*) FROM fixity")" 5
}

@test "export writes a BagIt bag that verify finds valid, names derived from keys (P20)" {
	archive_store
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000001
	cp notice.pdf 'odd name.pdf'
	xj-archive collect -q --key keys/chen.key --item admission-notice --file 'odd name.pdf' 26110101000001
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file notice.pdf 26110101000001
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag 26110101000001 26110101000002
	assert_success
	assert_equal "$(cd bag && find . -type f | sort)" "./bag-info.txt
./bagit.txt
./data/26110101000001/admission-notice-2.pdf
./data/26110101000001/change-1-evidence-1.pdf
./data/26110101000001/photo-1.jpg
./data/26110101000001/record.yaml
./data/26110101000002/record.yaml
./manifest-sha256.txt
./manifest-sha512.txt
./tagmanifest-sha512.txt"
	# private to its owner: personal data
	assert_equal "$(stat -c %a bag bag/data/26110101000001 bag/bagit.txt bag/data/26110101000001/record.yaml | sort -u)" "600
700"
	assert_equal "$(cat bag/bagit.txt)" "BagIt-Version: 1.0
Tag-File-Character-Encoding: UTF-8"
	grep -q '^Source-Organization: 示例职业技术学院$' bag/bag-info.txt
	grep -q '^External-Identifier: xj:14001:students:2026-09-10$' bag/bag-info.txt
	octets=$(find bag/data -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	grep -q "^Payload-Oxum: $octets.5\$" bag/bag-info.txt
	(cd bag && sha256sum -c --quiet manifest-sha256.txt && sha512sum -c --quiet manifest-sha512.txt &&
		sha512sum -c --quiet tagmanifest-sha512.txt)
	grep -q '^name: "张伟"$' bag/data/26110101000001/record.yaml
	run xj-archive verify bag
	assert_success
	assert_output "bag: a valid bag, 5 payload files"
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag 26110101000001
	assert_failure 2
	assert_equal "$stderr" "xj-archive: bag exists: a bag is written to a new folder"
}

@test "verify checks bags it did not make: valid, and one defect each (RFC 8493)" {
	run xj-archive verify "$BAGS/valid"
	assert_success
	assert_output "$BAGS/valid: a valid bag, 2 payload files"
	# a bag and every message about it, in order, and nothing else
	check_bag() {
		local bag=$1 m want=
		shift
		run --separate-stderr xj-archive verify "$BAGS/$bag"
		assert_failure 1
		for m in "$@"; do want+="${want:+$'\n'}xj-archive: $BAGS/$bag: $m"; done
		assert_equal "$stderr" "$want"
	}
	check_bag no-declaration "bagit.txt: missing (a bag must declare itself)"
	check_bag bom "bagit.txt:1: begins with a byte-order mark"
	check_bag bad-version 'bagit.txt:1: not "BagIt-Version: M.N"'
	check_bag not-utf8 "bag-info.txt:1: not UTF-8"
	check_bag bad-line 'manifest-sha256.txt:3: not "CHECKSUM FILEPATH"'
	check_bag missing-file "manifest-sha256.txt:3: data/gone.txt: not in the bag"
	check_bag extra-file "data/extra.txt: in the payload, not in manifest-sha256.txt"
	check_bag wrong-checksum "manifest-sha256.txt:1: data/hello.txt: sha256 checksum does not match"
	check_bag bad-oxum "bag-info.txt:3: Payload-Oxum says 39.2, the payload is 38.2"
	check_bag percent "manifest-sha256.txt:3: data/100%.txt: a '%' not percent-encoded" \
		"data/100%.txt: in the payload, not in manifest-sha256.txt"
	check_bag escape 'manifest-sha256.txt:3: data/../bagit.txt: ".." in the path: a bag names only its own files'
	check_bag no-manifest "no payload manifest (manifest-ALGORITHM.txt)"
	check_bag no-data "data/: missing (the payload folder)" \
		"manifest-sha256.txt:1: data/hello.txt: not in the bag" \
		"manifest-sha256.txt:2: data/sub/a b.txt: not in the bag" \
		"bag-info.txt:3: Payload-Oxum says 38.2, the payload is 0.0"
	check_bag bad-tagsum "tagmanifest-sha256.txt:2: bag-info.txt: sha256 checksum does not match"
}

# A bag made by hand (RFC 8493, section 2): bagit.txt declaring version $1
# (1.0 unless given), data/hello.txt, and manifest-sha256.txt by sha256sum.
hand_bag() {
	rm -rf bag
	mkdir -p bag/data
	printf 'BagIt-Version: %s\nTag-File-Character-Encoding: UTF-8\n' "${1:-1.0}" > bag/bagit.txt
	printf 'hello\n' > bag/data/hello.txt
	(cd bag && sha256sum data/hello.txt > manifest-sha256.txt)
}

# verify on ./bag, with a time limit: nothing in a bag may hang it.
verify_bag() {
	run --separate-stderr timeout 20 xj-archive verify bag
}

@test "verify reads fetch.txt and checks it, and fetches nothing (RFC 8493, 2.2.3)" {
	# a file to fetch that is here already is checked like any other
	hand_bag
	printf 'https://example.org/hello.txt 6 data/hello.txt\n' > bag/fetch.txt
	verify_bag
	assert_success
	assert_output "bag: a valid bag, 1 payload file"
	# one not here: the bag is not complete, and its URL is not fetched
	printf 'a secret\n' > secret.txt
	printf '%s  data/secret.txt\n' "$(sha256sum < secret.txt | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	printf 'file://%s/secret.txt - data/secret.txt\n' "$PWD" >> bag/fetch.txt
	verify_bag
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj-archive: bag: fetch.txt:2: data/secret.txt: not fetched from file://$PWD/secret.txt (verify fetches nothing): the bag is not complete"
	[ ! -e bag/data/secret.txt ]
	# a path out of data/, absolute or with "..", and lines not of the form
	hand_bag
	printf '%s\n' 'https://example.org/a - /etc/passwd' \
		'https://example.org/b 10 data/../../etc/passwd' \
		'https://example.org/c - bag-info.txt' 'https://example.org/d - data/%2e%2e/x' \
		'example.org/e - data/e' 'https://example.org/f 10k data/f' \
		'https://example.org/g data/g' > bag/fetch.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: fetch.txt:1: /etc/passwd: an absolute path: a bag names its files from its own folder
xj-archive: bag: fetch.txt:2: data/../../etc/passwd: \"..\" in the path: a bag names only its own files
xj-archive: bag: fetch.txt:3: bag-info.txt: not a path inside the payload (data/)
xj-archive: bag: fetch.txt:4: data/%2e%2e/x: a '%' not percent-encoded
xj-archive: bag: fetch.txt:5: example.org/e: not an absolute URL
xj-archive: bag: fetch.txt:6: 10k: a length neither a number nor \"-\"
xj-archive: bag: fetch.txt:7: not \"URL LENGTH FILEPATH\""
	# a file to fetch is in every payload manifest
	hand_bag
	printf 'https://example.org/x.tif - data/x.tif\n' > bag/fetch.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: fetch.txt:1: data/x.tif: not in manifest-sha256.txt (a file to fetch is in every payload manifest)
xj-archive: bag: fetch.txt:1: data/x.tif: not fetched from https://example.org/x.tif (verify fetches nothing): the bag is not complete"
}

@test "verify applies the rules of the bag's own BagIt-Version: 1.0 or 0.97" {
	# 0.97 has no percent-encoding: data/100%.txt is written as it is
	hand_bag 0.97
	printf 'a\n' > 'bag/data/100%.txt'
	printf '%s  data/100%%.txt\n' "$(printf 'a\n' | sha256sum | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	verify_bag
	assert_success
	assert_equal "$stderr" ""
	sed -i '1s/0.97/1.0/' bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha256.txt:2: data/100%.txt: a '%' not percent-encoded
xj-archive: bag: data/100%.txt: in the payload, not in manifest-sha256.txt"
	# 1.0 encodes a line feed in a name as %0A
	hand_bag
	printf 'x\n' > 'bag/data/two
lines.txt'
	printf '%s  data/two%%0alines.txt\n' "$(printf 'x\n' | sha256sum | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	verify_bag
	assert_success
	assert_output "bag: a valid bag, 2 payload files"
	# a file listed twice with one checksum: 0.97 tolerates it, 1.0 does not
	hand_bag 0.97
	(cd bag && sha256sum data/hello.txt >> manifest-sha256.txt)
	verify_bag
	assert_success
	assert_output "bag: a valid bag, 1 payload file"
	assert_equal "$stderr" "xj-archive: warning: bag: manifest-sha256.txt:2: data/hello.txt listed again (first on line 1), with the same checksum: BagIt 0.97 allows it, 1.0 does not"
	sed -i '1s/^BagIt-Version: 0.97$/BagIt-Version: 1.0/' bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha256.txt:2: data/hello.txt listed twice (first on line 1)"
	# with two checksums, neither version
	hand_bag 0.97
	printf '%s  data/hello.txt\n' "$(printf 'other\n' | sha256sum | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha256.txt:2: data/hello.txt listed again (first on line 1) with another checksum"
	# 0.97 lists a payload file in one payload manifest at least; 1.0 in every one
	hand_bag 0.97
	printf 'b\n' > bag/data/b.txt
	(cd bag && md5sum data/b.txt > manifest-md5.txt)
	verify_bag
	assert_success
	sed -i '1s/0.97/1.0/' bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data/b.txt: in the payload, not in manifest-sha256.txt
xj-archive: bag: data/hello.txt: in the payload, not in manifest-md5.txt"
	# bag-info.txt: white space before the colon was 0.97's, not 1.0's
	hand_bag 0.97
	printf 'Payload-Oxum :  6.1\n' > bag/bag-info.txt
	verify_bag
	assert_success
	sed -i '1s/0.97/1.0/' bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bag-info.txt:1: white space before the colon (BagIt 0.97 allowed it, 1.0 does not)"
	# another version is named
	hand_bag 0.96
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bagit.txt:1: BagIt 0.96: only versions 1.0 and 0.97 are read (checked here by the rules of 1.0)"
}

# The bag of hand_bag with its tag files in encoding $1, a payload file with
# an accented name, and a tag manifest over them.
encoded_bag() {
	rm -rf bag
	mkdir -p bag/data
	printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: %s\n' "$1" > bag/bagit.txt
	printf 'olé\n' > bag/data/café.txt
	(cd bag &&
	 sha256sum data/café.txt | iconv -f UTF-8 -t "$1" > manifest-sha256.txt &&
	 printf 'Source-Organization: École normale\nPayload-Oxum: 5.1\n' |
		iconv -f UTF-8 -t "$1" > bag-info.txt &&
	 sha512sum bagit.txt bag-info.txt manifest-sha256.txt |
		iconv -f UTF-8 -t "$1" > tagmanifest-sha512.txt)
}

@test "verify reads tag files in the encoding bagit.txt declares (ISO-8859-1, UTF-16)" {
	for enc in ISO-8859-1 UTF-16 UTF-16LE; do
		encoded_bag $enc
		verify_bag
		assert_success
		assert_output "bag: a valid bag, 1 payload file"
	done
	# the name in the manifest is é in ISO-8859-1, the name on disk é in UTF-8
	encoded_bag ISO-8859-1
	grep -q "$(printf 'data/caf\351.txt')" bag/manifest-sha256.txt
	# bytes that are not in the encoding are named, file and line
	encoded_bag UTF-16
	printf 'x' >> bag/bag-info.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: tagmanifest-sha512.txt:2: bag-info.txt: sha512 checksum does not match
xj-archive: bag: bag-info.txt:3: not UTF-16"
	# a NUL is not text, in any encoding
	encoded_bag UTF-16LE
	rm bag/tagmanifest-sha512.txt
	printf 'Payload-Oxum: 5.1\nNote: x\0\n' | iconv -f UTF-8 -t UTF-16LE > bag/bag-info.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bag-info.txt:2: a NUL character: not text"
	# an encoding this system has no converter for
	encoded_bag ISO-8859-1
	sed -i 's/ISO-8859-1/KLINGON/' bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bagit.txt:2: tag files in KLINGON: an encoding this system cannot read (iconv -l lists those it can); they are not read"
	# bagit.txt itself is always UTF-8, and a UTF-8 tag file has no byte-order mark
	encoded_bag UTF-16
	iconv -f UTF-8 -t UTF-16 bag/bagit.txt > b && mv b bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bagit.txt:1: UTF-16 (it begins with a UTF-16 byte-order mark): the declaration is always in UTF-8; the tag files are not read"
	hand_bag
	printf '\357\273\277Payload-Oxum: 6.1\n' > bag/bag-info.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bag-info.txt:1: begins with a byte-order mark (not in a UTF-8 tag file)"
}

@test "verify checks every manifest there: md5, sha1, sha224, sha256, sha384, sha512" {
	hand_bag
	mkdir bag/data/sub
	printf 'two\n' > 'bag/data/sub/a b.txt'
	(cd bag &&
	 for a in md5 sha1 sha224 sha256 sha384 sha512; do
		"${a}sum" data/hello.txt 'data/sub/a b.txt' > "manifest-$a.txt"
	 done &&
	 md5sum bagit.txt manifest-*.txt > tagmanifest-md5.txt &&
	 sha1sum bagit.txt manifest-*.txt > tagmanifest-sha1.txt)
	verify_bag
	assert_success
	assert_output "bag: a valid bag, 2 payload files"
	# a payload file changed: each manifest says so
	printf 'HELLO\n' > bag/data/hello.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-md5.txt:1: data/hello.txt: md5 checksum does not match
xj-archive: bag: manifest-sha1.txt:1: data/hello.txt: sha1 checksum does not match
xj-archive: bag: manifest-sha224.txt:1: data/hello.txt: sha224 checksum does not match
xj-archive: bag: manifest-sha256.txt:1: data/hello.txt: sha256 checksum does not match
xj-archive: bag: manifest-sha384.txt:1: data/hello.txt: sha384 checksum does not match
xj-archive: bag: manifest-sha512.txt:1: data/hello.txt: sha512 checksum does not match"
	# one manifest wrong, the others right: it is checked too
	printf 'hello\n' > bag/data/hello.txt
	sed -i '2s/^./0/; 2s/^00/11/' bag/manifest-sha224.txt
	(cd bag && md5sum bagit.txt manifest-*.txt > tagmanifest-md5.txt &&
	 sha1sum bagit.txt manifest-*.txt > tagmanifest-sha1.txt)
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha224.txt:2: data/sub/a b.txt: sha224 checksum does not match"
	# a tag file changed: each tag manifest says so; an algorithm not read here is named
	(cd bag && sha224sum data/hello.txt 'data/sub/a b.txt' > manifest-sha224.txt)
	printf 'x' > bag/manifest-crc32.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-crc32.txt: an algorithm not read here, so not checked (these are: md5, sha1, sha224, sha256, sha384, sha512)
xj-archive: bag: tagmanifest-md5.txt:4: manifest-sha224.txt: md5 checksum does not match
xj-archive: bag: tagmanifest-sha1.txt:4: manifest-sha224.txt: sha1 checksum does not match"
	# a tag manifest lists every payload manifest, and no payload file or tag manifest
	rm bag/manifest-crc32.txt
	(cd bag && md5sum bagit.txt manifest-sha1.txt data/hello.txt tagmanifest-sha1.txt > tagmanifest-md5.txt)
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: tagmanifest-md5.txt:3: data/hello.txt: a payload file in a tag manifest
xj-archive: bag: tagmanifest-md5.txt:4: tagmanifest-sha1.txt: a tag manifest in a tag manifest
xj-archive: bag: tagmanifest-md5.txt: does not list manifest-md5.txt (a tag manifest lists every payload manifest)
xj-archive: bag: tagmanifest-md5.txt: does not list manifest-sha224.txt (a tag manifest lists every payload manifest)
xj-archive: bag: tagmanifest-md5.txt: does not list manifest-sha256.txt (a tag manifest lists every payload manifest)
xj-archive: bag: tagmanifest-md5.txt: does not list manifest-sha384.txt (a tag manifest lists every payload manifest)
xj-archive: bag: tagmanifest-md5.txt: does not list manifest-sha512.txt (a tag manifest lists every payload manifest)
xj-archive: bag: tagmanifest-sha1.txt:4: manifest-sha224.txt: sha1 checksum does not match"
	# a checksum of the wrong length
	hand_bag
	(cd bag && md5sum data/hello.txt > manifest-sha1.txt)
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: manifest-sha1.txt:1: a checksum of 32 hex digits: sha1 has 40
xj-archive: bag: data/hello.txt: in the payload, not in manifest-sha1.txt"
}

@test "verify warns of what RFC 8493 lets a reader take: md5sum's '*', a './' (exit 0)" {
	hand_bag
	(cd bag && md5sum -b data/hello.txt > manifest-md5.txt && sha256sum ./data/hello.txt > manifest-sha256.txt &&
	 md5sum bagit.txt manifest-md5.txt manifest-sha256.txt > tagmanifest-md5.txt)
	verify_bag
	assert_success
	assert_output "bag: a valid bag, 1 payload file"
	assert_equal "$stderr" "xj-archive: warning: bag: manifest-md5.txt:1: *data/hello.txt: md5sum's '*' (binary mode) before the path: read without it, but a strict reader refuses the bag
xj-archive: warning: bag: manifest-sha256.txt:1: ./data/hello.txt: a \"./\" before the path: read without it, but a strict reader refuses the bag"
	# a warning is no pass for a file that does not match
	printf 'HELLO\n' > bag/data/hello.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: warning: bag: manifest-md5.txt:1: *data/hello.txt: md5sum's '*' (binary mode) before the path: read without it, but a strict reader refuses the bag
xj-archive: warning: bag: manifest-sha256.txt:1: ./data/hello.txt: a \"./\" before the path: read without it, but a strict reader refuses the bag
xj-archive: bag: manifest-md5.txt:1: data/hello.txt: md5 checksum does not match
xj-archive: bag: manifest-sha256.txt:1: data/hello.txt: sha256 checksum does not match"
}

@test "verify never follows a link in a bag: data/ linked to /etc is refused, not walked" {
	hand_bag
	mv bag/data bag/payload
	ln -s /etc bag/data
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data: a symbolic link to /etc: links are never followed"
	# a link anywhere in the bag, named by its path: a tag file, a folder, a tag folder
	hand_bag
	mkdir -p bag/meta bag/data/sub
	ln -s /etc/passwd bag/meta/notes.txt
	ln -s ../../.. bag/data/sub/up
	ln -s /etc/hostname bag/bag-info.txt
	printf '%s  data/sub/up/etc/passwd\n' "$(sha256sum < /etc/passwd | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	printf '%s  meta/notes.txt\n' "$(sha256sum < /etc/passwd | cut -d' ' -f1)" > bag/tagmanifest-sha256.txt
	(cd bag && sha256sum bagit.txt manifest-sha256.txt >> tagmanifest-sha256.txt)
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bag-info.txt: a symbolic link to /etc/hostname: links are never followed
xj-archive: bag: data/sub/up: a symbolic link to ../../..: links are never followed
xj-archive: bag: meta/notes.txt: a symbolic link to /etc/passwd: links are never followed"
	# bagit.txt a link: refused, and read as if absent
	hand_bag
	mv bag/bagit.txt declaration.txt
	ln -s "$PWD/declaration.txt" bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bagit.txt: a symbolic link to $PWD/declaration.txt: links are never followed"
}

@test "verify refuses a FIFO or a device in a bag by its kind, unread: it never hangs" {
	hand_bag
	mkfifo bag/data/pipe bag/fetch.txt
	printf '%s  data/pipe\n' "$(sha256sum < /dev/null | cut -d' ' -f1)" >> bag/manifest-sha256.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data/pipe: a FIFO (named pipe): a bag holds only files and folders; not read
xj-archive: bag: fetch.txt: a FIFO (named pipe): a bag holds only files and folders; not read"
	hand_bag
	rm bag/bagit.txt
	mkfifo bag/bagit.txt
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: bagit.txt: a FIFO (named pipe): a bag holds only files and folders; not read"
	hand_bag
	python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("bag/data/sock")'
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data/sock: a socket: a bag holds only files and folders; not read"
	# devices: only where this user may make them
	hand_bag
	if ! mknod bag/data/null c 1 3 2>/dev/null || ! mknod bag/tape b 7 0 2>/dev/null; then
		skip "mknod is not allowed here"
	fi
	verify_bag
	assert_failure 1
	assert_equal "$stderr" "xj-archive: bag: data/null: a character device: a bag holds only files and folders; not read
xj-archive: bag: tape: a block device: a bag holds only files and folders; not read"
}

@test "export names evidence files by the request and the file's number, their type by content" {
	archive_store
	printf 'a note, not a scan\n' > note.txt
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file notice.pdf 26110101000001
	xj-change request -q --key keys/li.key --field name --to 王方 \
		--evidence application,household-register,id-card --file notice.pdf 26110101000002
	xj-change evidence -q --key keys/li.key --file note.txt 1
	xj-archive export -q --key keys/chen.key --bag bag 26110101000001 26110101000002
	assert_equal "$(cd bag && find data -type f | sort)" "data/26110101000001/change-1-evidence-1.pdf
data/26110101000001/change-1-evidence-3.bin
data/26110101000001/record.yaml
data/26110101000002/change-2-evidence-2.pdf
data/26110101000002/record.yaml"
	cmp note.txt bag/data/26110101000001/change-1-evidence-3.bin
	grep -q 'Bag-Software-Agent: xj ' bag/bag-info.txt
	run xj-archive verify bag
	assert_success
}

# The copy of a file under the archive root, by its SHA-256.
kept() {
	local h
	h=$(sha256sum "$1" | cut -d' ' -f1)
	echo "archive/${h:0:2}/${h:2}"
}

@test "export leaves out a student whose copy no longer matches its SHA-256; the bag of the others is valid (P20)" {
	archive_store
	printf '%%PDF-1.4\n%% another notice\n' > other.pdf
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --file notice.pdf 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --file other.pdf 26110101000002
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file notice.pdf 26110101000001
	# the second copy altered on disk: the first was in the bag already
	chmod u+w "$(kept notice.pdf)"
	echo x >> "$(kept notice.pdf)"
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag 26110101000001 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: archive item 2 (admission-notice): the archived copy no longer matches its SHA-256 (altered since it was collected)
xj-archive: bag: a bag of 1 student"
	# nothing of the student refused is left in the bag
	assert_equal "$(cd bag && find . | sort)" ".
./bag-info.txt
./bagit.txt
./data
./data/26110101000002
./data/26110101000002/admission-notice-3.pdf
./data/26110101000002/record.yaml
./manifest-sha256.txt
./manifest-sha512.txt
./tagmanifest-sha512.txt"
	octets=$(find bag/data -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	grep -q "^Payload-Oxum: $octets.2\$" bag/bag-info.txt
	run xj-archive verify bag
	assert_success
	assert_output "bag: a valid bag, 2 payload files"
	assert_equal "$(sql "SELECT new FROM audit WHERE action = 'archive-export'")" \
		'{"bag":"bag","students":1,"refused":1}'
	# a copy gone is named the same way, and the others go on
	rm -f "$(kept photo.jpg)"
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag2 26110101000002 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: archive item 1 (photo): the archived copy is missing ($PWD/$(kept photo.jpg))
xj-archive: bag2: a bag of 1 student"
	run xj-archive verify bag2
	assert_success
}

@test "xj log --verify --files names a copy altered, one missing, one swapped with its hash (P20, P2)" {
	archive_store
	printf '%%PDF-1.4\n%% another notice\n' > other.pdf
	xj-archive collect -q --key keys/chen.key --item photo --file photo.jpg 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --file notice.pdf 26110101000001
	xj-archive collect -q --key keys/chen.key --item admission-notice --file other.pdf 26110101000002
	# the collect entries carry each copy's SHA-256 and size
	assert_equal "$(sql "SELECT new FROM audit WHERE action = 'archive-collect' ORDER BY id LIMIT 1")" \
		"{\"kind\":\"photo\",\"item\":1,\"sha256\":\"$(sha256sum photo.jpg | cut -d' ' -f1)\",\"size\":$(stat -c %s photo.jpg)}"
	run --separate-stderr xj log --verify --files
	assert_success
	assert_line --index 1 "files ok: 3 archived copies, 0 evidence files, as they were kept"
	chmod u+w "$(kept photo.jpg)"
	echo x >> "$(kept photo.jpg)"
	rm -f "$(kept notice.pdf)"
	# other.pdf swapped for a forgery: its file under the archive root and
	# its hash column, triggers dropped first
	printf '%%PDF-1.4\n%% a forged notice\n' > forged.pdf
	mkdir -p "$(dirname "$(kept forged.pdf)")"
	cp forged.pdf "$(kept forged.pdf)"
	old=$(sha256sum other.pdf | cut -d' ' -f1) new=$(sha256sum forged.pdf | cut -d' ' -f1)
	behind "DROP TRIGGER holding_no_update; UPDATE holding SET sha256 = '$new' WHERE id = 3"
	run --separate-stderr xj log --verify --files
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "xj: holding 3 (student 26110101000002): sha256 is \"${new:0:32}...\" in the store, the log says \"${old:0:32}...\" (changed behind the log)
xj: audit log ok, but 1 thing in the tables differs from it
xj: student 26110101000001: archive item 1 (photo): the archived copy no longer matches its SHA-256 (altered since it was collected)
xj: student 26110101000001: archive item 2 (admission-notice): the archived copy is missing ($PWD/$(kept notice.pdf))
xj: student 26110101000002: archive item 3 (admission-notice): its SHA-256 is ${new:0:16} in the store, the log recorded ${old:0:16} (changed behind the log)
xj: 3 problems with the files kept"
	# and the export bags none of them
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag 26110101000002
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000002: archive item 3 (admission-notice): its SHA-256 is ${new:0:16} in the store, the log recorded ${old:0:16} (changed behind the log)
xj-archive: bag: no bag made: no student could be bagged"
	[ ! -e bag ]
	run --separate-stderr xj log --files
	assert_failure 2
	assert_equal "$stderr" "xj: --files goes with --verify
Try 'xj --help' for more information."
}

@test "an evidence file swapped with its sha256 column in the store is found by the log (P20, P12, P2)" {
	keyed_store
	printf '%%PDF-1.4\n%% an application\n' > application.pdf
	printf '%%PDF-1.4\n%% an ID card\n' > id-card.pdf
	xj-change request -q --key keys/li.key --field name --to 张玮 \
		--evidence application,household-register,id-card --file application.pdf 26110101000001
	xj-change evidence -q --key keys/li.key --file id-card.pdf 1
	# the request's entry and the evidence's carry each file's SHA-256 and size
	a=$(sha256sum application.pdf | cut -d' ' -f1) idc=$(sha256sum id-card.pdf | cut -d' ' -f1)
	assert_equal "$(sql "SELECT json_extract(new, '\$.files') FROM audit WHERE action IN ('change-request', 'change-evidence') ORDER BY id")" \
		"[{\"sha256\":\"$a\",\"size\":$(stat -c %s application.pdf)}]
[{\"sha256\":\"$idc\",\"size\":$(stat -c %s id-card.pdf)}]"
	run --separate-stderr xj log --verify --files
	assert_success
	assert_line --index 1 "files ok: 0 archived copies, 2 evidence files, as they were kept"
	# the ID card swapped, bytes and hash column together; the application's
	# bytes changed alone
	printf '%%PDF-1.4\n%% a forged ID card\n' > forged.pdf
	f=$(sha256sum forged.pdf | cut -d' ' -f1)
	behind "DROP TRIGGER change_file_no_update;
	     UPDATE change_file SET data = readfile('forged.pdf'), sha256 = '$f' WHERE id = 2;
	     UPDATE change_file SET data = readfile('forged.pdf') WHERE id = 1"
	run --separate-stderr xj log --verify --files
	assert_failure 1
	assert_equal "$stderr" "xj: change_file 1 (student 26110101000001): data is \"$(stat -c %s forged.pdf) bytes\" in the store, the log says \"$(stat -c %s application.pdf) bytes\" (changed behind the log)
xj: change_file 2 (student 26110101000001): sha256 is \"${f:0:32}...\" in the store, the log says \"${idc:0:32}...\" (changed behind the log)
xj: change_file 2 (student 26110101000001): data is \"$(stat -c %s forged.pdf) bytes\" in the store, the log says \"$(stat -c %s id-card.pdf) bytes\" (changed behind the log)
xj: audit log ok, but 3 things in the tables differ from it
xj: student 26110101000001: change request #1, evidence file 1: the file no longer matches its SHA-256 (altered since it was kept)
xj: student 26110101000001: change request #1, evidence file 2: its SHA-256 is ${f:0:16} in the store, the log recorded ${idc:0:16} (changed behind the log)
xj: 2 problems with the files kept"
	# a bag never holds them
	run --separate-stderr xj-archive export --key keys/chen.key --bag bag 26110101000001
	assert_failure 1
	assert_equal "$stderr" "xj-archive: 26110101000001: change request #1, evidence file 1: the file no longer matches its SHA-256 (altered since it was kept)
xj-archive: bag: no bag made: no student could be bagged"
	[ ! -e bag ]
	# a file slipped in, and one taken out, behind the log
	behind "DROP TRIGGER change_file_no_delete; DELETE FROM change_file WHERE id = 1;
	     INSERT INTO change_file(request_id, name, sha256, size, data, command_id)
	     SELECT 1, 'more.pdf', '$f', size, data, command_id FROM change_file WHERE id = 2"
	run --separate-stderr xj log --verify --files
	assert_failure 1
	assert_equal "$stderr" "xj: change_file 1 (student 26110101000001): in the log, not in the store (deleted behind the log)
xj: change_file 2 (student 26110101000001): sha256 is \"${f:0:32}...\" in the store, the log says \"${idc:0:32}...\" (changed behind the log)
xj: change_file 2 (student 26110101000001): data is \"$(stat -c %s forged.pdf) bytes\" in the store, the log says \"$(stat -c %s id-card.pdf) bytes\" (changed behind the log)
xj: change_file 3 (student 26110101000001): in the store, not in the log (added behind the log)
xj: audit log ok, but 4 things in the tables differ from it
xj: student 26110101000001: change request #1, evidence file 2: its SHA-256 is ${f:0:16} in the store, the log recorded ${idc:0:16} (changed behind the log)
xj: student 26110101000001: change request #1, evidence file 3: no audit entry records it (added behind the log)
xj: student 26110101000001: the log records an evidence file of change request #1 (SHA-256 ${a:0:16}) that the store does not hold (removed behind the log)
xj: 3 problems with the files kept"
}
