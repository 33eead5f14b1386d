// RUN: rnn-opt %s --rnn-device-memory --split-input-file | FileCheck %s

// Integer buffers that escape the function stay device allocations; only
// host bookkeeping that provably ends within the function goes on the stack.

// A returned integer result (directly or through a cast) is a real
// allocation, filled by the runtime's device copy.
// CHECK-LABEL: func.func @returned
// CHECK:         %[[A:.+]] = memref.alloc() : memref<4xi64>
// CHECK:         call @rnnrt_cuda_memref_copy_i64
// CHECK:         %[[B:.+]] = memref.alloc() : memref<3xindex>
// CHECK:         %[[CAST:.+]] = memref.cast %[[B]]
// CHECK:         return %[[A]], %[[CAST]]
// CHECK-NOT:     memref.alloca
func.func @returned(%arg0: memref<4xi64>) -> (memref<4xi64>, memref<?xindex>) {
  %a = memref.alloc() : memref<4xi64>
  memref.copy %arg0, %a : memref<4xi64> to memref<4xi64>
  %b = memref.alloc() : memref<3xindex>
  %cast = memref.cast %b : memref<3xindex> to memref<?xindex>
  return %a, %cast : memref<4xi64>, memref<?xindex>
}

// -----

// Yielded out of a region: it may be returned, so it stays an allocation.
// CHECK-LABEL: func.func @yielded
// CHECK:         memref.alloc() : memref<2xi1>
// CHECK-NOT:     memref.alloca
func.func @yielded(%cond: i1, %other: memref<2xi1>) -> memref<2xi1> {
  %r = scf.if %cond -> memref<2xi1> {
    %a = memref.alloc() : memref<2xi1>
    scf.yield %a : memref<2xi1>
  } else {
    scf.yield %other : memref<2xi1>
  }
  return %r : memref<2xi1>
}

// -----

// Passed to a function with a body, which may return it.
// CHECK-LABEL: func.func @passed_to_body
// CHECK:         memref.alloc() : memref<2xi64>
// CHECK-NOT:     memref.alloca
func.func private @identity(%m: memref<2xi64>) -> memref<2xi64> {
  return %m : memref<2xi64>
}
func.func @passed_to_body() -> memref<2xi64> {
  %a = memref.alloc() : memref<2xi64>
  %r = call @identity(%a) : (memref<2xi64>) -> memref<2xi64>
  return %r : memref<2xi64>
}

// -----

// The address table of a runtime call, written and read on the host and
// freed in the function, goes on the stack and its dealloc disappears.
// CHECK-LABEL: func.func @bookkeeping
// CHECK:         %[[T:.+]] = memref.alloca() {alignment = 64 : i64} : memref<2xi64>
// CHECK:         memref.store %{{.+}}, %[[T]]
// CHECK:         %[[CAST:.+]] = memref.cast %[[T]]
// CHECK:         call @rnnrt_table(%[[CAST]])
// CHECK:         memref.load %[[T]]
// CHECK-NOT:     memref.dealloc
func.func private @rnnrt_table(memref<?xi64>)
func.func @bookkeeping(%v: i64) -> i64 {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<2xi64>
  memref.store %v, %a[%c0] : memref<2xi64>
  %cast = memref.cast %a : memref<2xi64> to memref<?xi64>
  call @rnnrt_table(%cast) : (memref<?xi64>) -> ()
  %r = memref.load %a[%c0] : memref<2xi64>
  memref.dealloc %a : memref<2xi64>
  return %r : i64
}

// -----

// The pointer/condition arrays of the lowered deallocation go to a helper
// with a body that returns no buffer: they stay on the stack.
// CHECK-LABEL: func.func @dealloc_helper_arrays
// CHECK:         %[[P:.+]] = memref.alloca() : memref<2xindex>
// CHECK:         %[[C:.+]] = memref.alloca() : memref<2xi1>
// CHECK:         call @helper(%[[P]], %[[C]])
func.func private @helper(%p: memref<2xindex>, %c: memref<2xi1>) {
  return
}
func.func @dealloc_helper_arrays() {
  %p = memref.alloc() : memref<2xindex>
  %c = memref.alloc() : memref<2xi1>
  call @helper(%p, %c) : (memref<2xindex>, memref<2xi1>) -> ()
  memref.dealloc %p : memref<2xindex>
  memref.dealloc %c : memref<2xi1>
  return
}

// -----

// A byte buffer is a training reserve that the GPU runtime writes and reads
// on the device: it stays a device allocation even when it ends within the
// function (an i64 table of the same shape goes on the stack).
// CHECK-LABEL: func.func @reserve
// CHECK:         %[[R:.+]] = memref.alloc(%{{.+}}) : memref<?xi8>
// CHECK:         call @use_bytes(%[[R]])
// CHECK:         memref.dealloc %[[R]]
// CHECK:         memref.alloca(%{{.+}}) : memref<?xi64>
func.func private @use_bytes(memref<?xi8>)
func.func private @use_table(memref<?xi64>)
func.func @reserve(%n: index) {
  %r = memref.alloc(%n) : memref<?xi8>
  call @use_bytes(%r) : (memref<?xi8>) -> ()
  memref.dealloc %r : memref<?xi8>
  %t = memref.alloc(%n) : memref<?xi64>
  call @use_table(%t) : (memref<?xi64>) -> ()
  memref.dealloc %t : memref<?xi64>
  return
}
