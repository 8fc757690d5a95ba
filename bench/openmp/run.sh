#!/usr/bin/env bash
# Builds bench/openmp/openmp_gradient.c through enzyme-ad and prints the timing table (not part of
# bench/run.sh, which runs the SDK benchmarks). Needs a build of the repository (Engine/Cli) and libomp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/build/llvm-toolchain.sh"
enzyme_find_llvm
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$ENZYME_LLVM_ROOT/bin/clang" -fopenmp -O2 -fno-vectorize -fno-slp-vectorize -emit-llvm -c "$here/openmp_gradient.c" -o "$out/g.bc"
dotnet "$repo/Engine/Cli/bin/Release/net10.0/enzyme-ad.dll" "$out/g.bc" -o "$out/g.o" -O2
"$ENZYME_LLVM_ROOT/bin/clang" "$out/g.o" -fopenmp -lm -o "$out/openmp_gradient"
"$out/openmp_gradient" "$@"
