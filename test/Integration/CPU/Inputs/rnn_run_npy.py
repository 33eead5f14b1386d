#!/usr/bin/env python3
"""NumPy side of the rnn-run lit tests: makes .npy inputs, checks outputs.

Subcommands:
  make PATH --dtype DT --shape S (--fill arange|random|ones | --values V,...)
      Writes an array with numpy.save. DT is an MLIR element type (f16 f32
      f64 i1 i8 ui8 i16 i32 i64), S is "2x3", "5" or "scalar".
  variant PATH KIND
      Writes a 2x3 f32 file in a special encoding for the reader tests:
      v2, v3 (valid other versions), fortran, truncated, trailing, badmagic,
      badversion, bigendian, unsigned, notuple, missingkey, dupkey,
      unknownkey, nonewline, shortheader, empty, magiconly (the header cut
      inside the magic string), lengthonly (cut after the length field),
      baddict, listheader, badbool, strshape, negshape, floatshape,
      bigdim, unclosed, nuldescr, hugeshape (claims 10^12 elements, has no
      data), overflowshape (the byte size overflows 64 bits), hugelength (a
      version 2.0 header length of 4 GiB).
  check RESULT --expect EXPR [--arg NAME=PATH]... [--dtype DT]
        [--rtol R] [--atol A]
      Loads RESULT with numpy.load and compares it (dtype, shape, values)
      with EXPR evaluated by numpy on the named arrays; prints one line
      starting with OK or MISMATCH and exits non-zero on a mismatch.
  compare A B (--equal | --different)
      Whether two .npy files hold identical arrays.
  stats PATH
      Prints the dtype, shape and whether all values are in [-0.5, 0.5).
  header PATH
      Prints the format version, header length and data offset of a file.

This file is a helper, not a lit test (it lives under Inputs).
"""

import argparse
import struct
import sys

import numpy as np

DTYPES = {
    "f16": np.float16,
    "f32": np.float32,
    "f64": np.float64,
    "i1": np.bool_,
    "i8": np.int8,
    "ui8": np.uint8,
    "i16": np.int16,
    "i32": np.int32,
    "i64": np.int64,
}


def parse_shape(text):
    if text == "scalar":
        return ()
    return tuple(int(size) for size in text.split("x"))


def cmd_make(args):
    dtype = DTYPES[args.dtype]
    shape = parse_shape(args.shape)
    count = int(np.prod(shape, dtype=np.int64))
    if args.values is not None:
        values = [float(v) if args.dtype.startswith("f") else int(v)
                  for v in args.values.split(",")]
        array = np.array(values).astype(dtype).reshape(shape)
    elif args.fill == "arange":
        array = np.arange(count).astype(dtype).reshape(shape)
    elif args.fill == "ones":
        array = np.ones(shape, dtype=dtype)
    else:
        rng = np.random.default_rng(args.seed)
        if args.dtype.startswith("f"):
            array = rng.uniform(-1.0, 1.0, shape).astype(dtype)
        elif args.dtype == "i1":
            array = rng.integers(0, 2, shape).astype(dtype)
        else:
            array = rng.integers(-100, 100, shape).astype(dtype)
    np.save(args.path, array.copy(order="C"), allow_pickle=False)


def npy_bytes(header, data, version=(1, 0), pad=True):
    """A .npy file with the given header dict text and raw data."""
    length_format = "<H" if version[0] == 1 else "<I"
    prefix = 6 + 2 + struct.calcsize(length_format)
    text = header
    if pad:
        text += " " * ((64 - (prefix + len(text) + 1) % 64) % 64) + "\n"
    return (b"\x93NUMPY" + bytes(version) +
            struct.pack(length_format, len(text)) + text.encode("latin1") +
            data)


def cmd_variant(args):
    array = np.arange(6, dtype=np.float32).reshape(2, 3) + 0.5
    data = array.tobytes()
    good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
    kind = args.kind
    if kind == "v2":
        content = npy_bytes(good, data, (2, 0))
    elif kind == "v3":
        content = npy_bytes(good, data, (3, 0))
    elif kind == "fortran":
        content = npy_bytes(good.replace("False", "True"),
                            np.asfortranarray(array).tobytes(order="F"))
    elif kind == "truncated":
        content = npy_bytes(good, data[:-4])
    elif kind == "trailing":
        content = npy_bytes(good, data + b"\0\0\0\0")
    elif kind == "badmagic":
        content = b"\x93NUMPX" + npy_bytes(good, data)[6:]
    elif kind == "badversion":
        content = npy_bytes(good, data, (4, 0))
    elif kind == "bigendian":
        content = npy_bytes(good.replace("<f4", ">f4"),
                            array.astype(">f4").tobytes())
    elif kind == "unsigned":
        content = npy_bytes(good.replace("<f4", "<u4"), data)
    elif kind == "notuple":
        content = npy_bytes(good.replace("(2, 3)", "(6)"), data)
    elif kind == "missingkey":
        content = npy_bytes("{'descr': '<f4', 'shape': (2, 3), }", data)
    elif kind == "dupkey":
        content = npy_bytes(good.replace("}", "'shape': (2, 3), }"), data)
    elif kind == "unknownkey":
        content = npy_bytes(good.replace("}", "'order': 'C', }"), data)
    elif kind == "nonewline":
        content = npy_bytes(good + "  ", data, pad=False)
    elif kind == "shortheader":
        content = npy_bytes(good, data)[:30]
    elif kind == "empty":
        content = b""
    elif kind == "magiconly":
        content = b"\x93NUM"
    elif kind == "lengthonly":
        content = npy_bytes(good, data)[:10]
    elif kind == "baddict":
        content = npy_bytes(good.replace("'<f4',", "'<f4'"), data)
    elif kind == "listheader":
        content = npy_bytes("['<f4', False, (2, 3)]", data)
    elif kind == "badbool":
        content = npy_bytes(good.replace("False", "0"), data)
    elif kind == "strshape":
        content = npy_bytes(good.replace("(2, 3)", "'(2, 3)'"), data)
    elif kind == "negshape":
        content = npy_bytes(good.replace("(2, 3)", "(-2, 3)"), data)
    elif kind == "floatshape":
        content = npy_bytes(good.replace("(2, 3)", "(2.0, 3)"), data)
    elif kind == "bigdim":
        content = npy_bytes(good.replace("(2, 3)", "(2, 99999999999999999999)"),
                            data)
    elif kind == "unclosed":
        content = npy_bytes(good[:good.index("(2, 3)") + 4], data)
    elif kind == "nuldescr":
        content = npy_bytes(good.replace("'<f4'", "'<f4\0'"), data)
    elif kind == "hugeshape":
        content = npy_bytes(good.replace("(2, 3)", "(1000000, 1000000)"), b"")
    elif kind == "overflowshape":
        content = npy_bytes(good.replace("(2, 3)",
                                         "(4611686018427387904, 3)"), data)
    elif kind == "hugelength":
        content = b"\x93NUMPY\x02\x00\xff\xff\xff\xff{'descr'"
    else:
        sys.exit("unknown variant " + kind)
    with open(args.path, "wb") as out:
        out.write(content)


def cmd_check(args):
    arrays = {}
    for item in args.arg:
        name, path = item.split("=", 1)
        arrays[name] = np.load(path)
    expected = np.asarray(eval(args.expect, {"np": np}, arrays))
    if args.dtype:
        expected = expected.astype(DTYPES[args.dtype])
    result = np.load(args.result)
    if result.dtype != expected.dtype or result.shape != expected.shape:
        print("MISMATCH: got %s %s, expected %s %s" %
              (result.dtype, result.shape, expected.dtype, expected.shape))
        return 1
    if expected.dtype.kind == "f":
        ok = np.allclose(result, expected, rtol=args.rtol, atol=args.atol,
                         equal_nan=True)
    else:
        ok = np.array_equal(result, expected)
    if not ok:
        print("MISMATCH: max abs error %g" %
              np.max(np.abs(result.astype(np.float64) -
                            expected.astype(np.float64))))
        return 1
    print("OK %s %s" % (result.dtype, result.shape))
    return 0


def cmd_compare(args):
    a, b = np.load(args.a), np.load(args.b)
    equal = a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    if equal != args.equal:
        print("MISMATCH: arrays are %s" % ("equal" if equal else "different"))
        return 1
    print("OK " + ("equal" if equal else "different"))
    return 0


def cmd_stats(args):
    a = np.load(args.path)
    inside = bool(np.all(a >= -0.5) and np.all(a < 0.5))
    print("%s %s in [-0.5, 0.5): %s, distinct values: %d" %
          (a.dtype, a.shape, inside, len(np.unique(a))))
    return 0


def cmd_header(args):
    with open(args.path, "rb") as f:
        content = f.read()
    major, minor = content[6], content[7]
    length_size = 2 if major == 1 else 4
    length = int.from_bytes(content[8:8 + length_size], "little")
    offset = 8 + length_size + length
    header = content[8 + length_size:offset].decode("latin1")
    print("version %d.%d data offset %d (mod 64 = %d) header %s" %
          (major, minor, offset, offset % 64, header.strip()))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    make = commands.add_parser("make")
    make.add_argument("path")
    make.add_argument("--dtype", required=True, choices=sorted(DTYPES))
    make.add_argument("--shape", required=True)
    make.add_argument("--fill", default="random",
                      choices=["arange", "random", "ones"])
    make.add_argument("--values")
    make.add_argument("--seed", type=int, default=0)

    variant = commands.add_parser("variant")
    variant.add_argument("path")
    variant.add_argument("kind")

    check = commands.add_parser("check")
    check.add_argument("result")
    check.add_argument("--expect", required=True)
    check.add_argument("--arg", action="append", default=[])
    check.add_argument("--dtype", choices=sorted(DTYPES))
    check.add_argument("--rtol", type=float, default=1e-6)
    check.add_argument("--atol", type=float, default=0.0)

    compare = commands.add_parser("compare")
    compare.add_argument("a")
    compare.add_argument("b")
    group = compare.add_mutually_exclusive_group(required=True)
    group.add_argument("--equal", action="store_true")
    group.add_argument("--different", dest="equal", action="store_false")

    stats = commands.add_parser("stats")
    stats.add_argument("path")

    header = commands.add_parser("header")
    header.add_argument("path")

    args = parser.parse_args()
    handlers = {"make": cmd_make, "variant": cmd_variant, "check": cmd_check,
                "compare": cmd_compare, "stats": cmd_stats,
                "header": cmd_header}
    sys.exit(handlers[args.command](args) or 0)


if __name__ == "__main__":
    main()
