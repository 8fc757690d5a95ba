using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Every other MPI function (registered after the rules that differentiate MPI calls). It is ENZ2020 in
/// differentiated code when it could move real data (a buffer with a shadow, or an <c>MPI_DOUBLE</c>/<c>MPI_FLOAT</c>
/// datatype argument: a gather into a buffer without a shadow would otherwise make its data look constant),
/// or when it completes requests other than by waiting (<c>MPI_Test</c>, <c>MPI_Waitany</c>, ...: a derivative
/// message could be left in flight). Other calls (attribute queries, say) pass through unchanged.
/// </summary>
public sealed class MpiUnsupportedRule : CallRule
{
    private static readonly HashSet<string> RequestCompletions =
    [
        "MPI_Test", "MPI_Testall", "MPI_Testany", "MPI_Testsome", "MPI_Waitany", "MPI_Waitsome", "MPI_Request_free", "MPI_Cancel",
    ];

    public override string Name => "MPI (not differentiated)";

    public override CallWrites Writes => CallWrites.Anything;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) =>
        !isIntrinsic && (callee.Name.StartsWith("MPI_", StringComparison.Ordinal) || callee.Name.StartsWith("PMPI_", StringComparison.Ordinal));

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call) => Check(call, context.PrimalName, context.HasShadow);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call) => Check(call, context.PrimalName, context.HasShadow);

    private static void Check(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        string callee = call.CalledValue.Name;
        bool movesRealData = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument)
            .Any(a => (a.Type.IsPointer && hasShadow(a)) || MpiHandles.Element(a) is MpiElement.Double or MpiElement.Float);
        if (RequestCompletions.Contains(callee))
        {
            throw new Diagnostics.EnzymeException(Diagnostics.DiagnosticCodes.MpiNotDifferentiable,
                $"'{primal}' calls {callee}, which completes requests in a way the derivative's own messages cannot follow; complete requests with MPI_Wait or MPI_Waitall inside the differentiated function (docs/mpi.md)",
                call.DebugLocation);
        }
        if (movesRealData)
        {
            throw new Diagnostics.EnzymeException(Diagnostics.DiagnosticCodes.MpiNotDifferentiable,
                $"'{primal}' calls {callee} on real data, and the engine has no derivative for it; differentiated: MPI_Send, MPI_Recv, MPI_Isend, MPI_Irecv, MPI_Wait, MPI_Waitall, MPI_Sendrecv, MPI_Bcast, MPI_Reduce and MPI_Allreduce with MPI_SUM, MPI_Allreduce with MPI_MAX/MPI_MIN — express the communication with those, or register a gradient with __enzyme_register_gradient_{callee} (docs/mpi.md)",
                call.DebugLocation);
        }
    }
}
