using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>Reading and writing the element of a nested aggregate that extractvalue/insertvalue name.</summary>
internal static unsafe class AggregateIndices
{
    public static uint[] Of(LlvmInstruction instruction)
    {
        uint count = LLVM.LLVMGetNumIndices(instruction.Handle);
        uint* indices = LLVM.LLVMGetIndices(instruction.Handle);
        var result = new uint[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = indices[i];
        }
        return result;
    }

    public static LlvmValue ExtractAt(LlvmBuilder builder, LlvmValue aggregate, uint[] indices)
    {
        foreach (uint index in indices)
        {
            aggregate = builder.ExtractValue(aggregate, (int)index);
        }
        return aggregate;
    }

    public static LlvmValue InsertAt(LlvmBuilder builder, LlvmValue aggregate, uint[] indices, LlvmValue element)
    {
        if (indices.Length == 1)
        {
            return builder.InsertValue(aggregate, element, (int)indices[0]);
        }
        LlvmValue inner = builder.ExtractValue(aggregate, (int)indices[0]);
        return builder.InsertValue(aggregate, InsertAt(builder, inner, indices[1..], element), (int)indices[0]);
    }
}
