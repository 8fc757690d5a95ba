#!/usr/bin/env bash
# Installs what the benchmarks need beyond the build toolchain: ADOL-C (libadolc-dev), the
# taping AD tool the GMM benchmark compares against, and GNU time (time), which measures
# enzyme-ad's and dotnet build's peak memory for bench/build-costs. Run by bench/run.sh; can be
# run on its own. As root it installs with apt-get what is missing; otherwise it fails with the
# command to run, so that a report is never written without its baselines.
set -euo pipefail

BENCH_PACKAGES="libadolc-dev time"

bench_deps_present() {
  [ -x /usr/bin/time ] && [ -f /usr/include/adolc/adolc.h ] &&
    { [ -e /usr/lib/x86_64-linux-gnu/libadolc.so ] || ldconfig -p 2>/dev/null | grep -q 'libadolc\.so '; }
}

if bench_deps_present; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== benchmark dependencies missing: installing $BENCH_PACKAGES with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $BENCH_PACKAGES >/dev/null
  bench_deps_present || { echo "error: $BENCH_PACKAGES were installed but /usr/bin/time, adolc/adolc.h or libadolc.so is still missing" >&2; exit 1; }
  exit 0
fi

echo "error: the benchmarks need ADOL-C and GNU time (the Debian packages $BENCH_PACKAGES), which are" >&2
echo "  not all installed, and they cannot be installed automatically here (not root, or no apt-get)." >&2
echo "  Install them with:  sudo apt-get install -y $BENCH_PACKAGES" >&2
exit 1
