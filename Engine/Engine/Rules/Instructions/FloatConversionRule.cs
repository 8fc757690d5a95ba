using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = fpext a</c> or <c>y = fptrunc a</c>.
/// Tangent: the same conversion of <c>ȧ</c> (linear).
/// Adjoint: <c>ā += </c> the opposite conversion of <c>ȳ</c>.
/// </summary>
public sealed class FloatConversionRule() : LinearInstructionRule(First, LLVMOpcode.LLVMFPExt, LLVMOpcode.LLVMFPTrunc)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue operand = instruction.Value.GetOperand(0);
        LLVMOpcode inverse = instruction.Opcode == LLVMOpcode.LLVMFPExt ? LLVMOpcode.LLVMFPTrunc : LLVMOpcode.LLVMFPExt;
        context.AddToAdjoint(operand, context.Builder.Cast(inverse, d, operand.Type));
    }
}
