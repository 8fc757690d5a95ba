using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Control flow, comparisons, conversions between integers and floating point, integer
/// division and fences: their results carry no derivative (a comparison of active values is a
/// boolean, <c>fptosi</c> is piecewise constant), so neither mode emits anything.
/// </summary>
public sealed class NoDerivativeRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } =
    [
        LLVMOpcode.LLVMBr, LLVMOpcode.LLVMSwitch, LLVMOpcode.LLVMUnreachable, LLVMOpcode.LLVMICmp, LLVMOpcode.LLVMFCmp,
        LLVMOpcode.LLVMSIToFP, LLVMOpcode.LLVMUIToFP, LLVMOpcode.LLVMFPToSI, LLVMOpcode.LLVMFPToUI,
        LLVMOpcode.LLVMUDiv, LLVMOpcode.LLVMSDiv, LLVMOpcode.LLVMURem, LLVMOpcode.LLVMSRem, LLVMOpcode.LLVMFence,
    ];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
    }
}
