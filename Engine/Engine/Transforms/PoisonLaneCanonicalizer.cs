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
internal static unsafe class PoisonLaneCanonicalizer
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
        uint count = LLVM.LLVMGetNumMaskElements(shuffle.Handle);
        int undefinedLane = LLVM.LLVMGetUndefMaskElem();
        bool anyUndefinedLane = Enumerable.Range(0, (int)count).Any(j => LLVM.LLVMGetMaskValue(shuffle.Handle, (uint)j) == undefinedLane);
        if (!leftUndefined && !rightUndefined && !anyUndefinedLane)
        {
            return;
        }
        int width = (int)left.Type.VectorSize;
        // An undefined lane reads lane 0 of the right operand when that is (now) zero, else lane 0 of the left.
        int replacement = rightUndefined ? width : 0;
        var mask = new LLVMValueRef[count];
        for (uint j = 0; j < count; j++)
        {
            int lane = LLVM.LLVMGetMaskValue(shuffle.Handle, j);
            mask[j] = LlvmValue.ConstInt(context.Int32Type, lane == undefinedLane ? replacement : lane).Handle;
        }
        builder.PositionBefore(shuffle);
        LLVMValueRef maskVector;
        fixed (LLVMValueRef* elements = mask)
        {
            maskVector = LLVM.LLVMConstVector(elements, count);
        }
        LlvmValue zero = LlvmValue.ConstNull(left.Type);
        LLVMValueRef rebuilt;
        fixed (byte* name = NativeUtf8.Encode(string.Empty))
        {
            rebuilt = LLVM.LLVMBuildShuffleVector(builder.Handle, (leftUndefined ? zero : left).Handle, (rightUndefined ? zero : right).Handle, maskVector, (sbyte*)name);
        }
        shuffle.Value.ReplaceAllUsesWith(new LlvmValue(rebuilt));
        shuffle.EraseFromParent();
    }

    private static bool IsFloatVector(LlvmType type) =>
        type.Kind is LLVMTypeKind.LLVMVectorTypeKind or LLVMTypeKind.LLVMScalableVectorTypeKind && type.ElementType.IsFloatingPoint;

    private static bool IsUndefined(LlvmValue value) => !LLVM.LLVMIsAUndefValue(value.Handle).IsNull;
}
