using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// An MPI call that carries no derivative: set-up and tear-down, ranks and sizes, barriers, timers, topology.
/// Its effects on the program's integers are the primal's; nothing for either mode to add (a barrier orders
/// nothing the reverse sweep's blocking messages do not order themselves). <paramref name="writes"/> says
/// which memory it writes (<c>MPI_Comm_rank(comm, &amp;rank)</c>: its second argument), so a value loaded
/// before it is not reloaded after it.
/// </summary>
public sealed class MpiInactiveRule(string callee, CallWrites writes) : CallRule
{
    /// <summary>The inactive MPI functions and the memory each writes.</summary>
    public static readonly IReadOnlyDictionary<string, CallWrites> Functions = new Dictionary<string, CallWrites>(StringComparer.Ordinal)
    {
        ["MPI_Init"] = CallWrites.Anything, ["MPI_Init_thread"] = CallWrites.Anything, ["MPI_Initialized"] = CallWrites.FirstArgument,
        ["MPI_Finalize"] = CallWrites.Nothing, ["MPI_Finalized"] = CallWrites.FirstArgument, ["MPI_Query_thread"] = CallWrites.FirstArgument,
        ["MPI_Abort"] = CallWrites.Nothing, ["MPI_Barrier"] = CallWrites.Nothing, ["MPI_Wtime"] = CallWrites.Nothing, ["MPI_Wtick"] = CallWrites.Nothing,
        ["MPI_Comm_rank"] = CallWrites.SecondArgument, ["MPI_Comm_size"] = CallWrites.SecondArgument,
        ["MPI_Comm_dup"] = CallWrites.SecondArgument, ["MPI_Comm_free"] = CallWrites.FirstArgument, ["MPI_Comm_split"] = CallWrites.Anything,
        ["MPI_Get_processor_name"] = CallWrites.Anything, ["MPI_Get_count"] = CallWrites.Anything, ["MPI_Type_size"] = CallWrites.SecondArgument,
        ["MPI_Error_string"] = CallWrites.Anything, ["MPI_Dims_create"] = CallWrites.Anything, ["MPI_Cart_create"] = CallWrites.Anything,
        ["MPI_Cart_shift"] = CallWrites.Anything, ["MPI_Cart_coords"] = CallWrites.Anything, ["MPI_Cart_rank"] = CallWrites.Anything,
        // Handle conversions between Fortran integers and C handles (Fortran bindings rewritten to C, FortranMpiBindings).
        ["MPI_Type_f2c"] = CallWrites.Nothing, ["MPI_Op_f2c"] = CallWrites.Nothing, ["MPI_Comm_f2c"] = CallWrites.Nothing,
        ["MPI_Status_c2f"] = CallWrites.SecondArgument,
    };

    public override string Name => callee;

    public override CallWrites Writes => writes;

    public override bool Matches(LlvmFunction function, bool isIntrinsic) => !isIntrinsic && function.Name == callee;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
    }
}
