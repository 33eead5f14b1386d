"""Runs the README's "From PyTorch/ONNX to rnn-run" commands (the block
between <!-- readme-onnx-begin --> and <!-- readme-onnx-end -->, see
test/Tools/Inputs/readme_block.py) in argv[2] and checks their outputs
against PyTorch. Prints one PASS/FAIL line.
"""
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Inputs"))
from readme_block import compare, run_block  # noqa: E402

readme, workdir, tools_dir = sys.argv[1:4]
path = run_block(readme, "readme-onnx", workdir, tools_dir)
module = torch.nn.LSTM(8, 16, num_layers=2, bidirectional=True, batch_first=True)
module.load_state_dict(torch.load(path("model.pt")))
module = module.double()
x = torch.from_numpy(np.load(path("x.npy")).astype(np.float64))
with torch.no_grad():
    y, (h_n, c_n) = module(x)
compare(path, (("y", y.numpy()), ("h_n", h_n.numpy()), ("c_n", c_n.numpy())))
