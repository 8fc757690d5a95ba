! overlapping_assignment: array assignments whose two sides share memory — a shift y(2:n) = y(1:n-1)
! and a reversal y = y(n:1:-1) — which the runtime (and the engine's replacement) must perform as if
! the right-hand side were evaluated first.
subroutine shift_and_reverse(n, y, f) bind(c, name='shift_and_reverse')
  use iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: n
  real(c_double), intent(inout) :: y(n)
  real(c_double), intent(out) :: f
  integer :: i
  y = y**2
  y(2:n) = y(1:n - 1)
  y = y(n:1:-1)
  f = 0.0d0
  do i = 1, n
    f = f + real(i, c_double) * sin(y(i))
  end do
end subroutine shift_and_reverse
