"""Hostile and unsupported ONNX models for rnn-translate: writes each into
WORK_DIR, runs `rnn-translate --import-onnx` on it and prints one line per
model: `NAME: exit=<status> lines=<stderr lines>: <first stderr line>`
(a crash shows as a negative exit status).

usage: hostile_models.py WORK_DIR TOOLS_DIR
"""

import os
import subprocess
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

T, B, I, H = 2, 1, 3, 2


def lstm_graph(initializers, node_attrs=None, extra_nodes=(), inputs=None,
               lstm_inputs=("x", "W", "R", "B")):
    node = helper.make_node("LSTM", list(lstm_inputs), ["Y"], name="lstm",
                            hidden_size=H, **(node_attrs or {}))
    graph = helper.make_graph(
        [node] + list(extra_nodes), "g",
        inputs or [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                 [T, B, I])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
        initializers)
    return graph


def weights(rng):
    return [numpy_helper.from_array(
                rng.standard_normal(shape).astype(np.float32), name)
            for name, shape in [("W", (1, 4 * H, I)), ("R", (1, 4 * H, H)),
                                ("B", (1, 8 * H))]]


def model(graph, opset=14):
    return helper.make_model(graph,
                             opset_imports=[helper.make_opsetid("", opset)])


def external(tensor, location, length=None):
    """Moves `tensor`'s data to external data `location`."""
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    entries = {"location": location, "offset": "0"}
    if length is not None:
        entries["length"] = str(length)
    for key, value in entries.items():
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value


def write(work, name, proto):
    path = os.path.join(work, name + ".onnx")
    with open(path, "wb") as f:
        f.write(proto if isinstance(proto, bytes) else proto.SerializeToString())
    return path


def build(work):
    rng = np.random.default_rng(0)
    cases = {}
    good = model(lstm_graph(weights(rng)))
    cases["valid"] = good
    data = good.SerializeToString()
    cases["truncated"] = data[: len(data) // 2]
    cases["garbage"] = b"this is not a protobuf \xff\xff\xff\xff"
    cases["empty"] = b""

    w = weights(rng)
    w[0] = helper.make_tensor("W", TensorProto.INT32, [1, 4 * H, I],
                              [1] * (4 * H * I))
    cases["wrong-type"] = model(lstm_graph(w))

    w = weights(rng)
    w[0] = helper.make_tensor("W", TensorProto.STRING, [1], [b"x"])
    cases["string-tensor"] = model(lstm_graph(w))

    cases["missing-initializer"] = model(lstm_graph(weights(rng)[1:]))

    w = weights(rng)
    w[0].raw_data = w[0].raw_data[:10]
    cases["short-data"] = model(lstm_graph(w))

    w = weights(rng)
    del w[0].dims[:]
    w[0].dims.extend([1 << 40, 1 << 40, 4])
    cases["huge-dims"] = model(lstm_graph(w))

    w = weights(rng)
    w[1] = numpy_helper.from_array(np.zeros((1, 4 * H, H + 1), np.float32), "R")
    cases["wrong-shape"] = model(lstm_graph(w))

    cases["opset-23"] = model(lstm_graph(weights(rng)), opset=23)
    cases["no-graph"] = helper.make_model(
        helper.make_graph([], "g", [], []),
        opset_imports=[helper.make_opsetid("", 14)])

    # External data: outside the folder, or not matching the tensor.
    with open(os.path.join(work, "w.bin"), "wb") as f:
        f.write(rng.standard_normal((1, 4 * H, I)).astype(np.float32).tobytes())
    outside = os.path.join(os.path.dirname(os.path.abspath(work)),
                           "outside.bin")
    with open(outside, "wb") as f:
        f.write(b"\0" * (4 * 4 * H * I))
    link = os.path.join(work, "link.bin")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(outside, link)
    for name, location, length in [
            ("external-absolute", outside, None),
            ("external-dotdot", "../outside.bin", None),
            ("external-symlink", "link.bin", None),
            ("external-missing", "nothere.bin", None),
            ("external-length", "w.bin", 8),
            ("external-ok", "w.bin", 4 * 4 * H * I)]:
        w = weights(rng)
        external(w[0], location, length)
        cases[name] = model(lstm_graph(w))
    with open(os.path.join(work, "short.bin"), "wb") as f:
        f.write(b"\0" * 12)
    w = weights(rng)
    external(w[0], "short.bin")
    cases["external-too-short"] = model(lstm_graph(w))

    # Every unsupported node and attribute in one error.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [T, B, I])
    w = weights(rng)
    gru_w = [numpy_helper.from_array(
                 rng.standard_normal(s).astype(np.float32), n)
             for n, s in [("GW", (1, 3 * H, I)), ("GR", (1, 3 * H, H))]]
    p = numpy_helper.from_array(np.ones((1, 3 * H), np.float32), "P")
    nodes = [
        helper.make_node("LSTM", ["x", "W", "R", "B"], ["Y1"], name="clipped",
                         hidden_size=H, clip=1.0),
        helper.make_node("LSTM", ["x", "W", "R", "B"], ["Y2"], name="peephole",
                         hidden_size=H, **{}),
        helper.make_node("LSTM", ["x", "W", "R", "B"], ["Y3"], name="relu_lstm",
                         hidden_size=H,
                         activations=["Relu", "Tanh", "Tanh"], input_forget=1),
        helper.make_node("GRU", ["x", "GW", "GR"], ["Y4"], name="onnx_gru",
                         hidden_size=H),
        helper.make_node("Conv", ["x", "W"], ["Y5"], name="conv"),
    ]
    nodes[1].input.extend(["", "", "", "P"])
    graph = helper.make_graph(
        nodes, "g", [x],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, None)
         for n in ["Y1", "Y2", "Y3", "Y4", "Y5"]], w + gru_w + [p])
    cases["unsupported"] = model(graph)

    # A sequence_lens of int64 (the dialect's lengths are int32).
    lens64 = numpy_helper.from_array(np.array([1] * B, np.int64), "lens")
    cases["sequence-lens-i64"] = model(lstm_graph(
        weights(rng) + [lens64], lstm_inputs=("x", "W", "R", "B", "lens")))
    return cases


def main():
    work, tools = sys.argv[1:3]
    os.makedirs(work, exist_ok=True)
    for name, proto in build(work).items():
        path = write(work, name, proto)
        result = subprocess.run(
            [os.path.join(tools, "rnn-translate"), "--import-onnx", path,
             "-o", os.path.join(work, name + ".mlir")],
            capture_output=True, text=True)
        lines = result.stderr.splitlines()
        first = lines[0].replace(work + "/", "") if lines else ""
        print("%s: exit=%d lines=%d: %s" % (name, result.returncode,
                                             len(lines), first))


if __name__ == "__main__":
    main()
