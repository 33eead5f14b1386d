#!/usr/bin/env python3
"""Hand-written bf16 .npy files for rnn-run's bf16 I/O test.

    bf16_npy.py make PATH V1,V2,...   writes a 1-D file byte by byte (no
        numpy): the '|V2' header ml_dtypes' np.save writes, then each value's
        bfloat16 bits (the top half of its float32, values chosen exact)
    bf16_npy.py show PATH             prints the descr, shape and the values
        decoded from the bits (float32 with the bits as its top half)

This file is a helper, not a lit test (it lives under Inputs).
"""
import ast
import struct
import sys


def make(path, values):
    words = []
    for value in values:
        bits = struct.unpack("<I", struct.pack("<f", value))[0]
        if bits & 0xFFFF:
            raise SystemExit("%r is not exactly a bfloat16" % value)
        words.append(bits >> 16)
    header = "{'descr': '|V2', 'fortran_order': False, 'shape': (%d,), }" % len(words)
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%dH" % len(words), *words))


def show(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"\x93NUMPY", "not a .npy file"
    length = struct.unpack("<H", data[8:10])[0]
    header = ast.literal_eval(data[10:10 + length].decode())
    count = 1
    for size in header["shape"]:
        count *= size
    words = struct.unpack("<%dH" % count, data[10 + length:10 + length + 2 * count])
    values = [struct.unpack("<f", struct.pack("<I", w << 16))[0] for w in words]
    print("descr %s shape %s values %s" % (header["descr"], header["shape"],
                                           " ".join("%g" % v for v in values)))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], [float(v) for v in sys.argv[3].split(",")])
    else:
        show(sys.argv[2])
