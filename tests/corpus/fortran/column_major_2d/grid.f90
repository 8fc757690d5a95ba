! column_major_2d: 2-D explicit-shape arrays a(m, n) read and written in column-major order, with a
! loop nest, whole-column sections and an intent(out) 2-D result.
subroutine grid_map(m, n, a, b, f) bind(c, name='grid_map')
  use iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: m, n
  real(c_double), intent(in) :: a(m, n)
  real(c_double), intent(out) :: b(m, n)
  real(c_double), intent(out) :: f
  integer :: i, j
  do j = 1, n
    do i = 1, m
      b(i, j) = a(i, j) * real(i, c_double) + sin(a(i, j)) * real(j, c_double)
    end do
  end do
  do j = 2, n
    b(:, j) = b(:, j) + 0.5d0 * b(:, j - 1)
  end do
  f = 0.0d0
  do j = 1, n
    do i = 1, m
      f = f + b(i, j)**2 * a(m - i + 1, j)
    end do
  end do
end subroutine grid_map
