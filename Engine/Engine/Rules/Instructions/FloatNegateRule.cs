using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = -a</c>.
/// Tangent: <c>ẏ = -ȧ</c> (linear).
/// Adjoint: <c>ā += -ȳ</c>.
/// </summary>
public sealed class FloatNegateRule() : LinearInstructionRule(First, LLVMOpcode.LLVMFNeg)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d) =>
        context.AddToAdjoint(instruction.Value.GetOperand(0), context.Builder.FNeg(d));
}
