using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Isend(buf, count, type, dest, tag, comm, &amp;request)</c> / <c>MPI_Irecv(buf, count, type, source, tag, comm, &amp;request)</c>.
/// Tangent: the tangent message is posted next to the primal one with a request of its own, kept in
/// <see cref="MpiRuntime"/>'s request list under <c>&amp;request</c>; the wait completes it.
/// Adjoint: the forward sweep records buffer, shadow, count, datatype, peer, tag and communicator under
/// <c>&amp;request</c>; the reverse of the wait starts the adjoint message and the reverse of this call
/// completes it: for a send, adds the adjoint received back into <c>buf̄</c>; for a receive, <c>buf̄ = 0</c>.
/// Activity: a receive buffer of real data needs shadow memory.
/// </summary>
public sealed class MpiNonblockingTransferRule(string callee, bool isSend) : MpiCallRule(callee)
{
    private const int Buffer = 0, Count = 1, Datatype = 2, Peer = 3, Tag = 4, Communicator = 5, Request = 6;

    // The receive buffer is written when the request completes: reloading it across the call is unsafe.
    public override CallWrites Writes => isSend ? CallWrites.Nothing : CallWrites.Anything;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (!isSend && IsReal(call, Datatype))
        {
            context.RequireShadowMemory(call.GetArgument(Buffer), call, reportConstant: true);
        }
    }

    private int CheckedSize(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        int size = ElementSize(call, Datatype, primal, hasShadow, Buffer);
        if (size != 0 && !isSend)
        {
            RejectWildcards(call, primal, Peer, Tag);
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
        if (context.Width != 1)
        {
            // One derivative request per primal request: the list is keyed by the request's address.
            throw Error(call, context.PrimalName, "is non-blocking, and vector forward mode (enzyme_width > 1) keeps one derivative message per request",
                "use enzyme_width 1 (several calls), or MPI_Sendrecv");
        }
        LlvmContext llvm = context.Emitter.Context;
        EmitPerLane(context, call, isSend ? "isend_tangent" : "irecv_tangent", lane =>
        [
            TangentBuffer(context, call.GetArgument(Buffer), lane), call.GetArgument(Count), call.GetArgument(Datatype),
            call.GetArgument(Peer), call.GetArgument(Tag), call.GetArgument(Communicator), call.GetArgument(Request), Size(llvm, size),
        ]);
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        LlvmContext llvm = context.Emitter.Context;
        context.Emitter.Builder.PositionBefore(call.Next!.Value);
        LlvmValue buffer = call.GetArgument(Buffer);
        LlvmValue shadow = context.HasShadow(buffer) ? context.ShadowAddress(buffer) : NullPointer(llvm);
        LlvmValue record = context.Emitter.CallFunction(MpiRuntime.Function(context.Emitter.Module, "record"),
            call.GetArgument(Request), LlvmValue.ConstInt(llvm.Int32Type, isSend ? 0 : 1), shadow, call.GetArgument(Count),
            call.GetArgument(Datatype), call.GetArgument(Peer), call.GetArgument(Tag), call.GetArgument(Communicator), Size(llvm, size));
        context.MarkInstrumentation(record);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (CheckedSize(call, context.PrimalName, context.HasShadow) != 0)
        {
            EmitReverse(context, "complete_adjoint", context.Primal(call.GetArgument(Request)));
        }
    }
}
