using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: integer arithmetic <c>y = a op b</c> (add, sub, mul, shifts, and, or, xor).
/// Tangent: none; where the integer holds an address (ptrtoint arithmetic, tagged pointers) or
/// bits copied from shadowed memory, its shadow is the same operation on the operands' shadows.
/// Adjoint: none: integers carry no derivative.
/// </summary>
public sealed class IntegerMirrorRule() : LinearInstructionRule(FirstTwo,
    LLVMOpcode.LLVMAdd, LLVMOpcode.LLVMSub, LLVMOpcode.LLVMMul, LLVMOpcode.LLVMShl, LLVMOpcode.LLVMLShr, LLVMOpcode.LLVMAShr, LLVMOpcode.LLVMAnd, LLVMOpcode.LLVMOr, LLVMOpcode.LLVMXor)
{
    /// <summary>Never active (no floating-point content), so there is nothing to transpose.</summary>
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue adjoint)
    {
    }
}
