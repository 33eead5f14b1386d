//===- ReserveLayout.cpp - The CPU backend's training reserve -------------===//

#include "ReserveLayout.h"
#include "CellMath.h"
#include "TensorBuilders.h"

#include "../Utils/DimensionChecks.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

#include <cstring>

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// FNV-1a over 64-bit words: stable across processes and builds (unlike
/// llvm::hash_combine), since a reserve crosses process boundaries.
struct StableHash {
  uint64_t state = 0xcbf29ce484222325ULL;
  void add(uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) {
      state ^= (word >> (8 * byte)) & 0xff;
      state *= 0x100000001b3ULL;
    }
  }
};

/// The header's i64 fields, in order; the rest of its 64 bytes are zero, so
/// that equal forwards write equal reserves.
enum HeaderField { Magic, Fingerprint, Steps, Batch, Size, NumFields };
constexpr int64_t kHeaderWords = ReserveLayout::kHeaderBytes / 8;

} // namespace

ReserveLayout::ReserveLayout(const LoweringContext &ctx)
    : ctx(ctx), numSaved(numSavedValues(ctx.mode)),
      elementBytes(ctx.elementType.getIntOrFloatBitWidth() / 8) {
  const rnnrt::LayerConfig &config = ctx.config();
  RecurrentOpInterface op = ctx.op;
  StableHash hash;
  for (int64_t field :
       {static_cast<int64_t>(config.mode), config.numLayers, config.numUnits,
        config.inputSize, config.numDirections(),
        static_cast<int64_t>(config.resolvedInputMode()), elementBytes,
        static_cast<int64_t>(ctx.linearBeforeReset), op.getDropoutSeed(),
        static_cast<int64_t>(ctx.timeMajor),
        static_cast<int64_t>(static_cast<bool>(ctx.lengths)), config.numProj})
    hash.add(static_cast<uint64_t>(field));
  double rate = op.getDropoutRate();
  uint64_t rateBits;
  std::memcpy(&rateBits, &rate, sizeof(rate));
  hash.add(rateBits);
  configFingerprint = static_cast<int64_t>(hash.state >> 1);
}

int64_t ReserveLayout::planeUnit(int64_t layer, int64_t dir,
                                 int64_t plane) const {
  return (layer * ctx.numDirections + dir) * numSaved + plane;
}

int64_t ReserveLayout::layerOutputUnit(int64_t layer) const {
  return ctx.config().numLayers * ctx.numDirections * numSaved +
         layer * ctx.numDirections;
}

int64_t ReserveLayout::numUnits() const {
  return layerOutputUnit(ctx.config().numLayers - 1);
}

Value ReserveLayout::byteOffset(OpBuilder &b, Location loc,
                                int64_t unit) const {
  Value unitBytes = arith::MulIOp::create(
      b, loc, ctx.rows(b, loc),
      arith::ConstantIndexOp::create(b, loc, ctx.hidden * elementBytes));
  return arith::AddIOp::create(
      b, loc, arith::ConstantIndexOp::create(b, loc, kHeaderBytes),
      arith::MulIOp::create(b, loc, unitBytes,
                            arith::ConstantIndexOp::create(b, loc, unit)));
}

Value ReserveLayout::totalBytes(OpBuilder &b, Location loc) const {
  return byteOffset(b, loc, numUnits());
}

static Value headerView(OpBuilder &b, Location loc, Value buffer) {
  auto type = MemRefType::get({kHeaderWords}, b.getI64Type());
  return memref::ViewOp::create(b, loc, type, buffer,
                                arith::ConstantIndexOp::create(b, loc, 0),
                                ValueRange{});
}

static Value asI64(OpBuilder &b, Location loc, Value index) {
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
}

Value ReserveLayout::create(OpBuilder &b, Location loc) const {
  Value size = totalBytes(b, loc);
  Value buffer = memref::AllocOp::create(
      b, loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type()),
      ValueRange{size}, b.getI64IntegerAttr(64));
  Value header = headerView(b, loc, buffer);
  auto i64 = [&](int64_t value) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
  };
  Value fields[NumFields] = {
      i64(RNNRT_CPU_RESERVE_MAGIC), i64(configFingerprint),
      asI64(b, loc, getValueOrCreateConstantIndexOp(b, loc, ctx.time)),
      asI64(b, loc, getValueOrCreateConstantIndexOp(b, loc, ctx.batch)),
      asI64(b, loc, size)};
  for (int64_t word = 0; word < kHeaderWords; ++word)
    memref::StoreOp::create(
        b, loc, word < NumFields ? fields[word] : i64(0), header,
        ValueRange{arith::ConstantIndexOp::create(b, loc, word)});
  return buffer;
}

/// The [T, B, width] view of `buffer` from unit `unit` on.
static Value sequenceView(OpBuilder &b, Location loc,
                          const LoweringContext &ctx,
                          const ReserveLayout &layout, Value buffer,
                          int64_t unit, int64_t width) {
  auto type = MemRefType::get(
      {getStaticSize(ctx.time), getStaticSize(ctx.batch), width},
      ctx.elementType);
  SmallVector<Value> sizes;
  for (OpFoldResult size : {ctx.time, ctx.batch})
    if (ShapedType::isDynamic(getStaticSize(size)))
      sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  return memref::ViewOp::create(b, loc, type, buffer,
                                layout.byteOffset(b, loc, unit), sizes);
}

void ReserveLayout::store(OpBuilder &b, Location loc, Value buffer,
                          int64_t unit, Value sequence) const {
  int64_t width = cast<RankedTensorType>(sequence.getType()).getDimSize(2);
  Value view = sequenceView(b, loc, ctx, *this, buffer, unit, width);
  auto op = bufferization::MaterializeInDestinationOp::create(
      b, loc, TypeRange{}, sequence, view);
  op.setRestrict(true);
  op.setWritable(true);
}

Value ReserveLayout::load(OpBuilder &b, Location loc, Value buffer,
                          int64_t unit, int64_t width) const {
  Value view = sequenceView(b, loc, ctx, *this, buffer, unit, width);
  auto type =
      ctx.type({getStaticSize(ctx.time), getStaticSize(ctx.batch), width});
  return bufferization::ToTensorOp::create(b, loc, type, view,
                                           /*restrict=*/true,
                                           /*writable=*/false);
}

Value ReserveLayout::buildCheck(OpBuilder &b, Location loc, Value buffer,
                                int64_t opCode) const {
  Value size = memref::DimOp::create(b, loc, buffer, 0);
  Value hasHeader = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::sge, size,
      arith::ConstantIndexOp::create(b, loc, kHeaderBytes));
  // Read the header only when there is one.
  SmallVector<Type> fieldTypes(4, b.getI64Type());
  auto read = scf::IfOp::create(b, loc, fieldTypes, hasHeader,
                                /*withElseRegion=*/true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&read.getThenRegion().front());
    Value header = headerView(b, loc, buffer);
    SmallVector<Value> fields;
    for (int64_t field : {Magic, Fingerprint, Steps, Batch})
      fields.push_back(memref::LoadOp::create(
          b, loc, header,
          ValueRange{arith::ConstantIndexOp::create(b, loc, field)}));
    scf::YieldOp::create(b, loc, fields);
    b.setInsertionPointToStart(&read.getElseRegion().front());
    Value zero = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
    scf::YieldOp::create(b, loc, SmallVector<Value>(4, zero));
  }
  auto i64 = [&](int64_t value) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
  };
  Value args[] = {
      i64(opCode),
      asI64(b, loc, size),
      asI64(b, loc, totalBytes(b, loc)),
      read.getResult(0),
      read.getResult(1),
      i64(configFingerprint),
      read.getResult(2),
      asI64(b, loc, getValueOrCreateConstantIndexOp(b, loc, ctx.time)),
      read.getResult(3),
      asI64(b, loc, getValueOrCreateConstantIndexOp(b, loc, ctx.batch))};
  RecurrentOpInterface op = ctx.op;
  func::FuncOp check = getOrDeclareCheckFunction(
      op->getParentOfType<ModuleOp>(), "rnnrt_check_reserve", std::size(args));
  Value result = func::CallOp::create(b, loc, check, args).getResult(0);
  return arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ne, result,
      arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0)));
}
