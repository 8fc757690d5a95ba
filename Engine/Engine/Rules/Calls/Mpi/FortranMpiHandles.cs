namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Open MPI's Fortran handles: the integers <c>mpif.h</c> names (<c>mpif-handles.h</c>:
/// <c>MPI_DOUBLE_PRECISION = 17</c>, <c>MPI_SUM = 3</c>, <c>MPI_COMM_WORLD = 0</c>), which are indices into
/// Open MPI's tables of predefined objects, mapped to the C handle globals the MPI rules recognise
/// (<see cref="MpiHandles"/>). Only the handles a differentiated program plausibly passes are listed; any
/// other value stays a run-time <c>MPI_Type_f2c</c>/<c>MPI_Op_f2c</c> call, which the rules treat as a
/// handle they cannot identify.
/// </summary>
public static class FortranMpiHandles
{
    /// <summary>The C function converting a Fortran datatype handle.</summary>
    public const string DatatypeConversion = "MPI_Type_f2c";

    /// <summary>The C function converting a Fortran operation handle.</summary>
    public const string OperationConversion = "MPI_Op_f2c";

    /// <summary>The C function converting a Fortran communicator handle.</summary>
    public const string CommunicatorConversion = "MPI_Comm_f2c";

    private static readonly Dictionary<long, string> Datatypes = new()
    {
        [1] = "ompi_mpi_byte", [5] = "ompi_mpi_character", [6] = "ompi_mpi_logical", [7] = "ompi_mpi_integer",
        [8] = "ompi_mpi_integer1", [9] = "ompi_mpi_integer2", [10] = "ompi_mpi_integer4", [11] = "ompi_mpi_integer8",
        [13] = "ompi_mpi_real", [14] = "ompi_mpi_real4", [15] = "ompi_mpi_real8", [16] = "ompi_mpi_real16",
        [17] = "ompi_mpi_dblprec", [18] = "ompi_mpi_cplex", [22] = "ompi_mpi_dblcplex", [34] = "ompi_mpi_char",
        [39] = "ompi_mpi_int", [41] = "ompi_mpi_long", [45] = "ompi_mpi_float", [46] = "ompi_mpi_double",
        [47] = "ompi_mpi_long_double",
    };

    private static readonly Dictionary<long, string> Operations = new()
    {
        [1] = "ompi_mpi_op_max", [2] = "ompi_mpi_op_min", [3] = "ompi_mpi_op_sum", [4] = "ompi_mpi_op_prod",
        [5] = "ompi_mpi_op_land", [6] = "ompi_mpi_op_band", [7] = "ompi_mpi_op_lor", [8] = "ompi_mpi_op_bor",
        [9] = "ompi_mpi_op_lxor", [10] = "ompi_mpi_op_bxor", [11] = "ompi_mpi_op_maxloc", [12] = "ompi_mpi_op_minloc",
    };

    private static readonly Dictionary<long, string> Communicators = new()
    {
        [0] = "ompi_mpi_comm_world", [1] = "ompi_mpi_comm_self", [2] = "ompi_mpi_comm_null",
    };

    /// <summary>
    /// The C handle global a conversion of the constant Fortran handle <paramref name="value"/> returns, or null
    /// when <paramref name="conversion"/> is not one of the three or the value is not in its table.
    /// </summary>
    public static string? CHandle(string conversion, long value)
    {
        Dictionary<long, string>? table = conversion switch
        {
            DatatypeConversion => Datatypes,
            OperationConversion => Operations,
            CommunicatorConversion => Communicators,
            _ => null,
        };
        return table is not null && table.TryGetValue(value, out string? name) ? name : null;
    }
}
