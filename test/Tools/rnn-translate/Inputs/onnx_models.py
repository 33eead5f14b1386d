"""ONNX LSTM / GRU / RNN nodes that torch does not export, built with
onnx.helper, run by ONNX Runtime and by rnn-translate + rnn-run
--backend=cpu on the same inputs: direction "reverse" (a unidirectional
op on the time-reversed input), layout = 1, explicit default activations,
ONNX's default GRU (linear_before_reset = 0) and the one with 1,
Relu RNNs, sequence_lens equal to T and other sequence_lens (graph input or
constant, unsorted; rnn ops with seq_lengths), all-zero peepholes, weights
as external data, and dynamic T and B.

usage: onnx_models.py WORK_DIR TOOLS_DIR
Prints `PASS name max-error` (within 1e-5) or `FAIL name: why` per model,
then `N passed, M failed`.
"""

import os
import sys

import numpy as np
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_and_run import import_and_compare, print_results  # noqa: E402

T, B, I, H = 4, 3, 5, 2
GATES = {"LSTM": 4, "GRU": 3, "RNN": 1}


def make(name, op, rng, direction="forward", layout=0, states=True,
         bias=True, dynamic=False, attrs=None, seq_lens=False,
         peepholes=False, external=None, lengths=None, lengths_input=True):
    """``seq_lens``: a constant sequence_lens equal to T; ``lengths``: one
    of these values, a graph input (fed after the states) or, without
    ``lengths_input``, a constant."""
    d = 2 if direction == "bidirectional" else 1
    g = GATES[op]
    inits = [numpy_helper.from_array(
                 rng.standard_normal(s).astype(np.float32) * 0.5, n)
             for n, s in [("W", (d, g * H, I)), ("R", (d, g * H, H))]]
    inputs = ["x", "W", "R"]
    if bias:
        inits.append(numpy_helper.from_array(
            rng.standard_normal((d, 2 * g * H)).astype(np.float32), "B"))
    inputs.append("B" if bias else "")
    if seq_lens or (lengths is not None and not lengths_input):
        values = np.full((B,), T, np.int32) if seq_lens else np.array(lengths, np.int32)
        inits.append(numpy_helper.from_array(values, "lens"))
    inputs.append("lens" if seq_lens or lengths is not None else "")
    x_shape = (B, T, I) if layout else (T, B, I)
    state_shape = (B, d, H) if layout else (d, B, H)
    feed = {"x": rng.standard_normal(x_shape).astype(np.float32)}
    graph_inputs = [helper.make_tensor_value_info(
        "x", TensorProto.FLOAT,
        ["N", "S", I] if dynamic else list(x_shape))]
    state_names = ["h0", "c0"] if op == "LSTM" else ["h0"]
    for s in state_names:
        if states:
            feed[s] = rng.standard_normal(state_shape).astype(np.float32)
            graph_inputs.append(helper.make_tensor_value_info(
                s, TensorProto.FLOAT, list(state_shape)))
        inputs.append(s if states else "")
    if lengths is not None and lengths_input:
        feed["lens"] = np.array(lengths, np.int32)
        graph_inputs.append(helper.make_tensor_value_info(
            "lens", TensorProto.INT32, ["N"] if dynamic else [B]))
    if peepholes:
        inits.append(numpy_helper.from_array(
            np.zeros((d, 3 * H), np.float32), "P"))
        inputs.append("P")
    outputs = ["Y", "Y_h", "Y_c"][: 2 + (op == "LSTM")]
    node = helper.make_node(op, inputs, outputs, name=name, hidden_size=H,
                            direction=direction, layout=layout,
                            **(attrs or {}))
    graph = helper.make_graph(
        [node], name, graph_inputs,
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, None)
         for o in outputs], inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    if external:
        tensor = model.graph.initializer[0]
        with open(os.path.join(external, name + ".W.bin"), "wb") as f:
            f.write(tensor.raw_data)
        tensor.ClearField("raw_data")
        tensor.data_location = TensorProto.EXTERNAL
        for key, value in [("location", name + ".W.bin"), ("offset", "0")]:
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
    return model, feed


def cases(work):
    lbr = {"linear_before_reset": 1}
    return [
        ("lstm_reverse", "LSTM", dict(direction="reverse")),
        ("lstm_reverse_layout1", "LSTM", dict(direction="reverse", layout=1)),
        ("lstm_bidir_layout1", "LSTM", dict(direction="bidirectional",
                                            layout=1)),
        ("lstm_no_bias_no_states", "LSTM", dict(bias=False, states=False)),
        ("lstm_seq_lens_T_zero_P", "LSTM", dict(seq_lens=True,
                                                peepholes=True)),
        ("lstm_default_activations", "LSTM", dict(
            direction="bidirectional",
            attrs={"activations": ["Sigmoid", "Tanh", "Tanh"] * 2})),
        ("lstm_external_data", "LSTM", dict(external=work)),
        ("lstm_dynamic_T_B", "LSTM", dict(dynamic=True, states=False)),
        ("gru_reverse", "GRU", dict(direction="reverse", attrs=lbr)),
        ("gru_default_bidir", "GRU", dict(direction="bidirectional")),
        ("gru_default_reverse_layout1", "GRU", dict(direction="reverse",
                                                    layout=1)),
        ("gru_bidir_layout1", "GRU", dict(direction="bidirectional",
                                          layout=1, attrs=lbr)),
        ("rnn_relu_reverse", "RNN", dict(direction="reverse",
                                         attrs={"activations": ["Relu"]})),
        ("rnn_tanh_bidir_layout1", "RNN", dict(
            direction="bidirectional", layout=1,
            attrs={"activations": ["Tanh", "Tanh"]})),
        # sequence_lens other than T: rnn ops with seq_lengths.
        ("lstm_seq_lens_input", "LSTM", dict(lengths=(4, 1, 2))),
        ("lstm_bidir_seq_lens_dynamic", "LSTM", dict(
            direction="bidirectional", lengths=(2, 4, 3), dynamic=True,
            states=False)),
        ("gru_default_bidir_seq_lens_const", "GRU", dict(
            direction="bidirectional", lengths=(3, 1, 4), lengths_input=False)),
        ("gru_seq_lens_layout1", "GRU", dict(layout=1, lengths=(1, 4, 2),
                                             attrs=lbr)),
        ("rnn_relu_bidir_seq_lens", "RNN", dict(
            direction="bidirectional", lengths=(4, 2, 1),
            attrs={"activations": ["Relu", "Relu"]})),
        # Reverse-only nodes with sequence_lens: each sequence reversed
        # within its own length.
        ("lstm_reverse_seq_lens", "LSTM", dict(direction="reverse",
                                               lengths=(3, 1, 4))),
        ("gru_default_reverse_seq_lens_layout1", "GRU", dict(
            direction="reverse", layout=1, lengths=(2, 4, 1))),
        ("rnn_tanh_reverse_seq_lens_const", "RNN", dict(
            direction="reverse", lengths=(1, 3, 2), lengths_input=False,
            dynamic=True)),
    ]


def reference(path, feed, layout):
    """ONNX Runtime's outputs; it has no layout = 1, so a batch-major model
    runs as its time-major twin on transposed inputs and outputs."""
    source = path
    if layout:
        source = reference.twin.SerializeToString()
        feed = {k: v.transpose(1, 0, 2) if v.ndim == 3 else v
                for k, v in feed.items()}
    session = onnxruntime.InferenceSession(
        source, providers=["CPUExecutionProvider"])
    outputs = session.run(None, feed)
    if layout:
        outputs = [o.transpose(2, 0, 1, 3) if o.ndim == 4 else
                   o.transpose(1, 0, 2) for o in outputs]
    return outputs


def check(name, model, feed, work, tools, layout):
    path = os.path.join(work, name + ".onnx")
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    expected = reference(path, feed, layout)
    return import_and_compare(name, path, feed, expected, work, tools)


def main():
    work, tools = sys.argv[1:3]
    os.makedirs(work, exist_ok=True)
    results = []
    for index, (name, op, options) in enumerate(cases(work)):
        model, feed = make(name, op, np.random.default_rng(index), **options)
        layout = options.get("layout", 0)
        if layout:
            reference.twin, _ = make(name, op, np.random.default_rng(index),
                                     **dict(options, layout=0))
        results.append(check(name, model, feed, work, tools, layout))
    print_results(results)


if __name__ == "__main__":
    main()
