! allocatable_work: allocatable local arrays inside the differentiated routine — an explicit
! ALLOCATE/DEALLOCATE, a section assignment into it, and an allocatable that the assignment
! `u = expression` allocates (Fortran 2003 reallocation on assignment, done by flang's runtime
! _FortranAAssign) and reallocates with a different size; the locals are freed on return.
module allocatable_work
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  function smoothed_norm(n, x) result(r) bind(c, name='smoothed_norm')
    integer(c_int), value :: n
    real(c_double), intent(in) :: x(n)
    real(c_double) :: r
    real(c_double), allocatable :: t(:), u(:)
    integer :: i

    allocate(t(n))
    t(:) = exp(0.3d0 * x) * sin(x)
    u = t * t + x                     ! allocated by the assignment, size n
    r = 0.0d0
    do i = 1, n
      r = r + u(i) * t(i)
    end do
    u = t(2:n) - t(1:n - 1)           ! reallocated with size n - 1
    do i = 1, size(u)
      r = r + u(i)**2
    end do
    deallocate(t)
  end function smoothed_norm
end module allocatable_work
