using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// Original: <c>MPI_Allreduce(sbuf, rbuf, count, type, MPI_SUM, comm)</c> / <c>MPI_Reduce(sbuf, rbuf, count, type, MPI_SUM, root, comm)</c>
/// (<c>sbuf</c> may be <c>MPI_IN_PLACE</c>): <c>y = Σ_ranks x</c>.
/// Tangent: the same reduction of the tangents.
/// Adjoint: <c>x̄ += Σ_ranks ȳ</c> (an allreduce-sum of the adjoints) for Allreduce; for Reduce every rank's
/// <c>x̄ +=</c> the root's <c>ȳ</c> (a broadcast); then <c>ȳ = 0</c>.
/// <c>MPI_Allreduce</c> with <c>MPI_MAX</c>/<c>MPI_MIN</c> (not in place): the derivative is that of the rank holding
/// the extremum (the lowest on ties), found by an <c>MPI_MIN</c> reduction of the ranks whose data equals the
/// result; tangent: an allreduce-sum of <c>ẋ</c> where this rank holds it; adjoint: <c>x̄ += Σ_ranks ȳ</c> there
/// (the forward sweep records which elements this rank holds). Any other operation on real data, or
/// <c>MPI_Reduce</c> with <c>MPI_MAX</c>/<c>MPI_MIN</c>, is ENZ2020.
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

    /// <summary>The element size (0: no derivative) and whether the operation is MPI_MAX/MPI_MIN rather than MPI_SUM.</summary>
    private (int Size, bool Extremum) Checked(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        int size = ElementSize(call, Datatype, primal, hasShadow, SendBuffer, ReceiveBuffer);
        if (size == 0)
        {
            return (0, false);
        }
        LlvmValue operation = call.GetArgument(Operation);
        // The extremum's owner is found by comparing the data sent with the result: in place, the data is gone.
        bool extremum = toAll && MpiHandles.IsExtremum(operation) && !MpiHandles.IsInPlace(call.GetArgument(SendBuffer));
        if (!MpiHandles.IsSum(operation) && !extremum)
        {
            throw Error(call, primal,
                $"reduces real data with {MpiHandles.OperationName(operation)}{(MpiHandles.IsInPlace(call.GetArgument(SendBuffer)) ? " in place" : "")}; MPI_SUM reductions and MPI_Allreduce with MPI_MAX/MPI_MIN (not in place) are differentiated",
                "reduce with MPI_SUM, use MPI_Allreduce with a separate send buffer for MPI_MAX/MPI_MIN, or hand every rank the values (MPI_Bcast from each rank in turn) and combine them in C");
        }
        RequireReceiveShadow(call, primal, hasShadow, ReceiveBuffer);
        return (size, extremum);
    }

    private static string TypeName(int size) => size == 4 ? "float" : "double";

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        (int size, bool extremum) = Checked(call, context.PrimalName, context.HasShadow);
        if (size == 0)
        {
            return;
        }
        LlvmContext llvm = context.Emitter.Context;
        LlvmModule module = context.Emitter.Module;
        if (extremum)
        {
            EmitPerLane(context, call, "extremum_tangent_" + TypeName(size), lane =>
            [
                call.GetArgument(SendBuffer), call.GetArgument(ReceiveBuffer), TangentBuffer(context, call.GetArgument(SendBuffer), lane),
                TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane), call.GetArgument(Count), call.GetArgument(Datatype),
                call.GetArgument(Communicator), MpiHandles.Sum(module), MpiHandles.Handle(module, MpiHandles.IntDatatype),
                MpiHandles.Handle(module, MpiHandles.MinOperation),
            ]);
            return;
        }
        EmitPerLane(context, call, toAll ? "allreduce_tangent" : "reduce_tangent", lane =>
            toAll
                ? [TangentBuffer(context, call.GetArgument(SendBuffer), lane), TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane),
                   call.GetArgument(Count), call.GetArgument(Datatype), call.GetArgument(Operation), call.GetArgument(Communicator), Size(llvm, size)]
                : [TangentBuffer(context, call.GetArgument(SendBuffer), lane), TangentBuffer(context, call.GetArgument(ReceiveBuffer), lane),
                   call.GetArgument(Count), call.GetArgument(Datatype), call.GetArgument(Operation), call.GetArgument(Root),
                   call.GetArgument(Communicator), Size(llvm, size)]);
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call)
    {
        (int size, bool extremum) = Checked(call, context.PrimalName, context.HasShadow);
        if (!extremum)
        {
            return;
        }
        // Which elements this rank's data decided, while the data sent and the result are still there.
        LlvmModule module = context.Emitter.Module;
        context.Emitter.Builder.PositionBefore(call.Next!.Value);
        LlvmValue owners = context.Emitter.CallFunction(MpiRuntime.Function(module, "extremum_owners_" + TypeName(size)),
            call.GetArgument(SendBuffer), call.GetArgument(ReceiveBuffer), call.GetArgument(Count), call.GetArgument(Communicator),
            MpiHandles.Handle(module, MpiHandles.IntDatatype), MpiHandles.Handle(module, MpiHandles.MinOperation));
        context.MarkInstrumentation(owners);
        context.KeepForReverse(call, owners);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        (int size, bool extremum) = Checked(call, context.PrimalName, context.HasShadow);
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
        if (extremum)
        {
            EmitReverse(context, "extremum_adjoint_" + TypeName(size), context.Kept(call), send, receive, count, datatype, communicator,
                MpiHandles.Sum(context.Emitter.Module));
        }
        else if (toAll)
        {
            EmitReverse(context, "allreduce_adjoint", send, receive, count, datatype, operation, communicator, elementSize);
        }
        else
        {
            EmitReverse(context, "reduce_adjoint", send, receive, count, datatype, operation, context.Primal(call.GetArgument(Root)), communicator, elementSize);
        }
    }
}
