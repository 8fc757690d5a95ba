using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: address arithmetic and integer conversions with one value operand (getelementptr,
/// addrspacecast, ptrtoint, inttoptr, trunc, zext, sext).
/// Tangent: the shadow address (or mirrored bits) is the same instruction on the operand's
/// shadow, with the primal's indices.
/// Adjoint: none: addresses and integers carry no derivative.
/// </summary>
public sealed class AddressMirrorRule() : LinearInstructionRule(First,
    LLVMOpcode.LLVMGetElementPtr, LLVMOpcode.LLVMAddrSpaceCast, LLVMOpcode.LLVMPtrToInt, LLVMOpcode.LLVMIntToPtr, LLVMOpcode.LLVMTrunc, LLVMOpcode.LLVMZExt, LLVMOpcode.LLVMSExt)
{
    /// <summary>Never active (no floating-point content), so there is nothing to transpose.</summary>
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue adjoint)
    {
    }
}
