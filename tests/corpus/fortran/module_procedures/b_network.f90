! module_procedures: a second module, in a second file, whose bind(c) entry point loops over a chain
! of points stored as a 2 x n array and calls the module procedures of `springs`.
module network
  use iso_c_binding, only: c_double, c_int
  use springs, only: spring_energy
  implicit none
contains
  subroutine network_energy(n, points, stiffness, e) bind(c, name='network_energy')
    integer(c_int), value :: n
    real(c_double), intent(in) :: points(2, n), stiffness(n - 1)
    real(c_double), intent(out) :: e
    integer :: i
    e = 0.0d0
    do i = 1, n - 1
      e = e + spring_energy(points(:, i), points(:, i + 1), stiffness(i))
    end do
    ! A weak spring closing the loop.
    e = e + spring_energy(points(:, n), points(:, 1), 0.1d0)
  end subroutine network_energy
end module network
