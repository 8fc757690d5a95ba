using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>free(p)</c>, <c>operator delete</c> and its sized/aligned forms.
/// Tangent: the shadow block is released too.
/// Reverse: the reverse sweep still reads the block and accumulates into its shadow, so the
/// forward sweep drops the free; the reverse sweep records it when it passes it (once per free
/// the forward sweep did), and the outermost reverse sweep releases the block and its shadow
/// when it ends (<see cref="DeferredFrees"/>). Releasing at the allocation's reverse instead
/// would be wrong where a block can reach several frees (through phis, memory or callees).
/// </summary>
public sealed class DeallocationRule : CallRule
{
    public override string Name => "deallocation";

    public override CallWrites Writes => CallWrites.Nothing;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => !isIntrinsic && LibraryFunctions.IsDeallocator(callee.Name);

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (context.IsShadowed(call.GetArgument(0)))
        {
            context.CloneWithShadows(call, 0);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call) => context.DeferFree(call);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call) => context.RecordDeferredFree(call);
}
