using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Allreduce(sbuf, rbuf, count, type, MPI_SUM, comm)</c> / <c>MPI_Reduce(sbuf, rbuf, count, type, MPI_SUM, root, comm)</c>
/// (<c>sbuf</c> may be <c>MPI_IN_PLACE</c>): <c>y = Σ_ranks x</c>.
/// Tangent: the same reduction of the tangents.
/// Adjoint: <c>x̄ += Σ_ranks ȳ</c> (an allreduce-sum of the adjoints) for Allreduce; for Reduce every rank's
/// <c>x̄ +=</c> the root's <c>ȳ</c> (a broadcast); then <c>ȳ = 0</c>.
/// Real data with any other operation (<c>MPI_MAX</c>, <c>MPI_MIN</c>, <c>MPI_PROD</c>, user operations) is ENZ2020.
/// </summary>
public sealed class MpiReductionRule(string callee, bool toAll) : MpiCallRule(callee)
{
    private const int SendBuffer = 0, ReceiveBuffer = 1, Count = 2, Datatype = 3, Operation = 4;

    private int Root => toAll ? -1 : 5;

    private int Communicator => toAll ? 5 : 6;

    public override CallWrites Writes => CallWrites.Anything;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (IsReal(call, Datatype))
        {
            context.RequireShadowMemory(call.GetArgument(ReceiveBuffer), call, reportConstant: true);
        }
    }

    private int CheckedSize(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        int size = ElementSize(call, Datatype, primal, hasShadow, SendBuffer, ReceiveBuffer);
        if (size == 0)
        {
            return 0;
        }
        LlvmValue operation = call.GetArgument(Operation);
        if (!MpiHandles.IsSum(operation))
        {
            throw Error(call, primal, $"reduces real data with {MpiHandles.OperationName(operation)}; only MPI_SUM reductions are differentiated",
                "reduce with MPI_SUM, or hand every rank the values (MPI_Bcast from each rank in turn) and take the maximum or minimum in C");
        }
        RequireReceiveShadow(call, primal, hasShadow, ReceiveBuffer);
        return size;
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        LlvmContext llvm = context.Emitter.Context;
        EmitPerLane(context, call, toAll ? "allreduce_tangent" : "reduce_tangent", lane =>
            toAll
                ? [TangentBuffer(context, call.GetArgument(SendBuffer), lane), TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane),
                   call.GetArgument(Count), call.GetArgument(Datatype), call.GetArgument(Operation), call.GetArgument(Communicator), Size(llvm, size)]
                : [TangentBuffer(context, call.GetArgument(SendBuffer), lane), TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane),
                   call.GetArgument(Count), call.GetArgument(Datatype), call.GetArgument(Operation), call.GetArgument(Root),
                   call.GetArgument(Communicator), Size(llvm, size)]);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        LlvmValue receive = context.ShadowAddress(call.GetArgument(ReceiveBuffer));
        // In place, the data reduced was the receive buffer itself: its adjoint receives the sum.
        LlvmValue send = MpiHandles.IsInPlace(call.GetArgument(SendBuffer)) ? receive : AdjointBuffer(context, call.GetArgument(SendBuffer));
        LlvmValue count = context.Primal(call.GetArgument(Count)), datatype = context.Primal(call.GetArgument(Datatype));
        LlvmValue operation = context.Primal(call.GetArgument(Operation)), communicator = context.Primal(call.GetArgument(Communicator));
        LlvmValue elementSize = Size(context.Emitter.Context, size);
        if (toAll)
        {
            EmitReverse(context, "allreduce_adjoint", send, receive, count, datatype, operation, communicator, elementSize);
        }
        else
        {
            EmitReverse(context, "reduce_adjoint", send, receive, count, datatype, operation, context.Primal(call.GetArgument(Root)), communicator, elementSize);
        }
    }
}
