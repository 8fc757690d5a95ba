using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = -a</c>.
/// Tangent: <c>ẏ = -ȧ</c> (linear).
/// Adjoint: <c>ā += -ȳ</c>.
/// </summary>
public sealed class FloatNegateRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFNeg];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.IsActive(value))
        {
            context.AddToAdjoint(value.GetOperand(0), context.Builder.FNeg(context.TakeAdjoint(value)));
        }
    }
}
