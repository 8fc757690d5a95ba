! explicit_shape_loops: an explicit-shape array x(n), a DO loop with a stride, a DO WHILE loop whose trip
! count depends on the data (bisection-like halving), and the result returned through intent(out).
subroutine chain_energy(n, x, k, f) bind(c, name='chain_energy')
  use iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: n
  real(c_double), intent(in) :: x(n)
  real(c_double), value :: k
  real(c_double), intent(out) :: f
  real(c_double) :: step, scale
  integer :: i

  f = 0.0d0
  do i = 1, n - 1
    f = f + 0.5d0 * k * (x(i + 1) - x(i) - 1.0d0)**2
  end do
  do i = n, 1, -2
    f = f + x(i) * cos(x(i))
  end do

  ! Halve a step until it is below the data-dependent threshold; the loop count is data dependent
  ! but piecewise constant, so the derivative flows through the values only.
  step = 4.0d0 + x(1)**2
  scale = 1.0d0
  do while (step > 0.25d0)
    step = 0.5d0 * step
    scale = scale * (1.0d0 + 0.1d0 * x(2))
  end do
  f = f + scale * step
end subroutine chain_energy
