#!/usr/bin/python3
"""rewrite-chain.py DB ID NEW: what someone with write access to the store
file could do: change entry ID's "new" value and recompute every hash after
it, so the chain links again.  Used by the tests to show that signatures and
a saved head still catch it.  The hash is xj's (lib/audit.c): SHA-256 over
each field as "length:bytes,"."""
import hashlib
import sqlite3
import sys


def field(v):
    b = ("" if v is None else str(v)).encode()
    return str(len(b)).encode() + b":" + b + b","


def main():
    db = sqlite3.connect(sys.argv[1])
    db.executescript("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit SET new = ? WHERE id = ?", (sys.argv[3], int(sys.argv[2])))
    rows = db.execute(
        "SELECT a.id, c.at, c.login, c.user, c.program, c.args, a.student_id,"
        " a.action, a.old, a.new FROM audit a JOIN command c ON c.id = a.command_id"
        " ORDER BY a.id").fetchall()
    prev = "0" * 64
    for r in rows:
        student = r[6] if r[6] is not None else 0
        parts = [b"10:xj-audit-1,", field(r[0]), field(r[1]), field(r[2]), field(r[3]),
                 field(r[4]), field(r[5]), field(student), field(r[7]), field(r[8]),
                 field(r[9]), field(prev)]
        h = hashlib.sha256(b"".join(parts)).hexdigest()
        db.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
        prev = h
    db.commit()


main()
