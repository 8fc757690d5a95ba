! mpif.h for flang (Enzyme.Sdk). Open MPI's own mpif.h ends with include 'mpif-sizeof.h', whose generic
! MPI_Sizeof interface flang rejects ("interfaces are not distinguishable"); this file includes every
! other part of it, so 'include "mpif.h"' gives the same constants, handles and external declarations.
! It is found first because its folder comes before Open MPI's include folder on the command line;
! Open MPI's include folder must follow it (mpicc -showme:incdirs).
      include 'mpif-config.h'
      include 'mpif-constants.h'
      include 'mpif-handles.h'
      include 'mpif-io-constants.h'
      include 'mpif-io-handles.h'
      include 'mpif-externals.h'
      include 'mpif-sentinels.h'
