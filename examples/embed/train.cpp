//===- train.cpp - Embedding rnn-mlir: training an LSTM with SGD ----------===//
//
// A program that trains a 2-layer LSTM through the installed rnn-mlir
// package:
//   1. parses a module with two functions: @forward, the training forward
//      (rnn.lstm with is_training = true, which also returns the reserve, an
//      opaque tensor<?xi8>), and @backward, rnn.lstm_grad on that reserve;
//   2. lowers it with the CPU pipeline and JIT-compiles it (as main.cpp);
//   3. checks the gradient once against a central difference of the loss;
//   4. runs 20 steps of plain gradient descent on a toy task, with the loss
//      and its gradient dy = dL/dy computed here in C++ and the parameter
//      update params -= lr * dparams done here too.
//
// The task: x[t, b] is uniform in [-1, 1] (one input feature), and the
// first hidden unit of the last layer, y[t, b, 0], should follow the
// scaled running sum 0.3 * (x[0, b] + ... + x[t, b]). The loss is the mean
// squared error over all steps and sequences.
//
// Prints the gradient check, the loss of every step and one last line
// saying whether the loss decreased monotonically; exits 0 when it did, the
// last loss is below half the first and the gradient check passed, else 1.
//
//===----------------------------------------------------------------------===//

#include "ExampleData.h"

#include "rnn/InitAllRNN.h"
#include "rnn/Pipelines/Pipelines.h"
#include "rnn/Runtime/CPURuntime.h"
#include "rnn/Runtime/RuntimeABI.h"
#include "rnn/Support/ParamsLayout.h"

#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace mlir;

namespace {

/// The shapes: T steps, B sequences, I = 1 input feature, H units, L layers.
constexpr int64_t kSteps = 10, kBatch = 8, kInput = 1, kHidden = 8, kLayers = 2;
/// Elements of the packed params (checked against the library's layout).
constexpr int64_t kParams = 928;
constexpr int kTrainingSteps = 20;
constexpr double kLearningRate = 1.5;

/// The training step as the program's source: the training forward returns
/// the reserve as a fourth result, which the program keeps (it never looks
/// inside) and hands to @backward with dy. dh_n and dc_n are zero: the loss
/// depends on y only. Arguments are read-only (docs/ABI.md), so results
/// never alias the program's buffers.
constexpr const char *kModuleSource = R"mlir(
func.func @forward(%x: tensor<10x8x1xf32> {bufferization.writable = false},
                   %h_0: tensor<2x8x8xf32> {bufferization.writable = false},
                   %c_0: tensor<2x8x8xf32> {bufferization.writable = false},
                   %params: tensor<928xf32> {bufferization.writable = false})
    -> (tensor<10x8x8xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>,
        tensor<?xi8>) attributes {llvm.emit_c_interface} {
  %y, %h_n, %c_n, %reserve = rnn.lstm %x, %h_0, %c_0, %params
      {num_layers = 2, num_units = 8, is_training = true}
      : (tensor<10x8x1xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>,
         tensor<928xf32>)
     -> (tensor<10x8x8xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>,
         tensor<?xi8>)
  return %y, %h_n, %c_n, %reserve
      : tensor<10x8x8xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>, tensor<?xi8>
}

func.func @backward(%x: tensor<10x8x1xf32> {bufferization.writable = false},
                    %h_0: tensor<2x8x8xf32> {bufferization.writable = false},
                    %c_0: tensor<2x8x8xf32> {bufferization.writable = false},
                    %params: tensor<928xf32> {bufferization.writable = false},
                    %y: tensor<10x8x8xf32> {bufferization.writable = false},
                    %reserve: tensor<?xi8> {bufferization.writable = false},
                    %dy: tensor<10x8x8xf32> {bufferization.writable = false})
    -> tensor<928xf32> attributes {llvm.emit_c_interface} {
  %zero = arith.constant dense<0.0> : tensor<2x8x8xf32>
  %dx, %dh_0, %dc_0, %dparams = rnn.lstm_grad %x, %h_0, %c_0, %params, %y,
      %reserve, %dy, %zero, %zero {num_layers = 2, num_units = 8}
      : (tensor<10x8x1xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>,
         tensor<928xf32>, tensor<10x8x8xf32>, tensor<?xi8>,
         tensor<10x8x8xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>)
     -> (tensor<10x8x1xf32>, tensor<2x8x8xf32>, tensor<2x8x8xf32>,
         tensor<928xf32>)
  return %dparams : tensor<928xf32>
}
)mlir";

/// Prints `train example: <message>` to stderr and returns exit status 1.
int fail(const llvm::Twine &message) {
  llvm::errs() << "train example: " << message << "\n";
  return 1;
}

using rnn_example::describe;
using rnn_example::freeResult;
using rnn_example::makeData;

using State = StridedMemRefType<float, 3>;
using Params = StridedMemRefType<float, 1>;
using Reserve = StridedMemRefType<int8_t, 1>;

/// What @forward returns through its C wrapper.
struct ForwardResults {
  State y, hn, cn;
  Reserve reserve;
};
using ForwardEntry = void (*)(ForwardResults *, State *x, State *h0, State *c0,
                              Params *params);
using BackwardEntry = void (*)(Params *dparams, State *x, State *h0, State *c0,
                               Params *params, State *y, Reserve *reserve,
                               State *dy);

/// The compiled functions and the data of the task.
class Trainer {
public:
  Trainer(ForwardEntry forward, BackwardEntry backward)
      : forward(forward), backward(backward),
        x(makeData(kSteps * kBatch * kInput, 1, 1.0f)),
        h0(kLayers * kBatch * kHidden, 0.0f),
        c0(kLayers * kBatch * kHidden, 0.0f), target(kSteps * kBatch) {
    for (int64_t b = 0; b < kBatch; ++b) {
      double sum = 0;
      for (int64_t t = 0; t < kSteps; ++t) {
        sum += x[(t * kBatch + b) * kInput];
        target[t * kBatch + b] = 0.3 * sum;
      }
    }
  }

  /// One training step at `params`: the loss, and dL/dparams in `dparams`
  /// unless it is null. Fails with the runtime's error message.
  llvm::Expected<double> step(std::vector<float> &params,
                              std::vector<float> *dparams) {
    State xDesc = describe<float, 3>(x, {kSteps, kBatch, kInput});
    State h0Desc = describe<float, 3>(h0, {kLayers, kBatch, kHidden});
    State c0Desc = describe<float, 3>(c0, {kLayers, kBatch, kHidden});
    Params paramsDesc = describe<float, 1>(params, {kParams});
    ForwardResults results;
    forward(&results, &xDesc, &h0Desc, &c0Desc, &paramsDesc);
    if (llvm::Error error = takeRuntimeError("@forward"))
      return std::move(error);

    // The loss: mean squared error of y[t, b, 0]; dy = dL/dy is zero for
    // the other units.
    std::vector<float> dy(kSteps * kBatch * kHidden, 0.0f);
    double loss = 0;
    const double scale = 1.0 / (kSteps * kBatch);
    for (int64_t t = 0; t < kSteps; ++t)
      for (int64_t b = 0; b < kBatch; ++b) {
        const State &y = results.y;
        double prediction =
            y.data[y.offset + t * y.strides[0] + b * y.strides[1]];
        double error = prediction - target[t * kBatch + b];
        loss += scale * error * error;
        dy[(t * kBatch + b) * kHidden] = 2 * scale * error;
      }

    llvm::Error error = llvm::Error::success();
    if (dparams) {
      State dyDesc = describe<float, 3>(dy, {kSteps, kBatch, kHidden});
      Params gradient;
      backward(&gradient, &xDesc, &h0Desc, &c0Desc, &paramsDesc, &results.y,
               &results.reserve, &dyDesc);
      error = takeRuntimeError("@backward");
      if (!error) {
        dparams->resize(kParams);
        for (int64_t i = 0; i < kParams; ++i)
          (*dparams)[i] =
              gradient.data[gradient.offset + i * gradient.strides[0]];
        freeResult(gradient.basePtr);
      }
    }
    for (void *allocated :
         {(void *)results.y.basePtr, (void *)results.hn.basePtr,
          (void *)results.cn.basePtr, (void *)results.reserve.basePtr})
      freeResult(allocated);
    if (error)
      return std::move(error);
    return loss;
  }

private:
  /// The run-time check that failed in the last call, if any (a reserve
  /// that does not fit the configuration, for one).
  static llvm::Error takeRuntimeError(llvm::StringRef function) {
    if (!rnnrt_has_error())
      return llvm::Error::success();
    return llvm::createStringError(function + ": " + rnnrt_take_error());
  }

  ForwardEntry forward;
  BackwardEntry backward;
  std::vector<float> x, h0, c0;
  std::vector<double> target;
};

/// Parses the module and lowers it with the CPU pipeline.
OwningOpRef<ModuleOp> parseAndLower(MLIRContext &context) {
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(kModuleSource, &context, "train-step");
  if (!module)
    return nullptr;
  PassManager passManager(&context, ModuleOp::getOperationName(),
                          PassManager::Nesting::Implicit);
  rnn::buildCPUPipeline(passManager, rnn::CPUPipelineOptions());
  if (failed(passManager.run(*module)))
    return nullptr;
  return module;
}

/// JIT-compiles the lowered module with the CPU runtime's symbols and checks
/// its ABI version.
llvm::Expected<std::unique_ptr<ExecutionEngine>> compile(ModuleOp module) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  ExecutionEngineOptions options;
  options.transformer = makeOptimizingTransformer(/*optLevel=*/2,
                                                  /*sizeLevel=*/0,
                                                  /*targetMachine=*/nullptr);
  auto engine = ExecutionEngine::create(module, options);
  if (!engine)
    return engine.takeError();
  rnn_example::registerRuntimeSymbols(**engine);
  llvm::Expected<void *> stamp = (*engine)->lookup(RNNRT_ABI_VERSION_SYMBOL);
  if (!stamp)
    return stamp.takeError();
  if (const char *mismatch =
          rnnrt_check_abi_version(*static_cast<const int64_t *>(*stamp)))
    return llvm::createStringError(mismatch);
  return std::move(*engine);
}

} // namespace

int main() {
  rnnrt::LayerConfig config;
  config.mode = RNNRT_MODE_LSTM;
  config.numLayers = kLayers;
  config.numUnits = kHidden;
  config.inputSize = kInput;
  if (rnnrt::ParamsLayout(config).size() != kParams)
    return fail("the module's params size " + llvm::Twine(kParams) +
                " is not the library's " +
                llvm::Twine(rnnrt::ParamsLayout(config).size()));

  DialectRegistry registry;
  rnn::registerAllRNNDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseAndLower(context);
  if (!module)
    return fail("parsing or lowering the training step failed");
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine = compile(*module);
  if (!engine)
    return fail("JIT compilation failed: " +
                llvm::toString(engine.takeError()));
  llvm::Expected<void *> forward = (*engine)->lookup("_mlir_ciface_forward");
  if (!forward)
    return fail(llvm::toString(forward.takeError()));
  llvm::Expected<void *> backward = (*engine)->lookup("_mlir_ciface_backward");
  if (!backward)
    return fail(llvm::toString(backward.takeError()));
  Trainer trainer(reinterpret_cast<ForwardEntry>(*forward),
                  reinterpret_cast<BackwardEntry>(*backward));

  // PyTorch's initialization range, uniform in [-1/sqrt(H), 1/sqrt(H)].
  std::vector<float> params =
      makeData(kParams, 5, 1.0f / std::sqrt(float(kHidden)));

  // The gradient against a central difference of the loss along a fixed
  // direction v: (L(p + eps v) - L(p - eps v)) / (2 eps) ~ dL/dp . v.
  std::vector<float> gradient;
  llvm::Expected<double> loss = trainer.step(params, &gradient);
  if (!loss)
    return fail(llvm::toString(loss.takeError()));
  std::vector<float> direction = makeData(kParams, 6, 1.0f);
  const float eps = 3e-3f;
  std::vector<float> plus = params, minus = params;
  double analytic = 0;
  for (int64_t i = 0; i < kParams; ++i) {
    plus[i] += eps * direction[i];
    minus[i] -= eps * direction[i];
    analytic += double(gradient[i]) * direction[i];
  }
  llvm::Expected<double> lossPlus = trainer.step(plus, nullptr);
  llvm::Expected<double> lossMinus = trainer.step(minus, nullptr);
  if (!lossPlus || !lossMinus)
    return fail("the gradient check's forward failed");
  double numeric = (*lossPlus - *lossMinus) / (2 * eps);
  double gradientError =
      std::fabs(analytic - numeric) / std::max(std::fabs(numeric), 1e-6);
  llvm::outs() << llvm::format("gradient check: dL/dparams . v = %.6g, "
                               "central difference %.6g, relative error "
                               "%.2g\n",
                               analytic, numeric, gradientError);

  // Gradient descent: params -= lr * dparams.
  std::vector<double> losses;
  for (int step = 1; step <= kTrainingSteps; ++step) {
    loss = trainer.step(params, &gradient);
    if (!loss)
      return fail(llvm::toString(loss.takeError()));
    losses.push_back(*loss);
    llvm::outs() << llvm::format("step %2d loss %.6f\n", step, *loss);
    for (int64_t i = 0; i < kParams; ++i)
      params[i] -= kLearningRate * gradient[i];
  }

  int firstIncrease = 0;
  for (size_t i = 1; i < losses.size() && !firstIncrease; ++i)
    if (!(losses[i] < losses[i - 1]))
      firstIncrease = i + 1;
  double ratio = losses.back() / losses.front();
  bool ok = !firstIncrease && ratio < 0.5 && gradientError < 1e-3;
  if (firstIncrease)
    llvm::outs() << "train example: the loss did not decrease monotonically "
                    "(step "
                 << firstIncrease << ")";
  else
    llvm::outs() << "train example: the loss decreased monotonically";
  llvm::outs() << llvm::format(" over %d steps, %.6f -> %.6f (%.2fx)",
                               kTrainingSteps, losses.front(), losses.back(),
                               ratio)
               << (ok ? "" : " FAILED") << "\n";
  return ok ? 0 : 1;
}
