! The 1-D heat equation u_t = kappa u_xx on (0, 1) with u = 0 at both ends, discretised on n
! interior points with the three-point stencil and integrated with explicit Euler steps of
! dt = 0.4 dx**2 (stable for kappa < 1.25). The loss is half the squared distance of the final
! profile from a target. bind(c) gives the subroutine a C interface, from which Enzyme.Sdk
! generates the C# binding.
module heat
  use iso_c_binding, only: c_double, c_int
  implicit none
contains
  subroutine heat_loss(n, steps, u0, kappa, target, loss) bind(c, name='heat_loss')
    integer(c_int), value :: n, steps
    real(c_double), intent(in) :: u0(n), kappa, target(n)
    real(c_double), intent(out) :: loss
    real(c_double), allocatable :: u(:), unew(:)
    real(c_double) :: r
    integer :: step, i

    allocate(u(0:n + 1), unew(0:n + 1))
    r = 0.4d0 * kappa
    u = 0.0d0
    u(1:n) = u0
    unew = u
    do step = 1, steps
      do i = 1, n
        unew(i) = u(i) + r * (u(i - 1) - 2.0d0 * u(i) + u(i + 1))
      end do
      u = unew
    end do
    loss = 0.5d0 * sum((u(1:n) - target)**2)
    deallocate(u, unew)
  end subroutine heat_loss
end module heat
