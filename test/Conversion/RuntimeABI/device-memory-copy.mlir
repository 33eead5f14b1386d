// RUN: rnn-opt %s --rnn-device-memory -split-input-file -verify-diagnostics | FileCheck %s

// Device copies are calls of the table's rnnrt_cuda_memref_copy_<type>, for
// every element type the GPU runtime registers (integers and bf16 too).

// CHECK-DAG: func.func private @rnnrt_cuda_memref_copy_bf16(i64, memref<*xbf16>, memref<*xbf16>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @rnnrt_cuda_memref_copy_i8(i64, memref<*xi8>, memref<*xi8>) attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @copies
// CHECK:         %[[TWO:.+]] = arith.constant 2 : i64
// CHECK:         call @rnnrt_cuda_memref_copy_bf16(%[[TWO]], %{{.+}}, %{{.+}})
// CHECK:         %[[ONE:.+]] = arith.constant 1 : i64
// CHECK:         call @rnnrt_cuda_memref_copy_i8(%[[ONE]], %{{.+}}, %{{.+}})
func.func @copies(%a: memref<4xbf16>, %b: memref<4xbf16>, %c: memref<4xi8>,
                  %d: memref<4xi8>) {
  memref.copy %a, %b : memref<4xbf16> to memref<4xbf16>
  memref.copy %c, %d : memref<4xi8> to memref<4xi8>
  return
}

// -----

// An element type the runtime does not list is the pass's error, not a JIT
// link failure.
func.func @unlisted(%a: memref<4xi4>, %b: memref<4xi4>) {
  // expected-error @+1 {{'memref.copy' op needs the runtime function rnnrt_cuda_memref_copy for element type 'i4', which no rnn runtime provides (it exists for f16, bf16, f32, f64, i1, i8, i16, i32, i64)}}
  memref.copy %a, %b : memref<4xi4> to memref<4xi4>
  return
}
