"""Float64 reference implementations of the rnn dialect's recurrent layers.

Everything here is written from the public contract (docs/Dialect.md),
independently of the C++ code, so that the numerical tests compare two
implementations and not one implementation with itself:

* ``packed_layout`` / ``unpack`` / ``pack``: the packed params (cuDNN weight
  space, ALGO_STANDARD, double bias): all matrices row-major in canonical
  order, then all biases in canonical order, no padding.
* ``torch_reference``: copies the canonical weights into a float64
  ``torch.nn.LSTM`` / ``GRU`` / ``RNN`` and runs it.
* ``numpy_reference``: a plain loop-over-time implementation of the contract's
  equations, used to cross-check the PyTorch wrapper (weight copying, gate
  order, skip_input emulation).

This file is a helper, not a lit test (it lives under ``Inputs``).
"""

import collections

import numpy as np

#: Gates per mode; every mode has 2 * G matrix ids (G input, G recurrent).
GATES = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}

#: Modes whose layer carries a cell state (c_0 operand, c_n result).
MODES_WITH_CELL = ("lstm",)

INPUT_MODES = ("linear_input", "skip_input", "auto_select")

LayoutEntry = collections.namedtuple(
    "LayoutEntry", ["kind", "layer", "dir", "gate_id", "shape", "offset"]
)
LayoutEntry.__doc__ = """One tensor of the packed params.

kind is "matrix" or "bias"; gate_id is the canonical id (0..2G-1, ids < G are
the input matrices W, ids >= G the recurrent matrices R); shape is (H, in) for
a matrix and (H,) for a bias; offset is in elements.
"""


def num_gates(mode):
    """Number of gates G of a mode (LSTM 4, GRU 3, plain RNN 1)."""
    if mode not in GATES:
        raise ValueError("unknown mode %r (expected one of %s)" % (mode, sorted(GATES)))
    return GATES[mode]


def has_cell_state(mode):
    """True for modes with a c_0 operand and a c_n result (LSTM)."""
    return mode in MODES_WITH_CELL


def resolve_skip(input_mode, input_size, num_units):
    """Whether layer 0 skips its input matrices (auto_select: iff I == H)."""
    if input_mode == "linear_input":
        return False
    if input_mode == "skip_input":
        if input_size != num_units:
            raise ValueError("skip_input needs input_size == num_units")
        return True
    if input_mode == "auto_select":
        return input_size == num_units
    raise ValueError("unknown input_mode %r" % (input_mode,))


def _layer_input_size(layer, input_size, num_units, num_dirs):
    """Feature size of a layer's input: I for layer 0, D*H above."""
    return input_size if layer == 0 else num_dirs * num_units


def _canonical_ids(num_layers, num_dirs, ids_per_dir):
    """(layer, dir, gate_id) in canonical order: layer, then dir, then id."""
    for layer in range(num_layers):
        for direction in range(num_dirs):
            for gate_id in range(ids_per_dir):
                yield layer, direction, gate_id


def packed_layout(mode, num_layers, num_units, input_size, bidirectional, skip):
    """The packed params layout as a list of LayoutEntry, in memory order.

    Matrices first (canonical order; layer-0 input matrices are absent when
    ``skip``), then one bias per matrix id (all present, skip or not).
    """
    gates = num_gates(mode)
    num_dirs = 2 if bidirectional else 1
    hidden = num_units
    entries = []
    offset = 0
    for layer, direction, gate_id in _canonical_ids(num_layers, num_dirs, 2 * gates):
        is_input = gate_id < gates
        if is_input and skip and layer == 0:
            continue
        cols = (
            _layer_input_size(layer, input_size, hidden, num_dirs) if is_input else hidden
        )
        entries.append(
            LayoutEntry("matrix", layer, direction, gate_id, (hidden, cols), offset)
        )
        offset += hidden * cols
    for layer, direction, gate_id in _canonical_ids(num_layers, num_dirs, 2 * gates):
        entries.append(LayoutEntry("bias", layer, direction, gate_id, (hidden,), offset))
        offset += hidden
    return entries


def params_size(mode, num_layers, num_units, input_size, bidirectional, skip):
    """Number of elements of the packed params."""
    last = packed_layout(mode, num_layers, num_units, input_size, bidirectional, skip)[-1]
    return last.offset + int(np.prod(last.shape))


def unpack(params, mode, num_layers, num_units, input_size, bidirectional, skip):
    """Split packed params into {(kind, layer, dir, gate_id): array} (copies)."""
    params = np.asarray(params)
    layout = packed_layout(mode, num_layers, num_units, input_size, bidirectional, skip)
    expected = layout[-1].offset + int(np.prod(layout[-1].shape))
    if params.shape != (expected,):
        raise ValueError("params has shape %s, expected (%d,)" % (params.shape, expected))
    weights = {}
    for entry in layout:
        size = int(np.prod(entry.shape))
        chunk = params[entry.offset : entry.offset + size]
        weights[entry[:4]] = chunk.reshape(entry.shape).copy()
    return weights


def pack(weights, mode, num_layers, num_units, input_size, bidirectional, skip, dtype=None):
    """Inverse of ``unpack``: the flat params from {(kind, layer, dir, id): array}."""
    layout = packed_layout(mode, num_layers, num_units, input_size, bidirectional, skip)
    if dtype is None:
        dtype = np.result_type(*[weights[entry[:4]] for entry in layout])
    size = layout[-1].offset + int(np.prod(layout[-1].shape))
    params = np.zeros((size,), dtype=dtype)
    for entry in layout:
        value = np.asarray(weights[entry[:4]])
        if value.shape != entry.shape:
            raise ValueError("%s has shape %s, expected %s" % (entry[:4], value.shape, entry.shape))
        params[entry.offset : entry.offset + value.size] = value.reshape(-1)
    return params


def _gate_weights(weights, kind, layer, direction, gate_ids):
    """The arrays of the given gate ids of one layer/direction, in id order."""
    return [weights[(kind, layer, direction, k)] for k in gate_ids]


# --------------------------------------------------------------------------
# PyTorch reference
# --------------------------------------------------------------------------


def _torch_module(mode, input_size, num_units, num_layers, bidirectional):
    """A float64 torch.nn.LSTM/GRU/RNN with the given geometry (time-major)."""
    import torch

    kwargs = dict(
        input_size=input_size,
        hidden_size=num_units,
        num_layers=num_layers,
        bias=True,
        batch_first=False,
        bidirectional=bidirectional,
    )
    if mode == "lstm":
        module = torch.nn.LSTM(**kwargs)
    elif mode == "gru":
        module = torch.nn.GRU(**kwargs)
    else:
        module = torch.nn.RNN(nonlinearity=mode[len("rnn_"):], **kwargs)
    return module.double()


def _torch_parameters(weights, mode, layer, direction, num_units, skip_layer):
    """{torch parameter name: float64 array} for one layer and direction.

    PyTorch stacks the gates in cuDNN order (LSTM i,f,g,o; GRU r,z,n), so the
    canonical ids map one to one. A skipped layer-0 input is emulated with an
    identity block per gate; its b_W biases stay (cuDNN adds them).
    """
    gates = num_gates(mode)
    suffix = "l%d%s" % (layer, "_reverse" if direction else "")
    inputs = range(gates)
    recurrent = range(gates, 2 * gates)
    if skip_layer:
        w_ih = np.tile(np.eye(num_units), (gates, 1))
    else:
        w_ih = np.concatenate(_gate_weights(weights, "matrix", layer, direction, inputs))
    return {
        "weight_ih_" + suffix: w_ih,
        "weight_hh_" + suffix: np.concatenate(
            _gate_weights(weights, "matrix", layer, direction, recurrent)
        ),
        "bias_ih_" + suffix: np.concatenate(
            _gate_weights(weights, "bias", layer, direction, inputs)
        ),
        "bias_hh_" + suffix: np.concatenate(
            _gate_weights(weights, "bias", layer, direction, recurrent)
        ),
    }


def torch_reference(mode, x, h0, c0, params, num_layers, num_units, bidirectional, input_mode):
    """Run the layer with PyTorch in float64.

    x is [T, B, I], h0/c0 are [L*D, B, H] (c0 is ignored unless LSTM), params
    is the packed params. Returns (y, h_n) or (y, h_n, c_n) as float64 numpy.
    """
    import torch

    x = np.asarray(x, dtype=np.float64)
    input_size = x.shape[2]
    skip = resolve_skip(input_mode, input_size, num_units)
    num_dirs = 2 if bidirectional else 1
    weights = unpack(params, mode, num_layers, num_units, input_size, bidirectional, skip)
    module = _torch_module(mode, input_size, num_units, num_layers, bidirectional)
    named = dict(module.named_parameters())
    with torch.no_grad():
        for layer, direction, _ in _canonical_ids(num_layers, num_dirs, 1):
            values = _torch_parameters(
                weights, mode, layer, direction, num_units, skip and layer == 0
            )
            for name, value in values.items():
                named[name].copy_(torch.from_numpy(np.asarray(value, dtype=np.float64)))
        tx = torch.from_numpy(x)
        th0 = torch.from_numpy(np.asarray(h0, dtype=np.float64))
        if has_cell_state(mode):
            tc0 = torch.from_numpy(np.asarray(c0, dtype=np.float64))
            y, (h_n, c_n) = module(tx, (th0, tc0))
            return y.numpy(), h_n.numpy(), c_n.numpy()
        y, h_n = module(tx, th0)
        return y.numpy(), h_n.numpy()


# --------------------------------------------------------------------------
# Plain numpy reference (straight from the contract's equations)
# --------------------------------------------------------------------------


def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def _relu(v):
    return np.maximum(v, 0.0)


def _lstm_cell(xw, hr, h, c):
    """xw[k] = W_k x + b_Wk, hr[k] = R_k h + b_Rk for k = i, f, c, o."""
    del h
    i = _sigmoid(xw[0] + hr[0])
    f = _sigmoid(xw[1] + hr[1])
    g = np.tanh(xw[2] + hr[2])
    o = _sigmoid(xw[3] + hr[3])
    c_new = f * c + i * g
    return o * np.tanh(c_new), c_new


def _gru_cell(xw, hr, h, c):
    """Linear-before-reset GRU: n = tanh(W_h x + b_Wh + r * (R_h h + b_Rh))."""
    r = _sigmoid(xw[0] + hr[0])
    z = _sigmoid(xw[1] + hr[1])
    n = np.tanh(xw[2] + r * hr[2])
    return (1.0 - z) * n + z * h, c


def _make_rnn_cell(activation):
    def cell(xw, hr, h, c):
        del h
        return activation(xw[0] + hr[0]), c

    return cell


_CELLS = {
    "lstm": _lstm_cell,
    "gru": _gru_cell,
    "rnn_tanh": _make_rnn_cell(np.tanh),
    "rnn_relu": _make_rnn_cell(_relu),
}


def _input_contributions(weights, gates, layer, direction, layer_input, skip_layer):
    """Per gate k: W_k x + b_Wk for all steps ([T, B, H]); x + b_Wk if skipped."""
    contributions = []
    for k in range(gates):
        bias = weights[("bias", layer, direction, k)]
        if skip_layer:
            contributions.append(layer_input + bias)
        else:
            matrix = weights[("matrix", layer, direction, k)]
            contributions.append(layer_input @ matrix.T + bias)
    return contributions


def _run_direction(mode, weights, layer, direction, layer_input, h, c, skip_layer):
    """One layer and direction over all steps: (y [T, B, H], h_n, c_n)."""
    gates = num_gates(mode)
    cell = _CELLS[mode]
    xw = _input_contributions(weights, gates, layer, direction, layer_input, skip_layer)
    recurrent = [
        (weights[("matrix", layer, direction, k)], weights[("bias", layer, direction, k)])
        for k in range(gates, 2 * gates)
    ]
    steps = layer_input.shape[0]
    order = range(steps - 1, -1, -1) if direction else range(steps)
    y = np.zeros(layer_input.shape[:2] + (h.shape[-1],))
    for t in order:
        hr = [h @ matrix.T + bias for matrix, bias in recurrent]
        h, c = cell([v[t] for v in xw], hr, h, c)
        y[t] = h
    return y, h, c


def numpy_reference(mode, x, h0, c0, params, num_layers, num_units, bidirectional, input_mode):
    """The contract's semantics in plain float64 numpy; same interface as
    ``torch_reference``."""
    x = np.asarray(x, dtype=np.float64)
    h0 = np.asarray(h0, dtype=np.float64)
    input_size = x.shape[2]
    skip = resolve_skip(input_mode, input_size, num_units)
    num_dirs = 2 if bidirectional else 1
    weights = unpack(
        np.asarray(params, dtype=np.float64),
        mode, num_layers, num_units, input_size, bidirectional, skip,
    )
    cell0 = np.asarray(c0, dtype=np.float64) if has_cell_state(mode) else np.zeros_like(h0)
    layer_input = x
    h_n = np.zeros_like(h0)
    c_n = np.zeros_like(h0)
    for layer in range(num_layers):
        halves = []
        for direction in range(num_dirs):
            row = layer * num_dirs + direction
            y, h_n[row], c_n[row] = _run_direction(
                mode, weights, layer, direction, layer_input,
                h0[row], cell0[row], skip and layer == 0,
            )
            halves.append(y)
        layer_input = np.concatenate(halves, axis=-1)
    if has_cell_state(mode):
        return layer_input, h_n, c_n
    return layer_input, h_n
