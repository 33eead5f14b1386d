#!/usr/bin/env python3
"""Collects the seed corpus of the fuzz targets from the test suite.

  make-corpus.py OUT_DIR [SOURCE_ROOT]

Every .mlir file under SOURCE_ROOT/test and SOURCE_ROOT/examples is split on
`// -----` (as `-split-input-file` does); each non-empty piece without its
RUN/CHECK comment lines becomes one file OUT_DIR/<sha1>.mlir. Prints the
number of seeds.
"""

import hashlib
import os
import re
import sys

COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


def pieces(text):
    for piece in re.split(r"^// -----.*$", text, flags=re.MULTILINE):
        piece = COMMENT.sub("", piece).strip()
        if piece:
            yield piece + "\n"


def main():
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(out, exist_ok=True)
    seeds = set()
    for top in ("test", "examples"):
        for directory, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith(".mlir"):
                    continue
                with open(os.path.join(directory, name), errors="replace") as f:
                    text = f.read()
                for piece in pieces(text):
                    data = piece.encode()
                    digest = hashlib.sha1(data).hexdigest()
                    if digest in seeds:
                        continue
                    seeds.add(digest)
                    with open(os.path.join(out, digest + ".mlir"), "wb") as f:
                        f.write(data)
    print(len(seeds))


if __name__ == "__main__":
    main()
