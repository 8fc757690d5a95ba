namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>What an MPI datatype handle says about the derivative of the data it describes.</summary>
public enum MpiElement
{
    /// <summary>Integers, characters, bytes: no derivative, the call is inactive.</summary>
    Inactive,

    /// <summary><c>MPI_DOUBLE</c> (and Fortran's <c>MPI_DOUBLE_PRECISION</c>): 8-byte reals.</summary>
    Double,

    /// <summary><c>MPI_FLOAT</c> (and Fortran's <c>MPI_REAL</c>): 4-byte reals.</summary>
    Float,

    /// <summary>Anything else (derived types, long double, complex, a handle computed at run time, MPICH's integer handles).</summary>
    Unknown,
}
