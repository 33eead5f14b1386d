#!/usr/bin/env bash
# Installs what rnn-mlir needs on Debian 12 (MLIR/LLVM 22, a C++ toolchain,
# OpenBLAS, oneDNN, GoogleTest, the ONNX protobuf classes for rnn-translate, and
# NumPy/PyTorch/ONNX plus ONNX's backend test data for the numerical tests).
# Does nothing when everything is already installed. ONNX Runtime is not a
# Debian package: scripts/install-python-deps.sh puts it in the build folder.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ git xz-utils
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libzstd-dev zlib1g-dev libgtest-dev libopenblas-dev libdnnl-dev
  libonnx-dev libprotobuf-dev
  python3 python3-numpy python3-torch python3-matplotlib python3-pip
  python3-onnx libonnx-testdata
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
