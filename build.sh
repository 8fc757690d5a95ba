#!/usr/bin/env bash
# Enzyme.Sdk build entry point.
#   ./build.sh        install the toolchain if needed, build everything, run the main job
#   ./build.sh test   build everything and run all tests
#   ./build.sh bench  build everything and run the benchmarks (bench/)
set -euo pipefail
cd "$(dirname "$0")"
repo=$(pwd)

# shellcheck source=build/llvm-toolchain.sh
source build/llvm-toolchain.sh

configuration=Release
artifacts=$repo/artifacts

build_all() {
  enzyme_find_llvm
  echo "== LLVM toolchain: $ENZYME_LLVM_ROOT"
  echo "== dotnet build ($configuration)"
  dotnet build Enzyme.Sdk.sln -c "$configuration" -nologo -v quiet
  echo "== publishing enzyme-ad to artifacts/bin"
  dotnet publish Engine/Cli/Enzyme.Cli.csproj -c "$configuration" --no-build -nologo -v quiet -o "$artifacts/bin"
  test -x "$artifacts/bin/enzyme-ad"
}

# The main job: two C files through enzyme-ad into one native executable, which checks itself.
run_main_job() {
  local sample=$repo/samples/NativePipeline out=$artifacts/samples/NativePipeline
  local clang=$ENZYME_LLVM_ROOT/bin/clang
  mkdir -p "$out"
  echo "== sample NativePipeline: C -> bitcode -> enzyme-ad (link, O2, object) -> executable"
  for source in integrate main; do
    "$clang" -O2 -Xclang -disable-llvm-passes -g -emit-llvm -c "$sample/$source.c" -o "$out/$source.bc"
  done
  "$artifacts/bin/enzyme-ad" "$out/integrate.bc" "$out/main.bc" -O2 -o "$out/nativepipeline.o"
  "$clang" "$out/nativepipeline.o" -lm -o "$out/nativepipeline"
  "$out/nativepipeline"
}

run_tests() {
  echo "== dotnet test"
  dotnet test Enzyme.Sdk.sln -c "$configuration" --no-build -nologo
}

case "${1:-}" in
  "")
    build_all
    run_main_job
    ;;
  test)
    build_all
    run_tests
    ;;
  bench)
    build_all
    bench/run.sh
    ;;
  -h|--help|help)
    sed -n '2,5p' "$0"
    ;;
  *)
    echo "build.sh: unknown command '$1' (use: ./build.sh, ./build.sh test, ./build.sh bench)" >&2
    exit 2
    ;;
esac
