#!/usr/bin/env bash
# bench/frontends: how fast Enzyme's gradient is depending on how the bitcode was made (issue #15).
# GMM d10 K25, BA and LSTM (the native sources of bench/gmm, bench/ba, bench/lstm) are compiled to
# bitcode by each front-end recipe below, differentiated and optimised by `enzyme-ad BC -O2 -o X.o`
# (the objective too, so it is optimised the same way in every recipe), linked with a small C
# driver (bench/frontends/*_driver.c) that times objective and gradient with the ADBench method and
# checks the gradient it timed. Writes bench/results/frontends.json; see bench/frontends/README.md.
#
# Environment:
#   ENZYME_AD             the enzyme-ad to use (an executable, or an enzyme-ad.dll run with dotnet);
#                         default artifacts/bin/enzyme-ad
#   FRONTENDS_BENCHMARKS  which benchmarks, e.g. "gmm lstm"; default "gmm ba lstm"
#   FRONTENDS_RECIPES     which recipes; default all five
#   FRONTENDS_OUT         the results file; default bench/results/frontends.json
#   ADBENCH_MIN_BATCH_SECONDS  shorter timing batches (e.g. 0.05) while developing
#   ENZYME_LLVM_ROOT      the LLVM 22 toolchain; found by build/llvm-toolchain.sh when unset
#
# A recipe that fails (clang, enzyme-ad, link, a crash or a wrong gradient) gives rows marked
# unchecked with the error in the note, and the others still run; the script exits 1 at the end
# when anything failed.
set -euo pipefail
# Paths given in the environment are relative to where the script was started.
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
[ -z "${ENZYME_AD:-}" ] || ENZYME_AD=$(absolute "$ENZYME_AD")
[ -z "${FRONTENDS_OUT:-}" ] || FRONTENDS_OUT=$(absolute "$FRONTENDS_OUT")
cd "$(dirname "$0")/../.."
repo=$(pwd)

if [ -z "${ENZYME_LLVM_ROOT:-}" ]; then
  # shellcheck source=../../build/llvm-toolchain.sh
  source build/llvm-toolchain.sh
  enzyme_find_llvm
fi
llvm_bin=$ENZYME_LLVM_ROOT/bin

enzyme_ad=${ENZYME_AD:-$repo/artifacts/bin/enzyme-ad}
if [ ! -f "$enzyme_ad" ]; then
  echo "error: enzyme-ad not found at $enzyme_ad (publish it, see bench/frontends/README.md, or set ENZYME_AD)" >&2
  exit 1
fi
run_enzyme_ad() {
  case "$enzyme_ad" in
    *.dll) dotnet "$enzyme_ad" "$@" ;;
    *) "$enzyme_ad" "$@" ;;
  esac
}

read -r -a benchmarks <<<"${FRONTENDS_BENCHMARKS:-gmm ba lstm}"
read -r -a recipes <<<"${FRONTENDS_RECIPES:-sdk O2 O2-disable-llvm-passes O0 O0-optnone}"
out=${FRONTENDS_OUT:-bench/results/frontends.json}
work=$repo/artifacts/bench/frontends

# The front-end flags of each recipe. sdk is what Tasks/CompileToBitcode.cs passes for C and C++,
# less the dependency file (-MD -MF -MQ) and the diagnostics options, which change no code.
recipe_flags() {
  case "$1" in
    sdk) echo "-c -emit-llvm -O2 -g -fno-vectorize -fno-slp-vectorize -mllvm -unroll-runtime=false -mllvm -unroll-allow-partial=false -fPIC" ;;
    O2) echo "-O2 -emit-llvm -c" ;;
    O2-disable-llvm-passes) echo "-O2 -Xclang -disable-llvm-passes -emit-llvm -c" ;;
    O0) echo "-O0 -Xclang -disable-O0-optnone -emit-llvm -c" ;;
    O0-optnone) echo "-O0 -emit-llvm -c" ;;
    *) return 1 ;;
  esac
}

# Per benchmark: the source, its compiler, the options its .csproj adds to every compile
# (EnzymeAdditionalOptions: they belong to the benchmark, so every recipe gets them), the case
# label, and the driver's arguments after the rows file.
gmm_input=bench/data/gmm/gmm_d10_K25.txt
bench_source() {
  case "$1" in
    gmm) echo bench/gmm/native/gmm.cpp ;;
    ba) echo bench/ba/native/ba.c ;;
    lstm) echo bench/lstm/native/lstm.c ;;
    *) return 1 ;;
  esac
}
bench_compiler() { case "$1" in gmm) echo clang++ ;; *) echo clang ;; esac; }
bench_options() { case "$1" in gmm) echo "" ;; *) echo "-fno-math-errno" ;; esac; }
bench_label() {
  case "$1" in
    gmm) echo "gmm d10 K25" ;;
    ba) echo "ba n=100000" ;;
    lstm) echo "lstm c=1024" ;;
  esac
}
bench_arguments() { case "$1" in gmm) echo "$repo/$gmm_input" ;; *) echo "" ;; esac; }

for name in "${benchmarks[@]}"; do
  bench_source "$name" >/dev/null || { echo "error: unknown benchmark '$name' (gmm, ba, lstm)" >&2; exit 1; }
done
for recipe in "${recipes[@]}"; do
  recipe_flags "$recipe" >/dev/null || { echo "error: unknown recipe '$recipe' (sdk O2 O2-disable-llvm-passes O0 O0-optnone)" >&2; exit 1; }
done

# JSON text of a string: the notes hold compiler messages, so quotes, backslashes and control
# characters are escaped or dropped here, in one place.
json_string() {
  local text
  text=$(printf '%s' "$1" | tr '\n\t\r' '   ' | LC_ALL=C tr -d '\000-\037')
  text=${text//\\/\\\\}
  text=${text//\"/\\\"}
  printf '"%s"' "$text"
}

# A JSON number, or 0 for what is not one (a driver that printed nan or inf).
json_number() {
  if [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; then printf '%s' "$1"; else printf '0'; fi
}

rows=()
failed=()
summary=()

add_row() { # case tool seconds ratio checked(0/1) note
  local checked=false
  [ "$5" = 1 ] && checked=true
  rows+=("    { \"case\": $(json_string "$1"), \"tool\": $(json_string "$2"), \"seconds\": $(json_number "$3"), \"ratio\": $(json_number "$4"), \"checked\": $checked, \"note\": $(json_string "$6") }")
}

# The first error lines of a log (ENZ errors first: they name what the engine could not do), for
# a note; the whole log is printed to the console.
first_errors() {
  local log=$1 lines
  lines=$(grep -m 3 -E 'error ENZ[0-9]+' "$log" || true)
  [ -n "$lines" ] || lines=$(grep -m 3 -E 'error' "$log" || true)
  [ -n "$lines" ] || lines=$(grep -v '^[[:space:]]*$' "$log" | tail -n 3 || true)
  [ -n "$lines" ] || lines="no output"
  printf '%s' "$lines" | tr '\n' ' ' | cut -c 1-600
}

# Both rows of a recipe that produced no timing.
fail_recipe() { # name recipe flags message
  local label
  label="$(bench_label "$1") / $2"
  for tool in primal enzyme-reverse; do
    add_row "$label" "$tool" 0 0 0 "FAILED: $4; $2: $3"
  done
  failed+=("$1/$2")
  summary+=("$(printf '%-9s %-24s %13s %13s %8s %10s  FAILED: %s' "$1" "$2" - - - - "$4")")
  echo "   FAILED: $4"
}

rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
rm -f "$out"
start=$SECONDS

# What does not depend on the recipe is compiled once, by plain clang -O2: the drivers and GMM's
# hand-written reference gradient.
echo "== frontends: drivers (enzyme-ad: $enzyme_ad)"
for name in "${benchmarks[@]}"; do
  "$llvm_bin/clang" -O2 -c "bench/frontends/${name}_driver.c" -o "$work/${name}_driver.o"
done
case " ${benchmarks[*]} " in
  *" gmm "*) "$llvm_bin/clang" -O2 -c bench/gmm/native/gmm_hand.c -o "$work/gmm_hand.o" ;;
esac

for name in "${benchmarks[@]}"; do
  source_file=$(bench_source "$name")
  compiler=$(bench_compiler "$name")
  options=$(bench_options "$name")
  label=$(bench_label "$name")
  read -r -a arguments <<<"$(bench_arguments "$name")"
  for recipe in "${recipes[@]}"; do
    flags=$(recipe_flags "$recipe")
    described="$compiler $flags${options:+ $options}"
    dir=$work/$name/$recipe
    mkdir -p "$dir"
    echo "== frontends: $name / $recipe: $described"

    # shellcheck disable=SC2086 # the flags are words
    if ! "$llvm_bin/$compiler" $flags $options "$source_file" -o "$dir/$name.bc" >"$dir/clang.log" 2>&1; then
      cat "$dir/clang.log"
      fail_recipe "$name" "$recipe" "$described" "clang failed: $(first_errors "$dir/clang.log")"
      continue
    fi
    if ! run_enzyme_ad "$dir/$name.bc" -O2 -o "$dir/$name.o" >"$dir/enzyme-ad.log" 2>&1; then
      cat "$dir/enzyme-ad.log"
      fail_recipe "$name" "$recipe" "$described" "enzyme-ad failed: $(first_errors "$dir/enzyme-ad.log")"
      continue
    fi
    cat "$dir/enzyme-ad.log"
    objects=("$work/${name}_driver.o" "$dir/$name.o")
    libraries=(-lm)
    if [ "$name" = gmm ]; then
      objects+=("$work/gmm_hand.o")
      libraries=(-lstdc++ -lm)
    fi
    if ! "$llvm_bin/clang" -fuse-ld=lld -o "$dir/$name" "${objects[@]}" "${libraries[@]}" >"$dir/link.log" 2>&1; then
      cat "$dir/link.log"
      fail_recipe "$name" "$recipe" "$described" "link failed: $(first_errors "$dir/link.log")"
      continue
    fi

    status=0
    "$dir/$name" "$dir/rows.tsv" "${arguments[@]}" || status=$?
    if [ ! -s "$dir/rows.tsv" ]; then
      fail_recipe "$name" "$recipe" "$described" "the driver exited with status $status before timing anything"
      continue
    fi
    # The first calls, in a process of their own: one call per batch makes each time the best of
    # the first 5 calls. The gradient's arrays reach their pooled sizes only after some calls (the
    # engine's cache pool), up to tens of calls at O0, so a short batch can time 10x what the
    # ADBench estimate above says; the note keeps both. This run checks its gradient too.
    first_status=0
    ADBENCH_MIN_BATCH_SECONDS=1e-9 "$dir/$name" "$dir/first-calls.tsv" "${arguments[@]}" >"$dir/first-calls.log" 2>&1 ||
      first_status=$?
    first_ratio=$(awk -F'\t' '$1 == "enzyme-reverse" { print $3 }' "$dir/first-calls.tsv" 2>/dev/null || true)
    first=$(awk -F'\t' '$1 == "enzyme-reverse" { printf "best of the first 5 calls %.3f ms, %.2fx the objective", 1e3 * $2, $3 }' \
      "$dir/first-calls.tsv" 2>/dev/null || true)
    if [ "$first_status" -ne 0 ]; then
      cat "$dir/first-calls.log"
      first="the first-calls run failed with status $first_status${first:+ ($first)}"
    fi

    primal_seconds=0 gradient_seconds=0 ratio=0 verdict=ok
    while IFS=$'\t' read -r tool seconds row_ratio checked note; do
      [ "$tool" = enzyme-reverse ] && note="$note; ${first:-first calls not measured}"
      add_row "$label / $recipe" "$tool" "$seconds" "$row_ratio" "$checked" "$note; $recipe: $described"
      case "$tool" in
        primal) primal_seconds=$seconds ;;
        enzyme-reverse) gradient_seconds=$seconds ratio=$row_ratio ;;
      esac
      [ "$checked" = 1 ] || verdict=WRONG
    done <"$dir/rows.tsv"
    if [ "$status" -ne 0 ] || [ "$first_status" -ne 0 ] || [ "$verdict" != ok ]; then
      failed+=("$name/$recipe (status $status, first calls $first_status, $verdict)")
      verdict="WRONG (status $status, first calls $first_status)"
    fi
    summary+=("$(awk -v n="$name" -v r="$recipe" -v p="$primal_seconds" -v g="$gradient_seconds" -v q="$ratio" \
      -v f="${first_ratio:-0}" -v v="$verdict" \
      'BEGIN { printf "%-9s %-24s %10.3f ms %10.3f ms %7.2fx %9.2fx  %s", n, r, 1e3 * p, 1e3 * g, q, f, v }')")
  done
done

{
  echo '{'
  echo '  "benchmark": "frontends",'
  echo '  "rows": ['
  for ((i = 0; i < ${#rows[@]}; i++)); do
    if ((i + 1 < ${#rows[@]})); then echo "${rows[i]},"; else echo "${rows[i]}"; fi
  done
  echo '  ]'
  echo '}'
} >"$out"

echo "== frontends: gradient time ÷ objective time by front-end recipe (enzyme-ad -O2)"
printf '%-9s %-24s %13s %13s %8s %10s\n' benchmark recipe objective gradient ratio 'first 5'
printf '%s\n' "${summary[@]}"
echo "== frontends: wrote $out in $((SECONDS - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "error: frontends failed: ${failed[*]}" >&2
  exit 1
fi
