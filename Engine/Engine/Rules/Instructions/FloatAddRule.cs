using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = a ± b</c>.
/// Tangent: <c>ẏ = ȧ ± ḃ</c> (linear).
/// Adjoint: <c>ā += ȳ; b̄ += ±ȳ</c>.
/// </summary>
public sealed class FloatAddRule() : LinearInstructionRule(FirstTwo, LLVMOpcode.LLVMFAdd, LLVMOpcode.LLVMFSub)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue value = instruction.Value;
        context.AddToAdjoint(value.GetOperand(0), d);
        context.AddToAdjoint(value.GetOperand(1), instruction.Opcode == LLVMOpcode.LLVMFAdd ? d : context.Builder.FNeg(d));
    }
}
