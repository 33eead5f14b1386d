//===- rnn-translate.cpp - Models from other frameworks to MLIR -----------===//
//
// rnn-translate --import-onnx MODEL.onnx [-o OUT.mlir]
//
// Writes one func.func @main: the graph's non-initializer inputs as
// arguments, its outputs as results, rnn ops for LSTM/GRU/RNN nodes and
// upstream tensor/linalg ops for the rest. Every failure is one line
// `rnn-translate: error: ...` and exit status 1.
//
//===----------------------------------------------------------------------===//

#include "Cleanup.h"
#include "Importer.h"
#include "ModelFile.h"

#include "rnn/Dialect/RNN/IR/RNNDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<bool> importONNX("import-onnx",
                                cl::desc("Import an ONNX model (.onnx)"));
static cl::opt<std::string> inputPath(cl::Positional, cl::desc("MODEL.onnx"),
                                      cl::init(""));
static cl::opt<std::string> outputPath("o", cl::desc("Output file"),
                                       cl::value_desc("OUT.mlir"),
                                       cl::init("-"));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "rnn-translate: error: " << message << "\n";
  return 1;
}

/// The first linalg op left in `module` (outermost first), to tell the user
/// rnn-run needs --allow-linalg.
static Operation *findLinalgOp(ModuleOp module) {
  Operation *found = nullptr;
  module.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (!isa<linalg::LinalgDialect>(op->getDialect()))
      return WalkResult::advance();
    found = op;
    return WalkResult::interrupt();
  });
  return found;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(
      argc, argv, "rnn-mlir translator: ONNX models to the rnn dialect\n");
  if (!importONNX)
    return fail("nothing to do: give --import-onnx MODEL.onnx");
  if (inputPath.empty())
    return fail("--import-onnx needs a model file");

  DialectRegistry registry;
  registry.insert<rnn::RNNDialect, arith::ArithDialect, func::FuncDialect,
                  linalg::LinalgDialect, tensor::TensorDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diagnostic.empty() && diag.getSeverity() == DiagnosticSeverity::Error)
      diagnostic = diag.str();
    return success();
  });

  llvm::Expected<std::unique_ptr<rnn::onnx_import::ModelFile>> model =
      rnn::onnx_import::readModelFile(inputPath);
  if (!model)
    return fail(inputPath + ": " + llvm::toString(model.takeError()));
  rnn::onnx_import::GraphImporter importer(&context, **model);
  llvm::Expected<OwningOpRef<ModuleOp>> module = importer.import();
  if (!module)
    return fail(inputPath + ": " + llvm::toString(module.takeError()));
  if (failed(verify(**module)))
    return fail(inputPath +
                ": the imported module does not verify: " + diagnostic);
  if (failed(rnn::onnx_import::cleanupImportedModule(**module)))
    return fail(inputPath + ": cleanup failed: " + diagnostic);

  std::string errorMessage;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputPath, &errorMessage);
  if (!output)
    return fail(errorMessage);
  (*module)->print(output->os());
  output->os() << "\n";
  output->keep();
  if (Operation *op = findLinalgOp(**module)) {
    std::string where;
    if (auto name = dyn_cast<NameLoc>(op->getLoc()))
      where = " of node '" + name.getName().str() + "'";
    llvm::errs() << "rnn-translate: note: the module contains linalg ops ("
                 << op->getName() << where
                 << "): run it with rnn-run --allow-linalg\n";
  }
  return 0;
}
