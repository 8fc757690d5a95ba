#!/usr/bin/env bash
# Finds the LLVM 22 toolchain and exports ENZYME_LLVM_ROOT; installs it with apt-get when it
# is missing and we are root. Sourced by build.sh; can also be run on its own.
# Search order (the same as Engine/Llvm/Toolchain/LlvmToolchain.cs):
#   1. $ENZYME_LLVM_ROOT   2. llvm-config-22 --prefix   3. apt-get install (root only)

ENZYME_LLVM_MAJOR=22
# cmake: EnzymeCMakeProject items configure with it, and the CMake tests build with it.
# llvm-22-tools: FileCheck, which the IR-shape tests (tests/irshape) run; llvm-22-dev depends on
# it today, but the tests need it by name, so it is installed and checked by name.
# libomp-22-dev: omp.h and libomp for clang -fopenmp (OpenMP programs are differentiated, docs/openmp.md).
ENZYME_LLVM_PACKAGES="clang-22 lld-22 llvm-22 llvm-22-dev llvm-22-tools flang-22 libomp-22-dev cmake"

# The files a complete toolchain has; a partial install (say, flang missing) is completed.
_enzyme_llvm_complete() {
  local root=$1
  [ -x "$root/bin/clang" ] && [ -x "$root/bin/clang++" ] && [ -x "$root/bin/flang" ] &&
    [ -x "$root/bin/ld.lld" ] && [ -x "$root/bin/FileCheck" ] && [ -f "$root/lib/libLLVM.so.$ENZYME_LLVM_MAJOR.1" ] &&
    [ -f "$root/lib/libclang-$ENZYME_LLVM_MAJOR.so.1" ] &&
    [ -e "$root/lib/libomp.so" ] && [ -f "$root/lib/clang/$ENZYME_LLVM_MAJOR/include/omp.h" ]
}

_enzyme_llvm_fail() {
  echo "error ENZ0011: $1" >&2
  echo "  Install LLVM $ENZYME_LLVM_MAJOR with:  sudo apt-get install -y $ENZYME_LLVM_PACKAGES" >&2
  echo "  or set ENZYME_LLVM_ROOT to the prefix of an LLVM $ENZYME_LLVM_MAJOR installation." >&2
  return 1
}

enzyme_find_llvm() {
  if [ -n "${ENZYME_LLVM_ROOT:-}" ]; then
    _enzyme_llvm_complete "$ENZYME_LLVM_ROOT" ||
      { _enzyme_llvm_fail "ENZYME_LLVM_ROOT=$ENZYME_LLVM_ROOT is not a complete LLVM $ENZYME_LLVM_MAJOR toolchain (clang, clang++, flang, ld.lld, FileCheck, libLLVM.so.$ENZYME_LLVM_MAJOR.1, libclang)"; return 1; }
    export ENZYME_LLVM_ROOT
    return 0
  fi

  local prefix=""
  if command -v "llvm-config-$ENZYME_LLVM_MAJOR" >/dev/null 2>&1; then
    prefix=$("llvm-config-$ENZYME_LLVM_MAJOR" --prefix)
    # A missing cmake is installed below when we can; without root it is not an LLVM error.
    if _enzyme_llvm_complete "$prefix" &&
      { command -v cmake >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; }; then
      export ENZYME_LLVM_ROOT=$prefix
      return 0
    fi
  fi

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== LLVM $ENZYME_LLVM_MAJOR or cmake is missing or incomplete: installing $ENZYME_LLVM_PACKAGES with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { _enzyme_llvm_fail "apt-get update failed"; return 1; }
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $ENZYME_LLVM_PACKAGES >/dev/null ||
      { _enzyme_llvm_fail "apt-get install failed"; return 1; }
    prefix=$("llvm-config-$ENZYME_LLVM_MAJOR" --prefix 2>/dev/null || echo "/usr/lib/llvm-$ENZYME_LLVM_MAJOR")
    _enzyme_llvm_complete "$prefix" || { _enzyme_llvm_fail "the installed toolchain under $prefix is incomplete"; return 1; }
    export ENZYME_LLVM_ROOT=$prefix
    return 0
  fi

  _enzyme_llvm_fail "LLVM $ENZYME_LLVM_MAJOR was not found and cannot be installed automatically (not root, or no apt-get)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  enzyme_find_llvm
  echo "ENZYME_LLVM_ROOT=$ENZYME_LLVM_ROOT"
fi
