! assumed_shape: explicit-shape bind(c) entry points hand their arrays, whole and as strided sections,
! to module procedures with assumed-shape dummies x(:), so the differentiated code reads the arrays
! through flang's descriptors (base address, extents and byte strides).
module weighted_sums
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  function weighted_square_sum(x, w) result(s)
    real(c_double), intent(in) :: x(:), w(:)
    real(c_double) :: s
    integer :: i
    s = 0.0d0
    do i = 1, size(x)
      s = s + w(i) * x(i)**2
    end do
  end function weighted_square_sum

  subroutine add_scaled_sine(x, y, a)
    real(c_double), intent(in) :: x(:)
    real(c_double), intent(inout) :: y(:)
    real(c_double), intent(in) :: a
    integer :: i
    do i = 1, size(x)
      y(i) = y(i) + a * sin(x(i))
    end do
  end subroutine add_scaled_sine

  subroutine section_energy(n, x, w, f) bind(c, name='section_energy')
    integer(c_int), value :: n
    real(c_double), intent(in) :: x(n)
    real(c_double), intent(inout) :: w(n)
    real(c_double), intent(out) :: f
    call add_scaled_sine(x, w, 0.5d0)
    f = weighted_square_sum(x, w) + weighted_square_sum(w(1:n:2), x(n:1:-2)) &
        + weighted_square_sum(x(2:n - 1), w(3:n))
  end subroutine section_energy
end module weighted_sums
