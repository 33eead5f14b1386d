//===- rnn-run.cpp - JIT execution of tensor-level MLIR files -------------===//
//
// rnn-run FILE.mlir [--entry=main] [--backend=auto|cpu|onednn|cudnn|cublas]
//         [--input=ARG.npy]... [--output=RES.npy]... [--random-inputs[=SEED]]
//         [--print] [--benchmark=N [--heap-stats]] [--timing] [--opt-level=N]
//         [--allow-linalg]
//
// Lowers FILE.mlir for a backend, JIT-compiles it and calls one function whose
// arguments and results are ranked tensors, reading arguments from .npy files
// (or random ones) and printing results or writing them as .npy files. Every
// failure is one line `rnn-run: error: <what>` on stderr and exit status 1.
//
//===----------------------------------------------------------------------===//

#include "ArchiveInputs.h"
#include "Backend.h"
#include "HostTensor.h"
#include "JitSession.h"
#include "NpyIO.h"
#include "NpzIO.h"
#include "TensorPrinter.h"
#include "ThreadedCalls.h"

#include "rnn/Runtime/CPURuntime.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>

#include <sys/resource.h>
#include <unistd.h>

using namespace mlir::rnn::run;
namespace cl = llvm::cl;

static cl::OptionCategory runCategory("rnn-run options");

static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<input .mlir file>"),
                                      cl::cat(runCategory));

static cl::opt<std::string> entryName("entry", cl::init("main"),
                                      cl::value_desc("name"),
                                      cl::desc("The func.func to call"),
                                      cl::cat(runCategory));

static cl::opt<std::string> backendName(
    "backend", cl::init("auto"), cl::value_desc("auto|cpu|onednn|cudnn|cublas"),
    cl::desc("Backend to lower for (auto: cudnn with a GPU, cublas with a "
             "GPU but no cuDNN, else cpu; onednn: the CPU with oneDNN's RNN "
             "primitives)"),
    cl::cat(runCategory));

static cl::list<std::string>
    inputFiles("input", cl::value_desc("ARG.npy"),
               cl::desc("A .npy file per argument, in order"),
               cl::cat(runCategory));

static cl::list<std::string>
    outputFiles("output", cl::value_desc("RES.npy"),
                cl::desc("A .npy file per result, in order"),
                cl::cat(runCategory));

static cl::opt<std::string> randomInputs(
    "random-inputs", cl::ValueOptional, cl::value_desc("seed"),
    cl::desc("Random arguments, uniform in [-0.5, 0.5) (seed 0 by default)"),
    cl::cat(runCategory));

static cl::opt<bool>
    printResults("print",
                 cl::desc("Print the results (also with --output/--benchmark)"),
                 cl::cat(runCategory));

static cl::opt<std::string> cudnnMath(
    "cudnn-math", cl::init("strict"), cl::value_desc("strict|tf32"),
    cl::desc("f32 math of the GPU backends, cudnn and cublas (f16 always "
             "uses tensor cores)"),
    cl::cat(runCategory));

static cl::opt<std::string> cudnnAlgo(
    "cudnn-algo", cl::init("auto"),
    cl::value_desc("auto|standard|persist-static|persist-static-small-h|"
                   "persist-dynamic"),
    cl::desc("cuDNN algorithm of the cudnn backend (auto: from the shapes)"),
    cl::cat(runCategory));

// A string, parsed by main, so that a bad value gets rnn-run's error format.
static cl::opt<std::string> benchmarkCalls(
    "benchmark", cl::value_desc("N"),
    cl::desc("Time N calls after one warm-up call and print the median"),
    cl::cat(runCategory));

static cl::opt<std::string> threadCount(
    "concurrency", cl::value_desc("N"),
    cl::desc(
        "After the call, N threads (own inputs, own GPU stream) call the "
        "function --concurrency-calls times each at once; every result must "
        "equal the single-threaded one bit for bit"),
    cl::cat(runCategory));

static cl::opt<std::string>
    threadCalls("concurrency-calls", cl::init("200"), cl::value_desc("M"),
                cl::desc("Calls per thread of --concurrency (default 200)"),
                cl::cat(runCategory));

static cl::opt<bool> allowLinalg(
    "allow-linalg",
    cl::desc("Also accept linalg ops in the input (for testing with "
             "hand-written tensor code; the input language is rnn, func, "
             "arith and tensor, and upstream's linalg parser is not robust "
             "against malformed input)"),
    cl::cat(runCategory));

static cl::opt<std::string> inputArchive(
    "inputs", cl::value_desc("FILE.npz"),
    cl::desc("All arguments from one .npz archive (arrays arr_<i> / arg<i>, "
             "or named like an argument's rnn.name attribute)"),
    cl::cat(runCategory));

static cl::opt<std::string> outputArchive(
    "outputs", cl::value_desc("FILE.npz"),
    cl::desc("All results into one .npz archive (arrays result_<i>)"),
    cl::cat(runCategory));

static cl::opt<unsigned>
    optLevel("opt-level", cl::init(2), cl::value_desc("0-3"),
             cl::desc("LLVM optimization level of the JIT (default 2)"),
             cl::cat(runCategory));

static cl::opt<bool> printTiming(
    "timing",
    cl::desc("Print the time of each setup phase (parse, pipeline, "
             "translate, optimize, codegen, first call) to stderr, one line "
             "`timing: <phase> <t> ms` each"),
    cl::cat(runCategory));

static cl::opt<bool> printHeapStats(
    "heap-stats",
    cl::desc("With --benchmark: print the compiled code's allocations per "
             "timed call, how many large blocks (128 KiB and more) the "
             "runtime's cache could not serve, and the process's page faults "
             "per call"),
    cl::cat(runCategory));

static cl::opt<bool> printOpOnDiagnostic(
    "print-op-on-diagnostic",
    cl::desc("Append the operation to every diagnostic (MLIR's full dump; "
             "off: one line per error)"),
    cl::cat(runCategory));

/// Prints `rnn-run: error: <message>` as one line and returns exit status 1.
static int reportError(const llvm::Twine &message) {
  std::string text = message.str();
  std::replace(text.begin(), text.end(), '\n', ' ');
  llvm::StringRef trimmed = llvm::StringRef(text).trim();
  llvm::outs().flush();
  llvm::errs() << "rnn-run: error: " << trimmed << "\n";
  return 1;
}

static int reportError(llvm::Error error) {
  return reportError(llvm::toString(std::move(error)));
}

/// Runs `function` with stderr redirected to a temporary file and returns
/// what it wrote there (or runs it unredirected when that is impossible).
static std::string captureStderr(llvm::function_ref<void()> function) {
  std::FILE *capture = std::tmpfile();
  int savedStderr = capture ? dup(STDERR_FILENO) : -1;
  bool redirected =
      savedStderr >= 0 && dup2(fileno(capture), STDERR_FILENO) >= 0;
  function();
  std::string text;
  if (redirected) {
    llvm::errs().flush();
    dup2(savedStderr, STDERR_FILENO);
    std::rewind(capture);
    char buffer[4096];
    size_t size;
    while ((size = std::fread(buffer, 1, sizeof(buffer), capture)) > 0)
      text.append(buffer, size);
  }
  if (savedStderr >= 0)
    close(savedStderr);
  if (capture)
    std::fclose(capture);
  return text;
}

/// Parses the command line; on a usage error returns the first line of
/// llvm::cl's message, without its program-name prefix. llvm::cl prints some
/// errors (bad option values) straight to stderr, so stderr is captured while
/// it parses.
static std::optional<std::string> parseCommandLine(int argc, char **argv) {
  cl::HideUnrelatedOptions(runCategory);
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  bool parsed = false;
  std::string printed = captureStderr([&] {
    parsed = cl::ParseCommandLineOptions(
        argc, argv, "rnn-run: JIT execution of MLIR files\n", &errorStream);
  });
  errors += printed;
  if (parsed) {
    llvm::errs() << errors; // Warnings, if any.
    return std::nullopt;
  }
  llvm::StringRef firstLine = llvm::StringRef(errors).ltrim().split('\n').first;
  std::string prefix = llvm::sys::path::filename(argv[0]).str() + ": ";
  firstLine.consume_front(prefix);
  firstLine = firstLine.trim();
  return firstLine.empty() ? std::string("invalid command line")
                           : firstLine.str();
}

/// Checks the inputs (from `source(i)`) against the entry's arguments.
static llvm::Error checkInputs(const JitSession &session,
                               llvm::ArrayRef<HostTensor> inputs,
                               llvm::function_ref<std::string(size_t)> source) {
  for (auto [index, tensor, type] :
       llvm::enumerate(inputs, session.getArgumentTypes())) {
    if (tensor.matches(type))
      continue;
    llvm::Expected<ElementType> elementType =
        getElementTypeFor(type.getElementType());
    if (!elementType)
      return elementType.takeError();
    return llvm::createStringError(
        source(index) + " does not match argument #" + std::to_string(index) +
        " of @" + session.getEntryName().str() + ": expected " +
        formatTensorType(type.getShape(), *elementType) + ", got " +
        tensor.getTypeString());
  }
  return llvm::Error::success();
}

/// Reads the --inputs archive and checks it against the entry's arguments.
static llvm::Expected<llvm::SmallVector<HostTensor>>
readInputArchive(const JitSession &session) {
  llvm::Expected<llvm::SmallVector<NamedTensor>> archive =
      readNpzFile(inputArchive);
  if (!archive)
    return archive.takeError();
  llvm::Expected<llvm::SmallVector<HostTensor>> inputs =
      orderArchiveInputs(std::move(*archive), inputArchive,
                         session.getEntryName(), session.getArgumentNames());
  if (!inputs)
    return inputs.takeError();
  if (llvm::Error error = checkInputs(session, *inputs, [](size_t index) {
        return "array #" + std::to_string(index) + " of --inputs '" +
               inputArchive + "'";
      }))
    return std::move(error);
  return inputs;
}

/// Reads the --input files and checks them against the entry's arguments.
static llvm::Expected<llvm::SmallVector<HostTensor>>
readInputs(const JitSession &session) {
  if (inputArchive.getNumOccurrences())
    return readInputArchive(session);
  llvm::ArrayRef<mlir::RankedTensorType> types = session.getArgumentTypes();
  if (inputFiles.size() != types.size())
    return llvm::createStringError(
        "@" + session.getEntryName() + " takes " +
        std::to_string(types.size()) + " argument(s) but " +
        std::to_string(inputFiles.size()) + " --input file(s) were given" +
        (inputFiles.empty() ? " (or use --random-inputs)" : ""));
  llvm::SmallVector<HostTensor> inputs;
  for (const std::string &path : inputFiles) {
    llvm::Expected<HostTensor> tensor = readNpyFile(path);
    if (!tensor)
      return tensor.takeError();
    inputs.push_back(std::move(*tensor));
  }
  if (llvm::Error error = checkInputs(session, inputs, [](size_t index) {
        return "--input '" + inputFiles[index] + "'";
      }))
    return std::move(error);
  return inputs;
}

/// Random arguments for every argument of the entry (static shapes only).
static llvm::Expected<llvm::SmallVector<HostTensor>>
makeRandomInputs(const JitSession &session, uint64_t seed) {
  std::mt19937_64 generator(seed);
  llvm::SmallVector<HostTensor> inputs;
  for (auto [index, type] : llvm::enumerate(session.getArgumentTypes())) {
    if (!type.hasStaticShape()) {
      std::string typeText;
      llvm::raw_string_ostream os(typeText);
      os << type;
      return llvm::createStringError(
          "argument #" + std::to_string(index) + " of @" +
          session.getEntryName() + " has the dynamic shape " + typeText +
          "; --random-inputs needs static shapes, pass the arguments with "
          "--input");
    }
    llvm::Expected<HostTensor> tensor = HostTensor::allocate(type);
    if (!tensor)
      return tensor.takeError();
    tensor->fillRandom(generator);
    inputs.push_back(std::move(*tensor));
  }
  return inputs;
}

/// Writes the results to the --outputs archive or the --output files.
static llvm::Error writeResults(llvm::ArrayRef<HostTensor> tensors) {
  if (!outputArchive.getNumOccurrences()) {
    std::vector<std::string> paths(outputFiles.begin(), outputFiles.end());
    return writeNpyFiles(paths, tensors);
  }
  std::vector<std::string> names;
  for (size_t index = 0; index < tensors.size(); ++index)
    names.push_back("result_" + std::to_string(index));
  llvm::Expected<std::string> archive = serializeNpz(names, tensors);
  if (!archive)
    return archive.takeError();
  std::string paths[] = {outputArchive};
  return writeFilesAtomically(paths, [&](size_t) { return *archive; });
}

/// Prints and/or writes the results of `results`, as the options ask:
/// results without an --output file are printed (`printRest`) or dropped,
/// and a note says which.
static llvm::Error emitResults(const CallResults &results, bool print,
                               bool printRest) {
  llvm::Expected<llvm::SmallVector<HostTensor>> tensors = results.copyToHost();
  if (!tensors)
    return tensors.takeError();
  if (llvm::Error error = writeResults(*tensors))
    return error;
  const size_t written =
      outputArchive.getNumOccurrences() ? tensors->size() : outputFiles.size();
  const size_t last = tensors->size() - 1;
  if (written > 0 && written <= last) {
    std::string which = written == last
                            ? "result #" + std::to_string(last)
                            : "results #" + std::to_string(written) + "-#" +
                                  std::to_string(last);
    llvm::errs() << "rnn-run: note: " << which << " of @" << entryName
                 << (written == last ? " has" : " have")
                 << " no --output file: "
                 << (print || printRest ? "printed" : "dropped") << "\n";
  }
  for (auto [index, tensor] : llvm::enumerate(*tensors)) {
    if (!print && !(printRest && index >= written))
      continue;
    llvm::outs() << "result #" << index << ": " << tensor.getTypeString()
                 << "\n";
    printTensorValues(llvm::outs(), tensor);
  }
  return llvm::Error::success();
}

/// Wall-clock milliseconds since construction.
class Stopwatch {
public:
  double milliseconds() const {
    return std::chrono::duration<double, std::milli>(Clock::now() - start)
        .count();
  }

private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start = Clock::now();
};

/// The page faults (minor and major) of this process so far.
static long getPageFaults() {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage))
    return 0;
  return usage.ru_minflt + usage.ru_majflt;
}

/// One warm-up call, then `calls` timed calls with the inputs resident where
/// the code reads them; prints the timing line and returns the results of
/// the last call.
static llvm::Expected<CallResults>
runBenchmark(JitSession &session, llvm::ArrayRef<StagedInput> inputs,
             unsigned calls, double compileMs, double &firstCallMs) {
  BufferSpace &space = session.getBufferSpace();
  {
    Stopwatch firstCall;
    llvm::Expected<CallResults> warmUp = session.call(inputs);
    if (!warmUp)
      return warmUp.takeError();
    if (llvm::Error error = space.finishCall())
      return std::move(error);
    firstCallMs = firstCall.milliseconds();
  }
  std::optional<CallResults> last;
  llvm::Error callError = llvm::Error::success();
  rnnrt_cpu_heap_stats_t heapBefore, heapAfter;
  rnnrt_cpu_heap_stats(&heapBefore);
  const long faultsBefore = getPageFaults();
  llvm::Expected<std::vector<double>> times = space.timeCalls(
      [&] {
        last.reset(); // Frees the previous call's results (stream-ordered).
        llvm::Expected<CallResults> results = session.call(inputs);
        if (results)
          last.emplace(std::move(*results));
        else if (!callError)
          callError = results.takeError();
        else
          llvm::consumeError(results.takeError());
      },
      calls);
  if (!times) {
    llvm::consumeError(std::move(callError));
    return times.takeError();
  }
  if (callError)
    return std::move(callError);
  rnnrt_cpu_heap_stats(&heapAfter);
  const long faults = getPageFaults() - faultsBefore;
  if (printHeapStats) {
    auto perCall = [&](double count) { return count / calls; };
    llvm::outs() << llvm::format(
        "heap: %.1f allocations, %.1f new large blocks, %.1f page faults "
        "per call\n",
        perCall(heapAfter.allocations - heapBefore.allocations),
        perCall(heapAfter.system_allocations - heapBefore.system_allocations),
        perCall(faults));
  }
  std::vector<double> milliseconds = std::move(*times);
  std::sort(milliseconds.begin(), milliseconds.end());
  size_t middle = milliseconds.size() / 2;
  double median = milliseconds.size() % 2
                      ? milliseconds[middle]
                      : (milliseconds[middle - 1] + milliseconds[middle]) / 2;
  // One line that scripts read; the one-time costs in parentheses.
  llvm::outs() << llvm::format("median %.3f ms, min %.3f ms over %u calls "
                               "(compile %.1f ms, first call %.3f ms)\n",
                               median, milliseconds.front(), calls, compileMs,
                               firstCallMs);
  return std::move(*last);
}

/// --timing: one line per setup phase on stderr, so that results on stdout
/// stay parsable.
static void printSetupTimes(double parseMs, const CompileTimes &times,
                            double firstCallMs) {
  std::pair<const char *, double> phases[] = {
      {"parse", parseMs},
      {"pipeline", times.pipelineMs},
      {"translate", times.translateMs},
      {"optimize", times.optimizeMs},
      {"codegen", times.codegenMs},
      {"first-call", firstCallMs},
      {"setup", parseMs + times.pipelineMs + times.translateMs +
                    times.optimizeMs + times.codegenMs},
  };
  for (auto [name, ms] : phases)
    llvm::errs() << llvm::format("timing: %s %.3f ms\n", name, ms);
}

/// The --benchmark call count; 0 without --benchmark.
static llvm::Expected<unsigned> getBenchmarkCalls() {
  unsigned calls = 0;
  if (!benchmarkCalls.getNumOccurrences())
    return 0;
  if (llvm::StringRef(benchmarkCalls).getAsInteger(10, calls) || calls == 0)
    return llvm::createStringError(
        "--benchmark needs a number of calls >= 1, got '" + benchmarkCalls +
        "'");
  return calls;
}

/// A positive count option's value, or an error naming the option.
static llvm::Expected<unsigned> parseCount(llvm::StringRef option,
                                           llvm::StringRef text) {
  unsigned count = 0;
  if (text.getAsInteger(10, count) || count == 0)
    return llvm::createStringError(
        "--" + option.str() + " needs a number >= 1, got '" + text.str() + "'");
  return count;
}

/// The --random-inputs seed; none without --random-inputs.
static llvm::Expected<std::optional<uint64_t>> getRandomSeed() {
  if (!randomInputs.getNumOccurrences())
    return std::nullopt;
  uint64_t seed = 0;
  if (!randomInputs.empty() &&
      llvm::StringRef(randomInputs).getAsInteger(10, seed))
    return llvm::createStringError("--random-inputs seed '" + randomInputs +
                                   "' is not a non-negative integer");
  if (!inputFiles.empty() || inputArchive.getNumOccurrences())
    return llvm::createStringError(
        inputFiles.empty() ? "--inputs and --random-inputs cannot be combined"
                           : "--input and --random-inputs cannot be combined");
  return seed;
}

/// The combinations of input and output options that cannot work.
static llvm::Error checkFileOptions() {
  if (inputArchive.getNumOccurrences() && !inputFiles.empty())
    return llvm::createStringError("--input and --inputs cannot be combined");
  if (outputArchive.getNumOccurrences() && !outputFiles.empty())
    return llvm::createStringError("--output and --outputs cannot be combined");
  return llvm::Error::success();
}

/// Does what the command line asks: checks the options, loads the module,
/// prepares the inputs, compiles, calls and emits the results. The cheap
/// checks come before the compilation.
static llvm::Error run() {
  llvm::Expected<Backend> requestedBackend = parseBackend(backendName);
  if (!requestedBackend)
    return requestedBackend.takeError();
  llvm::Expected<Backend> backend = resolveBackend(*requestedBackend);
  if (!backend)
    return backend.takeError();
  llvm::Expected<unsigned> numCalls = getBenchmarkCalls();
  if (!numCalls)
    return numCalls.takeError();
  if (llvm::Error error = checkFileOptions())
    return error;
  llvm::Expected<std::optional<uint64_t>> seed = getRandomSeed();
  if (!seed)
    return seed.takeError();
  unsigned threads = 0, callsPerThread = 0;
  if (threadCount.getNumOccurrences()) {
    llvm::Expected<unsigned> parsed = parseCount("concurrency", threadCount);
    if (!parsed)
      return parsed.takeError();
    llvm::Expected<unsigned> perThread =
        parseCount("concurrency-calls", threadCalls);
    if (!perThread)
      return perThread.takeError();
    if (*numCalls > 0)
      return llvm::createStringError(
          "--concurrency and --benchmark cannot be combined");
    threads = *parsed;
    callsPerThread = *perThread;
  }

  JitSessionOptions options;
  options.inputPath = inputPath;
  options.entry = entryName;
  options.backend = *backend;
  options.cudnnMath = cudnnMath;
  options.cudnnAlgo = cudnnAlgo;
  options.allowLinalg = allowLinalg;
  if (optLevel > 3)
    return llvm::createStringError("--opt-level must be 0, 1, 2 or 3, got " +
                                   std::to_string(optLevel));
  options.optLevel = optLevel;
  options.printOpOnDiagnostic = printOpOnDiagnostic;
  Stopwatch parseTime;
  llvm::Expected<std::unique_ptr<JitSession>> loaded =
      JitSession::load(options);
  if (!loaded)
    return loaded.takeError();
  JitSession &session = **loaded;
  const double parseMs = parseTime.milliseconds();

  size_t numResults = session.getResultTypes().size();
  if (outputFiles.size() > numResults)
    return llvm::createStringError(
        "@" + entryName + " returns " + std::to_string(numResults) +
        " result(s) but " + std::to_string(outputFiles.size()) +
        " --output file(s) were given");

  llvm::Expected<llvm::SmallVector<HostTensor>> inputs =
      *seed ? makeRandomInputs(session, **seed) : readInputs(session);
  if (!inputs)
    return inputs.takeError();
  // Compile time is parse + lower + JIT; reading the inputs in between is
  // not part of it.
  Stopwatch lowerTime;
  if (llvm::Error error = session.compile())
    return error;
  const double compileMs = parseMs + lowerTime.milliseconds();

  // Without --benchmark results are printed unless they go to --output files;
  // with it only --print and --output emit them.
  bool benchmark = *numCalls > 0;
  bool print = printResults || (!benchmark && outputFiles.empty() &&
                                !outputArchive.getNumOccurrences());
  bool printRest = !benchmark;
  llvm::Expected<llvm::SmallVector<StagedInput>> staged =
      session.stageInputs(*inputs);
  if (!staged)
    return staged.takeError();
  if (!benchmark) {
    Stopwatch callTime;
    llvm::Expected<CallResults> results = session.call(*staged);
    if (!results)
      return results.takeError();
    if (llvm::Error error = session.getBufferSpace().finishCall())
      return error;
    if (printTiming)
      printSetupTimes(parseMs, session.getCompileTimes(),
                      callTime.milliseconds());
    if (threads == 0)
      return emitResults(*results, print, printRest);
    llvm::Expected<llvm::SmallVector<HostTensor>> expected =
        results->copyToHost();
    if (!expected)
      return expected.takeError();
    if (llvm::Error error = checkConcurrentCalls(session, *inputs, *expected,
                                                 threads, callsPerThread))
      return error;
    if (llvm::Error error = emitResults(*results, print, printRest))
      return error;
    llvm::outs() << "concurrency: " << threads << " threads x "
                 << callsPerThread
                 << " calls, every result bit-identical to the "
                    "single-threaded call\n";
    return llvm::Error::success();
  }
  double firstCallMs = 0;
  llvm::Expected<CallResults> results =
      runBenchmark(session, *staged, *numCalls, compileMs, firstCallMs);
  if (!results)
    return results.takeError();
  if (printTiming)
    printSetupTimes(parseMs, session.getCompileTimes(), firstCallMs);
  return emitResults(*results, print, printRest);
}

/// --version: rnn-mlir's version and commit, and the LLVM it is built on.
static void printVersion(llvm::raw_ostream &os) {
  os << "rnn-run (rnn-mlir " RNN_MLIR_VERSION ", commit " RNN_MLIR_COMMIT
        "), LLVM " LLVM_VERSION_STRING "\n";
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::SetVersionPrinter(printVersion);
  if (std::optional<std::string> usageError = parseCommandLine(argc, argv))
    return reportError(*usageError);
  if (llvm::Error error = run())
    return reportError(std::move(error));
  return 0;
}
