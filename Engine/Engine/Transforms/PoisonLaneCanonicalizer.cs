using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Gives every lane of a floating-point vector a defined value before reverse mode runs. The SLP
/// vectoriser builds partial vectors (<c>insertelement poison, %a, 0</c>, shuffles with undefined
/// mask lanes) whose unused lanes are poison; the primal never looks at them, but an adjoint does:
/// <c>d × b</c> with <c>d = 0</c> and a poison lane of <c>b</c> is poison, which reaches real lanes as
/// NaN. Poison vector operands become zero and undefined mask lanes pick a zero (or a defined) lane,
/// a refinement of poison that leaves the primal's results unchanged.
/// </summary>
internal static class PoisonLaneCanonicalizer
{
    public static void Run(LlvmContext context, LlvmFunction function)
    {
        using var builder = new LlvmBuilder(context);
        foreach (LlvmInstruction instruction in function.Instructions.ToList())
        {
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMInsertElement when IsFloatVector(instruction.Type) && IsUndefined(instruction.Value.GetOperand(0)):
                    instruction.Value.SetOperand(0, LlvmValue.ConstNull(instruction.Type));
                    break;
                case LLVMOpcode.LLVMShuffleVector when IsFloatVector(instruction.Type):
                    CanonicalizeShuffle(context, builder, instruction);
                    break;
            }
        }
    }

    private static void CanonicalizeShuffle(LlvmContext context, LlvmBuilder builder, LlvmInstruction shuffle)
    {
        LlvmValue left = shuffle.Value.GetOperand(0), right = shuffle.Value.GetOperand(1);
        bool leftUndefined = IsUndefined(left), rightUndefined = IsUndefined(right);
        int?[] lanes = shuffle.ShuffleMask;
        bool anyUndefinedLane = lanes.Any(lane => lane is null);
        if (!leftUndefined && !rightUndefined && !anyUndefinedLane)
        {
            return;
        }
        int width = (int)left.Type.VectorSize;
        // An undefined lane reads lane 0 of the right operand when that is (now) zero, else lane 0 of the left.
        int replacement = rightUndefined ? width : 0;
        LlvmValue[] mask = Array.ConvertAll(lanes, lane => LlvmValue.ConstInt(context.Int32Type, lane ?? replacement));
        builder.PositionBefore(shuffle);
        LlvmValue maskVector = LlvmValue.ConstVector(mask);
        LlvmValue zero = LlvmValue.ConstNull(left.Type);
        LlvmValue rebuilt = builder.ShuffleVector(leftUndefined ? zero : left, rightUndefined ? zero : right, maskVector);
        shuffle.Value.ReplaceAllUsesWith(rebuilt);
        shuffle.EraseFromParent();
    }

    private static bool IsFloatVector(LlvmType type) =>
        type.Kind is LLVMTypeKind.LLVMVectorTypeKind or LLVMTypeKind.LLVMScalableVectorTypeKind && type.ElementType.IsFloatingPoint;

    private static bool IsUndefined(LlvmValue value) => value.IsUndefined;
}
