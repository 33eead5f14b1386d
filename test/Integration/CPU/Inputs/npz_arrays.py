"""Writes and checks .npz archives for rnn-run-npz.mlir.

make DIR: random inputs of Inputs/rnn-run-npz-gru.mlir (x [5, 2, 3],
  h_0 [1, 2, 4], params [108]) as DIR/in.npz (numpy.savez, stored),
  DIR/in-compressed.npz (savez_compressed, deflated), DIR/named.npz (arrays
  named by the arguments' rnn.name), and one .npy per argument.
same A B: prints whether two .npz (or .npz and the .npy files A.<i>.npy)
  hold bit-identical arrays under the same names.
corrupt SRC DST: DST is SRC with one byte of the first member's data
  flipped (its CRC no longer matches).
"""
import sys

import numpy as np


def make(directory):
    rng = np.random.default_rng(11)
    arrays = [
        rng.standard_normal((5, 2, 3)).astype(np.float32),
        rng.standard_normal((1, 2, 4)).astype(np.float32),
        (0.4 * rng.standard_normal(108)).astype(np.float32),
    ]
    np.savez(f"{directory}/in.npz", *arrays)
    np.savez_compressed(f"{directory}/in-compressed.npz", *arrays)
    np.savez(f"{directory}/named.npz", params=arrays[2], x=arrays[0], h_0=arrays[1])
    np.savez(f"{directory}/extra.npz", *arrays, arr_9=arrays[0])
    np.savez(f"{directory}/missing.npz", arrays[0], arrays[1])
    np.savez(f"{directory}/wrong-shape.npz", arrays[1], arrays[1], arrays[2])
    for index, array in enumerate(arrays):
        np.save(f"{directory}/in.{index}.npy", array)


def same(first, second):
    a = np.load(first)
    if second.endswith(".npz"):
        b = np.load(second)
        ok = sorted(a.files) == sorted(b.files) and all(
            np.array_equal(a[k], b[k]) for k in a.files)
    else:
        ok = all(np.array_equal(a[f"result_{i}"], np.load(f"{second}.{i}.npy"))
                 for i in range(len(a.files)))
    print("same" if ok else "different", sorted(a.files))


def corrupt(source, target):
    data = bytearray(open(source, "rb").read())
    data[100] ^= 0x40  # inside the first member's .npy data
    open(target, "wb").write(data)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "make":
        make(sys.argv[2])
    elif command == "same":
        same(sys.argv[2], sys.argv[3])
    elif command == "corrupt":
        corrupt(sys.argv[2], sys.argv[3])
