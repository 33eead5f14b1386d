//===- rnn-fuzz.cpp - libFuzzer targets for the rnn-opt entry points ------===//
//
// One libFuzzer binary with five targets; the target is picked by the name
// the binary is started under (rnn-fuzz-<target>, the build creates one
// symlink per target) or by RNN_FUZZ_TARGET=<target>:
//
//   parse         parse + verify the module
//   canonicalize  parse + verify, then canonicalize and cse
//   cpu           parse + verify, then buildCPUPipeline (lowering only)
//   cudnn         parse + verify, then buildCUDNNPipeline (lowering only;
//                 it needs no GPU)
//   cublas        parse + verify, then buildCUBLASPipeline (lowering only)
//
// Every input is MLIR text. Diagnostics are captured, never printed; a parse,
// verifier or pass failure is an ordinary outcome. Only crashes, assertion
// failures and sanitizer reports are findings. Every input gets a fresh
// MLIRContext so that a finding reproduces from its input alone.
//
//===----------------------------------------------------------------------===//

#include "rnn/InitAllRNN.h"
#include "rnn/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>

using namespace mlir;

namespace {
enum class Target { Parse, Canonicalize, CPU, CUDNN, CUBLAS };
} // namespace

static Target target = Target::Parse;

/// The registry every input's context starts from: the dialects, interface
/// models and translations rnn-opt registers.
static DialectRegistry &getRegistry() {
  static DialectRegistry *registry = [] {
    auto *result = new DialectRegistry();
    rnn::registerAllRNN(*result);
    return result;
  }();
  return *registry;
}

/// The target named by `name` (`parse`, `rnn-fuzz-parse`, ...), if any.
static bool parseTargetName(llvm::StringRef name, Target &result) {
  name.consume_front("rnn-fuzz-");
  if (name == "parse")
    result = Target::Parse;
  else if (name == "canonicalize")
    result = Target::Canonicalize;
  else if (name == "cpu")
    result = Target::CPU;
  else if (name == "cudnn")
    result = Target::CUDNN;
  else if (name == "cublas")
    result = Target::CUBLAS;
  else
    return false;
  return true;
}

/// ASan defaults of the fuzz targets (ASAN_OPTIONS adds to them). LLVM's
/// headers poison and unpoison BumpPtrAllocator slabs in ASan builds; the
/// prebuilt LLVM/MLIR archives were built without ASan and share that inline
/// code, so user poisoning gives false use-after-poison reports.
/// allocator_may_return_null: a huge allocation is an OOM, not a crash.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0:allocator_may_return_null=1";
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  llvm::StringRef name;
  if (const char *env = std::getenv("RNN_FUZZ_TARGET"))
    name = env;
  else if (*argc > 0)
    name = llvm::sys::path::filename((*argv)[0]);
  if (!parseTargetName(name, target)) {
    llvm::errs() << "rnn-fuzz: unknown target '" << name
                 << "'; start the binary as rnn-fuzz-{parse,canonicalize,cpu,"
                    "cudnn,cublas} or set RNN_FUZZ_TARGET to one of those\n";
    std::exit(2);
  }
  (void)getRegistry();
  return 0;
}

/// Runs the target's passes on `module`; failure is an ordinary outcome.
/// `variant` (a hash of the input) picks the pipeline options, so that every
/// option combination is fuzzed and a finding still reproduces from its
/// input alone.
static void runPasses(MLIRContext &context, ModuleOp module, uint64_t variant) {
  PassManager pm(&context);
  switch (target) {
  case Target::Parse:
    return;
  case Target::Canonicalize:
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
    break;
  case Target::CPU: {
    rnn::CPUPipelineOptions options;
    options.useBlas = variant & 1;
    options.approximateMath = variant & 2;
    rnn::buildCPUPipeline(pm, options);
    break;
  }
  case Target::CUDNN: {
    static const char *const algos[] = {"auto", "standard", "persist-static",
                                        "persist-static-small-h",
                                        "persist-dynamic"};
    rnn::CUDNNPipelineOptions options;
    options.math = variant & 1 ? "tf32" : "strict";
    options.algo = algos[(variant >> 1) % std::size(algos)];
    options.fallback = (variant >> 4) & 1;
    rnn::buildCUDNNPipeline(pm, options);
    break;
  }
  case Target::CUBLAS: {
    rnn::CUBLASPipelineOptions options;
    options.math = variant & 1 ? "tf32" : "strict";
    rnn::buildCUBLASPipeline(pm, options);
    break;
  }
  }
  (void)pm.run(module);
}

/// Whether `text` has a pattern that crashes upstream MLIR 22 before any of
/// our code runs (fuzz/KNOWN.md); such inputs are skipped, not reported.
///
/// KNOWN-1: the custom syntax of linalg.reduce/broadcast (`dimensions = [..]`)
/// and linalg.transpose (`permutation = [..]`) stores the result of
/// DenseI64ArrayAttr::parse without a null check, so anything but a plain
/// integer list crashes the parser (llvm/llvm-project#132747). Accepted here:
/// `= array<...>` (the generic form, parsed safely) and `= [ints]`.
static bool hasBadDimensionList(llvm::StringRef text) {
  for (llvm::StringRef keyword : {"dimensions", "permutation"}) {
    for (size_t at = text.find(keyword); at != llvm::StringRef::npos;
         at = text.find(keyword, at + 1)) {
      llvm::StringRef rest = text.drop_front(at + keyword.size()).ltrim();
      if (!rest.consume_front("="))
        continue;
      rest = rest.ltrim();
      if (rest.starts_with("array<"))
        continue;
      if (!rest.consume_front("["))
        return true;
      size_t end = rest.find(']');
      if (end == llvm::StringRef::npos)
        return true;
      llvm::StringRef list = rest.take_front(end);
      llvm::SmallVector<llvm::StringRef> items;
      list.split(items, ',');
      if (list.trim().empty())
        continue;
      for (llvm::StringRef item : items) {
        item = item.trim();
        item.consume_front("-");
        if (item.empty() || !llvm::all_of(item, llvm::isDigit))
          return true;
      }
    }
  }
  return false;
}

/// KNOWN-2: the custom syntax of linalg's structured ops
/// (parseCommonStructuredOpParts, used by every named op such as linalg.tanh
/// or linalg.matmul) parses `<attr>` after the op name as the op's properties
/// and casts it to DictionaryAttr without a check, so `linalg.tanh<3632>`
/// reads past a heap buffer in dictionaryAttrSort. Accepted here: `<{...}>`
/// (a dictionary) and `#linalg.`/`!linalg.` attributes and types such as
/// `#linalg.iterator_type<parallel>`, which are not ops.
static bool hasBadLinalgProperties(llvm::StringRef text) {
  constexpr llvm::StringLiteral prefix = "linalg.";
  for (size_t at = text.find(prefix); at != llvm::StringRef::npos;
       at = text.find(prefix, at + 1)) {
    if (at > 0 && (text[at - 1] == '#' || text[at - 1] == '!'))
      continue;
    llvm::StringRef rest =
        text.drop_front(at + prefix.size())
            .drop_while([](char c) { return llvm::isAlnum(c) || c == '_'; })
            .ltrim();
    if (rest.consume_front("<") && !rest.ltrim().starts_with("{"))
      return true;
  }
  return false;
}

/// Whether `text` would crash upstream MLIR's parser in a known way
/// (fuzz/KNOWN.md); such inputs are not findings of rnn-mlir.
static bool hasKnownUpstreamCrash(llvm::StringRef text) {
  return hasBadDimensionList(text) || hasBadLinalgProperties(text);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  // Swallow every diagnostic: failing inputs are not findings.
  ScopedDiagnosticHandler handler(&context,
                                  [](Diagnostic &) { return success(); });
  // The lexer stops at a NUL byte: give it a terminated copy, since
  // libFuzzer's buffer ends exactly after the input.
  std::string text(reinterpret_cast<const char *>(data), size);
  if (hasKnownUpstreamCrash(text))
    return -1; // Not added to the corpus.
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      text, ParserConfig(&context), "fuzz-input.mlir");
  if (!module)
    return 0;
  runPasses(context, *module, llvm::xxh3_64bits(text));
  return 0;
}
