#!/usr/bin/env bash
# Builds bench/openmp (objectives.c differentiated twice by enzyme-ad -O2: the default, and with
# --openmp-atomic-scalar-adjoints; openmp_gradient.c times both and a hand-written gradient) and prints the
# table. Arguments go to the program: [n] [--out FILE] (bench/run.sh passes --out bench/results/openmp.json).
# Needs a build of the repository (artifacts/bin/enzyme-ad.dll as ./build.sh publishes it, or Engine/Cli's
# Release build) and libomp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/build/llvm-toolchain.sh"
enzyme_find_llvm
enzyme_ad=$repo/artifacts/bin/enzyme-ad.dll
[ -f "$enzyme_ad" ] || enzyme_ad=$repo/Engine/Cli/bin/Release/net10.0/enzyme-ad.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang=$ENZYME_LLVM_ROOT/bin/clang
for variant in private atomic; do
  "$clang" -fopenmp -O2 -fno-vectorize -fno-slp-vectorize -DVARIANT=$variant -emit-llvm -c "$here/objectives.c" -o "$out/$variant.bc"
  flags=()
  [ $variant = atomic ] && flags=(--openmp-atomic-scalar-adjoints)
  dotnet "$enzyme_ad" "$out/$variant.bc" -o "$out/$variant.o" -O2 "${flags[@]}"
done
"$clang" -fopenmp -O2 -fno-vectorize -fno-slp-vectorize "$here/openmp_gradient.c" "$out/private.o" "$out/atomic.o" -lm -o "$out/openmp_gradient"
"$out/openmp_gradient" "$@"
