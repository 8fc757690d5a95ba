using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = shufflevector a, b, mask</c>.
/// Tangent: <c>ẏ = shufflevector ȧ, ḃ, mask</c> (linear).
/// Adjoint: each lane j of <c>ȳ</c> is added to the lane of a or b that <c>mask[j]</c> names.
/// </summary>
public sealed class ShuffleVectorRule() : LinearInstructionRule(FirstTwo, LLVMOpcode.LLVMShuffleVector)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction shuffle, LlvmValue d)
    {
        LlvmBuilder builder = context.Builder;
        LlvmType i32 = context.Emitter.Context.Int32Type;
        LlvmValue left = shuffle.Value.GetOperand(0), right = shuffle.Value.GetOperand(1);
        int width = (int)left.Type.VectorSize;
        LlvmValue adjointLeft = LlvmValue.ConstNull(left.Type), adjointRight = LlvmValue.ConstNull(right.Type);
        int?[] lanes = shuffle.ShuffleMask;
        for (int j = 0; j < lanes.Length; j++)
        {
            if (lanes[j] is not int mask)
            {
                continue;
            }
            LlvmValue element = builder.ExtractElement(d, LlvmValue.ConstInt(i32, j));
            LlvmValue index = LlvmValue.ConstInt(i32, mask % width);
            if (mask < width)
            {
                adjointLeft = builder.InsertElement(adjointLeft, builder.FAdd(builder.ExtractElement(adjointLeft, index), element), index);
            }
            else
            {
                adjointRight = builder.InsertElement(adjointRight, builder.FAdd(builder.ExtractElement(adjointRight, index), element), index);
            }
        }
        context.AddToAdjoint(left, adjointLeft);
        context.AddToAdjoint(right, adjointRight);
    }
}
