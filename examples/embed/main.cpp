//===- main.cpp - Embedding rnn-mlir: build, lower, JIT, check ------------===//
//
// A program that uses the installed rnn-mlir package as a library:
//   1. builds a module with C++ builders: func.func @lstm around a 2-layer
//      rnn.lstm, with llvm.emit_c_interface so it gets a C-callable wrapper;
//   2. lowers it with the CPU pipeline (mlir::rnn::buildCPUPipeline);
//   3. JIT-compiles it with mlir::ExecutionEngine, handing it the CPU
//      runtime's symbols (rnnrt_cpu_symbols), and checks that the code was
//      compiled for the runtime's ABI (rnnrt_check_abi_version);
//   4. calls it on fixed pseudo-random inputs and compares the results with a
//      plain double-precision LSTM written here from the contract's semantics.
//
// Prints "embed example: max relative error X (ok)" and exits 0, or exits 1.
//
//===----------------------------------------------------------------------===//

#include "ExampleData.h"

#include "rnn/Dialect/RNN/IR/RNNOps.h"
#include "rnn/InitAllRNN.h"
#include "rnn/Pipelines/Pipelines.h"
#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/RuntimeABI.h"
#include "rnn/Support/ParamsLayout.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace mlir;

namespace {

using rnn_example::describe;
using rnn_example::freeResult;
using rnn_example::makeData;

/// The shapes of the example: a 2-layer unidirectional LSTM.
constexpr int64_t kSteps = 7, kBatch = 3, kInput = 5, kHidden = 4, kLayers = 2,
                  kGates = 4;

/// The packed params size from the library's layout code.
int64_t packedSize() {
  rnnrt::LayerConfig config;
  config.mode = RNNRT_MODE_LSTM;
  config.numLayers = kLayers;
  config.numUnits = kHidden;
  config.inputSize = kInput;
  return rnnrt::ParamsLayout(config).size();
}

/// Step 1: func.func @lstm(x, h0, c0, params) -> (y, h_n, c_n).
OwningOpRef<ModuleOp> buildModule(MLIRContext &context) {
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());

  Type f32 = builder.getF32Type();
  auto inputType = RankedTensorType::get({kSteps, kBatch, kInput}, f32);
  auto stateType = RankedTensorType::get({kLayers, kBatch, kHidden}, f32);
  auto paramsType = RankedTensorType::get({packedSize()}, f32);
  auto outputType = RankedTensorType::get({kSteps, kBatch, kHidden}, f32);
  FunctionType functionType =
      builder.getFunctionType({inputType, stateType, stateType, paramsType},
                              {outputType, stateType, stateType});

  auto function = func::FuncOp::create(builder, loc, "lstm", functionType);
  // A `_mlir_ciface_lstm` wrapper taking memref descriptors by pointer.
  function->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    builder.getUnitAttr());
  // Read-only inputs (docs/ABI.md): results never alias them.
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    function.setArgAttr(i,
                        bufferization::BufferizationDialect::kWritableAttrName,
                        builder.getBoolAttr(false));

  Block *body = function.addEntryBlock();
  builder.setInsertionPointToStart(body);
  auto lstm = rnn::LSTMOp::create(
      builder, loc, outputType, stateType, stateType, /*reserve=*/Type(),
      body->getArgument(0), body->getArgument(1), body->getArgument(2),
      body->getArgument(3), /*seq_lengths=*/Value(),
      /*num_layers=*/kLayers, /*num_units=*/kHidden,
      rnn::Direction::unidirectional, rnn::InputMode::linear_input,
      /*num_proj=*/IntegerAttr(), /*dropout=*/llvm::APFloat(0.0f));
  func::ReturnOp::create(builder, loc, lstm->getResults());
  return module;
}

/// Step 2: tensor-level rnn to the LLVM dialect.
LogicalResult lower(ModuleOp module) {
  // Implicit nesting, as in rnn-opt: the pipeline adds function passes at
  // the top level.
  PassManager passManager(module->getContext(), ModuleOp::getOperationName(),
                          PassManager::Nesting::Implicit);
  rnn::buildCPUPipeline(passManager, rnn::CPUPipelineOptions());
  return passManager.run(module);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Step 4's reference: a stacked LSTM in double precision, straight from the
/// contract (gates i, f, g, o; c' = f*c + i*g; h' = o*tanh(c')), reading the
/// packed params as "all matrices, then all biases" in canonical order.
void referenceLSTM(const std::vector<float> &x, const std::vector<float> &h0,
                   const std::vector<float> &c0,
                   const std::vector<float> &params, std::vector<double> &y,
                   std::vector<double> &hn, std::vector<double> &cn) {
  // Offsets of W_k/R_k (k = 0..3 input, 4..7 recurrent) and their biases.
  int64_t matrixOffset[kLayers][2 * kGates], biasOffset[kLayers][2 * kGates];
  int64_t offset = 0;
  for (int64_t l = 0; l < kLayers; ++l)
    for (int64_t k = 0; k < 2 * kGates; ++k) {
      matrixOffset[l][k] = offset;
      int64_t cols = k < kGates ? (l == 0 ? kInput : kHidden) : kHidden;
      offset += kHidden * cols;
    }
  for (int64_t l = 0; l < kLayers; ++l)
    for (int64_t k = 0; k < 2 * kGates; ++k) {
      biasOffset[l][k] = offset;
      offset += kHidden;
    }
  if (offset != static_cast<int64_t>(params.size())) {
    llvm::errs() << "embed example: reference layout has " << offset
                 << " elements, the library's " << params.size() << "\n";
    std::exit(1);
  }

  std::vector<double> layerInput(x.begin(), x.end());
  int64_t inputSize = kInput;
  hn.assign(kLayers * kBatch * kHidden, 0.0);
  cn.assign(kLayers * kBatch * kHidden, 0.0);
  for (int64_t l = 0; l < kLayers; ++l) {
    std::vector<double> h(h0.begin() + l * kBatch * kHidden,
                          h0.begin() + (l + 1) * kBatch * kHidden);
    std::vector<double> c(c0.begin() + l * kBatch * kHidden,
                          c0.begin() + (l + 1) * kBatch * kHidden);
    std::vector<double> output(kSteps * kBatch * kHidden);
    for (int64_t t = 0; t < kSteps; ++t) {
      std::vector<double> nextH(kBatch * kHidden), nextC(kBatch * kHidden);
      for (int64_t b = 0; b < kBatch; ++b) {
        const double *in = &layerInput[(t * kBatch + b) * inputSize];
        const double *hb = &h[b * kHidden];
        for (int64_t j = 0; j < kHidden; ++j) {
          double gate[kGates];
          for (int64_t k = 0; k < kGates; ++k) {
            double sum = params[biasOffset[l][k] + j] +
                         params[biasOffset[l][kGates + k] + j];
            const float *w = &params[matrixOffset[l][k] + j * inputSize];
            for (int64_t i = 0; i < inputSize; ++i)
              sum += w[i] * in[i];
            const float *r = &params[matrixOffset[l][kGates + k] + j * kHidden];
            for (int64_t m = 0; m < kHidden; ++m)
              sum += r[m] * hb[m];
            gate[k] = sum;
          }
          double i = sigmoid(gate[0]), f = sigmoid(gate[1]),
                 g = std::tanh(gate[2]), o = sigmoid(gate[3]);
          double cell = f * c[b * kHidden + j] + i * g;
          nextC[b * kHidden + j] = cell;
          nextH[b * kHidden + j] = o * std::tanh(cell);
        }
      }
      h = nextH;
      c = nextC;
      std::copy(h.begin(), h.end(), output.begin() + t * kBatch * kHidden);
    }
    std::copy(h.begin(), h.end(), hn.begin() + l * kBatch * kHidden);
    std::copy(c.begin(), c.end(), cn.begin() + l * kBatch * kHidden);
    layerInput = std::move(output);
    inputSize = kHidden;
  }
  y = std::move(layerInput);
}

/// The results of @lstm as the C wrapper returns them: a struct of three
/// rank-3 descriptors.
struct LSTMResults {
  StridedMemRefType<float, 3> y, hn, cn;
};
using LSTMEntry = void (*)(LSTMResults *, StridedMemRefType<float, 3> *,
                           StridedMemRefType<float, 3> *,
                           StridedMemRefType<float, 3> *,
                           StridedMemRefType<float, 1> *);

/// Largest |got - want| / max(|want|, 1e-3) over a row-major result.
double maxRelativeError(const StridedMemRefType<float, 3> &got,
                        const std::vector<double> &want) {
  double worst = 0.0;
  int64_t index = 0;
  for (int64_t i = 0; i < got.sizes[0]; ++i)
    for (int64_t j = 0; j < got.sizes[1]; ++j)
      for (int64_t k = 0; k < got.sizes[2]; ++k, ++index) {
        double value = got.data[got.offset + i * got.strides[0] +
                                j * got.strides[1] + k * got.strides[2]];
        double error = std::fabs(value - want[index]) /
                       std::max(std::fabs(want[index]), 1e-3);
        worst = std::max(worst, std::isnan(error) ? INFINITY : error);
      }
  return worst;
}

} // namespace

int main(int argc, char **argv) {
  bool printIR = argc > 1 && std::strcmp(argv[1], "--print-ir") == 0;

  // One call registers the rnn dialect and what its lowering needs.
  DialectRegistry registry;
  rnn::registerAllRNNDialects(registry);
  MLIRContext context(registry);
  context.loadDialect<bufferization::BufferizationDialect, func::FuncDialect,
                      rnn::RNNDialect>();

  OwningOpRef<ModuleOp> module = buildModule(context);
  if (failed(verify(*module))) {
    llvm::errs() << "embed example: the built module does not verify\n";
    return 1;
  }
  if (printIR)
    module->print(llvm::outs());
  if (failed(lower(*module))) {
    llvm::errs() << "embed example: the CPU pipeline failed\n";
    return 1;
  }

  // Step 3: JIT with the host's target; lowered code calls the CPU runtime.
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  ExecutionEngineOptions options;
  options.transformer = makeOptimizingTransformer(/*optLevel=*/2,
                                                  /*sizeLevel=*/0,
                                                  /*targetMachine=*/nullptr);
  auto engine = ExecutionEngine::create(*module, options);
  if (!engine) {
    llvm::errs() << "embed example: JIT compilation failed: "
                 << llvm::toString(engine.takeError()) << "\n";
    return 1;
  }
  rnn_example::registerRuntimeSymbols(**engine);
  llvm::Expected<void *> address = (*engine)->lookup("_mlir_ciface_lstm");
  if (!address) {
    llvm::errs() << "embed example: JIT linking failed: "
                 << llvm::toString(address.takeError()) << "\n";
    return 1;
  }
  auto entry = reinterpret_cast<LSTMEntry>(*address);
  // The pipeline stamped the module with the ABI it compiled for; the
  // runtime linked here must have the same (rnn/Runtime/RuntimeABI.h).
  llvm::Expected<void *> stamp = (*engine)->lookup(RNNRT_ABI_VERSION_SYMBOL);
  if (!stamp) {
    llvm::errs() << "embed example: no ABI version: "
                 << llvm::toString(stamp.takeError()) << "\n";
    return 1;
  }
  if (const char *mismatch =
          rnnrt_check_abi_version(*static_cast<const int64_t *>(*stamp))) {
    llvm::errs() << "embed example: " << mismatch << "\n";
    return 1;
  }

  // Step 4: call on fixed inputs and compare with the reference.
  std::vector<float> x = makeData(kSteps * kBatch * kInput, 1, 1.0f);
  std::vector<float> h0 = makeData(kLayers * kBatch * kHidden, 2, 0.5f);
  std::vector<float> c0 = makeData(kLayers * kBatch * kHidden, 3, 0.5f);
  std::vector<float> params = makeData(packedSize(), 4, 0.4f);
  auto xDesc = describe<float, 3>(x, {kSteps, kBatch, kInput});
  auto h0Desc = describe<float, 3>(h0, {kLayers, kBatch, kHidden});
  auto c0Desc = describe<float, 3>(c0, {kLayers, kBatch, kHidden});
  auto paramsDesc = describe<float, 1>(params, {packedSize()});
  LSTMResults results;
  entry(&results, &xDesc, &h0Desc, &c0Desc, &paramsDesc);

  std::vector<double> y, hn, cn;
  referenceLSTM(x, h0, c0, params, y, hn, cn);
  double error = std::max({maxRelativeError(results.y, y),
                           maxRelativeError(results.hn, hn),
                           maxRelativeError(results.cn, cn)});

  // The caller owns the result buffers (docs/ABI.md): free each once, except
  // constant globals (0xdeadbeef).
  std::vector<void *> freed;
  for (void *allocated : {static_cast<void *>(results.y.basePtr),
                          static_cast<void *>(results.hn.basePtr),
                          static_cast<void *>(results.cn.basePtr)}) {
    if (std::find(freed.begin(), freed.end(), allocated) != freed.end())
      continue;
    freed.push_back(allocated);
    freeResult(allocated);
  }

  constexpr double kTolerance = 1e-4;
  bool ok = error <= kTolerance;
  llvm::outs() << "embed example: max relative error "
               << llvm::format("%.3g", error)
               << (ok ? " (ok)" : " (MISMATCH, tolerance 1e-4)") << "\n";
  return ok ? 0 : 1;
}
