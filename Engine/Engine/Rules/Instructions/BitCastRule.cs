using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
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
            if (ComesFromAtomicBits(operand, depth: 4))
            {
                // libstdc++'s std::atomic<double>::fetch_add (and hand-written loops like it) loads the double's
                // bits atomically and retries a compare-and-swap, peeled once: not the loop shape
                // AtomicUpdateCanonicalization turns into an atomicrmw fadd.
                throw new EnzymeException(DiagnosticCodes.AtomicNotDifferentiable,
                    $"'{context.PrimalName}' updates a float or double atomically through its integer bits (an atomic load and a compare-and-swap "
                    + "of the bits, as std::atomic<double>::fetch_add and load do), which reverse mode cannot follow; write the update as "
                    + "__atomic_fetch_add/__atomic_fetch_sub on the double (or C11 _Atomic double +=) and read it with __atomic_load_n, "
                    + "or move it into a function marked __enzyme_inactivefn", instruction.DebugLocation);
            }
            throw context.Unsupported(instruction, "a bit cast from integer to floating-point data");
        }
        context.AddToAdjoint(operand, context.Builder.Cast(LLVMOpcode.LLVMBitCast, d, operand.Type));
    }

    /// <summary>Integer bits read by an atomic load or a compare-and-swap (through the phis and extracts of a retry loop).</summary>
    private static bool ComesFromAtomicBits(LlvmValue value, int depth)
    {
        if (depth == 0 || value.AsInstruction() is not { } instruction)
        {
            return false;
        }
        return instruction.Opcode switch
        {
            LLVMOpcode.LLVMLoad => instruction.Ordering != LLVMAtomicOrdering.LLVMAtomicOrderingNotAtomic,
            LLVMOpcode.LLVMAtomicCmpXchg or LLVMOpcode.LLVMAtomicRMW => true,
            LLVMOpcode.LLVMExtractValue => ComesFromAtomicBits(instruction.Value.GetOperand(0), depth - 1),
            LLVMOpcode.LLVMPHI => Enumerable.Range(0, instruction.Value.OperandCount).Any(i => ComesFromAtomicBits(instruction.Value.GetOperand(i), depth - 1)),
            _ => false,
        };
    }
}
