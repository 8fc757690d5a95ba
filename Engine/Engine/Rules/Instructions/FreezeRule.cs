using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = freeze a</c> (pins poison to some value).
/// Tangent: <c>ẏ = freeze ȧ</c> (linear).
/// Adjoint: <c>ā += ȳ</c>: the derivative passes through.
/// </summary>
public sealed class FreezeRule() : LinearInstructionRule(First, LLVMOpcode.LLVMFreeze)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d) =>
        context.AddToAdjoint(instruction.Value.GetOperand(0), d);
}
