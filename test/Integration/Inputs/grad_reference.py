"""Float64 reference of the rnn dialect's training backward (the grad ops).

Written from the public contract (CONTRACT.md "Semantics" and "Training: the
reserve and the grad ops", include/rnn/Support/DropoutMask.h for the masks),
independently of the C++ code:

* ``dropout_factors``: the documented dropout mask of the cpu and cublas
  backends ported to numpy (uint64 arithmetic modulo 2^64), as the factor
  every element of a layer's output is multiplied by (0 or 1 / (1 - rate)).
* ``forward``: the training forward written out cell by cell in torch
  (float64), so that autograd differentiates the contract's equations and
  not torch.nn's implementation.
* ``grad_reference``: dL/dx, dL/dh_0, dL/dc_0 and dL/dparams (packed layout)
  of L = sum(y * dy) + sum(h_n * dh_n) + sum(c_n * dc_n), by
  torch.autograd.grad through ``forward``.
* ``module_grad_reference``: the same gradients from torch.nn.LSTM/GRU/RNN's
  own autograd (dropout 0, linear or emulated skip input), the cross-check
  of ``grad_reference``.
* ``directional_check``: central finite differences of any forward (the
  reference's or rnn-run's) along per-tensor random directions against the
  analytic gradients.

The packed layout and its helpers come from ``rnn_reference``.

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import rnn_reference as ref  # noqa: E402

_MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15

#: Forward results and gradients of one configuration (float64 numpy);
#: c_n and dc_0 are None for modes without a cell state.
GradResult = collections.namedtuple(
    "GradResult", ["y", "h_n", "c_n", "dx", "dh_0", "dc_0", "dparams"]
)


# --------------------------------------------------------------------------
# Dropout masks (include/rnn/Support/DropoutMask.h)
# --------------------------------------------------------------------------


def effective_rate(dropout):
    """The rate the compiler uses: the f32 attribute's value as a double."""
    return float(np.float32(dropout))


def mix64(values):
    """splitmix64's finalizer on a uint64 array (wrapping arithmetic)."""
    x = np.array(values, dtype=np.uint64, copy=True)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def dropout_keeps(seed, layer, rate, steps, batch, width):
    """Bool [T, B, W]: which elements of layer ``layer``'s output are kept.

    Element (t, b, u) has index (t * B + b) * W + u and is kept iff
    (mix64(index + seed * 0x9e3779b97f4a7c15 + layer) >> 40) >= int(rate * 2^24),
    everything modulo 2^64 (seed is an i64, taken as its two's complement).
    """
    key = (int(seed) * _GOLDEN + int(layer)) & _MASK64
    threshold = int(float(rate) * float(1 << 24))  # truncates, as static_cast
    index = np.arange(steps * batch * width, dtype=np.uint64)
    hashed = mix64(index + np.uint64(key))
    keep = (hashed >> np.uint64(40)) >= np.uint64(threshold)
    return keep.reshape(steps, batch, width)


def dropout_factors(num_layers, dropout, seed, steps, batch, width):
    """{layer: float64 [T, B, W] factor} for every layer whose output is
    dropped (all but the last, only when dropout > 0); kept elements are
    scaled by 1 / (1 - rate), dropped ones are 0."""
    rate = effective_rate(dropout)
    if rate <= 0.0:
        return {}
    scale = 1.0 / (1.0 - rate)
    return {
        layer: np.where(dropout_keeps(seed, layer, rate, steps, batch, width), scale, 0.0)
        for layer in range(num_layers - 1)
    }


# --------------------------------------------------------------------------
# The forward, cell by cell, in torch
# --------------------------------------------------------------------------


# A cell is cell(torch, xw, rec, h, c) -> (h', c'): xw[k] = W_k x + b_Wk of
# gate k at this step, rec(k, v) = R_k v + b_Rk.


def _lstm_cell(torch, xw, rec, h, c):
    i = torch.sigmoid(xw[0] + rec(0, h))
    f = torch.sigmoid(xw[1] + rec(1, h))
    g = torch.tanh(xw[2] + rec(2, h))
    o = torch.sigmoid(xw[3] + rec(3, h))
    c_new = f * c + i * g
    return o * torch.tanh(c_new), c_new


def _gru_cell(torch, xw, rec, h, c):
    """Linear-before-reset: n = tanh(W_h x + b_Wh + r * (R_h h + b_Rh))."""
    r = torch.sigmoid(xw[0] + rec(0, h))
    z = torch.sigmoid(xw[1] + rec(1, h))
    n = torch.tanh(xw[2] + r * rec(2, h))
    return (1.0 - z) * n + z * h, c


def _gru_reset_before_cell(torch, xw, rec, h, c):
    """linear_before_reset = false: n = tanh(W_h x + b_Wh + R_h (r * h) + b_Rh)."""
    r = torch.sigmoid(xw[0] + rec(0, h))
    z = torch.sigmoid(xw[1] + rec(1, h))
    n = torch.tanh(xw[2] + rec(2, r * h))
    return (1.0 - z) * n + z * h, c


def _rnn_tanh_cell(torch, xw, rec, h, c):
    return torch.tanh(xw[0] + rec(0, h)), c


def _rnn_relu_cell(torch, xw, rec, h, c):
    return torch.relu(xw[0] + rec(0, h)), c


CELLS = {
    "lstm": _lstm_cell,
    "gru": _gru_cell,
    "rnn_tanh": _rnn_tanh_cell,
    "rnn_relu": _rnn_relu_cell,
}


def cells_for(linear_before_reset=True):
    """The cell table; GRU with the reset before R_h unless
    ``linear_before_reset``."""
    return CELLS if linear_before_reset else dict(CELLS, gru=_gru_reset_before_cell)


def forward(mode, x, h0, c0, weights, num_layers, num_units, bidirectional, skip,
            factors, cells=None, lengths=None):
    """The training forward on torch tensors: (y, h_n, c_n).

    ``weights`` is {(kind, layer, dir, gate_id): tensor} (canonical; no
    layer-0 input matrices when ``skip``), ``factors`` {layer: [T, B, D*H]
    tensor} the dropout factors of the layers whose output is dropped, c0
    None without a cell state (c_n is then None). ``cells`` overrides the
    cell functions (negative controls only). ``lengths`` (B ints, or None)
    are the contract's sequence lengths: at step t, sequence b keeps its
    state and outputs 0 unless t < lengths[b] (in both directions, so the
    reverse direction starts at its own last step from h_0).
    """
    import torch

    cell = (cells or CELLS)[mode]
    gates = ref.num_gates(mode)
    num_dirs = 2 if bidirectional else 1
    steps = x.shape[0]
    layer_input = x
    h_rows, c_rows = [], []
    for layer in range(num_layers):
        halves = []
        for direction in range(num_dirs):
            row = layer * num_dirs + direction
            xw = []
            for k in range(gates):
                bias = weights[("bias", layer, direction, k)]
                if skip and layer == 0:
                    xw.append(layer_input + bias)  # W x replaced by x, b_W kept
                else:
                    matrix = weights[("matrix", layer, direction, k)]
                    xw.append(torch.matmul(layer_input, matrix.t()) + bias)
            recurrent = [
                (weights[("matrix", layer, direction, k)], weights[("bias", layer, direction, k)])
                for k in range(gates, 2 * gates)
            ]
            h = h0[row]
            c = c0[row] if c0 is not None else None
            outputs = [None] * steps
            order = range(steps - 1, -1, -1) if direction else range(steps)
            def rec(k, v, recurrent=recurrent):
                matrix, bias = recurrent[k]
                return torch.matmul(v, matrix.t()) + bias

            for t in order:
                h_new, c_new = cell(torch, [v[t] for v in xw], rec, h, c)
                if lengths is None:
                    h, c = h_new, c_new
                    outputs[t] = h
                    continue
                active = torch.tensor([t < n for n in lengths]).reshape(-1, 1)
                h = torch.where(active, h_new, h)
                if c is not None:
                    c = torch.where(active, c_new, c)
                outputs[t] = torch.where(active, h_new, torch.zeros_like(h_new))
            halves.append(torch.stack(outputs))
            h_rows.append(h)
            c_rows.append(c)
        output = torch.cat(halves, dim=-1)
        if layer in factors:
            output = output * factors[layer]
        layer_input = output
    c_n = torch.stack(c_rows) if c0 is not None else None
    return layer_input, torch.stack(h_rows), c_n


def _geometry(mode, num_layers, num_units, input_size, bidirectional, input_mode):
    skip = ref.resolve_skip(input_mode, input_size, num_units)
    return (mode, num_layers, num_units, input_size, bidirectional, skip), skip


def _as_f64(value):
    return None if value is None else np.asarray(value, dtype=np.float64)


def reference_forward(mode, x, h0, c0, params, num_layers, num_units, bidirectional,
                      input_mode, dropout, seed, dtype=None, cells=None,
                      linear_before_reset=True):
    """The training forward in numpy: (y, h_n, c_n), c_n None without a cell.

    ``dtype`` (torch dtype, default float64) is for the positive control
    that runs this reference in float32."""
    import torch

    dtype = dtype or torch.float64
    cells = cells or cells_for(linear_before_reset)
    x = _as_f64(x)
    geometry, skip = _geometry(mode, num_layers, num_units, x.shape[2], bidirectional, input_mode)
    weights = {
        key: torch.from_numpy(value).to(dtype)
        for key, value in ref.unpack(_as_f64(params), *geometry).items()
    }
    num_dirs = 2 if bidirectional else 1
    factors = {
        layer: torch.from_numpy(f).to(dtype)
        for layer, f in dropout_factors(
            num_layers, dropout, seed, x.shape[0], x.shape[1], num_dirs * num_units
        ).items()
    }
    with torch.no_grad():
        c0t = torch.from_numpy(_as_f64(c0)).to(dtype) if ref.has_cell_state(mode) else None
        y, h_n, c_n = forward(
            mode, torch.from_numpy(x).to(dtype), torch.from_numpy(_as_f64(h0)).to(dtype),
            c0t, weights, num_layers, num_units, bidirectional, skip, factors, cells,
        )
    to_np = lambda t: None if t is None else t.double().numpy()  # noqa: E731
    return to_np(y), to_np(h_n), to_np(c_n)


def grad_reference(mode, x, h0, c0, params, num_layers, num_units, bidirectional,
                   input_mode, dropout, seed, dy, dh_n, dc_n, dtype=None, cells=None,
                   mask_seed=None, linear_before_reset=True, lengths=None):
    """Forward results and gradients of L = sum(y*dy) + sum(h_n*dh_n)
    [+ sum(c_n*dc_n)] by torch autograd through ``forward``: a GradResult of
    float64 numpy arrays, dparams in the packed layout.

    c0 and dc_n are ignored (and c_n, dc_0 are None) without a cell state;
    ``linear_before_reset`` is the GRU attribute, ``lengths`` the sequence
    lengths (see ``forward``).
    ``dtype`` runs it in another torch dtype (float32: the positive control
    of the f32 tolerance); ``cells`` and ``mask_seed`` (a different seed for
    the masks than the one the forward was given) exist for negative
    controls.
    """
    import torch

    dtype = dtype or torch.float64
    cells = cells or cells_for(linear_before_reset)
    x = _as_f64(x)
    steps, batch, input_size = x.shape
    geometry, skip = _geometry(mode, num_layers, num_units, input_size, bidirectional, input_mode)
    num_dirs = 2 if bidirectional else 1
    has_cell = ref.has_cell_state(mode)

    def leaf(value):
        return torch.from_numpy(_as_f64(value)).to(dtype).requires_grad_(True)

    canonical = ref.unpack(_as_f64(params), *geometry)
    keys = list(canonical)
    weights = {key: leaf(canonical[key]) for key in keys}
    tx, th0 = leaf(x), leaf(h0)
    tc0 = leaf(c0) if has_cell else None
    factors = {
        layer: torch.from_numpy(f).to(dtype)
        for layer, f in dropout_factors(
            num_layers, dropout, seed if mask_seed is None else mask_seed,
            steps, batch, num_dirs * num_units,
        ).items()
    }
    y, h_n, c_n = forward(
        mode, tx, th0, tc0, weights, num_layers, num_units, bidirectional, skip, factors, cells,
        lengths,
    )
    loss = (y * torch.from_numpy(_as_f64(dy)).to(dtype)).sum()
    loss = loss + (h_n * torch.from_numpy(_as_f64(dh_n)).to(dtype)).sum()
    leaves = [tx, th0]
    if has_cell:
        loss = loss + (c_n * torch.from_numpy(_as_f64(dc_n)).to(dtype)).sum()
        leaves.append(tc0)
    leaves += [weights[key] for key in keys]
    grads = torch.autograd.grad(loss, leaves, allow_unused=True)
    grads = [
        np.zeros(tuple(t.shape)) if g is None else g.detach().double().numpy()
        for t, g in zip(leaves, grads)
    ]
    dx, dh0 = grads[0], grads[1]
    dc0 = grads[2] if has_cell else None
    canonical_grads = dict(zip(keys, grads[3 if has_cell else 2:]))
    dparams = ref.pack(canonical_grads, *geometry, dtype=np.float64)
    detach = lambda t: None if t is None else t.detach().double().numpy()  # noqa: E731
    return GradResult(detach(y), detach(h_n), detach(c_n), dx, dh0, dc0, dparams)


# --------------------------------------------------------------------------
# The cross-check: torch.nn's own autograd
# --------------------------------------------------------------------------


def module_grad_reference(mode, x, h0, c0, params, num_layers, num_units, bidirectional,
                          input_mode, dy, dh_n, dc_n, lengths=None):
    """``grad_reference`` for dropout 0 from torch.nn.LSTM/GRU/RNN (float64).

    The canonical weights go into the module as ``rnn_reference.torch_reference``
    puts them (a skipped layer-0 input becomes an identity block per gate,
    whose gradient is dropped); the module's parameter gradients are split
    back into canonical gates (PyTorch stacks them in cuDNN order).

    With ``lengths`` (B ints) the module runs a PackedSequence
    (pack_padded_sequence, enforce_sorted=False) of the sequences of nonzero
    length, which PyTorch requires; the length-0 ones are filled in as the
    contract says: zero y and dx rows, h_n = h_0, c_n = c_0, dh_0 = dh_n,
    dc_0 = dc_n, nothing added to dparams.
    """
    if lengths is not None:
        return _packed_module_grad_reference(
            mode, x, h0, c0, params, num_layers, num_units, bidirectional, input_mode,
            dy, dh_n, dc_n, lengths)
    return _module_grads(mode, x, h0, c0, params, num_layers, num_units, bidirectional,
                         input_mode, dy, dh_n, dc_n)


def _packed_module_grad_reference(mode, x, h0, c0, params, num_layers, num_units,
                                  bidirectional, input_mode, dy, dh_n, dc_n, lengths):
    x, dy, h0, dh_n = _as_f64(x), _as_f64(dy), _as_f64(h0), _as_f64(dh_n)
    has_cell = ref.has_cell_state(mode)
    c0, dc_n = (_as_f64(c0), _as_f64(dc_n)) if has_cell else (None, None)
    steps, batch, _ = x.shape
    rows = [b for b in range(batch) if lengths[b] > 0]
    y = np.zeros(dy.shape)
    dx = np.zeros(x.shape)
    h_n, dh_0 = h0.copy(), dh_n.copy()
    c_n, dc_0 = (c0.copy(), dc_n.copy()) if has_cell else (None, None)
    dparams = np.zeros(np.shape(params))
    if rows:
        pick = lambda a: None if a is None else a[:, rows]  # noqa: E731
        sub = _module_grads(
            mode, x[:, rows], pick(h0), pick(c0), params, num_layers, num_units,
            bidirectional, input_mode, dy[:, rows], pick(dh_n), pick(dc_n),
            [int(lengths[b]) for b in rows])
        y[:, rows], dx[:, rows] = sub.y, sub.dx
        h_n[:, rows], dh_0[:, rows] = sub.h_n, sub.dh_0
        if has_cell:
            c_n[:, rows], dc_0[:, rows] = sub.c_n, sub.dc_0
        dparams = sub.dparams
    return GradResult(y, h_n, c_n, dx, dh_0, dc_0, dparams)


def _module_grads(mode, x, h0, c0, params, num_layers, num_units, bidirectional,
                  input_mode, dy, dh_n, dc_n, lengths=None):
    """module_grad_reference's module run; with ``lengths`` (all > 0) through
    a PackedSequence, y padded back with zeros to T steps."""
    import torch

    x = _as_f64(x)
    input_size = x.shape[2]
    geometry, skip = _geometry(mode, num_layers, num_units, input_size, bidirectional, input_mode)
    gates = ref.num_gates(mode)
    num_dirs = 2 if bidirectional else 1
    has_cell = ref.has_cell_state(mode)
    weights = ref.unpack(_as_f64(params), *geometry)
    module = ref._torch_module(mode, input_size, num_units, num_layers, bidirectional)
    named = dict(module.named_parameters())
    with torch.no_grad():
        for layer in range(num_layers):
            for direction in range(num_dirs):
                values = ref._torch_parameters(
                    weights, mode, layer, direction, num_units, skip and layer == 0
                )
                for name, value in values.items():
                    named[name].copy_(torch.from_numpy(np.asarray(value, dtype=np.float64)))
    tx = torch.from_numpy(x).requires_grad_(True)
    th0 = torch.from_numpy(_as_f64(h0)).requires_grad_(True)
    sequence = tx
    if lengths is not None:
        sequence = torch.nn.utils.rnn.pack_padded_sequence(
            tx, torch.tensor(lengths, dtype=torch.int64), enforce_sorted=False)
    if has_cell:
        tc0 = torch.from_numpy(_as_f64(c0)).requires_grad_(True)
        y, (h_n, c_n) = module(sequence, (th0, tc0))
    else:
        y, h_n = module(sequence, th0)
    if lengths is not None:
        y, _ = torch.nn.utils.rnn.pad_packed_sequence(y, total_length=x.shape[0])
    loss = (y * torch.from_numpy(_as_f64(dy))).sum() + (h_n * torch.from_numpy(_as_f64(dh_n))).sum()
    leaves = [tx, th0]
    if has_cell:
        loss = loss + (c_n * torch.from_numpy(_as_f64(dc_n))).sum()
        leaves.append(tc0)
    names = list(named)
    grads = torch.autograd.grad(loss, leaves + [named[n] for n in names])
    grads = [g.numpy() for g in grads]
    by_name = dict(zip(names, grads[len(leaves):]))
    hidden = num_units
    canonical = {}
    for layer in range(num_layers):
        for direction in range(num_dirs):
            suffix = "l%d%s" % (layer, "_reverse" if direction else "")
            for k in range(gates):
                rows = slice(k * hidden, (k + 1) * hidden)
                if not (skip and layer == 0):
                    canonical[("matrix", layer, direction, k)] = by_name["weight_ih_" + suffix][rows]
                canonical[("matrix", layer, direction, gates + k)] = by_name["weight_hh_" + suffix][rows]
                canonical[("bias", layer, direction, k)] = by_name["bias_ih_" + suffix][rows]
                canonical[("bias", layer, direction, gates + k)] = by_name["bias_hh_" + suffix][rows]
    dparams = ref.pack(canonical, *geometry, dtype=np.float64)
    detach = lambda t: t.detach().numpy()  # noqa: E731
    return GradResult(
        detach(y), detach(h_n), detach(c_n) if has_cell else None,
        grads[0], grads[1], grads[2] if has_cell else None, dparams,
    )


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------

#: Each tensor is judged relative to the larger of its own norm and
#: FLOOR_FRACTION of the norm a tensor of its size has at the RMS of its
#: group (all forward results, or all gradients, of the configuration):
#: ||ours - ref|| / max(||ref||, FLOOR_FRACTION * rms * sqrt(size)).
#: Rounding errors scale with the terms a gradient sums, not with the sum:
#: a bias gradient that cancels to 2% of the typical size (H = 1 LSTMs do
#: that) carries the absolute error of a typical one. Over 400 random f32
#: configurations, this reference run in float32 had absolute errors up to
#: 1.8e-6 * rms * sqrt(size) (median 3.7e-7); with the f32 tolerance 1e-5
#: the floor 0.5 leaves a 3x margin for an honest f32 implementation, and
#: anything off by more than 5e-6 of a typical tensor still fails.
FLOOR_FRACTION = 0.5


def group_rms(arrays):
    """Root mean square over all elements of the given arrays."""
    arrays = [np.asarray(a, dtype=np.float64).ravel() for a in arrays if a is not None]
    total = sum(a.size for a in arrays)
    if total == 0:
        return 0.0
    return float(np.sqrt(sum(float(np.dot(a, a)) for a in arrays) / total))


def relative_error(ours, expected, rms):
    """||ours - expected|| / max(||expected||, FLOOR_FRACTION * rms * sqrt(n))
    in float64; the absolute norm of the difference when both are zero; inf
    on a shape mismatch."""
    ours = np.asarray(ours, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if ours.shape != expected.shape:
        return float("inf")
    diff = float(np.linalg.norm((ours - expected).ravel()))
    scale = max(float(np.linalg.norm(expected.ravel())),
                FLOOR_FRACTION * rms * np.sqrt(expected.size))
    return diff / scale if scale > 0.0 else diff


def canonical_name(key):
    """A short name of a canonical tensor: W0.l1d0 (matrix), bR4.l0d1 (bias)."""
    kind, layer, direction, gate_id = key
    return "%s%d.l%dd%d" % ("W" if kind == "matrix" else "b", gate_id, layer, direction)


def split_gradients(result, mode, num_layers, num_units, input_size, bidirectional, input_mode):
    """{name: array} of a GradResult's gradients: dx, dh_0, [dc_0], then
    every canonical gradient of dparams (in canonical order)."""
    geometry, _ = _geometry(mode, num_layers, num_units, input_size, bidirectional, input_mode)
    named = collections.OrderedDict([("dx", result.dx), ("dh_0", result.dh_0)])
    if result.dc_0 is not None:
        named["dc_0"] = result.dc_0
    for key, value in ref.unpack(result.dparams, *geometry).items():
        named["d" + canonical_name(key)] = value
    return named


# --------------------------------------------------------------------------
# Finite differences
# --------------------------------------------------------------------------

#: Step of the central differences. In float64, for the losses of these
#: small configurations (|L| < 100), rounding adds about 1e-16 * |L| / eps
#: and truncation about eps^2 * |L'''| / 6 to a derivative: some 1e-10,
#: four orders below the 1e-6 tolerance.
FD_EPSILON = 1e-5

#: Derivatives below FD_FLOOR * (RMS of all gradient elements) are judged
#: against that level (a unit direction's derivative is about the RMS).
FD_FLOOR = 1e-2


def loss_of(outputs, dy, dh_n, dc_n):
    """L = sum(y*dy) + sum(h_n*dh_n) [+ sum(c_n*dc_n)] of (y, h_n[, c_n])."""
    total = float(np.sum(np.asarray(outputs[0], np.float64) * dy))
    total += float(np.sum(np.asarray(outputs[1], np.float64) * dh_n))
    if len(outputs) > 2 and outputs[2] is not None:
        total += float(np.sum(np.asarray(outputs[2], np.float64) * dc_n))
    return total


def _fd_group(entry, gates):
    """The group of a packed-layout entry for grouped directions: the input
    matrices, the recurrent matrices or the biases of one layer and
    direction."""
    if entry.kind == "bias":
        part = "b"
    else:
        part = "W" if entry.gate_id < gates else "R"
    return "d%s.l%dd%d" % (part, entry.layer, entry.dir)


def fd_directions(inputs, mode, num_layers, num_units, bidirectional, input_mode, rng,
                  coordinates=3, grouped=False):
    """Perturbation directions, each (title, {input name: unit direction}).

    One random unit direction per tensor (x, h_0, c_0 and every canonical
    weight, as an embedding into the packed params; with ``grouped``, per
    group of canonical weights: the input matrices, the recurrent matrices,
    the biases of one layer and direction), a few single coordinates of
    params, and one random direction over everything. A random direction
    over a group still sees any wrong gradient in it (swapped gates
    included); per tensor only localizes it better.
    """
    x = inputs["x"]
    geometry, _ = _geometry(mode, num_layers, num_units, x.shape[2], bidirectional, input_mode)
    layout = ref.packed_layout(*geometry)
    size = layout[-1].offset + int(np.prod(layout[-1].shape))
    gates = ref.num_gates(mode)
    directions = []

    def unit(shape):
        v = rng.standard_normal(shape)
        return v / np.linalg.norm(v.ravel())

    for name in ("x", "h_0", "c_0"):
        if name in inputs:
            directions.append((name, {name: unit(inputs[name].shape)}))
    groups = collections.OrderedDict()
    for entry in layout:
        title = _fd_group(entry, gates) if grouped else "d" + canonical_name(entry[:4])
        groups.setdefault(title, []).append(entry)
    for title, entries in groups.items():
        mask = np.zeros(size, dtype=bool)
        for entry in entries:
            mask[entry.offset: entry.offset + int(np.prod(entry.shape))] = True
        v = np.zeros(size)
        v[mask] = unit((int(mask.sum()),))
        directions.append((title, {"params": v}))
    for index in rng.choice(size, size=min(coordinates, size), replace=False):
        v = np.zeros(size)
        v[int(index)] = 1.0
        directions.append(("params[%d]" % index, {"params": v}))
    everything = {name: rng.standard_normal(np.shape(value)) for name, value in inputs.items()}
    norm = np.sqrt(sum(float(np.sum(v * v)) for v in everything.values()))
    directions.append(("all", {n: v / norm for n, v in everything.items()}))
    return directions


def perturbed_inputs(inputs, directions, epsilon=FD_EPSILON):
    """The list of input dicts to evaluate: for each direction, inputs + eps*v
    then inputs - eps*v (float64)."""
    cases = []
    for _, direction in directions:
        for sign in (1.0, -1.0):
            case = {n: np.asarray(v, dtype=np.float64).copy() for n, v in inputs.items()}
            for name, v in direction.items():
                case[name] = case[name] + sign * epsilon * v
            cases.append(case)
    return cases


def directional_check(directions, losses, gradients, epsilon=FD_EPSILON):
    """Per direction: (title, finite difference, analytic, error).

    ``losses`` are the loss values of ``perturbed_inputs``' cases in order,
    ``gradients`` {input name: analytic gradient} (x, h_0, c_0, params). The
    error is |fd - analytic| / max(|fd|, |analytic|, FD_FLOOR * rms), rms
    the RMS of all analytic gradient elements (a unit direction's
    derivative is of that size), so a derivative that is nearly zero is not
    judged on rounding noise.
    """
    rms = group_rms(list(gradients.values()))
    rows = []
    for k, (title, direction) in enumerate(directions):
        fd = (losses[2 * k] - losses[2 * k + 1]) / (2.0 * epsilon)
        analytic = sum(float(np.sum(gradients[n] * v)) for n, v in direction.items())
        scale = max(abs(fd), abs(analytic), FD_FLOOR * rms)
        error = abs(fd - analytic) / scale if scale > 0.0 else abs(fd - analytic)
        rows.append((title, fd, analytic, error))
    return rows
