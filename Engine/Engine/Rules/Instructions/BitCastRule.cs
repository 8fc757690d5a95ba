using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = bitcast a</c> (same bits, another type: vectors of floats, pointers).
/// Tangent: <c>ẏ = bitcast ȧ</c> (linear; a pointer's shadow is cast the same way).
/// Adjoint: <c>ā += bitcast ȳ</c>; integer bits becoming floating-point data is an error.
/// </summary>
public sealed class BitCastRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMBitCast];

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
        if (!TypeFacts.ContainsFloatingPoint(operand.Type))
        {
            throw context.Unsupported(instruction, "a bit cast from integer to floating-point data");
        }
        context.AddToAdjoint(operand, context.Builder.Cast(LLVMOpcode.LLVMBitCast, context.TakeAdjoint(value), operand.Type));
    }
}
