using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = fpext a</c> or <c>y = fptrunc a</c>.
/// Tangent: the same conversion of <c>ȧ</c> (linear).
/// Adjoint: <c>ā += </c> the opposite conversion of <c>ȳ</c>.
/// </summary>
public sealed class FloatConversionRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFPExt, LLVMOpcode.LLVMFPTrunc];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue operand = value.GetOperand(0);
        LLVMOpcode inverse = instruction.Opcode == LLVMOpcode.LLVMFPExt ? LLVMOpcode.LLVMFPTrunc : LLVMOpcode.LLVMFPExt;
        context.AddToAdjoint(operand, context.Builder.Cast(inverse, context.TakeAdjoint(value), operand.Type));
    }
}
