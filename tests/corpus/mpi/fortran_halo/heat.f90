! A 1-D heat equation split across ranks, written against Open MPI's Fortran bindings (include 'mpif.h',
! every argument by reference, integer handles, IERROR last): a halo exchange with MPI_SENDRECV per step,
! a diffusivity broadcast from rank 0 with MPI_BCAST, a ring shift with MPI_SEND/MPI_RECV (a status),
! and an energy summed with MPI_ALLREDUCE(MPI_SUM) plus the largest cell with MPI_ALLREDUCE(MPI_MAX).
! The C driver differentiates heat_energy through its bind(c) name.
function heat_energy(u, kappa, n, steps) result(energy) bind(c, name='heat_energy')
  use iso_c_binding, only: c_double, c_int
  implicit none
  include 'mpif.h'
  integer(c_int), value :: n, steps
  real(c_double), intent(in) :: u(n), kappa
  real(c_double) :: energy
  real(c_double) :: w(0:n+1), next(n), local(2), total(2), k, shifted
  integer :: rank, nranks, left, right, ierr, s, i, status(MPI_STATUS_SIZE)

  call mpi_comm_rank(MPI_COMM_WORLD, rank, ierr)
  call mpi_comm_size(MPI_COMM_WORLD, nranks, ierr)
  left = rank - 1
  right = rank + 1
  if (left < 0) left = MPI_PROC_NULL
  if (right >= nranks) right = MPI_PROC_NULL

  ! Every rank uses rank 0's diffusivity.
  k = kappa
  call mpi_bcast(k, 1, MPI_DOUBLE_PRECISION, 0, MPI_COMM_WORLD, ierr)

  w(1:n) = u
  do s = 1, steps
    w(0) = 0
    w(n+1) = 0
    call mpi_sendrecv(w(n), 1, MPI_DOUBLE_PRECISION, right, 7, w(0), 1, MPI_DOUBLE_PRECISION, left, 7, &
                      MPI_COMM_WORLD, MPI_STATUS_IGNORE, ierr)
    call mpi_sendrecv(w(1), 1, MPI_DOUBLE_PRECISION, left, 8, w(n+1), 1, MPI_DOUBLE_PRECISION, right, 8, &
                      MPI_COMM_WORLD, MPI_STATUS_IGNORE, ierr)
    do i = 1, n
      next(i) = w(i) + 0.2d0 * k * (w(i-1) - 2 * w(i) + w(i+1)) + 0.05d0 * sin(w(i))
    end do
    w(1:n) = next
  end do

  ! Ring: each rank sends its first cell to the next rank (even ranks send first).
  if (mod(rank, 2) == 0) then
    call mpi_send(w(1), 1, MPI_DOUBLE_PRECISION, mod(rank + 1, nranks), 9, MPI_COMM_WORLD, ierr)
    call mpi_recv(shifted, 1, MPI_DOUBLE_PRECISION, mod(rank + nranks - 1, nranks), 9, MPI_COMM_WORLD, status, ierr)
  else
    call mpi_recv(shifted, 1, MPI_DOUBLE_PRECISION, mod(rank + nranks - 1, nranks), 9, MPI_COMM_WORLD, status, ierr)
    call mpi_send(w(1), 1, MPI_DOUBLE_PRECISION, mod(rank + 1, nranks), 9, MPI_COMM_WORLD, ierr)
  end if

  local(1) = 0
  do i = 1, n
    local(1) = local(1) + w(i) * w(i) * (1.0d0 + 0.1d0 * i)
  end do
  local(1) = local(1) + shifted * w(n)
  local(2) = maxval(w(1:n))
  call mpi_allreduce(local(1), total(1), 1, MPI_DOUBLE_PRECISION, MPI_SUM, MPI_COMM_WORLD, ierr)
  call mpi_allreduce(local(2), total(2), 1, MPI_DOUBLE_PRECISION, MPI_MAX, MPI_COMM_WORLD, ierr)
  ! The status of the ring message names its source (MPI_Status_c2f filled it): the driver checks the sign.
  if (status(MPI_SOURCE) /= mod(rank + nranks - 1, nranks)) total(1) = -huge(1d0)
  energy = total(1) + total(2)
end function heat_energy
