//===- TensorPrinter.cpp - Printing tensors numpy-style -------------------===//
//
// Rows of the innermost dimension are separated by ",\n", blocks of higher
// dimensions by one more blank line each, and every line is indented to its
// nesting depth, as numpy's array repr does.
//
//===----------------------------------------------------------------------===//

#include "TensorPrinter.h"

#include "llvm/Support/Format.h"

using namespace mlir::rnn::run;

/// Prints element `index` of `tensor`.
static void printElement(llvm::raw_ostream &os, const HostTensor &tensor,
                         int64_t index) {
  switch (tensor.getElementType()) {
  case ElementType::F16:
  case ElementType::BF16:
  case ElementType::F32:
  case ElementType::F64:
    os << llvm::format("%g", tensor.getAsDouble(index));
    return;
  case ElementType::I1:
    os << (tensor.getAsInt64(index) ? "True" : "False");
    return;
  default:
    os << tensor.getAsInt64(index);
    return;
  }
}

/// Prints dimension `dim` and the ones inside it, starting at the row-major
/// element `firstElement`.
static void printDimension(llvm::raw_ostream &os, const HostTensor &tensor,
                           int64_t dim, int64_t firstElement) {
  llvm::ArrayRef<int64_t> shape = tensor.getShape();
  int64_t rank = shape.size();
  if (dim == rank) {
    printElement(os, tensor, firstElement);
    return;
  }
  int64_t stride = 1;
  for (int64_t inner = dim + 1; inner < rank; ++inner)
    stride *= shape[inner];
  os << '[';
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (i > 0) {
      os << ',';
      if (dim == rank - 1) {
        os << ' ';
      } else {
        os << std::string(rank - 1 - dim, '\n');
        os.indent(dim + 1);
      }
    }
    printDimension(os, tensor, dim + 1, firstElement + i * stride);
  }
  os << ']';
}

void mlir::rnn::run::printTensorValues(llvm::raw_ostream &os,
                                       const HostTensor &tensor) {
  printDimension(os, tensor, 0, 0);
  os << '\n';
}
