#!/usr/bin/env bash
# Enzyme.Sdk build entry point.
#   ./build.sh        install the toolchain if needed, build everything, pack Enzyme.Sdk into
#                     artifacts/packages, run the main job (NativePipeline, then samples/Rosenbrock)
#   ./build.sh test   build everything, pack Enzyme.Sdk, install Open MPI, the linux-arm64 and win-x64
#                     sysroots, qemu-user and wine64 if needed, find rustc (PATH, ~/.cargo/bin), run
#                     all tests (the SDK tests use the pack; the MPI tests use mpicc and mpirun; the
#                     cross-target tests qemu and wine; the Rust tests rustc)
#   ./build.sh bench  build everything, pack Enzyme.Sdk, run the benchmarks (bench/run.sh: installs
#                     ADOL-C if needed, writes bench/results/report.md and ratios.svg)
set -euo pipefail
cd "$(dirname "$0")"
repo=$(pwd)

# shellcheck source=build/llvm-toolchain.sh
source build/llvm-toolchain.sh
# shellcheck source=build/mpi-toolchain.sh
source build/mpi-toolchain.sh
# shellcheck source=build/rust-toolchain.sh
source build/rust-toolchain.sh

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
  pack_sdk
}

# Packs Enzyme.Sdk (build/ props, targets and tasks; tools/ enzyme-ad) into the local feed
# artifacts/packages with a version unique to this build, 0.1.0-dev.<UTC time>, so no NuGet
# cache can serve an older package under the same version. Samples and tests reference it as
# Version="0.1.0-*" (the newest in the feed); the version is also written to
# artifacts/packages/Enzyme.Sdk.version.
pack_sdk() {
  local packages=$artifacts/packages
  ENZYME_SDK_VERSION=0.1.0-dev.$(date -u +%Y%m%d%H%M%S)
  export ENZYME_SDK_VERSION
  mkdir -p "$packages"
  rm -f "$packages"/Enzyme.Sdk.*.nupkg "$packages"/Enzyme.Cuda.*.nupkg
  echo "== packing Enzyme.Sdk and Enzyme.Cuda $ENZYME_SDK_VERSION to artifacts/packages"
  dotnet pack Sdk/Enzyme.Sdk.csproj -c "$configuration" --no-build -nologo -v quiet \
    -p:PackageVersion="$ENZYME_SDK_VERSION" -o "$packages"
  dotnet pack Cuda/Enzyme.Cuda/Enzyme.Cuda.csproj -c "$configuration" --no-build -nologo -v quiet \
    -p:PackageVersion="$ENZYME_SDK_VERSION" -o "$packages"
  echo "$ENZYME_SDK_VERSION" > "$packages/Enzyme.Sdk.version"
}

# Builds and runs a sample that references Enzyme.Sdk, with a package cache of its own (emptied
# first) and a forced restore, so it always gets the package just packed.
run_sdk_sample() {
  local project=$1
  local -x NUGET_PACKAGES=$artifacts/samples/nuget-packages
  rm -rf "$NUGET_PACKAGES"
  dotnet restore "$project" --force-evaluate -nologo -v quiet
  dotnet run --project "$project" -c "$configuration" --no-restore
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

# The flagship sample: C objective, gradient by Enzyme.Sdk, L-BFGS in C#.
run_rosenbrock() {
  echo "== sample Rosenbrock: dotnet run (Enzyme.Sdk $ENZYME_SDK_VERSION)"
  run_sdk_sample samples/Rosenbrock
}

case "${1:-}" in
  "")
    build_all
    run_main_job
    if [ -d samples/Rosenbrock ]; then
      run_rosenbrock
    fi
    ;;
  test)
    build_all
    # The MPI corpus (tests/corpus/mpi) builds with mpicc's flags and runs under mpirun.
    enzyme_find_mpi
    # The cross-target tests (tests/Enzyme.Sdk.Tests/CrossTargets) and samples/RoundTrip build for
    # linux-arm64 and win-x64 and run the results under qemu-aarch64 and wine64.
    enzyme_find_cross_toolchains
    enzyme_find_cross_runners
    # The Rust corpus and the SDK's Rust builds need rustc (on PATH, or rustup's ~/.cargo/bin).
    enzyme_find_rustc
    echo "== rustc: $(command -v rustc) ($(rustc --version))"
    run_tests
    ;;
  bench)
    build_all
    bench/run.sh
    ;;
  -h|--help|help)
    sed -n '2,7p' "$0"
    ;;
  *)
    echo "build.sh: unknown command '$1' (use: ./build.sh, ./build.sh test, ./build.sh bench)" >&2
    exit 2
    ;;
esac
