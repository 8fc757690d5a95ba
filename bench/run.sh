#!/usr/bin/env bash
# Runs every benchmark under bench/: each folder holds one C program that times a derivative
# against its primal (ADBench method) and checks it first. Sources are compiled with clang at
# -O2 -fno-math-errno to bitcode (without errno, math calls are pure and LICM can hoist them,
# as in the Enzyme paper's normalize example), differentiated and optimised by
# artifacts/bin/enzyme-ad, linked and run.
# Results go to bench/results/<name>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ENZYME_LLVM_ROOT:?run through ./build.sh bench}"
clang=$ENZYME_LLVM_ROOT/bin/clang
out=artifacts/bench
mkdir -p "$out" bench/results
for dir in bench/*/; do
  name=$(basename "$dir")
  [ "$name" = results ] && continue
  sources=("$dir"*.c)
  [ -e "${sources[0]}" ] || continue
  bitcode=()
  for source in "${sources[@]}"; do
    bc=$out/$name-$(basename "$source" .c).bc
    "$clang" -O2 -fno-math-errno -g -emit-llvm -c "$source" -o "$bc"
    bitcode+=("$bc")
  done
  echo "== $name"
  artifacts/bin/enzyme-ad "${bitcode[@]}" -O2 -o "$out/$name.o" --report | tee "bench/results/$name.txt"
  "$clang" "$out/$name.o" -lm -o "$out/$name"
  "$out/$name" | tee -a "bench/results/$name.txt"
done
