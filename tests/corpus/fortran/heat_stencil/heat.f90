! heat_stencil: explicit time stepping of the 1-D heat equation u_t = kappa u_xx with fixed zero
! boundaries, a three-point stencil on an interior of n points, nt steps, and a least-squares loss
! against a target profile. The state is swapped through whole-array assignment each step.
module heat
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  subroutine heat_loss(n, nt, u0, kappa, target, loss) bind(c, name='heat_loss')
    integer(c_int), value :: n, nt
    real(c_double), intent(in) :: u0(n), target(n)
    real(c_double), intent(in) :: kappa
    real(c_double), intent(out) :: loss
    real(c_double) :: u(0:n + 1), unew(0:n + 1), r
    integer :: step, i

    r = 0.4d0 * kappa           ! kappa dt / dx**2 with dt = 0.4 dx**2: stable for kappa < 1.25
    u = 0.0d0
    u(1:n) = u0
    unew = 0.0d0
    do step = 1, nt
      do i = 1, n
        unew(i) = u(i) + r * (u(i - 1) - 2.0d0 * u(i) + u(i + 1))
      end do
      u = unew
    end do
    loss = 0.5d0 * sum((u(1:n) - target)**2)
  end subroutine heat_loss
end module heat
