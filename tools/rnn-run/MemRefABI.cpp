//===- MemRefABI.cpp - Calling lowered functions with memrefs -------------===//
//
// Packing descriptors for ExecutionEngine::invokePacked, checking the lowered
// signature, and copying returned strided memrefs into host tensors.
//
//===----------------------------------------------------------------------===//

#include "MemRefABI.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMTypes.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir;
using namespace mlir::rnn::run;

/// The strides of a row-major (C order) array of shape `shape`.
static llvm::SmallVector<int64_t, 4>
getRowMajorStrides(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t, 4> strides(shape.size(), 1);
  for (int64_t dim = static_cast<int64_t>(shape.size()) - 2; dim >= 0; --dim)
    strides[dim] = strides[dim + 1] * shape[dim + 1];
  return strides;
}

PackedCall::PackedCall(llvm::ArrayRef<int64_t> resultRanks)
    : resultRanks(resultRanks) {
  int64_t words = 0;
  for (int64_t rank : resultRanks)
    words += getDescriptorWordCount(rank);
  resultWords.assign(words, 0);
}

void PackedCall::addArgument(void *data, llvm::ArrayRef<int64_t> shape) {
  int64_t address = static_cast<int64_t>(reinterpret_cast<intptr_t>(data));
  argumentWords.push_back(address); // allocated
  argumentWords.push_back(address); // aligned
  argumentWords.push_back(0);       // offset
  llvm::append_range(argumentWords, shape);
  llvm::append_range(argumentWords, getRowMajorStrides(shape));
}

llvm::MutableArrayRef<void *> PackedCall::getPackedArguments() {
  packedArguments.clear();
  for (int64_t &word : argumentWords)
    packedArguments.push_back(&word);
  // A function without results returns void and takes no result pointer.
  if (!resultRanks.empty())
    packedArguments.push_back(resultWords.data());
  return packedArguments;
}

StridedMemRefView PackedCall::getResult(unsigned index) const {
  size_t word = 0;
  for (unsigned i = 0; i < index; ++i)
    word += getDescriptorWordCount(resultRanks[i]);
  int64_t rank = resultRanks[index];
  llvm::ArrayRef<int64_t> words(resultWords);
  words = words.slice(word, getDescriptorWordCount(rank));
  StridedMemRefView view;
  view.allocated = reinterpret_cast<void *>(static_cast<intptr_t>(words[0]));
  view.aligned = reinterpret_cast<void *>(static_cast<intptr_t>(words[1]));
  view.offset = words[2];
  view.sizes.assign(words.slice(3, rank).begin(), words.slice(3, rank).end());
  view.strides.assign(words.slice(3 + rank, rank).begin(),
                      words.slice(3 + rank, rank).end());
  return view;
}

/// The ABI kinds of scalar LLVM values: a pointer or a 64-bit integer.
enum class Word { Pointer, Int64 };

/// The expected scalar sequence of a rank-`rank` descriptor.
static void appendDescriptorWords(int64_t rank,
                                  llvm::SmallVectorImpl<Word> &words) {
  words.push_back(Word::Pointer);
  words.push_back(Word::Pointer);
  words.append(1 + 2 * rank, Word::Int64);
}

/// Flattens an LLVM type into its scalar words; false for anything that is
/// not a pointer, an i64, or an array/struct of those.
static bool flattenWords(Type type, llvm::SmallVectorImpl<Word> &words) {
  if (isa<LLVM::LLVMPointerType>(type)) {
    words.push_back(Word::Pointer);
    return true;
  }
  if (type.isSignlessInteger(64)) {
    words.push_back(Word::Int64);
    return true;
  }
  if (auto array = dyn_cast<LLVM::LLVMArrayType>(type)) {
    for (unsigned i = 0; i < array.getNumElements(); ++i)
      if (!flattenWords(array.getElementType(), words))
        return false;
    return true;
  }
  if (auto structType = dyn_cast<LLVM::LLVMStructType>(type)) {
    if (structType.isPacked())
      return false;
    for (Type element : structType.getBody())
      if (!flattenWords(element, words))
        return false;
    return true;
  }
  return false;
}

llvm::Error
mlir::rnn::run::verifyLoweredSignature(ModuleOp module, llvm::StringRef entry,
                                       llvm::ArrayRef<int64_t> argumentRanks,
                                       llvm::ArrayRef<int64_t> resultRanks) {
  auto function = module.lookupSymbol<LLVM::LLVMFuncOp>(entry);
  if (!function || function.isExternal())
    return llvm::createStringError("the lowered module has no LLVM function @" +
                                   entry);
  LLVM::LLVMFunctionType type = function.getFunctionType();

  llvm::SmallVector<Word> expectedArguments, actualArguments;
  for (int64_t rank : argumentRanks)
    appendDescriptorWords(rank, expectedArguments);
  bool argumentsOk = !type.isVarArg();
  for (Type parameter : type.getParams())
    argumentsOk &= flattenWords(parameter, actualArguments) &&
                   (isa<LLVM::LLVMPointerType>(parameter) ||
                    parameter.isSignlessInteger(64));

  llvm::SmallVector<Word> expectedResults, actualResults;
  for (int64_t rank : resultRanks)
    appendDescriptorWords(rank, expectedResults);
  Type returnType = type.getReturnType();
  bool resultsOk = isa<LLVM::LLVMVoidType>(returnType)
                       ? resultRanks.empty()
                       : flattenWords(returnType, actualResults);

  if (argumentsOk && resultsOk && actualArguments == expectedArguments &&
      actualResults == expectedResults)
    return llvm::Error::success();
  std::string signature;
  llvm::raw_string_ostream os(signature);
  os << type;
  return llvm::createStringError(
      "lowered @" + entry + " has the LLVM signature " + signature +
      ", which is not the memref calling convention rnn-run expects "
      "(identity-layout memrefs, default func-to-llvm convention)");
}

llvm::Expected<HostTensor>
mlir::rnn::run::copyToHostTensor(const StridedMemRefView &view,
                                 ElementType elementType) {
  llvm::Expected<HostTensor> tensor =
      HostTensor::allocate(elementType, view.sizes);
  if (!tensor)
    return tensor.takeError();
  int64_t numElements = tensor->getNumElements();
  if (numElements == 0)
    return tensor;
  if (!view.aligned)
    return llvm::createStringError("the function returned a null memref");

  size_t elementSize = getElementSize(elementType);
  auto *source = static_cast<const uint8_t *>(view.aligned);
  auto *destination = static_cast<uint8_t *>(tensor->getData());
  if (view.strides == getRowMajorStrides(view.sizes)) {
    std::memcpy(destination, source + view.offset * elementSize,
                numElements * elementSize);
    return tensor;
  }
  // General strides: walk the row-major index space with an odometer.
  int64_t rank = view.sizes.size();
  llvm::SmallVector<int64_t, 4> index(rank, 0);
  int64_t sourceElement = view.offset;
  for (int64_t i = 0; i < numElements; ++i) {
    std::memcpy(destination + i * elementSize,
                source + sourceElement * elementSize, elementSize);
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      sourceElement += view.strides[dim];
      if (++index[dim] < view.sizes[dim])
        break;
      sourceElement -= view.strides[dim] * view.sizes[dim];
      index[dim] = 0;
    }
  }
  return tensor;
}
