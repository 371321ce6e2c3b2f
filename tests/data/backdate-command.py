#!/usr/bin/python3
"""backdate-command.py DB COMMAND AT [KEYDIR]: what someone with write access
to the store file could do to slip an entry into the past: give command
COMMAND the time AT and recompute every hash of the chain, so it links
again, the row log's record of each command and the sums of its rows too.
With KEYDIR (holding SIGNER.key for each signer), the commands and
decisions from there on are signed again too, as a thief of the keys could:
then only the order of the times is wrong.  Used by the tests to show that
xj log --verify finds the time going backwards.  The hash is xj's
(lib/audit.c): SHA-256 over each field as "length:bytes,"; the signatures
are Ed25519 (RFC 8032, its reference code below: no library needed)."""
import base64
import hashlib
import json
import os
import sqlite3
import sys

P = 2**255 - 19
Q = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P


def add(a, b):
    x = (a[1] - a[0]) * (b[1] - b[0]) % P
    y = (a[1] + a[0]) * (b[1] + b[0]) % P
    c, d = 2 * a[3] * b[3] * D % P, 2 * a[2] * b[2] % P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f, g * h, f * g, e * h)


def mul(s, pt):
    r = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            r = add(r, pt)
        pt = add(pt, pt)
        s >>= 1
    return r


def base():
    y = 4 * pow(5, P - 2, P) % P
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    if x & 1:
        x = P - x
    return (x, y, 1, x * y % P)


def compress(pt):
    zi = pow(pt[2], P - 2, P)
    x, y = pt[0] * zi % P, pt[1] * zi % P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def sign(seed, msg):
    h = hashlib.sha512(seed).digest()
    a = (int.from_bytes(h[:32], "little") & ((1 << 254) - 8)) | (1 << 254)
    g = base()
    pub = compress(mul(a, g))
    r = int.from_bytes(hashlib.sha512(h[32:] + msg).digest(), "little") % Q
    rs = compress(mul(r, g))
    k = int.from_bytes(hashlib.sha512(rs + pub + msg).digest(), "little") % Q
    return rs + int.to_bytes((r + k * a) % Q, 32, "little"), pub


def field(v):
    b = ("" if v is None else str(v)).encode()
    return str(len(b)).encode() + b":" + b + b","


def num(n):
    return field(str(n))


def seed_of(keydir, name):
    with open(os.path.join(keydir, name + ".key")) as f:
        for line in f:
            if line.startswith("secret "):
                return base64.b64decode(line.split()[1])
    raise SystemExit("no secret in the key of " + name)


def resign(db, keydir, command):
    sigs = db.execute("SELECT g.command_id, c.at, g.signer, g.last_entry, g.public_key"
                      " FROM command_sig g JOIN command c ON c.id = g.command_id"
                      " WHERE g.command_id >= ?", (command,)).fetchall()
    for cid, at, signer, last, pub in sigs:
        h = db.execute("SELECT hash FROM audit WHERE id = ?", (last,)).fetchone()[0]
        msg = b"xj-command-1\n" + num(cid) + field(at) + field(signer) + num(last) + field(h)
        sig, mine = sign(seed_of(keydir, signer), msg)
        assert "ed25519:" + base64.b64encode(mine).decode() == pub, signer
        db.execute("UPDATE command_sig SET hash = ?, signature = ? WHERE command_id = ?",
                   (h, base64.b64encode(sig).decode(), cid))
    decisions = db.execute("SELECT d.audit_id, d.signer, a.hash FROM decision_sig d"
                           " JOIN audit a ON a.id = d.audit_id WHERE a.command_id >= ?",
                           (command,)).fetchall()
    for aid, signer, h in decisions:
        sig, _ = sign(seed_of(keydir, signer), h.encode())
        db.execute("UPDATE decision_sig SET signature = ? WHERE audit_id = ?",
                   (base64.b64encode(sig).decode(), aid))


def relog(db, command):
    """The row log made to agree: each command's own row logged anew as it
    stands, and the sum of its rows in its "rows" entry computed again
    (lib/store_rows.c: "table TAB key TAB row LF", a row gone "-")."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'row_log'").fetchone():
        return
    cols = [r[1] for r in db.execute("PRAGMA table_info(command)")]
    obj = "json_object(" + ", ".join(f"'{c}', {c}" for c in cols) + ")"
    db.execute(f"UPDATE row_log SET row = (SELECT {obj} FROM command c WHERE c.id = row_log.rid)"
               " WHERE tbl = 'command' AND command_id >= ?", (command,))
    for (cid,) in db.execute("SELECT DISTINCT command_id FROM row_log WHERE command_id >= ?",
                             (command,)).fetchall():
        h = hashlib.sha256()
        n = 0
        for tbl, rid, row in db.execute("SELECT tbl, rid, row FROM row_log WHERE command_id = ?"
                                        " ORDER BY id", (cid,)):
            h.update(f"{tbl}\t{rid}\t{'-' if row is None else row}\n".encode())
            n += 1
        db.execute("UPDATE audit SET new = ? WHERE command_id = ? AND action = 'rows'",
                   (json.dumps({"rows": n, "sha256": h.hexdigest()}, separators=(",", ":")), cid))


def main():
    db = sqlite3.connect(sys.argv[1])
    command = int(sys.argv[2])
    # the guards dropped for the rewrite, and put back after it as they
    # were: a store whose schema is not xj's is found by that alone
    guards = ("command_no_update", "audit_no_update", "sig_no_update",
              "decision_sig_no_update", "row_log_no_update")
    kept = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s)"
        % ",".join("?" * len(guards)), guards)]
    db.executescript("".join(f"DROP TRIGGER IF EXISTS {g};" for g in guards))
    db.execute("UPDATE command SET at = ? WHERE id = ?", (sys.argv[3], command))
    relog(db, command)
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
    if len(sys.argv) > 4:
        resign(db, sys.argv[4], command)
    for sql in kept:
        db.execute(sql)
    db.commit()


main()
