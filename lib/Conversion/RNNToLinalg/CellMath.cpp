//===- CellMath.cpp - The per-mode gate math of one time step -------------===//

#include "CellMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::rnn;

namespace {

/// Small scalar builder for readable gate formulas.
struct ScalarMath {
  OpBuilder &b;
  Location loc;
  Type type;

  Value constant(double value) {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
  }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value tanh(Value x) { return math::TanhOp::create(b, loc, x); }
  Value relu(Value x) {
    return arith::MaximumFOp::create(b, loc, x, constant(0.0));
  }
  /// 1 / (1 + exp(-x)).
  Value sigmoid(Value x) {
    Value one = constant(1.0);
    Value expNeg =
        math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, one, add(one, expNeg));
  }
};

} // namespace

bool mlir::rnn::cellReadsHidden(Mode mode) { return mode == Mode::gru; }

SmallVector<Value, 2> mlir::rnn::buildCellMath(OpBuilder &b, Location loc,
                                               Mode mode,
                                               const CellInputs &in) {
  ScalarMath m{b, loc, in.inputGates.front().getType()};
  auto preActivation = [&](unsigned gate) {
    return m.add(in.inputGates[gate], in.recurrentGates[gate]);
  };
  switch (mode) {
  case Mode::lstm: {
    Value i = m.sigmoid(preActivation(0));
    Value f = m.sigmoid(preActivation(1));
    Value g = m.tanh(preActivation(2));
    Value o = m.sigmoid(preActivation(3));
    Value c = m.add(m.mul(f, in.cell), m.mul(i, g));
    return {m.mul(o, m.tanh(c)), c};
  }
  case Mode::gru: {
    // Linear-before-reset: the reset gate scales R_h h + b_Rh.
    Value r = m.sigmoid(preActivation(0));
    Value z = m.sigmoid(preActivation(1));
    Value n = m.tanh(m.add(in.inputGates[2], m.mul(r, in.recurrentGates[2])));
    // (1 - z) * n + z * h == n + z * (h - n)
    return {m.add(n, m.mul(z, m.sub(in.hidden, n)))};
  }
  case Mode::rnn_tanh:
    return {m.tanh(preActivation(0))};
  case Mode::rnn_relu:
    return {m.relu(preActivation(0))};
  }
  llvm_unreachable("unknown rnn mode");
}
