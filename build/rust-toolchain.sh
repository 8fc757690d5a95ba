#!/usr/bin/env bash
# Finds rustc for the Rust tests (tests/corpus/rust, the SDK's Rust builds) and puts it on PATH.
# Sourced by build.sh; can also be run on its own. Search order (the SDK's, Tasks/ResolveRustCompiler.cs):
#   1. rustc on PATH   2. ~/.cargo/bin/rustc (rustup's folder, often missing from a non-login PATH)
# rustc must be built on LLVM 22 or older (rustc --version --verbose: "LLVM version: 22.1.2"), since the
# engine reads its bitcode with LLVM 22. It is not installed automatically: rustup is the usual way.

ENZYME_RUST_INSTALL="curl https://sh.rustup.rs -sSf | sh -s -- -y --default-toolchain 1.95.0"

_enzyme_rustc_fail() {
  echo "error ENZ0011: $1" >&2
  echo "  Install rustc with rustup:  $ENZYME_RUST_INSTALL" >&2
  echo "  (or apt-get install -y rustc: any rustc built on LLVM 22 or older is accepted; tested with 1.95), then run this again." >&2
  return 1
}

enzyme_find_rustc() {
  if ! command -v rustc >/dev/null 2>&1; then
    if [ -x "${HOME:-/root}/.cargo/bin/rustc" ]; then
      export PATH="${HOME:-/root}/.cargo/bin:$PATH"
    else
      _enzyme_rustc_fail "rustc was not found on PATH or in ${HOME:-/root}/.cargo/bin; the Rust tests need it"
      return 1
    fi
  fi
  local llvm
  llvm=$(rustc --version --verbose 2>/dev/null | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
  if [ -z "$llvm" ]; then
    _enzyme_rustc_fail "$(command -v rustc) does not run or reports no LLVM version"
    return 1
  fi
  if [ "$llvm" -gt 22 ]; then
    _enzyme_rustc_fail "$(command -v rustc) is built on LLVM $llvm, newer than the engine's LLVM 22 (use rustc 1.95)"
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  enzyme_find_rustc
  echo "rustc: $(command -v rustc) ($(rustc --version), LLVM $(rustc --version --verbose | sed -n 's/^LLVM version: //p'))"
fi
