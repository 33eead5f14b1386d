//===- Passes.td - rnn conversion passes -------------------*- tablegen -*-===//

#ifndef RNN_CONVERSION_PASSES_TD
#define RNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertRNNToLinalg : Pass<"convert-rnn-to-linalg"> {
  let summary = "Lower rnn ops to linalg, tensor, scf, arith and math";
  let description = [{
    Lowers rnn.lstm, rnn.gru, rnn.rnn_tanh, rnn.rnn_relu, their grad ops
    (rnn.lstm_grad, ...), rnn.pack_params and rnn.unpack_params to upstream
    tensor-level dialects. Per layer and direction, the input projection of
    all T steps is one linalg.matmul over [T*B, in] hoisted out of the time
    loop; the time loop (scf.for) does the recurrent matmul and one fused
    linalg.generic for the gate math. A training forward that returns the
    reserve also saves each step's gate values into it; a grad op checks the
    reserve at run time, runs the time loop in reverse (one fused generic
    and one recurrent matmul per step) and computes the weight gradients as
    whole-sequence matmuls after it.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
  let options = [
    Option<"runtimePack", "runtime-pack", "std::string", /*default=*/"\"cpu\"",
           "Run-time pack_params becomes one call of this runtime's fused "
           "pack: cpu (host buffers), cuda (device buffers) or none (one "
           "insert_slice per canonical tensor)">,
  ];
}

def ConvertRNNToCUDNN : Pass<"convert-rnn-to-cudnn", "::mlir::ModuleOp"> {
  let summary = "Lower rnn compute ops to cuDNN runtime calls on device buffers";
  let description = [{
    Each rnn.lstm / rnn.gru / rnn.rnn_tanh / rnn.rnn_relu becomes a call to
    the runtime's rnnrt_cudnn_rnn_forward_<type> on buffers (see
    rnn/Runtime/CUDARuntime.h): operands through bufferization.to_buffer,
    results in fresh allocations wrapped by bufferization.to_tensor. Packed
    params that are compile-time constants are uploaded once per module load
    (rnnrt_cuda_upload_constant_<type>). The configuration, the math mode and
    the cuDNN algorithm are compile-time constants of the call.

    Training forwards call rnnrt_cudnn_rnn_training_forward_<type> (after
    rnnrt_cudnn_rnn_reserve_size_<type> when they return a reserve) and grad
    ops rnnrt_cudnn_rnn_backward_<type>. A GRU with linear_before_reset =
    false, which cuDNN cannot run, is lowered to the cuBLAS fallback with a
    remark (its training and grad ops too), unless fallback=false makes it
    an error. At run time the cuDNN forward entry point itself falls back to
    cuBLAS, with a remark, where cuDNN is not installed or refuses the
    configuration.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
  let options = [
    Option<"math", "math", "std::string", /*default=*/"\"strict\"",
           "f32 math: strict (IEEE FMA) or tf32 (tensor cores); f16 always "
           "uses tensor cores">,
    Option<"algo", "algo", "std::string", /*default=*/"\"auto\"",
           "cuDNN algorithm: auto (chosen from the shapes), standard, "
           "persist-static, persist-static-small-h or persist-dynamic">,
    Option<"fallback", "fallback", "bool", /*default=*/"true",
           "Lower what cuDNN cannot run (a GRU without linear-before-reset) "
           "to the cuBLAS fallback "
           "instead of failing">,
  ];
}

def ConvertRNNToCUBLAS : Pass<"convert-rnn-to-cublas", "::mlir::ModuleOp"> {
  let summary = "Lower rnn compute ops to the cuBLAS fallback's runtime calls";
  let description = [{
    Each recurrent op becomes a call to rnnrt_cublas_rnn_forward_<type> on
    device buffers, exactly as convert-rnn-to-cudnn does (same buffers, same
    constant upload): the runtime runs it as cuBLAS GEMMs plus its own fused
    cell kernels, captured in a CUDA graph. Training forwards (is_training,
    dropout, seed) are supported and use the CPU lowering's dropout mask;
    one that returns a reserve calls rnnrt_cublas_rnn_training_forward_<type>
    (after rnnrt_cublas_rnn_reserve_size_<type>), and a grad op calls
    rnnrt_cublas_rnn_backward_<type> (time-major, without seq_lengths).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
  let options = [
    Option<"math", "math", "std::string", /*default=*/"\"strict\"",
           "f32 math: strict (IEEE FMA) or tf32 (tensor cores); f16 always "
           "uses tensor cores with f32 accumulation">,
  ];
}

def ConvertRNNToOneDNN : Pass<"convert-rnn-to-onednn", "::mlir::ModuleOp"> {
  let summary = "Lower rnn compute ops to oneDNN RNN primitive calls";
  let description = [{
    Each f32 or bf16 inference rnn.lstm / rnn.gru / rnn.rnn_tanh /
    rnn.rnn_relu that oneDNN can run becomes a call to the CPU runtime's
    rnnrt_onednn_rnn_forward_<T> (rnn/Runtime/OneDNNRuntime.h) on host
    buffers: operands through bufferization.to_buffer, results in fresh
    allocations wrapped by bufferization.to_tensor. Whether the packed params
    are a compile-time constant is passed along (the runtime then prepares
    the weights once without fingerprinting them on each call).

    What oneDNN cannot express stays for convert-rnn-to-linalg, with a
    remark saying why: skip_input (oneDNN has no identity input), training
    forwards, element types other than f32 and bf16, and ops with operands or
    attributes this lowering does not know (e.g. sequence lengths).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def RNNCheckDeviceFunction : Pass<"rnn-check-device-function",
                                  "::mlir::ModuleOp"> {
  let summary = "Reject functions whose tensors would be touched on the host";
  let description = [{
    GPU backends keep every tensor of a function in device memory, so only
    rnn ops, constants and ops that merely reshape, slice or forward tensors
    are allowed. Anything that would read tensor elements on the host gets an
    error naming the op.
  }];
}

def RNNDeviceMemory : Pass<"rnn-device-memory", "::mlir::ModuleOp"> {
  let summary = "Make the buffer operations of GPU-compiled code device-safe";
  let description = [{
    In GPU-compiled code memref.alloc becomes a device allocation (generic
    allocation functions), but two kinds of buffer operations must not touch
    device memory from the host:
    - memref.copy, which the LLVM lowering turns into a host memcpy, becomes
      a call to the runtime's rnnrt_cuda_memref_copy_<type> (C interface,
      unranked descriptors), a stream-ordered device-to-device copy;
    - allocations of integer or index elements, the host bookkeeping of the
      ownership-based deallocation (pointer and condition arrays) and the
      address tables of the runtime's fused pack, become stack allocations
      (memref.alloca) and their deallocs disappear. Only buffers that
      provably do not escape move: one that is returned, yielded, passed to
      a function with a body or used in any other way stays a device
      allocation (a returned tensor<4xi64> is a result like any other).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def RNNMatmulToBLAS : Pass<"rnn-matmul-to-blas", "::mlir::ModuleOp"> {
  let summary = "Replace f32/f64 linalg.matmul on memrefs with BLAS calls";
  let description = [{
    After bufferization, rewrites every linalg.matmul on f32 or f64 memrefs
    whose rows are contiguous (unit inner stride) into a call to the runtime's
    rnnrt_cpu_gemm_{f32,f64} (C += A * op(B)), which calls the BLAS linked into
    the runtime. Transposed B (the indexing maps of the RNN lowering) becomes
    BLAS's transB. Other matmuls are left to linalg's own codegen.
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::arith::ArithDialect",
  ];
}

def RNNApproximateMath : Pass<"rnn-approximate-math"> {
  let summary = "Replace tanh/exp/... by vectorizable polynomial approximations";
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::x86vector::X86VectorDialect",
  ];
}

def RNNStampABIVersion : Pass<"rnn-stamp-abi-version", "::mlir::ModuleOp"> {
  let summary = "Export the runtime ABI version the module is compiled for";
  let description = [{
    Adds `llvm.mlir.global external constant @__rnnrt_abi_version(N : i64)`,
    N = RNNRT_ABI_VERSION (rnn/Runtime/RuntimeABI.h), which a loader compares
    with the runtime's `rnnrt_abi_version()` after JIT load. A module that
    carries `rnnrt.abi_version = N : i64` (e.g. one compiled for another
    runtime) is stamped with that N instead; an existing stamp is kept.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def RNNVerifyLowered : Pass<"rnn-verify-lowered", "::mlir::ModuleOp"> {
  let summary = "Fail loudly if anything but the LLVM dialect is left";
  let description = [{
    The contract check at the end of every pipeline: every operation must be
    in the llvm dialect (or builtin.module). Anything else is reported with its
    name and location, and the pass fails.
  }];
}

def RNNReleaseModuleConstants : Pass<"rnn-release-module-constants",
                                     "::mlir::ModuleOp"> {
  let summary = "Free a GPU-compiled module's device constants when it goes";
  let description = [{
    Runs on the llvm dialect at the end of the GPU pipelines. Where the
    module uploads constants (the GPU lowerings' module slot global
    `__rnnrt_module_slot` exists), adds a global destructor that calls
    `rnnrt_cuda_release_module(&__rnnrt_module_slot)`, so the device copies
    the module owns are freed when the module is unloaded (an
    ExecutionEngine destroyed) instead of living for the process.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // RNN_CONVERSION_PASSES_TD
