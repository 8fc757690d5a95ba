! vector_output: a bind(c) subroutine with a vector result y(n) returned through intent(out) and a
! scalar parameter passed by value; the Jacobian is checked through vector-Jacobian products.
subroutine residual(n, x, alpha, y) bind(c, name='residual')
  use iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: n
  real(c_double), intent(in) :: x(n)
  real(c_double), value :: alpha
  real(c_double), intent(out) :: y(n)
  integer :: i
  y(1) = x(1)**2 - alpha
  do i = 2, n
    y(i) = alpha * x(i) * x(i - 1) + exp(-x(i)) - sqrt(1.0d0 + x(i - 1)**2)
  end do
end subroutine residual
