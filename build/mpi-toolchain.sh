#!/usr/bin/env bash
# Finds Open MPI (mpicc, mpirun, mpi.h) for the MPI tests and samples; installs Debian's
# openmpi-bin and libopenmpi-dev with apt-get when they are missing and we are root. Sourced by
# build.sh (./build.sh test); can also be run on its own. The engine itself needs no MPI: only the
# programs the MPI corpus tests (tests/corpus/mpi, C and Fortran with mpif.h), the EnzymeMPI SDK tests
# and samples/DistributedHeat build do (mpicc's flags, mpif.h, libmpi and libmpi_mpifh, mpirun).
# Open MPI, not MPICH: the engine recognises datatypes and operations by Open MPI's handle
# globals (ompi_mpi_double, ompi_mpi_op_sum; docs/mpi.md).

ENZYME_MPI_PACKAGES="openmpi-bin libopenmpi-dev"

_enzyme_mpi_complete() {
  command -v mpicc >/dev/null 2>&1 && command -v mpirun >/dev/null 2>&1 &&
    mpicc -showme:version 2>/dev/null | grep -qi "open mpi" &&
    [ -f "$(mpicc -showme:incdirs 2>/dev/null | awk '{print $1}')/mpi.h" ]
}

enzyme_find_mpi() {
  if _enzyme_mpi_complete; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Open MPI is missing: installing $ENZYME_MPI_PACKAGES with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || { echo "error ENZ0011: apt-get update failed" >&2; return 1; }
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $ENZYME_MPI_PACKAGES >/dev/null ||
      { echo "error ENZ0011: apt-get install $ENZYME_MPI_PACKAGES failed" >&2; return 1; }
    _enzyme_mpi_complete && return 0
  fi
  echo "error ENZ0011: Open MPI (mpicc, mpirun, mpi.h) was not found and cannot be installed automatically (not root, or no apt-get)" >&2
  echo "  Install it with:  sudo apt-get install -y $ENZYME_MPI_PACKAGES" >&2
  return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  enzyme_find_mpi
  echo "mpicc: $(command -v mpicc) ($(mpicc -showme:version 2>&1 | head -1))"
fi
