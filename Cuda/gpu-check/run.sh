#!/usr/bin/env bash
# Runs the GPU check on a machine with an NVIDIA driver (libcuda.so.1); needs no CUDA SDK, dotnet or LLVM.
# build.sh copies it beside the PTX files and gpucheck it makes (clang-22 + enzyme-ad, sm_90).
here="$(cd "$(dirname "$0")" && pwd)"
echo "== nvidia-smi -L"
nvidia-smi -L || echo "(nvidia-smi unavailable)"
echo "== gpucheck $here"
"$here/gpucheck" "$here"
rc=$?
echo "== gpucheck exit status $rc (0: all pass, 1: a check failed, 2: driver/PTX/launch error)"
exit $rc
