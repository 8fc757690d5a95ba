! matmul: matrix-matrix, matrix-vector and vector-matrix products with matmul and a transpose-free
! bilinear form, reduced to a scalar; at -O0 flang calls _FortranAMatmulReal8Real8, which allocates
! its result, and copies it with _FortranAAssign.
module products
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  subroutine products_of(n, a, b, x, c, f) bind(c, name='products_of')
    integer(c_int), value :: n
    real(c_double), intent(in) :: a(n, n), b(n, n), x(n)
    real(c_double), intent(out) :: c(n, n)
    real(c_double), intent(out) :: f
    real(c_double) :: y(n), z(n)
    c = matmul(a, b)
    y = matmul(c, x)
    z = matmul(x, a)
    f = sum(c**2) + dot_product(y, z) + sum(sin(y))
  end subroutine products_of
end module products
