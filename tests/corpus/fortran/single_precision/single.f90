! single_precision: real(c_float) arrays, a whole-array sum and matmul of real(4) data (the runtime's
! SumReal4 and MatmulReal4Real4 at -O0) and a float scalar loop.
module single_precision
  use iso_c_binding, only: c_float, c_int
  implicit none
contains
  function single_loss(n, a, x) result(f) bind(c, name='single_loss')
    integer(c_int), value :: n
    real(c_float), intent(in) :: a(n, n), x(n)
    real(c_float) :: f, y(n)
    integer :: i
    y = matmul(a, x)
    f = sum(y * y) + 0.5 * sum(sin(x))
    do i = 1, n
      f = f + 0.1 * a(i, i) * x(i)
    end do
  end function single_loss
end module single_precision
