using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = select c, a, b</c>.
/// Tangent: <c>ẏ = select c, ȧ, ḃ</c> (linear in a and b; the condition carries no derivative).
/// Adjoint: <c>ā += select c, ȳ, 0; b̄ += select c, 0, ȳ</c>.
/// A selected pointer needs a shadow from both sources.
/// </summary>
public sealed class SelectRule : InstructionRule
{
    private static readonly int[] Choices = [1, 2];

    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMSelect];

    public override int[] ShadowOperands(LlvmInstruction instruction) => Choices;

    public override bool IsLinear => true;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        if (Choices.Any(i => context.IsShadowed(instruction.Value.GetOperand(i))))
        {
            context.Mark(instruction.Value);
            context.RequireShadowsOfEverySource(instruction);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value), condition = context.Primal(value.GetOperand(0));
        LlvmValue zero = LlvmValue.ConstNull(value.Type);
        context.AddToAdjoint(value.GetOperand(1), context.Builder.Select(condition, d, zero));
        context.AddToAdjoint(value.GetOperand(2), context.Builder.Select(condition, zero, d));
    }
}
