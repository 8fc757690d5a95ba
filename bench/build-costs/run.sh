#!/usr/bin/env bash
# Build-time costs, written to bench/results/build-costs.json:
#  1. enzyme-ad against module size: generated modules of about 10^3, 10^4 and 10^5 LLVM
#     instructions (generate_module.awk), each timed twice with GNU time (wall clock, peak
#     resident memory): differentiation alone (-O0, bitcode out) and the whole of what
#     Enzyme.Sdk runs (-O2 after differentiation, then an object file).
#  2. dotnet build of the flagship sample, samples/Rosenbrock, in a copy of its own: cold (no
#     obj/, no bin/, an empty NuGet cache), no-op (straight after), and after touching its C
#     source. --disable-build-servers makes every build start its own MSBuild and compiler
#     processes, as a CI machine would, and leaves other users' build servers alone.
#  3. dotnet build of one library for 1 RID and for 3 (linux-x64;linux-arm64;win-x64), after
#     touching its sources.
# Run by bench/run.sh (ENZYME_LLVM_ROOT set, enzyme-ad published to artifacts/bin, Enzyme.Sdk
# packed to artifacts/packages).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
: "${ENZYME_LLVM_ROOT:?run through ./build.sh bench}"
clang=$ENZYME_LLVM_ROOT/bin/clang
llvm_dis=$ENZYME_LLVM_ROOT/bin/llvm-dis
enzyme_ad=$repo/artifacts/bin/enzyme-ad
work=$repo/artifacts/bench/build-costs
output=$repo/bench/results/build-costs.json
# The full -O2 pipeline on the largest module is cut off after this many seconds and reported
# as such, so a pathological case cannot hold up the whole benchmark run.
full_timeout=${BUILD_COSTS_TIMEOUT:-180}

rm -rf "$work"
mkdir -p "$work" "$(dirname "$output")"

# Runs a command under GNU time and sets $seconds and $peak_mib; $timed_out is true when it
# was killed by the timeout.
measure() {
  local limit=$1 log=$work/time.log
  shift
  timed_out=false
  local status=0
  # time outside timeout: a timeout kills the measured command itself, not GNU time, and the
  # peak memory of timeout's child still reaches time through wait4.
  /usr/bin/time -f '%e %M' -o "$log" timeout "$limit" "$@" >"$work/out.log" 2>&1 || status=$?
  if [ "$status" -eq 124 ]; then
    timed_out=true
    seconds=$limit
    peak_mib=0
    return 0
  fi
  if [ "$status" -ne 0 ]; then
    echo "error: '$*' failed (exit $status):" >&2
    cat "$work/out.log" >&2
    return 1
  fi
  read -r seconds peak_kib < <(tail -n 1 "$log")
  peak_mib=$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')
}

enzyme_rows=()
for statements in 200 2000 20000; do
  source=$work/module$statements.c
  awk -v statements=$statements -f bench/build-costs/generate_module.awk >"$source"
  # The front end as Enzyme.Sdk runs it: -O2, then the engine differentiates and optimises.
  "$clang" -O2 -fno-math-errno -emit-llvm -c "$source" -o "$work/module$statements.bc"
  instructions=$("$llvm_dis" "$work/module$statements.bc" -o - |
    awk '/^define/ { body = 1; next } /^}/ { body = 0 } body && /^  [^ #]/ { count++ } END { print count + 0 }')

  measure 600 "$enzyme_ad" "$work/module$statements.bc" -O0 -o "$work/module$statements.diff.bc"
  echo "   enzyme-ad, $instructions instructions, differentiate only: ${seconds} s, ${peak_mib} MiB"
  enzyme_rows+=("{\"instructions\": $instructions, \"phase\": \"differentiate\", \"seconds\": $seconds, \"peakMiB\": $peak_mib, \"timedOut\": $timed_out}")

  measure "$full_timeout" "$enzyme_ad" "$work/module$statements.bc" -O2 -o "$work/module$statements.o"
  echo "   enzyme-ad, $instructions instructions, differentiate + O2 + object: ${seconds} s, ${peak_mib} MiB$($timed_out && echo ' (timed out)')"
  enzyme_rows+=("{\"instructions\": $instructions, \"phase\": \"differentiate+O2+object\", \"seconds\": $seconds, \"peakMiB\": $peak_mib, \"timedOut\": $timed_out}")
done

# The sample's nuget.config finds the feed at ../../artifacts/packages: the copy sits two
# levels below the repository root as the original does.
sample=$repo/artifacts/bench-rosenbrock
rm -rf "$sample"
mkdir -p "$sample"
(cd samples/Rosenbrock && tar --exclude=./bin --exclude=./obj -cf - .) | (cd "$sample" && tar -xf -)
export NUGET_PACKAGES=$work/nuget-packages
build_rows=()
for scenario in cold no-op touched; do
  case $scenario in
    cold) rm -rf "$NUGET_PACKAGES" "$sample/bin" "$sample/obj" ;;
    touched) touch "$sample/native/rosen.c" ;;
  esac
  measure 600 dotnet build "$sample" -c Release -nologo --disable-build-servers
  echo "   dotnet build samples/Rosenbrock, $scenario: ${seconds} s, ${peak_mib} MiB"
  build_rows+=("{\"scenario\": \"$scenario\", \"seconds\": $seconds, \"peakMiB\": $peak_mib}")
done
# The sample must still work: a build that produced a broken library is no build time.
dotnet "$sample/bin/Release/net10.0/Rosenbrock.dll" >"$work/rosenbrock.log" ||
  { cat "$work/rosenbrock.log" >&2; echo "error: the Rosenbrock sample built for the build-cost measurement fails" >&2; exit 1; }

# One library for 1 and for 3 RIDs (EnzymeRuntimeIdentifiers): samples/RoundTrip/Library with the
# generated module of 2000 statements (about 10^4 instructions) as a second source, in a copy per
# RID list so that neither build finds the other's outputs. Timed after touching the C sources
# (compile, differentiate, link for every RID, then bindings and C#), once restored and built.
# The cross sysroots come from build/llvm-toolchain.sh.
source build/llvm-toolchain.sh
enzyme_find_cross_toolchains linux-arm64 win-x64
runtime_rows=()
for rids in "linux-x64" "linux-x64;linux-arm64;win-x64"; do
  count=$(awk -F';' '{ print NF }' <<<"$rids")
  library=$repo/artifacts/bench-runtimes-$count/Library
  rm -rf "$(dirname "$library")"
  mkdir -p "$library"
  (cd samples/RoundTrip/Library && tar --exclude=./bin --exclude=./obj -cf - .) | (cd "$library" && tar -xf -)
  cp samples/RoundTrip/nuget.config samples/RoundTrip/Directory.Packages.props "$(dirname "$library")/"
  cp "$work/module2000.c" "$library/native/module2000.c"
  rid_property="-p:EnzymeRuntimeIdentifiers=${rids//;/%3B}"
  dotnet build "$library" -c Release -nologo --disable-build-servers "$rid_property" >"$work/runtimes-$count.log" ||
    { cat "$work/runtimes-$count.log" >&2; echo "error: building the library for $rids failed" >&2; exit 1; }
  touch "$library"/native/*.c
  # CPU time (user + system, the build's processes and the tools they waited for) besides the
  # wall clock: on a shared machine the wall clock also counts waiting for a core, and the
  # difference between the two shows how much the RIDs overlapped.
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.log" \
    dotnet build "$library" -c Release -nologo --disable-build-servers "$rid_property" >"$work/out.log" 2>&1 ||
    { cat "$work/out.log" >&2; echo "error: building the library for $rids failed" >&2; exit 1; }
  read -r seconds peak_kib user_seconds system_seconds < <(tail -n 1 "$work/time.log")
  peak_mib=$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')
  cpu_seconds=$(awk -v u="$user_seconds" -v s="$system_seconds" 'BEGIN { printf "%.2f", u + s }')
  echo "   dotnet build, library for $rids, touched: ${seconds} s wall, ${cpu_seconds} s CPU, ${peak_mib} MiB"
  runtime_rows+=("{\"runtimeIdentifiers\": \"$rids\", \"count\": $count, \"seconds\": $seconds, \"cpuSeconds\": $cpu_seconds, \"peakMiB\": $peak_mib, \"loadAverage\": $(cut -d' ' -f1 /proc/loadavg)}")
done

join() { local IFS=,; echo "$*"; }
cat >"$output" <<JSON
{
  "benchmark": "build-costs",
  "cpuCount": $(nproc),
  "enzymeAd": [$(join "${enzyme_rows[@]}")],
  "dotnetBuild": [$(join "${build_rows[@]}")],
  "runtimeBuilds": [$(join "${runtime_rows[@]}")]
}
JSON
echo "wrote $output"
