#!/usr/bin/env bash
# Times two enzyme-ad builds side by side in one run (bench/README.md, "Comparing two engine
# builds"): machines and load vary too much between runs for two separate runs to compare.
#
#   bench/compare-engines.sh BASELINE_ENZYME_AD_DLL [benchmark...]
#
# BASELINE_ENZYME_AD_DLL is another build's published enzyme-ad.dll (dotnet publish
# Engine/Cli/Enzyme.Cli.csproj -c Release -o DIR, from an older commit). The current build is the
# Enzyme.Sdk package ./build.sh packed into artifacts/packages; ENZYME_LLVM_ROOT must be set, as
# for bench/run.sh. Benchmarks are bench/ folder names (default: every benchmark that does not
# link ADOL-C, which only its baselines need).
#
# Every benchmark is built twice, from copies under artifacts/bench/compare/{baseline,current}/,
# the baseline with the global property _EnzymeAdPath=BASELINE_ENZYME_AD_DLL, and their libraries'
# machine code compared; then ROUNDS rounds (default 2) run each benchmark with the baseline
# build and then with the current one. The table (bench/Compare) is printed and written to
# bench/results/compare.md. A failed build, a build that did not use the engine it was meant to,
# or a failed derivative check fails the run.
set -euo pipefail

# The header comment from the usage line on.
usage() {
  awk 'NR >= 5 && !/^#/ { exit } NR >= 5 { sub(/^# ?/, ""); print }' "$0"
}

fail() {
  echo "error: $*" >&2
  exit 1
}

if [ $# -lt 1 ]; then
  usage >&2
  exit 2
fi
case "$1" in
  -h|--help) usage; exit 0 ;;
esac
[[ $1 == *.dll ]] || fail "'$1' is not an enzyme-ad.dll"
[ -f "$1" ] || fail "baseline enzyme-ad '$1' not found"
baseline_dll=$(realpath "$1")
shift
# dotnet runs enzyme-ad.dll through the runtimeconfig and deps files that dotnet publish writes next to it.
[ -f "${baseline_dll%.dll}.runtimeconfig.json" ] ||
  fail "$baseline_dll has no ${baseline_dll%.dll}.runtimeconfig.json next to it: pass the enzyme-ad.dll of a dotnet publish output"

cd "$(dirname "$0")/.."
repo=$(pwd)
: "${ENZYME_LLVM_ROOT:?set it first: source build/llvm-toolchain.sh && enzyme_find_llvm}"
rounds=${ROUNDS:-2}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || fail "ROUNDS='$rounds' is not a positive whole number"
configuration=Release
version_file=artifacts/packages/Enzyme.Sdk.version
[ -f "$version_file" ] || fail "no Enzyme.Sdk package in artifacts/packages: run ./build.sh first"
version=$(cat "$version_file")
compare=$repo/artifacts/bench/compare
start=$SECONDS

# The project of a benchmark: the one .csproj in bench/<name>/ that references Enzyme.Sdk
# (bench/Report and bench/Compare do not).
benchmark_project() {
  local projects=("bench/$1"/*.csproj)
  [ ${#projects[@]} -eq 1 ] && [ -f "${projects[0]}" ] &&
    grep -q 'Include="Enzyme.Sdk"' "${projects[0]}" &&
    echo "${projects[0]}"
}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for project in bench/*/*.csproj; do
    grep -q 'Include="Enzyme.Sdk"' "$project" || continue
    grep -q -- '-ladolc' "$project" && continue
    names+=("$(basename "$(dirname "$project")")")
  done
fi
projects=()
needs_adolc=false
for name in "${names[@]}"; do
  project=$(benchmark_project "$name") || fail "'$name' is not a benchmark (bench/$name/ has no project that references Enzyme.Sdk)"
  projects+=("$project")
  if grep -q -- '-ladolc' "$project"; then
    needs_adolc=true
  fi
done
if $needs_adolc; then
  build/bench-deps.sh
fi

echo "== comparing enzyme-ad builds on: ${names[*]} (rounds: $rounds)"
echo "   baseline: $baseline_dll"
echo "   current:  Enzyme.Sdk $version (artifacts/packages)"

# Results and builds of an earlier comparison must not pass for this one's.
rm -rf "$compare"

# One copy of the benchmark's folder per build, so the two builds' obj/ and bin/ never meet. The
# copy keeps bench/'s layout around it: ../common for the shared sources and the timing header,
# Directory.Packages.props (central package management off), data/ for the inputs.
copy_benchmark() {
  local name=$1 root=$2
  if [ ! -d "$root/common" ]; then
    mkdir -p "$root"
    cp bench/Directory.Packages.props "$root/"
    cp -r bench/common "$root/common"
    ln -s "$repo/bench/data" "$root/data"
  fi
  tar -C bench --exclude=./"$name"/bin --exclude=./"$name"/obj -cf - ./"$name" | tar -C "$root" -xf -
}

# Builds one side's copy of a benchmark with a package cache of its own, emptied by the rm
# above, and a forced re-evaluation of the floating version (as bench/run.sh does), so both sides
# get the package just packed. bench/nuget.config names artifacts/packages relative to itself,
# so it is passed as it is rather than copied. The build log is kept (normal verbosity: it has
# the command line of every enzyme-ad run) to check which engine the build ran.
build_side() {
  local side=$1 name=$2 root=$compare/$1
  local project=$root/$name/$(basename "$(benchmark_project "$name")")
  local log=$root/$name.build.log
  local engine_property=()
  if [ "$side" = baseline ]; then
    # A global property: it overrides the value Enzyme.Sdk.props gives _EnzymeAdPath.
    engine_property=("-p:_EnzymeAdPath=$baseline_dll")
  fi
  copy_benchmark "$name" "$root"
  echo "== build $name ($side)"
  NUGET_PACKAGES=$root/nuget-packages dotnet restore "$project" --configfile "$repo/bench/nuget.config" \
    --force-evaluate -nologo -v quiet ||
    fail "restore of $name ($side) failed"
  NUGET_PACKAGES=$root/nuget-packages dotnet build "$project" -c "$configuration" --no-restore -nologo -v quiet \
    "${engine_property[@]}" -flp:"LogFile=$log;Verbosity=normal" ||
    fail "build of $name ($side) failed (log: $log)"
  check_engine "$side" "$name" "$log"
}

# The proof that each build ran the engine it was meant to: the enzyme-ad command lines in its
# log name the baseline dll, or the package's tools/enzyme-ad.dll, and never the other one.
check_engine() {
  local side=$1 name=$2 log=$3
  local package_dll=$compare/$side/nuget-packages/enzyme.sdk/${version,,}/tools/enzyme-ad.dll
  local used=$package_dll unused=$baseline_dll
  if [ "$side" = baseline ]; then
    used=$baseline_dll
    unused=$package_dll
  fi
  grep -qF -- "$used" "$log" ||
    fail "the $side build of $name did not run $used (log: $log)"
  if grep -qF -- "$unused" "$log"; then
    fail "the $side build of $name ran $unused (log: $log)"
  fi
}

for side in baseline current; do
  for name in "${names[@]}"; do
    build_side "$side" "$name"
  done
done
echo "== both builds ran the engine meant for them (checked in their build logs)"

# Whether the engine change reached a benchmark at all: when both builds' libraries have the same
# machine code (.text bytes), every difference in its table is noise. Listed for bench/Compare.
same_machine_code() {
  local name=$1 side library
  for side in baseline current; do
    library=("$compare/$side/$name/bin/$configuration"/*/lib*.so)
    [ ${#library[@]} -eq 1 ] && [ -f "${library[0]}" ] || return 1
    "$ENZYME_LLVM_ROOT/bin/llvm-objcopy" -O binary --only-section=.text "${library[0]}" "$compare/$side/$name.text" ||
      return 1
  done
  cmp -s "$compare/baseline/$name.text" "$compare/current/$name.text"
}

runs=$compare/runs
mkdir -p "$runs"
: > "$runs/same-code.txt"
for name in "${names[@]}"; do
  if same_machine_code "$name"; then
    echo "$name" >> "$runs/same-code.txt"
    echo "== $name: both builds have the same machine code"
  else
    echo "== $name: the builds' machine code differs"
  fi
done

# Built before the timing starts, so no compiler competes with a timing loop.
echo "== build bench/Compare"
dotnet build bench/Compare -c "$configuration" -nologo -v quiet

for round in $(seq 1 "$rounds"); do
  for name in "${names[@]}"; do
    for side in baseline current; do
      echo "== round $round/$rounds: $name ($side)"
      run_start=$SECONDS
      dotnet run --project "$compare/$side/$name" -c "$configuration" --no-build -- \
        --out "$runs/$side/round-$round/$name.json" ||
        fail "$name ($side) failed in round $round: a wrong derivative or a crash (output above)"
      echo "== $name ($side) took $((SECONDS - run_start)) s"
    done
  done
done

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- Engine Sdk Tasks || commit+=" with uncommitted changes"
echo "== compare"
dotnet run --project bench/Compare -c "$configuration" --no-build -- "$runs" bench/results/compare.md \
  "\`$baseline_dll\`" "Enzyme.Sdk $version from artifacts/packages (worktree at $commit)"
echo "== comparison took $((SECONDS - start)) s"
