! calls_c_helper: a Fortran least-squares objective with a barrier term computed by a C function
! declared through a bind(c) interface.
module barrier_fit
  use iso_c_binding, only: c_double, c_int
  implicit none
  interface
    function soft_barrier(value, limit) result(b) bind(c, name='soft_barrier')
      import :: c_double
      real(c_double), value :: value, limit
      real(c_double) :: b
    end function soft_barrier
  end interface
contains
  function fit_objective(n, p, t, y) result(f) bind(c, name='fit_objective')
    integer(c_int), value :: n
    real(c_double), intent(in) :: p(3), t(n), y(n)
    real(c_double) :: f, model
    integer :: i
    f = 0.0d0
    do i = 1, n
      model = p(1) * exp(-p(2) * t(i)) + p(3)
      f = f + (model - y(i))**2 + soft_barrier(model, 1.5d0)
    end do
  end function fit_objective
end module barrier_fit
