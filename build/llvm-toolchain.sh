#!/usr/bin/env bash
# Finds the LLVM 22 toolchain and exports ENZYME_LLVM_ROOT; installs it with apt-get when it
# is missing and we are root. Sourced by build.sh; can also be run on its own.
# With --cross / --runners it also installs the cross sysroots / qemu-aarch64 and wine64 (below).
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

# ---- Cross targets (EnzymeRuntimeIdentifiers, Sdk/README.md) -------------------------------
# clang and lld cross-compile; what they need from the target is its C library, its libgcc (and
# libstdc++ for C++ sources). Debian serves both as packages; the SDK's ENZ4071 names the same
# packages when one is missing. mingw-w64's win32 thread model: its libgcc and libstdc++ link
# statically without libwinpthread-1.dll, so a DLL needs only what a stock Windows has.
ENZYME_CROSS_RIDS="linux-arm64 win-x64"

# The apt packages a runtime identifier needs, on one line; nothing for the host's own.
enzyme_cross_packages() {
  case "$1" in
    linux-arm64) echo "libc6-dev-arm64-cross libgcc-12-dev-arm64-cross libstdc++-12-dev-arm64-cross" ;;
    win-x64) echo "mingw-w64-x86-64-dev gcc-mingw-w64-x86-64-win32 g++-mingw-w64-x86-64-win32" ;;
    *) echo "" ;;
  esac
}

# The files each sysroot has when complete (the SDK's ResolveRuntimeTargets checks the same ones).
_enzyme_cross_complete() {
  case "$1" in
    linux-arm64)
      [ -f /usr/aarch64-linux-gnu/include/stdio.h ] && [ -e /usr/aarch64-linux-gnu/lib/libc.so ] &&
        [ -f /usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc.a ] && [ -e /usr/lib/gcc-cross/aarch64-linux-gnu/12/libstdc++.so ] ;;
    win-x64)
      [ -f /usr/x86_64-w64-mingw32/include/stdio.h ] && [ -f /usr/x86_64-w64-mingw32/lib/libmsvcrt.a ] &&
        [ -f /usr/lib/gcc/x86_64-w64-mingw32/12-win32/libgcc.a ] && [ -f /usr/lib/gcc/x86_64-w64-mingw32/12-win32/libstdc++.a ] ;;
    *) return 0 ;;
  esac
}

# Installs what is missing of $ENZYME_CROSS_PACKAGES... with apt-get (root only), quietly; a
# second call with everything present runs nothing.
_enzyme_apt_install() {
  local what=$1; shift
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error ENZ0011: $what is missing and cannot be installed automatically (not root, or no apt-get)" >&2
    echo "  Install it with:  sudo apt-get install -y --no-install-recommends $*" >&2
    return 1
  fi
  echo "== $what is missing: installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be fresh already (LLVM's install); update only when a package is unknown.
  if ! apt-cache show "$@" >/dev/null 2>&1; then
    apt-get update -qq || { echo "error ENZ0011: apt-get update failed" >&2; return 1; }
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { echo "error ENZ0011: apt-get install $* failed" >&2; return 1; }
}

# enzyme_find_cross_toolchains [RID...]: the sysroots of the given RIDs (default: every
# cross RID the SDK supports), installed when missing.
enzyme_find_cross_toolchains() {
  local rid packages
  [ $# -gt 0 ] || set -- $ENZYME_CROSS_RIDS
  for rid in "$@"; do
    _enzyme_cross_complete "$rid" && continue
    packages=$(enzyme_cross_packages "$rid")
    # shellcheck disable=SC2086
    _enzyme_apt_install "the $rid sysroot" $packages || return 1
    _enzyme_cross_complete "$rid" ||
      { echo "error ENZ0011: the $rid sysroot is still incomplete after installing $packages" >&2; return 1; }
  done
}

# What the cross-target tests run the built libraries with: qemu-aarch64 (user mode, with the
# arm64 loader from libc6-arm64-cross) and wine64. Exports ENZYME_QEMU_AARCH64 and ENZYME_WINE64.
ENZYME_CROSS_RUNNER_PACKAGES="qemu-user wine64"

_enzyme_cross_runners_found() {
  ENZYME_QEMU_AARCH64=$(command -v qemu-aarch64 2>/dev/null || true)
  ENZYME_WINE64=$(command -v wine64 2>/dev/null || true)
  [ -z "$ENZYME_WINE64" ] && [ -x /usr/lib/wine/wine64 ] && ENZYME_WINE64=/usr/lib/wine/wine64
  [ -n "$ENZYME_QEMU_AARCH64" ] && [ -n "$ENZYME_WINE64" ]
}

enzyme_find_cross_runners() {
  if ! _enzyme_cross_runners_found; then
    # shellcheck disable=SC2086
    _enzyme_apt_install "qemu-aarch64 or wine64" $ENZYME_CROSS_RUNNER_PACKAGES || return 1
    _enzyme_cross_runners_found ||
      { echo "error ENZ0011: qemu-aarch64 or wine64 is still missing after installing $ENZYME_CROSS_RUNNER_PACKAGES" >&2; return 1; }
  fi
  export ENZYME_QEMU_AARCH64 ENZYME_WINE64
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  enzyme_find_llvm
  echo "ENZYME_LLVM_ROOT=$ENZYME_LLVM_ROOT"
  # --cross [RID...]: also the cross sysroots; --runners: also qemu-aarch64 and wine64.
  case "${1:-}" in
    --cross) shift; enzyme_find_cross_toolchains "$@"; echo "cross sysroots: ${*:-$ENZYME_CROSS_RIDS}" ;;
    --runners) enzyme_find_cross_toolchains; enzyme_find_cross_runners
      echo "qemu-aarch64=$ENZYME_QEMU_AARCH64 wine64=$ENZYME_WINE64" ;;
    "") ;;
    *) echo "llvm-toolchain.sh: unknown option '$1' (use --cross [RID...] or --runners)" >&2; exit 2 ;;
  esac
fi
