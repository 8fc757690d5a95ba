#!/usr/bin/env bash
# Runs every benchmark under bench/ (see bench/README.md) and writes bench/results/report.md and
# bench/results/ratios.svg. Called by ./build.sh bench after the build and the pack, which set
# ENZYME_LLVM_ROOT and put the Enzyme.Sdk package just built into artifacts/packages.
#
# All benchmarks are built before any is run, so no compiler competes with a timing loop for
# the CPU. A benchmark that fails (a wrong gradient, a build error) fails the run, after the
# others have run and the report has been written from what there is.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
: "${ENZYME_LLVM_ROOT:?run through ./build.sh bench}"
configuration=Release
results=bench/results

build/bench-deps.sh

mkdir -p "$results"
# Results of an earlier run must not pass for this run's.
rm -f "$results"/*.json "$results"/report.md "$results"/ratios.svg

failed=()
start=$SECONDS

echo "== build-time costs"
bench/build-costs/run.sh || failed+=(build-costs)

# A package cache of our own, emptied once per run, and a forced re-evaluation of the floating
# version: every benchmark gets the package just packed (as build.sh's run_sdk_sample does).
export NUGET_PACKAGES=$repo/artifacts/bench/nuget-packages
rm -rf "$NUGET_PACKAGES"

projects=()
for project in bench/*/*.csproj; do
  # The report and the engine comparison's table are consoles, not benchmarks.
  case "$(basename "$project")" in Report.csproj|Compare.csproj) continue ;; esac
  projects+=("$project")
done

built=()
for project in "${projects[@]}"; do
  name=$(basename "$(dirname "$project")")
  echo "== build $name"
  if dotnet restore "$project" --force-evaluate -nologo -v quiet &&
    dotnet build "$project" -c "$configuration" --no-restore -nologo -v quiet; then
    built+=("$project")
  else
    failed+=("$name (build)")
  fi
done

for project in "${built[@]}"; do
  name=$(basename "$(dirname "$project")")
  echo "== run $name"
  bench_start=$SECONDS
  if ! dotnet run --project "$project" -c "$configuration" --no-build; then
    failed+=("$name")
  fi
  echo "== $name took $((SECONDS - bench_start)) s"
done

# Not a .csproj: the same sources through each front-end recipe and enzyme-ad (issue #15), timed
# after the builds above like every other benchmark.
echo "== run frontends"
bench_start=$SECONDS
bench/frontends/run.sh || failed+=(frontends)
echo "== frontends took $((SECONDS - bench_start)) s"

# Not a .csproj either: OpenMP gradients at 1, 2, 4 ... threads (issue #16), checked against closed forms.
echo "== run openmp"
bench_start=$SECONDS
bench/openmp/run.sh --out "$results/openmp.json" || failed+=(openmp)
echo "== openmp took $((SECONDS - bench_start)) s"

echo "== report"
{ dotnet build bench/Report -c "$configuration" -nologo -v quiet &&
  dotnet run --project bench/Report -c "$configuration" --no-build -- "$repo/bench"; } ||
  failed+=(report)

echo "== bench took $((SECONDS - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "error: failed: ${failed[*]}" >&2
  exit 1
fi
