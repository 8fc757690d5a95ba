using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = load p</c>.
/// Tangent: <c>ẏ = load shadow(p)</c> (linear; a loaded pointer's shadow is loaded from shadow memory).
/// Adjoint: <c>*shadow(p) += ȳ</c> (atomically where threads share the memory).
/// </summary>
public sealed class LoadRule() : LinearInstructionRule(First, LLVMOpcode.LLVMLoad)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d) =>
        context.AccumulateIntoShadow(instruction.Value.GetOperand(0), d, instruction.Value.Alignment);
}
