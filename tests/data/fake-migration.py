#!/usr/bin/python3
"""fake-migration.py DB EXAM_NO NAME: what someone with write access to the
store file but no key could try: change a student's name, then add an
unsigned command that looks like a schema migration, logging the edited
row anew and summing it up in a "rows" entry hashed into the chain, as
the first migration to the row log does.  Used by the tests to show that
only a store's first "rows" entry may be unsigned.  The hashes are xj's
(lib/audit.c, lib/store_rows.c)."""
import hashlib
import json
import sqlite3
import sys


def field(v):
    b = ("" if v is None else str(v)).encode()
    return str(len(b)).encode() + b":" + b + b","


def append(db, command, at, action, new):
    last, prev = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    parts = [b"10:xj-audit-1,", field(last + 1), field(at), field("root"), field(None),
             field("xj"), field("(schema migration)"), field(0), field(action),
             field(None), field(new), field(prev)]
    h = hashlib.sha256(b"".join(parts)).hexdigest()
    db.execute("INSERT INTO audit(id, command_id, student_id, action, old, new, prev_hash, hash)"
               " VALUES(?, ?, NULL, ?, NULL, ?, ?, ?)", (last + 1, command, action, new, prev, h))


def main():
    db = sqlite3.connect(sys.argv[1])
    exam_no, name = sys.argv[2], sys.argv[3]
    for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f"DROP TRIGGER {t}")
    db.execute("UPDATE student SET name = ? WHERE exam_no = ?", (name, exam_no))
    at = db.execute("SELECT at FROM command ORDER BY id DESC LIMIT 1").fetchone()[0]
    command = db.execute("INSERT INTO command(at, login, program, args)"
                         " VALUES(?, 'root', 'xj', '(schema migration)')", (at,)).lastrowid
    cols = [r[1] for r in db.execute("PRAGMA table_info(student)")]
    obj = "json_object(" + ", ".join(f"'{c}', {c}" for c in cols) + ")"
    sid, row = db.execute(f"SELECT id, {obj} FROM student WHERE exam_no = ?", (exam_no,)).fetchone()
    db.execute("INSERT INTO row_log(command_id, tbl, rid, row) VALUES(?, 'student', ?, ?)",
               (command, sid, row))
    append(db, command, at, "migrate", '{"from":4,"to":4}')
    digest = hashlib.sha256(f"student\t{sid}\t{row}\n".encode()).hexdigest()
    append(db, command, at, "rows", json.dumps({"rows": 1, "sha256": digest}, separators=(",", ":")))
    db.commit()


main()
