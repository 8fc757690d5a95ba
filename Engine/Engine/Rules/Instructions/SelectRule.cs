using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = select c, a, b</c>.
/// Tangent: <c>ẏ = select c, ȧ, ḃ</c> (linear in a and b; the condition carries no derivative).
/// Adjoint: <c>ā += select c, ȳ, 0; b̄ += select c, 0, ȳ</c>.
/// A selected pointer needs a shadow from both sources.
/// </summary>
public sealed class SelectRule() : LinearInstructionRule([1, 2], LLVMOpcode.LLVMSelect)
{
    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        if (ShadowOperands(instruction).Any(i => context.IsShadowed(instruction.Value.GetOperand(i))))
        {
            context.Mark(instruction.Value);
            context.RequireShadowsOfEverySource(instruction);
        }
    }

    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue value = instruction.Value;
        LlvmValue condition = context.Primal(value.GetOperand(0));
        LlvmValue zero = LlvmValue.ConstNull(value.Type);
        context.AddToAdjoint(value.GetOperand(1), context.Builder.Select(condition, d, zero));
        context.AddToAdjoint(value.GetOperand(2), context.Builder.Select(condition, zero, d));
    }
}
