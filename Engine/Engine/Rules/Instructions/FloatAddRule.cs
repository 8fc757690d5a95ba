using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = a ± b</c>.
/// Tangent: <c>ẏ = ȧ ± ḃ</c> (linear).
/// Adjoint: <c>ā += ȳ; b̄ += ±ȳ</c>.
/// </summary>
public sealed class FloatAddRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFAdd, LLVMOpcode.LLVMFSub];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value);
        context.AddToAdjoint(value.GetOperand(0), d);
        context.AddToAdjoint(value.GetOperand(1), instruction.Opcode == LLVMOpcode.LLVMFAdd ? d : context.Builder.FNeg(d));
    }
}
