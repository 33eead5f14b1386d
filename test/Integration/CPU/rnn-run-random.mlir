// --random-inputs[=SEED]: values uniform in [-0.5, 0.5), the same for the
// same seed, different for another seed and between arguments; no seed is
// seed 0. The function copies its arguments out so the inputs can be seen.
// REQUIRES: numpy

// RUN: rnn-run %s --allow-linalg --random-inputs=5 --output=%t.s5a.npy --output=%t.s5b.npy
// RUN: rnn-run %s --allow-linalg --random-inputs=5 --output=%t.again_a.npy --output=%t.again_b.npy
// RUN: rnn-run %s --allow-linalg --random-inputs=6 --output=%t.s6a.npy --output=%t.s6b.npy
// RUN: rnn-run %s --allow-linalg --random-inputs --output=%t.none_a.npy --output=%t.none_b.npy
// RUN: rnn-run %s --allow-linalg --random-inputs=0 --output=%t.s0a.npy --output=%t.s0b.npy

// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.s5a.npy %t.again_a.npy --equal
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.s5b.npy %t.again_b.npy --equal
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.s5a.npy %t.s6a.npy --different
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.s5a.npy %t.s5b.npy --different
// RUN: %python %S/Inputs/rnn_run_npy.py compare %t.none_a.npy %t.s0a.npy --equal
// RUN: %python %S/Inputs/rnn_run_npy.py stats %t.s5a.npy | FileCheck %s --check-prefix=STATS-A
// RUN: %python %S/Inputs/rnn_run_npy.py stats %t.s6b.npy | FileCheck %s --check-prefix=STATS-B

// STATS-A: float32 (40, 25) in [-0.5, 0.5): True, distinct values: 1000
// STATS-B: float32 (40, 25) in [-0.5, 0.5): True, distinct values: 1000

// The mean and spread of 1000 uniform values.
// RUN: %python %S/Inputs/rnn_run_npy.py check %t.s5a.npy --expect "np.full((40, 25), np.mean(a), dtype=np.float32)" --arg a=%t.s5a.npy --rtol 0 --atol 0.6 | FileCheck %s --check-prefix=RANGE
// RUN: %python -c "import numpy as np, sys; a = np.load(sys.argv[1]); sys.exit(not (abs(a.mean()) < 0.05 and 0.26 < a.std() < 0.32))" %t.s5a.npy

// RANGE: OK float32 (40, 25)

func.func @main(%a: tensor<40x25xf32>, %b: tensor<40x25xf32>)
    -> (tensor<40x25xf32>, tensor<40x25xf32>) {
  %ea = tensor.empty() : tensor<40x25xf32>
  %ca = linalg.copy ins(%a : tensor<40x25xf32>)
                    outs(%ea : tensor<40x25xf32>) -> tensor<40x25xf32>
  %eb = tensor.empty() : tensor<40x25xf32>
  %cb = linalg.copy ins(%b : tensor<40x25xf32>)
                    outs(%eb : tensor<40x25xf32>) -> tensor<40x25xf32>
  return %ca, %cb : tensor<40x25xf32>, tensor<40x25xf32>
}
