//===- JitSession.cpp - Parse, lower, JIT and call one function -----------===//
//
// The steps of JitSession::load (parse and verify, record the entry signature)
// and JitSession::compile (lower for the backend, translate to LLVM IR and
// JIT-compile with the host's TargetMachine at --opt-level), each failing with
// a one-line error after MLIR printed its own diagnostics.
//
//===----------------------------------------------------------------------===//

#include "JitSession.h"
#include "MemRefABI.h"

#include "rnn/Dialect/RNN/IR/RNNDialect.h"
#include "rnn/Pipelines/Pipelines.h"
#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/RuntimeABI.h"
#ifdef RNN_RUN_HAVE_CUDA
#include "rnn/Runtime/CUDARuntime.h"
#endif

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <cstdlib>
#include <string>

#include <unistd.h>

using namespace mlir;
using namespace mlir::rnn::run;

JitSession::~JitSession() = default;

/// Milliseconds from `start` to now.
static double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

llvm::Expected<std::unique_ptr<JitSession>>
JitSession::load(const JitSessionOptions &options) {
  std::unique_ptr<JitSession> session(new JitSession());
  if (llvm::Error error = session->parse(options))
    return std::move(error);
  if (llvm::Error error = session->recordSignature())
    return std::move(error);
  return session;
}

llvm::Error JitSession::compile() {
  if (runsOnHost(backend)) {
    bufferSpace = createHostBufferSpace();
  } else {
    llvm::Expected<std::unique_ptr<BufferSpace>> device =
        createDeviceBufferSpace();
    if (!device)
      return device.takeError();
    bufferSpace = std::move(*device);
  }
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error = lower())
    return error;
  compileTimes.pipelineMs = millisecondsSince(start);
  return createEngine();
}

/// Registers the dialects of rnn-run's input language, the only ones the
/// parser accepts: rnn, func, arith and tensor, and linalg with
/// `allowLinalg`. Every other op is an unregistered-operation error, so the
/// parsers of dialects that are not inputs (upstream's linalg named-op parser
/// overflows a heap buffer on `linalg.tanh<3632>` garbage, fuzz/KNOWN.md
/// KNOWN-2) never see hostile input.
static void registerInputDialects(DialectRegistry &registry, bool allowLinalg) {
  registry.insert<mlir::rnn::RNNDialect, arith::ArithDialect, func::FuncDialect,
                  tensor::TensorDialect>();
  if (allowLinalg)
    registry.insert<linalg::LinalgDialect>();
}

/// Makes the dialects and interfaces of the lowering pipelines available and
/// loads them, after the module was parsed: the pipelines and the translation
/// to LLVM IR see the same dialects whatever the input contained.
static void loadLoweringDialects(MLIRContext &context) {
  DialectRegistry registry;
  mlir::rnn::registerPipelineDialects(registry);
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();
}

llvm::Error JitSession::parse(const JitSessionOptions &options) {
  DialectRegistry registry;
  registerInputDialects(registry, options.allowLinalg);
  context.appendDialectRegistry(registry);
  context.printOpOnDiagnostic(options.printOpOnDiagnostic);

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(options.inputPath, &errorMessage);
  if (!file)
    return llvm::createStringError(errorMessage);
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  diagnosticHandler =
      std::make_unique<SourceMgrDiagnosticHandler>(sourceMgr, &context);

  module = parseSourceFile<ModuleOp>(
      sourceMgr, ParserConfig(&context, /*verifyAfterParse=*/false));
  if (!module)
    return llvm::createStringError("cannot parse '" + options.inputPath + "'");
  if (failed(verify(*module)))
    return llvm::createStringError("'" + options.inputPath +
                                   "' does not verify");
  loadLoweringDialects(context);
  entry = options.entry;
  backend = options.backend;
  cudnnMath = options.cudnnMath;
  cudnnAlgo = options.cudnnAlgo;
  optLevel = options.optLevel;
  return llvm::Error::success();
}

/// `@a, @b` for the functions of `module`, for "no such entry" errors.
static std::string listFunctions(ModuleOp module) {
  std::string names;
  for (auto function : module.getOps<func::FuncOp>()) {
    if (function.isExternal())
      continue;
    names += (names.empty() ? "@" : ", @") + function.getSymName().str();
  }
  return names.empty() ? "none" : names;
}

/// The printed form of `type`.
static std::string toString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Checks that `type`, the `what` #`index` of `entry`, is a ranked tensor of
/// a supported element type, and returns it.
static llvm::Expected<RankedTensorType> checkTensorType(Type type,
                                                        llvm::StringRef what,
                                                        unsigned index,
                                                        llvm::StringRef entry) {
  std::string name = (what + " #" + llvm::Twine(index) + " of @" + entry).str();
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return llvm::createStringError(name + " has type " + toString(type) +
                                   "; rnn-run only passes ranked tensors");
  if (tensorType.getEncoding())
    return llvm::createStringError(name + " has type " + toString(type) +
                                   "; tensors with an encoding are not "
                                   "supported");
  llvm::Expected<ElementType> elementType =
      getElementTypeFor(tensorType.getElementType());
  if (!elementType)
    return llvm::createStringError(name + ": " +
                                   llvm::toString(elementType.takeError()));
  return tensorType;
}

llvm::Error JitSession::recordSignature() {
  Operation *symbol = module->lookupSymbol(entry);
  if (!symbol)
    return llvm::createStringError(
        "no function @" + entry +
        " in the module (functions: " + listFunctions(*module) + ")");
  auto function = dyn_cast<func::FuncOp>(symbol);
  if (!function)
    return llvm::createStringError("@" + entry + " is a '" +
                                   symbol->getName().getStringRef() +
                                   "', not a func.func");
  if (function.isExternal())
    return llvm::createStringError("@" + entry +
                                   " is only declared, it has no body");

  for (auto [index, type] : llvm::enumerate(function.getArgumentTypes())) {
    llvm::Expected<RankedTensorType> tensorType =
        checkTensorType(type, "argument", index, entry);
    if (!tensorType)
      return tensorType.takeError();
    argumentTypes.push_back(*tensorType);
    auto name = function.getArgAttrOfType<StringAttr>(index, "rnn.name");
    argumentNames.push_back(name ? name.getValue().str() : "");
  }
  for (auto [index, type] : llvm::enumerate(function.getResultTypes())) {
    llvm::Expected<RankedTensorType> tensorType =
        checkTensorType(type, "result", index, entry);
    if (!tensorType)
      return tensorType.takeError();
    resultTypes.push_back(*tensorType);
  }

  // Inputs are read-only: bufferization copies instead of writing into them,
  // so repeated calls (--benchmark) see the same inputs.
  for (unsigned index = 0; index < function.getNumArguments(); ++index)
    function.setArgAttr(index,
                        bufferization::BufferizationDialect::kWritableAttrName,
                        BoolAttr::get(&context, false));
  return llvm::Error::success();
}

llvm::Error JitSession::lower() {
  // Implicit nesting, as in rnn-opt (MlirOptMain): the pipeline may add
  // function passes at the top level.
  PassManager passManager(&context, ModuleOp::getOperationName(),
                          PassManager::Nesting::Implicit);
  if (backend == Backend::CuDNN) {
    mlir::rnn::CUDNNPipelineOptions cudnnOptions;
    cudnnOptions.math = cudnnMath;
    cudnnOptions.algo = cudnnAlgo;
    mlir::rnn::buildCUDNNPipeline(passManager, cudnnOptions);
  } else if (backend == Backend::CuBLAS) {
    mlir::rnn::CUBLASPipelineOptions cublasOptions;
    cublasOptions.math = cudnnMath;
    mlir::rnn::buildCUBLASPipeline(passManager, cublasOptions);
  } else if (backend == Backend::OneDNN) {
    mlir::rnn::buildOneDNNPipeline(passManager,
                                   mlir::rnn::CPUPipelineOptions());
  } else {
    mlir::rnn::buildCPUPipeline(passManager, mlir::rnn::CPUPipelineOptions());
  }

  // A pass that crashes (a compiler bug) becomes an error line, not a signal:
  // the passes run on this thread (the context is single-threaded), inside a
  // crash recovery context.
  llvm::CrashRecoveryContext::Enable();
  LogicalResult result = failure();
  llvm::CrashRecoveryContext recoveryContext;
  bool survived =
      recoveryContext.RunSafely([&] { result = passManager.run(*module); });
  llvm::CrashRecoveryContext::Disable();
  if (!survived)
    return llvm::createStringError(
        "a pass crashed while lowering for the '" + getBackendName(backend) +
        "' backend (a compiler bug; rnn-opt reproduces it with the same "
        "pipeline)");
  if (failed(result))
    return llvm::createStringError(
        "lowering for the '" + getBackendName(backend) + "' backend failed");

  llvm::SmallVector<int64_t> argumentRanks, resultRanks;
  for (RankedTensorType type : argumentTypes)
    argumentRanks.push_back(type.getRank());
  for (RankedTensorType type : resultTypes)
    resultRanks.push_back(type.getRank());
  return verifyLoweredSignature(*module, entry, argumentRanks, resultRanks);
}

/// Ends the process when lowered code cannot get the memory it asks for:
/// compiled code does not check what malloc returns, so continuing would
/// crash on a null pointer. Nothing has been written yet (outputs are written
/// after the call), so one error line and status 1 is a clean exit.
[[noreturn]] static void exitOutOfMemory(size_t bytes) {
  llvm::outs().flush();
  std::string message = "rnn-run: error: out of memory: the compiled "
                        "function could not allocate " +
                        std::to_string(bytes) + " bytes\n";
  (void)!::write(STDERR_FILENO, message.data(), message.size());
  std::_Exit(1);
}

/// Whether lowered code may ask the allocator for `bytes`: not beyond the
/// machine's memory and swap, read once (allocations are on the hot path of
/// compiled code, a sysinfo call each would not be).
static bool fitsHostMemory(size_t bytes) {
  static const uint64_t limit = getHostMemoryLimit();
  return bytes <= limit;
}

/// malloc for lowered code: never returns null for a non-zero size. Sizes
/// beyond the machine's memory are refused without asking malloc.
static void *checkedMalloc(size_t bytes) {
  void *pointer = fitsHostMemory(bytes) ? rnnrt_cpu_malloc(bytes) : nullptr;
  if (!pointer && bytes)
    exitOutOfMemory(bytes);
  return pointer;
}

/// aligned_alloc for lowered code: never returns null for a non-zero size.
static void *checkedAlignedAlloc(size_t alignment, size_t bytes) {
  void *pointer = fitsHostMemory(bytes)
                      ? rnnrt_cpu_aligned_alloc(alignment, bytes)
                      : nullptr;
  if (!pointer && bytes)
    exitOutOfMemory(bytes);
  return pointer;
}

/// Hands the C symbols of the backend's runtime that lowered code calls
/// (BLAS wrappers and memrefCopy on the CPU; cuDNN calls and device
/// allocation on the GPU) to the JIT.
static void registerRuntimeSymbols(ExecutionEngine &engine, Backend backend) {
  engine.registerSymbols([backend](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbolMap;
    size_t count = 0;
    const rnnrt_symbol *symbols = rnnrt_cpu_symbols(&count);
#ifdef RNN_RUN_HAVE_CUDA
    if (!runsOnHost(backend))
      symbols = rnnrt_cuda_symbols(&count);
#else
    (void)backend;
#endif
    auto add = [&](const rnnrt_symbol *table, size_t size) {
      for (size_t i = 0; i < size; ++i)
        symbolMap[interner(table[i].name)] = {
            llvm::orc::ExecutorAddr::fromPtr(table[i].address),
            llvm::JITSymbolFlags::Exported};
    };
    add(symbols, count);
    // Host allocations of lowered code (memref.alloc/dealloc), through the
    // CPU runtime's cache of large blocks (no system calls per call); results
    // are freed with rnnrt_cpu_free too (HostBufferSpace).
    symbolMap[interner("malloc")] = {
        llvm::orc::ExecutorAddr::fromPtr(&checkedMalloc),
        llvm::JITSymbolFlags::Exported};
    symbolMap[interner("aligned_alloc")] = {
        llvm::orc::ExecutorAddr::fromPtr(&checkedAlignedAlloc),
        llvm::JITSymbolFlags::Exported};
    symbolMap[interner("free")] = {
        llvm::orc::ExecutorAddr::fromPtr(&rnnrt_cpu_free),
        llvm::JITSymbolFlags::Exported};
    return symbolMap;
  });
}

/// Fails unless the loaded code was compiled for the linked runtime's ABI
/// (its exported __rnnrt_abi_version, rnn/Runtime/RuntimeABI.h).
static llvm::Error checkABIVersion(ExecutionEngine &engine) {
  llvm::Expected<void *> stamp = engine.lookup(RNNRT_ABI_VERSION_SYMBOL);
  if (!stamp) {
    llvm::consumeError(stamp.takeError());
    return llvm::createStringError(
        "the compiled code has no " RNNRT_ABI_VERSION_SYMBOL
        " (not compiled by an rnn-mlir pipeline)");
  }
  if (const char *mismatch =
          rnnrt_check_abi_version(*static_cast<const int64_t *>(*stamp)))
    return llvm::createStringError(mismatch);
  return llvm::Error::success();
}

llvm::Error JitSession::createEngine() {
  auto createStart = std::chrono::steady_clock::now();
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  // The host's CPU name and features, so the code uses AVX-512 where the
  // machine has it.
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> machineBuilder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return machineBuilder.takeError();
  const llvm::CodeGenOptLevel codeGenLevel =
      llvm::CodeGenOpt::getLevel(optLevel).value_or(
          llvm::CodeGenOptLevel::Default);
  machineBuilder->setCodeGenOptLevel(codeGenLevel);
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> targetMachine =
      machineBuilder->createTargetMachine();
  if (!targetMachine)
    return targetMachine.takeError();

  // The transformer runs inside ExecutionEngine::create, while the engine
  // owns the TargetMachine.
  auto optimize = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0,
                                            targetMachine->get());
  auto timedOptimize = [&](llvm::Module *llvmModule) {
    auto optimizeStart = std::chrono::steady_clock::now();
    llvm::Error error = optimize(llvmModule);
    compileTimes.optimizeMs = millisecondsSince(optimizeStart);
    return error;
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = timedOptimize;
  engineOptions.jitCodeGenOptLevel = codeGenLevel;
  engineOptions.enableObjectDump = false;
  llvm::Expected<std::unique_ptr<ExecutionEngine>> createdEngine =
      ExecutionEngine::create(*module, engineOptions,
                              std::move(*targetMachine));
  compileTimes.translateMs =
      millisecondsSince(createStart) - compileTimes.optimizeMs;
  if (!createdEngine)
    return llvm::createStringError("JIT compilation failed: " +
                                   llvm::toString(createdEngine.takeError()));
  engine = std::move(*createdEngine);
  registerRuntimeSymbols(*engine, backend);

  // Look the wrapper up once: this links the code (a missing runtime symbol
  // fails here) and keeps the lookup out of timed calls.
  auto lookupStart = std::chrono::steady_clock::now();
  llvm::Expected<void (*)(void **)> function = engine->lookupPacked(entry);
  compileTimes.codegenMs = millisecondsSince(lookupStart);
  if (!function)
    return llvm::createStringError("JIT linking failed: " +
                                   llvm::toString(function.takeError()));
  packedEntry = *function;
  return checkABIVersion(*engine);
}

llvm::Expected<llvm::SmallVector<StagedInput>>
JitSession::stageInputs(llvm::ArrayRef<HostTensor> inputs) {
  llvm::SmallVector<StagedInput> staged;
  for (const HostTensor &input : inputs) {
    llvm::Expected<void *> buffer = bufferSpace->stage(input);
    if (!buffer)
      return buffer.takeError();
    staged.push_back({*buffer, llvm::SmallVector<int64_t>(input.getShape()),
                      input.getNumBytes()});
  }
  return staged;
}

llvm::Expected<CallResults>
JitSession::call(llvm::ArrayRef<StagedInput> inputs) {
  llvm::SmallVector<int64_t> resultRanks;
  for (RankedTensorType type : resultTypes)
    resultRanks.push_back(type.getRank());
  PackedCall packedCall(resultRanks);
  for (const StagedInput &input : inputs)
    packedCall.addArgument(input.data, input.shape);
  packedEntry(packedCall.getPackedArguments().data());
  CallResults results(std::move(packedCall), resultTypes, inputs, *bufferSpace);
  if (rnnrt_has_error())
    return llvm::createStringError(rnnrt_take_error());
  return results;
}
