using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>store v, p</c>.
/// Tangent: <c>store v̇, shadow(p)</c> (linear); reverse mode's forward sweep stores only
/// addresses into shadow memory (floating-point data gets adjoints instead).
/// Adjoint: <c>v̄ += *shadow(p); *shadow(p) = 0</c>: the store overwrote whatever was there.
/// Activity: an active value stored needs shadow memory at p; a pointer stored into shadow
/// memory needs a shadow to store next to it.
/// </summary>
public sealed class StoreRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMStore];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction) =>
        RequireShadows(context, instruction, instruction.Value.GetOperand(0), instruction.Value.GetOperand(1));

    /// <summary>What a write of <paramref name="stored"/> through <paramref name="pointer"/> asks of the activity analysis.</summary>
    internal static void RequireShadows(IActivityContext context, LlvmInstruction site, LlvmValue stored, LlvmValue pointer)
    {
        if (context.IsShadowed(stored) && !context.IsShadowed(pointer))
        {
            context.RequireShadowMemory(pointer, site, reportConstant: TypeFacts.CarriesDerivative(stored.Type));
        }
        else if (context.IsShadowed(pointer) && stored.Type.IsPointer && !context.IsShadowed(stored))
        {
            // A pointer stored into shadow memory must have a shadow to store next to it,
            // when it points to memory of our own (allocations); others keep their address.
            context.RequireShadowMemory(stored, site, reportConstant: false);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        if (context.HasShadow(instruction.Value.GetOperand(1)))
        {
            context.CloneWithShadows(instruction, 0, 1);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
        // Addresses stored into shadow memory are mirrored now; floating-point data has
        // adjoints, handled by the reverse sweep.
        LlvmValue stored = instruction.Value.GetOperand(0);
        if (context.HasShadow(instruction.Value.GetOperand(1)) && !TypeFacts.ContainsFloatingPoint(stored.Type) && TypeFacts.ContainsPointer(stored.Type))
        {
            context.Mirror(instruction, 0, 1);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction store)
    {
        LlvmValue stored = store.Value.GetOperand(0), pointer = store.Value.GetOperand(1);
        if (!context.HasShadow(pointer) || !TypeFacts.ContainsFloatingPoint(stored.Type))
        {
            return;
        }
        // The shadow has the primal's layout, so the primal's (possibly small) alignment applies.
        LlvmBuilder builder = context.Builder;
        LlvmValue shadowPointer = context.ShadowAddress(pointer);
        uint alignment = store.Value.Alignment;
        if (context.IsActive(stored))
        {
            context.AddToAdjoint(stored, builder.Load(stored.Type, shadowPointer).WithAlignment(alignment));
        }
        builder.Store(LlvmValue.ConstNull(stored.Type), shadowPointer).WithAlignment(alignment);
    }
}
