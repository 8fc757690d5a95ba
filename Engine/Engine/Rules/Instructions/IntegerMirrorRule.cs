using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: integer arithmetic <c>y = a op b</c> (add, sub, mul, shifts, and, or, xor).
/// Tangent: none; where the integer holds an address (ptrtoint arithmetic, tagged pointers) or
/// bits copied from shadowed memory, its shadow is the same operation on the operands' shadows.
/// Adjoint: none: integers carry no derivative.
/// </summary>
public sealed class IntegerMirrorRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } =
    [
        LLVMOpcode.LLVMAdd, LLVMOpcode.LLVMSub, LLVMOpcode.LLVMMul, LLVMOpcode.LLVMShl, LLVMOpcode.LLVMLShr,
        LLVMOpcode.LLVMAShr, LLVMOpcode.LLVMAnd, LLVMOpcode.LLVMOr, LLVMOpcode.LLVMXor,
    ];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
    }
}
