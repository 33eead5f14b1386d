"""Writes the malformed weight files of errors.test into argv[1]."""
import os
import sys

import numpy as np

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
rng = np.random.default_rng(0)
f32 = lambda *shape: rng.standard_normal(shape).astype(np.float32)  # noqa: E731
# A Keras GRU with reset_after=False: one bias [3H].
np.savez(os.path.join(d, "gru-reset-before.npz"), kernel=f32(3, 6), recurrent_kernel=f32(2, 6),
         bias=f32(6))
# A misspelled key beside a good Keras LSTM.
np.savez(os.path.join(d, "extra-key.npz"), kernel=f32(3, 8), recurrent_kernel=f32(2, 8),
         bias=f32(8), recurent_kernel=f32(2, 8))
# No recognizable key at all.
np.savez(os.path.join(d, "wrong-keys.npz"), weights=f32(3, 8))
# A recurrent kernel of the wrong width.
np.savez(os.path.join(d, "bad-shape.npz"), kernel=f32(3, 8), recurrent_kernel=f32(2, 8),
         bias=f32(7))
# An ONNX-layout plain RNN without --mode.
np.savez(os.path.join(d, "onnx-rnn.npz"), W=f32(1, 2, 3), R=f32(1, 2, 2), B=f32(1, 4))
with open(os.path.join(d, "garbage.npz"), "w") as f:
    f.write("not a zip file\n")
