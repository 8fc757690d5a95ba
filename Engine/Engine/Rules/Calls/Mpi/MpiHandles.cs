using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Recognises Open MPI's predefined handles in the IR clang emits: <c>MPI_DOUBLE</c> is
/// <c>((MPI_Datatype) &amp;ompi_mpi_double)</c>, so a datatype or operation argument is the address of a
/// global named <c>ompi_mpi_&lt;name&gt;</c> / <c>ompi_mpi_op_&lt;name&gt;</c>; <c>MPI_IN_PLACE</c> is
/// <c>(void *) 1</c>. Fortran's integer handles reach the rules as these globals too, folded from
/// <c>MPI_Type_f2c(17)</c> and the like (<see cref="FortranMpiHandles"/>); one that was not a constant stays a call
/// and is <see cref="MpiElement.Unknown"/>. MPICH's handles are integers and are not recognised (every such
/// datatype is <see cref="MpiElement.Unknown"/>).
/// </summary>
public static class MpiHandles
{
    private static readonly HashSet<string> InactiveDatatypes =
    [
        "ompi_mpi_char", "ompi_mpi_signed_char", "ompi_mpi_unsigned_char", "ompi_mpi_byte", "ompi_mpi_short",
        "ompi_mpi_unsigned_short", "ompi_mpi_int", "ompi_mpi_unsigned", "ompi_mpi_long", "ompi_mpi_unsigned_long",
        "ompi_mpi_long_long_int", "ompi_mpi_unsigned_long_long", "ompi_mpi_int8_t", "ompi_mpi_uint8_t",
        "ompi_mpi_int16_t", "ompi_mpi_uint16_t", "ompi_mpi_int32_t", "ompi_mpi_uint32_t", "ompi_mpi_int64_t",
        "ompi_mpi_uint64_t", "ompi_mpi_c_bool", "ompi_mpi_wchar", "ompi_mpi_aint", "ompi_mpi_offset", "ompi_mpi_count",
        "ompi_mpi_2int", "ompi_mpi_integer", "ompi_mpi_logical", "ompi_mpi_character",
        "ompi_mpi_integer1", "ompi_mpi_integer2", "ompi_mpi_integer4", "ompi_mpi_integer8",
    ];

    /// <summary>The name <c>MPI_SUM</c> is the address of.</summary>
    public const string SumOperation = "ompi_mpi_op_sum";

    /// <summary>What a datatype argument describes.</summary>
    public static MpiElement Element(LlvmValue datatype)
    {
        if (!datatype.IsGlobalVariable)
        {
            return MpiElement.Unknown;
        }
        return datatype.Name switch
        {
            "ompi_mpi_double" or "ompi_mpi_dblprec" or "ompi_mpi_real8" => MpiElement.Double,
            "ompi_mpi_float" or "ompi_mpi_real" or "ompi_mpi_real4" => MpiElement.Float,
            string name when InactiveDatatypes.Contains(name) => MpiElement.Inactive,
            _ => MpiElement.Unknown,
        };
    }

    /// <summary>Bytes per element of a floating-point datatype.</summary>
    public static int ElementSize(MpiElement element) => element == MpiElement.Float ? 4 : 8;

    /// <summary>The <c>MPI_SUM</c> handle.</summary>
    public static bool IsSum(LlvmValue operation) => operation.IsGlobalVariable && operation.Name == SumOperation;

    /// <summary>The C name of an operation handle for messages (<c>MPI_MAX</c> for <c>ompi_mpi_op_max</c>).</summary>
    public static string OperationName(LlvmValue operation) =>
        operation.IsGlobalVariable && operation.Name.StartsWith("ompi_mpi_op_", StringComparison.Ordinal)
            ? "MPI_" + operation.Name["ompi_mpi_op_".Length..].ToUpperInvariant()
            : "an operation the engine cannot identify";

    /// <summary>The C name of a datatype handle for messages.</summary>
    public static string DatatypeName(LlvmValue datatype) =>
        datatype.IsGlobalVariable && datatype.Name.StartsWith("ompi_mpi_", StringComparison.Ordinal)
            ? "MPI_" + datatype.Name["ompi_mpi_".Length..].ToUpperInvariant()
            : "a datatype the engine cannot identify (derived, computed at run time, or a Fortran handle that is not a constant)";

    /// <summary><c>MPI_IN_PLACE</c>: the constant <c>(void *) 1</c>.</summary>
    public static bool IsInPlace(LlvmValue buffer) =>
        buffer.IsConstantExpression && buffer.ConstantOpcode == LLVMOpcode.LLVMIntToPtr && buffer.GetOperand(0).ConstantIntValue == 1;

    /// <summary>The name <c>MPI_MIN</c> is the address of.</summary>
    public const string MinOperation = "ompi_mpi_op_min";

    /// <summary>The name <c>MPI_INT</c> is the address of.</summary>
    public const string IntDatatype = "ompi_mpi_int";

    /// <summary><c>MPI_MAX</c> or <c>MPI_MIN</c>.</summary>
    public static bool IsExtremum(LlvmValue operation) =>
        operation.IsGlobalVariable && operation.Name is "ompi_mpi_op_max" or "ompi_mpi_op_min";

    /// <summary>The <c>MPI_SUM</c> handle in <paramref name="module"/>, declared when the program never named it.</summary>
    public static LlvmValue Sum(LlvmModule module) => Handle(module, SumOperation);

    /// <summary>A predefined handle (the address of Open MPI's global <paramref name="name"/>), declared when missing.</summary>
    public static LlvmValue Handle(LlvmModule module, string name) =>
        module.GetGlobal(name) ?? module.AddGlobal(module.Context.Int8Type, name).Value;
}
