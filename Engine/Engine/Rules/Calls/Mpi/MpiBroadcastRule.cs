using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Bcast(buf, count, type, root, comm)</c>: every rank's <c>buf</c> becomes the root's.
/// Tangent: the root's tangent is broadcast too.
/// Adjoint: the root's <c>buf̄</c> becomes the sum over ranks of <c>buf̄</c> (an <c>MPI_Reduce</c> with <c>MPI_SUM</c>
/// to the root); the other ranks' <c>buf̄ = 0</c>.
/// Activity: the buffer of real data needs shadow memory (it receives on every rank but the root).
/// </summary>
public sealed class MpiBroadcastRule() : MpiCallRule("MPI_Bcast")
{
    private const int Buffer = 0, Count = 1, Datatype = 2, Root = 3, Communicator = 4;

    public override CallWrites Writes => CallWrites.FirstArgument;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (IsReal(call, Datatype))
        {
            context.RequireShadowMemory(call.GetArgument(Buffer), call, reportConstant: true);
        }
    }

    private int CheckedSize(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        int size = ElementSize(call, Datatype, primal, hasShadow, Buffer);
        if (size != 0)
        {
            RequireReceiveShadow(call, primal, hasShadow, Buffer);
        }
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
        EmitPerLane(context, call, "bcast_tangent", lane =>
        [
            TangentBuffer(context, call.GetArgument(Buffer), lane), call.GetArgument(Count), call.GetArgument(Datatype),
            call.GetArgument(Root), call.GetArgument(Communicator), Size(llvm, size),
        ]);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        EmitReverse(context, "bcast_adjoint",
            context.ShadowAddress(call.GetArgument(Buffer)), context.Primal(call.GetArgument(Count)), context.Primal(call.GetArgument(Datatype)),
            context.Primal(call.GetArgument(Root)), context.Primal(call.GetArgument(Communicator)), MpiHandles.Sum(context.Emitter.Module),
            Size(context.Emitter.Context, size));
    }
}
