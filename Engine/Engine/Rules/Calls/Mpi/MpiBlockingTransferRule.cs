using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Send(buf, count, type, dest, tag, comm)</c> / <c>MPI_Recv(buf, count, type, source, tag, comm, status)</c>.
/// Tangent: a second message with the same tag carrying the tangent of <c>buf</c> (zeros for a send buffer without a shadow).
/// Adjoint: the reverse of a receive sends <c>buf̄</c> back to the source and zeroes it; the reverse of a
/// send receives that adjoint into a temporary and adds it to <c>buf̄</c>.
/// Activity: a receive buffer of real data needs shadow memory.
/// </summary>
public sealed class MpiBlockingTransferRule(string callee, bool isSend) : MpiCallRule(callee)
{
    private const int Buffer = 0, Count = 1, Datatype = 2, Peer = 3, Tag = 4, Communicator = 5;

    public override CallWrites Writes => isSend ? CallWrites.Nothing : CallWrites.FirstArgument;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (!isSend && IsReal(call, Datatype))
        {
            context.RequireShadowMemory(call.GetArgument(Buffer), call, reportConstant: true);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        int size = ElementSize(call, Datatype, context.PrimalName, context.HasShadow, Buffer);
        if (size == 0)
        {
            return;
        }
        if (!isSend)
        {
            RejectWildcards(call, context.PrimalName, Peer, Tag);
            RequireReceiveShadow(call, context.PrimalName, context.HasShadow, Buffer);
        }
        LlvmContext llvm = context.Emitter.Context;
        EmitPerLane(context, call, isSend ? "send_tangent" : "recv_tangent", lane =>
        [
            TangentBuffer(context, call.GetArgument(Buffer), lane), call.GetArgument(Count), call.GetArgument(Datatype),
            call.GetArgument(Peer), call.GetArgument(Tag), call.GetArgument(Communicator), Size(llvm, size),
        ]);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        int size = ElementSize(call, Datatype, context.PrimalName, context.HasShadow, Buffer);
        if (size == 0)
        {
            return;
        }
        if (!isSend)
        {
            RejectWildcards(call, context.PrimalName, Peer, Tag);
            RequireReceiveShadow(call, context.PrimalName, context.HasShadow, Buffer);
        }
        EmitReverse(context, isSend ? "send_adjoint" : "recv_adjoint",
            AdjointBuffer(context, call.GetArgument(Buffer)), context.Primal(call.GetArgument(Count)), context.Primal(call.GetArgument(Datatype)),
            context.Primal(call.GetArgument(Peer)), context.Primal(call.GetArgument(Tag)), context.Primal(call.GetArgument(Communicator)),
            Size(context.Emitter.Context, size));
    }
}
