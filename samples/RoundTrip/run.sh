#!/usr/bin/env bash
# Packs the library into a local folder feed, then builds and runs the consumer against that
# package. Needs Enzyme.Sdk in ../../artifacts/packages (run ../../build.sh first).
set -euo pipefail
cd "$(dirname "$0")"
out=$(cd ../.. && pwd)/artifacts/samples/RoundTrip
# The library is built for linux-x64, linux-arm64 and win-x64: the cross sysroots (apt, as root).
source ../../build/llvm-toolchain.sh
enzyme_find_cross_toolchains linux-arm64 win-x64
# A private package cache: a re-packed RoundTrip.Statistics 1.0.0 must not be shadowed by an
# older copy of the same version in ~/.nuget/packages.
export NUGET_PACKAGES=$out/nuget-cache
rm -rf "$NUGET_PACKAGES/roundtrip.statistics"
dotnet pack Library -c Release -nologo -o "$out/packages"
dotnet run --project Consumer -c Release
