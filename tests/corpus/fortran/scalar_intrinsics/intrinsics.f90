! scalar_intrinsics: a bind(c) function of two real(c_double) values using the elemental intrinsics
! exp, log, sin, cos, tanh, sqrt, abs, max, min and ** with integer-constant, integer-variable and
! real exponents.
function blend(x, y, k) result(r) bind(c, name='blend')
  use iso_c_binding, only: c_double, c_int
  implicit none
  real(c_double), value :: x, y
  integer(c_int), value :: k
  real(c_double) :: r
  r = exp(0.5d0 * x) * sin(y) + log(1.0d0 + x * x) * cos(x * y) &
      + x**3 - 2.0d0 * y**k + abs(x)**1.5d0 + sqrt(y * y + 2.0d0) &
      + tanh(x - y) * max(x, 0.3d0 * y) - min(x * y, y)
end function blend
