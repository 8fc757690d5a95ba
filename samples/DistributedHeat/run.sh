#!/usr/bin/env bash
# Builds samples/DistributedHeat with clang + enzyme-ad + Open MPI and runs it on 4 ranks (or $1).
#   needs: artifacts/bin/enzyme-ad (./build.sh), LLVM 22 (build/llvm-toolchain.sh), Open MPI (build/mpi-toolchain.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/build/llvm-toolchain.sh"
source "$repo/build/mpi-toolchain.sh"
enzyme_find_llvm
enzyme_find_mpi
out=$repo/artifacts/samples/DistributedHeat
mkdir -p "$out"
clang=$ENZYME_LLVM_ROOT/bin/clang
# shellcheck disable=SC2046
"$clang" -O2 $(mpicc -showme:compile) -g -emit-llvm -c "$here/heat.c" -o "$out/heat.bc"
"$repo/artifacts/bin/enzyme-ad" "$out/heat.bc" -O2 -o "$out/heat.o"
# shellcheck disable=SC2046
"$clang" "$out/heat.o" $(mpicc -showme:link) -lm -o "$out/heat"
mpirun --allow-run-as-root --oversubscribe -np "${1:-4}" "$out/heat"
