#!/usr/bin/env bash
# Builds the GPU check on the development machine (needs clang++-22 and the published engine,
# artifacts/bin/enzyme-ad from ./build.sh; the GPU machine needs neither). Outputs go to
# artifacts/gpu-check/ (or the folder given as $1): *.cu -> bitcode (device side, sm_90, no CUDA SDK) -> enzyme-ad -> *.ptx, and gpucheck.c -> gpucheck.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
clangxx=/usr/lib/llvm-22/bin/clang++
clang=/usr/lib/llvm-22/bin/clang
enzyme="$root/artifacts/bin/enzyme-ad"
out="${1:-$root/artifacts/gpu-check}"
mkdir -p "$out"
cp "$here/run.sh" "$out/"
arch=sm_90
for name in reductions elementwise; do
  "$clangxx" -x cuda --cuda-device-only --cuda-gpu-arch=$arch -nocudainc -nocudalib \
    -Xclang -target-feature -Xclang +ptx78 \
    -include "$root/Sdk/build/include/enzyme_cuda.h" \
    -O2 -g -emit-llvm -c "$here/$name.cu" -o "$out/$name.bc"
  "$enzyme" "$out/$name.bc" -o "$out/$name.ptx" -O2 --cpu $arch
  grep -o '\.entry [a-z_]*' "$out/$name.ptx" | sed "s/^/$name.ptx: /"
done
"$clang" -O2 -Wall -Wextra -std=c11 -o "$out/gpucheck" "$here/gpucheck.c" -ldl -lm
