! module_procedures: the module `springs` (this file, compiled first: flang writes springs.mod) holds
! module procedures, one calling another; b_network.f90 uses it from another module and file.
module springs
  use iso_c_binding, only: c_double
  implicit none
  real(c_double), parameter :: rest_length = 1.0d0
contains
  pure function stretch(p, q) result(s)
    real(c_double), intent(in) :: p(2), q(2)
    real(c_double) :: s
    s = sqrt((p(1) - q(1))**2 + (p(2) - q(2))**2) - rest_length
  end function stretch

  pure function spring_energy(p, q, k) result(e)
    real(c_double), intent(in) :: p(2), q(2), k
    real(c_double) :: e
    e = 0.5d0 * k * stretch(p, q)**2
  end function spring_energy
end module springs
