"""Checks reserve-split.mlir's training runs against PyTorch autograd.

reference DIR LAYERS UNITS: DIR holds the inputs x, h_0, c_0, params, dy,
  dh_n, dc_n and what rnn-run wrote for them: y (from @forward), dx, dh_0,
  dc_0 and dparams (from @backward, given @forward's reserve). The reference
  is a float64 LSTM written with torch ops straight from the contract, over
  the packed params as one leaf tensor, so that autograd's gradient comes out
  in the packed layout. Prints one line per result, "OK" or "MISMATCH".
same A B... --in DIR: whether the .npy files DIR/A.npy and DIR/B.npy (in
  pairs) hold identical arrays.
close A B... --in DIR: whether they agree within 1e-5 relative error.
same-size A B --in DIR: whether two reserves have the same byte size.
central DIR GRADIENT EPS: dL/dparams . v (GRADIENT.npy, v.npy) against a
  central difference of L = sum(y * dy) + sum(h_n * dh_n) + sum(c_n * dc_n)
  from the forwards at params +- EPS v (p-*.npy and m-*.npy).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "Inputs"))
import rnn_reference  # noqa: E402


def lstm(x, h0, c0, params, layers, units):
    """y, h_n, c_n of a unidirectional LSTM in torch ops."""
    import torch

    steps, _, inputs = x.shape
    layout = rnn_reference.packed_layout("lstm", layers, units, inputs, False, False)
    tensors = {}
    for entry in layout:
        size = int(np.prod(entry.shape))
        tensors[(entry.kind, entry.layer, entry.gate_id)] = params[
            entry.offset:entry.offset + size].reshape(entry.shape)
    layer_input, h_n, c_n = x, [], []
    for layer in range(layers):
        h, c = h0[layer], c0[layer]
        outputs = []
        for t in range(steps):
            gates = [layer_input[t] @ tensors[("matrix", layer, k)].T
                     + tensors[("bias", layer, k)]
                     + h @ tensors[("matrix", layer, 4 + k)].T
                     + tensors[("bias", layer, 4 + k)] for k in range(4)]
            i, f = torch.sigmoid(gates[0]), torch.sigmoid(gates[1])
            g, o = torch.tanh(gates[2]), torch.sigmoid(gates[3])
            c = f * c + i * g
            h = o * torch.tanh(c)
            outputs.append(h)
        layer_input = torch.stack(outputs)
        h_n.append(h)
        c_n.append(c)
    return layer_input, torch.stack(h_n), torch.stack(c_n)


def reference(directory, layers, units):
    import torch

    load = lambda name: np.load(os.path.join(directory, name + ".npy"))
    leaf = lambda name: torch.tensor(load(name).astype(np.float64),
                                     requires_grad=True)
    x, h0, c0, params = leaf("x"), leaf("h_0"), leaf("c_0"), leaf("params")
    y, h_n, c_n = lstm(x, h0, c0, params, layers, units)
    wrt = lambda name: torch.from_numpy(load(name).astype(np.float64))
    loss = ((y * wrt("dy")).sum() + (h_n * wrt("dh_n")).sum()
            + (c_n * wrt("dc_n")).sum())
    loss.backward()
    ok = True
    for name, want in [("y", y), ("dx", x.grad), ("dh_0", h0.grad),
                       ("dc_0", c0.grad), ("dparams", params.grad)]:
        got = load(name)
        want = want.detach().numpy()
        error = np.max(np.abs(got - want)) / max(np.max(np.abs(want)), 1e-6)
        good = got.dtype == np.float32 and got.shape == want.shape and error < 1e-4
        ok &= good
        print("%s %s %s relative error %.1e" %
              ("OK" if good else "MISMATCH", name, got.shape, error))
    return 0 if ok else 1


def close(names, directory, rtol=1e-5):
    """Whether the pairs of .npy files in `names` agree within `rtol`
    relative (Frobenius) error: for a library whose backward is not
    bitwise reproducible from one process or code path to another."""
    worst = 0.0
    for a, b in zip(names[::2], names[1::2]):
        first = np.load(os.path.join(directory, a + ".npy")).astype(np.float64)
        second = np.load(os.path.join(directory, b + ".npy")).astype(np.float64)
        if first.shape != second.shape:
            print("shapes differ: %s %s" % (first.shape, second.shape))
            return 0
        worst = max(worst, np.linalg.norm(first - second) / max(np.linalg.norm(second), 1e-30))
    print("close" if worst <= rtol else "different: %.2e" % worst)
    return 0


def same(names, directory):
    """Whether the pairs of .npy files in `names` hold identical arrays."""
    ok = True
    for a, b in zip(names[::2], names[1::2]):
        first = np.load(os.path.join(directory, a + ".npy"))
        second = np.load(os.path.join(directory, b + ".npy"))
        ok &= (first.dtype == second.dtype and first.shape == second.shape
               and np.array_equal(first, second))
    print("same" if ok else "different")
    return 0


def same_size(names, directory):
    """Whether two reserves have the same number of bytes."""
    sizes = [np.load(os.path.join(directory, n + ".npy")).nbytes for n in names]
    print("same size" if len(set(sizes)) == 1 else "sizes %s" % sizes)
    return 0


def central(directory, gradient, eps):
    """dL/dparams . v against (L(p + eps v) - L(p - eps v)) / (2 eps), with
    L = sum(y * dy) + sum(h_n * dh_n) + sum(c_n * dc_n) from the forwards
    at p + eps v (files p-*) and p - eps v (files m-*)."""
    load = lambda name: np.load(os.path.join(directory, name + ".npy")).astype(np.float64)
    loss = lambda run: sum(float(np.sum(load(run + name) * load(grad)))
                           for name, grad in [("y", "dy"), ("h_n", "dh_n"),
                                              ("c_n", "dc_n")])
    numeric = (loss("p-") - loss("m-")) / (2 * eps)
    analytic = float(np.dot(load(gradient), load("v")))
    error = abs(numeric - analytic) / abs(numeric)
    print("central difference %s (%.6g, dL/dparams . v %.6g, relative error %.1e)"
          % ("OK" if error < 1e-2 else "MISMATCH", numeric, analytic, error))
    return 0


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "reference":
        sys.exit(reference(arguments[0], int(arguments[1]), int(arguments[2])))
    if command == "central":
        sys.exit(central(arguments[0], arguments[1], float(arguments[2])))
    directory = arguments[arguments.index("--in") + 1]
    names = arguments[:arguments.index("--in")]
    check = {"same": same, "close": close, "same-size": same_size}[command]
    sys.exit(check(names, directory))
