using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>__kmpc_critical(loc, gtid, lock)</c> ... <c>__kmpc_end_critical(loc, gtid, lock)</c>: an OpenMP
/// critical section (also what <see cref="Transforms.OpenMpReductionLowering"/> makes of a reduction without atomics).
/// Tangent: none; the tangents of the protected code are computed inside the section, next to the primal.
/// Adjoint: the reverse sweep meets the end first, so the end's adjoint takes the lock and the start's adjoint
/// releases it: the adjoint of the protected update (which reads and zeroes shared adjoints, not atomically) runs
/// inside a critical section on the same lock. The thread id is the reverse thread's own
/// (<c>__kmpc_global_thread_num</c>), which need not be the one that ran the forward section.
/// </summary>
public sealed class OpenMpCriticalRule : CallRule
{
    public override string Name => "OpenMP critical";

    /// <summary>Other threads write shared memory while the lock is released: nothing read before may be read again after.</summary>
    public override CallWrites Writes => CallWrites.Anything;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) =>
        !isIntrinsic && callee.Name is OpenMpRuntime.CriticalName or OpenMpRuntime.EndCriticalName;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        LlvmContext llvm = context.Emitter.Context;
        string partner = call.CalledValue.Name == OpenMpRuntime.CriticalName ? OpenMpRuntime.EndCriticalName : OpenMpRuntime.CriticalName;
        LlvmFunction lockCall = context.Emitter.DeclareFunction(partner,
            LlvmType.Function(llvm.VoidType, [llvm.PointerType(), llvm.Int32Type, llvm.PointerType()]));
        LlvmFunction threadNumber = context.Emitter.DeclareFunction(OpenMpRuntime.GlobalThreadNumberName,
            LlvmType.Function(llvm.Int32Type, [llvm.PointerType()]));
        LlvmValue location = context.Primal(call.GetArgument(0));
        LlvmValue gtid = context.Emitter.CallFunction(threadNumber, location);
        context.Emitter.CallFunction(lockCall, location, gtid, context.Primal(call.GetArgument(2)));
    }
}
