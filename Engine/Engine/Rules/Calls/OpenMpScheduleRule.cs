using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>__kmpc_for_static_init_4(loc, gtid, schedule, &amp;last, &amp;lb, &amp;ub, &amp;stride, incr, chunk)</c>,
/// <c>__kmpc_dispatch_next_4(loc, gtid, &amp;last, &amp;lb, &amp;ub, &amp;stride)</c> and their init/fini partners: the
/// iterations of a worksharing loop this thread runs, written into integer locals.
/// Tangent: none. Adjoint: none: the reverse half reads the bounds of each chunk it reverses from the
/// thread's tape, so it neither needs the same thread nor asks the runtime again. The calls write
/// (<see cref="CallWrites.Anything"/>): a bound loaded after <c>dispatch_next</c> in a loop must be cached per
/// chunk, never reloaded from the local the next call overwrites.
/// </summary>
public sealed class OpenMpScheduleRule : CallRule
{
    public override string Name => "OpenMP loop schedule";

    public override CallWrites Writes => CallWrites.Anything;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) =>
        !isIntrinsic && OpenMpRuntime.SchedulePrefixes.Any(prefix => callee.Name.StartsWith(prefix, StringComparison.Ordinal));

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
