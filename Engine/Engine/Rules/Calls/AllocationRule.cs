using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>p = malloc(n)</c>, <c>calloc</c>, <c>aligned_alloc</c>, <c>operator new</c>.
/// Tangent (both modes' forward code): a zero-initialised shadow block where the activity
/// analysis gave the allocation shadow memory (<see cref="ShadowAllocation"/>).
/// Adjoint: none; the block and its shadow are released with the free that releases the primal.
/// </summary>
public sealed class AllocationRule : CallRule
{
    public override string Name => "allocation";

    public override CallWrites Writes => CallWrites.Nothing;

    public override bool Allocates => true;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => !isIntrinsic && LibraryFunctions.IsAllocator(callee.Name);

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (context.IsShadowAllocation(call))
        {
            context.CreateShadowAllocation(call);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call)
    {
        if (context.IsShadowAllocation(call))
        {
            context.CreateShadowAllocation(call);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
    }
}
