"""Compares the outputs of dropout.mlir's four runs (see that file).

The dropped fraction is estimated without knowing the mask: layer 1 is a
relu RNN on the layer-0 output, so with inputs and weights identical between
a training and an inference run, layer 1's recurrence differs only through
the dropped/scaled inputs. We check the coarse effect: training changes a
substantial part of y (not a handful of elements) but not everything.
"""
import sys

import numpy as np

base = sys.argv[1]
load = lambda run, name: np.load("%s.%s.%s.npy" % (base, run, name))
a_y, a_h = load("a", "y"), load("a", "h")
b_y, b_h = load("b", "y"), load("b", "h")
c_y = load("c", "y")
d_y, d_h = load("d", "y"), load("d", "h")

print("same seed identical:", bool(np.array_equal(a_y, b_y) and np.array_equal(a_h, b_h)))
print("other seed differs:", bool(not np.array_equal(a_y, c_y)))
print("inference differs:", bool(not np.allclose(a_y, d_y)))
print("layer 0 state unaffected:", bool(np.array_equal(a_h[0], d_h[0]) and not np.allclose(a_h[1], d_h[1])))
changed = np.mean(~np.isclose(a_y, d_y, rtol=1e-6, atol=1e-7))
print("dropped fraction plausible:", bool(0.3 < changed <= 1.0), "(%.2f of y changed)" % changed)
