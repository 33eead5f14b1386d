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
  /// d relu(v) with respect to v times `grad`, from the output h = relu(v).
  Value reluGrad(Value h, Value grad) {
    Value positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, h,
                                           constant(0.0));
    return arith::SelectOp::create(b, loc, positive, grad, constant(0.0));
  }
  /// grad * (1 - y^2): through y = tanh(v).
  Value tanhGrad(Value y, Value grad) {
    return mul(grad, sub(constant(1.0), mul(y, y)));
  }
  /// grad * y (1 - y): through y = sigmoid(v).
  Value sigmoidGrad(Value y, Value grad) {
    return mul(grad, mul(y, sub(constant(1.0), y)));
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

Value mlir::rnn::buildSigmoid(OpBuilder &b, Location loc, Value x) {
  return ScalarMath{b, loc, x.getType()}.sigmoid(x);
}

bool mlir::rnn::cellReadsHidden(Mode mode) { return mode == Mode::gru; }

int64_t mlir::rnn::numSavedValues(Mode mode) {
  switch (mode) {
  case Mode::lstm:
    return 5;
  case Mode::gru:
    return 4;
  case Mode::rnn_tanh:
  case Mode::rnn_relu:
    return 0;
  }
  llvm_unreachable("unknown rnn mode");
}

bool mlir::rnn::cellHasSeparateRecurrentGrads(Mode mode,
                                              bool linearBeforeReset) {
  return mode == Mode::gru && linearBeforeReset;
}

CellOutputs mlir::rnn::buildCellMath(OpBuilder &b, Location loc, Mode mode,
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
    return {{m.mul(o, m.tanh(c)), c}, {i, f, g, o, c}};
  }
  case Mode::gru: {
    // Linear-before-reset: the reset gate scales R_h h + b_Rh; otherwise
    // the caller computed R_h (r h) + b_Rh already.
    Value r = m.sigmoid(preActivation(0));
    Value z = m.sigmoid(preActivation(1));
    Value hn = in.recurrentGates[2];
    Value n = m.tanh(
        m.add(in.inputGates[2], in.linearBeforeReset ? m.mul(r, hn) : hn));
    // (1 - z) * n + z * h == n + z * (h - n)
    return {{m.add(n, m.mul(z, m.sub(in.hidden, n)))}, {r, z, n, hn}};
  }
  case Mode::rnn_tanh:
    return {{m.tanh(preActivation(0))}, {}};
  case Mode::rnn_relu:
    return {{m.relu(preActivation(0))}, {}};
  }
  llvm_unreachable("unknown rnn mode");
}

SmallVector<Value, 2>
mlir::rnn::buildResetGateGradMath(OpBuilder &b, Location loc, Value reset,
                                  Value previousHidden, Value candidateGrad) {
  ScalarMath m{b, loc, reset.getType()};
  // n reads R_h (r h): d(r h) = candidateGrad.
  return {m.sigmoidGrad(reset, m.mul(candidateGrad, previousHidden)),
          m.mul(candidateGrad, reset)};
}

CellGradOutputs mlir::rnn::buildCellGradMath(OpBuilder &b, Location loc,
                                             Mode mode,
                                             const CellGradInputs &in) {
  ScalarMath m{b, loc, in.hiddenGrad.getType()};
  Value dh = in.hiddenGrad;
  CellGradOutputs out;
  switch (mode) {
  case Mode::lstm: {
    Value i = in.saved[0], f = in.saved[1], g = in.saved[2], o = in.saved[3];
    Value tanhC = m.tanh(in.saved[4]);
    // c' = f c + i g, h' = o tanh(c').
    Value dc = m.add(in.cellGrad, m.tanhGrad(tanhC, m.mul(dh, o)));
    out.inputGateGrads = {m.sigmoidGrad(i, m.mul(dc, g)),
                          m.sigmoidGrad(f, m.mul(dc, in.previousCell)),
                          m.tanhGrad(g, m.mul(dc, i)),
                          m.sigmoidGrad(o, m.mul(dh, tanhC))};
    out.recurrentGateGrads = out.inputGateGrads;
    out.previousHiddenGrad = m.constant(0.0);
    out.previousCellGrad = m.mul(dc, f);
    return out;
  }
  case Mode::gru: {
    Value r = in.saved[0], z = in.saved[1], n = in.saved[2], hn = in.saved[3];
    // h' = n + z (h - n), n = tanh(xn + r hn).
    Value dn = m.tanhGrad(n, m.mul(dh, m.sub(m.constant(1.0), z)));
    Value dz = m.sigmoidGrad(z, m.mul(dh, m.sub(in.previousHidden, n)));
    out.previousHiddenGrad = m.mul(dh, z);
    if (!in.linearBeforeReset) {
      // dr needs R_h^T dn (buildResetGateGradMath).
      out.inputGateGrads = {m.constant(0.0), dz, dn};
      out.recurrentGateGrads = out.inputGateGrads;
      return out;
    }
    Value dr = m.sigmoidGrad(r, m.mul(dn, hn));
    out.inputGateGrads = {dr, dz, dn};
    out.recurrentGateGrads = {dr, dz, m.mul(dn, r)};
    return out;
  }
  case Mode::rnn_tanh:
    out.inputGateGrads = {m.tanhGrad(in.hidden, dh)};
    break;
  case Mode::rnn_relu:
    out.inputGateGrads = {m.reluGrad(in.hidden, dh)};
    break;
  }
  out.recurrentGateGrads = out.inputGateGrads;
  out.previousHiddenGrad = m.constant(0.0);
  return out;
}
