//===- RuntimeFunctions.cpp - Declaring runtime callees from the ABI table ===//

#include "rnn/Conversion/Utils/RuntimeFunctions.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::rnn;
using namespace rnnrt::abi;

namespace {

/// One RNNRT_FUNCTION row.
struct FunctionRow {
  Function function;
  Kind result;
  SmallVector<Kind> args;
};

ArrayRef<FunctionRow> getFunctionRows() {
  static const FunctionRow rows[] = {
#define RNNRT_FUNCTION(Id, Stem, Result, ...)                                  \
  {Function::Id, Result, {__VA_ARGS__}},
#include "rnn/Runtime/RuntimeABI.def"
  };
  return rows;
}

/// One RNNRT_ENTRY row.
struct EntryRow {
  Function function;
  StringRef type;
};

ArrayRef<EntryRow> getEntryRows() {
  static const EntryRow rows[] = {
#define RNNRT_ENTRY(Runtime, Id, Type, Implementation) {Function::Id, #Type},
#include "rnn/Runtime/RuntimeABI.def"
  };
  return rows;
}

/// MLIR's spelling of an integer or float type ("f32", "bf16", "i8"), the
/// suffix of the runtime symbol; empty for other types.
std::string getTypeSuffix(Type type) {
  if (!type.isIntOrFloat())
    return "";
  std::string suffix;
  llvm::raw_string_ostream(suffix) << type;
  return suffix;
}

/// The element types the table lists for `function`, for diagnostics.
std::string listTypes(Function function) {
  std::string list;
  for (const EntryRow &row : getEntryRows())
    if (row.function == function)
      list += (list.empty() ? "" : ", ") + row.type.str();
  return list;
}

Type getKindType(Kind kind, Type elementType) {
  MLIRContext *ctx = elementType.getContext();
  Type i64 = IntegerType::get(ctx, 64);
  int64_t dynamic = ShapedType::kDynamic;
  switch (kind) {
  case None:
    return {};
  case I64:
    return i64;
  case F64:
    return Float64Type::get(ctx);
  case Buffer1D:
    return MemRefType::get({dynamic}, elementType);
  case Buffer3D:
    return MemRefType::get({dynamic, dynamic, dynamic}, elementType);
  case Strided2D:
    return MemRefType::get(
        {dynamic, dynamic}, elementType,
        StridedLayoutAttr::get(ctx, dynamic, {dynamic, dynamic}));
  case Unranked:
    return UnrankedMemRefType::get(elementType, Attribute());
  case I64Buffer1D:
    return MemRefType::get({dynamic}, i64);
  case I64Table:
    return MemRefType::get({dynamic, 2}, i64);
  case ByteBuffer1D:
    return MemRefType::get({dynamic}, IntegerType::get(ctx, 8));
  case I32Buffer1D:
    return MemRefType::get({dynamic}, IntegerType::get(ctx, 32));
  }
  llvm_unreachable("unknown ABI kind");
}

FunctionType getFunctionType(Function function, Type elementType) {
  const FunctionRow &row = getFunctionRows()[static_cast<size_t>(function)];
  SmallVector<Type> inputs = llvm::map_to_vector(
      row.args, [&](Kind kind) { return getKindType(kind, elementType); });
  SmallVector<Type> results;
  if (row.result != None)
    results.push_back(getKindType(row.result, elementType));
  return FunctionType::get(elementType.getContext(), inputs, results);
}

} // namespace

bool mlir::rnn::hasRuntimeFunction(RuntimeFunction function, Type elementType) {
  std::string suffix = getTypeSuffix(elementType);
  return llvm::any_of(getEntryRows(), [&](const EntryRow &row) {
    return row.function == function && row.type == suffix;
  });
}

std::optional<RuntimeFunction>
mlir::rnn::getPackParamsFunction(rnnrt::abi::Runtime runtime) {
  switch (runtime) {
  case Runtime::CPU:
    return Function::CpuPackParams;
  case Runtime::CUDA:
    return Function::CudaPackParams;
  }
  return std::nullopt;
}

FailureOr<func::FuncOp>
mlir::rnn::declareRuntimeFunction(Operation *user, RuntimeFunction function,
                                  Type elementType) {
  StringRef stem = getStem(function);
  if (!hasRuntimeFunction(function, elementType))
    return user->emitOpError()
           << "needs the runtime function " << stem << " for element type "
           << elementType << ", which no rnn runtime provides (it exists for "
           << listTypes(function) << ")";

  auto module = user->getParentOfType<ModuleOp>();
  std::string name = (stem + "_" + getTypeSuffix(elementType)).str();
  FunctionType type = getFunctionType(function, elementType);
  if (auto existing = module.lookupSymbol<func::FuncOp>(name)) {
    if (existing.getFunctionType() == type)
      return existing;
    return user->emitOpError()
           << "needs the runtime function @" << name << " of type " << type
           << ", but the module declares it as " << existing.getFunctionType();
  }
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto func = func::FuncOp::create(b, module.getLoc(), name, type);
  func.setPrivate();
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(), b.getUnitAttr());
  return func;
}
