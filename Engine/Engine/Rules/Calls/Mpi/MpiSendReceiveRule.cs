using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Sendrecv(sbuf, scount, stype, dest, stag, rbuf, rcount, rtype, source, rtag, comm, status)</c>.
/// Tangent: the same exchange of the tangents (zeros for a send buffer without a shadow).
/// Adjoint: the exchange reversed: <c>rbuf̄</c> goes back to <c>source</c> with <c>rtag</c>, the adjoint coming
/// back from <c>dest</c> with <c>stag</c> is added to <c>sbuf̄</c>; <c>rbuf̄ = 0</c> (unless <c>source</c> is <c>MPI_PROC_NULL</c>).
/// Activity: a receive buffer of real data needs shadow memory. Both datatypes must be the same real type.
/// </summary>
public sealed class MpiSendReceiveRule() : MpiCallRule("MPI_Sendrecv")
{
    private const int SendBuffer = 0, SendCount = 1, SendType = 2, Destination = 3, SendTag = 4;
    private const int ReceiveBuffer = 5, ReceiveCount = 6, ReceiveType = 7, Source = 8, ReceiveTag = 9, Communicator = 10;

    public override CallWrites Writes => CallWrites.Anything;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (IsReal(call, ReceiveType))
        {
            context.RequireShadowMemory(call.GetArgument(ReceiveBuffer), call, reportConstant: true);
        }
    }

    private int CheckedSize(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        int send = ElementSize(call, SendType, primal, hasShadow, SendBuffer, ReceiveBuffer);
        int receive = ElementSize(call, ReceiveType, primal, hasShadow, SendBuffer, ReceiveBuffer);
        if (send != receive)
        {
            throw Error(call, primal, "sends and receives different datatypes with real data on one side",
                "exchange the real data with the same datatype (MPI_DOUBLE or MPI_FLOAT) on both sides");
        }
        if (send != 0)
        {
            RejectWildcards(call, primal, Source, ReceiveTag);
            RequireReceiveShadow(call, primal, hasShadow, ReceiveBuffer);
        }
        return send;
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        LlvmContext llvm = context.Emitter.Context;
        EmitPerLane(context, call, "sendrecv_tangent", lane =>
        [
            TangentBuffer(context, call.GetArgument(SendBuffer), lane), call.GetArgument(SendCount), call.GetArgument(SendType),
            call.GetArgument(Destination), call.GetArgument(SendTag),
            TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane), call.GetArgument(ReceiveCount), call.GetArgument(ReceiveType),
            call.GetArgument(Source), call.GetArgument(ReceiveTag), call.GetArgument(Communicator), Size(llvm, size),
        ]);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        int size = CheckedSize(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        EmitReverse(context, "sendrecv_adjoint",
            AdjointBuffer(context, call.GetArgument(SendBuffer)), context.Primal(call.GetArgument(SendCount)), context.Primal(call.GetArgument(SendType)),
            context.Primal(call.GetArgument(Destination)), context.Primal(call.GetArgument(SendTag)),
            AdjointBuffer(context, call.GetArgument(ReceiveBuffer)), context.Primal(call.GetArgument(ReceiveCount)), context.Primal(call.GetArgument(ReceiveType)),
            context.Primal(call.GetArgument(Source)), context.Primal(call.GetArgument(ReceiveTag)), context.Primal(call.GetArgument(Communicator)),
            Size(context.Emitter.Context, size));
    }
}
