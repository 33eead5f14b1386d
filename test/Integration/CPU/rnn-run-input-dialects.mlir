// rnn-run parses only its input language (rnn, func, arith, tensor): an op of
// any other dialect is MLIR's unregistered-operation error plus one
// `rnn-run: error: cannot parse` line and status 1, never a crash (`not`
// fails on signals), so upstream parsers of other dialects never see hostile
// input. The garbled linalg.tanh<3632> (fuzz/known/KNOWN-2) crashes
// upstream's linalg parser.

// RUN: not rnn-run %S/Inputs/rnn-run-linalg-properties.mlir --random-inputs 2>&1 | FileCheck %s --check-prefix=PROPERTIES
// PROPERTIES:      rnn-run-linalg-properties.mlir:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}custom op 'linalg.tanh'
// PROPERTIES:      {{^}}rnn-run: error: cannot parse '{{.*}}rnn-run-linalg-properties.mlir'{{$}}
// PROPERTIES-NOT:  {{.}}

// RUN: not rnn-run %S/Inputs/rnn-run-linalg-matmul.mlir --random-inputs 2>&1 | FileCheck %s --check-prefix=MATMUL
// MATMUL:      rnn-run-linalg-matmul.mlir:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}custom op 'linalg.matmul'
// MATMUL:      {{^}}rnn-run: error: cannot parse '{{.*}}rnn-run-linalg-matmul.mlir'{{$}}
// MATMUL-NOT:  {{.}}

// The generic form of an op of another dialect is refused the same way.
// RUN: not rnn-run %s --random-inputs 2>&1 | FileCheck %s --check-prefix=GENERIC
// GENERIC:      rnn-run-input-dialects.mlir:{{[0-9]+}}:{{[0-9]+}}: error: {{.*}}unregistered dialect
// GENERIC:      {{^}}rnn-run: error: cannot parse '{{.*}}rnn-run-input-dialects.mlir'{{$}}
// GENERIC-NOT:  {{.}}

// --allow-linalg (for tests with hand-written tensor code) parses linalg
// again and runs the matmul.
// RUN: rnn-run %S/Inputs/rnn-run-linalg-matmul.mlir --allow-linalg --random-inputs --print | FileCheck %s --check-prefix=ALLOWED
// ALLOWED: result #0: tensor<2x4xf32>

func.func @main() -> tensor<2xf32> {
  %m = "memref.alloc"() : () -> memref<2xf32>
  %e = tensor.empty() : tensor<2xf32>
  return %e : tensor<2xf32>
}
