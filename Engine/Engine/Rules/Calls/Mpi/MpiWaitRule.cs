using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Wait(&amp;request, status)</c> / <c>MPI_Waitall(n, requests, statuses)</c>.
/// Tangent: after the primal wait, the derivative messages of those requests complete (requests of
/// inactive data have none in <see cref="MpiRuntime"/>'s list and are skipped).
/// Adjoint: starts the adjoint messages of the requests (<see cref="MpiNonblockingTransferRule"/>
/// completes them), for <c>MPI_Waitall</c> in the reverse of the order the requests were posted.
/// </summary>
public sealed class MpiWaitRule(string callee, bool all) : MpiCallRule(callee)
{
    // The buffers of the completed receives change here.
    public override CallWrites Writes => CallWrites.Anything;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        // Once, whatever the width: non-blocking calls carry one derivative message per request.
        context.PositionAfter(call);
        LlvmFunction function = MpiRuntime.Function(context.Emitter.Module, all ? "waitall_tangent" : "wait_tangent");
        context.Emitter.CallFunction(function, all ? [call.GetArgument(0), call.GetArgument(1)] : [call.GetArgument(0)]);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (all)
        {
            EmitReverse(context, "waitall_adjoint", context.Primal(call.GetArgument(0)), context.Primal(call.GetArgument(1)));
        }
        else
        {
            EmitReverse(context, "wait_adjoint", context.Primal(call.GetArgument(0)));
        }
    }
}
