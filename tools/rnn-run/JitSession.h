//===- JitSession.h - Parse, lower, JIT and call one function ---*- C++ -*-===//
//
// A JitSession owns everything between an .mlir file and a callable entry
// function: the parsed module, the diagnostics printer, the lowering for one
// backend and the ExecutionEngine holding the JIT-compiled code.
//
//===----------------------------------------------------------------------===//

#ifndef RNN_TOOLS_RNN_RUN_JITSESSION_H
#define RNN_TOOLS_RNN_RUN_JITSESSION_H

#include "Backend.h"
#include "BufferSpace.h"
#include "CallResults.h"
#include "HostTensor.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>

namespace mlir {
class SourceMgrDiagnosticHandler;
} // namespace mlir

namespace mlir::rnn::run {

/// What a JitSession compiles.
struct JitSessionOptions {
  /// The .mlir file to run.
  std::string inputPath;
  /// Name of the func.func to call.
  std::string entry = "main";
  /// A concrete backend (see resolveBackend), never Backend::Auto.
  Backend backend = Backend::CPU;
  /// Options of the cuDNN pipeline (rnn-cudnn-pipeline's math, algo).
  std::string cudnnMath = "strict";
  std::string cudnnAlgo = "auto";
  /// LLVM's optimization level for the IR pipeline and code generation
  /// (0-3). 2 by default: O3's extra unrolling and interleaving makes code
  /// five times larger and compiles seven times slower for no measured gain.
  unsigned optLevel = 2;
  /// Whether the input may also contain linalg ops (tests of rnn-run with
  /// hand-written tensor code); the input language is rnn, func, arith and
  /// tensor.
  bool allowLinalg = false;
  /// Whether diagnostics append the operation they are about (MLIR's
  /// default); rnn-run prints one line per error unless asked.
  bool printOpOnDiagnostic = false;
};

/// Where compile() spent its time, in milliseconds (--timing).
struct CompileTimes {
  /// The backend's pass pipeline (rnn to the LLVM dialect).
  double pipelineMs = 0;
  /// Translation of the LLVM dialect to LLVM IR (and the JIT's setup).
  double translateMs = 0;
  /// LLVM's IR optimization pipeline.
  double optimizeMs = 0;
  /// Machine code generation and linking (the entry's first lookup).
  double codegenMs = 0;
};

/// A parsed, lowered and JIT-compiled module with one entry function.
class JitSession {
public:
  /// Parses and verifies `options.inputPath` and records the entry's
  /// signature; nothing is compiled yet, so that inputs can be checked first.
  /// Diagnostics from the parser and verifier are printed to stderr; the
  /// returned error is the one-line summary.
  static llvm::Expected<std::unique_ptr<JitSession>>
  load(const JitSessionOptions &options);

  /// Lowers the module for the backend and JIT-compiles it. Pass diagnostics
  /// are printed to stderr; the returned error is the one-line summary.
  llvm::Error compile();

  ~JitSession();

  /// The phases of compile() (zero before it ran).
  const CompileTimes &getCompileTimes() const { return compileTimes; }

  /// The entry function's name.
  llvm::StringRef getEntryName() const { return entry; }

  /// The entry's tensor argument types, recorded before lowering.
  llvm::ArrayRef<RankedTensorType> getArgumentTypes() const {
    return argumentTypes;
  }

  /// The names of the entry's arguments: their `rnn.name` attribute, or
  /// "" for those without one.
  llvm::ArrayRef<std::string> getArgumentNames() const { return argumentNames; }

  /// The entry's tensor result types, recorded before lowering.
  llvm::ArrayRef<RankedTensorType> getResultTypes() const {
    return resultTypes;
  }

  /// Where the compiled code's buffers live (after compile()).
  BufferSpace &getBufferSpace() { return *bufferSpace; }

  /// Stages `inputs` (which must match getArgumentTypes(), see
  /// HostTensor::matches) where the compiled code reads them, once: the
  /// result can be passed to any number of call()s. Only after compile().
  llvm::Expected<llvm::SmallVector<StagedInput>>
  stageInputs(llvm::ArrayRef<HostTensor> inputs);

  /// Calls the entry function on staged inputs. Does not wait for the
  /// device: CallResults::copyToHost does (see BufferSpace::finishCall).
  /// A failed run-time check of the compiled code (rnnrt_take_error) is an
  /// error; the call's results are freed.
  llvm::Expected<CallResults> call(llvm::ArrayRef<StagedInput> inputs);

private:
  JitSession() = default;

  llvm::Error parse(const JitSessionOptions &options);
  llvm::Error recordSignature();
  llvm::Error lower();
  llvm::Error createEngine();

  /// Single-threaded, so that a crash in a pass can be recovered (lower()).
  MLIRContext context{MLIRContext::Threading::DISABLED};
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<SourceMgrDiagnosticHandler> diagnosticHandler;
  OwningOpRef<ModuleOp> module;
  std::string entry;
  Backend backend = Backend::CPU;
  std::string cudnnMath;
  std::string cudnnAlgo;
  unsigned optLevel = 2;
  llvm::SmallVector<RankedTensorType> argumentTypes;
  llvm::SmallVector<std::string> argumentNames;
  llvm::SmallVector<RankedTensorType> resultTypes;
  std::unique_ptr<BufferSpace> bufferSpace;
  std::unique_ptr<ExecutionEngine> engine;
  void (*packedEntry)(void **) = nullptr;
  CompileTimes compileTimes;
};

} // namespace mlir::rnn::run

#endif // RNN_TOOLS_RNN_RUN_JITSESSION_H
