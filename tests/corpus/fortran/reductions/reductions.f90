! reductions: whole-array sum, product, maxval, minval, dot_product and norm2, of a vector and of a
! 2-D array and its sections (at -O0 flang calls the runtime's _FortranASumReal8, ..., which the
! engine replaces with differentiable loops over the descriptors; at -O2 flang inlines most of them).
module reductions
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  function reduce_all(n, x, a) result(r) bind(c, name='reduce_all')
    integer(c_int), value :: n
    real(c_double), intent(in) :: x(n), a(n, 3)
    real(c_double) :: r
    r = sum(x) + 0.5d0 * sum(x**2) + product(1.0d0 + 0.1d0 * x) &
        + maxval(x) - 2.0d0 * minval(x) + dot_product(x, a(:, 2)) + norm2(x) &
        + sum(a) * maxval(a(2, :)) + norm2(a) + sum(a(1:n:2, 3)) + minval(abs(a))
  end function reduce_all
end module reductions
