namespace Enzyme.Engine.Transforms;

/// <summary>How a Fortran argument (always a pointer) becomes a C argument.</summary>
public enum FortranMpiArgument
{
    /// <summary>A buffer or output: the same pointer.</summary>
    Data,

    /// <summary>A send buffer that may be <c>MPI_IN_PLACE</c>.</summary>
    SendBuffer,

    /// <summary>A count, rank, tag or root: the <c>INTEGER</c> loaded.</summary>
    Integer,

    /// <summary>A datatype handle: <c>MPI_Type_f2c</c>.</summary>
    Datatype,

    /// <summary>An operation handle: <c>MPI_Op_f2c</c>.</summary>
    Operation,

    /// <summary>A communicator handle: <c>MPI_Comm_f2c</c>.</summary>
    Communicator,

    /// <summary>An <c>INTEGER</c> the call writes (rank, size): the same pointer.</summary>
    Output,

    /// <summary>A Fortran status (<c>INTEGER(MPI_STATUS_SIZE)</c>).</summary>
    Status,
}
