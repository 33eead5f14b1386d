"""Runs the README's "From a PyTorch model to rnn-run" commands (the block
between <!-- readme-pytorch-begin --> and <!-- readme-pytorch-end -->, see
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
path = run_block(readme, "readme-pytorch", workdir, tools_dir)
state = torch.load(path("model.pt"))
layers = 1 + max(int(k.split("_l")[1].split("_")[0]) for k in state)
units, inputs = state["weight_hh_l0"].shape[1], state["weight_ih_l0"].shape[1]
module = torch.nn.LSTM(inputs, units, num_layers=layers).double()
module.load_state_dict({k: v.double() for k, v in state.items()})
x, h0, c0 = (torch.from_numpy(np.load(path(n + ".npy")).astype(np.float64))
             for n in ("x", "h_0", "c_0"))
with torch.no_grad():
    y, (h_n, c_n) = module(x, (h0, c0))
compare(path, (("y", y.numpy()), ("h_n", h_n.numpy()), ("c_n", c_n.numpy())))
