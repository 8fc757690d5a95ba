using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = freeze a</c> (pins poison to some value).
/// Tangent: <c>ẏ = freeze ȧ</c> (linear).
/// Adjoint: <c>ā += ȳ</c>: the derivative passes through.
/// </summary>
public sealed class FreezeRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFreeze];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.IsActive(value))
        {
            context.AddToAdjoint(value.GetOperand(0), context.TakeAdjoint(value));
        }
    }
}
