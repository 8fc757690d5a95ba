using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = bitcast a</c> (same bits, another type: vectors of floats, pointers).
/// Tangent: <c>ẏ = bitcast ȧ</c> (linear; a pointer's shadow is cast the same way).
/// Adjoint: <c>ā += bitcast ȳ</c>; integer bits becoming floating-point data is an error.
/// </summary>
public sealed class BitCastRule() : LinearInstructionRule(First, LLVMOpcode.LLVMBitCast)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue operand = instruction.Value.GetOperand(0);
        if (!TypeFacts.ContainsFloatingPoint(operand.Type))
        {
            throw context.Unsupported(instruction, "a bit cast from integer to floating-point data");
        }
        context.AddToAdjoint(operand, context.Builder.Cast(LLVMOpcode.LLVMBitCast, d, operand.Type));
    }
}
