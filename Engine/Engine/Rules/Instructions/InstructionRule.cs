using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// The derivative of one opcode family, declared once for the activity analysis and both modes
/// (the role of Enzyme's <c>InstructionDerivatives.td</c> and of JAX's rule registries; the modes
/// never switch on opcodes themselves, they look the rule up in <see cref="InstructionRules"/>).
/// <list type="bullet">
/// <item><see cref="ShadowOperands"/>: the operands whose derivative (or shadow address) flows
/// into the result. The activity analysis marks the result when one of them is shadowed.</item>
/// <item><see cref="IsLinear"/>: the tangent is the instruction applied to the operands' shadows,
/// and reverse mode's forward sweep mirrors addresses and integers the same way; the adjoint is
/// the transpose. Otherwise a rule writes its tangent and its adjoint next to each other.</item>
/// </list>
/// </summary>
public abstract class InstructionRule
{
    /// <summary>The opcodes this rule covers.</summary>
    public abstract IReadOnlyList<LLVMOpcode> Opcodes { get; }

    /// <summary>Operands whose derivative or shadow flows into the result.</summary>
    public abstract int[] ShadowOperands(LlvmInstruction instruction);

    /// <summary>Whether the tangent (or shadow address) is the instruction applied to the operands' shadows.</summary>
    public abstract bool IsLinear { get; }

    /// <summary>Activity: the result has a shadow when one of <see cref="ShadowOperands"/> has.</summary>
    public virtual void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        if (ShadowOperands(instruction).Any(i => context.IsShadowed(instruction.Value.GetOperand(i))))
        {
            context.Mark(instruction.Value);
        }
    }

    /// <summary>Forward mode: writes the tangent of a shadowed instruction after it.</summary>
    public virtual void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        if (IsLinear && context.IsShadowed(instruction.Value))
        {
            context.CloneWithShadows(instruction, ShadowOperands(instruction));
        }
    }

    /// <summary>Reverse mode, forward sweep: mirrors a shadowed address or integer.</summary>
    public virtual void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
        if (IsLinear && context.IsMirrored(instruction))
        {
            context.Mirror(instruction, ShadowOperands(instruction));
        }
    }

    /// <summary>Reverse mode, reverse sweep: adds partial × adjoint(result) into the operands' adjoints.</summary>
    public abstract void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction);

    private protected static readonly int[] None = [];
    private protected static readonly int[] First = [0];
    private protected static readonly int[] FirstTwo = [0, 1];
}
