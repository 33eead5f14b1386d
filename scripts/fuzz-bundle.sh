#!/usr/bin/env bash
# Builds the fuzz targets (scripts/fuzz-build.sh: static LLVM/MLIR, so they
# need no MLIR installation) and packs what a fuzzing machine needs into
# .portable/fuzz-bundle.tar.xz: bin/rnn-fuzz with its four target symlinks,
# the seed corpus, the dictionary, fuzz/run.py and fuzz/KNOWN.md. The
# binary depends only on libc, libm, libz and libzstd (Ubuntu 24.04 has
# them). Run it there with scripts/fuzz-run.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$("$root/scripts/fuzz-build.sh")"
out="$root/.portable"
stage="$out/fuzz-stage"
rm -rf "$stage"
mkdir -p "$stage/bin"
# Debug info goes (the build keeps it: symbolize a stack with
# `llvm-symbolizer-22 --obj=build-fuzz/bin/rnn-fuzz <address>`); the symbol
# table stays, so stacks name functions.
strip --strip-debug -o "$stage/bin/rnn-fuzz" "$build/bin/rnn-fuzz"
for target in parse canonicalize cpu cudnn cublas; do
  ln -s rnn-fuzz "$stage/bin/rnn-fuzz-$target"
done
echo "seeds: $(python3 "$root/fuzz/make-corpus.py" "$stage/seeds" "$root")"
cp "$root/fuzz/mlir.dict" "$root/fuzz/run.py" "$root/fuzz/KNOWN.md" "$stage/"
git -C "$root" rev-parse HEAD > "$stage/COMMIT" 2>/dev/null || true
extra=$(ldd "$stage/bin/rnn-fuzz" |
  grep -vE "linux-vdso|ld-linux|/lib(c|m|z|zstd|resolv|pthread|dl|rt)\.so" || true)
if [ -n "$extra" ]; then
  echo "fuzz-bundle: rnn-fuzz needs libraries a bare Ubuntu 24.04 lacks:" >&2
  echo "$extra" >&2
  exit 1
fi
tar -C "$stage" -cf - . | xz -T2 -6 > "$out/fuzz-bundle.tar.xz"
rm -rf "$stage"
ls -la "$out/fuzz-bundle.tar.xz"
