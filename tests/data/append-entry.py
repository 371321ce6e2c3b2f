#!/usr/bin/python3
"""append-entry.py DB USER EXAM_NO NEW: what someone with write access to the
store file could do without any key: add a command under a staff member's
name and an "update" entry for a student after the last entry, hashed so
that the chain links.  No signature: used by the tests to show that an
entry no one signed is found.  The hash is xj's (lib/audit.c)."""
import hashlib
import sqlite3
import sys


def field(v):
    b = ("" if v is None else str(v)).encode()
    return str(len(b)).encode() + b":" + b + b","


def main():
    db = sqlite3.connect(sys.argv[1])
    user, exam_no, new = sys.argv[2], sys.argv[3], sys.argv[4]
    at = db.execute("SELECT at FROM command ORDER BY id DESC LIMIT 1").fetchone()[0]
    cur = db.execute("INSERT INTO command(at, login, user, program, args)"
                     " VALUES(?, 'root', ?, 'xj-import', 'xj-import --update')", (at, user))
    command = cur.lastrowid
    sid = db.execute("SELECT id FROM student WHERE exam_no = ?", (exam_no,)).fetchone()[0]
    last, prev = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    parts = [b"10:xj-audit-1,", field(last + 1), field(at), field("root"), field(user),
             field("xj-import"), field("xj-import --update"), field(sid), field("update"),
             field(None), field(new), field(prev)]
    h = hashlib.sha256(b"".join(parts)).hexdigest()
    db.execute("INSERT INTO audit(id, command_id, student_id, action, old, new, prev_hash, hash)"
               " VALUES(?, ?, ?, 'update', NULL, ?, ?, ?)", (last + 1, command, sid, new, prev, h))
    db.commit()


main()
