using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = load p</c>.
/// Tangent: <c>ẏ = load shadow(p)</c> (linear; a loaded pointer's shadow is loaded from shadow memory).
/// Adjoint: <c>*shadow(p) += ȳ</c> (atomically where threads share the memory).
/// </summary>
public sealed class LoadRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMLoad];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.IsActive(value))
        {
            LlvmValue d = context.TakeAdjoint(value);
            context.AccumulateIntoShadow(value.GetOperand(0), d, value.Alignment);
        }
    }
}
