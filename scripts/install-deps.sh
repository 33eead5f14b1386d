#!/usr/bin/env bash
# Installs what rnn-mlir needs on Debian 12 (MLIR/LLVM 22, a C++ toolchain,
# OpenBLAS, GoogleTest, and NumPy/PyTorch for the numerical tests). Does
# nothing when everything is already installed.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ git xz-utils
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libzstd-dev zlib1g-dev libgtest-dev libopenblas-dev
  python3 python3-numpy python3-torch python3-matplotlib
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
