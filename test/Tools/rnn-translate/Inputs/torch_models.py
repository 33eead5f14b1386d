"""torch.onnx.export of nn.LSTM / nn.GRU / nn.RNN stacks and of a small
Embedding -> 2-layer bidirectional LSTM -> Linear model, each run by ONNX
Runtime and by rnn-translate + rnn-run --backend=cpu on the same inputs.

usage: torch_models.py WORK_DIR TOOLS_DIR [NAME...]
Prints `PASS name max-error` (within 1e-5 of ONNX Runtime) or `FAIL name:
why` per model, then `N passed, M failed`. WORK_DIR keeps each model's
imported NAME.mlir, its inputs NAME.<input>.npy and ONNX Runtime's outputs
NAME.expected<i>.npy: scripts/gpu-bundle.sh ships them to the GPU machine,
which has neither ONNX Runtime nor the importer
(test/Integration/CUDA/onnx-imported-models.test).
"""

import os
import sys

import numpy as np
import onnxruntime
import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_and_run import import_and_compare, print_results  # noqa: E402


def random_sizes(rng):
    """T, B, I, H of one model: small, random, different from each other."""
    return [int(v) for v in rng.choice(np.arange(2, 11), size=4,
                                       replace=False)]

# name: (module class, num_layers, bidirectional, batch_first, initial states,
#        extra module arguments)
CONFIGS = {
    "lstm_l1": (torch.nn.LSTM, 1, False, False, False, {}),
    "lstm_l1_h0": (torch.nn.LSTM, 1, False, False, True, {}),
    "lstm_l2_bidir": (torch.nn.LSTM, 2, True, False, False, {}),
    "lstm_l3_bidir_h0": (torch.nn.LSTM, 3, True, False, True, {}),
    "lstm_l2_batch_first_h0": (torch.nn.LSTM, 2, False, True, True, {}),
    "lstm_l1_bidir_batch_first": (torch.nn.LSTM, 1, True, True, False, {}),
    "gru_l1_h0": (torch.nn.GRU, 1, False, False, True, {}),
    "gru_l2_bidir_batch_first": (torch.nn.GRU, 2, True, True, False, {}),
    "gru_l3": (torch.nn.GRU, 3, False, False, False, {}),
    "rnn_tanh_l2_bidir_h0": (torch.nn.RNN, 2, True, False, True, {}),
    "rnn_relu_l1_batch_first": (torch.nn.RNN, 1, False, True, False,
                                {"nonlinearity": "relu"}),
    "rnn_relu_l3_bidir": (torch.nn.RNN, 3, True, False, False,
                          {"nonlinearity": "relu"}),
}


class Tagger(torch.nn.Module):
    """Embedding -> 2-layer bidirectional LSTM -> Linear -> log-softmax."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.embed = torch.nn.Embedding(20, input_size)
        self.lstm = torch.nn.LSTM(input_size, hidden_size, num_layers=2,
                                  bidirectional=True)
        self.fc = torch.nn.Linear(2 * hidden_size, 7)

    def forward(self, tokens):
        y, _ = self.lstm(self.embed(tokens))
        return torch.softmax(self.fc(y), dim=-1)


def export(name, path, rng):
    """Exports model `name` with random sizes; returns the ONNX Runtime
    feed."""
    T, B, I, H = random_sizes(rng)
    if name == "tagger":
        model = Tagger(I, H).eval()
        tokens = rng.integers(0, 20, size=(T, B)).astype(np.int64)
        torch.onnx.export(model, (torch.from_numpy(tokens),), path,
                          input_names=["tokens"], opset_version=14)
        return {"tokens": tokens}
    cls, layers, bidir, batch_first, states, extra = CONFIGS[name]
    model = cls(I, H, num_layers=layers, bidirectional=bidir,
                batch_first=batch_first, **extra).eval()
    d = 2 if bidir else 1
    x = rng.standard_normal((B, T, I) if batch_first else (T, B, I))
    feed = {"x": x.astype(np.float32)}
    args = (torch.from_numpy(feed["x"]),)
    if states:
        feed["h_0"] = rng.standard_normal((layers * d, B, H)).astype(np.float32)
        h0 = torch.from_numpy(feed["h_0"])
        if cls is torch.nn.LSTM:
            feed["c_0"] = rng.standard_normal(
                (layers * d, B, H)).astype(np.float32)
            args = (args[0], (h0, torch.from_numpy(feed["c_0"])))
        else:
            args = (args[0], h0)
    torch.onnx.export(model, args, path, input_names=list(feed),
                      opset_version=14)
    return feed


def check(name, work, tools, rng):
    path = os.path.join(work, name + ".onnx")
    feed = export(name, path, rng)
    session = onnxruntime.InferenceSession(
        path, providers=["CPUExecutionProvider"])
    # The exporter may drop inputs it folded away.
    used = [i.name for i in session.get_inputs()]
    expected = session.run(None, {k: feed[k] for k in used})
    for i, array in enumerate(expected):
        np.save(os.path.join(work, "%s.expected%d.npy" % (name, i)), array)
    return import_and_compare(name, path, {k: feed[k] for k in used}, expected,
                              work, tools, ["--allow-linalg"])


def main():
    work, tools = sys.argv[1:3]
    names = sys.argv[3:] or list(CONFIGS) + ["tagger"]
    os.makedirs(work, exist_ok=True)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    results = [check(name, work, tools, rng) for name in names]
    print_results(results)


if __name__ == "__main__":
    main()
